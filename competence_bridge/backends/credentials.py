"""Which credentials go to which endpoint: from the environment or a private file, never from a command line.

Three schemes: HTTP Basic, Digest and bearer tokens (how each is sent is in
:mod:`competence_bridge.backends.http`). :func:`endpoint_credentials` says where they are
looked up; :class:`Credentials` never shows its secret in a ``repr``.
"""

from __future__ import annotations

import base64
import ipaddress
import os
import re
import stat
import tomllib
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from competence_bridge.errors import EndpointError
from competence_bridge.sanitize import redact_url

#: Environment variables: a user name and password, or a bearer token, for every endpoint of this process.
ENV_USER = "COMPETENCE_BRIDGE_ENDPOINT_USER"
ENV_PASSWORD = "COMPETENCE_BRIDGE_ENDPOINT_PASSWORD"
ENV_TOKEN = "COMPETENCE_BRIDGE_ENDPOINT_TOKEN"
#: ``basic`` (the default) or ``digest``: how the user name and password of the environment are sent.
ENV_AUTH = "COMPETENCE_BRIDGE_ENDPOINT_AUTH"
#: Environment variable naming the credentials file, instead of the default path.
ENV_CONFIG = "COMPETENCE_BRIDGE_ENDPOINTS"

Scheme = Literal["basic", "digest", "bearer"]
SCHEMES: tuple[str, ...] = ("basic", "digest", "bearer")
_HEADER_SAFE = re.compile(r"[\x21-\x7e]+\Z")  # a token or password that can go into a header as it is


@dataclass(frozen=True)
class Credentials:
    """What to authenticate with: a scheme, a user (not for bearer) and the secret (password or token).

    The secret never shows in a ``repr`` or a message.
    """

    scheme: Scheme
    user: str | None
    secret: str = field(repr=False)
    origin: str = "given"  # where they came from: "environment", the credentials file, or "given"

    def __repr__(self) -> str:
        return f"Credentials(scheme={self.scheme!r}, user={self.user!r}, secret=<hidden>, origin={self.origin!r})"

    def hidden(self) -> list[str]:
        """Strings that must never appear in a message: the secret and the header values made from it."""
        found = [self.secret, base64.b64encode(f"{self.user}:{self.secret}".encode()).decode("ascii")]
        return [text for text in found if len(text) >= 3]


#: What a caller may pass as *auth*: credentials, or (user, password) for HTTP Basic.
Auth = Credentials | tuple[str, str]


def as_credentials(auth: Auth | None) -> Credentials | None:
    """*auth* as :class:`Credentials` (a (user, password) pair means HTTP Basic)."""
    if auth is None or isinstance(auth, Credentials):
        return auth
    user, password = auth
    return Credentials("basic", user, password)


# --- where credentials come from ----------------------------------------------------------

def config_path() -> Path:
    """The credentials file: ``$COMPETENCE_BRIDGE_ENDPOINTS``, else ``$XDG_CONFIG_HOME`` or ``~/.config``."""
    if explicit := os.environ.get(ENV_CONFIG):
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "competence-bridge" / "endpoints.toml"


def _covers(key: str, url: str) -> bool:
    a, b = urlsplit(key), urlsplit(url)
    if (a.scheme.lower(), a.hostname, a.port) != (b.scheme.lower(), b.hostname, b.port):
        return False
    prefix = a.path.rstrip("/")
    return b.path == prefix or b.path.startswith(prefix + "/") or not prefix


def endpoint_credentials(url: str) -> Credentials | None:
    """The credentials to send to *url*, or ``None`` for an anonymous request.

    Looked up in this order: ``COMPETENCE_BRIDGE_ENDPOINT_TOKEN`` (a bearer token); then
    ``COMPETENCE_BRIDGE_ENDPOINT_USER`` and ``COMPETENCE_BRIDGE_ENDPOINT_PASSWORD`` (both set),
    sent as ``COMPETENCE_BRIDGE_ENDPOINT_AUTH`` says (``basic``, the default, or ``digest``); then
    the TOML file :func:`config_path`, whose tables are keyed by endpoint URL; the most specific
    key whose scheme, host, port and path prefix match *url* wins::

        ["https://sparql.example.org/competences"]
        user = "editor"
        password = "..."
        auth = "digest"          # optional: basic (default with user and password) or digest

        ["https://qlever.example.org/"]
        token = "..."            # a bearer token (auth = "bearer" is implied)

    The file must not be readable by group or others (``chmod 600``).

    :raises EndpointError: for a readable file, a malformed entry or an unknown scheme
    """
    token = os.environ.get(ENV_TOKEN)
    if token:
        return _checked(Credentials("bearer", None, token, "environment"), ENV_TOKEN)
    user, password = os.environ.get(ENV_USER), os.environ.get(ENV_PASSWORD)
    if user and password is not None:
        scheme = (os.environ.get(ENV_AUTH) or "basic").strip().lower()
        if scheme not in ("basic", "digest"):
            raise EndpointError(f"{ENV_AUTH} must be basic or digest, not {scheme!r}")
        return _checked(Credentials(scheme, user, password, "environment"), ENV_USER)  # type: ignore[arg-type]
    return _from_file(url)


def _from_file(url: str) -> Credentials | None:
    path = config_path()
    if not path.is_file():
        return None
    if os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise EndpointError(f"{path}: credentials file is readable by others; run chmod 600 {path}")
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise EndpointError(f"{path}: not a valid TOML credentials file: {error}") from None
    matches = [key for key, entry in table.items() if isinstance(entry, dict) and _covers(key, url)]
    if not matches:
        return None
    key = max(matches, key=len)
    entry, where = table[key], f"{path}: the entry for {redact_url(key)!r}"
    scheme = entry.get("auth", "bearer" if "token" in entry else "basic")
    if scheme not in SCHEMES:
        raise EndpointError(f"{where}: auth must be one of {', '.join(SCHEMES)}, not {scheme!r}")
    if scheme == "bearer":
        if not isinstance(entry.get("token"), str) or not entry["token"]:
            raise EndpointError(f"{where} needs a string 'token'")
        return _checked(Credentials("bearer", None, entry["token"], str(path)), where)
    if not isinstance(entry.get("user"), str) or not isinstance(entry.get("password"), str):
        raise EndpointError(f"{where} needs string 'user' and 'password'")
    return _checked(Credentials(scheme, entry["user"], entry["password"], str(path)), where)


def _checked(credentials: Credentials, where: str) -> Credentials:
    """Refuse credentials that cannot go into a header as they are (no header injection)."""
    user = credentials.user or ""
    if credentials.scheme == "bearer" and not _HEADER_SAFE.match(credentials.secret):
        raise EndpointError(f"{where}: a bearer token has no spaces or control characters")
    if credentials.scheme == "basic" and ":" in user:
        raise EndpointError(f"{where}: a user name for Basic authentication has no ':'")
    if credentials.scheme == "digest" and re.search(r'["\\\x00-\x1f\x7f]', user):
        raise EndpointError(f"{where}: a Digest user name has no quotes, backslashes or control characters")
    return credentials


def resolve_credentials(url: str, auth: Auth | None) -> Credentials | None:
    """*auth* when given, else :func:`endpoint_credentials` of *url*; warns when they would go over plain http."""
    found = as_credentials(auth) if auth is not None else endpoint_credentials(url)
    if found is not None:
        _warn_plain_http(url)
    return found


def _warn_plain_http(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "http" and not _is_loopback(parts.hostname or ""):
        warnings.warn(f"sending credentials over plain http to {parts.hostname}; use https", stacklevel=4)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

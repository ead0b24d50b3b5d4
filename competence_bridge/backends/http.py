"""HTTP for SPARQL endpoints: credentials that stay with their origin, bounded answers, redacted messages.

Credentials come from the environment or a private credentials file
(:func:`~competence_bridge.backends.credentials.endpoint_credentials`), never from a command line
or a URL. Three schemes: HTTP Basic (sent with the first request),
Digest (RFC 7616: MD5, SHA-256 and their ``-sess`` forms, ``qop=auth``; answered when the server
asks, and re-used for later requests to the same origin) and bearer tokens (QLever, most
gateways).

Redirects: at most ``endpoint_redirects`` (``taxonomies/limits.yaml``) are followed, with the
method and body kept. A request that carries credentials follows a redirect only within its
origin (scheme, host and port): a redirect elsewhere is refused with an error that says so,
and the credentials are never sent there. An anonymous request may follow a redirect to
another origin, but never from https to plain http.

Answers: at most ``endpoint_answer_bytes`` are read, and one answer may take at most
``endpoint_answer_seconds`` in all (*timeout* bounds each wait for data). Messages never show a
URL's query string (it may hold an ``api_key``), a password, a token, an ``Authorization``
header value, or the body of a 401/403/407 answer (a server may echo the credentials there);
other error bodies are shown cut short, with secrets removed and control characters escaped.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPResponse
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qsl, urljoin, urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener, parse_http_list, parse_keqv_list

from competence_bridge.backends.credentials import (  # noqa: F401 (importable from here too)
    ENV_AUTH,
    ENV_CONFIG,
    ENV_PASSWORD,
    ENV_TOKEN,
    ENV_USER,
    Auth,
    Credentials,
    as_credentials,
    config_path,
    endpoint_credentials,
    resolve_credentials,
)
from competence_bridge.curated.limits import limits
from competence_bridge.errors import EndpointError
from competence_bridge.sanitize import redact_url, terminal_safe

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


# --- redaction ----------------------------------------------------------------------------

def redact(text: str, credentials: Credentials | None) -> str:
    """*text* with every secret of *credentials* replaced by ``***`` and control characters escaped."""
    for hidden in credentials.hidden() if credentials is not None else ():
        text = text.replace(hidden, "***")
    return terminal_safe(text, layout=False)


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of *url*, with the default port made explicit."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(scheme)


# --- requests -----------------------------------------------------------------------------

class _NoRedirects(HTTPRedirectHandler):
    """Hands every redirect back to :func:`post`, which decides whether to follow it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl) -> None:  # type: ignore[no-untyped-def]  # noqa: ANN001
        return None


_OPENER = build_opener(_NoRedirects)
_DIGEST: dict[tuple[str, str, int | None], dict[str, str]] = {}  # origin → the last Digest challenge
_DIGEST_COUNT: dict[tuple[str, str, int | None], int] = {}
_DIGEST_LOCK = threading.Lock()


@dataclass(frozen=True)
class Answer:
    """An endpoint's answer: its body and content type."""

    body: bytes
    content_type: str


def post(url: str, body: bytes, content_type: str, *, credentials: Credentials | None, timeout: float,
         accept: str = "*/*") -> Answer:
    """POST *body* to *url* by the rules of the module docstring and return the answer.

    :raises EndpointError: for an HTTP error, an unreachable endpoint, a refused redirect, an answer
        that is too large or too slow, or credentials the endpoint refuses
    """
    caps = limits()
    start, current, hops, challenges = time.monotonic(), url, 0, 0
    while True:
        headers = {"Content-Type": content_type, "Accept": accept, "User-Agent": "competence-bridge"}
        if credentials is not None:
            header = _authorization(credentials, current)
            if header is not None:
                headers["Authorization"] = header
        try:
            response: HTTPResponse = _OPENER.open(Request(current, data=body, headers=headers, method="POST"),
                                                  timeout=timeout)
        except HTTPError as error:
            with error:
                if error.code in _REDIRECTS and hops < caps.endpoint_redirects:
                    current, hops = _follow(url, current, error.headers.get("Location"), credentials), hops + 1
                    continue
                if (error.code == 401 and credentials is not None and credentials.scheme == "digest"
                        and challenges < 2 and _remember_challenge(current, error.headers)):
                    challenges += 1  # a first challenge, or a stale nonce
                    continue
                raise _http_failure(error, current, credentials, hops) from None
        except TimeoutError:
            raise EndpointError(f"{redact_url(current)}: no answer within {timeout:g} s") from None
        except (URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise EndpointError(f"{redact_url(current)}: cannot reach the endpoint: "
                                f"{redact(str(reason), credentials)}") from None
        with response:
            data = _read(response, current, caps.endpoint_answer_bytes, start + caps.endpoint_answer_seconds,
                         timeout)
            return Answer(data, response.headers.get("Content-Type", ""))


def _follow(first: str, current: str, location: str | None, credentials: Credentials | None) -> str:
    """The URL a redirect leads to, when the rules allow following it."""
    if not location:
        raise EndpointError(f"{redact_url(current)}: a redirect without a Location")
    try:
        target = urljoin(current, location.strip())
        same = origin(target) == origin(current)
    except ValueError:
        raise EndpointError(f"{redact_url(current)}: a redirect to a malformed URL; not following it") from None
    if urlsplit(target).scheme not in ("http", "https"):
        raise EndpointError(f"{redact_url(current)}: redirects to a non-http(s) URL; not following it")
    if not same:
        if credentials is not None:
            raise EndpointError(
                f"{redact_url(current)}: redirects to another origin ({redact_url(target)}); not following it, "
                f"so that the credentials meant for {'://'.join(origin(first)[:2])} are not sent elsewhere. If "
                "that is the endpoint's new address, use it directly (with credentials of its own)")
        if urlsplit(current).scheme == "https" and urlsplit(target).scheme == "http":
            raise EndpointError(f"{redact_url(current)}: redirects from https to plain http "
                                f"({redact_url(target)}); not following it")
    return target


def _read(response: HTTPResponse, url: str, limit: int, deadline: float, timeout: float) -> bytes:
    """The whole body, refusing more than *limit* bytes or a body still arriving at *deadline*."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise EndpointError(f"{redact_url(url)}: the answer took longer than the limit endpoint_answer_seconds "
                                "of taxonomies/limits.yaml; nothing was used")
        try:
            block = response.read1(1 << 16)
        except TimeoutError:
            raise EndpointError(f"{redact_url(url)}: the answer stopped for more than {timeout:g} s") from None
        except OSError as error:
            raise EndpointError(f"{redact_url(url)}: the answer broke off: {error}") from None
        if not block:
            return b"".join(chunks)
        size += len(block)
        if size > limit:
            raise EndpointError(f"{redact_url(url)}: the answer is larger than {limit:,} bytes, the limit "
                                "endpoint_answer_bytes of taxonomies/limits.yaml; nothing was used")
        chunks.append(block)


def _http_failure(error: HTTPError, url: str, credentials: Credentials | None, hops: int) -> EndpointError:
    where = f"{redact_url(url)}: HTTP {error.code} {terminal_safe(str(error.reason), layout=False)}"
    if error.code in _REDIRECTS:
        return EndpointError(f"{where}: more than {hops} redirects (the limit endpoint_redirects)")
    if error.code == 401:
        if credentials is None:
            return EndpointError(f"{where}: the endpoint needs credentials; set {ENV_USER} and {ENV_PASSWORD} "
                                 f"(or {ENV_TOKEN}), or add it to {config_path()}")
        wanted = _schemes(error.headers)
        hint = (f"; it asks for {', '.join(wanted)} authentication, not {credentials.scheme}"
                if wanted and credentials.scheme not in wanted else "")
        return EndpointError(f"{where}: the endpoint refused the credentials from {credentials.origin}{hint}")
    if error.code in (403, 407):
        return EndpointError(f"{where}: access refused")
    try:
        detail = error.read(500).decode("utf-8", "replace")
    except OSError:
        detail = ""
    detail = redact(" ".join(detail.split()), credentials)
    query = urlsplit(url).query
    for secret in sorted({query, *(value for _, value in parse_qsl(query))}, key=len, reverse=True):
        if len(secret) >= 3:
            detail = detail.replace(secret, "***")  # a server may echo the URL, api_key and all
    detail = detail[:300]
    return EndpointError(f"{where}: {detail}" if detail else where)


def _schemes(headers: Message) -> list[str]:
    """The authentication schemes a 401 answer asks for, lower case."""
    return [value.split(None, 1)[0].lower() for value in headers.get_all("WWW-Authenticate") or [] if value.strip()]


# --- authentication -----------------------------------------------------------------------

def _authorization(credentials: Credentials, url: str) -> str | None:
    """The Authorization header for a request to *url* (``None``: Digest without a challenge yet)."""
    if credentials.scheme == "bearer":
        return f"Bearer {credentials.secret}"
    if credentials.scheme == "basic":
        token = base64.b64encode(f"{credentials.user}:{credentials.secret}".encode()).decode("ascii")
        return f"Basic {token}"
    key = origin(url)
    with _DIGEST_LOCK:
        challenge = _DIGEST.get(key)
        if challenge is None:
            return None
        count = _DIGEST_COUNT[key] = _DIGEST_COUNT.get(key, 0) + 1
    return _digest(credentials, url, challenge, count)


def _remember_challenge(url: str, headers: Message) -> bool:
    """Keep the Digest challenge of a 401; False when the server sent none this client can answer."""
    for value in headers.get_all("WWW-Authenticate") or []:
        scheme, _, rest = value.strip().partition(" ")
        if scheme.lower() != "digest":
            continue
        challenge = {key.lower(): item for key, item in parse_keqv_list(
            [part for part in parse_http_list(rest) if "=" in part]).items()}
        algorithm = challenge.get("algorithm", "MD5").upper()
        qops = [q.strip() for q in challenge.get("qop", "auth").split(",")]
        if "nonce" in challenge and algorithm in _HASHES and ("auth" in qops or "qop" not in challenge):
            with _DIGEST_LOCK:
                _DIGEST[origin(url)] = challenge
                _DIGEST_COUNT[origin(url)] = 0
            return True
    return False


_HASHES = {"MD5": "md5", "MD5-SESS": "md5", "SHA-256": "sha256", "SHA-256-SESS": "sha256"}


def _digest(credentials: Credentials, url: str, challenge: dict[str, str], count: int) -> str:
    """An RFC 7616 Digest ``Authorization`` header for a POST to *url*."""
    algorithm = challenge.get("algorithm", "MD5").upper()
    name = _HASHES[algorithm]

    def h(text: str) -> str:
        return hashlib.new(name, text.encode("utf-8")).hexdigest()

    parts = urlsplit(url)
    uri = parts.path + (f"?{parts.query}" if parts.query else "") or "/"
    realm, nonce, cnonce, nc = challenge.get("realm", ""), challenge["nonce"], secrets.token_hex(8), f"{count:08x}"
    ha1 = h(f"{credentials.user}:{realm}:{credentials.secret}")
    if algorithm.endswith("-SESS"):
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"POST:{uri}")
    if "qop" in challenge:
        response = h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        extra = f', qop=auth, nc={nc}, cnonce="{cnonce}"'
    else:
        response, extra = h(f"{ha1}:{nonce}:{ha2}"), ""
    opaque = f', opaque="{challenge["opaque"]}"' if "opaque" in challenge else ""
    return (f'Digest username="{credentials.user}", realm="{realm}", nonce="{nonce}", uri="{uri}", '
            f'algorithm={algorithm}, response="{response}"{extra}{opaque}')

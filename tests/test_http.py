"""The endpoint HTTP client against local servers: Basic, Digest and bearer auth, redirects, endless answers.

Every server is an ``http.server`` in a thread on 127.0.0.1 that this test starts; two servers on
two ports are two origins.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from competence_bridge.backends import http as client
from competence_bridge.backends.endpoint import endpoint_graph
from competence_bridge.backends.http import Credentials, endpoint_credentials, post, redact_url
from competence_bridge.curated.limits import limits
from competence_bridge.errors import EndpointError

EMPTY = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'
REALM = "competences"


class _Server(http.server.BaseHTTPRequestHandler):
    """Answers by the first part of the path: /basic, /digest-md5, /digest-sha256, /bearer, /redirect-*, /endless."""

    seen: ClassVar[list[tuple[str, dict[str, str]]]] = []
    other: ClassVar[str] = ""  # base URL of the other origin
    nonce: ClassVar[str] = "dcd98b7102dd2f0e8b11d0f600bfb0c093"

    def handle(self) -> None:
        """Serve; a client that gave up (a timeout test) is no error of the server's."""
        try:
            super().handle()
        except OSError:
            pass

    def do_POST(self) -> None:  # noqa: N802
        _Server.seen.append((f"{self.server.server_address[1]}{self.path}", dict(self.headers)))
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        kind = self.path.strip("/").split("/")[0].split("?")[0]
        given = self.headers.get("Authorization", "")
        if kind == "basic":
            expected = "Basic " + base64.b64encode(b"editor:s3cret").decode()
            self._auth(given == expected, 'Basic realm="competences"', given)
        elif kind.startswith("digest"):
            algorithm = "SHA-256" if kind == "digest-sha256" else "MD5"
            self._auth(self._digest_ok(given, algorithm), f'Digest realm="{REALM}", nonce="{_Server.nonce}", '
                       f'qop="auth", algorithm={algorithm}, opaque="5ccc069c403ebaf9f0171e9517f40e41"', given)
        elif kind == "bearer":
            self._auth(given == "Bearer tok-3n", 'Bearer realm="competences"', given)
        elif kind == "redirect-away":
            self._redirect(f"{_Server.other}/basic")
        elif kind == "redirect-home":
            self._redirect("/basic")
        elif kind == "redirect-loop":
            self._redirect("/redirect-loop")
        elif kind == "endless":
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b" " * 65536)
            except OSError:
                return
        elif kind == "drip":
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                return
        elif kind == "echo":
            self._send(500, given.encode() + b" was your header; api_key in " + self.path.encode(), "text/plain")
        else:
            self._send(200, EMPTY)

    def _auth(self, ok: bool, challenge: str, given: str) -> None:
        if ok:
            self._send(200, EMPTY)
        else:
            self._send(401, f"denied: you sent {given!r}".encode(), "text/plain", challenge)

    def _digest_ok(self, given: str, algorithm: str) -> bool:
        if not given.startswith("Digest "):
            return False
        fields = dict(part.strip().split("=", 1) for part in given[7:].split(", "))
        fields = {key: value.strip('"') for key, value in fields.items()}
        name = "sha256" if algorithm == "SHA-256" else "md5"

        def h(text: str) -> str:
            return hashlib.new(name, text.encode()).hexdigest()

        ha1 = h(f"editor:{REALM}:s3cret")
        ha2 = h(f"POST:{fields['uri']}")
        expected = h(f"{ha1}:{_Server.nonce}:{fields['nc']}:{fields['cnonce']}:auth:{ha2}")
        return (fields.get("response") == expected and fields.get("username") == "editor"
                and fields.get("opaque") == "5ccc069c403ebaf9f0171e9517f40e41" and fields["uri"] == self.path)

    def _redirect(self, location: str) -> None:
        self.send_response(307)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, body: bytes, kind: str = "application/sparql-results+json",
              challenge: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if challenge:
            self.send_header("WWW-Authenticate", challenge)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def _start() -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture()
def servers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two servers (two origins), no credentials in the environment, no credentials file."""
    for name in (client.ENV_USER, client.ENV_PASSWORD, client.ENV_TOKEN, client.ENV_AUTH):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(client.ENV_CONFIG, str(tmp_path / "none.toml"))
    client._DIGEST.clear()
    first, home = _start()
    second, away = _start()
    _Server.seen.clear()
    _Server.other = away
    try:
        yield home, away
    finally:
        for server in (first, second):
            server.shutdown()
            server.server_close()


def _query(url: str, auth: Credentials | tuple[str, str] | None = None) -> list[object]:
    return list(endpoint_graph(url, graphs="default", auth=auth, timeout=5).query("SELECT ?s WHERE { ?s ?p ?o }"))


BASIC = Credentials("basic", "editor", "s3cret")


# --- each scheme ----------------------------------------------------------------------------

def test_basic_auth_from_the_environment(servers: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = servers
    with pytest.raises(EndpointError, match=r"/basic: HTTP 401 Unauthorized: the endpoint needs credentials; set "
                                            "COMPETENCE_BRIDGE_ENDPOINT_USER and COMPETENCE_BRIDGE_ENDPOINT_PASSWORD"):
        _query(f"{home}/basic")
    monkeypatch.setenv(client.ENV_USER, "editor")
    monkeypatch.setenv(client.ENV_PASSWORD, "s3cret")
    assert _query(f"{home}/basic") == []
    monkeypatch.setenv(client.ENV_PASSWORD, "wrong")
    with pytest.raises(EndpointError) as refused:
        _query(f"{home}/basic")
    assert str(refused.value) == (f"{home}/basic: HTTP 401 Unauthorized: the endpoint refused the credentials "
                                  "from environment")  # the 401 body, which echoes the header, is not shown


@pytest.mark.parametrize("path", ["digest-md5", "digest-sha256"])
def test_digest_auth_answers_the_challenge_and_reuses_it(servers: tuple[str, str], path: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = servers
    monkeypatch.setenv(client.ENV_USER, "editor")
    monkeypatch.setenv(client.ENV_PASSWORD, "s3cret")
    with pytest.raises(EndpointError, match="it asks for digest authentication, not basic"):
        _query(f"{home}/{path}")
    monkeypatch.setenv(client.ENV_AUTH, "digest")
    assert _query(f"{home}/{path}") == []
    assert _query(f"{home}/{path}") == []
    headers = [seen.get("Authorization", "") for _, seen in _Server.seen[-3:]]
    assert headers[0] == "" and headers[1].startswith("Digest ") and "nc=00000002" in headers[2]
    assert all("s3cret" not in header for header in headers)  # the password itself never travels


def test_bearer_token_and_the_credentials_file(servers: tuple[str, str], monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    home, _ = servers
    config = tmp_path / "endpoints.toml"
    config.write_text(f'["{home}/bearer"]\ntoken = "tok-3n"\n["{home}/digest-md5"]\nuser = "editor"\n'
                      'password = "s3cret"\nauth = "digest"\n', encoding="utf-8")
    config.chmod(0o600)
    monkeypatch.setenv(client.ENV_CONFIG, str(config))
    assert endpoint_credentials(f"{home}/bearer") == Credentials("bearer", None, "tok-3n", str(config))
    assert _query(f"{home}/bearer") == [] and _Server.seen[-1][1]["Authorization"] == "Bearer tok-3n"
    assert _query(f"{home}/digest-md5") == []
    monkeypatch.setenv(client.ENV_TOKEN, "tok-3n")  # the environment comes first
    assert endpoint_credentials(f"{home}/digest-md5") == Credentials("bearer", None, "tok-3n", "environment")
    assert "tok-3n" not in repr(endpoint_credentials(home))


@pytest.mark.parametrize(("entry", "message"), [
    ('token = "two words"', "a bearer token has no spaces or control characters"),
    ('user = "a"\npassword = "b"\nauth = "ntlm"', "auth must be one of basic, digest, bearer, not 'ntlm'"),
    ('user = "a:b"\npassword = "c"', "a user name for Basic authentication has no ':'"),
    ('user = "a\\""\npassword = "c"\nauth = "digest"', "a Digest user name has no quotes, backslashes"),
    ('auth = "bearer"', "needs a string 'token'"),
])
def test_credentials_that_cannot_go_into_a_header_are_refused(entry: str, message: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (client.ENV_USER, client.ENV_PASSWORD, client.ENV_TOKEN):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "endpoints.toml"
    config.write_text(f'["https://sparql.example.org/"]\n{entry}\n', encoding="utf-8")
    config.chmod(0o600)
    monkeypatch.setenv(client.ENV_CONFIG, str(config))
    with pytest.raises(EndpointError, match=message):
        endpoint_credentials("https://sparql.example.org/query")


# --- redirects ------------------------------------------------------------------------------

def test_credentials_never_follow_a_redirect_to_another_origin(servers: tuple[str, str]) -> None:
    home, away = servers
    with pytest.raises(EndpointError) as refused:
        _query(f"{home}/redirect-away", auth=BASIC)
    assert str(refused.value) == (
        f"{home}/redirect-away: redirects to another origin ({away}/basic); not following it, so that the "
        f"credentials meant for http://127.0.0.1 are not sent elsewhere. If that is the endpoint's new address, "
        "use it directly (with credentials of its own)")
    assert [where for where, _ in _Server.seen] == [f"{home.rsplit(':', 1)[1]}/redirect-away"]  # `away` saw nothing


def test_a_redirect_within_the_origin_keeps_the_credentials(servers: tuple[str, str]) -> None:
    home, _ = servers
    assert _query(f"{home}/redirect-home", auth=BASIC) == []
    assert [where.split("/", 1)[1] for where, _ in _Server.seen] == ["redirect-home", "basic"]
    with pytest.raises(EndpointError, match=r"HTTP 307 Temporary Redirect: more than 5 redirects"):
        _query(f"{home}/redirect-loop", auth=BASIC)


def test_an_anonymous_request_may_follow_another_origin_without_any_authorization(servers: tuple[str, str]) -> None:
    home, away = servers
    with pytest.raises(EndpointError, match=f"{away}/basic: HTTP 401"):
        _query(f"{home}/redirect-away")
    assert all("Authorization" not in headers for _, headers in _Server.seen)
    assert _Server.seen[-1][0] == f"{away.rsplit(':', 1)[1]}/basic"


# --- bounded answers and redacted messages --------------------------------------------------

def test_an_endless_answer_is_cut_at_the_size_cap(servers: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = servers
    monkeypatch.setattr(client, "limits", lambda: limits().model_copy(update={"endpoint_answer_bytes": 5_000_000}))
    with pytest.raises(EndpointError) as capped:
        _query(f"{home}/endless")
    assert str(capped.value) == (f"{home}/endless: the answer is larger than 5,000,000 bytes, the limit "
                                 "endpoint_answer_bytes of taxonomies/limits.yaml; nothing was used")


def test_a_dripping_answer_is_cut_at_the_time_cap(servers: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = servers
    monkeypatch.setattr(client, "limits", lambda: limits().model_copy(update={"endpoint_answer_seconds": 1}))
    with pytest.raises(EndpointError, match=r"/drip: the answer took longer than the limit endpoint_answer_seconds"):
        _query(f"{home}/drip")


def test_query_strings_and_secrets_never_reach_a_message(servers: tuple[str, str]) -> None:
    home, _ = servers
    with pytest.raises(EndpointError) as failed:
        _query(f"{home}/echo?api_key=SECRET-KEY", auth=BASIC)
    message = str(failed.value)
    assert message == f"{home}/echo?…: HTTP 500 Internal Server Error: Basic *** was your header; api_key in /echo?***"
    assert "s3cret" not in message and base64.b64encode(b"editor:s3cret").decode() not in message
    assert redact_url("https://h.example:8443/q?api_key=x#frag") == "https://h.example:8443/q?…"
    with pytest.raises(EndpointError, match=r"^http://127.0.0.1:9/q\?…: cannot reach the endpoint"):
        post("http://127.0.0.1:9/q?api_key=SECRET", b"", "text/plain", credentials=None, timeout=2)


@pytest.mark.parametrize(("url", "position"), [
    ("http://sparql.example.org/q\r\nHost: other.example", 27),
    ("http://sparql.example.org/a b", 27),
    ("http://spärql.example.org/q", 9),
    ("http://sparql.example.org/q\x00", 27),
])
def test_endpoint_urls_with_spaces_controls_or_non_ascii_are_refused(url: str, position: int) -> None:
    from competence_bridge.backends.sparql import checked_url
    from competence_bridge.errors import EndpointError

    with pytest.raises(EndpointError) as caught:
        checked_url(url)
    assert str(caught.value).startswith("the endpoint URL holds a space, control or non-ASCII character at position "
                                        f"{position}; percent-encode it: http://")
    assert "\n" not in str(caught.value) and "\r" not in str(caught.value)

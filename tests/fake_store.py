"""A small HTTP server that plays a triple store for the tests of kg push and kg query --endpoint.

It records every request, checks HTTP Basic or Digest credentials the way RFC 7617
and RFC 7616 say (computed here, independently of kg.remote), and answers with
what the test sets: for the Graph Store Protocol it keeps the N-Triples it is
sent per graph (PUT replaces, POST adds); for queries it returns a canned body.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeStore:
    """What the server does; change the fields in a test before sending requests."""

    auth: str | None = None  # None, "basic" or "digest"
    user: str = "kg"
    password: str = "secret ü"
    algorithm: str = "MD5"  # for digest: MD5 or SHA-256
    qop: str | None = "auth"
    fail_status: int | None = None  # answer every body-carrying request with this status
    fail_after: int = 0  # ... after this many successful ones
    fail_body: bytes = b""
    fail_type: str = "text/html; charset=utf-8"
    query_status: int = 200
    query_type: str = "application/sparql-results+json"
    query_body: bytes = b'{"head": {"vars": []}, "results": {"bindings": []}}'
    query_headers: dict[str, str] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    graphs: dict[str | None, list[bytes]] = field(default_factory=lambda: defaultdict(list))
    nonces: set[str] = field(default_factory=set)
    base: str = ""

    @property
    def gsp(self) -> str:
        return f"{self.base}/store"

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    def body_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.method in ("PUT", "POST")]

    # -------------------------------------------------------------- authentication

    def challenge(self) -> str:
        if self.auth == "basic":
            return 'Basic realm="fake"'
        nonce = secrets.token_hex(8)
        self.nonces.add(nonce)
        qop = f', qop="{self.qop}"' if self.qop else ""
        return f'Digest realm="fake", nonce="{nonce}", opaque="op"{qop}, algorithm={self.algorithm}'

    def authorised(self, method: str, header: str | None) -> bool:
        if self.auth is None:
            return True
        if not header:
            return False
        scheme, _, value = header.partition(" ")
        if self.auth == "basic":
            expected = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
            return scheme.lower() == "basic" and value == expected
        if scheme.lower() != "digest":
            return False
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(value))
        algo = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}[self.algorithm]

        def h(text: str) -> str:
            return algo(text.encode()).hexdigest()

        if fields.get("nonce") not in self.nonces or fields.get("opaque") != "op":
            return False
        ha1 = h(f"{self.user}:fake:{self.password}")
        ha2 = h(f"{method}:{fields.get('uri')}")
        if self.qop:
            expected = h(f"{ha1}:{fields['nonce']}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}")
        else:
            expected = h(f"{ha1}:{fields['nonce']}:{ha2}")
        return fields.get("response") == expected and fields.get("username") == self.user


def _handler(store: FakeStore) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _answer(self, status: int, body: bytes = b"", content_type: str = "text/plain", extra: dict | None = None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _handle(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            record = Recorded(
                self.command,
                parts.path,
                urllib.parse.parse_qs(parts.query, keep_blank_values=True),
                dict(self.headers.items()),
                body,
            )
            store.requests.append(record)
            if not store.authorised(self.command, self.headers.get("Authorization")):
                self._answer(401, b"login first", extra={"WWW-Authenticate": store.challenge()})
                return
            if self.command == "HEAD":
                self._answer(200)
                return
            if parts.path == "/sparql":
                self._answer(store.query_status, store.query_body, store.query_type, store.query_headers)
                return
            if parts.path != "/store":
                self._answer(404, b"<html><body><h1>Not here</h1></body></html>", "text/html")
                return
            done = len(store.body_requests()) - 1
            if store.fail_status is not None and done >= store.fail_after:
                self._answer(store.fail_status, store.fail_body, store.fail_type)
                return
            graph = record.query.get("graph", [None])[0]
            if self.command == "PUT":
                store.graphs[graph] = []
            store.graphs[graph].append(body)
            self._answer(201 if self.command == "PUT" else 204)

        do_GET = do_POST = do_PUT = do_HEAD = _handle

    return Handler


class Running:
    """A :class:`FakeStore` served on a free loopback port (use as a context manager)."""

    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store or FakeStore()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.store))
        self.store.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeStore:
        self.thread.start()
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

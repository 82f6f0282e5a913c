"""Remote SPARQL stores over HTTP: the query endpoint (:class:`SparqlEndpoint`) and the HTTP layer
that ``kg push`` shares with it (:class:`HttpClient`).

:class:`SparqlEndpoint` is an :class:`~kg.engine.Engine`: it answers the same
canned queries as the local engines, with the same :class:`~kg.query.QueryResult`
of rdflib terms, by sending them to any server that implements the
`SPARQL 1.1 Protocol <https://www.w3.org/TR/sparql11-protocol/>`_ (Virtuoso,
Fuseki, GraphDB, Oxigraph server, …):

- the query goes as an HTML form (``POST``, ``query=…``), which every such server
  accepts; kg's prefixes (:data:`kg.namespaces.PREFIXES`) are declared on its
  first line for those the query does not declare itself, so line numbers in the
  server's messages are the query's own;
- parameters are bound by substitution (:func:`kg.engine.substitute`), as for Oxigraph;
- SELECT and ASK answers are read from the SPARQL 1.1 Query Results JSON format
  (:func:`parse_results_json`): typed literals, language tags, blank nodes, and
  ``None`` for an unbound variable; CONSTRUCT and DESCRIBE answers from N-Triples
  or Turtle (whatever the server sends of the formats asked for).

:class:`HttpClient` uses only the standard library (urllib). It authenticates
with HTTP Basic or Digest (RFC 7616: MD5 or SHA-256, ``qop=auth``), and sends
the credentials *with* each request once it knows the scheme, rather than
waiting for a 401 each time: a server that refuses a large upload with 401
(Virtuoso does) closes the connection while the body is still being sent, so
``kg push`` asks for the challenge first with an empty ``HEAD`` request
(:meth:`HttpClient.authenticate`) and reuses the Digest nonce (counting ``nc``)
for every chunk.

Every failure is a :class:`RemoteError` (exit code 3) whose message names the
store, the HTTP status and the server's own message, trimmed to one line — except
a query the endpoint rejects as malformed (HTTP 400), which is a
:class:`~kg.query.QuerySyntaxError` (exit code 2), as it is for a local engine.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import secrets
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import Message
from http.client import HTTPException

import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from kg.errors import EXIT_BAD_INPUT, KgError, QuerySyntaxError, UsageError
from kg.namespaces import PREFIXES
from kg.query import QueryResult, query_params

__all__ = [
    "AUTH_SCHEMES",
    "DEFAULT_TIMEOUT",
    "Credentials",
    "HttpClient",
    "HttpStatusError",
    "RejectedQueryError",
    "RemoteError",
    "Response",
    "SparqlEndpoint",
    "bind_parameters",
    "check_url",
    "parse_results_json",
    "server_message",
    "with_prefixes",
]

#: ``--auth`` choices: ``auto`` answers whichever scheme the server asks for (Digest first).
AUTH_SCHEMES: tuple[str, ...] = ("auto", "basic", "digest")

#: Seconds to wait for a server's answer (``--timeout``).
DEFAULT_TIMEOUT = 300.0

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_MESSAGE_MAX = 300

_RESULTS_JSON = "application/sparql-results+json"
_ACCEPT_SOLUTIONS = f"{_RESULTS_JSON}, application/json;q=0.9"
_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5, text/plain;q=0.4"
# media type -> rdflib parser name, for CONSTRUCT and DESCRIBE answers
_GRAPH_PARSERS = {
    "application/n-triples": "nt",
    "text/plain": "nt",  # N-Triples as older servers (Virtuoso) label it
    "text/ntriples": "nt",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "text/n3": "n3",
    "text/rdf+n3": "n3",
}


class RemoteError(KgError):
    """A remote store could not be reached, refused a request or answered something kg cannot read.
    Exit code 3."""

    exit_code = EXIT_BAD_INPUT


class HttpStatusError(RemoteError):
    """The server answered with an HTTP error status; ``status`` and ``server_message`` say which."""

    def __init__(self, message: str, *, status: int, server_message: str) -> None:
        super().__init__(message)
        self.status = status
        self.server_message = server_message


class RejectedQueryError(QuerySyntaxError):
    """The endpoint refused the query as malformed (HTTP 400). Exit code 2, as for a query that a local
    engine cannot parse."""


@dataclass(frozen=True)
class Credentials:
    """A user name and password, and the scheme to send them with (one of :data:`AUTH_SCHEMES`)."""

    user: str
    password: str = field(repr=False)
    scheme: str = "auto"

    def __post_init__(self) -> None:
        if self.scheme not in AUTH_SCHEMES:
            raise UsageError(f"unknown authentication scheme {self.scheme!r}; choose one of: {', '.join(AUTH_SCHEMES)}")


@dataclass(frozen=True)
class Response:
    """A successful HTTP answer."""

    status: int
    headers: Message
    body: bytes

    @property
    def media_type(self) -> str:
        """The Content-Type without its parameters, lower-case (``""`` when there is none)."""
        return (self.headers.get_content_type() if self.headers.get("Content-Type") else "").lower()

    def text(self) -> str:
        """The body decoded with the charset the server gives (UTF-8 when it gives none)."""
        charset = self.headers.get_content_charset() or "utf-8"
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:  # an unknown charset name
            return self.body.decode("utf-8", errors="replace")


def check_url(url: str, option: str) -> str:
    """``url`` if it is an absolute ``http``/``https`` URL; :class:`UsageError` naming ``option`` otherwise."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{option} {url!r} is not an http:// or https:// URL (e.g. http://localhost:8890/sparql)")
    return url.strip()


def _redacted(url: str) -> str:
    """The URL as messages show it: without a ``user:password@`` part."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


class HttpClient:
    """HTTP requests to one server, with the user's credentials (if any) sent as the server asks.

    ``credentials.scheme`` ``basic`` sends Basic credentials with every request
    from the start; ``digest`` and ``auto`` wait for the server's challenge
    (a 401 answer, or :meth:`authenticate`) and from then on send the answer to
    it with every request. Not thread-safe (the Digest nonce count is shared).
    """

    def __init__(self, credentials: Credentials | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        from kg import __version__

        self.credentials = credentials
        self.timeout = timeout
        self.user_agent = f"kg/{__version__}"
        self._scheme: str | None = "basic" if credentials and credentials.scheme == "basic" else None
        self._challenge: dict[str, str] = {}
        self._nonce_count = 0

    # -------------------------------------------------------------- requests

    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        label: str,
    ) -> Response:
        """Send one request and return the answer; :class:`RemoteError` for anything but 2xx.

        ``label`` names the server in messages ("SPARQL endpoint http://…/sparql").
        A 401 is answered once with the credentials (twice when a Digest nonce
        went stale); without credentials it is an error that says to give them.
        """
        for _attempt in range(3):
            request = urllib.request.Request(url, data=body, method=method)
            request.add_header("User-Agent", self.user_agent)
            for name, value in (headers or {}).items():
                request.add_header(name, value)
            authorization = self._authorization(method, url, label)
            if authorization:
                request.add_header("Authorization", authorization)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    return Response(status=answer.status, headers=answer.headers, body=answer.read())
            except urllib.error.HTTPError as exc:
                payload = _read_error_body(exc)
                if exc.code == 401 and self._learn(exc.headers, sent=authorization is not None, label=label):
                    continue
                raise self._status_error(exc.code, exc.reason, exc.headers, payload, label) from None
            except (urllib.error.URLError, OSError, HTTPException, ValueError) as exc:
                raise _connection_error(exc, url, label, self.timeout) from None
        raise RemoteError(f"{label}: the server kept asking for authentication; check --user and --password")

    def authenticate(self, url: str, *, label: str) -> None:
        """Find out, with empty ``HEAD`` requests, whether ``url`` wants credentials and whether
        those given are accepted, before any large body is sent (a server may close the
        connection on a refused upload before it is read, and the real reason is then lost).

        Raises the 401 :class:`HttpStatusError` when the server wants credentials and none are
        given, or refuses those given; any other answer is left to the real request. A
        connection failure is raised.
        """
        for _attempt in range(3):
            status, headers, sent = self._head(url, label)
            if status != 401:
                return
            if self.credentials is None or not self._learn(headers, sent=sent, label=label):
                error = self._status_error(401, "Unauthorized", headers, b"", label)
                if self.credentials is not None and self.credentials.scheme == "basic":
                    text = f"{error} (or the server does not take --auth basic)"
                    error = HttpStatusError(text, status=401, server_message="")
                raise error
        raise RemoteError(f"{label}: the server kept asking for authentication; check --user and --password")

    def _head(self, url: str, label: str) -> tuple[int, Message, bool]:
        request = urllib.request.Request(url, method="HEAD")
        request.add_header("User-Agent", self.user_agent)
        authorization = self._authorization("HEAD", url, label)
        if authorization:
            request.add_header("Authorization", authorization)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return answer.status, answer.headers, authorization is not None
        except urllib.error.HTTPError as exc:
            _read_error_body(exc)
            return exc.code, exc.headers, authorization is not None
        except (urllib.error.URLError, OSError, HTTPException, ValueError) as exc:
            raise _connection_error(exc, url, label, self.timeout) from None

    # -------------------------------------------------------------- authentication

    def _learn(self, headers: Message, *, sent: bool, label: str) -> bool:
        """Take the challenge of a 401 answer; True when the request is worth sending again."""
        if self.credentials is None:
            return False
        challenges = _challenges(headers)
        wanted = self.credentials.scheme
        if wanted == "digest" or (wanted == "auto" and "digest" in challenges):
            if "digest" not in challenges:
                offered = ", ".join(sorted(challenges)) or "none"
                raise RemoteError(f"{label}: --auth digest, but the server offers {offered} authentication")
            challenge = challenges["digest"]
            stale = challenge.get("stale", "").lower() == "true"
            if sent and self._scheme == "digest" and not stale:
                return False  # the credentials themselves were refused
            self._scheme, self._challenge, self._nonce_count = "digest", challenge, 0
            return True
        if wanted == "basic" and challenges and "basic" not in challenges:
            offered = ", ".join(sorted(challenges))
            raise RemoteError(
                f"{label}: --auth basic, but the server offers {offered} authentication (try --auth auto)"
            )
        if "basic" in challenges or wanted == "basic":
            if sent:
                return False
            self._scheme = "basic"
            return True
        offered = ", ".join(sorted(challenges)) or "no"
        raise RemoteError(f"{label}: the server asks for {offered} authentication; kg speaks Basic and Digest")

    def _authorization(self, method: str, url: str, label: str) -> str | None:
        if self.credentials is None or self._scheme is None:
            return None
        if self._scheme == "basic":
            token = base64.b64encode(f"{self.credentials.user}:{self.credentials.password}".encode()).decode("ascii")
            return f"Basic {token}"
        return self._digest(method, url, label)

    def _digest(self, method: str, url: str, label: str) -> str:
        """The Digest ``Authorization`` value for this request (RFC 7616, ``qop=auth`` or none)."""
        assert self.credentials is not None
        challenge = self._challenge
        realm, nonce = challenge.get("realm", ""), challenge.get("nonce", "")
        algorithm = challenge.get("algorithm", "MD5")
        base = algorithm.upper().removesuffix("-SESS")
        digests = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}
        if base not in digests:
            raise RemoteError(
                f"{label}: the server asks for Digest {algorithm}; kg speaks MD5 and SHA-256 (try --auth basic)"
            )

        def digest(text: str) -> str:
            return digests[base](text.encode("utf-8")).hexdigest()

        parts = urllib.parse.urlsplit(url)
        uri = parts.path or "/"
        if parts.query:
            uri += "?" + parts.query
        cnonce = secrets.token_hex(8)
        secret = digest(f"{self.credentials.user}:{realm}:{self.credentials.password}")
        if algorithm.upper().endswith("-SESS"):
            secret = digest(f"{secret}:{nonce}:{cnonce}")
        request_digest = digest(f"{method}:{uri}")
        qops = [q.strip().lower() for q in challenge.get("qop", "").split(",") if q.strip()]
        fields = [
            f'username="{_quoted(self.credentials.user)}"',
            f'realm="{_quoted(realm)}"',
            f'nonce="{_quoted(nonce)}"',
            f'uri="{_quoted(uri)}"',
            f"algorithm={algorithm}",
        ]
        if "auth" in qops:
            self._nonce_count += 1
            count = f"{self._nonce_count:08x}"
            response = digest(f"{secret}:{nonce}:{count}:{cnonce}:auth:{request_digest}")
            fields += [f"qop=auth, nc={count}", f'cnonce="{cnonce}"']
        elif not qops:
            response = digest(f"{secret}:{nonce}:{request_digest}")
        else:
            raise RemoteError(f"{label}: the server asks for Digest qop={','.join(qops)}; kg speaks qop=auth")
        fields.append(f'response="{response}"')
        if "opaque" in challenge:
            fields.append(f'opaque="{_quoted(challenge["opaque"])}"')
        return "Digest " + ", ".join(fields)

    # -------------------------------------------------------------- errors

    def _status_error(self, status: int, reason: str, headers: Message, body: bytes, label: str) -> HttpStatusError:
        message = server_message(body, headers, status=status, reason=reason)
        text = f"{label}: HTTP {status} {reason or ''}".rstrip()
        if message:
            text += f": {message}"
        if status == 401:
            text += (
                "; give --user and --password (or KG_ENDPOINT_PASSWORD)"
                if self.credentials is None
                else "; the user name or password was refused"
            )
        elif status == 403:
            text += "; the user may not do this (see README, Remote stores, for the grants a store needs)"
        elif status == 404:
            text += "; check the URL"
        return HttpStatusError(text, status=status, server_message=message)


def _quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


_CHALLENGE_START = re.compile(r"(?:^|,)\s*(basic|digest|bearer|negotiate|ntlm)\b\s*", re.I)


def _challenges(headers: Message) -> dict[str, dict[str, str]]:
    """The WWW-Authenticate challenges by lower-case scheme, with their parameters."""
    found: dict[str, dict[str, str]] = {}
    for value in headers.get_all("WWW-Authenticate") or []:
        starts = list(_CHALLENGE_START.finditer(value))
        for index, match in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(value)
            params = urllib.request.parse_keqv_list(
                [item for item in urllib.request.parse_http_list(value[match.end() : end]) if "=" in item]
            )
            found.setdefault(match.group(1).lower(), params)
    return found


def _read_error_body(exc: urllib.error.HTTPError) -> bytes:
    try:
        return exc.read() or b""
    except (OSError, HTTPException):
        return b""


_TAG = re.compile(r"<[^>]+>")
_DROP = re.compile(r"<(head|script|style|title)\b.*?</\1\s*>", re.I | re.S)


def server_message(body: bytes, headers: Message | None = None, *, status: int | None = None, reason: str = "") -> str:
    """What the server said in an error answer, on one line and at most 300 characters.

    Markup is dropped (Virtuoso answers in HTML), and so is the copy of the query
    that Virtuoso appends after ``SPARQL query:``.
    """
    charset = (headers.get_content_charset() if headers is not None else None) or "utf-8"
    try:
        text = body.decode(charset, errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    text = re.split(r"\n\s*SPARQL query:", text, maxsplit=1)[0]
    if "<" in text and ">" in text:
        text = html.unescape(_TAG.sub(" ", _DROP.sub(" ", text)))
    text = " ".join(text.split())
    if status is not None:  # the status line again ("HTTP/1.1 403 Forbidden"), as HTML error pages give it
        text = re.sub(rf"^(?:HTTP/[\d.]+\s+)?{status}(?:\s+{re.escape(reason)})?(?!\w)", "", text, flags=re.I)
    text = text.strip(" :-")
    if len(text) > _MESSAGE_MAX:
        text = text[: _MESSAGE_MAX - 1].rstrip() + "…"
    return text


def _connection_error(exc: BaseException, url: str, label: str, timeout: float) -> KgError:
    reason: object = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, ConnectionRefusedError):
        return RemoteError(
            f"cannot connect to {label}: connection refused (is the server running, and is the port right?)"
        )
    if isinstance(reason, socket.gaierror):
        host = urllib.parse.urlsplit(url).hostname or url
        return RemoteError(f"cannot connect to {label}: unknown host {host!r}")
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return RemoteError(f"{label}: no answer within {timeout:g} s (raise --timeout, or try later)")
    if isinstance(reason, ssl.SSLError):
        return RemoteError(f"cannot connect to {label}: TLS failed: {reason}")
    if isinstance(reason, (ConnectionResetError, BrokenPipeError, HTTPException)):
        name = type(reason).__name__
        return RemoteError(f"{label}: the server closed the connection ({name}); is it an HTTP server?")
    if isinstance(exc, ValueError):
        return UsageError(f"{label}: not a usable URL: {exc}")
    text = getattr(reason, "strerror", None) or str(reason)
    return RemoteError(f"cannot connect to {label}: {text}")


# ------------------------------------------------------------------ SPARQL endpoint

_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.I)


def with_prefixes(text: str) -> str:
    """``text`` with a ``PREFIX`` declaration for each of kg's prefixes it does not declare itself,
    all on one line before its first line (so the server's line numbers are the query's)."""
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    declared = {match.group(1) or "" for match in _DECLARED.finditer(code)}
    missing = [f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREFIXES.items() if prefix not in declared]
    if not missing:
        return text
    return " ".join(missing) + " " + text


def bind_parameters(text: str, bindings: Mapping[str, Node], *, unset: Sequence[str] = ()) -> str:
    """``text`` with its parameters bound for a remote endpoint: :func:`kg.engine.substitute`, with two
    differences that work around Virtuoso 7.2 and mean the same on every store.

    - a string is written ``"…"^^xsd:string`` (the same term as ``"…"`` in RDF 1.1): Virtuoso turns a
      plain string constant that is not ASCII into ``?`` marks under ``STR()`` ("Hải" → "H?i"), so
      ``LCASE(STR(?unit))`` no longer matched any name;
    - ``BOUND(?p)`` of each name in ``unset`` (a canned query's parameters that were not given) is
      ``false``: they are never bound by the query itself (see :mod:`kg.query`), and Virtuoso answers
      ``IF(BOUND(?p), EXISTS {…}, true)`` with no value at all when nothing binds ``?p``, which drops
      every row.
    """
    from kg.engine import _TOKEN, sparql_term

    terms = {name.lstrip("?$"): _remote_term(term, sparql_term) for name, term in bindings.items()}
    absent = {name.lstrip("?$") for name in unset} - set(terms)

    def replace(match: re.Match[str]) -> str:
        variable = match.group("bvar")
        if match.group("bound") is not None:
            return "true" if variable in terms else "false" if variable in absent else match.group(0)
        name = match.group("name")
        return terms[name] if name is not None and name in terms else match.group(0)

    return _TOKEN.sub(replace, text) if terms or absent else text


def _remote_term(term: Node, sparql_term: Callable[[Node], str]) -> str:
    if isinstance(term, Literal) and not term.language and term.datatype in (None, URIRef(_XSD_STRING)):
        return f"{sparql_term(Literal(str(term)))}^^<{_XSD_STRING}>"
    return sparql_term(term)


class SparqlEndpoint:
    """A remote SPARQL 1.1 Protocol endpoint as a kg query :class:`~kg.engine.Engine`.

    ``default_graphs`` restricts the default graph a query sees to these graph
    IRIs (the protocol's ``default-graph-uri``); without them it is the server's
    own default graph (Virtuoso, GraphDB: the union of all graphs; Fuseki and
    Oxigraph server: their default graph unless configured otherwise — see
    README, "Remote stores").
    """

    name = "remote"

    def __init__(
        self,
        url: str,
        *,
        credentials: Credentials | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        default_graphs: Sequence[str] = (),
    ) -> None:
        self.url = check_url(url, "--endpoint")
        self.label = f"SPARQL endpoint {_redacted(self.url)}"
        self.default_graphs = tuple(default_graphs)
        self.client = HttpClient(credentials, timeout=timeout)

    def query(self, text: str, *, params: Mapping[str, str] | None = None, source: str = "<query>") -> QueryResult:
        """Run ``text`` on the endpoint with ``params`` bound by substitution (see :mod:`kg.remote`)."""
        from kg.engine import _checked_bindings, query_form

        bindings = _checked_bindings(text, params or {}, source)
        unset = [name for name, _ in query_params(text) if name not in bindings]
        effective = with_prefixes(bind_parameters(text, bindings, unset=unset))
        form = query_form(effective)
        fields = [("query", effective)] + [("default-graph-uri", graph) for graph in self.default_graphs]
        try:
            answer = self.client.request(
                "POST",
                self.url,
                body=urllib.parse.urlencode(fields).encode("utf-8"),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                    "Accept": _ACCEPT_GRAPH if form in ("CONSTRUCT", "DESCRIBE") else _ACCEPT_SOLUTIONS,
                },
                label=self.label,
            )
        except HttpStatusError as exc:
            if exc.status == 400:
                reason = exc.server_message or "no reason given"
                message = f"{source}: the {self.label} rejected the query (HTTP 400): {reason}"
                raise RejectedQueryError(message) from None
            raise
        cap = answer.headers.get("X-SPARQL-MaxRows")
        if cap:  # Virtuoso cuts an answer at its ResultSetMaxRows and says so only in this header
            raise RemoteError(
                f"{source}: the {self.label} cut the answer at {cap} rows (X-SPARQL-MaxRows); raise "
                "ResultSetMaxRows in the [SPARQL] section of virtuoso.ini, or page with LIMIT and OFFSET"
            )
        if form in ("CONSTRUCT", "DESCRIBE"):
            return _graph_result(answer, form, self.label)
        if answer.media_type not in (_RESULTS_JSON, "application/json"):
            raise RemoteError(
                f"{self.label}: answered {answer.media_type or 'no content type'} instead of SPARQL results JSON; "
                "is this the SPARQL endpoint (e.g. …/sparql)?"
            )
        return parse_results_json(answer.body, label=self.label)


def _graph_result(answer: Response, form: str, label: str) -> QueryResult:
    parser = _GRAPH_PARSERS.get(answer.media_type)
    if parser is None:
        raise RemoteError(f"{label}: answered {answer.media_type or 'no content type'}, not an RDF format kg reads")
    built = rdflib.Graph()
    try:
        built.parse(data=answer.text(), format=parser)
    except Exception as exc:  # rdflib's parsers raise many kinds
        reason = " ".join(str(exc).split())
        raise RemoteError(f"{label}: its {answer.media_type} answer does not parse: {reason}") from exc
    rows = tuple(sorted(built, key=lambda t: tuple(str(x) for x in t)))
    return QueryResult(vars=("subject", "predicate", "object"), rows=rows, kind=form, graph=built)


def parse_results_json(data: bytes | str, *, label: str = "the endpoint") -> QueryResult:
    """A :class:`~kg.query.QueryResult` from the SPARQL 1.1 Query Results JSON format.

    ``uri`` → :class:`~rdflib.term.URIRef`; ``literal`` (and Virtuoso's
    ``typed-literal``) → :class:`~rdflib.term.Literal` with its ``xml:lang`` or
    ``datatype`` (``xsd:string`` dropped, as kg's local engines do); ``bnode`` →
    :class:`~rdflib.term.BNode`; a variable missing from a solution → ``None``. Booleans written ``1`` and
    ``0`` (Virtuoso) become ``true`` and ``false``, their canonical forms.
    """
    try:
        document = json.loads(data)
        if not isinstance(document, dict):
            raise ValueError("not a JSON object")
        if "boolean" in document:
            return QueryResult(vars=("ask",), rows=((Literal(bool(document["boolean"])),),), kind="ASK")
        names = tuple(str(name) for name in document["head"].get("vars", []))
        rows = tuple(
            tuple(_json_term(solution.get(name)) for name in names) for solution in document["results"]["bindings"]
        )
    except RemoteError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RemoteError(f"{label}: its answer is not SPARQL results JSON: {exc}") from None
    return QueryResult(vars=names, rows=rows, kind="SELECT")


def _json_term(binding: Mapping[str, str] | None) -> Node | None:
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        language = binding.get("xml:lang") or binding.get("lang")
        if language:
            return Literal(value, lang=language)
        datatype = binding.get("datatype")
        if datatype == _XSD_BOOLEAN and value in ("1", "0"):  # Virtuoso's lexical forms of true and false
            return Literal(value == "1")
        if datatype and datatype != _XSD_STRING:
            return Literal(value, datatype=URIRef(datatype))
        return Literal(value)
    raise ValueError(f"unsupported term type {kind!r}")

"""``kg serve``'s HTTP side: a read-only SPARQL 1.1 Protocol endpoint and its pages.

:func:`create_server` binds the socket and starts the query workers
(:mod:`kg.serve.pool`), which read the graph files; the :class:`KgServer` it
returns serves until :meth:`KgServer.close` (which stops the workers and
removes the temporary store of ``store="disk"``). The routes:

``GET /sparql?query=…``, ``POST /sparql`` (``application/x-www-form-urlencoded``
with ``query=…``, or the query itself as ``application/sparql-query``)
    A query, answered in the format the ``Accept`` header prefers or
    ``format=`` names (:mod:`kg.serve.formats`); 406 when none fits. A kg
    extension, ``param=NAME=VALUE`` (repeatable), binds a parameter a canned
    query declares (``# param:``), as ``kg query --param`` does.
``GET /sparql`` with no query
    The SPARQL 1.1 Service Description (Turtle, N-Triples or JSON-LD).
``GET /``
    The query page; ``GET /resource?iri=…`` everything about one resource.

Refused with 400: SPARQL Update (``update=``, ``application/sparql-update``, or an
update sent as a query), ``LOAD``, ``SERVICE``, a query that does not parse (with
the parser's line and column), a result over the row limit. A query that runs
past the time limit gets 503, its worker being killed and replaced. Every
response carries ``Access-Control-Allow-Origin: *``; ``OPTIONS`` answers CORS
preflights.
"""

from __future__ import annotations

import errno
import gc
import logging
import shutil
import socket
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import rdflib
from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, VOID, XSD

import kg
from kg.engine import ENGINES, load_store
from kg.errors import UsageError
from kg.query import query_params
from kg.serve.formats import GRAPH_FORMATS, RESULT_FORMATS, Format, format_by_key, negotiate
from kg.serve.pages import RESOURCE_LIMIT, ResourceView, error_page, index_page, resource_page, resource_queries
from kg.serve.pool import PoolBusy, PoolError, QueryTimeout, WorkerPool
from kg.serve.sparql import READ_ONLY, QueryRefused, check_read_only, query_form
from kg.serve.worker import Job, Reply, Source

__all__ = ["DEFAULTS", "STORES", "App", "KgServer", "Request", "Response", "create_server"]

log = logging.getLogger(__name__)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

#: the biggest request body accepted (a query, form-encoded or not)
MAX_BODY = 1 << 20

TEXT_PLAIN = "text/plain; charset=utf-8"
TEXT_HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Defaults:
    """The defaults of ``kg serve``'s options."""

    host: str = "127.0.0.1"
    port: int = 7878
    workers: int = 2
    timeout: float = 30.0
    max_rows: int = 100_000
    engine: str = ENGINES[0]
    store: str = "memory"


DEFAULTS = Defaults()
#: where the workers keep the graph (``--store``): each its own in-memory copy, or one shared on-disk store
STORES: tuple[str, ...] = ("memory", "disk")


class HttpError(Exception):
    """A request answered with an error status and a one-line message."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = dict(headers or {})


@dataclass
class Request:
    """What the app needs of an HTTP request."""

    method: str
    path: str
    query: str = ""
    headers: Message | Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        """A header's value (case-insensitive), or None."""
        if isinstance(self.headers, Message):
            return self.headers.get(name)
        wanted = name.lower()
        return next((value for key, value in self.headers.items() if key.lower() == wanted), None)


@dataclass
class Response:
    """An HTTP response: status, body, content type and other headers."""

    status: int
    body: bytes = b""
    content_type: str = TEXT_PLAIN
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
        """A plain-text response of one message (a newline added)."""
        return cls(status, (message.rstrip("\n") + "\n").encode("utf-8"), TEXT_PLAIN, dict(headers or {}))


def _form(data: str) -> dict[str, list[str]]:
    """A query string or form body (UTF-8); 400 when it is not UTF-8."""
    try:
        return parse_qs(data, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"the request's parameters are not UTF-8 ({exc.reason}); percent-encode UTF-8") from None


def _one(params: Mapping[str, list[str]], name: str) -> str | None:
    values = params.get(name) or []
    if len(values) > 1:
        raise HttpError(400, f"{name}= is given {len(values)} times; give it once")
    return values[0] if values else None


_HOST_HEADER = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")


class App:
    """The endpoint's logic, free of sockets: :meth:`handle` turns a :class:`Request` into a
    :class:`Response` (the HTTP handler and the tests call it)."""

    def __init__(
        self,
        pool: WorkerPool,
        *,
        files: Sequence[str],
        triples: int,
        base_url: str,
        max_rows: int = DEFAULTS.max_rows,
    ) -> None:
        self.pool = pool
        self.files = list(files)
        self.triples = triples
        self.base_url = base_url
        self.max_rows = max_rows

    # ---------------------------------------------------------------- routing

    def handle(self, request: Request) -> Response:
        """The response to ``request``, with the CORS header; never raises."""
        try:
            response = self._route(request)
        except HttpError as error:
            response = Response.text(error.status, str(error), error.headers)
        except Exception as exc:  # a bug in kg: say so rather than drop the connection
            log.exception("error while answering %s %s", request.method, request.path)
            response = Response.text(500, f"internal error: {type(exc).__name__}: {exc}")
        response.headers.setdefault("Access-Control-Allow-Origin", "*")
        return response

    def _route(self, request: Request) -> Response:
        routes = {
            "/": ("GET", self._index),
            "/index.html": ("GET", self._index),
            "/sparql": ("GET, POST", self._sparql),
            "/resource": ("GET", self._resource),
            "/favicon.ico": ("GET", lambda _request: Response(204)),
        }
        route = routes.get(request.path)
        if route is None:
            raise HttpError(404, f"no page {request.path}: the endpoint is /sparql, the query page /")
        allowed, handler = route
        if request.method == "OPTIONS":
            return self._preflight(request, allowed)
        if request.method not in allowed.split(", "):
            raise HttpError(405, f"{request.path} accepts {allowed}, not {request.method}", {"Allow": allowed})
        return handler(request)

    @staticmethod
    def _preflight(request: Request, allowed: str) -> Response:
        asked = request.header("Access-Control-Request-Headers")
        return Response(
            204,
            content_type="",
            headers={
                "Allow": f"{allowed}, OPTIONS",
                "Access-Control-Allow-Methods": f"{allowed}, OPTIONS",
                "Access-Control-Allow-Headers": asked or "Accept, Content-Type",
                "Access-Control-Max-Age": "86400",
            },
        )

    # ---------------------------------------------------------------- pages

    def _index(self, request: Request) -> Response:
        page = index_page(files=self.files, triples=self.triples, timeout=self.pool.timeout, max_rows=self.max_rows)
        return Response(200, page.encode("utf-8"), TEXT_HTML)

    def _resource(self, request: Request) -> Response:
        iri = (_one(_form(request.query), "iri") or "").strip()
        if not iri or any(ch in '<>"{}|^`\\' or ord(ch) <= 0x20 for ch in iri):
            message = "give the IRI of a resource: /resource?iri=https://w3id.org/vnadm/id/… (percent-encoded)"
            return Response(400, error_page("Not an IRI", message).encode("utf-8"), TEXT_HTML)
        results = []
        for text in resource_queries(iri):
            try:  # the queries carry their own LIMIT (the page says when it shows only part)
                reply = self.pool.run(Job(text, max_rows=2 * RESOURCE_LIMIT + 1))
            except PoolError as error:
                status = 503 if isinstance(error, (QueryTimeout, PoolBusy)) else 500
                return Response(status, error_page("No answer", str(error)).encode("utf-8"), TEXT_HTML)
            if reply.result is None:
                message = reply.body.decode("utf-8", "replace")
                return Response(reply.status, error_page("No answer", message).encode("utf-8"), TEXT_HTML)
            results.append(reply.result)
        view = ResourceView(iri, *results)
        status = 404 if view.empty else 200
        return Response(status, resource_page(view).encode("utf-8"), TEXT_HTML)

    # ---------------------------------------------------------------- the endpoint

    def _sparql(self, request: Request) -> Response:
        params = _form(request.query)
        text: str | None = None
        if request.method == "POST":
            media = (request.header("Content-Type") or "").split(";")[0].strip().lower()
            if media == "application/x-www-form-urlencoded":
                try:
                    body = request.body.decode("utf-8")
                except UnicodeDecodeError:
                    raise HttpError(400, "the form is not UTF-8; send it percent-encoded in UTF-8") from None
                for name, values in _form(body).items():
                    params.setdefault(name, []).extend(values)
            elif media == "application/sparql-query":
                try:
                    text = request.body.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise HttpError(400, f"the query is not UTF-8 (byte {exc.start}); send it in UTF-8") from None
                if "query" in params:
                    raise HttpError(400, "give the query once: in the body or as query=, not both")
            elif media == "application/sparql-update":
                raise HttpError(400, f"SPARQL Update is refused: {READ_ONLY}")
            else:
                raise HttpError(
                    415,
                    f"a POST to /sparql must be application/x-www-form-urlencoded (query=…) or "
                    f"application/sparql-query, not {media or 'without a Content-Type'}",
                )
        if "update" in params:
            raise HttpError(400, f"SPARQL Update is refused: {READ_ONLY}")
        for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
            if any(value.strip() for value in params.get(name, [])):
                raise HttpError(400, f"{name}= is not supported: this endpoint serves one graph; leave it out")
        if text is None:
            text = _one(params, "query")
        if text is None:
            if request.method == "GET":
                return self._service_description(request, params)
            raise HttpError(400, "no query: send query=… (form-encoded), or the query as application/sparql-query")
        return self._query(text, params, request.header("Accept"))

    def _query(self, text: str, params: Mapping[str, list[str]], accept: str | None) -> Response:
        if not text.strip():
            raise HttpError(400, "the query is empty")
        try:
            check_read_only(text)
        except QueryRefused as refused:
            raise HttpError(400, str(refused)) from None
        form = query_form(text) or "SELECT"
        fmt = self._format(params, accept, form)
        bindings = self._bindings(text, params.get("param", []))
        started = time.monotonic()
        try:
            reply = self.pool.run(Job(text, bindings, fmt, self.max_rows))
        except (QueryTimeout, PoolBusy) as error:
            raise HttpError(503, str(error)) from None
        except PoolError as error:
            raise HttpError(500, str(error)) from None
        log.debug("%s query: %d rows in %.3f s", form, reply.rows, time.monotonic() - started)
        return self._reply(reply)

    @staticmethod
    def _reply(reply: Reply) -> Response:
        headers = {"Vary": "Accept"}
        if reply.status == 200:
            headers["Cache-Control"] = "no-store"
        return Response(reply.status, reply.body, reply.content_type, headers)

    @staticmethod
    def _format(params: Mapping[str, list[str]], accept: str | None, form: str) -> Format:
        graph = form in ("CONSTRUCT", "DESCRIBE")
        offers = GRAPH_FORMATS if graph else RESULT_FORMATS
        key = _one(params, "format")
        if key is not None:
            chosen = format_by_key(key, offers)
            if chosen is not None:
                return chosen
            keys = ", ".join(fmt.key for fmt in offers)
            if format_by_key(key, RESULT_FORMATS + GRAPH_FORMATS) is not None:
                raise HttpError(400, f"format={key} does not fit a {form} query; it answers in {keys}")
            raise HttpError(400, f"unknown format={key}; a {form} query answers in {keys}")
        chosen = negotiate(accept, offers)
        if chosen is None:
            types = ", ".join(fmt.media_type for fmt in offers)
            raise HttpError(
                406,
                f"none of the types the request accepts ({accept}) is offered for a {form} query: "
                f"ask for one of {types} (or add format=…)",
            )
        return chosen

    @staticmethod
    def _bindings(text: str, raw: Sequence[str]) -> tuple[tuple[str, str], ...]:
        """``param=NAME=VALUE`` values, checked against the parameters the query declares."""
        if not raw:
            return ()
        declared = [name for name, _ in query_params(text)]
        bindings: dict[str, str] = {}
        for item in raw:
            name, sep, value = item.partition("=")
            name = name.strip().lstrip("?$")
            if not sep or not name:
                raise HttpError(400, f"param={item!r} is not NAME=VALUE (for example param=unit=An Phong)")
            if name not in declared:
                known = ", ".join(declared) if declared else "none (its header has no '# param:' line)"
                raise HttpError(400, f"unknown parameter {name!r}; the query's parameters are: {known}")
            if name in bindings:
                raise HttpError(400, f"parameter {name!r} is given twice")
            bindings[name] = value
        return tuple(bindings.items())

    # ---------------------------------------------------------------- service description

    def _endpoint_url(self, request: Request) -> str:
        host = (request.header("Host") or "").strip()
        if host and set(host) <= _HOST_HEADER:
            return f"http://{host}/sparql"
        return self.base_url + "sparql"

    def _service_description(self, request: Request, params: Mapping[str, list[str]]) -> Response:
        fmt = self._format(params, request.header("Accept"), "DESCRIBE")
        graph = service_description(
            self._endpoint_url(request), files=self.files, triples=self.triples,
            timeout=self.pool.timeout, max_rows=self.max_rows,
        )  # fmt: skip
        from kg.writers import serialize_graph

        body = serialize_graph(graph, fmt.rdf_name)
        return Response(200, body, fmt.content_type, {"Vary": "Accept"})


def service_description(
    endpoint: str, *, files: Sequence[str], triples: int, timeout: float, max_rows: int
) -> rdflib.Graph:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``."""
    graph = rdflib.Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    graph.bind("void", VOID)
    service, dataset, default = BNode("service"), BNode("dataset"), BNode("default")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD"):  # fmt: skip
        graph.add((service, SD.resultFormat, FORMATS[name]))
    graph.add((service, DCTERMS.title, Literal("kg: Vietnam's 2025 reorganisation of administrative units", lang="en")))
    comment = (
        f"Read-only (no SPARQL Update, LOAD or SERVICE). A query may run {timeout:g} s and return {max_rows} rows. "
        "The prefixes of the kg data model (vnadm:, id:, prov:, …) are declared for every query. "
        "kg extension: param=NAME=VALUE binds a parameter a canned query declares."
    )
    graph.add((service, RDFS.comment, Literal(comment, lang="en")))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.triples, Literal(triples, datatype=XSD.integer)))
    for name in files:
        graph.add((default, DCTERMS.source, Literal(name)))
    return graph


# ------------------------------------------------------------------ HTTP


class _Handler(BaseHTTPRequestHandler):
    """Reads a request, asks the :class:`App`, writes the response."""

    server_version = f"kg-serve/{kg.__version__}"
    protocol_version = "HTTP/1.1"
    timeout = 120  # an idle keep-alive connection is closed after this

    server: _HttpServer

    def _request(self) -> Request | None:
        parts = urlsplit(self.path)
        body = b""
        if self.command == "POST":
            if self.headers.get("Transfer-Encoding", "").lower() not in ("", "identity"):
                self._write(Response.text(411, "send the body with a Content-Length (no chunked encoding)"), close=True)
                return None
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0:
                self._write(Response.text(400, "bad Content-Length"), close=True)
                return None
            if length > MAX_BODY:
                self._write(Response.text(413, f"the request body is over {MAX_BODY} bytes"), close=True)
                return None
            body = self.rfile.read(length)
        return Request(self.command, parts.path, parts.query, self.headers, body)

    def _handle(self) -> None:
        started = time.monotonic()
        request = self._request()
        if request is None:
            return
        response = self.server.app.handle(request)
        self._write(response)
        log.info('"%s %s" %d %d bytes %.0f ms', self.command, self.path[:200], response.status, len(response.body),
                 (time.monotonic() - started) * 1000)  # fmt: skip

    def _write(self, response: Response, *, head: bool = False, close: bool = False) -> None:
        self.send_response(response.status)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        response.headers.setdefault("Access-Control-Allow-Origin", "*")
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if not head and response.body:
            self.wfile.write(response.body)

    do_GET = do_POST = do_OPTIONS = _handle

    def do_HEAD(self) -> None:
        """A GET without the body."""
        self.command = "GET"
        request = self._request()
        if request is not None:
            self._write(self.server.app.handle(request), head=True)

    def log_message(self, format: str, *args: object) -> None:
        """http.server's own lines go to the debug log, not to stderr."""
        log.debug("%s %s", self.address_string(), format % args)


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    app: App

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up is not worth a traceback on stderr; anything else is logged."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            log.debug("%s went away: %s", client_address, error)
        else:
            log.error("error while serving %s", client_address, exc_info=True)


class _HttpServer6(_HttpServer):
    address_family = socket.AF_INET6


# ------------------------------------------------------------------ the server


class KgServer:
    """A running ``kg serve``: the socket, the workers and (``store="disk"``) the temporary store.

    :meth:`serve_forever` serves in the calling thread (the command line), :meth:`start` in a
    background thread (tests); :meth:`close` stops everything and removes the store. Also a
    context manager.
    """

    def __init__(
        self, httpd: _HttpServer, pool: WorkerPool, app: App, store_dir: Path | None, files: Sequence[str]
    ) -> None:
        self.httpd = httpd
        self.pool = pool
        self.app = app
        self.store_dir = store_dir
        self.files = list(files)
        self._thread: threading.Thread | None = None
        self._closed = False
        # the store goes even when close() is never called (a script that ends or fails first)
        self._remove_store = (
            weakref.finalize(self, shutil.rmtree, store_dir, ignore_errors=True) if store_dir is not None else None
        )

    @property
    def triples(self) -> int:
        """How many triples the endpoint serves."""
        return self.app.triples

    @property
    def port(self) -> int:
        """The port the server listens on (the one chosen when asked for port 0)."""
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        """The base URL: ``http://127.0.0.1:7878/``."""
        return self.app.base_url

    @property
    def endpoint(self) -> str:
        """The SPARQL endpoint's URL: ``http://127.0.0.1:7878/sparql``."""
        return self.url + "sparql"

    def serve_forever(self) -> None:
        """Serve until :meth:`close` (from another thread) or Ctrl-C."""
        self.httpd.serve_forever(poll_interval=0.25)

    def start(self) -> KgServer:
        """Serve in a background thread; returns the server."""
        self._thread = threading.Thread(target=self.serve_forever, name="kg-serve", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving, stop the workers and remove the temporary store. Idempotent."""
        if self._closed:
            return
        self._closed = True
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(5)
        self.httpd.server_close()
        self.pool.close()
        if self._remove_store is not None:
            self._remove_store()

    def __enter__(self) -> KgServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _bind(host: str, port: int) -> _HttpServer:
    """The HTTP server bound to ``host:port``; :class:`~kg.errors.UsageError` saying why it cannot be."""
    server_class = _HttpServer6 if ":" in host else _HttpServer
    try:
        return server_class((host.strip("[]"), port), _Handler)
    except socket.gaierror as exc:
        raise UsageError(f"cannot listen on {host}: unknown host ({exc.strerror}); give --host an address") from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                f"cannot listen on {host}:{port}: the port is in use (another kg serve?); choose another with --port"
            ) from None
        if exc.errno == errno.EACCES:
            raise UsageError(f"cannot listen on {host}:{port}: permission denied; choose a port above 1023") from None
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; check --host and --port") from None


def _load_store(paths: Sequence[Path], folder: Path) -> int:
    """Load the files into an on-disk Oxigraph store in ``folder`` and close it; the triple count."""
    import pyoxigraph as ox

    store = ox.Store(str(folder))
    try:
        load_store(paths, store)
        store.flush()
        count = len(store)
    finally:
        del store
        gc.collect()  # the store's files must be closed before the workers open them
    return count


def create_server(
    paths: Sequence[Path | str],
    host: str = DEFAULTS.host,
    port: int = DEFAULTS.port,
    *,
    engine: str = DEFAULTS.engine,
    workers: int = DEFAULTS.workers,
    timeout: float = DEFAULTS.timeout,
    max_rows: int = DEFAULTS.max_rows,
    store: str = DEFAULTS.store,
) -> KgServer:
    """A SPARQL endpoint over the graph files ``paths``, bound to ``host:port`` (port 0: any free
    port), ready to serve.

    Each of the ``workers`` query processes reads the files into memory
    (``store="memory"``), or (``store="disk"``, Oxigraph only) the files are
    loaded once into an Oxigraph store in a temporary folder that every worker
    opens read-only: less memory, slower queries. Raises
    :class:`~kg.errors.InputError` naming a file that cannot be read or parsed,
    :class:`~kg.errors.UsageError` for a port in use or an address that cannot
    be bound, or a bad option.
    """
    if not paths:
        raise UsageError("give at least one graph file to serve")
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if store not in STORES:
        raise UsageError(f"unknown store {store!r}; choose one of: {', '.join(STORES)}")
    if store == "disk" and engine != "oxigraph":
        raise UsageError("--store disk needs --engine oxigraph (rdflib keeps its graph in memory)")
    if workers < 1 or timeout <= 0 or max_rows < 1:
        raise UsageError("--workers and --max-rows must be at least 1, --timeout more than 0")
    files = [Path(path) for path in paths]
    names = tuple(str(path) for path in files)
    httpd = _bind(host, port)
    folder: Path | None = None
    try:
        if store == "disk":
            folder = Path(tempfile.mkdtemp(prefix="kg-serve-"))
            log.info("loading %s into %s", ", ".join(names), folder)
            _load_store(files, folder / "store")
            source = Source(engine, names, str(folder / "store"))
        else:
            source = Source(engine, names)
        pool = WorkerPool(source, size=workers, timeout=timeout)
        triples = pool.start()
    except BaseException:
        httpd.server_close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    shown_host = f"[{host.strip('[]')}]" if ":" in host else host
    base_url = f"http://{shown_host}:{httpd.server_address[1]}/"
    app = App(pool, files=[str(path) for path in files], triples=triples, base_url=base_url, max_rows=max_rows)
    httpd.app = app
    return KgServer(httpd, pool, app, folder, [str(path) for path in files])

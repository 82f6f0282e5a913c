"""A query worker of ``kg serve``: a process that answers queries over the graph, one at a time.

Queries run in worker processes, not in the server's threads, because a query
cannot be interrupted inside the process running it: the pool
(:mod:`kg.serve.pool`) kills a worker whose query runs past the time limit
and starts another. A worker reads the graph files into an in-memory Oxigraph
store (or an rdflib graph, ``--engine rdflib``), or opens the on-disk store the
server loaded once, read-only (``--store disk``: less memory, but RocksDB
answers the canned queries 5–10 times slower than the in-memory store).

A worker also renders the answer (JSON, XML, Turtle, …): the work is spread
over the workers, is bounded by the same time limit, and only bytes cross the
pipe. Results are bounded by a row count: past it the answer is an error,
never a truncated result. With Oxigraph the solutions are read one at a time
and reading stops at the limit, so a huge result never sits in memory.

A worker is a fresh interpreter (``python -c``, :func:`child_main`) talking to the
server over a socket pair: the server sends the :class:`Source`, the worker
answers ``("ready", triples)`` or ``("failed", message)``, then a :class:`Reply`
for each :class:`Job`, until the socket closes or it gets ``None``.
"""

from __future__ import annotations

import re
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pyoxigraph as ox
import rdflib

from kg.engine import OxigraphEngine, RdflibEngine, from_oxigraph, load_store, solution_rows, substitute
from kg.errors import KgError, UsageError
from kg.namespaces import PREFIXES
from kg.query import QueryResult, QuerySyntaxError, param_value
from kg.serve.formats import Format, render

__all__ = ["Job", "Reply", "Source", "TooManyRows", "answer", "child_main", "open_answerer", "worker_main"]

TEXT_PLAIN = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Source:
    """Where a worker finds the graph: the graph files, read into an in-memory Oxigraph store
    or rdflib graph (``engine``), or an Oxigraph store folder (``store_dir``), opened read-only."""

    engine: str
    paths: tuple[str, ...] = ()
    store_dir: str | None = None


@dataclass(frozen=True)
class Job:
    """A query to answer: its text, the canned-query parameters to bind, the format to render the
    answer in (None: send the :class:`~kg.query.QueryResult` itself) and the row limit."""

    text: str
    params: tuple[tuple[str, str], ...] = ()
    fmt: Format | None = None
    max_rows: int = 100_000


@dataclass(frozen=True)
class Reply:
    """A worker's answer: an HTTP status, and the body (with its content type) or the result."""

    status: int
    body: bytes = b""
    content_type: str = TEXT_PLAIN
    rows: int = 0
    result: QueryResult | None = None


class TooManyRows(UsageError):
    """The answer has more rows than the server allows."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"the result has more than {limit:,} rows, this endpoint's limit: add LIMIT to the query "
            "(or start kg serve with a larger --max-rows)"
        )


class _OxigraphAnswerer:
    """Answers from a read-only Oxigraph store, reading at most ``max_rows`` + 1 solutions."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def __len__(self) -> int:
        return len(self.store)

    def run(self, text: str, params: dict[str, str], max_rows: int) -> QueryResult:
        effective = substitute(text, {name: param_value(value) for name, value in params.items()})
        try:
            answer = self.store.query(effective, prefixes=dict(PREFIXES), use_default_graph_as_union=True)
        except SyntaxError:
            OxigraphEngine(self.store).query(effective)  # parses again and raises kg's QuerySyntaxError
            raise
        try:
            return _bounded(answer, max_rows)
        except KgError:
            raise
        except Exception as exc:  # evaluation errors surface while the solutions are read
            raise UsageError(f"the query failed: {' '.join(str(exc).split())}") from exc


def _bounded(answer: object, max_rows: int) -> QueryResult:
    """An Oxigraph answer as a :class:`QueryResult`; :class:`TooManyRows` past ``max_rows``."""
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(vars=("ask",), rows=((rdflib.Literal(bool(answer)),),), kind="ASK")
    if isinstance(answer, ox.QueryTriples):
        graph = rdflib.Graph()
        for count, triple in enumerate(answer):
            if count >= max_rows:
                raise TooManyRows(max_rows)
            graph.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate), from_oxigraph(triple.object)))
        rows = tuple(sorted(graph, key=lambda t: tuple(str(x) for x in t)))
        return QueryResult(vars=("subject", "predicate", "object"), rows=rows, kind="CONSTRUCT", graph=graph)
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError(f"unexpected answer from Oxigraph: {type(answer).__name__}")
    names = [variable.value for variable in answer.variables]
    rows = []
    for row in solution_rows(answer):
        if len(rows) >= max_rows:
            raise TooManyRows(max_rows)
        rows.append(row)
    return QueryResult(vars=tuple(names), rows=tuple(rows), kind="SELECT")


class _RdflibAnswerer:
    """Answers with rdflib's evaluator (which builds the whole answer; the limit is checked after)."""

    def __init__(self, engine: RdflibEngine) -> None:
        self.engine = engine

    def __len__(self) -> int:
        return len(self.engine)

    def run(self, text: str, params: dict[str, str], max_rows: int) -> QueryResult:
        result = self.engine.query(text, params=params)
        if len(result.rows) > max_rows:
            raise TooManyRows(max_rows)
        return result


Answerer = _OxigraphAnswerer | _RdflibAnswerer


def open_answerer(source: Source) -> Answerer:
    """Open the graph of ``source`` (raises :class:`~kg.errors.KgError` naming a bad file)."""
    if source.engine == "oxigraph":
        if source.store_dir is not None:
            return _OxigraphAnswerer(ox.Store.read_only(source.store_dir))
        return _OxigraphAnswerer(load_store(source.paths))
    if source.engine == "rdflib":
        from kg.query import read_graphs

        return _RdflibAnswerer(RdflibEngine(read_graphs(source.paths)))
    raise UsageError(f"unknown engine {source.engine!r}")


_PNAME_BEFORE = re.compile(r"([A-Za-z][\w.-]*)?:[\w.%-]*$")


def _reason(error: QuerySyntaxError, text: str) -> str:
    """The parser's reason, or for Oxigraph's undeclared prefix ("expected one of Prefix not
    found, ['%'], …") a sentence naming the prefix and the fix."""
    if "Prefix not found" not in error.reason or error.line is None or error.column is None:
        return error.reason
    lines = text.splitlines()
    before = lines[error.line - 1][: error.column - 1].rstrip() if error.line <= len(lines) else ""
    match = _PNAME_BEFORE.search(before)
    prefix = match.group(1) or "" if match else None
    if prefix is None:
        return "undeclared prefix (add a PREFIX line for it)"
    return f"undeclared prefix {prefix}: (add PREFIX {prefix}: <…>)"


def answer(answerer: Answerer, job: Job) -> Reply:
    """The reply to ``job``: 200 with the rendered answer (or the result), 400 for a query that
    does not parse, fails or has too many rows, 500 for a fault of kg."""
    try:
        result = answerer.run(job.text, dict(job.params), job.max_rows)
    except QuerySyntaxError as exc:
        where = f"line {exc.line}, column {exc.column}: " if exc.line is not None else ""
        return Reply(400, f"malformed query: {where}{_reason(exc, job.text)}\n".encode())
    except KgError as exc:
        return Reply(400, f"{exc}\n".encode())
    except Exception as exc:  # a bug in kg or the engine: say so rather than hang up
        return Reply(500, f"internal error while running the query: {type(exc).__name__}: {exc}\n".encode())
    if job.fmt is None:
        return Reply(200, rows=len(result.rows), result=result)
    try:
        body = render(result, job.fmt)
    except Exception as exc:
        return Reply(500, f"internal error while writing the answer as {job.fmt.key}: {exc}\n".encode())
    return Reply(200, body, job.fmt.content_type, rows=len(result.rows))


def child_main(fd: int) -> None:
    """The worker process's entry point: ``fd`` is its end of the socket pair.

    Ctrl-C is ignored here (the terminal sends it to the whole process group):
    the server stops its workers itself.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Connection(fd)
    try:
        source = conn.recv()
    except (EOFError, OSError):
        return
    worker_main(conn, source)


def worker_main(conn: Connection, source: Source) -> None:
    """Open the graph of ``source``, say so on ``conn``, then answer jobs until it closes."""
    try:
        answerer = open_answerer(source)
    except KgError as exc:
        conn.send(("failed", str(exc)))
        return
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", len(answerer)))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the server closed the pipe or died
            return
        if job is None:
            return
        conn.send(answer(answerer, job))

"""Benchmark the canned queries (``queries/*.rq``) on a graph, with Oxigraph and with rdflib.

    python benchmarks/query_bench.py GRAPH.ttl                        # both engines, 5 runs each
    python benchmarks/query_bench.py GRAPH.ttl --engines oxigraph     # Oxigraph only
    python benchmarks/query_bench.py GRAPH.ttl --rdflib-runs 1 --rdflib-timeout 60
    python benchmarks/query_bench.py GRAPH.ttl --params none          # without parameters
    python benchmarks/query_bench.py GRAPH.ttl --params both --internal --queries lineage,units
    python benchmarks/query_bench.py GRAPH.ttl --set person-posts.person="Vũ Văn Huy"

Reads GRAPH (any file ``kg query --data`` reads) into each engine, timing the
load, then runs every canned query with the parameters of its ``# example:``
line (``--params none``: none; ``both``: each way) ``--runs`` times per engine
and prints, per query: the rows, the median milliseconds with Oxigraph and
with rdflib, the ratio rdflib/Oxigraph, and whether both engines gave the same
answer (kg.engine.comparable_answer, as tests/test_stores.py compares them: rows
sorted; numbers by value: Oxigraph writes a decimal 89000000 where rdflib writes
89000000.0; a GROUP_CONCAT list's items sorted, as SPARQL gives them in no set order). The time is the whole
``Engine.query`` call, as ``kg query`` makes it: the parameters bound, the
query run, the answer turned into rdflib terms (rdflib's parse of the query,
which kg caches, is done before the runs). ``--internal`` adds kg's own
queries (``_lineage-table``, ``_stats-counts``, …). ``--set QUERY.NAME=VALUE``
(repeatable) replaces one parameter of a query's example, for a graph that
does not hold the example's person or document: a query that finds nothing
is timed finding nothing.

rdflib can take minutes per query on the national graph: ``--rdflib-runs``
runs it fewer times, and ``--rdflib-timeout`` gives each of its queries that
many seconds (each run goes in a child process forked from the loaded graph,
stopped when the time is up; the table then says "over N s"); ``--engines
oxigraph`` leaves it out. A benchmark, not a test: it always exits 0 unless
something fails to run.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import shlex
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENGINE_NAMES = ("oxigraph", "rdflib")


@dataclass
class Case:
    """One query to run: a canned query with its parameters."""

    name: str
    params: dict[str, str]
    text: str

    @property
    def label(self) -> str:
        given = " ".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.name} {given}" if given else self.name


@dataclass
class Timing:
    """What one engine gave for a case: the run times (seconds), the rows, or why there are none."""

    seconds: list[float] = field(default_factory=list)
    rows: tuple | None = None
    vars: tuple[str, ...] = ()
    failure: str | None = None

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.seconds) * 1000 if self.seconds else None


def example_params(example: str) -> dict[str, str]:
    """The ``--param name=value`` pairs of a query's ``# example:`` line."""
    words = shlex.split(example)
    params = {}
    for i, word in enumerate(words[:-1]):
        if word in ("--param", "-p") and "=" in words[i + 1]:
            key, value = words[i + 1].split("=", 1)
            params[key] = value
    return params


def cases(
    *, params: str, internal: bool, only: set[str], overrides: dict[str, dict[str, str]] | None = None
) -> list[Case]:
    from kg.query import canned_query, list_queries
    from kg.resources import queries_dir

    queries = list_queries()
    if internal:
        queries += [canned_query(p.stem) for p in sorted(queries_dir().glob("_*.rq"))]
    out = []
    for query in queries:
        if only and query.name not in only:
            continue
        example = example_params(query.example) if query.example else {}
        example = {**example, **(overrides or {}).get(query.name, {})}
        variants = {"example": [example], "none": [{}], "both": [example, {}]}[params]
        seen: list[dict[str, str]] = []
        for given in variants:
            if given not in seen:
                seen.append(given)
                out.append(Case(query.name, given, query.text))
    return out


def _run(engine, case: Case) -> tuple:
    result = engine.query(case.text, params=case.params, source=case.name)
    return result.vars, result.rows


def _child(engine, case: Case, conn) -> None:  # pragma: no cover - runs in a forked process
    try:
        start = time.perf_counter()
        rows = _run(engine, case)
        conn.send(("ok", time.perf_counter() - start, rows))
    except Exception as exc:  # report it to the parent
        conn.send(("error", 0.0, f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_case(engine, case: Case, runs: int, timeout: float | None) -> Timing:
    """Run ``case`` ``runs`` times; with ``timeout``, each run in a forked child stopped after that many seconds."""
    timing = Timing()
    for _ in range(runs):
        if timeout is None:
            start = time.perf_counter()
            try:
                rows = _run(engine, case)
            except Exception as exc:
                timing.failure = f"{type(exc).__name__}: {exc}"
                return timing
            timing.seconds.append(time.perf_counter() - start)
            timing.vars, timing.rows = rows
            continue
        context = multiprocessing.get_context("fork")
        parent, child = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(engine, case, child))
        process.start()
        child.close()
        if parent.poll(timeout):
            status, seconds, payload = parent.recv()
            process.join()
            if status != "ok":
                timing.failure = payload
                return timing
            timing.seconds.append(seconds)
            timing.vars, timing.rows = payload
        else:
            process.kill()
            process.join()
            timing.failure = f"over {timeout:g} s"
            return timing
    return timing


def load(engine_name: str, graph: Path):
    from kg.engine import open_engine

    start = time.perf_counter()
    engine = open_engine([graph], engine_name)
    return engine, time.perf_counter() - start


def same_rows(a: tuple | None, b: tuple | None, vars: tuple[str, ...], lists: dict[str, str]) -> str:
    """"yes" when both engines gave the same answer, as the store tests compare them
    (kg.engine.comparable_answer); "-" when one of them gave none."""
    if a is None or b is None:
        return "-"
    from kg.engine import comparable_answer
    from kg.query import QueryResult

    answers = [comparable_answer(QueryResult(vars=vars, rows=rows), lists) for rows in (a, b)]
    return "yes" if answers[0] == answers[1] else "NO"


def ms(value: float | None, failure: str | None = None) -> str:
    if value is None:
        return failure.split(":")[0] if failure else "-"
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", type=Path, help="the graph to query (Turtle, N-Triples, …)")
    parser.add_argument(
        "--engines", default=",".join(ENGINE_NAMES), help="comma-separated engines to run (default: oxigraph,rdflib)"
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="runs per query and engine; the median is shown (default 5)"
    )
    parser.add_argument("--rdflib-runs", type=int, help="runs per query with rdflib (default: --runs)")
    parser.add_argument(
        "--rdflib-timeout",
        type=float,
        metavar="SECONDS",
        help="stop an rdflib run after this many seconds and report 'over N s'",
    )
    parser.add_argument(
        "--params",
        choices=("example", "none", "both"),
        default="example",
        help="run each query with its example's parameters, without any, or both ways",
    )
    parser.add_argument("--internal", action="store_true", help="also kg's own queries (queries/_*.rq)")
    parser.add_argument("--queries", default="", help="comma-separated query names (default: all)")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="QUERY.NAME=VALUE",
        help="replace a parameter of a query's example (repeatable)",
    )
    args = parser.parse_args(argv)

    engines = [name.strip() for name in args.engines.split(",") if name.strip()]
    unknown = set(engines) - set(ENGINE_NAMES)
    if unknown:
        parser.error(f"unknown engine(s) {', '.join(sorted(unknown))}; choose from {', '.join(ENGINE_NAMES)}")
    only = {name.strip() for name in args.queries.split(",") if name.strip()}
    overrides: dict[str, dict[str, str]] = {}
    for given in args.set:
        name, _, value = given.partition("=")
        query, dot, param = name.partition(".")
        if not (dot and param and _):
            parser.error(f"--set {given!r}: expected QUERY.NAME=VALUE")
        overrides.setdefault(query, {})[param] = value
    todo = cases(params=args.params, internal=args.internal, only=only, overrides=overrides)

    import pyoxigraph
    import rdflib

    from kg.engine import list_columns
    from kg.query import prepare

    print(
        f"{args.graph} on {platform.node()} ({multiprocessing.cpu_count()} CPUs), Python {platform.python_version()},"
        f" pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}"
    )
    loaded = {}
    for name in engines:
        engine, seconds = load(name, args.graph)
        loaded[name] = engine
        print(f"load with {name}: {seconds:.2f} s ({len(engine):,} triples)")

    header = f"{'query':<60} {'rows':>7} {'oxigraph ms':>12} {'rdflib ms':>12} {'ratio':>7}  same"
    print()
    print(header)
    print("-" * len(header))
    for case in todo:
        lists = list_columns(case.text)
        timings: dict[str, Timing] = {}
        for name in engines:
            rdf = name == "rdflib"
            if rdf:  # kg parses a query once and caches it; time the runs, not the parse
                prepare(case.text, source=case.name)
            runs = (args.rdflib_runs or args.runs) if rdf else args.runs
            timings[name] = run_case(loaded[name], case, max(runs, 1), args.rdflib_timeout if rdf else None)
        ox, rd = timings.get("oxigraph"), timings.get("rdflib")
        rows = next((t.rows for t in timings.values() if t.rows is not None), None)
        ratio = "-"
        if ox and rd and ox.median_ms and rd.median_ms:
            ratio = (
                f"{rd.median_ms / ox.median_ms:,.0f}×"
                if rd.median_ms >= 10 * ox.median_ms
                else f"{rd.median_ms / ox.median_ms:.1f}×"
            )
        print(
            f"{case.label:<60} {len(rows) if rows is not None else '-':>7}"
            f" {ms(ox.median_ms, ox.failure) if ox else '-':>12}"
            f" {ms(rd.median_ms, rd.failure) if rd else '-':>12} {ratio:>7}"
            f"  {same_rows(ox.rows if ox else None, rd.rows if rd else None, ox.vars if ox else (), lists)}",
            flush=True,
        )
        for name, timing in timings.items():
            if timing.failure and not timing.failure.startswith("over"):
                print(f"    {name}: {timing.failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

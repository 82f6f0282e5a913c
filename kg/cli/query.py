"""``kg query``: run a canned SPARQL query, a ``.rq`` file or a query string over a graph."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from kg.cli.options import data_option, remote_credentials, remote_options
from kg.engine import ENGINES, Engine, open_engine
from kg.errors import KgError
from kg.query import (
    RESULT_FORMATS,
    CannedQuery,
    format_result,
    list_queries,
    load_query,
)

#: The graph ``kg query`` and ``kg stats`` read when none is named (``kg build``'s usual output).
DEFAULT_GRAPH = Path("kg-graph.ttl")


class KeyValue(click.ParamType):
    """``KEY=VALUE``, checked when the command line is parsed."""

    name = "KEY=VALUE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, str]:
        if isinstance(value, tuple):
            return value
        key, sep, text = str(value).partition("=")
        key = key.strip().lstrip("?$")
        if not sep or not key:
            self.fail(f'{value!r} is not KEY=VALUE (for example unit="An Phong")', param, ctx)
        return key, text


@contextmanager
def kg_errors() -> Iterator[None]:
    """Show a :class:`KgError` as ``Error: <message>`` with its exit code (2 usage, 3 bad input)."""
    try:
        yield
    except KgError as error:
        failure = click.ClickException(str(error))
        failure.exit_code = error.exit_code
        raise failure from error


def graph_paths(paths: tuple[Path, ...], option: str) -> tuple[Path, ...]:
    """The graphs named, else ``kg-graph.ttl`` in the current directory if there is one."""
    if paths:
        return paths
    if DEFAULT_GRAPH.is_file():
        return (DEFAULT_GRAPH,)
    raise click.UsageError(f"no graph to read: give {option} (there is no {DEFAULT_GRAPH} in the current directory)")


def _listing(queries: list[CannedQuery]) -> str:
    lines = []
    for canned in queries:
        lines.append(f"{canned.name} — {canned.summary}")
        for name, description in canned.params:
            lines.append(f"    --param {name}=…  {description}")
        if canned.example:
            lines.append(f"    e.g. {canned.example}")
    return "\n".join(lines) + "\n"


@click.command("query")
@click.argument("name", metavar="[NAME|FILE.rq]", required=False)
@click.option("--sparql", metavar="TEXT", help="Run this SPARQL text instead of a NAME or FILE.rq.")
@data_option("to query (.ttl, .nt, .nq, .trig, .jsonld)")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    type=KeyValue(),
    help='Bind a query parameter, e.g. unit="An Phong"; repeat for several. '
    "A value like http… or vnadm:Ward is an IRI, 12 or 27.92 a number, anything else text.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(RESULT_FORMATS),
    default="table",
    show_default=True,
    help="table: aligned columns; csv, tsv, json: the SPARQL 1.1 result formats.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=None,
    help="Write the result to this file instead of standard output.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=ENGINES[0],
    show_default=True,
    help="SPARQL engine for local graph files: oxigraph (fast) or rdflib (README, Query engines).",
)
@click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="Query a remote SPARQL 1.1 endpoint instead of graph files, e.g. http://localhost:8890/sparql.",
)
@click.option(
    "--default-graph-uri",
    "default_graphs",
    metavar="IRI",
    multiple=True,
    help="With --endpoint: the graphs the query sees as its default graph (repeatable); "
    "without it, the store's own default graph.",
)
@remote_options
@click.option("--list", "list_only", is_flag=True, help="List the canned queries with their parameters.")
def query(
    name: str | None,
    sparql: str | None,
    data: tuple[Path, ...],
    params: tuple[tuple[str, str], ...],
    fmt: str,
    output: Path | None,
    engine: str,
    endpoint: str | None,
    default_graphs: tuple[str, ...],
    user: str | None,
    password: str | None,
    auth: str,
    timeout: float,
    list_only: bool,
) -> None:
    """Run a SPARQL query over a graph: a canned query by NAME (see --list),
    a FILE.rq, or --sparql TEXT.

    Canned queries take parameters (--param unit="An Phong"); names match
    case-insensitively. The prefixes of docs/model.md (vnadm:, prov:, skos:,
    id:, …) are declared for every query. Exits 2 on a query that does not
    parse (the message gives the line and column; for --endpoint, a query
    the endpoint rejects) or an unknown parameter, 3 when a graph file cannot
    be read or the endpoint cannot be reached or fails.

    Example:

    \b
        kg query --list
        kg query lineage --param unit="An Phong"
        kg query indicators -p unit="An Phong" -p indicator=area --format csv
        kg query my-query.rq --data kg-graph.ttl --format json --output result.json
        kg query --sparql 'SELECT ?u ?name WHERE { ?u a vnadm:Ward ; vnadm:name ?name }'
        kg query officials -p unit="An Phong" --endpoint http://localhost:8890/sparql
    """
    if list_only:
        click.echo(_listing(list_queries()), nl=False)
        return
    if name and sparql:
        raise click.UsageError("give a NAME, a FILE.rq or --sparql TEXT, not both")
    if not name and not sparql:
        raise click.UsageError("give a query: a NAME (see kg query --list), a FILE.rq or --sparql TEXT")
    bindings: dict[str, str] = {}
    for key, value in params:
        if key in bindings:
            raise click.UsageError(f"--param {key} is given twice")
        bindings[key] = value
    if endpoint and data:
        raise click.UsageError("give --data GRAPH or --endpoint URL, not both")
    if default_graphs and not endpoint:
        raise click.UsageError("--default-graph-uri needs --endpoint")

    with kg_errors():
        if sparql:
            text, source = sparql, "<--sparql>"
        else:
            loaded = load_query(name or "")
            if isinstance(loaded, CannedQuery):
                text, source = loaded.text, loaded.source
            else:
                text, source = loaded, name or ""
        if endpoint:
            from kg.remote import SparqlEndpoint

            runner: Engine = SparqlEndpoint(
                endpoint,
                credentials=remote_credentials(user, password, auth),
                timeout=timeout,
                default_graphs=default_graphs,
            )
        else:
            runner = open_engine(graph_paths(data, "--data GRAPH"), engine)
        result = runner.query(text, params=bindings, source=source)
        rendered = format_result(result, fmt)
        if output is None or str(output) == "-":
            click.echo(rendered, nl=False)
        else:
            from kg.writers import write_text_atomic

            try:
                write_text_atomic(output, rendered)
            except OSError as exc:
                from kg.errors import OutputError

                raise OutputError(f"{output}: cannot write the result: {exc.strerror or exc}") from exc

"""``kg push``: load graph files into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol (:mod:`kg.push`)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import quiet_option, remote_credentials, remote_options
from kg.cli.query import graph_paths, kg_errors
from kg.push import DEFAULT_CHUNK_SIZE, LAYOUTS, SHARED_GRAPH


@click.command("push")
@click.argument("graphs", metavar="[GRAPH]...", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--endpoint",
    metavar="URL",
    required=True,
    help="The store's Graph Store Protocol URL, e.g. http://localhost:8890/sparql-graph-crud-auth (Virtuoso), "
    "http://localhost:3030/ds/data (Fuseki), http://localhost:7878/store (Oxigraph server).",
)
@click.option(
    "--graph",
    "graph",
    metavar="IRI|default",
    default=None,
    help="Put every triple in this one named graph ('default': the store's default graph). "
    "Without it: a named graph per source document, and one shared graph for the rest.",
)
@click.option(
    "--shared-graph",
    metavar="IRI",
    default=SHARED_GRAPH,
    show_default=True,
    help="The graph of the units, people, resolutions and vocabulary, which several documents share "
    "(per-document layout).",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Replace the content of each graph pushed to (PUT); without it the triples are added (POST).",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=DEFAULT_CHUNK_SIZE,
    show_default=True,
    help="Triples per request (a subject's triples are never split).",
)
@remote_options
@click.option("--dry-run", is_flag=True, help="List the graphs and requests a push would make; send nothing.")
@quiet_option
@click.pass_context
def push(
    ctx: click.Context,
    graphs: tuple[Path, ...],
    endpoint: str,
    graph: str | None,
    shared_graph: str,
    replace: bool,
    chunk_size: int,
    user: str | None,
    password: str | None,
    auth: str,
    timeout: float,
    dry_run: bool,
    quiet: bool,
) -> None:
    """Load GRAPH files (default: kg-graph.ttl) into a triple store that speaks the
    SPARQL 1.1 Graph Store HTTP Protocol: Virtuoso, Fuseki, GraphDB, Oxigraph server.

    By default each source document's facts (with their sentences and offsets)
    go to a named graph named by the document's IRI, and the units, people,
    resolutions and vocabulary to one shared graph (--shared-graph), so a
    store's union of graphs is the whole graph; --graph puts everything in one
    graph. Sent as N-Triples in chunks of --chunk-size triples, with a
    progress bar on a terminal. Exits 3 when a file cannot be read or the
    store refuses a request (the message says how much was stored).

    Example:

    \b
        kg push kg-graph.ttl --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba --replace
        kg push kg-graph.ttl --endpoint http://localhost:3030/ds/data --graph default --replace
        kg push kg-graph.ttl --endpoint http://localhost:7878/store --dry-run
    """
    from kg.engine import load_store
    from kg.errors import GraphFileError
    from kg.progress import terminal_progress
    from kg.push import graph_url, plan_push
    from kg.push import push as push_plan
    from kg.remote import check_url

    quiet = quiet or bool(ctx.find_root().obj and ctx.find_root().obj.get("quiet"))
    paths = graph_paths(graphs, "GRAPH")
    with kg_errors():
        url = check_url(endpoint, "--endpoint")
        credentials = None if dry_run else remote_credentials(user, password, auth)
        store = load_store(paths)
        if len(store) == 0:
            raise GraphFileError(f"{', '.join(str(p) for p in paths)}: no triples to push", path=str(paths[0]))
        if graph is None:
            plan = plan_push(store, layout="per-document", shared_graph=shared_graph, chunk_size=chunk_size)
        else:
            target = None if graph == "default" else graph
            plan = plan_push(store, layout="single", graph=target, chunk_size=chunk_size)
        if dry_run:
            method = "PUT then POST" if replace else "POST"
            for name, count in plan.graphs().items():
                requests = sum(1 for chunk in plan.chunks if chunk.graph == name)
                click.echo(f"{count:>10,} triples  {requests:>4} requests  {graph_url(url, name)}")
            click.echo(f"{plan.triples:,} triples, {len(plan.chunks)} requests ({method}); nothing sent (--dry-run)")
            return
        display = terminal_progress(quiet=quiet)
        try:
            result = push_plan(plan, url, replace=replace, credentials=credentials, timeout=timeout, progress=display)
        finally:
            if display is not None:
                display.close()
    if not quiet:
        click.echo(result.summary(), err=True)


__all__ = ["push", "LAYOUTS"]

"""``kg serve``: a read-only SPARQL endpoint and query page over graph files (see :mod:`kg.serve`)."""

from __future__ import annotations

import signal
from pathlib import Path
from types import FrameType

import click

from kg.cli.query import graph_paths, kg_errors
from kg.engine import ENGINES
from kg.serve.app import DEFAULTS, STORES


def _stop(signum: int, frame: FrameType | None) -> None:
    """SIGTERM stops the server the way Ctrl-C does (workers stopped, temporary store removed)."""
    raise KeyboardInterrupt


@click.command("serve")
@click.argument("graphs", metavar="[GRAPH]...", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--host",
    default=DEFAULTS.host,
    show_default=True,
    help="Address to listen on; 0.0.0.0 (or ::) opens the endpoint to other machines.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULTS.port, show_default=True, help="Port (0: any).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULTS.timeout,
    show_default=True,
    help="Seconds a query may run before it is stopped (the client gets a 503 error).",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=DEFAULTS.max_rows,
    show_default=True,
    help="Most rows (or triples) an answer may have; a bigger one is an error asking for LIMIT.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=64),
    default=DEFAULTS.workers,
    show_default=True,
    help="Query processes: how many queries run at once.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=DEFAULTS.engine,
    show_default=True,
    help="SPARQL engine: oxigraph (fast) or rdflib (slower; minutes to start on a national graph).",
)
@click.option(
    "--store",
    type=click.Choice(STORES),
    default=DEFAULTS.store,
    show_default=True,
    help="memory: each worker holds the graph (fastest queries); disk: one on-disk Oxigraph store in a "
    "temporary folder shared by the workers (less memory, queries several times slower).",
)
def serve(
    graphs: tuple[Path, ...],
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int,
    engine: str,
    store: str,
) -> None:
    """Serve GRAPH files (default: kg-graph.ttl) as a read-only SPARQL 1.1 endpoint
    at /sparql, with a query page at /.

    The endpoint takes GET ?query=… and POST (form-encoded query=… or
    application/sparql-query), answers SELECT/ASK in JSON, XML, CSV or TSV and
    CONSTRUCT/DESCRIBE in Turtle, N-Triples or JSON-LD (by the Accept header,
    or format=json|xml|csv|tsv|ttl|nt|jsonld), describes itself at GET
    /sparql, and allows cross-origin calls. SPARQL Update, LOAD and SERVICE are
    refused. The page at / runs the canned queries and links every IRI to a
    page of what the graph says about it, with the sentences it comes from.

    Listens on 127.0.0.1 only unless --host says otherwise. Exits 2 when the
    port is in use, 3 when a graph file cannot be read or parsed.

    Example:

    \b
        kg serve kg-graph.ttl
        kg serve hai-phong.ttl register.ttl --port 8000 --timeout 60
        curl 'http://127.0.0.1:7878/sparql' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5'
        curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/sparql?query=ASK%20%7B%7D'
    """
    from kg.serve import create_server

    paths = graph_paths(graphs, "GRAPH")
    with kg_errors():
        server = create_server(
            paths, host, port, engine=engine, workers=workers, timeout=timeout, max_rows=max_rows, store=store
        )
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        files = ", ".join(str(path) for path in paths)
        click.echo(f"Serving {server.triples:,} triples from {files} at {server.endpoint} (Ctrl-C to stop)", err=True)
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
    finally:
        server.close()
        signal.signal(signal.SIGTERM, previous)

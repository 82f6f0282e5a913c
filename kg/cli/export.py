"""``kg export``: convert a graph file between RDF formats."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import format_option, graph_argument, output_option
from kg.errors import UsageError


@click.command("export")
@graph_argument
@format_option
@output_option(required=True, stdout=True)
@click.pass_context
def export(ctx: click.Context, graph: Path, fmt: str | None, output: Path) -> None:
    """Convert the RDF file GRAPH to another RDF format.

    The input format comes from GRAPH's extension, the output format from
    --format or the output file's extension. The output is deterministic
    (sorted) and written atomically.

    Example:

    \b
        kg export kg-graph.ttl --format jsonld --output kg-graph.jsonld
        kg export kg-graph.ttl --output kg-graph.nt
        kg export kg-graph.ttl --format nq --output - | head
    """
    from kg.validate import read_graph
    from kg.writers import resolve_format, serialize_graph, write_graph

    to_stdout = str(output) == "-"
    if to_stdout and not fmt:
        raise UsageError("--output - (standard output) needs --format")
    name = resolve_format(fmt, None if to_stdout else output)
    data = read_graph(graph)
    if to_stdout:
        click.echo(serialize_graph(data, name), nl=False)  # bytes go to the binary stream
        return
    write_graph(data, output, name)
    if not (ctx.find_root().obj or {}).get("quiet"):
        click.echo(f"Wrote {output} ({len(data)} triples, {name}).", err=True)

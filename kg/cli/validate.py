"""``kg validate``: check a graph file against kg's SHACL shapes."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import graph_argument, report_option
from kg.errors import InvalidGraphError


@click.command("validate")
@graph_argument
@report_option
def validate(graph: Path, report: Path | None) -> None:
    """Check the RDF file GRAPH against kg's SHACL shapes.

    Prints the problems (focus node, path, message) when the graph breaks the
    shapes and exits 1; exits 0 when it conforms and 3 when the file cannot be
    read or parsed (the message names the file and the parser's line).

    Example:

    \b
        kg validate kg-graph.ttl
        kg validate kg-graph.ttl --report shacl-report.ttl
    """
    from kg.validate import format_problems, read_graph, validate_graph
    from kg.writers import write_graph

    data = read_graph(graph)
    result = validate_graph(data)
    if report is not None:
        write_graph(result.report_graph, report, "turtle")
    if not result.conforms:
        click.echo(format_problems(result))
        raise InvalidGraphError(f"{graph} breaks the SHACL shapes ({len(result.violations)} violations)")
    click.echo(f"{graph}: conforms to the shapes ({len(data)} triples)")

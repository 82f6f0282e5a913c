"""``kg stats``: what a graph holds, and where its sources disagree."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli.query import graph_paths, kg_errors
from kg.query import read_graphs
from kg.stats import (
    find_disagreements,
    find_not_linked,
    format_disagreements,
    format_not_linked,
    format_stats,
    graph_stats,
    stats_record,
)


@click.command("stats")
@click.argument("graphs", metavar="[GRAPH]...", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("table", "json")),
    default="table",
    show_default=True,
    help="table: aligned counts and one line per disagreement; json: the same as one object.",
)
def stats(graphs: tuple[Path, ...], fmt: str) -> None:
    """Count what the GRAPH files hold (documents, units by class, lineage,
    officials, indicators, triples) and list where the documents disagree:
    a predecessor merged whole in one and in part in another, two values of
    one indicator, two dates of one resolution (queries/disagreements.rq;
    kg check shows the sentences), and the units that could not be linked
    to one official code of the register, with why (queries/codes.rq).

    Several graphs are counted together. With no GRAPH, reads kg-graph.ttl
    in the current directory. Exits 3 when a file cannot be read.

    Example:

    \b
        kg stats kg-graph.ttl
        kg stats hai-phong.ttl ha-noi.ttl --format json
    """
    with kg_errors():
        graph = read_graphs(graph_paths(graphs, "a GRAPH file"))
        disagreements = find_disagreements(graph)
        counts = graph_stats(graph, disagreements=disagreements)
        not_linked = find_not_linked(graph)
    if fmt == "json":
        rows = [
            {var: None if term is None else str(term) for var, term in record.items()}
            for record in disagreements.records()
        ]
        doc = {"stats": stats_record(counts), "disagreements": rows,
               "not_linked": [row.__dict__ for row in not_linked]}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    click.echo(format_stats(counts), nl=False)
    if disagreements.rows:
        click.echo(f"\nDisagreements between documents ({len(disagreements.rows)}):")
        click.echo(format_disagreements(disagreements), nl=False)
    if not_linked:
        click.echo(f"\nUnits not linked to one official code ({len(not_linked)}):")
        click.echo(format_not_linked(not_linked), nl=False)

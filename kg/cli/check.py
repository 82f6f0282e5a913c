"""``kg check``: list where the sources of a graph disagree about the same unit."""

from __future__ import annotations

from pathlib import Path

import click

from kg.check import CHECK_FORMATS, check_graph, format_check
from kg.cli.query import graph_paths, kg_errors
from kg.errors import EXIT_INVALID_GRAPH
from kg.query import read_graphs


@click.command("check")
@click.argument("graphs", metavar="[GRAPH]...", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS),
    default="text",
    show_default=True,
    help="text: a block per disagreement, by kind, with both sentences; json: one object; "
    "csv, tsv: one line per disagreement (tsv escapes tabs and newlines as \\t, \\n).",
)
@click.option(
    "--fail-on-disagreement",
    is_flag=True,
    help="Exit 1 when the sources disagree (the list is printed first).",
)
@click.option("--full", is_flag=True, help="text: print whole sentences, not at most three lines of each.")
def check(graphs: tuple[Path, ...], fmt: str, fail_on_disagreement: bool, full: bool) -> None:
    """List every disagreement between the sources of the GRAPH files (the
    documents kg build read, and the register with --reference) about the same
    thing, each with both sources' files and sentences:

    \b
      share        a predecessor joined whole in one source, in part in another
      predecessor  a source names a predecessor of a new unit that another
                   source, which also lists that unit's predecessors, does not
      value        two figures for one unit, indicator, status and period
                   (more than 0.5 % apart)
      date         a resolution adopted on two dates

    The rules are queries/disagreements.rq (kg query disagreements gives the
    same rows); kg stats counts them. Several graphs are checked together;
    with no GRAPH, reads kg-graph.ttl in the current directory. Exits 0 when
    the check ran, whether or not the sources disagree (with
    --fail-on-disagreement: 1 when they do), 2 on a usage error, 3 when a file
    cannot be read or parsed.

    Example:

    \b
        kg check kg-graph.ttl
        kg check hai-phong.ttl register.ttl --format json
        kg check kg-graph.ttl --format csv > disagreements.csv
        kg check kg-graph.ttl --fail-on-disagreement
    """
    with kg_errors():
        graph = read_graphs(graph_paths(graphs, "a GRAPH file"))
        result = check_graph(graph)
        click.echo(format_check(result, fmt, full=full), nl=False)
    if fail_on_disagreement and len(result):
        failure = click.ClickException(
            f"the sources disagree ({len(result)} disagreement{'' if len(result) == 1 else 's'}; "
            "--fail-on-disagreement)"
        )
        failure.exit_code = EXIT_INVALID_GRAPH
        raise failure

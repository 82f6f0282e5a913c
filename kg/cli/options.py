"""Options shared by several commands, written once (stack them as decorators).

``--format`` choices come from rdflib's serializer registry
(:func:`kg.writers.serializer_formats`), not from a list kept here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kg.writers import serializer_formats

F = TypeVar("F", bound=Callable[..., Any])


def inputs_argument(func: F) -> F:
    """``INPUT...``: files and folders of documents (none: the bundled samples)."""
    return click.argument(
        "inputs",
        metavar="[INPUT]...",
        nargs=-1,
        type=click.Path(path_type=Path),
    )(func)


def graph_argument(func: F) -> F:
    """``GRAPH``: an RDF file (format from its extension)."""
    return click.argument("graph", metavar="GRAPH", type=click.Path(path_type=Path, dir_okay=False))(func)


def output_option(
    *, default: str | None = None, required: bool = False, stdout: bool = False
) -> Callable[[F], F]:
    """``-o/--output FILE``: where the graph is written (atomically)."""
    help_text = "File to write the graph to; the extension gives the format unless --format is given."
    if default:
        help_text += f" [default: {default}]"
    if stdout:
        help_text += " Use - for standard output (needs --format)."
    # click >= 8.2 takes an explicit default=None as a value, which defeats required=True
    extra: dict[str, Any] = {"default": default} if default is not None else {}
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False, allow_dash=stdout),
        required=required,
        help=help_text,
        **extra,
    )


def format_option(func: F) -> F:
    """``-f/--format FMT``: an RDF serialisation from rdflib's registry."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(serializer_formats(), case_sensitive=False),
        default=None,
        help="RDF format of the output (default: from the output file's extension).",
    )(func)


def report_option(func: F) -> F:
    """``--report FILE``: write the SHACL validation report graph as Turtle."""
    return click.option(
        "--report",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="Also write the SHACL validation report (an RDF graph) to this Turtle file.",
    )(func)


def quiet_option(func: F) -> F:
    """``-q/--quiet``: no progress display, no summary, only errors and warnings."""
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        default=False,
        help="Print no progress and no summary (problems and errors are still printed).",
    )(func)


def verbose_option(func: F) -> F:
    """``-v/--verbose``: more log output on stderr (-vv for debug)."""
    return click.option(
        "-v",
        "--verbose",
        count=True,
        help="Log what kg does on stderr; repeat (-vv) for debug detail.",
    )(func)


def data_option(purpose: str) -> Callable[[F], F]:
    """``-d/--data FILE`` (repeatable): the graph files a command reads; ``purpose`` finishes
    "A graph file …" in the help (kg query and kg lineage default to kg-graph.ttl)."""
    return click.option(
        "-d",
        "--data",
        "data",
        multiple=True,
        type=click.Path(path_type=Path, dir_okay=False),
        help=f"A graph file {purpose}; repeat to read several together. "
        "[default: kg-graph.ttl in the current directory, if present]",
    )

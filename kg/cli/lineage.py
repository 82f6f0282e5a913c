"""``kg lineage``: draw or export the merger lineage around a unit, a resolution, a province or a district."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.cli.options import data_option
from kg.cli.query import graph_paths, kg_errors
from kg.errors import OutputError, UsageError

#: Every output format, in the order --help lists them.
FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "html", "dot", "mermaid", "graphml", "gexf", "json")

#: The format an output file's extension implies.
EXTENSIONS: dict[str, str] = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "json",
}

#: Formats drawn by Graphviz to a file (render(view, fmt, path)); the others are text.
DRAWN = ("svg", "png", "pdf")

#: The format written to standard output when neither --format nor --output is given.
DEFAULT_FORMAT = "mermaid"


def _text_writer(fmt: str) -> Callable[[Any], str]:
    """The function that turns a view into text in ``fmt`` (imported when needed)."""
    if fmt == "dot":
        from kg.lineage.pack import dot_source

        return dot_source
    if fmt == "html":
        from kg.lineage.html import to_html

        return to_html
    from kg.lineage import formats

    return {
        "mermaid": formats.to_mermaid,
        "graphml": formats.to_graphml,
        "gexf": formats.to_gexf,
        "json": formats.to_json,
    }[fmt]


def output_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's extension gives, else mermaid."""
    if fmt:
        return fmt.lower()
    if output is None or str(output) == "-":
        return DEFAULT_FORMAT
    found = EXTENSIONS.get(output.suffix.lower())
    if found is None:
        known = " ".join(sorted(EXTENSIONS))
        raise UsageError(f"cannot tell the format of {output} from its extension ({known}); give --format")
    return found


def _summary(view: Any, written: str) -> str:
    kinds = [data.get("kind") for _, data in view.nodes(data=True)]
    disputed = sum(1 for _, _, data in view.edges(data=True) if data.get("share") == "disputed")
    edges = view.number_of_edges()
    text = (
        f"{view.graph.get('title', 'Lineage')}: {kinds.count('old')} old units, {kinds.count('new')} new units, "
        f"{edges} edge{'' if edges == 1 else 's'}"
    )
    if disputed:
        text += f" ({disputed} disputed)"
    resolutions = view.graph.get("resolutions") or []
    if resolutions:
        text += f"; {', '.join(resolutions)}"
    return f"{text}. {written}"


@click.command("lineage")
@click.argument("unit", metavar="[UNIT]", required=False)
@click.option("-r", "--resolution", metavar="NUMBER", help='The units a resolution formed: "1669/NQ-UBTVQH15" or 1669.')
@click.option(
    "-P", "--province", metavar="NAME", help='The new units of a province and their predecessors: "Hải Phòng".'
)
@click.option(
    "-D",
    "--former-district",
    "former_district",
    metavar="NAME",
    help='The old units of a former district, where they went and the other predecessors there: "quận An Dương".',
)
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="With UNIT: how many times to expand (predecessors, then the other new units of split predecessors).",
)
@data_option("to draw from (.ttl, .nt, .jsonld, …)")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    default=None,
    help="svg, png, pdf: drawn by Graphviz (needs -o); html: a page to open in a browser; dot: Graphviz "
    "source; mermaid: a flowchart for Markdown; graphml, gexf: for Gephi, yEd, Cytoscape; json: networkx "
    "node-link. [default: from the -o extension, else mermaid]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=None,
    help="File to write (atomically); its extension gives the format unless --format is given "
    "(.svg .png .pdf .html .dot/.gv .mmd .graphml .gexf .json). Without it, text goes to standard output.",
)
@click.pass_context
def lineage(
    ctx: click.Context,
    unit: str | None,
    resolution: str | None,
    province: str | None,
    former_district: str | None,
    depth: int,
    data: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
) -> None:
    """Show the merger lineage of part of a graph: which old units each new
    unit was formed from, whole (solid) or in part (dashed; a share the
    sources disagree on is "disputed").

    Give exactly one of: a UNIT (its predecessors, and the other new units
    that received a part of a split predecessor; an old unit: the new units
    it went into and their predecessors), --resolution, --province or
    --former-district. A UNIT is a name or label with or without diacritics
    ("An Phong", "phường An Phong", "phuong an phong"), "NAME, PLACE" (a
    province or former district), an official code (11593) or an IRI. A name
    that fits several units is an error listing each with the way to ask
    for it (exit 2). A one-line summary goes to stderr.

    Example:

    \b
        kg lineage "phường An Phong" -o an-phong.svg
        kg lineage "An Phong" --depth 2 --format mermaid > an-phong.mmd
        kg lineage 11593 --data hai-phong.ttl --format json
        kg lineage --resolution 1669/NQ-UBTVQH15 -o res-1669.html
        kg lineage --province "Hải Phòng" --data vietnam-2025.ttl -o hai-phong.graphml
        kg lineage --former-district "quận An Dương" --format dot | dot -Tpng -o an-duong.png
    """
    selectors = [
        option
        for option, value in (
            ("UNIT", unit),
            ("--resolution", resolution),
            ("--province", province),
            ("--former-district", former_district),
        )
        if value is not None
    ]
    if len(selectors) != 1:
        given = f" (got {', '.join(selectors)})" if selectors else ""
        raise click.UsageError(f"give exactly one of UNIT, --resolution, --province, --former-district{given}")
    if depth != 1 and unit is None:
        raise click.UsageError("--depth goes with UNIT")
    quiet = bool((ctx.find_root().obj or {}).get("quiet"))
    to_stdout = output is None or str(output) == "-"

    with kg_errors():
        chosen = output_format(fmt, output)
        if chosen in DRAWN and to_stdout:
            raise UsageError(f"--format {chosen} writes a file: give -o FILE.{chosen}")
        if output is not None and not to_stdout and not (output.parent if str(output.parent) else Path(".")).is_dir():
            raise UsageError(f"cannot write {output}: the folder {output.parent} does not exist")

        from kg.lineage.model import lineage_view
        from kg.query import read_graphs

        graph = read_graphs(graph_paths(data, "--data GRAPH"))
        view = lineage_view(
            graph, unit=unit, resolution=resolution, province=province, former_district=former_district, depth=depth
        )
        if chosen in DRAWN:
            from kg.lineage.render import render

            assert output is not None
            render(view, chosen, output)
            written = f"Wrote {output} ({chosen})."
        else:
            text = _text_writer(chosen)(view)
            if to_stdout:
                click.echo(text, nl=not text.endswith("\n"))
                written = f"({chosen} on standard output)"
            else:
                from kg.writers import write_text_atomic

                assert output is not None
                try:
                    write_text_atomic(output, text)
                except OSError as exc:
                    raise OutputError(f"{output}: cannot write the view: {exc.strerror or exc}") from exc
                written = f"Wrote {output} ({chosen})."
        if not quiet:
            click.echo(_summary(view, written), err=True)

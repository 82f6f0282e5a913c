"""``kg build``: documents in, knowledge graph out."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import format_option, inputs_argument, output_option, quiet_option, report_option
from kg.errors import InputError, InvalidGraphError, UsageError


@click.command("build")
@inputs_argument
@output_option(default="kg-graph.ttl")
@format_option
@report_option
@click.option("--no-validate", is_flag=True, help="Do not check the graph against the SHACL shapes.")
@click.option(
    "--reference", "reference", multiple=True, metavar="PROVINCE",
    help="Add the official register's old → new mapping of PROVINCE (a 2025 province name, or 'all') "
    "as a source of its own. Repeat for several provinces.",
)
@click.option("--no-link", is_flag=True, help="Do not link units to their official codes in the register.")
@quiet_option
@click.pass_context
def build(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    output: Path,
    fmt: str | None,
    report: Path | None,
    no_validate: bool,
    reference: tuple[str, ...],
    no_link: bool,
    quiet: bool,
) -> None:
    """Build the knowledge graph of INPUT files and folders.

    Reads .txt, .md, .html/.htm and .jsonl documents (folders recursively),
    extracts units, lineage, resolutions, officials and indicators, writes the
    graph (even when it breaks the shapes) and checks it against the SHACL
    shapes. With no INPUT (and no --reference), the bundled sample articles
    are used. Communes and districts are linked to their official codes in
    the register (package vietnamadminunits); --reference adds the register's
    own old → new mapping of whole provinces. Inputs that cannot be read are
    listed on stderr, one line each, and give exit code 3; a graph that
    breaks the shapes gives exit code 1.

    Example:

    \b
        kg build news/ res-1669-hai-phong.md --output kg-graph.ttl
        kg build articles.jsonl --format nt --output kg-graph.nt --report shacl.ttl
        kg build res-1669-hai-phong.md --reference "Hải Phòng"
        kg build --reference all -o vietnam-2025.ttl   # the whole country's lineage
        kg build                      # the bundled samples -> kg-graph.ttl
    """
    from kg.api import build as build_graph
    from kg.progress import terminal_progress
    from kg.writers import resolve_format, write_graph

    quiet = quiet or bool((ctx.find_root().obj or {}).get("quiet"))
    if report is not None and no_validate:
        raise UsageError("--report needs validation; drop --no-validate")
    fmt = resolve_format(fmt, output)  # fail fast on an unknown extension
    for target in (output, report):
        if target is not None and not _folder_of(target).is_dir():
            raise UsageError(f"cannot write {target}: the folder {_folder_of(target)} does not exist")

    display = terminal_progress(quiet=quiet)
    try:
        result = build_graph(
            inputs, validate=not no_validate, progress=display, link=not no_link, reference=reference
        )
    finally:
        if display is not None:
            display.close()

    for skipped in result.skipped:
        click.echo(f"Skipped {skipped.path}: {skipped.reason}", err=True)
    for failed in result.failed:
        click.echo(f"Warning: {failed.path}: {failed.reason}", err=True)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)

    write_graph(result.graph, output, fmt)
    validation = result.validation
    if validation is not None and report is not None:
        write_graph(validation.report_graph, report, "turtle")
    if validation is not None and not validation.conforms:
        from kg.validate import format_problems

        click.echo(format_problems(validation), err=True)

    stats = result.stats
    if not quiet:
        if validation is None:
            shacl = "not checked (--no-validate)"
        elif validation.conforms:
            shacl = "conforms"
        else:
            shacl = f"{len(validation.violations)} violations"
        click.echo(
            f"Documents: {stats.documents} read, {stats.skipped} skipped. "
            f"Units: {stats.units} ({stats.new_units} new, {stats.predecessors} predecessors); "
            f"officials: {stats.officials}; observations: {stats.observations}; "
            f"resolutions: {stats.resolutions}. {_codes(stats, no_link)}SHACL: {shacl}. "
            f"Wrote {output} ({stats.triples} triples, {fmt}) in {stats.total_seconds:.1f} s.",
            err=True,
        )

    if validation is not None and not validation.conforms:
        raise InvalidGraphError(
            f"the graph breaks the SHACL shapes ({len(validation.violations)} violations); "
            f"it was written to {output} anyway"
        )
    if result.skipped:
        count = len(result.skipped)
        raise InputError(
            f"{count} input{'s were' if count != 1 else ' was'} skipped; "
            f"the graph of the other {stats.documents} document{'s' if stats.documents != 1 else ''} "
            f"was written to {output}"
        )


def _codes(stats, no_link: bool) -> str:
    if no_link or stats.linked + stats.not_linked == 0:
        return ""
    if not stats.not_linked:
        return f"Official codes: all {stats.linked} units linked. "
    return f"Official codes: {stats.linked} linked, {stats.not_linked} not (kg stats lists them). "


def _folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")

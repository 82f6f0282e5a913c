"""The ``kg`` command: a thin client of the :mod:`kg` library.

Each command calls one library function and formats its result. Errors are
translated here, at one boundary: a :class:`kg.errors.KgError` becomes
``Error: <message>`` on stderr and the error's exit code (see
:mod:`kg.errors`); only unexpected errors show a traceback. Logging handlers
are configured here too (library modules only call ``logging.getLogger``).
"""

from __future__ import annotations

import logging
from typing import Any

import click

import kg
from kg.cli.build import build
from kg.cli.check import check
from kg.cli.export import export
from kg.cli.lineage import lineage
from kg.cli.options import quiet_option, verbose_option
from kg.cli.push import push
from kg.cli.query import query
from kg.cli.serve import serve
from kg.cli.stats import stats
from kg.cli.validate import validate
from kg.errors import KgError

EXIT_CODES = """\b
Exit codes:
  0  success (validate: the graph conforms)
  1  the graph breaks the SHACL shapes (build still writes it)
  2  usage error (unknown option or format, missing argument, bad query)
  3  bad input: a file could not be read, parsed or written;
     build: some inputs were skipped (the others' graph is still written)
"""


class KgClickError(click.ClickException):
    """A :class:`KgError` as click shows it: ``Error: <message>``, the error's exit code."""

    def __init__(self, error: KgError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code


class KgGroup(click.Group):
    """A click group that turns library errors into messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as error:
            logging.getLogger("kg").debug("error", exc_info=True)
            raise KgClickError(error) from error


class _EchoHandler(logging.Handler):
    """Log records to the current stderr (click.echo, so test runners capture it)."""

    def emit(self, record: logging.LogRecord) -> None:
        from kg.progress import active_display

        try:
            display = active_display()
            if display is not None:
                display.clear()  # the message goes on its own line, not after the status line
            click.echo(self.format(record), err=True)
        except Exception:  # pragma: no cover - logging must never raise
            self.handleError(record)


def configure_logging(*, verbose: int = 0, quiet: bool = False) -> None:
    """Send the ``kg`` loggers' records to stderr at a level set by -v / -q."""
    logger = logging.getLogger("kg")
    for handler in list(logger.handlers):
        if isinstance(handler, _EchoHandler):
            logger.removeHandler(handler)
    handler = _EchoHandler()
    if verbose >= 2:
        level = logging.DEBUG
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    else:
        level = logging.ERROR if quiet else (logging.INFO if verbose else logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


@click.group(
    cls=KgGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_CODES,
)
@click.version_option(kg.__version__, "--version", prog_name="kg", message="%(prog)s %(version)s")
@quiet_option
@verbose_option
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: int) -> None:
    """Build knowledge graphs of Vietnam's 2025 reorganisation of commune-level
    administrative units from Vietnamese documents (news, encyclopedia
    articles, resolutions), validate them and query them.

    Example:

    \b
        kg build news/ resolutions/ --output kg-graph.ttl
        kg validate kg-graph.ttl
        kg export kg-graph.ttl --format nt --output kg-graph.nt
    """
    ctx.ensure_object(dict)
    ctx.obj["quiet"] = quiet
    ctx.obj["verbose"] = verbose
    configure_logging(verbose=verbose, quiet=quiet)


main.add_command(build)
main.add_command(validate)
main.add_command(export)
main.add_command(query)
main.add_command(stats)
main.add_command(check)
main.add_command(lineage)
main.add_command(serve)
main.add_command(push)

__all__ = ["KgClickError", "KgGroup", "configure_logging", "main"]

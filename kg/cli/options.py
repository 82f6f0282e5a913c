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


def remote_options(func: F) -> F:
    """``--user``, ``--password`` (or ``KG_ENDPOINT_PASSWORD``), ``--auth`` and ``--timeout`` for a remote store
    (read them back with :func:`remote_credentials`)."""
    from kg.remote import AUTH_SCHEMES, DEFAULT_TIMEOUT

    options = [
        click.option("--user", metavar="NAME", default=None, help="User name for the store (HTTP Basic or Digest)."),
        click.option(
            "--password",
            metavar="TEXT",
            envvar="KG_ENDPOINT_PASSWORD",
            default=None,
            help="Password for --user; better given in the KG_ENDPOINT_PASSWORD environment variable "
            "(asked for on a terminal when neither is given).",
        ),
        click.option(
            "--auth",
            type=click.Choice(AUTH_SCHEMES),
            default="auto",
            show_default=True,
            help="How to send --user and --password: auto answers the scheme the server asks for.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=DEFAULT_TIMEOUT,
            show_default=True,
            help="Seconds to wait for each answer of the store.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def remote_credentials(user: str | None, password: str | None, auth: str) -> Any:
    """The :class:`kg.remote.Credentials` of the options of :func:`remote_options` (``None`` without ``--user``).
    A missing password is asked for on a terminal, and is a usage error otherwise."""
    import sys

    from kg.remote import Credentials

    if user is None:
        source = click.get_current_context().get_parameter_source("password")
        if password is not None and source == click.core.ParameterSource.COMMANDLINE:
            raise click.UsageError("--password needs --user")
        return None
    if password is None:
        if not sys.stdin.isatty():
            raise click.UsageError(f"--user {user} needs a password: give --password or set KG_ENDPOINT_PASSWORD")
        password = click.prompt(f"Password for {user}", hide_input=True, err=True)
    return Credentials(user, password, auth)

"""The errors kg raises: one catalogue, translated to the user at one boundary.

Library code raises these; the command line (``kg.cli.main``) turns any
:class:`KgError` into ``Error: <message>`` on stderr and exits with the error's
``exit_code`` (no traceback). Messages say what went wrong and, where there is
one, the fix.

Exit codes of the ``kg`` command:

==  =====================================================================
0   success (``kg validate``: the graph conforms to the shapes)
1   invalid graph: the graph breaks the SHACL shapes (``kg build`` still
    writes it; ``kg validate`` prints the problems)
2   usage error: unknown option or format, missing argument, bad query
3   bad input: a file could not be read, parsed or written; with
    ``kg build`` also: some inputs were skipped (the graph of the others is
    still written)
==  =====================================================================

``kg build`` exits 1 when the graph has violations, else 3 when inputs were
skipped, else 0.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_INVALID_GRAPH = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3


class KgError(Exception):
    """Base class of every error kg reports to the user (no traceback)."""

    exit_code: int = EXIT_BAD_INPUT

    def __init__(self, message: str = "", *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self)


class UsageError(KgError):
    """The caller asked for something kg does not offer (a format, an option
    combination, a query name). Exit code 2."""

    exit_code = EXIT_USAGE


class InputError(KgError):
    """An input could not be read or parsed, or some inputs were skipped. Exit code 3."""

    exit_code = EXIT_BAD_INPUT


class GraphFileError(InputError):
    """An RDF file could not be read or parsed. Exit code 3.

    ``path`` and ``line`` (1-based, when the parser says) locate the problem;
    the message already names them.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line


class OutputError(KgError):
    """A file could not be written (missing folder, permissions, full disk, a
    format that cannot express the graph). Exit code 3."""

    exit_code = EXIT_BAD_INPUT


class QuerySyntaxError(UsageError):
    """A SPARQL query does not parse. Exit code 2."""


class InvalidGraphError(KgError):
    """The graph does not conform to the SHACL shapes. Exit code 1."""

    exit_code = EXIT_INVALID_GRAPH


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INVALID_GRAPH",
    "EXIT_OK",
    "EXIT_USAGE",
    "GraphFileError",
    "InputError",
    "InvalidGraphError",
    "KgError",
    "OutputError",
    "QuerySyntaxError",
    "UsageError",
]

"""What ``kg serve`` refuses before a query reaches an engine: SPARQL Update, ``LOAD`` and ``SERVICE``.

The endpoint is read-only and queries only its own graph, so an update (sent
as a query, or under ``update=``), ``LOAD`` (which fetches data from the web)
and ``SERVICE`` (which sends part of a query to another endpoint) are refused
with a message saying why. The check reads the query's tokens, not its raw
text: a ``"service"`` in a string, an IRI ``<…/load>``, a comment, a variable
``?service`` or a prefixed name ``vnadm:load`` is not a keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QueryRefused", "check_read_only", "keywords", "query_form"]

# One alternative per lexical kind; the first that matches at a position wins.
_LEX = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w+)
    | (?P<bnode>_:[\w.-]*)
    | (?P<langtag>@[A-Za-z][A-Za-z0-9-]*)
    | (?P<pname>(?:[A-Za-z][\w.-]*)?:(?:[\w.%:-]|\\.)*)
    | (?P<number>\d[\w.]*)
    | (?P<word>[A-Za-z_]\w*)
    | (?P<other>\S)
    """,
    re.VERBOSE,
)

#: the operations that start a SPARQL 1.1 Update request (after its prologue)
_UPDATE_OPERATIONS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
_PROLOGUE = frozenset({"BASE", "PREFIX"})

READ_ONLY = "this endpoint is read-only (to change the data, change the graph files and restart kg serve)"


@dataclass(frozen=True)
class Keyword:
    """A bare word of the query (upper-cased) and where it is (1-based line and column)."""

    word: str
    line: int
    column: int


class QueryRefused(Exception):
    """A query the endpoint will not run; ``str()`` says why, in one line."""


def keywords(text: str) -> list[Keyword]:
    """The bare words of ``text`` — keywords and function names — outside strings, IRIs,
    comments, variables, blank node labels, language tags and prefixed names."""
    found: list[Keyword] = []
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    line = 0
    for match in _LEX.finditer(text):
        if match.lastgroup != "word":
            continue
        start = match.start()
        while line + 1 < len(line_starts) and line_starts[line + 1] <= start:
            line += 1
        found.append(Keyword(match.group().upper(), line + 1, start - line_starts[line] + 1))
    return found


def check_read_only(text: str) -> None:
    """Raise :class:`QueryRefused` when ``text`` is a SPARQL Update or uses ``LOAD`` or ``SERVICE``."""
    words = keywords(text)
    for keyword in words:
        if keyword.word == "LOAD":
            raise QueryRefused(
                f"LOAD (line {keyword.line}, column {keyword.column}) is refused: {READ_ONLY}, and it loads nothing"
            )
    first = next((k for k in words if k.word not in _PROLOGUE), None)
    if first is not None and first.word in _UPDATE_OPERATIONS:
        where = f"{first.word} at line {first.line}, column {first.column}"
        raise QueryRefused(f"SPARQL Update ({where}) is refused: {READ_ONLY}")
    for keyword in words:
        if keyword.word == "SERVICE":
            raise QueryRefused(
                f"SERVICE (line {keyword.line}, column {keyword.column}) is refused: this endpoint only queries "
                "its own graph and sends no query to other endpoints; remove the SERVICE block"
            )


_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


def query_form(text: str) -> str | None:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the first keyword after the prologue
    (None when it is none of them: the parser will say what is wrong)."""
    first = next((k.word for k in keywords(text) if k.word not in _PROLOGUE), None)
    return first if first in _FORMS else None

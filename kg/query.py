"""Run SPARQL over a kg graph: the canned queries in ``queries/*.rq``, a query file or a query string.

The canned queries are plain SPARQL 1.1 files whose leading comment is a header::

    # name: lineage
    # summary: The predecessors of a unit, with share, document and sentence.
    # param: unit — the unit's bare name ("An Phong") or its IRI
    # example: kg query lineage --param unit="An Phong"

A parameter is a SPARQL variable that the query only tests, as
``IF(BOUND(?unit), <test>, true)``, so that binding it restricts the rows and
leaving it unbound returns them all; it is never an output column.
:func:`run_query` binds parameters with rdflib's ``initBindings`` (see
:func:`param_value` for how a command-line value becomes an RDF term); each
query text is prepared once and cached. ``queries/lineage.rq`` explains how the
canned queries are laid out for rdflib's evaluator.

Files whose name starts with ``_`` (``_stats-counts.rq``) are used by kg itself
and are not listed by :func:`list_queries`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import rdflib
from pyparsing import ParseBaseException
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import BNode, Literal, Node, URIRef, Variable

from kg import errors
from kg.errors import InputError, KgError, UsageError
from kg.namespaces import PREFIXES
from kg.resources import queries_dir

__all__ = [
    "PREFIXES",
    "RESULT_FORMATS",
    "CannedQuery",
    "QueryResult",
    "QuerySyntaxError",
    "canned_query",
    "format_result",
    "list_queries",
    "load_query",
    "param_value",
    "prepare",
    "query_params",
    "read_graphs",
    "run_query",
]


#: The output formats of :func:`format_result`.
RESULT_FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json")

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = URIRef(_XSD + "string")
_TABLE_CELL_MAX = 80


class QuerySyntaxError(errors.QuerySyntaxError):
    """A query that does not parse (exit code 2).

    ``str()`` is one line, ``source:line:column: reason (SPARQL syntax error)``;
    ``line`` and ``column`` are 1-based (None when the parser gives no place).
    """

    def __init__(self, reason: str, *, source: str, line: int | None = None, column: int | None = None):
        self.reason = reason
        self.source = source
        self.line = line
        self.column = column
        where = f"{source}:{line}:{column}" if line is not None else source
        super().__init__(f"{where}: {reason} (SPARQL syntax error)")


# ------------------------------------------------------------------ canned queries


@dataclass(frozen=True)
class CannedQuery:
    """A query file of ``queries/`` with its header."""

    name: str
    path: Path
    summary: str
    params: tuple[tuple[str, str], ...]  # (name, description)
    example: str
    text: str

    @property
    def source(self) -> str:
        """How error messages name the file: ``queries/lineage.rq``."""
        return f"queries/{self.path.name}"


_HEADER_LINE = re.compile(r"#\s*(name|summary|param|example)\s*:\s*(.*?)\s*$")
_PARAM_DESC = re.compile(r"[?$]?([A-Za-z_]\w*)\s*(?:—|–|--|-|:)?\s*(.*)$")


def _header(text: str) -> dict[str, list[str]]:
    """The ``# key: value`` lines of the leading comment block."""
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER_LINE.match(stripped)
        if match:
            fields.setdefault(match.group(1), []).append(match.group(2))
    return fields


def _declared_params(text: str) -> tuple[tuple[str, str], ...]:
    params = []
    for value in _header(text).get("param", []):
        match = _PARAM_DESC.match(value)
        if match:
            params.append((match.group(1), match.group(2)))
    return tuple(params)


def _canned(path: Path) -> CannedQuery:
    text = path.read_text(encoding="utf-8")
    fields = _header(text)
    return CannedQuery(
        name=(fields.get("name") or [path.stem])[0],
        path=path,
        summary=(fields.get("summary") or [""])[0],
        params=_declared_params(text),
        example=(fields.get("example") or [""])[0],
        text=text,
    )


def list_queries() -> list[CannedQuery]:
    """The canned queries of ``queries/``, by name (files starting with ``_`` are kg's own)."""
    queries = [_canned(path) for path in queries_dir().glob("*.rq") if not path.name.startswith("_")]
    return sorted(queries, key=lambda q: q.name)


_QUERY_NAME = re.compile(r"[\w-]+")


def canned_query(name: str) -> CannedQuery:
    """The canned query ``queries/{name}.rq``; :class:`~kg.errors.UsageError` listing the names if none."""
    if _QUERY_NAME.fullmatch(name):
        candidate = queries_dir() / f"{name}.rq"
        if candidate.is_file():
            return _canned(candidate)
    names = ", ".join(q.name for q in list_queries())
    raise UsageError(f"unknown query {name!r}; the canned queries are: {names} (or give a .rq file)")


def load_query(name_or_path: str) -> CannedQuery | str:
    """A canned query by name (``"lineage"``) as a :class:`CannedQuery`, or the text of a ``.rq`` file.

    A bare name (letters, digits, ``-``, ``_``) is a canned query's when one has
    that name; anything else (``my.rq``, ``./lineage``) is read as a file.
    """
    if _QUERY_NAME.fullmatch(name_or_path) and (queries_dir() / f"{name_or_path}.rq").is_file():
        return canned_query(name_or_path)
    path = Path(name_or_path)
    if path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{name_or_path}: cannot read the query file: {exc}") from exc
    if not _QUERY_NAME.fullmatch(name_or_path):
        raise InputError(f"{name_or_path}: no such query file")
    return canned_query(name_or_path)  # raises, listing the names


# ------------------------------------------------------------------ preparing


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text, initNs=PREFIXES)


def prepare(text: str, *, source: str = "<query>") -> Query:
    """The parsed and translated query, cached by text; :class:`QuerySyntaxError` if it does not parse."""
    try:
        return _prepared(text)
    except ParseBaseException as exc:
        raise _syntax_error(exc, source) from None
    except Exception as exc:  # rdflib raises plain Exceptions while translating (unknown prefix, …)
        raise _translation_error(exc, text, source) from None


def _syntax_error(exc: ParseBaseException, source: str) -> QuerySyntaxError:
    """pyparsing's message, minus the names of rdflib's grammar rules (``Expected SelectQuery``)."""
    found = getattr(exc, "found", "") or "this"
    expected = (exc.msg or "").removeprefix("Expected ").strip()
    if not expected or re.match(r"[{\[(]|[A-Z][A-Za-z]+\b", expected):
        reason = f"unexpected {found}"
    else:
        if len(expected) > 60:
            expected = expected[:59] + "…"
        reason = f"expected {expected}, found {found}"
    return QuerySyntaxError(reason, source=source, line=exc.lineno, column=exc.col)


_UNKNOWN_PREFIX = re.compile(r"Unknown namespace prefix\s*:\s*(\S+)")


def _translation_error(exc: Exception, text: str, source: str) -> QuerySyntaxError:
    message = " ".join(str(exc).split()) or type(exc).__name__
    match = _UNKNOWN_PREFIX.search(message)
    if match:
        prefix = match.group(1)
        message = f"undeclared prefix {prefix}: (add PREFIX {prefix}: <…>)"
        for number, line in enumerate(text.splitlines(), start=1):
            code = line.split("#", 1)[0]
            hit = re.search(rf"(?<![\w:<?$-]){re.escape(prefix)}:", code)
            if hit:
                return QuerySyntaxError(message, source=source, line=number, column=hit.start() + 1)
    return QuerySyntaxError(message, source=source)


@lru_cache(maxsize=256)
def _variables_of(text: str) -> frozenset[str]:
    """Every variable the prepared query mentions (patterns, filters, projections)."""
    found: set[str] = set()
    stack: list[object] = [_prepared(text).algebra]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, Variable):
            found.add(str(node))
        elif isinstance(node, (str, bytes, int, float, Decimal)) or id(node) in seen:
            continue
        elif isinstance(node, Mapping):
            seen.add(id(node))
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, set, frozenset)):
            seen.add(id(node))
            stack.extend(node)
    return frozenset(name for name in found if not name.startswith("__"))  # rdflib's own: __agg_1__


def query_params(text: str) -> tuple[tuple[str, str], ...]:
    """The parameters a query's header declares (``# param: name — description``)."""
    return _declared_params(text)


# ------------------------------------------------------------------ parameters

_INTEGER = re.compile(r"[+-]?(?:0|[1-9]\d*)")
_DECIMAL = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+)")
_DOUBLE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+")
_ABSOLUTE_IRI = re.compile(r"(?:https?|urn|file|mailto):\S+")
_PREFIXED = re.compile(r"([A-Za-z][\w.-]*):(\S*)")


def param_value(value: str) -> URIRef | Literal:
    """The RDF term for a parameter given on the command line.

    ``http…``/``urn:…`` and ``<…>`` are IRIs, and so is ``vnadm:Ward`` or
    ``id:unit/…`` (a prefix of :data:`PREFIXES`); ``12`` and ``27.92`` are
    numbers (``00691`` stays text); anything else is a plain string, trimmed and in NFC.
    """
    text = value.strip()
    if text.startswith("<") and text.endswith(">") and len(text) > 2:
        return URIRef(text[1:-1])
    if _ABSOLUTE_IRI.fullmatch(text):
        return URIRef(text)
    prefixed = _PREFIXED.fullmatch(text)
    if prefixed and prefixed.group(1) in PREFIXES:
        return URIRef(PREFIXES[prefixed.group(1)] + prefixed.group(2))
    if _INTEGER.fullmatch(text):
        return Literal(int(text))
    if _DECIMAL.fullmatch(text):
        try:
            return Literal(Decimal(text))
        except InvalidOperation:  # pragma: no cover - the pattern only lets valid decimals through
            pass
    if _DOUBLE.fullmatch(text):
        return Literal(float(text))
    return Literal(unicodedata.normalize("NFC", text))


def _bindings(text: str, params: Mapping[str, str], source: str) -> dict[str, URIRef | Literal]:
    known = _variables_of(text)
    bindings: dict[str, URIRef | Literal] = {}
    for raw_name, value in params.items():
        name = raw_name.lstrip("?$")
        if name not in known:
            declared = [p for p, _ in _declared_params(text)]
            if declared:
                hint = "its parameters are: " + ", ".join(declared)
            else:
                hint = "it declares no parameters; its variables are: " + ", ".join(sorted(known))
            raise UsageError(f"{source}: unknown parameter {raw_name!r}; {hint}")
        bindings[name] = param_value(value)
    return bindings


# ------------------------------------------------------------------ running


@dataclass(frozen=True)
class QueryResult:
    """The answer of a query: variable names and rows (``None`` = unbound).

    ``kind`` is ``SELECT``, ``ASK`` (one variable ``ask``, one row with a boolean
    literal), ``CONSTRUCT`` or ``DESCRIBE`` (variables ``subject predicate object``,
    one row per triple, and the triples as ``graph``).
    """

    vars: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]
    kind: str = "SELECT"
    graph: rdflib.Graph | None = field(default=None, compare=False, repr=False)

    def records(self) -> list[dict[str, Node | None]]:
        """The rows as dictionaries keyed by variable name."""
        return [dict(zip(self.vars, row, strict=True)) for row in self.rows]


def run_query(
    graph: rdflib.Graph,
    text: str,
    *,
    params: Mapping[str, str] | None = None,
    source: str = "<query>",
) -> QueryResult:
    """Run the SPARQL ``text`` over ``graph`` with ``params`` bound (see :func:`param_value`).

    Raises :class:`QuerySyntaxError` when the text does not parse and
    :class:`~kg.errors.UsageError` for a parameter that is not a variable of the
    query or a query that fails while it runs.
    """
    prepared = prepare(text, source=source)
    bindings = _bindings(text, params or {}, source)
    try:
        result = graph.query(prepared, initBindings=bindings)
        if result.type == "ASK":
            return QueryResult(vars=("ask",), rows=((Literal(bool(result.askAnswer)),),), kind="ASK")
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            built = result.graph if result.graph is not None else rdflib.Graph()
            rows = tuple(sorted(built, key=lambda t: tuple(str(x) for x in t)))
            return QueryResult(vars=("subject", "predicate", "object"), rows=rows, kind=result.type, graph=built)
        names = tuple(str(v) for v in (result.vars or ()))
        rows = tuple(tuple(row) for row in result)
    except KgError:
        raise
    except Exception as exc:
        raise UsageError(f"{source}: the query failed: {' '.join(str(exc).split())}") from exc
    return QueryResult(vars=names, rows=rows, kind="SELECT")


# ------------------------------------------------------------------ formatting


def format_result(result: QueryResult, fmt: str, *, prefixes: Mapping[str, str] | None = None) -> str:
    """The result as text: ``table`` (aligned columns, IRIs as prefixed names), ``csv`` and
    ``tsv`` (SPARQL 1.1 Query Results CSV and TSV) or ``json`` (SPARQL 1.1 Query Results JSON)."""
    if fmt == "json":
        return _json(result)
    if fmt == "csv":
        return _csv(result)
    if fmt == "tsv":
        return _tsv(result)
    if fmt == "table":
        return _table(result, PREFIXES if prefixes is None else prefixes)
    raise UsageError(f"unknown result format {fmt!r}; choose one of: {', '.join(RESULT_FORMATS)}")


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != _XSD_STRING:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "literal", "value": str(term)}


def _json(result: QueryResult) -> str:
    if result.kind == "ASK":
        doc: dict[str, object] = {"head": {}, "boolean": bool(result.rows[0][0].toPython())}
    else:
        bindings = [
            {var: _json_term(term) for var, term in zip(result.vars, row, strict=True) if term is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _csv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow([_csv_term(term) for term in row])
    return buffer.getvalue()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_SHORT_NUMBERS = {
    URIRef(_XSD + "integer"): re.compile(r"[+-]?\d+"),
    URIRef(_XSD + "decimal"): re.compile(r"[+-]?\d*\.\d+"),
    URIRef(_XSD + "double"): re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+"),
    URIRef(_XSD + "boolean"): re.compile(r"true|false"),
}


def _tsv_term(term: Node | None) -> str:
    """A term in SPARQL/Turtle syntax on one line (SPARQL 1.1 TSV results)."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        lexical = str(term)
        short = _SHORT_NUMBERS.get(term.datatype) if term.datatype is not None else None
        if short is not None and short.fullmatch(lexical):
            return lexical
        quoted = '"' + lexical.translate(_TSV_ESCAPES) + '"'
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype is not None and term.datatype != _XSD_STRING:
            return f"{quoted}^^<{term.datatype}>"
        return quoted
    return str(term)


def _tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{var}" for var in result.vars)]
    lines.extend("\t".join(_tsv_term(term) for term in row) for row in result.rows)
    return "\n".join(lines) + "\n"


def _shorten(iri: str, prefixes: Mapping[str, str]) -> str:
    best = ""
    best_prefix = ""
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, best_prefix = namespace, prefix
    if best and not any(ch.isspace() for ch in iri[len(best) :]):
        return f"{best_prefix}:{iri[len(best) :]}"
    return f"<{iri}>"


def _cell(term: Node | None, prefixes: Mapping[str, str]) -> str:
    if term is None:
        text = ""
    elif isinstance(term, URIRef):
        text = _shorten(str(term), prefixes)
    elif isinstance(term, BNode):
        text = f"_:{term}"
    else:
        text = " ".join(str(term).split())
    if _width(text) > _TABLE_CELL_MAX:
        text = text[: _TABLE_CELL_MAX - 1] + "…"
    return text


def _width(text: str) -> int:
    """Columns the text takes in a terminal (combining marks take none, wide characters two)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


_NUMERIC_TYPES = frozenset(URIRef(_XSD + name) for name in ("integer", "decimal", "double", "float", "int", "long"))


def _is_number(term: Node | None) -> bool:
    return isinstance(term, Literal) and term.datatype in _NUMERIC_TYPES


def _table(result: QueryResult, prefixes: Mapping[str, str]) -> str:
    header = list(result.vars)
    cells = [[_cell(term, prefixes) for term in row] for row in result.rows]
    widths = [_width(name) for name in header]
    for row in cells:
        for i, text in enumerate(row):
            widths[i] = max(widths[i], _width(text))

    def pad(text: str, width: int, right: bool) -> str:
        gap = " " * (width - _width(text))
        return gap + text if right else text + gap

    lines = ["  ".join(pad(name, widths[i], False) for i, name in enumerate(header)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for term_row, row in zip(result.rows, cells, strict=True):
        line = "  ".join(pad(text, widths[i], _is_number(term_row[i])) for i, text in enumerate(row))
        lines.append(line.rstrip())
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ reading graphs


def read_graphs(paths: Sequence[Path | str]) -> rdflib.Graph:
    """One graph holding the triples of every file (format from the extension; see
    :func:`kg.validate.read_graph`). Raises :class:`~kg.errors.GraphFileError` naming
    the file that is missing or does not parse."""
    from kg.validate import read_graph

    graphs = [read_graph(Path(path)) for path in paths]
    if len(graphs) == 1:
        return graphs[0]
    merged = rdflib.Graph()
    for graph in graphs:
        for prefix, namespace in graph.namespaces():
            merged.bind(prefix, namespace, override=False)
        for triple in graph:
            merged.add(triple)
    return merged

"""Query engines: the same SPARQL, the same :class:`~kg.query.QueryResult`, over rdflib or Oxigraph.

kg answers SPARQL with one of two engines behind one interface, :class:`Engine`:

- :class:`OxigraphEngine` — `pyoxigraph <https://pyoxigraph.readthedocs.io>`_'s
  store, written in Rust: parses Turtle some 20 times faster than rdflib and
  answers the canned queries in milliseconds on the national graph. The default
  (``README.md``, "Query engines", has the measurements).
- :class:`RdflibEngine` — rdflib's own evaluator over an :class:`rdflib.Graph`,
  kept because the library hands graphs around as rdflib graphs (``kg.build``
  returns one) and for comparison.

Both return rdflib terms, so results format the same way
(:func:`kg.query.format_result`). A query's parameters are bound the same way
for every engine, as a substitution of the variable by the term
(:func:`substitute`; rdflib binds them as ``initBindings``, which has the same
effect on the canned queries — the tests hold the engines to identical
answers).

Files are read into an Oxigraph store by :func:`load_store`; a file that does
not parse is a :class:`~kg.errors.GraphFileError` naming it, with the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from kg.errors import GraphFileError, KgError, UsageError
from kg.namespaces import PREFIXES
from kg.query import QueryResult, QuerySyntaxError, param_value, run_query

__all__ = [
    "ENGINES",
    "Engine",
    "comparable_answer",
    "list_columns",
    "OxigraphEngine",
    "RdflibEngine",
    "from_oxigraph",
    "load_store",
    "open_engine",
    "query_form",
    "sparql_term",
    "substitute",
    "to_oxigraph",
]

#: The engine names ``--engine`` accepts; the first is the default.
ENGINES: tuple[str, ...] = ("oxigraph", "rdflib")

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Engine(Protocol):
    """Something that answers SPARQL queries with :class:`~kg.query.QueryResult`."""

    name: str

    def query(self, text: str, *, params: Mapping[str, str] | None = None, source: str = "<query>") -> QueryResult:
        """Run ``text`` with ``params`` bound (:func:`kg.query.param_value` turns each value into a term).

        Raises :class:`~kg.query.QuerySyntaxError` for a query that does not parse
        and :class:`~kg.errors.UsageError` for an unknown parameter or a query that fails.
        """
        ...


# ------------------------------------------------------------------ terms


def from_oxigraph(term: object) -> Node | None:
    """The rdflib term of a pyoxigraph term (``None`` stays ``None``: an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")  # RDF-star triples: kg writes none


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term of an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


_STRING_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def sparql_term(term: Node) -> str:
    """The term in SPARQL syntax: ``<iri>``, ``"text"@vi``, ``"12"^^<…#integer>``."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        raise UsageError("a blank node cannot be given as a query parameter")
    if isinstance(term, Literal):
        quoted = '"' + str(term).translate(_STRING_ESCAPES) + '"'
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{quoted}^^<{term.datatype}>"
        return quoted
    raise TypeError(f"unsupported term {term!r}")


# ------------------------------------------------------------------ substitution

# The lexical parts of SPARQL that can hold a "?name" that is not a variable.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<bound>\bBOUND\s*\(\s*[?$](?P<bvar>\w+)\s*\))
    | (?P<var>[?$](?P<name>\w+))
    """,
    re.VERBOSE | re.IGNORECASE,
)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


@lru_cache(maxsize=64)  # a server runs the same texts again and again
def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the query's form (``SELECT`` if none is found)."""
    code = _TOKEN.sub(lambda m: " " if m.group("comment") or m.group("string") or m.group("iri") else m.group(0), text)
    match = _FORM.search(code)
    return match.group(1).upper() if match else "SELECT"


def substitute(text: str, bindings: Mapping[str, Node]) -> str:
    """The query ``text`` with each variable of ``bindings`` replaced by its term.

    ``BOUND(?v)`` becomes ``true`` and every other ``?v``/``$v`` the term in
    SPARQL syntax (:func:`sparql_term`); strings, IRIs and comments are left
    alone. This is how a canned query's parameter is bound for an engine that
    has no ``initBindings`` (Oxigraph, a remote endpoint): the parameters are
    only ever tested, never bound by a pattern or projected.
    """
    if not bindings:
        return text
    wanted = {name.lstrip("?$"): sparql_term(term) for name, term in bindings.items()}

    def replace(match: re.Match[str]) -> str:
        if match.group("bound") is not None:
            return "true" if match.group("bvar") in wanted else match.group(0)
        name = match.group("name")
        if name is not None and name in wanted:
            return wanted[name]
        return match.group(0)

    return _TOKEN.sub(replace, text)


def _checked_bindings(text: str, params: Mapping[str, str], source: str) -> dict[str, Node]:
    """The parameters as terms; :class:`UsageError` for one the query does not mention."""
    from kg.query import _declared_params  # the header reader of canned queries

    variables = _query_variables(text)
    bindings: dict[str, Node] = {}
    for raw_name, value in params.items():
        name = raw_name.lstrip("?$")
        if name not in variables:
            declared = [p for p, _ in _declared_params(text)]
            if declared:
                hint = "its parameters are: " + ", ".join(declared)
            else:
                hint = "it declares no parameters; its variables are: " + ", ".join(sorted(variables))
            raise UsageError(f"{source}: unknown parameter {raw_name!r}; {hint}")
        bindings[name] = param_value(value)
    return bindings


@lru_cache(maxsize=64)
def _query_variables(text: str) -> frozenset[str]:
    """Every variable the query mentions (outside strings, IRIs and comments)."""
    return frozenset(m.group("name") for m in _TOKEN.finditer(text) if m.group("name")) | frozenset(
        m.group("bvar") for m in _TOKEN.finditer(text) if m.group("bvar")
    )


# ------------------------------------------------------------------ engines


class RdflibEngine:
    """rdflib's SPARQL evaluator over one :class:`rdflib.Graph`."""

    name = "rdflib"

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph

    def query(self, text: str, *, params: Mapping[str, str] | None = None, source: str = "<query>") -> QueryResult:
        return run_query(self.graph, text, params=params, source=source)

    def __len__(self) -> int:
        return len(self.graph)


_OX_SYNTAX = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)


class OxigraphEngine:
    """Oxigraph's SPARQL evaluator over a :class:`pyoxigraph.Store` (its default graph and
    named graphs together: quads from ``.nq``/``.trig`` files are queried as one graph)."""

    name = "oxigraph"

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    @classmethod
    def from_graph(cls, graph: rdflib.Graph) -> OxigraphEngine:
        """An engine over a copy of an rdflib graph."""
        store = ox.Store()
        default = ox.DefaultGraph()
        store.bulk_extend(
            ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), default)  # type: ignore[arg-type]
            for s, p, o in graph
        )
        return cls(store)

    def __len__(self) -> int:
        return len(self.store)

    def query(self, text: str, *, params: Mapping[str, str] | None = None, source: str = "<query>") -> QueryResult:
        bindings = _checked_bindings(text, params or {}, source)
        effective = substitute(text, bindings)
        try:
            answer = self.store.query(effective, prefixes=dict(PREFIXES), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise _oxigraph_syntax_error(exc, source) from None
        try:
            return _result(answer, query_form(effective))
        except KgError:
            raise
        except Exception as exc:  # evaluation errors surface while iterating
            raise UsageError(f"{source}: the query failed: {' '.join(str(exc).split())}") from exc


def _oxigraph_syntax_error(exc: SyntaxError, source: str) -> QuerySyntaxError:
    message = " ".join(str(exc.msg if exc.msg else exc).split())
    match = _OX_SYNTAX.match(message)
    if match:
        return QuerySyntaxError(match.group(3), source=source, line=int(match.group(1)), column=int(match.group(2)))
    return QuerySyntaxError(message, source=source)


def _result(answer: object, form: str) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(vars=("ask",), rows=((Literal(bool(answer)),),), kind="ASK")
    if isinstance(answer, ox.QueryTriples):
        built = rdflib.Graph()
        for triple in answer:
            built.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate), from_oxigraph(triple.object)))
        rows = tuple(sorted(built, key=lambda t: tuple(str(x) for x in t)))
        kind = "DESCRIBE" if form == "DESCRIBE" else "CONSTRUCT"
        return QueryResult(vars=("subject", "predicate", "object"), rows=rows, kind=kind, graph=built)
    assert isinstance(answer, ox.QuerySolutions)
    variables = [v.value for v in answer.variables]
    return QueryResult(vars=tuple(variables), rows=tuple(solution_rows(answer)), kind="SELECT")


def solution_rows(answer: ox.QuerySolutions) -> Iterator[tuple[Node | None, ...]]:
    """Oxigraph's solutions as rows of rdflib terms (``None`` for unbound), in variable order.

    Rows repeat terms (a file, a unit, a sentence): each distinct term is converted once, as
    rdflib's Literal parses its value, which is most of the time a large answer takes in Python.
    """
    converted: dict[object, Node | None] = {}
    for solution in answer:
        row = []
        for term in solution:
            found = converted.get(term, _MISSING) if term is not None else None
            if found is _MISSING:
                found = converted[term] = from_oxigraph(term)
            row.append(found)
        yield tuple(row)


_MISSING = object()


# ------------------------------------------------------------------ loading files

_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}


def load_store(paths: Sequence[Path | str], store: ox.Store | None = None) -> ox.Store:
    """An Oxigraph store holding every file's triples (format from the extension).

    Raises :class:`~kg.errors.GraphFileError` naming the file that is missing,
    has an unknown extension or does not parse (with its line and what is wrong).
    """
    store = ox.Store() if store is None else store
    for raw in paths:
        path = Path(raw)
        fmt = _FORMATS.get(path.suffix.lower())
        if fmt is None:
            known = ", ".join(sorted(_FORMATS))
            message = f"{path}: unknown RDF file extension {path.suffix!r}; use one of {known}"
            raise GraphFileError(message, path=str(path))
        if not path.is_file():
            raise GraphFileError(f"{path}: no such file", path=str(path))
        try:
            store.bulk_load(path=str(path), format=fmt)
        except SyntaxError as exc:
            line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
            reason = _parse_reason(str(exc.msg or exc))
            where = f"{path}, line {line}" if line else str(path)
            raise GraphFileError(f"{where}: not valid {fmt.name}: {reason}", path=str(path), line=line) from exc
        except UnicodeDecodeError as exc:
            raise GraphFileError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})", path=str(path)) from exc
        except OSError as exc:
            raise GraphFileError(f"{path}: cannot read: {exc.strerror or exc}", path=str(path)) from exc
    return store


_OX_PARSE = re.compile(
    r"Parser error at line \d+ (?:between columns \d+ and \d+|column \d+):\s*|Parser error at [\d:-]+\s*:?\s*"
)


def _parse_reason(message: str) -> str:
    message = " ".join(message.split())
    return _OX_PARSE.sub("", message) or "bad syntax"


def open_engine(paths: Sequence[Path | str], engine: str = ENGINES[0]) -> Engine:
    """An engine over the triples of ``paths``: ``"oxigraph"`` (the default) or ``"rdflib"``."""
    if engine == "oxigraph":
        return OxigraphEngine(load_store(paths))
    if engine == "rdflib":
        from kg.query import read_graphs

        return RdflibEngine(read_graphs(paths))
    raise UsageError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")


# ------------------------------------------------------------------ comparing answers

_LIST = re.compile(r"GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*?separator\s*=\s*\"([^\"]*)\"\s*\)\s*AS\s*\?(\w+)", re.I)
_BIND = re.compile(r"BIND\s*\(([^\n]*)\s+AS\s+\?(\w+)\s*\)", re.I)
_NUMBERS = frozenset(f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("decimal", "double", "float", "integer"))


def list_columns(text: str) -> dict[str, str]:
    """The variables of a query that hold a GROUP_CONCAT list (directly or through a BIND),
    with their separators."""
    lists = {name: separator for separator, name in _LIST.findall(text)}
    for expression, name in _BIND.findall(text):
        for listed, separator in list(lists.items()):
            if re.search(rf"\?{listed}\b", expression):
                lists.setdefault(name, separator)
    return lists


def comparable_answer(result: QueryResult, lists: Mapping[str, str]) -> tuple[tuple[str, ...], list[tuple]]:
    """An answer as values two engines must agree on, rows sorted. A GROUP_CONCAT list
    (``lists``, see :func:`list_columns`) has no defined order in SPARQL, so its items are
    sorted; a number is compared by value (rdflib writes 12.0 where others write 12); every
    other value must match exactly (lexical form, datatype, language)."""

    def value(name: str, term: Node | None) -> object:
        if term is None:
            return None
        if name in lists:
            separator = lists[name]
            return separator.join(sorted(str(term).split(separator)))
        if isinstance(term, Literal):
            datatype = str(term.datatype or "")
            if datatype in _NUMBERS:
                return (Decimal(str(term)).normalize(), datatype)
            return (str(term), datatype, term.language or "")
        return str(term)

    rows = [tuple(value(name, term) for name, term in zip(result.vars, row, strict=True)) for row in result.rows]
    return result.vars, sorted(rows, key=repr)

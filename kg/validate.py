"""Check a kg graph against the SHACL shapes (``shapes/*.ttl``) with pySHACL.

    >>> from kg.validate import read_graph, validate_graph, format_problems
    >>> result = validate_graph(read_graph(Path("kg-graph.ttl")))   # doctest: +SKIP
    >>> print(format_problems(result))                              # doctest: +SKIP

Validation runs with ``inference="none"``: a graph written by ``kg build``
already holds the ontology and vocabulary (``ontology/*.ttl``), which the shapes
need for ``sh:class`` (through ``rdfs:subClassOf``) and for the concept checks
(``skos:inScheme``, ``skos:notation``). A graph without them is validated with
``ontology/*.ttl`` mixed into a copy, and gets a warning, because the scorer's
queries need those triples in the graph itself.

pySHACL runs in "advanced" mode (SHACL-AF) because a few shapes select their
focus nodes with a SPARQL target; there are no rules, so the data graph is not
copied nor changed.

``conforms`` is False only for violations; warnings and infos are reported but
do not make a graph invalid.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH
from rdflib.term import BNode, Literal, Node, URIRef
from rdflib.util import guess_format

from kg.errors import GraphFileError
from kg.namespaces import PREFIXES
from kg.resources import ontology_dir, shapes_dir
from kg.writers import EXTENSIONS

log = logging.getLogger(__name__)

VNADM = rdflib.Namespace("https://w3id.org/vnadm/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/vnadm/ontology")

#: file extension -> rdflib parser name (rdflib names its parsers as its serializers)
PARSERS: dict[str, str] = EXTENSIONS
_QUAD_FORMATS = frozenset({"nquads", "trig"})
_LINE_FORMATS = frozenset({"nt", "nquads"})

_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_SEVERITY_RANK = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Problem:
    """One result of the SHACL report, with the document and sentence behind it."""

    focus: str  # IRI of the node that fails
    path: str | None  # the property, as a prefixed name when possible
    message: str  # the shape's sh:message (or pySHACL's text)
    severity: str  # "Violation" | "Warning" | "Info"
    source_file: str | None  # vnadm:sourceFile of the focus node's prov:wasDerivedFrom document, if any
    evidence: str | None  # vnadm:evidence of the focus node, if any


@dataclass(frozen=True)
class ValidationResult:
    """``conforms`` is False when there is at least one violation."""

    conforms: bool
    problems: tuple[Problem, ...]
    report_graph: rdflib.Graph

    @property
    def violations(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "Violation")


# ------------------------------------------------------------------ loading


def load_shapes() -> rdflib.Graph:
    """The SHACL shapes: every ``*.ttl`` in kg's ``shapes/`` folder, in one
    graph, with each property shape given its node shape's targets."""
    return hoist_property_shapes(_load_folder(shapes_dir(), "shapes"))


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def hoist_property_shapes(shapes: rdflib.Graph) -> rdflib.Graph:
    """Give every property shape of a targeted node shape that node shape's
    targets, and unlink it from the node shape.

    The same focus nodes are checked by the same constraints and reported with
    the same messages, but pySHACL 0.40 evaluates a linked property shape once
    per focus node (rebuilding its constraints each time) while it evaluates a
    targeted one once for all its focus nodes: on a kg graph of 1,000 articles
    validation takes 7 s instead of 18. Node shapes that are closed or
    deactivated are left as they are.
    """
    for node_shape in sorted(set(shapes.subjects(SH.property, None)), key=str):
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(node_shape, p)]
        if not targets or (node_shape, SH.closed, Literal(True)) in shapes or \
                (node_shape, SH.deactivated, Literal(True)) in shapes:
            continue
        for prop in list(shapes.objects(node_shape, SH.property)):
            for p, o in targets:
                shapes.add((prop, p, o))
            shapes.add((prop, RDF.type, SH.PropertyShape))
            shapes.remove((node_shape, SH.property, prop))
        if _nothing_left(shapes, node_shape):
            # its targets would still be computed (a SPARQL target's query run once more) for no check
            for p, o in targets:
                shapes.remove((node_shape, p, o))
    return shapes


# what a node shape may still say once its property shapes are hoisted, and check nothing
_INERT = {RDF.type, RDFS.comment, RDFS.label, SH.message, SH.severity, SH.name, SH.description, *_TARGETS}


def _nothing_left(shapes: rdflib.Graph, node_shape) -> bool:
    """True when the node shape has no constraint of its own and no other shape refers to it."""
    if any(p not in _INERT for p in shapes.predicates(node_shape, None)):
        return False
    return next(shapes.subjects(None, node_shape), None) is None


def load_ontology() -> rdflib.Graph:
    """The ontology and vocabulary: every ``*.ttl`` in kg's ``ontology/`` folder, in one graph."""
    return _load_folder(ontology_dir(), "ontology")


def _load_folder(folder: Path, what: str) -> rdflib.Graph:
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise GraphFileError(f"{folder}: no *.ttl files; kg's {what} are missing", path=str(folder))
    graph = rdflib.Graph()
    for path in files:
        _parse_into(graph, path, "turtle")
    return graph


def read_graph(path: Path) -> rdflib.Graph:
    """Parse an RDF file, choosing the parser by its extension (.ttl, .nt, .nq,
    .trig, .jsonld, .rdf, …). Quads are merged into one graph.

    Raises :class:`~kg.errors.GraphFileError` naming the file, and the line when
    the parser gives one, if the file is missing or does not parse.
    """
    path = Path(path)
    fmt = PARSERS.get(path.suffix.lower()) or guess_format(path.name)
    if fmt is None:
        known = ", ".join(sorted(PARSERS))
        raise GraphFileError(f"{path}: unknown RDF file extension {path.suffix!r}; use one of {known}", path=str(path))
    graph = rdflib.Graph()
    if fmt in _QUAD_FORMATS:
        dataset = rdflib.Dataset()
        _parse_into(dataset, path, fmt)
        for prefix, namespace in dataset.namespaces():
            graph.bind(prefix, namespace, override=False)
        for s, p, o, _context in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    _parse_into(graph, path, fmt)
    return graph


def _parse_into(graph: rdflib.Graph, path: Path, fmt: str) -> None:
    if not path.is_file():
        raise GraphFileError(f"{path}: no such file", path=str(path))
    try:
        graph.parse(path, format=fmt)
    except OSError as err:
        raise GraphFileError(f"{path}: cannot read: {err.strerror or err}", path=str(path)) from err
    except Exception as err:  # parsers raise many types (SyntaxError, ValueError, SAX, rdflib's own)
        line, reason = _locate(err, path, fmt)
        where = f"{path}, line {line}" if line else str(path)
        text = _line_text(path, line) if line else None
        near = f" near: {text}" if text else ""
        raise GraphFileError(f"{where}: not valid {fmt}: {reason}{near}", path=str(path), line=line) from err


def _locate(err: Exception, path: Path, fmt: str) -> tuple[int | None, str]:
    """(1-based line or None, the parser's reason) of a parse error."""
    from rdflib.plugins.parsers.notation3 import BadSyntax

    if isinstance(err, BadSyntax):
        return _bad_syntax_line(err), getattr(err, "_why", None) or "bad syntax"
    if isinstance(err, UnicodeDecodeError):
        return None, f"not UTF-8 ({err.reason} at byte {err.start})"
    lineno = getattr(err, "lineno", None)  # json.JSONDecodeError
    if isinstance(lineno, int):
        return lineno, getattr(err, "msg", None) or str(err)
    get_line = getattr(err, "getLineNumber", None)  # xml.sax.SAXParseException
    if callable(get_line):
        line = get_line()
        message = err.getMessage() if hasattr(err, "getMessage") else str(err)
        return (line if isinstance(line, int) and line > 0 else None), message
    reason = " ".join(str(err).split()) or type(err).__name__
    if fmt in _LINE_FORMATS:
        return _first_bad_line(path, fmt), reason
    return None, reason


def _bad_syntax_line(err: Exception) -> int | None:
    """The line of a Turtle/TriG/N3 error: rdflib's own ``lines`` count can run
    ahead, so count the newlines before the error's character index."""
    buffer, index = getattr(err, "_str", None), getattr(err, "_i", None)
    if isinstance(buffer, bytes):
        buffer = buffer.decode("utf-8", errors="replace")
    if isinstance(buffer, str) and isinstance(index, int):
        return buffer.count("\n", 0, index) + 1
    lines = getattr(err, "lines", None)
    return lines + 1 if isinstance(lines, int) else None


def _first_bad_line(path: Path, fmt: str) -> int | None:
    """The first line of an N-Triples/N-Quads file that does not parse alone."""
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                stripped = line.strip()
                if not stripped or stripped.startswith("#"):
                    continue
                target = rdflib.Dataset() if fmt == "nquads" else rdflib.Graph()
                try:
                    target.parse(data=line, format=fmt)
                except Exception:
                    return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _line_text(path: Path, line: int, width: int = 80) -> str | None:
    try:
        with path.open(encoding="utf-8", errors="replace") as lines:
            for number, text in enumerate(lines, start=1):
                if number == line:
                    text = text.strip()
                    return text if len(text) <= width else text[: width - 1] + "…"
    except OSError:
        return None
    return None


# --------------------------------------------------------------- validation


def validate_graph(data: rdflib.Graph, *, shapes: rdflib.Graph | None = None) -> ValidationResult:
    """Validate ``data`` against ``shapes`` (default: :func:`load_shapes`).

    The data graph is not modified. Problems are sorted (violations first, then
    by node, property and message) and listed once each.
    """
    import pyshacl

    # pySHACL keeps state on a shapes graph between runs (validating with the
    # same Graph object again gets slower each time), so it gets a fresh copy
    shapes_graph = load_shapes() if shapes is None else _copy(shapes)
    ontology = None
    extra: list[Problem] = []
    if (ONTOLOGY_IRI, RDF.type, OWL.Ontology) not in data or (VNADM.Ward, RDFS.subClassOf, None) not in data:
        log.warning("the graph does not contain the vnadm ontology; validating it with ontology/*.ttl added")
        ontology = load_ontology()
        extra.append(
            Problem(
                focus=str(ONTOLOGY_IRI),
                path=None,
                message=(
                    "The graph does not contain the vnadm ontology (ontology/*.ttl, with its owl:Ontology "
                    "header): the scorer finds a unit's class through its rdfs:subClassOf triples, and the "
                    "shapes need the vocabulary's concepts. Add the ontology to the graph (kg build does)."
                ),
                severity="Warning",
                source_file=None,
                evidence=None,
            )
        )
    conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph,
        ont_graph=ontology,
        inference="none",
        # SHACL-AF for the shapes' SPARQL targets; there are no rules, so
        # nothing is written to the data graph and it need not be copied
        advanced=True,
        inplace=ontology is None,
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
        meta_shacl=False,
    )
    problems = _problems(report, data) + extra
    unique = dict.fromkeys(sorted(problems, key=_sort_key))
    result = ValidationResult(conforms=bool(conforms), problems=tuple(unique), report_graph=report)
    log.info(
        "validation: %s (%d violations, %d other problems)",
        "conforms" if result.conforms else "does not conform",
        len(result.violations),
        len(result.problems) - len(result.violations),
    )
    return result


def _copy(graph: rdflib.Graph) -> rdflib.Graph:
    copy = rdflib.Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=False)
    copy += graph
    return copy


def _problems(report: rdflib.Graph, data: rdflib.Graph) -> list[Problem]:
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        messages = sorted({str(m) for m in report.objects(result, SH.resultMessage)})
        severity = _SEVERITIES.get(report.value(result, SH.resultSeverity), "Violation")
        if not messages:
            component = report.value(result, SH.sourceConstraintComponent)
            messages = [f"fails {_shorten(component)}" if component else "fails a shape"]
        problems.append(
            Problem(
                focus=_node_id(focus),
                path=_render_path(report, path) if path is not None else None,
                message=" / ".join(messages),
                severity=severity,
                source_file=_source_file(data, focus),
                evidence=_first_text(data.objects(focus, VNADM.evidence)) if focus is not None else None,
            )
        )
    return problems


def _sort_key(problem: Problem) -> tuple[int, str, str, str]:
    return (_SEVERITY_RANK.get(problem.severity, 3), problem.focus, problem.path or "", problem.message)


def _node_id(node: Node | None) -> str:
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal):
        return node.n3()
    return "" if node is None else str(node)


def _source_file(data: rdflib.Graph, focus: Node | None) -> str | None:
    if focus is None or isinstance(focus, Literal):
        return None
    files = [f for doc in data.objects(focus, PROV.wasDerivedFrom) for f in data.objects(doc, VNADM.sourceFile)]
    if not files:  # the focus is a document itself
        files = list(data.objects(focus, VNADM.sourceFile))
    return _first_text(files)


def _first_text(values: Iterable[Node]) -> str | None:
    texts = sorted(str(v) for v in values)
    return texts[0] if texts else None


def _shorten(node: Node) -> str:
    text = str(node)
    best = ""
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{text[len(PREFIXES[best]) :]}" if best else f"<{text}>"


def _render_path(graph: rdflib.Graph, path: Node, depth: int = 0) -> str:
    """A SHACL property path in SPARQL path syntax, with prefixed names."""
    if isinstance(path, URIRef):
        return _shorten(path)
    if depth > 8 or not isinstance(path, BNode):
        return str(path)
    if (path, RDF.first, None) in graph:
        members = [_render_path(graph, item, depth + 1) for item in Collection(graph, path)]
        return "/".join(members)
    unary = (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    )
    for predicate, template in unary:
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(_render_path(graph, inner, depth + 1))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        members = [_render_path(graph, item, depth + 1) for item in Collection(graph, alternatives)]
        return "(" + "|".join(members) + ")"
    return str(path)


# ----------------------------------------------------------------- reporting


def format_problems(result: ValidationResult, *, limit: int = 50) -> str:
    """The problems as readable lines: the node and property, the rule it
    breaks, the document and the sentence it was read from. At most ``limit``
    problems are listed; the first line counts them all."""
    if not result.problems:
        return "The graph conforms to the shapes."
    counts: dict[str, int] = {}
    for problem in result.problems:
        counts[problem.severity] = counts.get(problem.severity, 0) + 1
    summary = ", ".join(_plural(counts[s], s.lower()) for s in sorted(counts, key=_SEVERITY_RANK.get))
    verdict = "conforms" if result.conforms else "does not conform"
    lines = [f"The graph {verdict} to the shapes: {summary}."]
    shown = result.problems[: max(limit, 0)]
    for problem in shown:
        where = problem.focus if problem.focus.startswith(("_:", '"')) else _shorten(URIRef(problem.focus))
        if problem.path:
            where += f" {problem.path}"
        lines.append(f"{problem.severity}: {where}")
        lines.append(f"  rule: {problem.message}")
        if problem.source_file:
            lines.append(f"  document: {problem.source_file}")
        if problem.evidence:
            lines.append(f'  sentence: "{_clip(problem.evidence)}"')
    hidden = len(result.problems) - len(shown)
    if hidden > 0:
        lines.append(f"… and {_plural(hidden, 'more problem')} not shown.")
    return "\n".join(lines)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = [
    "Problem",
    "ValidationResult",
    "format_problems",
    "load_ontology",
    "load_shapes",
    "read_graph",
    "validate_graph",
]

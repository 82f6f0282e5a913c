"""Where the sources of a graph disagree about the same unit: ``kg check``.

A disagreement is a pair of sources (articles, resolutions, the register: any
``vnadm:SourceDocument``) that say different things about one thing:

``share``
    a predecessor joined a new unit whole in one source, in part in the other;
``predecessor``
    one source names a predecessor of a new unit that the other, which also
    lists that unit's predecessors, does not name (units are compared by IRI);
``value``
    two figures for one unit, indicator, status and period more than 0.5 % apart;
``date``
    one resolution number adopted on two dates.

The rules are ``queries/disagreements.rq`` (``kg query disagreements``).
rdflib's SPARQL engine needs seconds for that query on a graph of a thousand
articles, so :func:`disagreement_rows` computes the same rows natively, from
the graph's indexes, in a fraction of that; tests/test_check.py runs both on
the same graphs and asserts the same rows, so change them together.

::

    import kg.check

    result = kg.check.check(["kg-graph.ttl"])
    for d in result.disagreements:
        print(d.kind, d.summary)
        print("  ", d.first.file, d.first.evidence)
        print("  ", d.second.file, d.second.evidence)
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import rdflib
from rdflib.namespace import PROV, SKOS
from rdflib.term import BNode, Literal, Node, URIRef

from kg.comparison import period_keys
from kg.errors import UsageError
from kg.graph_index import GraphIndex
from kg.namespaces import VNADM
from kg.query import QueryResult, read_graphs

__all__ = [
    "CHECK_FORMATS",
    "COLUMNS",
    "KINDS",
    "FLAT_COLUMNS",
    "KIND_TITLES",
    "CheckResult",
    "Disagreement",
    "Side",
    "check",
    "check_graph",
    "disagreement_rows",
    "format_check",
    "show_value",
    "summary_line",
]

#: The kinds of disagreement, in the order they are listed (the query's ORDER BY ?kind).
KINDS: tuple[str, ...] = ("date", "predecessor", "share", "value")

#: What each kind means, for the headings of the text report.
KIND_TITLES: dict[str, str] = {
    "date": "a resolution adopted on two dates",
    "predecessor": "a predecessor named by one source, not by another that lists the unit's predecessors",
    "share": "a predecessor joined whole in one source, in part in another",
    "value": "two figures for one unit, indicator, status and period",
}

#: The columns of queries/disagreements.rq, which :func:`disagreement_rows` returns too.
COLUMNS: tuple[str, ...] = (
    "kind", "subject", "subjectName", "about", "aboutName", "value1", "value2", "file1", "file2",
    "evidence1", "evidence2", "statement1", "statement2", "doc1", "doc2",
)

#: The output formats of :func:`format_check`.
CHECK_FORMATS: tuple[str, ...] = ("text", "json", "csv", "tsv")

_SEP = "\u001f"
_TOLERANCE = Decimal("0.005")  # FORMAT.md: values closer than 0.5 % are one figure, rounded
_LOCAL_NAME = re.compile(r"^.*[/#]")


# ------------------------------------------------------------------ the rows, natively


@dataclass
class _Group:
    """One row of the query before its aggregates: the statements each side may show."""

    first: set[Node] = field(default_factory=set)
    second: set[Node] = field(default_factory=set)


def _pick(index: GraphIndex, nodes: Iterable[Node], *, rank: str | None = None) -> tuple[str, str]:
    """The least ``sentence U+001F node`` of ``nodes`` (with ``rank``: sentences containing it
    first), as (sentence, node IRI): the query's MIN(?pick)."""
    best: str | None = None
    for node in nodes:
        for evidence in index.optional(node, VNADM.evidence):
            text = "" if evidence is None else str(evidence)
            key = text + _SEP + str(node)
            if rank is not None:
                key = ("0" if rank in text else "1") + key
            if best is None or key < best:
                best = key
    assert best is not None
    if rank is not None:
        best = best[1:]
    sentence, _, node = best.partition(_SEP)
    return sentence, node


def _number(term: Node) -> Decimal | float | None:
    if not isinstance(term, Literal):
        return None
    value = term.toPython()
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    return value if isinstance(value, (float, Decimal)) else Decimal(value)


def _apart(first: Node, second: Node) -> bool:
    """More than 0.5 % apart (the query's ABS(?value1 - ?value2) > 0.005 * max(|v1|, |v2|))."""
    a, b = _number(first), _number(second)
    if a is None or b is None:
        return False
    if isinstance(a, float) or isinstance(b, float):
        x, y = float(a), float(b)
        return abs(x - y) > float(_TOLERANCE) * max(abs(x), abs(y))
    return abs(a - b) > _TOLERANCE * max(abs(a), abs(b))


def _before(first: Node, second: Node) -> bool:
    """``first < second`` as SPARQL compares two literals of one type (dates here); False otherwise."""
    if not (isinstance(first, Literal) and isinstance(second, Literal)):
        return False
    a, b = first.toPython(), second.toPython()
    for kind in (datetime, date, str):
        if isinstance(a, kind) and isinstance(b, kind):
            try:
                return bool(a < b)
            except TypeError:  # naive and aware datetimes
                return False
    a, b = _number(first), _number(second)
    if a is not None and b is not None:
        return float(a) < float(b) if isinstance(a, float) or isinstance(b, float) else a < b
    return False


def _local(term: Node) -> str:
    return _LOCAL_NAME.sub("", str(term))


def _share_rows(index: GraphIndex) -> Iterator[tuple]:
    entries: dict[tuple[Node, Node], list[tuple[Node, Node]]] = defaultdict(list)
    units, source_units, shares = index.out(VNADM.resultingUnit), index.out(VNADM.sourceUnit), index.out(VNADM.share)
    for reorg, components in index.out(VNADM.hasComponent).items():
        for unit in units.get(reorg, ()):
            for component in components:
                for about in source_units.get(component, ()):
                    if about == unit:
                        continue  # a unit is not its own predecessor
                    for share in shares.get(component, ()):
                        entries[(unit, about)].append((component, share))
    groups: dict[tuple, _Group] = defaultdict(_Group)
    for (unit, about), shares_found in entries.items():
        if len({share for _, share in shares_found}) < 2:
            continue  # one share: nothing to compare
        found = [(c, share, doc) for c, share in shares_found for doc in index.values(c, PROV.wasDerivedFrom)]
        for c1, share1, doc1 in found:
            for c2, share2, doc2 in found:
                if share1 != share2 and str(doc1) < str(doc2):
                    group = groups[(unit, about, share1, share2, doc1, doc2)]
                    group.first.add(c1)
                    group.second.add(c2)
    for (unit, about, share1, share2, doc1, doc2), group in groups.items():
        pick1, pick2 = _pick(index, group.first), _pick(index, group.second)
        for subject_name in index.optional(unit, VNADM.name):
            for about_name in index.optional(about, VNADM.name):
                for file1 in index.optional(doc1, VNADM.sourceFile):
                    for file2 in index.optional(doc2, VNADM.sourceFile):
                        yield ("share", unit, subject_name, about, about_name, share1, share2, file1, file2,
                               pick1, pick2, doc1, doc2)


def _predecessor_rows(index: GraphIndex) -> Iterator[tuple]:
    units = index.out(VNADM.resultingUnit)
    has_component = index.out(VNADM.hasComponent)
    source_unit = index.out(VNADM.sourceUnit)
    components_of: dict[Node, list[Node]] = index.into(VNADM.sourceUnit)
    reorgs_of: dict[Node, list[Node]] = index.into(VNADM.hasComponent)
    groups: dict[tuple, _Group] = defaultdict(_Group)
    for reorg2, results in units.items():
        components = has_component.get(reorg2, ())
        if not components:
            continue  # an account that lists no predecessor is not compared
        named = {about for c in components for about in source_unit.get(c, ())}
        for unit in results:
            for doc2 in index.values(reorg2, PROV.wasDerivedFrom):
                for about in index.values(unit, VNADM.predecessor):
                    if about in named:
                        continue
                    about_names = index.values(about, VNADM.name)
                    for c1 in components_of.get(about, ()):
                        for reorg1 in reorgs_of.get(c1, ()):
                            if unit not in units.get(reorg1, ()):
                                continue
                            for doc1 in index.values(c1, PROV.wasDerivedFrom):
                                if doc1 == doc2:
                                    continue
                                for about_name in about_names:
                                    group = groups[(unit, about, about_name, doc1, doc2)]
                                    group.first.add(c1)
                                    group.second.add(reorg2)
    for (unit, about, about_name, doc1, doc2), group in groups.items():
        pick1, pick2 = _pick(index, group.first), _pick(index, group.second)
        for subject_name in index.optional(unit, VNADM.name):
            for file1 in index.optional(doc1, VNADM.sourceFile):
                for file2 in index.optional(doc2, VNADM.sourceFile):
                    for share in index.optional(URIRef(pick1[1]), VNADM.share):
                        yield ("predecessor", unit, subject_name, about, about_name, share, None, file1, file2,
                               pick1, pick2, doc1, doc2)


def _value_rows(index: GraphIndex) -> Iterator[tuple]:
    indicators, statuses, values = index.out(VNADM.indicator), index.out(VNADM.status), index.out(VNADM.value)
    entries: dict[tuple[Node, Node, Node], list[tuple[Node, Node]]] = defaultdict(list)
    for observation, units in index.out(VNADM.refUnit).items():
        for unit in units:
            for indicator in indicators.get(observation, ()):
                for status in statuses.get(observation, ()):
                    for value in values.get(observation, ()):
                        entries[(unit, indicator, status)].append((observation, value))

    def periods(observation: Node) -> set[str]:
        return set(period_keys(index.values(observation, VNADM.period), index.values(observation, VNADM.refYear)))

    groups: dict[tuple, _Group] = defaultdict(_Group)
    for (unit, indicator, status), values_found in entries.items():
        if len({value for _, value in values_found}) < 2:
            continue  # one figure: nothing to compare
        found = [(o, value, doc) for o, value in values_found for doc in index.values(o, PROV.wasDerivedFrom)]
        names = index.values(unit, VNADM.name)
        for o1, value1, doc1 in found:
            for o2, value2, doc2 in found:
                if not (str(doc1) < str(doc2) and _apart(value1, value2)):
                    continue
                for when in periods(o1) & periods(o2):
                    for key in index.optional(indicator, SKOS.notation):
                        label = str(key) if key is not None else _local(indicator)
                        about_name = f"{label} ({_local(status).lower()}{', ' + when if when else ''})"
                        for subject_name in names:
                            group = groups[(unit, subject_name, indicator, about_name, value1, value2, doc1, doc2)]
                            group.first.add(o1)
                            group.second.add(o2)
    for (unit, subject_name, indicator, about_name, value1, value2, doc1, doc2), group in groups.items():
        pick1, pick2 = _pick(index, group.first), _pick(index, group.second)
        for file1 in index.optional(doc1, VNADM.sourceFile):
            for file2 in index.optional(doc2, VNADM.sourceFile):
                yield ("value", unit, subject_name, indicator, Literal(about_name), value1, value2, file1, file2,
                       pick1, pick2, doc1, doc2)


def _date_rows(index: GraphIndex) -> Iterator[tuple]:
    resolutions = index.typed(VNADM.Resolution)
    numbered = index.into(VNADM.documentNumber)
    based_on = index.into(VNADM.legalBasis)
    groups: dict[tuple, _Group] = defaultdict(_Group)
    for res1 in resolutions:
        for number in index.values(res1, VNADM.documentNumber):
            for value1 in index.values(res1, VNADM.adoptedOn):
                for res2 in numbered.get(number, ()):
                    for value2 in index.values(res2, VNADM.adoptedOn):
                        if not _before(value1, value2):
                            continue
                        for r1 in based_on.get(res1, ()):
                            for doc1 in index.values(r1, PROV.wasDerivedFrom):
                                for r2 in based_on.get(res2, ()):
                                    for doc2 in index.values(r2, PROV.wasDerivedFrom):
                                        if doc1 != doc2:
                                            group = groups[(res1, number, value1, value2, doc1, doc2)]
                                            group.first.add(r1)
                                            group.second.add(r2)
    for (res1, number, value1, value2, doc1, doc2), group in groups.items():
        text = str(number)
        key = text.partition("/")[0] if "/" in text else text
        pick1, pick2 = _pick(index, group.first, rank=key), _pick(index, group.second, rank=key)
        for file1 in index.optional(doc1, VNADM.sourceFile):
            for file2 in index.optional(doc2, VNADM.sourceFile):
                yield ("date", res1, number, None, None, value1, value2, file1, file2, pick1, pick2, doc1, doc2)


def _order(term: Node | None) -> tuple:
    """A sort key for one column, as SPARQL orders terms: unbound, blank nodes, IRIs, literals."""
    if term is None:
        return (0,)
    if isinstance(term, BNode):
        return (1, str(term))
    if isinstance(term, URIRef):
        return (2, str(term))
    number = _number(term)
    if number is not None:
        return (3, 0, float(number), str(term))
    value = term.toPython() if isinstance(term, Literal) else term
    if isinstance(value, (date, datetime)):
        return (3, 1, value.isoformat(), str(term))
    return (3, 2, str(term))


_ORDER_BY = ("kind", "subjectName", "aboutName", "file1", "file2", "value1", "subject", "about", "value2", "doc1",
             "doc2", "statement1", "statement2")


def disagreement_rows(graph: rdflib.Graph) -> QueryResult:
    """The rows of ``queries/disagreements.rq`` (columns :data:`COLUMNS`, in its order),
    computed natively: the same rows as ``kg query disagreements``, much faster."""
    index = GraphIndex(graph)
    rows: set[tuple[Node | None, ...]] = set()
    for branch in (_share_rows, _predecessor_rows, _value_rows, _date_rows):
        for kind, subject, subject_name, about, about_name, v1, v2, f1, f2, pick1, pick2, d1, d2 in branch(index):
            rows.add((
                Literal(kind), subject, subject_name, about, about_name, v1, v2, f1, f2,
                Literal(pick1[0], lang="vi"), Literal(pick2[0], lang="vi"), URIRef(pick1[1]), URIRef(pick2[1]),
                d1, d2,
            ))
    position = {name: i for i, name in enumerate(COLUMNS)}
    ordered = sorted(rows, key=lambda row: tuple(_order(row[position[name]]) for name in _ORDER_BY))
    return QueryResult(vars=COLUMNS, rows=tuple(ordered))


# ------------------------------------------------------------------ the disagreements


def show_value(term: Node | None) -> str | None:
    """A value as a person reads it: ``whole``, ``89000000``, ``2025-06-16``; None for none."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        local = _local(term)
        return local.lower() if local in ("Whole", "Part") else local
    value = term.toPython() if isinstance(term, Literal) else term
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(term)


@dataclass(frozen=True)
class Side:
    """What one source says: its file, document, value, sentence and statement node."""

    file: str | None  # vnadm:sourceFile ("news-an-phong.txt", "register-….tsv")
    document: str | None  # the vnadm:SourceDocument's IRI
    value: str | None  # as show_value writes it; None: the source does not name the predecessor
    evidence: str  # the sentence ("" when the statement has none)
    statement: str | None  # the statement node's IRI (component, observation, reorganization)

    @property
    def source(self) -> str:
        """How the report names the source: its file, else its document's IRI."""
        return self.file or self.document or "?"


@dataclass(frozen=True)
class Disagreement:
    """Two sources that disagree about one thing (one row of queries/disagreements.rq)."""

    kind: str  # one of KINDS
    subject: str  # the new unit's IRI; for a date, the resolution's
    subject_name: str | None  # "An Phong"; for a date, the resolution number
    about: str | None  # the predecessor (share, predecessor) or indicator (value) IRI
    about_name: str | None  # "Lê Thiện"; "area (actual, 2020-2025)"
    first: Side
    second: Side

    @classmethod
    def from_record(cls, record: dict[str, Node | None]) -> Disagreement:
        """A row of :func:`disagreement_rows` (or of ``kg query disagreements``)."""

        def text(name: str) -> str | None:
            term = record.get(name)
            return None if term is None else str(term)

        def side(n: int) -> Side:
            value = record.get(f"value{n}")
            return Side(
                file=text(f"file{n}"),
                document=text(f"doc{n}"),
                value=show_value(value),
                evidence=text(f"evidence{n}") or "",
                statement=text(f"statement{n}"),
            )

        return cls(
            kind=text("kind") or "",
            subject=text("subject") or "",
            subject_name=text("subjectName"),
            about=text("about"),
            about_name=text("aboutName"),
            first=side(1),
            second=side(2),
        )

    @property
    def what(self) -> str:
        """What the sources disagree about: ``An Phong ← Lê Thiện``, ``An Phong, area (actual)``."""
        subject = self.subject_name or self.subject or "?"
        about = self.about_name or self.about
        if self.kind in ("share", "predecessor"):
            return f"{subject} ← {about or '?'}"
        return f"{subject}, {about}" if about else subject

    def claim(self, side: Side) -> str:
        """What one side says: ``whole``, ``89000000``, ``not named`` (a silent source)."""
        if side.value is not None:
            return side.value
        return "not named" if self.kind == "predecessor" and side is self.second else "?"

    @property
    def summary(self) -> str:
        """One line: ``An Phong ← Lê Thiện: whole (news-an-phong.txt) ≠ part (res-1669-hai-phong.md)``."""
        first, second = self.first, self.second
        return (
            f"{self.what}: {self.claim(first)} ({first.source}) ≠ {self.claim(second)} ({second.source})"
        )

    def record(self) -> dict[str, object]:
        """A JSON-ready dictionary."""
        return {
            "kind": self.kind,
            "subject": self.subject,
            "subject_name": self.subject_name,
            "about": self.about,
            "about_name": self.about_name,
            "summary": self.summary,
            "sources": [
                {
                    "file": side.file,
                    "document": side.document,
                    "value": side.value,
                    "evidence": side.evidence,
                    "statement": side.statement,
                }
                for side in (self.first, self.second)
            ],
        }


@dataclass(frozen=True)
class CheckResult:
    """The disagreements of a graph, sorted by kind (see :data:`KINDS`), then as the query sorts them."""

    disagreements: tuple[Disagreement, ...]

    def __len__(self) -> int:
        return len(self.disagreements)

    def counts(self) -> dict[str, int]:
        """Disagreements per kind, every kind listed (zero when none)."""
        found = Counter(d.kind for d in self.disagreements)
        return {kind: found.get(kind, 0) for kind in (*KINDS, *sorted(set(found) - set(KINDS)))}

    def by_kind(self) -> dict[str, list[Disagreement]]:
        groups: dict[str, list[Disagreement]] = {}
        for d in self.disagreements:
            groups.setdefault(d.kind, []).append(d)
        return groups


def check_graph(graph: rdflib.Graph) -> CheckResult:
    """The disagreements between the sources of ``graph``."""
    rows = disagreement_rows(graph)
    return CheckResult(tuple(Disagreement.from_record(record) for record in rows.records()))


def check(paths: Sequence[Path | str]) -> CheckResult:
    """The disagreements between the sources of the RDF files ``paths``, read as one graph
    (:func:`kg.query.read_graphs`; :class:`~kg.errors.GraphFileError` names a file that
    cannot be read or parsed)."""
    return check_graph(read_graphs(paths))


# ------------------------------------------------------------------ formatting

#: Width of the text report, and how many lines of it one sentence may take.
TEXT_WIDTH = 100
SENTENCE_LINES = 3
_INDENT = "    "


def format_check(result: CheckResult, fmt: str = "text", *, width: int = TEXT_WIDTH, full: bool = False) -> str:
    """The disagreements as ``text`` (a block per disagreement, by kind, with a summary line),
    ``json`` (one object), ``csv`` or ``tsv`` (a header and one line per disagreement).
    The text wraps sentences to ``width`` columns and shows at most :data:`SENTENCE_LINES`
    lines of each (around the name the disagreement is about); ``full`` shows them whole."""
    if fmt == "text":
        return _text(result, width=width, full=full)
    if fmt == "json":
        return _json(result)
    if fmt == "csv":
        return _csv(result)
    if fmt == "tsv":
        return _tsv(result)
    raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(CHECK_FORMATS)}")


def summary_line(result: CheckResult) -> str:
    """``3 disagreements between sources: 1 date, 2 share.`` or ``No disagreements between sources.``"""
    total = len(result)
    if not total:
        return "No disagreements between sources."
    parts = ", ".join(f"{n} {kind}" for kind, n in result.counts().items() if n)
    return f"{total} disagreement{'' if total == 1 else 's'} between sources: {parts}."


def _clean(sentence: str) -> str:
    """One line: the cells of a tab-separated line (the register's) joined by " | ", every other
    run of whitespace as one space."""
    if "\t" not in sentence:
        return " ".join(sentence.split())
    return " | ".join(" ".join(cell.split()) or "–" for cell in sentence.strip("\r\n").split("\t"))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _excerpt(sentence: str, focus: str | None, limit: int) -> str:
    """At most ``limit`` characters of ``sentence``, around the first ``focus`` in it, cut at spaces."""
    if len(sentence) <= limit:
        return sentence
    at = _fold(sentence).find(_fold(focus)) if focus else -1
    start = 0 if at < 0 else max(0, min(at - limit // 3, len(sentence) - limit))
    end = min(len(sentence), start + limit)
    if start > 0:
        space = sentence.find(" ", start, at if at > start else end)
        start = space + 1 if space >= 0 else start
    if end < len(sentence):
        space = sentence.rfind(" ", start, end)
        end = space if space > start else end
    head = "… " if start > 0 else ""
    tail = " …" if end < len(sentence) else ""
    return head + sentence[start:end].strip() + tail


def _focus(d: Disagreement, side: Side) -> str | None:
    if d.kind == "date":
        number = d.subject_name or ""
        return number.partition("/")[0] or None
    if d.kind == "predecessor" and side is d.second:
        return d.subject_name
    if d.kind in ("share", "predecessor"):
        return d.about_name
    return d.subject_name


def _sentence_lines(d: Disagreement, side: Side, *, width: int, full: bool) -> list[str]:
    sentence = _clean(side.evidence)
    if not sentence:
        return [_INDENT + "(no sentence)"]
    room = max(20, width - len(_INDENT))
    limit = room * SENTENCE_LINES
    while True:
        text = sentence if full else _excerpt(sentence, _focus(d, side), limit)
        lines = textwrap.wrap(text, width=room, break_long_words=True, break_on_hyphens=False)
        if full or len(lines) <= SENTENCE_LINES:
            return [_INDENT + line for line in lines]
        limit -= room // 4


def _block(d: Disagreement, *, width: int, full: bool) -> list[str]:
    lines = [f"{d.kind:<6} {d.summary}"]
    for side in (d.first, d.second):
        claim = d.claim(side)
        if d.kind == "predecessor":
            claim = f"names it ({claim})" if side is d.first else "does not name it"
        lines.append(f"  {side.source}: {claim}")
        lines.extend(_sentence_lines(d, side, width=width, full=full))
    return lines


def _text(result: CheckResult, *, width: int, full: bool) -> str:
    out: list[str] = []
    for kind, found in result.by_kind().items():
        title = KIND_TITLES.get(kind)
        heading = f"{kind} ({len(found)}): {title}" if title else f"{kind} ({len(found)})"
        out.extend([heading, "=" * min(len(heading), width), ""])
        for d in found:
            out.extend(_block(d, width=width, full=full))
            out.append("")
    out.append(summary_line(result))
    return "\n".join(out) + "\n"


def _json(result: CheckResult) -> str:
    doc = {
        "disagreements": [d.record() for d in result.disagreements],
        "counts": {**result.counts(), "total": len(result)},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


#: The columns of the csv and tsv formats.
FLAT_COLUMNS = (
    "kind", "subject", "subject_name", "about", "about_name", "value1", "value2", "file1", "file2",
    "evidence1", "evidence2", "statement1", "statement2", "document1", "document2",
)


def _flat(d: Disagreement) -> list[str]:
    first, second = d.first, d.second
    cells = [
        d.kind, d.subject, d.subject_name, d.about, d.about_name, first.value, second.value, first.file, second.file,
        first.evidence, second.evidence, first.statement, second.statement, first.document, second.document,
    ]
    return ["" if cell is None else cell for cell in cells]


def _csv(result: CheckResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FLAT_COLUMNS)
    for d in result.disagreements:
        writer.writerow(_flat(d))
    return buffer.getvalue()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv(result: CheckResult) -> str:
    lines = ["\t".join(FLAT_COLUMNS)]
    lines.extend("\t".join(cell.translate(_TSV_ESCAPES) for cell in _flat(d)) for d in result.disagreements)
    return "\n".join(lines) + "\n"

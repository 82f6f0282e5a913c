"""What a kg graph holds: counts of documents, units by class, lineage, officials,
indicators, and the disagreements between sources.

The counts come from ``queries/_stats-counts.rq`` and ``queries/_stats-units.rq``;
the disagreements are the rows of ``queries/disagreements.rq``, computed natively by
:mod:`kg.check` (see :func:`find_disagreements`), so that ``kg stats`` counts what
``kg check`` lists.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import rdflib
from rdflib.namespace import RDFS
from rdflib.term import Literal, URIRef

from kg.check import Disagreement, disagreement_rows
from kg.namespaces import VNADM
from kg.query import QueryResult, canned_query, run_query

__all__ = [
    "NotLinked",
    "find_not_linked",
    "format_not_linked",
    "GraphStats",
    "find_disagreements",
    "format_disagreements",
    "format_stats",
    "graph_stats",
    "stats_record",
]

#: The unit classes of docs/model.md, in the order stats lists them.
UNIT_CLASSES = ("Ward", "Commune", "Township", "SpecialZone", "District", "Province")


@dataclass(frozen=True)
class GraphStats:
    """Counts of what a graph holds (distinct nodes unless said otherwise)."""

    documents: int  # vnadm:SourceDocument
    units_by_class: dict[str, int]  # class local name ("Ward") -> units of that class
    new_units: int  # units that result from a reorganization
    predecessors: int  # units that are the source of a component
    reorganizations: int  # one per (new unit, document)
    components: int  # one per (predecessor, reorganization)
    resolutions: int  # distinct resolution numbers (dated variants count once)
    people: int
    holdings: int  # position holdings
    observations: int
    triples: int
    disagreements: int  # rows of queries/disagreements.rq (what kg check lists)
    linked: int = 0  # units linked to an official code of the register
    ambiguous: int = 0  # units several register units fit (vnadm:Ambiguous)
    unlinked: int = 0  # units no register unit fits (vnadm:Unlinked)

    @property
    def units(self) -> int:
        return sum(self.units_by_class.values())


def _run(graph: rdflib.Graph, name: str) -> QueryResult:
    query = canned_query(name)
    return run_query(graph, query.text, source=query.source)


def find_disagreements(graph: rdflib.Graph) -> QueryResult:
    """The rows of ``queries/disagreements.rq``: shares, predecessors, values and dates that two
    sources disagree on (computed natively by :func:`kg.check.disagreement_rows`: the same rows,
    in the same order, as running the query)."""
    return disagreement_rows(graph)


def _int(term: object) -> int:
    return int(term.toPython()) if isinstance(term, Literal) else 0


def graph_stats(graph: rdflib.Graph, *, disagreements: QueryResult | None = None) -> GraphStats:
    """Count what ``graph`` holds. Pass ``disagreements`` when you have already run
    :func:`find_disagreements`, so that the query does not run twice."""
    counts = _run(graph, "_stats-counts").records()
    row = counts[0] if counts else {}
    by_class: dict[str, int] = {}
    for record in _run(graph, "_stats-units").records():
        name = str(record["unitClass"]).rsplit("#", 1)[-1]
        by_class[name] = _int(record["count"])
    order = {name: i for i, name in enumerate(UNIT_CLASSES)}
    by_class = dict(sorted(by_class.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))
    if disagreements is None:
        disagreements = find_disagreements(graph)
    return GraphStats(
        documents=_int(row.get("documents")),
        units_by_class=by_class,
        new_units=_int(row.get("newUnits")),
        predecessors=_int(row.get("predecessors")),
        reorganizations=_int(row.get("reorganizations")),
        components=_int(row.get("components")),
        resolutions=_int(row.get("resolutions")),
        people=_int(row.get("people")),
        holdings=_int(row.get("holdings")),
        observations=_int(row.get("observations")),
        triples=len(graph),
        disagreements=len(disagreements.rows),
        linked=_count_status(graph, VNADM.Linked),
        ambiguous=_count_status(graph, VNADM.Ambiguous),
        unlinked=_count_status(graph, VNADM.Unlinked),
    )


def _count_status(graph: rdflib.Graph, status: URIRef) -> int:
    return sum(1 for _ in graph.subjects(VNADM.linkStatus, status))


@dataclass(frozen=True)
class NotLinked:
    """A unit kg could not tie to one unit of the register, and why."""

    iri: str
    label: str
    status: str  # "ambiguous" | "unlinked"
    note: str


def find_not_linked(graph: rdflib.Graph) -> list[NotLinked]:
    """The units flagged vnadm:Ambiguous or vnadm:Unlinked (see kg.linking), by status then label."""
    out = []
    for status in (VNADM.Ambiguous, VNADM.Unlinked):
        for unit in graph.subjects(VNADM.linkStatus, status):
            label = next((str(o) for o in graph.objects(unit, RDFS.label)), str(unit))
            note = next((str(o) for o in graph.objects(unit, VNADM.linkNote)), "")
            out.append(NotLinked(str(unit), label, str(status).rsplit("#", 1)[-1].lower(), note))
    return sorted(out, key=lambda x: (x.status, x.label, x.iri))


def format_not_linked(rows: list[NotLinked]) -> str:
    """One line per unit: ``ambiguous xã Hòa Bình: 2 units of the register of Hải Phòng have this name (…)``."""
    return "".join(f"{row.status:<9} {row.note or row.label}\n" for row in rows)


def format_stats(stats: GraphStats) -> str:
    """The counts as two aligned columns, units broken down by class."""
    lines: list[tuple[str, int]] = [("documents", stats.documents), ("units", stats.units)]
    lines += [(f"  {name}", count) for name, count in stats.units_by_class.items()]
    lines += [
        ("new units", stats.new_units),
        ("predecessors", stats.predecessors),
        ("reorganizations", stats.reorganizations),
        ("components", stats.components),
        ("resolutions", stats.resolutions),
        ("people", stats.people),
        ("position holdings", stats.holdings),
        ("observations", stats.observations),
        ("disagreements", stats.disagreements),
    ]
    if stats.linked or stats.ambiguous or stats.unlinked:
        lines += [
            ("official codes: linked", stats.linked),
            ("  ambiguous", stats.ambiguous),
            ("  unlinked", stats.unlinked),
        ]
    lines += [
        ("triples", stats.triples),
    ]
    label_width = max(len(label) for label, _ in lines)
    number_width = max(len(str(count)) for _, count in lines)
    return "".join(f"{label:<{label_width}}  {count:>{number_width}}\n" for label, count in lines)


def format_disagreements(disagreements: QueryResult) -> str:
    """One line per row of :func:`find_disagreements`: the kind, what, the two values and their
    sources (``share  An Phong ← Lê Thiện: whole (news-an-phong.txt) ≠ part (res-1669-hai-phong.md)``)."""
    lines = []
    for record in disagreements.records():
        d = Disagreement.from_record(record)
        lines.append(f"{d.kind:<6} {d.summary}\n")
    return "".join(lines)


def stats_record(stats: GraphStats) -> dict[str, object]:
    """The counts as a JSON-ready dictionary (with the total of units)."""
    record: dict[str, object] = asdict(stats)
    record["units"] = stats.units
    return record

"""What a kg graph holds: counts of documents, units by class, lineage, officials,
indicators, and the disagreements between sources.

The counts come from ``queries/_stats-counts.rq`` and ``queries/_stats-units.rq``;
the disagreements from ``queries/disagreements.rq`` (see :func:`find_disagreements`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

import rdflib
from rdflib.term import Literal, Node, URIRef

from kg.query import QueryResult, canned_query, run_query

__all__ = [
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
    disagreements: int  # rows of queries/disagreements.rq

    @property
    def units(self) -> int:
        return sum(self.units_by_class.values())


def _run(graph: rdflib.Graph, name: str) -> QueryResult:
    query = canned_query(name)
    return run_query(graph, query.text, source=query.source)


def find_disagreements(graph: rdflib.Graph) -> QueryResult:
    """The rows of ``queries/disagreements.rq``: shares, values and dates that two documents disagree on."""
    return _run(graph, "disagreements")


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
    )


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
        ("triples", stats.triples),
    ]
    label_width = max(len(label) for label, _ in lines)
    number_width = max(len(str(count)) for _, count in lines)
    return "".join(f"{label:<{label_width}}  {count:>{number_width}}\n" for label, count in lines)


def _show(term: Node | None) -> str:
    """A value as a person reads it: ``whole``, ``89000000``, ``2025-06-16``."""
    if term is None:
        return "?"
    if isinstance(term, URIRef):
        local = str(term).rsplit("#", 1)[-1]
        return local.lower() if local in ("Whole", "Part") else local
    value = term.toPython() if isinstance(term, Literal) else term
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(term)


def format_disagreements(disagreements: QueryResult) -> str:
    """One line per row of :func:`find_disagreements`: what, the two values and their documents."""
    lines = []
    for row in disagreements.records():
        kind = str(row.get("kind") or "")
        subject = str(row.get("subjectName") or row.get("subject") or "?")
        about = row.get("aboutName") or row.get("about")
        if kind == "share":
            what = f"{subject} ← {about}"
        elif about is not None:
            what = f"{subject}, {about}"
        else:
            what = subject
        first = f"{_show(row.get('value1'))} ({row.get('file1') or '?'})"
        second = f"{_show(row.get('value2'))} ({row.get('file2') or '?'})"
        lines.append(f"{kind:<6} {what}: {first} ≠ {second}\n")
    return "".join(lines)


def stats_record(stats: GraphStats) -> dict[str, object]:
    """The counts as a JSON-ready dictionary (with the total of units)."""
    record: dict[str, object] = asdict(stats)
    record["units"] = stats.units
    return record

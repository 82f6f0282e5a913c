"""Comparison keys: the triples that let a query find what sources disagree on
without reading every statement of the graph.

``queries/disagreements.rq`` compares every pair of sources about every unit.
Read from the statements alone, that means joining the unit, indicator, status
and value of every observation and every account of every new unit, which no
engine does in the 100 ms a canned query has on a national graph. These keys
put what two sources may disagree on under one node each, so that a query
finds the few disputed ones by reading one predicate:

- a **figure** (``vnadm:Figure``): one unit's indicator with one status and
  period. Each observation points to its figure (``vnadm:figure``), and the
  figure holds every value reported for it (``vnadm:reportedValue``): a figure
  with two values is one that two sources (or one) give differently;
- ``vnadm:wholePredecessor`` / ``vnadm:partPredecessor``: the
  ``vnadm:predecessor`` shortcut split by share, so a unit and predecessor
  given both shares are one join of two predicates;
- ``vnadm:predecessorSignature`` on a new unit: for each account of its
  reorganization that lists components (one per document), a hash of the set
  of units those components name. Two signatures mean two sources list
  different predecessors;
- ``vnadm:originalUnit`` on a reorganization: each unit its components name
  (``vnadm:hasComponent/vnadm:sourceUnit`` in one triple, W3C ORG's
  org:originalOrganization), so "does this account name that unit" is one
  look-up.

Every key is a function of one statement or one document's account, and the
nodes it points to have IRIs made from what they are about (never from the
graph they are in). So the keys of two graphs built apart, loaded or pushed
together, are the keys of the two together: a figure two builds give a value
each has both values. That is why they are keys and not the disagreements
themselves, which only a build that saw both sources could write.

kg build adds them (``add_comparison_keys``) after mapping. They are derived
from the graph's own statements, so the function also brings a graph written
by hand, or by an older kg, up to date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.graph_index import GraphIndex
from kg.namespaces import ID, IND, VNADM
from kg.text import slug

Triple = tuple[Node, Node, Node]

#: the predicates and class the keys are written with (the ones the disagreements query reads)
KEY_PREDICATES = (VNADM.figure, VNADM.reportedValue, VNADM.wholePredecessor, VNADM.partPredecessor,
                  VNADM.predecessorSignature, VNADM.originalUnit)

_UNITS = str(ID) + "unit/"


def _digest(text: str, length: int = 12) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def _local(term: Node, namespace: str) -> str:
    text = str(term)
    return text[len(namespace):] if text.startswith(namespace) else "x-" + _digest(text)


def figure_iri(unit: Node, indicator: Node, status: Node, when: str) -> URIRef:
    """The figure of ``unit``'s ``indicator`` with ``status`` for the period ``when`` ("" for none):
    ``id:figure/hai-phong/phuong-an-phong/population/actual[/2020-2025-…]``."""
    path = f"figure/{_local(unit, _UNITS)}/{_local(indicator, str(IND))}/{_local(status, str(VNADM)).lower()}"
    if when:
        # the slug makes it readable; the digest keeps "2020-2025" and "2020–2025" apart, as the query does
        path += f"/{slug(when)}-{_digest(when, 6)}"
    return ID[path]


def predecessor_signature(source_units: set[Node]) -> Literal:
    """The signature of one account's set of source units: equal sets, equal signatures."""
    return Literal(_digest(" ".join(sorted(str(u) for u in source_units)), 16))


def period_keys(periods: Sequence[Node], years: Sequence[Node]) -> list[str]:
    """What an observation's period is compared by: the disagreements query's
    COALESCE(STR(?period), STR(?refYear), "") for each period it has (kg.check uses it too)."""
    if periods:
        return sorted({str(p) for p in periods})
    if years:
        return sorted({str(y) for y in years})
    return [""]


def comparison_triples(graph: Graph) -> Iterator[Triple]:
    """The comparison keys of ``graph``'s statements (see the module's docstring)."""
    index = GraphIndex(graph)
    yield from _figure_triples(index)
    yield from _lineage_triples(index)


def _figure_triples(index: GraphIndex) -> Iterator[Triple]:
    indicators, statuses = index.out(VNADM.indicator), index.out(VNADM.status)
    values, periods, years = index.out(VNADM.value), index.out(VNADM.period), index.out(VNADM.refYear)
    for observation, units in index.out(VNADM.refUnit).items():
        whens = period_keys(periods.get(observation, []), years.get(observation, []))
        for unit in units:
            for indicator in indicators.get(observation, ()):
                for status in statuses.get(observation, ()):
                    for when in whens:
                        figure = figure_iri(unit, indicator, status, when)
                        yield observation, VNADM.figure, figure
                        yield figure, RDF.type, VNADM.Figure
                        for value in values.get(observation, ()):
                            yield figure, VNADM.reportedValue, value


def _lineage_triples(index: GraphIndex) -> Iterator[Triple]:
    results, source_units = index.out(VNADM.resultingUnit), index.out(VNADM.sourceUnit)
    shares = index.out(VNADM.share)
    by_share = {VNADM.Whole: VNADM.wholePredecessor, VNADM.Part: VNADM.partPredecessor}
    for reorganization, components in index.out(VNADM.hasComponent).items():
        named = {unit for c in components for unit in source_units.get(c, ())}
        signature = predecessor_signature(named)
        for old in named:
            yield reorganization, VNADM.originalUnit, old
        for unit in results.get(reorganization, ()):
            yield unit, VNADM.predecessorSignature, signature
            for component in components:
                for old in source_units.get(component, ()):
                    if old == unit:
                        continue  # a unit is not its own predecessor (nor is it in vnadm:predecessor)
                    for share in shares.get(component, ()):
                        if share in by_share:
                            yield unit, by_share[share], old


def add_comparison_keys(graph: Graph) -> int:
    """Add the comparison keys of ``graph``'s statements to it; the number of triples added.
    Adding them twice adds nothing."""
    before = len(graph)
    triples = dict.fromkeys(comparison_triples(graph))  # once each; read all before writing any
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return len(graph) - before

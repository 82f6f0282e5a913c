"""Look-ups in an rdflib graph for code that reads whole predicates (kg.check, kg.comparison):
each predicate scanned once into dictionaries, both ways."""

from __future__ import annotations

from collections import defaultdict

import rdflib
from rdflib import URIRef
from rdflib.namespace import RDF
from rdflib.term import Node


class GraphIndex:
    """Look-ups in the graph: whole predicates as dictionaries (built on first use, for the
    predicates that every statement is read by), single nodes otherwise."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph
        self._forward: dict[URIRef, dict[Node, list[Node]]] = {}
        self._backward: dict[URIRef, dict[Node, list[Node]]] = {}
        self._single: dict[tuple[Node, URIRef], list[Node]] = {}

    def out(self, predicate: URIRef) -> dict[Node, list[Node]]:
        """subject → objects of ``predicate``."""
        if predicate not in self._forward:
            self._scan(predicate)
        return self._forward[predicate]

    def into(self, predicate: URIRef) -> dict[Node, list[Node]]:
        """object → subjects of ``predicate``."""
        if predicate not in self._backward:
            self._scan(predicate)
        return self._backward[predicate]

    def _scan(self, predicate: URIRef) -> None:
        forward: dict[Node, list[Node]] = defaultdict(list)
        backward: dict[Node, list[Node]] = defaultdict(list)
        for s, o in self.graph.subject_objects(predicate):
            forward[s].append(o)
            backward[o].append(s)
        self._forward[predicate], self._backward[predicate] = forward, backward

    def values(self, node: Node, predicate: URIRef) -> list[Node]:
        """The objects of (``node``, ``predicate``)."""
        table = self._forward.get(predicate)
        if table is not None:
            return table.get(node, [])
        key = (node, predicate)
        found = self._single.get(key)
        if found is None:
            found = self._single[key] = list(self.graph.objects(node, predicate))
        return found

    def optional(self, node: Node, predicate: URIRef) -> list[Node | None]:
        """The objects, or ``[None]`` when there are none (an OPTIONAL that does not match)."""
        return list(self.values(node, predicate)) or [None]

    def typed(self, cls: URIRef) -> set[Node]:
        return set(self.graph.subjects(RDF.type, cls))

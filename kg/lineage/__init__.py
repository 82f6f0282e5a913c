"""Merger-lineage views of a kg graph: which old units each new unit was formed from.

:func:`lineage_view` selects the part of a graph's lineage around a unit, a
resolution, a province or a former district and returns it as a
:class:`networkx.DiGraph` (the *view*, whose contract :mod:`kg.lineage.model`
describes); :mod:`kg.lineage.formats` writes it as Mermaid, GraphML, GEXF or
JSON, :mod:`kg.lineage.dot` as Graphviz DOT, :mod:`kg.lineage.render` draws it
(SVG, PNG, PDF) and :mod:`kg.lineage.html` makes a page of it::

    import kg
    from kg.lineage import lineage_view, to_mermaid

    graph = kg.read_graph("kg-graph.ttl")
    view = lineage_view(graph, unit="phường An Phong")
    print(to_mermaid(view))
"""

from __future__ import annotations

from kg.lineage.formats import to_gexf, to_graphml, to_json, to_mermaid
from kg.lineage.model import (
    AmbiguousUnitError,
    Candidate,
    Lineage,
    LineageError,
    UnknownUnitError,
    lineage_view,
)

__all__ = [
    "AmbiguousUnitError",
    "Candidate",
    "Lineage",
    "LineageError",
    "UnknownUnitError",
    "lineage_view",
    "to_gexf",
    "to_graphml",
    "to_json",
    "to_mermaid",
]

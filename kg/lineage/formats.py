"""Text formats of a lineage view: Mermaid, GraphML, GEXF and node-link JSON.

Each function takes a view (see :mod:`kg.lineage.model` for the contract) and
returns text; the same view always gives the same text. The drawings (DOT, SVG,
PNG, PDF, HTML) are in :mod:`kg.lineage.dot`, :mod:`kg.lineage.render` and
:mod:`kg.lineage.html`.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import networkx as nx

__all__ = ["LIST_SEPARATOR", "to_gexf", "to_graphml", "to_json", "to_mermaid"]

#: How GraphML and GEXF write a list attribute (``sources``, ``resolutions``) as one string.
LIST_SEPARATOR = "; "

#: The subgraph of old units whose district no source names, and of new units with no province.
NO_DISTRICT = "district unknown"
NO_PROVINCE = "province unknown"

_MERMAID_ARROWS = {"whole": "-->", "part": "-.->", "disputed": "-.->|disputed|"}


def _sorted_nodes(view: nx.DiGraph) -> list[tuple[str, dict[str, Any]]]:
    return sorted(view.nodes(data=True), key=lambda item: item[0])


def _sorted_edges(view: nx.DiGraph) -> list[tuple[str, str, dict[str, Any]]]:
    return sorted(view.edges(data=True), key=lambda item: (item[0], item[1]))


# ------------------------------------------------------------------ Mermaid


def _mermaid_text(text: Any) -> str:
    """Text inside a quoted Mermaid label: quotes and markup characters as entity codes."""
    value = " ".join(str(text).split())
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        value = value.replace(char, code)
    return value


def to_mermaid(view: nx.DiGraph) -> str:
    """A Mermaid flowchart (``flowchart LR``) that GitHub renders in Markdown.

    Old units are grouped in one subgraph per former district, new units in one per
    province (``district unknown``, ``province unknown`` when the graph does not say);
    a whole share is a solid arrow ``-->``, a part a dashed one ``-.->``, a disputed share
    a dashed arrow labelled ``disputed``. Node ids are ``n0``, ``n1``, …
    in the order of the IRIs; labels are quoted.
    """
    nodes = _sorted_nodes(view)
    ids = {iri: f"n{i}" for i, (iri, _) in enumerate(nodes)}
    lines = []
    title = view.graph.get("title", "")
    if title:
        lines += ["---", f"title: {json.dumps(str(title), ensure_ascii=False)}", "---"]
    lines.append("flowchart LR")

    groups: dict[tuple[int, str], list[str]] = {}
    for iri, data in nodes:
        if data.get("kind") == "old":
            place = data.get("district") or NO_DISTRICT
        else:
            place = data.get("province") or NO_PROVINCE
        label = _mermaid_text(data.get("label") or iri)
        code = data.get("code", "")
        text = f"{label}<br/>{_mermaid_text(code)}" if code else label
        line = f'{ids[iri]}["{text}"]'
        groups.setdefault((0 if data.get("kind") == "old" else 1, str(place)), []).append(line)
    for number, ((rank, place), members) in enumerate(sorted(groups.items())):
        prefix = "d" if rank == 0 else "p"
        lines.append(f'  subgraph {prefix}{number}["{_mermaid_text(place)}"]')
        lines.extend(f"    {member}" for member in members)
        lines.append("  end")
    for old, new, data in _sorted_edges(view):
        arrow = _MERMAID_ARROWS.get(data.get("share", "whole"), "-->")
        lines.append(f"  {ids[old]} {arrow} {ids[new]}")
    lines.append("  classDef old fill:#f4efe4,stroke:#8a7550,color:#222")
    lines.append("  classDef new fill:#dcecfa,stroke:#1f5f99,color:#222")
    for kind in ("old", "new"):
        members = [ids[iri] for iri, data in nodes if data.get("kind") == kind]
        if members:
            lines.append(f"  class {','.join(members)} {kind}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ GraphML and GEXF


def _flat(value: Any) -> Any:
    """A value GraphML/GEXF can hold: lists joined, dicts as ``key: value`` pairs, None as ""."""
    if isinstance(value, dict):
        return LIST_SEPARATOR.join(f"{key}: {value[key]}" for key in sorted(value))
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return LIST_SEPARATOR.join(str(item) for item in items)
    if value is None:
        return ""
    return value


def flat_view(view: nx.DiGraph) -> nx.DiGraph:
    """A copy of the view with every list and dict attribute flattened to a string, in sorted order."""
    flat = nx.DiGraph()
    flat.graph.update({key: _flat(value) for key, value in sorted(view.graph.items())})
    for iri, data in _sorted_nodes(view):
        flat.add_node(iri, **{key: _flat(value) for key, value in sorted(data.items())})
    for old, new, data in _sorted_edges(view):
        flat.add_edge(old, new, **{key: _flat(value) for key, value in sorted(data.items())})
    return flat


def to_graphml(view: nx.DiGraph) -> str:
    """GraphML (networkx's writer): every attribute a string, lists joined by ``"; "``
    (``shares`` as ``file: share; …``), so :func:`networkx.read_graphml` reads it back."""
    buffer = io.BytesIO()
    nx.write_graphml(flat_view(view), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


_GEXF_DATE = re.compile(r'\s+lastmodifieddate="[^"]*"')


def to_gexf(view: nx.DiGraph) -> str:
    """GEXF 1.2 (networkx's writer), attributes flattened as for GraphML; the node ``label``
    is the GEXF label. The writer's modification date is left out, so the text is deterministic."""
    flat = flat_view(view)
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True)
    return _GEXF_DATE.sub("", buffer.getvalue().decode("utf-8"), count=1)


# ------------------------------------------------------------------ JSON


def to_json(view: nx.DiGraph) -> str:
    """Node-link JSON (:func:`networkx.node_link_data`, ``"edges"`` for the links), nodes
    and edges in IRI order, keys sorted, UTF-8 text (not ``\\u`` escapes)."""
    data = nx.node_link_data(view, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda node: node["id"])
    data["edges"] = sorted(data["edges"], key=lambda edge: (edge["source"], edge["target"]))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"

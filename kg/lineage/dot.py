"""Graphviz DOT of a lineage view: old units on the left, new units on the right.

:func:`to_dot` turns a lineage view (a :class:`networkx.DiGraph` following the
view contract of :mod:`kg.lineage`) into DOT text that ``dot`` lays out left to
right (``rankdir=LR``):

- old units (rank 0) in one cluster per former district ("district unknown"
  when the texts name none), new units (rank 1) in one cluster per province
  (except in a big view of one province: there a cluster would pack the new
  units together, far from their predecessors, so they stand unclustered and
  the graph label names the province); the order of groups and units is
  computed first (:func:`layout_order`, barycentres) and refined by ``dot``;
- edges old → new: a whole share is a solid line, a part a dashed line, a share
  the sources disagree on (``disputed``) a red dotted line;
- the graph label (top left): the title, the resolution numbers, the counts
  and a legend (the two node styles, the three edge styles) as an HTML-like
  table;
- every node has a tooltip (official code, type, district or province, source
  documents) and ``URL`` = its IRI, so an SVG keeps the IRI (also in each
  ``<title>``, the node's DOT name); every edge a tooltip with its share per
  source and the resolutions.

The text is deterministic: clusters, nodes and edges are written in a fixed
order (Vietnamese names compared without diacritics, then the IRI). Labels are
UTF-8 and set in "DejaVu Sans", which has the Vietnamese glyphs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

FONT = "DejaVu Sans"

OLD_FILL = "#f4efe4"
OLD_LINE = "#8a7550"
NEW_FILL = "#dcecfa"
NEW_LINE = "#1f5f99"
WHOLE_COLOR = "#333333"
PART_COLOR = "#4a6fa5"
DISPUTED_COLOR = "#c62828"

#: DOT edge attributes per share.
EDGE_STYLE: dict[str, dict[str, str]] = {
    "whole": {"style": "solid", "color": WHOLE_COLOR, "penwidth": "1.2"},
    "part": {"style": "dashed", "color": PART_COLOR, "penwidth": "1.2"},
    "disputed": {"style": "dotted", "color": DISPUTED_COLOR, "penwidth": "2"},
}

#: Views up to this many nodes show each unit's official code under its label.
DETAIL_LIMIT = 80

NO_DISTRICT = "district unknown"
NO_PROVINCE = "province unknown"


def sort_key(text: str) -> tuple[str, str]:
    """A key that orders Vietnamese text alphabetically: without diacritics first, then as written."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return (bare.casefold(), text)


def quote(text: Any) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as ``\\n``."""
    value = str(text).replace("\\", "\\\\").replace('"', '\\"')
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{value}"'


def html_escape(text: Any) -> str:
    """Text for a Graphviz HTML-like label (entities for & < > " ')."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def attrs(values: dict[str, str], html: Iterable[str] = ()) -> str:
    """``[k="v", …]`` in the given order; keys in ``html`` carry ``<…>`` HTML-like values as is."""
    html = set(html)
    parts = [f"{key}={values[key] if key in html else quote(values[key])}" for key in values]
    return "[" + ", ".join(parts) + "]"


def node_tooltip(data: dict[str, Any]) -> str:
    lines = [str(data.get("label") or data.get("name") or data.get("iri") or "")]
    kind = "new unit (from 1 July 2025)" if data.get("kind") == "new" else "old unit (before 1 July 2025)"
    lines.append(kind)
    lines.append(f"official code: {data.get('code') or 'none'}")
    if data.get("district"):
        lines.append(f"former district: {data['district']}")
    if data.get("province"):
        lines.append(f"province: {data['province']}")
    sources = list(data.get("sources") or [])
    lines.append("sources: " + (", ".join(sources) if sources else "none"))
    return "\n".join(lines)


def edge_tooltip(view: Any, old: str, new: str, data: dict[str, Any]) -> str:
    old_label = view.nodes[old].get("label") or old
    new_label = view.nodes[new].get("label") or new
    share = data.get("share") or "whole"
    lines = [f"{old_label} → {new_label}: {share}"]
    shares = data.get("shares") or {}
    for source in data.get("sources") or sorted(shares):
        lines.append(f"{source}: {shares.get(source, share)}")
    if data.get("resolutions"):
        lines.append("resolutions: " + ", ".join(data["resolutions"]))
    return "\n".join(lines)


def node_label(data: dict[str, Any], detail: bool) -> tuple[str, bool]:
    """The node label and whether it is HTML-like (a second, small line with the code)."""
    label = str(data.get("label") or data.get("name") or data.get("iri") or "?")
    code = str(data.get("code") or "")
    if detail and code:
        return f'<{html_escape(label)}<BR/><FONT POINT-SIZE="8" COLOR="#666666">{html_escape(code)}</FONT>>', True
    return label, False


def title_label(view: Any) -> str:
    """The graph label: title, resolutions, counts and the legend, as an HTML-like table."""
    title = str(view.graph.get("title") or "Lineage")
    resolutions = list(view.graph.get("resolutions") or [])
    olds = sum(1 for _, d in view.nodes(data=True) if d.get("kind") != "new")
    news = len(view) - olds
    rows = [f'<FONT POINT-SIZE="18"><B>{html_escape(title)}</B></FONT>']
    if resolutions:
        word = "Resolution" if len(resolutions) == 1 else "Resolutions"
        rows.append(f'<FONT POINT-SIZE="12">{word} {html_escape(", ".join(resolutions))}</FONT>')
    provinces = sorted(
        {str(d.get("province") or "") for _, d in view.nodes(data=True) if d.get("kind") == "new"} - {""}, key=sort_key
    )
    where = f" in {', '.join(provinces)}" if provinces else ""
    rows.append(f'<FONT POINT-SIZE="10" COLOR="#555555">{olds} old units → {news} new units{html_escape(where)}</FONT>')
    cells = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{row}</TD></TR>' for row in rows)
    cells += f'<TR><TD ALIGN="LEFT">{legend_table()}</TD></TR>'
    return f'<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">{cells}</TABLE>>'


LEGEND_TEXT = {"whole": "whole unit merged in", "part": "part of the unit", "disputed": "share disputed by sources"}


def legend_table() -> str:
    """The legend as an HTML-like table: a row of the node styles, a row of the edge styles."""
    units = (
        f'<TD BORDER="1" STYLE="rounded" BGCOLOR="{OLD_FILL}" COLOR="{OLD_LINE}" CELLPADDING="3" COLSPAN="2">'
        '<FONT POINT-SIZE="10">old unit (before 1 Jul 2025)</FONT></TD>'
        f'<TD BORDER="2" BGCOLOR="{NEW_FILL}" COLOR="{NEW_LINE}" CELLPADDING="3" COLSPAN="2">'
        '<FONT POINT-SIZE="10">new unit (from 1 Jul 2025)</FONT></TD>'
        '<TD COLSPAN="2"> </TD>'
    )
    cells = []
    for share in ("whole", "part", "disputed"):
        style = EDGE_STYLE[share]
        border = "2" if share == "disputed" else "1"
        cells.append(
            f'<TD WIDTH="44" HEIGHT="9" FIXEDSIZE="TRUE" BORDER="{border}" SIDES="B" STYLE="{style["style"]}" '
            f'COLOR="{style["color"]}"></TD>'
            f'<TD ALIGN="LEFT"><FONT POINT-SIZE="10">{LEGEND_TEXT[share]}</FONT></TD>'
        )
    return f'<TABLE BORDER="0" CELLSPACING="5" CELLPADDING="0"><TR>{units}</TR><TR>{"".join(cells)}</TR></TABLE>'


def _groups(view: Any) -> tuple[dict[tuple[str, str], list[str]], dict[str, list[str]], bool]:
    """Old nodes by (province, district), new nodes by province; and whether the old span provinces."""
    old: dict[tuple[str, str], list[str]] = {}
    new: dict[str, list[str]] = {}
    for node, data in view.nodes(data=True):
        if data.get("kind") == "new":
            new.setdefault(str(data.get("province") or ""), []).append(node)
        else:
            old.setdefault((str(data.get("province") or ""), str(data.get("district") or "")), []).append(node)
    many = len({province for province, _ in old}) > 1
    return old, new, many


def _node_order(view: Any, nodes: list[str]) -> list[str]:
    return sorted(nodes, key=lambda n: (sort_key(str(view.nodes[n].get("name") or "")), sort_key(n)))


def layout_order(
    view: Any, rounds: int = 12
) -> tuple[list[tuple[tuple[str, str], list[str]]], list[tuple[str, list[str]]]]:
    """The order of the groups and of the units in them, top to bottom, that keeps edges short.

    Old units stay in their district groups and new units in their province groups; groups and
    units are sorted by the barycentre of their neighbours (a few alternating rounds, starting from
    the alphabetical order), so a district's old units face the new units they went into. Ties
    keep the alphabetical order; the result is deterministic.
    """
    old, new, _ = _groups(view)
    old_groups = [
        (key, _node_order(view, old[key]))
        for key in sorted(old, key=lambda k: (sort_key(k[1] or "\uffff"), sort_key(k[0])))
    ]
    new_groups = [(key, _node_order(view, new[key])) for key in sorted(new, key=lambda p: sort_key(p or "\uffff"))]

    def positions(groups: list[tuple[Any, list[str]]]) -> dict[str, float]:
        order = [node for _, nodes in groups for node in nodes]
        return {node: i / max(len(order) - 1, 1) for i, node in enumerate(order)}

    def reorder(groups: list[tuple[Any, list[str]]], fixed: dict[str, float], neighbours: Any) -> list[Any]:
        here = positions(groups)

        def centre(node: str) -> float:
            ys = [fixed[n] for n in neighbours(node) if n in fixed]
            return sum(ys) / len(ys) if ys else here[node]

        result = []
        for rank, (key, nodes) in enumerate(groups):
            centres = {node: centre(node) for node in nodes}
            ordered = sorted(nodes, key=lambda n: (centres[n], here[n]))
            mean = sum(centres.values()) / len(centres) if centres else 0.0
            result.append((mean, rank, key, ordered))
        result.sort(key=lambda item: (item[0], item[1]))
        return [(key, ordered) for _, _, key, ordered in result]

    for _ in range(rounds):
        new_groups = reorder(new_groups, positions(old_groups), view.predecessors)
        old_groups = reorder(old_groups, positions(new_groups), view.successors)
    new_groups = reorder(new_groups, positions(old_groups), view.predecessors)
    return old_groups, new_groups


def district_title(province: str, district: str, many_provinces: bool) -> str:
    title = district or NO_DISTRICT
    if many_provinces and province:
        title += f" ({province})"
    return title


def to_dot(view: Any) -> str:
    """The Graphviz DOT text of ``view`` (deterministic; see the module docstring)."""
    big = len(view) > DETAIL_LIMIT
    detail = not big
    out: list[str] = []
    w = out.append
    w("digraph lineage {")
    graph_attrs = {
        "rankdir": "LR",
        "newrank": "true",
        "charset": "UTF-8",
        "fontname": FONT,
        "labelloc": "t",
        "labeljust": "l",
        "ranksep": "3.0" if big else "1.6",
        "nodesep": "0.08" if big else "0.18",
        "splines": "true",
        "outputorder": "edgesfirst",
        "pad": "0.3",
        "bgcolor": "white",
        "style": "rounded",
        "fontsize": "12",
    }
    w(f"  graph {attrs(graph_attrs)};")
    w(f"  graph [label={title_label(view)}];")
    w(
        "  node "
        + attrs(
            {
                "fontname": FONT,
                "fontsize": "10" if big else "11",
                "shape": "box",
                "height": "0.28",
                "margin": "0.08,0.03" if big else "0.12,0.06",
            }
        )
        + ";"
    )
    w("  edge " + attrs({"fontname": FONT, "fontsize": "9", "arrowsize": "0.6"}) + ";")

    _, _, many = _groups(view)
    old_groups, new_groups = layout_order(view)
    for index, ((province, district), nodes) in enumerate(old_groups):
        title = district_title(province, district, many)
        w(f"  subgraph cluster_old_{index} {{")
        cluster = {"label": title, "color": OLD_LINE, "fontcolor": "#5a4a2a", "bgcolor": "#fbf9f4"}
        w(f"    graph {attrs(cluster)};")
        for node in nodes:
            w("    " + _node_line(view, node, detail))
        w("  }")
    # A cluster packs its units together, away from their predecessors: a big view of one
    # province (a tall column of old units) draws its new units unclustered, so each can sit
    # level with the units it came from; the province is named in the graph label.
    cluster_new = not big or len(new_groups) > 1
    for index, (province, nodes) in enumerate(new_groups):
        indent = "    " if cluster_new else "  "
        if cluster_new:
            w(f"  subgraph cluster_new_{index} {{")
            cluster = {"label": province or NO_PROVINCE, "color": NEW_LINE, "fontcolor": NEW_LINE, "bgcolor": "#f5f9fd"}
            w(f"    graph {attrs(cluster)};")
        for node in nodes:
            w(indent + _node_line(view, node, detail))
        if cluster_new:
            w("  }")

    place = {node: i for i, node in enumerate(n for _, group in old_groups + new_groups for n in group)}
    edges = sorted(view.edges(data=True), key=lambda e: (place[e[0]], place[e[1]]))
    for old_node, new_node, data in edges:
        share = data.get("share") if data.get("share") in EDGE_STYLE else "whole"
        values = dict(EDGE_STYLE[share])
        values["tooltip"] = edge_tooltip(view, old_node, new_node, data)
        values["class"] = f"share-{share}"
        w(f"  {quote(old_node)} -> {quote(new_node)} {attrs(values)};")
    w("}")
    return "\n".join(out) + "\n"


def _node_line(view: Any, node: str, detail: bool) -> str:
    data = view.nodes[node]
    label, html = node_label(data, detail)
    values = {"label": label}
    if data.get("kind") == "new":
        values.update({"style": "filled,bold", "fillcolor": NEW_FILL, "color": NEW_LINE, "class": "unit new"})
    else:
        values.update({"style": "rounded,filled", "fillcolor": OLD_FILL, "color": OLD_LINE, "class": "unit old"})
    values["tooltip"] = node_tooltip(data)
    values["URL"] = str(data.get("iri") or node)
    return f"{quote(node)} {attrs(values, html=('label',) if html else ())};"

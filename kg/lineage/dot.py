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
from dataclasses import dataclass
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


def title_label(view: Any, *, size: float = 10, copies: bool = False) -> str:
    """The graph label: title, resolutions, counts and the legend, as an HTML-like table.

    ``size``: the point size of the counts and the legend (the title is 1.8 times it, the
    resolutions 1.2 times); ``copies``: the legend also shows the dashed outline of an old unit
    drawn in several blocks (:mod:`kg.lineage.pack`).
    """
    title = str(view.graph.get("title") or "Lineage")
    resolutions = list(view.graph.get("resolutions") or [])
    olds = sum(1 for _, d in view.nodes(data=True) if d.get("kind") != "new")
    news = len(view) - olds
    rows = [f'<FONT POINT-SIZE="{size * 1.8:g}"><B>{html_escape(title)}</B></FONT>']
    if resolutions:
        word = "Resolution" if len(resolutions) == 1 else "Resolutions"
        rows.append(f'<FONT POINT-SIZE="{size * 1.2:g}">{word} {html_escape(", ".join(resolutions))}</FONT>')
    provinces = sorted(
        {str(d.get("province") or "") for _, d in view.nodes(data=True) if d.get("kind") == "new"} - {""}, key=sort_key
    )
    where = f" in {', '.join(provinces)}" if provinces else ""
    rows.append(
        f'<FONT POINT-SIZE="{size:g}" COLOR="#555555">{olds} old units → {news} new units{html_escape(where)}</FONT>'
    )
    cells = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{row}</TD></TR>' for row in rows)
    cells += f'<TR><TD ALIGN="LEFT">{legend_table(size, copies=copies)}</TD></TR>'
    return f'<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">{cells}</TABLE>>'


LEGEND_TEXT = {"whole": "whole unit merged in", "part": "part of the unit", "disputed": "share disputed by sources"}


def legend_table(size: float = 10, *, copies: bool = False) -> str:
    """The legend as an HTML-like table: a row of the node styles, a row of the edge styles."""
    font = f'<FONT POINT-SIZE="{size:g}">'
    units = (
        f'<TD BORDER="1" STYLE="rounded" BGCOLOR="{OLD_FILL}" COLOR="{OLD_LINE}" CELLPADDING="3" COLSPAN="2">'
        f"{font}old unit (before 1 Jul 2025)</FONT></TD>"
        f'<TD BORDER="2" BGCOLOR="{NEW_FILL}" COLOR="{NEW_LINE}" CELLPADDING="3" COLSPAN="2">'
        f"{font}new unit (from 1 Jul 2025)</FONT></TD>"
    )
    if copies:
        units += (
            f'<TD BORDER="1" STYLE="rounded,dashed" BGCOLOR="{OLD_FILL}" COLOR="{OLD_LINE}" CELLPADDING="3" '
            f'COLSPAN="2">{font}old unit split between blocks, drawn in each</FONT></TD>'
        )
    else:
        units += '<TD COLSPAN="2"> </TD>'
    cells = []
    for share in ("whole", "part", "disputed"):
        style = EDGE_STYLE[share]
        border = "2" if share == "disputed" else "1"
        line = f'WIDTH="{round(size * 4.4)}" HEIGHT="{round(size * 0.9)}" FIXEDSIZE="TRUE" BORDER="{border}"'
        cells.append(
            f'<TD {line} SIDES="B" STYLE="{style["style"]}" COLOR="{style["color"]}"></TD>'
            f'<TD ALIGN="LEFT">{font}{LEGEND_TEXT[share]}</FONT></TD>'
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


@dataclass(frozen=True)
class Group:
    """A group of units drawn together: its DOT cluster name ("" when the units stand unclustered),
    the cluster's attributes (label, colours) and its units in drawing order, top to bottom."""

    name: str
    attrs: dict[str, str]
    nodes: list[str]


def groups(view: Any, *, cluster_new: bool = True) -> list[Group]:
    """The old units in one cluster per former district, then the new units in one cluster per
    province (unclustered when ``cluster_new`` is false), in :func:`layout_order`'s order."""
    _, _, many = _groups(view)
    old_groups, new_groups = layout_order(view)
    out = []
    for index, ((province, district), nodes) in enumerate(old_groups):
        title = district_title(province, district, many)
        out.append(
            Group(
                f"cluster_old_{index}",
                {"label": title, "color": OLD_LINE, "fontcolor": "#5a4a2a", "bgcolor": "#fbf9f4"},
                nodes,
            )
        )
    for index, (province, nodes) in enumerate(new_groups):
        if cluster_new:
            cluster = {"label": province or NO_PROVINCE, "color": NEW_LINE, "fontcolor": NEW_LINE, "bgcolor": "#f5f9fd"}
            out.append(Group(f"cluster_new_{index}", cluster, nodes))
        else:
            out.append(Group("", {}, nodes))
    return out


def graph_attributes(big: bool) -> dict[str, str]:
    """The DOT graph attributes of a drawing laid out by ``dot`` (``big``: more than DETAIL_LIMIT units)."""
    return {
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


def node_defaults(big: bool) -> dict[str, str]:
    """The DOT node defaults: smaller boxes in a big view."""
    return {
        "fontname": FONT,
        "fontsize": "10" if big else "11",
        "shape": "box",
        "height": "0.28",
        "margin": "0.08,0.03" if big else "0.12,0.06",
    }


#: The DOT edge defaults.
EDGE_DEFAULTS = {"fontname": FONT, "fontsize": "9", "arrowsize": "0.6"}


def node_attributes(view: Any, node: str, detail: bool) -> tuple[dict[str, str], bool]:
    """A unit's DOT attributes (label, style, colours, class, tooltip, URL) and whether the label
    is HTML-like. A unit drawn more than once (``drawn`` > 1, see :mod:`kg.lineage.pack`) has a
    dashed outline, and its tooltip says so."""
    data = view.nodes[node]
    label, html = node_label(data, detail)
    values = {"label": label}
    drawn = int(data.get("drawn") or 1)
    if data.get("kind") == "new":
        values.update({"style": "filled,bold", "fillcolor": NEW_FILL, "color": NEW_LINE, "class": "unit new"})
    else:
        style = "rounded,filled,dashed" if drawn > 1 else "rounded,filled"
        values.update({"style": style, "fillcolor": OLD_FILL, "color": OLD_LINE, "class": "unit old"})
    tooltip = node_tooltip(data)
    if drawn > 1:
        tooltip += f"\ndrawn {drawn} times: its parts went to new units drawn in different blocks"
    values["tooltip"] = tooltip
    values["URL"] = str(data.get("iri") or node)
    return values, html


def edge_attributes(view: Any, old: str, new: str, data: dict[str, Any]) -> dict[str, str]:
    """An edge's DOT attributes: the style of its share, a tooltip and a class (``share-…``)."""
    share = data.get("share") if data.get("share") in EDGE_STYLE else "whole"
    values = dict(EDGE_STYLE[share])
    values["tooltip"] = edge_tooltip(view, old, new, data)
    values["class"] = f"share-{share}"
    return values


def ordered_edges(view: Any, drawn_groups: list[Group]) -> list[tuple[str, str, dict[str, Any]]]:
    """The edges in the order of their ends in the drawing (deterministic)."""
    place = {node: i for i, node in enumerate(n for group in drawn_groups for n in group.nodes)}
    return sorted(view.edges(data=True), key=lambda e: (place[e[0]], place[e[1]]))


def node_line(view: Any, node: str, detail: bool, extra: dict[str, str] | None = None) -> str:
    """A node's DOT statement; ``extra`` attributes (a position, a size) come last."""
    values, html = node_attributes(view, node, detail)
    values.update(extra or {})
    return f"{quote(node)} {attrs(values, html=('label',) if html else ())};"


def to_dot(view: Any) -> str:
    """The Graphviz DOT text of ``view`` for ``dot`` (deterministic; see the module docstring).

    This is the layout of one drawing; a big view is drawn on one page by
    :func:`kg.lineage.pack.drawing_dot`, which lays out blocks of it with this module's pieces.
    """
    big = len(view) > DETAIL_LIMIT
    detail = not big
    out: list[str] = []
    w = out.append
    w("digraph lineage {")
    w(f"  graph {attrs(graph_attributes(big))};")
    w(f"  graph [label={title_label(view)}];")
    w(f"  node {attrs(node_defaults(big))};")
    w(f"  edge {attrs(EDGE_DEFAULTS)};")
    # A cluster packs its units together, away from their predecessors: a big view of one
    # province (a tall column of old units) draws its new units unclustered, so each can sit
    # level with the units it came from; the province is named in the graph label.
    new_provinces = {str(d.get("province") or "") for _, d in view.nodes(data=True) if d.get("kind") == "new"}
    drawn_groups = groups(view, cluster_new=not big or len(new_provinces) > 1)
    for group in drawn_groups:
        indent = "    " if group.name else "  "
        if group.name:
            w(f"  subgraph {group.name} {{")
            w(f"    graph {attrs(group.attrs)};")
        for node in group.nodes:
            w(indent + node_line(view, node, detail))
        if group.name:
            w("  }")
    for old_node, new_node, data in ordered_edges(view, drawn_groups):
        w(f"  {quote(old_node)} -> {quote(new_node)} {attrs(edge_attributes(view, old_node, new_node, data))};")
    w("}")
    return "\n".join(out) + "\n"

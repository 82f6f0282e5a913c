"""A lineage view as one self-contained, offline HTML page.

:func:`to_html` writes a page with no external request (no CDN, no font, no
image): the drawing inline as SVG (Graphviz's when ``dot`` is installed, the
same as ``kg lineage -o FILE.svg``, so a big view is packed on one page by
:mod:`kg.lineage.pack`; else a two-column layout computed here: old units
grouped by former district on the left, new units grouped by province on the
right), pan and zoom (mouse wheel, drag; the "Fit" button), a side panel with
a unit's facts and its edges (share per source, resolutions) when it is
clicked, and a search box that highlights the units whose label, name or code
matches (diacritics optional: "thanh dong" finds "phường Thành Đông"; a unit
drawn in several blocks of a packed page, ``IRI #2`` in the SVG, is
highlighted in each). The view's data is in the page as JSON
(``<script type="application/json" id="lineage-data">``).

The page also reads its address fragment: ``#search=thanh%20dong`` runs a
search, ``#unit=<IRI>`` opens a unit. When the script has run, the ``<html>``
element carries ``data-lineage-ready="<number of units>"``.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from kg.lineage.dot import (
    DISPUTED_COLOR,
    NEW_FILL,
    NEW_LINE,
    NO_DISTRICT,
    NO_PROVINCE,
    OLD_FILL,
    OLD_LINE,
    PART_COLOR,
    WHOLE_COLOR,
    _groups,
    district_title,
    layout_order,
    sort_key,
)
from kg.lineage.pack import drawing_dot
from kg.lineage.render import RendererMissing, have_dot, run_dot

NODE_KEYS = ("kind", "label", "name", "type", "unit_class", "code", "province", "district", "sources", "iri")


def view_data(view: Any) -> dict[str, Any]:
    """The view as plain JSON-able data: title, resolutions, units (by IRI) and edges."""
    units = {}
    for node in sorted(view.nodes, key=sort_key):
        data = view.nodes[node]
        unit = {key: _plain(data.get(key)) for key in NODE_KEYS}
        unit["iri"] = unit["iri"] or node
        units[node] = unit
    edges = []
    for old, new, data in sorted(view.edges(data=True), key=lambda e: (sort_key(e[0]), sort_key(e[1]))):
        edges.append(
            {
                "old": old,
                "new": new,
                "share": _plain(data.get("share")) or "whole",
                "sources": _plain(data.get("sources")) or [],
                "shares": _plain(data.get("shares")) or {},
                "resolutions": _plain(data.get("resolutions")) or [],
            }
        )
    return {
        "title": str(view.graph.get("title") or "Lineage"),
        "resolutions": list(view.graph.get("resolutions") or []),
        "units": units,
        "edges": edges,
    }


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, (int, float, bool)):
        return value
    return str(value)


def script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element (no ``<``, ``>``, ``&`` or line separators as is)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=None, separators=(",", ":"))
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def graphviz_svg(view: Any) -> str:
    """Graphviz's SVG of ``view``, ready to inline (no XML prolog, doctype or comments)."""
    svg = run_dot(drawing_dot(view), "svg").decode("utf-8")
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
    # the page sizes the drawing; the viewBox stays
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', '<svg id="drawing"', svg, count=1)
    return svg.strip()


# --------------------------------------------------------------------------------------------------
# the drawing without Graphviz: two columns

ROW = 26  # px per unit row
BOX_H = 20
HEADER = 24  # a group's title row
GROUP_GAP = 16
GAP = 280  # between the columns
CHAR_W = 6.7  # average width of a DejaVu Sans character at 11 px
PAD = 20


def _text_width(text: str) -> float:
    return len(text) * CHAR_W + 16


def fallback_svg(view: Any) -> str:
    """A simple layered drawing of ``view`` as SVG (no Graphviz): old left, new right."""
    old_groups, new_groups, many = _groups(view)
    labels = {n: str(view.nodes[n].get("label") or view.nodes[n].get("name") or n) for n in view.nodes}
    old_w = max([_text_width(labels[n]) for g in old_groups.values() for n in g] + [180])
    new_w = max([_text_width(labels[n]) for g in new_groups.values() for n in g] + [180])
    top = PAD + 70  # title and legend
    x_old, x_new = PAD, PAD + old_w + 24 + GAP

    pos: dict[str, tuple[float, float]] = {}  # node -> (x, y of the box centre)
    parts: list[str] = []
    boxes: list[str] = []

    y = top
    ordered_old, ordered_new = layout_order(view)
    for (province, district), nodes in ordered_old:
        height = HEADER + len(nodes) * ROW + 6
        title = district_title(province, district, many) if district or province else NO_DISTRICT
        boxes.append(_group_box(x_old, y, old_w + 24, height, title, OLD_LINE, "#fbf9f4"))
        for i, node in enumerate(nodes):
            pos[node] = (x_old + 12, y + HEADER + i * ROW + ROW / 2)
        y += height + GROUP_GAP
    bottom = y

    y = top
    for province, nodes in ordered_new:

        def centre(node: str) -> float:
            ys = [pos[p][1] for p in view.predecessors(node) if p in pos]
            return sum(ys) / len(ys) if ys else float("inf")

        nodes = sorted(nodes, key=lambda n: (centre(n), sort_key(str(view.nodes[n].get("name") or "")), n))
        first = y + HEADER
        slot = first
        for node in nodes:
            want = centre(node)
            want = want - ROW / 2 if want != float("inf") else slot
            slot = max(slot, want)
            pos[node] = (x_new + 12, slot + ROW / 2)
            slot += ROW
        height = slot - y + 6
        boxes.append(_group_box(x_new, y, new_w + 24, height, province or NO_PROVINCE, NEW_LINE, "#f5f9fd"))
        y += height + GROUP_GAP
    bottom = max(bottom, y)
    width = x_new + new_w + 24 + PAD
    height = bottom + PAD

    parts.append(
        f'<svg id="drawing" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'font-family="DejaVu Sans, Verdana, sans-serif" font-size="11">'
    )
    parts.append(
        "<defs>"
        + "".join(
            f'<marker id="arrow-{share}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="{color}"/></marker>'
            for share, color in (("whole", WHOLE_COLOR), ("part", PART_COLOR), ("disputed", DISPUTED_COLOR))
        )
        + "</defs>"
    )
    parts.append('<g id="graph0" class="graph">')
    parts.append(_title_and_legend(view, PAD, PAD))
    parts.extend(boxes)
    dash = {"whole": "", "part": ' stroke-dasharray="6,4"', "disputed": ' stroke-dasharray="2,3"'}
    colors = {"whole": WHOLE_COLOR, "part": PART_COLOR, "disputed": DISPUTED_COLOR}
    for old, new, data in sorted(view.edges(data=True), key=lambda e: (sort_key(e[0]), sort_key(e[1]))):
        if old not in pos or new not in pos:
            continue
        share = data.get("share") if data.get("share") in colors else "whole"
        x1 = pos[old][0] + _text_width(labels[old])
        y1 = pos[old][1]
        x2, y2 = pos[new][0], pos[new][1]
        mid = (x1 + x2) / 2
        width_attr = "2" if share == "disputed" else "1.2"
        parts.append(
            f'<g class="edge share-{share}"><title>{_e(old)}-&gt;{_e(new)}</title>'
            f'<path fill="none" stroke="{colors[share]}" stroke-width="{width_attr}"{dash[share]} '
            f'marker-end="url(#arrow-{share})" d="M{x1:.1f},{y1:.1f}C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} '
            f'{x2 - 1:.1f},{y2:.1f}"/></g>'
        )
    for node, (x, yc) in sorted(pos.items(), key=lambda item: sort_key(item[0])):
        data = view.nodes[node]
        new = data.get("kind") == "new"
        fill, line = (NEW_FILL, NEW_LINE) if new else (OLD_FILL, OLD_LINE)
        w = _text_width(labels[node])
        rx = "0" if new else "6"
        stroke = "2" if new else "1"
        parts.append(
            f'<g class="node unit {"new" if new else "old"}"><title>{_e(node)}</title>'
            f'<rect x="{x:.1f}" y="{yc - BOX_H / 2:.1f}" width="{w:.1f}" height="{BOX_H}" rx="{rx}" '
            f'fill="{fill}" stroke="{line}" stroke-width="{stroke}"/>'
            f'<text x="{x + w / 2:.1f}" y="{yc + 4:.1f}" text-anchor="middle">{_e(labels[node])}</text></g>'
        )
    parts.append("</g></svg>")
    return "".join(parts)


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _group_box(x: float, y: float, w: float, h: float, title: str, line: str, fill: str) -> str:
    return (
        f'<g class="cluster"><rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="8" '
        f'fill="{fill}" stroke="{line}"/><text x="{x + 10:.1f}" y="{y + 16:.1f}" fill="{line}" '
        f'font-size="12">{_e(title)}</text></g>'
    )


def _title_and_legend(view: Any, x: float, y: float) -> str:
    title = str(view.graph.get("title") or "Lineage")
    resolutions = ", ".join(view.graph.get("resolutions") or [])
    out = [f'<text x="{x}" y="{y + 14}" font-size="17" font-weight="bold">{_e(title)}</text>']
    if resolutions:
        out.append(f'<text x="{x}" y="{y + 32}" font-size="12">Resolutions {_e(resolutions)}</text>')
    ly = y + 52
    lx = x
    out.append(
        f'<rect x="{lx}" y="{ly - 9}" width="22" height="14" rx="4" fill="{OLD_FILL}" stroke="{OLD_LINE}"/>'
        f'<text x="{lx + 28}" y="{ly + 2}" font-size="10">old unit</text>'
    )
    lx += 90
    out.append(
        f'<rect x="{lx}" y="{ly - 9}" width="22" height="14" fill="{NEW_FILL}" stroke="{NEW_LINE}" stroke-width="2"/>'
        f'<text x="{lx + 28}" y="{ly + 2}" font-size="10">new unit</text>'
    )
    lx += 95
    for share, color, dash in (
        ("whole", WHOLE_COLOR, ""),
        ("part", PART_COLOR, ' stroke-dasharray="6,4"'),
        ("disputed", DISPUTED_COLOR, ' stroke-dasharray="2,3"'),
    ):
        out.append(
            f'<path d="M{lx},{ly - 2}h34" stroke="{color}" stroke-width="2"{dash}/>'
            f'<text x="{lx + 40}" y="{ly + 2}" font-size="10">{share}</text>'
        )
        lx += 110
    return "".join(out)


# --------------------------------------------------------------------------------------------------
# the page


def to_html(view: Any, *, graphviz: bool | None = None) -> str:
    """The self-contained HTML page of ``view``.

    ``graphviz``: True draws with Graphviz (:class:`RendererMissing` without
    it), False with the built-in two-column layout, None (default) with
    Graphviz when ``dot`` is installed.
    """
    use_dot = have_dot() if graphviz is None else graphviz
    if use_dot:
        svg, renderer = graphviz_svg(view), "graphviz"
    else:
        if graphviz:  # pragma: no cover - have_dot() decided above
            raise RendererMissing()
        svg, renderer = fallback_svg(view), "built-in"
    data = view_data(view)
    data["renderer"] = renderer
    title = data["title"]
    resolutions = ", ".join(data["resolutions"])
    olds = sum(1 for u in data["units"].values() if u["kind"] != "new")
    subtitle = f"{olds} old units → {len(data['units']) - olds} new units"
    if resolutions:
        subtitle = f"Resolutions {resolutions} · " + subtitle
    return (
        PAGE.replace("{{TITLE}}", _e(title))
        .replace("{{SUBTITLE}}", _e(subtitle))
        .replace("{{RENDERER}}", _e(renderer))
        .replace("{{STYLE}}", STYLE)
        .replace("{{SCRIPT}}", SCRIPT)
        .replace("{{DATA}}", script_json(data))
        .replace("{{SVG}}", svg)
    )


PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kg lineage">
<title>{{TITLE}}</title>
<style>{{STYLE}}</style>
</head>
<body>
<header>
<div class="heading"><h1>{{TITLE}}</h1><div class="sub">{{SUBTITLE}}</div></div>
<div class="tools">
<input id="search" type="search" placeholder="Search units (e.g. thanh dong)" autocomplete="off"
 aria-label="Search units">
<span id="count" aria-live="polite"></span>
<button id="zoom-in" type="button" title="Zoom in">+</button>
<button id="zoom-out" type="button" title="Zoom out">−</button>
<button id="fit" type="button" title="Show the whole drawing">Fit</button>
</div>
</header>
<main>
<div id="canvas" data-renderer="{{RENDERER}}">{{SVG}}</div>
<aside id="panel"><p class="hint">Click a unit to see its facts and where it came from or went.
Drag to pan, use the mouse wheel to zoom, type in the search box to find units.</p></aside>
</main>
<script type="application/json" id="lineage-data">{{DATA}}</script>
<script>{{SCRIPT}}</script>
</body>
</html>
"""

STYLE = """
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 14px;
  color: #222; background: #fff; }
body { display: flex; flex-direction: column; }
header { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 8px 14px;
  border-bottom: 1px solid #ccc; background: #f7f7f7; flex-wrap: wrap; }
h1 { font-size: 18px; margin: 0; }
.sub { color: #555; font-size: 12px; margin-top: 2px; }
.tools { display: flex; align-items: center; gap: 6px; }
#search { width: 260px; padding: 5px 8px; font: inherit; }
#count { color: #555; font-size: 12px; min-width: 70px; }
button { font: inherit; padding: 3px 10px; cursor: pointer; }
main { flex: 1; display: flex; min-height: 0; }
#canvas { flex: 1; position: relative; overflow: hidden; cursor: grab; background: #fff; touch-action: none; }
#canvas.dragging { cursor: grabbing; }
#canvas svg { width: 100%; height: 100%; display: block; user-select: none; }
#panel { width: 340px; border-left: 1px solid #ccc; padding: 10px 14px; overflow: auto; background: #fcfcfc; }
#panel h2 { font-size: 16px; margin: 4px 0 8px; }
#panel h3 { font-size: 13px; margin: 14px 0 6px; color: #444; }
#panel dl { display: grid; grid-template-columns: auto 1fr; gap: 3px 10px; margin: 0; font-size: 13px; }
#panel dt { color: #666; }
#panel dd { margin: 0; word-break: break-word; }
#panel ul { margin: 0; padding-left: 18px; font-size: 13px; }
#panel li { margin: 3px 0; }
#panel .hint { color: #666; font-size: 13px; }
#panel a.unit-link { color: #1f5f99; cursor: pointer; text-decoration: underline; }
.share { display: inline-block; padding: 0 5px; border-radius: 3px; font-size: 11px; color: #fff; }
.share-whole { background: #333; } .share-part { background: #4a6fa5; } .share-disputed { background: #c62828; }
.small { color: #666; font-size: 11px; }
g.node { cursor: pointer; }
svg.searching g.node:not(.hit) { opacity: 0.25; }
svg.searching g.edge { opacity: 0.25; }
g.node.hit polygon, g.node.hit path, g.node.hit rect { stroke: #e65100; stroke-width: 3px; }
g.node.selected polygon, g.node.selected path, g.node.selected rect { stroke: #d81b60; stroke-width: 4px; }
svg.selecting g.edge:not(.linked) { opacity: 0.15; }
g.edge.linked path { stroke-width: 3px; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("lineage-data").textContent);
  var canvas = document.getElementById("canvas");
  var svg = canvas.querySelector("svg");
  var panel = document.getElementById("panel");
  var search = document.getElementById("search");
  var count = document.getElementById("count");
  var nodeEls = {}, edgeEls = [], byUnit = {};

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0111/g, "d").replace(/\u0110/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function titleOf(g) {
    var t = g.querySelector("title");
    return t ? t.textContent : "";
  }
  // a unit drawn in several blocks of a packed page is named "IRI #2", "IRI #3", … (IRIs hold no space)
  function unitOf(name) {
    var cut = name.indexOf(" #");
    return cut >= 0 ? name.slice(0, cut) : name;
  }
  function each(iri, fn) { (nodeEls[iri] || []).forEach(fn); }
  svg.querySelectorAll("g.node").forEach(function (g) {
    var iri = unitOf(titleOf(g));
    if (data.units[iri]) { (nodeEls[iri] = nodeEls[iri] || []).push(g); g.setAttribute("data-iri", iri); }
  });
  svg.querySelectorAll("g.edge").forEach(function (g) {
    var ends = titleOf(g).split("->").map(unitOf);
    if (ends.length === 2 && data.units[ends[0]] && data.units[ends[1]]) {
      edgeEls.push({ el: g, old: ends[0], "new": ends[1] });
    }
  });
  data.edges.forEach(function (e) {
    (byUnit[e.old] = byUnit[e.old] || []).push(e);
    (byUnit[e["new"]] = byUnit[e["new"]] || []).push(e);
  });
  var searchText = {};
  Object.keys(data.units).forEach(function (iri) {
    var u = data.units[iri];
    searchText[iri] = fold([u.label, u.name, u.code, u.district, u.province].join(" | "));
  });

  // ---- pan and zoom: the svg's viewBox
  var base = svg.viewBox.baseVal;
  var full = { x: base.x, y: base.y, w: base.width, h: base.height };
  var vb = { x: full.x, y: full.y, w: full.w, h: full.h };
  function apply() { svg.setAttribute("viewBox", [vb.x, vb.y, vb.w, vb.h].join(" ")); }
  function fit() {
    var r = canvas.getBoundingClientRect();
    var aspect = r.height > 0 ? r.height / Math.max(r.width, 1) : 1;
    if (full.h / full.w > 3 * aspect) {  // a tall drawing: its whole width, from the top
      vb = { x: full.x, y: full.y, w: full.w, h: full.w * aspect };
    } else {
      vb = { x: full.x, y: full.y, w: full.w, h: full.h };
    }
    apply();
  }
  function toSvg(clientX, clientY) {
    var m = svg.getScreenCTM();
    var p = svg.createSVGPoint();
    p.x = clientX; p.y = clientY;
    return m ? p.matrixTransform(m.inverse()) : { x: vb.x, y: vb.y };
  }
  function zoomAt(factor, clientX, clientY) {
    var p = toSvg(clientX, clientY);
    var w = Math.min(Math.max(vb.w * factor, full.w / 400), full.w * 4 + full.h * 4);
    var k = w / vb.w;
    vb = { x: p.x - (p.x - vb.x) * k, y: p.y - (p.y - vb.y) * k, w: vb.w * k, h: vb.h * k };
    apply();
  }
  function zoomCentre(factor) {
    var r = canvas.getBoundingClientRect();
    zoomAt(factor, r.left + r.width / 2, r.top + r.height / 2);
  }
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    zoomAt(Math.exp(ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015)), ev.clientX, ev.clientY);
  }, { passive: false });
  var drag = null, moved = false;
  canvas.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, vx: vb.x, vy: vb.y };
    moved = false;
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!moved) { moved = true; canvas.classList.add("dragging"); }
    var m = svg.getScreenCTM();
    var scale = m ? m.a : 1;
    vb.x = drag.vx - dx / scale; vb.y = drag.vy - dy / scale;
    apply();
  });
  window.addEventListener("pointerup", function () {
    drag = null; canvas.classList.remove("dragging");
  });
  document.getElementById("fit").addEventListener("click", fit);
  document.getElementById("zoom-in").addEventListener("click", function () { zoomCentre(1 / 1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomCentre(1.4); });

  function centreOn(el) {
    var r = el.getBoundingClientRect();
    var a = toSvg(r.left, r.top), b = toSvg(r.right, r.bottom);
    var cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2;
    var c = canvas.getBoundingClientRect();
    var aspect = c.height > 0 ? c.height / Math.max(c.width, 1) : 1;
    var w = Math.min(vb.w, Math.max((b.x - a.x) * 5, 400));
    vb = { x: cx - w / 2, y: cy - w * aspect / 2, w: w, h: w * aspect };
    apply();
  }

  // ---- the side panel
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function unitLink(iri) {
    var u = data.units[iri] || { label: iri };
    var a = el("a", { "class": "unit-link", href: "#unit=" + encodeURIComponent(iri) }, u.label || iri);
    a.addEventListener("click", function (ev) { ev.preventDefault(); select(iri, true); });
    return a;
  }
  function shareBadge(share) { return el("span", { "class": "share share-" + share }, share); }
  function showUnit(iri) {
    var u = data.units[iri];
    panel.textContent = "";
    panel.appendChild(el("h2", {}, u.label || u.name || iri));
    var dl = el("dl");
    function row(k, v) {
      if (v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length)) return;
      dl.appendChild(el("dt", {}, k));
      dl.appendChild(el("dd", {}, Array.isArray(v) ? v.join(", ") : v));
    }
    row("status", u.kind === "new" ? "new unit (from 1 July 2025)" : "old unit (before 1 July 2025)");
    row("type", u.type + (u.unit_class ? " (" + u.unit_class + ")" : ""));
    row("name", u.name);
    row("official code", u.code || "none");
    row("former district", u.district);
    row("province", u.province);
    row("sources", u.sources);
    row("IRI", u.iri || iri);
    panel.appendChild(dl);
    var edges = byUnit[iri] || [];
    var mine = edges.filter(function (e) { return u.kind === "new" ? e["new"] === iri : e.old === iri; });
    panel.appendChild(el("h3", {}, (u.kind === "new" ? "Formed from" : "Went to") + " (" + mine.length + ")"));
    var ul = el("ul");
    mine.forEach(function (e) {
      var li = el("li");
      li.appendChild(unitLink(u.kind === "new" ? e.old : e["new"]));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(shareBadge(e.share));
      var detail = (e.sources || []).map(function (s) { return s + ": " + ((e.shares || {})[s] || e.share); });
      if (detail.length) li.appendChild(el("div", { "class": "small" }, detail.join("; ")));
      if ((e.resolutions || []).length) {
        li.appendChild(el("div", { "class": "small" }, "resolution " + e.resolutions.join(", ")));
      }
      ul.appendChild(li);
    });
    if (!mine.length) ul.appendChild(el("li", {}, "none in this view"));
    panel.appendChild(ul);
  }
  var selected = null;
  function clearSelection() {
    if (selected) each(selected, function (g) { g.classList.remove("selected"); });
    edgeEls.forEach(function (e) { e.el.classList.remove("linked"); });
    svg.classList.remove("selecting");
    selected = null;
  }
  function select(iri, centre) {
    if (!data.units[iri]) return;
    clearSelection();
    selected = iri;
    each(iri, function (el) { el.classList.add("selected"); });
    var g = (nodeEls[iri] || [])[0];
    edgeEls.forEach(function (e) {
      if (e.old === iri || e["new"] === iri) e.el.classList.add("linked");
    });
    svg.classList.add("selecting");
    showUnit(iri);
    if (centre && g) centreOn(g);
  }
  canvas.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a") : null;
    if (a) ev.preventDefault();  // Graphviz links the IRIs; the page shows the facts instead
    if (moved) return;
    var g = ev.target.closest ? ev.target.closest("g.node") : null;
    var iri = g && g.getAttribute("data-iri");
    if (iri) select(iri, false); else clearSelection();
  });

  // ---- search
  var hits = [];
  function runSearch(text) {
    var q = fold(text);
    Object.keys(nodeEls).forEach(function (iri) { each(iri, function (g) { g.classList.remove("hit"); }); });
    hits = [];
    if (!q) { svg.classList.remove("searching"); count.textContent = ""; return hits; }
    Object.keys(data.units).forEach(function (iri) {
      if (searchText[iri].indexOf(q) >= 0) hits.push(iri);
    });
    hits.forEach(function (iri) { each(iri, function (g) { g.classList.add("hit"); }); });
    svg.classList.add("searching");
    count.textContent = hits.length + (hits.length === 1 ? " unit" : " units");
    panel.textContent = "";
    panel.appendChild(el("h2", {}, "Search: " + text));
    var ul = el("ul", { id: "search-results" });
    hits.slice(0, 200).forEach(function (iri) {
      var li = el("li");
      li.appendChild(unitLink(iri));
      var u = data.units[iri];
      li.appendChild(el("span", { "class": "small" }, " " + (u.kind === "new" ? u.province : u.district)));
      ul.appendChild(li);
    });
    if (!hits.length) ul.appendChild(el("li", {}, "no unit matches"));
    panel.appendChild(ul);
    return hits;
  }
  search.addEventListener("input", function () { runSearch(search.value); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && hits.length && nodeEls[hits[0]]) centreOn(nodeEls[hits[0]][0]);
    if (ev.key === "Escape") { search.value = ""; runSearch(""); }
  });

  fit();
  function fromHash() {
    var h = location.hash.replace(/^#/, "");
    var m = /^search=(.*)$/.exec(h);
    if (m) { search.value = decodeURIComponent(m[1]); runSearch(search.value); return; }
    m = /^unit=(.*)$/.exec(h);
    if (m) select(decodeURIComponent(m[1]), true);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  document.documentElement.setAttribute("data-lineage-ready", String(Object.keys(nodeEls).length));
})();
"""

__all__ = ["fallback_svg", "graphviz_svg", "script_json", "to_html", "view_data"]

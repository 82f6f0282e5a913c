"""A big lineage view on one page: blocks laid out by ``dot``, packed in columns.

``dot`` draws a lineage left to right with two ranks (old units, new units), so
a whole province is one strip thousands of points tall. For a view of more than
:data:`PACK_LIMIT` units, :func:`drawing_dot` instead:

1. cuts the view into **blocks**: each connected part (a new unit with its
   predecessors; new units that share a split predecessor stay together) is a
   block. A part too tall for a column (Hà Nội's inner districts form one part
   of 350 units) is cut into groups of new units that share the fewest split
   old units (:func:`split_part`); a shared old unit is then drawn in each
   block that holds one of its new units, with a dashed outline (the legend
   says so), so every edge is drawn once and stays short;
2. orders the blocks by province, then by the former district most of their
   old units come from, then by name, so a district's blocks sit together;
3. lays every block out with ``dot -Tjson0`` (a process per block, a few at
   a time: given several graphs at once, ``dot`` 2.43 is not deterministic):
   old units on the left in one cluster per former district, new units on the
   right (in one cluster per province when the view spans several provinces; a
   view of one province names it in the title instead);
4. packs the blocks in that order into columns (:func:`pack_columns`), the
   first columns under the title and legend, the others beside it, trying
   every number of columns and keeping the one whose page, fitted to an A3
   sheet either way round, prints the labels largest;
5. writes one DOT graph with every position given (nodes, edge splines,
   cluster boxes, the title and legend at the top left) and
   ``layout="nop2"``, so ``dot -Tsvg`` (or png, pdf) draws it as is.

Units are labelled in 12 pt, district headings, the counts and the legend in
13 pt (the title 23.4 pt), with less space between rows and ranks than a
single drawing has: the page of Hải Phòng (375 old, 114 new units) is about
1,800 × 2,650 pt, which an A3 sheet prints at 0.45 (labels 5.4 pt) and an A2
sheet at 0.63 (7.6 pt).

The text is deterministic: the same view and the same Graphviz give the same
bytes.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.lineage.dot import (
    DETAIL_LIMIT,
    EDGE_DEFAULTS,
    FONT,
    Group,
    attrs,
    edge_attributes,
    graph_attributes,
    groups,
    node_defaults,
    node_line,
    ordered_edges,
    quote,
    sort_key,
    title_label,
    to_dot,
)
from kg.lineage.render import graphviz_output, have_dot

__all__ = [
    "A3",
    "PACK_LIMIT",
    "Block",
    "Page",
    "blocks",
    "dot_source",
    "drawing_dot",
    "pack_columns",
    "packed_dot",
    "split_part",
]

#: Views of more than this many units are drawn as packed blocks; smaller views as one ``dot`` drawing.
PACK_LIMIT = DETAIL_LIMIT

#: An A3 sheet in points (portrait); A2 is √2 times larger each way.
A3 = (842.0, 1191.0)

#: Points between columns, between blocks in a column, and under the title.
COLUMN_GAP = 20.0
BLOCK_GAP = 10.0
TITLE_GAP = 18.0
#: The white margin around the page, in inches (Graphviz ``pad``).
PAD = "0.3"

#: Estimated height (points) of one unit row and of a cluster's label and margins, and the mean
#: width of a block, used to decide where to cut a part too tall for a column (the page itself
#: uses the sizes ``dot`` computes); fitted to the blocks of Hải Phòng, Hà Nội, Hồ Chí Minh, Đà Nẵng.
ROW = 21.0
CLUSTER = 42.0
BLOCK_WIDTH = 285.0
#: A part taller than this share of the estimated column height is cut into blocks.
CUT_SHARE = 0.7

#: How many ``dot`` processes lay blocks out at once (at most one per CPU).
LAYOUT_WORKERS = 4

#: The separator between a unit's IRI and the number of its drawing ("IRI #2"); IRIs hold no space.
COPY_MARK = " #"


@dataclass
class Block:
    """A block of the page: a sub-view (the view contract, plus ``drawn`` on units drawn more than
    once; a copy's node id is ``IRI #n``) and the key that orders the blocks."""

    view: nx.DiGraph
    key: tuple[Any, ...]


# --------------------------------------------------------------------------------------------------
# blocks


def _estimate(view: nx.DiGraph, news: list[str]) -> float:
    """The estimated height (points) of a block of ``news`` and their predecessors."""
    olds = {old for new in news for old in view.predecessors(new)}
    districts = {(view.nodes[o].get("province"), view.nodes[o].get("district")) for o in olds}
    return max(len(olds) * ROW + len(districts) * CLUSTER, len(news) * ROW + CLUSTER)


def split_part(view: nx.DiGraph, news: list[str], limit: float) -> list[list[str]]:
    """Group the new units of one connected part into runs whose estimated height is at most ``limit``
    (a single new unit may exceed it), sharing as few old units between runs as possible.

    Greedy agglomeration: start with one run per new unit and, again and again, merge the two runs
    that share the most old units among the pairs whose merge still fits. An old unit shared by
    runs is drawn in each, so fewer shared units mean fewer copies. Deterministic: ties go to
    the pair whose first units' IRIs sort first; runs come out in the order of their first unit.
    """
    shared: Counter[tuple[str, str]] = Counter()  # pairs of new units -> old units they share
    for old in sorted({o for n in news for o in view.predecessors(n)}):
        successors = sorted(set(view.successors(old)) & set(news))
        for i, first in enumerate(successors):
            for second in successors[i + 1 :]:
                shared[(first, second)] += 1
    run_of = {new: new for new in news}  # new unit -> the id (first unit) of its run
    runs = {new: [new] for new in news}
    while True:
        between: Counter[tuple[str, str]] = Counter()
        for (first, second), count in shared.items():
            a, b = run_of[first], run_of[second]
            if a != b:
                between[(min(a, b), max(a, b))] += count
        for (a, b), _ in sorted(between.items(), key=lambda item: (-item[1], item[0])):
            if _estimate(view, runs[a] + runs[b]) <= limit:
                break
        else:
            break
        runs[a] = sorted(runs[a] + runs.pop(b))
        for new in runs[a]:
            run_of[new] = a
    return [runs[key] for key in sorted(runs)]


def _main_district(view: nx.DiGraph, nodes: set[str]) -> str:
    """The former district most of the old units in ``nodes`` come from (ties: alphabetical)."""
    counts = Counter(str(view.nodes[n].get("district") or "") for n in nodes if view.nodes[n].get("kind") != "new")
    if not counts:
        return ""
    return min(counts, key=lambda d: (-counts[d], sort_key(d or "\uffff")))


def blocks(view: nx.DiGraph) -> list[Block]:
    """The view cut into blocks (connected parts; parts too tall for a column cut further), in page order."""
    parts = sorted((sorted(c) for c in nx.weakly_connected_components(view)), key=lambda c: c[0])
    total = sum(_estimate(view, [n for n in part if view.nodes[n].get("kind") == "new"]) for part in parts)
    column = math.sqrt(max(total, 1.0) * BLOCK_WIDTH * math.sqrt(2))
    limit = column * CUT_SHARE
    runs: list[tuple[list[str], set[str]]] = []  # (new units, all units) of each block
    for part in parts:
        news = [n for n in part if view.nodes[n].get("kind") == "new"]
        if not news:  # old units alone (no new unit in the view): one block
            runs.append(([], set(part)))
            continue
        if _estimate(view, news) <= limit or len(news) == 1:
            runs.append((news, set(part)))
            continue
        for run in split_part(view, news, limit):
            runs.append((run, set(run) | {o for n in run for o in view.predecessors(n)}))

    def key(run: tuple[list[str], set[str]]) -> tuple[Any, ...]:
        news, nodes = run
        provinces = sorted({str(view.nodes[n].get("province") or "") for n in news}, key=sort_key)
        first = min((sort_key(str(view.nodes[n].get("name") or n)) for n in news or nodes), default=("", ""))
        return (
            sort_key(provinces[0] if provinces else "\uffff"),
            sort_key(_main_district(view, nodes) or "\uffff"),
            first,
            sorted(nodes),
        )

    runs.sort(key=key)
    drawn = Counter(n for _, nodes in runs for n in nodes)
    seen: Counter[str] = Counter()
    out = []
    for news, nodes in runs:
        sub = nx.DiGraph()
        names = {}
        for node in sorted(nodes):
            seen[node] += 1
            names[node] = node if seen[node] == 1 else f"{node}{COPY_MARK}{seen[node]}"
            data = dict(view.nodes[node])
            if drawn[node] > 1:
                data["drawn"] = drawn[node]
            sub.add_node(names[node], **data)
        edges = [(o, n) for o, n in view.edges() if n in news] if news else list(view.subgraph(nodes).edges())
        for old, new in sorted(edges):
            sub.add_edge(names[old], names[new], **view.edges[old, new])
        out.append(Block(sub, key((news, nodes))))
    return out


# --------------------------------------------------------------------------------------------------
# layout of the blocks


@dataclass
class Laid:
    """A block laid out by ``dot``: its bounding box and the positions in it (Graphviz points, y up)."""

    block: Block
    groups: list[Group]
    box: tuple[float, float, float, float]
    nodes: dict[str, dict[str, str]]  # node id -> pos, width, height
    clusters: dict[str, dict[str, str]]  # cluster name -> bb, lp
    edges: dict[tuple[str, str], str]  # (tail, head) -> pos

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


#: dot attributes of a block: tighter than a single drawing (its edges span a few rows).
BLOCK_RANKSEP = "0.8"
BLOCK_NODESEP = "0.05"
BLOCK_NODE = {"height": "0.24", "margin": "0.06,0.02", "fontsize": "12"}
#: Point size of the district (and province) headings, and of the counts and legend under the title.
HEADING_SIZE = "13"
LEGEND_SIZE = 13


def _block_dot(block: Block, index: int, cluster_new: bool) -> tuple[str, list[Group]]:
    view = block.view
    graph = graph_attributes(True)
    graph.update({"ranksep": BLOCK_RANKSEP, "nodesep": BLOCK_NODESEP, "pad": "0", "fontsize": HEADING_SIZE})
    drawn_groups = groups(view, cluster_new=cluster_new)
    out = [f"digraph block_{index} {{", f"  graph {attrs(graph)};"]
    out.append(f"  node {attrs(node_defaults(True) | BLOCK_NODE)};")
    out.append(f"  edge {attrs(EDGE_DEFAULTS)};")
    for group in drawn_groups:
        if group.name:
            out.append(f"  subgraph {group.name} {{")
            out.append(f"    graph {attrs(group.attrs)};")
        out.extend(("    " if group.name else "  ") + node_line(view, node, False) for node in group.nodes)
        if group.name:
            out.append("  }")
    for old, new, data in ordered_edges(view, drawn_groups):
        out.append(f"  {quote(old)} -> {quote(new)} {attrs(edge_attributes(view, old, new, data))};")
    out.append("}")
    return "\n".join(out) + "\n", drawn_groups


def _title_dot(label: str) -> str:
    graph = {"fontname": FONT, "labelloc": "t", "labeljust": "l", "pad": "0", "charset": "UTF-8"}
    return f"digraph title {{\n  graph {attrs(graph)};\n  graph [label={label}];\n}}\n"


def _box(text: str) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in text.split(","))
    return x0, y0, x1, y1


def lay_out(view: nx.DiGraph, parts: list[Block], title: str) -> tuple[tuple[float, float], list[Laid]]:
    """Lay out the ``title`` label (its width and height) and every block with ``dot -Tjson0``."""
    provinces = {str(d.get("province") or "") for _, d in view.nodes(data=True) if d.get("kind") == "new"}
    cluster_new = len(provinces) > 1
    sources, block_groups = [_title_dot(title)], []
    for index, block in enumerate(parts):
        text, drawn_groups = _block_dot(block, index, cluster_new)
        sources.append(text)
        block_groups.append(drawn_groups)
    # One dot process per graph: given several graphs, dot 2.43 carries state from one to the next
    # and draws some edges differently from run to run; alone, a graph always comes out the same.
    with ThreadPoolExecutor(max_workers=min(LAYOUT_WORKERS, os.cpu_count() or 1)) as pool:
        outputs = list(pool.map(lambda source: graphviz_output(source, "json0"), sources))
    documents = [json.loads(output) for output in outputs]
    tx0, ty0, tx1, ty1 = _box(documents[0]["bb"])
    laid = []
    for block, drawn_groups, doc in zip(parts, block_groups, documents[1:], strict=True):
        objects = doc.get("objects", [])
        nodes, clusters, names = {}, {}, {}
        for obj in objects:
            if "nodes" in obj or str(obj.get("name", "")).startswith("cluster"):
                clusters[obj["name"]] = {"bb": obj["bb"], "lp": obj.get("lp", "")}
            else:
                names[obj["_gvid"]] = obj["name"]
                nodes[obj["name"]] = {"pos": obj["pos"], "width": obj["width"], "height": obj["height"]}
        edges = {(names[e["tail"]], names[e["head"]]): e["pos"] for e in doc.get("edges", [])}
        laid.append(Laid(block, drawn_groups, _box(doc["bb"]), nodes, clusters, edges))
    return (tx1 - tx0, ty1 - ty0), laid


# --------------------------------------------------------------------------------------------------
# packing


@dataclass
class Page:
    """Blocks packed in columns: the block numbers of each column (top to bottom), each column's
    left edge and the drop from the page's top to its first block (the title sits at the top left,
    above the columns that start under it), and the page's size in points (without the margin)."""

    columns: list[list[int]]
    lefts: list[float]
    drops: list[float]
    width: float
    height: float


def _fill(sizes: list[tuple[float, float]], limit: float, title: tuple[float, float]) -> Page:
    """Blocks in order into columns at most ``limit`` points tall, the title included (a block taller
    than a column gets a column of its own); a column starts when the next block does not fit."""
    title_w, title_h = title
    columns: list[list[int]] = []
    lefts: list[float] = []
    drops: list[float] = []
    heights: list[float] = []
    widths: list[float] = []
    for i, (width, height) in enumerate(sizes):
        if columns:
            room = limit - drops[-1] - heights[-1] - BLOCK_GAP
            if height <= room:
                columns[-1].append(i)
                heights[-1] += BLOCK_GAP + height
                widths[-1] = max(widths[-1], width)
                continue
        left = lefts[-1] + widths[-1] + COLUMN_GAP if columns else 0.0
        columns.append([i])
        lefts.append(left)
        drops.append(title_h + TITLE_GAP if title_h and left < title_w + COLUMN_GAP else 0.0)
        heights.append(height)
        widths.append(width)
    if not columns:
        return Page([], [], [], title_w, title_h)
    page_width = max(lefts[-1] + widths[-1], title_w)
    page_height = max(max(d + h for d, h in zip(drops, heights, strict=True)), title_h)
    return Page(columns, lefts, drops, page_width, page_height)


def _page_for(sizes: list[tuple[float, float]], count: int, title: tuple[float, float]) -> Page:
    """The page with at most ``count`` columns and the lowest column height (a binary search on it)."""
    low = max(h for _, h in sizes)
    high = sum(h for _, h in sizes) + BLOCK_GAP * len(sizes) + title[1] + TITLE_GAP
    for _ in range(40):
        middle = (low + high) / 2
        if len(_fill(sizes, middle, title).columns) <= count:
            high = middle
        else:
            low = middle
    return _fill(sizes, high, title)


def a3_scale(width: float, height: float) -> float:
    """The scale that fits a page of ``width`` × ``height`` points on an A3 sheet, the better way round."""
    short, long = A3
    return max(min(short / width, long / height), min(long / width, short / height))


def pack_columns(sizes: list[tuple[float, float]], title: tuple[float, float] = (0.0, 0.0)) -> Page:
    """The blocks (``sizes``: width, height in points, in page order) packed in columns, order kept,
    under and beside the ``title`` (its width and height).

    Every number of columns is tried (each with its lowest column height, :func:`_page_for`); the
    page that prints largest on an A3 sheet (portrait or landscape) wins, and among pages within
    1 % of it the one with fewer columns. Its aspect is then close to an A sheet's.
    """
    if not sizes:
        return _fill([], 0.0, title)
    scored: dict[int, tuple[float, Page]] = {}
    for count in range(1, len(sizes) + 1):
        page = _page_for(sizes, count, title)
        used = len(page.columns)
        if used not in scored:
            scored[used] = (a3_scale(page.width, page.height), page)
        if used < count:  # more columns do not help
            break
    top = max(score for score, _ in scored.values())
    return scored[min(n for n, (score, _) in scored.items() if score >= top * 0.99)][1]


# --------------------------------------------------------------------------------------------------
# the page


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _shift_point(text: str, dx: float, dy: float) -> str:
    x, y = (float(v) for v in text.split(","))
    return f"{_number(x + dx)},{_number(y + dy)}"


_SPLINE_POINT = re.compile(r"([es],)?(-?[\d.]+,-?[\d.]+)")


def _shift_spline(text: str, dx: float, dy: float) -> str:
    """An edge's ``pos`` (``e,x,y s,x,y x,y …``) moved by (dx, dy)."""
    return _SPLINE_POINT.sub(lambda m: (m.group(1) or "") + _shift_point(m.group(2), dx, dy), text)


def _shift_box(box: str, dx: float, dy: float) -> str:
    x0, y0, x1, y1 = _box(box)
    return ",".join(_number(v) for v in (x0 + dx, y0 + dy, x1 + dx, y1 + dy))


def packed_dot(view: nx.DiGraph) -> str:
    """The DOT text of ``view`` drawn as packed blocks on one page (positions given, ``layout="nop2"``).

    Needs Graphviz's ``dot`` to lay out the blocks (:class:`~kg.lineage.render.RendererMissing`).
    """
    parts = blocks(view)
    copies = any(int(data.get("drawn") or 1) > 1 for part in parts for _, data in part.view.nodes(data=True))
    title = title_label(view, size=LEGEND_SIZE, copies=copies)
    (title_w, title_h), laid = lay_out(view, parts, title)
    page = pack_columns([(item.width, item.height) for item in laid], (title_w, title_h))
    width, height = page.width, page.height

    graph = {
        "layout": "nop2",
        "charset": "UTF-8",
        "fontname": FONT,
        "fontsize": HEADING_SIZE,
        "labelloc": "t",
        "labeljust": "l",
        "outputorder": "edgesfirst",
        "pad": PAD,
        "bgcolor": "white",
        "style": "rounded",
        "bb": f"0,0,{_number(width)},{_number(height)}",
        "lp": f"{_number(title_w / 2)},{_number(height - title_h / 2)}",
    }
    out = ["digraph lineage {", f"  graph {attrs(graph)};", f"  graph [label={title}];"]
    out.append(f"  node {attrs(node_defaults(True) | BLOCK_NODE)};")
    out.append(f"  edge {attrs(EDGE_DEFAULTS)};")
    edge_lines = []
    for number, column in enumerate(page.columns):
        top = height - page.drops[number]
        for index in column:
            item = laid[index]
            x0, _, _, y1 = item.box
            dx, dy = page.lefts[number] - x0, top - y1
            top -= item.height + BLOCK_GAP
            out.append(f"  /* block {index + 1} of {len(laid)}, column {number + 1} */")
            out.extend(_block_lines(item, dx, dy, index))
            block_view = item.block.view
            for old, new, data in ordered_edges(block_view, item.groups):
                values = edge_attributes(block_view, old, new, data)
                values["pos"] = _shift_spline(item.edges[(old, new)], dx, dy)
                edge_lines.append(f"  {quote(old)} -> {quote(new)} {attrs(values)};")
    out.extend(edge_lines)
    out.append("}")
    return "\n".join(out) + "\n"


def _block_lines(item: Laid, dx: float, dy: float, index: int) -> list[str]:
    """The clusters and nodes of a laid-out block, moved by (dx, dy), as DOT statements."""
    out = []
    for group in item.groups:
        indent = "  "
        if group.name:
            cluster = item.clusters[group.name]
            values = dict(group.attrs)
            values["bb"] = _shift_box(cluster["bb"], dx, dy)
            if cluster["lp"]:
                values["lp"] = _shift_point(cluster["lp"], dx, dy)
            out.append(f"  subgraph cluster_{index}_{group.name.removeprefix('cluster_')} {{")
            out.append(f"    graph {attrs(values)};")
            indent = "    "
        for node in group.nodes:
            place = item.nodes[node]
            extra = {"pos": _shift_point(place["pos"], dx, dy), "width": place["width"], "height": place["height"]}
            out.append(indent + node_line(item.block.view, node, False, extra))
        if group.name:
            out.append("  }")
    return out


def drawing_dot(view: nx.DiGraph) -> str:
    """The DOT text kg draws ``view`` from: one ``dot`` layout for a small view (:func:`to_dot`),
    packed blocks on one page for a view of more than :data:`PACK_LIMIT` units (:func:`packed_dot`,
    which needs Graphviz)."""
    return packed_dot(view) if len(view) > PACK_LIMIT else to_dot(view)


def dot_source(view: nx.DiGraph) -> str:
    """The DOT text ``kg lineage --format dot`` writes: :func:`drawing_dot` (``dot -Tsvg`` on it draws
    what kg draws), or, for a big view when Graphviz is not installed, :func:`to_dot`'s one-strip
    layout (the packed page needs ``dot`` to lay its blocks out; the small views do not)."""
    if len(view) > PACK_LIMIT and not have_dot():
        return to_dot(view)
    return drawing_dot(view)

"""The drawn lineage: DOT text, Graphviz SVG/PNG/PDF, and the HTML page (checked in headless Chromium).

Views are built by hand following the view contract of kg.lineage (a
networkx.DiGraph; see kg/lineage/dot.py). Tests that need Graphviz's dot or
Chromium skip, saying so, when the program is missing (.ci/run installs both).
"""

from __future__ import annotations

import html
import json
import random
import re
import shutil
import struct
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from browser import chromium, console_problems, needs_chromium

from kg.errors import KgError
from kg.lineage.dot import to_dot
from kg.lineage.html import script_json, to_html
from kg.lineage.pack import a3_scale, blocks, drawing_dot, pack_columns
from kg.lineage.render import RendererMissing, RenderError, render, render_bytes, run_dot

DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(DOT is None, reason="Graphviz dot not installed (Debian: apt install graphviz)")

BASE = "https://w3id.org/vnadm/id/unit/hai-phong/"
RES = "1669/NQ-UBTVQH15"
ODD_NAME = 'Quote "<&> \\ b'


# --------------------------------------------------------------------------------------------------
# views


def _unit(g: nx.DiGraph, iri: str, kind: str, type_: str, name: str, cls: str, code: str, province: str,
          district: str, sources: list[str]) -> None:  # fmt: skip
    g.add_node(
        iri, kind=kind, label=f"{type_} {name}", name=name, type=type_, unit_class=cls, code=code,
        province=province, district=district, sources=sorted(sources), iri=iri,
    )  # fmt: skip


def _edge(g: nx.DiGraph, old: str, new: str, share: str, shares: dict[str, str]) -> None:
    g.add_edge(old, new, share=share, sources=sorted(shares), shares=dict(shares), resolutions=[RES])


def small_view() -> nx.DiGraph:
    """phường An Phong and phường Thành Đông, Lê Thiện split between them, one disputed share, one odd name."""
    g = nx.DiGraph(title="Lineage of phường An Phong", resolutions=[RES])
    res, news = "res-1669-hai-phong.md", "news-an-phong.txt"
    _unit(g, BASE + "phuong-an-phong", "new", "phường", "An Phong", "Ward", "11584", "Hải Phòng", "", [news, res])
    _unit(g, BASE + "phuong-thanh-dong", "new", "phường", "Thành Đông", "Ward", "10533", "Hải Phòng", "", [res])
    le_thien = BASE + "former/quan-an-duong/phuong-le-thien"
    dai_ban = BASE + "former/quan-an-duong/phuong-dai-ban"
    odd = BASE + "former/xa-quote"
    _unit(g, le_thien, "old", "phường", "Lê Thiện", "Ward", "11590", "Hải Phòng", "quận An Dương", [news, res])
    _unit(g, dai_ban, "old", "phường", "Đại Bản", "Ward", "", "Hải Phòng", "quận An Dương", [news])
    _unit(g, odd, "old", "xã", ODD_NAME, "Commune", "", "Hải Phòng", "", [res])
    _edge(g, le_thien, BASE + "phuong-an-phong", "part", {news: "part", res: "part"})
    _edge(g, le_thien, BASE + "phuong-thanh-dong", "part", {res: "part"})
    _edge(g, dai_ban, BASE + "phuong-an-phong", "whole", {news: "whole"})
    _edge(g, odd, BASE + "phuong-thanh-dong", "disputed", {news: "whole", res: "part"})
    return g


SYLLABLE_TEXT = (
    "An Bình Cát Dương Đông Hải Hòa Hưng Kiến Lê Lạc Minh Nam Ngô Phong Phú Quang Sơn Tân Thành Thiện Thủy Tiên "
    "Trung Vĩnh Xuân Yên Đằng Lãm Hà Đức Mỹ Nghĩa Lộc Phượng Tường"
)
SYLLABLES = tuple(SYLLABLE_TEXT.split())


def big_view(new_units: int, old_units: int, districts: int, province: str, seed: int = 1) -> nx.DiGraph:
    """A province-wide view: old units in districts, most merged whole, some split, a few disputed."""
    rnd = random.Random(seed)
    g = nx.DiGraph(title=f"Lineage of {province}", resolutions=[RES])
    names: set[str] = set()

    def name() -> str:
        while True:
            text = " ".join(rnd.sample(SYLLABLES, rnd.choice((2, 2, 3))))
            if text not in names:
                names.add(text)
                return text

    district_names = [f"{rnd.choice(('quận', 'huyện', 'thị xã'))} {name()}" for _ in range(districts)]
    src = "res.md"
    news = []
    for i in range(new_units):
        type_, cls = rnd.choice((("phường", "Ward"), ("xã", "Commune")))
        iri = f"{BASE}new-{i}"
        _unit(g, iri, "new", type_, name(), cls, str(10000 + i), province, "", [src])
        news.append(iri)
    olds = []
    for i in range(old_units):
        type_, cls = rnd.choice((("phường", "Ward"), ("xã", "Commune"), ("thị trấn", "Township")))
        iri = f"{BASE}former/old-{i}"
        district = district_names[i * districts // old_units]
        _unit(g, iri, "old", type_, name(), cls, str(20000 + i), province, district, [src])
        olds.append(iri)
    for i, old in enumerate(olds):
        j = i * new_units // old_units
        luck = rnd.random()
        if luck < 0.1 and j + 1 < new_units:
            _edge(g, old, news[j], "part", {src: "part"})
            _edge(g, old, news[j + 1], "part", {src: "part"})
        elif luck < 0.13:
            _edge(g, old, news[j], "disputed", {"a.txt": "part", src: "whole"})
        else:
            _edge(g, old, news[j], "whole", {src: "whole"})
    for new in news:
        if not g.in_degree(new):
            _edge(g, olds[rnd.randrange(old_units)], new, "part", {src: "part"})
    return g


def hai_phong_view() -> nx.DiGraph:
    return big_view(114, 200, 15, "Hải Phòng")


def ha_noi_view() -> nx.DiGraph:
    return big_view(126, 580, 30, "Hà Nội", seed=2)


# --------------------------------------------------------------------------------------------------
# PNG reading (standard library)


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the pixel rows (unfiltered bytes) of an 8-bit, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0, header
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, [bytes([bpp]) + row for row in rows]


def distinct_colours(rows: list[bytes]) -> int:
    bpp = rows[0][0]
    colours = set()
    for row in rows[:: max(1, len(rows) // 200)]:
        body = row[1:]
        for x in range(0, len(body), bpp * 3):
            colours.add(body[x : x + bpp])
    return len(colours)


# --------------------------------------------------------------------------------------------------
# DOT text


def test_dot_text_structure():
    text = to_dot(small_view())
    assert text.startswith("digraph lineage {") and text.endswith("}\n")
    assert 'rankdir="LR"' in text and 'newrank="true"' in text
    assert 'fontname="DejaVu Sans"' in text
    assert "subgraph cluster_old_0" in text and "subgraph cluster_new_0" in text
    assert 'label="quận An Dương"' in text and 'label="district unknown"' in text and 'label="Hải Phòng"' in text
    assert "Lineage of phường An Phong" in text and RES in text  # the title, with the resolution
    assert 'style="solid"' in text and 'style="dashed"' in text and 'style="dotted"' in text
    # the legend, in the graph label: both node styles, the three edge styles
    for words in ("old unit (before 1 Jul 2025)", "new unit (from 1 Jul 2025)", "whole unit merged in",
                  "part of the unit", "share disputed by sources"):  # fmt: skip
        assert words in text, words
    assert 'SIDES="B" STYLE="dashed"' in text and 'SIDES="B" STYLE="dotted"' in text
    assert "phường Thành Đông" in text  # UTF-8, diacritics kept
    assert 'URL="' + BASE + 'phuong-an-phong"' in text
    assert "official code: 11584" in text and "sources: news-an-phong.txt, res-1669-hai-phong.md" in text
    # quotes and backslashes escaped
    assert 'label="xã Quote \\"<&> \\\\ b"' in text


def test_dot_is_deterministic():
    assert to_dot(small_view()) == to_dot(small_view())
    assert to_dot(hai_phong_view()) == to_dot(hai_phong_view())


@needs_dot
def test_dot_parses_with_graphviz():
    canon = run_dot_canon(to_dot(small_view()))
    assert "cluster_old_0" in canon and "cluster_new_0" in canon and "share disputed by sources" in canon
    assert "phường Lê Thiện" in canon and ODD_NAME.replace("\\", "\\\\").replace('"', '\\"') in canon
    assert len(re.findall(r"\S -> \S", canon)) == 4
    big = run_dot_canon(to_dot(ha_noi_view()))
    assert big.count("subgraph cluster_old_") == 30


def run_dot_canon(text: str) -> str:
    done = subprocess.run([DOT, "-Tcanon"], input=text.encode(), capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert b"Warning" not in done.stderr and b"Error" not in done.stderr, done.stderr.decode()
    return done.stdout.decode("utf-8")


# --------------------------------------------------------------------------------------------------
# drawings


@needs_dot
def test_svg_has_the_names_and_the_iris():
    svg = render_bytes(small_view(), "svg").decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for name in ("phường Thành Đông", "phường An Phong", "phường Lê Thiện", "quận An Dương", "part of the unit"):
        assert f">{name}</text>" in svg, name
    assert "xã Quote &quot;&lt;&amp;&gt; \\ b" in svg  # escaped once, as XML
    assert f"<title>{BASE}phuong-an-phong</title>" in html.unescape(svg)  # Graphviz writes - as &#45;
    assert 'stroke-dasharray="5,2"' in svg  # a dashed edge


@needs_dot
def test_png_is_a_real_picture(tmp_path):
    path = tmp_path / "lineage.png"
    render(small_view(), "png", path)
    width, height, rows = read_png(path.read_bytes())
    assert 300 <= width <= 3000 and 200 <= height <= 3000, (width, height)
    assert distinct_colours(rows) > 50
    assert [p.name for p in tmp_path.iterdir()] == ["lineage.png"]  # no temporary file left


@needs_dot
def test_pdf(tmp_path):
    path = tmp_path / "lineage.pdf"
    render(small_view(), "pdf", path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-64:]


# --------------------------------------------------------------------------------------------------
# big views: packed blocks on one page (kg.lineage.pack)

SVG = "{http://www.w3.org/2000/svg}"
#: DejaVu Sans advance widths in ems (its hmtx table, rounded): the narrow and the wide characters;
#: other lower-case letters 0.63, capitals 0.72, digits 0.64. Accented letters are as wide as their base.
EM = {" ": 0.32, "i": 0.28, "l": 0.28, "j": 0.28, "I": 0.3, "f": 0.36, "t": 0.4, "r": 0.42, "(": 0.4, ")": 0.4,
      ".": 0.32, ",": 0.32, ":": 0.34, "-": 0.37, "s": 0.53, "c": 0.55, "z": 0.53, "m": 0.98, "w": 0.82,
      "M": 0.87, "W": 1.0, "→": 0.84, "–": 0.5}  # fmt: skip
#: Estimates run this much wider than the real text, so a text box never comes out too small.
WIDTH_MARGIN = 1.06


def text_width(text: str, size: float) -> float:
    """The width (points) of ``text`` set in DejaVu Sans at ``size`` points, estimated generously."""
    ems = 0.0
    for char in text:
        base = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))[0]
        ems += EM.get(base, 0.72 if base.isupper() else 0.64 if base.isdigit() else 0.63)
    return ems * size * WIDTH_MARGIN


@dataclass
class Drawn:
    """What an SVG of Graphviz's shows: page size (pt), unit boxes, free texts, edges, fonts."""

    width: float
    height: float
    units: list[tuple[str, tuple[float, float, float, float]]] = field(default_factory=list)  # title, box
    texts: list[tuple[str, float, tuple[float, float, float, float]]] = field(default_factory=list)  # not in a unit
    sizes: list[float] = field(default_factory=list)  # every text's point size
    edges: list[tuple[str, str, str, str]] = field(default_factory=list)  # title, class, stroke, dasharray
    fonts: set[str] = field(default_factory=set)


def _points(element: ET.Element) -> list[tuple[float, float]]:
    text = element.get("points") or element.get("d") or ""
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", text)]


def _text_box(element: ET.Element) -> tuple[float, float, float, float]:
    """The box a text takes: its width estimated from its length (generously), its anchor and size."""
    size = float(element.get("font-size"))
    width = text_width(element.text or "", size)
    x, y = float(element.get("x")), float(element.get("y"))
    left = {"start": x, "middle": x - width / 2, "end": x - width}[element.get("text-anchor", "start")]
    return (left, y - 0.8 * size, left + width, y + 0.2 * size)


def read_svg(svg: bytes) -> Drawn:
    root = ET.fromstring(svg)
    width, height = (float(root.get(key).removesuffix("pt")) for key in ("width", "height"))
    drawn = Drawn(width, height)
    graph = root.find(f"{SVG}g")
    tx, ty = (float(v) for v in re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", graph.get("transform")).groups())
    for element in root.iter(f"{SVG}text"):
        drawn.fonts.add(element.get("font-family"))
        drawn.sizes.append(float(element.get("font-size")))
    for group in graph.iter(f"{SVG}g"):
        kind = group.get("class", "")
        title = group.findtext(f"{SVG}title", "")
        if kind.startswith("node"):
            shape = next(e for e in group.iter() if e.tag in (f"{SVG}polygon", f"{SVG}path"))
            xs, ys = zip(*_points(shape), strict=True)
            drawn.units.append((title, (min(xs) + tx, min(ys) + ty, max(xs) + tx, max(ys) + ty)))
        elif kind.startswith("edge"):
            path = group.find(f".//{SVG}path")
            drawn.edges.append((title, kind, path.get("stroke"), path.get("stroke-dasharray") or ""))
    in_units = {id(t) for g in graph.iter(f"{SVG}g") if g.get("class", "").startswith("node") for t in g.iter()}
    for element in graph.iter(f"{SVG}text"):
        if id(element) not in in_units:
            x0, y0, x1, y1 = _text_box(element)
            box = (x0 + tx, y0 + ty, x1 + tx, y1 + ty)
            drawn.texts.append((element.text or "", float(element.get("font-size")), box))
    return drawn


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float], slack: float = 0.5) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def overlaps(boxes: list[tuple[str, tuple[float, float, float, float]]]) -> list[tuple[str, str]]:
    """The pairs of named boxes that overlap (a sweep from left to right)."""
    found, active = [], []
    for name, box in sorted(boxes, key=lambda item: item[1][0]):
        active = [(n, b) for n, b in active if b[2] > box[0]]
        found.extend((n, name) for n, b in active if _overlap(b, box))
        active.append((name, box))
    return found


def unit_of(title: str) -> str:
    """A node's unit: its SVG title without the copy number ("IRI #2" is a second drawing of IRI)."""
    return title.split(" #")[0]


def check_page(view: nx.DiGraph, svg: bytes) -> Drawn:
    """The checks every drawn page passes: one page of an A-like aspect, every unit and edge drawn,
    no label overlapping another or a unit, the legend and title there, all in DejaVu Sans."""
    drawn = read_svg(svg)
    assert 0.5 <= drawn.width / drawn.height <= 2, (drawn.width, drawn.height)
    assert {unit_of(title) for title, _ in drawn.units} == set(view)
    page = (0.0, 0.0, drawn.width, drawn.height)
    for name, box in drawn.units + [(text, box) for text, _, box in drawn.texts]:
        assert box[0] >= -1 and box[1] >= -1 and box[2] <= page[2] + 1 and box[3] <= page[3] + 1, (name, box)
    assert not overlaps(drawn.units), overlaps(drawn.units)[:5]
    everything = drawn.units + [(f"text {text!r}", box) for text, _, box in drawn.texts]
    assert not overlaps(everything), overlaps(everything)[:5]
    # every edge once, in the style of its share
    shares = {(a, b): d["share"] for a, b, d in view.edges(data=True)}
    drawn_edges = {}
    for title, kind, stroke, dash in drawn.edges:
        old, new = (unit_of(end) for end in html.unescape(title).split("->"))
        assert (old, new) not in drawn_edges, (old, new)
        drawn_edges[(old, new)] = (kind, stroke, dash)
    assert set(drawn_edges) == set(shares)
    style = {"whole": ("#333333", ""), "part": ("#4a6fa5", "5,2"), "disputed": ("#c62828", "1,5")}
    for edge, (kind, stroke, dash) in drawn_edges.items():
        assert kind == f"edge share-{shares[edge]}", (edge, kind)
        assert (stroke, dash) == style[shares[edge]], (edge, stroke, dash)
    texts = {text for text, _, _ in drawn.texts}
    assert str(view.graph["title"]) in texts
    assert {"old unit (before 1 Jul 2025)", "whole unit merged in", "part of the unit"} <= texts
    assert drawn.fonts == {"DejaVu Sans"}
    return drawn


def printed_size(drawn: Drawn, sheet: tuple[float, float]) -> float:
    """The smallest text's point size once the page is fitted to ``sheet`` (points), either way round."""
    short, long = sheet
    scale = max(min(short / drawn.width, long / drawn.height), min(long / drawn.width, short / drawn.height))
    return min(drawn.sizes) * scale


@needs_dot
@pytest.mark.parametrize(("view", "units"), [(hai_phong_view, 314), (ha_noi_view, 706)])
def test_big_synthetic_views_are_one_page(view, units):
    the_view = view()
    svg = render_bytes(the_view, "svg")
    drawn = check_page(the_view, svg)
    assert len({unit_of(title) for title, _ in drawn.units}) == units
    assert any(kind == "edge share-disputed" for _, kind, _, _ in drawn.edges)
    assert 'layout="nop2"' in drawing_dot(the_view)


def chain_view(count: int = 60) -> nx.DiGraph:
    """One connected part too tall for a column: old unit i split between new units i and i+1."""
    g = nx.DiGraph(title="A chain", resolutions=[RES])
    for i in range(count):
        _unit(g, f"{BASE}new-{i:03}", "new", "phường", f"Mới {i:03}", "Ward", "", "Hà Nội", "", ["r.md"])
    for i in range(count):
        old = f"{BASE}former/old-{i:03}"
        _unit(g, old, "old", "phường", f"Cũ {i:03}", "Ward", "", "Hà Nội", f"quận {i // 12}", ["r.md"])
        for j in (i, i + 1):
            if j < count:
                _edge(g, old, f"{BASE}new-{j:03}", "part", {"r.md": "part"})
        for j in range(3):  # a few more predecessors merged whole, so the part is tall
            whole = f"{BASE}former/whole-{i:03}-{j}"
            _unit(g, whole, "old", "xã", f"Cả {i:03} {j}", "Commune", "", "Hà Nội", f"quận {i // 12}", ["r.md"])
            _edge(g, whole, f"{BASE}new-{i:03}", "whole", {"r.md": "whole"})
    return g


def test_a_part_too_tall_is_cut_and_shared_units_drawn_in_each_block():
    view = chain_view()
    parts = blocks(view)
    assert len(parts) > 1  # one connected part, cut into several blocks
    edges = [(unit_of(a), unit_of(b)) for part in parts for a, b in part.view.edges]
    assert sorted(edges) == sorted(view.edges)  # every edge in exactly one block
    copies = [node for part in parts for node in part.view if " #" in node]
    assert copies and len(copies) < len(parts)  # a cut shares an old unit or two, not more
    for part in parts:
        for node, data in part.view.nodes(data=True):
            drawn = sum(unit_of(n) == unit_of(node) for p in parts for n in p.view)
            assert data.get("drawn", 1) == drawn
            assert data["iri"] == unit_of(node)
    # the copies have dashed outlines; the legend explains them
    text = drawing_dot(view) if DOT else ""
    if DOT:
        assert 'style="rounded,filled,dashed"' in text and "split between blocks, drawn in each" in text


@needs_dot
def test_a_cut_part_draws_on_one_page():
    view = chain_view()
    drawn = check_page(view, render_bytes(view, "svg"))
    assert len(drawn.units) > len(view)  # the shared units twice


@needs_dot
def test_the_page_check_sees_an_overlap():
    """check_page's overlap test can fail: two units moved onto each other are caught."""
    text = drawing_dot(hai_phong_view())
    positions = re.findall(r'pos="([-\d.]+,[-\d.]+)", width=', text)
    moved = text.replace(f'pos="{positions[1]}", width=', f'pos="{positions[0]}", width=', 1)
    drawn = read_svg(run_dot(moved, "svg"))
    assert overlaps(drawn.units)


#: The smallest label, in points, once a whole province's page is printed on an A3 / A2 sheet.
A3_SHEET, A2_SHEET = (842.0, 1191.0), (1191.0, 1684.0)
SMALLEST_LABEL = {"Hải Phòng": (5.0, 7.0), "Hà Nội": (4.2, 6.0)}


@pytest.fixture(scope="module", params=sorted(SMALLEST_LABEL))
def province_graph(request, tmp_path_factory) -> tuple[str, Path]:
    """A province's lineage from the official register (no documents), written to a file."""
    import kg

    province = request.param
    built = kg.build([], reference=(province,), validate=False)
    path = tmp_path_factory.mktemp("province") / "graph.ttl"
    kg.write_graph(built.graph, path)
    return province, path


@needs_dot
def test_a_whole_province_on_one_readable_page(province_graph, tmp_path):
    import kg
    from kg.lineage import lineage_view

    province, path = province_graph
    view = lineage_view(kg.read_graph(path), province=province)
    news = sum(1 for _, d in view.nodes(data=True) if d["kind"] == "new")
    assert news >= 110 and len(view) - news >= 300  # 114 / 375 in Hải Phòng, 126 / 526 in Hà Nội
    svg = render_bytes(view, "svg")
    drawn = check_page(view, svg)
    a3, a2 = SMALLEST_LABEL[province]
    assert min(drawn.sizes) >= 12  # unit labels 12 pt, headings and legend 13 pt, the title larger
    assert printed_size(drawn, A3_SHEET) >= a3, printed_size(drawn, A3_SHEET)
    assert printed_size(drawn, A2_SHEET) >= a2, printed_size(drawn, A2_SHEET)
    assert render_bytes(view, "svg") == svg  # deterministic
    # PNG and PDF: one picture, one page, of the same shape
    png = render_bytes(view, "png")
    width, height = struct.unpack(">II", png[16:24])
    assert width / height == pytest.approx(drawn.width / drawn.height, rel=0.01)
    pdf = render_bytes(view, "pdf")
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


@needs_dot
def test_cli_dot_of_a_province_draws_what_kg_draws(province_graph, tmp_path):
    from cli_runner import runner

    from kg.cli import main

    province, path = province_graph
    for fmt in ("dot", "svg"):
        result = runner().invoke(
            main, ["lineage", "--province", province, "--data", str(path), "-o", str(tmp_path / f"p.{fmt}")]
        )
        assert result.exit_code == 0, result.stderr
    source = (tmp_path / "p.dot").read_text("utf-8")
    assert 'layout="nop2"' in source
    assert run_dot(source, "svg") == (tmp_path / "p.svg").read_bytes()


def test_cli_dot_of_a_big_view_without_graphviz(monkeypatch, tmp_path):
    """Without Graphviz, --format dot still works: a big view's one-strip layout for dot."""
    from kg.lineage.pack import dot_source

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("KG_DOT", raising=False)
    text = dot_source(hai_phong_view())
    assert text == to_dot(hai_phong_view()) and 'rankdir="LR"' in text and "nop2" not in text
    assert dot_source(small_view()) == to_dot(small_view())


@needs_dot
def test_resolution_1669_on_one_page(shared_corpus):
    import kg
    from kg.lineage import lineage_view

    built = kg.build([shared_corpus / "res-1669-hai-phong.md", shared_corpus / "news-an-phong.txt"], validate=False)
    view = lineage_view(built.graph, resolution="1669")
    drawn = check_page(view, render_bytes(view, "svg"))
    assert "Resolution 1669/NQ-UBTVQH15" in {text for text, _, _ in drawn.texts}
    assert sum(kind == "edge share-disputed" for _, kind, _, _ in drawn.edges) == 1  # Lê Thiện, dotted red
    assert printed_size(drawn, A3_SHEET) >= 5.0


def test_pack_columns_keeps_the_order_and_an_a_sheet_aspect():
    rnd = random.Random(3)
    sizes = [(rnd.uniform(200, 320), rnd.uniform(60, 700)) for _ in range(70)]
    page = pack_columns(sizes, (500.0, 120.0))
    assert [i for column in page.columns for i in column] == list(range(70))
    assert 1 / 1.6 <= page.width / page.height <= 1.6, (page.width, page.height)
    for column, left, drop in zip(page.columns, page.lefts, page.drops, strict=True):
        assert drop == (138.0 if left < 520 else 0.0)  # under the title, or beside it at the top
        assert drop + sum(sizes[i][1] for i in column) <= page.height
    assert pack_columns([(300.0, 200.0)]).columns == [[0]]
    assert a3_scale(842, 1191) == pytest.approx(1.0) and a3_scale(1191, 842) == pytest.approx(1.0)


def test_renderer_missing_names_the_package(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("KG_DOT", raising=False)
    with pytest.raises(RendererMissing) as caught:
        render_bytes(small_view(), "svg")
    err = caught.value
    assert isinstance(err, KgError) and err.exit_code == 3
    assert "apt install graphviz" in str(err) and "mermaid" in str(err) and "\n" not in str(err)
    target = tmp_path / "x.svg"
    with pytest.raises(RendererMissing):
        render(small_view(), "svg", target)
    assert not target.exists()


@needs_dot
def test_graphviz_failure_is_one_clear_line():
    with pytest.raises(RenderError) as caught:
        run_dot("digraph { a -> }", "svg")
    message = str(caught.value)
    assert message.startswith("Graphviz dot failed to draw the lineage as svg: ") and "\n" not in message


def test_unknown_format_is_a_usage_error():
    with pytest.raises(KgError) as caught:
        render_bytes(small_view(), "gif")
    assert caught.value.exit_code == 2


# --------------------------------------------------------------------------------------------------
# HTML


def page_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="lineage-data">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


@pytest.mark.parametrize("graphviz", [False, pytest.param(True, marks=needs_dot)])
def test_html_is_self_contained_and_escaped(graphviz):
    page = to_html(small_view(), graphviz=graphviz)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    # nothing fetched from elsewhere
    assert "<link" not in page and not re.search(r"\ssrc=", page) and "@import" not in page
    assert not re.search(r"url\((?!#)", page)
    data = page_data(page)
    assert data["renderer"] == ("graphviz" if graphviz else "built-in")
    assert data["units"][BASE + "phuong-thanh-dong"]["label"] == "phường Thành Đông"
    assert {e["share"] for e in data["edges"]} == {"whole", "part", "disputed"}
    assert ODD_NAME not in page  # never raw: escaped in the drawing and in the JSON
    assert "xã Quote &quot;&lt;&amp;&gt; \\ b" in page  # escaped in the drawing
    assert page.count("<script") == 2


def test_script_json_cannot_close_the_script():
    text = script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


@needs_chromium
@pytest.mark.parametrize(
    ("graphviz", "view"),
    [
        (False, small_view),
        pytest.param(True, small_view, marks=needs_dot),
        pytest.param(True, hai_phong_view, marks=needs_dot),
        pytest.param(True, chain_view, marks=needs_dot),
    ],
)
def test_html_in_headless_chromium(tmp_path, graphviz, view):
    page = tmp_path / "lineage.html"
    the_view = view()
    page.write_text(to_html(the_view, graphviz=graphviz), encoding="utf-8")

    # the DOM once the script ran, with a search from the address (no diacritics typed)
    done = chromium(page.as_uri() + "#search=thanh%20dong", tmp_path / "profile", "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert not console_problems(done.stderr), console_problems(done.stderr)
    dom = done.stdout
    assert f'data-lineage-ready="{len(the_view)}"' in dom  # every unit found in the drawing
    for node in list(the_view.nodes)[:20]:
        assert f'data-iri="{node}"' in dom
    assert 'id="search-results"' in dom
    if view is small_view:
        assert re.search(r'class="node unit new hit"[^>]*data-iri="' + re.escape(BASE + "phuong-thanh-dong"), dom)
        assert "phường Thành Đông" in dom
    if view is chain_view:  # a unit drawn in two blocks: both drawings found, both highlighted by a search
        old = next(unit_of(node) for part in blocks(the_view) for node in part.view if " #" in node)
        name = the_view.nodes[old]["name"]  # "Cũ 012", searched for as "cu 012"
        done = chromium(page.as_uri() + "#search=cu%20" + name.split()[-1], tmp_path / "profile", "--dump-dom")
        assert done.stdout.count(f'data-iri="{old}"') == 2
        assert len(re.findall(r'class="node unit old hit"[^>]*data-iri="' + re.escape(old) + '"', done.stdout)) == 2

    # a unit opened from the address: its facts and edges in the side panel
    profile = tmp_path / "profile"
    done = chromium(page.as_uri() + "#unit=" + BASE + "former/quan-an-duong/phuong-le-thien", profile, "--dump-dom")
    if view is small_view:
        assert not console_problems(done.stderr), console_problems(done.stderr)
        panel = done.stdout[done.stdout.index('<aside id="panel"') :]
        assert "<h2>phường Lê Thiện</h2>" in panel and "Went to (2)" in panel
        assert "11590" in panel and "quận An Dương" in panel and "res-1669-hai-phong.md: part" in panel

    # the screenshot shows a drawing
    shot = tmp_path / "shot.png"
    done = chromium(page.as_uri(), tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,800")
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    assert not console_problems(done.stderr), console_problems(done.stderr)
    width, height, rows = read_png(shot.read_bytes())
    assert (width, height) == (1200, 800)
    assert distinct_colours(rows) > 30

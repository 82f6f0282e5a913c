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
import zlib
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import KgError
from kg.lineage.dot import to_dot
from kg.lineage.html import script_json, to_html
from kg.lineage.render import RendererMissing, RenderError, render, render_bytes, run_dot

DOT = shutil.which("dot")
CHROMIUM = "/usr/bin/chromium"
needs_dot = pytest.mark.skipif(DOT is None, reason="Graphviz dot not installed (Debian: apt install graphviz)")
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed (Debian: apt install chromium)"
)

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


@needs_dot
def test_province_wide_views_render_to_sensible_svg():
    for view, expected_labels in ((hai_phong_view(), 314), (ha_noi_view(), 706)):
        svg = render_bytes(view, "svg").decode("utf-8")
        width, height = (float(v) for v in re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
        assert width < 1200, width  # two columns, not a sprawl
        assert height < 40 * expected_labels, height  # about one row per old unit
        assert svg.count('class="node unit') == expected_labels


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


def chromium(url: str, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, url,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, timeout=120, check=False, text=True)


def console_problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@needs_chromium
@pytest.mark.parametrize(
    ("graphviz", "view"),
    [
        (False, small_view),
        pytest.param(True, small_view, marks=needs_dot),
        pytest.param(True, hai_phong_view, marks=needs_dot),
    ],
)
def test_html_in_headless_chromium(tmp_path, graphviz, view):
    page = tmp_path / "lineage.html"
    the_view = view()
    page.write_text(to_html(the_view, graphviz=graphviz), encoding="utf-8")

    # the DOM once the script ran, with a search from the address (no diacritics typed)
    done = chromium(page.as_uri() + "#search=thanh%20dong", tmp_path, "--dump-dom")
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

    # a unit opened from the address: its facts and edges in the side panel
    done = chromium(page.as_uri() + "#unit=" + BASE + "former/quan-an-duong/phuong-le-thien", tmp_path, "--dump-dom")
    if view is small_view:
        assert not console_problems(done.stderr), console_problems(done.stderr)
        panel = done.stdout[done.stdout.index('<aside id="panel"') :]
        assert "<h2>phường Lê Thiện</h2>" in panel and "Went to (2)" in panel
        assert "11590" in panel and "quận An Dương" in panel and "res-1669-hai-phong.md: part" in panel

    # the screenshot shows a drawing
    shot = tmp_path / "shot.png"
    done = chromium(page.as_uri(), tmp_path, f"--screenshot={shot}", "--window-size=1200,800")
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    assert not console_problems(done.stderr), console_problems(done.stderr)
    width, height, rows = read_png(shot.read_bytes())
    assert (width, height) == (1200, 800)
    assert distinct_colours(rows) > 30

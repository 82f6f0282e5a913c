"""Benchmark ``kg lineage`` on whole provinces: time to select the view and to draw it.

    python benchmarks/lineage_bench.py GRAPH.ttl "Hải Phòng" "Hà Nội"   # SVG and PNG of each province
    python benchmarks/lineage_bench.py --corpus ../shared/corpus         # build the shared corpus first

Prints, per province, the view's size and the seconds to read the graph (once),
build the lineage table (once), select the view, and render SVG, PNG and HTML
(each drawing lays the page out afresh), the page's size in points and pixels
(PNG), its aspect and the size the unit labels print at on an A3 and an A2
sheet, with a verdict against the issue's target (a province-wide drawing in
under 10 s on the 2-core machine). A benchmark, not a test: it always exits 0
unless something fails to run.
"""

from __future__ import annotations

import argparse
import re
import struct
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 10.0
#: The point size of a unit's label on a packed page (kg.lineage.pack.BLOCK_NODE).
LABEL_POINTS = 12.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path, help="a graph kg built (Turtle)")
    parser.add_argument("provinces", nargs="*", default=["Hải Phòng", "Hà Nội"])
    parser.add_argument("--corpus", type=Path, help="build this folder of documents first (instead of GRAPH)")
    args = parser.parse_args()
    if args.corpus and args.graph:  # with --corpus, the first positional is a province
        args.provinces = [str(args.graph), *args.provinces]

    import kg
    from kg.lineage import Lineage, lineage_view
    from kg.lineage.html import to_html
    from kg.lineage.pack import A3, a3_scale
    from kg.lineage.render import render_bytes
    from kg.validate import read_graph

    start = time.perf_counter()
    if args.corpus:
        graph = kg.build([args.corpus], validate=False).graph
        what = f"built {args.corpus}"
    elif args.graph:
        graph = read_graph(args.graph)
        what = f"read {args.graph}"
    else:
        parser.error("give GRAPH or --corpus DIR")
    print(f"{what}: {len(graph):,} triples in {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    lineage = Lineage(graph)
    print(f"lineage table: {time.perf_counter() - start:.2f} s")
    for province in args.provinces:
        start = time.perf_counter()
        view = lineage_view(lineage, province=province)
        times = {"select": time.perf_counter() - start}
        drawings = {}
        for fmt in ("svg", "png"):
            start = time.perf_counter()
            drawings[fmt] = render_bytes(view, fmt)
            times[fmt] = time.perf_counter() - start
        start = time.perf_counter()
        html = to_html(view)
        times["html"] = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "x.html").write_text(html, encoding="utf-8")
        old = sum(1 for _, d in view.nodes(data=True) if d["kind"] == "old")
        new = view.number_of_nodes() - old
        drawing = times["select"] + max(times["svg"], times["png"], times["html"])
        verdict = "MET" if drawing < TARGET_SECONDS else "MISSED"
        size = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', drawings["svg"])
        width, height = (float(v) for v in size.groups()) if size else (0.0, 0.0)
        pixels = struct.unpack(">II", drawings["png"][16:24])
        scale = a3_scale(width, height) if width and height else 0.0
        print(
            f"{province}: {new} new, {old} old units, {view.number_of_edges()} edges; "
            + ", ".join(f"{k} {v:.2f} s" for k, v in times.items())
            + f"; page {width:.0f} × {height:.0f} pt"
            f" (PNG {pixels[0]} × {pixels[1]} px, {len(drawings['png']):,} bytes),"
            f" aspect {max(width, height) / max(min(width, height), 1):.2f}, unit labels"
            f" {LABEL_POINTS * scale:.1f} pt on A3 ({A3[0]:.0f} × {A3[1]:.0f} pt),"
            f" {LABEL_POINTS * scale * 2**0.5:.1f} pt on A2; VERDICT {verdict} (< {TARGET_SECONDS:.0f} s per drawing)"
        )


if __name__ == "__main__":
    main()

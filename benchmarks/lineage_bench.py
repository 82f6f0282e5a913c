"""Benchmark ``kg lineage`` on whole provinces: time to select the view and to draw it.

    python benchmarks/lineage_bench.py GRAPH.ttl "Hải Phòng" "Hà Nội"   # SVG and PNG of each province
    python benchmarks/lineage_bench.py --corpus ../shared/corpus         # build the shared corpus first

Prints, per province, the view's size and the seconds to read the graph (once),
build the lineage table (once), select the view, and render SVG, PNG and HTML,
with a verdict against the issue's target (a province-wide drawing in under
10 s on the 2-core machine). A benchmark, not a test: it always exits 0 unless
something fails to run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 10.0


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
        for fmt in ("svg", "png"):
            start = time.perf_counter()
            size = len(render_bytes(view, fmt))
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
        print(f"{province}: {new} new, {old} old units, {view.number_of_edges()} edges; "
              + ", ".join(f"{k} {v:.2f} s" for k, v in times.items())
              + f" (PNG {size:,} bytes); VERDICT {verdict} (< {TARGET_SECONDS:.0f} s per drawing)")


if __name__ == "__main__":
    main()

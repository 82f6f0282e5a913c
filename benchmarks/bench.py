"""Benchmark ``kg build`` on N synthetic articles: throughput, time per stage, peak memory.

    python benchmarks/bench.py 1000                      # build + validate + write Turtle, in-process
    python benchmarks/bench.py 1000 --keep /tmp/a1000    # generate once into /tmp/a1000, reuse it next time
    python benchmarks/bench.py 1000 --keep /tmp/a1000 --repeat 3   # median of 3 runs, each a fresh process
    python benchmarks/bench.py 1000 --no-validate --format nt
    python benchmarks/bench.py 1000 --cli                # time `python -m kg build DIR --output out.ttl`
    python benchmarks/bench.py 200 --profile             # cProfile each stage, print the top functions

The articles come from ``benchmarks/generate.py`` (real unit names, invented
sentences). In-process mode calls the library as a user would: ``kg.build(...)``
then ``kg.write_graph(...)``; the wall seconds per stage are the ones
``kg.build`` reports (``BuildResult.stats.seconds``) plus the write, and the
CPU seconds per stage (user + system, this process and the workers it waited
for) are taken at the stage changes ``kg.build`` reports to its progress
callback. On a machine shared with other jobs CPU time is the better guide to
what an idle machine would take. Peak memory is
``getrusage(RUSAGE_SELF).ru_maxrss``: the peak resident set of this whole
process (the interpreter, the libraries and, when the articles were generated
in this run, the generator; the RSS before the build is printed for
comparison); a worker process the build runs is reported apart. ``--cli`` runs
the command in a child process and reports the child's peak
(``RUSAGE_CHILDREN``) and its own stage times (from its ``-v`` log).

This is a benchmark, not a test: it prints figures and a verdict against the
targets (1,000 articles in < 30 s and < 1 GB; 10,000 in < 300 s) and always
exits 0 unless something fails to run.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import platform
import pstats
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # benchmark the checkout's kg, installed or not
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

#: N -> (seconds, peak bytes or None): the targets of the issue
TARGETS: dict[int, tuple[float, float | None]] = {1_000: (30.0, 1e9), 10_000: (300.0, None)}
STAGES = ("read", "extract", "map", "validate", "write")
META = ".bench-meta.json"


# ----------------------------------------------------------------------------- inputs


def prepare(n: int, folder: Path, *, seed: int, fmt: str) -> tuple[Path, str]:
    """Articles in ``folder`` (generated unless a previous run left the same ones); the input path and a note."""
    meta = {"n": n, "seed": seed, "format": fmt, "generator": _generator_stamp()}
    marker = folder / META
    target = folder / "articles.jsonl" if fmt == "jsonl" else folder / "articles"
    try:
        if json.loads(marker.read_text("utf-8")) == meta and target.exists():
            return target, f"reusing {n} articles in {folder}"
    except (OSError, ValueError):
        pass
    if target.exists() and fmt == "txt":
        for old in target.glob("article-*.txt"):
            old.unlink()
    start = time.perf_counter()
    note = generate.write(n, target if fmt == "txt" else folder, seed=seed, fmt=fmt)
    marker.write_text(json.dumps(meta), "utf-8")
    return target, f"{note} in {time.perf_counter() - start:.1f} s"


def _generator_stamp() -> str:
    stat = Path(generate.__file__).stat()
    return f"{stat.st_size}-{int(stat.st_mtime)}"


# ----------------------------------------------------------------------------- measuring


def peak_rss_bytes(who: int = resource.RUSAGE_SELF) -> int:
    """Peak resident set size (ru_maxrss is in KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def cpu_seconds(who: int | None = None) -> float:
    """User + system CPU time of this process and its finished children (default), or of ``who``.

    Less sensitive than wall time to other processes on a shared machine; a build that runs
    worker processes adds their time (hence CPU time can exceed wall time)."""
    whom = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) if who is None else (who,)
    return sum(resource.getrusage(w).ru_utime + resource.getrusage(w).ru_stime for w in whom)


def current_rss_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 1e6:,.0f} MB"


class StageClock:
    """A progress callback for ``kg.build`` that notes the CPU time at each change of stage."""

    def __init__(self) -> None:
        self.stage: str | None = None
        self.marks: list[tuple[str, float]] = []

    def __call__(self, event) -> None:
        if event.stage != self.stage:
            self.stage = event.stage
            self.marks.append((event.stage, cpu_seconds()))

    def cpu(self, end: float) -> dict[str, float]:
        """CPU seconds per stage, the last one ending at ``end``."""
        ends = [t for _, t in self.marks[1:]] + [end]
        return {stage: stop - begin for (stage, begin), stop in zip(self.marks, ends, strict=True)}


def run_inprocess(source: Path, out: Path, *, validate: bool, fmt: str | None) -> dict:
    import kg

    rss_before = current_rss_bytes()
    peak_before = peak_rss_bytes()
    children_before = peak_rss_bytes(resource.RUSAGE_CHILDREN)
    clock = StageClock()
    cpu_before = cpu_seconds()
    start = time.perf_counter()
    result = kg.build([source], validate=validate, progress=clock)
    built = time.perf_counter()
    cpu_built = cpu_seconds()
    kg.write_graph(result.graph, out, fmt)
    end = time.perf_counter()
    seconds = dict(result.stats.seconds)
    seconds["write"] = end - built
    cpu = clock.cpu(cpu_built)  # the build's last stage runs on to the end of kg.build (counting included)
    cpu["write"] = cpu_seconds() - cpu_built
    return {
        "documents": result.stats.documents,
        "skipped": len(result.skipped),
        "failed": len(result.failed),
        "triples": result.stats.triples,
        "conforms": result.conforms,
        "violations": None if result.validation is None else len(result.validation.violations),
        "seconds": seconds,
        "wall": end - start,
        "cpu": cpu_seconds() - cpu_before,
        "cpu_seconds": cpu,
        "problems": None if result.conforms in (None, True) else kg.format_problems(result.validation, limit=5),
        "rss_before": rss_before,
        "peak_before": peak_before,
        "peak": peak_rss_bytes(),
        # a worker process the build ran (not git's, run earlier), if any raised the children's peak
        "children_peak": peak_rss_bytes(resource.RUSAGE_CHILDREN) if peak_rss_bytes(resource.RUSAGE_CHILDREN)
        > children_before else None,
        "output_bytes": out.stat().st_size,
        "stats": result.stats,
    }


_SUMMARY = ("Documents:", "Error:", "The graph ", "Violation:", "Skipped ")
_BUILT = re.compile(r"built (\d+) triples in [\d.]+ s \((.*)\)")


def run_cli(source: Path, out: Path, *, validate: bool, fmt: str | None) -> dict:
    """Time ``python -m kg -v build SOURCE --output OUT`` as a child process."""
    command = [sys.executable, "-m", "kg", "-v", "build", str(source), "--output", str(out)]
    if fmt:
        command += ["--format", fmt]
    if not validate:
        command.append("--no-validate")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    cpu_before = cpu_seconds(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - cpu_before
    seconds: dict[str, float] = {}
    triples = None
    found = _BUILT.search(proc.stderr)
    if found:
        triples = int(found[1])
        for part in found[2].split(", "):
            name, _, value = part.partition(" ")
            seconds[name] = float(value.split()[0])
    if proc.returncode not in (0, 1):  # 1 = the graph breaks the shapes (still written)
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"kg build exited {proc.returncode}")
    return {
        "command": " ".join(command[1:]),
        "exit": proc.returncode,
        "wall": wall,
        "cpu": cpu,
        "seconds": seconds,
        "triples": triples,
        "peak": peak_rss_bytes(resource.RUSAGE_CHILDREN),
        "output_bytes": out.stat().st_size if out.exists() else None,
        "summary": [line for line in proc.stderr.splitlines() if line.startswith(_SUMMARY)][:8],
    }


def run_profile(source: Path, out: Path, *, validate: bool, fmt: str | None, top: int, dump: Path | None) -> None:
    """cProfile each stage separately, calling the library pieces in the order ``kg.build`` does."""
    from kg.extract import extract_document
    from kg.facts import Document
    from kg.mapping import build_graph
    from kg.readers import read_inputs
    from kg.writers import write_graph

    state: dict = {}

    def read() -> None:
        state["docs"] = [d for d in read_inputs([source]) if isinstance(d, Document)]

    def extract() -> None:
        state["facts"] = [extract_document(d) for d in state["docs"]]

    def map_() -> None:
        state["graph"] = build_graph(state["facts"])

    def validate_() -> None:
        from kg.validate import validate_graph

        validate_graph(state["graph"])

    def write() -> None:
        write_graph(state["graph"], out, fmt)

    stages = [("read", read), ("extract", extract), ("map", map_)]
    if validate:
        stages.append(("validate", validate_))
    stages.append(("write", write))
    print(f"\ncProfile per stage (times are inflated by the profiler; top {top} by own time, then by cumulative)")
    for name, func in stages:
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.runcall(func)
        elapsed = time.perf_counter() - start
        if dump is not None:
            dump.mkdir(parents=True, exist_ok=True)
            profiler.dump_stats(dump / f"{name}.prof")
        for order in ("tottime", "cumulative"):
            text = io.StringIO()
            stats = pstats.Stats(profiler, stream=text)
            stats.strip_dirs().sort_stats(order).print_stats(top)
            lines = text.getvalue().splitlines()
            table = [line for line in lines[next((i for i, s in enumerate(lines) if "ncalls" in s), 0) :] if line]
            print(f"\n=== {name}: {elapsed:.2f} s under the profiler, sorted by {order}")
            print("\n".join(table))


def _child_run(args: argparse.Namespace, folder: Path, record: Path) -> dict:
    """One in-process run in a fresh interpreter (so that each run has its own peak memory and cold caches)."""
    command = [sys.executable, str(Path(__file__).resolve()), str(args.n), "--keep", str(folder), "--json", str(record),
               "--format", args.format, "--input-format", args.input_format, "--seed", str(args.seed)]
    if args.no_validate:
        command.append("--no-validate")
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-2000:] + proc.stderr[-4000:])
        raise SystemExit(f"benchmark run failed (exit {proc.returncode})")
    return json.loads(record.read_text("utf-8"))


def _median(runs: list[dict]) -> dict:
    """The median of every timing over ``runs``, the largest peak memory; the rest from the first run."""
    from statistics import median

    res = dict(runs[0])
    res["wall"] = median(r["wall"] for r in runs)
    res["cpu"] = median(r["cpu"] for r in runs)
    res["peak"] = max(r["peak"] for r in runs)
    res["children_peak"] = max((r.get("children_peak") or 0 for r in runs), default=0) or None
    res["seconds"] = {k: median(r["seconds"].get(k, 0.0) for r in runs) for k in runs[0]["seconds"]}
    if all("cpu_seconds" in r for r in runs):
        res["cpu_seconds"] = {k: median(r["cpu_seconds"].get(k, 0.0) for r in runs) for k in runs[0]["cpu_seconds"]}
    res["runs"] = [{k: r[k] for k in ("wall", "cpu", "seconds", "peak") if k in r} for r in runs]
    return res


# ----------------------------------------------------------------------------- reporting


def verdict(n: int, wall: float, peak: int | None, cpu: float | None = None) -> str:
    rate_needed = max(count / secs for count, (secs, _) in TARGETS.items())
    if n in TARGETS:
        seconds, memory = TARGETS[n]
        checks = [f"{wall:.1f} s {'<' if wall < seconds else '>='} {seconds:.0f} s"]
        if cpu is not None and wall - cpu > 0.1 * wall:
            checks.append(f"CPU time {cpu:.1f} s {'<' if cpu < seconds else '>='} {seconds:.0f} s: "
                          "other processes slowed this run")
        ok = wall < seconds
        if memory is not None and peak is not None:
            checks.append(f"peak {mb(peak)} {'<' if peak < memory else '>='} {mb(memory)}")
            ok = ok and peak < memory
        return f"VERDICT N={n:,}: {'MET' if ok else 'MISSED'} ({'; '.join(checks)})"
    rate = n / wall if wall else float("inf")
    return (
        f"VERDICT N={n:,}: no target for this N; {rate:.1f} documents/s "
        f"{'meets' if rate >= rate_needed else 'is below'} the {rate_needed:.1f} documents/s both targets need "
        "(extrapolation assumes linear scaling)"
    )


def machine() -> str:
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = platform.processor() or platform.machine()
    memory = ""
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        memory = f", {kb / 1e6:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{os.cpu_count()} cores ({model}){memory}, Python {platform.python_version()}"


def checkout() -> str:
    """The commit benchmarked and the files changed since (read-only git commands)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "kg checkout: unknown (no git)"
    changed = sorted(line[3:] for line in status)
    if not changed:
        return f"kg checkout: {head} (clean)"
    shown = ", ".join(changed[:6]) + (", …" if len(changed) > 6 else "")
    return f"kg checkout: {head} + {len(changed)} modified files ({shown})"


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("rdflib", "pyshacl"):
        with contextlib.suppress(PackageNotFoundError):
            out.append(f"{name} {version(name)}")
    return ", ".join(out)


def report(n: int, res: dict, *, mode: str) -> None:
    wall = res["wall"]
    seconds = res["seconds"]
    print(f"\n{mode}: {n:,} articles")
    if "command" in res:
        print(f"  command      {res['command']} (exit {res['exit']})")
    else:
        print(f"  documents    {res['documents']:,} built ({res['skipped']} skipped, {res['failed']} failed)")
    triples = res.get("triples")
    print(f"  triples      {triples:,}" if triples is not None else "  triples      n/a")
    if "conforms" in res:
        shacl = "not run" if res["conforms"] is None else (
            "conforms" if res["conforms"] else f"does not conform ({res['violations']} violations)")
        print(f"  SHACL        {shacl}")
        if res.get("problems"):
            print("\n".join("    | " + line for line in res["problems"].splitlines()))
    print(f"  output       {res['output_bytes'] / 1e6:,.1f} MB" if res.get("output_bytes") else "  output       n/a")
    cpu = res.get("cpu_seconds") or {}
    print("  seconds per stage (wall" + (", CPU" if cpu else "") + "):")
    for stage in STAGES:
        if stage in seconds:
            value = seconds[stage]
            used = f"  CPU {cpu[stage]:7.2f} s" if stage in cpu else ""
            rate = f"  ({n / value:,.0f} documents/s)" if value > 0 else ""
            print(f"    {stage:<9} {value:8.2f} s  {100 * value / wall:5.1f} %{used}{rate}")
    other = wall - sum(seconds.values())
    note = "" if "command" not in res else "  (interpreter start-up, imports, write, summary)"
    print(f"    {'other':<9} {other:8.2f} s  {100 * other / wall:5.1f} %{note}")
    print(f"  wall time    {wall:.2f} s (CPU time user+sys {res['cpu']:.2f} s; a gap means other processes "
          "competed for the cores)")
    print(f"  throughput   {n / wall:,.1f} documents/s")
    if "command" in res:
        print(f"  peak RSS     {mb(res['peak'])} (child process peak, RUSAGE_CHILDREN)")
    else:
        print(f"  peak RSS     {mb(res['peak'])} (peak of this whole process, ru_maxrss; "
              f"before the build: current {mb(res['rss_before'])}, peak {mb(res['peak_before'])})")
        if res.get("children_peak"):
            print(f"               + worker processes: the largest peaked at {mb(res['children_peak'])} "
                  "(RUSAGE_CHILDREN; workers running together add up)")
    print(verdict(n, wall, res.get("peak"), res.get("cpu")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of synthetic articles")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate the articles into DIR and keep them (reused when DIR already holds them)")
    parser.add_argument("--no-validate", action="store_true", help="skip the SHACL validation stage")
    parser.add_argument("--format", default="ttl", help="output RDF format (default ttl: Turtle)")
    parser.add_argument("--input-format", choices=("txt", "jsonl"), default="txt",
                        help="one .txt file per article (default) or one .jsonl file")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--cli", action="store_true", help="time the `python -m kg build` command in a child process")
    parser.add_argument("--profile", action="store_true", help="cProfile each stage and print the top functions")
    parser.add_argument("--top", type=int, default=20, help="functions per profile table (default 20)")
    parser.add_argument("--profile-dir", type=Path, help="also save each stage's profile as DIR/<stage>.prof")
    parser.add_argument("--repeat", type=int, default=1, metavar="R",
                        help="run R times, each in a fresh process, and report the median of each figure "
                             "(peak memory: the largest)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be >= 1")

    from kg.writers import EXTENSIONS, resolve_format

    fmt = resolve_format(args.format)
    wanted = "." + args.format.lower().lstrip(".")
    ext = wanted if wanted in EXTENSIONS else next((e for e, name in EXTENSIONS.items() if name == fmt), ".out")

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        source, note = prepare(args.n, folder, seed=args.seed, fmt=args.input_format)
        out = Path(tmp) / f"kg-graph{ext}"
        print(f"kg benchmark, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
        print(f"machine: {machine()}; {versions()}")
        print(checkout())
        print(f"inputs: {note}")
        validate = not args.no_validate
        if args.profile:
            run_profile(source, out, validate=validate, fmt=fmt, top=args.top, dump=args.profile_dir)
            return 0
        mode = "kg build (CLI, child process)" if args.cli else "kg.build + kg.write_graph (in-process)"
        if args.repeat > 1:
            runs = []
            for i in range(args.repeat):
                if args.cli:
                    run = run_cli(source, out, validate=validate, fmt=fmt)
                else:
                    run = _child_run(args, folder, Path(tmp) / f"run{i}.json")
                runs.append(run)
                stages = ", ".join(f"{k} {v:.1f}" for k, v in run["seconds"].items())
                print(f"run {i + 1}/{args.repeat}: wall {run['wall']:.1f} s, CPU {run['cpu']:.1f} s ({stages}), "
                      f"peak {mb(run['peak'])}", flush=True)
            res = _median(runs)
            report(args.n, res, mode=f"{mode}, median of {args.repeat} runs")
        elif args.cli:
            res = run_cli(source, out, validate=validate, fmt=fmt)
            report(args.n, res, mode=mode)
            for line in res["summary"]:
                print(f"  | {line}")
        else:
            res = run_inprocess(source, out, validate=validate, fmt=fmt)
            res.pop("stats")
            report(args.n, res, mode=mode)
        if args.json:
            record = {"n": args.n, "mode": "cli" if args.cli else "in-process", "validate": validate, "format": fmt,
                      "input_format": args.input_format, "machine": machine(), "checkout": checkout(),
                      "when": datetime.now().isoformat(),
                      **{k: v for k, v in res.items() if k != "summary"}}
            args.json.write_text(json.dumps(record, indent=2, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

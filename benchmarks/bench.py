"""Benchmark ``kg build``: throughput, time per stage, peak memory.

    python benchmarks/bench.py 1000                      # 1,000 synthetic articles: build + validate + write Turtle
    python benchmarks/bench.py 1000 --keep /tmp/a1000    # generate once into /tmp/a1000, reuse it next time
    python benchmarks/bench.py 1000 --keep /tmp/a1000 --repeat 3   # median of 3 runs, each a fresh process
    python benchmarks/bench.py 1000 --no-validate --format nt
    python benchmarks/bench.py 1000 --cli                # time `python -m kg build DIR --output out.ttl`
    python benchmarks/bench.py 200 --profile             # cProfile each stage, print the top functions
    python benchmarks/bench.py 3000 --reference all      # the national build: + the register's 34 provinces
    python benchmarks/bench.py 0 --reference all         # the register's mapping alone
    python benchmarks/bench.py --corpus ../shared/corpus # an existing folder of documents instead

The articles come from ``benchmarks/generate.py`` (real unit names, invented
sentences); ``--corpus DIR`` builds the documents of DIR instead (when DIR
holds ``NAME.gold.json`` files, as ``../shared/corpus`` does, only the
documents they name, as ``../shared/eval/score.py`` does). ``--reference
PROVINCE`` (repeatable, ``all`` for the 34 provinces) adds the official
register's old → new mapping as extra source documents, as ``kg build
--reference`` does.

In-process mode calls the library as a user would: ``kg.build(...)`` then
``kg.write_graph(...)``; the wall seconds per stage are the ones ``kg.build``
reports (``BuildResult.stats.seconds``: register, read, extract, map, validate)
plus the write, and the CPU seconds per stage (user + system, this process and
the workers it waited for) are taken at the stage changes ``kg.build`` reports
to its progress callback. On a machine shared with other jobs CPU time is the
better guide to what an idle machine would take. Peak memory is
``getrusage(RUSAGE_SELF).ru_maxrss``: the peak resident set of this whole
process (the interpreter, the libraries and, when the articles were generated
in this run, the generator; the RSS before the build is printed for
comparison); a worker process the build runs is reported apart. ``--cli`` runs
the command in a child process and reports the child's peak
(``RUSAGE_CHILDREN``) and its own stage times (from its ``-v`` log).

This is a benchmark, not a test: it prints figures and a verdict against the
targets of the issues (see ``TARGETS``: 1,000 articles in < 30 s and < 1 GB;
10,000 in < 300 s; 3,000 with ``--reference all`` in < 180 s and < 3 GB; the
development corpus ``../shared/corpus`` in < 15 s) and always exits 0 unless
something fails to run. It runs no git command (others may be committing):
the commit benchmarked is read from ``.git`` directly.
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
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # benchmark the checkout's kg, installed or not
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402


@dataclass(frozen=True)
class Target:
    """A target of the issues: the build, validation and write in under ``seconds`` (and ``peak`` bytes)."""

    seconds: float
    peak: float | None = None


#: (N synthetic articles, built with --reference all) -> target
TARGETS: dict[tuple[int, bool], Target] = {
    (1_000, False): Target(30.0, 1e9),
    (10_000, False): Target(300.0),
    (3_000, True): Target(180.0, 3e9),  # the national build
}
#: the development corpus (``../shared/corpus``, the documents with a gold file), without --reference
CORPUS_TARGET = Target(15.0)
STAGES = ("register", "read", "extract", "map", "validate", "write")
META = ".bench-meta.json"


@dataclass(frozen=True)
class Workload:
    """What is built: N synthetic articles or the documents of a corpus, plus the register's provinces."""

    n: int  # documents read from the inputs (the articles, or the corpus's documents)
    sources: tuple[Path, ...]
    reference: tuple[str, ...] = ()
    corpus: Path | None = None

    @property
    def national(self) -> bool:
        return any(r.strip().lower() == "all" for r in self.reference)

    def describe(self) -> str:
        what = f"{self.n:,} documents of {self.corpus}" if self.corpus else f"{self.n:,} articles"
        if self.reference:
            what += f" + the register's mapping of {', '.join(self.reference)} (--reference)"
        return what

    def target(self) -> Target | None:
        if self.corpus is not None:
            return CORPUS_TARGET if not self.reference and _same(self.corpus, generate.DEFAULT_CORPUS) else None
        if self.reference and not self.national:
            return None
        return TARGETS.get((self.n, self.national))


def _same(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        return a.resolve() == b.resolve()
    return False


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


def corpus_documents(folder: Path) -> list[Path]:
    """The documents of ``folder`` that kg reads; only those named by ``*.gold.json`` files when there are some
    (a scored corpus, whose other files, such as SOURCES.md, are not documents)."""
    from kg.readers import SUFFIXES

    if not folder.is_dir():
        raise SystemExit(f"--corpus {folder}: not a folder")
    golds = sorted(folder.glob("*.gold.json"))
    if golds:
        names = [json.loads(path.read_text("utf-8"))["document"] for path in golds]
        return [folder / name for name in names]
    return sorted(path for path in folder.rglob("*") if path.is_file() and path.suffix.lower() in SUFFIXES
                  and not any(part.startswith(".") for part in path.relative_to(folder).parts))


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
    """A progress callback for ``kg.build`` that notes the CPU time at each change of stage.

    ``kg.build`` loads the register before its first event: the time from ``start`` to the
    first event is booked to ``first`` ("register")."""

    def __init__(self, first: str, start: float) -> None:
        self.stage: str | None = first
        self.marks: list[tuple[str, float]] = [(first, start)]

    def __call__(self, event) -> None:
        if event.stage != self.stage:
            self.stage = event.stage
            self.marks.append((event.stage, cpu_seconds()))

    def cpu(self, end: float) -> dict[str, float]:
        """CPU seconds per stage, the last one ending at ``end``."""
        ends = [t for _, t in self.marks[1:]] + [end]
        return {stage: stop - begin for (stage, begin), stop in zip(self.marks, ends, strict=True)}


def run_inprocess(work: Workload, out: Path, *, validate: bool, fmt: str | None) -> dict:
    import kg

    rss_before = current_rss_bytes()
    peak_before = peak_rss_bytes()
    children_before = peak_rss_bytes(resource.RUSAGE_CHILDREN)
    cpu_before = cpu_seconds()
    clock = StageClock("register", cpu_before)
    start = time.perf_counter()
    result = kg.build(list(work.sources), validate=validate, progress=clock, reference=list(work.reference))
    built = time.perf_counter()
    cpu_built = cpu_seconds()
    kg.write_graph(result.graph, out, fmt)
    end = time.perf_counter()
    seconds = dict(result.stats.seconds)
    seconds["write"] = end - built
    cpu = clock.cpu(cpu_built)  # the build's last stage runs on to the end of kg.build (counting included)
    if "register" not in seconds:  # not loaded (register package missing): the few ms go to read
        cpu["read"] = cpu.get("read", 0.0) + cpu.pop("register")
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
        # a worker process the build ran, if any raised the children's peak
        "children_peak": peak_rss_bytes(resource.RUSAGE_CHILDREN) if peak_rss_bytes(resource.RUSAGE_CHILDREN)
        > children_before else None,
        "output_bytes": out.stat().st_size,
        "stats": result.stats,
    }


_SUMMARY = ("Documents:", "Error:", "The graph ", "Violation:", "Skipped ")
_BUILT = re.compile(r"built (\d+) triples in [\d.]+ s \((.*)\)")


def run_cli(work: Workload, out: Path, *, validate: bool, fmt: str | None) -> dict:
    """Time ``python -m kg -v build SOURCE... [--reference P...] --output OUT`` as a child process."""
    command = [sys.executable, "-m", "kg", "-v", "build", *map(str, work.sources), "--output", str(out)]
    for province in work.reference:
        command += ["--reference", province]
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
    shown = command[1:]  # without the interpreter; many documents as their count
    if len(work.sources) > 3:
        shown[4 : 4 + len(work.sources)] = [f"<{len(work.sources)} documents>"]
    return {
        "command": shlex.join(shown),
        "exit": proc.returncode,
        "wall": wall,
        "cpu": cpu,
        "seconds": seconds,
        "triples": triples,
        "peak": peak_rss_bytes(resource.RUSAGE_CHILDREN),
        "output_bytes": out.stat().st_size if out.exists() else None,
        "summary": [line for line in proc.stderr.splitlines() if line.startswith(_SUMMARY)][:8],
    }


def run_profile(work: Workload, out: Path, *, validate: bool, fmt: str | None, top: int, dump: Path | None) -> None:
    """cProfile each stage separately, calling the library pieces in the order ``kg.build`` does
    (extraction in this process, where ``kg.build`` uses one worker per core from 200 documents on)."""
    from kg.extract import extract_document
    from kg.facts import Document
    from kg.mapping import build_graph
    from kg.readers import read_inputs
    from kg.writers import write_graph

    state: dict = {}

    def register() -> None:
        from kg.reference import reference_facts, reference_provinces
        from kg.register import RegisterUnavailable, load_register

        try:
            found = load_register()
        except RegisterUnavailable:
            if work.reference:
                raise
            found = None  # kg.build goes on without linking
        state["register"] = found
        provinces = reference_provinces(found, work.reference) if work.reference else []
        state["reference"] = reference_facts(found, provinces)

    def read() -> None:
        state["docs"] = [d for d in read_inputs(list(work.sources)) if isinstance(d, Document)]

    def extract() -> None:
        state["facts"] = [extract_document(d) for d in state["docs"]]

    def map_() -> None:
        state["graph"] = build_graph(state["facts"] + state["reference"], register=state["register"])

    def validate_() -> None:
        from kg.validate import validate_graph

        validate_graph(state["graph"])

    def write() -> None:
        write_graph(state["graph"], out, fmt)

    stages = [("register", register), ("read", read), ("extract", extract), ("map", map_)]
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
    if "graph" in state:
        print(f"\n{len(state['graph']):,} triples")


def _child_run(args: argparse.Namespace, folder: Path, record: Path) -> dict:
    """One in-process run in a fresh interpreter (so that each run has its own peak memory and cold caches)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--json", str(record), "--format", args.format]
    if args.corpus is not None:
        command += ["--corpus", str(args.corpus)]
    else:
        command += [str(args.n), "--keep", str(folder), "--input-format", args.input_format, "--seed", str(args.seed)]
    for province in args.reference:
        command += ["--reference", province]
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
    res["other"] = median(r["wall"] - sum(r["seconds"].values()) for r in runs)  # not wall minus the medians
    if all("cpu_seconds" in r for r in runs):
        res["cpu_seconds"] = {k: median(r["cpu_seconds"].get(k, 0.0) for r in runs) for k in runs[0]["cpu_seconds"]}
    res["runs"] = [{k: r[k] for k in ("wall", "cpu", "seconds", "peak") if k in r} for r in runs]
    return res


# ----------------------------------------------------------------------------- reporting


def verdict(work: Workload, wall: float, peak: int | None, cpu: float | None = None) -> str:
    label = f"VERDICT {work.describe()}"
    target = work.target()
    if target is not None:
        checks = [f"{wall:.1f} s {'<' if wall < target.seconds else '>='} {target.seconds:.0f} s"]
        if cpu is not None and wall - cpu > 0.1 * wall:
            checks.append(f"CPU time {cpu:.1f} s {'<' if cpu < target.seconds else '>='} {target.seconds:.0f} s: "
                          "other processes slowed this run")
        ok = wall < target.seconds
        if target.peak is not None and peak is not None:
            checks.append(f"peak {mb(peak)} {'<' if peak < target.peak else '>='} {mb(target.peak)}")
            ok = ok and peak < target.peak
        return f"{label}: {'MET' if ok else 'MISSED'} ({'; '.join(checks)})"
    if work.corpus is not None or work.reference or not work.n:
        return f"{label}: no target for this run (see TARGETS and CORPUS_TARGET)"
    plain = {count: t for (count, national), t in TARGETS.items() if not national}
    rate_needed = max(count / t.seconds for count, t in plain.items())
    rate = work.n / wall if wall else float("inf")
    return (
        f"{label}: no target for this N; {rate:.1f} documents/s "
        f"{'meets' if rate >= rate_needed else 'is below'} the {rate_needed:.1f} documents/s the targets without "
        "--reference need (extrapolation assumes linear scaling)"
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
    load = ""
    with contextlib.suppress(OSError):
        load = f"; load average {', '.join(f'{x:.2f}' for x in os.getloadavg())} (busy if near {os.cpu_count()})"
    return f"{os.cpu_count()} cores ({model}){memory}, Python {platform.python_version()}{load}"


def checkout() -> str:
    """The commit benchmarked, read from ``.git`` without running git (others may hold its index lock)."""
    git = ROOT / ".git"
    try:
        head = (git / "HEAD").read_text("utf-8").strip()
        if head.startswith("ref: "):
            ref = head[5:]
            loose = git / ref
            if loose.exists():
                head = loose.read_text("utf-8").strip()
            else:
                packed = (git / "packed-refs").read_text("utf-8").splitlines()
                head = next(line.split()[0] for line in packed if line.endswith(" " + ref))
    except (OSError, StopIteration):
        return "kg checkout: unknown (no .git)"
    return f"kg checkout: {head[:10]} (local changes not listed: the benchmark runs no git command)"


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("rdflib", "pyshacl", "vietnamadminunits"):
        with contextlib.suppress(PackageNotFoundError):
            out.append(f"{name} {version(name)}")
    return ", ".join(out)


def report(work: Workload, res: dict, *, mode: str) -> None:
    n = work.n
    wall = res["wall"]
    seconds = res["seconds"]
    print(f"\n{mode}: {work.describe()}")
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
            rate = f"  ({n / value:,.0f} documents/s)" if value > 0 and n and stage in ("read", "extract") else ""
            print(f"    {stage:<9} {value:8.2f} s  {100 * value / wall:5.1f} %{used}{rate}")
    other = res.get("other", wall - sum(seconds.values()))
    note = "" if "command" not in res else "  (interpreter start-up, imports, write, summary)"
    print(f"    {'other':<9} {other:8.2f} s  {100 * other / wall:5.1f} %{note}")
    print(f"  wall time    {wall:.2f} s (CPU time user+sys {res['cpu']:.2f} s; a gap means other processes "
          "competed for the cores)")
    if n:
        print(f"  throughput   {n / wall:,.1f} documents/s" + (" (the register's documents not counted)"
                                                              if work.reference else ""))
    if "command" in res:
        print(f"  peak RSS     {mb(res['peak'])} (child process peak, RUSAGE_CHILDREN)")
    else:
        print(f"  peak RSS     {mb(res['peak'])} (peak of this whole process, ru_maxrss; "
              f"before the build: current {mb(res['rss_before'])}, peak {mb(res['peak_before'])})")
        if res.get("children_peak"):
            print(f"               + worker processes: the largest peaked at {mb(res['children_peak'])} "
                  "(RUSAGE_CHILDREN; workers running together add up)")
    print(verdict(work, wall, res.get("peak"), res.get("cpu")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?",
                        help="number of synthetic articles (0: none, with --reference); not with --corpus")
    parser.add_argument("--corpus", type=Path, metavar="DIR",
                        help="build the documents of DIR instead of synthetic articles (only those named by "
                             "DIR/*.gold.json when it has some)")
    parser.add_argument("--reference", action="append", default=[], metavar="PROVINCE",
                        help="add the register's old → new mapping of PROVINCE ('all': the 34), as "
                             "`kg build --reference`; repeatable")
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
    if args.corpus is not None and (args.n is not None or args.keep is not None):
        parser.error("--corpus builds an existing folder: give no N and no --keep")
    if args.corpus is None and args.n is None:
        parser.error("give N (the number of synthetic articles) or --corpus DIR")
    if args.n is not None and (args.n < 0 or (args.n == 0 and not args.reference)):
        parser.error("N must be >= 1 (0 only with --reference)")

    from kg.writers import EXTENSIONS, resolve_format

    fmt = resolve_format(args.format)
    wanted = "." + args.format.lower().lstrip(".")
    ext = wanted if wanted in EXTENSIONS else next((e for e, name in EXTENSIONS.items() if name == fmt), ".out")
    reference = tuple(args.reference)

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        folder = args.keep or Path(tmp)
        if args.corpus is not None:
            docs = corpus_documents(args.corpus)
            work = Workload(len(docs), tuple(docs), reference, args.corpus)
            note = f"{len(docs)} documents of {args.corpus}"
        elif args.n == 0:
            work, note = Workload(0, (), reference), "no articles"
        else:
            folder.mkdir(parents=True, exist_ok=True)
            source, note = prepare(args.n, folder, seed=args.seed, fmt=args.input_format)
            work = Workload(args.n, (source,), reference)
        if reference:
            note += f"; --reference {' --reference '.join(reference)}"
        out = Path(tmp) / f"kg-graph{ext}"
        print(f"kg benchmark, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
        print(f"machine: {machine()}; {versions()}")
        print(checkout())
        print(f"inputs: {note}")
        validate = not args.no_validate
        if args.profile:
            run_profile(work, out, validate=validate, fmt=fmt, top=args.top, dump=args.profile_dir)
            return 0
        mode = "kg build (CLI, child process)" if args.cli else "kg.build + kg.write_graph (in-process)"
        if args.repeat > 1:
            runs = []
            for i in range(args.repeat):
                if args.cli:
                    run = run_cli(work, out, validate=validate, fmt=fmt)
                else:
                    run = _child_run(args, folder, Path(tmp) / f"run{i}.json")
                runs.append(run)
                stages = ", ".join(f"{k} {v:.1f}" for k, v in run["seconds"].items())
                print(f"run {i + 1}/{args.repeat}: wall {run['wall']:.1f} s, CPU {run['cpu']:.1f} s ({stages}), "
                      f"peak {mb(run['peak'])}", flush=True)
            res = _median(runs)
            report(work, res, mode=f"{mode}, median of {args.repeat} runs")
        elif args.cli:
            res = run_cli(work, out, validate=validate, fmt=fmt)
            report(work, res, mode=mode)
            for line in res["summary"]:
                print(f"  | {line}")
        else:
            res = run_inprocess(work, out, validate=validate, fmt=fmt)
            res.pop("stats")
            report(work, res, mode=mode)
        if args.json:
            record = {"n": work.n, "corpus": str(work.corpus) if work.corpus else None, "reference": list(reference),
                      "mode": "cli" if args.cli else "in-process", "validate": validate, "format": fmt,
                      "input_format": args.input_format, "machine": machine(), "checkout": checkout(),
                      "when": datetime.now().isoformat(),
                      **{k: v for k, v in res.items() if k != "summary"}}
            args.json.write_text(json.dumps(record, indent=2, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

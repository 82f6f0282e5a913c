"""The kg command: exit codes, messages, files written (CliRunner)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
import rdflib
from cli_runner import runner

from kg.cli import main

REPO = Path(__file__).resolve().parent.parent

ARTICLE_A = """Phường Hòa Bình ra mắt chính quyền mới

Thu Hà 05/07/2025 14:20

Theo Nghị quyết số 1669/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội, phường Hòa Bình \
được thành lập trên cơ sở sáp nhập toàn bộ diện tích tự nhiên, quy mô dân số của phường Hòa Bình và \
phần còn lại của phường An Lư, phường Thủy Hà.

Phường có diện tích tự nhiên 9,8 km², dân số 31.520 người.

Ông Trần Văn Bình, Phó Chủ tịch UBND phường Hòa Bình, cho biết phường đã sẵn sàng.
"""

ARTICLE_B = """# Phường Nam Triệu

Phường Nam Triệu (TP. Hải Phòng) được thành lập trên cơ sở hợp nhất nguyên trạng ba phường \
Nam Triệu Giang, Lập Lễ và Tam Hưng. Đồng chí Vũ Minh Tuấn giữ chức Chủ tịch UBND phường Nam Triệu.
"""


def run(*args: str | Path):
    result = runner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.stderr
    return result


def commands() -> list[str]:
    return sorted(main.commands)


@pytest.fixture
def articles(tmp_path) -> list[Path]:
    a = tmp_path / "hoa-binh.txt"
    a.write_text(ARTICLE_A, encoding="utf-8")
    b = tmp_path / "nam-trieu.md"
    b.write_text(ARTICLE_B, encoding="utf-8")
    return [a, b]


# ---------------------------------------------------------------- help and version


def test_group_help_lists_commands_and_exit_codes():
    result = run("--help")
    assert result.exit_code == 0
    for name in ("build", "validate", "export", "query", "stats"):
        assert name in result.stdout
    assert "Exit codes" in result.stdout
    assert "Example" in result.stdout


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_with_an_example(name):
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"kg {name}" in result.stdout


def test_version():
    import kg

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kg {kg.__version__}"


def test_python_dash_m_kg():
    done = subprocess.run(
        [sys.executable, "-m", "kg", "--help"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Usage: kg" in done.stdout


# ---------------------------------------------------------------- usage errors (exit 2)


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--no-such-option"],
        ["build", "--format", "docx"],
        ["no-such-command"],
        ["validate"],
        ["export", "g.ttl"],  # --output is required
    ],
)
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Error" in result.stderr


def test_build_output_extension_unknown_exits_2(articles, tmp_path):
    result = run("build", *articles, "--output", tmp_path / "graph.docx", "--no-validate")
    assert result.exit_code == 2
    assert "Error: cannot tell the RDF format" in result.stderr
    assert not (tmp_path / "graph.docx").exists()


def test_build_report_without_validation_exits_2(articles, tmp_path):
    result = run(
        "build", *articles, "-o", tmp_path / "g.ttl", "--no-validate", "--report", tmp_path / "r.ttl"
    )
    assert result.exit_code == 2
    assert "--report needs validation" in result.stderr


def test_build_output_folder_missing_exits_2(articles, tmp_path):
    result = run("build", *articles, "-o", tmp_path / "missing" / "g.ttl", "--no-validate")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


# ---------------------------------------------------------------- build


def test_build_writes_graph_and_summary(articles, tmp_path):
    out = tmp_path / "graph.ttl"
    result = run("build", *articles, "--output", out, "--no-validate")
    assert result.exit_code == 0, result.stderr
    graph = rdflib.Graph().parse(out, format="turtle")
    files = {str(o) for o in graph.objects(None, rdflib.URIRef("https://w3id.org/vnadm/ontology#sourceFile"))}
    assert {"hoa-binh.txt", "nam-trieu.md"} <= files
    assert "Documents: 2 read, 0 skipped" in result.stderr
    assert "SHACL: not checked" in result.stderr
    assert str(out) in result.stderr
    assert result.stdout == ""


def test_build_is_deterministic(articles, tmp_path):
    run("build", *articles, "-o", tmp_path / "one.ttl", "--no-validate")
    run("build", *reversed(articles), "-o", tmp_path / "two.ttl", "--no-validate")
    assert (tmp_path / "one.ttl").read_bytes() == (tmp_path / "two.ttl").read_bytes()


def test_build_is_byte_identical_across_hash_seeds(tmp_path):
    """Set and dict order in any stage must not leak into the output."""
    import os

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"samples-{seed}.ttl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "kg", "-q", "build", "--no-validate", "-o", str(out)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_build_with_validation_reports_shacl(articles, tmp_path):
    out, report = tmp_path / "graph.ttl", tmp_path / "report.ttl"
    result = run("build", *articles, "--output", out, "--report", report)
    assert out.exists() and report.exists()
    rdflib.Graph().parse(report, format="turtle")
    if result.exit_code == 0:
        assert "SHACL: conforms" in result.stderr
    else:  # the graph is written anyway, the problems are listed
        assert result.exit_code == 1
        assert "violations" in result.stderr


def test_non_utf8_input_is_skipped_exit_3(articles, tmp_path):
    bad = tmp_path / "cp1258.txt"
    bad.write_bytes("Phường Hòa Bình\n".encode()[:8] + b"\xf2a B\xecnh\n")
    out = tmp_path / "graph.ttl"
    result = run("build", articles[0], bad, articles[1], "--output", out, "--no-validate")
    assert result.exit_code == 3
    skipped = [line for line in result.stderr.splitlines() if line.startswith("Skipped")]
    assert len(skipped) == 1
    assert str(bad) in skipped[0] and "not UTF-8" in skipped[0] and "0xF2" in skipped[0]
    assert out.exists()  # the graph of the others is still written
    assert "Documents: 2 read, 1 skipped" in result.stderr
    assert "Error: 1 input was skipped" in result.stderr


def test_missing_input_is_skipped_exit_3(articles, tmp_path):
    result = run("build", articles[0], tmp_path / "nope.txt", "-o", tmp_path / "g.ttl", "--no-validate")
    assert result.exit_code == 3
    assert f"Skipped {tmp_path / 'nope.txt'}: no such file" in result.stderr


def test_extraction_failure_warns_and_keeps_the_document(articles, tmp_path, monkeypatch):
    """A crash in the extractor is kg's bug, not bad input: the document stays
    in the graph without facts, stderr says so, and the exit code is 0."""
    import kg.extract

    real = kg.extract.extract_document

    def flaky(doc):
        if doc.source_file == "nam-trieu.md":
            raise ValueError("boom in the extractor")
        return real(doc)

    monkeypatch.setattr(kg.extract, "extract_document", flaky)
    out = tmp_path / "g.ttl"
    result = run("build", *articles, "-o", out, "--no-validate")
    assert result.exit_code == 0, result.stderr
    assert "nam-trieu.md: extraction failed (ValueError: boom in the extractor)" in result.stderr
    graph = rdflib.Graph().parse(out, format="turtle")
    files = {str(o) for o in graph.objects(None, rdflib.URIRef("https://w3id.org/vnadm/ontology#sourceFile"))}
    assert "nam-trieu.md" in files


@pytest.mark.parametrize(("fmt", "parser"), [("nt", "nt"), ("jsonld", "json-ld"), ("trig", "trig")])
def test_build_format(articles, tmp_path, fmt, parser):
    out = tmp_path / "graph.out"
    result = run("build", *articles, "--format", fmt, "--output", out, "--no-validate")
    assert result.exit_code == 0, result.stderr
    target = rdflib.Dataset() if parser == "trig" else rdflib.Graph()
    target.parse(out, format=parser)
    assert len(target) > 0 or parser == "trig"


def test_build_quiet_prints_no_summary(articles, tmp_path):
    result = run("--quiet", "build", *articles, "-o", tmp_path / "g.ttl", "--no-validate")
    assert result.exit_code == 0
    assert result.stderr == ""
    result = run("build", "-q", *articles, "-o", tmp_path / "g.ttl", "--no-validate")
    assert result.stderr == ""


def test_build_without_inputs_uses_samples(tmp_path):
    out = tmp_path / "samples.ttl"
    result = run("build", "-o", out, "--no-validate")
    assert result.exit_code == 0, result.stderr
    assert "Documents: 5 read, 0 skipped" in result.stderr


# ---------------------------------------------------------------- validate


def test_validate_broken_turtle_exit_3(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "unterminated .\n', encoding="utf-8"
    )
    result = run("validate", broken)
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: ")
    assert "broken.ttl" in result.stderr
    assert "line 3" in result.stderr


def test_validate_missing_file_exit_3(tmp_path):
    result = run("validate", tmp_path / "nope.ttl")
    assert result.exit_code == 3
    assert "nope.ttl" in result.stderr


def test_validate_conforming_and_violating(articles, tmp_path):
    out = tmp_path / "graph.ttl"
    built = run("build", *articles, "-o", out)
    result = run("validate", out, "--report", tmp_path / "report.ttl")
    assert result.exit_code == built.exit_code if built.exit_code in (0, 1) else 0
    assert (tmp_path / "report.ttl").exists()

    graph = rdflib.Graph().parse(out, format="turtle")
    vnadm = rdflib.Namespace("https://w3id.org/vnadm/ontology#")
    graph.add(
        (rdflib.URIRef("https://w3id.org/vnadm/id/obs/test/broken"), rdflib.RDF.type, vnadm.Observation)
    )
    bad = tmp_path / "bad.ttl"
    graph.serialize(bad, format="turtle")
    result = run("validate", bad)
    assert result.exit_code == 1
    assert "obs/test/broken" in result.stdout
    assert "Error:" in result.stderr and "violations" in result.stderr


# ---------------------------------------------------------------- export


def small_graph(path: Path) -> Path:
    path.write_text(
        "@prefix vnadm: <https://w3id.org/vnadm/ontology#> .\n"
        '<https://w3id.org/vnadm/id/unit/hai-phong/phuong-hoa-binh> a vnadm:Ward ; vnadm:name "Hòa Bình" .\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("args", "name", "parser"),
    [
        (["--format", "nt"], "g.nt", "nt"),
        ([], "g.jsonld", "json-ld"),
        (["-f", "xml"], "g.rdf", "xml"),
        (["--format", "nq"], "g.nq", "nquads"),
    ],
)
def test_export(tmp_path, args, name, parser):
    source = small_graph(tmp_path / "g.ttl")
    out = tmp_path / name
    result = run("export", source, *args, "--output", out)
    assert result.exit_code == 0, result.stderr
    target = rdflib.Dataset() if parser == "nquads" else rdflib.Graph()
    target.parse(out, format=parser)
    assert len(target) == 2


def test_export_to_stdout(tmp_path):
    source = small_graph(tmp_path / "g.ttl")
    result = run("export", source, "--format", "nt", "--output", "-")
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 2 and "Hòa Bình" in result.stdout
    result = run("export", source, "--output", "-")
    assert result.exit_code == 2


def test_export_bad_input_exit_3(tmp_path):
    broken = tmp_path / "broken.nt"
    broken.write_text("<http://a> <http://b> .\n", encoding="utf-8")
    result = run("export", broken, "--output", tmp_path / "out.ttl")
    assert result.exit_code == 3
    assert "broken.nt" in result.stderr
    assert not (tmp_path / "out.ttl").exists()


def test_errors_are_translated_once():
    """KgError subclasses carry the documented exit codes."""
    from kg import errors

    assert errors.InvalidGraphError("x").exit_code == 1
    assert errors.UsageError("x").exit_code == 2
    assert errors.QuerySyntaxError("x").exit_code == 2
    assert errors.InputError("x").exit_code == 3
    assert errors.GraphFileError("x").exit_code == 3
    assert errors.OutputError("x").exit_code == 3
    assert isinstance(main, click.Group)


def test_jsonl_input(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(
        json.dumps({"title": "Hòa Bình", "text": ARTICLE_A}, ensure_ascii=False) + "\n" + "not json\n",
        encoding="utf-8",
    )
    out = tmp_path / "g.ttl"
    result = run("build", path, "-o", out, "--no-validate")
    assert result.exit_code == 3
    assert f"Skipped {path}#L2: line 2 is not valid JSON" in result.stderr
    assert "news.jsonl#L1" in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- progress display


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_not_quiet():
    from kg.progress import TerminalProgress, terminal_progress

    assert terminal_progress(stream=io.StringIO()) is None  # piped: nothing
    assert terminal_progress(quiet=True, stream=FakeTerminal()) is None
    assert isinstance(terminal_progress(stream=FakeTerminal()), TerminalProgress)


def test_progress_redraws_at_most_ten_times_a_second():
    from kg.progress import ProgressEvent, TerminalProgress

    now = [0.0]
    stream = FakeTerminal()
    display = TerminalProgress(stream, clock=lambda: now[0])
    for done in range(1, 101):  # 100 documents in one second
        now[0] = done / 100
        display(ProgressEvent("extract", done, 100, f"doc-{done}.txt"))
    draws = stream.getvalue().count("\r")
    assert 2 <= draws <= 12
    last = stream.getvalue().rsplit("\r", 1)[-1]
    assert "100/100 documents" in last  # the final state is always drawn
    display.close()
    assert stream.getvalue().endswith("\r")


def test_progress_line_has_rate_and_eta():
    from kg.progress import ProgressEvent, TerminalProgress

    line = TerminalProgress(FakeTerminal()).render(ProgressEvent("extract", 10, 40, "a.txt"), elapsed=5.0)
    assert "10/40 documents" in line
    assert "2.0 docs/s" in line
    assert "ETA 0:15" in line
    assert "a.txt" in line


# ---------------------------------------------------------------- check


def test_check_exit_codes(articles, tmp_path):
    out = tmp_path / "g.ttl"
    assert run("build", *articles, "-o", out, "--no-validate", "--no-link").exit_code == 0
    result = run("check", out, "--fail-on-disagreement")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "No disagreements between sources.\n"  # two documents about two units
    fixture = REPO / "tests" / "fixtures" / "query_graph.ttl"
    assert run("check", fixture).exit_code == 0
    failing = run("check", fixture, "--fail-on-disagreement")
    assert failing.exit_code == 1 and "Error: the sources disagree" in failing.stderr
    assert run("check", fixture, "--format", "docx").exit_code == 2
    assert run("check", tmp_path / "missing.ttl").exit_code == 3


def test_check_and_stats_count_the_same(tmp_path):
    fixture = REPO / "tests" / "fixtures" / "query_graph.ttl"
    checked = json.loads(run("check", fixture, "--format", "json").stdout)
    counted = json.loads(run("stats", fixture, "--format", "json").stdout)
    assert checked["counts"]["total"] == counted["stats"]["disagreements"] == len(counted["disagreements"])


RESOLUTION_WITH_A_WRONG_COUNT = """Số: 9999/NQ-UBTVQH15 |

**NGHỊ QUYẾT**

**Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Hưng Yên năm 2025**

**Điều 1. Sắp xếp các đơn vị hành chính cấp xã của tỉnh Hưng Yên**

1. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã Đông An, Đông Bình và Đông Cường thành xã mới \
có tên gọi là xã Đông Hưng.

2. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường Tây Sơn và xã Tây Bình thành phường mới có tên \
gọi là phường Tây Hưng.

3. Sau khi sắp xếp, tỉnh Hưng Yên có 3 đơn vị hành chính cấp xã, gồm 2 xã và 1 phường.

Nghị quyết này được Ủy ban Thường vụ Quốc hội thông qua ngày 16 tháng 6 năm 2025.
"""


def test_build_warns_when_a_resolution_counts_other_units_than_were_read(tmp_path):
    doc = tmp_path / "nq-9999.md"
    doc.write_text(RESOLUTION_WITH_A_WRONG_COUNT, encoding="utf-8")
    result = run("build", doc, "--output", tmp_path / "g.ttl")
    assert result.exit_code == 0  # a warning, not an error: the graph is written
    assert (f"Warning: {doc}: the resolution counts 3 units (2 xã, 1 phường); kg read 2 (1 xã, 1 phường)"
            in result.stderr)


def test_build_reference_of_an_unknown_province_exits_2(tmp_path):
    result = run("build", "--reference", "Narnia", "--output", tmp_path / "g.ttl")
    assert result.exit_code == 2
    assert "--reference 'Narnia': not one of the 34 provinces" in result.stderr
    assert not (tmp_path / "g.ttl").exists()


def test_build_no_link_writes_no_codes(articles, tmp_path):
    import rdflib

    from kg.namespaces import VNADM

    for flags, linked in (((), True), (("--no-link",), False)):
        out = tmp_path / f"g{len(flags)}.ttl"
        assert run("build", *articles, "--output", out, *flags).exit_code == 0
        graph = rdflib.Graph().parse(out)
        assert any(graph.subject_objects(VNADM.linkStatus)) is linked
        assert any(graph.subject_objects(VNADM.officialCode)) is linked

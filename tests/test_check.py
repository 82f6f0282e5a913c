"""kg check: the disagreements between sources, natively and as queries/disagreements.rq says."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import rdflib
from cli_runner import runner

import kg
from kg.check import (
    COLUMNS,
    KINDS,
    CheckResult,
    Disagreement,
    check,
    check_graph,
    disagreement_rows,
    format_check,
)
from kg.cli import main
from kg.namespaces import VNADM
from kg.query import canned_query, run_query
from kg.stats import graph_stats

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"

A_HEAD = "Phường Hòa Bình ra mắt\n\nThu Hà 05/07/2025 14:20\n\n"
B_HEAD = "# Nghị quyết về sắp xếp các đơn vị hành chính cấp xã của thành phố Hải Phòng\n\n"

# Two documents about phường Hòa Bình (Hải Phòng), a.txt (an article) and b.md (a resolution),
# that disagree in one way each: (kind, a.txt's sentence, b.md's sentence, the summary).
CASES = [
    (
        "share",
        "Phường Hòa Bình (TP Hải Phòng) được thành lập trên cơ sở sáp nhập toàn bộ phường An Lư và phường Thủy Hà.",
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường An Lư và một phần phường Thủy Hà "
        "thành phường mới có tên gọi là phường Hòa Bình.",
        "Hòa Bình ← Thủy Hà: whole (a.txt) ≠ part (b.md)",
    ),
    (
        "predecessor",
        "Phường Hòa Bình (TP Hải Phòng) được thành lập trên cơ sở sáp nhập toàn bộ phường An Lư, phường Thủy Hà "
        "và phường Hoàng Lâm.",
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường An Lư và phường Thủy Hà "
        "thành phường mới có tên gọi là phường Hòa Bình.",
        "Hòa Bình ← Hoàng Lâm: whole (a.txt) ≠ not named (b.md)",
    ),
    (
        "value",
        "Phường Hòa Bình (TP Hải Phòng) có diện tích tự nhiên 9,8 km².",
        "Phường Hòa Bình (thành phố Hải Phòng) có diện tích tự nhiên 12,5 km².",
        "Hòa Bình, area (actual): 9.8 (a.txt) ≠ 12.5 (b.md)",
    ),
    (
        "date",
        "Theo Nghị quyết số 1669/NQ-UBTVQH15 ngày 16/6/2025, phường Hòa Bình (TP Hải Phòng) được thành lập "
        "trên cơ sở sáp nhập toàn bộ phường An Lư và phường Thủy Hà.",
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường An Lư và phường Thủy Hà "
        "thành phường mới có tên gọi là phường Hòa Bình.",
        "1669/NQ-UBTVQH15: 2025-06-16 (a.txt) ≠ 2025-06-17 (b.md)",
    ),
]
DATE_LINE = "Nghị quyết số 1669/NQ-UBTVQH15 ngày 17/6/2025 về việc sắp xếp các đơn vị hành chính cấp xã.\n\n"

# Pairs that do not disagree: (why, a.txt's text, b.md's text).
AGREEING = [
    (
        "same predecessors and shares, areas 0.1 % apart",
        "Phường Hòa Bình (TP Hải Phòng) được thành lập trên cơ sở sáp nhập toàn bộ phường An Lư và phường Thủy Hà. "
        "Phường có diện tích tự nhiên 9,8 km².",
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường An Lư và phường Thủy Hà "
        "thành phường mới có tên gọi là phường Hòa Bình. Phường Hòa Bình có diện tích tự nhiên 9,81 km².",
    ),
    (
        "b.md lists no predecessor of Hòa Bình, so it is not compared",
        "Phường Hòa Bình (TP Hải Phòng) được thành lập trên cơ sở sáp nhập toàn bộ phường An Lư và phường Thủy Hà.",
        "Theo Nghị quyết số 1669/NQ-UBTVQH15, phường Hòa Bình (thành phố Hải Phòng) đã được thành lập.",
    ),
    (
        "An Lư named with its district in one, without in the other: one unit (one IRI)",
        "Phường Hòa Bình (TP Hải Phòng) được thành lập trên cơ sở sáp nhập toàn bộ phường An Lư "
        "(thị xã Thủy Nguyên) và phường Thủy Hà.",
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường An Lư và phường Thủy Hà "
        "thành phường mới có tên gọi là phường Hòa Bình.",
    ),
]


def build_pair(tmp_path: Path, a: str, b: str) -> rdflib.Graph:
    pa, pb = tmp_path / "a.txt", tmp_path / "b.md"
    pa.write_text(A_HEAD + a + "\n", encoding="utf-8")
    pb.write_text(B_HEAD + b + "\n", encoding="utf-8")
    return kg.build([pa, pb], link=False, validate=False).graph


def sparql_rows(graph: rdflib.Graph):
    query = canned_query("disagreements")
    return run_query(graph, query.text, source=query.source)


def assert_same_as_the_query(graph: rdflib.Graph) -> None:
    """kg.check computes the rows of queries/disagreements.rq natively: the same rows, in the same order."""
    native, sparql = disagreement_rows(graph), sparql_rows(graph)
    assert native.vars == sparql.vars == COLUMNS
    assert native.rows == sparql.rows


@pytest.fixture(scope="module")
def fixture_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(FIXTURE, format="turtle")


# ------------------------------------------------------------------ each kind, from text


@pytest.mark.parametrize(("kind", "a", "b", "summary"), CASES, ids=[case[0] for case in CASES])
def test_two_documents_that_disagree(tmp_path, kind, a, b, summary) -> None:
    graph = build_pair(tmp_path, a, DATE_LINE + b if kind == "date" else b)
    result = check_graph(graph)
    assert [(d.kind, d.summary) for d in result.disagreements] == [(kind, summary)]
    d = result.disagreements[0]
    assert (d.first.file, d.second.file) == ("a.txt", "b.md")
    assert (d.first.evidence, d.second.evidence) == (a, b)
    assert d.first.document and d.second.document and d.first.document != d.second.document
    assert d.first.statement and d.second.statement
    assert_same_as_the_query(graph)


@pytest.mark.parametrize(("why", "a", "b"), AGREEING, ids=[case[0] for case in AGREEING])
def test_documents_that_agree(tmp_path, why, a, b) -> None:
    graph = build_pair(tmp_path, a, b)
    assert check_graph(graph).disagreements == (), why
    assert_same_as_the_query(graph)


def test_a_graph_without_sources() -> None:
    result = check_graph(rdflib.Graph())
    assert len(result) == 0 and result.counts() == dict.fromkeys(KINDS, 0)
    assert format_check(result) == "No disagreements between sources.\n"


def test_the_register_is_a_source_like_any_other(tmp_path) -> None:
    """A source's name is whatever its vnadm:sourceFile says (the register's is no file name)."""
    kind, a, b, _ = CASES[1]
    graph = build_pair(tmp_path, a, b)
    register = "register:vietnamadminunits/Hải Phòng"
    for doc in list(graph.subjects(VNADM.sourceFile, rdflib.Literal("b.md"))):
        graph.set((doc, VNADM.sourceFile, rdflib.Literal(register)))
    [d] = check_graph(graph).disagreements
    assert d.summary == f"Hòa Bình ← Hoàng Lâm: whole (a.txt) ≠ not named ({register})"
    assert_same_as_the_query(graph)


# ------------------------------------------------------------------ the hand-written fixture


def test_fixture_disagreements(fixture_graph) -> None:
    result = check_graph(fixture_graph)
    assert [d.summary for d in result.disagreements] == [
        "1669/NQ-UBTVQH15: 2025-06-16 (news-an-phong.txt) ≠ 2025-06-17 (res-1669-hai-phong.md)",
        "An Phong ← An Dương: whole (news-an-phong.txt) ≠ not named (res-1669-hai-phong.md)",
        "An Phong ← Đại Bản: part (news-an-phong.txt) ≠ not named (res-1669-hai-phong.md)",
        "An Phong ← An Hưng: whole (news-an-phong.txt) ≠ part (res-1669-hai-phong.md)",
        "An Phong, income-per-capita (actual, 2020-2025): 89000000 (news-an-phong.txt)"
        " ≠ 86000000 (res-1669-hai-phong.md)",
    ]
    assert result.counts() == {"date": 1, "predecessor": 2, "share": 1, "value": 1}
    predecessor = result.disagreements[1]
    assert predecessor.first.evidence.startswith("Phường mới gồm toàn bộ xã Lê Thiện")
    # the silent source's sentence about the unit: its reorganization's
    assert predecessor.second.evidence == "Sắp xếp toàn bộ xã Lê Thiện và một phần xã An Hưng thành phường An Phong."
    assert predecessor.second.statement.endswith("reorg/res-1669-hai-phong-md-5e6f7a8b/phuong-an-phong")
    assert predecessor.second.value is None
    assert_same_as_the_query(fixture_graph)


def test_stats_counts_what_check_lists(fixture_graph) -> None:
    assert graph_stats(fixture_graph).disagreements == len(check_graph(fixture_graph))


def test_disagreement_from_a_query_record(fixture_graph) -> None:
    records = sparql_rows(fixture_graph).records()
    assert [Disagreement.from_record(r) for r in records] == list(check_graph(fixture_graph).disagreements)


def test_check_reads_files(tmp_path) -> None:
    result = check([FIXTURE])
    assert isinstance(result, CheckResult) and len(result) == 5
    with pytest.raises(kg.GraphFileError, match="nope.ttl"):
        check([tmp_path / "nope.ttl"])


# ------------------------------------------------------------------ formats


def test_text_blocks(fixture_graph) -> None:
    text = format_check(check_graph(fixture_graph))
    lines = text.splitlines()
    assert lines[:3] == ["date (1): a resolution adopted on two dates", "=" * 43, ""]
    assert lines[-1] == "5 disagreements between sources: 1 date, 2 predecessor, 1 share, 1 value."
    assert (
        "share  An Phong ← An Hưng: whole (news-an-phong.txt) ≠ part (res-1669-hai-phong.md)\n"
        "  news-an-phong.txt: whole\n"
        "    Phường mới gồm toàn bộ xã Lê Thiện, xã An Hưng, thị trấn An Dương và một phần xã Đại Bản.\n"
        "  res-1669-hai-phong.md: part\n"
        "    Sắp xếp toàn bộ xã Lê Thiện và một phần xã An Hưng thành phường An Phong.\n\n"
    ) in text
    assert (
        "predecessor An Phong ← Đại Bản: part (news-an-phong.txt) ≠ not named (res-1669-hai-phong.md)\n"
        "  news-an-phong.txt: names it (part)\n"
    ) in text
    assert "  res-1669-hai-phong.md: does not name it\n" in text
    assert max(len(line) for line in lines if line.startswith("    ")) <= 100


def test_long_sentences_are_cut_around_the_name() -> None:
    sentence = "Sắp xếp " + ", ".join(f"phường Số {i}" for i in range(80)) + " và phường Lê Thiện thành phường mới."
    side = dict(document="https://example.org/d", statement="https://example.org/s")
    d = Disagreement(
        "share", "https://example.org/u", "An Phong", "https://example.org/p", "Lê Thiện",
        first=kg.check.Side(file="a.txt", value="whole", evidence=sentence, **side),
        second=kg.check.Side(file="b.md", value="part", evidence="Ngắn.", **side),
    )
    text = format_check(CheckResult((d,)), width=80)
    sentence_lines = [line for line in text.splitlines() if line.startswith("    ")]
    assert len(sentence_lines) == 4  # three for the long sentence, one for the short
    assert sentence_lines[0].startswith("    … ") and "Lê Thiện" in " ".join(sentence_lines[:3])
    assert all(len(line) <= 80 for line in sentence_lines)
    full = format_check(CheckResult((d,)), width=80, full=True)
    assert "phường Số 0," in full and "…" not in full


def test_json(fixture_graph) -> None:
    doc = json.loads(format_check(check_graph(fixture_graph), "json"))
    assert doc["counts"] == {"date": 1, "predecessor": 2, "share": 1, "value": 1, "total": 5}
    share = next(d for d in doc["disagreements"] if d["kind"] == "share")
    assert share["subject_name"] == "An Phong" and share["about_name"] == "An Hưng"
    assert [s["file"] for s in share["sources"]] == ["news-an-phong.txt", "res-1669-hai-phong.md"]
    assert [s["value"] for s in share["sources"]] == ["whole", "part"]
    assert share["sources"][1]["evidence"].startswith("Sắp xếp toàn bộ xã Lê Thiện và một phần xã An Hưng")


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_and_tsv(fixture_graph, fmt) -> None:
    text = format_check(check_graph(fixture_graph), fmt)
    rows = list(csv.DictReader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))
    assert [row["kind"] for row in rows] == ["date", "predecessor", "predecessor", "share", "value"]
    assert rows[1]["value1"] == "whole" and rows[1]["value2"] == ""
    assert rows[3]["file1"] == "news-an-phong.txt" and rows[3]["evidence2"].startswith("Sắp xếp toàn bộ")


def test_tsv_escapes_tabs() -> None:
    side = kg.check.Side(file="register", document=None, value="whole", evidence="a\tb", statement=None)
    d = Disagreement("share", "u", None, None, None, first=side, second=side)
    line = format_check(CheckResult((d,)), "tsv").splitlines()[1]
    assert "a\\tb" in line and len(line.split("\t")) == len(kg.check.FLAT_COLUMNS)


def test_unknown_format() -> None:
    with pytest.raises(kg.UsageError, match="text, json, csv, tsv"):
        format_check(CheckResult(()), "xml")


# ------------------------------------------------------------------ the command


def test_command_prints_the_blocks_and_exits_0() -> None:
    result = runner().invoke(main, ["check", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert result.stdout == format_check(check([FIXTURE]))
    assert "news-an-phong.txt: 89000000" in result.stdout


def test_command_fail_on_disagreement(tmp_path) -> None:
    result = runner().invoke(main, ["check", str(FIXTURE), "--fail-on-disagreement"])
    assert result.exit_code == 1
    assert result.stdout.endswith("5 disagreements between sources: 1 date, 2 predecessor, 1 share, 1 value.\n")
    assert "the sources disagree (5 disagreements" in result.stderr
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    quiet = runner().invoke(main, ["check", str(empty), "--fail-on-disagreement"])
    assert quiet.exit_code == 0 and quiet.stdout == "No disagreements between sources.\n"


def test_command_json_parses() -> None:
    result = runner().invoke(main, ["check", str(FIXTURE), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["counts"]["total"] == 5


def test_command_bad_graph_exits_3(tmp_path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    result = runner().invoke(main, ["check", str(FIXTURE), str(broken)])
    assert result.exit_code == 3
    assert "broken.ttl" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    missing = runner().invoke(main, ["check", str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 3 and "nope.ttl" in missing.stderr


def test_command_usage_errors_exit_2(tmp_path, monkeypatch) -> None:
    assert runner().invoke(main, ["check", str(FIXTURE), "--format", "xml"]).exit_code == 2
    monkeypatch.chdir(tmp_path)  # no kg-graph.ttl here
    result = runner().invoke(main, ["check"])
    assert result.exit_code == 2 and "kg-graph.ttl" in result.stderr


# ------------------------------------------------------------------ the development corpus


def test_shared_corpus_an_phong(shared_corpus, tmp_path) -> None:
    paths = [shared_corpus / "news-an-phong.txt", shared_corpus / "res-1669-hai-phong.md"]
    graph = kg.build(paths, link=False, validate=False).graph
    result = check_graph(graph)
    example = "An Phong ← Lê Thiện: whole (news-an-phong.txt) ≠ part (res-1669-hai-phong.md)"
    [d] = [d for d in result.disagreements if d.summary == example]
    assert d.kind == "share" and "Lê Thiện" in d.first.evidence and "Lê Thiện" in d.second.evidence
    assert (d.first.file, d.second.file) == ("news-an-phong.txt", "res-1669-hai-phong.md")
    assert_same_as_the_query(graph)
    text = format_check(result)
    assert f"share  {example}\n  news-an-phong.txt: whole\n" in text

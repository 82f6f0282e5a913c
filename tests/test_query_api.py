"""kg.query (running, parameters, errors, result formats), kg.stats, and the
``kg query`` / ``kg stats`` commands, on tests/fixtures/query_graph.ttl."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import Literal, URIRef

from kg import errors
from kg.cli.query import query as query_command
from kg.cli.stats import stats as stats_command
from kg.errors import KgError, UsageError
from kg.query import (
    PREFIXES,
    RESULT_FORMATS,
    CannedQuery,
    QueryResult,
    QuerySyntaxError,
    canned_query,
    format_result,
    list_queries,
    load_query,
    param_value,
    prepare,
    read_graphs,
    run_query,
)
from kg.stats import GraphStats, find_disagreements, format_disagreements, format_stats, graph_stats

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
VNADM = PREFIXES["vnadm"]
ID = PREFIXES["id"]
XSD = PREFIXES["xsd"]
AN_PHONG = URIRef(ID + "unit/hai-phong/phuong-an-phong")


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return read_graphs([FIXTURE])


# ------------------------------------------------------------------ loading queries


def test_list_queries_is_sorted_and_typed() -> None:
    queries = list_queries()
    assert [q.name for q in queries] == sorted(q.name for q in queries)
    assert all(isinstance(q, CannedQuery) and q.path.suffix == ".rq" for q in queries)


def test_load_query_by_name() -> None:
    lineage = load_query("lineage")
    assert isinstance(lineage, CannedQuery)
    assert lineage.params[0][0] == "unit"
    assert lineage.source == "queries/lineage.rq"
    assert lineage.text == lineage.path.read_text(encoding="utf-8")


def test_load_query_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "wards.rq"
    path.write_text("SELECT ?u WHERE { ?u a vnadm:Ward }", encoding="utf-8")
    assert load_query(str(path)) == "SELECT ?u WHERE { ?u a vnadm:Ward }"


def test_a_missing_query_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(errors.InputError, match="no such query file"):
        load_query(str(tmp_path / "missing.rq"))


def test_an_unknown_query_name_lists_the_names() -> None:
    with pytest.raises(UsageError, match="unknown query 'lineages'.*lineage.*successors"):
        load_query("lineages")


# ------------------------------------------------------------------ parameters

PARAM_VALUES = [
    ("An Phong", Literal("An Phong")),
    ("  An Phong ", Literal("An Phong")),
    ("12", Literal(12)),
    ("-3", Literal(-3)),
    ("00691", Literal("00691")),  # an official code keeps its zeros
    ("27.92", Literal(Decimal("27.92"))),
    ("1e3", Literal(1000.0)),
    ("https://w3id.org/vnadm/id/unit/x", URIRef("https://w3id.org/vnadm/id/unit/x")),
    ("<urn:example:a>", URIRef("urn:example:a")),
    ("vnadm:Ward", URIRef(VNADM + "Ward")),
    ("id:unit/hai-phong/phuong-an-phong", AN_PHONG),
    ("foo:bar", Literal("foo:bar")),  # not one of kg's prefixes
    ("1669/NQ-UBTVQH15", Literal("1669/NQ-UBTVQH15")),
    ("Bí thư: Lê Anh", Literal("Bí thư: Lê Anh")),
]


@pytest.mark.parametrize(("text", "expected"), PARAM_VALUES)
def test_param_value(text: str, expected) -> None:
    value = param_value(text)
    assert value == expected
    assert type(value) is type(expected)
    if isinstance(expected, Literal):
        assert value.datatype == expected.datatype


def test_a_number_param_compares_as_a_number(graph) -> None:
    text = "SELECT ?o WHERE { ?o vnadm:value ?v . FILTER(?v > ?min) }"
    assert len(run_query(graph, text, params={"min": "50000000"}).rows) == 3
    assert len(run_query(graph, text, params={"min": "27.915"}).rows) == 5  # 27.92 and up
    assert len(run_query(graph, text, params={"min": "27.925"}).rows) == 4


def test_a_param_may_be_written_with_its_question_mark(graph) -> None:
    lineage = canned_query("lineage")
    plain = run_query(graph, lineage.text, params={"unit": "Kinh Môn"})
    marked = run_query(graph, lineage.text, params={"?unit": "Kinh Môn"})
    assert plain == marked and len(plain.rows) == 2


def test_an_unknown_param_lists_the_declared_ones(graph) -> None:
    indicators = canned_query("indicators")
    with pytest.raises(UsageError) as caught:
        run_query(graph, indicators.text, params={"units": "An Phong"}, source=indicators.source)
    message = str(caught.value)
    assert message.startswith("queries/indicators.rq: unknown parameter 'units'")
    assert "unit, indicator, status" in message
    assert caught.value.exit_code == errors.EXIT_USAGE


def test_an_unknown_param_of_a_query_without_header_lists_its_variables(graph) -> None:
    with pytest.raises(KgError, match=r"declares no parameters; its variables are: name, u"):
        run_query(graph, "SELECT ?u WHERE { ?u vnadm:name ?name }", params={"unit": "x"})


def test_any_variable_of_the_query_may_be_bound(graph) -> None:
    result = run_query(graph, "SELECT ?u ?name WHERE { ?u vnadm:name ?name }", params={"u": str(AN_PHONG)})
    assert [str(row[1]) for row in result.rows] == ["An Phong"]


# ------------------------------------------------------------------ syntax errors

SYNTAX_ERRORS = [
    (
        "# lists wards\nSELECT ?unit\nWHER { ?unit a vnadm:Ward }\n",
        3,
        1,
        "queries/broken.rq:3:1: unexpected 'WHER' (SPARQL syntax error)",
    ),
    (
        "SELECT ?unit WHERE {\n  ?unit a vnadm:Ward ;\n        vnadm:name ?name .\n  FILTER(?name = )\n}\n",
        4,
        3,
        "queries/broken.rq:4:3: unexpected 'FILTER' (SPARQL syntax error)",
    ),
    (
        "SELECT ?u WHERE {\n  ?u a foo:Ward }",
        2,
        8,
        "queries/broken.rq:2:8: undeclared prefix foo: (add PREFIX foo: <…>) (SPARQL syntax error)",
    ),
    (
        "SELECT ?x WHERE { ?x ?p ?o } ORDER BY",
        1,
        30,
        "queries/broken.rq:1:30: expected end of text, found 'ORDER' (SPARQL syntax error)",
    ),
]


@pytest.mark.parametrize(("text", "line", "column", "message"), SYNTAX_ERRORS)
def test_a_syntax_error_says_where(graph, text, line, column, message) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(graph, text, source="queries/broken.rq")
    error = caught.value
    assert (error.line, error.column, error.source) == (line, column, "queries/broken.rq")
    assert str(error) == message
    assert "\n" not in str(error)
    assert isinstance(error, errors.QuerySyntaxError) and error.exit_code == errors.EXIT_USAGE


def test_prepare_caches_by_text() -> None:
    text = canned_query("units").text
    assert prepare(text) is prepare(text)


# ------------------------------------------------------------------ result kinds


def test_ask(graph) -> None:
    result = run_query(graph, "ASK { ?u a vnadm:Ward }")
    assert result.kind == "ASK" and result.vars == ("ask",) and result.rows == ((Literal(True),),)
    assert json.loads(format_result(result, "json")) == {"head": {}, "boolean": True}


def test_construct_keeps_the_graph(graph) -> None:
    result = run_query(graph, "CONSTRUCT { ?u a vnadm:Ward } WHERE { ?u a vnadm:Ward }")
    assert result.kind == "CONSTRUCT" and result.vars == ("subject", "predicate", "object")
    assert len(result.rows) == 4 and len(result.graph) == 4


def test_unbound_values_are_none(graph) -> None:
    result = run_query(graph, canned_query("lineage").text, params={"unit": "An Phong"})
    district = {str(r["predecessorName"]): r["formerDistrict"] for r in result.records()}
    assert district["An Dương"] is None
    assert district["Lê Thiện"] == Literal("huyện An Dương", lang="vi")


# ------------------------------------------------------------------ formats


@pytest.fixture(scope="module")
def indicators(graph) -> QueryResult:
    return run_query(graph, canned_query("indicators").text, params={"unit": "An Phong"})


def test_json_follows_the_sparql_results_format(indicators) -> None:
    doc = json.loads(format_result(indicators, "json"))
    assert doc["head"]["vars"] == list(indicators.vars)
    bindings = doc["results"]["bindings"]
    assert len(bindings) == len(indicators.rows) == 6
    for binding in bindings:
        assert set(binding) <= set(indicators.vars)
        for term in binding.values():
            assert term["type"] in {"uri", "literal", "bnode"} and isinstance(term["value"], str)
    first = bindings[0]
    assert first["refUnit"] == {"type": "uri", "value": str(AN_PHONG)}
    assert first["value"] == {"type": "literal", "value": "27.92", "datatype": XSD + "decimal"}
    assert first["evidence"]["xml:lang"] == "vi"
    assert first["unitName"] == {"type": "literal", "value": "An Phong"}
    assert "period" not in first  # unbound: left out
    assert "qualifier" in bindings[1]


def test_csv_follows_the_sparql_results_format(indicators) -> None:
    text = format_result(indicators, "csv")
    assert text.startswith(",".join(indicators.vars) + "\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(indicators.vars)
    assert len(rows) == 7
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["refUnit"] == str(AN_PHONG)
    assert record["value"] == "27.92"
    assert record["period"] == ""
    assert record["evidence"] == "Phường có diện tích 27,92 km2, dân số 44.660 người."  # quoted: has commas


def test_tsv_follows_the_sparql_results_format(indicators, graph) -> None:
    text = format_result(indicators, "tsv")
    lines = text.split("\n")
    assert lines[0] == "\t".join(f"?{v}" for v in indicators.vars)
    assert lines[-1] == "" and len(lines) == 8
    cells = dict(zip(indicators.vars, lines[1].split("\t"), strict=True))
    assert cells["refUnit"] == f"<{AN_PHONG}>"
    assert cells["value"] == "27.92"
    assert cells["unitName"] == '"An Phong"'
    assert cells["evidence"] == '"Phường có diện tích 27,92 km2, dân số 44.660 người."@vi'
    assert cells["period"] == ""
    odd = run_query(graph, 'SELECT ?s ?d WHERE { BIND("a\\tb\\n\\"c\\"" AS ?s) BIND("2025-06-16"^^xsd:date AS ?d) }')
    assert format_result(odd, "tsv").split("\n")[1] == (
        '"a\\tb\\n\\"c\\""\t"2025-06-16"^^<http://www.w3.org/2001/XMLSchema#date>'
    )


def test_table_aligns_columns_and_shortens_iris(graph) -> None:
    result = run_query(graph, canned_query("successors").text, params={"unit": "An Hưng"})
    text = format_result(result, "table")
    lines = text.rstrip("\n").split("\n")
    assert lines[0].split() == list(result.vars)
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[-1] == "(2 rows)"
    assert "id:unit/hai-phong/former/huyen-an-duong/xa-an-hung" in lines[2]
    assert "vnadm:Whole" in lines[2] and "vnadm:Part" in lines[3]
    assert "https://" not in text
    column = lines[0].index("share")
    assert lines[2][column:].startswith("vnadm:Whole") and lines[3][column:].startswith("vnadm:Part")


def test_table_of_nothing(graph) -> None:
    result = run_query(graph, canned_query("lineage").text, params={"unit": "Nowhere"})
    assert format_result(result, "table").endswith("(0 rows)\n")


def test_an_unknown_format_is_a_usage_error(indicators) -> None:
    with pytest.raises(UsageError, match="table, csv, tsv, json"):
        format_result(indicators, "xml")
    assert RESULT_FORMATS == ("table", "csv", "tsv", "json")


# ------------------------------------------------------------------ graphs


def test_read_graphs_merges_files(tmp_path: Path, graph) -> None:
    extra = tmp_path / "extra.nt"
    extra.write_text(f'<{AN_PHONG}> <{VNADM}officialCode> "00691" .\n', encoding="utf-8")
    merged = read_graphs([FIXTURE, extra])
    assert len(merged) == len(graph) + 1


def test_read_graphs_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(errors.GraphFileError, match="nope.ttl"):
        read_graphs([tmp_path / "nope.ttl"])


# ------------------------------------------------------------------ stats


def test_graph_stats(graph) -> None:
    assert graph_stats(graph) == GraphStats(
        documents=2,
        units_by_class={"Ward": 4, "Commune": 3, "Township": 1, "District": 2, "Province": 1},
        new_units=2,
        predecessors=6,
        reorganizations=3,
        components=8,
        resolutions=1,  # two dated variants of one number
        people=3,
        holdings=5,
        observations=7,
        triples=len(graph),
        disagreements=5,
    )


def test_graph_stats_of_an_empty_graph() -> None:
    stats = graph_stats(rdflib.Graph())
    assert stats.units_by_class == {} and stats.units == 0
    assert (stats.documents, stats.observations, stats.disagreements, stats.triples) == (0, 0, 0, 0)


def test_format_stats(graph) -> None:
    text = format_stats(graph_stats(graph))
    lines = text.splitlines()
    assert lines[0].split() == ["documents", "2"]
    assert lines[1].split() == ["units", "11"]
    assert lines[2].split() == ["Ward", "4"] and lines[2].startswith("  ")
    assert "disagreements" in text
    assert len({len(line) for line in lines}) == 1  # right-aligned numbers


def test_format_disagreements(graph) -> None:
    assert format_disagreements(find_disagreements(graph)).splitlines() == [
        "date   1669/NQ-UBTVQH15: 2025-06-16 (news-an-phong.txt) ≠ 2025-06-17 (res-1669-hai-phong.md)",
        "predecessor An Phong ← An Dương: whole (news-an-phong.txt) ≠ not named (res-1669-hai-phong.md)",
        "predecessor An Phong ← Đại Bản: part (news-an-phong.txt) ≠ not named (res-1669-hai-phong.md)",
        "share  An Phong ← An Hưng: whole (news-an-phong.txt) ≠ part (res-1669-hai-phong.md)",
        "value  An Phong, income-per-capita (actual, 2020-2025): 89000000 (news-an-phong.txt)"
        " ≠ 86000000 (res-1669-hai-phong.md)",
    ]


# ------------------------------------------------------------------ the commands


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_every_command_has_an_example() -> None:
    for command in (query_command, stats_command):
        assert "Example:" in (command.help or "")


def test_query_list(runner) -> None:
    result = runner.invoke(query_command, ["--list"])
    assert result.exit_code == 0, result.output
    for canned in list_queries():
        assert f"{canned.name} — {canned.summary}" in result.output
    assert "--param unit=" in result.output
    assert "_stats" not in result.output


def test_query_a_canned_query(runner) -> None:
    result = runner.invoke(query_command, ["lineage", "--data", str(FIXTURE), "--param", "unit=An Phong"])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("(6 rows)")
    assert "vnadm:Part" in result.output


@pytest.mark.parametrize("fmt", RESULT_FORMATS)
def test_query_formats(runner, fmt) -> None:
    args = ["officials", "-d", str(FIXTURE), "-p", "unit=Kinh Môn", "--format", fmt]
    result = runner.invoke(query_command, args)
    assert result.exit_code == 0, result.output
    assert "Trần Thị Hoa" in result.output
    if fmt == "json":
        assert len(json.loads(result.output)["results"]["bindings"]) == 1


def test_query_a_file_with_output(runner, tmp_path: Path) -> None:
    path = tmp_path / "wards.rq"
    path.write_text("SELECT ?name WHERE { ?u a vnadm:Ward ; vnadm:name ?name } ORDER BY ?name\n", "utf-8")
    out = tmp_path / "wards.csv"
    result = runner.invoke(query_command, [str(path), "-d", str(FIXTURE), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert out.read_bytes().decode("utf-8").split("\r\n") == [
        "name",
        "An Lưu",
        "An Phong",
        "Hiệp An",
        "Kinh Môn",
        "",
    ]


def test_query_sparql_text(runner) -> None:
    result = runner.invoke(query_command, ["--sparql", "ASK { ?u a vnadm:Ward }", "-d", str(FIXTURE)])
    assert result.exit_code == 0 and "true" in result.output


def test_query_reads_kg_graph_ttl_by_default(runner, tmp_path: Path, monkeypatch) -> None:
    shutil.copy(FIXTURE, tmp_path / "kg-graph.ttl")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(query_command, ["units", "-p", "class=Township"])
    assert result.exit_code == 0, result.output
    assert "(1 row)" in result.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--sparql", "SELECT ?x WHER { }"],
            2,
            "Error: <--sparql>:1:16: expected one of DISTINCT, WHERE (SPARQL syntax error)",
        ),
        (["lineage", "-p", "units=An Phong"], 2, "unknown parameter 'units'; its parameters are: unit"),
        (["lineage", "-p", "unit"], 2, "is not KEY=VALUE"),
        (["lineage", "-p", "unit=a", "-p", "unit=b"], 2, "--param unit is given twice"),
        (["lineages"], 2, "unknown query 'lineages'"),
        (["lineage", "--sparql", "ASK {}"], 2, "not both"),
        ([], 2, "give a query"),
        (["missing.rq"], 3, "missing.rq: no such query file"),
        (["lineage", "-f", "xml"], 2, "Invalid value for '-f' / '--format'"),
    ],
)
def test_query_errors(runner, args, code, message) -> None:
    result = runner.invoke(query_command, [*args, "-d", str(FIXTURE)])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_query_a_missing_graph(runner, tmp_path: Path) -> None:
    result = runner.invoke(query_command, ["units", "-d", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 3
    assert "nope.ttl" in result.output


def test_query_without_any_graph(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(query_command, ["units"])
    assert result.exit_code == 2
    assert "no graph to read" in result.output and "kg-graph.ttl" in result.output


def test_stats(runner) -> None:
    result = runner.invoke(stats_command, [str(FIXTURE)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["documents", "2"]
    assert "Disagreements between documents (5):" in lines
    assert lines[-1].startswith("value  An Phong, income-per-capita (actual, 2020-2025): 89000000")


def test_stats_json(runner) -> None:
    result = runner.invoke(stats_command, [str(FIXTURE), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["stats"]["documents"] == 2 and doc["stats"]["units"] == 11
    assert doc["stats"]["units_by_class"]["Ward"] == 4
    assert [row["kind"] for row in doc["disagreements"]] == ["date", "predecessor", "predecessor", "share", "value"]
    assert doc["disagreements"][0]["about"] is None


def test_stats_of_several_graphs_and_errors(runner, tmp_path: Path) -> None:
    assert runner.invoke(stats_command, [str(FIXTURE), str(FIXTURE)]).exit_code == 0
    missing = runner.invoke(stats_command, [str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 3 and "nope.ttl" in missing.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    bad = runner.invoke(stats_command, [str(broken)])
    assert bad.exit_code == 3 and "broken.ttl" in bad.output and "Traceback" not in bad.output

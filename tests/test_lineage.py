"""kg lineage: views of a graph's merger lineage (kg.lineage), their text formats and the command."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from cli_runner import runner

import kg
from kg.cli import main
from kg.errors import UsageError
from kg.lineage import (
    AmbiguousUnitError,
    Lineage,
    LineageError,
    UnknownUnitError,
    lineage_view,
    to_gexf,
    to_graphml,
    to_json,
    to_mermaid,
)

UNIT = "https://w3id.org/vnadm/id/unit/hai-phong/"

# A resolution (items 1-4) and an article that says phường Thủy Hà joined Hòa Bình whole
# where the resolution says in part. Thủy Hà and Tân Tiến are split; quận An Dương held
# Lê Lợi and Tân Tiến; phường Hòa Bình (new) and xã Hòa Bình (old) share a name.
RESOLUTION = """# Nghị quyết về sắp xếp các đơn vị hành chính cấp xã của thành phố Hải Phòng

Nghị quyết số 1669/NQ-UBTVQH15 ngày 16/6/2025 về việc sắp xếp các đơn vị hành chính cấp xã của thành phố Hải Phòng.

Điều 1. Sắp xếp các đơn vị hành chính cấp xã của thành phố Hải Phòng

1. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường An Lư và một phần phường Thủy Hà \
thành phường mới có tên gọi là phường Hòa Bình.

2. Sắp xếp một phần phường Thủy Hà, toàn bộ phường Lê Lợi (quận An Dương) và một phần phường Tân Tiến \
(quận An Dương) thành phường mới có tên gọi là phường Thủy Nguyên.

3. Sắp xếp một phần phường Tân Tiến (quận An Dương) và toàn bộ xã Hồng Phong thành phường mới có tên gọi \
là phường An Phong.

4. Sắp xếp toàn bộ xã Đại Bản và toàn bộ xã Hòa Bình thành xã mới có tên gọi là xã Đại Bản.
"""

ARTICLE = """Phường Hòa Bình ra mắt

Thu Hà 05/07/2025 14:20

Phường Hòa Bình (TP Hải Phòng) được thành lập trên cơ sở sáp nhập toàn bộ phường An Lư và phường Thủy Hà.
"""

# IRIs by short name
IRI = {
    "An Phong": UNIT + "phuong-an-phong",
    "Hòa Bình": UNIT + "phuong-hoa-binh",
    "Thủy Nguyên": UNIT + "phuong-thuy-nguyen",
    "Đại Bản": UNIT + "xa-dai-ban",
    "An Lư": UNIT + "former/phuong-an-lu",
    "Thủy Hà": UNIT + "former/phuong-thuy-ha",
    "Lê Lợi": UNIT + "former/quan-an-duong/phuong-le-loi",
    "Tân Tiến": UNIT + "former/quan-an-duong/phuong-tan-tien",
    "Hồng Phong": UNIT + "former/xa-hong-phong",
    "xã Hòa Bình": UNIT + "former/xa-hoa-binh",
    "xã Đại Bản": UNIT + "former/xa-dai-ban",
}
NAME = {iri: name for name, iri in IRI.items()}
NEW = {"An Phong", "Hòa Bình", "Thủy Nguyên", "Đại Bản"}


def names(view: nx.DiGraph) -> set[str]:
    return {NAME[iri] for iri in view}


def edge_names(view: nx.DiGraph) -> set[tuple[str, str]]:
    return {(NAME[a], NAME[b]) for a, b in view.edges}


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lineage")
    (folder / "res.md").write_text(RESOLUTION, encoding="utf-8")
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = kg.build([folder / "res.md", folder / "a.txt"], validate=False)
    path = folder / "kg-graph.ttl"
    kg.write_graph(result.graph, path)
    return path


@pytest.fixture(scope="module")
def graph(graph_file) -> rdflib.Graph:
    return rdflib.Graph().parse(graph_file, format="turtle")


@pytest.fixture(scope="module")
def lineage(graph) -> Lineage:
    return Lineage(graph)


# ------------------------------------------------------------------ the view contract


def test_view_of_a_new_unit(lineage) -> None:
    view = lineage_view(lineage, unit="An Phong")
    assert view.graph == {"title": "Lineage of phường An Phong", "resolutions": []}
    # its predecessors, and the other new unit that received a part of the split Tân Tiến
    assert names(view) == {"An Phong", "Tân Tiến", "Hồng Phong", "Thủy Nguyên"}
    assert edge_names(view) == {("Tân Tiến", "An Phong"), ("Hồng Phong", "An Phong"), ("Tân Tiến", "Thủy Nguyên")}
    assert list(view) == sorted(view), "nodes in sorted order"
    assert view.nodes[IRI["An Phong"]] == {
        "kind": "new",
        "label": "phường An Phong",
        "name": "An Phong",
        "type": "phường",
        "unit_class": "Ward",
        "code": "11593",
        "province": "Hải Phòng",
        "district": "",
        "sources": ["res.md"],
        "iri": IRI["An Phong"],
    }
    tan_tien = view.nodes[IRI["Tân Tiến"]]
    assert (tan_tien["kind"], tan_tien["district"], tan_tien["label"]) == ("old", "quận An Dương", "phường Tân Tiến")
    assert view.nodes[IRI["Hồng Phong"]]["unit_class"] == "Commune"
    assert view.edges[IRI["Tân Tiến"], IRI["An Phong"]] == {
        "share": "part",
        "sources": ["res.md"],
        "shares": {"res.md": "part"},
        "resolutions": [],
    }
    assert view.edges[IRI["Hồng Phong"], IRI["An Phong"]]["share"] == "whole"


DEPTHS = [
    ("An Phong", 1, {"An Phong", "Tân Tiến", "Hồng Phong", "Thủy Nguyên"}),
    ("An Phong", 2, {"An Phong", "Tân Tiến", "Hồng Phong", "Thủy Nguyên", "Lê Lợi", "Thủy Hà", "Hòa Bình"}),
    ("An Phong", 3, {"An Phong", "Tân Tiến", "Hồng Phong", "Thủy Nguyên", "Lê Lợi", "Thủy Hà", "Hòa Bình", "An Lư"}),
    ("An Phong", 9, {"An Phong", "Tân Tiến", "Hồng Phong", "Thủy Nguyên", "Lê Lợi", "Thủy Hà", "Hòa Bình", "An Lư"}),
    ("Thủy Nguyên", 1, {"Thủy Nguyên", "Lê Lợi", "Thủy Hà", "Tân Tiến", "Hòa Bình", "An Phong"}),
    ("xã Đại Bản", 1, {"Đại Bản", "xã Đại Bản", "xã Hòa Bình"}),
    # an old unit: the new units it went into and their predecessors
    ("Thủy Hà", 1, {"Thủy Hà", "Hòa Bình", "Thủy Nguyên", "An Lư", "Lê Lợi", "Tân Tiến"}),
    ("Lê Lợi", 1, {"Lê Lợi", "Thủy Nguyên", "Thủy Hà", "Tân Tiến"}),
    # depth 2: the old units it added expand in turn (the new units they went into, their predecessors)
    ("Lê Lợi", 2, {"Lê Lợi", "Thủy Nguyên", "Thủy Hà", "Tân Tiến", "Hòa Bình", "An Phong", "An Lư", "Hồng Phong"}),
]


@pytest.mark.parametrize(("unit", "depth", "expected"), DEPTHS, ids=[f"{u}-{d}" for u, d, _ in DEPTHS])
def test_depth(lineage, unit, depth, expected) -> None:
    view = lineage_view(lineage, unit=IRI[unit], depth=depth)
    assert names(view) == expected
    assert {NAME[n] for n, data in view.nodes(data=True) if data["kind"] == "new"} == expected & NEW


def test_disputed_share(lineage) -> None:
    view = lineage_view(lineage, unit="Thủy Hà")
    assert view.graph["title"] == "Lineage of phường Thủy Hà"
    assert view.edges[IRI["Thủy Hà"], IRI["Hòa Bình"]] == {
        "share": "disputed",
        "sources": ["a.txt", "res.md"],
        "shares": {"a.txt": "whole", "res.md": "part"},
        "resolutions": ["1669/NQ-UBTVQH15"],
    }
    assert view.edges[IRI["An Lư"], IRI["Hòa Bình"]]["share"] == "whole"  # both sources agree
    assert view.nodes[IRI["Thủy Hà"]]["sources"] == ["a.txt", "res.md"]
    assert view.graph["resolutions"] == ["1669/NQ-UBTVQH15"]


def test_resolution_view(lineage) -> None:
    for asked in ("1669/NQ-UBTVQH15", "1669", "1669/nq-ubtvqh15"):
        view = lineage_view(lineage, resolution=asked)
        assert view.graph == {"title": "Resolution 1669/NQ-UBTVQH15", "resolutions": ["1669/NQ-UBTVQH15"]}
        # the units formed with that legal basis, with their components from any source
        assert names(view) == {"Hòa Bình", "An Lư", "Thủy Hà"}
        assert view.edges[IRI["Thủy Hà"], IRI["Hòa Bình"]]["sources"] == ["a.txt", "res.md"]
    with pytest.raises(UnknownUnitError, match="no resolution '1234/NQ-UBTVQH15'.*1669/NQ-UBTVQH15"):
        lineage_view(lineage, resolution="1234/NQ-UBTVQH15")


@pytest.mark.parametrize("asked", ["Hải Phòng", "hai phong", "thành phố Hải Phòng", "TP Hải Phòng"])
def test_province_view(lineage, asked) -> None:
    view = lineage_view(lineage, province=asked)
    assert view.graph["title"] == "Hải Phòng"
    assert names(view) == set(IRI)
    assert view.number_of_edges() == 9


def test_unknown_province(lineage) -> None:
    with pytest.raises(UnknownUnitError, match="Hà Nội"):
        lineage_view(lineage, province="Hà Nội")
    with pytest.raises(UnknownUnitError, match="did you mean: Hải Phòng"):
        lineage_view(lineage, province="Hai Phongg")


@pytest.mark.parametrize("asked", ["quận An Dương", "An Dương", "quan an duong", "an duong", "312"])
def test_former_district_view(lineage, asked) -> None:
    view = lineage_view(lineage, former_district=asked)
    assert view.graph["title"] == "Former quận An Dương, Hải Phòng"
    # its old units, the new units they went into, and those units' other predecessors
    assert names(view) == {"Lê Lợi", "Tân Tiến", "Thủy Nguyên", "An Phong", "Thủy Hà", "Hồng Phong"}


def test_unknown_former_district(lineage) -> None:
    with pytest.raises(UnknownUnitError, match="did you mean: quận An Dương"):
        lineage_view(lineage, former_district="An Duong x")


# ------------------------------------------------------------------ finding a unit


@pytest.mark.parametrize(
    "asked",
    [
        "An Phong",
        "phường An Phong",
        "an phong",
        "phuong an phong",
        "PHƯỜNG AN PHONG",
        "  An   Phong ",
        "An Phong, Hải Phòng",
        "11593",
        UNIT + "phuong-an-phong",
        f"<{UNIT}phuong-an-phong>",
        "id:unit/hai-phong/phuong-an-phong",
    ],
)
def test_find_a_unit(lineage, asked) -> None:
    assert lineage.find_unit(asked) == IRI["An Phong"]


def test_find_an_old_unit(lineage) -> None:
    assert lineage.find_unit("Tân Tiến") == IRI["Tân Tiến"]
    assert lineage.find_unit("11596") == IRI["Tân Tiến"]
    assert lineage.find_unit("phuong tan tien, an duong") == IRI["Tân Tiến"]
    assert lineage_view(lineage, unit="tan tien").nodes[IRI["Tân Tiến"]]["kind"] == "old"


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Hòa Bình", {"Hòa Bình", "xã Hòa Bình"}),
        ("hoa binh", {"Hòa Bình", "xã Hòa Bình"}),
        ("Đại Bản", {"Đại Bản", "xã Đại Bản"}),
        ("11533", {"Hòa Bình", "An Lư"}),  # the register's code of the new unit is an old unit's
    ],
)
def test_ambiguous_name(lineage, asked, expected) -> None:
    with pytest.raises(AmbiguousUnitError) as caught:
        lineage.find_unit(asked)
    error = caught.value
    assert error.exit_code == 2 and isinstance(error, kg.KgError)
    assert {NAME[c.iri] for c in error.candidates} == expected
    message = str(error)
    for candidate in error.candidates:
        assert candidate.label in message and candidate.ask in message
        assert "Hải Phòng" in candidate.describe()
        # the exact way to ask for it selects it alone
        assert lineage.find_unit(candidate.ask.strip('"')) == candidate.iri
    kinds = {c.kind for c in error.candidates}
    assert kinds <= {"new", "old"}


def test_ambiguous_message_lists_type_district_and_province(lineage) -> None:
    with pytest.raises(AmbiguousUnitError) as caught:
        lineage.find_unit("Hòa Bình")
    lines = str(caught.value).splitlines()
    assert lines[0] == "'Hòa Bình' fits 2 units; ask for one of them:"
    assert any(line.strip().startswith("phường Hòa Bình (new unit; Hải Phòng, code 11533)") for line in lines)
    assert any(line.strip().startswith("xã Hòa Bình (old unit; Hải Phòng)") for line in lines)


def test_unknown_unit_names_near_matches(lineage) -> None:
    with pytest.raises(UnknownUnitError, match=r"no unit 'An Phongg' in the graph; did you mean: .*phường An Phong"):
        lineage.find_unit("An Phongg")
    with pytest.raises(UnknownUnitError) as caught:
        lineage.find_unit("Xyzzy")
    assert caught.value.near == () and caught.value.exit_code == 2
    with pytest.raises(UnknownUnitError):
        lineage.find_unit(UNIT + "phuong-nowhere")


def test_a_unit_without_lineage(lineage) -> None:
    with pytest.raises(LineageError, match="no source gives its lineage"):
        lineage.find_unit(UNIT + "former/quan-an-duong")  # a district: in the graph, in no lineage


@pytest.mark.parametrize(
    "selectors",
    [{}, {"unit": "An Phong", "province": "Hải Phòng"}, {"resolution": "1669", "former_district": "An Dương"}],
)
def test_exactly_one_selector(graph, selectors) -> None:
    with pytest.raises(UsageError, match="exactly one"):
        lineage_view(graph, **selectors)


def test_view_from_an_rdflib_graph(graph, lineage) -> None:
    assert to_json(lineage_view(graph, unit="An Phong")) == to_json(lineage_view(lineage, unit="An Phong"))


# ------------------------------------------------------------------ text formats


@pytest.fixture(scope="module")
def view(lineage) -> nx.DiGraph:
    return lineage_view(lineage, unit="Thủy Nguyên")


def test_mermaid(view) -> None:
    text = to_mermaid(view)
    lines = text.splitlines()
    assert lines[:4] == ["---", 'title: "Lineage of phường Thủy Nguyên"', "---", "flowchart LR"]
    # Thủy Hà: no text names its district; the register's, on the unit it is linked to, groups it
    assert '  subgraph d1["thành phố Thủy Nguyên"]' in lines
    assert any(line.startswith("  subgraph ") and '["quận An Dương"]' in line for line in lines)
    assert any(line.startswith("  subgraph p") and '["Hải Phòng"]' in line for line in lines)
    ids = {line.split("[", 1)[0].strip(): line for line in lines if line.startswith("    n")}
    by_label = {line.split('"')[1].split("<br/>")[0]: node for node, line in ids.items()}
    assert set(by_label) == {view.nodes[n]["label"] for n in view}
    lê_lợi, thủy_nguyên = by_label["phường Lê Lợi"], by_label["phường Thủy Nguyên"]
    thủy_hà, hòa_bình = by_label["phường Thủy Hà"], by_label["phường Hòa Bình"]
    assert f"  {lê_lợi} --> {thủy_nguyên}" in lines  # whole: solid
    assert f"  {by_label['phường Tân Tiến']} -.-> {thủy_nguyên}" in lines  # part: dashed
    assert f"  {thủy_hà} -.->|disputed| {hòa_bình}" in lines
    assert text.count("subgraph") == text.count("\n  end")
    assert text == to_mermaid(view)


def test_mermaid_quotes_labels() -> None:
    view = nx.DiGraph(title='a "quoted" #title', resolutions=[])
    view.add_node("urn:x", kind="new", label='xã "A" <b>#1', province="", code="")
    text = to_mermaid(view)
    assert 'n0["xã #quot;A#quot; #lt;b#gt;#35;1"]' in text
    assert '  subgraph p0["province unknown"]' in text


def test_graphml_round_trip(view) -> None:
    text = to_graphml(view)
    back = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert set(back.nodes) == set(view.nodes) and set(back.edges) == set(view.edges)
    for node, data in view.nodes(data=True):
        got = back.nodes[node]
        for key in ("kind", "label", "type", "code", "province", "district", "iri"):
            assert got[key] == data[key], key
        assert got["sources"] == "; ".join(data["sources"])
    for old, new, data in view.edges(data=True):
        got = back.edges[old, new]
        assert got["share"] == data["share"]
        assert got["sources"] == "; ".join(data["sources"])
        assert got["resolutions"] == "; ".join(data["resolutions"])
    disputed = back.edges[IRI["Thủy Hà"], IRI["Hòa Bình"]]
    assert disputed["shares"] == "a.txt: whole; res.md: part"
    assert back.graph["title"] == "Lineage of phường Thủy Nguyên"
    assert text == to_graphml(view)


def test_gexf_parses(view) -> None:
    text = to_gexf(view)
    assert "lastmodifieddate" not in text
    back = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    assert set(back.nodes) == set(view.nodes) and set(back.edges) == set(view.edges)
    assert back.nodes[IRI["Lê Lợi"]]["label"] == "phường Lê Lợi"
    assert back.nodes[IRI["Lê Lợi"]]["code"] == "11581"
    assert back.edges[IRI["Thủy Hà"], IRI["Hòa Bình"]]["share"] == "disputed"
    assert text == to_gexf(view)


def test_json(view) -> None:
    text = to_json(view)
    assert "phường Thủy Nguyên" in text  # not \\u escapes
    data = json.loads(text)
    assert data["graph"] == {"title": "Lineage of phường Thủy Nguyên", "resolutions": ["1669/NQ-UBTVQH15"]}
    assert [node["id"] for node in data["nodes"]] == sorted(view.nodes)
    assert [(e["source"], e["target"]) for e in data["edges"]] == sorted(view.edges)
    back = nx.node_link_graph(data, edges="edges")
    assert dict(back.nodes(data=True)) == dict(view.nodes(data=True))
    assert {(a, b): d for a, b, d in back.edges(data=True)} == {(a, b): d for a, b, d in view.edges(data=True)}


def test_formats_are_deterministic(graph_file) -> None:
    """Two reads of the file, two Lineage objects: the same text in every format."""
    outputs = []
    for _ in range(2):
        fresh = lineage_view(rdflib.Graph().parse(graph_file, format="turtle"), province="Hải Phòng")
        outputs.append([f(fresh) for f in (to_mermaid, to_graphml, to_gexf, to_json)])
    assert outputs[0] == outputs[1]


# ------------------------------------------------------------------ the command


def run(*args: str | Path):
    result = runner().invoke(main, ["lineage", *(str(a) for a in args)], catch_exceptions=False)
    assert "Traceback" not in result.stderr
    return result


def test_cli_mermaid_on_stdout_by_default(graph_file) -> None:
    result = run("phuong an phong", "--data", graph_file)
    assert result.exit_code == 0, result.stderr
    assert "flowchart LR" in result.stdout
    assert result.stderr.startswith("Lineage of phường An Phong: 2 old units, 2 new units, 3 edges.")


def test_cli_json_on_stdout(graph_file) -> None:
    result = run("--resolution", "1669", "--data", graph_file, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["graph"]["title"] == "Resolution 1669/NQ-UBTVQH15"
    assert "1 disputed" in result.stderr


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("v.graphml", lambda path: nx.read_graphml(path).number_of_nodes() == 6),
        ("v.gexf", lambda path: nx.read_gexf(path).number_of_nodes() == 6),
        ("v.json", lambda path: len(json.loads(path.read_text("utf-8"))["nodes"]) == 6),
        ("v.mmd", lambda path: "flowchart LR" in (t := path.read_text("utf-8"))
         and t.count("subgraph") == t.count("\n  end") >= 3),
        ("v.dot", lambda path: "digraph" in path.read_text("utf-8")),
        ("v.gv", lambda path: "digraph" in path.read_text("utf-8")),
        ("v.html", lambda path: "<html" in path.read_text("utf-8").lower()),
    ],
)
def test_cli_format_from_the_extension(graph_file, tmp_path, name, check) -> None:
    path = tmp_path / name
    result = run("--former-district", "quận An Dương", "--data", graph_file, "-o", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"Wrote {path}" in result.stderr and "4 old units, 2 new units, 5 edges" in result.stderr
    assert check(path)


def test_cli_format_option_wins(graph_file, tmp_path) -> None:
    path = tmp_path / "view.txt"
    result = run("An Phong", "--data", graph_file, "--format", "json", "-o", path)
    assert result.exit_code == 0, result.stderr
    assert json.loads(path.read_text("utf-8"))["graph"]["title"] == "Lineage of phường An Phong"


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_cli_svg(graph_file, tmp_path) -> None:
    path = tmp_path / "an-phong.svg"
    result = run("An Phong", "--data", graph_file, "-o", path)
    assert result.exit_code == 0, result.stderr
    assert "<svg" in path.read_text("utf-8")


def test_cli_default_graph(graph_file, monkeypatch) -> None:
    monkeypatch.chdir(graph_file.parent)
    result = run("--province", "Hải Phòng")
    assert result.exit_code == 0 and "flowchart LR" in result.stdout


def test_cli_quiet(graph_file) -> None:
    result = runner().invoke(main, ["-q", "lineage", "An Phong", "--data", str(graph_file)])
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give exactly one of UNIT, --resolution, --province, --former-district"),
        (("An Phong", "--province", "Hải Phòng"), "(got UNIT, --province)"),
        (("--province", "Hải Phòng", "--depth", "2"), "--depth goes with UNIT"),
        (("An Phong", "--depth", "0"), "0"),
        (("An Phong", "--format", "png"), "--format png writes a file: give -o FILE.png"),
        (("An Phong", "-o", "view.xyz"), "cannot tell the format of view.xyz"),
        (("An Phong", "--format", "jpeg"), "jpeg"),
        (("Hòa Bình",), "'Hòa Bình' fits 2 units; ask for one of them:"),
        (("Xyzzy",), "no unit 'Xyzzy' in the graph"),
        (("--resolution", "99/NQ"), "no resolution '99/NQ'"),
        (("An Phong", "-o", "no/such/folder/v.json"), "the folder no/such/folder does not exist"),
    ],
)
def test_cli_usage_errors(graph_file, args, message) -> None:
    result = run(*args, "--data", graph_file)
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert result.stdout == ""


def test_cli_ambiguous_lists_how_to_ask(graph_file) -> None:
    result = run("Hòa Bình", "--data", graph_file)
    assert result.exit_code == 2
    assert 'ask for "xã Hòa Bình"' in result.stderr
    assert "phường Hòa Bình (new unit; Hải Phòng, code 11533)" in result.stderr


def test_cli_missing_graph(tmp_path) -> None:
    result = run("An Phong", "--data", tmp_path / "nope.ttl")
    assert result.exit_code == 3 and "nope.ttl" in result.stderr


def test_cli_help() -> None:
    result = runner().invoke(main, ["lineage", "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout


# ------------------------------------------------------------------ the shared corpus


def test_hai_phong_resolution(shared_corpus) -> None:
    built = kg.build([shared_corpus / "res-1669-hai-phong.md", shared_corpus / "news-an-phong.txt"], validate=False)
    view = lineage_view(built.graph, resolution="1669/NQ-UBTVQH15")
    assert view.graph["title"] == "Resolution 1669/NQ-UBTVQH15"
    assert sum(1 for _, data in view.nodes(data=True) if data["kind"] == "new") == 114
    assert all(data["share"] in ("whole", "part", "disputed") for _, _, data in view.edges(data=True))
    an_phong = lineage_view(built.graph, unit="phường An Phong")
    disputed = [(a, b) for a, b, d in an_phong.edges(data=True) if d["share"] == "disputed"]
    assert disputed == [(UNIT + "former/phuong-le-thien", UNIT + "phuong-an-phong")]

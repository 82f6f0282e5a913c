"""Comparison keys (kg.comparison): what kg build adds so that the disagreements query finds
disputed figures and predecessors by reading one predicate, also across graphs built apart."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib import RDF, URIRef
from test_check import A_HEAD, B_HEAD, CASES, FIXTURE, assert_same_as_the_query, build_pair

import kg
from kg.check import check_graph
from kg.comparison import KEY_PREDICATES, add_comparison_keys, figure_iri
from kg.namespaces import ID, IND, VNADM

HOA_BINH = ID["unit/hai-phong/phuong-hoa-binh"]


def without_keys(graph: rdflib.Graph) -> rdflib.Graph:
    bare = rdflib.Graph()
    for s, p, o in graph:
        if p not in KEY_PREDICATES and not (p == RDF.type and o == VNADM.Figure):
            bare.add((s, p, o))
    return bare


def build_one(tmp_path: Path, name: str, head: str, text: str) -> rdflib.Graph:
    path = tmp_path / name
    path.write_text(head + text + "\n", encoding="utf-8")
    return kg.build([path], link=False, validate=False).graph


def test_the_fixture_holds_exactly_the_keys_of_its_statements() -> None:
    graph = rdflib.Graph().parse(FIXTURE, format="turtle")
    bare = without_keys(graph)
    keys = len(graph) - len(bare)
    assert keys > 0
    assert add_comparison_keys(bare) == keys
    assert set(bare) == set(graph)


def test_adding_the_keys_twice_adds_nothing(tmp_path) -> None:
    graph = build_pair(tmp_path, CASES[2][1], CASES[2][2])
    assert add_comparison_keys(graph) == 0


def test_a_figure_holds_every_value_its_sources_give(tmp_path) -> None:
    graph = build_pair(
        tmp_path,
        "Phường Hòa Bình (TP Hải Phòng) có diện tích tự nhiên 9,8 km², dân số 41.250 người.",
        "Phường Hòa Bình (thành phố Hải Phòng) có diện tích tự nhiên 12,5 km², quy mô dân số 41.250 người.",
    )
    area = figure_iri(HOA_BINH, IND["area"], VNADM.Actual, "")
    population = figure_iri(HOA_BINH, IND["population"], VNADM.Actual, "")
    assert str(area) == str(ID) + "figure/hai-phong/phuong-hoa-binh/area/actual"
    assert sorted(float(v) for v in graph.objects(area, VNADM.reportedValue)) == [9.8, 12.5]
    assert [float(v) for v in graph.objects(population, VNADM.reportedValue)] == [41250.0]
    # every observation points to its figure, and the two documents' area observations to one
    for observation in graph.subjects(RDF.type, VNADM.Observation):
        [figure] = graph.objects(observation, VNADM.figure)
        assert (figure, RDF.type, VNADM.Figure) in graph
    assert len(set(graph.subjects(VNADM.figure, area))) == 2


def test_a_figure_is_one_period_and_one_status() -> None:
    unit, income = ID["unit/x/xa-a"], IND["income-per-capita"]
    figures = {
        figure_iri(unit, income, VNADM.Actual, ""),
        figure_iri(unit, income, VNADM.Actual, "2020-2025"),
        figure_iri(unit, income, VNADM.Actual, "2020–2025"),  # another term as written: compared apart
        figure_iri(unit, income, VNADM.Target, "2020-2025"),
    }
    assert len(figures) == 4
    assert all(str(f).startswith(str(ID) + "figure/x/xa-a/income-per-capita/") for f in figures)


def test_signatures_tell_which_accounts_list_other_predecessors(tmp_path) -> None:
    same = "Phường Hòa Bình (TP Hải Phòng) được thành lập trên cơ sở sáp nhập toàn bộ phường An Lư và phường Thủy Hà."
    resolution = ("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường An Lư và phường Thủy Hà "
                  "thành phường mới có tên gọi là phường Hòa Bình.")
    agreeing = build_pair(tmp_path, same, resolution)
    assert len(set(agreeing.objects(HOA_BINH, VNADM.predecessorSignature))) == 1
    more = same.replace("phường An Lư và phường Thủy Hà", "phường An Lư, phường Thủy Hà và phường Hoàng Lâm")
    differing = build_pair(tmp_path, more, resolution)
    assert len(set(differing.objects(HOA_BINH, VNADM.predecessorSignature))) == 2
    # each account names its units in one triple
    named = {
        str(reorganization).split("/")[-2]: {str(u).rsplit("/", 1)[-1] for u in units}
        for reorganization in differing.subjects(VNADM.resultingUnit, HOA_BINH)
        for units in [set(differing.objects(reorganization, VNADM.originalUnit))]
    }
    assert sorted(named.values(), key=len) == [
        {"phuong-an-lu", "phuong-thuy-ha"}, {"phuong-an-lu", "phuong-thuy-ha", "phuong-hoang-lam"},
    ]


def test_predecessors_by_share(tmp_path) -> None:
    kind, a, b, _ = CASES[0]  # Thủy Hà whole in a.txt, in part in b.md
    graph = build_pair(tmp_path, a, b)
    whole = {str(u).rsplit("/", 1)[-1] for u in graph.objects(HOA_BINH, VNADM.wholePredecessor)}
    part = {str(u).rsplit("/", 1)[-1] for u in graph.objects(HOA_BINH, VNADM.partPredecessor)}
    assert whole == {"phuong-an-lu", "phuong-thuy-ha"}
    assert part == {"phuong-thuy-ha"}
    # both are vnadm:predecessor, the shortcut every component gives
    assert {URIRef(u) for u in graph.objects(HOA_BINH, VNADM.predecessor)} == set(
        graph.objects(HOA_BINH, VNADM.wholePredecessor)) | set(graph.objects(HOA_BINH, VNADM.partPredecessor))


def test_graphs_built_apart_disagree_when_queried_together(tmp_path) -> None:
    """The keys come from single statements, so the union of two graphs built apart has the
    keys of both: the query finds the disagreements a build of both documents finds."""
    for kind, a, b, summary in CASES:
        if kind == "date":
            continue  # a resolution's date is on the resolution, not on a statement (README, kg check)
        case = tmp_path / kind
        case.mkdir()
        together = build_pair(case, a, b)
        apart = build_one(case, "a.txt", A_HEAD, a) + build_one(case, "b.md", B_HEAD, b)
        assert [(d.kind, d.summary) for d in check_graph(apart).disagreements] == [(kind, summary)]
        assert check_graph(apart).disagreements == check_graph(together).disagreements
        assert_same_as_the_query(apart)


def test_a_graph_without_keys_gets_them() -> None:
    """A graph written by hand (or by an older kg) lacks the keys; with them added, the query
    lists what kg check lists from the statements."""
    graph = without_keys(rdflib.Graph().parse(FIXTURE, format="turtle"))
    add_comparison_keys(graph)
    assert len(check_graph(graph)) == 5
    assert_same_as_the_query(graph)

"""The official register: reading it, linking units to it, and its mapping as a source."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.errors import UsageError
from kg.facts import Document, DocumentFacts, Evidence, LineageFact, UnitRef
from kg.linking import AMBIGUOUS, LINKED, UNLINKED, link_units
from kg.mapping import build_graph
from kg.namespaces import VNADM
from kg.register import Register, RegisterLink, RegisterUnit, _bare_name, name_key, spelled

# ------------------------------------------------------------------ a register of our own


def _district(code: str, type_key: str, name: str) -> RegisterUnit:
    return RegisterUnit(code, type_key, name, "district", True, "Hải Phòng", old_province="Hải Phòng")


KIEN_THUY = _district("315", "huyen", "Kiến Thụy")
VINH_BAO = _district("317", "huyen", "Vĩnh Bảo")
NEW_A = RegisterUnit("11001", "xa", "Đông Hưng", "commune", False, "Hải Phòng")
NEW_B = RegisterUnit("11002", "xa", "Tây Hưng", "commune", False, "Hải Phòng")
NEW_C = RegisterUnit("11003", "xa", "Thụy Giang", "commune", False, "Hải Phòng")  # a xã in the register …
OLD_KT = RegisterUnit("20001", "xa", "Hòa Bình", "commune", True, "Hải Phòng", KIEN_THUY, "Hải Phòng")
OLD_VB = RegisterUnit("20002", "xa", "Hòa Bình", "commune", True, "Hải Phòng", VINH_BAO, "Hải Dương")
OLD_X = RegisterUnit("20003", "xa", "Tân Phong", "commune", True, "Hải Phòng", VINH_BAO, "Hải Dương")
TOY = Register(
    "toy 1.0", "1.0",
    (NEW_A, NEW_B, NEW_C, OLD_KT, OLD_VB, OLD_X, KIEN_THUY, VINH_BAO),
    (RegisterLink(NEW_A, OLD_KT, "whole"), RegisterLink(NEW_B, OLD_VB, "part"),
     RegisterLink(NEW_C, OLD_VB, "part"), RegisterLink(NEW_B, OLD_X, "whole")),
)


def new(name: str, type_key: str = "xa", province: str | None = "Hải Phòng") -> UnitRef:
    cls = {"xa": "Commune", "phuong": "Ward"}[type_key]
    return UnitRef(type_key, name, cls, "commune", province=province)


def old(name: str, district: str | None = None, province: str | None = "Hải Phòng") -> UnitRef:
    d = UnitRef("huyen", district, "District", "district", former=True, province=province) if district else None
    return UnitRef("xa", name, "Commune", "commune", former=True, district=d, province=province)


def link_one(ref: UnitRef, successors: tuple[UnitRef, ...] = ()):
    mentions = {ref: [ref], **{s: [s] for s in successors}}
    return link_units(mentions, {ref: successors}, TOY)[ref]


def test_new_unit_is_linked_by_province_type_and_name():
    link = link_one(new("Đông Hưng"))
    assert (link.status, link.code) == (LINKED, "11001")


def test_names_match_whatever_the_spelling():
    key = name_key("Văn Miếu – Quốc Tử Giám")
    assert key == name_key("văn miếu-quốc tử giám") == name_key("VĂN MIẾU - QUỐC TỬ GIÁM")
    assert name_key("Hoà Bình") == name_key("Hòa Bình")  # old and new tone placement
    assert name_key("Cư M’gar") == name_key("Cư M'gar") == name_key("CƯ M'GAR")  # either apostrophe
    assert name_key("IV") == name_key("4") == name_key("04") == "4"  # phường IV, phường 04
    assert name_key("XIX") == "19" and name_key("Vi") == "vi"  # a name, not a numeral
    assert name_key("Vĩnh") == "vĩnh" and name_key("Xi Măng") == "xi măng"
    assert link_one(new("ĐÔNG HƯNG")).code == "11001"


def test_new_unit_under_another_type_word_is_linked_with_a_note():
    link = link_one(new("Thụy Giang", "phuong"))
    assert (link.status, link.code) == (LINKED, "11003")
    assert "the register has it as xã Thụy Giang" in link.reason


def test_new_unit_missing_from_the_register_is_unlinked():
    link = link_one(new("Bắc Hưng"))
    assert (link.status, link.code) == (UNLINKED, None)
    assert "not in the register of Hải Phòng" in link.reason


def test_unit_without_province_is_unlinked_not_guessed():
    link = link_one(new("Đông Hưng", province=None))
    assert link.status == UNLINKED and "no province" in link.reason


def test_old_namesakes_are_told_apart_by_district():
    assert link_one(old("Hòa Bình", "Vĩnh Bảo")).code == "20002"
    assert link_one(old("Hòa Bình", "Kiến Thụy")).code == "20001"


def test_old_namesakes_are_told_apart_by_where_they_went():
    assert link_one(old("Hòa Bình"), (new("Đông Hưng"),)).code == "20001"
    assert link_one(old("Hòa Bình"), (new("Tây Hưng"), new("Thụy Giang"))).code == "20002"


def test_old_namesakes_with_nothing_to_tell_them_apart_are_ambiguous():
    link = link_one(old("Hòa Bình"))
    assert link.status == AMBIGUOUS and link.code is None
    assert [c.code for c in link.candidates] == ["20001", "20002"]


def test_old_unit_in_another_district_than_the_register_says_is_unlinked():
    link = link_one(old("Tân Phong", "Kiến Thụy"))
    assert link.status == UNLINKED and "20003 in huyện Vĩnh Bảo" in link.reason


def test_old_unit_found_by_its_province_before_the_merger():
    ref = old("Tân Phong", province="Hải Dương")
    assert link_one(ref).code == "20003"


def test_districts_are_linked_and_provinces_are_not():
    district = UnitRef("huyen", "Vĩnh Bảo", "District", "district", former=True, province="Hải Phòng")
    province = UnitRef("thanh-pho-tw", "Hải Phòng", "Province", "province")
    links = link_units({district: [district], province: [province]}, {}, TOY)
    assert links[district].code == "317"
    assert province not in links


def test_register_short_names_become_kg_names():
    assert _bare_name("Phường 1", "Phường") == "1"
    assert _bare_name("Phường IV", "Phường") == "IV"
    assert _bare_name("Yên Viên (Thị trấn)", "Thị trấn") == "Yên Viên"
    assert _bare_name("Phú Mỹ (Thị trấn)", "Xã") == "Phú Mỹ (Thị trấn)"  # a note that is not its own type stays
    assert spelled("Văn Miếu -  Quốc Tử Giám") == "Văn Miếu - Quốc Tử Giám"
    assert spelled("Phương Liên —  Trung Tự") == "Phương Liên – Trung Tự"  # a dash stays a dash


def test_graph_carries_codes_status_and_notes():
    doc = Document("a.txt", "a.txt", "x")
    ev = Evidence("x", 0, 1)
    facts = DocumentFacts(doc, province="Hải Phòng", lineage=[
        LineageFact(new("Đông Hưng"), old("Hòa Bình"), "whole", ev),
        LineageFact(new("Bắc Hưng"), old("Tân Phong"), "whole", ev),
    ])
    graph = build_graph([facts], register=TOY, with_ontology=False)
    by_name = {str(graph.value(s, VNADM.name)): s for s in graph.subjects(VNADM.linkStatus, None)}
    assert graph.value(by_name["Đông Hưng"], VNADM.officialCode) == Literal("11001")
    assert graph.value(by_name["Hòa Bình"], VNADM.officialCode) == Literal("20001")  # it went to Đông Hưng
    assert graph.value(by_name["Bắc Hưng"], VNADM.linkStatus) == VNADM.Unlinked
    assert graph.value(by_name["Bắc Hưng"], VNADM.officialCode) is None
    assert "not in the register" in str(graph.value(by_name["Bắc Hưng"], VNADM.linkNote))
    # the texts give Hòa Bình no district; the register's is written, linked, on the same IRI
    district = graph.value(by_name["Hòa Bình"], VNADM.formerDistrict)
    assert str(graph.value(district, VNADM.name)) == "Kiến Thụy"
    assert graph.value(district, VNADM.officialCode) == Literal("315")
    assert "/former/xa-hoa-binh" in str(by_name["Hòa Bình"])
    source = graph.value(by_name["Đông Hưng"], VNADM.codeSource)
    assert (source, RDF.type, VNADM.Register) in graph
    assert str(graph.value(source, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == "toy 1.0"


def test_codes_query_lists_units_by_link_status_and_code():
    from kg.query import canned_query, run_query

    doc = Document("a.txt", "a.txt", "x")
    ev = Evidence("x", 0, 1)
    facts = DocumentFacts(doc, province="Hải Phòng", lineage=[
        LineageFact(new("Bắc Hưng"), old("Hòa Bình"), "whole", ev),  # went to a unit the register lacks
        LineageFact(new("Đông Hưng"), old("Tân Phong", "Vĩnh Bảo"), "part", ev),
    ])
    graph = build_graph([facts], register=TOY)
    query = canned_query("codes")

    def rows(**params):
        return [{k: (str(v) if v is not None else None) for k, v in r.items()}
                for r in run_query(graph, query.text, params=params).records()]

    (ambiguous,) = rows(status="Ambiguous")
    assert ambiguous["label"] == "xã Hòa Bình" and ambiguous["candidates"] == "20001 20002"
    assert ambiguous["officialCode"] is None and "2 units" in ambiguous["note"]
    (by_code,) = rows(code="20003")
    assert (by_code["label"], by_code["formerDistrict"], by_code["linkStatus"]) == (
        "xã Tân Phong", "huyện Vĩnh Bảo", "linked")
    assert [r["label"] for r in rows(code="20002")] == ["xã Hòa Bình"]  # a candidate code finds it too
    assert [r["label"] for r in rows(status="unlinked")] == ["xã Bắc Hưng"]
    assert len(rows()) == 5  # 3 communes, the district, Đông Hưng


# ------------------------------------------------------------------ the installed register


@pytest.fixture(scope="module")
def register() -> Register:
    pytest.importorskip("vietnamadminunits", reason="the register package vietnamadminunits is not installed")
    from kg.register import load_register

    return load_register()


def test_register_holds_the_2025_units_and_their_predecessors(register):
    new_units = [u for u in register.units if not u.former]
    assert len(new_units) == 3321
    assert len(register.provinces()) == 34
    assert all(len(u.code) == 5 and u.code.isdigit() for u in new_units)
    old_communes = [u for u in register.units if u.former and u.level == "commune"]
    assert len(old_communes) > 10_000
    assert all(u.district is not None for u in old_communes)
    assert all(register.successors(u) for u in old_communes)  # every old commune went somewhere
    assert {link.share for link in register.links} == {"whole", "part"}


def test_register_types_and_names_are_kg_terms(register):
    from kg.vocabulary import load_vocabulary

    types = load_vocabulary().unit_types
    assert all(u.type_key in types for u in register.units)
    assert all(types[u.type_key].level == u.level for u in register.units)
    assert all(u.province in register.provinces() for u in register.units)


def test_reference_provinces_accept_names_with_or_without_accents(register):
    from kg.reference import reference_provinces

    assert reference_provinces(register, ["hai phong", "Hải Phòng", "TP.HCM"]) == ["Hải Phòng", "Hồ Chí Minh"]
    assert len(reference_provinces(register, ["all"])) == 34
    with pytest.raises(UsageError, match="former province"):
        reference_provinces(register, ["Hải Dương"])
    with pytest.raises(UsageError, match="one of: An Giang"):
        reference_provinces(register, ["Narnia"])


def test_reference_document_lines_are_the_evidence_of_its_facts(register):
    from kg.reference import HEADER, reference_facts

    (facts,) = reference_facts(register, ["Hải Phòng"])
    text = facts.document.text
    assert text.startswith(HEADER + "\n")
    assert len(facts.lineage) == len(register.province_links("Hải Phòng")) == text.count("\n") - 1
    for fact in facts.lineage + facts.formations:
        assert text[fact.evidence.start:fact.evidence.end] == fact.evidence.sentence
    new_units = {f.unit for f in facts.formations}
    assert len(new_units) == 114  # Hải Phòng's commune-level units from 1 July 2025
    assert all(f.old.former and f.old.district is not None for f in facts.lineage if f.old.level == "commune")


def test_build_with_reference_alone_gives_a_linked_province(register):
    import kg

    result = kg.build([], reference=["Hải Phòng"])
    graph = result.graph
    assert result.conforms
    assert result.stats.new_units == 114
    assert result.stats.not_linked == 0 and result.stats.linked > 114
    files = {str(o) for o in graph.objects(None, VNADM.sourceFile)}
    (name,) = files  # the register's mapping is the only source
    assert name.startswith("register-vietnamadminunits-") and name.endswith("-hai-phong.tsv")


def test_names_with_an_apostrophe_are_read_whole_and_linked(register, tmp_path):
    import kg

    text = tmp_path / "tin-ea-hleo.txt"
    text.write_text(
        "Xã Ea H’Leo (tỉnh Đắk Lắk) được thành lập trên cơ sở sáp nhập toàn bộ xã Ea Hiao và xã Cư Mốt.\n\n"
        "Chủ tịch UBND xã Ea H'Leo Y Phôn Êban cho biết xã có diện tích 210,5 km².",
        encoding="utf-8",
    )
    graph = kg.build([text]).graph
    (new_unit,) = set(graph.objects(None, VNADM.resultingUnit))
    assert str(graph.value(new_unit, VNADM.name)) == "Ea H'Leo"  # one unit, however the apostrophe is written
    assert graph.value(new_unit, VNADM.linkStatus) == VNADM.Linked
    (code,) = [u.code for u in register.units if not u.former and u.name == "Ea H'Leo"]
    assert str(graph.value(new_unit, VNADM.officialCode)) == code


def test_every_new_unit_of_a_resolution_gets_its_code(register, shared_corpus):
    import kg

    result = kg.build([shared_corpus / "res-1669-hai-phong.md"])
    graph = result.graph
    new_units = set(graph.objects(None, VNADM.resultingUnit))
    assert len(new_units) == 114
    assert all(graph.value(u, VNADM.linkStatus) == VNADM.Linked for u in new_units)
    codes = [graph.value(u, VNADM.officialCode) for u in new_units]
    assert len(set(codes)) == 114
    # every unit left unlinked says why
    for unit in graph.subjects(VNADM.linkStatus, None):
        if graph.value(unit, VNADM.linkStatus) != VNADM.Linked:
            assert graph.value(unit, VNADM.linkNote) is not None


def test_namesake_districts_from_two_old_provinces_stay_apart(register):
    """An Giang took in Kiên Giang: each had a huyện Châu Thành, with its own communes."""
    import kg

    graph = kg.build([], reference=["An Giang"], validate=False).graph
    districts = [s for s in graph.subjects(VNADM.name, Literal("Châu Thành"))
                 if (s, RDF.type, VNADM.District) in graph]
    assert len(districts) == 2
    codes = {str(graph.value(d, VNADM.officialCode)) for d in districts}
    assert len(codes) == 2 and None not in codes
    for d in districts:  # each district's communes point to it, and none to the other
        communes = set(graph.subjects(VNADM.formerDistrict, d))
        assert communes
        assert all(graph.value(c, VNADM.linkStatus) == VNADM.Linked for c in communes)


def test_stats_lists_the_units_not_linked_with_why(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main
    from kg.stats import find_not_linked, graph_stats
    from kg.writers import write_graph

    doc = Document("a.txt", "a.txt", "x")
    ev = Evidence("x", 0, 1)
    facts = DocumentFacts(doc, province="Hải Phòng", lineage=[
        LineageFact(new("Bắc Hưng"), old("Hòa Bình"), "whole", ev),
        LineageFact(new("Đông Hưng"), old("Tân Phong", "Vĩnh Bảo"), "part", ev),
    ])
    graph = build_graph([facts], register=TOY)
    rows = find_not_linked(graph)
    assert [(r.status, r.label) for r in rows] == [("ambiguous", "xã Hòa Bình"), ("unlinked", "xã Bắc Hưng")]
    counts = graph_stats(graph)
    assert (counts.linked, counts.ambiguous, counts.unlinked) == (3, 1, 1)
    path = tmp_path / "g.ttl"
    write_graph(graph, path, "turtle")
    result = CliRunner().invoke(main, ["stats", str(path)])
    assert result.exit_code == 0, result.output
    assert "Units not linked to one official code (2):" in result.output
    assert "unlinked  xã Bắc Hưng: not in the register of Hải Phòng" in result.output

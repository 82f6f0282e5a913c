"""RDF mapping: identity across documents and readable, distinct IRIs."""

from __future__ import annotations

from rdflib.namespace import RDF

import kg
from kg.extract import extract_document
from kg.facts import Document
from kg.mapping import build_graph
from kg.namespaces import VNADM


def _graph(*texts: str):
    facts = [extract_document(Document(f"d{i}.txt", f"d{i}.txt", t)) for i, t in enumerate(texts)]
    return build_graph(facts)


def test_names_that_fold_to_the_same_ascii_get_distinct_iris() -> None:
    g = _graph(
        "Xã Phú Mỹ (tỉnh Gia Lai)\n\nXã Phú Mỹ được thành lập trên cơ sở sáp nhập xã Phù Mỹ và xã Phú Mỹ.",
        "Xã Phú Mỹ (tỉnh Gia Lai)\n\nChủ tịch UBND xã Phú Mỹ Nguyễn Văn Dũng và Bí thư Đảng ủy xã Nguyễn Văn Dung.",
    )
    people = {str(o) for s in g.subjects(RDF.type, VNADM.Person) for o in g.objects(s, VNADM.name)}
    assert people == {"Nguyễn Văn Dũng", "Nguyễn Văn Dung"}
    assert len(set(g.subjects(RDF.type, VNADM.Person))) == 2
    olds = {str(o) for c in g.subjects(RDF.type, VNADM.ReorganizationComponent)
            for u in g.objects(c, VNADM.sourceUnit) for o in g.objects(u, VNADM.name)}
    assert olds == {"Phú Mỹ", "Phù Mỹ"}
    assert kg.validate_graph(g).conforms


def test_the_same_unit_in_two_documents_is_one_iri() -> None:
    g = _graph(
        "Phường An Phong (TP Hải Phòng) có diện tích 27,92 km².",
        "Bí thư Đảng ủy phường An Phong (TP Hải Phòng) Lê Khắc Nguyên Anh dự hội nghị.",
    )
    wards = [s for s in g.subjects(RDF.type, VNADM.Ward)]
    assert len(wards) == 1
    assert str(wards[0]).endswith("/unit/hai-phong/phuong-an-phong")


def _ward_names(g) -> set[str]:
    return {str(o) for s in g.subjects(RDF.type, VNADM.Ward) for o in g.objects(s, VNADM.name)}


def test_a_name_spelled_with_either_dash_is_one_unit_written_as_most_sources_write_it() -> None:
    hyphen = (
        "Phường Phương Liên - Trung Tự (TP Hà Nội) có diện tích 1,6 km². "
        "Chủ tịch UBND phường Phương Liên - Trung Tự Trần Văn Nam dự hội nghị."
    )
    en_dash = "Phường Phương Liên – Trung Tự (TP Hà Nội) có dân số 80.000 người."
    one_hyphen = "Phường Phương Liên - Trung Tự (TP Hà Nội) có 9.000 hộ."
    em_dash = "Phường Phương Liên — Trung Tự (TP Hà Nội) có 9.500 hộ."
    g = _graph(en_dash, hyphen)
    assert len(set(g.subjects(RDF.type, VNADM.Ward))) == 1
    assert _ward_names(g) == {"Phương Liên - Trung Tự"}  # two statements write it so, one otherwise
    assert _ward_names(_graph(en_dash)) == {"Phương Liên – Trung Tự"}  # the only source's spelling
    # one statement each: the resolutions' and register's hyphen-minus
    assert _ward_names(_graph(en_dash, one_hyphen)) == {"Phương Liên - Trung Tự"}
    # an em dash is written as an en dash, and votes with it
    assert _ward_names(_graph(em_dash, en_dash, one_hyphen)) == {"Phương Liên – Trung Tự"}


def test_validity_dates_old_units_end_and_new_units_start_with_the_reform() -> None:
    g = _graph(
        "Phường An Phong (TP Hải Phòng) được thành lập trên cơ sở sáp nhập toàn bộ phường Tân Tiến "
        "(huyện An Dương) và một phần phường Lê Thiện."
    )
    units = {str(g.value(s, VNADM.name)): s for s in g.subjects(VNADM.name, None)}
    date = "2025-06-30"
    assert str(g.value(units["Tân Tiến"], VNADM.validUntil)) == date
    assert str(g.value(units["Lê Thiện"], VNADM.validUntil)) == date
    assert str(g.value(units["An Dương"], VNADM.validUntil)) == date  # the district level ended too
    assert str(g.value(units["An Phong"], VNADM.validFrom)) == "2025-07-01"
    assert g.value(units["An Phong"], VNADM.validUntil) is None
    assert g.value(units["Hải Phòng"], VNADM.validUntil) is None


def _document_node(g):
    return next(g.subjects(RDF.type, VNADM.SourceDocument))


def test_a_resolution_document_carries_its_own_title_and_adoption_date() -> None:
    from rdflib.namespace import DCTERMS

    text = ("Số: 4321/NQ-UBTVQH15 |\n\n**NGHỊ QUYẾT**\n\n**Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh "
            "Quảng Ngãi năm 2025**\n\nXã Hòa Khê được thành lập trên cơ sở sáp nhập các xã Đông Khê, Tây Khê.\n\n"
            "Nghị quyết này được thông qua ngày 3 tháng 5 năm 2025.\n")
    doc = Document("res.md", "res.md", text, title="Số: 4321/NQ-UBTVQH15 |", date="2025-08-01")
    g = build_graph([extract_document(doc)])
    node = _document_node(g)
    assert [str(t) for t in g.objects(node, DCTERMS.title)] == [
        "Nghị quyết 4321/NQ-UBTVQH15 về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ngãi năm 2025"]
    assert [str(d) for d in g.objects(node, DCTERMS.date)] == ["2025-05-03"]
    assert kg.validate_graph(g).conforms


def test_other_documents_keep_the_title_and_date_the_reader_gave() -> None:
    from rdflib.namespace import DCTERMS

    doc = Document("n.txt", "n.txt", "# Tin tức\n\nXã Hòa Khê có diện tích 30 km².", title="# Tin tức",
                   date="2025-08-01")
    g = build_graph([extract_document(doc)])
    node = _document_node(g)
    assert [str(t) for t in g.objects(node, DCTERMS.title)] == ["Tin tức"]
    assert [str(d) for d in g.objects(node, DCTERMS.date)] == ["2025-08-01"]

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

"""Provenance of facts read from a legal text: the article and numbered item
("Điều 1 khoản 12") each sentence belongs to, worked out from the text's own
structure."""

from __future__ import annotations

import dataclasses

import pytest

from kg.facts import Evidence
from tests.extract_helpers import nfd, run

HEAD = "Số: 321/NQ-UBTVQH15\n\nNGHỊ QUYẾT\n\nQUYẾT NGHỊ:\n\n"

RESOLUTION = HEAD + (
    "**Điều 1. ****Sắp xếp các đơn vị hành chính cấp xã của tỉnh Lào Cai**\n\n"
    "Ủy ban Thường vụ Quốc hội quyết định thành lập xã Nậm Xé trên cơ sở toàn bộ xã Nậm Xé và xã Phìn Hồ.\n\n"
    "1. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Bản Mế, xã Cán Hồ thành xã mới có tên gọi "
    "là **xã Bản Mế**.\n\n"
    "2. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các phường Kim Tân, Cốc Lếu thành phường mới "
    "có tên gọi là **phường Cốc Lếu**.\n\n"
    "12.Sắp xếptoàn bộ diện tích tự nhiên, quy mô dân số của xã Tả Van và xã Hầu Thào thành xã mới có tên "
    "gọi là xã Tả Van.\n\n"
    "13.\n\n"
    "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Thanh Bình, xã Mường Khương thành xã mới có "
    "tên gọi là xã Mường Khương.\n\n"
    "Theo đó, xã Bảo Nhai được thành lập trên cơ sở sáp nhập xã Bảo Nhai và xã Cốc Ly.\n\n"
    "**Điều 2. Hiệu lực thi hành**\n\n"
    "1. Thành lập xã Bắc Hà trên cơ sở nhập xã Na Hối vào xã Bắc Hà.\n"
)

EXPECTED = {
    "Nậm Xé": None,  # the article's opening words: in the article, in no item
    "Bản Mế": "Điều 1 khoản 1",
    "Cốc Lếu": "Điều 1 khoản 2",
    "Tả Van": "Điều 1 khoản 12",  # "12.Sắp xếptoàn bộ": glued words
    "Mường Khương": "Điều 1 khoản 13",  # the number alone on its line, the text in the next paragraph
    "Bảo Nhai": None,  # a paragraph with no number after the last item
    "Bắc Hà": "Điều 2 khoản 1",  # a new article starts its items again
}


@pytest.mark.parametrize("text", [RESOLUTION, nfd(RESOLUTION)], ids=["nfc", "nfd"])
def test_every_fact_carries_its_item(text: str) -> None:
    facts = run(text, name="nq.md")
    lineage = {nfd(f.new.name): f.evidence.item for f in facts.lineage}
    formations = {nfd(f.unit.name): f.evidence.item for f in facts.formations}
    expected = {nfd(k): v for k, v in EXPECTED.items()}
    assert lineage == expected
    assert formations == expected


def test_figures_inside_an_item_carry_it_too() -> None:
    text = HEAD + (
        "Điều 1. Thành lập các xã\n\n"
        "4. Thành lập xã Sín Chéng trên cơ sở toàn bộ 48,2 km² diện tích tự nhiên, quy mô dân số là 6.120 người "
        "của xã Sín Chéng.\n"
    )
    facts = run(text, name="nq.md")
    assert facts.observations
    assert {o.evidence.item for o in facts.observations} == {"Điều 1 khoản 4"}


@pytest.mark.parametrize(
    "text",
    [
        # a numbered list in a news article: no article, no items
        "Các xã mới của huyện\n\n1. Xã Bản Mế được thành lập trên cơ sở sáp nhập xã Bản Mế và xã Cán Hồ.\n\n"
        "2. Phường Cốc Lếu được hình thành từ toàn bộ phường Kim Tân và phường Cốc Lếu.",
        # "Điều 1" quoted inside a sentence is not an article line
        "Theo Điều 1 của Nghị quyết, phường Cốc Lếu được thành lập trên cơ sở sáp nhập phường Kim Tân.\n\n"
        "1. Xã Bản Mế được thành lập trên cơ sở sáp nhập xã Bản Mế và xã Cán Hồ.",
    ],
)
def test_text_without_articles_has_no_items(text: str) -> None:
    facts = run(text)
    assert facts.lineage
    assert {f.evidence.item for f in facts.lineage} == {None}


def test_evidence_stays_a_frozen_hashable_record() -> None:
    a = Evidence("câu", 0, 3, "Điều 1 khoản 2")
    assert a == Evidence("câu", 0, 3, "Điều 1 khoản 2") != Evidence("câu", 0, 3)
    assert len({a, Evidence("câu", 0, 3, "Điều 1 khoản 2"), Evidence("câu", 0, 3)}) == 2
    assert Evidence("câu", 0, 3).item is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.item = None  # type: ignore[misc]

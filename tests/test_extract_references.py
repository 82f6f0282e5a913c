""""Phần còn lại của xã X sau khi sắp xếp theo quy định tại khoản K Điều này":
what is left of X goes to the unit the item forms, and X is the very unit
item K names (the same UnitRef, district included)."""

from __future__ import annotations

import pytest

from kg.facts import DocumentFacts
from tests.extract_helpers import nfd, run


def resolution(*items: str) -> str:
    body = "\n\n".join(f"{k}. {text}" for k, text in enumerate(items, start=1))
    return (
        "Số: 4321/NQ-UBTVQH15\n\nNGHỊ QUYẾT\n\n"
        "Điều 1. Sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ngãi\n\n" + body + "\n\n"
        "Điều 2. Hiệu lực thi hành\n\n1. Nghị quyết này có hiệu lực từ ngày được thông qua.\n"
    )


FIRST = ("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Nghĩa Lâm, xã Nghĩa Sơn và một phần diện tích "
         "tự nhiên của xã Nghĩa Thắng (huyện Tư Nghĩa) thành xã mới có tên gọi là xã Nghĩa Lâm.")
SECOND = "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Ba Tơ, {ref} thành xã mới có tên gọi là xã Ba Tơ."
THIRD = "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các phường Trần Phú, Lê Hồng Phong thành phường mới " \
        "có tên gọi là phường Cẩm Thành."


def old_unit(facts: DocumentFacts, new: str, old: str):
    found = [f for f in facts.lineage if f.new.name == new and f.old.name == old]
    assert len(found) == 1, found
    return found[0]


REFERENCES = [
    "phần còn lại của xã Nghĩa Thắng sau khi sắp xếp theo quy định tại khoản 1 Điều này",
    "phần còn lại của xã Nghĩa Thắng sau khi sắp xếp theo quy định tại khoản 1 của Điều này",
    "phần còn lại của xã Nghĩa Thắng sau khi sắp xếp tại khoản 1, Điều 1",
    "phần còn lại của xã Nghĩa Thắng theo quy định tại khoản 1 Điều 1",
    "phần còn lại của xã Nghĩa Thắng sau sắp xếp theo khoản 1 Điều này",
    "phần còn lạicủa xã Nghĩa Thắngsau khi sắp xếp theo quy định tạikhoản 1 Điều nàyvà xã Ba Vì",
    "phần còn lại của xã Nghĩa Thắng sau khi sắp xếp theo quy định tại các khoản 1, 3 Điều này",
    "phần còn lại của xã Nghĩa Thắng sau khi sắp xếp theo quy định tại khoản 1 và khoản 3 Điều này, xã Ba Vì",
    # the number glued to "khoản"
    "phần còn lại của xã Nghĩa Thắng sau khi sắp xếp theo quy định tại khoản1 Điều này",
    "phần còn lại của xã Nghĩa Thắng sau khi sắp xếp theo quy định tại khoản 3, khoản1 Điều này và xã Ba Vì",
    "phần còn lại của xã Nghĩa Thắng sau khi sắp xếp theo quy định tại Khoản1, Điều 1",
]


@pytest.mark.parametrize("ref", REFERENCES)
def test_the_remainder_is_the_unit_the_item_names(ref: str) -> None:
    facts = run(resolution(FIRST, SECOND.format(ref=ref), THIRD), name="nq.md")
    named = old_unit(facts, "Nghĩa Lâm", "Nghĩa Thắng")
    rest = old_unit(facts, "Ba Tơ", "Nghĩa Thắng")
    assert rest.share == "part"
    assert rest.old == named.old  # the same UnitRef: one IRI
    assert rest.old.district is not None and rest.old.district.label == "huyện Tư Nghĩa"
    assert rest.evidence.item == "Điều 1 khoản 2"
    # the units named after the clause are still read
    assert {f.old.name for f in facts.lineage if f.new.name == "Ba Tơ"} >= {"Ba Tơ", "Nghĩa Thắng"}
    if "Ba Vì" in ref:
        old_unit(facts, "Ba Tơ", "Ba Vì")


def test_a_reference_in_nfd_with_markdown_noise() -> None:
    second = SECOND.format(ref="phần còn lại của **xã Nghĩa Thắng** sau khi sắp xếp theo quy định tại khoản 1 Điều này")
    facts = run(nfd(resolution(FIRST, second)), name="nq.md")
    by_new = {f.new.name: f.old for f in facts.lineage if f.old.name == "Nghĩa Thắng"}  # names are read as NFC
    assert by_new["Ba Tơ"] == by_new["Nghĩa Lâm"]
    assert facts.warnings == []


def test_one_reference_for_several_units_before_it() -> None:
    first = ("Sắp xếp một phần diện tích tự nhiên, quy mô dân số của xã Hành Thịnh (huyện Nghĩa Hành) và xã Hành "
             "Dũng (huyện Nghĩa Hành) thành xã mới có tên gọi là xã Hành Thịnh.")
    second = ("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Hành Nhân và phần còn lại của các xã Hành "
              "Thịnh, Hành Dũng sau khi sắp xếp theo quy định tại khoản 1 Điều này thành xã mới có tên gọi là xã "
              "Nghĩa Hành.")
    facts = run(resolution(first, second), name="nq.md")
    for name in ("Hành Thịnh", "Hành Dũng"):
        rest = old_unit(facts, "Nghĩa Hành", name)
        assert rest.old == old_unit(facts, "Hành Thịnh", name).old
        assert rest.old.district.label == "huyện Nghĩa Hành"
        assert rest.share == "part"
    assert old_unit(facts, "Nghĩa Hành", "Hành Nhân").share == "whole"
    assert facts.warnings == []


def test_a_district_given_only_with_the_remainder_is_given_to_both() -> None:
    first = ("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Tịnh Sơn, một phần diện tích tự nhiên của xã "
             "Tịnh Hà thành xã mới có tên gọi là xã Tịnh Sơn.")
    second = ("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Tịnh Ấn, phần còn lại của xã Tịnh Hà (huyện "
              "Sơn Tịnh) sau khi sắp xếp theo quy định tại khoản 1 Điều này thành xã mới có tên gọi là xã Thọ Sơn.")
    facts = run(resolution(first, second), name="nq.md")
    assert old_unit(facts, "Thọ Sơn", "Tịnh Hà").old == old_unit(facts, "Tịnh Sơn", "Tịnh Hà").old
    assert old_unit(facts, "Tịnh Sơn", "Tịnh Hà").old.district.label == "huyện Sơn Tịnh"


def test_a_chain_of_remainders_is_one_unit() -> None:
    second = ("Sắp xếp một phần diện tích tự nhiên của xã Nghĩa Thắng sau khi sắp xếp theo quy định tại khoản 1 Điều "
              "này và xã Ba Xa thành xã mới có tên gọi là xã Ba Xa.")
    third = ("Sắp xếp phần còn lại của xã Nghĩa Thắng sau khi sắp xếp theo quy định tại khoản 1, khoản 2 Điều này "
             "thành xã mới có tên gọi là xã Nghĩa Kỳ.")
    facts = run(resolution(FIRST, second, third), name="nq.md")
    units = {f.old for f in facts.lineage if f.old.name == "Nghĩa Thắng"}
    assert len(units) == 1 and next(iter(units)).district.label == "huyện Tư Nghĩa"
    assert facts.warnings == []


def test_an_item_that_does_not_name_the_unit_is_reported() -> None:
    second = SECOND.format(ref="phần còn lại của xã Nghĩa Phú sau khi sắp xếp theo quy định tại khoản 1 Điều này")
    facts = run(resolution(FIRST, second), name="nq.md")
    rest = old_unit(facts, "Ba Tơ", "Nghĩa Phú")
    assert rest.share == "part" and rest.old.district is None  # kept as read
    assert facts.warnings == [
        "Điều 1 khoản 2: xã Nghĩa Phú is what remains after Điều 1 khoản 1, but kg read no xã Nghĩa Phú there; "
        "kept as read"
    ]


def test_one_of_two_items_not_naming_the_unit_is_reported() -> None:
    second = SECOND.format(ref="phần còn lại của xã Nghĩa Thắng sau khi sắp xếp tại các khoản 1, 3 Điều này")
    facts = run(resolution(FIRST, second, THIRD), name="nq.md")
    assert old_unit(facts, "Ba Tơ", "Nghĩa Thắng").old == old_unit(facts, "Nghĩa Lâm", "Nghĩa Thắng").old
    assert facts.warnings == [
        "Điều 1 khoản 2: xã Nghĩa Thắng is what remains after Điều 1 khoản 3, but kg read no xã Nghĩa Thắng there"
    ]


def test_an_item_of_another_resolution_is_not_looked_up() -> None:
    second = SECOND.format(ref="phần còn lại của xã Nghĩa Phú sau khi sắp xếp theo quy định tại khoản 1 Điều 1 "
                               "Nghị quyết số 1234/NQ-UBTVQH15, xã Ba Vì")
    facts = run(resolution(FIRST, second), name="nq.md")
    assert old_unit(facts, "Ba Tơ", "Nghĩa Phú").share == "part"
    old_unit(facts, "Ba Tơ", "Ba Vì")
    assert facts.warnings == []


def test_a_news_article_citing_an_item_is_not_checked() -> None:
    text = ("Xã Ba Tơ được thành lập trên cơ sở sáp nhập xã Ba Tơ và phần còn lại của xã Nghĩa Thắng sau khi sắp "
            "xếp theo quy định tại khoản 1 Điều này.")
    facts = run(text)
    assert old_unit(facts, "Ba Tơ", "Nghĩa Thắng").share == "part"
    assert facts.warnings == []

"""The closing count of a resolution ("Sau khi sắp xếp, tỉnh X có N đơn vị
hành chính cấp xã, gồm …") read and checked against the units kg read."""

from __future__ import annotations

import pytest

from tests.extract_helpers import nfd, run

ITEMS = [
    "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Đăk Pxi, xã Đăk Ui thành xã mới có tên gọi là xã Đăk Ui.",
    "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã Ngọc Réo, Ngọc Wang thành xã mới có tên gọi là xã "
    "Ngọc Réo.",
    "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường Quyết Thắng, phường Thắng Lợi thành phường mới có "
    "tên gọi là phường Kon Tum.",
    "Sắp xếptoàn bộ diện tích tự nhiên, quy mô dân số của huyện Đảo Bé thành đặc khu có tên gọi là đặc khu Đảo Bé.",
]
READ = "kg read 4 (2 xã, 1 phường, 1 đặc khu)"


def resolution(count: str, items: list[str] = ITEMS) -> str:
    body = "\n\n".join(f"{k}.{' ' if k % 2 else ''}{text}" for k, text in enumerate([*items, count], start=1))
    return (
        "Số: 2468/NQ-UBTVQH15\n\nNGHỊ QUYẾT\n\n**Điều 1. ****Sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng "
        "Ngãi**\n\n" + body + "\n\n**Điều 2. Hiệu lực thi hành**\n\n1. Nghị quyết này có hiệu lực từ ngày được "
        "thông qua.\n"
    )


# (closing sentence, declared totals, declared formed, warning or None)
CASES = [
    (
        "Sau khi sắp xếp, tỉnh Quảng Ngãi có 4 đơn vị hành chính cấp xã, gồm 2 xã, 01 phường và 01 đặc khu.",
        {"total": 4, "xa": 2, "phuong": 1, "dac-khu": 1}, None, None,
    ),
    (  # glued words, leading zeros, the types in another order
        "Sau khi sắp xếp, tỉnh Quảng Ngãi có 04 đơn vị hành chính cấp xã, gồm01 đặc khu, 01 phường và02 xã.",
        {"total": 4, "dac-khu": 1, "phuong": 1, "xa": 2}, None, None,
    ),
    (  # the units formed here told apart from one kept as it was
        "Sau khi sắp xếp, tỉnh Quảng Ngãi có 5 đơn vị hành chính cấp xã, gồm 3 xã, 1 phường và 1 đặc khu; trong đó "
        "có 2 xã, 1 phường, 1 đặc khu hình thành sau sắp xếp quy định tại Điều này và xã Măng Đen không thực hiện "
        "sắp xếp.",
        {"total": 5, "xa": 3, "phuong": 1, "dac-khu": 1}, {"total": 4, "xa": 2, "phuong": 1, "dac-khu": 1}, None,
    ),
    (  # kept units counted, no formed clause
        "Sau khi sắp xếp, tỉnh Quảng Ngãi có 6 ĐVHC cấp xã, gồm 4 xã, 1 phường và 1 đặc khu; trong đó có 02 xã "
        "giữ nguyên hiện trạng.",
        {"total": 6, "xa": 4, "phuong": 1, "dac-khu": 1}, {"total": 4, "xa": 2, "phuong": 1, "dac-khu": 1}, None,
    ),
    (  # a total alone
        "Sau sắp xếp, tỉnh Quảng Ngãi còn 4 đơn vị hành chính cấp xã.", {"total": 4}, None, None,
    ),
    (  # one phường more than kg read
        "Sau khi sắp xếp, tỉnh Quảng Ngãi có 5 đơn vị hành chính cấp xã, gồm 2 xã, 2 phường và 1 đặc khu.",
        {"total": 5, "xa": 2, "phuong": 2, "dac-khu": 1}, None,
        "the resolution counts 5 units (2 xã, 2 phường, 1 đặc khu); " + READ,
    ),
    (  # the same total, another split: still a difference
        "Sau khi sắp xếp, tỉnh Quảng Ngãi có 4 đơn vị hành chính cấp xã, gồm 3 xã và 1 phường.",
        {"total": 4, "xa": 3, "phuong": 1}, None,
        "the resolution counts 4 units (3 xã, 1 phường); " + READ,
    ),
    (
        "Sau khi sắp xếp, tỉnh Quảng Ngãi có 7 đơn vị hành chính cấp xã, gồm 5 xã, 1 phường và 1 đặc khu; trong đó "
        "có 3 xã, 1 phường, 1 đặc khu hình thành sau khi sắp xếp quy định tại Điều này và 02 xã không thực hiện "
        "sắp xếp là xã Măng Đen, xã Măng Bút.",
        {"total": 7, "xa": 5, "phuong": 1, "dac-khu": 1}, {"total": 5, "xa": 3, "phuong": 1, "dac-khu": 1},
        "the resolution counts 5 units (3 xã, 1 phường, 1 đặc khu) formed by it, of 7 in all; " + READ,
    ),
    (
        "Sau sắp xếp, tỉnh Quảng Ngãi có 3 đơn vị hành chính cấp xã.", {"total": 3}, None,
        "the resolution counts 3 units; kg read 4",
    ),
]


@pytest.mark.parametrize("count, totals, formed, warning", CASES)
def test_closing_count(count: str, totals: dict, formed: dict | None, warning: str | None) -> None:
    facts = run(resolution(count), name="nq.md")
    assert facts.declared_counts == totals
    assert facts.declared_formed_counts == formed
    assert facts.warnings == ([warning] if warning else [])


def test_closing_count_in_nfd() -> None:
    facts = run(nfd(resolution(CASES[0][0])), name="nq.md")
    assert facts.declared_counts == CASES[0][1]
    assert facts.warnings == []


def test_an_item_kg_did_not_read_shows_in_the_count() -> None:
    count = "Sau khi sắp xếp, tỉnh Quảng Ngãi có 5 đơn vị hành chính cấp xã, gồm 3 xã, 1 phường và 1 đặc khu."
    unreadable = "Nội dung khoản này được công bố sau."
    facts = run(resolution(count, [*ITEMS, unreadable]), name="nq.md")
    assert facts.warnings == ["the resolution counts 5 units (3 xã, 1 phường, 1 đặc khu); " + READ]


def test_only_units_of_the_counting_article_are_counted() -> None:
    text = resolution("Sau khi sắp xếp, tỉnh Quảng Ngãi có 4 đơn vị hành chính cấp xã.") + (
        "\n**Điều 3. Thành lập xã**\n\n1. Thành lập xã Ia Chim trên cơ sở sáp nhập xã Ia Chim và xã Đăk Năng.\n"
    )
    facts = run(text, name="nq.md")
    assert "Ia Chim" in {f.unit.name for f in facts.formations}
    assert facts.warnings == []


def test_a_news_article_quoting_the_count_is_not_checked() -> None:
    text = (
        "Quảng Ngãi công bố các xã mới\n\nXã Đăk Ui được thành lập trên cơ sở sáp nhập xã Đăk Pxi và xã Đăk Ui. "
        "Sau khi sắp xếp, tỉnh Quảng Ngãi có 96 đơn vị hành chính cấp xã, gồm 86 xã, 9 phường và 1 đặc khu."
    )
    facts = run(text)
    assert facts.declared_counts is None
    assert facts.warnings == []


def test_a_resolution_without_a_count_has_none() -> None:
    facts = run(resolution("Các cơ quan có liên quan tổ chức thực hiện Nghị quyết này."), name="nq.md")
    assert facts.declared_counts is None and facts.declared_formed_counts is None
    assert facts.warnings == []

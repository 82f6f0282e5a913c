"""Resolutions: number, date in its Vietnamese forms, and the units it formed."""

from __future__ import annotations

import pytest

from tests.extract_helpers import run

CASES = [
    ("Phường An Phong được thành lập theo Nghị quyết số 1669/NQ-UBTVQH15 ngày 16/6/2025 trên cơ sở sáp nhập "
     "các phường Lê Thiện, An Hòa.", {("An Phong", "1669/NQ-UBTVQH15", "2025-06-16")}),
    ("Xã Kim Liên được thành lập theo Nghị quyết số 1678/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội, ban hành "
     "ngày 16 tháng 6 năm 2025.", {("Kim Liên", "1678/NQ-UBTVQH15", "2025-06-16")}),
    ("Ngày 16 tháng 6 năm 2025, Ủy ban Thường vụ Quốc hội ban hành Nghị quyết số 1684/NQ-UBTVQH15 về việc sắp "
     "xếp các đơn vị hành chính cấp xã của tỉnh Tuyên Quang năm 2025. Theo đó, sắp xếp toàn bộ diện tích tự "
     "nhiên, quy mô dân số của các phường Ngọc Hà, Trần Phú thành phường mới có tên gọi là phường Hà Giang 2.",
     {("Hà Giang 2", "1684/NQ-UBTVQH15", "2025-06-16")}),
    ("Ngày 12 tháng 6 năm 2025, Quốc hội ban hành Nghị quyết số 202/2025/QH15 về việc sắp xếp đơn vị hành "
     "chính cấp tỉnh. Theo đó, sáp nhập tỉnh Bạc Liêu vào tỉnh Cà Mau.",
     {("Cà Mau", "202/2025/QH15", "2025-06-12")}),
    ("Phường Kinh Môn được thành lập trên cơ sở sáp nhập ba phường An Lưu, Hiệp An và Long Xuyên.", set()),
    # "Theo đó" refers to the resolution of the sentence before, which says nothing of what it does
    ("Ngày 16/6/2025, Ủy ban Thường vụ Quốc hội đã ban hành Nghị quyết số 1681/NQ-UBTVQH15. Theo đó, xã "
     "Hòa Thắng được thành lập trên cơ sở sáp nhập toàn bộ xã Hòa Đông và xã Hòa Tây.",
     {("Hòa Thắng", "1681/NQ-UBTVQH15", "2025-06-16")}),
    # without it, a resolution named in a sentence about something else is no legal basis
    ("Ngày 16/6/2025, tỉnh đã công bố Nghị quyết số 1681/NQ-UBTVQH15. Xã Hòa Thắng được thành lập trên cơ sở "
     "sáp nhập toàn bộ xã Hòa Đông và xã Hòa Tây.", set()),
    # the date of adoption written before the number
    ("Ủy ban Thường vụ Quốc hội ngày 16/6/2025 đã thông qua Nghị quyết số 1686/NQ-UBTVQH15, theo đó phường "
     "Tân Lộc được thành lập trên cơ sở sáp nhập phường Tân Thới và phường Tân Quý.",
     {("Tân Lộc", "1686/NQ-UBTVQH15", "2025-06-16")}),
    ("Tại phiên họp chiều ngày 16 tháng 6 năm 2025, Ủy ban Thường vụ Quốc hội đã ban hành Nghị quyết số "
     "1686/NQ-UBTVQH15, "
     "theo đó xã Tân Mỹ được hình thành từ việc sáp nhập xã Tân Hòa và xã Tân Đông.",
     {("Tân Mỹ", "1686/NQ-UBTVQH15", "2025-06-16")}),
    # a date before the number that is not its adoption
    ("Sáng ngày 30/6/2025, tỉnh tổ chức lễ công bố Nghị quyết số 1686/NQ-UBTVQH15, theo đó xã Tân Mỹ được thành "
     "lập trên cơ sở sáp nhập xã Tân Hòa và xã Tân Đông.", {("Tân Mỹ", "1686/NQ-UBTVQH15", None)}),
    ("Từ ngày 1/7/2025, xã Tân Mỹ chính thức hoạt động theo Nghị quyết số 1686/NQ-UBTVQH15, được thành lập trên "
     "cơ sở sáp nhập xã Tân Hòa và xã Tân Đông.", {("Tân Mỹ", "1686/NQ-UBTVQH15", None)}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_resolutions(text: str, expected: set) -> None:
    facts = run(text)
    got = {(f.unit.name, f.resolution.number, f.resolution.date) for f in facts.formations if f.resolution}
    assert got == expected


def test_issuer_comes_from_the_number() -> None:
    facts = run(CASES[0][0])
    assert {f.resolution.issuer for f in facts.formations} == {"Ủy ban Thường vụ Quốc hội"}


def test_a_resolution_on_the_constitution_is_no_legal_basis() -> None:
    text = (
        "Ngày 16 tháng 6 năm 2025:\n\n- Quốc hội ban hành Nghị quyết số 203/2025/QH15\nvề việc sửa đổi Hiến pháp."
        " - Ủy ban Thường vụ Quốc hội ban hành Nghị quyết số 1655/NQ-UBTVQH15\nvề việc sắp xếp các đơn vị hành "
        "chính cấp xã của tỉnh Cà Mau năm 2025. Theo đó: - Thành lập xã Hồ Thị Kỷ trên cơ sở giữ nguyên toàn "
        "bộ xã Hồ Thị Kỷ thuộc huyện Thới Bình."
    )
    got = {(f.unit.name, f.resolution.number, f.resolution.date) for f in run(text).formations if f.resolution}
    assert got == {("Hồ Thị Kỷ", "1655/NQ-UBTVQH15", "2025-06-16")}


# ---------------------------------------------------------------- a document that is itself a resolution
OWN = """Số: 4321/NQ-UBTVQH15 |

**NGHỊ QUYẾT**

**Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ngãi năm 2025**

Điều 1. Sắp xếp các đơn vị hành chính cấp xã

1. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã Đông Khê, Tây Khê thành xã mới có tên gọi là xã Hòa Khê.

Xã Hòa Khê giáp tỉnh Gia Lai; đường sang tỉnh Gia Lai và tỉnh Gia Lai qua đèo.

*Nghị quyết này được thông qua ngày 3 tháng 5 năm 2025.*
"""


def test_a_resolution_has_its_own_title_date_and_province() -> None:
    facts = run(OWN, title="Số: 4321/NQ-UBTVQH15 |", name="res.md")
    assert facts.title == ("Nghị quyết 4321/NQ-UBTVQH15 về việc sắp xếp các đơn vị hành chính cấp xã "
                           "của tỉnh Quảng Ngãi năm 2025")
    assert facts.date == "2025-05-03"
    # the subject line names the province, however often the text names another
    assert facts.province == "Quảng Ngãi"
    assert {(f.unit.name, f.resolution.number, f.resolution.date) for f in facts.formations} == {
        ("Hòa Khê", "4321/NQ-UBTVQH15", "2025-05-03")}


def test_a_resolution_without_a_subject_line_is_titled_by_its_number() -> None:
    text = OWN.replace("**Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ngãi năm 2025**", "")
    facts = run(text, name="res.md")
    assert facts.title == "Nghị quyết 4321/NQ-UBTVQH15"
    assert facts.date == "2025-05-03"


def test_the_subject_line_loses_its_markup_and_spacing() -> None:
    text = OWN.replace("**Về việc sắp xếp các đơn vị", "## Về  việc **sắp xếp** các đơn vị")
    assert run(text, name="res.md").title.startswith("Nghị quyết 4321/NQ-UBTVQH15 về việc sắp xếp các đơn vị ")


def test_a_subject_line_in_capitals_is_kept_as_written() -> None:
    subject = "VỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ CỦA TỈNH QUẢNG NGÃI NĂM 2025"
    text = OWN.replace("Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ngãi năm 2025", subject)
    facts = run(text, name="res.md")
    assert facts.title == "Nghị quyết 4321/NQ-UBTVQH15 " + subject
    assert facts.province == "Quảng Ngãi"


@pytest.mark.parametrize("text", [
    OWN.replace("**NGHỊ QUYẾT**", "**Quyết định**"),  # no resolution heading
    OWN.replace("Số: 4321/NQ-UBTVQH15 |", "Tin tức |"),  # no number line
    "Xã Hòa Khê được thành lập theo Nghị quyết số 4321/NQ-UBTVQH15 ngày 3/5/2025.",  # one that cites it
])
def test_only_a_resolution_gets_a_title_and_date_of_its_own(text: str) -> None:
    facts = run(text)
    assert (facts.title, facts.date) == (None, None)

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

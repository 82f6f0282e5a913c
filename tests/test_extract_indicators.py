"""Indicators: Vietnamese number forms, units, the indicator phrase, actual
or target, and the unit a figure belongs to."""

from __future__ import annotations

import pytest

from tests.extract_helpers import nfd, run

HEAD = "Phường Thủy Nguyên (TP Hải Phòng)\n\n"

CASES = [
    ("Phường có diện tích 12,5 km², dân số 45.210 người.",
     {("area", 12.5, "actual"), ("population", 45210, "actual")}),
    ("Hiện toàn phường có 8.120 hộ với 30.456 nhân khẩu, chia thành 21 tổ dân phố.",
     {("households", 8120, "actual"), ("population", 30456, "actual"), ("residential-groups", 21, "actual")}),
    ("Thu nhập bình quân đầu người năm 2024 đạt 78 triệu đồng/người/năm.",
     {("income-per-capita", 78_000_000, "actual")}),
    ("Nhiệm kỳ qua, Đảng bộ hoàn thành 18/20 chỉ tiêu Nghị quyết đề ra.",
     {("targets-met", 0.9, "actual")}),
    ("Tổng vốn đầu tư đạt 1.250 tỷ đồng, trong đó vốn ngân sách 300 tỷ đồng.",
     {("investment", 1_250_000_000_000, "actual")}),
    ("Tốc độ tăng trưởng kinh tế bình quân đạt 8,5%/năm; tổng giá trị sản xuất ước đạt 2.345,6 tỷ đồng.",
     {("growth-rate", 8.5, "actual"), ("production-value", 2_345_600_000_000, "actual")}),
    ("Phấn đấu đến năm 2030, tỷ lệ bao phủ bảo hiểm y tế đạt 95%, 100% hồ sơ được giải quyết trực tuyến.",
     {("health-insurance-rate", 95, "target"), ("online-dossier-rate", 100, "target")}),
    ("Đảng bộ phường hiện có 42 chi bộ với 1.876 đảng viên; năm qua kết nạp 36 đảng viên mới.",
     {("party-cells", 42, "actual"), ("party-members", 1876, "actual"), ("new-party-members", 36, "actual")}),
    ("Có 12/12 khu dân cư giữ vững danh hiệu văn hóa, tỷ lệ gia đình văn hóa đạt trên 90%.",
     {("cultural-group-rate", 100, "actual"), ("cultural-family-rate", 90, "actual")}),
    ("Mật độ dân số đạt 4.500 người/km², cách trung tâm thành phố 12 km.", set()),
    ("Ngày 16/6/2025 và năm 2024 là những mốc quan trọng của phường 3.", set()),
    ("Diện tích tự nhiên của phường là 9,26 km2, năng suất lúa đạt 62 tạ/ha.",
     {("area", 9.26, "actual"), ("rice-yield", 62, "actual")}),
]


def _obs(text: str) -> set[tuple[str, float, str]]:
    facts = run(HEAD + text)
    return {(o.indicator, round(o.value, 4), o.status) for o in facts.observations}


@pytest.mark.parametrize("sentence, expected", CASES)
def test_indicators(sentence: str, expected: set) -> None:
    assert _obs(sentence) == expected


@pytest.mark.parametrize("sentence, expected", CASES[:4])
def test_indicators_in_nfd(sentence: str, expected: set) -> None:
    assert _obs(nfd(sentence)) == expected


def test_target_section_heading() -> None:
    text = HEAD + "Mục tiêu nhiệm kỳ mới\n\nVề kinh tế, phường nâng thu nhập bình quân lên 120 triệu đồng/người/năm."
    assert {(o.indicator, o.status) for o in run(text).observations} == {("income-per-capita", "target")}


def test_figures_belong_to_the_unit_the_sentence_is_about() -> None:
    facts = run(HEAD + "Thành phố Thủy Nguyên cũ có diện tích 269 km². Phường Thủy Nguyên có diện tích 30 km².")
    got = {(o.unit.label, o.value) for o in facts.observations}
    assert got == {("thành phố Thủy Nguyên", 269), ("phường Thủy Nguyên", 30)}


def test_figures_of_a_whole_predecessor_are_its_own_and_of_a_part_are_dropped() -> None:
    facts = run(
        "Thành lập xã Bình Minh trên cơ sở toàn bộ 20,5 km² diện tích tự nhiên, quy mô dân số là 9.800 người "
        "của xã An Bình và điều chỉnh 3,1 km² diện tích tự nhiên, quy mô dân số là 700 người của xã Long Giang."
    )
    got = {(o.unit.label, o.indicator, o.value) for o in facts.observations}
    assert got == {("xã An Bình", "area", 20.5), ("xã An Bình", "population", 9800)}


@pytest.mark.parametrize("sentence, expected", [
    ("Phường có dân số hơn 45 nghìn người.", {("population", 45000, "actual")}),
    ("Diện tích tự nhiên của xã là 1.250 ha.", {("area", 12.5, "actual")}),
    ("Tỷ lệ thu ngân sách tăng 150% so với năm trước, lao động qua đào tạo đạt 150%.",
     {("budget-revenue-growth", 150, "actual")}),
])
def test_number_forms(sentence: str, expected: set) -> None:
    assert _obs(sentence) == expected

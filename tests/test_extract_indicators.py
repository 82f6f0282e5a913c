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


# ---------------------------------------------------------------- figures that are not the unit's
@pytest.mark.parametrize("sentence", [
    "Trong đợt này, phường đã hỗ trợ 86 hộ cận nghèo sửa chữa nhà ở.",  # a part of the households
    "Toàn phường hiện có 410 hộ kinh doanh cá thể.",
    "Xã có 2.145 hộ đồng bào dân tộc thiểu số.",
    "Gần 800 người dân đã có mặt tại buổi lễ.",  # who came, not who lives there
    "Tại buổi lễ, 32 đảng viên được nhận Huy hiệu 40 năm tuổi Đảng.",
    "Khu phố 7 có 415 hộ dân và 1.620 nhân khẩu.",  # one group's figures, and its name
    "Văn phòng Đảng ủy đặt tại tổ 4, khu phố 9.",
    "Khu phố Hòa An hiện có 410 hộ dân.",
    "Mỗi tổ dân phố có từ 150 đến 250 hộ.",  # each group's
    "Bình quân từng thôn có khoảng 90 hộ gia đình.",
    "Dân số xã ghi theo Quyết định 3071/QĐ-UBND được cập nhật.",  # a document's number
    "Diện tích được điều chỉnh theo Nghị quyết 55/2025/NQ-HĐND.",
    # land of one use, a project's size, work done on land: not the unit's natural area
    "Diện tích trồng chè của phường khoảng 1.150 ha.",
    "Diện tích lúa cả năm toàn xã đạt 2.300 ha.",
    "Khu đô thị mới có quy mô 68 ha.",
    "Mỗi năm xã trồng mới 300 ha rừng.",
    "Phường nhân rộng mô hình trồng rau an toàn trên diện tích 45 ha.",
    # telephone numbers
    "Người dân phường có thể gọi đường dây nóng 0236.3822.115 hoặc 0905 123 456.",
    "Dân số cần hỗ trợ xin liên hệ tổng đài 1900 9095.",
])
def test_figures_that_are_not_the_units(sentence: str) -> None:
    assert _obs(sentence) == set()


@pytest.mark.parametrize("sentence, expected", [
    # a year right after the phrase is not its value
    ("Dân số 2023 khoảng 38.400 người.", {("population", 38400, "actual")}),
    # "đồng chí" counts people, not money
    ("Tổng số đảng viên của Đảng bộ là 1.230 đồng chí.", {("party-members", 1230, "actual")}),
    # a group's figure after the unit's own stays the unit's, the group's is dropped
    ("Phường có 6.300 hộ; riêng khu phố 2 có 900 hộ.", {("households", 6300, "actual")}),
    ("Tổng số hộ 4.870, chia thành 16 thôn.", {("households", 4870, "actual"), ("residential-groups", 16, "actual")}),
    # counts the unit holds, with a word of place or of living after the noun
    ("Đảng bộ phường có 1.204 đảng viên, sinh hoạt tại 39 chi bộ.",
     {("party-members", 1204, "actual"), ("party-cells", 39, "actual")}),
    ("Dự Đại hội có 150 đại biểu tiêu biểu, đại diện cho hơn 1.300 đảng viên.",
     {("delegates", 150, "actual"), ("party-members", 1300, "actual")}),
    # "trực thuộc" qualifies every cell, it does not narrow the count
    ("Đảng bộ phường gồm 44 chi, đảng bộ trực thuộc, với tổng số 1.108 đảng viên.",
     {("party-cells", 44, "actual"), ("party-members", 1108, "actual")}),
    ("Đảng bộ xã hiện có 27 chi bộ trực thuộc.", {("party-cells", 27, "actual")}),
    ("Đại hội có 210 đại biểu, đại diện cho 1.845 đảng viên đang sinh hoạt tại 61 chi bộ.",
     {("delegates", 210, "actual"), ("party-members", 1845, "actual"), ("party-cells", 61, "actual")}),
])
def test_counts_the_unit_holds(sentence: str, expected: set) -> None:
    assert _obs(sentence) == expected


# ---------------------------------------------------------------- actual or target, figure by figure
@pytest.mark.parametrize("sentence, expected", [
    # a target word inside an assessment of what was achieved
    ("Năm qua, tỷ lệ tham gia bảo hiểm y tế đạt 94,2%, vượt mục tiêu đề ra.",
     {("health-insurance-rate", 94.2, "actual")}),
    ("So với mục tiêu Nghị quyết, tổng giá trị sản xuất năm 2024 đã đạt 3.200 tỷ đồng.",
     {("production-value", 3_200_000_000_000, "actual")}),
    # what is achieved, then what is aimed at, in one sentence
    ("Năm 2024, tỷ lệ lao động qua đào tạo đạt 71%; phấn đấu đến năm 2030 tỷ lệ lao động qua đào tạo đạt 80%.",
     {("trained-labour-rate", 71, "actual"), ("trained-labour-rate", 80, "target")}),
    # the figure of today after a paragraph that opens with an aim
    ("Phấn đấu đến năm 2030, tỷ lệ dân dùng nước sạch đạt 100%. Hiện nay, tỷ lệ dân dùng nước sạch mới đạt 86%.",
     {("clean-water-rate", 100, "target"), ("clean-water-rate", 86, "actual")}),
    ("Dự kiến đến năm 2030, quy mô dân số phường đạt khoảng 62.000 người.", {("population", 62000, "target")}),
    ("Các chỉ tiêu chủ yếu nhiệm kỳ 2025-2030: tốc độ tăng trưởng kinh tế bình quân 9%/năm.",
     {("growth-rate", 9, "target")}),
    # the aims named as what was achieved are no target cue
    ("Nhiệm kỳ qua, phường đạt và vượt 17/20 chỉ tiêu chủ yếu, thu nhập bình quân đầu người đạt 81 triệu đồng.",
     {("targets-met", 0.85, "actual"), ("income-per-capita", 81_000_000, "actual")}),
    # a later year in the figure's own clause
    ("Thu nhập bình quân đầu người năm 2024 đạt 76 triệu đồng, sẽ đạt 130 triệu đồng vào năm 2030.",
     {("income-per-capita", 76_000_000, "actual"), ("income-per-capita", 130_000_000, "target")}),
])
def test_status_of_each_figure(sentence: str, expected: set) -> None:
    assert _obs(sentence) == expected


# ---------------------------------------------------------------- a second figure of the same indicator
@pytest.mark.parametrize("sentence, expected", [
    ("Tổng giá trị sản xuất năm 2023 đạt 2.100 tỷ đồng, năm 2024 ước đạt 2.350 tỷ đồng.",
     {("production-value", 2_100_000_000_000, "actual"), ("production-value", 2_350_000_000_000, "actual")}),
    ("Tỷ lệ bao phủ bảo hiểm y tế tăng từ 88% năm 2020 lên 95,1% năm 2024.",
     {("health-insurance-rate", 88, "actual"), ("health-insurance-rate", 95.1, "actual")}),
    ("Tỷ lệ bao phủ bảo hiểm y tế đạt 92%; mục tiêu đến năm 2030 là 97%.",
     {("health-insurance-rate", 92, "actual"), ("health-insurance-rate", 97, "target")}),
    # a change is no count
    ("Đảng bộ phường có 1.320 đảng viên, năm qua tăng 41 đảng viên.", {("party-members", 1320, "actual")}),
    # a figure of something else after a list comma keeps no indicator
    ("Tỷ lệ lao động qua đào tạo đạt 70%, 100% trường học đạt chuẩn.", {("trained-labour-rate", 70, "actual")}),
    ("Tổng vốn đầu tư đạt 900 tỷ đồng, vốn ngân sách 120 tỷ đồng.", {("investment", 900_000_000_000, "actual")}),
])
def test_a_second_figure_of_one_indicator(sentence: str, expected: set) -> None:
    assert _obs(sentence) == expected


# ---------------------------------------------------------------- "Label: value" lines
def test_label_value_lines() -> None:
    text = "- Diện tích tự nhiên: 18,4 km²\n- Dân số: 31.050 người\n- Số khu phố: 18\n- Số hộ: 8.016 hộ"
    assert _obs(text) == {("area", 18.4, "actual"), ("population", 31050, "actual"),
                          ("residential-groups", 18, "actual"), ("households", 8016, "actual")}


# ---------------------------------------------------------------- the people of the unit
@pytest.mark.parametrize("sentence, expected", [
    ("Toàn xã có 2.950 hộ với 11.420 người.", {("households", 2950, "actual"), ("population", 11420, "actual")}),
    ("Phường có 5.120 hộ, 19.874 khẩu.", {("households", 5120, "actual"), ("population", 19874, "actual")}),
    ("Xã có khoảng 9 nghìn người sinh sống.", {("population", 9000, "actual")}),
    ("Phường rộng 8,7 km vuông với gần 4 vạn dân.", {("area", 8.7, "actual"), ("population", 40000, "actual")}),
    ("Dân số của phường là 27 540 người.", {("population", 27540, "actual")}),
    # the last of a list of what the unit has
    ("Phường Thủy Nguyên có 9,4 km² và 31.600 người.", {("area", 9.4, "actual"), ("population", 31600, "actual")}),
    # people who are not the unit's residents
    ("Phường có 14 tổ dân phố và 1.200 người dân đã ký cam kết.", {("residential-groups", 14, "actual")}),
    ("Ban chỉ đạo của xã có 15 người.", set()),
    ("Buổi ra mắt có 300 người tham dự.", set()),
    ("Năm nay phường tạo việc làm mới cho 380 người.", set()),
    # the people of another unit named after the one the sentence opens with
    ("Dân số phường sau sắp xếp là 48.100 người, gấp đôi phường Bắc Hà cũ (24.000 người).",
     {("population", 48100, "actual")}),
])
def test_the_people_of_the_unit(sentence: str, expected: set) -> None:
    assert _obs(sentence) == expected


# ---------------------------------------------------------------- two units in one sentence
def test_each_clause_belongs_to_the_unit_that_opens_it() -> None:
    facts = run("Phường Đông Hòa có diện tích 14,2 km², dân số 36.700 người; còn phường Tây Hòa có diện tích "
                "9,8 km², dân số 28.150 người.")
    got = {(o.unit.label, o.indicator, o.value) for o in facts.observations}
    assert got == {("phường Đông Hòa", "area", 14.2), ("phường Đông Hòa", "population", 36700),
                   ("phường Tây Hòa", "area", 9.8), ("phường Tây Hòa", "population", 28150)}


def test_old_units_side_by_side() -> None:
    facts = run(HEAD + "Trước đây, xã Lập Lễ cũ có 3.050 hộ, xã Phả Lễ cũ có 2.480 hộ.")
    got = {(o.unit.label, o.value) for o in facts.observations}
    assert ("xã Lập Lễ", 2480) not in got and got <= {("xã Lập Lễ", 3050), ("xã Phả Lễ", 2480)}


@pytest.mark.parametrize("sentence, expected", [
    # a yearly income written per month
    ("Thu nhập bình quân đầu người đạt 6,5 triệu đồng/người/tháng.", {("income-per-capita", 78_000_000, "actual")}),
    # after "trong đó", a figure of another kind than the total is no part of it
    ("Nhiệm kỳ 2025-2030, Đại hội thông qua 15 chỉ tiêu, trong đó tỷ lệ tham gia bảo hiểm y tế đến năm 2030 đạt 96%.",
     {("health-insurance-rate", 96, "target")}),
])
def test_more_number_forms(sentence: str, expected: set) -> None:
    assert _obs(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a range is read as its lower bound
    ("Mục tiêu nhiệm kỳ 2025-2030: tốc độ tăng trưởng kinh tế bình quân đạt 8,5-9%/năm.",
     {("growth-rate", 8.5, "target")}),
    ("Phấn đấu thu nhập bình quân đầu người đạt từ 90 đến 100 triệu đồng.",
     {("income-per-capita", 90_000_000, "target")}),
])
def test_ranges(sentence: str, expected: set) -> None:
    assert _obs(sentence) == expected


def test_figures_given_respectively() -> None:
    facts = run("Hai xã Tân Lập và Tân Tiến có diện tích lần lượt là 31,5 km² và 24,8 km².")
    got = {(o.unit.label, o.indicator, o.value) for o in facts.observations}
    assert got == {("xã Tân Lập", "area", 31.5), ("xã Tân Tiến", "area", 24.8)}
    facts = run("Phường Bắc Lý và phường Nam Lý có dân số tương ứng 21.300 người và 18.950 người.")
    got = {(o.unit.label, o.indicator, o.value) for o in facts.observations}
    assert got == {("phường Bắc Lý", "population", 21300), ("phường Nam Lý", "population", 18950)}


@pytest.mark.parametrize("sentence, expected", [
    # the unit's natural area, in hectares or km², however the phrase goes on
    ("Diện tích đất tự nhiên của phường là 1.274 ha.", {("area", 12.74, "actual")}),
    ("Diện tích phường sau sắp xếp là 6,8 km².", {("area", 6.8, "actual")}),
    ("Phường có tổng diện tích gần 680 ha, dân số 41.200 người.",
     {("area", 6.8, "actual"), ("population", 41200, "actual")}),
    ("Phường rộng 6,8 km².", {("area", 6.8, "actual")}),
    # the phrase after the figure
    ("Phường có 682 ha diện tích tự nhiên, 41.200 nhân khẩu.",
     {("area", 6.82, "actual"), ("population", 41200, "actual")}),
    ("Phường có 95 ha diện tích mặt nước.", set()),
])
def test_the_units_area(sentence: str, expected: set) -> None:
    assert _obs(sentence) == expected


def test_a_unit_in_brackets_places_the_one_before_it() -> None:
    facts = run("Trước khi sắp xếp, phường 12 (quận Gò Vấp) có dân số khoảng 47.000 người.")
    assert {(o.unit.label, o.indicator, o.value) for o in facts.observations} == {("phường 12", "population", 47000)}


def test_an_event_planned_is_no_target() -> None:
    facts = run(HEAD + "Đại hội dự kiến diễn ra trong 2 ngày với 180 đại biểu. Đảng bộ có 1.950 đảng viên.")
    assert {(o.indicator, o.status) for o in facts.observations} == {("delegates", "actual"),
                                                                      ("party-members", "actual")}


@pytest.mark.parametrize("sentence, expected", [
    # numbers in words
    ("Phường có mười tám tổ dân phố với gần ba nghìn hộ.",
     {("residential-groups", 18, "actual"), ("households", 3000, "actual")}),
    ("Đảng bộ xã có hai mươi mốt chi bộ.", {("party-cells", 21, "actual")}),
    ("Ba năm qua, xã có thêm hai thôn đạt chuẩn nông thôn mới.", set()),
])
def test_numbers_in_words(sentence: str, expected: set) -> None:
    assert _obs(sentence) == expected

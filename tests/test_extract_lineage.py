"""Lineage extraction: sentences written the ways newsrooms and resolutions
write them, each with the predecessors and shares a careful reader takes."""

from __future__ import annotations

import pytest

from tests.extract_helpers import lineage_set, nfd, run

CASES = [
    (
        "Phường Hòa Bình được thành lập trên cơ sở sáp nhập toàn bộ phường Hòa Bình cũ và phần còn lại "
        "của các phường An Lư, Thủy Hà.",
        {("phường Hòa Bình", "phường Hòa Bình", "whole"), ("phường Hòa Bình", "phường An Lư", "part"),
         ("phường Hòa Bình", "phường Thủy Hà", "part")},
    ),
    (
        "Xã Yên Lập mới được hình thành từ việc hợp nhất nguyên trạng ba xã Tân Lập, Phú Lập và Cao Lập "
        "(huyện Yên Sơn cũ).",
        {("xã Yên Lập", "xã Tân Lập", "whole"), ("xã Yên Lập", "xã Phú Lập", "whole"),
         ("xã Yên Lập", "xã Cao Lập", "whole")},
    ),
    (
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Đông Sơn và một phần diện tích tự nhiên "
        "của xã Tây Sơn (huyện Kiến Thụy) thành xã mới có tên gọi là xã Nam Sơn.",
        {("xã Nam Sơn", "xã Đông Sơn", "whole"), ("xã Nam Sơn", "xã Tây Sơn", "part")},
    ),
    (
        "Theo Nghị quyết số 1669/NQ-UBTVQH15 ngày 16/6/2025, phường Nam Triệu được thành lập trên cơ sở "
        "nhập 3 phường Nam Triệu Giang, Lập Lễ và Tam Hưng.",
        {("phường Nam Triệu", "phường Nam Triệu Giang", "whole"), ("phường Nam Triệu", "phường Lập Lễ", "whole"),
         ("phường Nam Triệu", "phường Tam Hưng", "whole")},
    ),
    (
        "Thành lập xã Bình Minh thuộc tỉnh Tây Ninh trên cơ sở toàn bộ 20,5 km² diện tích tự nhiên, quy mô "
        "dân số là 9.800 người của xã An Bình; toàn bộ 15,2 km² diện tích tự nhiên, quy mô dân số là 7.100 "
        "người của xã Phước Minh và điều chỉnh 3,1 km² diện tích tự nhiên của xã Long Giang.",
        {("xã Bình Minh", "xã An Bình", "whole"), ("xã Bình Minh", "xã Phước Minh", "whole"),
         ("xã Bình Minh", "xã Long Giang", "part")},
    ),
    (
        "Mới được thành lập trên cơ sở sáp nhập hai phường Vạn Mỹ và Cầu Tre, phường Ngô Quyền đã ổn định "
        "bộ máy.",
        {("phường Ngô Quyền", "phường Vạn Mỹ", "whole"), ("phường Ngô Quyền", "phường Cầu Tre", "whole")},
    ),
    (
        "Theo đó, sáp nhập tỉnh Hải Dương vào thành phố Hải Phòng.",
        {("thành phố Hải Phòng", "tỉnh Hải Dương", "whole")},
    ),
    (
        "Phường Hồng An được thành lập trên cơ sở sáp nhập phường Quán Toan, phường An Hồng, một phần các "
        "phường An Hưng, Đại Bản (quận Hồng Bàng) và một phần phường Tân Tiến (huyện An Dương).",
        {("phường Hồng An", "phường Quán Toan", "whole"), ("phường Hồng An", "phường An Hồng", "whole"),
         ("phường Hồng An", "phường An Hưng", "part"), ("phường Hồng An", "phường Đại Bản", "part"),
         ("phường Hồng An", "phường Tân Tiến", "part")},
    ),
]

CASES += [
    (
        "Theo nghị quyết, phường Lê Chân mới gồm toàn bộ phường Hàng Kênh và phần còn lại của phường An Biên, "
        "sau khi một phần của hai phường này được điều chỉnh về phường Ngô Quyền.",
        {("phường Lê Chân", "phường Hàng Kênh", "whole"), ("phường Lê Chân", "phường An Biên", "part")},
    ),
    (
        "Phường Bạch Đằng được hình thành từ toàn bộ phường Minh Đức, xã Bạch Đằng (thành phố Thủy Nguyên) và "
        "phường Phạm Ngũ Lão.",
        {("phường Bạch Đằng", "phường Minh Đức", "whole"), ("phường Bạch Đằng", "xã Bạch Đằng", "whole"),
         ("phường Bạch Đằng", "phường Phạm Ngũ Lão", "whole")},
    ),
    (
        "Phường Nam Triệu là kết quả của việc hợp nhất nguyên trạng ba phường Nam Triệu Giang, Lập Lễ và Tam Hưng.",
        {("phường Nam Triệu", "phường Nam Triệu Giang", "whole"), ("phường Nam Triệu", "phường Lập Lễ", "whole"),
         ("phường Nam Triệu", "phường Tam Hưng", "whole")},
    ),
]

# where the rest of a predecessor went after a part was adjusted away ends the list
CASES += [
    (
        "Phường Hà Tu được thành lập trên cơ sở sáp nhập toàn bộ phường Hà Phong và phần còn lại của phường Hà "
        "Khánh sau khi điều chỉnh về phường Hồng Gai.",
        {("phường Hà Tu", "phường Hà Phong", "whole"), ("phường Hà Tu", "phường Hà Khánh", "part")},
    ),
    (
        "Sắp xếp toàn bộ xã Đông Hải và phần còn lại của xã Tây Hải sau khi điều chỉnh về xã Nam Hải thành xã mới "
        "có tên gọi là xã Bắc Hải.",
        {("xã Bắc Hải", "xã Đông Hải", "whole"), ("xã Bắc Hải", "xã Tây Hải", "part")},
    ),
]

# compound names: parts joined by a hyphen or dash, spaced or not (written spaced, the dash kept)
CASES += [
    (
        "Phường Xuân Hương-Đà Lạt được thành lập trên cơ sở sáp nhập toàn bộ phường 1, phường 2 và một phần "
        "phường 3 (thành phố Đà Lạt).",
        {("phường Xuân Hương - Đà Lạt", "phường 1", "whole"), ("phường Xuân Hương - Đà Lạt", "phường 2", "whole"),
         ("phường Xuân Hương - Đà Lạt", "phường 3", "part")},
    ),
    (
        "Sắp xếp toàn bộ phường Văn Miếu và một phần phường Quốc Tử Giám thành phường mới có tên gọi là "
        "phường Văn Miếu – Quốc Tử Giám.",
        {("phường Văn Miếu – Quốc Tử Giám", "phường Văn Miếu", "whole"),
         ("phường Văn Miếu – Quốc Tử Giám", "phường Quốc Tử Giám", "part")},
    ),
]

# the new unit named last, the list before the formation word (with "được", "đã", "chính thức" between)
CASES += [
    (
        "Hai phường Tân Mai và Tân Lập đã được sáp nhập thành phường Tân Mai Lập.",
        {("phường Tân Mai Lập", "phường Tân Mai", "whole"), ("phường Tân Mai Lập", "phường Tân Lập", "whole")},
    ),
    (
        "Các xã Đồng Lạc, Đồng Tâm, Đồng Quang chính thức hợp nhất thành xã Đồng Phúc.",
        {("xã Đồng Phúc", "xã Đồng Lạc", "whole"), ("xã Đồng Phúc", "xã Đồng Tâm", "whole"),
         ("xã Đồng Phúc", "xã Đồng Quang", "whole")},
    ),
    (
        "Xã Yên Thịnh, xã Yên Bình và một phần xã Yên Hà nhập thành xã Yên Thuận.",
        {("xã Yên Thuận", "xã Yên Thịnh", "whole"), ("xã Yên Thuận", "xã Yên Bình", "whole"),
         ("xã Yên Thuận", "xã Yên Hà", "part")},
    ),
    (
        "Theo đề án, phường Lộc Thọ và phường Lộc Tiến sẽ sáp nhập thành một phường mới có tên là phường Lộc Hưng.",
        {("phường Lộc Hưng", "phường Lộc Thọ", "whole"), ("phường Lộc Hưng", "phường Lộc Tiến", "whole")},
    ),
    (
        "Thị trấn Cầu Gồ và xã Phồn Xương (huyện Yên Thế) được hợp nhất thành xã Yên Thế.",
        {("xã Yên Thế", "thị trấn Cầu Gồ", "whole"), ("xã Yên Thế", "xã Phồn Xương", "whole")},
    ),
    (
        "Sáp nhập phường Hải Đình và phường Hải Cảng hình thành phường Hải Đông.",
        {("phường Hải Đông", "phường Hải Đình", "whole"), ("phường Hải Đông", "phường Hải Cảng", "whole")},
    ),
]

CASES += [
    (  # read back from the verb, the list begins after the clause before it
        "Theo UBND tỉnh Đồng Nai, xã Tân An và xã Tân Bình sẽ sáp nhập thành xã Tân Phú.",
        {("xã Tân Phú", "xã Tân An", "whole"), ("xã Tân Phú", "xã Tân Bình", "whole")},
    ),
    (  # the unit after "thành xã …" is a commune: a province named later only describes it
        "Xã Long Phước được thành lập trên cơ sở sáp nhập xã Long An và xã Long Bình, thành xã có diện tích lớn "
        "nhất tỉnh Đồng Nai.",
        {("xã Long Phước", "xã Long An", "whole"), ("xã Long Phước", "xã Long Bình", "whole")},
    ),
]

# a count, "cũ" or "là" between the type word and the names: "3 phường là A, B và C", "2 xã cũ: A và B"
CASES += [
    (
        "Phường Lạc Viên mới được sáp nhập từ 3 phường là Lạc Hòa, Lạc Thịnh và Lạc Đông.",
        {("phường Lạc Viên", "phường Lạc Hòa", "whole"), ("phường Lạc Viên", "phường Lạc Thịnh", "whole"),
         ("phường Lạc Viên", "phường Lạc Đông", "whole")},
    ),
    (
        "Xã Cẩm Giang gồm 2 xã cũ: Cẩm Đông và Cẩm Tây.",
        {("xã Cẩm Giang", "xã Cẩm Đông", "whole"), ("xã Cẩm Giang", "xã Cẩm Tây", "whole")},
    ),
    (
        "Phường Thới An Đông gồm ba phường cũ là Thới Hòa, Thới Long và Thới Nhựt.",
        {("phường Thới An Đông", "phường Thới Hòa", "whole"), ("phường Thới An Đông", "phường Thới Long", "whole"),
         ("phường Thới An Đông", "phường Thới Nhựt", "whole")},
    ),
    (
        "Xã Phú Giáo gồm các xã cũ là xã Phú An, xã Phú Thọ và xã Phú Hưng.",
        {("xã Phú Giáo", "xã Phú An", "whole"), ("xã Phú Giáo", "xã Phú Thọ", "whole"),
         ("xã Phú Giáo", "xã Phú Hưng", "whole")},
    ),
    (  # a count is not a figure: the units after it are not parts
        "Sáp nhập xã Hương Lâm và 2 xã Hương Sơn, Hương Thủy thành xã Hương Phong.",
        {("xã Hương Phong", "xã Hương Lâm", "whole"), ("xã Hương Phong", "xã Hương Sơn", "whole"),
         ("xã Hương Phong", "xã Hương Thủy", "whole")},
    ),
]

# numbered units after the first: "các phường 3, 8 và 14"
CASES += [
    (
        "Phường Bình Thới được hình thành từ việc sáp nhập các phường 3, 8 và 14 (quận 11 cũ).",
        {("phường Bình Thới", "phường 3", "whole"), ("phường Bình Thới", "phường 8", "whole"),
         ("phường Bình Thới", "phường 14", "whole")},
    ),
]

# a closing quotation mark after the last item ends the list, not the reading
CASES += [
    (
        "Ông Trần Minh cho biết: “Phường Tân Định được thành lập trên cơ sở sáp nhập phường Đa Kao, phường Tân Định”.",
        {("phường Tân Định", "phường Đa Kao", "whole"), ("phường Tân Định", "phường Tân Định", "whole")},
    ),
    (
        "“Xã Thạnh Phú được thành lập trên cơ sở sáp nhập xã Thạnh An và xã Thạnh Lợi”, ông Lê Văn Bình, Chủ tịch "
        "UBND xã, cho biết.",
        {("xã Thạnh Phú", "xã Thạnh An", "whole"), ("xã Thạnh Phú", "xã Thạnh Lợi", "whole")},
    ),
]

# "hợp thành từ"
CASES += [
    (
        "Xã Tân Hưng mới được hợp thành từ xã Tân Lợi, xã Tân Hiệp và một phần xã Tân Đông.",
        {("xã Tân Hưng", "xã Tân Lợi", "whole"), ("xã Tân Hưng", "xã Tân Hiệp", "whole"),
         ("xã Tân Hưng", "xã Tân Đông", "part")},
    ),
]

# "nhập A vào B": B takes A in; in "thành lập C trên cơ sở nhập A vào B" both A and B form C
CASES += [
    (
        "Nhập toàn bộ xã Vĩnh Lợi và xã Vĩnh Tân vào xã Vĩnh Thành.",
        {("xã Vĩnh Thành", "xã Vĩnh Lợi", "whole"), ("xã Vĩnh Thành", "xã Vĩnh Tân", "whole")},
    ),
    (
        "Toàn bộ phường Bến Gót được sáp nhập vào phường Việt Trì.",
        {("phường Việt Trì", "phường Bến Gót", "whole")},
    ),
    (
        "Thành lập phường An Khê trên cơ sở nhập một phần diện tích tự nhiên của xã Thành An vào phường An Bình.",
        {("phường An Khê", "xã Thành An", "part"), ("phường An Khê", "phường An Bình", "whole")},
    ),
]

# a sentence ending in a colon goes on in the bulleted lines after it
CASES += [
    (
        "Phường Long Biên được thành lập trên cơ sở sáp nhập:\n- Toàn bộ phường Gia Thụy;\n- Toàn bộ phường Ngọc "
        "Thụy;\n- Một phần phường Bồ Đề.",
        {("phường Long Biên", "phường Gia Thụy", "whole"), ("phường Long Biên", "phường Ngọc Thụy", "whole"),
         ("phường Long Biên", "phường Bồ Đề", "part")},
    ),
]

# sentences that name units near merger words but state no lineage
NONE = [
    "Sau khi sáp nhập, phường Kinh Môn được chia lại thành 13 tổ dân phố.",
    "Trước đó, theo Đề án sắp xếp đơn vị hành chính cấp xã tỉnh Nghệ An, xã này là xã Nam Đàn 2.",
    "Toàn bộ hoặc một phần diện tích các phường này được sáp nhập lại thành phường Kim Liên mới.",
    "Công an phường An Lưu được công nhận đơn vị kiểu mẫu năm 2023.",
    "Năm 2019, xã Đông Khê được sắp xếp lại từ các xã An Khê, Bình Khê.",  # a re-arrangement
    # a village of a commune moved to another: the commune is not merged
    "Thôn Đông của xã Tân Lập được nhập vào xã Tân Hòa.",
    "Thôn 5 xã Tân Lập được sáp nhập vào xã Tân Hòa.",
    "Hai thôn của xã Tân Lập được nhập vào xã Tân Hòa.",
    "Ấp Phước Thọ được sáp nhập vào ấp Phước Lộc thuộc xã Phước Hưng.",
    # the state before a merger, and a merger of Party committees, form no unit
    "Trước khi sáp nhập, xã Phước Lâm và xã Phước Hải đều đạt chuẩn nông thôn mới.",
    "Đảng bộ xã Phước Lâm và Đảng bộ xã Phước Hải hợp nhất thành Đảng bộ xã Phước Thành.",
]


@pytest.mark.parametrize("sentence, expected", CASES)
def test_lineage(sentence: str, expected: set) -> None:
    assert lineage_set(run(sentence)) == expected


@pytest.mark.parametrize("sentence, expected", CASES)
def test_lineage_is_the_same_in_nfd_and_with_noise(sentence: str, expected: set) -> None:
    noisy = nfd(sentence).replace(" ", "\u00a0", 3).replace("toàn bộ", "**toàn bộ**")
    assert lineage_set(run(noisy)) == expected


def test_old_tone_placement_reads_as_the_same_unit() -> None:
    old_style = "Phường Hoà Bình được thành lập trên cơ sở sáp nhập phường Thuỷ Hà và phường Hoà Bình."
    assert lineage_set(run(old_style)) == {
        ("phường Hòa Bình", "phường Thủy Hà", "whole"), ("phường Hòa Bình", "phường Hòa Bình", "whole"),
    }


@pytest.mark.parametrize("sentence", NONE)
def test_no_lineage(sentence: str) -> None:
    assert run(sentence).lineage == []


def test_former_district_is_kept() -> None:
    facts = run(
        "Xã Kim Liên được thành lập trên cơ sở sáp nhập các xã Hùng Tiến, Nam Cát thuộc huyện Nam Đàn cũ "
        "và xã Xuân Lâm (huyện Hưng Nguyên)."
    )
    districts = {x.old.name: (x.old.district.label if x.old.district else None) for x in facts.lineage}
    assert districts == {"Hùng Tiến": "huyện Nam Đàn", "Nam Cát": "huyện Nam Đàn", "Xuân Lâm": "huyện Hưng Nguyên"}


def test_evidence_offsets_point_into_the_original_text() -> None:
    text = "Tin tức\n\n**Phường** Nam Triệu được thành lập trên cơ sở sáp nhập phường Lập Lễ và phường Tam Hưng."
    facts = run(nfd(text))
    original = nfd(text)
    for fact in facts.lineage:
        ev = fact.evidence
        assert original[ev.start : ev.end] == ev.sentence
        assert nfd("Lập Lễ") in ev.sentence


def test_provinces_merged_into_a_new_province() -> None:
    facts = run("Thành phố Hải Phòng mới được thành lập trên cơ sở hợp nhất thành phố Hải Phòng và tỉnh Hải Dương.")
    assert lineage_set(facts) == {
        ("thành phố Hải Phòng", "thành phố Hải Phòng", "whole"), ("thành phố Hải Phòng", "tỉnh Hải Dương", "whole"),
    }
    olds = {x.old.name: x.old.former for x in facts.lineage}
    assert olds == {"Hải Phòng": True, "Hải Dương": True}


def test_part_of_the_land_and_all_of_the_people_is_a_part() -> None:
    facts = run(
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Võng La, một phần diện tích tự nhiên, toàn bộ "
        "quy mô dân số của các xã Đại Mạch, Kim Nỗ thành xã mới có tên gọi là xã Thiên Lộc."
    )
    assert lineage_set(facts) == {
        ("xã Thiên Lộc", "xã Võng La", "whole"), ("xã Thiên Lộc", "xã Đại Mạch", "part"),
        ("xã Thiên Lộc", "xã Kim Nỗ", "part"),
    }


def test_a_whole_district_becomes_a_special_zone() -> None:
    facts = run("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của huyện Bạch Long Vĩ thành đặc khu có tên gọi là "
                "đặc khu Bạch Long Vĩ.")
    assert lineage_set(facts) == {("đặc khu Bạch Long Vĩ", "huyện Bạch Long Vĩ", "whole")}


# ---------------------------------------------------------------- districts given after items of a list
# A district after an item is the district of every item of its run that has none: back to the previous
# district, the share cue or the start of the list; never forward; and only to the kinds of unit such a
# district held (a huyện had xã and thị trấn, no phường; a quận phường only).
ARRANGE = "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của {} thành xã mới có tên gọi là xã Hòa Tiến."
DISTRICTS = [
    ("Phường 1, Phường 2 và Phường 4 (thị xã Bình Long)",
     {"1": "thị xã Bình Long", "2": "thị xã Bình Long", "4": "thị xã Bình Long"}),
    ("xã Đông Phú và xã Tây Phú (huyện Quế Sơn), xã Nam Phú",
     {"Đông Phú": "huyện Quế Sơn", "Tây Phú": "huyện Quế Sơn", "Nam Phú": None}),
    ("các xã An Phú, Bình Phú, Cát Phú (huyện Quế Sơn), xã Duy Phú (huyện Duy Xuyên)",
     {"An Phú": "huyện Quế Sơn", "Bình Phú": "huyện Quế Sơn", "Cát Phú": "huyện Quế Sơn",
      "Duy Phú": "huyện Duy Xuyên"}),
    ("xã An Phú (huyện Quế Sơn), xã Bình Phú, xã Cát Phú",  # a district does not reach forward
     {"An Phú": "huyện Quế Sơn", "Bình Phú": None, "Cát Phú": None}),
    ("xã An Phú (huyện Quế Sơn) và xã Bình Phú (huyện Duy Xuyên)",
     {"An Phú": "huyện Quế Sơn", "Bình Phú": "huyện Duy Xuyên"}),
    ("xã An Phú, xã Bình Phú, một phần diện tích tự nhiên, quy mô dân số của xã Cát Phú (huyện Quế Sơn)",
     {"An Phú": None, "Bình Phú": None, "Cát Phú": "huyện Quế Sơn"}),
    ("xã An Phú, một phần diện tích tự nhiên của xã Bình Phú và xã Cát Phú (huyện Quế Sơn), xã Duy Phú",
     {"An Phú": None, "Bình Phú": "huyện Quế Sơn", "Cát Phú": "huyện Quế Sơn", "Duy Phú": None}),
    ("phường Tân An, thị trấn Hà Lam, xã Bình Phú (huyện Thăng Bình)",  # no phường in a huyện
     {"Tân An": None, "Hà Lam": "huyện Thăng Bình", "Bình Phú": "huyện Thăng Bình"}),
    ("phường Tân An và các xã Bình Phú (huyện Thăng Bình)",
     {"Tân An": None, "Bình Phú": "huyện Thăng Bình"}),
    ("thị trấn Hà Lam và các xã Bình Phú (huyện Thăng Bình)",
     {"Hà Lam": "huyện Thăng Bình", "Bình Phú": "huyện Thăng Bình"}),
    ("phường Minh An và xã Cẩm Hà (thành phố Hội An)",  # a city held phường and xã
     {"Minh An": "thành phố Hội An", "Cẩm Hà": "thành phố Hội An"}),
    ("thị trấn Hà Lam, phường An Lộc và xã Thanh Lương (thị xã Bình Long)",  # a thị xã held phường and xã
     {"Hà Lam": None, "An Lộc": "thị xã Bình Long", "Thanh Lương": "thị xã Bình Long"}),
    ("xã Cẩm Hà, phường Minh An (quận Hải Châu)",  # a quận held phường only; the item before it is its own
     {"Cẩm Hà": None, "Minh An": "quận Hải Châu"}),
    ("xã An Phú, xã Bình Phú thuộc huyện Quế Sơn cũ và xã Cát Phú",
     {"An Phú": "huyện Quế Sơn", "Bình Phú": "huyện Quế Sơn", "Cát Phú": None}),
]


def _districts(facts) -> dict[str, str | None]:
    return {x.old.name: (x.old.district.label if x.old.district else None) for x in facts.lineage}


@pytest.mark.parametrize("items, expected", DISTRICTS)
def test_a_district_after_items_is_the_district_of_its_run(items: str, expected: dict) -> None:
    assert _districts(run(ARRANGE.format(items))) == expected


def test_units_of_one_name_in_different_districts_stay_apart() -> None:
    text = "\n\n".join(ARRANGE.replace("xã Hòa Tiến", name).format(items) for name, items in (
        ("phường Bình Long", "Phường 1, Phường 2 (thị xã Bình Long)"),
        ("phường Đồng Xoài", "Phường 1 và Phường 2 (thành phố Đồng Xoài)"),
    ))
    olds = {(x.new.name, x.old.name): x.old for x in run(text).lineage}
    assert olds[("Bình Long", "1")] != olds[("Đồng Xoài", "1")]
    assert olds[("Bình Long", "2")].district.label == "thị xã Bình Long"


# ---------------------------------------------------------------- a document clause ends the list
ENDINGS = [
    " theo Nghị quyết số 1669/NQ-UBTVQH15 ngày 16/6/2025.",
    " theo Nghị quyết 1669/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội.",
    " căn cứ Nghị quyết số 1669/NQ-UBTVQH15.",
    " căn cứ vào Nghị quyết số 1669/NQ-UBTVQH15.",
    " tại Nghị quyết số 1669/NQ-UBTVQH15 ngày 16/6/2025, có hiệu lực từ ngày 1/7/2025.",
    ", theo NQ 1669/NQ-UBTVQH15.",
    " theo quy định tại Nghị quyết số 1669/NQ-UBTVQH15.",
    " (theo Nghị quyết số 1669/NQ-UBTVQH15).",
    ".",
]


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_document_clause_ends_the_list(ending: str) -> None:
    sentence = ("Phường Đông Hòa (TP Hải Phòng) được thành lập trên cơ sở sáp nhập toàn bộ phường Tân Hòa (huyện "
                "An Dương) và một phần phường Lê Hòa" + ending)
    facts = run(sentence)
    assert lineage_set(facts) == {("phường Đông Hòa", "phường Tân Hòa", "whole"),
                                  ("phường Đông Hòa", "phường Lê Hòa", "part")}


@pytest.mark.parametrize("clause", ["theo Nghị quyết số 1669/NQ-UBTVQH15", "căn cứ NQ số 1669/NQ-UBTVQH15"])
def test_the_new_unit_after_a_document_clause(clause: str) -> None:
    facts = run(f"Sáp nhập xã Tân Hòa và xã Lê Hòa {clause} thành xã Đông Hòa.")
    assert lineage_set(facts) == {("xã Đông Hòa", "xã Tân Hòa", "whole"), ("xã Đông Hòa", "xã Lê Hòa", "whole")}


def test_a_document_clause_before_the_list_does_not_end_it() -> None:
    facts = run("Phường Đông Hòa được thành lập theo Nghị quyết số 1669/NQ-UBTVQH15 trên cơ sở sáp nhập phường Tân "
                "Hòa và phường Lê Hòa.")
    assert lineage_set(facts) == {("phường Đông Hòa", "phường Tân Hòa", "whole"),
                                  ("phường Đông Hòa", "phường Lê Hòa", "whole")}


def test_districts_read_from_the_resolutions_agree_with_the_register(shared_corpus) -> None:
    """Every district kg reads for an old unit of the corpus's resolutions is one the official register
    gives that unit (the register is a check here, never an input of the extractor)."""
    pytest.importorskip("vietnamadminunits", reason="the register package vietnamadminunits is not installed")
    from kg.extract import extract_document
    from kg.facts import Document
    from kg.readers import read_inputs
    from kg.register import load_register, name_key

    register = load_register()
    given = disagree = 0
    for doc in read_inputs(sorted(shared_corpus.glob("res-*.md"))):
        assert isinstance(doc, Document)
        facts = extract_document(doc)
        for old in {x.old for x in facts.lineage if x.old.level == "commune" and x.old.district is not None}:
            found = register.find(old.province, old.type_key, old.name, former=True)
            given += 1
            if not any(name_key(u.district.name) == name_key(old.district.name) for u in found):
                disagree += 1
    assert given >= 150 and disagree == 0


# figures measured out of a unit ("… của xã A") without "toàn bộ" are a piece of it; "tách" takes a piece
@pytest.mark.parametrize("sentence, expected", [
    ("Năm 1996, Chính phủ thành lập thị trấn Hòa Bình thuộc huyện Đức Cơ trên cơ sở 1.250 ha diện tích tự "
     "nhiên và 8.400 nhân khẩu của xã Ia Kla.", {("thị trấn Hòa Bình", "xã Ia Kla", "part")}),
    ("Năm 2003, xã Tân Lộc được thành lập trên cơ sở tách 2.130 ha diện tích tự nhiên và 6.200 nhân khẩu "
     "của xã Tân Hưng.", {("xã Tân Lộc", "xã Tân Hưng", "part")}),
    ("Năm 2003, xã Tân Lộc được thành lập trên cơ sở tách xã Tân Hưng.", {("xã Tân Lộc", "xã Tân Hưng", "part")}),
    # "toàn bộ" before the figures: the whole unit, measured
    ("Thành lập xã Ea Sol trên cơ sở toàn bộ 42,15 km² diện tích tự nhiên và 9.300 người của xã Ea Hiu.",
     {("xã Ea Sol", "xã Ea Hiu", "whole")}),
    ("Thành lập xã Ea Sol trên cơ sở toàn bộ 42,15 km² diện tích tự nhiên, quy mô dân số 9.300 người của "
     "xã Ea Hiu và 10,2 km² diện tích tự nhiên của xã Ea Kar.",
     {("xã Ea Sol", "xã Ea Hiu", "whole"), ("xã Ea Sol", "xã Ea Kar", "part")}),
    # no figures: the units themselves are merged
    ("Thành lập xã Ea Sol trên cơ sở nhập xã Ea Hiu và xã Ea Kar.",
     {("xã Ea Sol", "xã Ea Hiu", "whole"), ("xã Ea Sol", "xã Ea Kar", "whole")}),
])
def test_a_measured_piece_of_a_unit_is_a_part(sentence: str, expected: set) -> None:
    assert lineage_set(run(sentence)) == expected


def test_a_name_with_the_long_o_stays_in_the_list() -> None:
    facts = run("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Ia Boòng và xã Ia Kênh thành xã Ia Kênh.")
    assert lineage_set(facts) == {("xã Ia Kênh", "xã Ia Boòng", "whole"), ("xã Ia Kênh", "xã Ia Kênh", "whole")}


def test_the_figures_of_the_one_piece_a_unit_is_founded_on_are_its_own() -> None:
    facts = run("Năm 2003, xã Tân Lộc được thành lập trên cơ sở 2.130 ha diện tích tự nhiên và 6.200 nhân khẩu "
                "của xã Tân Hưng.")
    assert {(o.unit.label, o.indicator, o.value) for o in facts.observations} == {
        ("xã Tân Lộc", "area", 21.3), ("xã Tân Lộc", "population", 6200)
    }
    # a piece taken into a unit that was there before is not that unit's size, nor its source's
    facts = run("Năm 2003, sáp nhập 2.130 ha diện tích tự nhiên và 6.200 nhân khẩu của xã Tân Hưng vào xã Tân Lộc.")
    assert lineage_set(facts) == {("xã Tân Lộc", "xã Tân Hưng", "part")}
    assert facts.observations == []

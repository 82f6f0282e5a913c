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

# sentences that name units near merger words but state no lineage
NONE = [
    "Sau khi sáp nhập, phường Kinh Môn được chia lại thành 13 tổ dân phố.",
    "Trước đó, theo Đề án sắp xếp đơn vị hành chính cấp xã tỉnh Nghệ An, xã này là xã Nam Đàn 2.",
    "Toàn bộ hoặc một phần diện tích các phường này được sáp nhập lại thành phường Kim Liên mới.",
    "Công an phường An Lưu được công nhận đơn vị kiểu mẫu năm 2023.",
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

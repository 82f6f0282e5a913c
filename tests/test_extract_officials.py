"""Officials: names with posts, titles before or after the name."""

from __future__ import annotations

import pytest

from tests.extract_helpers import nfd, run

DOC = "Phường Thủy Nguyên (TP Hải Phòng) tổ chức Đại hội.\n\n"

CASES = [
    (
        "Ông Nguyễn Văn Hùng, Phó Chủ tịch UBND phường Thủy Nguyên, cho biết kết quả đạt được.",
        {("Nguyễn Văn Hùng", "committee-vice-chair", "phường Thủy Nguyên")},
    ),
    (
        "Bí thư Đảng ủy, Chủ tịch HĐND phường Thủy Nguyên Trần Thị Mai phát biểu khai mạc.",
        {("Trần Thị Mai", "party-secretary", "phường Thủy Nguyên"),
         ("Trần Thị Mai", "council-chair", "phường Thủy Nguyên")},
    ),
    (
        "Tại Đại hội, đồng chí Phạm Văn Long giữ chức Chủ tịch UBND phường.",
        {("Phạm Văn Long", "committee-chair", "phường Thủy Nguyên")},
    ),
    (
        "Dự Đại hội có Phó Chủ tịch Thường trực UBND TP Hải Phòng Lê Anh Quân.",
        {("Lê Anh Quân", "standing-committee-vice-chair", "thành phố Hải Phòng")},
    ),
    (
        "Dự Đại hội có Giám đốc Sở Nội vụ Hoàng Minh Đức và Trưởng Ban Tổ chức Thành ủy Vũ Thị Lan.",
        {("Hoàng Minh Đức", "department-director", "phường Thủy Nguyên"),
         ("Vũ Thị Lan", "board-head", "thành phố Hải Phòng")},
    ),
    (
        "Chủ tịch Ủy ban MTTQ Việt Nam phường Thủy Nguyên Đỗ Văn Bình trình bày báo cáo.",
        {("Đỗ Văn Bình", "front-chair", "phường Thủy Nguyên")},
    ),
    (
        "Phó Bí thư Thường trực Đảng ủy phường là bà Nguyễn Thị Thanh Mai.",
        {("Nguyễn Thị Thanh Mai", "standing-deputy-party-secretary", "phường Thủy Nguyên")},
    ),
    (
        "Bà Đỗ Thị Hương được chỉ định làm Chủ tịch Ủy ban MTTQ Việt Nam phường.",
        {("Đỗ Thị Hương", "front-chair", "phường Thủy Nguyên")},
    ),
    ("Phó Trưởng Ban Tổ chức Thành ủy Nguyễn Văn An dự Đại hội.", set()),
    ("Xã Kim Liên là quê hương của Chủ tịch Hồ Chí Minh.", set()),
    ("Lãnh đạo TP Hải Phòng tặng hoa chúc mừng Đại hội.", set()),
    (
        "Đồng chí Lê Văn Khải, Bí thư Đảng ủy kiêm Chủ tịch HĐND phường Thủy Nguyên, phát biểu.",
        {("Lê Văn Khải", "party-secretary", "phường Thủy Nguyên"),
         ("Lê Văn Khải", "council-chair", "phường Thủy Nguyên")},
    ),
]


def _posts(text: str) -> set[tuple[str, str, str]]:
    facts = run(DOC + text)
    return {(p.person, p.role, p.jurisdiction.label if p.jurisdiction else "") for p in facts.posts}


@pytest.mark.parametrize("sentence, expected", CASES)
def test_officials(sentence: str, expected: set) -> None:
    assert _posts(sentence) == expected


@pytest.mark.parametrize("sentence, expected", CASES[:4])
def test_officials_in_nfd_and_old_tone_marks(sentence: str, expected: set) -> None:
    text = nfd(sentence.replace("Đảng ủy", "Đảng uỷ").replace("Thủy", "Thuỷ"))
    assert _posts(text) == expected


def test_a_name_is_never_glued_to_the_place_before_it() -> None:
    people = {p for p, _, _ in _posts("Phó Chủ tịch UBND TP Hải Phòng Lê Anh Quân phát biểu.")}
    assert people == {"Lê Anh Quân"}


def test_infobox_rows() -> None:
    text = "# Hà Giang 2\n\n| Phường | |\n| Chủ tịch UBND | Hà Minh Mẫn | |\n| Bí thư Đảng ủy | Vàng Seo Cón | |\n"
    facts = run(text, title="# Hà Giang 2")
    got = {(p.person, p.role) for p in facts.posts}
    assert got == {("Hà Minh Mẫn", "committee-chair"), ("Vàng Seo Cón", "party-secretary")}


@pytest.mark.parametrize("sentence, expected", [
    ("Dự Đại hội có Bí thư Thành ủy Hải Phòng Lê Tiến Châu.",
     {("Lê Tiến Châu", "party-secretary", "thành phố Hải Phòng")}),
    ("Đồng chí Nguyễn Văn Tùng, Thành ủy viên, Bí thư Đảng ủy phường Thủy Nguyên phát biểu.",
     {("Nguyễn Văn Tùng", "party-committee-member", "thành phố Hải Phòng"),
      ("Nguyễn Văn Tùng", "party-secretary", "phường Thủy Nguyên")}),
    ("Đại hội đã bầu đồng chí Lương Thị Hoa làm Chủ tịch Hội đồng nhân dân phường.",
     {("Lương Thị Hoa", "council-chair", "phường Thủy Nguyên")}),
])
def test_more_title_forms(sentence: str, expected: set) -> None:
    assert _posts(sentence) == expected

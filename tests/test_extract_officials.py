"""Officials: names with posts, titles before or after the name."""

from __future__ import annotations

import pytest

from tests.extract_helpers import nfd, post_set, run

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
        {("Hoàng Minh Đức", "department-director", "thành phố Hải Phòng"),
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
    return post_set(run(DOC + text))


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


def _posts_alone(text: str) -> set[tuple[str, str, str]]:
    """Posts read from a text with no headline: the place is named only in the sentence."""
    return post_set(run(text))


# The place is named once, right before the person: where the place ends comes from the
# document, the provinces or the register's unit names, even when the place's first word is
# itself a family name ("Lê Ích Mộc", "Cao Minh").
@pytest.mark.parametrize("text, expected", [
    ("Phó Chủ tịch UBND phường Ngô Quyền Đinh Thị Thanh Nhàn trả lời kiến nghị của cử tri tổ dân phố số 5.",
     {("Đinh Thị Thanh Nhàn", "committee-vice-chair", "phường Ngô Quyền")}),
    ("Sáng 3/9, Bí thư Đảng ủy phường Lê Ích Mộc Vương Đình Khải dẫn đầu đoàn kiểm tra công tác dân vận.",
     {("Vương Đình Khải", "party-secretary", "phường Lê Ích Mộc")}),
    ("Chủ tịch UBND xã Cao Minh Hà Quang Trường đề nghị các thôn rà soát hộ nghèo.",
     {("Hà Quang Trường", "committee-chair", "xã Cao Minh")}),
    ("Phó Bí thư Đảng ủy, Chủ tịch HĐND xã Hoàng Hoa Thám Lưu Thị Bích Ngọc trao quyết định cho cán bộ.",
     {("Lưu Thị Bích Ngọc", "deputy-party-secretary", "xã Hoàng Hoa Thám"),
      ("Lưu Thị Bích Ngọc", "council-chair", "xã Hoàng Hoa Thám")}),
    ("Chủ tịch Ủy ban MTTQ Việt Nam phường Hà Tu Bế Văn Lợi vận động ủng hộ Quỹ Vì người nghèo.",
     {("Bế Văn Lợi", "front-chair", "phường Hà Tu")}),
    ("Phó Chủ tịch UBND phường Đồ Sơn Vũ Khoa chủ trì cuộc họp.",
     {("Vũ Khoa", "committee-vice-chair", "phường Đồ Sơn")}),
    # a place no source names: the split that leaves a person's name after a two-word place
    ("Chủ tịch UBND xã Sơn Kim Lò Văn Pảng cho biết nhiều bản đã có đường bê tông.",
     {("Lò Văn Pảng", "committee-chair", "xã Sơn Kim")}),
    # a unit named after a person is a place, not the holder of the post
    ("Phó Chủ tịch UBND phường Trần Hưng Đạo chủ trì buổi đối thoại với hộ kinh doanh.", set()),
    ("Bí thư Đảng ủy phường Phan Đình Phùng trao huy hiệu Đảng cho đảng viên lão thành.", set()),
    ("Chủ tịch UBND phường Lê Lợi yêu cầu xử lý dứt điểm việc lấn chiếm vỉa hè.", set()),
    ("Chủ tịch UBND xã Đỗ Xuyên cho biết xã sẽ hoàn thành đường liên thôn trong tháng 10.", set()),
    # a unit no source knows, whose name looks like a person's: the text is about that unit
    ("Bí thư Đảng ủy phường Lâm Viên thông tin về tiến độ chỉnh trang bờ hồ.", set()),
])
def test_place_named_once_before_the_person(text: str, expected: set) -> None:
    assert _posts_alone(text) == expected


def test_a_person_after_a_place_is_not_read_as_a_unit() -> None:
    facts = run("Bí thư Đảng ủy xã Cẩm Giàng Nguyễn Hữu Lộc phát biểu khai mạc hội nghị.")
    assert facts.subject is not None and facts.subject.name == "Cẩm Giàng"


NGHE_AN = "Xã Lạc Sơn (Nghệ An) đón nhận bằng công nhận xã nông thôn mới\n\n"


# "UBND tỉnh", "UBND thành phố" (in a centrally governed city's text) with no name: the
# document's province, not the commune the article is about
@pytest.mark.parametrize("text, expected", [
    (NGHE_AN + "Chủ tịch UBND tỉnh Nguyễn Đức Trung trao bằng công nhận cho xã.",
     {("Nguyễn Đức Trung", "committee-chair", "tỉnh Nghệ An")}),
    (NGHE_AN + "Ủy viên Ban Chấp hành Đảng bộ tỉnh, Bí thư Đảng ủy xã Lạc Sơn Vi Văn Sơn báo cáo kết quả.",
     {("Vi Văn Sơn", "party-committee-member", "tỉnh Nghệ An"), ("Vi Văn Sơn", "party-secretary", "xã Lạc Sơn")}),
    (NGHE_AN + "Ông Hà Văn Sơn, Phó Chủ tịch UBND tỉnh, dự lễ đón nhận.",
     {("Hà Văn Sơn", "committee-vice-chair", "tỉnh Nghệ An")}),
    (DOC + "Đến dự có Phó Chủ tịch UBND thành phố Hoàng Minh Cường.",
     {("Hoàng Minh Cường", "committee-vice-chair", "thành phố Hải Phòng")}),
    (DOC + "Phó Chủ tịch HĐND Thành phố Bùi Đức Quang phát biểu chỉ đạo.",
     {("Bùi Đức Quang", "council-vice-chair", "thành phố Hải Phòng")}),
])
def test_a_province_level_type_word_alone_is_the_province(text: str, expected: set) -> None:
    assert _posts_alone(text) == expected


# "nguyên", "cựu" before a title: a post held before, not a current one
@pytest.mark.parametrize("text, expected", [
    (DOC + "Nguyên Chủ tịch UBND TP Hải Phòng Dương Anh Điền gửi thư chúc mừng Đại hội.", set()),
    (DOC + "Buổi gặp mặt có sự tham dự của nguyên Phó Bí thư Thành ủy Hải Phòng Vũ Quang Sáng.", set()),
    (DOC + "Cựu Bí thư Đảng ủy phường Thủy Nguyên Đoàn Văn Tiến kể lại những ngày đầu thành lập phường.", set()),
    (DOC + "Theo cựu Chủ tịch UBND xã Lập Lễ Nguyễn Thanh Hải, việc sáp nhập giúp bộ máy gọn hơn.", set()),
])
def test_former_posts_are_not_read(text: str, expected: set) -> None:
    assert _posts_alone(text) == expected


# the title, then a comma or a dash, then the name; or the place's province in brackets between
@pytest.mark.parametrize("text, expected", [
    ("Chủ tịch UBND xã Yên Phong, ông Ngô Đức Hạnh khẳng định xã không để hồ sơ nào trễ hạn.",
     {("Ngô Đức Hạnh", "committee-chair", "xã Yên Phong")}),
    (DOC + "Phó Chủ tịch Thường trực HĐND phường, bà Trương Thị Mỹ Linh, điều hành phần thảo luận.",
     {("Trương Thị Mỹ Linh", "standing-council-vice-chair", "phường Thủy Nguyên")}),
    ("Bí thư Đảng ủy phường Tây Sơn – Đinh Văn Trọng thông tin về kết quả đại hội chi bộ.",
     {("Đinh Văn Trọng", "party-secretary", "phường Tây Sơn")}),
    ("Phó Chủ tịch UBND phường Bạch Mai (Hà Nội) Kiều Thị Thanh Hà cho biết phường đã số hóa hồ sơ.",
     {("Kiều Thị Thanh Hà", "committee-vice-chair", "phường Bạch Mai")}),
    ("Chủ tịch UBND xã Phú Hòa Đông (TP Hồ Chí Minh) Lê Minh Nhựt kiểm tra điểm tiêm chủng.",
     {("Lê Minh Nhựt", "committee-chair", "xã Phú Hòa Đông")}),
    # a list of names after the title is not its holder; nor is a lowercase aside in brackets
    (DOC + "Chủ tịch UBND phường, Nguyễn Văn Bình, Trần Thị Hoa cùng dự.", set()),
    ("Chủ tịch UBND xã Yên Phong (cũ) Nguyễn Văn Bình nay là công chức xã.", set()),
    # after a title that is the source of a report, a name after the comma is who the report is about
    ("Theo Phó Chủ tịch UBND xã Yên Phong, ông Nguyễn Văn Bảy đã tự ý xây nhà trên đất lúa.", set()),
    # a name before the title is its holder, not the one after the comma
    (DOC + "Dự có đồng chí Phạm Văn Lập, Chủ tịch UBND phường, ông Lê Văn Hiếu, Trưởng thôn Đông.",
     {("Phạm Văn Lập", "committee-chair", "phường Thủy Nguyên")}),
])
def test_name_set_off_after_the_title(text: str, expected: set) -> None:
    assert _posts_alone(text) == expected


# a rank or a degree before the name; an adverb before the words that link a name to a post;
# the party boards of 2025
@pytest.mark.parametrize("text, expected", [
    ("Trung tá Hoàng Đức Mạnh, Phó Bí thư Đảng ủy xã Yên Phong, trực tiếp chỉ đạo lực lượng ứng cứu.",
     {("Hoàng Đức Mạnh", "deputy-party-secretary", "xã Yên Phong")}),
    ("PGS.TS. Đặng Thị Minh Tâm, Phó Chủ tịch UBND tỉnh Thái Nguyên, trao học bổng cho học sinh.",
     {("Đặng Thị Minh Tâm", "committee-vice-chair", "tỉnh Thái Nguyên")}),
    ("Tới dự có Thiếu tướng Lò Văn Hải, Ủy viên Ban Thường vụ Tỉnh ủy Sơn La.",
     {("Lò Văn Hải", "standing-committee-member", "tỉnh Sơn La")}),
    ("ThS Vương Thị Hạnh, Phó Chủ tịch UBND phường Bạch Mai phát biểu.",
     {("Vương Thị Hạnh", "committee-vice-chair", "phường Bạch Mai")}),
    (DOC + "Bà Tạ Thị Hồng tiếp tục được bầu giữ chức Chủ tịch HĐND phường nhiệm kỳ 2026 - 2031.",
     {("Tạ Thị Hồng", "council-chair", "phường Thủy Nguyên")}),
    (DOC + "Đồng chí Lương Văn Cử chính thức giữ chức Phó Chủ tịch UBND phường từ ngày 1/7.",
     {("Lương Văn Cử", "committee-vice-chair", "phường Thủy Nguyên")}),
    (DOC + "Trưởng Ban Xây dựng Đảng Đảng ủy phường Cao Thị Ngân trình bày tờ trình về nhân sự.",
     {("Cao Thị Ngân", "board-head", "phường Thủy Nguyên")}),
    (DOC + "Dự hội nghị có Trưởng Ban Xây dựng Đảng Thành ủy Đỗ Mạnh Hiến.",
     {("Đỗ Mạnh Hiến", "board-head", "thành phố Hải Phòng")}),
    # a rank not before a name, a past post, a deputy head of a board
    (DOC + "Ông Lê Văn Cường đã giữ chức Chủ tịch UBND phường hai nhiệm kỳ.", set()),
    (DOC + "Phó Trưởng Ban Xây dựng Đảng Thành ủy Nguyễn Thị Hoa dự Đại hội.", set()),
])
def test_ranks_adverbs_and_boards(text: str, expected: set) -> None:
    assert _posts_alone(text) == expected


# family names of the minorities and rarer Kinh ones, from the lexicon (ontology/lexicon/surnames.txt)
@pytest.mark.parametrize("text, expected", [
    ("Xã Ea Kar (tỉnh Đắk Lắk)\n\nBà H’Hen Niê, Chủ tịch UBND xã Ea Kar, cho biết xã đã ổn định bộ máy.",
     {("H'Hen Niê", "committee-chair", "xã Ea Kar")}),
    ("Phường Bắc Giang (tỉnh Bắc Ninh)\n\nÔng Giáp Văn Khởi, Phó Chủ tịch UBND phường Bắc Giang, phát biểu.",
     {("Giáp Văn Khởi", "committee-vice-chair", "phường Bắc Giang")}),
    ("Xã Mường Khương (tỉnh Lào Cai)\n\nBí thư Đảng ủy xã Mường Khương Vừ Seo Páo chủ trì hội nghị.",
     {("Vừ Seo Páo", "party-secretary", "xã Mường Khương")}),
])
def test_family_names_of_the_lexicon(text: str, expected: set) -> None:
    assert _posts_alone(text) == expected


def test_a_city_abbreviated_with_a_space_is_the_city() -> None:
    text = "Phường Bến Thành (TP HCM)\n\nPhó Chủ tịch UBND TP HCM Trần Minh Khoa dự lễ ra mắt."
    assert _posts_alone(text) == {("Trần Minh Khoa", "committee-vice-chair", "thành phố Hồ Chí Minh")}


# a title of an organ outside the vocabulary, chained after a known one: it is not read, but it
# neither ends the chain nor hides the place written at its end
@pytest.mark.parametrize("text, expected", [
    (DOC + "Bà Vũ Thị Thanh, Phó Bí thư Đảng ủy, Chủ tịch Hội Liên hiệp Phụ nữ phường Đồ Sơn phát biểu.",
     {("Vũ Thị Thanh", "deputy-party-secretary", "phường Đồ Sơn")}),
    ("Ủy viên Ban Thường vụ Tỉnh ủy Sơn La, Giám đốc Công an tỉnh Hà Văn Lâm dự lễ.",
     {("Hà Văn Lâm", "standing-committee-member", "tỉnh Sơn La")}),
    # no known title before it: nothing is read
    (DOC + "Chủ tịch Hội Nông dân phường Nguyễn Văn Sơn trao vốn vay cho hội viên.", set()),
])
def test_chains_through_other_titles(text: str, expected: set) -> None:
    assert _posts_alone(text) == expected


# several names before the words that link them to one post
@pytest.mark.parametrize("text, expected", [
    (DOC + "Các đồng chí Đào Văn Mạnh, Lý Thị Hương và Kiều Minh Tâm được bầu giữ chức Phó Chủ tịch UBND phường.",
     {("Đào Văn Mạnh", "committee-vice-chair", "phường Thủy Nguyên"),
      ("Lý Thị Hương", "committee-vice-chair", "phường Thủy Nguyên"),
      ("Kiều Minh Tâm", "committee-vice-chair", "phường Thủy Nguyên")}),
    # a list with no word introducing people is not read as holders (only the name next to the link)
    (DOC + "Sau Nguyễn Văn Mạnh, Lý Thị Hương được bầu giữ chức Phó Chủ tịch UBND phường.",
     {("Lý Thị Hương", "committee-vice-chair", "phường Thủy Nguyên")}),
])
def test_names_listed_before_the_link(text: str, expected: set) -> None:
    assert _posts_alone(text) == expected


# an infobox row whose first cell holds two titles of one person
@pytest.mark.parametrize("row, expected", [
    ("| Bí thư Đảng ủy, Chủ tịch HĐND | Đinh Thị Lụa |", {("Đinh Thị Lụa", "party-secretary"),
                                                          ("Đinh Thị Lụa", "council-chair")}),
    ("| Bí thư Đảng ủy kiêm Chủ tịch HĐND | Đinh Thị Lụa | |", {("Đinh Thị Lụa", "party-secretary"),
                                                                 ("Đinh Thị Lụa", "council-chair")}),
    # the organ of a head that names one post only may go unwritten before the next title
    ("| Phó Bí thư, Chủ tịch UBND | Hồ Văn Khải |", {("Hồ Văn Khải", "deputy-party-secretary"),
                                                     ("Hồ Văn Khải", "committee-chair")}),
    # not a head of one post alone ("Chủ tịch" of which organ?), nor a title beside words that are none
    ("| Chủ tịch, Bí thư Đảng ủy | Hồ Văn Khải |", set()),
    ("| Bí thư Đảng ủy, Trụ sở | Hồ Văn Khải |", set()),
    ("| Phó Bí thư | Hồ Văn Khải |", set()),
])
def test_infobox_rows_with_two_titles(row: str, expected: set) -> None:
    facts = run(f"# Tà Xùa\n\n| Xã | |\n{row}\n\nTà Xùa là một xã thuộc tỉnh Sơn La.\n", title="# Tà Xùa")
    assert {(p.person, p.role) for p in facts.posts} == expected
    assert all(p.jurisdiction is not None and p.jurisdiction.name == "Tà Xùa" for p in facts.posts)


@pytest.mark.parametrize("text, expected", [
    (DOC + "Bí thư Đảng ủy phường đầu tiên là ông Mai Xuân Trường.",
     {("Mai Xuân Trường", "party-secretary", "phường Thủy Nguyên")}),
    (DOC + "Chủ tịch UBND phường hiện nay là bà Phan Thị Yến.",
     {("Phan Thị Yến", "committee-chair", "phường Thủy Nguyên")}),
    # words that do not qualify the post: the name after them is not its holder
    (DOC + "Chủ tịch UBND phường cho biết người nhận giải là ông Mai Xuân Trường.", set()),
])
def test_a_qualifier_between_the_title_and_its_holder(text: str, expected: set) -> None:
    assert _posts_alone(text) == expected


HAI_LONG = "Phường Hải Long (TP Hải Phòng)\n\n"


# appointments: a name, maybe set off by titles of its own, then "được chỉ định / bầu / bổ nhiệm /
# điều động … giữ chức / làm / là", "đồng thời là", "kiêm", then the post; a head without its organ
# before another title ("Phó Bí thư, Chủ tịch UBND phường")
@pytest.mark.parametrize("text, expected", [
    ("Ông Tạ Quang Huy, Thành ủy viên, được chỉ định giữ chức Bí thư Đảng ủy phường Hải Long.",
     {("Tạ Quang Huy", "party-committee-member", "thành phố Hải Phòng"),
      ("Tạ Quang Huy", "party-secretary", "phường Hải Long")}),
    ("Ông Khúc Văn Lâm làm Phó Bí thư, Chủ tịch UBND phường.",
     {("Khúc Văn Lâm", "deputy-party-secretary", "phường Hải Long"),
      ("Khúc Văn Lâm", "committee-chair", "phường Hải Long")}),
    ("Các đồng chí Đinh Công Tráng, Chủ tịch UBND phường và Lưu Văn Hòa, Chủ tịch HĐND phường được chỉ định "
     "giữ chức Phó Bí thư Đảng ủy phường.",
     {("Đinh Công Tráng", "committee-chair", "phường Hải Long"),
      ("Lưu Văn Hòa", "council-chair", "phường Hải Long"),
      ("Đinh Công Tráng", "deputy-party-secretary", "phường Hải Long"),
      ("Lưu Văn Hòa", "deputy-party-secretary", "phường Hải Long")}),
    ("Đồng chí Quách Thị Ngọc, Phó Bí thư Thường trực Đảng ủy phường, đồng thời là Chủ tịch HĐND phường.",
     {("Quách Thị Ngọc", "standing-deputy-party-secretary", "phường Hải Long"),
      ("Quách Thị Ngọc", "council-chair", "phường Hải Long")}),
    ("Bà Quách Thị Ngọc được giao phụ trách Chủ tịch Ủy ban MTTQ Việt Nam phường.",
     {("Quách Thị Ngọc", "front-chair", "phường Hải Long")}),
    ("Ông Vũ Đức Thắng, Ủy viên Ban Thường vụ Thành ủy, được điều động, bổ nhiệm giữ chức Bí thư Đảng ủy phường.",
     {("Vũ Đức Thắng", "standing-committee-member", "thành phố Hải Phòng"),
      ("Vũ Đức Thắng", "party-secretary", "phường Hải Long")}),
    ("Bà Lương Thị Thu được Ban Thường vụ Thành ủy chỉ định giữ chức Phó Bí thư Thường trực Đảng ủy phường.",
     {("Lương Thị Thu", "standing-deputy-party-secretary", "phường Hải Long")}),
    ("Ông Phan Văn Tâm được Chủ tịch UBND thành phố bổ nhiệm giữ chức Phó Chủ tịch UBND phường.",
     {("Phan Văn Tâm", "committee-vice-chair", "phường Hải Long")}),
    ("Ông Hồ Quang Vinh, Bí thư Đảng ủy phường, kiêm Chủ tịch HĐND phường.",
     {("Hồ Quang Vinh", "party-secretary", "phường Hải Long"), ("Hồ Quang Vinh", "council-chair", "phường Hải Long")}),
    ("Đồng chí Đặng Minh Khoa được phân công làm Phó Bí thư, Chủ tịch Ủy ban MTTQ Việt Nam phường.",
     {("Đặng Minh Khoa", "deputy-party-secretary", "phường Hải Long"),
      ("Đặng Minh Khoa", "front-chair", "phường Hải Long")}),
    ("Bà Tô Thị Hà hiện là Phó Chủ tịch Thường trực HĐND phường.",
     {("Tô Thị Hà", "standing-council-vice-chair", "phường Hải Long")}),
    ("Phó Bí thư Đảng ủy, Chủ tịch UBND phường Nguyễn Hữu Tài được bầu giữ chức Bí thư Đảng ủy phường.",
     {("Nguyễn Hữu Tài", "deputy-party-secretary", "phường Hải Long"),
      ("Nguyễn Hữu Tài", "committee-chair", "phường Hải Long"),
      ("Nguyễn Hữu Tài", "party-secretary", "phường Hải Long")}),
    ("Bà Tô Thị Hà, Phó Chủ tịch HĐND phường và ông Kha Văn Tâm được chỉ định giữ chức Phó Bí thư Đảng ủy phường.",
     {("Tô Thị Hà", "council-vice-chair", "phường Hải Long"),
      ("Tô Thị Hà", "deputy-party-secretary", "phường Hải Long"),
      ("Kha Văn Tâm", "deputy-party-secretary", "phường Hải Long")}),
    ("Ông Lý Minh Trí, nguyên Phó Chủ tịch UBND phường, được bổ nhiệm giữ chức Chủ tịch UBND phường.",
     {("Lý Minh Trí", "committee-chair", "phường Hải Long")}),
    ("Ông Đoàn Văn Phúc vừa được điều động giữ chức Giám đốc Sở Nội vụ.",
     {("Đoàn Văn Phúc", "department-director", "thành phố Hải Phòng")}),
    ("Ông Kha Văn Tâm đã được bầu giữ chức Chủ tịch HĐND phường.",
     {("Kha Văn Tâm", "council-chair", "phường Hải Long")}),
    ("Đồng chí Ninh Văn Quý được chỉ định tham gia Ban Chấp hành, Ban Thường vụ Đảng ủy phường và giữ chức "
     "Bí thư Đảng ủy phường.",
     {("Ninh Văn Quý", "party-secretary", "phường Hải Long")}),
    ("Bà Lê Thị Mai được điều động về công tác tại phường, giữ chức Chủ tịch UBND phường.",
     {("Lê Thị Mai", "committee-chair", "phường Hải Long")}),
    ("Ông Tạ Quang Huy, Thành ủy viên, Phó Bí thư, Chủ tịch UBND phường phát biểu.",
     {("Tạ Quang Huy", "party-committee-member", "thành phố Hải Phòng"),
      ("Tạ Quang Huy", "deputy-party-secretary", "phường Hải Long"),
      ("Tạ Quang Huy", "committee-chair", "phường Hải Long")}),
    # the province of a head without its organ is that of the title after it
    ("Ông Kha Văn Tâm được bầu làm Bí thư, Chủ tịch UBND tỉnh Quảng Ninh.",
     {("Kha Văn Tâm", "party-secretary", "tỉnh Quảng Ninh"), ("Kha Văn Tâm", "committee-chair", "tỉnh Quảng Ninh")}),
])
def test_appointments(text: str, expected: set) -> None:
    assert _posts_alone(HAI_LONG + text) == expected


# nothing, or nothing more than the posts set off by the name: a post outside the vocabulary, one
# left or to come, one proposed, a person who hands over a decision or congratulates someone
@pytest.mark.parametrize("text, expected", [
    ("Ông Lý Minh Trí, Phó Chủ tịch UBND phường, được điều động giữ chức Giám đốc Trung tâm Phục vụ hành chính "
     "công thành phố.",
     {("Lý Minh Trí", "committee-vice-chair", "phường Hải Long")}),
    ("Ông Kha Văn Tâm, Chủ tịch UBND phường, được bầu làm Chủ tịch Hội Cựu chiến binh phường.",
     {("Kha Văn Tâm", "committee-chair", "phường Hải Long")}),
    ("Ông Lý Minh Trí thôi giữ chức Chủ tịch UBND phường để nhận nhiệm vụ mới.", set()),
    ("Ông Lý Minh Trí, Phó Bí thư Đảng ủy phường, xin thôi giữ chức Chủ tịch UBND phường.",
     {("Lý Minh Trí", "deputy-party-secretary", "phường Hải Long")}),
    ("Ông Lý Minh Trí, nguyên Chủ tịch UBND phường, đã nghỉ hưu theo chế độ.", set()),
    ("Ông Lý Minh Trí nghỉ hưu, bà Tô Thị Hà được giao phụ trách Chủ tịch UBND phường.",
     {("Tô Thị Hà", "committee-chair", "phường Hải Long")}),
    ("Chủ tịch UBND phường trao quyết định cho ông Lý Minh Trí.", set()),
    ("Chủ tịch UBND phường Đoàn Văn Phúc trao quyết định cho ông Lý Minh Trí.",
     {("Đoàn Văn Phúc", "committee-chair", "phường Hải Long")}),
    ("Bí thư Đảng ủy phường đề nghị ông Lý Minh Trí giữ chức Chủ tịch UBND phường.", set()),
    ("Ông Đoàn Văn Phúc, Chủ tịch UBND phường, chúc mừng bà Tô Thị Hà được bầu giữ chức Chủ tịch HĐND phường.",
     {("Đoàn Văn Phúc", "committee-chair", "phường Hải Long"), ("Tô Thị Hà", "council-chair", "phường Hải Long")}),
    ("Ông Đoàn Văn Phúc, Chủ tịch UBND phường, chúc mừng bà Tô Thị Hà.",
     {("Đoàn Văn Phúc", "committee-chair", "phường Hải Long")}),
    ("Ông Lý Minh Trí sẽ giữ chức Chủ tịch UBND phường từ tháng 7.", set()),
    ("Ông Lý Minh Trí từng là Chủ tịch UBND phường.", set()),
    ("Ông Lý Minh Trí được giới thiệu để bầu giữ chức Chủ tịch UBND phường.", set()),
    ("Đồng chí Hồ Quang Vinh, Phó Chủ tịch UBND phường và đồng chí Trần Văn Lộc, Phó Chủ tịch HĐND phường được "
     "chỉ định tham gia Ban Chấp hành Đảng bộ phường.",
     {("Hồ Quang Vinh", "committee-vice-chair", "phường Hải Long"),
      ("Trần Văn Lộc", "council-vice-chair", "phường Hải Long")}),
    ("Ông Lý Minh Trí được bầu làm Phó Bí thư Chi bộ khu phố 3.", set()),
    ("Ông Ninh Văn Quý được bổ nhiệm Chủ tịch UBND phường, thay ông Lý Minh Trí, kiêm Chủ tịch HĐND phường.",
     {("Ninh Văn Quý", "committee-chair", "phường Hải Long")}),
    ("Ông Ninh Văn Quý được bầu vào Ban Chấp hành, ông Lý Minh Trí được bầu giữ chức Bí thư Đảng ủy phường.",
     {("Lý Minh Trí", "party-secretary", "phường Hải Long")}),
    ("Ông Ninh Văn Quý được khen thưởng và giữ chức Bí thư Đảng ủy phường.", set()),
    # posts of one organ after a head without it are a list of posts, not one person's
    ("Bí thư, Phó Bí thư Đảng ủy các xã, phường dự hội nghị.", set()),
])
def test_appointments_that_give_no_more(text: str, expected: set) -> None:
    assert _posts_alone(HAI_LONG + text) == expected

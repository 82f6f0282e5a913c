"""A sentence set in another unit ("Cùng ngày, tại xã X, …"): its bare type words mean X, not the
unit the article is about. Sentences written for these tests, in the ways 2025 newsrooms open a
paragraph of a round-up."""

from __future__ import annotations

import pytest

from tests.extract_helpers import lineage_set, post_set, run

# an article about phường Bình Minh (tỉnh Vĩnh Long), which then turns to a neighbouring ward
HEAD = (
    "Vĩnh Long công bố các phường mới\n\nMinh Châu 01/07/2025 16:40\n\n"
    "Phường Bình Minh (tỉnh Vĩnh Long) được thành lập trên cơ sở sáp nhập phường Thành Phước và xã Thuận An.\n\n"
)


def posts(text: str) -> set[tuple[str, str, str]]:
    return post_set(run(text))


def formed(text: str, unit: str) -> set[tuple[str, str]]:
    return {(old, share) for new, old, share in lineage_set(run(text)) if new == unit}


@pytest.mark.parametrize("opening", [
    "Cùng ngày, tại phường Cái Vồn, ",
    "Tại phường Cái Vồn, ",
    "Chiều cùng ngày, tại phường Cái Vồn (thị xã Bình Minh cũ), ",
    "Sáng 1/7, ở phường Cái Vồn, ",
])
def test_a_bare_type_word_means_the_unit_the_sentence_is_set_in(opening: str) -> None:
    text = HEAD + opening + (
        "Bí thư Đảng ủy phường Lâm Thị Ngọc Hân cho biết phường được hình thành từ phường Cái Vồn cũ, "
        "xã Mỹ Hòa và một phần xã Đông Thạnh.\n"
    )
    assert formed(text, "phường Cái Vồn") == {
        ("phường Cái Vồn", "whole"), ("xã Mỹ Hòa", "whole"), ("xã Đông Thạnh", "part")}
    assert formed(text, "phường Bình Minh") == {("phường Thành Phước", "whole"), ("xã Thuận An", "whole")}
    assert posts(text) == {("Lâm Thị Ngọc Hân", "party-secretary", "phường Cái Vồn")}


def test_the_scene_is_the_sentence_s_only() -> None:
    text = HEAD + (
        "Tại phường Cái Vồn, lễ công bố diễn ra trang trọng.\n\n"
        "Chủ tịch UBND phường Trần Quốc Dũng phát biểu giao nhiệm vụ.\n"
    )
    assert posts(text) == {("Trần Quốc Dũng", "committee-chair", "phường Bình Minh")}


@pytest.mark.parametrize("sentence", [
    # a unit written as a former one is where something was, not what the sentence is about
    "Tại xã Mỹ Hòa cũ, Chủ tịch UBND phường Trần Quốc Dũng thăm hỏi người dân.",
    "Tại xã Mỹ Hòa (cũ), Chủ tịch UBND phường Trần Quốc Dũng thăm hỏi người dân.",
    # a bare type word of another type: not the scene ("phường" in a sentence set in a xã)
    "Tại xã Mỹ Hòa, Chủ tịch UBND phường Trần Quốc Dũng thăm hỏi người dân.",
    # a long clause before the place word: a place inside the sentence, not its scene
    "Theo ông Trần Quốc Dũng, Chủ tịch UBND phường, người dân ở xã Mỹ Hòa rất phấn khởi.",
])
def test_no_scene(sentence: str) -> None:
    assert posts(HEAD + sentence + "\n") == {("Trần Quốc Dũng", "committee-chair", "phường Bình Minh")}

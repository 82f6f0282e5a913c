"""The extractors' words come from the vocabulary (ontology/vocabulary.ttl), not from the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kg.vocabulary import load_vocabulary
from tests.extract_helpers import run

EXTRACT = Path(__file__).resolve().parents[1] / "kg" / "extract"
# numbers.py reads figures, dates and units of measure (km², tỷ đồng, tháng): a lexicon of its own
NOT_CHECKED = {"numbers.py"}


def test_what_each_kind_of_district_could_hold_is_vocabulary_data() -> None:
    held = {k: set(t.can_contain) for k, t in load_vocabulary().unit_types.items() if t.can_contain}
    assert held == {"huyen": {"xa", "thi-tran"}, "quan": {"phuong"}, "thi-xa": {"phuong", "xa"},
                    "thanh-pho": {"phuong", "xa"}}


def test_every_cue_the_extractors_read_is_in_the_vocabulary() -> None:
    cues = load_vocabulary().cues
    read = {m for p in EXTRACT.glob("*.py") for m in re.findall(r"""\bcues\[["']([\w-]+)["']\]""", p.read_text())}
    assert read, "the pattern no longer finds the cues the extractors read"
    assert {c for c in read if not cues.get(c)} == set()


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(n) is not None}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_no_vietnamese_words_in_the_extractors_code() -> None:
    found = []
    for path in sorted(EXTRACT.glob("*.py")):
        if path.name in NOT_CHECKED:
            continue
        for line, value in _code_strings(path):
            words = re.findall(r"[^\W\d_]{2,}", re.sub(r"\[[^\]]*\]", " ", value))  # character classes aside
            if any(not w.isascii() for w in words):
                found.append(f"{path.name}:{line}: {value!r}")
    assert found == []


def test_an_encyclopedia_lead_names_the_unit_the_page_is_about() -> None:
    facts = run("Hòa Khê là một xã thuộc tỉnh Quảng Ngãi, Việt Nam. Xã có 12 thôn.", title="Hòa Khê")
    assert (facts.subject.type_key, facts.subject.name) == ("xa", "Hòa Khê")


def test_a_lead_may_describe_the_unit_between_its_type_word_and_where_it_lies() -> None:
    for lead in ("là một xã vùng cao thuộc tỉnh Sơn La", "là một phường trung tâm của tỉnh Sơn La",
                 "là một xã miền núi nằm ở phía tây tỉnh Sơn La"):
        facts = run(f"Chiềng Ve {lead}. Năm 2009, xã Mường Pha được tách từ xã Chiềng Ve.", title="Chiềng Ve")
        assert facts.subject is not None and facts.subject.name == "Chiềng Ve", lead
        assert facts.subject.type_key == ("phuong" if "phường" in lead else "xa"), lead


def test_a_lead_whose_words_before_the_place_name_a_unit_is_not_read() -> None:
    # the words after the type word run into a capitalised name: not a description of the unit
    facts = run("Chiềng Ve là một xã Mường Pha thuộc tỉnh Sơn La. Xã Mường Pha có 9 bản.", title="Chiềng Ve")
    assert facts.subject is not None and facts.subject.name == "Mường Pha"

"""Property-based tests: whatever the text, the build does not crash, and
what it writes parses as RDF and conforms to the shapes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract_document
from kg.facts import Document
from kg.mapping import build_graph
from kg.validate import validate_graph

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Vietnamese-looking text: words the extractors react to, numbers, punctuation, any Unicode
WORDS = [
    "phường", "xã", "Phường", "TP.", "thị trấn", "đặc khu", "huyện", "tỉnh", "thành phố", "Hải Phòng",
    "An Phong", "Lê Thiện", "toàn bộ", "một phần", "phần còn lại", "sáp nhập", "trên cơ sở", "thành lập",
    "Nghị quyết số", "1669/NQ-UBTVQH15", "ngày", "16/6/2025", "16 tháng 6 năm 2025", "Bí thư", "Đảng ủy",
    "Chủ tịch", "UBND", "HĐND", "Phó", "Thường trực", "Nguyễn Văn A", "đồng chí", "giữ chức", "diện tích",
    "dân số", "km²", "%", "người", "hộ", "tỷ đồng", "triệu đồng", "16/19", "chỉ tiêu", "mục tiêu",
    "đến năm 2030", "1.450", "11,47", "5.861,612", "0", "150", "(", ")", ",", ".", ";", ":", "|", "–",
    "\n", "\n\n", "**", "[1]", "và", "các", "của", "thuộc", "cũ", "trong đó",
]
vietnamese = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=60).map(" ".join)


def _check(text: str) -> None:
    facts = extract_document(Document("prop.txt", "prop.txt", text))
    graph = build_graph([facts])
    data = graph.serialize(format="turtle")
    again = rdflib.Graph().parse(data=data, format="turtle")
    assert len(again) == len(graph)
    result = validate_graph(graph)
    assert result.conforms, "\n".join(p.message for p in result.problems[:5])


@SETTINGS
@given(st.text(max_size=400))
def test_any_unicode_text(text: str) -> None:
    _check(text)


@SETTINGS
@given(vietnamese)
def test_vietnamese_word_soup(text: str) -> None:
    _check(text)


def _mangle(text: str, seed: int) -> str:
    rnd = random.Random(seed)
    chars = list(text)
    for _ in range(rnd.randint(1, 40)):
        if not chars:
            break
        i = rnd.randrange(len(chars))
        op = rnd.choice(("drop", "dup", "noise", "case", "cut"))
        if op == "drop":
            del chars[i]
        elif op == "dup":
            chars.insert(i, chars[i])
        elif op == "noise":
            chars.insert(i, rnd.choice(["**", "\u00a0", "\u0301", "|", "\n", "/", ",", "0", "[", "]"]))
        elif op == "case":
            chars[i] = chars[i].swapcase()
        else:
            chars = chars[: max(i, len(chars) // 2)]
    return "".join(chars)


@pytest.mark.parametrize("seed", range(6))
def test_mangled_corpus_documents(shared_corpus: Path, seed: int) -> None:
    docs = sorted(p for p in shared_corpus.iterdir() if p.suffix in (".txt", ".md") and p.name != "SOURCES.md")
    doc = docs[seed * 7 % len(docs)]
    text = doc.read_text(encoding="utf-8")
    if len(text) > 12000:
        text = text[:12000]
    _check(_mangle(text, seed))

"""The heading of a document that is itself a resolution.

A resolution opens with its own number on a line "Số: 1669/NQ-UBTVQH15", the
kind of document in capitals ("NGHỊ QUYẾT") and, on the next line, what it is
about ("Về việc sắp xếp các đơn vị hành chính cấp xã của thành phố Hải Phòng
năm 2025"). The words are cues of the vocabulary: "number" (Số),
"resolution-heading" (Nghị quyết) and "subject" (về việc, về). The title kg
gives such a document is the one people cite: "Nghị quyết 1669/NQ-UBTVQH15 về
việc sắp xếp …".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.text import normalize_plain
from kg.vocabulary import Vocabulary

# a document number: "1669/NQ-UBTVQH15", "202/2025/QH15" (groups: the number, the rest)
NUMBER = r"(\d{1,5})\s*/\s*((?:\d{4}\s*/\s*)?[A-ZĐ]{1,8}(?:\s*-\s*[A-ZĐ]{1,12})*\d{0,3})"
_HEAD_CHARS = 3000  # the heading is in the first characters of the text
_MARKUP = " \t*_#"
_MARKUP_RUN = re.compile(r"\*\*|__")  # bold markers inside a line


@dataclass(frozen=True)
class Heading:
    number: str  # normalised: "1669/NQ-UBTVQH15"
    kind: str  # the heading word as the vocabulary writes it: "Nghị quyết"
    subject: str | None = None  # "về việc sắp xếp …", None when no subject line follows the heading

    @property
    def title(self) -> str:
        """"Nghị quyết 1669/NQ-UBTVQH15 về việc sắp xếp …" (without the subject when there is none)."""
        return " ".join(part for part in (self.kind, self.number, self.subject) if part)


def normalize_number(num: str, suffix: str) -> str:
    return (num + "/" + re.sub(r"\s+", "", suffix)).upper()


def alternatives(phrases) -> str:
    """A regular expression matching any of ``phrases``, longest first."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@cache
def _number_line(vocab: Vocabulary) -> re.Pattern[str]:
    """"Số: 1669/NQ-UBTVQH15" at the start of a line: the number word capitalised, then a colon."""
    words = [w[:1].upper() + w[1:] for w in vocab.cues["number"]]
    return re.compile(r"^\W*(?:" + alternatives(words) + r")\s*:\s*" + NUMBER, re.MULTILINE)


@cache
def _subject_opening(vocab: Vocabulary) -> re.Pattern[str]:
    return re.compile(r"(?:" + alternatives(vocab.cues["subject"]) + r")(?!\w)", re.IGNORECASE)


def read_heading(text: str, vocab: Vocabulary) -> Heading | None:
    """The heading of ``text`` when the text is a resolution (its number line and its heading word in
    capitals are in its first characters), else None."""
    head = text[:_HEAD_CHARS]
    m = _number_line(vocab).search(head)
    if m is None:
        return None
    for kind in vocab.cues["resolution-heading"]:
        at = head.find(kind.upper())
        if at >= 0:
            number = normalize_number(m.group(1), m.group(2))
            return Heading(number, kind, _subject_line(text, at, vocab))
    return None


def _subject_line(text: str, at: int, vocab: Vocabulary) -> str | None:
    """The line after the heading word at ``at`` when it opens with a subject cue, without its markup
    and with its first letter in lower case (it continues the title): "về việc sắp xếp …"; a line
    written all in capitals is kept as written."""
    line_end = text.find("\n", at)
    if line_end < 0:
        return None
    lines = (_MARKUP_RUN.sub("", x).strip(_MARKUP) for x in text[line_end:].splitlines())
    following = next((x for x in lines if x), None)
    if following is None or not _subject_opening(vocab).match(following):
        return None
    subject = normalize_plain(following)
    return subject if subject.isupper() else subject[:1].lower() + subject[1:]

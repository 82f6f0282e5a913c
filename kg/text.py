"""Text normalisation that keeps track of offsets, and the string keys used
to compare names.

:func:`normalize` turns a document's text into a canonical form (NFC, one
tone-mark placement, no markdown emphasis, no wiki edit links or footnote
markers, plain spaces) and returns a :class:`NormalizedText` whose
``to_original`` maps every offset back into the text as read, so that the
provenance of a fact always points at the document itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# --------------------------------------------------------------- tone marks
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# syllable-final vowel pairs whose tone mark has two spellings: hoà/hòa, khoẻ/khỏe, thuỷ/thủy
_OPEN_PAIR = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])$")


def _canonical_syllable(word: str) -> str:
    """Put the tone mark of an open 'oa', 'oe', 'uy' ending on its first vowel
    (hoà → hòa, thuỷ → thủy, khoẻ → khỏe). Length-preserving in NFC."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) != 1:
        return word
    base = "".join(ch for ch in decomposed if ch not in _TONES)
    base_nfc = unicodedata.normalize("NFC", base)
    m = _OPEN_PAIR.search(base_nfc)
    if not m:
        return word
    i = m.start(1)
    marked = base_nfc[:i] + unicodedata.normalize("NFC", base_nfc[i] + tones[0]) + base_nfc[i + 1 :]
    return marked if len(marked) == len(word) else word


# a word ending in o/u + a toned a, e or y: the only words whose tone mark can move
_MOVABLE = re.compile(r"[^\W\d_]*[oOuU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?![^\W\d_])")


def canonical_tones(text: str) -> str:
    """Apply :func:`_canonical_syllable` to every word of an NFC string that may need it."""
    return _MOVABLE.sub(lambda m: _canonical_syllable(m.group(0)), text)


# --------------------------------------------------------------- plain strings
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u2009\u200a]+")
_DASHES = re.compile(r"\s*[\u2010-\u2015\u2212-]\s*")


def normalize_plain(text: str) -> str:
    """NFC, canonical tones, single spaces: for vocabulary labels and names."""
    text = unicodedata.normalize("NFC", text)
    text = canonical_tones(text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """Comparison key of a name: normalised, case-folded, dashes and apostrophes unified."""
    text = plain_apostrophes(normalize_plain(text).casefold())
    return _DASHES.sub(" - ", text)


# a dash between a name's parts, spaced or not ("Xuân Hương-Đà Lạt"); the part after it capitalised
_SPACED_DASH = re.compile(r"(?:(?<=\w)|\s+)([-\u2010-\u2015\u2212])(?:\s+|(?=\w))(?=[^\W\d_])")
_HYPHENS = "-\u2010\u2011\u2212"  # hyphen-minus, hyphen, non-breaking hyphen, minus sign
# an apostrophe inside a name ("Cư M’gar", "Ea Hʼleo") is written as the register does: '
_APOSTROPHES = re.compile(r"(?<=\w)[\u2019\u02bc](?=\w)")


def plain_apostrophes(text: str) -> str:
    """An apostrophe between letters as the ASCII one ("Cư M’gar" → "Cư M'gar")."""
    return _APOSTROPHES.sub("'", text)


def canonical_name(name: str) -> str:
    """A unit's name as a source writes it, normalised (see :func:`normalize_plain`): a hyphen
    between its parts (spaced or not) a spaced hyphen-minus ("Phương Liên - Trung Tự", as the Standing
    Committee's resolutions and the register write it) and a spaced dash an en dash
    ("Phương Liên – Trung Tự", as encyclopedias often do); an apostrophe between letters
    the ASCII one ("Cư M’gar" → "Cư M'gar"). The two dashes compare equal
    (:func:`fold_key`); which one a unit's name takes is decided over all sources
    (``kg.mapping.Resolver.spelling``)."""
    return _SPACED_DASH.sub(_part_dash, plain_apostrophes(normalize_plain(name)))


def canonical_person(name: str) -> str:
    """A person's name as kg writes it: normalised, an apostrophe between letters the ASCII one
    ("H’Hen Niê" → "H'Hen Niê")."""
    return plain_apostrophes(normalize_plain(name))


def _part_dash(match: re.Match[str]) -> str:
    if not match.string[match.end()].isupper():
        return match.group(0)  # not between two parts of a name
    return " - " if match.group(1) in _HYPHENS else " – "


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """ASCII slug for IRIs: 'phường Lê Thiện' → 'phuong-le-thien'."""
    text = unicodedata.normalize("NFD", normalize_plain(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


# --------------------------------------------------------------- offset-keeping normalisation
Span = tuple[int, int]


@dataclass(frozen=True)
class NormalizedText:
    text: str
    _spans: tuple[Span, ...]  # _spans[i] = the original [start, end) that text[i] came from
    _length: int  # length of the original

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original."""
        if not self._spans:
            return 0, 0
        if end <= start:
            o = self._spans[start][0] if start < len(self._spans) else self._length
            return o, o
        return self._spans[start][0], self._spans[end - 1][1]


Replacement = str | Callable[[re.Match[str]], str]


def _sub(text: str, spans: list[Span], pattern: re.Pattern[str], repl: Replacement) -> tuple[str, list[Span]]:
    out: list[str] = []
    new: list[Span] = []
    pos = 0
    for m in pattern.finditer(text):
        a, b = m.start(), m.end()
        out.append(text[pos:a])
        new.extend(spans[pos:a])
        r = repl(m) if callable(repl) else m.expand(repl)
        out.append(r)
        if len(r) == b - a:
            new.extend(spans[a:b])
        elif r and r.replace(" ", "") == m.group(0):
            # spaces put into a word: letters keep their offsets, a space takes the next letter's start
            k = a
            for ch in r:
                if ch == " ":
                    new.append((spans[k][0], spans[k][0]))
                else:
                    new.append(spans[k])
                    k += 1
        elif r:
            whole = (spans[a][0], spans[b - 1][1]) if b > a else (spans[a][0], spans[a][0])
            new.extend([whole] * len(r))
        pos = b
    out.append(text[pos:])
    new.extend(spans[pos:])
    return "".join(out), new


_CLUSTER = re.compile(r".[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.DOTALL)
_ODD_SPACE = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a\u3000\t\r\f\v]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_EMPHASIS = re.compile(r"\*+|(?<!\w)_{2,}|_{2,}(?!\w)")
_WIKI_EDIT = re.compile(r"\[\s*sửa\s*\|\s*sửa mã nguồn\s*\]")
_FOOTNOTE = re.compile(r"\[(?:\d{1,3}|[a-z]|chú thích \d+|cần dẫn nguồn)\]")
# a lower-case letter glued to a capitalised word starts a new word: "phườngNgô" → "phường Ngô"
_MIXED_WORD = re.compile(r"[^\W\d_]*[^\W\d_A-Z][^\W\d_]*")


def _glued_capital(m: re.Match[str]) -> str:
    word = m.group(0)
    if word[1:].islower() or word.isupper():
        return word
    # "CPngày": an abbreviation glued to a word
    caps = len(word) - len(word.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ"))
    if caps >= 2 and word[caps:].islower() and is_syllable(word[caps:]):
        return word[:caps] + " " + word[caps:]
    out = [word[0]]
    for i in range(1, len(word)):
        if word[i - 1].islower() and word[i].isupper() and i + 1 < len(word) and word[i + 1].islower():
            out.append(" ")
        out.append(word[i])
    return "".join(out)


# Vietnamese spelling: one syllable is onset + vowel cluster + coda. Two
# syllables glued together ("củaphường", "Thiệnsau", "vàthị") are split where
# both halves are syllables and the whole is not one.
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    # vowel clusters that end the syllable (no final consonant after them)
    r"(?:(?:uya|uyu|iêu|yêu|ươi|ươu|uôi|oai|oay|oao|oeo|uơ|ưa|ưi|ưu|ia|ua|ui|ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi)"
    # vowel clusters that may take one
    r"|(?:uyê|ươ|uô|iê|yê|oa|oă|oe|uê|uy|uâ|[aăâeêioôơuưy])(?:ch|nh|ng|[cmnpt])?"
    # the long o of "xoong", "Boòng", "moóc": only before ng or c
    r"|oo(?:ng|c))$"
)
_LOWER_RUN = re.compile(r"[^\W\d_]{4,}")
# a number glued to the next word: "Đông Hải 2thành" → "Đông Hải 2 thành"
_DIGIT_WORD = re.compile(r"(?<=\d)(?=[^\W\d_]{2,})")


def _toneless(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))


def is_syllable(word: str) -> bool:
    return bool(_SYLLABLE.match(_toneless(word)))


def _split_syllables(word: str, parts: int) -> list[str] | None:
    """``word`` as exactly ``parts`` syllables, or None."""
    if parts == 1:
        return [word] if is_syllable(word) else None
    # the shortest first syllable that works: the next one then starts with the
    # longest onset ("và|thị", not "vàt|hị"), as Vietnamese syllables do
    for i in range(1, len(word)):
        if is_syllable(word[:i]):
            rest = _split_syllables(word[i:], parts - 1)
            if rest is not None:
                return [word[:i], *rest]
    return None


def _glued_syllables(m: re.Match[str]) -> str:
    word = m.group(0)
    if not word[1:].islower() or is_syllable(word) or not any(ord(ch) > 127 for ch in word):
        return word
    split = _split_syllables(word, 2) or _split_syllables(word, 3)
    if split and word[0].isupper() and len(split[0]) == 1:
        return word  # a name of the Central Highlands ("Êban", "Ama"), not a vowel glued to a word
    return " ".join(split) if split else word


def normalize(original: str) -> NormalizedText:
    """Canonical text for the extractors, with a map back to ``original``."""
    spans = [(i, i + 1) for i in range(len(original))]
    text = original
    if not unicodedata.is_normalized("NFC", text):
        text, spans = _sub(text, spans, _CLUSTER, lambda m: unicodedata.normalize("NFC", m.group(0)))
        if not unicodedata.is_normalized("NFC", text):  # compositions without combining marks
            text = unicodedata.normalize("NFC", text)
            spans = [(0, len(original))] * len(text) if len(text) != len(spans) else spans
    for pattern, repl in (
        (_INVISIBLE, ""), (_ODD_SPACE, " "), (_WIKI_EDIT, ""), (_FOOTNOTE, ""), (_EMPHASIS, ""),
        (_MIXED_WORD, _glued_capital), (_LOWER_RUN, _glued_syllables), (_DIGIT_WORD, " "),
    ):
        text, spans = _sub(text, spans, pattern, repl)
    text = canonical_tones(text)
    return NormalizedText(text, tuple(spans), len(original))


# --------------------------------------------------------------- sentences
@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offsets in the normalised text
    end: int
    paragraph: int  # index of the paragraph (block of lines without a blank line)
    line_start: bool  # the sentence starts a line


_ABBREVIATIONS = re.compile(
    r"(?:\b(?:TP|Tp|TX|TT|P|Q|H|ThS|TS|PGS|GS|BS|KS|Th|St|v\.v|Mr|Mrs|Dr|tr|TW)|\b[A-ZĐ])\.$"
)
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)]*\s+[\"“(\[]?[-–•]?\s*(?=\w)")


def _logical_lines(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of lines, a line that runs on in lower case
    joined to the one before ("… Nghị quyết số 1655/NQ-UBTVQH15\nvề việc …")."""
    out: list[list[int]] = []
    paragraph = 0
    pos = 0
    blank_before = False
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            paragraph += 1
            blank_before = True
            continue
        if (
            out
            and not blank_before
            and stripped[0].islower()
            and not text[out[-1][0] : out[-1][1]].rstrip().endswith((".", "!", "?", ":", ";", "|"))
        ):
            out[-1][1] = end
        else:
            out.append([start, end, paragraph])
        blank_before = False
    return [(a, b, p) for a, b, p in out]


def split_sentences(text: str) -> list[Sentence]:
    """Lines are sentence boundaries; inside a line, a full stop (not of an
    abbreviation such as 'TP.') followed by a capital or digit is one too."""
    out: list[Sentence] = []
    for line_start_pos, line_end, paragraph in _logical_lines(text):
        line = text[line_start_pos:line_end]
        starts = [0]
        for m in _BOUNDARY.finditer(line):
            following = line[m.end()]
            if _ABBREVIATIONS.search(line[: m.start()]) or not (following.isupper() or following.isdigit()):
                continue
            starts.append(m.start())
        starts.append(len(line))
        for i, (a, b) in enumerate(zip(starts, starts[1:], strict=False)):
            seg = line[a:b]
            lead = len(seg) - len(seg.lstrip())
            seg_s = seg.strip()
            if not seg_s:
                continue
            s = line_start_pos + a + lead
            out.append(Sentence(seg_s, s, s + len(seg_s), paragraph, i == 0))
    return out

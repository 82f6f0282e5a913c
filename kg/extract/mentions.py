"""Mentions of administrative units and of people's names in a sentence.

A unit mention is a type word (from the unit-type scheme: "phường", "xã",
"TP.", …) followed by a name: capitalised words, numbers ("Hà Giang 2"), or
capitalised parts joined by a dash ("Phương Liên - Trung Tự", "Phương Liên – Trung Tự",
"Xuân Hương-Đà Lạt"). A type word
with no name after it ("Đảng ủy phường") is a bare mention: it means the unit
the document is about, or the one its sentence is set in ("Cùng ngày, tại xã X,
…": ``DocContext.scene``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.tokens import Token, phrase_before, phrase_tokens, tokenize
from kg.vocabulary import Vocabulary, load_vocabulary

MAX_NAME_TOKENS = 7
_ROMAN = re.compile(r"^[IVXLC]{1,6}$")


@dataclass(frozen=True)
class UnitMention:
    type_key: str
    name: str  # "" for a bare type word
    start: int  # offsets in the normalised document text
    end: int
    type_end: int  # end of the type word
    first: int  # index of the type word's first token
    last: int  # index after the mention's last token
    name_tokens: tuple[Token, ...] = ()

    @property
    def bare(self) -> bool:
        return not self.name


@cache
def _type_forms(vocab: Vocabulary) -> dict[str, list[tuple[tuple[str, ...], str, bool]]]:
    """Written forms of type words by their first token (lower case):
    (tokens, type key, case-sensitive), longest first."""
    forms: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    for ut in vocab.unit_types.values():
        if ut.key == "thanh-pho-tw":
            continue  # same words as thanh-pho; told apart by the name
        for form in ut.forms:
            toks = tuple(t.text for t in tokenize(form))
            # abbreviations (TP, P., TX) are matched as written; words in any case
            case_sensitive = any(ch.isupper() for ch in form)
            forms.setdefault(toks[0].lower(), []).append((toks, ut.key, case_sensitive))
    for cands in forms.values():
        cands.sort(key=lambda f: -len(f[0]))
    return forms


@cache
def _level_words(vocab: Vocabulary) -> list[tuple[str, ...]]:
    """Words that make a type word right after them a level of government ("cấp xã")."""
    return lower_phrases(vocab.cues["level"])


def _match_type(tokens: list[Token], i: int, vocab: Vocabulary) -> tuple[str, int] | None:
    for toks, key, cs in _type_forms(vocab).get(tokens[i].low, ()):
        n = len(toks)
        if i + n > len(tokens):
            continue
        ok = True
        for k in range(n):
            a, b = tokens[i + k].text, toks[k]
            if cs:
                if a != b:
                    ok = False
                    break
            elif a.lower() != b.lower() or (k > 0 and a[0].isupper()):
                ok = False
                break
        if ok:
            return key, i + n
    return None


def _name_end(tokens: list[Token], j: int) -> int:
    """Index after the name that starts at tokens[j] (j itself if none)."""
    if j < len(tokens) and (tokens[j].is_number or _ROMAN.match(tokens[j].text)):
        return j + 1  # "phường 12", "Quận 1", "Phường IV": a numbered unit
    k = j
    while k < len(tokens) and k - j < MAX_NAME_TOKENS:
        t = tokens[k]
        # "UBND", "CĐS" are not names; a Roman numeral is ("Phường IV")
        abbreviation = len(t.text) > 1 and t.text.isupper() and not _ROMAN.match(t.text)
        if t.is_word and not abbreviation and (t.is_capitalized or (t.is_number and len(t.text) <= 3)):
            k += 1
            continue
        # "Phương Liên – Trung Tự", "Xuân Hương-Đà Lạt": a dash between capitalised parts,
        # spaced on both sides or on neither
        if (
            t.text in "–-—"
            and k > j
            and k + 1 < len(tokens)
            and tokens[k + 1].is_capitalized
            and (tokens[k - 1].end < t.start) == (t.end < tokens[k + 1].start)
            and not tokens[k - 1].is_number
        ):
            k += 2
            continue
        break
    return k


def resolve_type(type_key: str, name: str, vocab: Vocabulary) -> str:
    """'thành phố' before a centrally governed city's name is a province."""
    if type_key == "thanh-pho":
        p = vocab.province(name)
        if p is not None and p.type_key == "thanh-pho-tw":
            return "thanh-pho-tw"
    return type_key


def find_unit_mentions(text: str, offset: int = 0, vocab: Vocabulary | None = None) -> list[UnitMention]:
    """Unit mentions in ``text`` (offsets shifted by ``offset``)."""
    vocab = vocab or load_vocabulary()
    tokens = tokenize(text, offset)
    out: list[UnitMention] = []
    i = 0
    while i < len(tokens):
        # a type word is not glued to the word before it ("TP.HCM", "Sở")
        m = _match_type(tokens, i, vocab)
        if m is None:
            i += 1
            continue
        key, j = m
        if j < len(tokens) and tokens[j - 1].end == tokens[j].start and tokens[j].is_word:
            i += 1  # glued: "TP.HCM"
            continue
        if phrase_before(tokens, i, _level_words(vocab)) >= 0:
            i = j  # "cấp xã", "cấp huyện": a level of government, not a unit
            continue
        k = _name_end(tokens, j)
        name_tokens = tuple(tokens[j:k])
        if name_tokens:
            name = text[name_tokens[0].start - offset : name_tokens[-1].end - offset]
            key = resolve_type(key, name, vocab)
            out.append(
                UnitMention(key, name, tokens[i].start, name_tokens[-1].end, tokens[j - 1].end, i, k, name_tokens)
            )
            i = k
        else:
            out.append(UnitMention(key, "", tokens[i].start, tokens[j - 1].end, tokens[j - 1].end, i, j))
            i = j
    return out


# ---------------------------------------------------------------- people
def person_name_at(tokens: list[Token], j: int, vocab: Vocabulary, *, need_surname: bool) -> int:
    """Index after a person's name starting at tokens[j] (2–5 capitalised
    words), or -1. With ``need_surname`` the first word must be a family name."""
    k = j
    while k < len(tokens) and k - j < 5 and tokens[k].is_word and tokens[k].is_capitalized and not tokens[k].is_number:
        k += 1
    if k - j < 2:
        return -1
    if need_surname and tokens[j].text not in vocab.surnames:
        return -1
    return k


def lower_phrases(phrases: tuple[str, ...] | list[str]) -> list[tuple[str, ...]]:
    return sorted({phrase_tokens(p) for p in phrases}, key=lambda t: -len(t))

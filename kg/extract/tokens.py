"""Tokens with offsets, and the small predicates the extractors share."""

from __future__ import annotations

import re

# a word may hold an apostrophe between letters: the names of the Central Highlands
# ("Ea H'Leo", "Cư M’gar", "Đắk R'Lấp") are one word each
_TOKEN = re.compile(r"\w+(?:['\u2019\u02bc]\w+)*|[^\w\s]")


class Token:
    """A word or a punctuation mark, with its offsets and its lower-case form."""

    __slots__ = ("text", "start", "end", "low")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.low = text.lower()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def is_capitalized(self) -> bool:
        return self.text[0].isupper()

    @property
    def is_number(self) -> bool:
        return self.text.isdigit()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.group(0), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Lower-case tokens of a vocabulary phrase."""
    return tuple(t.text.lower() for t in tokenize(phrase))


def match_at(tokens: list[Token], i: int, phrase: tuple[str, ...]) -> int:
    """If ``phrase`` (lower-case tokens) starts at ``tokens[i]``, the index after it; else -1."""
    n = len(phrase)
    if i + n > len(tokens):
        return -1
    for k in range(n):
        if tokens[i + k].low != phrase[k]:
            return -1
    return i + n


def phrase_at(tokens: list[Token], i: int, phrases) -> int:
    """Index after the first of ``phrases`` (lower-case token tuples, longest first) that starts at
    ``tokens[i]``; -1 when none does."""
    for phrase in phrases:
        j = match_at(tokens, i, phrase)
        if j > 0:
            return j
    return -1


def phrase_before(tokens: list[Token], i: int, phrases) -> int:
    """Index where the first of ``phrases`` that ends right before ``tokens[i]`` starts; -1 when none does."""
    for phrase in phrases:
        start = i - len(phrase)
        if start >= 0 and match_at(tokens, start, phrase) == i:
            return start
    return -1


class PhraseIndex:
    """Phrases (lower-case token tuples) keyed by their first token, so that
    finding which phrase starts at a token is one dictionary look-up."""

    def __init__(self, phrases, values=None) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        values = values if values is not None else [None] * len(phrases)
        for phrase, value in zip(phrases, values, strict=True):
            if phrase:
                self._by_first.setdefault(phrase[0], []).append((phrase, value))
        for cands in self._by_first.values():
            cands.sort(key=lambda c: -len(c[0]))

    def match(self, tokens: list[Token], i: int) -> tuple[int, object] | None:
        """(index after the longest phrase starting at tokens[i], its value), or None."""
        if i >= len(tokens):
            return None
        for phrase, value in self._by_first.get(tokens[i].low, ()):
            j = match_at(tokens, i, phrase)
            if j > 0:
                return j, value
        return None

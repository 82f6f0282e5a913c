"""Tokens with offsets, and the small predicates the extractors share."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

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

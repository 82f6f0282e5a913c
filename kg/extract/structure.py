"""The numbered structure of a legal text: which article (Điều) and which
numbered item (khoản) of it each sentence belongs to.

A line "Điều 2." (or "Điều 2:") opens article 2 and closes the one before;
inside an article a line "3." (or "3.Sắp xếp …") opens item 3. An item runs
on over the lines of its paragraph, over the points under it ("a) …",
"- …") and, when its number stands alone on its line, over the paragraph that
follows; any other paragraph closes it (the text between items, or after the
last one, is in the article but in no item). The words come from the "article"
and "item" cues of the vocabulary; a document without an article line has no
structure at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.text import Sentence
from kg.vocabulary import Vocabulary

_ITEM = re.compile(r"^(\d{1,3})\s*\.(?!\d)")
_POINT = re.compile(r"^(?:[a-zđ]\)|[-–+•])")


@dataclass(frozen=True)
class Place:
    """Where a sentence stands in the numbered structure (None: outside)."""

    article: int | None = None
    item: int | None = None


OUTSIDE = Place()


@cache
def _article_line(vocab: Vocabulary) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in vocab.cues["article"])
    return re.compile(r"^[#*\s]*(?:" + words + r")\s+(\d{1,3})\s*(?:[.:](?!\d)|$)")


def item_label(vocab: Vocabulary, article: int, item: int) -> str:
    """"Điều 1 khoản 12": the words are the first labels of the article and item cues."""
    return f"{vocab.cues['article'][0]} {article} {vocab.cues['item'][0]} {item}"


def place_label(vocab: Vocabulary, place: Place) -> str | None:
    if place.article is None or place.item is None:
        return None
    return item_label(vocab, place.article, place.item)


class _Walker:
    def __init__(self) -> None:
        self.article: int | None = None
        self.item: int | None = None
        self.paragraph = -1  # the paragraph the item last ran on
        self.has_text = False  # the item has more than its number

    def open_article(self, number: int) -> None:
        self.article, self.item = number, None

    def open_item(self, number: int, sentence: Sentence, rest: str) -> None:
        self.item, self.paragraph, self.has_text = number, sentence.paragraph, bool(rest)

    def continue_line(self, sentence: Sentence) -> None:
        """A line that is neither an article nor an item line."""
        if self.item is None:
            return
        runs_on = sentence.paragraph == self.paragraph or not self.has_text or _POINT.match(sentence.text)
        if not runs_on:
            self.item = None
            return
        self.paragraph, self.has_text = sentence.paragraph, True


def number_sentences(sentences: list[Sentence], vocab: Vocabulary) -> list[Place]:
    """The :class:`Place` of every sentence, in order."""
    article_line = _article_line(vocab)
    if not any(s.line_start and article_line.match(s.text) for s in sentences):
        return [OUTSIDE] * len(sentences)
    walker = _Walker()
    out: list[Place] = []
    for s in sentences:
        if s.line_start:
            article = article_line.match(s.text)
            item = _ITEM.match(s.text) if walker.article is not None and not article else None
            if article:
                walker.open_article(int(article.group(1)))
            elif item:
                walker.open_item(int(item.group(1)), s, s.text[item.end():].strip())
            else:
                walker.continue_line(s)
        elif walker.item is not None:
            walker.has_text = True
        out.append(Place(walker.article, walker.item))
    return out

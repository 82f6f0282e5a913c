"""Indicators: figures about a unit (area, population, households, Party
members, income, growth, rates …), achieved or targeted.

A figure is a number with its unit (km², %, tỷ đồng, tạ/ha, a fraction
16/19) or a count noun ("7.366 hộ", "1.450 đảng viên"). Its indicator is the
count noun after it, else the indicator phrase closest before it in its
clause, else (for rates) the phrase right after it ("94% tổ dân phố văn
hóa"); the phrase's indicator must accept that kind of value. It is a target
when its sentence, paragraph lead or section heading says so ("mục tiêu",
"phấn đấu", "đến năm 2030"). It belongs to the unit the lineage extractor
gave it, else the unit its table row names, else the unit its sentence is
about, else the unit the document is about. Figures after "trong đó" break a
total down and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.context import DocContext, SentenceView, table_cells
from kg.extract.mentions import lower_phrases
from kg.extract.numbers import Quantity, find_quantities
from kg.extract.tokens import Token, tokenize
from kg.facts import ObservationFact, UnitRef
from kg.text import fold_key

MAX_GAP = 4
_KIND_OF_QUANTITY = {"area": {"area"}, "percent": {"percent"}, "money": {"money"}, "yield": {"yield"},
                     "fraction": {"ratio", "percent"}, "number": {"count"}}
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*(?:-+|–|—)\s*((?:19|20)\d{2})")


@dataclass(frozen=True)
class _Phrase:
    indicator: str
    tokens: tuple[str, ...]


class _Lexicon:
    def __init__(self, vocab) -> None:
        v = vocab
        self.phrases = [
            _Phrase(ind.key, toks) for ind in v.indicators.values() for toks in lower_phrases(ind.phrases)
        ]
        self.nouns = sorted(
            ((toks, ind.key) for ind in v.indicators.values() for toks in lower_phrases(ind.count_nouns)),
            key=lambda x: -len(x[0]),
        )
        self.kind = {ind.key: ind.value_kind for ind in v.indicators.values()}
        self.max_value = {ind.key: ind.max_value for ind in v.indicators.values() if ind.max_value is not None}
        self.target = [p.lower() for p in v.status_cues["target"]]
        self.actual = [p.lower() for p in v.status_cues["actual"]]
        self.breakdown = [p.lower() for p in v.cues["breakdown"]]
        self.approximate = tuple(sorted((p.lower() for p in v.cues["approximate"]), key=len, reverse=True))
        self.total = frozenset(fold_key(p) for p in v.cues["total"])
        self.not_subject = re.compile(
            r"\b(?:" + "|".join(re.escape(p) for p in v.cues["not-subject"]) + r")\s*$", re.IGNORECASE
        )
        # "đến năm 2030": the words of a phrase may be split by any spaces
        by_year = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in v.cues["by-year"])
        self.future = re.compile(r"(?:" + by_year + r")\s+((?:20)\d{2})", re.IGNORECASE)
        self.people = tuple(p.lower() for p in v.cues["people"])


def _find_phrase(tokens: list[Token], phrase: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """Matches of ``phrase`` in ``tokens`` with small gaps: (first, last, gap)."""
    out = []
    n = len(phrase)
    for i, t in enumerate(tokens):
        if t.low != phrase[0]:
            continue
        k, j, gap = 1, i, 0
        while k < n:
            nxt = next((x for x in range(j + 1, min(len(tokens), j + 2 + MAX_GAP)) if tokens[x].low == phrase[k]), None)
            if nxt is None:
                break
            gap += nxt - j - 1
            j = nxt
            k += 1
        if k == n:
            out.append((i, j, gap))
    return out


def _best_phrase(lex: _Lexicon, tokens: list[Token], kinds: set[str], *, before: bool) -> str | None:
    best = None
    for ph in lex.phrases:
        if lex.kind[ph.indicator] not in kinds:
            continue
        for first, last, gap in _find_phrase(tokens, ph.tokens):
            distance = (len(tokens) - 1 - last) if before else first
            score = (distance + gap, -len(ph.tokens))
            if best is None or score < best[0]:
                best = (score, ph.indicator)
    return best[1] if best else None


def _noun_after(lex: _Lexicon, text: str, end: int) -> str | None:
    toks = tokenize(text[end : end + 60])
    for noun, key in lex.nouns:
        if len(toks) >= len(noun) and tuple(t.low for t in toks[: len(noun)]) == noun:
            return key
    return None


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause that ends at ``pos``: after the last ',', ';', ':'
    or '(' that is not a decimal comma."""
    i = pos - 1
    while i > floor:
        ch = text[i]
        if ch in ";:(|" or (ch == "," and not (text[i - 1].isdigit() and i + 1 < len(text) and text[i + 1].isdigit())):
            return i + 1
        i -= 1
    return floor


def _clause_end(text: str, pos: int, ceiling: int) -> int:
    i = pos
    while i < ceiling:
        ch = text[i]
        if ch in ";.:)|" or (ch == "," and not (text[i - 1].isdigit() and i + 1 < len(text) and text[i + 1].isdigit())):
            return i
        i += 1
    return ceiling


class _Status:
    """Actual or target, by sentence, paragraph lead and section heading."""

    def __init__(self, ctx: DocContext, lex: _Lexicon) -> None:
        self.ctx, self.lex = ctx, lex
        self.paragraph_lead: dict[int, str] = {}
        self.section: dict[int, str] = {}
        status = "actual"
        for v in ctx.sentences:
            p = v.sentence.paragraph
            if p not in self.paragraph_lead:
                self.paragraph_lead[p] = self.sentence_status(v.text) or ""
                if self._is_heading(v):
                    status = self.sentence_status(v.text) or status
            self.section[v.index] = status

    @staticmethod
    def _is_heading(v: SentenceView) -> bool:
        t = v.text.strip()
        return v.sentence.line_start and len(t) < 120 and not t.endswith((".", ":", ";", ",", "…")) and \
            not find_quantities(t)

    def sentence_status(self, text: str) -> str | None:
        low = text.lower()
        if any(c in low for c in self.lex.target):
            return "target"
        year = self.ctx.year
        for m in self.lex.future.finditer(text):
            if year is None or int(m.group(1)) > year:
                return "target"
        return None

    def of(self, v: SentenceView) -> str:
        return (self.sentence_status(v.text) or self.paragraph_lead.get(v.sentence.paragraph)
                or self.section.get(v.index) or "actual")


def _row_label(ctx: DocContext, v: SentenceView, total: frozenset[str]) -> str:
    label = next(iter(table_cells(v.text)), "")
    if fold_key(label) in total:
        for back in range(v.index - 1, max(-1, v.index - 4), -1):
            prev = ctx.sentences[back].text
            if prev.startswith("|"):
                pcells = table_cells(prev)
                if pcells and fold_key(pcells[0]) not in total:
                    return pcells[0] + " " + label
    return label


def _row_unit(ctx: DocContext, v: SentenceView) -> UnitRef | None:
    for c in table_cells(v.text):
        key = fold_key(c)
        for (_type_key, name), ref in ctx.predecessors.items():
            if name == key:
                return ref
        if ctx.subject is not None and fold_key(ctx.subject.name) == key:
            return ctx.subject
    return None


def _sentence_unit(ctx: DocContext, v: SentenceView, pos: int, not_subject: re.Pattern[str]) -> UnitRef | None:
    """The unit a sentence is about, named before ``pos``: 'Thành phố Phú
    Quốc có diện tích …', 'Sau sắp xếp phường có …' (the document's unit)."""
    cands = [m for m in v.mentions if m.end <= pos and not ctx.is_title_span(m.start)]
    for m in cands:
        if m.bare or ctx.vocab.unit_types[m.type_key].level == "province":
            continue
        # the subject of the sentence: at its start or right after an opening phrase
        head = v.text[: m.start - v.start]
        if len(head.strip()) <= 40 and not not_subject.search(head):
            key = (m.type_key, fold_key(m.name))
            if key in ctx.predecessors and (ctx.subject is None or fold_key(ctx.subject.name) != key[1]):
                return ctx.predecessors[key]
            if ctx.subject is not None and fold_key(ctx.subject.name) == key[1] and ctx.subject.type_key == m.type_key:
                return ctx.subject
            return ctx.unit_of(m)
    return None


@cache
def lexicon_for(vocab) -> _Lexicon:
    return _Lexicon(vocab)


def extract_indicators(ctx: DocContext) -> list[ObservationFact]:
    lex = lexicon_for(ctx.vocab)
    status_of = _Status(ctx, lex)
    out: list[ObservationFact] = []
    for v in ctx.sentences:
        text = v.text
        quantities = [q for q in find_quantities(text) if q.kind != "density"]
        if not quantities:
            continue
        low = text.lower()
        cut = min((low.find(b) for b in lex.breakdown if b in low), default=len(text))
        is_row = text.startswith("|")
        row_label = _row_label(ctx, v, lex.total) if is_row else ""
        row_unit = _row_unit(ctx, v) if is_row else None
        status = status_of.of(v)
        prev_end = 0
        for q in quantities:
            abs_span = (q.start + v.start, q.end + v.start)
            floor, prev_end = prev_end, q.end
            if q.start >= cut and any(x.start < cut for x in quantities):
                continue
            if ctx.is_title_span(abs_span[0]) or any(m.start <= abs_span[0] < m.end for m in v.mentions):
                continue  # a number in a title or a name ("phường Đông Hải 1")
            if abs_span in ctx.attributed and ctx.attributed[abs_span] is None:
                continue
            indicator = _indicator_for(lex, text, q, floor, row_label if is_row else None, quantities)
            if indicator is None:
                continue
            value = _value(lex, indicator, q)
            if value is None:
                continue
            unit = (ctx.attributed.get(abs_span) or row_unit or _sentence_unit(ctx, v, abs_span[0], lex.not_subject)
                    or ctx.local_subject(v))
            if unit is None:
                continue
            before = text[max(0, q.start - 14) : q.start].lower().rstrip()
            qualifier = next((a for a in lex.approximate if before.endswith(a)
                              and (len(before) == len(a) or not before[-len(a) - 1].isalnum())), None)
            period = _PERIOD.search(text)
            out.append(ObservationFact(
                unit, indicator, value, status, ctx.evidence(v),
                period=f"{period.group(1)}-{period.group(2)}" if period else None, qualifier=qualifier,
            ))
    return out


def _indicator_for(lex: _Lexicon, text: str, q: Quantity, floor: int, row_label: str | None,
                   quantities: list[Quantity]) -> str | None:
    kinds = _KIND_OF_QUANTITY.get(q.kind, set())
    if q.kind == "area":
        return "area"
    if q.kind == "yield":
        return "rice-yield"
    if q.kind in ("number", "fraction"):
        noun = _noun_after(lex, text, q.end)
        if noun is not None and lex.kind[noun] in kinds:
            return noun
    if row_label is not None:
        region = tokenize(row_label)
    else:
        start = _clause_start(text, q.start, floor)
        region = tokenize(text[start : q.start])
    found = _best_phrase(lex, region, kinds, before=True)
    if found is not None:
        if q.kind == "number" and not _adjacent_or_people(lex, text, q, region):
            return None
        return found
    if q.kind in ("percent", "fraction"):
        nxt = min((x.start for x in quantities if x.start > q.start), default=len(text))
        end = _clause_end(text, q.end, nxt)
        return _best_phrase(lex, tokenize(text[q.end : end]), kinds, before=False)
    return None


def _adjacent_or_people(lex: _Lexicon, text: str, q: Quantity, region: list[Token]) -> bool:
    """A bare number takes a phrase before it only when it counts people
    ('dân số 44.660 người') or stands right after the phrase ('dân số là 13.234')."""
    after = text[q.end : q.end + 12].lower()
    return after.lstrip().startswith(lex.people) or len(region) <= 8


def _value(lex: _Lexicon, indicator: str, q: Quantity) -> float | None:
    value = _raw_value(lex, indicator, q)
    if value is None or value < 0 or (value == 0 and lex.kind[indicator] in ("area", "count")):
        return None
    ceiling = lex.max_value.get(indicator)
    if ceiling is not None and value > ceiling:
        return None  # "tăng 150%" is no share of a whole
    return value


def _raw_value(lex: _Lexicon, indicator: str, q: Quantity) -> float | None:
    kind = lex.kind[indicator]
    if q.kind == "fraction":
        if kind == "ratio":
            return round(q.value, 4)
        if kind == "percent" and q.numerator is not None and q.denominator and q.numerator <= q.denominator:
            return round(q.value * 100, 4)
        return None
    if kind == "count" and q.value != int(q.value):
        return None
    return q.value

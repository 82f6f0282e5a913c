"""Indicators: figures about a unit (area, population, households, Party
members, income, growth, rates …), achieved or targeted.

A figure is a number with its unit (km², %, tỷ đồng, tạ/ha, a fraction
16/19, a range "9-10%" read as its lower bound) or a count noun ("7.366 hộ",
"1.450 đảng viên", "mười hai thôn"). Its indicator is the count noun after
it, else the indicator phrase closest before it in its clause (or the label
of a "Dân số: 58.412 người" line), else (for rates) the phrase right after
it ("94% tổ dân phố văn hóa"), else the indicator of the figure right before
it when only link words and years stand between ("năm 2024 đạt 72 triệu
đồng, năm 2025 ước đạt 80 triệu đồng"), else, for a number of people the
unit opening the sentence has ("Xã X có 3.412 hộ với 13.230 người"), the
population; the indicator must accept that kind of value.

A count is the unit's own only when its noun is not narrowed by the word
after it ("150 hộ nghèo"), a holding word or a phrase comes before it
("Đảng bộ có …"; not "Hơn 1.000 người dân đã tham dự …"), and it does not
follow a group the sentence speaks of ("Tổ dân phố 5 có 320 hộ", "Mỗi thôn
có …"). Years, document numbers and the numbers in group names are no
figures.

A figure takes the status of the last status cue before it in its sentence
("mục tiêu", "phấn đấu", "đến năm 2030" → target; "hiện nay", "đã đạt",
"vượt mục tiêu" → actual), else of an actual cue after it or a later year in
its own clause, else of its paragraph's lead or section heading. It belongs
to the unit the lineage extractor gave it, else the unit "lần lượt" pairs it
with, else the unit its table row names, else the unit that opens its clause
with a holding word or its sentence, else the unit the document is about.
Figures after "trong đó" of the same kind as one before break a total down
and are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from kg.extract.context import DocContext, SentenceView, table_cells
from kg.extract.mentions import UnitMention, lower_phrases
from kg.extract.numbers import Quantity, find_quantities
from kg.extract.tokens import Token, match_at, phrase_tokens, tokenize
from kg.facts import ObservationFact, UnitRef
from kg.text import fold_key

MAX_GAP = 4
POPULATION = "population"
_KIND_OF_QUANTITY = {"area": {"area"}, "percent": {"percent"}, "money": {"money"}, "yield": {"yield"},
                     "fraction": {"ratio", "percent"}, "number": {"count"}}
_ANY_YEAR = re.compile(r"\b(20\d\d)\b")
_YEAR_LIKE = re.compile(r"(?:19|20)\d{2}")
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
        self.yearly = {ind.key for ind in v.indicators.values() if ind.unit.endswith("/year")}
        self.max_value = {ind.key: ind.max_value for ind in v.indicators.values() if ind.max_value is not None}
        self.target_re = _cue_pattern(v.status_cues["target"])
        self.actual_re = _cue_pattern(v.status_cues["actual"])
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
        self.people_words = frozenset(w for p in self.people for w in phrase_tokens(p))
        self.holding = _token_phrases(v.cues["holding"])
        self.count_follow = _token_phrases(v.cues["count-follow"])
        self.distributive = _token_phrases(v.cues["distributive"])
        self.count_of = _token_phrases(v.cues["count-of"])
        self.residents = _token_phrases(v.cues["residents"])
        self.change = _token_phrases(v.cues["change"])
        self.area_follow = _token_phrases(v.cues["area-follow"])
        self.area_worked = _token_phrases(v.cues["area-worked"])
        self.type_words = lower_phrases([form for ut in v.unit_types.values() for form in ut.forms])
        self.area_phrases = sorted({ph.tokens for ph in self.phrases if self.kind[ph.indicator] == "area"}, key=len,
                                   reverse=True)
        self.respectively = _cue_pattern(v.cues["respectively"])
        self.conjunctions = frozenset(p.lower() for p in v.cues["conjunction"])
        self.approximate_words = frozenset(w for p in v.cues["approximate"] for w in phrase_tokens(p.lower()))
        self.link_words = frozenset(w for p in v.cues["figure-link"] + v.cues["approximate"]
                                    for w in phrase_tokens(p.lower()))
        self.all_phrases = sorted({ph.tokens for ph in self.phrases}, key=len, reverse=True)


def _cue_pattern(phrases) -> re.Pattern[str]:
    """Any of ``phrases`` as whole words, their words split by any spaces, in any case."""
    alts = sorted((r"\s+".join(re.escape(w) for w in p.split()) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


def _token_phrases(phrases) -> list[tuple[str, ...]]:
    return sorted({phrase_tokens(p.lower()) for p in phrases}, key=len, reverse=True)


def _any_at(tokens: list[Token], i: int, phrases) -> int:
    """Index after the first of ``phrases`` that starts at ``tokens[i]``; -1 when none does."""
    for ph in phrases:
        j = match_at(tokens, i, ph)
        if j > 0:
            return j
    return -1


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


def _best_phrase(lex: _Lexicon, tokens: list[Token], kinds: set[str], *, before: bool,
                 after_number: bool = False) -> str | None:
    best = None
    for ph in lex.phrases:
        if lex.kind[ph.indicator] not in kinds:
            continue
        for first, last, gap in _find_phrase(tokens, ph.tokens):
            if before and (_count_number(tokens[first - 1]) if first > 0 else after_number):
                continue  # "45 đảng viên …": the noun of another count, not a label
            distance = (len(tokens) - 1 - last) if before else first
            score = (distance + gap, -len(ph.tokens))
            if best is None or score < best[0]:
                best = (score, ph.indicator)
    return best[1] if best else None


def _count_number(token: Token) -> bool:
    """A number that counts what follows it ("45 đảng viên"), not a year ("năm 2024 thu nhập …")."""
    return token.is_number and not _YEAR_LIKE.fullmatch(token.text)


def _noun_after(lex: _Lexicon, text: str, end: int) -> tuple[str, bool] | None:
    """The indicator of the count noun right after a number, and whether the
    count is whole: what follows the noun does not narrow it ("150 hộ nghèo")."""
    toks = tokenize(text[end : end + 80])
    for noun, key in lex.nouns:
        if len(toks) >= len(noun) and tuple(t.low for t in toks[: len(noun)]) == noun:
            n = len(noun)
            whole = n == len(toks) or not toks[n].is_word or toks[n].is_number or \
                _any_at(toks, n, lex.count_follow) > 0
            return key, whole
    return None


def _held(lex: _Lexicon, text: str, q: Quantity) -> bool:
    """A count is the unit's own when a holding word or an indicator phrase
    comes before it in its sentence, or a label ends right before it."""
    head = text[: q.start].rstrip()
    if not head or head.endswith((":", "|")):
        return bool(head)
    toks = tokenize(head)
    return any(_any_at(toks, i, lex.holding) > 0 or _any_at(toks, i, lex.all_phrases) > 0 for i in range(len(toks)))


def _group_marks(lex: _Lexicon, v: SentenceView) -> list[tuple[int, int]]:
    """Where a sentence speaks of one group or of each group rather than of
    the unit: "Tổ dân phố 5 …", "khu phố 3", "Mỗi thôn …" — (start, end of a
    number that names the group, or of the noun) in sentence offsets."""
    toks = tokenize(v.text)
    out = []
    for i in range(len(toks)):
        for noun, _key in lex.nouns:
            j = match_at(toks, i, noun)
            if j < 0:
                continue
            after_number = i > 0 and toks[i - 1].is_number
            counted = any(match_at(toks, i - len(c), c) == i for c in lex.count_of if i >= len(c))
            distributive = any(match_at(toks, i - len(c), c) == i for c in lex.distributive if i >= len(c))
            if distributive:
                out.append((toks[i].start, toks[j - 1].end))
            elif j < len(toks) and toks[j].is_capitalized and toks[j].is_word and not toks[j].is_number \
                    and not after_number and not counted and (i == 0 or toks[i - 1].text in ",;"):
                out.append((toks[i].start, toks[j].end))  # "Thôn Đồng Tâm có 320 hộ"
            elif j < len(toks) and toks[j].is_number and not after_number and not counted \
                    and toks[j].start - toks[j - 1].end <= 1:
                k = j
                while k + 2 < len(toks) and toks[k + 1].text in ".," and toks[k + 2].is_number \
                        and toks[k + 2].start == toks[k + 1].end:
                    k += 2  # the number of a group may be written like a figure
                out.append((toks[i].start, toks[k].end))
            break
    return out


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


def _present_year(ctx: DocContext, lex: _Lexicon) -> int | None:
    """The document's date, else the year it names most often, leaving out the years it aims at
    ("đến năm 2030"), the earliest of equals."""
    if ctx.document.date:
        return int(ctx.document.date[:4])
    aimed = {m.start(1) for m in lex.future.finditer(ctx.text)}
    years = Counter(int(m.group(1)) for m in _ANY_YEAR.finditer(ctx.text) if m.start(1) not in aimed)
    return min(years, key=lambda y: (-years[y], y)) if years else None


class _Status:
    """Actual or target: by the cues of the sentence around a figure, else its
    paragraph's lead, else its section's heading."""

    def __init__(self, ctx: DocContext, lex: _Lexicon) -> None:
        self.ctx, self.lex = ctx, lex
        self.year = _present_year(ctx, lex)
        self.paragraph_lead: dict[int, str] = {}
        self.section: dict[int, str] = {}
        status = "actual"
        for v in ctx.sentences:
            p = v.sentence.paragraph
            if p not in self.paragraph_lead:
                self.paragraph_lead[p] = self.lead_status(v.text) or ""
                if self._is_heading(v):
                    status = self.sentence_status(v.text) or status
            self.section[v.index] = status

    @staticmethod
    def _is_heading(v: SentenceView) -> bool:
        t = v.text.strip()
        return v.sentence.line_start and len(t) < 120 and not t.endswith((".", ":", ";", ",", "…")) and \
            not find_quantities(t)

    def cues(self, text: str) -> list[tuple[int, int, str]]:
        """The status cues of a sentence: (start, end, status), in order. Words
        of a target cue inside an actual cue ("vượt mục tiêu") are no target, nor
        are they after an actual cue in the same clause, as what was achieved
        ("đạt và vượt 19/22 chỉ tiêu chủ yếu")."""
        found = [(m.start(), m.end(), "actual") for m in self.lex.actual_re.finditer(text)]
        found += [(m.start(), m.end(), "target") for m in self.lex.target_re.finditer(text)
                  if not any(a <= m.start() < b or (b <= m.start() and not re.search(r"[,;:]", text[b : m.start()]))
                             for a, b, _ in found)]
        year = self.year
        found += [(m.start(), m.end(), "target") for m in self.lex.future.finditer(text)
                  if year is None or int(m.group(1)) > year]
        return sorted(found)

    def sentence_status(self, text: str) -> str | None:
        """A heading's status: target when it has a target cue, actual when it has only actual ones."""
        kinds = {c[2] for c in self.cues(text)}
        return "target" if "target" in kinds else ("actual" if kinds else None)

    def lead_status(self, text: str) -> str | None:
        """What the first sentence of a paragraph says of those after it: its first cue, when that comes
        before its first figure ("Phấn đấu đến năm 2030, …"; "Mục tiêu nhiệm kỳ: …")."""
        cues = self.cues(text)
        first = next(iter(find_quantities(text)), None)
        if not cues or (first is not None and cues[0][0] > first.start):
            return None
        return cues[0][2]

    def of(self, v: SentenceView, q: Quantity) -> str:
        cues = self.cues(v.text)
        before = [c for c in cues if c[1] <= q.start]
        if before:
            return before[-1][2]
        text = v.text
        for a, _b, status in cues:
            between = text[q.end : a]
            if status == "actual" and ";" not in between:
                return "actual"  # "…, vượt mục tiêu đề ra"
            if status == "target" and self.lex.future.match(text, a) and not re.search(r"[;,]", between):
                return "target"  # "… đạt 150 triệu đồng vào năm 2030"
        return self.paragraph_lead.get(v.sentence.paragraph) or self.section.get(v.index) or "actual"


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


def _sentence_unit(ctx: DocContext, v: SentenceView, pos: int, lex: _Lexicon) -> UnitRef | None:
    """The unit a sentence is about, named before ``pos``: 'Thành phố Phú
    Quốc có diện tích …', 'Sau sắp xếp phường có …' (the document's unit);
    or the unit that opens a later clause of it and has the figure ('…;
    phường B có diện tích 19,4 km²', '…, xã B cũ có 1.900 hộ')."""
    cands = [m for m in v.mentions if m.end <= pos and not ctx.is_title_span(m.start)
             and not m.bare and ctx.vocab.unit_types[m.type_key].level != "province"
             and not _qualifies_previous(v, m)]
    for m in reversed(cands):
        if _opens_clause_with_holding(lex, v.text, m.start - v.start, m.end - v.start):
            return _unit_named(ctx, m)
    for m in cands:
        # the subject of the sentence: at its start or right after an opening phrase
        head = v.text[: m.start - v.start]
        if len(head.strip()) <= 40 and not lex.not_subject.search(head):
            return _unit_named(ctx, m)
    return None


def _qualifies_previous(v: SentenceView, m: UnitMention) -> bool:
    """'phường 12 (quận Gò Vấp)': a unit in brackets right after another places it, it is not
    what the sentence is about."""
    before = v.text[: m.start - v.start].rstrip()
    if not before.endswith("("):
        return False
    opening = v.start + len(before) - 1
    return any(0 <= opening - o.end <= 1 for o in v.mentions if o is not m)


_CLAUSE_BREAK = re.compile(r"[;,](?!\d)")


def _opens_clause_with_holding(lex: _Lexicon, text: str, start: int, end: int) -> bool:
    """A unit named at the start of a clause after the first ("…; phường B có …"), then, a word or two
    later ("cũ"), a holding word."""
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    if not breaks or len(tokenize(text[breaks[-1] + 1 : start])) > 3:
        return False
    after = tokenize(text[end : end + 60])
    for k in range(min(4, len(after))):
        if after[k].text in ",;.:":
            return False
        if _any_at(after, k, lex.holding) > 0:
            return True
    return False


def _unit_named(ctx: DocContext, m) -> UnitRef:
    key = (m.type_key, fold_key(m.name))
    if key in ctx.predecessors and (ctx.subject is None or fold_key(ctx.subject.name) != key[1]):
        return ctx.predecessors[key]
    if ctx.subject is not None and fold_key(ctx.subject.name) == key[1] and ctx.subject.type_key == m.type_key:
        return ctx.subject
    return ctx.unit_of(m)


@cache
def lexicon_for(vocab) -> _Lexicon:
    return _Lexicon(vocab)


def extract_indicators(ctx: DocContext) -> list[ObservationFact]:
    lex = lexicon_for(ctx.vocab)
    status_of = _Status(ctx, lex)
    out: list[ObservationFact] = []
    for v in ctx.sentences:
        text = v.text
        # numbers in words count only what a count noun names ("mười hai thôn"), not "ba xã cũ"
        quantities = [q for q in find_quantities(text, words=True) if q.kind != "density"
                      and (any(c.isdigit() for c in q.raw) or _noun_after(lex, text, q.end) is not None)]
        if not quantities:
            continue
        low = text.lower()
        cut = min((low.find(b) for b in lex.breakdown if b in low), default=len(text))
        is_row = text.startswith("|")
        row_label = _row_label(ctx, v, lex.total) if is_row else ""
        row_unit = _row_unit(ctx, v) if is_row else None
        groups = _group_marks(lex, v)
        prev_end = 0
        prev: tuple[Quantity, str] | None = None  # the figure before, and its indicator
        respective = _respective_units(ctx, lex, v, quantities)
        for q in quantities:
            if q.kind == "number" and _YEAR_LIKE.fullmatch(q.raw) and not _adjacent_people(lex, text, q) \
                    and _noun_after(lex, text, q.end) is None:
                continue  # "Dân số 2024 ước …": a year, which does not end the words before the next figure
            abs_span = (q.start + v.start, q.end + v.start)
            floor, prev_end = prev_end, q.end
            last, prev = prev, None
            if q.start >= cut and any(x.start < cut and x.kind == q.kind for x in quantities):
                continue  # a part of a total before "trong đó"
            if any(a <= q.start < b or (b <= q.start and ";" not in text[b : q.start]) for a, b in groups):
                continue  # the name of a group, or a figure of one group or of each
            if ctx.is_title_span(abs_span[0]) or any(m.start <= abs_span[0] < m.end for m in v.mentions):
                continue  # a number in a title or a name ("phường Đông Hải 1")
            if abs_span in ctx.attributed and ctx.attributed[abs_span] is None:
                continue
            indicator = _indicator_for(lex, text, q, floor, row_label if is_row else None, quantities)
            if indicator is None and last is not None and last[0].kind == q.kind and \
                    _noun_after(lex, text, q.end) is None and _linked(lex, text[last[0].end : q.start], text[q.end :]):
                indicator = last[1]  # "năm 2024 đạt 72 triệu đồng, năm 2025 ước đạt 80 triệu đồng"
            if indicator is None and q.kind == "number" and not is_row and _residents(ctx, lex, v, q):
                indicator = POPULATION  # "Xã X có 3.412 hộ với 13.230 người"
            if indicator is None:
                continue
            prev = (q, indicator)
            value = _value(lex, indicator, q)
            if value is None:
                continue
            unit = (ctx.attributed.get(abs_span) or respective.get(q.start) or row_unit
                    or _sentence_unit(ctx, v, abs_span[0], lex) or ctx.local_subject(v))
            if unit is None:
                continue
            before = text[max(0, q.start - 14) : q.start].lower().rstrip()
            qualifier = next((a for a in lex.approximate if before.endswith(a)
                              and (len(before) == len(a) or not before[-len(a) - 1].isalnum())), None)
            period = _PERIOD.search(text)
            out.append(ObservationFact(
                unit, indicator, value, status_of.of(v, q), ctx.evidence(v),
                period=f"{period.group(1)}-{period.group(2)}" if period else None, qualifier=qualifier,
            ))
    return out


_CLAUSE_END = re.compile(r"[;:|]|,\s|\s[-–]\s")


def _unit_area(lex: _Lexicon, text: str, q: Quantity) -> bool:
    """An area figure is the unit's natural area when an area phrase follows it ("1.520 ha diện
    tích tự nhiên") or the last area phrase of its clause is followed only by words that do not
    narrow it ("diện tích tự nhiên của xã là …", not "diện tích lúa …"); with no area phrase,
    when it is given in km² ("Xã rộng 125 km²"), not in hectares ("quy mô 75 ha")."""
    after = tokenize(text[q.end : q.end + 40])
    j = _any_at(after, 0, lex.area_phrases)
    if j > 0:  # "1.520 ha diện tích tự nhiên", not "1.250 ha diện tích lúa"
        return j == len(after) or not after[j].is_word or after[j].low in lex.conjunctions or \
            _any_at(after, j, lex.area_follow) > 0
    clause = text[: q.start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(clause)), default=0)
    toks = tokenize(clause[cut:])
    found, at = -1, -1
    for i in range(len(toks)):
        for phrase in lex.area_phrases:
            j = match_at(toks, i, phrase)
            if j > 0:
                found, at = j, i
                break
    hectares = "km" not in q.raw.lower()
    if found < 0:
        return not hectares
    if hectares and any(match_at(toks, at - len(w), w) == at for w in lex.area_worked if len(w) <= at):
        return False  # "canh tác … trên diện tích 2.150 ha": land worked
    k = found
    while k < len(toks) and not toks[k].is_number:
        step = _any_at(toks, k, lex.area_follow)
        if step < 0:
            step = _any_at(toks, k, [(w,) for w in lex.approximate_words])
        if step < 0 and (step := _any_at(toks, k, lex.type_words)) > 0:
            while step < len(toks) and toks[step].is_word and toks[step].is_capitalized:
                step += 1  # "diện tích (của) xã Tân Lập …": the unit it is of
        if step < 0:
            return False
        k = step
    return True


def _indicator_for(lex: _Lexicon, text: str, q: Quantity, floor: int, row_label: str | None,
                   quantities: list[Quantity]) -> str | None:
    kinds = _KIND_OF_QUANTITY.get(q.kind, set())
    if q.kind == "area":
        return "area" if row_label is not None or _unit_area(lex, text, q) else None
    if q.kind == "yield":
        return "rice-yield"
    if q.kind == "number":
        head = tokenize(text[max(0, q.start - 40) : q.start])
        while head and head[-1].low in lex.approximate_words:
            head.pop()
        if any(match_at(head, len(head) - len(c), c) == len(head) for c in lex.change if len(c) <= len(head)):
            return None  # "tăng 30 đảng viên": a change, not a count
    if q.kind in ("number", "fraction"):
        found_noun = _noun_after(lex, text, q.end)
        if found_noun is not None and lex.kind[found_noun[0]] in kinds:
            noun, whole = found_noun
            if q.kind == "number" and not (whole and (row_label is not None or _held(lex, text, q))):
                return None
            return noun
    start = q.start
    if row_label is not None:
        region = tokenize(row_label)
    else:
        start = _clause_start(text, q.start, floor)
        region = tokenize(text[start : q.start])
        if start > 0 and text[start - 1] == ":" and not text[start : q.start].strip():
            region = tokenize(_label_before(text, start - 1))  # "Dân số: 58.412 người"
    after_number = row_label is None and floor > 0 and not text[floor : start].strip() \
        and text[floor - 1] in "0123456789"
    found = _best_phrase(lex, region, kinds, before=True, after_number=after_number)
    if found is not None:
        if q.kind == "number" and not _adjacent_or_people(lex, text, q, region):
            return None
        return found
    if q.kind in ("percent", "fraction"):
        nxt = min((x.start for x in quantities if x.start > q.start), default=len(text))
        end = _clause_end(text, q.end, nxt)
        return _best_phrase(lex, tokenize(text[q.end : end]), kinds, before=False)
    return None


def _residents(ctx: DocContext, lex: _Lexicon, v: SentenceView, q: Quantity) -> bool:
    """A bare number of people ("13.230 người") that the unit opening the sentence has."""
    toks = tokenize(v.text[q.end : q.end + 80])
    n = next((len(r) for r in lex.residents if match_at(toks, 0, r) > 0), 0)
    if not n or not (n == len(toks) or not toks[n].is_word or _any_at(toks, n, lex.count_follow) > 0):
        return False
    head = tokenize(v.text[: q.start])
    while head and head[-1].low in lex.approximate_words:
        head.pop()
    held = any(match_at(head, len(head) - len(h), h) == len(head) for h in lex.holding if len(h) <= len(head))
    if not held and head and (head[-1].low in lex.conjunctions or head[-1].text == ","):
        # the last of what the unit has: "Thị trấn Kép có 6,9 km² và 18.300 người"
        held = any(_any_at(head, i, lex.holding) > 0 for i in range(len(head)))
    if not held:
        return False  # the unit has them: "… có khoảng 12 nghìn người", "… 3.412 hộ với 13.230 người"
    named = [m for m in v.mentions if m.end - v.start <= q.start]
    if not named or ctx.vocab.unit_types[named[-1].type_key].level != "commune":
        return False  # the people of the unit named last before them, which must open the sentence
    head = v.text[: named[-1].start - v.start]
    return len(head.strip()) <= 40 and not lex.not_subject.search(head)


@dataclass(frozen=True)
class _Named:
    type_key: str
    name: str


def _respective_units(ctx: DocContext, lex: _Lexicon, v: SentenceView,
                      quantities: list[Quantity]) -> dict[int, UnitRef]:
    """'Hai phường A và B có diện tích lần lượt là 27,92 km² và 19,4 km²': the unit of each figure after
    the cue, by its start, when there are as many figures of a kind as units named before the cue."""
    cue = lex.respectively.search(v.text)
    if cue is None:
        return {}
    named = [m for m in v.mentions if m.name and m.end - v.start <= cue.start() and not ctx.is_title_span(m.start)
             and ctx.vocab.unit_types[m.type_key].level != "province"]
    units = [_Named(m.type_key, m.name) for m in named]
    if len(named) == 1:  # "Hai phường A và B": the names after the first share its type word
        toks = tokenize(v.text[named[0].end - v.start : cue.start()])
        i = 0
        while i + 1 < len(toks) and (toks[i].text == "," or toks[i].low in lex.conjunctions) \
                and toks[i + 1].is_capitalized:
            j = i + 1
            while j < len(toks) and toks[j].is_word and toks[j].is_capitalized:
                j += 1
            units.append(_Named(named[0].type_key, " ".join(t.text for t in toks[i + 1 : j])))
            i = j
    if len(units) < 2:
        return {}
    out: dict[int, UnitRef] = {}
    after = [q for q in quantities if q.start >= cue.end()]
    for kind in {q.kind for q in after}:
        same = [q for q in after if q.kind == kind]
        if len(same) == len(units):
            out.update((q.start, _unit_named(ctx, u)) for q, u in zip(same, units, strict=True))
    return out


def _linked(lex: _Lexicon, between: str, after: str) -> bool:
    """Two figures of one indicator: only years, commas and link words between them, at least one
    word among them, and no word after the second that says what it counts ("98%, 100% hộ …")."""
    toks = tokenize(between)
    nxt = next(iter(tokenize(after[:40])), None)
    return any(t.is_word for t in toks) and \
        all(t.low in lex.link_words or t.low in lex.people_words or t.text in ",;" or _YEAR_LIKE.fullmatch(t.text)
            for t in toks) and \
        (nxt is None or not nxt.is_word or nxt.low in lex.link_words or after.lower().lstrip().startswith(lex.people))


def _label_before(text: str, colon: int) -> str:
    """The label of "Label: value", back to the start of its line or list item."""
    start = max(text.rfind(c, 0, colon) for c in ";\n.|") + 1
    return text[start:colon].lstrip(" -*•+")


def _adjacent_people(lex: _Lexicon, text: str, q: Quantity) -> bool:
    return text[q.end : q.end + 12].lower().lstrip().startswith(lex.people)


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
    if q.monthly and kind == "money" and indicator in lex.yearly:
        return q.value * 12  # "5,2 triệu đồng/người/tháng" of a yearly income
    return q.value

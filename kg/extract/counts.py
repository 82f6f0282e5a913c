"""The closing count of a resolution, checked against the units kg read.

A resolution on commune-level units ends its article with a count such as
"Sau khi sắp xếp, tỉnh X có 104 đơn vị hành chính cấp xã, gồm 93 xã và 11
phường" — sometimes with "; trong đó có … hình thành sau sắp xếp quy định tại
Điều này và … không thực hiện sắp xếp". :func:`check_counts` reads the totals
(overall and per unit type), the units the text says it forms itself when it
tells them apart from units kept as they were, and compares them with the
distinct new commune-level units kg read as formed in the same article (in the
whole document when the count stands in no article). A difference is one
warning that names both counts. Only legal texts are checked (a document that
is a resolution, or a count inside a numbered article): a news article that
quotes a province's count lists only a few of its units.

The words (đơn vị hành chính cấp xã, sau khi sắp xếp, hình thành sau sắp xếp,
không thực hiện sắp xếp, trong đó) are cues of the vocabulary; the type words
are the labels of the commune-level unit types.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from kg.extract.context import DocContext, SentenceView
from kg.extract.resolutions import document_resolution
from kg.facts import FormationFact
from kg.text import fold_key

TOTAL = "total"


@dataclass(frozen=True)
class DeclaredCounts:
    totals: dict[str, int]  # unit-type key -> count, and "total"
    formed: dict[str, int] | None  # the units the document forms itself, when it says
    view: SentenceView

    @property
    def expected(self) -> dict[str, int]:
        return self.formed if self.formed is not None else self.totals


def _alternatives(phrases) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    total: re.Pattern[str]
    after: re.Pattern[str]
    pair: re.Pattern[str]
    events: re.Pattern[str]
    types: dict[str, str]  # fold_key(type word) -> type key


@cache
def _patterns(vocab) -> _Patterns:
    cues = vocab.cues
    types = {fold_key(ut.label): ut.key for ut in vocab.unit_types.values() if ut.level == "commune"}
    words = [ut.label for ut in vocab.unit_types.values() if ut.level == "commune"]
    events = (
        rf"(?P<formed>{_alternatives(cues['count-formed'])})|(?P<kept>{_alternatives(cues['count-kept'])})"
        rf"|(?P<sep>;|{_alternatives(cues['breakdown'])})"
    )
    return _Patterns(
        total=re.compile(rf"(?<!\d)(\d{{1,4}})\s*(?:{_alternatives(cues['count-units'])})(?!\w)", re.IGNORECASE),
        after=re.compile(rf"(?<!\w)(?:{_alternatives(cues['count-after'])})(?!\w)", re.IGNORECASE),
        pair=re.compile(rf"(?<!\d)(\d{{1,4}})\s*({_alternatives(words)})(?!\w)", re.IGNORECASE),
        events=re.compile(rf"(?<!\w)(?:{events})(?!\w)", re.IGNORECASE),
        types=types,
    )


def read_declared_counts(ctx: DocContext) -> DeclaredCounts | None:
    """The last count of commune-level units "after the reorganisation" in a legal text."""
    pats = _patterns(ctx.vocab)
    for view in reversed(ctx.sentences):
        m = pats.total.search(view.text)
        if m is None or not pats.after.search(view.text):
            continue
        if ctx.place(view).article is None and document_resolution(ctx) is None:
            continue
        totals, formed = _breakdown(ctx, view, m.end(), pats)
        return DeclaredCounts({TOTAL: int(m.group(1)), **totals}, formed, view)
    return None


def _marks(ctx: DocContext, view: SentenceView, after: int, pats: _Patterns) -> list[tuple[int, str, str, int]]:
    """What follows the total, in order: (position, "pair", type key, count) for "45 phường",
    (position, "unit", type key, 1) for a named unit, (position, kind, "", 0) for a cue
    ending a clause (formed, kept, sep)."""
    text = view.text
    out = [(m.start(), m.lastgroup, "", 0) for m in pats.events.finditer(text, after)]
    out += [(m.start(), "pair", pats.types[fold_key(m.group(2))], int(m.group(1)))
            for m in pats.pair.finditer(text, after)]
    out += [(u.start - view.start, "unit", u.type_key, 1) for u in view.mentions
            if u.name and u.start - view.start >= after and ctx.vocab.unit_types[u.type_key].level == "commune"]
    return sorted(out)


def _breakdown(ctx: DocContext, view: SentenceView, after: int, pats: _Patterns):
    """Per-type counts after the total: (all units, the units formed here or None).
    A clause of counts is all units when it comes first, the units formed here
    when it ends with "hình thành sau sắp xếp", the units kept as they were when
    it ends with "không thực hiện sắp xếp" (counted, or named one by one)."""
    clauses: dict[str, dict[str, int]] = {}
    counts: Counter[str] = Counter()
    named: Counter[str] = Counter()
    first = True
    for _, kind, key, n in _marks(ctx, view, after, pats):
        if kind in ("pair", "unit"):
            (counts if kind == "pair" else named)[key] += n
            continue
        found = counts or (named if kind == "kept" else None)
        if found:
            clause = kind if kind in ("formed", "kept") else ("all" if first else None)
            if clause is not None:
                clauses.setdefault(clause, dict(found))
            first = False
        counts, named = Counter(), Counter()
    if counts and first:
        clauses["all"] = dict(counts)
    totals = clauses.get("all", {})
    formed = clauses.get("formed")
    if formed is None and "kept" in clauses and totals:
        kept = clauses["kept"]
        formed = {k: n - kept.get(k, 0) for k, n in totals.items() if n - kept.get(k, 0) > 0}
    if formed is not None:
        formed = {TOTAL: sum(formed.values()), **formed}
    return totals, formed


def units_read(ctx: DocContext, formations: list[FormationFact], article: int | None) -> dict[str, int]:
    """Distinct new commune-level units formed in ``article`` (the whole document when None), by type."""
    index = {ctx.evidence(v).start: v for v in ctx.sentences}
    seen: set[tuple[str, str]] = set()
    for f in formations:
        view = index.get(f.evidence.start)
        if article is not None and (view is None or ctx.place(view).article != article):
            continue
        if f.unit.level == "commune" and not f.unit.former:
            seen.add((f.unit.type_key, fold_key(f.unit.name)))
    by_type = Counter(key for key, _ in seen)
    return {TOTAL: len(seen), **by_type}


def _describe(ctx: DocContext, counts: dict[str, int], order: list[str], noun: str = "") -> str:
    """"114 units (67 xã, 45 phường, 2 đặc khu)": the types in ``order``, then any other."""
    keys = [k for k in order if k in counts] + sorted(k for k in counts if k not in order and k != TOTAL)
    parts = ", ".join(f"{counts[k]} {ctx.vocab.unit_types[k].label}" for k in keys)
    return f"{counts[TOTAL]}{noun}" + (f" ({parts})" if parts and order else "")


def count_warning(ctx: DocContext, declared: DeclaredCounts, read: dict[str, int]) -> str | None:
    """The warning naming both counts, or None when they agree (on the total,
    and type by type when the resolution breaks it down)."""
    expected = declared.expected
    per_type = [k for k in expected if k != TOTAL]
    types = set(per_type) | {k for k in read if k != TOTAL} if per_type else set()
    if read[TOTAL] == expected[TOTAL] and all(read.get(k, 0) == expected.get(k, 0) for k in types):
        return None
    said = _describe(ctx, expected, per_type, " units")
    if declared.formed is not None:
        said = f"{said} formed by it, of {declared.totals[TOTAL]} in all"
    return f"the resolution counts {said}; kg read {_describe(ctx, read, per_type)}"


def check_counts(ctx: DocContext, formations: list[FormationFact]) -> DeclaredCounts | None:
    """Read the closing count and warn (on ``ctx.warnings``) when kg read another number of units."""
    declared = read_declared_counts(ctx)
    if declared is None:
        return None
    read = units_read(ctx, formations, ctx.place(declared.view).article)
    warning = count_warning(ctx, declared, read)
    if warning is not None:
        ctx.warnings.append(warning)
    return declared

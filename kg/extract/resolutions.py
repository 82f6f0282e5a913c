"""Resolutions and the units they formed.

A resolution is named as "Nghị quyết (số) 1669/NQ-UBTVQH15" or
"Nghị quyết số 202/2025/QH15"; its adoption date is the date written right
after it ("ngày 16/6/2025", "ban hành ngày 16 tháng 6 năm 2025"), else a
date right before it that its adoption follows ("… ngày 16/6/2025 đã ban hành
Nghị quyết số …"), else the date that opens its sentence or the line heading its list ("Ngày 16 tháng 6
năm 2025:"), else the date it took effect. A unit formed in a sentence takes
the resolution named in that sentence; a sentence that follows a resolution
("Theo đó, …", a bulleted list) takes the last resolution about a
reorganisation named in the sentences just before it, and one that opens with
"Theo đó" the last resolution named just before it, whatever that sentence says of it. A document that is
itself a resolution ("Số: 1669/NQ-UBTVQH15 … NGHỊ QUYẾT", see
:mod:`kg.extract.heading`) is the legal basis of every unit it forms; its date
is the one on its closing line ("thông qua ngày …").
"""

from __future__ import annotations

import re

from kg.extract.context import DocContext, SentenceView
from kg.extract.heading import NUMBER, alternatives, normalize_number
from kg.extract.lineage import Formation, cues_for
from kg.extract.mentions import lower_phrases
from kg.extract.numbers import find_dates
from kg.facts import FormationFact, Resolution

_LOOKBACK = 4


def _issuer(number: str, ctx: DocContext) -> str | None:
    suffix = number.split("/")[-1]
    body = re.sub(r"\d+$", "", suffix.split("-")[-1])
    return ctx.vocab.issuers.get(body)


class _ResolutionReader:
    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        cues = ctx.vocab.cues
        names = "|".join(re.escape(p) for p in cues["resolution"])
        number_word = alternatives(cues["number"])
        self.mention = re.compile(r"(?:" + names + r")\s*(?:(?:" + number_word + r")\s*)?" + NUMBER, re.IGNORECASE)
        self.adopted = lower_phrases(cues["adopted"])
        self.effective = [p.lower() for p in cues["effective"]]
        self.formation = [p.lower() for p in cues["formation"]]
        self.context = [p.lower() for p in cues["context"]]

    def in_sentence(self, view: SentenceView, index: int) -> list[Resolution]:
        out = []
        text = view.text
        for m in self.mention.finditer(text):
            number = normalize_number(m.group(1), m.group(2))
            out.append(Resolution(number, self._date(view, index, m.end(), m.start()), _issuer(number, self.ctx)))
        return out

    def _date(self, view: SentenceView, index: int, after: int, before: int) -> str | None:
        text = view.text
        dates = find_dates(text)
        # right after the number: "… ngày 16/6/2025", "…, ban hành ngày 16 tháng 6 năm 2025"
        for d in dates:
            if d.start >= after:
                between = text[after : d.start].lower()
                if any(e in text[max(0, d.start - 25) : d.start + 5].lower() for e in self.effective):
                    continue
                if self.mention.search(between):
                    break
                # close by, or introduced as its adoption: "… được … thông qua ngày 16 tháng 6 năm 2025"
                if len(between) <= 90 or (len(between) <= 250 and any(
                        between.rstrip().endswith(" ".join(p[:-1])) for p in self.adopted if len(p) >= 2)):
                    return d.iso
                break
        # right before it, as the date of its adoption: "Ủy ban Thường vụ Quốc hội ngày 16/6/2025 đã ban
        # hành Nghị quyết số …", "… ngày 16/6/2025, Ủy ban Thường vụ Quốc hội thông qua Nghị quyết …"
        earlier = [d for d in dates if d.end <= before]
        if earlier:
            d = earlier[-1]
            between = text[d.end : before].lower().strip()
            said = text[: d.start].lower().rstrip(), text[d.start : d.end].lower()
            introduced = any(said[0].endswith(" ".join(p)) or said[1].startswith(" ".join(p)) for p in self.adopted)
            if introduced and len(between) <= 80 and not re.search(r"[;:.!?]", between) and any(
                    between.endswith(" ".join(p[:-1])) for p in self.adopted if len(p) >= 2):
                return d.iso
        # the date that opens the sentence: "Ngày 16 tháng 6 năm 2025, … ban hành Nghị quyết …"
        for d in dates:
            if d.start <= 6 and d.start < after:
                return d.iso
        # the line heading the list: "Ngày 16 tháng 6 năm 2025:"
        for back in range(index - 1, max(-1, index - 8), -1):
            prev = self.ctx.sentences[back].text.strip()
            pd = find_dates(prev)
            if pd and pd[0].start <= 6 and prev.endswith(":"):
                return pd[0].iso
        # when it took effect
        for d in dates:
            if any(e in text[max(0, d.start - 25) : d.start + 5].lower() for e in self.effective):
                return d.iso
        return None

    def about_reorganisation(self, view: SentenceView) -> bool:
        low = view.text.lower()
        return any(c in low for c in self.formation)

    def refers_back(self, view: SentenceView) -> bool:
        """A sentence that opens with "Theo đó, …": it speaks of the resolution just named."""
        low = view.text.lstrip(" -–•*\"“").lower()
        return any(low.startswith(c) and not low[len(c) : len(c) + 1].isalnum() for c in self.context)


def document_resolution(ctx: DocContext) -> Resolution | None:
    """The resolution a document is, when it is one (its heading says so)."""
    if ctx.heading is None:
        return None
    number = ctx.heading.number
    return Resolution(number, _adoption_date(ctx), _issuer(number, ctx))


def _adoption_date(ctx: DocContext) -> str | None:
    """The last date of the last sentence that says the resolution was adopted ("… thông qua ngày …")."""
    closing = [p.lower() for p in ctx.vocab.cues["adopted-closing"]]
    for v in reversed(ctx.sentences):
        low = v.text.lower()
        if any(p in low for p in closing):
            dates = find_dates(v.text)
            if dates:
                return dates[-1].iso
    return None


def extract_formations(ctx: DocContext, formations: list[Formation]) -> list[FormationFact]:
    """One fact per unit formed (with its legal basis when the text names
    one), plus units said to be formed under a resolution with no list."""
    reader = _ResolutionReader(ctx)
    own = document_resolution(ctx)
    by_sentence: dict[int, list[Resolution]] = {}
    for i, v in enumerate(ctx.sentences):
        found = reader.in_sentence(v, i)
        if found:
            by_sentence[i] = found

    def basis(i: int) -> Resolution | None:
        here = [r for r in by_sentence.get(i, [])]
        if here:
            return here[-1]
        para = ctx.sentences[i].sentence.paragraph
        for back in range(i - 1, max(-1, i - _LOOKBACK - 1), -1):
            prev = ctx.sentences[back]
            if prev.sentence.paragraph < para - 2:
                break
            if back in by_sentence and (reader.about_reorganisation(prev) or reader.refers_back(ctx.sentences[i])):
                return by_sentence[back][-1]
        return own

    out: list[FormationFact] = []
    seen: set[tuple[int, str]] = set()
    for f in formations:
        i = f.view.index
        out.append(FormationFact(f.new, basis(i), ctx.evidence(f.view)))
        seen.add((i, f.new.name))
    # "Phường Hà Đông được thành lập theo Nghị quyết số 1656/NQ-UBTVQH15 …"
    cues = cues_for(ctx.vocab)
    for i, res_list in by_sentence.items():
        v = ctx.sentences[i]
        for k in range(len(v.tokens)):
            j = cues.at(v.tokens, k, cues.new_before)
            if j < 0:
                continue
            named = [m for m in v.mentions if m.last <= k and m.name]
            bare = [m for m in v.mentions if m.last <= k and m.bare]
            unit = None
            if named and ctx.vocab.unit_types[named[-1].type_key].level == "commune":
                unit = ctx.unit_of(named[-1])
            elif bare and ctx.subject is not None and bare[-1].type_key == ctx.subject.type_key:
                unit = ctx.subject
            if unit is not None and (i, unit.name) not in seen:
                out.append(FormationFact(unit, res_list[-1], ctx.evidence(v)))
                seen.add((i, unit.name))
            break
    return out

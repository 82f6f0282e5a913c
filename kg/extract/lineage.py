"""Lineage: which old units formed a new one, whole or in part.

Reads sentences such as

- "Phường An Phong được thành lập … trên cơ sở hợp nhất nguyên trạng … của các
  phường Lê Thiện, Hồng Phong, An Hòa và một phần các phường Tân Tiến, Lê Lợi
  (quận An Dương), và một phần phường Đại Bản (quận Hồng Bàng)."
- "Sắp xếp toàn bộ … của các xã A, B và phần còn lại của xã C … thành xã mới có
  tên gọi là xã D."
- "Thành lập xã D … trên cơ sở toàn bộ 36,40 km² …, quy mô dân số là 11.111
  người xã A; … và 38,60 km² … của xã C thuộc huyện E."
- "sáp nhập tỉnh A vào tỉnh B."

The list of predecessors is walked token by token: share cues (toàn bộ,
nguyên trạng → whole; một phần, phần còn lại, điều chỉnh → part) apply to the
items after them; a group of items that gives its own figures without "toàn
bộ" is a part; a qualifier "(quận X)", "thuộc huyện Y cũ" gives its district
to the items of its run that have none: back to the previous qualifier, share
cue or group of figures ("Phường 1, Phường 2 và Phường 3 (thị xã Kiến Tường)":
all three), never forward, and only to the kinds of unit such a district held
(no phường in a huyện: vnadm:canContain of the unit types). Figures given for a predecessor taken whole are
recorded as that unit's observations (they are the unit's area and
population); figures of a part are not. A clause "sau khi sắp xếp theo quy
định tại khoản K Điều này" after items refers them to item K of the article
(:mod:`kg.extract.references`): they are parts, and the very units item K
names (same district), once every sentence is read. A clause naming a
document ("theo Nghị quyết số …", "căn cứ NQ …") ends the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from kg.extract.context import DocContext, SentenceView
from kg.extract.mentions import UnitMention, _name_end, lower_phrases, resolve_type
from kg.extract.numbers import Quantity, find_dates, find_quantities
from kg.extract.references import ItemRef, item_labels, link_remainders, read_item_reference
from kg.extract.tokens import PhraseIndex, Token, phrase_before
from kg.facts import LineageFact, UnitRef
from kg.text import fold_key


@dataclass
class _Item:
    type_key: str
    name: str
    share: str
    district: UnitRef | None = None
    figures: list[Quantity] = field(default_factory=list)
    segment: int = 0  # which run of the list (after one share cue or group of figures) it is in
    refs: tuple[ItemRef, ...] = ()  # "sau khi sắp xếp theo quy định tại khoản 5 Điều này"


@dataclass
class Formation:
    new: UnitRef
    items: list[tuple[UnitRef, str]]
    view: SentenceView
    figure_units: dict[tuple[int, int], UnitRef | None]
    # index in ``items`` -> labels of the items ("Điều 1 khoản 5") what is left of that unit remains after
    refs: dict[int, tuple[str, ...]] = field(default_factory=dict)


def _refer(items: list[_Item], segment: int, refs: tuple[ItemRef, ...]) -> None:
    """Give a reference to the items just before it: those of its run of the
    list that have none yet ("phần còn lại của các xã A, B sau khi sắp xếp theo
    quy định tại khoản 5 Điều này"). What remains after an arrangement is a part."""
    if not refs:
        return
    for it in reversed(items):
        if it.segment != segment or it.refs:
            break
        it.refs = refs
        it.share = "part"


class _Cues:
    def __init__(self, vocab) -> None:
        v = self.vocab = vocab
        self.formation = lower_phrases(v.cues["formation"])
        self.formation_words = tuple(" ".join(p) for p in self.formation)
        self.sources = lower_phrases(v.cues["sources"])
        self.new_after = lower_phrases(v.cues["new-after"])
        self.new_before = lower_phrases(v.cues["new-before"])
        self.into = lower_phrases(v.cues["into"])
        self.result = lower_phrases(v.cues["result"])
        self.qualifier = lower_phrases(v.cues["qualifier"])
        self.former = lower_phrases(v.cues["former"])
        self.conjunction = lower_phrases(v.cues["conjunction"])
        self.aside = lower_phrases(v.cues["aside"])
        self.document_clause = lower_phrases(v.cues["document-clause"])
        self.documents = lower_phrases(v.cues["resolution"] + v.cues["other-document"])
        self.after = lower_phrases(v.cues["after"])
        self.again = lower_phrases(v.cues["again"])
        self.copula = lower_phrases(v.cues["copula"])
        self.result_next = lower_phrases(v.cues["result-next"])
        self.this = lower_phrases(v.cues["this"])
        self.share = sorted(
            ((p, share) for share, phrases in v.share_cues.items() for p in lower_phrases(phrases)),
            key=lambda x: -len(x[0]),
        )

        self._index: dict[int, PhraseIndex] = {}
        self._share_index = PhraseIndex([p for p, _ in self.share], [s for _, s in self.share])

    def at(self, tokens: list[Token], i: int, phrases: list[tuple[str, ...]]) -> int:
        index = self._index.get(id(phrases))
        if index is None:
            index = self._index[id(phrases)] = PhraseIndex(phrases)
        found = index.match(tokens, i)
        return found[0] if found else -1

    def share_at(self, tokens: list[Token], i: int) -> tuple[str, int] | None:
        found = self._share_index.match(tokens, i)
        return (found[1], found[0]) if found else None


@cache
def cues_for(vocab) -> _Cues:
    return _Cues(vocab)


_CLOSERS = {",", ";", ".", "(", ")", ":", "|", "–", "-", "…"}


def _allowed_after_item(tokens: list[Token], k: int, end: int, cues: _Cues, mention_starts: dict) -> bool:
    if k >= end:
        return True
    t = tokens[k]
    if t.text in _CLOSERS or k in mention_starts:
        return True
    if not t.is_word:
        return False
    for group in (cues.conjunction, cues.qualifier, cues.former, cues.result, cues.aside, cues.new_after, cues.into):
        if cues.at(tokens, k, group) > 0:
            return True
    if cues.share_at(tokens, k) or _document_clause_at(tokens, k, cues):
        return True
    return cues.at(tokens, k, cues.after) > 0 or read_item_reference(tokens, k, cues.vocab) is not None


def _document_clause_at(tokens: list[Token], i: int, cues: _Cues) -> bool:
    """"theo Nghị quyết số 1669/NQ-UBTVQH15", "căn cứ Nghị quyết …", ", theo NQ …": names a document, not a unit."""
    j = cues.at(tokens, i, cues.document_clause)
    return j > 0 and cues.at(tokens, j, cues.documents) > 0


def _ends_at_result(tokens: list[Token], i: int, cues: _Cues, mentions: dict) -> bool:
    """"thành phường mới …", "thành xã X", "có tên gọi là …": the list ends, the new unit follows."""
    if cues.at(tokens, i, cues.new_after) > 0:
        return True
    nxt = cues.at(tokens, i, cues.result)
    return 0 < nxt < len(tokens) and (
        nxt in mentions or cues.at(tokens, nxt, cues.result_next) > 0 or cues.at(tokens, nxt, cues.new_after) > 0)


def _stop_at_clause(tokens: list[Token], i: int, cues: _Cues, mentions: dict) -> int:
    """A document clause ends the list: the stop is a result cue later in the clause ("… theo Nghị
    quyết số 1669/NQ-UBTVQH15 thành xã C"), else the clause itself (-i - 1)."""
    for k in range(i + 1, len(tokens)):
        if tokens[k].text in (",", ";", ":"):
            break
        if _ends_at_result(tokens, k, cues, mentions):
            return k
    return -i - 1


def _locate(run: list[_Item], district: UnitRef, vocab) -> None:
    """Give a district to the items of its run that have none and can lie in it: in "phường A,
    thị trấn B, xã C (huyện X)" B and C are of huyện X, A (a phường) is not. What a kind of district
    held is its unit type's ``can_contain`` (none said: anything)."""
    held = vocab.unit_types[district.type_key].can_contain
    for it in run:
        if it.district is None and (not held or it.type_key in held or it is run[-1]):
            it.district = district


def _formation_cue_positions(tokens: list[Token], cues: _Cues) -> list[int]:
    out = []
    i = -1
    while i + 1 < len(tokens):
        i += 1
        j = cues.at(tokens, i, cues.formation)
        if j > 0 and not _rearranged_or_after(tokens, i, j, cues):
            out.append(i)
        if j > 0:
            i = j - 1  # "sáp nhập" is one cue, not also "nhập"
    return out


def _rearranged_or_after(tokens: list[Token], i: int, j: int, cues: _Cues) -> bool:
    """The formation word at tokens[i:j] forms nothing: "sắp xếp lại" (a re-arrangement),
    "sau (khi) sáp nhập" (the state after one)."""
    return cues.at(tokens, j, cues.again) > 0 or phrase_before(tokens, i, cues.after) >= 0


def _sentence_is_historical(view: SentenceView) -> bool:
    years = [int(d.iso[:4]) for d in find_dates(view.text)]
    return bool(years) and max(years) < 2025


def extract_lineage(ctx: DocContext) -> tuple[list[LineageFact], list[Formation]]:
    cues = cues_for(ctx.vocab)
    facts: list[LineageFact] = []
    formations = [f for view in ctx.sentences if (f := _read_sentence(ctx, view, cues)) is not None]
    link_remainders(ctx, formations)
    for formation in formations:
        ev = ctx.evidence(formation.view)
        for old, share in formation.items:
            facts.append(LineageFact(formation.new, old, share, ev))
            ctx.predecessors.setdefault((old.type_key, fold_key(old.name)), old)
        ctx.attributed.update(formation.figure_units)
    return facts, formations


def _read_sentence(ctx: DocContext, view: SentenceView, cues: _Cues) -> Formation | None:
    low = view.text.lower()
    if not any(word in low for word in cues.formation_words):
        return None
    tokens = view.tokens
    formation_at = _formation_cue_positions(tokens, cues)
    if not formation_at:
        return None
    mentions = {m.first: m for m in view.mentions}
    named = [m for m in view.mentions if m.name]
    if not named and not any(m.bare for m in view.mentions):
        return None

    # the list of predecessors starts after a "sources" cue (trên cơ sở, sáp
    # nhập, …) that follows a formation cue: the first one that gives a list
    first_cue = formation_at[0]
    starts = sorted({j for i in range(first_cue, len(tokens)) if (j := cues.at(tokens, i, cues.sources)) > 0})
    for start in starts:
        # "sáp nhập tỉnh A vào tỉnh B"
        into = _read_into(ctx, view, cues, start, mentions)
        if into is not None:
            return into
        # stop >= 0: the list ended at a result cue ("thành phường mới …"); < 0: it just ended
        items, stop, figure_spans = _walk_list(ctx, view, cues, start, mentions)
        if items:
            break
    else:
        return None
    new = _new_unit(ctx, view, cues, start, stop, mentions)
    if new is None:
        return None
    # provinces merge into provinces; a province named in a list of communes only locates them
    if new.level != "province":
        items = [it for it in items if ctx.vocab.unit_types[it.type_key].level != "province"]
        if not items:
            return None
    olds = []
    refs: dict[int, tuple[str, ...]] = {}
    for k, it in enumerate(items):
        old = ctx.unit(it.type_key, it.name, former=True, district=it.district)
        olds.append((old, it.share))
        if it.refs and (labels := item_labels(ctx, it.refs, ctx.place(view).article)):
            refs[k] = labels
    # figures: a whole predecessor's own; the new unit's when it is the only one
    figure_units: dict[tuple[int, int], UnitRef | None] = {}
    sole = len(items) == 1 and items[0].share == "whole"
    for it, (old, _) in zip(items, olds, strict=True):
        for q in it.figures:
            figure_units[(q.start, q.end)] = (new if sole else old) if it.share == "whole" else None
    for span in figure_spans:
        figure_units.setdefault(span, None)
    if ctx.subject is None and new.level == "commune":
        ctx.subject = new
    return Formation(new, olds, view, figure_units, refs)


def _read_into(ctx, view, cues, start, mentions) -> Formation | None:
    tokens = view.tokens
    m = mentions.get(start) or next((x for x in view.mentions if x.first >= start and x.name), None)
    if m is None or not m.name:
        return None
    k = m.last
    j = cues.at(tokens, k, cues.into)
    if j < 0 or j not in mentions or not mentions[j].name:
        return None
    target = mentions[j]
    if ctx.vocab.unit_types[target.type_key].level != ctx.vocab.unit_types[m.type_key].level:
        return None
    new = ctx.unit_of(target)
    old = ctx.unit_of(m, former=True)
    return Formation(new, [(old, "whole")], view, {})


def _walk_list(ctx: DocContext, view: SentenceView, cues: _Cues, start: int, mentions: dict):
    tokens = view.tokens
    end = len(tokens)
    quantities = {}
    for q in find_quantities(view.text):
        s = q.start + view.start
        qq = Quantity(q.value, q.kind, s, q.end + view.start, q.raw, q.numerator, q.denominator)
        idx = next((i for i, t in enumerate(tokens) if t.start == s), None)
        if idx is not None:
            quantities[idx] = qq
    items: list[_Item] = []
    group: list[_Item] = []
    share: str | None = None
    segment = 0
    seg_figures: list[Quantity] = []
    all_figures: list[tuple[int, int]] = []
    cur_type: str | None = None
    after_item = False
    prev_sep = True
    i = start
    while i < end:
        t = tokens[i]
        # a clause such as "sau khi sắp xếp theo quy định tại khoản 1 Điều này"
        ref = read_item_reference(tokens, i, ctx.vocab)
        if ref is not None:
            _refer(items, segment, ref.items)
            i = ref.end
            continue
        if i > start and _ends_at_result(tokens, i, cues, mentions):
            return items, i, all_figures
        if items and _document_clause_at(tokens, i, cues):
            return items, _stop_at_clause(tokens, i, cues, mentions), all_figures
        found = cues.share_at(tokens, i)
        if found:
            new_share, j = found
            # "một phần diện tích tự nhiên, toàn bộ quy mô dân số của …": part of
            # the land went elsewhere, so the unit was split, whatever its people did
            if not (new_share == "whole" and share == "part" and not after_item and not group):
                share = new_share
            segment += 1
            seg_figures = []
            group = []
            after_item = False
            prev_sep = True
            i = j
            continue
        if i in quantities:
            q = quantities[i]
            if after_item:  # figures after an item, before any cue: a new group
                share = None
                segment += 1
                seg_figures = []
                group = []
                after_item = False
            seg_figures.append(q)
            while i < end and tokens[i].start < q.end:
                i += 1
            continue
        # qualifiers: "thuộc huyện X cũ", "của thành phố Y", "(quận Z)"
        j = cues.at(tokens, i, cues.qualifier)
        paren = t.text == "("
        if j > 0 or paren:
            k = j if j > 0 else i + 1
            q = mentions.get(k)
            # "… của huyện Bạch Long Vĩ thành đặc khu …": a whole district, alone before the result, is an item
            whole_district = (q is not None and j > 0 and not group and not items and q.name
                              and ctx.vocab.unit_types[q.type_key].level == "district"
                              and cues.at(tokens, q.last, cues.result) > 0)
            if whole_district:
                i = k
                continue
            if q is not None and q.name and ctx.vocab.unit_types[q.type_key].level in ("district", "province"):
                if ctx.vocab.unit_types[q.type_key].level == "district" and group:
                    _locate(group, ctx.unit_of(q, former=True), ctx.vocab)
                    group = []  # the next district is of the items after this one
                i = q.last
                # a second qualifier: "thuộc thành phố Phú Quốc, tỉnh Kiên Giang"
                while i < end and tokens[i].text in (",", ")") and i + 1 in mentions and \
                        ctx.vocab.unit_types[mentions[i + 1].type_key].level == "province":
                    i = mentions[i + 1].last
                if paren and i < end and tokens[i].text == ")":
                    i += 1
                continue
            if q is None and not paren:
                i = j
                prev_sep = False
                continue
        if i in mentions:
            m = mentions[i]
            if m.bare:
                nxt = tokens[m.last] if m.last < end else None
                if cues.at(tokens, m.last, cues.this) > 0:
                    return items, -i - 1, all_figures  # "các phường này": a reference back, not a list
                if nxt is None or not nxt.is_word or cues.at(tokens, m.last, cues.conjunction) > 0:
                    cur_type = m.type_key  # "các xã, phường A, B"
                    group = []
                    prev_sep = True
                i = m.last
                continue
            if phrase_before(tokens, i, cues.copula) >= 0 and not seg_figures:
                return items, -i - 1, all_figures  # "xã này là xã X": a predicate, not a list
            if not _allowed_after_item(tokens, m.last, end, cues, mentions):
                return items, -i - 1, all_figures
            cur_type = m.type_key
            it = _Item(m.type_key, m.name, share or ("part" if seg_figures and segment else "whole"),
                       figures=list(seg_figures), segment=segment)
            all_figures.extend((q.start, q.end) for q in seg_figures)
            items.append(it)
            group.append(it)
            after_item = True
            prev_sep = False
            i = m.last
            continue
        if t.is_word and t.is_capitalized and cur_type and prev_sep:
            k = _name_end(tokens, i)
            if k > i:
                if not _allowed_after_item(tokens, k, end, cues, mentions):
                    return items, -i - 1, all_figures
                name = view.text[tokens[i].start - view.start : tokens[k - 1].end - view.start]
                it = _Item(resolve_type(cur_type, name, ctx.vocab), name,
                           share or ("part" if seg_figures and segment else "whole"),
                           figures=list(seg_figures), segment=segment)
                all_figures.extend((q.start, q.end) for q in seg_figures)
                items.append(it)
                group.append(it)
                after_item = True
                prev_sep = False
                i = k
                continue
        if t.text in (",", ";") or cues.at(tokens, i, cues.conjunction) > 0:
            prev_sep = True
        elif t.is_word and t.is_capitalized:
            prev_sep = False
        i += 1
    return items, -end - 1, all_figures


def _new_unit(
    ctx: DocContext, view: SentenceView, cues: _Cues, start: int, stop: int, mentions: dict
) -> UnitRef | None:
    tokens = view.tokens
    historical = _sentence_is_historical(view)

    def make(m: UnitMention) -> UnitRef:
        if m.bare:
            if ctx.subject is not None and ctx.subject.type_key == m.type_key:
                return ctx.subject
            return None
        return ctx.unit_of(m, former=historical)

    # after the list: "… thành phường mới có tên gọi là phường X", "để thành lập phường X"
    after = [m for m in view.mentions if m.first >= stop and m.name] if stop >= 0 else []
    def locates(m: UnitMention) -> bool:  # "thuộc tỉnh Cà Mau" places a unit, it is not one formed
        return m.first > 0 and cues.at(tokens, m.first - 1, cues.qualifier) == m.first

    if stop >= 0 and after:
        for m in after:
            if not locates(m):
                return make(m)
    # before the list: "Thành lập xã X thuộc tỉnh Y trên cơ sở …"
    for i in range(0, start):
        j = cues.at(tokens, i, cues.new_after)
        if j > 0 and j in mentions and mentions[j].name:
            return make(mentions[j])
    # "Phường X (…) được thành lập …", "Phường được hình thành …"
    depth = 0
    last: UnitMention | None = None
    for i in range(0, start):
        t = tokens[i]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        if i in mentions and depth == 0 and not locates(mentions[i]):
            last = mentions[i]
        if cues.at(tokens, i, cues.new_before) > 0 and last is not None:
            made = make(last)
            if made is not None:
                return made
    # "Mới được thành lập trên cơ sở …, phường X đã …": the unit that ended the list is the clause's subject
    if stop < 0 and not any(m.name and m.last <= start for m in view.mentions):
        ender = mentions.get(-stop - 1)
        if ender is not None and ender.name and ctx.vocab.unit_types[ender.type_key].level == "commune":
            return make(ender)
    # "Phường Nam Triệu là kết quả của việc hợp nhất …": the unit opening the sentence
    opening = mentions.get(0)
    if opening is not None and opening.name and opening.last <= start and \
            ctx.vocab.unit_types[opening.type_key].level == "commune":
        return make(opening)
    return ctx.subject

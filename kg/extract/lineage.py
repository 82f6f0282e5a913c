"""Lineage: which old units formed a new one, whole or in part.

Reads sentences such as

- "Phường An Phong được thành lập … trên cơ sở hợp nhất nguyên trạng … của các
  phường Lê Thiện, Hồng Phong, An Hòa và một phần các phường Tân Tiến, Lê Lợi
  (quận An Dương), và một phần phường Đại Bản (quận Hồng Bàng)."
- "Sắp xếp toàn bộ … của các xã A, B và phần còn lại của xã C … thành xã mới có
  tên gọi là xã D."
- "Thành lập xã D … trên cơ sở toàn bộ 36,40 km² …, quy mô dân số là 11.111
  người xã A; … và 38,60 km² … của xã C thuộc huyện E."
- "sáp nhập tỉnh A vào tỉnh B.", "Toàn bộ xã A được nhập vào xã B." (B takes A in);
  "Thành lập xã D trên cơ sở nhập xã A vào xã B." (A and B form D)
- "Ba xã A, B và C (đã được) sáp nhập thành xã D.": the list before the
  formation word, read back from it over units, names and the small words of
  a list, the new unit after the result cue.

The list of predecessors is walked token by token: share cues (toàn bộ,
nguyên trạng → whole; một phần, phần còn lại, điều chỉnh → part) apply to the
items after them; a type word announces the names after it, also through a
count, "cũ" or "là" ("3 xã là A, B và C", "2 phường cũ: A và B"); numbers after
a numbered unit are more of its type ("các phường 1, 2 và 4"); a count before a
type word ("3 xã") is no figure; a closing quotation mark ends the list; a
group of items that gives its own figures without "toàn bộ" is a part, and so
is the first when its figures are measured out of it ("trên cơ sở 1.520 ha …
và 9.800 nhân khẩu của xã A"; "tách" is a part cue); a
qualifier "(quận X)", "thuộc huyện Y cũ" gives its district to the items of
its run that have none: back to the previous qualifier, share
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

from dataclasses import dataclass, field, replace
from functools import cache

from kg.extract.context import DocContext, SentenceView
from kg.extract.mentions import _ROMAN, UnitMention, _name_end, lower_phrases, resolve_type
from kg.extract.numbers import Quantity, find_dates, find_quantities
from kg.extract.references import ItemRef, item_labels, link_remainders, read_item_reference
from kg.extract.tokens import PhraseIndex, Token, phrase_before
from kg.facts import LineageFact, UnitRef
from kg.text import Sentence, fold_key


@dataclass
class _Item:
    type_key: str
    name: str
    share: str
    district: UnitRef | None = None
    figures: list[Quantity] = field(default_factory=list)
    segment: int = 0  # which run of the list (after one share cue or group of figures) it is in
    refs: tuple[ItemRef, ...] = ()  # "sau khi sắp xếp theo quy định tại khoản 5 Điều này"
    first: int = -1  # index of its first token
    piece: bool = False  # its figures measure a piece taken out of it ("… 9.800 nhân khẩu của xã A")


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
        self.piece_of = lower_phrases(v.cues["piece-of"])
        self.former = lower_phrases(v.cues["former"])
        self.conjunction = lower_phrases(v.cues["conjunction"])
        self.aside = lower_phrases(v.cues["aside"])
        self.document_clause = lower_phrases(v.cues["document-clause"])
        self.documents = lower_phrases(v.cues["resolution"] + v.cues["other-document"])
        self.after = lower_phrases(v.cues["after"])
        self.before = lower_phrases(v.cues["before"])
        self.again = lower_phrases(v.cues["again"])
        self.copula = lower_phrases(v.cues["copula"])
        self.result_next = lower_phrases(v.cues["result-next"])
        self.this = lower_phrases(v.cues["this"])
        self.auxiliary = lower_phrases(v.cues["auxiliary"])
        self.share = sorted(
            ((p, share) for share, phrases in v.share_cues.items() for p in lower_phrases(phrases)),
            key=lambda x: -len(x[0]),
        )

        self.share_phrases = [p for p, _ in self.share]

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
# a closing quotation mark ends what was quoted, and so the list in it
_CLOSING_QUOTES = {"\u201d", "\u00bb"}


def _closing_quote(tokens: list[Token], k: int) -> bool:
    """A closing quotation mark: a typographic one, or a straight one glued to the word before it."""
    t = tokens[k]
    return t.text in _CLOSING_QUOTES or (t.text == '"' and k > 0 and tokens[k - 1].end == t.start)


def _allowed_after_item(tokens: list[Token], k: int, end: int, cues: _Cues, mention_starts: dict) -> bool:
    if k >= end:
        return True
    t = tokens[k]
    if t.text in _CLOSERS or k in mention_starts or _closing_quote(tokens, k):
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
    "sau (khi) sáp nhập" (the state after one), "trước (khi) sáp nhập" (the state before one)."""
    return (cues.at(tokens, j, cues.again) > 0 or phrase_before(tokens, i, cues.after) >= 0
            or phrase_before(tokens, i, cues.before) >= 0)


def _sentence_is_historical(view: SentenceView) -> bool:
    years = [int(d.iso[:4]) for d in find_dates(view.text)]
    return bool(years) and max(years) < 2025


def extract_lineage(ctx: DocContext) -> tuple[list[LineageFact], list[Formation]]:
    cues = cues_for(ctx.vocab)
    facts: list[LineageFact] = []
    formations = []
    for k, view in enumerate(ctx.sentences):
        f = _read_sentence(ctx, view, cues)
        if f is None and (bullets := _bullets_after(ctx, k, cues)):
            f = _read_sentence(ctx, _joined(ctx, view, bullets), cues)
        if f is not None:
            formations.append(f)
    link_remainders(ctx, formations)
    for formation in formations:
        ev = ctx.evidence(formation.view)
        for old, share in formation.items:
            facts.append(LineageFact(formation.new, old, share, ev))
            ctx.predecessors.setdefault((old.type_key, fold_key(old.name)), old)
        ctx.attributed.update(formation.figure_units)
    return facts, formations


_BULLETS = ("-", "–", "•", "+", "*")


def _bullets_after(ctx: DocContext, k: int, cues: _Cues) -> list[SentenceView]:
    """"Xã A được thành lập trên cơ sở sáp nhập:" and then one bulleted line a predecessor
    ("- Toàn bộ xã B;", "- Một phần xã C."): the lines that go on the sentence at ``k``. A line that
    itself forms a unit ("- Sắp xếp … thành xã mới …") is a list of its own, and ends them."""
    view = ctx.sentences[k]
    if not view.text.rstrip().endswith(":") or not any(w in view.text.lower() for w in cues.formation_words):
        return []
    out: list[SentenceView] = []
    para = view.sentence.paragraph
    for nxt in ctx.sentences[k + 1 :]:
        text = nxt.text.lstrip()
        if not text.startswith(_BULLETS) or nxt.sentence.paragraph > para + 1 or not nxt.mentions or \
                any(w in text.lower() for w in cues.formation_words):
            break
        out.append(nxt)
        para = nxt.sentence.paragraph
    return out


def _joined(ctx: DocContext, view: SentenceView, rest: list[SentenceView]) -> SentenceView:
    """One view of a sentence and the bulleted lines that go on it."""
    start, end = view.sentence.start, rest[-1].sentence.end
    sentence = Sentence(ctx.norm.text[start:end], start, end, view.sentence.paragraph, view.sentence.line_start)
    tokens = [t for v in (view, *rest) for t in v.tokens]
    shift = 0
    mentions = []
    for v in (view, *rest):
        mentions += [replace(m, first=m.first + shift, last=m.last + shift) for m in v.mentions]
        shift += len(v.tokens)
    return SentenceView(view.index, sentence, tokens, mentions)


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
    sources: dict[int, int] = {}  # where a sources cue ends -> where the longest one ending there begins
    for i in range(first_cue, len(tokens)):
        if (j := cues.at(tokens, i, cues.sources)) > 0:
            sources.setdefault(j, i)
    for start in sorted(sources):
        # nothing between the formation word and "thành xã D" / "vào xã D": "Ba xã A, B và C sáp
        # nhập thành xã D", "Toàn bộ xã A được nhập vào xã B": the predecessors are named before it
        if _ends_at_result(tokens, start, cues, mentions) or _into_target(tokens, start, cues, mentions):
            before = _read_before(ctx, view, cues, sources[start], start, mentions)
            if before is not None:
                return before
            continue
        # "… hợp nhất thành Đảng bộ xã C", "… được sáp nhập vào ấp B": what follows is what they became
        if start not in mentions and (cues.at(tokens, start, cues.result) > 0 or cues.at(tokens, start, cues.into) > 0):
            continue
        # stop >= 0: the list ended at a result cue ("thành phường mới …") or an into cue
        # ("… vào xã B"); < 0: it just ended
        items, stop, figure_spans = _walk_list(ctx, view, cues, start, mentions)
        if items:
            break
    else:
        return None
    target = _into_target(tokens, stop, cues, mentions) if stop >= 0 else None
    if target is not None:
        # "Thành lập xã D trên cơ sở nhập xã A vào xã B": B is a predecessor too, taken whole
        new = _new_before_list(ctx, view, cues, start, mentions)
        if new is not None:
            items.append(_Item(target.type_key, target.name, "whole", segment=-1))
        # "sáp nhập xã A và xã B vào xã C": C takes them in
        elif all(_level(ctx, it.type_key) == _level(ctx, target.type_key) for it in items):
            new = ctx.unit_of(target)
    else:
        new = _new_unit(ctx, view, cues, start, stop, mentions)
    if new is None:
        return None
    return _formation(ctx, view, new, items, figure_spans, founded=target is None)


def _level(ctx: DocContext, type_key: str) -> str:
    return ctx.vocab.unit_types[type_key].level


def _formation(ctx: DocContext, view: SentenceView, new: UnitRef, items: list[_Item],
               figure_spans: list[tuple[int, int]], *, founded: bool = False) -> Formation | None:
    # provinces merge into provinces; a province named in a list of communes only locates them
    if new.level != "province":
        items = [it for it in items if _level(ctx, it.type_key) != "province"]
        if not items:
            return None
    olds = []
    refs: dict[int, tuple[str, ...]] = {}
    for k, it in enumerate(items):
        old = ctx.unit(it.type_key, it.name, former=True, district=it.district)
        olds.append((old, it.share))
        if it.refs and (labels := item_labels(ctx, it.refs, ctx.place(view).article)):
            refs[k] = labels
    # figures: a whole predecessor's own; the new unit's when it is the only one, or when the new
    # unit is made of one measured piece and nothing else ("thành lập xã B trên cơ sở 1.250 ha … của
    # xã A"; not a piece taken into a unit that was there before: "… vào xã C")
    figure_units: dict[tuple[int, int], UnitRef | None] = {}
    sole = len(items) == 1 and items[0].share == "whole"
    made_of_piece = founded and len(items) == 1 and items[0].piece
    for it, (old, _) in zip(items, olds, strict=True):
        for q in it.figures:
            figure_units[(q.start, q.end)] = (new if sole else old) if it.share == "whole" else (
                new if made_of_piece else None)
    for span in figure_spans:
        figure_units.setdefault(span, None)
    if ctx.subject is None and new.level == "commune":
        ctx.subject = new
    return Formation(new, olds, view, figure_units, refs)


def _into_target(tokens: list[Token], i: int, cues: _Cues, mentions: dict) -> UnitMention | None:
    """"vào xã B": the named unit an into cue at tokens[i] introduces."""
    j = cues.at(tokens, i, cues.into)
    m = mentions.get(j) if j > 0 else None
    return m if m is not None and m.name else None


def _read_before(ctx: DocContext, view: SentenceView, cues: _Cues, verb: int, start: int,
                 mentions: dict) -> Formation | None:
    """The predecessors named before the formation word at tokens[verb] ("Phường A, phường B và
    một phần phường C (được) hợp nhất thành phường D", "Toàn bộ xã A được nhập vào xã B"); the new
    unit follows the result or into cue at tokens[start]. The list must run right up to the verb
    (auxiliaries aside: "được", "đã", …) from where the sentence's list of units begins."""
    tokens = view.tokens
    end = verb
    while (k := phrase_before(tokens, end, cues.auxiliary)) >= 0:
        end = k
    begin = _list_start(tokens, end, cues, mentions)
    # "Theo UBND tỉnh X, xã A và xã B …": the list may begin after a comma of what was read back
    for b in [begin] + [k + 1 for k in range(begin, end) if tokens[k].text == ","]:
        items, stop, figure_spans = _walk_list(ctx, view, cues, b, mentions, end)
        if items and stop == -end - 1 and _leads_to_list(tokens, b, items[0].first, cues):
            break
    else:
        return None
    target = _into_target(tokens, start, cues, mentions)
    if target is not None:
        if any(_level(ctx, it.type_key) != _level(ctx, target.type_key) for it in items):
            return None
        new = ctx.unit_of(target)
    else:
        after = next((m for m in view.mentions if m.first >= start and m.name and not _locates(tokens, m, cues)
                      and _as_announced(ctx, tokens, start, m, cues, mentions)), None)
        if after is None:
            return None
        new = ctx.unit_of(after, former=_sentence_is_historical(view))
    return _formation(ctx, view, new, items, figure_spans)


def _leads_to_list(tokens: list[Token], begin: int, first: int, cues: _Cues) -> bool:
    """What comes before the first item of a list read backwards from its verb is only share cues
    ("Toàn bộ", "Phần còn lại của") and one word right before the item ("Ba xã …", "Các phường …"):
    in "Thôn Đông của xã A được nhập vào xã B", "Thôn 3 xã A …" the unit only places what is merged."""
    k = begin
    while k < first:
        if (j := cues.share_at(tokens, k)) is not None:
            k = j[1]
            if (q := cues.at(tokens, k, cues.qualifier)) > 0:
                k = q  # "phần còn lại của"
            continue
        t = tokens[k]
        if k == first - 1 and t.is_word and (k == 0 or t.is_number or not t.is_capitalized) and \
                cues.at(tokens, k, cues.qualifier) < 0 and cues.at(tokens, k, cues.conjunction) < 0:
            k += 1
            continue
        return False
    return k == first


def _list_start(tokens: list[Token], end: int, cues: _Cues, mentions: dict) -> int:
    """Where the list of units that ends right before tokens[end] begins: back over units, names,
    numbers, commas, parentheses and the small words of a list (conjunctions, share cues,
    qualifiers, "cũ"); any other word ("Theo đó, …", "… cho biết") is before it."""
    begins = {m.last: m.first for m in mentions.values()}
    groups = (cues.conjunction, cues.former, cues.qualifier, cues.share_phrases)
    i = end
    while i > 0:
        t = tokens[i - 1]
        if i in begins:
            i = begins[i]
            continue
        if t.text == ")":
            depth, k = 0, i - 1
            while k >= 0:
                depth += {")": 1, "(": -1}.get(tokens[k].text, 0)
                if depth == 0:
                    break
                k -= 1
            if k < 0:
                break
            i = k
            continue
        if t.text == "," or (t.is_word and (t.is_capitalized or t.is_number)):
            i -= 1
            continue
        k = next((b for g in groups if (b := phrase_before(tokens, i, g)) >= 0), -1)
        if k < 0:
            break
        i = k
    while i < end and tokens[i].text == ",":
        i += 1
    return i


def _walk_list(ctx: DocContext, view: SentenceView, cues: _Cues, start: int, mentions: dict,
               end: int | None = None):
    tokens = view.tokens
    end = len(tokens) if end is None else end
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
    piece = False  # the segment's figures are measured out of the unit after them ("… 9.800 nhân khẩu của xã A")
    all_figures: list[tuple[int, int]] = []
    cur_type: str | None = None
    after_item = False
    prev_sep = True
    named_after = -1  # where the names a bare type word announces begin ("3 xã là …")
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
        if items and after_item and cues.at(tokens, i, cues.after) > 0:
            # "phần còn lại của phường A sau khi điều chỉnh về phường B": where the rest went ends the list
            return items, _stop_at_clause(tokens, i, cues, mentions), all_figures
        if items and _into_target(tokens, i, cues, mentions):
            return items, i, all_figures  # "sáp nhập xã A và xã B vào xã C"
        if items and _closing_quote(tokens, i):
            return items, -i - 1, all_figures  # the quoted words, and their list, end
        found = cues.share_at(tokens, i)
        if found:
            new_share, j = found
            # "một phần diện tích tự nhiên, toàn bộ quy mô dân số của …": part of
            # the land went elsewhere, so the unit was split, whatever its people did
            if not (new_share == "whole" and share == "part" and not after_item and not group):
                share = new_share
            segment += 1
            seg_figures = []
            piece = False
            group = []
            after_item = False
            prev_sep = True
            i = j
            continue
        # "các phường 1, 2 và 4": numbers after a numbered unit name more units of its type
        if (t.is_number and len(t.text) <= 3 and cur_type and prev_sep and items and items[-1].type_key == cur_type
                and _numbered(items[-1].name) and _allowed_after_item(tokens, i + 1, end, cues, mentions)
                and (i not in quantities or (quantities[i].kind == "number" and quantities[i].end == t.end))):
            it = _Item(cur_type, t.text, share or items[-1].share, figures=list(seg_figures), segment=segment,
                       first=i)
            items.append(it)
            group.append(it)
            after_item = True
            prev_sep = False
            i += 1
            continue
        if i in quantities:
            q = quantities[i]
            k = i
            while k < end and tokens[k].start < q.end:
                k += 1
            if q.kind == "number" and k in mentions and t.is_number:
                i = k  # "3 xã", "02 phường": how many units the list names, not a figure of theirs
                continue
            if after_item:  # figures after an item, before any cue: a new group
                share = None
                segment += 1
                seg_figures = []
                piece = False
                group = []
                after_item = False
            seg_figures.append(q)
            while i < end and tokens[i].start < q.end:
                i += 1
            continue
        if seg_figures and not after_item and cues.at(tokens, i, cues.piece_of) > 0:
            piece = True
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
                if cues.at(tokens, m.last, cues.this) > 0:
                    return items, -i - 1, all_figures  # "các phường này": a reference back, not a list
                # "3 xã là A, B và C", "2 phường cũ: A và B": the names follow
                k = max(m.last, cues.at(tokens, m.last, cues.former))
                k = max(k, cues.at(tokens, k, cues.copula))
                nxt = tokens[k] if k < end else None
                if nxt is None or not nxt.is_word or cues.at(tokens, k, cues.conjunction) > 0 or k > m.last:
                    cur_type = m.type_key  # "các xã, phường A, B"
                    group = []
                    prev_sep = True
                    named_after = k
                i = m.last
                continue
            if phrase_before(tokens, i, cues.copula) >= 0 and not seg_figures and i != named_after:
                return items, -i - 1, all_figures  # "xã này là xã X": a predicate, not a list
            if not _allowed_after_item(tokens, m.last, end, cues, mentions):
                return items, -i - 1, all_figures
            cur_type = m.type_key
            it = _Item(m.type_key, m.name, share or ("part" if seg_figures and (segment or piece) else "whole"),
                       figures=list(seg_figures), segment=segment, first=i, piece=piece)
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
                           share or ("part" if seg_figures and (segment or piece) else "whole"),
                           figures=list(seg_figures), segment=segment, first=i, piece=piece)
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


def _locates(tokens: list[Token], m: UnitMention, cues: _Cues) -> bool:
    """"thuộc tỉnh Cà Mau" places a unit, it is not one formed."""
    return m.first > 0 and cues.at(tokens, m.first - 1, cues.qualifier) == m.first


def _as_announced(ctx: DocContext, tokens: list[Token], stop: int, m: UnitMention, cues: _Cues,
                  mentions: dict) -> bool:
    """A unit named after the result cue at tokens[stop] is of the level of the type word the cue is followed
    by, when it is a bare one: "thành xã mới có tên gọi là xã X", not "thành xã có diện tích lớn nhất tỉnh Y"."""
    j = cues.at(tokens, stop, cues.result)
    announced = mentions.get(j) if j > 0 else None
    return announced is None or not announced.bare or _level(ctx, announced.type_key) == _level(ctx, m.type_key)


def _make_new(ctx: DocContext, view: SentenceView, m: UnitMention) -> UnitRef | None:
    if m.bare:
        for subject in (ctx.scene(view), ctx.subject):  # "tại xã X, … xã được hình thành từ …": X
            if subject is not None and subject.type_key == m.type_key:
                return subject
        return None
    return ctx.unit_of(m, former=_sentence_is_historical(view))


def _new_before_list(
    ctx: DocContext, view: SentenceView, cues: _Cues, start: int, mentions: dict
) -> UnitRef | None:
    """The new unit named before the list with a cue that says so: "Thành lập xã X thuộc tỉnh Y trên
    cơ sở …", "Phường X (…) được thành lập …"."""
    tokens = view.tokens
    # "Thành lập xã X thuộc tỉnh Y trên cơ sở …"
    for i in range(0, start):
        j = cues.at(tokens, i, cues.new_after)
        if j > 0 and j in mentions and mentions[j].name:
            return _make_new(ctx, view, mentions[j])
    # "Phường X (…) được thành lập …", "Phường được hình thành …"
    depth = 0
    last: UnitMention | None = None
    for i in range(0, start):
        t = tokens[i]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        if i in mentions and depth == 0 and not _locates(tokens, mentions[i], cues):
            last = mentions[i]
        if cues.at(tokens, i, cues.new_before) > 0 and last is not None:
            made = _make_new(ctx, view, last)
            if made is not None:
                return made
    return None


def _numbered(name: str) -> bool:
    """"1", "12", "IV": a unit named by its number."""
    return name.isdigit() or _ROMAN.match(name) is not None


def _new_unit(
    ctx: DocContext, view: SentenceView, cues: _Cues, start: int, stop: int, mentions: dict
) -> UnitRef | None:
    tokens = view.tokens
    # after the list: "… thành phường mới có tên gọi là phường X", "để thành lập phường X"
    after = [m for m in view.mentions if m.first >= stop and m.name] if stop >= 0 else []
    if stop >= 0 and after:
        for m in after:
            if not _locates(tokens, m, cues) and _as_announced(ctx, tokens, stop, m, cues, mentions):
                return _make_new(ctx, view, m)
    # before the list: "Thành lập xã X thuộc tỉnh Y trên cơ sở …", "Phường X (…) được thành lập …"
    made = _new_before_list(ctx, view, cues, start, mentions)
    if made is not None:
        return made
    # "Mới được thành lập trên cơ sở …, phường X đã …": the unit that ended the list is the clause's subject
    if stop < 0 and not any(m.name and m.last <= start for m in view.mentions):
        ender = mentions.get(-stop - 1)
        if ender is not None and ender.name and _level(ctx, ender.type_key) == "commune":
            return _make_new(ctx, view, ender)
    # "Phường Nam Triệu là kết quả của việc hợp nhất …": the unit opening the sentence
    opening = mentions.get(0)
    if opening is not None and opening.name and opening.last <= start and _level(ctx, opening.type_key) == "commune":
        return _make_new(ctx, view, opening)
    return ctx.scene(view) or ctx.subject

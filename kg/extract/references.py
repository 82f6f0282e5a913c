"""References from one numbered item of a resolution to another.

"… phần còn lại của xã X sau khi sắp xếp theo quy định tại khoản 5 Điều
này …" says that what is left of xã X, once item 5 of this article took a part
of it, goes to the unit this item forms: X is the very unit item 5 names. The
lineage walker reads the reference (:func:`read_item_reference`) and gives it
to the units it follows; :func:`link_remainders` then makes each such unit the
same :class:`~kg.facts.UnitRef` as the one named in the item referred to
(with its district), or warns when that item does not name it.

The words (sau khi sắp xếp, theo quy định tại, khoản, Điều, này, Nghị quyết …)
are cues of the vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg.extract.mentions import lower_phrases
from kg.extract.structure import item_label
from kg.extract.tokens import PhraseIndex, Token
from kg.facts import UnitRef
from kg.text import fold_key

if TYPE_CHECKING:
    from kg.extract.context import DocContext
    from kg.extract.lineage import Formation


@dataclass(frozen=True)
class ItemRef:
    item: int
    article: int | None  # None: "Điều này", the article the sentence is in


@dataclass(frozen=True)
class Reference:
    end: int  # index of the token after the clause
    items: tuple[ItemRef, ...]  # empty: "sau khi sắp xếp" alone, or an item of another document


class _RefCues:
    def __init__(self, vocab) -> None:
        def index(key: str) -> PhraseIndex:
            return PhraseIndex(lower_phrases(vocab.cues[key]))

        self.aside = index("aside")
        self.intro = index("item-reference")
        self.item = index("item")
        # "khoản8": the number glued to a one-word item cue
        self.item_words = tuple(p[0] for p in lower_phrases(vocab.cues["item"]) if len(p) == 1)
        self.article = index("article")
        self.this = index("this")
        self.of = index("qualifier")
        self.conjunction = index("conjunction")
        self.other_document = index("other-document")


@cache
def _cues(vocab) -> _RefCues:
    return _RefCues(vocab)


def _at(index: PhraseIndex, tokens: list[Token], i: int) -> int:
    found = index.match(tokens, i)
    return found[0] if found else -1


def _number(tokens: list[Token], i: int) -> int | None:
    return int(tokens[i].text) if i < len(tokens) and tokens[i].is_number else None


def read_item_reference(tokens: list[Token], i: int, vocab) -> Reference | None:
    """The clause starting at ``tokens[i]``: "sau khi sắp xếp (theo quy định
    tại) (các) khoản 8, (khoản) 10 (của) Điều này|Điều 1", or "sau khi sắp
    xếp" alone; None when no such clause starts there."""
    cues = _cues(vocab)
    aside = _at(cues.aside, tokens, i)
    k = aside if aside > 0 else i
    intro = _at(cues.intro, tokens, k)
    start = intro if intro > 0 else k
    parsed = _item_list(tokens, start, cues)
    if parsed is None:
        return Reference(aside, ()) if aside > 0 else None
    k, numbers = parsed
    article, k, external = _article(tokens, k, cues)
    if external:
        return Reference(k, ())
    return Reference(k, tuple(ItemRef(n, article) for n in numbers))


def _item(tokens: list[Token], k: int, cues: _RefCues) -> tuple[int, int] | None:
    """"khoản 8" or "khoản8" at ``tokens[k]``: (its number, index after), or None."""
    j = _at(cues.item, tokens, k)
    if j > 0:
        n = _number(tokens, j)
        return (n, j + 1) if n is not None else None
    low = tokens[k].low if k < len(tokens) else ""
    for word in cues.item_words:
        if low.startswith(word) and low[len(word):].isdigit():
            return int(low[len(word):]), k + 1
    return None


def _item_list(tokens: list[Token], k: int, cues: _RefCues) -> tuple[int, list[int]] | None:
    """"khoản 8, khoản 10", "khoản 9 và khoản 22", "các khoản 1, 2, 3", "khoản8": (index after, numbers)."""
    first = _item(tokens, k, cues)
    if first is None:
        return None
    numbers, k = [first[0]], first[1]
    while k < len(tokens):
        sep = k + 1 if tokens[k].text == "," else k
        conj = _at(cues.conjunction, tokens, sep)
        sep = conj if conj > 0 else sep
        if sep == k:
            break
        n = _item(tokens, sep, cues) or ((num, sep + 1) if (num := _number(tokens, sep)) is not None else None)
        if n is None:
            break
        numbers.append(n[0])
        k = n[1]
    return k, numbers


def _article(tokens: list[Token], k: int, cues: _RefCues) -> tuple[int | None, int, bool]:
    """After the items: ", (của) Điều này" or "Điều 1 (của Nghị quyết số …)".
    (article number or None for this one, index after, whether it is another document's)."""
    j = k + 1 if k < len(tokens) and tokens[k].text == "," else k
    of = _at(cues.of, tokens, j)
    j = of if of > 0 else j
    word = _at(cues.article, tokens, j)
    if word < 0:
        return None, k, False
    this = _at(cues.this, tokens, word)
    if this > 0:
        return None, this, False
    number = _number(tokens, word)
    if number is None:
        return None, k, False
    end, external = _document(tokens, word + 1, cues)
    return number, end, external


def _document(tokens: list[Token], k: int, cues: _RefCues) -> tuple[int, bool]:
    """"(của) Nghị quyết này" (this document) or "(của) Nghị quyết số 1669/NQ-UBTVQH15" (another)."""
    of = _at(cues.of, tokens, k)
    j = _at(cues.other_document, tokens, of if of > 0 else k)
    if j < 0:
        return k, False
    this = _at(cues.this, tokens, j)
    if this > 0:
        return this, False
    while j < len(tokens) and (tokens[j].is_number or tokens[j].text in "/-" or tokens[j].text.isupper()):
        j += 1
    return j, True


# ---------------------------------------------------------------- linking


def item_labels(ctx: DocContext, refs: tuple[ItemRef, ...], article: int | None) -> tuple[str, ...]:
    """Labels of the items referred to; "Điều này" is ``article`` (none when the sentence is in none)."""
    out = []
    for ref in refs:
        art = ref.article if ref.article is not None else article
        if art is not None:
            out.append(item_label(ctx.vocab, art, ref.item))
    return tuple(dict.fromkeys(out))


def _same(a: UnitRef, b: UnitRef) -> bool:
    return a.type_key == b.type_key and fold_key(a.name) == fold_key(b.name)


def _district_key(unit: UnitRef) -> str | None:
    return fold_key(unit.district.name) if unit.district is not None else None


def _named_in(formations: list[Formation], unit: UnitRef) -> tuple[Formation, int] | None:
    """The formation and index of the old unit of an item that is ``unit``
    (the one in the same district when the item names two)."""
    found = [(f, k) for f in formations for k, (old, _) in enumerate(f.items) if _same(old, unit)]
    if unit.district is not None:
        found.sort(key=lambda fk: _district_key(fk[0].items[fk[1]][0]) != _district_key(unit))
    return found[0] if found else None


def link_remainders(ctx: DocContext, formations: list[Formation]) -> None:
    """Make every unit said to remain after another item the unit that item names."""
    if not any(f.refs for f in formations):
        return
    by_item: dict[str, list[Formation]] = {}
    for f in formations:
        label = ctx.item_label(f.view)
        if label is not None:
            by_item.setdefault(label, []).append(f)
    for f in formations:
        for k, labels in f.refs.items():
            _link(ctx, f, k, labels, by_item)


def _link(ctx: DocContext, f: Formation, k: int, labels: tuple[str, ...], by_item: dict) -> None:
    unit, share = f.items[k]
    missing = []
    same: UnitRef | None = None
    for label in labels:
        found = _named_in(by_item.get(label, []), unit)
        if found is None:
            missing.append(label)
        elif same is None:
            target, j = found
            same = target.items[j][0]
            if same.district is None and unit.district is not None:
                # the item referred to gave no district, this one does: both are this unit
                same = unit
                target.items[j] = (same, target.items[j][1])
    if same is not None:
        f.items[k] = (same, share)
    if missing:
        here = ctx.item_label(f.view) or "a sentence"
        ctx.warnings.append(
            f"{here}: {unit.label} is what remains after {', '.join(missing)}, but kg read no {unit.label} "
            f"there" + ("" if same is not None else "; kept as read")
        )

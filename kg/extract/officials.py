"""Officials: people with their posts.

A title is a head from the role scheme ("Phó Chủ tịch Thường trực") and an
organ ("UBND", "Ủy ban MTTQ Việt Nam", "Đảng ủy", "Ban Nội chính Thành ủy"),
or a whole title with no organ ("Thành ủy viên"). Titles chain with commas
("Bí thư Đảng ủy, Chủ tịch HĐND phường X"). A person's name is 2–5
capitalised words; it follows the chain and its place ("… UBND TP Hải Phòng
Lê Anh Quân"), or comes first ("đồng chí X giữ chức …", "ông X, Phó Chủ tịch
…"), or sits beside the title in an infobox row. The post's jurisdiction is
the place written with the title, else the province for a provincial organ
(Thành ủy, Tỉnh ủy), else the unit the document is about.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from kg.extract.context import DocContext, SentenceView, table_cells
from kg.extract.mentions import UnitMention, lower_phrases, person_name_at, split_place_person
from kg.extract.tokens import PhraseIndex, Token, phrase_at, phrase_before, phrase_tokens, tokenize
from kg.facts import PostFact, UnitRef
from kg.text import fold_key


@dataclass
class _Title:
    role: str
    organ: str | None
    start: int  # token index
    end: int
    provincial: bool
    place: UnitRef | None = None


class _Grammar:
    def __init__(self, vocab) -> None:
        v = vocab
        self.vocab = vocab
        self.heads: list[tuple[tuple[str, ...], list[str]]] = []
        by_head: dict[tuple[str, ...], list[str]] = {}
        for role in v.roles.values():
            if role.head:
                by_head.setdefault(phrase_tokens(role.head), []).append(role.key)
        self.heads = sorted(by_head.items(), key=lambda x: -len(x[0]))
        self.whole = sorted(
            ((phrase_tokens(t), r.key) for r in v.roles.values() for t in r.titles), key=lambda x: -len(x[0])
        )
        self.organs = sorted(
            ((phrase_tokens(label), o.key) for o in v.organs.values() for label in o.labels),
            key=lambda x: -len(x[0]),
        )
        self.person_cues = lower_phrases(v.cues["person"])
        self.holds = lower_phrases(v.cues["holds"])
        self.copula = lower_phrases(v.cues["copula"])
        self.deputy = lower_phrases(v.cues["deputy"])
        self.chain = lower_phrases(v.cues["title-chain"])
        self._organs = PhraseIndex([t for t, _ in self.organs], [k for _, k in self.organs])
        self._whole = PhraseIndex([t for t, _ in self.whole], [k for _, k in self.whole])
        self._heads = PhraseIndex([t for t, _ in self.heads], [r for _, r in self.heads])
        self.provincial_labels = tuple(
            " ".join(phrase_tokens(label)) for o in v.organs.values() if o.level == "province" for label in o.labels
        )
        self.starts = frozenset(t[0] for t, _ in self.heads) | frozenset(t[0] for t, _ in self.whole)
        names = sorted({(phrase_tokens(n), p.name) for p in v.provinces.values() for n in p.names})
        self._provinces = PhraseIndex([t for t, _ in names], [n for _, n in names])

    def province_at(self, tokens: list[Token], i: int) -> tuple[str, int] | None:
        """A province named without its type word: "Bí thư Thành ủy Hải Phòng"."""
        found = self._provinces.match(tokens, i)
        if found is None or not tokens[i].is_capitalized:
            return None
        return found[1], found[0]

    def organ_at(self, tokens: list[Token], i: int) -> tuple[str, int] | None:
        found = self._organs.match(tokens, i)
        return (found[1], found[0]) if found else None

    def role_for(self, roles: list[str], organ: str) -> str | None:
        organs = self.vocab.organs
        for key in roles:
            want = self.vocab.roles[key].organ
            o = organ
            while o is not None:
                if o == want:
                    return key
                o = organs[o].broader
        return None

    def title_at(self, tokens: list[Token], i: int) -> _Title | None:
        whole = self._whole.match(tokens, i)
        if whole is not None:
            j, key = whole
            toks = [t.low for t in tokens[i:j]]
            # "Thành ủy viên", "Ủy viên Ban Thường vụ Tỉnh ủy": the title names a provincial organ
            text = " " + " ".join(toks) + " "
            return _Title(key, None, i, j, provincial=any(f" {label} " in text for label in self.provincial_labels))
        head = self._heads.match(tokens, i)
        if head is not None:
            j, roles = head
            if phrase_at(tokens, i, self.deputy) < 0 and phrase_before(tokens, i, self.deputy) >= 0:
                return None  # "Phó Trưởng Ban", "Phó Giám đốc": another post
            if not tokens[i].is_capitalized:
                return None  # titles are capitalised: "chủ tịch" in running text is not one
            organ = self.organ_at(tokens, j)
            if organ is None:
                return None
            okey, k = organ
            role = self.role_for(roles, okey)
            if role is None:
                return None
            provincial = self.vocab.organs[okey].level == "province"
            # "Trưởng Ban Nội chính Thành ủy": the board's parent organ
            parent = self.organ_at(tokens, k)
            if parent is not None and self.vocab.organs[parent[0]].key.endswith("party-committee"):
                provincial = provincial or self.vocab.organs[parent[0]].level == "province"
                k = parent[1]
            return _Title(role, okey, i, k, provincial)
        return None


def _province_unit(ctx: DocContext) -> UnitRef | None:
    if not ctx.province:
        return None
    p = ctx.vocab.province(ctx.province)
    return ctx.unit(p.type_key if p else "tinh", ctx.province)


def _split_mention(ctx: DocContext, m: UnitMention, known: Counter[str]) -> tuple[UnitRef | None, int, int]:
    """The place of a mention and, when a person's name runs on in it, the
    token span of that name (start, end); (-1, -1) when none. A place of None
    means the type word stands alone ("Bí thư Đảng ủy xã Nguyễn Văn Dung")."""
    words = list(m.name_tokens)
    if (
        2 <= len(words) <= 5
        and words[0].text in ctx.vocab.surnames
        and known[fold_key(m.name)] < 2
        and ctx.vocab.province(m.name) is None
    ):
        return None, m.last - len(words), m.last
    if len(words) >= 3 and fold_key(m.name) not in known:
        split = split_place_person(words, ctx.vocab, known)
        if split is not None:
            k = split[0]
            place = " ".join(w.text for w in words[:k])
            return ctx.unit(m.type_key, place), m.last - (len(words) - k), m.last
    return ctx.unit_of(m), -1, -1


@cache
def grammar_for(vocab) -> _Grammar:
    return _Grammar(vocab)


def extract_officials(ctx: DocContext) -> list[PostFact]:
    g = grammar_for(ctx.vocab)
    known = Counter(fold_key(m.name) for v in ctx.sentences for m in v.mentions if m.name)
    out: list[PostFact] = []
    seen: set[tuple[str, str, str]] = set()

    def emit(view: SentenceView, person: str, chain: list[_Title], written: str) -> None:
        explicit = next((t.place for t in reversed(chain) if t.place is not None), None)
        for t in chain:
            if t.place is not None:
                juris = t.place
            elif t.provincial:
                juris = _province_unit(ctx)
            else:
                juris = explicit or ctx.local_subject(view)
            title_text = written
            key = (fold_key(person), t.role, fold_key(juris.name) if juris else "")
            if key in seen:
                continue
            seen.add(key)
            out.append(PostFact(person, t.role, title_text, t.organ, juris, ctx.evidence(view)))

    for view in ctx.sentences:
        tokens = view.tokens
        mentions = {m.first: m for m in view.mentions}
        if view.text.startswith("|"):
            _infobox_row(ctx, g, view, emit)
            continue
        i = 0
        starts = g.starts
        while i < len(tokens):
            if tokens[i].low not in starts:
                i += 1
                continue
            chain, k, name_span = _chain_at(ctx, g, tokens, i, mentions, known)
            if not chain:
                i += 1
                continue
            written = view.text[tokens[chain[0].start].start - view.start : tokens[chain[-1].end - 1].end - view.start]
            person = None
            if name_span[0] >= 0:
                person = _words(view, tokens, name_span[0], name_span[1])
            else:
                e = person_name_at(tokens, k, ctx.vocab, need_surname=False)
                if e > 0:
                    person = _words(view, tokens, k, e)
                    k = e
            if person is None:
                # "Phó Bí thư Thường trực Đảng ủy phường là bà Nguyễn Thị Thanh Mai"
                k2 = phrase_at(tokens, k, g.copula)
                if k2 > 0:
                    for p in g.person_cues:
                        if tuple(t.low for t in tokens[k2 : k2 + len(p)]) == p:
                            k2 += len(p)
                            break
                    e = person_name_at(tokens, k2, ctx.vocab, need_surname=True)
                    if e > 0:
                        person = _words(view, tokens, k2, e)
                        k = e
            if person is None:
                person = _name_before(ctx, g, view, tokens, chain[0].start)
            if person:
                ctx.title_spans.append((tokens[chain[0].start].start, tokens[k - 1].end))
                emit(view, person, chain, written)
            i = max(k, i + 1)
    return out


def _words(view: SentenceView, tokens: list[Token], a: int, b: int) -> str:
    return " ".join(t.text for t in tokens[a:b])


def _chain_at(ctx, g: _Grammar, tokens, i, mentions, known):
    """Titles chained from tokens[i]; returns (chain, index after, name span)."""
    chain: list[_Title] = []
    k = i
    name_span = (-1, -1)
    while k < len(tokens):
        t = g.title_at(tokens, k)
        if t is None:
            break
        k = t.end
        m = mentions.get(k)
        bare_province = g.province_at(tokens, k) if m is None else None
        if bare_province is not None:
            name, k = bare_province
            p = ctx.vocab.province(name)
            t.place = ctx.unit(p.type_key, p.name)
        elif m is not None:
            if m.bare:
                k = m.last  # "Chủ tịch UBND phường": the unit the text is about
            else:
                place, a, b = _split_mention(ctx, m, known)
                t.place = place
                k = m.last if a < 0 else a
                if a >= 0:
                    name_span = (a, b)
        chain.append(t)
        if name_span[0] >= 0:
            return chain, name_span[1], name_span
        # another title after a comma or "kiêm"/"và"
        link = _chain_link(g, tokens, k)
        if link > 0 and g.title_at(tokens, link) is not None:
            k = link
            continue
        break
    return chain, k, name_span


def _chain_link(g: _Grammar, tokens: list[Token], k: int) -> int:
    """Index after a comma or a chain word ("kiêm", "và") at tokens[k] that may join two titles; -1 if none."""
    if k < len(tokens) and tokens[k].text == ",":
        return k + 1
    return phrase_at(tokens, k, g.chain)


def _name_before(ctx: DocContext, g: _Grammar, view: SentenceView, tokens: list[Token], start: int) -> str | None:
    """'đồng chí X giữ chức <title>', 'ông X, <title>', 'X – <title>'."""
    k = start
    # skip "giữ chức", "là", a comma or a dash between name and title
    for _ in range(2):
        if k > 0 and tokens[k - 1].text in (",", "–", "-", "("):
            k -= 1
        for p in g.holds:
            n = len(p)
            if k - n >= 0 and tuple(t.low for t in tokens[k - n : k]) == p:
                k -= n
                break
    end = k
    s = end
    while s > 0 and tokens[s - 1].is_word and tokens[s - 1].is_capitalized and end - s < 5:
        s -= 1
    # "Ông Nguyễn Văn Hùng": a capitalised "Ông" opening the sentence is not part of the name
    for p in g.person_cues:
        if tuple(t.low for t in tokens[s : s + len(p)]) == p and end - s - len(p) >= 2:
            s += len(p)
            break
    if end - s < 2:
        return None
    # the name must be introduced: "đồng chí", "ông", "bà", or start the sentence
    intro = s == 0 or any(
        tuple(t.low for t in tokens[s - len(p) : s]) == p for p in g.person_cues if s - len(p) >= 0
    ) or tokens[s - 1].text in (",", ";", ":")
    if not intro or tokens[s].text not in ctx.vocab.surnames:
        return None
    return _words(view, tokens, s, end)


def _infobox_row(ctx: DocContext, g: _Grammar, view: SentenceView, emit) -> None:
    cells = table_cells(view.text)
    if len(cells) < 2:
        return
    toks = tokenize(cells[0])
    t = g.title_at(toks, 0)
    if t is None or t.end != len(toks):
        return
    name_toks = tokenize(cells[1])
    e = person_name_at(name_toks, 0, ctx.vocab, need_surname=False)
    if e != len(name_toks):
        return
    emit(view, " ".join(x.text for x in name_toks), [t], cells[0])

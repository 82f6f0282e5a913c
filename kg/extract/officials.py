"""Officials: people with their posts.

A title is a head from the role scheme ("Phó Chủ tịch Thường trực") and an
organ ("UBND", "Ủy ban MTTQ Việt Nam", "Đảng ủy", "Ban Nội chính Thành ủy"),
or a whole title with no organ ("Thành ủy viên"). Titles chain with commas
("Bí thư Đảng ủy, Chủ tịch HĐND phường X"), also through a title of an organ
outside the vocabulary, which is not read ("…, Trưởng Công an phường X"). A
person's name is 2–5 capitalised words; it follows the chain and its place
("… UBND TP Hải Phòng Lê Anh Quân"; where the place ends comes from the
document, the provinces and the register's unit names), or is set off after
it (", ông X", "– X", "(Hà Nội) X"), or comes first ("đồng chí X giữ chức …",
"Thượng tá X, Phó Bí thư …"), or sits beside the title in an infobox row. Before
the title, words of appointment link it to the name ("được điều động, bổ nhiệm
giữ chức", "được Ban Thường vụ Thành ủy chỉ định làm", "đồng thời là"), also
when a title set off after the name stands between ("Ông X, Thành ủy viên, được
chỉ định giữ chức …"; "X, <title> và Y, <title> được chỉ định …": both); not when
the post is proposed ("đề nghị ông X giữ chức") or the person is replaced ("thay
ông X"). A head that names one post only may go without its organ before a
title of another organ ("Phó Bí thư, Chủ tịch UBND phường"). A
title after "nguyên"/"cựu" is a former post and is not read. The post's
jurisdiction is the place written with the title, else the province for a
provincial organ (Thành ủy, Tỉnh ủy) or a province-level type word alone
("UBND tỉnh"), else the unit the document is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.extract.context import DocContext, SentenceView, guess_place_person, place_end, table_cells
from kg.extract.mentions import UnitMention, lower_phrases, person_name_at, resolve_type
from kg.extract.tokens import PhraseIndex, Token, phrase_at, phrase_before, phrase_tokens, tokenize
from kg.facts import PostFact, UnitRef
from kg.text import canonical_person, fold_key


@dataclass
class _Title:
    role: str | None  # None: a title kg does not read, whose place is the chain's
    organ: str | None
    start: int  # token index
    end: int
    provincial: bool
    place: UnitRef | None = None
    bare: bool = False  # a head without its organ, whose place is the next title's
    bare_type: str | None = None  # the type of the bare type word that gives its place ("UBND xã")


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
        self.ranks = lower_phrases(v.cues["rank"])
        self.adverbs = lower_phrases(v.cues["holds-adverb"])
        self.reported_by = lower_phrases(v.cues["reported-by"])
        self.holds = lower_phrases(v.cues["holds"])
        self.copula = lower_phrases(v.cues["copula"])
        self.deputy = lower_phrases(v.cues["deputy"])
        self.chain = lower_phrases(v.cues["title-chain"])
        self.qualifiers = lower_phrases(v.cues["title-qualifier"])
        self.conjunction = lower_phrases(v.cues["conjunction"])
        self.former = lower_phrases(v.cues["former-post"])
        self.passive = lower_phrases(v.cues["passive"])
        self.appointed = lower_phrases(v.cues["appointed"])
        self.proposed = lower_phrases(v.cues["proposed"])
        self.replaced = lower_phrases(v.cues["replaced"])
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

    def former_before(self, tokens: list[Token], i: int) -> bool:
        """'nguyên Bí thư', 'cựu Chủ tịch': the title at tokens[i] is a post held before. A
        capitalised cue word after a capitalised word belongs to a name ('Thủy Nguyên')."""
        s = phrase_before(tokens, i, self.former)
        if s < 0:
            return False
        return not tokens[s].is_capitalized or s == 0 or not (tokens[s - 1].is_word and tokens[s - 1].is_capitalized)

    def other_title_at(self, tokens: list[Token], i: int, mentions: dict[int, UnitMention]) -> _Title | None:
        """A title of an organ outside the vocabulary, chained after one inside it ("…, Trưởng Công
        an phường Tân Lập", "…, Chủ tịch Hội Nông dân tỉnh"): a title head, the organ's words and a
        unit. It names no post kg reads (its role is None), but its place is the chain's."""
        j = phrase_at(tokens, i, self.deputy)
        j = i if j < 0 else j
        head = self._heads.match(tokens, j)
        if head is None or not tokens[i].is_capitalized:
            return None
        k = head[0]
        if k >= len(tokens) or not tokens[k].is_capitalized:
            return None
        for e in range(k + 1, min(k + 6, len(tokens))):
            if e in mentions:
                return _Title(None, None, i, e, provincial=False)
            if not tokens[e].is_word:
                return None
        return None

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


def _stands_for_province(ctx: DocContext, m: UnitMention) -> bool:
    """A type word written without its name that means the document's province, not the unit
    the text is about: "UBND tỉnh"; "UBND thành phố" in a centrally governed city's text."""
    ut = ctx.vocab.unit_types[m.type_key]
    if ut.level == "province":
        return True
    p = ctx.vocab.province(ctx.province) if ctx.province else None
    return p is not None and ctx.vocab.unit_types[p.type_key].label == ut.label


def _split_mention(ctx: DocContext, view: SentenceView, m: UnitMention) -> tuple[UnitRef | None, int, int]:
    """The place of a mention and, when a person's name runs on in it, the
    token span of that name (start, end); (-1, -1) when none. A place of None
    means the type word stands alone ("Bí thư Đảng ủy xã Nguyễn Văn Dung")."""
    words = list(m.name_tokens)
    if 2 <= len(words) <= 5 and words[0].text in ctx.vocab.surnames and not ctx.known_place(m.name, times=2):
        # the type word alone, then a person's name: "Chủ tịch UBND xã Lê Thị Hạnh" is the chair of
        # the unit the text is about; unless that unit has this very name ("phường Hồ Gươm")
        subject = _province_unit(ctx) if _stands_for_province(ctx, m) else ctx.local_subject(view, m.type_key)
        if subject is not None and fold_key(subject.name) != fold_key(m.name):
            return None, m.last - len(words), m.last
        return ctx.unit_of(m), -1, -1
    k = guess_place_person(words, ctx.vocab)
    if k is not None:
        place = " ".join(w.text for w in words[: place_end(words, k)])
        return ctx.unit(resolve_type(m.type_key, place, ctx.vocab), place), m.last - (len(words) - k), m.last
    return ctx.unit_of(m), -1, -1


@cache
def grammar_for(vocab) -> _Grammar:
    return _Grammar(vocab)


def extract_officials(ctx: DocContext) -> list[PostFact]:
    g = grammar_for(ctx.vocab)
    out: list[PostFact] = []
    seen: set[tuple[str, str, str]] = set()

    def emit(view: SentenceView, person: str, chain: list[_Title], written: str) -> None:
        person = canonical_person(person)
        explicit = next((t.place for t in reversed(chain) if t.place is not None), None)
        for t in chain:
            if t.role is None:
                continue
            if t.place is not None:
                juris = t.place
            elif t.provincial:
                juris = _province_unit(ctx)
            else:
                juris = explicit or ctx.local_subject(view, t.bare_type)
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
        ends: dict[int, list[str]] = {}  # where a title read with its holders ends -> the holders
        while i < len(tokens):
            if tokens[i].low not in starts:
                i += 1
                continue
            chain, k, name_span = _chain_at(ctx, g, view, i, mentions)
            if not chain:
                i += 1
                continue
            if g.former_before(tokens, i):
                # a former post: neither it nor its holder is read, but a link after it is of
                # the holder ("Ông X, nguyên Phó Chủ tịch UBND phường, được bổ nhiệm giữ chức …")
                if name_span[0] < 0:
                    ends[k] = _name_before(ctx, g, view, tokens, phrase_before(tokens, i, g.former), ends)[1]
                i = max(k, i + 1)
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
                # "Phó Bí thư Thường trực Đảng ủy phường là bà Nguyễn Thị Thanh Mai", "Bí thư Đảng ủy
                # xã đầu tiên là ông …"
                q = phrase_at(tokens, k, g.qualifiers)
                k2 = phrase_at(tokens, q if q > 0 else k, g.copula)
                if k2 > 0:
                    for p in g.person_cues:
                        if tuple(t.low for t in tokens[k2 : k2 + len(p)]) == p:
                            k2 += len(p)
                            break
                    e = person_name_at(tokens, k2, ctx.vocab, need_surname=True)
                    if e > 0:
                        person = _words(view, tokens, k2, e)
                        k = e
            listed: list[str] = []
            group: list[str] = []
            if person is None:
                listed, group = _name_before(ctx, g, view, tokens, chain[0].start, ends)
                person = listed[-1] if listed else None
            if person is None:
                # "… phường Quang Trung, ông Lý Văn Định", "… xã Thanh Sơn – Trịnh Văn Quý",
                # "… phường Hoàn Kiếm (Hà Nội) Phạm Tuấn Lâm"
                span = _name_after_aside(ctx, g, view, k, reported=phrase_before(tokens, i, g.reported_by) >= 0)
                if span is not None:
                    person = _words(view, tokens, *span)
                    k = span[1]
            if person:
                ctx.title_spans.append((tokens[chain[0].start].start, tokens[k - 1].end))
                holders = listed[:-1] + [person]
                for holder in holders:
                    emit(view, holder, chain, written)
                ends[k] = group or holders
            i = max(k, i + 1)
    return out


def _words(view: SentenceView, tokens: list[Token], a: int, b: int) -> str:
    return " ".join(t.text for t in tokens[a:b])


def _chain_at(ctx, g: _Grammar, view: SentenceView, i, mentions):
    """Titles chained from tokens[i]; returns (chain, index after, name span)."""
    tokens = view.tokens
    chain: list[_Title] = []
    k = i
    name_span = (-1, -1)
    while k < len(tokens):
        t = g.title_at(tokens, k) or (g.other_title_at(tokens, k, mentions) if chain else None)
        if t is None:
            t = _bare_head_in_chain(g, tokens, k)
        if t is None:
            break
        k = t.end
        m = mentions.get(k)
        bare_province = g.province_at(tokens, k) if m is None or m.bare else None
        if bare_province is not None:
            name, k = bare_province
            p = ctx.vocab.province(name)
            t.place = ctx.unit(p.type_key, p.name)
        elif m is not None:
            if m.bare:
                k = m.last  # "Chủ tịch UBND phường": the unit the text (or the sentence) is about
                t.bare_type = m.type_key
                t.provincial = t.provincial or _stands_for_province(ctx, m)
            else:
                place, a, b = _split_mention(ctx, view, m)
                t.place = place
                if place is None:
                    t.bare_type = m.type_key  # "UBND xã Lê Thị Hạnh": the type word alone, then a name
                t.provincial = t.provincial or (place is None and a >= 0 and _stands_for_province(ctx, m))
                k = m.last if a < 0 else a
                if a >= 0:
                    name_span = (a, b)
        chain.append(t)
        if name_span[0] >= 0:
            return _place_bare_heads(chain), name_span[1], name_span
        # another title after a comma or "kiêm"/"và"
        link = _chain_link(g, tokens, k)
        if link > 0 and (
            g.title_at(tokens, link) or g.other_title_at(tokens, link, mentions) or _bare_head_in_chain(g, tokens, link)
        ) is not None:
            k = link
            continue
        break
    return _place_bare_heads(chain), k, name_span


def _bare_head_in_chain(g: _Grammar, tokens: list[Token], k: int) -> _Title | None:
    """'Phó Bí thư, Chủ tịch UBND phường': a head that names one post only, written without its
    organ right before a comma or a chain word and a title of another organ."""
    t = _bare_head_at(g, tokens, k)
    if t is None:
        return None
    link = _chain_link(g, tokens, t.end)
    after = g.title_at(tokens, link) if link > 0 else None
    if after is None or after.organ is None or g.role_for([t.role], after.organ) is not None:
        return None  # "Bí thư, Phó Bí thư Đảng ủy": posts of one organ, not of one person
    return t


def _place_bare_heads(chain: list[_Title]) -> list[_Title]:
    """A head without its organ is of the place of the title after it ('Phó Bí thư, Chủ tịch UBND
    tỉnh': the province's)."""
    for n, t in enumerate(chain):
        if t.bare:
            after = next((u for u in chain[n + 1 :] if not u.bare), None)
            if after is not None:
                t.place, t.provincial = after.place, after.provincial
    return chain


def _chain_link(g: _Grammar, tokens: list[Token], k: int) -> int:
    """Index after a comma or a chain word ("kiêm", "và") at tokens[k] that may join two titles; -1 if none."""
    if k < len(tokens) and tokens[k].text == ",":
        return k + 1
    return phrase_at(tokens, k, g.chain)


_DASHES = ("–", "-", "—")


def _name_after_aside(
    ctx: DocContext, g: _Grammar, view: SentenceView, k: int, *, reported: bool
) -> tuple[int, int] | None:
    """The span of a name set off from the title before it at tokens[k]: after a comma and a
    word that introduces a person ("ông", "đồng chí", a rank), after a dash, or after the place's
    province in brackets. The name begins with a family name. After a title that is the source
    of a report ("Theo Chủ tịch UBND xã X, ông Y đã …") a comma ends the source."""
    tokens = view.tokens
    if k >= len(tokens):
        return None
    j = -1
    if tokens[k].text == "(":
        close = next((c for c in range(k + 1, min(k + 8, len(tokens))) if tokens[c].text == ")"), -1)
        if close > k + 1 and _is_place_text(ctx, view, k + 1, close):
            j = close + 1
    elif tokens[k].text == "," or tokens[k].text in _DASHES:
        comma = tokens[k].text == ","
        if comma and reported:
            return None
        j = k + 1
        cue = max(phrase_at(tokens, j, g.person_cues), phrase_at(tokens, j, g.ranks))
        if cue > 0:
            j = cue
        elif comma:
            return None  # "…, Nguyễn Văn A": a list of names, not the title's holder
    if j < 0:
        return None
    e = person_name_at(tokens, j, ctx.vocab, need_surname=True)
    return (j, e) if e > 0 else None


def _is_place_text(ctx: DocContext, view: SentenceView, a: int, b: int) -> bool:
    """tokens[a:b] are a province's name or one unit's mention ("Hà Nội", "TP Hải Phòng")."""
    tokens = view.tokens
    if ctx.vocab.province(_words(view, tokens, a, b)) is not None:
        return True
    return any(m.first == a and m.last == b and m.name for m in view.mentions)


def _link_before(g: _Grammar, tokens: list[Token], start: int) -> tuple[int, bool]:
    """Skip back from a title at tokens[start] over what links it to a name before it: a comma or
    a dash, a cue-holds phrase ("giữ chức", "là"), words of appointment after "được" ("được
    điều động, bổ nhiệm", "được Ban Thường vụ Thành ủy chỉ định"), adverbs ("tiếp tục",
    "đồng thời"). Returns the index where the link starts and whether there was one beyond
    punctuation."""
    k = start
    linked = False
    for _ in range(2):
        if k > 0 and tokens[k - 1].text in (",", "–", "-", "("):
            k -= 1
        for p in g.holds:
            n = len(p)
            if k - n >= 0 and tuple(t.low for t in tokens[k - n : k]) == p:
                k -= n
                linked = True
                break
    passive = _passive_before(g, tokens, k)
    if passive >= 0:
        k, linked = passive, True
    # "tiếp tục được bầu giữ chức", "đồng thời cũng là": words between the name and the link
    while linked and phrase_before(tokens, k, g.adverbs) >= 0:
        k = phrase_before(tokens, k, g.adverbs)
    return k, linked


def _passive_before(g: _Grammar, tokens: list[Token], k: int) -> int:
    """Index of "được" before words of appointment ending at tokens[k] ("được chỉ định", "được
    điều động, bổ nhiệm", "được Ban Thường vụ Thành ủy chỉ định"); -1 when there is none."""
    j = phrase_before(tokens, k, g.appointed)
    if j < 0:
        return -1
    while True:
        link = j - 1 if j > 0 and tokens[j - 1].text == "," else phrase_before(tokens, j, g.conjunction)
        prev = phrase_before(tokens, link, g.appointed) if link > 0 else -1
        if prev < 0:
            break
        j = prev
    p = phrase_before(tokens, j, g.passive)
    if p >= 0:
        return p
    # the body that decides, between "được" and the words of appointment: capitalised first
    for a in range(j - 1, max(j - 9, 0), -1):
        if not tokens[a].is_word:
            return -1
        p = phrase_before(tokens, a, g.passive)
        if p >= 0:
            return p if tokens[a].is_capitalized else -1
    return -1


def _name_before(
    ctx: DocContext, g: _Grammar, view: SentenceView, tokens: list[Token], start: int, ends: dict[int, list[str]]
) -> tuple[list[str], list[str]]:
    """'đồng chí X giữ chức <title>', 'ông X, <title>', 'X – <title>': the holders, and the
    people a later link may refer to ('… X, <title> và Y, <title> được chỉ định giữ chức …');
    none. Names listed before a link word are all holders: 'các đồng chí X, Y được bầu giữ chức
    <title>'. After a link, a title set off after a name stands for that name ('Ông X, Thành ủy
    viên, được chỉ định giữ chức <title>'): ``ends`` maps where such a title ends to its holders."""
    k, linked = _link_before(g, tokens, start)
    found = _holders_before(ctx, g, view, k, linked, ends)
    if found[0] or not linked:
        return found
    # "Ông X được chỉ định tham gia Ban Chấp hành, Ban Thường vụ và giữ chức Bí thư …": the link
    # goes on from words of appointment earlier in the clause
    q = _appointment_earlier(g, tokens, k)
    if q < 0:
        return found
    while phrase_before(tokens, q, g.adverbs) >= 0:
        q = phrase_before(tokens, q, g.adverbs)
    return _holders_before(ctx, g, view, q, True, ends)


def _appointment_earlier(g: _Grammar, tokens: list[Token], k: int) -> int:
    """Where 'được' and words of appointment begin a clause that a comma or 'và' at tokens[k] goes
    on ('được chỉ định tham gia Ban Chấp hành, Ban Thường vụ và giữ chức …'); -1 if none does.
    No person and no end of a clause stands between."""
    comma = tokens[k].text == "," or (k > 0 and tokens[k - 1].text == ",")
    if not comma and phrase_before(tokens, k, g.conjunction) < 0:
        return -1
    for q in range(k - 1, max(k - 20, 0), -1):
        if tokens[q].text in (".", ";", ":", "(", ")") or phrase_at(tokens, q, g.person_cues) > 0:
            return -1
        e = phrase_at(tokens, q, g.passive)
        if e > 0 and phrase_at(tokens, e, g.appointed) > 0:
            return q
    return -1


def _holders_before(
    ctx: DocContext, g: _Grammar, view: SentenceView, k: int, linked: bool, ends: dict[int, list[str]]
) -> tuple[list[str], list[str]]:
    """The holders whose name, or whose title set off after the name, ends at tokens[k]."""
    tokens = view.tokens
    if linked:
        p = k - 1 if k > 0 and tokens[k - 1].text == "," else k
        if p in ends:
            return list(ends[p]), list(ends[p])
    end = k
    s = end
    while s > 0 and tokens[s - 1].is_word and tokens[s - 1].is_capitalized and end - s < 5:
        s -= 1
    # "Ông Nguyễn Văn Hùng", "TS Trần Minh Đức": a capitalised "Ông" or a rank opening the
    # sentence is not part of the name
    stripped = True
    while stripped:
        stripped = False
        for p in (*g.person_cues, *g.ranks):
            if tuple(t.low for t in tokens[s : s + len(p)]) == p and end - s - len(p) >= 2:
                s += len(p)
                stripped = True
                break
    if end - s < 2:
        return [], []
    # the name must be introduced: "đồng chí", "ông", "bà", a rank ("Thượng tá"), or start the sentence
    cue = max(phrase_before(tokens, s, g.person_cues), phrase_before(tokens, s, g.ranks))
    intro = s == 0 or cue >= 0 or tokens[s - 1].text in (",", ";", ":")
    if tokens[s].text not in ctx.vocab.surnames:
        return [], []
    if linked and phrase_before(tokens, cue if cue >= 0 else s, g.proposed) >= 0:
        return [], []  # "đề nghị ông X giữ chức …": a post put forward
    if phrase_before(tokens, cue if cue >= 0 else s, g.replaced) >= 0:
        return [], []  # "thay ông X, kiêm …": the one who left the post
    name = _words(view, tokens, s, end)
    # "X, <title> và Y, <title>", "X, <title> và ông Y được chỉ định giữ chức <title>": Y is
    # introduced by the list, and a link after Y is of both
    conj = phrase_before(tokens, cue if cue >= 0 else s, g.conjunction)
    if conj > 0 and conj in ends:
        group = [*ends[conj], name]
        return (group if linked else [name]), group
    listed = _listed_before(ctx, g, view, s) if linked else []
    if not intro and not listed:
        return [], []
    return [*listed, name], [*listed, name]


def _listed_before(ctx: DocContext, g: _Grammar, view: SentenceView, s: int) -> list[str]:
    """The names listed before the one at tokens[s] ("các đồng chí X, Y và Z"): each a family
    name and 1–4 capitalised words after a comma or "và", the first introduced by "đồng chí",
    "ông", "bà" or a rank; none unless the whole list is so."""
    tokens = view.tokens
    names: list[str] = []
    while True:
        j = phrase_before(tokens, s, g.conjunction) if s > 0 and tokens[s - 1].text != "," else s - 1
        if j <= 0:
            return []
        end = j
        start = end
        while start > 0 and tokens[start - 1].is_word and tokens[start - 1].is_capitalized and end - start < 5:
            start -= 1
        if end - start < 2 or tokens[start].text not in ctx.vocab.surnames:
            return []
        names.insert(0, _words(view, tokens, start, end))
        if phrase_before(tokens, start, g.person_cues) >= 0 or phrase_before(tokens, start, g.ranks) >= 0:
            return names
        s = start


def _infobox_row(ctx: DocContext, g: _Grammar, view: SentenceView, emit) -> None:
    """"| Bí thư Đảng ủy | Vàng Seo Cón |"; the first cell may hold several titles chained by a comma
    or a chain word ("| Bí thư Đảng ủy kiêm Chủ tịch HĐND | … |"), and a head that names one post
    only may go without its organ before another title ("| Phó Bí thư, Chủ tịch UBND | … |")."""
    cells = table_cells(view.text)
    if len(cells) < 2:
        return
    toks = tokenize(cells[0])
    chain: list[_Title] = []
    k = 0
    while True:
        t = g.title_at(toks, k)
        if t is None:
            t = _bare_head_at(g, toks, k)
            if t is None or t.end == len(toks):
                return  # a head alone ends the cell: no title follows to show it is one
        chain.append(t)
        if t.end == len(toks):
            break
        k = _chain_link(g, toks, t.end)
        if k < 0:
            return
    name_toks = tokenize(cells[1])
    e = person_name_at(name_toks, 0, ctx.vocab, need_surname=False)
    if e != len(name_toks):
        return
    emit(view, " ".join(x.text for x in name_toks), chain, cells[0])


def _bare_head_at(g: _Grammar, tokens: list[Token], i: int) -> _Title | None:
    """A title head written without its organ, in a chain of titles ("Phó Bí thư, Chủ tịch UBND"):
    the post when the head is the head of one post only ("Chủ tịch" alone is not)."""
    head = g._heads.match(tokens, i)
    if head is None or len(head[1]) != 1 or not tokens[i].is_capitalized:
        return None
    role = g.vocab.roles[head[1][0]]
    return _Title(role.key, role.organ, i, head[0], provincial=False, bare=True)

"""What every extractor of one document shares: the normalised text, its
sentences and unit mentions, the document's province and subject, and the
bookkeeping that keeps extractors from reading the same words twice."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from kg.extract.heading import Heading, alternatives, read_heading
from kg.extract.mentions import UnitMention, find_unit_mentions, resolve_type
from kg.extract.structure import OUTSIDE, Place, number_sentences, place_label
from kg.extract.tokens import Token, phrase_at, phrase_before, phrase_tokens, tokenize
from kg.facts import Document, Evidence, UnitRef
from kg.text import NormalizedText, Sentence, canonical_name, fold_key, normalize, normalize_plain, split_sentences
from kg.vocabulary import Vocabulary, load_vocabulary


@dataclass
class SentenceView:
    index: int
    sentence: Sentence
    tokens: list[Token]
    mentions: list[UnitMention]

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def start(self) -> int:
        return self.sentence.start


@dataclass
class DocContext:
    document: Document
    norm: NormalizedText
    vocab: Vocabulary
    sentences: list[SentenceView]
    province: str | None = None
    subject: UnitRef | None = None
    # names (fold keys) of the units this document says were merged away, by type key
    predecessors: dict[tuple[str, str], UnitRef] = field(default_factory=dict)
    # quantities already read by the lineage extractor: span -> the unit they
    # describe, or None when they must not become observations (a part share)
    attributed: dict[tuple[int, int], UnitRef | None] = field(default_factory=dict)
    # spans of officials' titles and names: not unit subjects
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    year: int | None = None
    # the unit each sentence is about when it names none: the last heading or
    # sentence that opened with a new commune-level unit, else the subject
    local_subjects: list[UnitRef | None] = field(default_factory=list)
    scenes: dict[int, UnitRef | None] = field(default_factory=dict)  # sentence index -> its scene (see scene())
    # the article and numbered item of a legal text each sentence is in
    places: list[Place] = field(default_factory=list)
    # what the extractors noticed and could not settle, for the reader of the facts
    warnings: list[str] = field(default_factory=list)
    # the heading of a document that is itself a resolution (its number, its subject line)
    heading: Heading | None = None
    # how often each unit name (fold key) is written, once names running on into a person's are cut
    named: Counter[str] = field(default_factory=Counter)

    def known_place(self, name: str, *, times: int = 1) -> bool:
        """A name this document writes as a unit's at least ``times`` times, a province's, or one
        of the register's units."""
        return self.named[fold_key(name)] >= times or known_elsewhere(name, self.vocab)

    def place(self, view: SentenceView) -> Place:
        return self.places[view.index] if view.index < len(self.places) else OUTSIDE

    def item_label(self, view: SentenceView) -> str | None:
        """"Điều 1 khoản 12" when the sentence is inside a numbered item of an article."""
        return place_label(self.vocab, self.place(view))

    def local_subject(self, view: SentenceView, type_key: str | None = None) -> UnitRef | None:
        """The unit a sentence is about: its scene (when ``type_key``, the type of the bare type word
        that stands for it, is the scene's or not given), else the unit the last sentence that
        opened with a name was about, else the document's."""
        scene = self.scene(view)
        if scene is not None and type_key in (None, scene.type_key):
            return scene
        if view.index < len(self.local_subjects):
            return self.local_subjects[view.index] or self.subject
        return self.subject

    def scene(self, view: SentenceView) -> UnitRef | None:
        """The commune-level unit a sentence sets itself in ("Cùng ngày, tại xã X, …", "Tại phường Y
        …"): a bare type word in that sentence means it. At most a short time phrase ("Cùng ngày,",
        "Sáng 1/7,") may come before the cue; a unit written as a former one ("tại xã X cũ") sets no
        scene."""
        if view.index not in self.scenes:
            self.scenes[view.index] = self._scene(view)
        return self.scenes[view.index]

    def _first_commune(self, view: SentenceView) -> UnitMention | None:
        """The first unit a sentence names, when it is a commune-level one."""
        first = next((m for m in view.mentions if m.name), None)
        if first is None or self.vocab.unit_types[first.type_key].level != "commune":
            return None
        return first

    def _scene(self, view: SentenceView) -> UnitRef | None:
        first = self._first_commune(view)
        if first is None:
            return None
        tokens = view.tokens
        cue = phrase_before(tokens, first.first, _cue_phrases(self.vocab, "scene"))
        if cue < 0 or sum(1 for t in tokens[:cue] if t.is_word) > _SCENE_LEAD_WORDS:
            return None
        after = first.last + 1 if first.last < len(tokens) and tokens[first.last].text == "(" else first.last
        if phrase_at(tokens, after, _cue_phrases(self.vocab, "former")) > 0:
            return None  # "tại xã X cũ", "tại xã X (cũ)"
        return self.unit_of(first)

    def track_local_subjects(self) -> None:
        current: UnitRef | None = None
        out: list[UnitRef | None] = []
        for v in self.sentences:
            first = self._first_commune(v)
            if first is not None:
                head = self.text[v.start : first.start].strip(" #-*•")
                if not head:
                    ref = self.unit_of(first)
                    key = (ref.type_key, fold_key(ref.name))
                    if key not in self.predecessors or (
                        self.subject is not None and fold_key(self.subject.name) == key[1]
                    ):
                        current = ref
            out.append(current)
        self.local_subjects = out

    @property
    def text(self) -> str:
        return self.norm.text

    def evidence(self, view: SentenceView) -> Evidence:
        start, end = self.norm.to_original(view.sentence.start, view.sentence.end)
        return Evidence(self.document.text[start:end], start, end, self.item_label(view))

    def unit(self, type_key: str, name: str, *, former: bool = False, district: UnitRef | None = None) -> UnitRef:
        ut = self.vocab.unit_types[type_key]
        # the source's spelling, normalised (the graph's spelling is chosen over all sources)
        name = canonical_name(name)
        if ut.level == "province":
            p = self.vocab.province(name)
            if p is not None:
                name = p.name
                former = former or not p.current
            return UnitRef(ut.key, name, ut.cls, ut.level, former=former)
        # districts, towns (thị trấn) ended on 1 July 2025
        if ut.level == "district" or type_key == "thi-tran":
            former = True
        return UnitRef(ut.key, name, ut.cls, ut.level, former=former, district=district, province=self.province)

    def unit_of(self, mention: UnitMention, *, former: bool = False, district: UnitRef | None = None) -> UnitRef:
        return self.unit(mention.type_key, mention.name, former=former, district=district)

    def is_title_span(self, start: int) -> bool:
        return any(a <= start < b for a, b in self.title_spans)


_SCENE_LEAD_WORDS = 4  # "Cùng ngày", "Sáng 1/7", "Chiều ngày 30/6": a time phrase before the scene's cue


@cache
def _cue_phrases(vocab: Vocabulary, cue: str) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({phrase_tokens(p) for p in vocab.cues[cue]}, key=len, reverse=True))


_TITLE_PAREN = re.compile(r"^#*\s*(?P<name>[^()\n]+?)\s*\((?P<type>[^()]+)\)\s*$")
_TITLE_COMMA = re.compile(r"^#*\s*(?P<name>[^,\n]+?)\s*,\s*(?P<prov>[^,\n]+?)\s*$")
_YEAR = re.compile(r"\b(20\d\d)\b")


def build_context(document: Document, vocab: Vocabulary | None = None) -> DocContext:
    vocab = vocab or load_vocabulary()
    norm = normalize(document.text)
    sentences = split_sentences(norm.text)
    views = []
    raw_mentions = []
    for i, s in enumerate(sentences):
        ms = find_unit_mentions(s.text, s.start, vocab)
        raw_mentions.extend(ms)
        views.append(SentenceView(i, s, tokenize(s.text, s.start), ms))
    # names seen on their own (not running on into a person's name) are known places
    known: Counter[str] = Counter(fold_key(m.name) for m in raw_mentions if m.name)
    for v in views:
        v.mentions = [trim_person(m, vocab, known) for m in v.mentions]
    ctx = DocContext(document, norm, vocab, views)
    ctx.named = Counter(fold_key(m.name) for v in views for m in v.mentions if m.name)
    ctx.places = number_sentences(sentences, vocab)
    ctx.year = _document_year(document, norm.text)
    ctx.heading = read_heading(norm.text, vocab)
    ctx.province = _find_province(ctx)
    ctx.subject = _find_subject(ctx)
    return ctx


@cache
def _register_names() -> frozenset[str]:
    """The names of the register's units, old and new (empty without the register package)."""
    from kg.register import RegisterUnavailable, load_register, name_key

    try:
        register = load_register()
    except RegisterUnavailable:
        return frozenset()
    return frozenset(name_key(u.name) for u in register.units)


def known_elsewhere(name: str, vocab: Vocabulary) -> bool:
    """A province's name or the name of one of the register's units."""
    from kg.register import name_key

    return vocab.province(name) is not None or name_key(name) in _register_names()


def person_after_place(words: list[Token] | tuple[Token, ...], k: int, vocab: Vocabulary) -> bool:
    """Whether words[k:] can be a person's name: a family name and 1–4 more capitalised words,
    not themselves a place's name."""
    rest = words[k:]
    return (
        2 <= len(rest) <= 5
        and rest[0].text in vocab.surnames
        and all(w.is_word and w.is_capitalized and not w.is_number for w in rest)
        and not known_elsewhere(" ".join(w.text for w in rest), vocab)
    )


def _name_splits(words: list[Token] | tuple[Token, ...], vocab: Vocabulary) -> list[int]:
    """Where a person's name may begin in words run together with a place's (longest place
    first); none when the whole is a unit of the register."""
    ks = [k for k in range(len(words) - 2, 0, -1) if words[k].text in vocab.surnames and len(words) - k <= 5]
    if not ks or known_elsewhere(" ".join(w.text for w in words), vocab):
        return []
    return [k for k in ks if person_after_place(words, k, vocab)]


def place_end(words: list[Token] | tuple[Token, ...], k: int) -> int:
    """Where the place ends when a person's name begins at words[k]: before a dash between
    them ("xã Thanh Sơn – Trịnh Văn Quý")."""
    return k - 1 if k > 1 and not words[k - 1].is_word else k


def split_place_person(words: list[Token] | tuple[Token, ...], vocab: Vocabulary, known: Counter[str]) -> int | None:
    """In 'Kim Liên Nguyễn Thành Trung', where the person's name begins (2) when it runs on
    after the place's: the longest beginning that is a known place (named elsewhere in the
    document, a province or a unit of the register) followed by a person's name. None when the
    whole is a unit of the register or no beginning is known."""
    for k in _name_splits(words, vocab):
        place = " ".join(w.text for w in words[: place_end(words, k)])
        if known[fold_key(place)] > 0 or known_elsewhere(place, vocab):
            return k
    return None


def guess_place_person(words: list[Token] | tuple[Token, ...], vocab: Vocabulary) -> int | None:
    """Like :func:`split_place_person` when no beginning is a known place, for a name right after
    an official's title: the split that leaves the place two words (the usual length of a
    unit's name), else the longest place."""
    ks = _name_splits(words, vocab)
    if not ks:
        return None
    return next((k for k in ks if place_end(words, k) == 2), ks[0])


def trim_person(mention: UnitMention, vocab: Vocabulary, known: Counter[str]) -> UnitMention:
    """'TP Hải Phòng Lê Anh Quân' → 'TP Hải Phòng' when the name runs on into a person's name."""
    words = mention.name_tokens
    k = split_place_person(words, vocab, known)
    if k is None:
        return mention
    k = place_end(words, k)
    place = " ".join(w.text for w in words[:k])
    key = resolve_type(mention.type_key, place, vocab)
    return UnitMention(key, place, mention.start, words[k - 1].end, mention.type_end, mention.first,
                       mention.last - (len(words) - k), tuple(words[:k]))


def _document_year(document: Document, text: str) -> int | None:
    if document.date:
        return int(document.date[:4])
    years = Counter(int(y) for y in _YEAR.findall(text))
    return min(years, key=lambda y: (-years[y], y)) if years else None


def table_cells(text: str) -> list[str]:
    """The non-empty cells of a markdown table row "| a | b | |"."""
    return [c.strip() for c in text.strip().strip("|").split("|") if c.strip()]


def _find_province(ctx: DocContext) -> str | None:
    return _heading_province(ctx) or _infobox_province(ctx) or _title_province(ctx) or _most_named_province(ctx)


def _current_province(vocab: Vocabulary, name: str) -> str | None:
    p = vocab.province(name)
    return p.name if p is not None and p.current else None


def _heading_province(ctx: DocContext) -> str | None:
    """A resolution's province, when its subject line names one ("Về việc sắp xếp … của tỉnh Tây Ninh …",
    in capitals or not)."""
    if ctx.heading is None or ctx.heading.subject is None:
        return None
    names = {ctx.vocab.province(m.group(0)).name for m in _any_case_province_names(ctx.vocab).finditer(
        ctx.heading.subject)}
    return names.pop() if len(names) == 1 else None


def _infobox_province(ctx: DocContext) -> str | None:
    """An infobox row "| Tỉnh | Tuyên Quang |" or "| Thành phố | Hà Nội |": the province-level type words."""
    words = {fold_key(ut.label) for ut in ctx.vocab.unit_types.values() if ut.level == "province"}
    for v in ctx.sentences[:60]:
        if v.text.startswith("|"):
            cells = table_cells(v.text)
            if len(cells) >= 2 and fold_key(cells[0]) in words:
                name = _current_province(ctx.vocab, cells[1])
                if name is not None:
                    return name
    return None


def _title_province(ctx: DocContext) -> str | None:
    """"Phú Xuyên, Hà Nội" as a title."""
    title = normalize_plain(ctx.document.title or (ctx.sentences[0].text if ctx.sentences else ""))
    m = _TITLE_COMMA.match(title)
    return _current_province(ctx.vocab, m.group("prov")) if m else None


def _most_named_province(ctx: DocContext) -> str | None:
    """The current province named most often, with or without its type word."""
    vocab = ctx.vocab
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for v in ctx.sentences:
        for m in v.mentions:
            if m.type_key in ("tinh", "thanh-pho-tw"):
                p = vocab.province(m.name)
                if p is not None and p.current:
                    counts[p.name] += 2
                    first_seen.setdefault(p.name, m.start)
    for m in _province_names(vocab).finditer(ctx.text):
        name = m.group(0)
        counts[name] += 1
        first_seen.setdefault(name, m.start())
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -first_seen[n]))


@cache
def _province_names(vocab: Vocabulary) -> re.Pattern[str]:
    names = sorted({p.name for p in vocab.provinces.values() if p.current}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


@cache
def _any_case_province_names(vocab: Vocabulary) -> re.Pattern[str]:
    """Every name of a current province, in any case."""
    names = sorted({n for p in vocab.provinces.values() if p.current for n in p.names}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)


# a word in lower case letters only
_LOWER_WORD = "[" + "".join(re.escape(c) for c in map(chr, range(0x61, 0x1F00)) if c.isalpha() and c.islower()) + "]+"


@cache
def _lead(vocab: Vocabulary) -> re.Pattern[str]:
    """An encyclopedia's lead sentence: "Hà Giang 2 là một phường thuộc tỉnh Tuyên Quang", the type
    word perhaps described by up to three words in lower case before where the unit lies
    ("… là một xã vùng cao thuộc …", "… là một phường trung tâm của …"); a capitalised word there
    (a name) ends no lead."""
    cues = vocab.cues
    return re.compile(
        rf"^(?P<name>[^\n]{{1,60}}?) (?:{alternatives(cues['copula'])}) (?:{alternatives(cues['lead-article'])}) "
        rf"(?P<type>\w+(?: \w+)?)(?: {_LOWER_WORD}){{0,3}}? (?:{alternatives(cues['lead-place'])}) "
    )


def _type_from_word(ctx: DocContext, word: str) -> str | None:
    word = fold_key(word)
    for ut in ctx.vocab.unit_types.values():
        if ut.key == "thanh-pho-tw":
            continue
        if word in {fold_key(f) for f in ut.forms}:
            return ut.key
    return None


def _find_subject(ctx: DocContext) -> UnitRef | None:
    """The new unit a document is about: from an encyclopedia title
    ("Hà Đông (phường)"), a lead sentence ("X là một xã thuộc …"), or the
    first commune-level unit named in the headline."""
    title = normalize_plain(ctx.document.title or (ctx.sentences[0].text if ctx.sentences else ""))
    m = _TITLE_PAREN.match(title)
    if m:
        key = _type_from_word(ctx, m.group("type"))
        if key and ctx.vocab.unit_types[key].level == "commune":
            return ctx.unit(key, m.group("name"))
    bare_name = _TITLE_COMMA.match(title).group("name") if _TITLE_COMMA.match(title) else title.lstrip("# ").strip()
    # lead sentence: "Hà Giang 2 là một phường thuộc tỉnh Tuyên Quang"
    lead = _lead(ctx.vocab)
    for v in ctx.sentences[:80]:
        lm = lead.match(v.text)
        if lm and fold_key(lm.group("name")) == fold_key(bare_name):
            key = _type_from_word(ctx, lm.group("type")) or _type_from_word(ctx, lm.group("type").split()[0])
            if key and ctx.vocab.unit_types[key].level == "commune":
                return ctx.unit(key, bare_name)
    # a headline naming a commune-level unit
    for v in ctx.sentences[:3]:
        for mention in v.mentions:
            if mention.name and ctx.vocab.unit_types[mention.type_key].level == "commune":
                return ctx.unit_of(mention)
    return None


def subject_from_mentions(ctx: DocContext) -> UnitRef | None:
    """Fallback: the commune-level unit the document names most often."""
    counts: Counter[tuple[str, str]] = Counter()
    order: dict[tuple[str, str], int] = {}
    for v in ctx.sentences:
        for m in v.mentions:
            if m.name and ctx.vocab.unit_types[m.type_key].level == "commune":
                key = (m.type_key, m.name)
                counts[key] += 1
                order.setdefault(key, m.start)
    if not counts:
        return None
    type_key, name = max(counts, key=lambda k: (counts[k], -order[k]))
    return ctx.unit(resolve_type(type_key, name, ctx.vocab), name)

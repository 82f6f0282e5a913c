"""Plain records that the extractors produce: no RDF here.

Every fact carries an :class:`Evidence` (document, sentence, offsets). Units are
:class:`UnitRef` values (type word key + bare name + qualifiers); the resolver
turns them into IRIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One input document, as read: ``text`` is what offsets index into."""

    source_file: str  # basename, e.g. "news-kinh-mon.txt"
    path: str  # where it was read from (for messages)
    text: str
    title: str = ""
    date: str | None = None  # ISO yyyy-mm-dd when the input gives one
    url: str | None = None
    kind: str = "text"  # text | markdown | html | jsonl


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence and its offsets in ``Document.text``.

    ``item`` is the numbered item of a legal text the sentence is in, written
    "Điều 1 khoản 12" (article, then item), or None when the sentence is not
    inside a numbered item of an article.
    """

    sentence: str
    start: int
    end: int
    item: str | None = None


@dataclass(frozen=True)
class UnitRef:
    """A mention of an administrative unit, not yet resolved to an IRI.

    ``type_key`` is a unit-type concept key (``phuong``, ``xa``, ``thi-tran``,
    ``dac-khu``, ``quan``, ``huyen``, ``thi-xa``, ``thanh-pho``, ``tinh``);
    ``level`` is ``commune``, ``district`` or ``province``; ``cls`` the contract
    class name (``Ward``, ``Commune``, ``Township``, ``SpecialZone``, ``District``,
    ``Province``). ``former`` is True for a unit that existed before 1 July 2025
    and was merged away (a predecessor, a district); ``district`` names the old
    district that a text gives for it ("thuộc huyện Nam Đàn cũ").
    """

    type_key: str
    name: str
    cls: str
    level: str
    former: bool = False
    district: UnitRef | None = None
    province: str | None = None  # bare name of the (new) province, e.g. "Hải Phòng"
    # an old unit's province before the 2025 merger of provinces, where a source says
    # (the register does): two "huyện Châu Thành" of An Giang came from two provinces
    old_province: str | None = None

    @property
    def label(self) -> str:
        from kg.vocabulary import load_vocabulary

        word = load_vocabulary().unit_types[self.type_key].label
        return f"{word} {self.name}"


@dataclass(frozen=True)
class Resolution:
    number: str  # "1669/NQ-UBTVQH15", normalised (no spaces, upper case)
    date: str | None = None  # ISO date of adoption
    issuer: str | None = None  # "Ủy ban Thường vụ Quốc hội"


@dataclass(frozen=True)
class LineageFact:
    """``new`` was formed from (whole or part of) ``old``."""

    new: UnitRef
    old: UnitRef
    share: str  # "whole" | "part"
    evidence: Evidence


@dataclass(frozen=True)
class FormationFact:
    """``unit`` was formed (under ``resolution`` when the text names one)."""

    unit: UnitRef
    resolution: Resolution | None
    evidence: Evidence


@dataclass(frozen=True)
class PostFact:
    person: str  # full name as written, NFC
    role: str  # role key, e.g. "party-secretary"
    title: str  # the title as written, e.g. "Bí thư Đảng ủy"
    organ: str | None  # organ key, e.g. "people-committee"
    jurisdiction: UnitRef | None
    evidence: Evidence


@dataclass(frozen=True)
class ObservationFact:
    unit: UnitRef
    indicator: str  # indicator key, e.g. "area"
    value: float
    status: str  # "actual" | "target"
    evidence: Evidence
    period: str | None = None  # "2020-2025"
    year: int | None = None
    qualifier: str | None = None  # "trên", "hơn", "khoảng" as written


@dataclass
class DocumentFacts:
    """Everything extracted from one document."""

    document: Document
    subject: UnitRef | None = None
    province: str | None = None
    lineage: list[LineageFact] = field(default_factory=list)
    formations: list[FormationFact] = field(default_factory=list)
    posts: list[PostFact] = field(default_factory=list)
    observations: list[ObservationFact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # the closing count of a resolution ("… có 114 đơn vị hành chính cấp xã, gồm 67 xã, 45 phường và 02
    # đặc khu"): unit-type key -> count, plus "total"; None when the document gives none
    declared_counts: dict[str, int] | None = None
    # the part of that count the document says it forms itself ("trong đó có … hình thành sau sắp xếp",
    # or the total less the units "không thực hiện sắp xếp"), same keys; None when it does not tell them apart
    declared_formed_counts: dict[str, int] | None = None
    # what the extractor read about the document itself, overriding the reader's guess (Document.title,
    # Document.date); None when it read nothing. A resolution's title as people cite it ("Nghị quyết
    # 1669/NQ-UBTVQH15 về việc sắp xếp …") and its adoption date (ISO yyyy-mm-dd).
    title: str | None = None
    date: str | None = None

"""The extractors' vocabulary, read from the SKOS schemes in ``ontology/``.

Nothing here lists Vietnamese words: unit types, organs, roles, indicators,
share and status cues and provinces are concepts in ``ontology/*.ttl``; family
names are in ``ontology/lexicon/surnames.txt``. :func:`load_vocabulary` reads
them once and returns plain frozen records.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from kg.resources import ontology_dir
from kg.text import fold_key, normalize_plain, plain_apostrophes

VNADM = Namespace("https://w3id.org/vnadm/ontology#")


@dataclass(frozen=True)
class UnitType:
    key: str  # skos:notation, e.g. "phuong"
    iri: str
    label: str  # the Vietnamese type word, e.g. "phường"
    forms: tuple[str, ...]  # every written form: label and press abbreviations
    cls: str  # contract class local name: Ward, Commune, …
    level: str  # commune | district | province
    # keys of the commune-level types a unit of this type could hold (a huyện: xa, thi-tran);
    # empty when the vocabulary does not say
    can_contain: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organ:
    key: str
    iri: str
    labels: tuple[str, ...]
    broader: str | None  # key of the broader organ
    level: str | None  # "province" for Thành ủy / Tỉnh ủy


@dataclass(frozen=True)
class Role:
    key: str
    iri: str
    label: str
    head: str | None  # title head, e.g. "Phó Chủ tịch Thường trực"
    organ: str | None  # organ key the head combines with
    titles: tuple[str, ...]  # whole titles that name the role without an organ


@dataclass(frozen=True)
class Indicator:
    key: str
    iri: str
    label: str
    phrases: tuple[str, ...]  # prefLabel and altLabels, normalised
    count_nouns: tuple[str, ...]
    value_kind: str  # area | count | percent | money | ratio | yield
    unit: str
    max_value: float | None = None  # a share's ceiling (100 for a percentage of a whole)


@dataclass(frozen=True)
class Province:
    key: str
    name: str
    names: tuple[str, ...]
    type_key: str  # "tinh" | "thanh-pho-tw"
    current: bool


@dataclass(frozen=True, eq=False)
class Vocabulary:
    unit_types: dict[str, UnitType]
    organs: dict[str, Organ]
    roles: dict[str, Role]
    indicators: dict[str, Indicator]
    provinces: dict[str, Province]  # by fold_key(name)
    share_cues: dict[str, tuple[str, ...]]  # "whole"/"part" -> phrases
    status_cues: dict[str, tuple[str, ...]]  # "actual"/"target" -> phrases
    surnames: Surnames
    cues: dict[str, tuple[str, ...]]  # cue notation -> phrases, longest first
    issuers: dict[str, str]  # abbreviation in resolution numbers -> body's name

    def province(self, name: str) -> Province | None:
        return self.provinces.get(fold_key(name))


def _texts(graph: Graph, subject: URIRef, predicate: URIRef, lang: str | None = "vi") -> list[str]:
    out = []
    for obj in graph.objects(subject, predicate):
        if isinstance(obj, Literal) and (lang is None or obj.language in (lang, None)):
            out.append(normalize_plain(str(obj)))
    return sorted(set(out), key=lambda s: (-len(s), s))


def _one(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    values = sorted(str(o) for o in graph.objects(subject, predicate))
    return values[0] if values else None


def _key(iri: URIRef | str) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _in_scheme(graph: Graph, scheme: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(SKOS.inScheme, scheme) if isinstance(s, URIRef))


def read_vocabulary_graph(folder: Path | None = None) -> Graph:
    folder = folder or ontology_dir()
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def _unit_types(g: Graph) -> dict[str, UnitType]:
    out = {}
    for c in _in_scheme(g, VNADM.UnitTypeScheme):
        key = str(g.value(c, SKOS.notation))
        label = _texts(g, c, SKOS.prefLabel)[0]
        forms = tuple(dict.fromkeys([label, *_texts(g, c, SKOS.altLabel)]))
        out[key] = UnitType(
            key=key, iri=str(c), label=label, forms=forms,
            cls=_key(g.value(c, VNADM.unitClass)), level=str(g.value(c, VNADM.level)),
            can_contain=tuple(sorted(str(g.value(o, SKOS.notation)) for o in g.objects(c, VNADM.canContain))),
        )
    return out


def _organs(g: Graph) -> dict[str, Organ]:
    out = {}
    for c in _in_scheme(g, VNADM.OrganScheme):
        key = str(g.value(c, SKOS.notation))
        broader = g.value(c, SKOS.broader)
        out[key] = Organ(
            key=key, iri=str(c),
            labels=tuple(_texts(g, c, SKOS.prefLabel) + _texts(g, c, SKOS.altLabel)),
            broader=str(g.value(broader, SKOS.notation)) if broader is not None else None,
            level=_one(g, c, VNADM.level),
        )
    return out


def _roles(g: Graph) -> dict[str, Role]:
    out = {}
    for c in _in_scheme(g, VNADM.RoleScheme):
        key = str(g.value(c, SKOS.notation))
        organ = g.value(c, VNADM.organType)
        head = _one(g, c, VNADM.titleHead)
        out[key] = Role(
            key=key, iri=str(c), label=_texts(g, c, SKOS.prefLabel)[0],
            head=normalize_plain(head) if head else None,
            organ=str(g.value(organ, SKOS.notation)) if organ is not None else None,
            titles=tuple(_texts(g, c, SKOS.altLabel)),
        )
    return out


def _indicators(g: Graph) -> dict[str, Indicator]:
    out = {}
    for c in _in_scheme(g, VNADM.IndicatorScheme):
        key = str(g.value(c, SKOS.notation))
        phrases = tuple(dict.fromkeys(_texts(g, c, SKOS.prefLabel) + _texts(g, c, SKOS.altLabel)))
        out[key] = Indicator(
            key=key, iri=str(c), label=_texts(g, c, SKOS.prefLabel)[0], phrases=phrases,
            count_nouns=tuple(_texts(g, c, VNADM.countNoun, lang=None)),
            value_kind=str(g.value(c, VNADM.valueKind)), unit=str(g.value(c, VNADM.unitOfMeasure)),
            max_value=float(g.value(c, VNADM.maxValue)) if g.value(c, VNADM.maxValue) is not None else None,
        )
    return out


def _provinces(g: Graph) -> dict[str, Province]:
    out = {}
    for c in _in_scheme(g, VNADM.ProvinceScheme):
        name = _texts(g, c, SKOS.prefLabel)[0]
        names = tuple(dict.fromkeys([name, *_texts(g, c, SKOS.altLabel)]))
        p = Province(key=_key(c), name=name, names=names, type_key=str(g.value(c, VNADM.unitTypeKey)),
                     current=bool(g.value(c, VNADM.current) is not None and g.value(c, VNADM.current).toPython()))
        for n in names:
            out[fold_key(n)] = p
    return out


class Surnames(frozenset):
    """Family names. An entry that ends in an apostrophe ("H'", "K'") begins a name written
    as one word with it ("H'Hen Niê", "K’Brơi"), with either apostrophe."""

    def __contains__(self, word: object) -> bool:
        if frozenset.__contains__(self, word):
            return True
        if not isinstance(word, str):
            return False
        cut = plain_apostrophes(word).find("'")
        return cut > 0 and frozenset.__contains__(self, word[:cut] + "'")


def _surnames(folder: Path) -> Surnames:
    surnames_file = folder / "lexicon" / "surnames.txt"
    return Surnames(
        normalize_plain(line.strip())
        for line in surnames_file.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


@cache
def load_vocabulary(folder: Path | None = None) -> Vocabulary:
    folder = folder or ontology_dir()
    g = read_vocabulary_graph(folder)
    share_cues = {k: tuple(_texts(g, VNADM[n], SKOS.altLabel)) for k, n in (("whole", "Whole"), ("part", "Part"))}
    status_cues = {
        k: tuple(_texts(g, VNADM[n], SKOS.altLabel)) for k, n in (("actual", "Actual"), ("target", "Target"))
    }
    cues = {str(g.value(c, SKOS.notation)): tuple(_texts(g, c, SKOS.altLabel)) for c in _in_scheme(g, VNADM.CueScheme)}
    issuers = {
        str(g.value(c, SKOS.notation)): _texts(g, c, SKOS.prefLabel)[0] for c in _in_scheme(g, VNADM.IssuerScheme)
    }
    return Vocabulary(_unit_types(g), _organs(g), _roles(g), _indicators(g), _provinces(g), share_cues, status_cues,
                      _surnames(folder), cues, issuers)

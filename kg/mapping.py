"""Facts → RDF, with entity resolution.

Entities (units, people, resolutions, documents) get one readable IRI each
across all documents; statements (reorganisations, components, holdings,
observations) get one node per document, each with its provenance. The
resolver decides identity before any triple is written:

- an old unit named without its district is the same as the one unit of that
  type and name that another mention places in a district of the same
  province, when there is exactly one; with several, it stays apart;
- a resolution is one node per number while the sources agree on its date;
  when they disagree, each dated variant is its own node (and the
  disagreement query lists them).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.comparison import add_comparison_keys
from kg.facts import DocumentFacts, Resolution, UnitRef
from kg.linking import AMBIGUOUS, LINKED, Link, link_units
from kg.namespaces import ID, IND, ORG, ROLE, SCHEMA, VNADM, bind_prefixes
from kg.text import fold_key, slug
from kg.vocabulary import load_vocabulary, read_vocabulary_graph

if TYPE_CHECKING:
    from kg.register import Register

EFFECTIVE_2025 = "2025-07-01"
LAST_DAY_BEFORE_2025 = "2025-06-30"


def _h(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]


def _decimal(value: float) -> Literal:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


@cache
def ontology_graph() -> Graph:
    """The ontology and vocabulary triples every output graph carries."""
    return read_vocabulary_graph()


def _type_slug(unit: UnitRef) -> str:
    return "thanh-pho" if unit.type_key == "thanh-pho-tw" else unit.type_key


@dataclass
class Resolver:
    """Identity decisions over all documents of a build."""

    facts: Sequence[DocumentFacts]
    _districts: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    _dates: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _slugs: dict[tuple[str, str], str] = field(default_factory=dict)
    # (province, type, name) of a district -> the old provinces sources place districts of that name in
    _old_provinces: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    # (name space, fold key) -> how often the sources write each spelling of that name
    _spellings: dict[tuple[str, str], Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def __post_init__(self) -> None:
        names: dict[str, set[str]] = defaultdict(set)  # name space -> names (fold keys)
        for df in self.facts:
            for lf in df.lineage:
                for d in (lf.old, lf.old.district):
                    if d is not None and d.level == "district" and d.old_province:
                        self._old_provinces[self._district_key(d)].add(slug(d.old_province))
        for df in self.facts:
            for lf in df.lineage:
                self._note_unit(lf.old)
                self._note_unit(lf.new)
            for ff in df.formations:
                if ff.resolution and ff.resolution.date:
                    self._dates[ff.resolution.number].add(ff.resolution.date)
            units = [x.new for x in df.lineage] + [x.old for x in df.lineage] + [x.unit for x in df.formations]
            units += [x.jurisdiction for x in df.posts if x.jurisdiction] + [x.unit for x in df.observations]
            for u in units:
                names[self._space(u)].add(fold_key(u.name))
                self._spellings[(self._space(u), fold_key(u.name))][u.name] += 1
                if u.district is not None:
                    names[self._space(u.district)].add(fold_key(u.district.name))
                    self._spellings[(self._space(u.district), fold_key(u.district.name))][u.district.name] += 1
            for p in df.posts:
                names[f"person/{slug(df.province or 'unknown')}"].add(fold_key(p.person))
        # two names that spell the same in ASCII ("Phú Mỹ", "Phù Mỹ") must not share an IRI
        for space, group in names.items():
            by_slug: dict[str, list[str]] = defaultdict(list)
            for name in group:
                by_slug[slug(name)].append(name)
            for plain, same in by_slug.items():
                for i, name in enumerate(sorted(same)):
                    self._slugs[(space, name)] = plain if i == 0 else f"{plain}-{_h(name)[:6]}"

    def _space(self, unit: UnitRef) -> str:
        return f"unit/{slug(unit.province or 'unknown')}/{_type_slug(unit)}"

    def spelling(self, unit: UnitRef) -> str:
        """The unit's name as the graph writes it: of the spellings the sources give for it
        (they differ in the dash between parts: "Phương Liên - Trung Tự", "Phương Liên – Trung
        Tự"), the one they write most often; on a tie, the spaced hyphen-minus of the
        resolutions and the register, then the first in code-point order."""
        counts = self._spellings.get((self._space(unit), fold_key(unit.name)))
        if not counts:
            return unit.name
        return min(counts, key=lambda name: (-counts[name], " – " in name, name))

    def name_slug(self, space: str, name: str) -> str:
        return self._slugs.get((space, fold_key(name))) or slug(name)

    def person_iri(self, name: str, province: str | None) -> URIRef:
        space = f"person/{slug(province or 'unknown')}"
        return ID[f"{space}/{self.name_slug(space, name)}"]

    def _note_unit(self, unit: UnitRef) -> None:
        if unit.former and unit.level == "commune" and unit.district is not None:
            key = (slug(unit.province or "unknown"), unit.type_key, fold_key(unit.name))
            self._districts[key].add(self.district_slug(unit.district))

    @staticmethod
    def _district_key(district: UnitRef) -> tuple[str, str, str]:
        return slug(district.province or "unknown"), district.type_key, fold_key(district.name)

    def district_slug(self, district: UnitRef) -> str:
        """``huyen-chau-thanh``; ``huyen-chau-thanh-kien-giang`` when districts of one name came
        into this province from several old provinces and a source says which one this is."""
        plain = slug(district.type_key + "-" + district.name)
        if district.old_province and len(self._old_provinces.get(self._district_key(district), ())) > 1:
            return f"{plain}-{slug(district.old_province)}"
        return plain

    def unit_iri(self, unit: UnitRef) -> URIRef:
        name = self.name_slug(self._space(unit), unit.name)
        t = _type_slug(unit)
        if unit.level == "province":
            return ID[f"unit/former/{t}-{name}"] if unit.former else ID[f"unit/{t}-{name}"]
        prov = slug(unit.province or "unknown")
        if unit.level == "district":
            if unit.old_province and len(self._old_provinces.get(self._district_key(unit), ())) > 1:
                name = f"{name}-{slug(unit.old_province)}"
            return ID[f"unit/{prov}/former/{t}-{name}"]
        if not unit.former:
            return ID[f"unit/{prov}/{t}-{name}"]
        district = unit.district
        if district is None:
            known = self._districts.get((prov, unit.type_key, fold_key(unit.name)), set())
            if len(known) == 1:
                return ID[f"unit/{prov}/former/{next(iter(known))}/{t}-{name}"]
            return ID[f"unit/{prov}/former/{t}-{name}"]
        return ID[f"unit/{prov}/former/{self.district_slug(district)}/{t}-{name}"]

    def resolution_iri(self, res: Resolution) -> URIRef:
        base = f"resolution/{slug(res.number)}"
        dates = self._dates.get(res.number, set())
        if len(dates) > 1 and res.date:
            return ID[f"{base}/{res.date}"]
        return ID[base]

    def resolution_date(self, res: Resolution) -> str | None:
        if res.date:
            return res.date
        dates = self._dates.get(res.number, set())
        return next(iter(dates)) if len(dates) == 1 else None


def document_iri(df: DocumentFacts) -> URIRef:
    doc = df.document
    digest = hashlib.sha1(doc.text.encode("utf-8")).hexdigest()
    return ID[f"doc/{slug(doc.source_file)}-{digest[:8]}"]


class _Writer:
    def __init__(self, graph: Graph, resolver: Resolver) -> None:
        self.g = graph
        self.r = resolver
        self.vocab = load_vocabulary()
        self.units_done: set[URIRef] = set()
        self.district_done: set[URIRef] = set()
        # every mention of each unit (an ordered set) and where old units went: for linking
        self.unit_refs: dict[URIRef, dict[UnitRef, None]] = defaultdict(dict)
        self.successors: dict[URIRef, dict[URIRef, None]] = defaultdict(dict)
        self.obs_values: dict[tuple[URIRef, str], set[str]] = defaultdict(set)
        self._evidence_literals: dict = {}

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def unit(self, unit: UnitRef) -> URIRef:
        iri = self.r.unit_iri(unit)
        self.unit_refs[iri][unit] = None
        if unit.district is not None and unit.level == "commune" and iri not in self.district_done:
            # the first mention of a unit may not name its district where a later one does
            self.district_done.add(iri)
            district = replace(unit.district, former=True, province=unit.province)
            self.add(iri, VNADM.formerDistrict, self.unit(district))
        if iri in self.units_done:
            return iri
        self.units_done.add(iri)
        ut = self.vocab.unit_types[unit.type_key]
        name = self.r.spelling(unit)
        self.add(iri, RDF.type, VNADM[ut.cls])
        self.add(iri, VNADM.name, Literal(name))
        self.add(iri, RDFS.label, Literal(f"{ut.label} {name}", lang="vi"))
        self.add(iri, VNADM.unitType, URIRef(ut.iri))
        if unit.level != "province" and unit.province:
            p = self.vocab.province(unit.province)
            if p is not None:
                self.add(iri, VNADM.inProvince, self.unit(UnitRef(p.type_key, p.name, "Province", "province")))
        if unit.former and unit.level in ("commune", "district"):
            # communes merged away, and the district level itself, ended with 30 June 2025
            self.add(iri, VNADM.validUntil, Literal(LAST_DAY_BEFORE_2025, datatype=XSD.date))
        return iri

    def provenance(self, node: URIRef, doc: URIRef, evidence) -> None:
        sentence, start, end = self._evidence(evidence)
        self.add(node, PROV.wasDerivedFrom, doc)
        self.add(node, VNADM.evidence, sentence)
        self.add(node, VNADM.charStart, start)
        self.add(node, VNADM.charEnd, end)
        item = getattr(evidence, "item", None)  # the resolution's "Điều 1 khoản 12"
        if item:
            self.add(node, VNADM.sourceItem, Literal(item))

    def _evidence(self, evidence) -> tuple[Literal, Literal, Literal]:
        # one sentence gives several statements: its literals are made once
        found = self._evidence_literals.get(evidence)
        if found is None:
            found = self._evidence_literals[evidence] = (
                Literal(evidence.sentence, lang="vi"),
                Literal(evidence.start, datatype=XSD.integer),
                Literal(evidence.end, datatype=XSD.integer),
            )
        return found

    def resolution(self, res: Resolution) -> URIRef:
        iri = self.r.resolution_iri(res)
        self.add(iri, RDF.type, VNADM.Resolution)
        self.add(iri, VNADM.documentNumber, Literal(res.number))
        date = self.r.resolution_date(res)
        if date:
            self.add(iri, VNADM.adoptedOn, Literal(date, datatype=XSD.date))
        if res.issuer:
            self.add(iri, VNADM.issuer, Literal(res.issuer, lang="vi"))
        return iri

    def document(self, df: DocumentFacts) -> URIRef:
        doc = df.document
        iri = document_iri(df)
        self.add(iri, RDF.type, VNADM.SourceDocument)
        self.add(iri, VNADM.sourceFile, Literal(doc.source_file))
        self.add(iri, VNADM.contentHash, Literal(hashlib.sha1(doc.text.encode("utf-8")).hexdigest()))
        # what the extractor read about the document itself comes before the reader's guess
        title = df.title or (doc.title.strip().lstrip("#").strip() if doc.title else None)
        if title is not None:
            self.add(iri, DCTERMS.title, Literal(title, lang="vi"))
        date = df.date or doc.date
        if date:
            self.add(iri, DCTERMS.date, Literal(date, datatype=XSD.date))
        if doc.url:
            self.add(iri, SCHEMA.url, Literal(doc.url))
        return iri

    def facts(self, df: DocumentFacts) -> None:
        self._evidence_literals = {}
        doc = self.document(df)
        dkey = str(doc).rsplit("/", 1)[-1]
        reorgs: dict[URIRef, URIRef] = {}

        def reorg(new: UnitRef, evidence) -> URIRef:
            unit = self.unit(new)
            if unit not in reorgs:
                node = ID[f"reorg/{dkey}/{_h(unit)}"]
                reorgs[unit] = node
                self.add(node, RDF.type, VNADM.Reorganization)
                self.add(node, VNADM.resultingUnit, unit)
                self.provenance(node, doc, evidence)
                if new.level == "commune" and not new.former:
                    self.add(unit, VNADM.validFrom, Literal(EFFECTIVE_2025, datatype=XSD.date))
            return reorgs[unit]

        for ff in df.formations:
            node = reorg(ff.unit, ff.evidence)
            if ff.resolution is not None:
                self.add(node, VNADM.legalBasis, self.resolution(ff.resolution))
                date = self.r.resolution_date(ff.resolution)
                if date and date.startswith("2025") and ff.unit.level == "commune" and not ff.unit.former:
                    self.add(node, VNADM.effectiveDate, Literal(EFFECTIVE_2025, datatype=XSD.date))
        for lf in df.lineage:
            node = reorg(lf.new, lf.evidence)
            old = self.unit(lf.old)
            new = self.unit(lf.new)
            comp = ID[f"component/{dkey}/{_h(new, old, lf.share, lf.evidence.start)}"]
            self.add(node, VNADM.hasComponent, comp)
            self.add(comp, RDF.type, VNADM.ReorganizationComponent)
            self.add(comp, VNADM.sourceUnit, old)
            self.add(comp, VNADM.share, VNADM.Whole if lf.share == "whole" else VNADM.Part)
            self.provenance(comp, doc, lf.evidence)
            if new != old:
                self.add(new, VNADM.predecessor, old)
                self.successors[old][new] = None

        for pf in df.posts:
            person = self.r.person_iri(pf.person, df.province)
            self.add(person, RDF.type, VNADM.Person)
            self.add(person, VNADM.name, Literal(pf.person))
            self.add(person, RDFS.label, Literal(pf.person, lang="vi"))
            juris = self.unit(pf.jurisdiction) if pf.jurisdiction is not None else None
            node = ID[f"holding/{dkey}/{_h(person, pf.role, juris)}"]
            self.add(node, RDF.type, VNADM.PositionHolding)
            self.add(node, VNADM.holder, person)
            self.add(node, VNADM.role, ROLE[pf.role])
            self.add(node, VNADM.title, Literal(pf.title, lang="vi"))
            if juris is not None:
                self.add(node, VNADM.jurisdiction, juris)
                if pf.organ:
                    organ = ID[f"organ/{str(juris).split('/unit/', 1)[-1]}/{pf.organ}"]
                    self.add(node, VNADM.organization, organ)
                    self.add(organ, RDF.type, ORG.Organization)
                    self.add(organ, VNADM.organType, URIRef(self.vocab.organs[pf.organ].iri))
                    self.add(organ, VNADM.ofUnit, juris)
                    label = self.vocab.organs[pf.organ].labels[-1]
                    self.add(organ, RDFS.label, Literal(f"{label} {pf.jurisdiction.label}", lang="vi"))
            self.provenance(node, doc, pf.evidence)

        for of in df.observations:
            unit = self.unit(of.unit)
            ind = self.vocab.indicators[of.indicator]
            node = ID[f"obs/{dkey}/{_h(unit, of.indicator, of.value, of.status, of.evidence.start)}"]
            self.add(node, RDF.type, VNADM.Observation)
            self.add(node, VNADM.refUnit, unit)
            self.add(node, VNADM.indicator, IND[of.indicator])
            self.add(node, VNADM.value, _decimal(of.value))
            self.add(node, VNADM.unitOfMeasure, Literal(ind.unit))
            self.add(node, VNADM.status, VNADM.Actual if of.status == "actual" else VNADM.Target)
            if of.period:
                self.add(node, VNADM.period, Literal(of.period))
            if of.qualifier:
                self.add(node, VNADM.qualifier, Literal(of.qualifier))
            self.provenance(node, doc, of.evidence)
            if of.status == "actual" and of.indicator in ("area", "population"):
                self.obs_values[(unit, of.indicator)].add(_decimal(of.value))

    def links(self, register: Register) -> None:
        """Official codes and link status (see kg.linking) for every commune and district."""
        source = ID[f"register/{slug(register.source)}"]
        self.add(source, RDF.type, VNADM.Register)
        self.add(source, RDFS.label, Literal(register.source))
        self.add(source, DCTERMS.license, Literal(register.licence))
        self.add(source, SCHEMA.url, Literal(register.homepage))
        found: dict[URIRef, Link] = link_units(self.unit_refs, self.successors, register)
        for iri, link in sorted(found.items()):
            status = {LINKED: VNADM.Linked, AMBIGUOUS: VNADM.Ambiguous}.get(link.status, VNADM.Unlinked)
            self.add(iri, VNADM.linkStatus, status)
            if link.unit is not None:
                self.add(iri, VNADM.officialCode, Literal(link.unit.code))
                self.add(iri, VNADM.codeSource, source)
            for candidate in link.candidates:
                self.add(iri, VNADM.candidateCode, Literal(candidate.code))
            if link.reason:
                self.add(iri, VNADM.linkNote, Literal(link.reason, lang="en"))
        for iri, link in sorted(found.items()):
            self._district_from_register(iri, link, source)

    def _district_from_register(self, iri: URIRef, link: Link, source: URIRef) -> None:
        """An old commune linked to the register, whose district no text gives, is
        placed in the register's district (the unit's IRI stays as the texts made it)."""
        unit, refs = link.unit, self.unit_refs[iri]
        if unit is None or unit.district is None or (iri, VNADM.formerDistrict, None) in self.g:
            return
        ref = next(iter(refs))
        d = unit.district
        ut = self.vocab.unit_types[d.type_key]
        district = self.unit(UnitRef(d.type_key, d.name, ut.cls, ut.level, former=True,
                                     province=ref.province, old_province=d.old_province))
        self.add(iri, VNADM.formerDistrict, district)
        if (district, VNADM.linkStatus, None) not in self.g:
            self.add(district, VNADM.linkStatus, VNADM.Linked)
            self.add(district, VNADM.officialCode, Literal(d.code))
            self.add(district, VNADM.codeSource, source)

    def shortcuts(self) -> None:
        for (unit, indicator), values in sorted(self.obs_values.items()):
            if len(values) == 1:
                self.add(unit, VNADM[indicator], next(iter(values)))


def build_graph(
    facts: Iterable[DocumentFacts], *, with_ontology: bool = True, register: Register | None = None
) -> Graph:
    """The knowledge graph of these documents' facts (plus, by default, the
    ontology and vocabulary, so that the graph is self-describing). With a
    ``register``, communes and districts carry their official codes and link
    status (kg.linking)."""
    facts = list(facts)
    graph = Graph()
    if with_ontology:
        graph += ontology_graph()
    bind_prefixes(graph)
    writer = _Writer(graph, Resolver(facts))
    for df in sorted(facts, key=lambda f: (f.document.source_file, f.document.path)):
        writer.facts(df)
    if register is not None:
        writer.links(register)
    writer.shortcuts()
    add_comparison_keys(graph)
    return graph

"""Lineage views: the part of a graph's merger lineage around a unit, a resolution, a province or a district.

A view is built on the knowledge graph alone: :class:`Lineage` pulls the lineage
table (``queries/_lineage-table.rq``: every reorganization component, every
reorganization's legal basis) once with SPARQL and assembles it into a
:class:`networkx.DiGraph` of every old → new edge; a view is the subgraph on the
units a selector picks (:func:`lineage_view`). The attributes of the units a view
shows are read from the graph for those units only, so a view of the national
graph (14 000 units) takes a few seconds.

The view contract (what :mod:`kg.lineage.dot`, :mod:`kg.lineage.html` and
:mod:`kg.lineage.formats` rely on): a ``networkx.DiGraph`` with

- graph attributes ``title`` (str) and ``resolutions`` (sorted list of the
  resolution numbers involved);
- one node per unit, its id the unit IRI, with ``kind`` (``"new"``/``"old"``),
  ``label``, ``name``, ``type``, ``unit_class``, ``code``, ``province``,
  ``district`` (an old unit's former district, else ``""``), ``sources`` (sorted
  source files that give its lineage) and ``iri``;
- edges old → new with ``share`` (``"whole"``, ``"part"``, or ``"disputed"`` when
  the sources disagree), ``sources``, ``shares`` (source file → ``"whole"`` /
  ``"part"``; a source that says both counts as ``"part"``) and ``resolutions``.

Nodes and edges are added in sorted order, so every output is deterministic.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, cached_property

import networkx as nx
import rdflib
from rdflib import RDFS, SKOS, Literal, URIRef

from kg.errors import UsageError
from kg.namespaces import PREFIXES, VNADM
from kg.resources import queries_dir
from kg.text import fold_key, slug
from kg.vocabulary import load_vocabulary

__all__ = [
    "AmbiguousUnitError",
    "Candidate",
    "Lineage",
    "LineageError",
    "UnknownUnitError",
    "lineage_view",
]

#: The administrative unit classes, local name → the class's IRI.
UNIT_CLASSES: dict[str, URIRef] = {
    name: VNADM[name] for name in ("Ward", "Commune", "Township", "SpecialZone", "District", "Province")
}
_CLASS_NAMES = {iri: name for name, iri in UNIT_CLASSES.items()}
_SHARES = {VNADM.Whole: "whole", VNADM.Part: "part"}
_CODE = re.compile(r"\d{1,6}")


class LineageError(UsageError):
    """What a lineage view was asked for is not in the graph (exit code 2)."""


@dataclass(frozen=True)
class Candidate:
    """A unit a name could mean, and the exact way to ask for it."""

    iri: str
    label: str
    kind: str  # "new" | "old" | "district" (a former district) | "" (a unit with no lineage)
    district: str
    province: str
    code: str
    ask: str  # the argument that selects this unit alone

    def describe(self) -> str:
        where = ", ".join(part for part in (self.district, self.province) if part) or "place unknown"
        kind = {"new": "new unit", "old": "old unit", "district": "former district"}.get(self.kind, "no lineage")
        code = f", code {self.code}" if self.code else ""
        return f"{self.label} ({kind}; {where}{code}): ask for {self.ask}"


class AmbiguousUnitError(LineageError):
    """A name (or code) that fits several units; ``candidates`` lists them with the way to ask for each."""

    def __init__(self, query: str, candidates: Iterable[Candidate], *, what: str = "units") -> None:
        self.query = query
        self.candidates = tuple(candidates)
        lines = [f"{query!r} fits {len(self.candidates)} {what}; ask for one of them:"]
        lines.extend(f"  {candidate.describe()}" for candidate in self.candidates)
        super().__init__("\n".join(lines))


class UnknownUnitError(LineageError):
    """A name, code, resolution, province or district the graph does not have; ``near`` lists close names."""

    def __init__(self, message: str, near: Iterable[str] = ()) -> None:
        self.near = tuple(near)
        if self.near:
            message += "; did you mean: " + ", ".join(self.near) + "?"
        super().__init__(message)


def _loose(text: str) -> str:
    """Lower case, no diacritics, single spaces: 'Phường An Phong' → 'phuong an phong'."""
    return slug(text).replace("-", " ").strip()


def _query_text(name: str) -> str:
    return (queries_dir() / f"{name}.rq").read_text(encoding="utf-8")


def _str(term: object) -> str:
    return "" if term is None else str(term)


class Lineage:
    """The lineage of one graph: every old → new edge as a networkx DiGraph, and unit lookup.

    Build it once (``Lineage(graph)``) and ask for as many views as needed.
    """

    def __init__(self, graph: rdflib.Graph) -> None:
        from kg.query import run_query

        self.graph = graph
        result = run_query(graph, _query_text("_lineage-table"), source="queries/_lineage-table.rq")
        reorg_numbers: dict[str, set[str]] = defaultdict(set)
        new_sources: dict[str, set[str]] = defaultdict(set)
        new_resolutions: dict[str, set[str]] = defaultdict(set)
        components: list[tuple[str, str, str, str, str]] = []  # reorg, new, old, share, file
        for reorg, new, old, share, file, number in result.rows:
            if old is None:
                new_sources[str(new)].add(_str(file))
                if number is not None:
                    reorg_numbers[str(reorg)].add(str(number))
                    new_resolutions[str(new)].add(str(number))
            else:
                components.append((str(reorg), str(new), str(old), _SHARES.get(share, "part"), _str(file)))

        edge_shares: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        edge_resolutions: dict[tuple[str, str], set[str]] = defaultdict(set)
        old_sources: dict[str, set[str]] = defaultdict(set)
        for reorg, new, old, share, file in components:
            edge_shares[(old, new)][file].add(share)
            edge_resolutions[(old, new)].update(reorg_numbers.get(reorg, ()))
            old_sources[old].add(file)

        full = nx.DiGraph()
        news = sorted(new_sources)
        olds = sorted(set(old_sources) - set(new_sources))
        for iri in news:
            full.add_node(iri, kind="new", sources=sorted(new_sources[iri]))
        for iri in olds:
            full.add_node(iri, kind="old", sources=sorted(old_sources[iri]))
        for old, new in sorted(edge_shares):
            shares = {
                file: ("part" if "part" in found else "whole")
                for file, found in sorted(edge_shares[(old, new)].items())
            }
            values = set(shares.values())
            full.add_edge(
                old,
                new,
                share=values.pop() if len(values) == 1 else "disputed",
                sources=sorted(shares),
                shares=shares,
                resolutions=sorted(edge_resolutions[(old, new)]),
            )
        self.full = full
        self._attributes: dict[str, dict[str, str]] = {}
        self.new_resolutions = {iri: sorted(numbers) for iri, numbers in new_resolutions.items()}

    # ------------------------------------------------------------------ unit attributes

    @cached_property
    def _type_words(self) -> dict[URIRef, str]:
        words: dict[URIRef, str] = {}
        for concept, label in self.graph.subject_objects(SKOS.prefLabel):
            if isinstance(label, Literal) and label.language == "vi":
                words.setdefault(concept, str(label))
        return words

    def _first(self, subject: URIRef, predicate: URIRef) -> str:
        values = sorted(str(value) for value in self.graph.objects(subject, predicate))
        return values[0] if values else ""

    def attributes(self, iri: str) -> dict[str, str]:
        """The descriptive attributes of a unit (label, name, type, unit_class, code, province, district)."""
        cached = self._attributes.get(iri)
        if cached is None:
            cached = self._attributes[iri] = self._read_attributes(iri)
        return cached

    def _read_attributes(self, iri: str) -> dict[str, str]:
        unit = URIRef(iri)
        name = self._first(unit, VNADM.name)
        type_word = ""
        for concept in sorted(self.graph.objects(unit, VNADM.unitType)):
            type_word = self._type_words.get(concept, "")
            if type_word:
                break
        label = self._first(unit, RDFS.label) or " ".join(part for part in (type_word, name) if part) or iri
        if not type_word and name and label.endswith(" " + name):
            type_word = label[: -len(name) - 1]
        classes = sorted(_CLASS_NAMES[c] for c in self.graph.objects(unit, rdflib.RDF.type) if c in _CLASS_NAMES)
        province = ""
        for place in sorted(self.graph.objects(unit, VNADM.inProvince)):
            province = self._first(place, VNADM.name)
            if province:
                break
        district = ""
        for place in sorted(self.graph.objects(unit, VNADM.formerDistrict)):
            district = self._first(place, RDFS.label) or self._first(place, VNADM.name)
            if district:
                break
        return {
            "label": label,
            "name": name or label,
            "type": type_word,
            "unit_class": classes[0] if classes else "",
            "code": self._first(unit, VNADM.officialCode),
            "province": province,
            "district": district,
        }

    # ------------------------------------------------------------------ lookup

    @cached_property
    def _index(self) -> dict[str, tuple[str, str]]:
        """Every administrative unit: IRI → (bare name, label)."""
        from kg.query import run_query

        result = run_query(self.graph, _query_text("_lineage-units"), source="queries/_lineage-units.rq")
        index: dict[str, tuple[str, str]] = {}
        for unit, cls, name, label in sorted(result.rows, key=lambda row: tuple(_str(t) for t in row)):
            if cls in _CLASS_NAMES and str(unit) not in index:
                index[str(unit)] = (str(name), _str(label) or str(name))
        return index

    def _candidate(self, iri: str, ask: str = "") -> Candidate:
        attrs = self.attributes(iri)
        kind = self.full.nodes[iri]["kind"] if iri in self.full else ""
        return Candidate(
            iri=iri,
            label=attrs["label"],
            kind=kind,
            district=attrs["district"],
            province=attrs["province"],
            code=attrs["code"],
            ask=ask or f"<{iri}>",
        )

    def _ask_for(self, iris: list[str]) -> list[Candidate]:
        """Candidates, each with the shortest argument that selects it alone (label, code, else IRI)."""
        out = []
        for iri in iris:
            candidate = self._candidate(iri)
            tries = [f'"{candidate.label}"']
            place = candidate.district or candidate.province
            if place:
                tries.append(f'"{candidate.label}, {_bare_district(place)}"')
            if candidate.code:
                tries.append(candidate.code)
            ask = next((text for text in tries if self._resolves_to(text.strip('"'), iri)), f"<{iri}>")
            out.append(replace(candidate, ask=ask))
        return out

    def _resolves_to(self, text: str, iri: str) -> bool:
        return [found for found in self._matches(text) if found in self.full] == [iri]

    def _by_code(self, code: str) -> list[str]:
        return sorted({str(s) for s in self.graph.subjects(VNADM.officialCode, Literal(code)) if str(s) in self._index})

    def find_unit(self, query: str) -> str:
        """The IRI of the unit ``query`` names: an IRI, an official code, a bare name or a label,
        with or without diacritics; ``"NAME, PLACE"`` narrows to a province or former district.

        Raises :class:`AmbiguousUnitError` (listing the candidates and how to ask for each) or
        :class:`UnknownUnitError` (naming near matches)."""
        text = " ".join(query.split())
        if not text:
            raise UnknownUnitError("no unit given")
        iri = self._as_iri(text)
        if iri is not None:
            if iri in self.full:
                return iri
            if iri in self._index:
                raise LineageError(f"{self._index[iri][1]} ({iri}) is in the graph, but no source gives its lineage")
            raise UnknownUnitError(f"no unit {iri} in the graph")
        what = f"units with code {text}" if _CODE.fullmatch(text) else "units"
        return self._pick(text, self._matches(text), what=what)

    def _matches(self, text: str) -> list[str]:
        """The units (with lineage or not) that a code or a name (``NAME, PLACE``) fits."""
        if _CODE.fullmatch(text):
            return self._by_code(text)
        name, _, place = text.partition(",")
        found = self._by_name(name.strip())
        if place.strip():
            found = [iri for iri in found if self._in_place(iri, place.strip())]
        return found

    def _as_iri(self, text: str) -> str | None:
        if text.startswith("<") and text.endswith(">"):
            return text[1:-1]
        if re.match(r"(?:https?|urn):\S+$", text):
            return text
        prefix, sep, rest = text.partition(":")
        if sep and prefix in PREFIXES and " " not in text:
            return PREFIXES[prefix] + rest
        return None

    def _by_name(self, name: str) -> list[str]:
        exact, loose = fold_key(name), _loose(name)
        exact_hits, loose_hits = [], []
        for iri, (bare, label) in self._index.items():
            if exact in (fold_key(bare), fold_key(label)):
                exact_hits.append(iri)
            elif loose in (_loose(bare), _loose(label)):
                loose_hits.append(iri)
        return sorted(exact_hits or loose_hits)

    def _in_place(self, iri: str, place: str) -> bool:
        attrs = self.attributes(iri)
        wanted = _loose(place)
        for value in (attrs["province"], attrs["district"]):
            if value and wanted in (_loose(value), _loose(value.split(" ", 1)[-1]), _loose(_bare_district(value))):
                return True
        return False

    def _pick(self, query: str, found: list[str], *, what: str = "units") -> str:
        with_lineage = [iri for iri in found if iri in self.full]
        if len(with_lineage) == 1:
            return with_lineage[0]
        if len(with_lineage) > 1:
            raise AmbiguousUnitError(query, self._ask_for(with_lineage), what=what)
        if found:
            labels = ", ".join(f"{self._index[iri][1]} ({iri})" for iri in found)
            raise LineageError(f"{query!r}: no source in the graph gives the lineage of {labels}")
        raise UnknownUnitError(f"no unit {query!r} in the graph", self._near(query))

    def _near(self, query: str) -> list[str]:
        wanted = _loose(query.split(",")[0])
        by_key: dict[str, set[str]] = defaultdict(set)
        for iri in self.full:
            if iri in self._index:
                bare, label = self._index[iri]
                by_key[_loose(bare)].add(label)
        keys = difflib.get_close_matches(wanted, sorted(by_key), n=5, cutoff=0.75)
        return sorted({label for key in keys for label in by_key[key]})[:8]

    # ------------------------------------------------------------------ selectors

    def _split(self, old: str) -> bool:
        """An old unit whose territory went to more than one new unit, or in part."""
        full = self.full
        return full.out_degree(old) > 1 or any(data["share"] != "whole" for data in full[old].values())

    def _step(self, frontier: set[str]) -> set[str]:
        full, added = self.full, set()
        for iri in frontier:
            if full.nodes[iri]["kind"] == "new":
                for old in full.predecessors(iri):
                    added.add(old)
                    if self._split(old):
                        added.update(full.successors(old))
            else:
                for new in full.successors(iri):
                    added.add(new)
                    added.update(full.predecessors(new))
        return added

    def around_unit(self, iri: str, depth: int = 1) -> set[str]:
        """The unit, its predecessors and their other successors (a new unit), or the new units
        it went into and their predecessors (an old unit); ``depth`` repeats the expansion."""
        nodes, frontier = {iri}, {iri}
        for _ in range(max(depth, 1)):
            frontier = self._step(frontier) - nodes
            if not frontier:
                break
            nodes |= frontier
        return nodes

    def _with_predecessors(self, news: Iterable[str]) -> set[str]:
        nodes = set(news)
        for new in list(nodes):
            nodes.update(self.full.predecessors(new))
        return nodes

    def resolution_units(self, number: str) -> tuple[str, set[str]]:
        """(the resolution's number as the graph writes it, the new units it formed and their predecessors)."""
        known = sorted({n for numbers in self.new_resolutions.values() for n in numbers})
        key = re.sub(r"\s+", "", number).casefold()
        matches = [n for n in known if re.sub(r"\s+", "", n).casefold() == key]
        if not matches:
            matches = [n for n in known if n.casefold().startswith(key + "/")]
        if not matches:
            near = [n for n in known if key in n.casefold()] or difflib.get_close_matches(number, known, n=5)
            listed = f" (the graph has {len(known)}: {', '.join(known[:12])}{', …' if len(known) > 12 else ''})"
            raise UnknownUnitError(f"no resolution {number!r} in the graph{listed if known else ''}", near)
        if len(matches) > 1:
            raise LineageError(f"{number!r} fits several resolutions: {', '.join(matches)}; give the full number")
        found = matches[0]
        news = [iri for iri, numbers in self.new_resolutions.items() if found in numbers]
        return found, self._with_predecessors(news)

    def province_units(self, province: str) -> tuple[str, set[str]]:
        """(the province's name, its new units and their predecessors)."""
        by_province: dict[str, set[str]] = defaultdict(set)
        for iri, data in self.full.nodes(data=True):
            if data["kind"] == "new":
                name = self.attributes(iri)["province"]
                if name:
                    by_province[name].add(iri)
        exact = (fold_key(province), fold_key(_bare_province(province)))
        matches = sorted(name for name in by_province if fold_key(name) in exact)
        if not matches:
            loose = (_loose(province), _loose(_bare_province(province)))
            matches = sorted(name for name in by_province if _loose(name) in loose)
        if not matches:
            keys = {_loose(name): name for name in by_province}
            near = [keys[k] for k in difflib.get_close_matches(_loose(_bare_province(province)), sorted(keys), n=5)]
            raise UnknownUnitError(f"no new unit of a province {province!r} in the graph", near)
        if len(matches) > 1:
            raise LineageError(f"{province!r} fits several provinces: {', '.join(matches)}; write it with its accents")
        return matches[0], self._with_predecessors(by_province[matches[0]])

    def district_units(self, district: str) -> tuple[str, set[str]]:
        """(the former district's label, its old units, the new units they went into and those
        new units' other predecessors)."""
        by_district: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, str] = {}
        for iri, data in self.full.nodes(data=True):
            if data["kind"] == "old":
                for place in self.graph.objects(URIRef(iri), VNADM.formerDistrict):
                    by_district[str(place)].add(iri)
        for place in by_district:
            ref = URIRef(place)
            label = self._first(ref, RDFS.label) or self._first(ref, VNADM.name) or place
            labels[place] = label
        text = " ".join(district.split())
        iri = self._as_iri(text)
        if iri is not None:
            matches = [iri] if iri in by_district else []
        elif _CODE.fullmatch(text):
            matches = sorted(p for p in by_district if self._first(URIRef(p), VNADM.officialCode) == text)
        else:
            name, _, place = text.partition(",")
            exact, loose = fold_key(name.strip()), _loose(name.strip())
            matches = sorted(
                p for p, label in labels.items() if exact in (fold_key(label), fold_key(_bare_district(label)))
            )
            if not matches:
                matches = sorted(
                    p for p, label in labels.items() if loose in (_loose(label), _loose(_bare_district(label)))
                )
            if place.strip():
                matches = [p for p in matches if _loose(_bare_province(place)) == _loose(self._province_of(p))]
        if not matches:
            keys: dict[str, set[str]] = defaultdict(set)
            for label in labels.values():
                keys[_loose(_bare_district(label))].add(label)
            close = difflib.get_close_matches(_loose(_bare_district(text)), sorted(keys), n=5, cutoff=0.75)
            raise UnknownUnitError(
                f"no former district {district!r} in the graph", sorted(lab for k in close for lab in keys[k])
            )
        if len(matches) > 1:
            candidates = []
            qualified = [fold_key(f"{labels[p]}, {self._province_of(p)}") for p in matches]
            for place in matches:
                province = self._province_of(place)
                code = self._first(URIRef(place), VNADM.officialCode)
                ask = f"<{place}>"
                if province and qualified.count(fold_key(f"{labels[place]}, {province}")) == 1:
                    ask = f'"{labels[place]}, {province}"'
                elif code:
                    ask = code
                candidates.append(Candidate(place, labels[place], "district", "", province, code, ask))
            raise AmbiguousUnitError(district, candidates, what="former districts")
        place = matches[0]
        olds = by_district[place]
        nodes = set(olds)
        for old in olds:
            nodes.update(self._with_predecessors(self.full.successors(old)))
        label = labels[place]
        province = self._province_of(place)
        return (f"{label}, {province}" if province else label), nodes

    def _province_of(self, iri: str) -> str:
        for place in sorted(self.graph.objects(URIRef(iri), VNADM.inProvince)):
            name = self._first(place, VNADM.name)
            if name:
                return name
        return ""

    # ------------------------------------------------------------------ views

    def view(self, nodes: Iterable[str], *, title: str, resolutions: Iterable[str] = ()) -> nx.DiGraph:
        """The subgraph on ``nodes`` with every node's attributes (the view contract)."""
        chosen = set(nodes)
        view = nx.DiGraph()
        involved = set(resolutions)
        for iri in sorted(chosen):
            data = self.full.nodes[iri]
            attrs = dict(self.attributes(iri))
            if data["kind"] == "new":
                attrs["district"] = ""
                involved.update(self.new_resolutions.get(iri, ()))
            view.add_node(iri, kind=data["kind"], **attrs, sources=list(data["sources"]), iri=iri)
        for old, new in sorted(self.full.subgraph(chosen).edges()):
            data = self.full.edges[old, new]
            view.add_edge(
                old,
                new,
                share=data["share"],
                sources=list(data["sources"]),
                shares=dict(data["shares"]),
                resolutions=list(data["resolutions"]),
            )
            involved.update(data["resolutions"])
        view.graph["title"] = title
        view.graph["resolutions"] = sorted(involved)
        return view

    def lineage_view(
        self,
        *,
        unit: str | None = None,
        resolution: str | None = None,
        province: str | None = None,
        former_district: str | None = None,
        depth: int = 1,
    ) -> nx.DiGraph:
        """See :func:`lineage_view`."""
        given = [
            name
            for name, value in (
                ("unit", unit),
                ("resolution", resolution),
                ("province", province),
                ("former_district", former_district),
            )
            if value is not None
        ]
        if len(given) != 1:
            raise UsageError(
                "give exactly one of: a unit, a resolution, a province, a former district"
                + (f" (got {', '.join(given)})" if given else "")
            )
        if depth < 1:
            raise UsageError(f"depth must be 1 or more (got {depth})")
        if unit is not None:
            iri = self.find_unit(unit)
            label = self.attributes(iri)["label"]
            return self.view(self.around_unit(iri, depth), title=f"Lineage of {label}")
        if resolution is not None:
            number, nodes = self.resolution_units(resolution)
            return self.view(nodes, title=f"Resolution {number}", resolutions=[number])
        if province is not None:
            name, nodes = self.province_units(province)
            return self.view(nodes, title=name)
        assert former_district is not None
        label, nodes = self.district_units(former_district)
        return self.view(nodes, title=f"Former {label}")


@cache
def _type_words(level: str) -> tuple[str, ...]:
    """The written forms of the unit-type words of one level (ontology/vocabulary.ttl), folded,
    longest first: "thành phố", "tỉnh", "tp.", … for provinces."""
    forms = {fold_key(form) for ut in load_vocabulary().unit_types.values() if ut.level == level for form in ut.forms}
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


def _strip_word(text: str, words: tuple[str, ...]) -> str:
    folded = fold_key(text)
    loose = _loose(text)
    for word in words:
        if folded.startswith(word + " ") or loose.startswith(_loose(word) + " "):
            return text.split(" ", len(word.split()))[-1]
    return text


def _bare_province(text: str) -> str:
    return _strip_word(" ".join(text.split()), _type_words("province"))


def _bare_district(text: str) -> str:
    return _strip_word(" ".join(text.split()), _type_words("district"))


def lineage_view(
    graph: rdflib.Graph | Lineage,
    *,
    unit: str | None = None,
    resolution: str | None = None,
    province: str | None = None,
    former_district: str | None = None,
    depth: int = 1,
) -> nx.DiGraph:
    """The lineage view (a :class:`networkx.DiGraph`, see the module's contract) of one selector:

    - ``unit``: a unit by name or label (with or without diacritics), official code or IRI; its
      predecessors and, for each predecessor that was split, the other new units that received
      a part of it (an old unit: the new units it went into and their predecessors); ``depth``
      repeats that expansion from the units it added;
    - ``resolution``: the new units formed with that legal basis ("1669/NQ-UBTVQH15" or
      "1669") and all their predecessors, from any source;
    - ``province``: the new units of that province and their predecessors;
    - ``former_district``: the old units of that district, the new units they went into and
      those new units' other predecessors.

    ``graph`` is an rdflib graph or a :class:`Lineage` already built from one (to draw several
    views of one graph). Raises :class:`AmbiguousUnitError`, :class:`UnknownUnitError` (both
    :class:`LineageError`, exit code 2) or :class:`~kg.errors.UsageError`.
    """
    lineage = graph if isinstance(graph, Lineage) else Lineage(graph)
    return lineage.lineage_view(
        unit=unit, resolution=resolution, province=province, former_district=former_district, depth=depth
    )

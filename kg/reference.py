"""The register's own old → new mapping as a source of facts (``kg build --reference``).

Each province's mapping becomes one source document of the build: a table
that kg writes out (one line per old unit and new unit, tab-separated, with
a header), whose lines are the evidence of its facts, so that every
statement from the register has its provenance like any text's (document,
line, offsets). The facts are the same records the extractors make
(kg.facts), so identity, RDF mapping and validation treat them alike: an old
unit that the register places in a district is the unit a resolution names
with or without that district, and a difference between the two is a
disagreement that ``kg check`` lists.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.errors import UsageError
from kg.facts import Document, DocumentFacts, Evidence, FormationFact, LineageFact, UnitRef
from kg.register import Register, RegisterLink, RegisterUnit
from kg.text import fold_key, slug
from kg.vocabulary import load_vocabulary

ALL = "all"
HEADER = "new_code\tnew_unit\tshare\told_code\told_unit\told_district\told_province"


def reference_provinces(register: Register, names: Iterable[str]) -> list[str]:
    """The register's names for the provinces asked for ("all" for every one),
    in the order given, without repeats. Raises UsageError naming the choices."""
    known = {slug(p): p for p in register.provinces()}  # typed with or without accents
    vocab = load_vocabulary()
    out: list[str] = []
    for name in names:
        if fold_key(name) == ALL:
            wanted = register.provinces()
        else:
            p = vocab.province(name)
            found = known.get(slug(p.name if p is not None else name))
            if found is None and p is not None and not p.current:
                raise UsageError(
                    f"--reference {name!r}: {p.name} is a former province; give the 2025 province it is part of"
                )
            if found is None:
                raise UsageError(
                    f"--reference {name!r}: not one of the 34 provinces of the register "
                    f"(use 'all', or one of: {', '.join(register.provinces())})"
                )
            wanted = [found]
        out.extend(p for p in wanted if p not in out)
    return out


def reference_facts(register: Register, provinces: Iterable[str]) -> list[DocumentFacts]:
    """One source document of facts per province: the register's mapping for it."""
    return [_province_facts(register, province) for province in provinces]


def _unit_ref(unit: RegisterUnit) -> UnitRef:
    ut = load_vocabulary().unit_types[unit.type_key]
    district = _unit_ref(unit.district) if unit.district is not None else None
    return UnitRef(ut.key, unit.name, ut.cls, ut.level, former=unit.former, district=district,
                   province=unit.province, old_province=unit.old_province)


def _line(link: RegisterLink) -> str:
    old, new = link.old, link.new
    district = f"{_type_word(old.district)} {old.district.name}" if old.district is not None else ""
    return "\t".join([
        new.code, f"{_type_word(new)} {new.name}", link.share,
        old.code, f"{_type_word(old)} {old.name}", district, old.old_province or "",
    ])


def _type_word(unit: RegisterUnit) -> str:
    return load_vocabulary().unit_types[unit.type_key].label


def _province_facts(register: Register, province: str) -> DocumentFacts:
    links = register.province_links(province)
    lines = [HEADER] + [_line(link) for link in links]
    text = "\n".join(lines) + "\n"
    name = f"register-{slug(register.source)}-{slug(province)}.tsv"  # a basename, like any document's
    doc = Document(
        source_file=name, path=name, text=text, kind="register", url=register.homepage,
        title=f"Official register ({register.source}): old → new units of {province}",
    )
    facts = DocumentFacts(document=doc, province=province)
    offset = len(HEADER) + 1
    formed: set[str] = set()
    for link, line in zip(links, lines[1:], strict=True):
        evidence = Evidence(line, offset, offset + len(line))
        offset += len(line) + 1
        new = _unit_ref(link.new)
        if link.new.code not in formed:
            formed.add(link.new.code)
            facts.formations.append(FormationFact(new, None, evidence))
        facts.lineage.append(LineageFact(new, _unit_ref(link.old), link.share, evidence))
    return facts


__all__ = ["ALL", "HEADER", "reference_facts", "reference_provinces"]

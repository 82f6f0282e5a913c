"""Linking the units of a build to the official register (entity resolution against it).

A unit is *linked* to a register code only where the text and the register
agree on one unit:

- a new unit (phường, xã, đặc khu from 1 July 2025): the one register unit of
  that type and name in its province;
- an old commune: the register's old units of that type and name in the
  province (after the 2025 merger of provinces, or before it), narrowed by the
  district the text gives for it, and then, while several remain, by where
  the text says it went (the register units whose successors include a new
  unit the text makes it part of);
- an old district: the one register district of that type and name.

Otherwise the unit is kept as it is, never merged with a namesake, and
flagged *ambiguous* (with the candidates' codes) or *unlinked* (with the
reason). Units are grouped by whatever key the caller identifies them with
(kg.mapping uses their IRIs); nothing here writes RDF.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from kg.facts import UnitRef
from kg.register import Register, RegisterUnit, name_key
from kg.vocabulary import load_vocabulary

K = TypeVar("K", bound=Hashable)

LINKED, AMBIGUOUS, UNLINKED = "linked", "ambiguous", "unlinked"


@dataclass(frozen=True)
class Link:
    status: str  # linked | ambiguous | unlinked
    unit: RegisterUnit | None = None  # the register unit, when linked
    candidates: tuple[RegisterUnit, ...] = ()  # when ambiguous
    reason: str = ""  # why not linked, in plain English

    @property
    def code(self) -> str | None:
        return self.unit.code if self.unit is not None else None


def link_units(
    mentions: Mapping[K, Iterable[UnitRef]],
    successors: Mapping[K, Iterable[K]],
    register: Register,
) -> dict[K, Link]:
    """A :class:`Link` for every commune- and district-level unit of ``mentions``
    (key → the mentions of that one unit); ``successors`` maps an old unit's key
    to the keys of the new units the texts make it part of. Provinces are not
    linked."""
    out: dict[K, Link] = {}
    by_kind: dict[str, list[tuple[K, list[UnitRef]]]] = {"new": [], "old": [], "district": []}
    for key, refs in mentions.items():
        refs = list(refs)
        first = refs[0]
        if first.level == "district":
            by_kind["district"].append((key, refs))
        elif first.level == "commune":
            by_kind["old" if first.former else "new"].append((key, refs))
    for key, refs in by_kind["new"] + by_kind["district"]:
        out[key] = _link_plain(refs, register)
    for key, refs in by_kind["old"]:
        went_to = {out[k].code for k in successors.get(key, ()) if k in out and out[k].code}
        out[key] = _link_old(refs, went_to, register)
    return out


def _province(refs: list[UnitRef]) -> str | None:
    return next((r.province for r in refs if r.province), None)


def _label(ref: UnitRef) -> str:
    return f"{ref.label}" + (f" ({ref.district.label})" if ref.district is not None else "")


def _link_plain(refs: list[UnitRef], register: Register) -> Link:
    ref = refs[0]
    province = _province(refs)
    if province is None:
        return Link(UNLINKED, reason=f"{_label(ref)}: the texts give no province to look it up in")
    found = [u for u in register.find(province, ref.type_key, ref.name, former=ref.former) if u.level == ref.level]
    found = _in_old_province(found, refs)
    if not found and ref.level == "commune":
        # a new unit's name is unique in its province: the one unit of that name
        # under another type word is this one, with the difference noted
        other = [u for u in register.find_name(province, ref.name, former=False) if u.level == "commune"]
        if len(other) == 1:
            word = load_vocabulary().unit_types[other[0].type_key].label
            return Link(LINKED, unit=other[0], reason=f"{_label(ref)}: the register has it as {word} {other[0].name}")
    return _decide(ref, found, province)


def _link_old(refs: list[UnitRef], went_to: set[str], register: Register) -> Link:
    ref = refs[0]
    province = _province(refs)
    if province is None:
        return Link(UNLINKED, reason=f"{_label(ref)}: the texts give no province to look it up in")
    found = [u for u in register.find(province, ref.type_key, ref.name, former=True) if u.level == "commune"]
    found = _in_old_province(found, refs)
    districts = {(r.district.type_key, name_key(r.district.name)) for r in refs if r.district is not None}
    if districts and found:
        in_district = [
            u for u in found if u.district is not None and (u.district.type_key, name_key(u.district.name)) in districts
        ]
        if not in_district:
            types = load_vocabulary().unit_types
            where = ", ".join(
                sorted(f"{u.code} in {types[u.district.type_key].label} {u.district.name}" for u in found if u.district)
            )
            return Link(UNLINKED, reason=f"{_label(ref)}: the register has it only elsewhere ({where})")
        found = in_district
    if len(found) > 1 and went_to:
        went = [u for u in found if any(x.new.code in went_to for x in register.successors(u))]
        if went:
            found = went
    return _decide(ref, found, province)


def _in_old_province(found: list[RegisterUnit], refs: list[UnitRef]) -> list[RegisterUnit]:
    """Keep the candidates in the old province a source gives (for the unit or its district)."""
    olds = {name_key(p) for r in refs for p in (r.old_province, r.district.old_province if r.district else None) if p}
    if not olds or len(found) < 2:
        return found
    return [u for u in found if u.old_province and name_key(u.old_province) in olds] or found


def _decide(ref: UnitRef, found: list[RegisterUnit], province: str) -> Link:
    if len(found) == 1:
        return Link(LINKED, unit=found[0])
    if not found:
        return Link(UNLINKED, reason=f"{_label(ref)}: not in the register of {province}")
    codes = ", ".join(u.code for u in found)
    return Link(AMBIGUOUS, candidates=tuple(found),
                reason=f"{_label(ref)}: {len(found)} units of the register of {province} have this name ({codes})")


__all__ = ["AMBIGUOUS", "LINKED", "UNLINKED", "Link", "link_units"]

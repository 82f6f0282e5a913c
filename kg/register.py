"""The official register of administrative units: codes and the old → new mapping.

kg reads the register from the package ``vietnamadminunits`` (MIT licence),
which ships the General Statistics Office's codes for the 3,321 units in
force from 1 July 2025 and the 10,040 units before it (the 63-province
register), and the official old → new conversion table:

- the two unit tables through the package's public API
  (``vietnamadminunits.database.get_data``);
- the conversion table from the package's data file ``converter_2025.json``
  (the package has no public function that returns the table, only one that
  converts one address at a time). An old unit listed there as not divided
  went *whole* into its new unit; a divided one gave a *part* to each new
  unit listed for it.

``vietnam-provinces`` has the new units only in the version that runs on
Python 3.11, and is GPL-3.0: kg (MIT) does not depend on it.

Everything is turned into kg's own terms here (unit-type keys from
``ontology/vocabulary.ttl``, province names from ``ontology/provinces.ttl``,
names in kg's spelling), so the rest of kg never sees the package's keys.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from kg.errors import KgError
from kg.text import canonical_name, fold_key, normalize_plain
from kg.vocabulary import Vocabulary, load_vocabulary

PACKAGE = "vietnamadminunits"
LICENCE = "MIT"
HOMEPAGE = "https://github.com/tranngocminhhieu/vietnamadminunits"


class RegisterUnavailable(KgError):
    """The register package is not installed (or does not hold what kg reads)."""


@dataclass(frozen=True)
class RegisterUnit:
    """A unit of the register. ``province`` is the bare name of the province
    it belongs (or, for an old unit, went) to after 1 July 2025."""

    code: str  # the GSO code: 5 digits for communes, 3 for districts
    type_key: str  # unit-type key of ontology/vocabulary.ttl: "phuong", "xa", "huyen", …
    name: str  # bare name in kg's spelling: "Thành Đông", "Văn Miếu - Quốc Tử Giám"
    level: str  # commune | district
    former: bool  # True for a unit of the register before 1 July 2025
    province: str
    district: RegisterUnit | None = None  # an old commune's district
    old_province: str | None = None  # an old unit's province before the 2025 merger of provinces


@dataclass(frozen=True)
class RegisterLink:
    """``old`` went into ``new``, whole or in part."""

    new: RegisterUnit
    old: RegisterUnit
    share: str  # whole | part


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}


def _arabic(numeral: str) -> str | None:
    """"iv" → "4": a Roman numeral (up to 89) as digits, or None."""
    if not re.fullmatch(r"l?x{0,3}(ix|iv|v?i{0,3})", numeral) or not numeral:
        return None
    values = [_ROMAN[c] for c in numeral]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return str(total)


def name_key(name: str) -> str:
    """How names are compared with the register: folded, dashes and spacing ignored
    ("Phương Liên – Trung Tự" = "Phương Liên-Trung Tự" = "phương liên trung tự"), a
    numbered unit's number in digits ("phường IV" = "phường 4") without leading zeros."""
    key = " ".join(re.sub(r"[-\u2010-\u2015\u2212]", " ", fold_key(name)).split())
    if key.isdigit():
        return str(int(key))
    if name.strip().isupper():  # Roman numerals are written in capitals: "phường IV", not "xã Vi"
        return _arabic(key) or key
    return key


spelled = canonical_name  # a name in kg's spelling (kg.text.canonical_name)


@dataclass(frozen=True, eq=False)
class Register:
    """The register's units and links, indexed for lookups by name."""

    source: str  # "vietnamadminunits 1.0.4"
    version: str
    units: tuple[RegisterUnit, ...]
    links: tuple[RegisterLink, ...]
    licence: str = LICENCE
    homepage: str = HOMEPAGE
    _by_name: dict[tuple[str, bool, str, str], list[RegisterUnit]] = field(default_factory=dict, repr=False)
    _by_code: dict[tuple[bool, str], RegisterUnit] = field(default_factory=dict, repr=False)
    _types: list[str] = field(default_factory=list, repr=False)  # the unit-type keys it holds
    _successors: dict[str, list[RegisterLink]] = field(default_factory=dict, repr=False)
    _by_province: dict[str, list[RegisterLink]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_name: dict[tuple[str, bool, str, str], list[RegisterUnit]] = defaultdict(list)
        for unit in self.units:
            provinces = {unit.province, unit.old_province} - {None}
            for province in provinces:
                by_name[(fold_key(province), unit.former, unit.type_key, name_key(unit.name))].append(unit)
            self._by_code[(unit.former, unit.code)] = unit
        self._by_name.update(by_name)
        self._types.extend(sorted({key[2] for key in by_name}))
        successors: dict[str, list[RegisterLink]] = defaultdict(list)
        by_province: dict[str, list[RegisterLink]] = defaultdict(list)
        for link in self.links:
            successors[link.old.code].append(link)
            by_province[fold_key(link.new.province)].append(link)
        self._successors.update(successors)
        self._by_province.update(by_province)

    def find(self, province: str, type_key: str, name: str, *, former: bool) -> list[RegisterUnit]:
        """Units of that type and name in that province (new or old), in code order."""
        return list(self._by_name.get((fold_key(province), former, type_key, name_key(name)), ()))

    def find_name(self, province: str, name: str, *, former: bool) -> list[RegisterUnit]:
        """Units of that name in that province, whatever their type."""
        return [u for t in self._types for u in self.find(province, t, name, former=former)]

    def unit(self, code: str, *, former: bool) -> RegisterUnit | None:
        return self._by_code.get((former, code))

    def successors(self, old: RegisterUnit) -> list[RegisterLink]:
        """Where an old unit went (one link per new unit)."""
        return list(self._successors.get(old.code, ()))

    def provinces(self) -> list[str]:
        """The 34 provinces from 1 July 2025, by name."""
        return sorted({unit.province for unit in self.units if not unit.former}, key=fold_key)

    def province_links(self, province: str) -> list[RegisterLink]:
        """The old → new mapping of one province (its new name), in new-code then old-code order."""
        return sorted(self._by_province.get(fold_key(province), ()), key=lambda x: (x.new.code, x.old.code))


def _type_keys(vocab: Vocabulary, level: str) -> dict[str, str]:
    """Type word (folded) → unit-type key, for one level ("Thành phố" under a province is a district)."""
    out = {}
    for ut in vocab.unit_types.values():
        if ut.level == level:
            for form in ut.forms:
                out.setdefault(fold_key(form), ut.key)
    return out


_NUMBERED = re.compile(r"^(?P<word>.+?)\s+(?P<number>\d+|[IVXLC]+)$")
_TYPE_NOTE = re.compile(r"^(?P<name>.+?)\s*\((?P<word>[^()]+)\)$")


def _bare_name(short: str, type_word: str) -> str:
    """The register's short name without its type word: "Phường 1" → "1" (kg's name of
    phường 1), "Yên Viên (Thị trấn)" → "Yên Viên" (the register's way to tell a
    thị trấn from the xã of the same name in one district)."""
    short = normalize_plain(short)
    note = _TYPE_NOTE.match(short)
    if note and fold_key(note["word"]) == fold_key(type_word):
        short = note["name"]
    numbered = _NUMBERED.match(short)
    if numbered and fold_key(numbered["word"]) == fold_key(type_word):
        short = numbered["number"]
    return spelled(short)


def _province_name(vocab: Vocabulary, name: str) -> str:
    found = vocab.province(name)
    return found.name if found is not None else spelled(name)


@cache
def load_register() -> Register:
    """The register, read once per process. Raises :class:`RegisterUnavailable`
    with the command that installs it when the package is missing."""
    try:
        from importlib.metadata import version
        from importlib.resources import files

        from vietnamadminunits.database import get_data
    except ImportError as err:
        raise RegisterUnavailable(
            f"the official register needs the package {PACKAGE}: pip install {PACKAGE}"
        ) from err
    try:
        new_rows = get_data(
            ["provinceShort", "provinceKey", "wardShort", "wardType", "wardCode", "wardKey"], "admin_units"
        )
        old_rows = get_data(
            ["provinceShort", "provinceKey", "districtShort", "districtType", "districtCode", "districtKey",
             "wardShort", "wardType", "wardCode", "wardKey"],
            "admin_units_legacy",
        )
        conversion = json.loads(files(PACKAGE).joinpath("data", "converter_2025.json").read_text("utf-8"))
        return _assemble(new_rows, old_rows, conversion, version(PACKAGE))
    except (OSError, KeyError, ValueError, TypeError) as err:
        raise RegisterUnavailable(
            f"the installed {PACKAGE} does not hold the register kg reads ({type(err).__name__}: {err}); "
            f"reinstall it with: pip install --force-reinstall {PACKAGE}"
        ) from err


def _assemble(new_rows: Iterable[dict], old_rows: Iterable[dict], conversion: dict, version: str) -> Register:
    vocab = load_vocabulary()
    commune_types, district_types = _type_keys(vocab, "commune"), _type_keys(vocab, "district")
    new_by_key: dict[tuple[str, str], RegisterUnit] = {}
    province_of_key: dict[str, str] = {}
    for row in new_rows:
        province = _province_name(vocab, row["provinceShort"])
        province_of_key[row["provinceKey"]] = province
        unit = RegisterUnit(
            code=row["wardCode"], type_key=commune_types[fold_key(row["wardType"])],
            name=_bare_name(row["wardShort"], row["wardType"]), level="commune", former=False, province=province,
        )
        new_by_key[(row["provinceKey"], row["wardKey"])] = unit
    # an old province's key -> the new province it went into
    new_province = {
        old: province_of_key[new] for new, olds in conversion["DICT_PROVINCE"].items() for old in olds
    }
    old_by_key: dict[tuple[str, str, str], RegisterUnit] = {}
    for row in old_rows:
        province = new_province.get(row["provinceKey"])
        if province is None:
            continue
        old_province = _province_name(vocab, row["provinceShort"])
        district = RegisterUnit(
            code=row["districtCode"], type_key=district_types[fold_key(row["districtType"])],
            name=_bare_name(row["districtShort"], row["districtType"]), level="district", former=True,
            province=province, old_province=old_province,
        )
        old_by_key.setdefault((row["provinceKey"], row["districtKey"], ""), district)
        if row["wardKey"]:
            old_by_key[(row["provinceKey"], row["districtKey"], row["wardKey"])] = RegisterUnit(
                code=row["wardCode"], type_key=commune_types[fold_key(row["wardType"])],
                name=_bare_name(row["wardShort"], row["wardType"]), level="commune", former=True, province=province,
                district=district, old_province=old_province,
            )

    links: list[RegisterLink] = []
    for province_key, table in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_keys in table.items():
            new = new_by_key.get((province_key, new_key))
            for old_key in old_keys:
                old = old_by_key.get(tuple(old_key.split("_")))  # type: ignore[arg-type]
                if new is not None and old is not None:
                    links.append(RegisterLink(new, old, "whole"))
    for province_key, table in conversion["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in table.items():
            old = old_by_key.get(tuple(old_key.split("_")))  # type: ignore[arg-type]
            for target in targets:
                new = new_by_key.get((province_key, target["newWardKey"]))
                if new is not None and old is not None:
                    links.append(RegisterLink(new, old, "part"))
    units = sorted({*new_by_key.values(), *old_by_key.values()}, key=lambda u: (u.former, u.level, u.code))
    links.sort(key=lambda x: (x.new.code, x.old.code))
    return Register(f"{PACKAGE} {version}", version, tuple(units), tuple(links))


__all__ = [
    "Register", "RegisterLink", "RegisterUnavailable", "RegisterUnit", "load_register", "name_key", "spelled",
]

"""Generate N synthetic Vietnamese news articles about the 2025 commune-level reorganisation.

    python benchmarks/generate.py 1000 /tmp/articles            # 1,000 .txt files
    python benchmarks/generate.py 1000 /tmp/articles --format jsonl --seed 7

The units are real: (new unit, predecessors with their share, province,
resolution number and adoption date) tuples are harvested at generation time
from the resolution texts in ``../shared/corpus/res-*.md`` when that folder
exists (``--corpus`` names another one), else taken from a small built-in list
of real tuples. The sentences are this script's own templates, several variants
per kind of fact; officials' names are invented from common family, middle and
given names; the figures are random but plausible and, for a given unit, mostly
agree between articles (as they do in the press).

Output is deterministic for a seed: article ``i`` depends only on the seed,
``i`` and the harvested tuples (not on N). Articles are ~1.5-3 KB of UTF-8, the
first line is the title, the third a byline with the date (``.txt``), or the
fields ``text``/``title``/``url``/``date`` of one JSON line (``.jsonl``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


# ----------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class Part:
    """A predecessor of a new unit: its type word, name, optional former district, and share."""

    type: str  # "phường" | "xã" | "thị trấn"
    name: str
    district: str | None  # "huyện Khoái Châu" (the qualifier written after the name), or None
    whole: bool


@dataclass(frozen=True)
class Formation:
    """One new unit as a resolution formed it."""

    type: str  # "phường" | "xã" | "đặc khu"
    name: str
    province_type: str  # "thành phố" | "tỉnh"
    province: str
    resolution: str  # "1669/NQ-UBTVQH15"
    adopted: date
    parts: tuple[Part, ...]

    @property
    def unit(self) -> str:
        return f"{self.type} {self.name}"


_JUNE_16 = date(2025, 6, 16)


def _p(type_: str, name: str, whole: bool = True, district: str | None = None) -> Part:
    return Part(type_, name, district, whole)


# Real units (facts from the National Assembly Standing Committee's resolutions of
# 16 June 2025), used when the resolution texts are not available.
_HP = ("thành phố", "Hải Phòng", "1669/NQ-UBTVQH15")
_HN = ("thành phố", "Hà Nội", "1656/NQ-UBTVQH15")
_HY = ("tỉnh", "Hưng Yên", "1666/NQ-UBTVQH15")
_TN = ("tỉnh", "Tây Ninh", "1682/NQ-UBTVQH15")
BUILTIN: tuple[Formation, ...] = tuple(
    Formation(t, n, prov[0], prov[1], prov[2], _JUNE_16, tuple(parts))
    for t, n, prov, parts in [
        ("phường", "Thủy Nguyên", _HP, [_p("phường", "Dương Quan"), _p("phường", "Thủy Đường"),
                                        _p("phường", "Hoa Động", False), _p("phường", "An Lư", False),
                                        _p("phường", "Thủy Hà", False)]),
        ("phường", "Thiên Hương", _HP, [_p("phường", "Thiên Hương"), _p("phường", "Hoàng Lâm"),
                                        _p("phường", "Lê Hồng Phong", False), _p("phường", "Hoa Động", False)]),
        ("phường", "Hòa Bình", _HP, [_p("phường", "Hòa Bình"), _p("phường", "An Lư", False),
                                     _p("phường", "Thủy Hà", False)]),
        ("phường", "Nam Triệu", _HP, [_p("phường", "Nam Triệu Giang"), _p("phường", "Lập Lễ"),
                                      _p("phường", "Tam Hưng")]),
        ("phường", "Bạch Đằng", _HP, [_p("phường", "Minh Đức"), _p("xã", "Bạch Đằng", True, "thành phố Thủy Nguyên"),
                                      _p("phường", "Phạm Ngũ Lão")]),
        ("phường", "Hưng Đạo", _HP, [_p("phường", "Đa Phúc"), _p("phường", "Hưng Đạo"),
                                     _p("phường", "Anh Dũng", False), _p("phường", "Hải Thành", False)]),
        ("phường", "Hoàn Kiếm", _HN, [_p("phường", "Hàng Bạc"), _p("phường", "Hàng Bồ"), _p("phường", "Hàng Buồm"),
                                      _p("phường", "Hàng Đào"), _p("phường", "Hàng Gai"), _p("phường", "Hàng Mã"),
                                      _p("phường", "Lý Thái Tổ"), _p("phường", "Cửa Đông", False),
                                      _p("phường", "Cửa Nam", False), _p("phường", "Hàng Trống", False)]),
        ("xã", "Phúc Lộc", _HN, [_p("xã", "Nam Hà"), _p("xã", "Sen Phương"), _p("xã", "Vân Phúc"),
                                 _p("xã", "Võng Xuyên"), _p("xã", "Xuân Đình")]),
        ("phường", "Tùng Thiện", _HN, [_p("phường", "Xuân Khanh"), _p("phường", "Trung Sơn Trầm"),
                                       _p("xã", "Xuân Sơn"), _p("phường", "Trung Hưng", False),
                                       _p("phường", "Sơn Lộc", False), _p("xã", "Thanh Mỹ", False)]),
        ("phường", "Yên Sở", _HN, [_p("phường", "Thịnh Liệt", False), _p("phường", "Yên Sở", False),
                                   _p("xã", "Tứ Hiệp", False), _p("phường", "Hoàng Liệt", False)]),
        ("xã", "Tân Hưng", _HY, [_p("xã", "Thủ Sỹ"), _p("xã", "Phương Nam"), _p("xã", "Tân Hưng")]),
        ("xã", "Việt Tiến", _HY, [_p("xã", "Đồng Tiến", True, "huyện Khoái Châu"), _p("xã", "Dân Tiến"),
                                  _p("xã", "Việt Hòa")]),
        ("xã", "Nam Cường", _HY, [_p("xã", "Nam Thịnh"), _p("xã", "Nam Tiến"), _p("xã", "Nam Chính"),
                                  _p("xã", "Nam Cường")]),
        ("xã", "Tân Thuận", _HY, [_p("xã", "Tân Lập", True, "huyện Vũ Thư"), _p("xã", "Tự Tân"),
                                  _p("xã", "Bách Thuận")]),
        ("xã", "Hưng Điền", _TN, [_p("xã", "Hưng Hà"), _p("xã", "Hưng Điền B"), _p("xã", "Hưng Điền")]),
        ("xã", "Thủ Thừa", _TN, [_p("thị trấn", "Thủ Thừa"), _p("xã", "Bình Thạnh", False),
                                 _p("xã", "Tân Thành", False, "huyện Thủ Thừa"), _p("xã", "Nhị Thành")]),
        ("xã", "Vàm Cỏ", _TN, [_p("xã", "Tân Phước Tây"), _p("xã", "Nhựt Ninh"), _p("xã", "Đức Tân")]),
        ("phường", "Long Hoa", _TN, [_p("phường", "Long Thành Bắc"), _p("phường", "Long Hoa"),
                                     _p("xã", "Trường Hòa"), _p("xã", "Trường Tây"), _p("xã", "Trường Đông")]),
        ("xã", "An Lão", _HP, [_p("thị trấn", "An Lão"), _p("xã", "An Thắng"), _p("xã", "Tân Dân"),
                               _p("xã", "An Tiến"), _p("thị trấn", "Trường Sơn", False),
                               _p("xã", "Thái Sơn", False)]),
        ("xã", "Yết Kiêu", _HP, [_p("xã", "Thống Nhất", False), _p("xã", "Lê Lợi", False, "huyện Gia Lộc"),
                                 _p("xã", "Yết Kiêu", False)]),
    ]
)


# ------------------------------------------------------------------ harvesting resolutions

_UNIT_TYPES = ("thị trấn", "đặc khu", "phường", "xã")
_NUMBER = re.compile(r"Số:\s*(\d+/NQ-UBTVQH\d+)")
_PROVINCE = re.compile(r"cấp xã của (thành phố|tỉnh) ([^*\n]+?) năm 2025")
_ADOPTED = re.compile(r"thông qua ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_ITEM = re.compile(
    r"^\s*\d+\.\s*Sắp xếp(.+?)thành\s+(phường|xã|đặc khu)(?: mới)? có tên gọi là\s*([^\n]+)", re.M | re.S
)
_NEXT_ITEM = re.compile(r"\n\s*\d+\.\s*Sắp xếp")
# spaces lost in the published texts: "dân sốcủa", "Phú Thứthành", "phườngCổ Thành", "củacác xã", "cácxã"
_GLUED = (
    (re.compile(r"(?<=[a-zà-ỹ])(của|và|thành)(?=\s|[A-ZÀ-Ỹa-zà-ỹ])"), r" \1"),
    (re.compile(r"(phường|xã|trấn|các|của|và)(?=[A-ZÀ-Ỹ]|các|xã|phường|thị)"), r"\1 "),
    (re.compile(r"\bcủa\s+của\b"), "của"),
    (re.compile(r"\bPhường (?=\d)"), "phường "),
)
_ASIDE = re.compile(r"sau khi sắp xếp theo quy định tại.*?Điều\s*này", re.S)
_SHARE = re.compile(
    r"(toàn bộ diện tích tự nhiên, quy mô dân số(?: của)?|một phần diện tích tự nhiên(?:, quy mô dân số)?(?: của)?"
    r"|phần còn lại của)"
)
_QUALIFIER = re.compile(r"\(\s*((?:quận|huyện|thị xã|thành phố)\s+[^)]+?)\s*\)")
# list separators, including the glued "và" of the published texts ("Ngọvà Văn Đẩu", "vàxã Cẩm Hoàng")
_LIST_SPLIT = re.compile(r",|\s+và\s+|(?<=[a-zà-ỹ])và\s+|\s+và(?=các |phường|xã|thị trấn)")
_NAME = re.compile(r"^[A-ZÀ-Ỹ0-9][\w .'-]{0,38}$")


def harvest(folder: Path) -> list[Formation]:
    """(new unit, predecessors, province, resolution) tuples from the resolutions ``folder/res-*.md``."""
    found: list[Formation] = []
    for path in sorted(folder.glob("res-*.md")):
        text = path.read_text("utf-8").replace("*", " ")
        for pattern, repl in _GLUED:
            text = pattern.sub(repl, text)
        text = re.sub(r"[ \t]+", " ", text)
        number = _NUMBER.search(text)
        province = _PROVINCE.search(text)
        if not number or not province:
            continue
        adopted = _JUNE_16
        when = _ADOPTED.search(text)
        if when:
            day = date(int(when[3]), int(when[2]), int(when[1]))
            # the commune-level resolutions follow Resolution 202/2025/QH15 of 12 June 2025;
            # an earlier date in a copy is a typing slip, not a fact worth spreading
            adopted = day if day >= date(2025, 6, 12) else _JUNE_16
        prov_type, prov_name = province[1], " ".join(province[2].replace("*", " ").split())
        for item in _ITEM.finditer(text):
            if _NEXT_ITEM.search(item[1]):  # an item without a new name: do not run into the next one
                continue
            new = " ".join(item[3].split()).rstrip(".;: ")
            new_type = item[2]
            if new.startswith(new_type + " "):
                new = new[len(new_type) + 1 :]
            parts = _parts(item[1])
            if _NAME.match(new) and parts:
                found.append(Formation(new_type, new, prov_type, prov_name, number[1], adopted, tuple(parts)))
    return found


def _parts(body: str) -> list[Part]:
    body = _ASIDE.sub(" ", body)
    chunks = _SHARE.split(body)
    parts: list[Part] = []
    seen: set[tuple[str, str]] = set()
    for cue, segment in zip(chunks[1::2], chunks[2::2], strict=False):
        whole = cue.startswith("toàn bộ")
        kind: str | None = None
        for piece in _LIST_SPLIT.split(segment):
            district = None
            qualifier = _QUALIFIER.search(piece)
            if qualifier:
                district = " ".join(qualifier[1].split())
                piece = piece[: qualifier.start()] + piece[qualifier.end() :]
            piece = " ".join(piece.split())
            if piece.startswith("các "):
                piece = piece[4:]
            for word in _UNIT_TYPES:
                if piece.startswith(word + " "):
                    kind, piece = word, piece[len(word) + 1 :]
                    break
            if kind is None or not _NAME.match(piece) or " và" in piece or (kind, piece) in seen:
                continue
            seen.add((kind, piece))
            parts.append(Part(kind, piece, district, whole))
    return parts


def load_formations(corpus: Path | None = DEFAULT_CORPUS) -> tuple[list[Formation], str]:
    """The tuples to write about, and where they came from."""
    if corpus is not None and corpus.is_dir():
        found = harvest(corpus)
        if found:
            return found, f"{len(found)} units harvested from {corpus}/res-*.md"
    return list(BUILTIN), f"{len(BUILTIN)} built-in units ({corpus} not found)"


# ----------------------------------------------------------------------------- people

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Đinh", "Trịnh",
          "Phan", "Huỳnh", "Võ", "Lương", "Tạ", "Mai", "Đào")
MIDDLE_M = ("Văn", "Đức", "Minh", "Hữu", "Quốc", "Công", "Đình", "Xuân", "Thanh", "Anh", "Ngọc", "Trung")
MIDDLE_F = ("Thị", "Thu", "Thị Thanh", "Hồng", "Ngọc", "Thị Minh", "Thúy", "Kim")
GIVEN_M = ("Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Sơn", "Long", "Quang", "Bình", "Cường", "Thắng", "Thành",
           "Khải", "Đạt", "Huy", "Trọng", "Kiên", "Phúc", "Toàn", "Vinh")
GIVEN_F = ("Lan", "Hương", "Hà", "Thảo", "Trang", "Phương", "Mai", "Hoa", "Hạnh", "Liên", "Yến", "Nga", "Loan",
           "Huyền", "Oanh", "Dung")
REPORTERS = ("Minh Châu", "Bạch Băng", "Thu Hà", "Quang Vinh", "Hoài Nam", "Ngọc Ánh", "Đức Anh", "Lê Tâm",
             "Phạm Hưng", "Trà My")

# (title, whether it names the unit after it) -- the title as written before the place
TITLES = (
    "Bí thư Đảng ủy",
    "Phó Bí thư Thường trực Đảng ủy",
    "Phó Bí thư Đảng ủy, Chủ tịch UBND",
    "Chủ tịch UBND",
    "Chủ tịch HĐND",
    "Bí thư Đảng ủy, Chủ tịch HĐND",
    "Phó Chủ tịch UBND",
    "Phó Chủ tịch Thường trực HĐND",
    "Chủ tịch Ủy ban MTTQ Việt Nam",
    "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy",
)


def person(rng: random.Random) -> tuple[str, str]:
    """An invented name and its honorific (ông/bà)."""
    if rng.random() < 0.35:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}", "bà"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}", "ông"


# ----------------------------------------------------------------------------- numbers


def vn_int(value: int) -> str:
    """45210 -> "45.210" (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def vn_dec(value: float, places: int = 2) -> str:
    """12.5 -> "12,5"; 1234.56 -> "1.234,56"."""
    text = f"{value:,.{places}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def vn_date(day: date, rng: random.Random) -> str:
    return rng.choice(
        (
            f"{day.day}/{day.month}/{day.year}",
            f"{day.day:02d}/{day.month:02d}/{day.year}",
            f"{day.day} tháng {day.month} năm {day.year}",
            f"{day.day}-{day.month}-{day.year}",
        )
    )


@dataclass(frozen=True)
class Figures:
    area: float
    population: int
    households: int
    groups: int
    cells: int
    members: int
    income: int  # million đồng / person / year
    growth: float
    targets: tuple[int, int]
    insurance: float
    online: float
    budget: float
    income_2030: int
    growth_2030: float
    trained_2030: int


def figures(unit: Formation, seed: int, rng: random.Random) -> Figures:
    """Plausible figures for ``unit``: the same base for every article about it, a few drift per article."""
    base = random.Random(f"{seed}|{unit.province}|{unit.unit}")
    urban = unit.type == "phường"
    area = round(base.uniform(3, 25) if urban else base.uniform(15, 120), base.choice((1, 2)))
    population = base.randrange(18_000, 95_000) if urban else base.randrange(9_000, 48_000)
    households = population // base.randrange(3, 5)
    members = population // base.randrange(25, 45)
    income = base.randrange(55, 110) if urban else base.randrange(38, 75)
    if rng.random() < 0.15:  # newsrooms round, or quote an older figure
        population = round(population, -2)
    total = base.randrange(14, 25)
    return Figures(
        area=area,
        population=population,
        households=households,
        groups=base.randrange(12, 70),
        cells=base.randrange(20, 90),
        members=members,
        income=income,
        growth=round(base.uniform(6, 13), 1),
        targets=(base.randrange(total - 4, total + 1), total),
        insurance=round(base.uniform(85, 99), 1),
        online=round(base.uniform(80, 100), 1),
        budget=round(base.uniform(5, 18), 1),
        income_2030=income + base.randrange(25, 60),
        growth_2030=round(base.uniform(8, 14), 1),
        trained_2030=base.randrange(70, 90),
    )


# ----------------------------------------------------------------------------- templates

_COUNT_WORDS = {2: "hai", 3: "ba", 4: "bốn", 5: "năm", 6: "sáu"}


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1]


def _unit_list(parts: list[Part], rng: random.Random, counted: bool = True) -> str:
    """"các phường A, B và C" / "ba xã A, B, C (huyện X)" / "phường A, xã B (huyện X) và thị trấn C".

    No count word when ``counted`` is false: after "một phần", "ba xã" would read "one third"."""
    def named(part: Part, with_type: bool) -> str:
        text = f"{part.type} {part.name}" if with_type else part.name
        if part.district:
            text += rng.choice((f" ({part.district})", f" ({part.district} cũ)"))
        return text

    kinds = {p.type for p in parts}
    if len(parts) > 1 and len(kinds) == 1 and rng.random() < 0.7:
        lead = rng.choice(("các", _COUNT_WORDS.get(len(parts), "các"))) if counted else "các"
        return f"{lead} {parts[0].type} " + _join([named(p, False) for p in parts])
    return _join([named(p, True) for p in parts])


def components(unit: Formation, rng: random.Random) -> str:
    wholes = [p for p in unit.parts if p.whole]
    parts = [p for p in unit.parts if not p.whole]
    pieces = []
    if wholes:
        cue = rng.choice(("toàn bộ diện tích tự nhiên, quy mô dân số của", "toàn bộ", "nguyên trạng"))
        pieces.append(f"{cue} {_unit_list(wholes, rng)}")
    if parts:
        cue = rng.choice(("một phần diện tích tự nhiên, quy mô dân số của", "một phần", "một phần diện tích của"))
        pieces.append(f"{cue} {_unit_list(parts, rng, counted=False)}")
    return " và ".join(pieces)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def formation_sentences(u: Formation, rng: random.Random) -> list[str]:
    res, when = u.resolution, vn_date(u.adopted, rng)
    where = f"{u.unit} ({rng.choice(('TP.', 'TP', u.province_type))} {u.province})" if u.province_type == "thành phố" \
        else f"{u.unit} (tỉnh {u.province})"
    comp = components(u, rng)
    variant = rng.randrange(6)
    if variant == 0:
        return [f"Theo Nghị quyết số {res} ngày {when} của Ủy ban Thường vụ Quốc hội, {u.unit} được thành lập "
                f"trên cơ sở sáp nhập {comp}."]
    if variant == 1:
        return [f"{_cap(where)} được hình thành từ {comp}, theo Nghị quyết số {res} của Ủy ban Thường vụ Quốc hội "
                f"ban hành ngày {when}."]
    if variant == 2:
        return [f"Thực hiện Nghị quyết số {res} ngày {when}, {u.province_type} {u.province} sắp xếp {comp} "
                f"thành {u.type} mới có tên gọi là {u.unit}."]
    if variant == 3:
        return [f"{_cap(u.unit)} là kết quả của việc hợp nhất {comp}.",
                f"Việc sắp xếp được thực hiện theo Nghị quyết số {res} được Ủy ban Thường vụ Quốc hội thông qua "
                f"ngày {when}, có hiệu lực từ ngày 1/7/2025."]
    if variant == 4:
        return [f"Trên cơ sở {comp}, {u.unit} chính thức được thành lập theo Nghị quyết {res} ngày {when}."]
    return [f"{_cap(u.unit)} gồm {comp}.",
            f"Nghị quyết số {res} về sắp xếp các đơn vị hành chính cấp xã của {u.province_type} {u.province} "
            f"năm 2025 được ký ngày {when}."]


def official_sentences(u: Formation, rng: random.Random) -> list[str]:
    out = []
    titles = rng.sample(TITLES, rng.randrange(2, 5))
    quotes = (
        "bộ máy mới đã vận hành thông suốt ngay từ những ngày đầu",
        "việc tổ chức lại địa bàn mở ra dư địa lớn cho quy hoạch và phát triển hạ tầng",
        "địa phương ưu tiên giải quyết thủ tục hành chính cho người dân không để gián đoạn",
        "cán bộ, công chức đã được bố trí phù hợp với vị trí việc làm",
        f"{u.type} sẽ tập trung chỉnh trang đô thị và phát triển dịch vụ",
        "sự đồng thuận của Nhân dân là yếu tố quyết định thành công của việc sắp xếp",
    )
    for title in titles:
        name, hon = person(rng)
        place = rng.choice((u.unit, u.unit, ""))
        full = f"{title} {place}".strip()
        quote = rng.choice(quotes)
        verb = rng.choice(("cho biết", "nhấn mạnh", "khẳng định", "chia sẻ"))
        variant = rng.randrange(5)
        if variant == 0:
            out.append(f"{full} {name} {verb}, {quote}.")
        elif variant == 1:
            out.append(f"{_cap(hon)} {name}, {full}, {verb} {quote}.")
        elif variant == 2:
            out.append(f"Đồng chí {name} giữ chức {title} {u.unit}.")
        elif variant == 3:
            out.append(f"{title} {u.unit} nhiệm kỳ 2025 - 2030 là {hon} {name}.")
        else:
            out.append(f"{_cap(hon)} {name} được bầu giữ chức {title} {u.unit}.")
    return out


def figure_sentences(u: Formation, f: Figures, rng: random.Random) -> list[str]:
    groups = "tổ dân phố" if u.type == "phường" else rng.choice(("thôn", "thôn, tổ dân phố", "ấp"))
    kind = u.type
    out = []
    variant = rng.randrange(4)
    if variant == 0:
        out.append(f"Sau sắp xếp, {kind} có diện tích tự nhiên {vn_dec(f.area)} km², dân số {vn_int(f.population)} "
                   f"người với {vn_int(f.households)} hộ, được tổ chức thành {f.groups} {groups}.")
    elif variant == 1:
        out.append(f"{_cap(u.unit)} có diện tích {vn_dec(f.area)} km² và quy mô dân số "
                   f"{rng.choice(('khoảng ', 'trên ', ''))}{vn_int(f.population)} người.")
        out.append(f"Toàn {kind} hiện có {vn_int(f.households)} hộ gia đình, sinh sống tại {f.groups} {groups}.")
    elif variant == 2:
        out.append(f"Với diện tích tự nhiên {vn_dec(f.area)} km², {u.unit} là nơi sinh sống của "
                   f"{vn_int(f.population)} nhân khẩu thuộc {vn_int(f.households)} hộ dân.")
    else:
        out.append(f"{_cap(kind)} mới rộng {vn_dec(f.area)} km², dân số {vn_int(f.population)} người.")
    if rng.random() < 0.8:
        out.append(rng.choice((
            f"Đảng bộ {u.unit} có {f.cells} chi bộ trực thuộc với {vn_int(f.members)} đảng viên.",
            f"Toàn Đảng bộ hiện có {vn_int(f.members)} đảng viên, sinh hoạt tại {f.cells} chi bộ.",
            f"Đảng bộ {kind} gồm {f.cells} chi, đảng bộ trực thuộc, với tổng số {vn_int(f.members)} đảng viên.",
        )))
    return out


def result_sentences(u: Formation, f: Figures, rng: random.Random) -> list[str]:
    done, total = f.targets
    pool = [
        f"Nhiệm kỳ 2020 - 2025, các địa phương tiền thân của {u.unit} đã hoàn thành {done}/{total} chỉ tiêu "
        f"Nghị quyết đề ra; tốc độ tăng trưởng kinh tế bình quân đạt {vn_dec(f.growth, 1)}%/năm.",
        f"Năm 2024, thu nhập bình quân đầu người trên địa bàn đạt {f.income} triệu đồng/người/năm; tỷ lệ người "
        f"dân tham gia bảo hiểm y tế đạt {vn_dec(f.insurance, 1)}%.",
        f"Thu ngân sách bình quân tăng {vn_dec(f.budget, 1)}%/năm; {vn_dec(f.online, 1)}% hồ sơ thủ tục hành "
        "chính được giải quyết trực tuyến.",
        f"Trong nhiệm kỳ qua, {kind_of(u)} đạt và vượt {done}/{total} chỉ tiêu chủ yếu, thu nhập bình quân đạt "
        f"{f.income} triệu đồng/người/năm.",
    ]
    return rng.sample(pool, rng.randrange(1, 4))


def kind_of(u: Formation) -> str:
    return "các xã" if u.type == "xã" else "các phường, xã"


def target_sentences(u: Formation, f: Figures, rng: random.Random) -> list[str]:
    variant = rng.randrange(3)
    if variant == 0:
        return [f"Phấn đấu đến năm 2030, {u.unit} đạt thu nhập bình quân đầu người {f.income_2030} triệu đồng/năm, "
                f"tỷ lệ lao động qua đào tạo đạt {f.trained_2030}% và tốc độ tăng trưởng bình quân "
                f"{vn_dec(f.growth_2030, 1)}%/năm."]
    if variant == 1:
        return [f"Nhiệm kỳ 2025 - 2030, Đảng bộ {u.unit} đặt mục tiêu tốc độ tăng trưởng kinh tế bình quân "
                f"{vn_dec(f.growth_2030, 1)}%/năm, thu nhập bình quân đầu người đến năm 2030 đạt "
                f"{f.income_2030} triệu đồng."]
    return [f"Mục tiêu đến năm 2030, thu nhập bình quân đầu người của {u.unit} đạt {f.income_2030} triệu đồng, "
            f"tỷ lệ lao động qua đào tạo đạt {f.trained_2030}%."]


FILLER = (
    "Trụ sở làm việc của Đảng ủy, HĐND, UBND được bố trí tập trung, thuận tiện cho người dân đến giao dịch.",
    "Trung tâm phục vụ hành chính công tiếp nhận hồ sơ ngay từ ngày đầu vận hành, không để xảy ra gián đoạn.",
    "Nhiều tuyến đường giao thông nông thôn được bê tông hóa, hệ thống chiếu sáng công cộng được đầu tư mới.",
    "Người dân bày tỏ phấn khởi khi thủ tục hành chính được giải quyết nhanh hơn, ít phải đi lại hơn.",
    "Công tác an sinh xã hội được quan tâm, các gia đình chính sách và hộ nghèo được hỗ trợ kịp thời.",
    "Địa phương tiếp tục rà soát, sắp xếp trụ sở dôi dư để chuyển sang phục vụ mục đích công cộng.",
    "Hoạt động của các tổ chức chính trị - xã hội từng bước đi vào nền nếp sau khi sắp xếp.",
    "Lãnh đạo cấp trên đề nghị địa phương tập trung chuyển đổi số, nâng cao chất lượng phục vụ Nhân dân.",
    "Các lĩnh vực văn hóa, giáo dục, y tế có nhiều chuyển biến tích cực, đời sống Nhân dân được cải thiện.",
    "Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa tiếp tục được duy trì và lan tỏa.",
    "Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn được giữ vững.",
    "Đội ngũ cán bộ, công chức được sắp xếp lại theo vị trí việc làm, phát huy kinh nghiệm của từng người.",
    "Những tháng đầu vận hành, bộ phận một cửa đã tiếp nhận hàng nghìn lượt hồ sơ của người dân và doanh nghiệp.",
    "Địa phương đang hoàn thiện quy hoạch chung, định hướng phát triển các khu dân cư mới và cụm công nghiệp.",
    "Công tác cải cách hành chính được xác định là nhiệm vụ trọng tâm trong giai đoạn tới.",
)

SLOGANS = (
    "khởi đầu mới, kỳ vọng mới", "vận hành thông suốt chính quyền hai cấp", "đồng lòng xây dựng quê hương",
    "phát huy lợi thế sau sắp xếp", "hướng tới đô thị văn minh, hiện đại", "nâng cao chất lượng phục vụ Nhân dân",
)


def title_line(u: Formation, rng: random.Random) -> str:
    slogan = rng.choice(SLOGANS)
    return rng.choice((
        f"{_cap(u.unit)} sau sắp xếp: {slogan}",
        f"{_cap(u.unit)} ({u.province}) chính thức đi vào hoạt động",
        f"Đại hội Đảng bộ {u.unit} lần thứ I, nhiệm kỳ 2025 - 2030",
        f"{_cap(u.unit)}: {slogan}",
        f"Chính quyền {u.unit} vận hành mô hình hai cấp",
    ))


@dataclass(frozen=True)
class Article:
    index: int
    title: str
    text: str
    published: date
    url: str


def article(index: int, formations: list[Formation], seed: int) -> Article:
    """Article ``index`` for ``seed`` (independent of how many are generated)."""
    rng = random.Random(f"kg-bench|{seed}|{index}")
    u = rng.choice(formations)
    f = figures(u, seed, rng)
    published = date(2025, 7, 2) + timedelta(days=rng.randrange(0, 90))
    title = title_line(u, rng)
    lead = rng.choice((
        f"Từ ngày 1/7/2025, {u.unit} ({u.province}) chính thức vận hành bộ máy chính quyền địa phương hai cấp.",
        f"Sau hơn {rng.randrange(2, 12)} tuần đi vào hoạt động, bộ máy chính quyền {u.unit} đã dần ổn định.",
        f"Sáng {published.day}/{published.month}, {u.unit} tổ chức hội nghị sơ kết công tác sau sắp xếp.",
    ))
    paragraphs = [
        [lead],
        formation_sentences(u, rng),
        figure_sentences(u, f, rng),
        official_sentences(u, rng),
        result_sentences(u, f, rng),
        target_sentences(u, f, rng),
    ]
    size = sum(len(s.encode("utf-8")) + 1 for p in paragraphs for s in p) + len(title.encode("utf-8"))
    goal = rng.randrange(1_600, 2_700)
    fillers = rng.sample(FILLER, len(FILLER))
    while size < goal and fillers:
        sentence = fillers.pop()
        paragraphs[rng.randrange(1, len(paragraphs))].append(sentence)
        size += len(sentence.encode("utf-8")) + 1
    byline = f"{rng.choice(REPORTERS)} {published.day:02d}/{published.month:02d}/{published.year} " \
             f"{rng.randrange(6, 22):02d}:{rng.randrange(0, 60):02d}"
    body = "\n\n".join(" ".join(p) for p in paragraphs)
    text = f"{title}\n\n{byline}\n\n{body}\n"
    url = f"https://tin.example/thoi-su/bai-{seed}-{index:06d}"
    return Article(index, title, text, published, url)


def articles(n: int, formations: list[Formation], seed: int = 0) -> Iterator[Article]:
    for index in range(1, n + 1):
        yield article(index, formations, seed)


def write(n: int, outdir: Path, *, seed: int = 0, fmt: str = "txt", corpus: Path | None = DEFAULT_CORPUS) -> str:
    """Write ``n`` articles into ``outdir`` (created); returns a line saying what was written."""
    formations, origin = load_formations(corpus)
    outdir.mkdir(parents=True, exist_ok=True)
    total = 0
    if fmt == "jsonl":
        path = outdir / "articles.jsonl"
        with path.open("w", encoding="utf-8", newline="\n") as out:
            for a in articles(n, formations, seed):
                record = {"text": a.text, "title": a.title, "url": a.url, "date": a.published.isoformat()}
                line = json.dumps(record, ensure_ascii=False)
                out.write(line + "\n")
                total += len(a.text.encode("utf-8"))
    else:
        for a in articles(n, formations, seed):
            data = a.text.encode("utf-8")
            (outdir / f"article-{a.index:06d}.txt").write_bytes(data)
            total += len(data)
    mean = total / n if n else 0
    return f"wrote {n} articles ({fmt}, {total / 1e6:.1f} MB, {mean:,.0f} B each on average) to {outdir}; {origin}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("outdir", type=Path, help="folder to write them into (created)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--format", choices=("txt", "jsonl"), default="txt",
                        help="one .txt file per article, or one articles.jsonl (default txt)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help=f"folder with the resolutions res-*.md (default {DEFAULT_CORPUS})")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be >= 0")
    print(write(args.n, args.outdir, seed=args.seed, fmt=args.format, corpus=args.corpus), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

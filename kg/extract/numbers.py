"""Vietnamese numbers, dates and measured values.

Vietnamese writes ``.`` between thousands and ``,`` before decimals
(``5.861,612``); the press also writes plain ``9.26``. Dates come as
``16/6/2025``, ``16-6-2025`` and ``ngày 16 tháng 6 năm 2025``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d+(?!\.\d)|\d+"
_NUMBER_RE = re.compile(NUMBER)

DATE_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?![\d/])")
DATE_WORDS = re.compile(
    r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,\s*)?năm\s+((?:19|20)\d{2})", re.IGNORECASE
)
DAY_MONTH = re.compile(r"(?<=[Nn]gày )(\d{1,2})/(\d{1,2})(?![\d/])")
YEAR = re.compile(r"(?:năm|Năm|tháng \d{1,2}/)\s*((?:19|20)\d{2})(?!\d)")
YEAR_IN_PARENS = re.compile(r"\(\s*(?:19|20)\d{2}\s*\)")
PERIOD = re.compile(r"((?:19|20)\d{2})\s*(?:-+|–|—|đến)\s*((?:19|20)\d{2})")


def parse_number(text: str) -> float:
    """'1.450' → 1450, '11,47' → 11.47, '5.861,612' → 5861.612, '9.26' → 9.26."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    if "," in text:
        return float(text.replace(",", "."))
    return float(text)


def iso_date(day: str, month: str, year: str) -> str | None:
    d, m, y = int(day), int(month), int(year)
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


@dataclass(frozen=True)
class DateMention:
    iso: str
    start: int
    end: int


def find_dates(text: str) -> list[DateMention]:
    out = []
    for rx in (DATE_WORDS, DATE_NUMERIC):
        for m in rx.finditer(text):
            iso = iso_date(*m.groups())
            if iso and not any(d.start <= m.start() < d.end for d in out):
                out.append(DateMention(iso, m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Spans holding dates, years and periods: numbers there are not values."""
    spans = [(d.start, d.end) for d in find_dates(text)]
    for rx in (DAY_MONTH, YEAR, PERIOD, YEAR_IN_PARENS):
        spans.extend((m.start(), m.end()) for m in rx.finditer(text))
    return sorted(spans)


# ---------------------------------------------------------------- measured values
# unit words after a number, longest first; each gives the kind and a factor
_MONEY = [
    (r"nghìn tỷ đồng|ngàn tỷ đồng|nghìn tỉ đồng", 1e12),
    (r"tỷ đồng|tỉ đồng|tỷ|tỉ", 1e9),
    (r"triệu đồng|triệu", 1e6),
    (r"nghìn đồng|ngàn đồng", 1e3),
    (r"đồng|VNĐ|VND", 1.0),
]
_UNIT_RE = re.compile(
    r"\s*(?P<unit>"
    r"(?P<density>người\s*/\s*km\s*(?:²|2))"
    r"|(?P<area>km\s*²|km2|km\s2(?!\d)|ki-lô-mét vuông|kilômét vuông|ha(?![\w])|héc-ta|hécta|hecta)"
    r"|(?P<percent>%)"
    r"|(?P<yield>tạ\s*/\s*ha)"
    r"|(?P<money>" + "|".join(p for p, _ in _MONEY) + r")"
    r")(?P<per>(?:\s*/\s*(?:người|năm|tháng|ha|hộ))*)",
    re.IGNORECASE,
)


_SCALE = re.compile(r"\s*(nghìn|ngàn|triệu)(?=\s+(?:người|nhân khẩu|dân|hộ|lượt|đảng viên)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number in a sentence with what follows it."""

    value: float  # converted: km² for areas, đồng for money, percent for %
    kind: str  # area | percent | money | yield | density | fraction | number
    start: int
    end: int  # end of the number and its unit
    raw: str
    numerator: float | None = None
    denominator: float | None = None


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` outside dates and years, with its unit."""
    masks = masked_spans(text)
    out: list[Quantity] = []
    for m in re.finditer(r"(?<![\w,.])(" + NUMBER + r")(?:\s*/\s*(" + NUMBER + r"))?(?![\w])", text):
        if any(a <= m.start() < b for a, b in masks):
            continue
        num = parse_number(m.group(1))
        if m.group(2):
            den = parse_number(m.group(2))
            if den == 0:
                continue
            out.append(Quantity(num / den, "fraction", m.start(), m.end(), m.group(0), num, den))
            continue
        # "45 nghìn người", "1,2 triệu dân": a count in thousands or millions
        scale = _SCALE.match(text, m.end())
        if scale:
            factor = 1e3 if scale.group(1).lower() in ("nghìn", "ngàn") else 1e6
            out.append(Quantity(num * factor, "number", m.start(), scale.end(), text[m.start() : scale.end()]))
            continue
        u = _UNIT_RE.match(text, m.end())
        if u:
            kind = next(k for k in ("density", "area", "percent", "yield", "money") if u.group(k))
            value = num
            if kind == "area" and u.group("area").lower() in ("ha", "héc-ta", "hécta", "hecta"):
                value = num / 100
            if kind == "money":
                word = u.group("money").lower()
                value = num * next(f for p, f in _MONEY if re.fullmatch(p, word, re.IGNORECASE))
            out.append(Quantity(value, kind, m.start(), u.end(), text[m.start() : u.end()]))
        else:
            out.append(Quantity(num, "number", m.start(), m.end(), m.group(0)))
    return out

"""Vietnamese numbers, dates and measured values.

Vietnamese writes ``.`` between thousands and ``,`` before decimals
(``5.861,612``); the press also writes plain ``9.26``. Dates come as
``16/6/2025``, ``16-6-2025`` and ``ngày 16 tháng 6 năm 2025``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d+(?!\.\d)|\d+"
# "45 210 người": a space between thousands, only before a word (not between two numbers)
_SPACED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?=[ \u00a0\u202f]*[^\W\d])"
_NUMBER_RE = re.compile(NUMBER)

DATE_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?![\d/])")
DATE_WORDS = re.compile(
    r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,\s*)?năm\s+((?:19|20)\d{2})", re.IGNORECASE
)
DAY_MONTH = re.compile(r"(?<=[Nn]gày )(\d{1,2})/(\d{1,2})(?![\d/])")
YEAR = re.compile(r"(?:năm|Năm|tháng \d{1,2}/)\s*((?:19|20)\d{2})(?!\d)")
# the number of a document: "2345/QĐ-UBND", "76/2025/UBTVQH15"
DOCUMENT_NUMBER = re.compile(r"(?<![\w/])\d+(?:/\d+)*/[^\W\d_]")
YEAR_IN_PARENS = re.compile(r"\(\s*(?:19|20)\d{2}\s*\)")
PERIOD = re.compile(r"((?:19|20)\d{2})\s*(?:-+|–|—|đến)\s*((?:19|20)\d{2})")


def parse_number(text: str) -> float:
    """'1.450' → 1450, '11,47' → 11.47, '5.861,612' → 5861.612, '9.26' → 9.26."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+", text):
        return float(re.sub(r"\D", "", text))
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


# a telephone number: "0269.3845.112", "0913 456 789", "(0236) 3822 123", "1900 1234", "+84 24 3825 1234"
PHONE = re.compile(r"(?<![\w.,])(?:\+84[ .]?\d{1,3}|\(0\d{2,3}\)|0\d{2,4}|1[89]00)(?:[ .\-]?\d{2,4}){1,3}(?![\w])")


def _phone_numbers(text: str) -> list[tuple[int, int]]:
    """Telephone numbers: a leading 0 (or +84, or 1800/1900) and 8 digits or more in all."""
    return [(m.start(), m.end()) for m in PHONE.finditer(text) if sum(ch.isdigit() for ch in m.group(0)) >= 8]


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Spans holding dates, years, periods and telephone numbers: numbers there are not values."""
    spans = [(d.start, d.end) for d in find_dates(text)] + _phone_numbers(text)
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
    (r"đồng(?!\s+(?:chí|bào|bằng|thời|loạt|đội|ý))|VNĐ|VND", 1.0),  # not "1.560 đồng chí"
]
_UNIT_RE = re.compile(
    r"\s*(?P<unit>"
    r"(?P<density>người\s*/\s*km\s*(?:²|2))"
    r"|(?P<area>km\s*²|km2|km\s2(?!\d)|km vuông|ki-lô-mét vuông|kilômét vuông|ha(?![\w])|héc-ta|hécta|hecta)"
    r"|(?P<percent>%)"
    r"|(?P<yield>tạ\s*/\s*ha)"
    r"|(?P<money>" + "|".join(p for p, _ in _MONEY) + r")"
    r")(?P<per>(?:\s*/\s*(?:người|năm|tháng|ha|hộ))*)",
    re.IGNORECASE,
)


_SCALE = re.compile(r"\s*(nghìn|ngàn|vạn|triệu)(?=\s+(?:người|nhân khẩu|dân|hộ|lượt|đảng viên)\b)", re.IGNORECASE)


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
    monthly: bool = False  # "5,2 triệu đồng/người/tháng": a figure per month


# "9-10%", "từ 9 đến 10%": a range, read as its lower bound with the unit written after its upper one
_RANGE = re.compile(r"\s*(?:-|–|—|đến)\s*(" + NUMBER + r")(?![\w,.]\d)")


def _measured(num: float, u: re.Match[str], start: int, text: str) -> Quantity:
    kind = next(k for k in ("density", "area", "percent", "yield", "money") if u.group(k))
    value = num
    if kind == "area" and u.group("area").lower() in ("ha", "héc-ta", "hécta", "hecta"):
        value = num / 100
    if kind == "money":
        word = u.group("money").lower()
        value = num * next(f for p, f in _MONEY if re.fullmatch(p, word, re.IGNORECASE))
    monthly = bool(re.search(r"/\s*tháng", u.group("per") or ""))
    return Quantity(value, kind, start, u.end(), text[start : u.end()], monthly=monthly)


# numbers written in words: "mười hai thôn", "hơn hai nghìn hộ"
_DIGIT_WORDS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7,
                "tám": 8, "chín": 9}
_NUMBER_WORDS = set(_DIGIT_WORDS) | {"mười", "mươi", "trăm", "nghìn", "ngàn", "vạn", "linh", "lẻ"}
# alone, these words are other words too ("một số", "năm nay", "tư cách"): only in a longer number
_ONLY_IN_LONGER = {"một", "mốt", "năm", "lăm", "tư", "mươi", "trăm", "nghìn", "ngàn", "vạn", "linh", "lẻ"}
_WORD_RUN = re.compile(r"(?<!\w)(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
                       r"(?:\s+(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r"))*(?!\w)",
                       re.IGNORECASE)


def _word_number(words: list[str]) -> float | None:
    """'hai trăm ba mươi lăm' → 235, 'mười hai' → 12, 'hai nghìn' → 2000."""
    total = block = last = 0
    for w in words:
        if w in _DIGIT_WORDS:
            if last:
                return None
            last = _DIGIT_WORDS[w]
        elif w == "mười":
            block, last = block + 10, 0
        elif w == "mươi":
            block, last = block + last * 10, 0
        elif w == "trăm":
            block, last = block + last * 100, 0
        elif w in ("nghìn", "ngàn", "vạn"):
            total += (block + last) * (1e4 if w == "vạn" else 1e3)
            block = last = 0
    value = total + block + last
    return value or None


def _number_words(text: str, masks: list[tuple[int, int]]) -> list[Quantity]:
    out = []
    for m in _WORD_RUN.finditer(text):
        words = m.group(0).lower().split()
        while words and words[-1] in ("linh", "lẻ", "một", "năm"):
            words.pop()  # "ba năm qua": a span of years; "một" closes no number ("mốt" does)
        if not words or (len(words) == 1 and words[0] in _ONLY_IN_LONGER):
            continue
        end = m.start() + len(" ".join(words))
        if text[m.start() : end].lower() != " ".join(words):
            continue  # the words were split by other spaces: leave them
        if any(a <= m.start() < b for a, b in masks) or re.match(r"\s*\d", text[end:]) or _UNIT_RE.match(text, end):
            continue  # "năm 2024", "ba triệu đồng": read elsewhere or not a count
        value = _word_number(words)
        if value is not None:
            out.append(Quantity(value, "number", m.start(), end, text[m.start() : end]))
    return out


def find_quantities(text: str, *, words: bool = False) -> list[Quantity]:
    """Every number in ``text`` outside dates and years, with its unit; with ``words``, numbers written
    in words too ("mười hai thôn")."""
    masks = masked_spans(text) + [(m.start(), m.end()) for m in DOCUMENT_NUMBER.finditer(text)]
    out: list[Quantity] = []
    taken = 0  # the end of a range read as one quantity
    for m in re.finditer(r"(?<![\w,.])(" + _SPACED + "|" + NUMBER + r")(?:\s*/\s*(" + NUMBER + r"))?(?![\w])", text):
        if m.start() < taken or any(a <= m.start() < b for a, b in masks):
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
            factor = {"nghìn": 1e3, "ngàn": 1e3, "vạn": 1e4}.get(scale.group(1).lower(), 1e6)
            out.append(Quantity(num * factor, "number", m.start(), scale.end(), text[m.start() : scale.end()]))
            continue
        u = _UNIT_RE.match(text, m.end())
        if u:
            out.append(_measured(num, u, m.start(), text))
            continue
        r = _RANGE.match(text, m.end())
        u = _UNIT_RE.match(text, r.end()) if r else None
        if r and u and (u.group("percent") or u.group("money") or u.group("area")) \
                and parse_number(r.group(1)) > num:
            out.append(_measured(num, u, m.start(), text))
            taken = u.end()
            continue
        out.append(Quantity(num, "number", m.start(), m.end(), m.group(0)))
    if words:
        out = sorted(out + _number_words(text, masks), key=lambda q: q.start)
    return out

"""Read input files into :class:`~kg.facts.Document` records.

:func:`read_inputs` takes files and folders and yields, in a deterministic
order, one :class:`~kg.facts.Document` per article or one :class:`Skipped`
(with the reason) per input it could not use. Nothing is normalised here:
``Document.text`` is the decoded file exactly as read (for ``.html`` the
extracted main text, for ``.jsonl`` the ``text`` field), because evidence
offsets index into it.

Formats, by suffix (case-insensitive):

- ``.txt``: the title is the first non-empty line; a ``dd/mm/yyyy`` date in the
  first five lines (a byline) is the document date.
- ``.md``: the title is the first ``# `` heading, else the first non-empty line;
  the date as for ``.txt``.
- ``.html`` / ``.htm``: the main text (scripts, styles, navigation, headers,
  footers, asides, forms and menus dropped), one paragraph per block element,
  table rows as ``cell | cell``; the title from ``<title>`` or ``<h1>``.
- ``.jsonl``: one article per line, an object with ``text`` and optionally
  ``title``, ``url``, ``date``; each line is its own document
  (``source_file`` ``name.jsonl#L<n>``), a bad line is one :class:`Skipped`.

Only UTF-8 is read (a UTF-8 byte-order mark is allowed); no other encoding is
guessed.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.facts import Document

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000

#: suffix -> Document.kind
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}


@dataclass(frozen=True)
class Skipped:
    """An input that was not used, and why (a sentence a user can act on)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def read_inputs(
    paths: Sequence[Path | str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Skipped]:
    """Yield a :class:`Document` or a :class:`Skipped` for every input.

    Files are read in the order given; a folder is walked recursively in
    sorted order, keeping the supported suffixes (others, and hidden entries,
    are ignored). A file named explicitly with an unsupported suffix is skipped
    with a reason. The same file named twice is read once.
    """
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files, problems = _walk(path)
            yield from problems
            for file in files:
                key = _identity(file)
                if key in seen:
                    continue
                seen.add(key)
                yield from _read_file(file, max_bytes)
            if not files and not problems:
                yield Skipped(str(path), f"folder holds no {_suffix_list()} files")
            continue
        if not path.exists() and not path.is_symlink():
            yield Skipped(str(path), "no such file or folder")
            continue
        key = _identity(path)
        if key in seen:
            continue
        seen.add(key)
        if path.suffix.lower() not in SUFFIXES:
            yield Skipped(
                str(path),
                f"unsupported file type {path.suffix or '(no suffix)'!r}; kg reads {_suffix_list()}",
            )
            continue
        yield from _read_file(path, max_bytes)


# --------------------------------------------------------------------------- files


def _suffix_list() -> str:
    return ", ".join(SUFFIXES)


def _identity(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:  # pragma: no cover - resolve rarely fails
        return os.path.abspath(path)


def _walk(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """Supported files under ``folder``, sorted, not following symlinked folders;
    and a :class:`Skipped` for each folder that could not be listed."""
    entries: list[Path] = []
    problems: list[Skipped] = []

    def unreadable(err: OSError) -> None:
        where = err.filename or str(folder)
        problems.append(Skipped(str(where), f"folder cannot be read: {err.strerror or err}"))

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in SUFFIXES:
                entries.append(Path(root) / name)
    entries.sort(key=lambda p: p.relative_to(folder).parts)
    return entries, sorted(problems, key=lambda s: s.path)


def _read_bytes(path: Path, max_bytes: int) -> bytes | Skipped:
    where = str(path)
    try:
        if not path.exists():
            return Skipped(where, "no such file or folder")
        if not path.is_file():
            return Skipped(where, "not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            return Skipped(
                where,
                f"file is too large ({_human(size)}, {size} bytes; the limit is {_human(max_bytes)}, "
                f"{max_bytes} bytes)",
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        return Skipped(where, "cannot be read: permission denied")
    except OSError as err:
        return Skipped(where, f"cannot be read: {err.strerror or err}")
    if len(data) > max_bytes:  # grew while we looked
        return Skipped(where, f"file is too large (over the limit of {_human(max_bytes)}, {max_bytes} bytes)")
    return data


def _human(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} bytes"  # pragma: no cover


def _decode(data: bytes, where: str, *, offset: int = 0, first_line: int = 1) -> str | Skipped:
    """UTF-8 (with or without a byte-order mark) or a Skipped naming the bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Skipped(where, "file is UTF-16 encoded; kg reads UTF-8 only (save it as UTF-8)")
    if b"\x00" in data:
        at = data.index(b"\x00")
        return Skipped(where, f"binary file (NUL byte at byte offset {offset + at}), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1]
        line = first_line + data.count(b"\n", 0, err.start)
        return Skipped(
            where,
            f"not UTF-8: byte 0x{bad.hex().upper()} at byte offset {offset + err.start} "
            f"(line {line}) is not valid UTF-8; kg reads UTF-8 only (save the file as UTF-8)",
        )


def _read_file(path: Path, max_bytes: int) -> Iterator[Document | Skipped]:
    kind = SUFFIXES[path.suffix.lower()]
    data = _read_bytes(path, max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    if not data.strip():
        yield Skipped(str(path), "file is empty" if not data else "file holds only whitespace")
        return
    if kind == "jsonl":
        yield from _read_jsonl(path, data)
        return
    text = _decode(data, str(path))
    if isinstance(text, Skipped):
        yield text
        return
    if not text.strip():
        yield Skipped(str(path), "file holds only whitespace")
        return
    if kind in ("text", "markdown"):
        yield Document(
            source_file=path.name,
            path=str(path),
            text=text,
            title=_first_line(text) if kind == "text" else _markdown_title(text),
            date=_byline_date(text),
            kind=kind,
        )
    else:
        page = html_to_text(text)
        if not page.text.strip():
            yield Skipped(str(path), "the page has no main text (only scripts, menus or markup)")
            return
        yield Document(
            source_file=path.name,
            path=str(path),
            text=page.text,
            title=page.title,
            date=page.date,
            url=page.url,
            kind=kind,
        )


# --------------------------------------------------------------------------- text and markdown

_DMY = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _byline_date(text: str, lines: int = 5) -> str | None:
    """The first valid ``dd/mm/yyyy`` in the first ``lines`` non-empty lines, as ISO."""
    count = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        count += 1
        for match in _DMY.finditer(line):
            iso = _iso(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            if iso:
                return iso
        if count >= lines:
            break
    return None


_MD_HEADING = re.compile(r"^ {0,3}#(?!#)\s+(.*?)(?:\s+#+)?\s*$")


def _markdown_title(text: str) -> str:
    for line in text.splitlines():
        match = _MD_HEADING.match(line)
        if match and match.group(1).strip():
            return _strip_md(match.group(1))
    return _strip_md(_first_line(text).lstrip("#").strip())


def _strip_md(title: str) -> str:
    return re.sub(r"(\*\*|__|`)", "", title).strip()


def parse_date(value: str) -> str | None:
    """``yyyy-mm-dd`` (optionally followed by a time) or ``dd/mm/yyyy`` -> ISO date, else None."""
    value = value.strip()
    match = _ISO.match(value)
    if match:
        return _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _DMY.fullmatch(value.split(" ")[0]) if value else None
    if match:
        return _iso(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    return None


# --------------------------------------------------------------------------- jsonl


def _read_jsonl(path: Path, data: bytes) -> Iterator[Document | Skipped]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        decoded = _decode(data, str(path))
        assert isinstance(decoded, Skipped)
        yield decoded
        return
    offset = 0
    if data.startswith(b"\xef\xbb\xbf"):
        data, offset = data[3:], 3
    good = 0
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        start = offset
        offset += len(raw) + 1
        if not raw.strip():
            continue
        where = f"{path}#L{lineno}"
        line = _decode(raw, where, offset=start, first_line=lineno)
        if isinstance(line, Skipped):
            yield line
            continue
        item = _jsonl_item(path, lineno, line)
        if isinstance(item, Document):
            good += 1
        yield item
    log.debug("%s: %d articles", path, good)


def _jsonl_item(path: Path, lineno: int, line: str) -> Document | Skipped:
    where = f"{path}#L{lineno}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        return Skipped(where, f"line {lineno} is not valid JSON: {err.msg} (column {err.colno})")
    if not isinstance(obj, dict):
        return Skipped(where, f"line {lineno} is not a JSON object with a \"text\" field")
    text = obj.get("text")
    if not isinstance(text, str):
        return Skipped(where, f"line {lineno} has no \"text\" string field")
    if not text.strip():
        return Skipped(where, f"line {lineno}: \"text\" is empty")
    for key in ("title", "url", "date"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return Skipped(where, f"line {lineno}: \"{key}\" must be a string")
    date = None
    if obj.get("date"):
        date = parse_date(obj["date"])
        if date is None:
            return Skipped(
                where, f"line {lineno}: \"date\" {obj['date']!r} is not a date (write yyyy-mm-dd)"
            )
    return Document(
        source_file=f"{path.name}#L{lineno}",
        path=where,
        text=text,
        title=(obj.get("title") or _first_line(text)).strip(),
        date=date,
        url=obj.get("url") or None,
        kind="jsonl",
    )


# --------------------------------------------------------------------------- html


@dataclass(frozen=True)
class HtmlPage:
    text: str
    title: str = ""
    date: str | None = None
    url: str | None = None


def html_to_text(html: str) -> HtmlPage:
    """The main text of an HTML page: one paragraph per block, tables as ``a | b`` rows."""
    parser = _MainTextParser()
    parser.feed(html)
    parser.close()
    return parser.page()


# elements whose content is never main text
_DROP = frozenset(
    (
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "menu",
        "menuitem", "svg", "iframe", "button", "select", "textarea", "object", "embed", "canvas",
        "dialog",
    )
)
# ARIA roles and class/id tokens that mark page furniture
_DROP_ROLES = frozenset(
    (
        "navigation", "menu", "menubar", "banner", "contentinfo", "complementary", "search", "dialog",
    )
)
_DROP_TOKENS = frozenset(
    (
        "nav", "navbar", "navigation", "menu", "main-menu", "mainmenu", "submenu", "breadcrumb",
        "breadcrumbs", "sidebar", "share", "social", "cookie", "cookies",
    )
)
_BLOCK = frozenset(
    (
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
        "section", "article", "main", "figure", "figcaption", "table", "caption", "thead", "tbody",
        "tfoot", "ul", "ol", "dl", "address", "hr", "br", "body", "html", "center", "details",
        "summary",
    )
)
_VOID = frozenset(
    (
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr",
    )
)
_CELL = frozenset(("td", "th"))
_WS = re.compile(r"\s+")


class _MainTextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, drops its content)
        self.dropping = 0
        # blocks: (text, group) — consecutive blocks with the same non-None group join with "\n"
        self.blocks: list[tuple[str, object, bool]] = []  # (text, group, in main/article)
        self.current: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.lists: list[int] = []
        self.tables: list[int] = []
        self.counter = 0
        self.main_depth = 0
        self.article_depth = 0
        self.saw_main = False
        self.saw_article = False
        self.title_parts: list[str] | None = None
        self.title = ""
        self.h1_parts: list[str] | None = None
        self.h1 = ""
        self.meta_date: str | None = None
        self.time_date: str | None = None
        self.url: str | None = None
        self.pre = 0

    # -- structure

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(attributes)
            return
        if tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.url = self.url or attributes.get("href") or None
            return
        if tag == "time" and not self.time_date and attributes.get("datetime"):
            self.time_date = parse_date(attributes["datetime"])
        if tag in _VOID:
            if tag in ("br", "hr") and not self.dropping:
                self._break_line()
            return
        drop = self.dropping > 0 or self._drops(tag, attributes)
        if drop and not self.dropping:
            self._flush()
        self.stack.append((tag, drop))
        if drop:
            self.dropping += 1
            return
        if tag == "title":
            self.title_parts = []
            return
        if tag == "main":
            self.main_depth += 1
            self.saw_main = True
        elif tag == "article":
            self.article_depth += 1
            self.saw_article = True
        if tag == "h1" and self.h1_parts is None and not self.h1:
            self.h1_parts = []
        if tag == "pre":
            self.pre += 1
        if tag == "tr":
            self._end_row()
            self._flush()
            self.row = []
        elif tag in _CELL:
            self._end_cell()
            if self.row is None:
                self._flush()
                self.row = []
            self.cell = []
        elif tag == "table":
            self._end_row()
            self._flush()
            self.counter += 1
            self.tables.append(self.counter)
        elif tag in ("ul", "ol", "dl"):
            self._flush()
            self.counter += 1
            self.lists.append(self.counter)
        elif tag in _BLOCK:
            if self.cell is not None:
                self._cell_space()
            else:
                self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        # close up to the matching open element; ignore stray end tags
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                break
        else:
            return
        while len(self.stack) > index:
            open_tag, drop = self.stack.pop()
            self._close(open_tag, drop)

    def _close(self, tag: str, drop: bool) -> None:
        if drop:
            self.dropping -= 1
            return
        if tag == "title":
            if self.title_parts is not None:
                self.title = _collapse("".join(self.title_parts))
            self.title_parts = None
            return
        if tag == "h1" and self.h1_parts is not None:
            self.h1 = _collapse("".join(self.h1_parts))
            self.h1_parts = None
        if tag == "pre":
            self.pre -= 1
        if tag in _CELL:
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_row()
            if self.tables:
                self.tables.pop()
        elif tag in ("ul", "ol", "dl"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag in _BLOCK:
            if self.cell is not None:
                self._cell_space()
            else:
                self._flush()
        if tag == "main":
            self._flush()
            self.main_depth -= 1
        elif tag == "article":
            self._flush()
            self.article_depth -= 1

    def _drops(self, tag: str, attributes: dict[str, str]) -> bool:
        if tag in _DROP:
            return True
        if "hidden" in attributes or attributes.get("aria-hidden", "").lower() == "true":
            return True
        if attributes.get("role", "").lower() in _DROP_ROLES:
            return True
        tokens = set(attributes.get("class", "").lower().split())
        tokens.add(attributes.get("id", "").lower())
        return bool(tokens & _DROP_TOKENS)

    def _meta(self, attributes: dict[str, str]) -> None:
        key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or ""
        key = key.lower()
        content = attributes.get("content", "")
        if not content:
            return
        if key in ("article:published_time", "datepublished", "pubdate", "date", "dc.date", "dcterms.date"):
            self.meta_date = self.meta_date or parse_date(content)
        elif key == "og:url":
            self.url = self.url or content

    # -- text

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if self.cell is not None:
            self.cell.append(data)
        elif self.pre:
            self.current.append(data.replace("\n", "\x00"))  # keep preformatted line breaks
        else:
            self.current.append(data)

    def _cell_space(self) -> None:
        if self.cell is not None:
            self.cell.append(" ")

    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.row.append(_collapse("".join(self.cell)))
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None:
            cells = list(self.row)
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                group = ("table", self.tables[-1]) if self.tables else None
                self._emit(" | ".join(cells), group)
        self.row = None

    def _break_line(self) -> None:
        if self.cell is not None:
            self.cell.append(" ")
        else:
            self.current.append("\x00")  # a line break inside the paragraph

    def _flush(self) -> None:
        if self.row is not None and self.cell is None and self.current:
            # loose text inside a table row: treat it as a cell
            self.row.append(_collapse("".join(self.current)))
            self.current = []
            return
        raw = "".join(self.current)
        self.current = []
        lines = [_collapse(part) for part in raw.split("\x00")]
        text = "\n".join(line for line in lines if line)
        if not text:
            return
        group = ("list", self.lists[-1]) if self.lists else None
        self._emit(text, group)

    def _emit(self, text: str, group: object) -> None:
        inside = self.main_depth > 0 or self.article_depth > 0
        self.blocks.append((text, group, inside))

    # -- result

    def close(self) -> None:
        super().close()
        self._end_row()
        self._flush()
        if self.title_parts is not None:
            self.title = _collapse("".join(self.title_parts))
        if self.h1_parts is not None:
            self.h1 = _collapse("".join(self.h1_parts))

    def page(self) -> HtmlPage:
        blocks = self.blocks
        if (self.saw_main or self.saw_article) and any(inside for _, _, inside in blocks):
            blocks = [block for block in blocks if block[2]]
        out: list[str] = []
        previous: object = None
        for text, group, _ in blocks:
            if out:
                out.append("\n" if group is not None and group == previous else "\n\n")
            out.append(text)
            previous = group
        return HtmlPage(
            text="".join(out),
            title=self.title or self.h1,
            date=self.meta_date or self.time_date,
            url=self.url,
        )


def _collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "HtmlPage",
    "Skipped",
    "html_to_text",
    "parse_date",
    "read_inputs",
]

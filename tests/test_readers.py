"""kg.readers: every format, every reason to skip, text kept exactly as read."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from kg.facts import Document
from kg.readers import Skipped, html_to_text, parse_date, read_inputs

NFC = unicodedata.normalize("NFC", "Phường Hòa Bình được thành lập từ phường Thủy Hà.")
NFD = unicodedata.normalize("NFD", NFC)


def read(paths, **kwargs) -> list[Document | Skipped]:
    return list(read_inputs([Path(p) for p in paths], **kwargs))


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


# (file name, content, expected title, expected date, expected kind)
DOCUMENTS = [
    (
        "news.txt",
        "\n\nPhường Kinh Môn sau sáp nhập\n\nBạch Băng 15/08/2025 10:11\n\nNội dung.\n",
        "Phường Kinh Môn sau sáp nhập",
        "2025-08-15",
        "text",
    ),
    ("no-date.txt", "Tiêu đề\nKhông có ngày.\n", "Tiêu đề", None, "text"),
    ("bad-date.txt", "Tiêu đề\nNgày 31/02/2025 không có.\n", "Tiêu đề", None, "text"),
    (
        "late-date.txt",  # a date after the first five lines is not a byline
        "Tiêu đề\na\nb\nc\nd\ne\nngày 16/6/2025\n",
        "Tiêu đề",
        None,
        "text",
    ),
    ("wiki.md", "Dòng đầu\n\n# Hà Đông (phường)\n\nVăn bản.\n", "Hà Đông (phường)", None, "markdown"),
    ("no-heading.md", "Số: 1669/NQ-UBTVQH15 |\n\nVăn bản.\n", "Số: 1669/NQ-UBTVQH15 |", None, "markdown"),
    ("bold-heading.md", "# **Nghị quyết** #\n", "Nghị quyết", None, "markdown"),
    ("crlf.txt", "Tiêu đề\r\nDòng hai 01/07/2025\r\n", "Tiêu đề", "2025-07-01", "text"),
    ("upper.TXT", "Tiêu đề\n", "Tiêu đề", None, "text"),
]


@pytest.mark.parametrize(("name", "content", "title", "date", "kind"), DOCUMENTS)
def test_text_formats(tmp_path, name, content, title, date, kind):
    path = write(tmp_path, name, content)
    [doc] = read([path])
    assert isinstance(doc, Document)
    assert doc.text == content  # exactly as read: no normalisation, line ends kept
    assert (doc.title, doc.date, doc.kind) == (title, date, kind)
    assert doc.source_file == name
    assert doc.path == str(path)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("suffix", [".txt", ".md", ".jsonl", ".html"])
def test_unicode_forms_are_kept(tmp_path, form, suffix):
    sentence = NFC if form == "NFC" else NFD
    if suffix == ".jsonl":
        content = json.dumps({"text": sentence}, ensure_ascii=False) + "\n"
    elif suffix == ".html":
        content = f"<html><body><p>{sentence}</p></body></html>"
    else:
        content = sentence + "\n"
    [doc] = read([write(tmp_path, "doc" + suffix, content)])
    assert isinstance(doc, Document)
    assert sentence in doc.text
    assert unicodedata.is_normalized(form, doc.text)
    if form == "NFD":
        assert not unicodedata.is_normalized("NFC", doc.text)


def test_utf8_bom_is_dropped(tmp_path):
    [doc] = read([write(tmp_path, "bom.txt", b"\xef\xbb\xbfTi\xc3\xaau \xc4\x91\xe1\xbb\x81\n")])
    assert isinstance(doc, Document)
    assert doc.text == "Tiêu đề\n"
    assert doc.title == "Tiêu đề"


# (file name, bytes, words the reason must contain)
SKIPS = [
    (
        "latin1.txt",
        "Tiêu đề\nHòa Bình\n".encode("cp1258", errors="replace"),
        ["not UTF-8", "byte 0x", "offset"],
    ),
    ("latin1b.txt", b"abc\n\xe9t\xe9\n", ["not UTF-8", "0xE9", "byte offset 4", "line 2"]),
    ("empty.txt", b"", ["empty"]),
    ("blank.md", b"  \n\t\n", ["whitespace"]),
    ("binary.txt", b"PK\x03\x04\x00\x00binary", ["binary", "NUL"]),
    ("utf16.txt", "Tiêu đề".encode("utf-16"), ["UTF-16"]),
    ("empty.jsonl", b"", ["empty"]),
    ("binary.jsonl", b'{"text": "a"}\n\x00\x00', ["binary"]),
    ("scripts-only.html", b"<html><script>var a = 1;</script><nav>Menu</nav></html>", ["no main text"]),
]


@pytest.mark.parametrize(("name", "content", "words"), SKIPS)
def test_skips_with_a_reason(tmp_path, name, content, words):
    path = write(tmp_path, name, content)
    [item] = read([path])
    assert isinstance(item, Skipped)
    assert item.path == str(path)
    for word in words:
        assert word in item.reason


def test_non_utf8_names_the_byte(tmp_path):
    [item] = read([write(tmp_path, "x.txt", b"Ha\xf2a Binh\n")])
    assert isinstance(item, Skipped)
    assert "0xF2" in item.reason and "byte offset 2" in item.reason


def test_oversize(tmp_path):
    path = write(tmp_path, "big.txt", "Tiêu đề\n" + "x" * 200)
    [item] = read([path], max_bytes=100)
    assert isinstance(item, Skipped)
    assert "too large" in item.reason
    assert str(path.stat().st_size) in item.reason and "100 bytes" in item.reason
    [doc] = read([path], max_bytes=1000)
    assert isinstance(doc, Document)


def test_missing_path_and_unknown_suffix(tmp_path):
    pdf = write(tmp_path, "report.pdf", b"%PDF-1.4")
    missing = tmp_path / "nope.txt"
    items = read([missing, pdf])
    assert [type(i) for i in items] == [Skipped, Skipped]
    assert "no such file" in items[0].reason
    assert "unsupported file type '.pdf'" in items[1].reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable(tmp_path):
    path = write(tmp_path, "secret.txt", "Tiêu đề\n")
    path.chmod(0)
    try:
        [item] = read([path])
    finally:
        path.chmod(0o644)
    assert isinstance(item, Skipped)
    assert "permission denied" in item.reason


def test_unreadable_simulated(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", "Tiêu đề\n")
    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    [item] = read([path])
    assert isinstance(item, Skipped)
    assert "permission denied" in item.reason


def test_folder_recursive_sorted_and_filtered(tmp_path):
    write(tmp_path, "b.txt", "B\n")
    write(tmp_path, "a.md", "# A\n")
    write(tmp_path, "sub/c.html", "<title>C</title><p>c</p>")
    write(tmp_path, "sub/z/d.jsonl", '{"text": "d"}\n')
    write(tmp_path, "notes.pdf", b"%PDF")  # ignored silently inside a folder
    write(tmp_path, "x.gold.json", "{}")
    write(tmp_path, ".hidden.txt", "H\n")
    write(tmp_path, ".git/e.txt", "E\n")
    items = read([tmp_path])
    assert all(isinstance(i, Document) for i in items)
    assert [i.source_file for i in items] == ["a.md", "b.txt", "c.html", "d.jsonl#L1"]
    assert read([tmp_path]) == items  # deterministic


def test_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", "A\n")
    real_walk = os.walk

    def walk(top, onerror=None, followlinks=False):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, onerror=onerror, followlinks=followlinks)

    monkeypatch.setattr(os, "walk", walk)
    items = read([tmp_path])
    assert [type(i) for i in items] == [Skipped, Document]
    assert items[0].path == str(tmp_path / "locked")
    assert "folder cannot be read: Permission denied" in items[0].reason


def test_empty_folder_is_reported(tmp_path):
    write(tmp_path, "notes.pdf", b"%PDF")
    [item] = read([tmp_path])
    assert isinstance(item, Skipped)
    assert "no" in item.reason and ".txt" in item.reason


def test_same_file_twice_is_read_once(tmp_path):
    path = write(tmp_path, "a.txt", "A\n")
    assert len(read([path, tmp_path, path])) == 1


# ---------------------------------------------------------------- jsonl


def test_jsonl_one_document_per_line_and_a_bad_line(tmp_path):
    lines = [
        json.dumps(
            {"title": "Một", "url": "https://example.org/1", "date": "2025-07-01", "text": "Văn bản một."},
            ensure_ascii=False,
        ),
        "",
        "{not json",
        json.dumps({"text": "Văn bản hai.\nDòng hai.", "date": "16/06/2025"}, ensure_ascii=False),
        json.dumps({"title": "không có text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "   "}),
        json.dumps({"text": "x", "date": "hôm qua"}, ensure_ascii=False),
    ]
    path = write(tmp_path, "news.jsonl", "\n".join(lines) + "\n")
    items = read([path])
    docs = [i for i in items if isinstance(i, Document)]
    skips = [i for i in items if isinstance(i, Skipped)]
    assert [d.source_file for d in docs] == ["news.jsonl#L1", "news.jsonl#L4"]
    one, two = docs
    assert (one.title, one.url, one.date, one.text, one.kind) == (
        "Một",
        "https://example.org/1",
        "2025-07-01",
        "Văn bản một.",
        "jsonl",
    )
    assert (two.title, two.date, two.text) == ("Văn bản hai.", "2025-06-16", "Văn bản hai.\nDòng hai.")
    assert [s.path for s in skips] == [f"{path}#L{n}" for n in (3, 5, 6, 7, 8)]
    assert "line 3 is not valid JSON" in skips[0].reason
    assert '"text"' in skips[1].reason
    assert "JSON object" in skips[2].reason
    assert "empty" in skips[3].reason
    assert "not a date" in skips[4].reason


def test_jsonl_bad_bytes_on_one_line(tmp_path):
    good = json.dumps({"text": "Hòa Bình"}, ensure_ascii=False).encode("utf-8")
    path = write(tmp_path, "mixed.jsonl", good + b"\n" + b'{"text": "H\xf2a"}\n' + good + b"\n")
    items = read([path])
    assert [type(i) for i in items] == [Document, Skipped, Document]
    assert items[1].path.endswith("#L2")
    assert "0xF2" in items[1].reason and f"byte offset {len(good) + 1 + 11}" in items[1].reason
    assert "line 2" in items[1].reason


# ---------------------------------------------------------------- html

PAGE = """<!DOCTYPE html>
<html><head><title>Phường Hòa Bình ra mắt | Báo Mẫu</title>
<meta property="article:published_time" content="2025-07-02T08:00:00+07:00">
<link rel="canonical" href="https://example.org/hoa-binh">
<style>p { color: red }</style><script>var s = "<p>không phải nội dung</p>";</script></head>
<body>
<header><div class="logo">Báo Mẫu</div></header>
<nav><ul><li>Trang chủ</li><li>Thời sự</li></ul></nav>
<div class="main-menu">Menu phụ</div>
<h1>Phường Hòa Bình ra mắt</h1>
<p>Phường Hòa Bình được thành lập trên cơ sở sáp nhập
   toàn bộ phường Hòa Bình &amp; phần còn lại của phường An Lư.</p>
<p>Dòng một<br>Dòng hai</p>
<table>
  <tr><th>Đơn vị cũ</th><th>Tỷ lệ</th></tr>
  <tr><td>phường Hòa Bình</td><td>toàn bộ</td></tr>
  <tr><td>phường An Lư</td><td>phần còn lại</td></tr>
</table>
<ul><li>Diện tích 9,8 km²</li><li>Dân số 31.500 người</li></ul>
<aside>Tin liên quan: phường Khác</aside>
<form><input name="q"><button>Tìm</button></form>
<footer>© Báo Mẫu, phường Cuối</footer>
</body></html>"""

EXPECTED_PAGE = (
    "Phường Hòa Bình ra mắt\n\n"
    "Phường Hòa Bình được thành lập trên cơ sở sáp nhập toàn bộ phường Hòa Bình & "
    "phần còn lại của phường An Lư."
    "\n\nDòng một\nDòng hai\n\n"
    "Đơn vị cũ | Tỷ lệ\nphường Hòa Bình | toàn bộ\nphường An Lư | phần còn lại\n\n"
    "Diện tích 9,8 km²\nDân số 31.500 người"
)


def test_html_main_text(tmp_path):
    [doc] = read([write(tmp_path, "page.html", PAGE)])
    assert isinstance(doc, Document)
    assert doc.text == EXPECTED_PAGE
    assert doc.title == "Phường Hòa Bình ra mắt | Báo Mẫu"
    assert doc.date == "2025-07-02"
    assert doc.url == "https://example.org/hoa-binh"
    assert doc.kind == "html"
    for dropped in ("không phải nội dung", "Trang chủ", "Menu phụ", "Tin liên quan", "Cuối", "Tìm", "color"):
        assert dropped not in doc.text


# (html, expected text)
HTML_CASES = [
    ("<p>a</p><p>b</p>", "a\n\nb"),
    ("<div>a<div>b</div>c</div>", "a\n\nb\n\nc"),
    ("<h2>Tiêu đề</h2>Đoạn", "Tiêu đề\n\nĐoạn"),
    ("<p>không đóng<p>thẻ", "không đóng\n\nthẻ"),
    ("<table><tr><td><p>a</p><p>b</p></td><td>c</td></tr></table>", "a b | c"),
    ("<table><tr><td>a<td>b<tr><td>c<td>d</table>", "a | b\nc | d"),
    ("<main><p>chính</p></main><p>ngoài</p>", "chính"),
    ("<article><p>bài</p></article><div>quảng cáo</div>", "bài"),
    ("<p hidden>ẩn</p><p aria-hidden='true'>ẩn</p><p>hiện</p>", "hiện"),
    ("<div role='navigation'>menu</div><p>x</p>", "x"),
    ("<pre>a\n  b</pre>", "a\nb"),
    ("<p>a&nbsp;b &lt;c&gt;</p>", "a b <c>"),
    ("<p>thẻ lạc</span> vẫn đọc</p>", "thẻ lạc vẫn đọc"),
]


@pytest.mark.parametrize(("html", "text"), HTML_CASES)
def test_html_blocks(html, text):
    assert html_to_text(html).text == text


def test_html_title_falls_back_to_h1():
    assert html_to_text("<h1>Xã Tân Hưng</h1><p>x</p>").title == "Xã Tân Hưng"


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2025-06-16", "2025-06-16"),
        ("2025-06-16T10:11:00+07:00", "2025-06-16"),
        ("16/6/2025", "2025-06-16"),
        ("31/02/2025", None),
        ("June 2025", None),
        ("", None),
    ],
)
def test_parse_date(value, iso):
    assert parse_date(value) == iso


def test_samples_are_readable(repo_root):
    from kg.api import sample_inputs

    items = read(sample_inputs())
    assert items and all(isinstance(i, Document) for i in items)
    assert len(items) == 5
    assert all(unicodedata.is_normalized("NFC", i.text) for i in items)

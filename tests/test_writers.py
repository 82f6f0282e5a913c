"""kg.writers: atomic, deterministic output in every registered format."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, XSD
from rdflib.plugin import plugins
from rdflib.serializer import Serializer

from kg.errors import OutputError, UsageError
from kg.writers import (
    PREFIXES,
    resolve_format,
    serialize_graph,
    serializer_formats,
    write_graph,
    write_text_atomic,
)

VNADM = Namespace(PREFIXES["vnadm"])
ID = Namespace(PREFIXES["id"])


def triples() -> list:
    unit = ID["unit/hai-phong/phuong-hoa-binh"]
    old = ID["unit/hai-phong/former/phuong-an-lu"]
    out = [
        (unit, RDF.type, VNADM.Ward),
        (unit, VNADM.name, Literal("Hòa Bình")),
        (unit, VNADM.predecessor, old),
        (old, VNADM.name, Literal("An Lư")),
        (unit, VNADM.area, Literal("9.8", datatype=XSD.decimal)),
        (unit, VNADM.population, Literal(31500)),
        (ID["doc/a"], VNADM.sourceFile, Literal("a.txt")),
        (ID["doc/a"], URIRef("http://purl.org/dc/terms/title"), Literal("Phường Hòa Bình", lang="vi")),
    ]
    for i in range(20):
        out.append((ID[f"obs/a/{i}"], VNADM.value, Literal(i)))
        out.append((ID[f"obs/a/{i}"], VNADM.refUnit, unit))
    return out


def make_graph(seed: int) -> Graph:
    """The same content, added in a different order, with different blank node ids."""
    rows = triples()
    random.Random(seed).shuffle(rows)
    graph = Graph()
    for row in rows:
        graph.add(row)
    # blank nodes: a report-like structure and an RDF list
    first, second = BNode(), BNode()
    shuffled = [
        (ID.report, VNADM.result, first),
        (first, VNADM.message, Literal("thiếu vnadm:name")),
        (ID.report, VNADM.result, second),
        (second, VNADM.message, Literal("giá trị âm")),
        (second, VNADM.related, first),
    ]
    random.Random(seed + 1).shuffle(shuffled)
    for row in shuffled:
        graph.add(row)
    head = BNode()
    Collection(graph, head, [Literal("c"), Literal("a"), Literal("b")])
    graph.add((ID.ordered, VNADM.items, head))
    return graph


FORMATS = serializer_formats()


def test_formats_come_from_rdflib_registry():
    registered = {p.name for p in plugins(kind=Serializer)}
    assert {"turtle", "ttl", "nt", "nquads", "trig", "json-ld", "xml"} <= set(FORMATS)
    assert {"nq", "jsonld"} <= set(FORMATS)  # short aliases
    assert all(name in registered or name in ("nq", "jsonld") for name in FORMATS)
    assert not any("/" in name for name in FORMATS)


@pytest.mark.filterwarnings("ignore:Assertions on:UserWarning")  # pretty-xml and RDF lists
@pytest.mark.parametrize("fmt", FORMATS)
def test_deterministic_in_every_format(fmt):
    one = serialize_graph(make_graph(1), fmt)
    two = serialize_graph(make_graph(2), fmt)
    assert one == two
    assert one  # something was written


PARSE = {"ttl": "turtle", "nq": "nquads", "jsonld": "json-ld", "longturtle": "turtle", "pretty-xml": "xml"}


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "xml", "n3", "longturtle"])
def test_round_trip(fmt):
    from rdflib.compare import isomorphic

    original = make_graph(3)
    back = Graph().parse(data=serialize_graph(original, fmt), format=PARSE.get(fmt, fmt))
    assert isomorphic(back, original)


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_quad_formats_write_a_plain_graph_as_the_default_graph(fmt):
    original = make_graph(4)
    back = Dataset().parse(data=serialize_graph(original, fmt), format=fmt)
    assert len(back) == len(original)


def test_turtle_uses_the_model_prefixes():
    text = serialize_graph(make_graph(5), "turtle").decode("utf-8")
    assert f"@prefix vnadm: <{PREFIXES['vnadm']}> ." in text
    assert f"@prefix id: <{PREFIXES['id']}> ." in text
    assert "Hòa Bình" in text  # UTF-8, not escaped


def test_line_formats_are_sorted():
    lines = serialize_graph(make_graph(6), "nt").decode("utf-8").splitlines()
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("g.ttl", "turtle"),
        ("g.nt", "nt"),
        ("g.nq", "nquads"),
        ("g.trig", "trig"),
        ("g.jsonld", "json-ld"),
        ("G.TTL", "turtle"),
        ("g.rdf", "xml"),
    ],
)
def test_format_from_extension(tmp_path, name, fmt):
    assert resolve_format(None, tmp_path / name) == fmt
    write_graph(make_graph(7), tmp_path / name)
    assert (tmp_path / name).read_bytes() == serialize_graph(make_graph(8), fmt)


def test_explicit_format_wins_over_extension(tmp_path):
    write_graph(make_graph(1), tmp_path / "g.ttl", "nt")
    assert (tmp_path / "g.ttl").read_bytes() == serialize_graph(make_graph(1), "nt")


def test_unknown_format_and_extension():
    with pytest.raises(UsageError, match="Available formats:.*turtle"):
        resolve_format("docx")
    with pytest.raises(UsageError, match="cannot tell the RDF format"):
        resolve_format(None, Path("graph.docx"))


# ---------------------------------------------------------------- atomicity


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_serializer_failure_leaves_target_untouched(tmp_path, monkeypatch):
    target = tmp_path / "graph.rdf"  # written by rdflib
    target.write_text("old content\n", encoding="utf-8")

    def broken(self, *args, **kwargs):
        raise RuntimeError("serializer exploded")

    monkeypatch.setattr(Graph, "serialize", broken)
    with pytest.raises(OutputError, match="serializer exploded"):
        write_graph(make_graph(1), target)
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("name", "writer"), [("graph.ttl", "turtle_chunks"), ("graph.nt", "ntriples_chunks")])
def test_failure_while_streaming_leaves_target_untouched(tmp_path, monkeypatch, name, writer):
    import kg.writers as writers

    target = tmp_path / name
    target.write_text("old content\n", encoding="utf-8")
    seen: list[str] = []

    def broken(*args, **kwargs):
        yield "@prefix ex: <http://example.org/> .\n"  # a first chunk reaches the temporary file
        seen.extend(leftovers(tmp_path))
        raise RuntimeError("writer exploded")

    monkeypatch.setattr(writers, writer, broken)
    with pytest.raises(OutputError, match="writer exploded"):
        write_graph(make_graph(1), target)
    assert seen  # the temporary file was being written ...
    assert leftovers(tmp_path) == []  # ... and is gone
    assert target.read_text(encoding="utf-8") == "old content\n"


def test_unwritable_text_is_an_output_error(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old content\n", encoding="utf-8")
    graph = Graph()
    graph.add((ID.a, VNADM.name, Literal("lone \ud800 surrogate")))  # no UTF-8 for it
    with pytest.raises(OutputError, match="cannot write the graph as turtle"):
        write_graph(graph, target)
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failure_while_writing_removes_the_temp_file(tmp_path, monkeypatch, failing):
    import kg.writers as writers

    target = tmp_path / "graph.ttl"
    target.write_text("old content\n", encoding="utf-8")
    seen: list[str] = []

    def boom(*args, **kwargs):
        seen.extend(leftovers(tmp_path))  # the temp file existed at that point
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writers.os, failing, boom)
    with pytest.raises(OutputError, match="No space left"):
        write_graph(make_graph(1), target)
    assert seen  # a temporary file was used ...
    assert leftovers(tmp_path) == []  # ... and removed
    assert target.read_text(encoding="utf-8") == "old content\n"


def test_interrupt_while_writing_removes_the_temp_file(tmp_path, monkeypatch):
    import kg.writers as writers

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(writers.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(tmp_path / "out.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_write_text_atomic(tmp_path):
    path = tmp_path / "note.txt"
    write_text_atomic(path, "Hòa Bình\n")
    assert path.read_bytes() == "Hòa Bình\n".encode()
    write_text_atomic(path, "mới\n")
    assert path.read_text(encoding="utf-8") == "mới\n"
    assert leftovers(tmp_path) == []


def test_missing_folder_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_graph(make_graph(1), tmp_path / "no" / "such" / "graph.ttl")


def test_existing_mode_is_kept(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("x")
    path.chmod(0o640)
    write_graph(make_graph(1), path)
    assert path.stat().st_mode & 0o777 == 0o640

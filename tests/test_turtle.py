"""kg.turtle: fast, deterministic Turtle (and N-Triples) that rdflib reads back to the same graph."""

from __future__ import annotations

import hashlib
import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

import kg
from kg.turtle import (
    escape_iri,
    group_triples,
    ntriples_chunks,
    quote_literal,
    statements,
    to_turtle,
    turtle_chunks,
    valid_prefix,
    write_turtle,
)
from kg.writers import PREFIXES, serialize_graph, write_graph

EX = Namespace("http://example.org/ns#")
ID = Namespace(PREFIXES["id"])
VNADM = Namespace(PREFIXES["vnadm"])
PFX = {"ex": str(EX), "id": str(ID), "vnadm": str(VNADM), "xsd": str(XSD), "rdf": str(RDF), "rdfs": str(RDFS)}


def graph_of(triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def turtle(graph: Graph, prefixes=None) -> str:
    return to_turtle(graph, PFX if prefixes is None else prefixes)


def parse(text: str, fmt: str = "turtle") -> Graph:
    return Graph().parse(data=text, format=fmt)


def comparable(graph: Graph) -> Graph:
    """``graph`` with every IRI percent-encoded: rdflib.compare cannot hash IRIs that contain spaces or quotes."""

    def term(node):
        if isinstance(node, URIRef):
            return URIRef(quote(node, safe=""))
        if isinstance(node, Literal) and node.datatype is not None:
            return Literal(str(node), datatype=term(node.datatype), normalize=False)
        return node

    return graph_of((term(s), term(p), term(o)) for s, p, o in graph)


def same_graph(one: Graph, two: Graph) -> bool:
    return len(one) == len(two) and isomorphic(comparable(one), comparable(two))


def assert_round_trip(graph: Graph, prefixes=None) -> str:
    text = turtle(graph, prefixes)
    back = parse(text)
    assert same_graph(back, graph), text
    nt = "".join(ntriples_chunks(statements(graph)))
    assert same_graph(parse(nt, "nt"), graph), nt
    return text


# ---------------------------------------------------------------- tricky cases

TRICKY_LEXICAL = [
    "",
    "plain",
    'say "hi"',
    "back\\slash",
    "\\",
    '\\"',
    "line\nbreak",
    "carriage\rreturn",
    "crlf\r\n",
    "tab\there",
    "nul\x00bell\x07esc\x1bdel\x7f",
    "c1 \x85 \x9f",
    "separators \u2028 \u2029",
    "\u0301 lone combining mark first",
    "Hòa Bình – Phường Hòa Bình",
    "emoji 🏛️ and astral 𝔘",
    '"""',
    "'single' and '''triple'''",
    "ends with backslash \\",
    "# not a comment",
    "@prefix x: <y> .",
    "<http://not-an-iri>",
    " leading and trailing spaces ",
]


@pytest.mark.parametrize("lexical", TRICKY_LEXICAL)
def test_tricky_string_literals_round_trip(lexical):
    graph = graph_of(
        [
            (EX.s, EX.plain, Literal(lexical)),
            (EX.s, EX.lang, Literal(lexical, lang="vi")),
            (EX.s, EX.string, Literal(lexical, datatype=XSD.string)),
            (EX.s, EX.custom, Literal(lexical, datatype=URIRef("http://example.org/dt/my type"))),
        ]
    )
    text = assert_round_trip(graph)
    assert "\t" not in text and "\r" not in text
    assert text.count("\n") == len(text.splitlines())  # no stray line breaks inside literals


@pytest.mark.parametrize(
    "literal",
    [
        Literal("9.8", datatype=XSD.decimal),
        Literal("-0.50", datatype=XSD.decimal),
        Literal(Decimal("1234.5")),
        Literal(31500),
        Literal("007", datatype=XSD.integer),
        Literal("+5", datatype=XSD.integer),
        Literal("2025-07-01", datatype=XSD.date),
        Literal(True),
        Literal("1", datatype=XSD.boolean),
        Literal("not a number", datatype=XSD.integer),
        Literal("1.0E3", datatype=XSD.double),
        Literal("x", datatype=URIRef("http://example.org/types#odd.")),
        Literal("x", datatype=URIRef("urn:example:type")),
        Literal("Hòa Bình", lang="vi"),
        Literal("Hoa Binh", lang="vi-Latn-VN"),
        Literal("Peace", lang="en-GB"),
    ],
    ids=repr,
)
def test_typed_and_tagged_literals_round_trip_with_their_lexical_form(literal):
    graph = graph_of([(EX.s, EX.p, literal)])
    text = assert_round_trip(graph)
    (back,) = parse(text).objects(EX.s, EX.p)
    assert str(back) == str(literal)
    assert back.datatype == literal.datatype and back.language == literal.language


def test_literal_forms():
    graph = graph_of(
        [
            (EX.s, EX.a, Literal("9.80", datatype=XSD.decimal, normalize=False)),
            (EX.s, EX.b, Literal("Hòa Bình", lang="vi")),
            (EX.s, EX.c, Literal('a "q"\n')),
            (EX.s, EX.d, Literal("x", datatype=URIRef("http://other.org/t/y"))),
        ]
    )
    text = turtle(graph)
    assert 'ex:a "9.80"^^xsd:decimal' in text  # the lexical form as it is, never reformatted
    assert 'ex:b "Hòa Bình"@vi' in text  # UTF-8, not escaped
    assert r'ex:c "a \"q\"\n"' in text
    assert 'ex:d "x"^^<http://other.org/t/y>' in text


TRICKY_IRIS = [
    "http://example.org/ns#plain",
    "http://example.org/ns#with/slash",
    "http://example.org/ns#per%20cent",
    "http://example.org/ns#ends.",
    "http://example.org/ns#mid.dle",
    "http://example.org/ns#-dash-first",
    "http://example.org/ns#123",
    "http://example.org/ns#",
    "http://example.org/ns#Hòa",
    "http://example.org/ns#a b",
    "http://example.org/ns#<angle>",
    'http://example.org/ns#"quote"',
    "http://example.org/ns#{}|^`",
    "http://example.org/ns#back\\slash",
    "http://example.org/ns#tab\tnl\n",
    "http://example.org/ns#colon:inside",
    "http://example.org/ns#q?x=1&y=2",
    "https://w3id.org/vnadm/id/unit/hai-phong/phuong-hoa-binh",
    "urn:isbn:0451450523",
    "http://例え.jp/パス",
]


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize("iri", TRICKY_IRIS)
def test_tricky_iris_round_trip(iri):
    node = URIRef(iri)
    graph = graph_of([(node, EX.p, node), (EX.s, node, Literal("o")), (EX.s, EX.q, Literal("x", datatype=node))])
    text = assert_round_trip(graph)
    assert "\t" not in text


@pytest.mark.filterwarnings("ignore")
def test_iris_that_are_not_safe_local_names_are_written_in_full():
    cases = {
        "with/slash": "<http://example.org/ns#with/slash>",
        "per%20cent": "<http://example.org/ns#per%20cent>",
        "ends.": "<http://example.org/ns#ends.>",
        "-dash": "<http://example.org/ns#-dash>",
        "Hòa": "<http://example.org/ns#Hòa>",
        "a b": r"<http://example.org/ns#a\u0020b>",
        "x<y>": r"<http://example.org/ns#x\u003Cy\u003E>",
        "back\\slash": r"<http://example.org/ns#back\u005Cslash>",
        "ok_name-1": "ex:ok_name-1",
        "123": "ex:123",
        "": "ex:",
    }
    graph = graph_of([(EX.s, EX.p, EX[local]) for local in cases])
    text = turtle(graph)
    for written in cases.values():
        assert f" {written}" in text


def test_escapes():
    assert quote_literal('a"b\\c\nd\re\tf\x00g\x7f') == r'"a\"b\\c\nd\re\tf\u0000g\u007F"'
    assert quote_literal("Hòa Bình") == '"Hòa Bình"'
    assert escape_iri('http://x/ <>"{}|^`\\') == r"http://x/\u0020\u003C\u003E\u0022\u007B\u007D\u007C\u005E\u0060\u005C"
    assert escape_iri("http://x/Hòa%20") == "http://x/Hòa%20"


def test_blank_nodes_do_not_crash_and_round_trip():
    a, b, odd = BNode(), BNode("weird id/with space"), BNode("x")
    graph = graph_of(
        [
            (a, RDF.type, EX.Thing),
            (a, EX.knows, b),
            (b, EX.knows, a),
            (b, EX.name, Literal("b")),
            (EX.s, EX.has, odd),
            (odd, EX.self, odd),
        ]
    )
    text = assert_round_trip(graph)
    assert "_:b" in text
    text_ids = "".join(turtle_chunks(statements(graph), PFX, stable_bnodes=False))
    assert isomorphic(parse(text_ids), graph)


def test_unwritable_terms_raise_type_error():
    graph = Graph()
    graph.add((Literal("subject"), EX.p, EX.o))
    with pytest.raises(TypeError, match="as a subject"):
        to_turtle(graph)


# ---------------------------------------------------------------- property test

LOCAL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
IRIS = st.one_of(
    st.sampled_from([EX.a, EX.b, ID["unit/x"], VNADM.Ward, URIRef("urn:x:y"), RDF.type]),
    st.builds(lambda local: URIRef(str(EX) + local), LOCAL),
    st.builds(lambda local: URIRef("http://other.example/" + local), LOCAL),
)
LEXICAL = st.text(max_size=40)
LANG = st.from_regex(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8}){0,2}", fullmatch=True)
DATATYPES = st.sampled_from(
    [XSD.decimal, XSD.integer, XSD.date, XSD.boolean, XSD.string, URIRef("http://example.org/dt#custom")]
)
LITERALS = st.one_of(
    st.builds(Literal, LEXICAL),
    st.builds(lambda text, lang: Literal(text, lang=lang), LEXICAL, LANG),
    st.builds(lambda text, dt: Literal(text, datatype=dt), LEXICAL, DATATYPES),
    st.builds(Literal, st.integers()),
    st.builds(Literal, st.decimals(allow_nan=False, allow_infinity=False, places=3)),
    st.builds(Literal, st.dates()),
    st.builds(Literal, st.booleans()),
)
BNODES = st.sampled_from([BNode("n1"), BNode("n2"), BNode("n3")])
TRIPLES = st.lists(
    st.tuples(st.one_of(IRIS, BNODES), IRIS, st.one_of(IRIS, LITERALS, BNODES)), min_size=1, max_size=12
)


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TRIPLES, st.randoms(use_true_random=False))
def test_round_trip_property(triples, rnd):
    graph = graph_of(triples)
    text = assert_round_trip(graph)
    shuffled = list(graph)
    rnd.shuffle(shuffled)
    assert turtle(graph_of(shuffled)) == text  # insertion order does not matter


# ---------------------------------------------------------------- determinism


def unit_triples() -> list:
    unit = ID["unit/hai-phong/phuong-hoa-binh"]
    rows = [
        (unit, RDF.type, VNADM.Ward),
        (unit, RDF.type, VNADM.AdministrativeUnit),
        (unit, VNADM.name, Literal("Hòa Bình")),
        (unit, VNADM.area, Literal("9.8", datatype=XSD.decimal)),
        (unit, VNADM.population, Literal(31500)),
        (unit, RDFS.label, Literal("Hòa Bình", lang="vi")),
        (unit, RDFS.label, Literal("Hoa Binh", lang="en")),
    ]
    rows += [(ID[f"obs/{i}"], VNADM.value, Literal(i)) for i in range(30)]
    rows += [(ID[f"obs/{i}"], VNADM.refUnit, unit) for i in range(30)]
    return rows


def with_blank_nodes(graph: Graph, seed: int) -> Graph:
    first, second = BNode(), BNode()  # fresh random ids each time
    rows = [
        (ID.report, VNADM.result, first),
        (first, VNADM.message, Literal("one")),
        (ID.report, VNADM.result, second),
        (second, VNADM.message, Literal("two")),
        (second, VNADM.related, first),
    ]
    random.Random(seed).shuffle(rows)
    for row in rows:
        graph.add(row)
    return graph


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_bytes_whatever_the_insertion_order(seed):
    rows = unit_triples()
    reference = turtle(with_blank_nodes(graph_of(rows), 0))
    random.Random(seed).shuffle(rows)
    assert turtle(with_blank_nodes(graph_of(rows), seed)) == reference
    assert serialize_graph(with_blank_nodes(graph_of(rows), seed), "ttl") == serialize_graph(
        with_blank_nodes(graph_of(unit_triples()), 0), "turtle"
    )


def test_public_triples_and_store_index_give_the_same_text():
    graph = with_blank_nodes(graph_of(unit_triples()), 0)
    graph.add((EX.gone, EX.p, Literal("removed")))
    graph.remove((EX.gone, None, None))  # leaves empty entries in the store's index
    assert "gone" not in turtle(graph)
    via_index = "".join(turtle_chunks(statements(graph), PFX))
    via_triples = "".join(turtle_chunks(group_triples(graph), PFX))
    assert via_index == via_triples
    duplicated = list(graph) + list(graph)  # repeated triples are written once
    assert "".join(turtle_chunks(group_triples(duplicated), PFX)) == via_index
    assert "".join(ntriples_chunks(group_triples(duplicated))) == "".join(ntriples_chunks(statements(graph)))


def test_small_chunks_give_the_same_text():
    graph = with_blank_nodes(graph_of(unit_triples()), 0)
    whole = "".join(turtle_chunks(statements(graph), PFX))
    assert "".join(turtle_chunks(statements(graph), PFX, chunk_size=1)) == whole
    assert "".join(turtle_chunks(statements(graph), PFX, chunk_size=7)) == whole
    nt = "".join(ntriples_chunks(statements(graph)))
    assert "".join(ntriples_chunks(statements(graph), chunk_size=3)) == nt


HASHSEED_SCRIPT = """
import hashlib, sys
sys.path.insert(0, {tests!r})
from test_turtle import unit_triples, with_blank_nodes, graph_of
from kg.writers import serialize_graph
graph = with_blank_nodes(graph_of(unit_triples()), 0)
print(hashlib.sha256(serialize_graph(graph, "turtle") + serialize_graph(graph, "nt")).hexdigest())
"""


def test_same_bytes_whatever_the_hash_seed():
    script = HASHSEED_SCRIPT.format(tests=str(Path(__file__).parent))
    digests = set()
    for seed in ("0", "1", "12345"):
        env = {"PYTHONHASHSEED": seed, "PATH": ""}
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        digests.add(run.stdout.strip())
    graph = with_blank_nodes(graph_of(unit_triples()), 0)
    here = hashlib.sha256(serialize_graph(graph, "turtle") + serialize_graph(graph, "nt")).hexdigest()
    assert digests == {here}


def test_layout():
    text = turtle(with_blank_nodes(graph_of(unit_triples()), 0))
    head, _, body = text.partition("\n\n")
    assert head.splitlines() == sorted(head.splitlines())  # @prefix lines sorted by prefix
    unit_block = next(block for block in body.split("\n\n") if "phuong-hoa-binh> a" in block)
    assert unit_block == (
        "<https://w3id.org/vnadm/id/unit/hai-phong/phuong-hoa-binh> a vnadm:AdministrativeUnit,\n"
        "        vnadm:Ward ;\n"
        '    rdfs:label "Hoa Binh"@en,\n'
        '        "Hòa Bình"@vi ;\n'
        '    vnadm:area "9.8"^^xsd:decimal ;\n'
        '    vnadm:name "Hòa Bình" ;\n'
        '    vnadm:population "31500"^^xsd:integer .'
    )
    subjects = [block.split(" ", 1)[0] for block in body.split("\n\n")]
    expanded = [s if s.startswith(("<", "_:")) else f"<{PFX[s.split(':')[0]]}{s.split(':', 1)[1]}>" for s in subjects]
    assert expanded == sorted(expanded)  # subjects in N-Triples order
    assert text.endswith(" .\n") and not text.endswith("\n\n")


def test_ntriples_lines_are_sorted_and_distinct():
    graph = with_blank_nodes(graph_of(unit_triples()), 0)
    lines = "".join(ntriples_chunks(statements(graph))).splitlines()
    assert lines == sorted(set(lines))
    assert len(lines) == len(graph)


# ---------------------------------------------------------------- prefixes


def test_only_used_prefixes_are_declared_sorted():
    graph = graph_of([(EX.s, RDF.type, EX.Thing), (EX.s, EX.p, Literal(1))])
    text = to_turtle(graph, {"zz": "http://unused.org/", "xsd": str(XSD), "ex": str(EX), "rdf": str(RDF)})
    assert text.startswith(
        "@prefix ex: <http://example.org/ns#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n"
    )
    assert "ex:s a ex:Thing ;" in text  # rdf:type is "a", so rdf: is not declared
    assert "unused" not in text


def test_rdf_type_elsewhere_than_predicate():
    graph = graph_of([(EX.s, EX.p, RDF.type), (RDF.type, RDFS.label, Literal("type")), (EX.s, RDF.type, EX.C)])
    # there, a prefixed name only when the prefix is declared for other terms anyway
    text = assert_round_trip(graph, {"ex": str(EX), "rdfs": str(RDFS), "rdf": str(RDF)})
    assert "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> rdfs:label" in text
    assert "ex:s a ex:C ;\n    ex:p <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ." in text
    assert "@prefix rdf:" not in text
    graph.add((EX.list, RDF.first, EX.s))
    text = assert_round_trip(graph, {"ex": str(EX), "rdfs": str(RDFS), "rdf": str(RDF)})
    assert "rdf:type rdfs:label" in text and "ex:p rdf:type ." in text


def test_prefix_choice():
    graph = graph_of([(EX.s, EX.p, URIRef("http://example.org/ns#deep/er")), (EX.s, EX.q, EX["deep/x"])])
    prefixes = {"ex": str(EX), "deep": str(EX) + "deep/", "bad prefix": "http://example.org/", "1x": str(EX)}
    text = assert_round_trip(graph, prefixes)
    assert "ex:p deep:er" in text  # the longest namespace that leaves a safe local name
    assert "ex:q deep:x" in text
    assert "bad prefix" not in text and "1x:" not in text
    # two prefixes for one namespace: the smaller one, whatever the mapping's order
    for order in ({"b": str(EX), "a": str(EX)}, {"a": str(EX), "b": str(EX)}):
        assert to_turtle(graph_of([(EX.s, EX.p, EX.o)]), order).startswith("@prefix a: ")


def test_empty_prefix_and_escaped_namespace():
    graph = graph_of([(URIRef("http://x.org/a b/s"), URIRef("http://x.org/a b/p"), Literal("o"))])
    text = assert_round_trip(graph, {"": "http://x.org/a b/"})
    assert r"@prefix : <http://x.org/a\u0020b/> ." in text
    assert ":s :p " in text


def test_valid_prefix():
    assert valid_prefix("ex") and valid_prefix("") and valid_prefix("a1-b_c")
    assert not valid_prefix("1a") and not valid_prefix("a b") and not valid_prefix("_a") and not valid_prefix("a.")


def test_write_turtle_defaults_to_the_graphs_prefixes():
    graph = graph_of([(EX.s, EX.p, EX.o)])
    graph.bind("eg", EX)
    out = __import__("io").StringIO()
    write_turtle(graph, out)
    assert out.getvalue().startswith("@prefix eg: <http://example.org/ns#> .\n\neg:s eg:p eg:o .\n")


def test_empty_graph():
    assert to_turtle(Graph()) == ""
    assert parse(to_turtle(Graph())).__len__() == 0


# ---------------------------------------------------------------- kg.write_graph


def kg_graph() -> Graph:
    graph = with_blank_nodes(graph_of(unit_triples()), 0)
    graph.bind("vn", VNADM)  # overridden by the model's vnadm:
    graph.bind("ex", EX)
    graph.add((EX.thing, RDFS.label, Literal("bound by the graph")))
    graph.add((URIRef("https://w3id.org/vnadm/concept/province/hai-phong"), RDFS.label, Literal("Hải Phòng")))
    return graph


@pytest.mark.parametrize("name", ["g.ttl", "g.turtle", "g.nt"])
def test_write_graph_uses_kg_turtle(tmp_path, monkeypatch, name):
    def no_rdflib(self, *args, **kwargs):
        raise AssertionError("rdflib's serializer was used")

    graph = kg_graph()
    monkeypatch.setattr(Graph, "serialize", no_rdflib)
    write_graph(graph, tmp_path / name)
    data = (tmp_path / name).read_bytes()
    assert data == serialize_graph(graph, "nt" if name.endswith(".nt") else "turtle")
    monkeypatch.undo()
    assert isomorphic(Graph().parse(tmp_path / name, format="nt" if name.endswith(".nt") else "turtle"), graph)


def test_write_graph_turtle_prefixes(tmp_path):
    kg.write_graph(kg_graph(), tmp_path / "g.ttl")
    text = (tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert f"@prefix vnadm: <{PREFIXES['vnadm']}> ." in text  # the model's name wins over the graph's vn:
    assert "@prefix vn:" not in text
    assert "@prefix ex: <http://example.org/ns#> ." in text  # the graph's own binding
    assert "@prefix vnprov: <https://w3id.org/vnadm/concept/province/> ." in text  # kg.namespaces
    assert "vnprov:hai-phong rdfs:label" in text
    assert "@prefix skos:" not in text  # not used


def test_write_graph_dataset_is_the_union(tmp_path):
    dataset = Dataset()
    dataset.graph(URIRef("http://example.org/g1")).add((EX.s, EX.p, Literal("one")))
    dataset.graph(URIRef("http://example.org/g2")).add((EX.s, EX.p, Literal("two")))
    dataset.graph(URIRef("http://example.org/g2")).add((EX.s, EX.p, Literal("one")))
    write_graph(dataset, tmp_path / "d.ttl")
    back = Graph().parse(tmp_path / "d.ttl", format="turtle")
    assert set(back) == {(EX.s, EX.p, Literal("one")), (EX.s, EX.p, Literal("two"))}


def test_graph_sharing_a_store_writes_only_its_own_triples():
    dataset = Dataset()
    one = dataset.graph(URIRef("http://example.org/g1"))
    one.add((EX.s, EX.p, Literal("one")))
    dataset.graph(URIRef("http://example.org/g2")).add((EX.s, EX.p, Literal("two")))
    text = to_turtle(one, PFX)
    assert '"one"' in text and '"two"' not in text

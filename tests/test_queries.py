"""The canned queries of queries/*.rq: they parse, carry their header, and return
the expected rows on tests/fixtures/query_graph.ttl (two documents that disagree)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.term import Node, URIRef

from kg.comparison import add_comparison_keys
from kg.query import PREFIXES, canned_query, list_queries, prepare, query_params, run_query
from kg.resources import queries_dir

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
NEWS = "news-an-phong.txt"
RES = "res-1669-hai-phong.md"
ALL_FILES = sorted(queries_dir().glob("*.rq"))
REQUIRED = {
    "lineage",
    "successors",
    "units-by-resolution",
    "officials",
    "person-posts",
    "indicators",
    "ranking",
    "provenance",
    "disagreements",
    "units",
}


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(FIXTURE, format="turtle")


def short(term: Node | None) -> str:
    """A term as the tables below write it: ``id:…``/``vnadm:…`` for IRIs, the lexical form otherwise."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix in ("vnadm", "id", "ind", "role"):
            if str(term).startswith(PREFIXES[prefix]):
                return f"{prefix}:{str(term)[len(PREFIXES[prefix]) :]}"
    return str(term)


def select(graph: rdflib.Graph, name: str, params: dict[str, str], columns: tuple[str, ...]) -> list[tuple]:
    query = canned_query(name)
    result = run_query(graph, query.text, params=params, source=query.source)
    missing = set(columns) - set(result.vars)
    assert not missing, f"{name} has no column {missing}"
    return [tuple(short(record[c]) for c in columns) for record in result.records()]


# ------------------------------------------------------------------ the files themselves


def test_the_required_queries_exist() -> None:
    assert {q.name for q in list_queries()} >= REQUIRED


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_query_file_parses(path: Path) -> None:
    prepare(path.read_text(encoding="utf-8"), source=f"queries/{path.name}")


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_query_file_declares_its_prefixes(path: Path) -> None:
    """Each file runs in any SPARQL engine: it does not lean on kg's predeclared prefixes."""
    text = path.read_text(encoding="utf-8")
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines() if not line.lstrip().startswith("#"))
    declared = set(re.findall(r"PREFIX\s+([\w-]*):", code))
    used = set(re.findall(r"(?<![\w<?\"-])([a-z][\w-]*):\w", code)) - {"http", "https"}
    assert used <= declared, f"undeclared prefixes {used - declared}"


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_canned_query_has_its_header(query) -> None:
    assert query.name == query.path.stem
    assert query.summary and query.summary.endswith(".")
    assert query.example.startswith(f"kg query {query.name}")
    lines = query.text.splitlines()
    assert lines[0] == f"# name: {query.name}"
    assert lines[1].startswith("# summary: ")
    for param, description in query.params:
        assert description, f"{param} has no description"
        assert re.search(rf"[?$]{param}\b", query.text), f"param {param} is not a variable of the query"
        assert re.search(rf"IF\(BOUND\(\?{param}\)", query.text), f"param {param} is not optional"
    assert query_params(query.text) == query.params


def test_private_queries_are_not_listed() -> None:
    names = {q.name for q in list_queries()}
    assert not any(name.startswith("_") for name in names)
    assert canned_query("_stats-counts").name == "_stats-counts"


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_params_are_never_output_columns(query, graph: rdflib.Graph) -> None:
    """A parameter only filters; a column of the same name would be unbound or confusing."""
    result = run_query(graph, query.text, source=query.source)
    assert not {p for p, _ in query.params} & set(result.vars)


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_canned_query_returns_rows_without_params(query, graph: rdflib.Graph) -> None:
    assert run_query(graph, query.text, source=query.source).rows


# ------------------------------------------------------------------ expected rows

CASES = [
    (
        "lineage",
        {"unit": "An Phong"},
        ("predecessorName", "predecessorClass", "share", "file"),
        [
            ("An Dương", "vnadm:Township", "vnadm:Whole", NEWS),
            ("An Hưng", "vnadm:Commune", "vnadm:Whole", NEWS),
            ("Lê Thiện", "vnadm:Commune", "vnadm:Whole", NEWS),
            ("Đại Bản", "vnadm:Commune", "vnadm:Part", NEWS),
            ("An Hưng", "vnadm:Commune", "vnadm:Part", RES),
            ("Lê Thiện", "vnadm:Commune", "vnadm:Whole", RES),
        ],
    ),
    (
        "lineage",
        {"unit": "phường kinh môn"},  # the label, in another case
        ("newName", "predecessorName", "formerDistrict", "resolution", "evidence"),
        [
            (
                "Kinh Môn",
                "An Lưu",
                "thị xã Kinh Môn",
                "1669/NQ-UBTVQH15",
                "Sắp xếp toàn bộ phường An Lưu và phường Hiệp An thành phường Kinh Môn.",
            ),
            (
                "Kinh Môn",
                "Hiệp An",
                "thị xã Kinh Môn",
                "1669/NQ-UBTVQH15",
                "Sắp xếp toàn bộ phường An Lưu và phường Hiệp An thành phường Kinh Môn.",
            ),
        ],
    ),
    (
        "lineage",
        {"unit": "https://w3id.org/vnadm/id/unit/hai-phong/phuong-kinh-mon"},
        ("predecessorName", "component"),
        [
            ("An Lưu", "id:component/res-1669-hai-phong-md-5e6f7a8b/c3"),
            ("Hiệp An", "id:component/res-1669-hai-phong-md-5e6f7a8b/c4"),
        ],
    ),
    ("lineage", {"unit": "Lê Thiện"}, ("predecessorName",), []),  # an old unit has no lineage
    (
        "successors",
        {"unit": "An Hưng"},
        ("oldClass", "formerDistrict", "successorName", "successorClass", "share", "file"),
        [
            ("vnadm:Commune", "huyện An Dương", "An Phong", "vnadm:Ward", "vnadm:Whole", NEWS),
            ("vnadm:Commune", "huyện An Dương", "An Phong", "vnadm:Ward", "vnadm:Part", RES),
        ],
    ),
    (
        "successors",
        {"unit": "xã đại bản"},
        ("oldName", "successorName", "share", "file"),
        [("Đại Bản", "An Phong", "vnadm:Part", NEWS)],
    ),
    (
        "units-by-resolution",
        {"resolution": "1669/nq-ubtvqh15"},
        ("number", "adoptedOn", "newName", "newClass", "province", "files"),
        [
            ("1669/NQ-UBTVQH15", "2025-06-16", "An Phong", "vnadm:Ward", "Hải Phòng", NEWS),
            ("1669/NQ-UBTVQH15", "2025-06-17", "An Phong", "vnadm:Ward", "Hải Phòng", RES),
            ("1669/NQ-UBTVQH15", "2025-06-17", "Kinh Môn", "vnadm:Ward", "Hải Phòng", RES),
        ],
    ),
    (
        "units-by-resolution",
        {"resolution": "1669"},  # the number alone; a number parameter is a typed literal
        ("newName", "adoptedOn"),
        [("An Phong", "2025-06-16"), ("An Phong", "2025-06-17"), ("Kinh Môn", "2025-06-17")],
    ),
    ("units-by-resolution", {"resolution": "1656/NQ-UBTVQH15"}, ("newName",), []),
    (
        "officials",
        {"unit": "An Phong"},
        ("holderName", "roleKey", "roleLabel", "title", "organization", "file"),
        [
            ("Lê Khắc Nguyên Anh", "council-chair", "Chủ tịch HĐND", "Chủ tịch HĐND phường", "", NEWS),
            (
                "Lê Khắc Nguyên Anh",
                "party-secretary",
                "Bí thư",
                "Bí thư Đảng ủy",
                "Đảng ủy phường An Phong",
                NEWS,
            ),
            # no vnadm:jurisdiction: the unit comes from the organ's vnadm:ofUnit
            (
                "Nguyễn Văn Bình",
                "committee-chair",
                "Chủ tịch UBND",
                "Chủ tịch UBND phường",
                "UBND phường An Phong",
                NEWS,
            ),
            ("Nguyễn Văn Bình", "committee-chair", "Chủ tịch UBND", "Chủ tịch UBND", "", RES),
        ],
    ),
    (
        "officials",
        {"role": "party-secretary"},
        ("jurisdictionName", "holderName", "holder"),
        [
            ("An Phong", "Lê Khắc Nguyên Anh", "id:person/hai-phong/le-khac-nguyen-anh"),
            ("Kinh Môn", "Trần Thị Hoa", "id:person/hai-phong/tran-thi-hoa"),
        ],
    ),
    (
        "officials",
        {"unit": "Kinh Môn", "role": "committee-chair"},
        ("holderName",),
        [],
    ),
    (
        "person-posts",
        {"person": "lê khắc nguyên anh"},
        ("holderName", "roleKey", "jurisdictionName", "file", "evidence"),
        [
            (
                "Lê Khắc Nguyên Anh",
                "council-chair",
                "An Phong",
                NEWS,
                "Đồng chí Lê Khắc Nguyên Anh giữ chức Bí thư Đảng ủy, Chủ tịch HĐND phường.",
            ),
            (
                "Lê Khắc Nguyên Anh",
                "party-secretary",
                "An Phong",
                NEWS,
                "Đồng chí Lê Khắc Nguyên Anh giữ chức Bí thư Đảng ủy, Chủ tịch HĐND phường.",
            ),
        ],
    ),
    (
        "person-posts",
        {"person": "Nguyễn Văn Bình"},
        ("roleKey", "organization", "jurisdiction", "file"),
        [
            ("committee-chair", "UBND phường An Phong", "id:unit/hai-phong/phuong-an-phong", NEWS),
            ("committee-chair", "", "id:unit/hai-phong/phuong-an-phong", RES),
        ],
    ),
    (
        "indicators",
        {"unit": "An Phong", "indicator": "income-per-capita"},
        ("indicatorKey", "value", "unitOfMeasure", "statusKey", "period", "file"),
        [
            ("income-per-capita", "89000000.0", "VND", "actual", "2020-2025", NEWS),
            ("income-per-capita", "86000000.0", "VND", "actual", "2020-2025", RES),
            ("income-per-capita", "120000000.0", "VND", "target", "2030", RES),
        ],
    ),
    (
        "indicators",
        {"unit": "An Phong", "indicator": "AREA"},
        ("value", "qualifier", "file", "observation"),
        [
            ("27.92", "", NEWS, "id:obs/news-an-phong-txt-1a2b3c4d/o1"),
            ("27.9", "khoảng", RES, "id:obs/res-1669-hai-phong-md-5e6f7a8b/o1"),
        ],
    ),
    (
        "indicators",
        {"status": "target"},
        ("unitName", "indicatorKey", "value"),
        [("An Phong", "income-per-capita", "120000000.0")],
    ),
    (
        "indicators",
        {"status": "vnadm:Target"},  # the status individual's IRI, as a prefixed name
        ("unitName", "indicatorKey", "value"),
        [("An Phong", "income-per-capita", "120000000.0")],
    ),
    (
        "ranking",
        {"indicator": "area"},
        ("unitName", "value", "unitOfMeasure", "unitClass", "files"),
        [
            ("An Phong", "27.92", "km2", "vnadm:Ward", NEWS),
            ("An Phong", "27.9", "km2", "vnadm:Ward", RES),
            ("Kinh Môn", "11.47", "km2", "vnadm:Ward", RES),
        ],
    ),
    (
        "ranking",
        {"indicator": "income-per-capita", "province": "thành phố hải phòng"},  # actual values only
        ("unitName", "value", "period"),
        [("An Phong", "89000000.0", "2020-2025"), ("An Phong", "86000000.0", "2020-2025")],
    ),
    ("ranking", {"indicator": "area", "province": "Hà Nội"}, ("unitName",), []),
    (
        "provenance",
        {"statement": "https://w3id.org/vnadm/id/obs/news-an-phong-txt-1a2b3c4d/o3"},
        ("kind", "file", "title", "date", "evidence", "charStart", "charEnd"),
        [
            (
                "vnadm:Observation",
                NEWS,
                "Phường An Phong ra mắt",
                "2025-07-02",
                "Thu nhập bình quân đầu người nhiệm kỳ 2020-2025 đạt 89 triệu đồng.",
                "342",
                "408",
            )
        ],
    ),
    (
        # two sentences on one reorganization: each with its own offsets
        "provenance",
        {"statement": "id:reorg/news-an-phong-txt-1a2b3c4d/phuong-an-phong"},
        ("kind", "evidence", "charStart", "charEnd"),
        [
            (
                "vnadm:Reorganization",
                "Phường An Phong được thành lập theo Nghị quyết 1669/NQ-UBTVQH15 ngày 16/6/2025.",
                "0",
                "79",
            ),
            (
                "vnadm:Reorganization",
                "Phường mới gồm toàn bộ xã Lê Thiện, xã An Hưng, thị trấn An Dương và một phần xã Đại Bản.",
                "80",
                "169",
            ),
        ],
    ),
    (
        "provenance",
        {"statement": "id:holding/res-1669-hai-phong-md-5e6f7a8b/h1"},
        ("kind", "file", "url", "charStart", "charEnd"),
        [("vnadm:PositionHolding", RES, "https://example.org/1669", "245", "293")],
    ),
    (
        "disagreements",
        {},
        ("kind", "subjectName", "about", "aboutName", "value1", "value2", "file1", "file2"),
        [
            ("date", "1669/NQ-UBTVQH15", "", "", "2025-06-16", "2025-06-17", NEWS, RES),
            # the news names two predecessors that the resolution, which lists An Phong's too, does not
            ("predecessor", "An Phong", "id:unit/hai-phong/former/thi-tran-an-duong", "An Dương", "vnadm:Whole", "",
             NEWS, RES),
            ("predecessor", "An Phong", "id:unit/hai-phong/former/huyen-an-duong/xa-dai-ban", "Đại Bản", "vnadm:Part",
             "", NEWS, RES),
            (
                "share",
                "An Phong",
                "id:unit/hai-phong/former/huyen-an-duong/xa-an-hung",
                "An Hưng",
                "vnadm:Whole",
                "vnadm:Part",
                NEWS,
                RES,
            ),
            (
                "value",
                "An Phong",
                "ind:income-per-capita",
                "income-per-capita (actual, 2020-2025)",
                "89000000.0",
                "86000000.0",
                NEWS,
                RES,
            ),
        ],
    ),
    (
        "disagreements",
        {},
        ("kind", "evidence1", "evidence2", "statement1", "statement2"),
        [
            (
                # the sentence that names the resolution, not the reorganization's other one
                "date",
                "Phường An Phong được thành lập theo Nghị quyết 1669/NQ-UBTVQH15 ngày 16/6/2025.",
                "Theo Nghị quyết 1669/NQ-UBTVQH15 ngày 17/6/2025, phường An Phong được thành lập.",
                "id:reorg/news-an-phong-txt-1a2b3c4d/phuong-an-phong",
                "id:reorg/res-1669-hai-phong-md-5e6f7a8b/phuong-an-phong",
            ),
            (
                # the silent source's sentence is its reorganization's
                "predecessor",
                "Phường mới gồm toàn bộ xã Lê Thiện, xã An Hưng, thị trấn An Dương và một phần xã Đại Bản.",
                "Sắp xếp toàn bộ xã Lê Thiện và một phần xã An Hưng thành phường An Phong.",
                "id:component/news-an-phong-txt-1a2b3c4d/c3",
                "id:reorg/res-1669-hai-phong-md-5e6f7a8b/phuong-an-phong",
            ),
            (
                "predecessor",
                "Phường mới gồm toàn bộ xã Lê Thiện, xã An Hưng, thị trấn An Dương và một phần xã Đại Bản.",
                "Sắp xếp toàn bộ xã Lê Thiện và một phần xã An Hưng thành phường An Phong.",
                "id:component/news-an-phong-txt-1a2b3c4d/c4",
                "id:reorg/res-1669-hai-phong-md-5e6f7a8b/phuong-an-phong",
            ),
            (
                "share",
                "Phường mới gồm toàn bộ xã Lê Thiện, xã An Hưng, thị trấn An Dương và một phần xã Đại Bản.",
                "Sắp xếp toàn bộ xã Lê Thiện và một phần xã An Hưng thành phường An Phong.",
                "id:component/news-an-phong-txt-1a2b3c4d/c2",
                "id:component/res-1669-hai-phong-md-5e6f7a8b/c2",
            ),
            (
                "value",
                "Thu nhập bình quân đầu người nhiệm kỳ 2020-2025 đạt 89 triệu đồng.",
                "Thu nhập bình quân đầu người giai đoạn 2020-2025 đạt 86 triệu đồng.",
                "id:obs/news-an-phong-txt-1a2b3c4d/o3",
                "id:obs/res-1669-hai-phong-md-5e6f7a8b/o2",
            ),
        ],
    ),
    (
        "units",
        {"province": "Hải Phòng", "class": "Ward"},
        ("unitName", "label", "former", "formerDistrict"),
        [
            ("An Lưu", "phường An Lưu", "true", "thị xã Kinh Môn"),
            ("An Phong", "phường An Phong", "false", ""),
            ("Hiệp An", "phường Hiệp An", "true", "thị xã Kinh Môn"),
            ("Kinh Môn", "phường Kinh Môn", "false", ""),
        ],
    ),
    (
        "units",
        {"class": "thị trấn"},  # the type word (the unit type concept's label)
        ("iri", "unitClass", "unitName", "provinceName"),
        [("id:unit/hai-phong/former/thi-tran-an-duong", "vnadm:Township", "An Dương", "Hải Phòng")],
    ),
    (
        "units",
        {"name": "kinh môn"},  # a ward and the district it was named after
        ("unitClass", "unitName"),
        [("vnadm:District", "Kinh Môn"), ("vnadm:Ward", "Kinh Môn")],
    ),
    ("units", {"class": "vnadm:Province"}, ("unitName", "provinceName"), [("Hải Phòng", "")]),
]


@pytest.mark.parametrize(
    ("name", "params", "columns", "expected"),
    CASES,
    ids=[f"{c[0]}-{'-'.join(f'{k}={v}' for k, v in c[1].items()) or 'all'}-{i}" for i, c in enumerate(CASES)],
)
def test_canned_query_rows(graph, name, params, columns, expected) -> None:
    assert select(graph, name, params, columns) == expected


# ------------------------------------------------------------------ parameters restrict


@pytest.mark.parametrize(
    ("name", "params", "all_rows", "restricted"),
    [
        ("lineage", {"unit": "An Phong"}, 8, 6),
        ("successors", {"unit": "Lê Thiện"}, 8, 2),
        ("units-by-resolution", {"resolution": "1669"}, 3, 3),
        ("officials", {"unit": "Kinh Môn"}, 5, 1),
        ("person-posts", {"person": "Trần Thị Hoa"}, 5, 1),
        ("indicators", {"unit": "Kinh Môn"}, 7, 1),
        ("ranking", {"indicator": "population"}, 6, 1),
        ("provenance", {"document": "res-1669-hai-phong.md"}, 25, 13),
        ("units", {"province": "Hải Phòng"}, 11, 10),
    ],
)
def test_a_param_restricts_the_rows(graph, name, params, all_rows, restricted) -> None:
    query = canned_query(name)
    assert len(run_query(graph, query.text).rows) == all_rows
    assert len(run_query(graph, query.text, params=params).rows) == restricted


@pytest.mark.parametrize(
    "value",
    [
        "An Phong",
        "an phong",
        "AN PHONG",
        "phường An Phong",
        "https://w3id.org/vnadm/id/unit/hai-phong/phuong-an-phong",
        "<https://w3id.org/vnadm/id/unit/hai-phong/phuong-an-phong>",
        "id:unit/hai-phong/phuong-an-phong",
        "  An Phong ",
    ],
)
def test_unit_names_match_forgivingly(graph, value) -> None:
    rows = select(graph, "lineage", {"unit": value}, ("newName",))
    assert rows and {r[0] for r in rows} == {"An Phong"}


def test_a_decomposed_name_matches_its_composed_form(graph) -> None:
    """Parameters are NFC-normalised, like the names in the graph."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Lê Thiện")
    assert decomposed != "Lê Thiện"
    assert select(graph, "successors", {"unit": decomposed}, ("oldName",)) == [("Lê Thiện",), ("Lê Thiện",)]


BARE_LINEAGE = """
@prefix vnadm: <https://w3id.org/vnadm/ontology#> .
@base <https://w3id.org/vnadm/id/> .
<unit/x/xa-moi> a vnadm:Commune ; vnadm:name "Mới" .
<unit/x/former/xa-cu> a vnadm:Commune ; vnadm:name "Cũ" .
<reorg/d/xa-moi> a vnadm:Reorganization ;
    vnadm:resultingUnit <unit/x/xa-moi> ; vnadm:hasComponent <component/d/1> .
<component/d/1> a vnadm:ReorganizationComponent ;
    vnadm:sourceUnit <unit/x/former/xa-cu> ; vnadm:share vnadm:Whole .
"""


def test_lineage_without_resolution_or_provenance() -> None:
    """Optional parts stay optional (rdflib's GROUP_CONCAT DISTINCT fails on unbound values)."""
    bare = rdflib.Graph().parse(data=BARE_LINEAGE, format="turtle")
    columns = ("newName", "predecessorName", "predecessorClass", "share", "resolution", "file", "formerDistrict")
    assert select(bare, "lineage", {}, columns) == [("Mới", "Cũ", "vnadm:Commune", "vnadm:Whole", "", "", "")]
    assert select(bare, "successors", {"unit": "cũ"}, ("successorName", "file")) == [("Mới", "")]
    assert select(bare, "units-by-resolution", {}, ("newName",)) == []
    assert select(bare, "disagreements", {}, ("kind",)) == []


def test_disagreements_predecessor_rows(graph) -> None:
    """news-an-phong.txt names thị trấn An Dương and xã Đại Bản; the resolution, which lists
    An Phong's predecessors too, does not: document 1 names it (with its share), document 2 is
    silent (no value; its sentence is its reorganization's)."""
    columns = ("kind", "subjectName", "aboutName", "value1", "value2", "file1", "file2", "evidence2", "statement2")
    rows = [row for row in select(graph, "disagreements", {}, columns) if row[0] == "predecessor"]
    silent = "Sắp xếp toàn bộ xã Lê Thiện và một phần xã An Hưng thành phường An Phong."
    reorg = "id:reorg/res-1669-hai-phong-md-5e6f7a8b/phuong-an-phong"
    assert rows == [
        ("predecessor", "An Phong", "An Dương", "vnadm:Whole", "", NEWS, RES, silent, reorg),
        ("predecessor", "An Phong", "Đại Bản", "vnadm:Part", "", NEWS, RES, silent, reorg),
    ]
    docs = select(graph, "disagreements", {}, ("doc1", "doc2"))
    assert set(docs) == {("id:doc/news-an-phong-txt-1a2b3c4d", "id:doc/res-1669-hai-phong-md-5e6f7a8b")}


THREE_ACCOUNTS = """
@prefix vnadm: <https://w3id.org/vnadm/ontology#> .
@prefix prov:  <http://www.w3.org/ns/prov#> .
@base <https://w3id.org/vnadm/id/> .
<unit/x/xa-moi> a vnadm:Commune ; vnadm:name "Mới" ;
    vnadm:predecessor <unit/x/former/xa-a>, <unit/x/former/xa-b> .
<unit/x/former/xa-a> a vnadm:Commune ; vnadm:name "A" .
<unit/x/former/xa-b> a vnadm:Commune ; vnadm:name "B" .
<doc/one> a vnadm:SourceDocument ; vnadm:sourceFile "one.txt" .
<doc/two> a vnadm:SourceDocument ; vnadm:sourceFile "register:vietnamadminunits/X" .
<doc/three> a vnadm:SourceDocument ; vnadm:sourceFile "three.html" .
<reorg/one/xa-moi> a vnadm:Reorganization ; vnadm:resultingUnit <unit/x/xa-moi> ;
    prov:wasDerivedFrom <doc/one> ; vnadm:evidence "Xã Mới gồm xã A và xã B."@vi ;
    vnadm:hasComponent <component/one/a>, <component/one/b> .
<component/one/a> a vnadm:ReorganizationComponent ; vnadm:sourceUnit <unit/x/former/xa-a> ;
    vnadm:share vnadm:Whole ; prov:wasDerivedFrom <doc/one> ; vnadm:evidence "Xã Mới gồm xã A và xã B."@vi .
<component/one/b> a vnadm:ReorganizationComponent ; vnadm:sourceUnit <unit/x/former/xa-b> ;
    vnadm:share vnadm:Whole ; prov:wasDerivedFrom <doc/one> ; vnadm:evidence "Xã Mới gồm xã A và xã B."@vi .
<reorg/two/xa-moi> a vnadm:Reorganization ; vnadm:resultingUnit <unit/x/xa-moi> ;
    prov:wasDerivedFrom <doc/two> ; vnadm:evidence "xa-moi\\twhole\\txa-a"@vi ;
    vnadm:hasComponent <component/two/a> .
<component/two/a> a vnadm:ReorganizationComponent ; vnadm:sourceUnit <unit/x/former/xa-a> ;
    vnadm:share vnadm:Whole ; prov:wasDerivedFrom <doc/two> ; vnadm:evidence "xa-moi\\twhole\\txa-a"@vi .
<reorg/three/xa-moi> a vnadm:Reorganization ; vnadm:resultingUnit <unit/x/xa-moi> ;
    prov:wasDerivedFrom <doc/three> ; vnadm:evidence "Xã Mới ra mắt."@vi .
"""


def test_disagreements_compare_only_sources_that_list_predecessors() -> None:
    """three.html lists no predecessor of xã Mới, so it is silent about none; the register's
    source name is not a file name."""
    data = rdflib.Graph().parse(data=THREE_ACCOUNTS, format="turtle")
    add_comparison_keys(data)  # a hand-written graph: the keys kg build would add
    columns = ("kind", "aboutName", "value1", "file1", "file2", "evidence1", "evidence2")
    assert select(data, "disagreements", {}, columns) == [
        (
            "predecessor", "B", "vnadm:Whole", "one.txt", "register:vietnamadminunits/X",
            "Xã Mới gồm xã A và xã B.", "xa-moi\twhole\txa-a",
        ),
    ]

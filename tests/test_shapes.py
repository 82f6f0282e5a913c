"""The SHACL shapes, the ontology and kg.validate.

tests/fixtures/valid_graph.ttl follows docs/model.md and must conform; each
broken variant below (the fixture with some triples removed and others added)
must be reported on the right node with a message that names the problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg.errors import GraphFileError
from kg.validate import (
    Problem,
    ValidationResult,
    format_problems,
    load_ontology,
    load_shapes,
    read_graph,
    validate_graph,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VNADM = rdflib.Namespace("https://w3id.org/vnadm/ontology#")
ID = "https://w3id.org/vnadm/id/"

PREFIXES = """
@prefix vnadm:  <https://w3id.org/vnadm/ontology#> .
@prefix role:   <https://w3id.org/vnadm/concept/role/> .
@prefix ind:    <https://w3id.org/vnadm/concept/indicator/> .
@prefix utype:  <https://w3id.org/vnadm/concept/unit-type/> .
@prefix organ:  <https://w3id.org/vnadm/concept/organ/> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix org:    <http://www.w3.org/ns/org#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix dct:    <http://purl.org/dc/terms/> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@base <https://w3id.org/vnadm/id/> .
"""

# nodes of the fixture
WARD = "unit/hai-phong/phuong-an-phong"
OLD_WARD = "unit/hai-phong/former/phuong-le-thien"
PROVINCE = "unit/thanh-pho-hai-phong"
DOC = "doc/news-an-phong-txt-4d3f5acb"
REORG = "reorg/news-an-phong-txt-4d3f5acb/hai-phong-phuong-an-phong"
COMPONENT = "component/news-an-phong-txt-4d3f5acb/5f1c2a9e"
HOLDING = "holding/news-an-phong-txt-4d3f5acb/c3d9e014"
PERSON = "person/hai-phong/le-khac-nguyen-anh"
ORGAN = "organ/hai-phong-phuong-an-phong/party-committee"
RESOLUTION = "resolution/1669-nq-ubtvqh15"
AREA = "obs/news-an-phong-txt-4d3f5acb/7e21b0c4"
POPULATION = "obs/news-an-phong-txt-4d3f5acb/91aa6d5f"
IND_AREA = "https://w3id.org/vnadm/concept/indicator/area"
ROLE_SECRETARY = "https://w3id.org/vnadm/concept/role/party-secretary"
SENTENCE = "Phường An Phong có diện tích tự nhiên 27,92 km², quy mô dân số 44.660 người."

# Concepts a variant may need that the fixture does not declare.
PERCENT_CONCEPTS = """
ind:health-insurance-rate a skos:Concept ; skos:inScheme vnadm:IndicatorScheme ;
    skos:notation "health-insurance-rate" ; vnadm:valueKind "percent" ; vnadm:unitOfMeasure "percent" .
ind:growth-rate a skos:Concept ; skos:inScheme vnadm:IndicatorScheme ;
    skos:notation "growth-rate" ; vnadm:valueKind "percent" ; vnadm:unitOfMeasure "percent/year" .
ind:budget-revenue-growth a skos:Concept ; skos:inScheme vnadm:IndicatorScheme ;
    skos:notation "budget-revenue-growth" ; vnadm:valueKind "percent" ; vnadm:unitOfMeasure "percent/year" .
ind:households a skos:Concept ; skos:inScheme vnadm:IndicatorScheme ;
    skos:notation "households" ; vnadm:valueKind "count" ; vnadm:unitOfMeasure "household" .
"""


def observation(indicator: str, value: str) -> str:
    """A new observation of the ward, from the fixture's document and sentence."""
    return f"""{PERCENT_CONCEPTS}
<obs/test/new> a vnadm:Observation ; vnadm:refUnit <{WARD}> ; vnadm:indicator {indicator} ;
    vnadm:value {value} ; vnadm:status vnadm:Actual ; prov:wasDerivedFrom <{DOC}> ;
    vnadm:evidence "{SENTENCE}"@vi ; vnadm:charStart 256 ; vnadm:charEnd 332 .
"""


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    """ontology/vnadm.ttl alone (the vocabulary concepts the fixture needs are in the fixture)."""
    return read_graph(ROOT / "ontology" / "vnadm.ttl")


@pytest.fixture(scope="module")
def fixture_graph() -> rdflib.Graph:
    return read_graph(FIXTURES / "valid_graph.ttl")


@pytest.fixture(scope="module")
def base(fixture_graph: rdflib.Graph, ontology: rdflib.Graph) -> rdflib.Graph:
    """The fixture as kg build would write it: with the ontology in it."""
    graph = rdflib.Graph()
    graph += fixture_graph
    graph += ontology
    return graph


def variant(base: rdflib.Graph, *, remove: str = "", add: str = "") -> rdflib.Graph:
    """A copy of ``base`` without the triples of ``remove`` and with those of ``add`` (Turtle)."""
    graph = rdflib.Graph()
    graph += base
    if remove:
        for triple in rdflib.Graph().parse(data=PREFIXES + remove, format="turtle"):
            assert triple in base, f"the fixture has no triple {triple}"
            graph.remove(triple)
    if add:
        graph.parse(data=PREFIXES + add, format="turtle")
    return graph


def problems_on(result: ValidationResult, node: str) -> list[Problem]:
    """The problems of ``node``: an IRI, or a path under id: (``obs/…``)."""
    iri = node if node.startswith("https://") else ID + node
    return [p for p in result.problems if p.focus == iri]


# ------------------------------------------------------------------ the valid graph


def test_valid_graph_conforms(base: rdflib.Graph, shapes: rdflib.Graph) -> None:
    result = validate_graph(base, shapes=shapes)
    assert result.problems == (), format_problems(result)
    assert result.conforms


def test_valid_graph_conforms_with_the_whole_ontology_folder(fixture_graph: rdflib.Graph) -> None:
    graph = rdflib.Graph()
    graph += fixture_graph
    graph += load_ontology()  # vnadm.ttl, vocabulary.ttl and whatever else ontology/ holds
    result = validate_graph(graph)
    assert result.conforms, format_problems(result)
    assert result.problems == (), format_problems(result)


VALID_VARIANTS = [
    pytest.param("", observation("ind:growth-rate", "-3.5"), id="negative-growth-rate"),
    pytest.param("", observation("ind:budget-revenue-growth", "150.0"), id="budget-growth-above-100"),
    pytest.param("", observation("ind:health-insurance-rate", "100.0"), id="percent-100"),
    pytest.param("", observation("ind:health-insurance-rate", "0.0"), id="percent-0"),
    pytest.param("", observation("ind:households", "12000.0"), id="households"),
    pytest.param(
        f"<{HOLDING}> vnadm:organization <{ORGAN}> ; vnadm:jurisdiction <{WARD}> ; vnadm:title 'Bí thư Đảng ủy'@vi .",
        "",
        id="holding-without-optional-parts",
    ),
    pytest.param(
        f"<{RESOLUTION}> vnadm:adoptedOn '2025-06-16'^^xsd:date ; vnadm:issuer 'Ủy ban Thường vụ Quốc hội'@vi .",
        "",
        id="resolution-without-date",
    ),
    pytest.param(
        f"<{RESOLUTION}> vnadm:documentNumber '1669/NQ-UBTVQH15' .",
        f"<{RESOLUTION}> vnadm:documentNumber '202/2025/QH15' .",
        id="number-of-a-national-assembly-resolution",
    ),
    pytest.param(
        f"<{RESOLUTION}> vnadm:documentNumber '1669/NQ-UBTVQH15' .",
        f"<{RESOLUTION}> vnadm:documentNumber '76/2025/UBTVQH15' .",
        id="number-of-a-standing-committee-resolution",
    ),
    pytest.param(
        f"<{RESOLUTION}> vnadm:documentNumber '1669/NQ-UBTVQH15' .",
        f"<{RESOLUTION}> vnadm:documentNumber '12/2024/NQ-HĐND' .",
        id="number-of-a-council-resolution",
    ),
    pytest.param(
        "",
        f"<{POPULATION}> vnadm:period '2020-2025' ; vnadm:qualifier 'khoảng' .\n"
        f"<{AREA}> vnadm:refYear '2024'^^xsd:gYear .",
        id="observation-period-year-qualifier",
    ),
    pytest.param(
        "",
        f"<{WARD}> vnadm:linkStatus vnadm:Linked ; vnadm:officialCode '11584' ; vnadm:codeSource <register/r-1> .\n"
        "<register/r-1> a vnadm:Register .",
        id="unit-linked-to-the-register",
    ),
    pytest.param(
        "",
        f"<{WARD}> vnadm:linkStatus vnadm:Ambiguous ; vnadm:candidateCode '10798', '11890' ; "
        "vnadm:linkNote 'two units of the register have this name'@en .",
        id="unit-ambiguous-with-candidates",
    ),
]


@pytest.mark.parametrize(("remove", "add"), VALID_VARIANTS)
def test_valid_variants_conform(base: rdflib.Graph, shapes: rdflib.Graph, remove: str, add: str) -> None:
    graph = variant(base, remove=remove, add=add)
    result = validate_graph(graph, shapes=shapes)
    assert result.conforms, format_problems(result)
    assert result.problems == (), format_problems(result)


# ------------------------------------------------------------------ broken variants

# (triples removed, triples added, the node that must be reported, words its message must contain)
BROKEN = [
    # provenance on every statement node
    pytest.param(f"<{AREA}> prov:wasDerivedFrom <{DOC}> .", "", AREA, ["prov:wasDerivedFrom"], id="obs-no-provenance"),
    pytest.param(
        f"<{REORG}> prov:wasDerivedFrom <{DOC}> .",
        "",
        REORG,
        ["prov:wasDerivedFrom"],
        id="reorg-no-provenance",
    ),
    pytest.param(
        f"<{COMPONENT}> prov:wasDerivedFrom <{DOC}> .",
        "",
        COMPONENT,
        ["prov:wasDerivedFrom"],
        id="component-no-provenance",
    ),
    pytest.param(
        f"<{HOLDING}> prov:wasDerivedFrom <{DOC}> .",
        "",
        HOLDING,
        ["prov:wasDerivedFrom"],
        id="holding-no-provenance",
    ),
    pytest.param(
        "",
        f"<{AREA}> prov:wasDerivedFrom <doc/other> . <doc/other> a vnadm:SourceDocument ; "
        "vnadm:sourceFile 'other.txt' ; vnadm:contentHash '0123456789abcdef0123456789abcdef01234567' .",
        AREA,
        ["exactly one prov:wasDerivedFrom"],
        id="obs-two-documents",
    ),
    pytest.param(
        f"<{AREA}> prov:wasDerivedFrom <{DOC}> .",
        f"<{AREA}> prov:wasDerivedFrom <{WARD}> .",
        AREA,
        ["vnadm:SourceDocument"],
        id="provenance-not-a-document",
    ),
    pytest.param(
        f"<{HOLDING}> vnadm:evidence"
        " 'Đồng chí Lê Khắc Nguyên Anh, Bí thư Đảng ủy phường An Phong, phát biểu tại hội nghị.'@vi .",
        "",
        HOLDING,
        ["vnadm:evidence"],
        id="holding-no-evidence",
    ),
    pytest.param(
        f"<{AREA}> vnadm:evidence '{SENTENCE}'@vi .",
        f"<{AREA}> vnadm:evidence '{SENTENCE}' .",
        AREA,
        ["vnadm:evidence", "language-tagged"],
        id="evidence-without-language",
    ),
    pytest.param(
        "",
        f"<{AREA}> vnadm:evidence 'Một câu khác.'@vi .",
        AREA,
        ["exactly one vnadm:evidence"],
        id="obs-two-sentences",
    ),
    pytest.param(
        f"<{COMPONENT}> vnadm:charStart 160 .",
        "",
        COMPONENT,
        ["vnadm:charStart"],
        id="component-no-charStart",
    ),
    pytest.param(f"<{AREA}> vnadm:charEnd 332 .", "", AREA, ["vnadm:charEnd"], id="obs-no-charEnd"),
    pytest.param(
        f"<{AREA}> vnadm:charStart 256 .",
        f"<{AREA}> vnadm:charStart '256' .",
        AREA,
        ["xsd:integer"],
        id="charStart-a-string",
    ),
    pytest.param(
        f"<{AREA}> vnadm:charStart 256 .",
        f"<{AREA}> vnadm:charStart -4 .",
        AREA,
        ["non-negative"],
        id="charStart-negative",
    ),
    pytest.param(
        f"<{AREA}> vnadm:charEnd 332 .",
        f"<{AREA}> vnadm:charEnd 200 .",
        AREA,
        ["charEnd", "charStart"],
        id="charEnd-before-charStart",
    ),
    # reorganizations and components
    pytest.param(
        f"<{REORG}> vnadm:resultingUnit <{WARD}> .",
        "",
        REORG,
        ["vnadm:resultingUnit"],
        id="reorg-no-resultingUnit",
    ),
    pytest.param(
        "",
        f"<{REORG}> vnadm:resultingUnit <{PROVINCE}> .",
        REORG,
        ["exactly one vnadm:resultingUnit"],
        id="reorg-two-resultingUnits",
    ),
    pytest.param(
        "",
        f"<{REORG}> vnadm:legalBasis <{WARD}> .",
        REORG,
        ["vnadm:legalBasis", "vnadm:Resolution"],
        id="legalBasis-not-a-resolution",
    ),
    pytest.param("", f"<{REORG}> vnadm:effectiveDate '1/7/2025' .", REORG, ["xsd:date"], id="effectiveDate-not-a-date"),
    pytest.param(
        f"<{COMPONENT}> vnadm:share vnadm:Whole .",
        f"<{COMPONENT}> vnadm:share vnadm:Actual .",
        COMPONENT,
        ["vnadm:Whole", "vnadm:Part"],
        id="share-not-whole-or-part",
    ),
    pytest.param(
        f"<{COMPONENT}> vnadm:share vnadm:Whole .",
        f"<{COMPONENT}> vnadm:share 'whole' .",
        COMPONENT,
        ["vnadm:share"],
        id="share-a-string",
    ),
    pytest.param(f"<{COMPONENT}> vnadm:share vnadm:Whole .", "", COMPONENT, ["vnadm:share"], id="component-no-share"),
    pytest.param(
        "",
        f"<{COMPONENT}> vnadm:sourceUnit <unit/hai-phong/former/xa-an-hung> .",
        COMPONENT,
        ["vnadm:sourceUnit"],
        id="component-two-sourceUnits",
    ),
    pytest.param(
        f"<{COMPONENT}> vnadm:sourceUnit <{OLD_WARD}> .",
        "",
        COMPONENT,
        ["vnadm:sourceUnit"],
        id="component-no-sourceUnit",
    ),
    pytest.param(
        f"<{REORG}> vnadm:hasComponent <{COMPONENT}> .",
        "",
        COMPONENT,
        ["vnadm:hasComponent"],
        id="component-orphan",
    ),
    # resolutions
    pytest.param(
        f"<{RESOLUTION}> vnadm:documentNumber '1669/NQ-UBTVQH15' .",
        f"<{RESOLUTION}> vnadm:documentNumber '1669-NQ-UBTVQH15' .",
        RESOLUTION,
        ["vnadm:documentNumber", "resolution number"],
        id="bad-resolution-number",
    ),
    pytest.param(
        f"<{RESOLUTION}> vnadm:documentNumber '1669/NQ-UBTVQH15' .",
        f"<{RESOLUTION}> vnadm:documentNumber '1669/nq-ubtvqh15' .",
        RESOLUTION,
        ["resolution number"],
        id="lower-case-resolution-number",
    ),
    pytest.param(
        f"<{RESOLUTION}> vnadm:documentNumber '1669/NQ-UBTVQH15' .",
        "",
        RESOLUTION,
        ["vnadm:documentNumber"],
        id="resolution-no-number",
    ),
    pytest.param(
        f"<{RESOLUTION}> vnadm:adoptedOn '2025-06-16'^^xsd:date .",
        f"<{RESOLUTION}> vnadm:adoptedOn '16/6/2025' .",
        RESOLUTION,
        ["vnadm:adoptedOn", "xsd:date"],
        id="adoptedOn-not-a-date",
    ),
    pytest.param(
        "",
        f"<{RESOLUTION}> vnadm:adoptedOn '2025-06-17'^^xsd:date .",
        RESOLUTION,
        ["at most one vnadm:adoptedOn"],
        id="resolution-two-dates",
    ),
    # source documents
    pytest.param(
        f"<{DOC}> vnadm:sourceFile 'news-an-phong.txt' .",
        "",
        DOC,
        ["vnadm:sourceFile"],
        id="document-no-sourceFile",
    ),
    pytest.param(
        "",
        f"<{DOC}> vnadm:sourceFile 'other.txt' .",
        DOC,
        ["exactly one vnadm:sourceFile"],
        id="document-two-files",
    ),
    pytest.param(
        f"<{DOC}> vnadm:sourceFile 'news-an-phong.txt' .",
        f"<{DOC}> vnadm:sourceFile 'corpus/news-an-phong.txt' .",
        DOC,
        ["basename"],
        id="sourceFile-with-folder",
    ),
    pytest.param(
        f"<{DOC}> vnadm:contentHash '4d3f5acb8fa643159b158aceec3ca040d0b33555' .",
        f"<{DOC}> vnadm:contentHash '4D3F5ACB' .",
        DOC,
        ["vnadm:contentHash", "SHA-1"],
        id="bad-content-hash",
    ),
    # officials
    pytest.param(f"<{HOLDING}> vnadm:holder <{PERSON}> .", "", HOLDING, ["vnadm:holder"], id="holding-no-holder"),
    pytest.param(
        f"<{HOLDING}> vnadm:holder <{PERSON}> .",
        f"<{HOLDING}> vnadm:holder <{WARD}> .",
        HOLDING,
        ["vnadm:Person"],
        id="holder-not-a-person",
    ),
    pytest.param(f"<{HOLDING}> vnadm:role role:party-secretary .", "", HOLDING, ["vnadm:role"], id="holding-no-role"),
    pytest.param(
        f"<{HOLDING}> vnadm:role role:party-secretary .",
        f"<{HOLDING}> vnadm:role ind:area .",
        HOLDING,
        ["vnadm:RoleScheme"],
        id="role-an-indicator-concept",
    ),
    pytest.param(
        "",
        f"<{HOLDING}> vnadm:jurisdiction <{PROVINCE}> .",
        HOLDING,
        ["at most one vnadm:jurisdiction"],
        id="holding-two-jurisdictions",
    ),
    pytest.param(
        f"<{HOLDING}> vnadm:title 'Bí thư Đảng ủy'@vi .",
        f"<{HOLDING}> vnadm:title 'Bí thư Đảng ủy' .",
        HOLDING,
        ["vnadm:title"],
        id="title-without-language",
    ),
    pytest.param(f"<{PERSON}> vnadm:name 'Lê Khắc Nguyên Anh' .", "", PERSON, ["vnadm:name"], id="person-no-name"),
    pytest.param(
        f"<{ORGAN}> vnadm:organType organ:party-committee .",
        "",
        ORGAN,
        ["vnadm:organType"],
        id="organ-no-type",
    ),
    # observations
    pytest.param(f"<{AREA}> vnadm:refUnit <{WARD}> .", "", AREA, ["vnadm:refUnit"], id="obs-no-refUnit"),
    pytest.param(f"<{AREA}> vnadm:indicator ind:area .", "", AREA, ["vnadm:indicator"], id="obs-no-indicator"),
    pytest.param(
        f"<{AREA}> vnadm:indicator ind:area .",
        f"<{AREA}> vnadm:indicator role:party-secretary .",
        AREA,
        ["vnadm:IndicatorScheme"],
        id="indicator-a-role-concept",
    ),
    pytest.param(
        "",
        "ind:area skos:notation 'diện-tích' .",
        IND_AREA,  # checked once on the concept, not on every observation
        ["indicator concept", "exactly one skos:notation"],
        id="indicator-two-notations",
    ),
    pytest.param(
        "role:party-secretary skos:notation 'party-secretary' .",
        "role:party-secretary skos:notation 'party-secretary'@en .",
        ROLE_SECRETARY,
        ["role concept", "plain string"],
        id="role-notation-with-language",
    ),
    pytest.param(
        "ind:area a skos:Concept .",
        "",
        IND_AREA,
        ["skos:Concept"],
        id="indicator-not-a-concept",
    ),
    pytest.param(f"<{AREA}> vnadm:value 27.92 .", "", AREA, ["vnadm:value"], id="obs-no-value"),
    pytest.param(
        f"<{AREA}> vnadm:value 27.92 .",
        f"<{AREA}> vnadm:value '27,92' .",
        AREA,
        ["xsd:decimal"],
        id="value-a-string",
    ),
    pytest.param(
        f"<{POPULATION}> vnadm:value 44660.0 .",
        f"<{POPULATION}> vnadm:value 44660 .",
        POPULATION,
        ["xsd:decimal"],
        id="value-an-integer",
    ),
    pytest.param("", f"<{AREA}> vnadm:value 27.9 .", AREA, ["exactly one vnadm:value"], id="obs-two-values"),
    pytest.param(
        f"<{AREA}> vnadm:value 27.92 .",
        f"<{AREA}> vnadm:value -27.92 .",
        AREA,
        ["area or population", "greater than 0"],
        id="negative-area",
    ),
    pytest.param(
        f"<{POPULATION}> vnadm:value 44660.0 .",
        f"<{POPULATION}> vnadm:value 0.0 .",
        POPULATION,
        ["greater than 0"],
        id="zero-population",
    ),
    pytest.param("", observation("ind:households", "-5.0"), "obs/test/new", ["negative"], id="negative-households"),
    pytest.param(
        "",
        observation("ind:health-insurance-rate", "130.0"),
        "obs/test/new",
        ["between 0 and 100"],
        id="percent-130-on-a-share",
    ),
    pytest.param(f"<{AREA}> vnadm:status vnadm:Actual .", "", AREA, ["vnadm:status"], id="obs-no-status"),
    pytest.param(
        f"<{AREA}> vnadm:status vnadm:Actual .",
        f"<{AREA}> vnadm:status vnadm:Whole .",
        AREA,
        ["vnadm:Actual", "vnadm:Target"],
        id="status-not-actual-or-target",
    ),
    # units
    pytest.param(f"<{WARD}> vnadm:name 'An Phong' .", "", WARD, ["vnadm:name"], id="unit-no-name"),
    pytest.param(
        f"<{WARD}> vnadm:unitType utype:phuong .",
        f"<{WARD}> vnadm:unitType utype:xa .",
        WARD,
        ["vnadm:Ward", "utype:phuong"],
        id="ward-typed-xa",
    ),
    pytest.param(f"<{WARD}> vnadm:unitType utype:phuong .", "", WARD, ["vnadm:unitType"], id="unit-no-type"),
    pytest.param("", f"<{WARD}> a vnadm:Commune .", WARD, ["exactly one of the classes"], id="unit-with-two-classes"),
    pytest.param(
        f"<{WARD}> a vnadm:Ward .",
        f"<{WARD}> a vnadm:CommuneLevelUnit .",
        WARD,
        ["exactly one of the classes"],
        id="unit-without-concrete-class",
    ),
    pytest.param(
        "",
        f"<{WARD}> vnadm:predecessor <unit/unknown/former/xa-khong-ro> .",
        WARD,
        ["vnadm:predecessor"],
        id="predecessor-untyped",
    ),
    pytest.param(
        f"<{WARD}> vnadm:inProvince <{PROVINCE}> .",
        f"<{WARD}> vnadm:inProvince <unit/hai-phong/former/quan-an-duong> .",
        WARD,
        ["vnadm:Province"],
        id="inProvince-a-district",
    ),
    pytest.param(
        f"<{WARD}> vnadm:area 27.92 .",
        f"<{WARD}> vnadm:area -1.0 .",
        WARD,
        ["vnadm:area", "positive"],
        id="negative-area-shortcut",
    ),
    pytest.param(
        f"<{WARD}> vnadm:area 27.92 .",
        f"<{WARD}> vnadm:area '27,92' .",
        WARD,
        ["vnadm:area", "number"],
        id="area-shortcut-a-string",
    ),
    pytest.param(
        f"<{PROVINCE}> vnadm:officialCode '31' .",
        f"<{PROVINCE}> vnadm:officialCode 31 .",
        PROVINCE,
        ["vnadm:officialCode"],
        id="official-code-a-number",
    ),
    pytest.param("", f"<{WARD}> vnadm:linkStatus vnadm:Linked .", WARD, ["vnadm:Linked", "officialCode"],
                 id="linked-without-a-code"),
    pytest.param("", f"<{PROVINCE}> vnadm:linkStatus vnadm:Unlinked .", PROVINCE, ["unlinked", "none"],
                 id="unlinked-with-a-code"),
    pytest.param("", f"<{WARD}> vnadm:linkStatus vnadm:Whole .", WARD, ["vnadm:linkStatus"],
                 id="link-status-not-a-status"),
    pytest.param("", f"<{WARD}> vnadm:candidateCode 10798 .", WARD, ["vnadm:candidateCode"],
                 id="candidate-code-a-number"),
    pytest.param("", f"<{WARD}> vnadm:codeSource <{PROVINCE}> .", WARD, ["vnadm:codeSource", "vnadm:Register"],
                 id="code-source-not-a-register"),
]


@pytest.mark.parametrize(("remove", "add", "node", "words"), BROKEN)
def test_broken_variant_is_reported(
    base: rdflib.Graph, shapes: rdflib.Graph, remove: str, add: str, node: str, words: list[str]
) -> None:
    result = validate_graph(variant(base, remove=remove, add=add), shapes=shapes)
    assert not result.conforms
    found = [p for p in problems_on(result, node) if all(word in p.message for word in words)]
    assert found, f"nothing on {node} mentions {words}:\n{format_problems(result)}"
    assert all(p.severity == "Violation" for p in found)


def test_type_word_in_a_unit_name_is_a_warning(base: rdflib.Graph, shapes: rdflib.Graph) -> None:
    graph = variant(base, remove=f"<{WARD}> vnadm:name 'An Phong' .", add=f"<{WARD}> vnadm:name 'phường An Phong' .")
    result = validate_graph(graph, shapes=shapes)
    assert result.conforms  # a warning only
    [problem] = result.problems
    assert (problem.focus, problem.path, problem.severity) == (ID + WARD, "vnadm:name", "Warning")
    assert "bare name" in problem.message


# ------------------------------------------------------------------ problems and their report


def test_problem_names_the_document_and_sentence(base: rdflib.Graph, shapes: rdflib.Graph) -> None:
    graph = variant(base, remove=f"<{AREA}> vnadm:value 27.92 .", add=f"<{AREA}> vnadm:value '27,92' .")
    result = validate_graph(graph, shapes=shapes)
    [problem] = [p for p in result.problems if "xsd:decimal" in p.message]
    assert problem.focus == ID + AREA
    assert problem.source_file == "news-an-phong.txt"
    assert problem.evidence == SENTENCE
    assert problem.severity == "Violation"


def test_sequence_paths_are_written_as_sparql_paths(base: rdflib.Graph, shapes: rdflib.Graph) -> None:
    graph = variant(
        base,
        remove=f"<{AREA}> vnadm:indicator ind:area .",
        add=f"<{AREA}> vnadm:indicator role:party-secretary .",
    )
    paths = {p.path for p in validate_graph(graph, shapes=shapes).problems}
    assert "vnadm:indicator/skos:inScheme" in paths


def test_problems_are_sorted_and_unique(base: rdflib.Graph, shapes: rdflib.Graph) -> None:
    graph = variant(
        base,
        remove=f"<{AREA}> prov:wasDerivedFrom <{DOC}> . <{HOLDING}> vnadm:holder <{PERSON}> .",
        add=f"<{WARD}> vnadm:name 'phường An Phong' .",
    )
    problems = validate_graph(graph, shapes=shapes).problems
    assert len(set(problems)) == len(problems)
    ranks = {"Violation": 0, "Warning": 1, "Info": 2}
    keys = [(ranks[p.severity], p.focus, p.path or "", p.message) for p in problems]
    assert keys == sorted(keys)
    assert problems[-1].severity == "Warning"


def test_format_problems_lists_node_rule_document_sentence(base: rdflib.Graph, shapes: rdflib.Graph) -> None:
    graph = variant(
        base,
        remove=f"<{AREA}> vnadm:value 27.92 . <{POPULATION}> vnadm:status vnadm:Actual .",
        add=f"<{AREA}> vnadm:value -27.92 .",
    )
    result = validate_graph(graph, shapes=shapes)
    text = format_problems(result)
    assert text.startswith("The graph does not conform to the shapes: 2 violations.")
    assert f"Violation: id:{AREA} vnadm:value\n" in text
    assert f"Violation: id:{POPULATION} vnadm:status\n" in text
    assert "  rule: An area or population observation must have a vnadm:value greater than 0" in text
    assert "  document: news-an-phong.txt" in text
    assert f'  sentence: "{SENTENCE}"' in text

    short = format_problems(result, limit=1)
    assert short.count("  rule:") == 1
    assert short.endswith("… and 1 more problem not shown.")


def test_format_problems_of_a_conforming_graph(base: rdflib.Graph, shapes: rdflib.Graph) -> None:
    assert format_problems(validate_graph(base, shapes=shapes)) == "The graph conforms to the shapes."


def test_graph_without_the_ontology_is_checked_with_it_and_warned(fixture_graph: rdflib.Graph) -> None:
    size = len(fixture_graph)
    result = validate_graph(fixture_graph)
    assert len(fixture_graph) == size  # not modified
    assert result.conforms, format_problems(result)
    [warning] = result.problems
    assert warning.severity == "Warning"
    assert "rdfs:subClassOf" in warning.message


def test_validation_does_not_modify_the_data(base: rdflib.Graph, shapes: rdflib.Graph) -> None:
    before = len(base)
    validate_graph(variant(base, add=f"<{AREA}> vnadm:value 3.0 ."), shapes=shapes)
    validate_graph(base, shapes=shapes)
    assert len(base) == before


# ------------------------------------------------------------------ the shapes themselves


def test_every_reported_shape_has_a_message(shapes: rdflib.Graph) -> None:
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
    constraints = (SH["or"], SH["not"], SH["and"], SH.xone, SH["class"], SH["in"], SH.datatype, SH.pattern)
    missing = []
    for shape in {s for t in targets for s in shapes.subjects(t, None)}:
        if any((shape, c, None) in shapes for c in constraints) and (shape, SH.message, None) not in shapes:
            missing.append(shape)
        for prop in shapes.objects(shape, SH.property):
            if (prop, SH.message, None) not in shapes:
                missing.append((shape, shapes.value(prop, SH.path)))
    assert not missing


def test_shapes_run_no_query_per_node(shapes: rdflib.Graph) -> None:
    """SPARQL constraints run one query per focus node: too slow for a 1M-triple graph.
    SPARQL targets (one query per shape) are the only SPARQL allowed."""
    assert (None, SH.sparql, None) not in shapes
    for target in shapes.objects(None, SH.target):
        assert (target, RDF.type, SH.SPARQLTarget) in shapes
        assert "SELECT ?this" in str(shapes.value(target, SH.select))


# ------------------------------------------------------------------ the ontology

REQUIRED_CLASSES = [
    "AdministrativeUnit",
    "CommuneLevelUnit",
    "Ward",
    "Commune",
    "Township",
    "SpecialZone",
    "District",
    "Province",
    "Reorganization",
    "ReorganizationComponent",
    "Share",
    "ObservationStatus",
    "Resolution",
    "SourceDocument",
    "Person",
    "PositionHolding",
    "Observation",
]
REQUIRED_INDIVIDUALS = [
    "Whole",
    "Part",
    "Actual",
    "Target",
    "UnitTypeScheme",
    "RoleScheme",
    "OrganScheme",
    "IndicatorScheme",
]
REQUIRED_PROPERTIES = [
    "name",
    "unitType",
    "inProvince",
    "formerDistrict",
    "officialCode",
    "predecessor",
    "successor",
    "area",
    "population",
    "resultingUnit",
    "hasComponent",
    "legalBasis",
    "effectiveDate",
    "sourceUnit",
    "share",
    "documentNumber",
    "adoptedOn",
    "issuer",
    "sourceFile",
    "contentHash",
    "holder",
    "role",
    "organization",
    "jurisdiction",
    "title",
    "organType",
    "ofUnit",
    "refUnit",
    "indicator",
    "value",
    "unitOfMeasure",
    "status",
    "period",
    "refYear",
    "qualifier",
    "evidence",
    "charStart",
    "charEnd",
    "unitClass",
    "level",
    "titleHead",
    "valueKind",
    "linkStatus",
    "validFrom",
    "validUntil",
]
DECLARATIONS = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
    SKOS.ConceptScheme,
}


def _bilingual(graph: rdflib.Graph, term: rdflib.URIRef, predicate: rdflib.URIRef) -> set[str]:
    return {o.language for o in graph.objects(term, predicate) if isinstance(o, rdflib.Literal) and o.language}


@pytest.mark.parametrize("name", REQUIRED_CLASSES)
def test_required_class_is_declared(ontology: rdflib.Graph, name: str) -> None:
    assert (VNADM[name], RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("name", REQUIRED_PROPERTIES)
def test_required_property_is_declared(ontology: rdflib.Graph, name: str) -> None:
    types = set(ontology.objects(VNADM[name], RDF.type))
    assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.mark.parametrize("name", REQUIRED_INDIVIDUALS)
def test_required_individual_is_declared(ontology: rdflib.Graph, name: str) -> None:
    assert (VNADM[name], RDF.type, OWL.NamedIndividual) in ontology


def test_scheme_individuals_are_concept_schemes(ontology: rdflib.Graph) -> None:
    for name in ("UnitTypeScheme", "RoleScheme", "OrganScheme", "IndicatorScheme"):
        assert (VNADM[name], RDF.type, SKOS.ConceptScheme) in ontology


def test_every_ontology_term_has_english_and_vietnamese_label_and_comment(ontology: rdflib.Graph) -> None:
    terms = {s for s in ontology.subjects(None, None) if isinstance(s, rdflib.URIRef) and s.startswith(VNADM)}
    assert len(terms) > 60
    for term in sorted(terms):
        assert {"en", "vi"} <= _bilingual(ontology, term, RDFS.label), term
        assert {"en", "vi"} <= _bilingual(ontology, term, RDFS.comment), term


def test_every_vnadm_term_of_the_fixture_is_declared(fixture_graph: rdflib.Graph, ontology: rdflib.Graph) -> None:
    used = {
        node
        for triple in fixture_graph
        for node in triple
        if isinstance(node, rdflib.URIRef) and node.startswith(str(VNADM))
    }
    assert VNADM.Reorganization in used and VNADM.charEnd in used
    for term in sorted(used):
        assert set(ontology.objects(term, RDF.type)) & DECLARATIONS, f"{term} is not declared"
        assert {"en", "vi"} <= _bilingual(ontology, term, RDFS.label), f"{term} lacks an @en or @vi label"


def test_unit_classes_reach_administrative_unit(ontology: rdflib.Graph) -> None:
    """The scorer's query: ?u a ?class . ?class rdfs:subClassOf* vnadm:AdministrativeUnit."""
    query = """
        PREFIX vnadm: <https://w3id.org/vnadm/ontology#>
        SELECT ?class WHERE { ?class rdfs:subClassOf* vnadm:AdministrativeUnit }"""
    found = {row[0] for row in ontology.query(query)}
    for name in ("Ward", "Commune", "Township", "SpecialZone", "District", "Province"):
        assert VNADM[name] in found


def test_scorer_finds_the_fixture_units(base: rdflib.Graph) -> None:
    query = """
        PREFIX vnadm: <https://w3id.org/vnadm/ontology#>
        SELECT ?name ?class WHERE {
            ?u a ?class . ?class rdfs:subClassOf* vnadm:AdministrativeUnit . ?u vnadm:name ?name }"""
    found = {(str(name), cls.split("#")[1]) for name, cls in base.query(query)}
    assert ("An Phong", "Ward") in found
    assert ("An Hưng", "Commune") in found
    assert ("An Dương", "District") in found


# ------------------------------------------------------------------ reading graph files


def test_read_graph_by_extension(tmp_path: Path, fixture_graph: rdflib.Graph) -> None:
    for suffix, fmt in ((".nt", "nt"), (".jsonld", "json-ld"), (".rdf", "xml")):
        path = tmp_path / f"graph{suffix}"
        path.write_text(fixture_graph.serialize(format=fmt), encoding="utf-8")
        assert isomorphic(read_graph(path), fixture_graph), suffix


def test_read_graph_merges_quads(tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    path.write_text(
        "@prefix ex: <http://example.org/> .\nex:g1 { ex:a ex:b ex:c . }\nex:g2 { ex:a ex:b ex:d . }\n",
        encoding="utf-8",
    )
    assert len(read_graph(path)) == 2


BAD_FILES = [
    pytest.param("bad.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b ;; .\n", 3, id="turtle"),
    pytest.param(
        "bad.ttl",
        "@prefix id: <https://w3id.org/vnadm/id/> .\n\nid:unit/hai-phong a id:x .\n",
        3,
        id="slash-in-prefixed-name",
    ),
    pytest.param(
        "bad.nt",
        '<http://a/b> <http://c/d> <http://e/f> .\n<http://a/b> <http://c/d> "x .\n',
        2,
        id="n-triples",
    ),
    pytest.param("bad.jsonld", '{"@id": "http://a/b",\n "http://c/d": }\n', 2, id="json-ld"),
    pytest.param(
        "bad.rdf",
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<x>\n</rdf:RDF>\n',
        3,
        id="rdf-xml",
    ),
]


@pytest.mark.parametrize(("name", "text", "line"), BAD_FILES)
def test_read_graph_reports_the_line_of_a_parse_error(tmp_path: Path, name: str, text: str, line: int) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphFileError) as caught:
        read_graph(path)
    assert caught.value.line == line
    assert caught.value.path == str(path)
    assert f"{path}, line {line}:" in str(caught.value)


def test_read_graph_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError, match="no such file"):
        read_graph(tmp_path / "missing.ttl")


def test_read_graph_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "graph.csv"
    path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(GraphFileError, match="unknown RDF file extension"):
        read_graph(path)

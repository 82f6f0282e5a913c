"""``kg serve`` against a real running server: urllib as the client, headless Chromium for the pages.

One server (two workers, in-memory Oxigraph) serves the graph of the bundled
samples plus a resource whose label is an HTML-injection attempt; the command
line is tested once in a child process (``python -m kg serve``), with the
on-disk store and a one-second time limit.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib
from browser import chromium, console_problems, needs_chromium
from cli_runner import runner
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

import kg
from kg.cli import main
from kg.errors import InputError, UsageError
from kg.query import canned_query
from kg.serve import create_server
from kg.serve.app import App, Request

VNADM = "https://w3id.org/vnadm/ontology#"
UNIT = "https://w3id.org/vnadm/id/unit/hai-phong/phuong-bach-dang"
ODD = URIRef("https://w3id.org/vnadm/id/test/odd")
ODD_LABEL = '<script>alert("x")</script> & <b>Đằng</b>'
NEW_WARDS = ["Bạch Đằng", "Hòa Bình", "Nam Triệu", "Thủy Nguyên", "Vĩnh Tuy"]
WARDS = "SELECT ?u ?name WHERE { ?u a vnadm:Ward ; vnadm:name ?name ; vnadm:validFrom ?d } ORDER BY ?name"
CONSTRUCT = "CONSTRUCT { ?u vnadm:name ?name } WHERE { ?u a vnadm:Ward ; vnadm:name ?name ; vnadm:validFrom ?d }"
# a cross product of every triple with itself four times: never finishes
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MAX_ROWS = 500


# ------------------------------------------------------------------ fixtures and helpers


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples' graph, plus a resource labelled with markup, as Turtle."""
    graph = kg.build(validate=False, link=False).graph
    graph.add((ODD, RDFS.label, Literal(ODD_LABEL, lang="vi")))
    path = tmp_path_factory.mktemp("serve") / "samples.ttl"
    kg.write_graph(graph, path)
    return path


@pytest.fixture(scope="module")
def server(graph_file: Path):
    with create_server([graph_file], port=0, timeout=10, max_rows=MAX_ROWS, workers=2) as running:
        running.start()
        yield running


class Answer:
    """A response: status, headers and body (errors included, urllib raises none here)."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0]


def fetch(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return Answer(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def get(server, query: str, accept: str | None = None, **params: str) -> Answer:
    """GET the query from a server (or an endpoint URL)."""
    endpoint = server if isinstance(server, str) else server.endpoint
    url = endpoint + "?" + urllib.parse.urlencode({"query": query, **params})
    return fetch(url, headers={"Accept": accept} if accept else {})


def post_form(server, fields: list[tuple[str, str]], accept: str | None = None) -> Answer:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return fetch(server.endpoint, data=urllib.parse.urlencode(fields).encode(), headers=headers)


def names_of(answer: Answer) -> list[str]:
    doc = json.loads(answer.body)
    return [row["name"]["value"] for row in doc["results"]["bindings"]]


# ------------------------------------------------------------------ the protocol


def test_get_and_both_posts_give_the_same_rows(server):
    by_get = get(server, WARDS)
    assert by_get.status == 200, by_get.text
    assert by_get.headers["content-type"] == "application/sparql-results+json; charset=utf-8"
    assert names_of(by_get) == NEW_WARDS  # Vietnamese text intact, in order

    by_form = post_form(server, [("query", WARDS)])
    direct = fetch(server.endpoint, data=WARDS.encode(), headers={"Content-Type": "application/sparql-query"})
    assert by_form.status == direct.status == 200
    assert by_form.body == direct.body == by_get.body


def test_select_in_each_result_format(server):
    json_rows = [
        (r["u"]["value"], r["name"]["value"]) for r in json.loads(get(server, WARDS).body)["results"]["bindings"]
    ]
    assert [name for _, name in json_rows] == NEW_WARDS

    xml = get(server, WARDS, "application/sparql-results+xml")
    assert xml.type == "application/sparql-results+xml"
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(xml.body)
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["u", "name"]
    xml_rows = [
        (result.find("r:binding[@name='u']/r:uri", ns).text, result.find("r:binding[@name='name']/r:literal", ns).text)
        for result in root.findall("r:results/r:result", ns)
    ]
    assert xml_rows == json_rows

    table = get(server, WARDS, "text/csv")
    assert table.type == "text/csv"
    assert [tuple(row) for row in csv.reader(io.StringIO(table.text))] == [("u", "name"), *json_rows]

    tsv = get(server, WARDS, "text/tab-separated-values")
    assert tsv.type == "text/tab-separated-values"
    lines = tsv.text.splitlines()
    assert lines[0] == "?u\t?name"
    assert lines[1:] == [f'<{iri}>\t"{name}"' for iri, name in json_rows]


def test_ask_in_json_and_xml(server):
    assert json.loads(get(server, f"ASK {{ <{UNIT}> a vnadm:Ward }}").body) == {"head": {}, "boolean": True}
    root = ET.fromstring(get(server, "ASK { ?s vnadm:name 'no such name' }", "application/sparql-results+xml").body)
    assert root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "false"


@pytest.mark.parametrize(
    ("accept", "media", "rdf_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
    ],
)
def test_construct_in_each_graph_format(server, accept, media, rdf_format):
    answer = get(server, CONSTRUCT, accept)
    assert answer.status == 200, answer.text
    assert answer.type == media
    graph = rdflib.Graph().parse(data=answer.body, format=rdf_format)
    assert sorted(str(o) for o in graph.objects(None, URIRef(VNADM + "name"))) == NEW_WARDS
    assert len(graph) == len(NEW_WARDS)
    assert get(server, CONSTRUCT, accept).body == answer.body  # deterministic


def test_describe_defaults_to_turtle(server):
    answer = get(server, f"DESCRIBE <{UNIT}>")
    assert answer.type == "text/turtle"
    graph = rdflib.Graph().parse(data=answer.body, format="turtle")
    assert (URIRef(UNIT), URIRef(VNADM + "name"), Literal("Bạch Đằng")) in graph


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        (WARDS, None, "application/sparql-results+json"),
        (WARDS, "*/*", "application/sparql-results+json"),
        (WARDS, "text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        (WARDS, "text/tab-separated-values;q=0.9, text/csv;q=0.95", "text/csv"),
        (WARDS, "text/*, application/json;q=0.1", "application/sparql-results+xml"),  # text/xml
        (WARDS, "text/html, application/xhtml+xml, */*;q=0.8", "application/sparql-results+json"),
        (WARDS, "application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
        (CONSTRUCT, "application/json", "application/ld+json"),
        (CONSTRUCT, "text/plain", "application/n-triples"),
        (CONSTRUCT, "application/sparql-results+json, text/turtle;q=0.2", "text/turtle"),
    ],
)
def test_accept_negotiation(server, query, accept, expected):
    answer = get(server, query, accept)
    assert answer.status == 200, answer.text
    assert answer.type == expected
    assert answer.headers["vary"] == "Accept"


def test_format_parameter_wins_and_bad_ones_are_refused(server):
    assert get(server, WARDS, "text/csv", format="xml").type == "application/sparql-results+xml"
    assert get(server, CONSTRUCT, format="nt").type == "application/n-triples"
    wrong = get(server, CONSTRUCT, format="csv")
    assert wrong.status == 400 and "ttl, nt, jsonld" in wrong.text
    unknown = get(server, WARDS, format="yaml")
    assert unknown.status == 400 and "unknown format=yaml" in unknown.text


def test_406_when_nothing_acceptable(server):
    answer = get(server, WARDS, "image/png, text/html")
    assert answer.status == 406
    assert "application/sparql-results+json" in answer.text and "format=" in answer.text
    assert get(server, CONSTRUCT, "text/csv").status == 406


def test_service_description(server):
    answer = fetch(server.endpoint)
    assert answer.status == 200 and answer.type == "text/turtle"
    graph = rdflib.Graph().parse(data=answer.body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = graph.value(predicate=sd.endpoint, object=URIRef(server.endpoint))
    assert service is not None, answer.text
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert (service, sd.resultFormat, URIRef("http://www.w3.org/ns/formats/SPARQL_Results_XML")) in graph
    triples = [int(o) for o in graph.objects(None, rdflib.URIRef("http://rdfs.org/ns/void#triples"))]
    assert triples == [server.triples] and server.triples > 3000
    ntriples = fetch(server.endpoint, headers={"Accept": "application/n-triples"})
    assert ntriples.type == "application/n-triples"
    assert len(rdflib.Graph().parse(data=ntriples.body, format="nt")) == len(graph)


def test_cors(server):
    assert get(server, WARDS).headers["access-control-allow-origin"] == "*"
    assert get(server, "SELECT").headers["access-control-allow-origin"] == "*"  # on errors too
    preflight = fetch(
        server.endpoint,
        method="OPTIONS",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()


# ------------------------------------------------------------------ refusals and limits


def test_updates_are_refused(server):
    insert = f'INSERT DATA {{ <{UNIT}> vnadm:name "Hacked" }}'
    answers = [
        fetch(server.endpoint, data=insert.encode(), headers={"Content-Type": "application/sparql-update"}),
        post_form(server, [("update", insert)]),
        fetch(server.endpoint + "?" + urllib.parse.urlencode({"update": insert})),
        get(server, insert),
        get(server, "PREFIX x: <http://example.org/>\nDELETE WHERE { ?s ?p ?o }"),
    ]
    for answer in answers:
        assert answer.status == 400, answer.text
        assert "read-only" in answer.text
    assert json.loads(get(server, 'ASK { ?u vnadm:name "Hacked" }').body)["boolean"] is False
    assert len(names_of(get(server, WARDS))) == len(NEW_WARDS)


def test_load_and_service_are_refused(server):
    load = get(server, "LOAD <http://example.org/data.ttl>")
    assert load.status == 400 and "LOAD" in load.text and "read-only" in load.text
    service = get(server, "SELECT * WHERE {\n  SERVICE <http://example.org/sparql> { ?s ?p ?o }\n}")
    assert service.status == 400
    assert "SERVICE (line 2, column 3) is refused" in service.text
    silent = get(server, "SELECT * WHERE { SERVICE SILENT ?endpoint { ?s ?p ?o } }")
    assert silent.status == 400 and "SERVICE" in silent.text
    # the words inside strings, IRIs, comments, variables and prefixed names are not keywords
    harmless = (
        "PREFIX load: <http://example.org/load#>\n"
        "SELECT ?service WHERE { # SERVICE <x> { }\n"
        '  BIND("LOAD <http://x>" AS ?service) FILTER(?service != load:SERVICE) }'
    )
    assert get(server, harmless).status == 200


def test_malformed_query_gets_400_with_line_and_column(server):
    answer = get(server, "SELECT ?s WHERE {\n  ?s ?p \n}")
    assert answer.status == 400
    assert re.search(r"malformed query: line 3, column \d+: ", answer.text), answer.text
    undeclared = get(server, "SELECT * WHERE { ?s nope:p ?o }")
    assert undeclared.status == 400
    assert re.search(r"line 1, column \d+: undeclared prefix nope: \(add PREFIX nope: <…>\)", undeclared.text)


def test_result_size_is_bounded(server):
    everything = get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert everything.status == 400
    assert f"more than {MAX_ROWS} rows" in everything.text
    assert "LIMIT" in everything.text and "--max-rows" in everything.text
    graph = get(server, "CONSTRUCT WHERE { ?s ?p ?o }")
    assert graph.status == 400 and "LIMIT" in graph.text
    limited = get(server, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}")
    assert limited.status == 200 and len(json.loads(limited.body)["results"]["bindings"]) == MAX_ROWS


def test_canned_query_parameters(server):
    lineage = canned_query("lineage").text
    answer = post_form(server, [("query", lineage), ("param", "unit=Bạch Đằng")])
    assert answer.status == 200, answer.text
    rows = json.loads(answer.body)["results"]["bindings"]
    assert {row["newName"]["value"] for row in rows} == {"Bạch Đằng"}
    assert {row["predecessorName"]["value"] for row in rows} == {"Bạch Đằng", "Minh Đức", "Phạm Ngũ Lão"}
    unknown = post_form(server, [("query", lineage), ("param", "city=Hải Phòng")])
    assert unknown.status == 400 and "unknown parameter 'city'" in unknown.text and "unit" in unknown.text


def test_other_paths_and_methods(server):
    assert fetch(server.url + "nowhere").status == 404
    not_allowed = fetch(server.url, data=b"x=1", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert not_allowed.status == 405 and not_allowed.headers["allow"] == "GET"
    odd_type = fetch(server.endpoint, data=b"query=ASK{}", headers={"Content-Type": "text/plain"})
    assert odd_type.status == 415
    assert fetch(server.endpoint, data=b"", headers={"Content-Type": "application/sparql-query"}).status == 400


def test_rdflib_engine(graph_file):
    with create_server([graph_file], port=0, engine="rdflib", workers=1, max_rows=MAX_ROWS) as rdflib_server:
        rdflib_server.start()
        assert rdflib_server.triples > 3000
        assert names_of(get(rdflib_server, WARDS)) == NEW_WARDS
        graph = rdflib.Graph().parse(data=get(rdflib_server, CONSTRUCT, "application/n-triples").body, format="nt")
        assert sorted(str(o) for o in graph.objects()) == NEW_WARDS
        too_many = get(rdflib_server, "SELECT * WHERE { ?s ?p ?o }")
        assert too_many.status == 400 and "LIMIT" in too_many.text
        assert "line 1" in get(rdflib_server, "SELECT * WHERE { ?s ?p }").text
    with pytest.raises(UsageError, match="--store disk needs --engine oxigraph"):
        create_server([graph_file], port=0, engine="rdflib", store="disk")


def test_the_app_without_sockets(server):
    """The routes are a plain function of the request (what the HTTP handler calls)."""
    app: App = server.app
    response = app.handle(Request("GET", "/sparql", urllib.parse.urlencode({"query": WARDS, "format": "csv"})))
    assert response.status == 200 and response.body.decode().splitlines()[1].endswith(",Bạch Đằng")


# ------------------------------------------------------------------ pages


def test_index_page(server):
    page = fetch(server.url)
    assert page.status == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page.text, re.S).group(1)
    assert "<" not in data  # nothing in the data can close the script
    parsed = json.loads(data)
    names = [query["name"] for query in parsed["queries"]]
    assert "lineage" in names and "provenance" in names and not any(name.startswith("_") for name in names)
    assert parsed["triples"] == server.triples and parsed["maxRows"] == MAX_ROWS
    assert "cdn" not in page.text.lower() and "https://" not in page.text.split("<script")[0]  # self-contained


def test_resource_page_shows_triples_and_sources(server):
    page = fetch(server.url + "resource?iri=" + urllib.parse.quote(UNIT, safe=""))
    assert page.status == 200, page.text
    text = page.text
    assert "<h1>phường Bạch Đằng</h1>" in text
    assert (
        'href="/resource?iri=https%3A%2F%2Fw3id.org%2Fvnadm%2Fid%2Funit%2Fhai-phong%2Fformer%2Fphuong-pham-ngu-lao"'
        in text
    )
    assert "hai-phong-nam-trieu-bach-dang.md" in text  # the source file of statements about it …
    assert "Phường Bạch Đằng được hình thành từ toàn bộ phường Minh Đức" in text  # … their sentence
    assert re.search(r"characters \d+–\d+", text)

    # a statement node: its own sources first
    reorg = json.loads(get(server, f"SELECT ?r WHERE {{ ?r vnadm:resultingUnit <{UNIT}> }} LIMIT 1").body)
    node = reorg["results"]["bindings"][0]["r"]["value"]
    statement = fetch(server.url + "resource?iri=" + urllib.parse.quote(node, safe="")).text
    assert '<h2 id="sources">Sources (1)</h2>' in statement
    assert "hai-phong-nam-trieu-bach-dang.md" in statement


def test_resource_page_escapes_and_refuses(server):
    odd = fetch(server.url + "resource?iri=" + urllib.parse.quote(str(ODD), safe=""))
    assert odd.status == 200
    assert ODD_LABEL not in odd.text and "<script>alert" not in odd.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Đằng&lt;/b&gt;" in odd.text
    assert fetch(server.url + "resource?iri=").status == 400
    assert fetch(server.url + "resource?iri=" + urllib.parse.quote("<bad iri>")).status == 400
    unknown = fetch(server.url + "resource?iri=" + urllib.parse.quote("https://example.org/nothing", safe=""))
    assert unknown.status == 404 and 'id="nothing"' in unknown.text


@needs_chromium
def test_query_page_in_headless_chromium(server, tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium")
    # a canned query chosen (its button clicked), a parameter filled and the query run, from the address
    url = server.url + "#" + urllib.parse.urlencode({"canned": "lineage", "unit": "Bạch Đằng", "run": ""})
    done = chromium(url, profile, "--dump-dom", "--virtual-time-budget=10000")
    assert done.returncode == 0, done.stderr[-2000:]
    assert not console_problems(done.stderr), console_problems(done.stderr)
    dom = done.stdout
    assert 'data-state="done"' in dom and 'data-rows="3"' in dom, dom[-3000:]
    assert 'data-canned="lineage"' in dom and '<li data-name="lineage" class="chosen">' in dom
    assert "query=%23+name%3A+lineage" in dom  # what ran (the download links) is the canned query's text
    table = dom[dom.index('<table id="result-table"') :]
    assert "Phạm Ngũ Lão" in table and "Minh Đức" in table
    assert 'href="/resource?iri=https%3A%2F%2Fw3id.org%2Fvnadm%2Fid%2Funit%2Fhai-phong%2Fphuong-bach-dang"' in table

    # text from the graph is shown as text, never run as markup
    query = f"SELECT ?label WHERE {{ <{ODD}> rdfs:label ?label }}"
    done = chromium(server.url + "#" + urllib.parse.urlencode({"query": query, "run": ""}), profile,
                    "--dump-dom", "--virtual-time-budget=10000")  # fmt: skip
    assert not console_problems(done.stderr), console_problems(done.stderr)
    assert 'data-rows="1"' in done.stdout
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;Đằng&lt;/b&gt;' in done.stdout
    assert "<b>Đằng</b>" not in done.stdout

    # the resource page: a sentence with its file
    done = chromium(server.url + "resource?iri=" + urllib.parse.quote(UNIT, safe=""), profile, "--dump-dom")
    assert not console_problems(done.stderr), console_problems(done.stderr)
    assert "hai-phong-nam-trieu-bach-dang.md" in done.stdout
    assert "Phường Bạch Đằng được hình thành từ toàn bộ phường Minh Đức" in done.stdout


# ------------------------------------------------------------------ starting and stopping


def test_port_in_use_and_bad_files(server, graph_file, tmp_path):
    with pytest.raises(UsageError, match="port is in use.*--port") as caught:
        create_server([graph_file], port=server.port)
    assert caught.value.exit_code == 2
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl, line 1") as caught:
        create_server([graph_file, bad], port=0, workers=1)
    assert caught.value.exit_code == 3
    result = runner().invoke(main, ["serve", str(tmp_path / "missing.ttl"), "--port", "0", "--workers", "1"])
    assert result.exit_code == 3
    assert "missing.ttl: no such file" in result.stderr


def _wait_for_line(process: subprocess.Popen[str], deadline: float) -> str:
    assert process.stderr is not None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        line = process.stderr.readline()
        if line.startswith("Serving"):
            return line
        if not line and process.poll() is not None:
            break
    raise AssertionError(f"kg serve did not start: {process.stderr.read()}")


def test_command_line_timeout_and_ctrl_c(graph_file, tmp_path):
    """``python -m kg serve`` with the on-disk store: a query past --timeout 1 is stopped with 503
    within seconds, the next query is answered, Ctrl-C stops the server and removes the store."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    command = [sys.executable, "-m", "kg", "serve", str(graph_file), "--port", "0", "--timeout", "1", "--store", "disk"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        line = _wait_for_line(process, time.monotonic() + 60)
        match = re.fullmatch(
            r"Serving [\d,]+ triples from (.+) at (http://127\.0\.0\.1:\d+/sparql) \(Ctrl-C to stop\)\n", line
        )
        assert match, line
        assert match.group(1) == str(graph_file)
        endpoint = match.group(2)
        assert list(tmp_path.glob("kg-serve-*/store"))  # the store, in the temporary folder
        started = time.monotonic()
        slow = get(endpoint, SLOW)
        elapsed = time.monotonic() - started
        assert slow.status == 503, slow.text
        assert "longer than 1 s" in slow.text and "--timeout" in slow.text
        assert elapsed < 6, elapsed
        for _ in range(3):  # the other worker answers at once; the replacement joins it
            assert names_of(get(endpoint, WARDS)) == NEW_WARDS
    finally:
        process.send_signal(signal.SIGINT)
        try:
            _, rest = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert process.returncode == 0, rest
    assert "Stopped." in rest and "Traceback" not in rest
    assert not list(tmp_path.glob("kg-serve-*"))  # the store is removed

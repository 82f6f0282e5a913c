"""kg push and kg query --endpoint against a stand-in store (tests/fake_store.py): where the
triples go, how they are chunked and sent, authentication, and what the user sees when the
store says no. tests/test_stores.py does the same against a real Virtuoso and Oxigraph server."""

from __future__ import annotations

import json
import re
import socket
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from rdflib.term import BNode, Literal, URIRef

from kg.cli import main
from kg.errors import EXIT_BAD_INPUT, EXIT_USAGE
from kg.push import SHARED_GRAPH, plan_push, push, push_files
from kg.remote import Credentials, RemoteError, SparqlEndpoint, bind_parameters, parse_results_json, server_message
from tests.cli_runner import runner
from tests.fake_store import FakeStore, Running


class Ran:
    """A CLI run: exit code, and stdout and stderr together as ``output``."""

    def __init__(self, exit_code: int, output: str) -> None:
        self.exit_code, self.output = exit_code, output


def invoke(command, args: list[str], env: dict[str, str | None] | None = None) -> Ran:
    result = runner().invoke(command, args, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout + result.stderr)


DOC = "https://w3id.org/vnadm/id/doc/news-x"
OTHER = "https://w3id.org/vnadm/id/doc/news-y"

SMALL = f"""
@prefix vnadm: <https://w3id.org/vnadm/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix id: <https://w3id.org/vnadm/id/> .

<{DOC}> a vnadm:SourceDocument ; vnadm:fileName "news-x.txt" .
<{OTHER}> a vnadm:SourceDocument ; vnadm:fileName "news-y.txt" .
id:obs-1 a vnadm:Observation ; prov:wasDerivedFrom <{DOC}> ; vnadm:value 27.92 ;
    vnadm:evidence [ vnadm:sentence "Phường có diện tích 27,92 km²." ; vnadm:start 10 ; vnadm:end 40 ] .
id:obs-2 a vnadm:Observation ; prov:wasDerivedFrom <{OTHER}> ; vnadm:value 3 .
id:unit-an-phong a vnadm:Ward ; vnadm:name "An Phong"@vi ; prov:wasDerivedFrom <{DOC}>, <{OTHER}> .
id:unit-le-thien a vnadm:Commune ; vnadm:name "Lê Thiện"@vi .
"""


def small_store() -> ox.Store:
    store = ox.Store()
    store.load(SMALL.encode(), format=ox.RdfFormat.TURTLE)
    return store


def parsed(chunks: list[bytes]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for body in chunks:
        graph.parse(data=body.decode("utf-8"), format="nt")
    return graph


def union(store: FakeStore) -> rdflib.Graph:
    return parsed([body for bodies in store.graphs.values() for body in bodies])


def original() -> rdflib.Graph:
    return rdflib.Graph().parse(data=SMALL, format="turtle")


# ------------------------------------------------------------------ planning


def test_per_document_layout_puts_each_fact_in_its_documents_graph() -> None:
    plan = plan_push(small_store())
    graphs = plan.graphs()
    assert list(graphs)[0] == SHARED_GRAPH  # the shared graph is sent first
    assert set(graphs) == {SHARED_GRAPH, DOC, OTHER}
    by_graph = {g: parsed([c.ntriples() for c in plan.chunks if c.graph == g]) for g in graphs}
    subjects = {g: {str(s) for s in graph.subjects() if not isinstance(s, BNode)} for g, graph in by_graph.items()}
    assert subjects[DOC] == {DOC, "https://w3id.org/vnadm/id/obs-1"}
    assert subjects[OTHER] == {OTHER, "https://w3id.org/vnadm/id/obs-2"}
    # named by several documents, or by none: shared
    assert subjects[SHARED_GRAPH] == {
        "https://w3id.org/vnadm/id/unit-an-phong",
        "https://w3id.org/vnadm/id/unit-le-thien",
    }
    # the evidence (a blank node) travels with its observation
    sentence = Literal("Phường có diện tích 27,92 km².")
    assert (None, URIRef("https://w3id.org/vnadm/ontology#sentence"), sentence) in by_graph[DOC]
    # every triple is in exactly one graph: the union is the graph
    assert plan.triples == len(original())
    assert rdflib.compare.isomorphic(parsed([c.ntriples() for c in plan.chunks]), original())


def test_single_layout_and_default_graph() -> None:
    named = plan_push(small_store(), layout="single", graph="http://example.org/g")
    assert named.graphs() == {"http://example.org/g": len(original())}
    default = plan_push(small_store(), layout="single", graph=None)
    assert list(default.graphs()) == [None]


def test_chunks_hold_whole_subjects_and_are_deterministic() -> None:
    plan = plan_push(small_store(), layout="single", graph="http://example.org/g", chunk_size=2)
    assert len(plan.chunks) > 3
    seen: dict[str, int] = {}
    for index, chunk in enumerate(plan.chunks):
        for triple in chunk.triples:
            key = str(triple.subject) if not isinstance(triple.subject, ox.BlankNode) else "evidence"
            if isinstance(triple.subject, ox.BlankNode):
                key = "https://w3id.org/vnadm/id/obs-1"  # the blank node belongs to its observation
            assert seen.setdefault(key, index) == index, f"{key} split across chunks"
    assert [c.first for c in plan.chunks] == [True] + [False] * (len(plan.chunks) - 1)
    again = plan_push(small_store(), layout="single", graph="http://example.org/g", chunk_size=2)

    def masked(chunk) -> list[str]:  # blank node labels are new on every load
        return sorted(re.sub(r"_:\w+", "_:b", line) for line in chunk.ntriples().decode().splitlines())

    assert [masked(c) for c in plan.chunks] == [masked(c) for c in again.chunks]


def test_bad_layout_and_chunk_size() -> None:
    from kg.errors import UsageError

    with pytest.raises(UsageError, match="unknown layout"):
        plan_push(small_store(), layout="per-unit")
    with pytest.raises(UsageError, match="at least 1"):
        plan_push(small_store(), chunk_size=0)


# ------------------------------------------------------------------ sending


def test_replace_puts_the_first_chunk_of_each_graph_and_posts_the_rest() -> None:
    with Running() as store:
        plan = plan_push(small_store(), chunk_size=2)
        result = push(plan, store.gsp, replace=True)
        sent = store.body_requests()
        assert len(sent) == len(plan.chunks) == result.requests
        for request, chunk in zip(sent, plan.chunks, strict=True):
            assert request.method == ("PUT" if chunk.first else "POST")
            assert request.headers["Content-Type"] == "application/n-triples"
            assert request.query == {"graph": [chunk.graph]}
        assert rdflib.compare.isomorphic(union(store), original())
        assert result.triples == len(original()) and result.graphs == 3
        # pushing again with --replace leaves the same triples, not twice the blank nodes
        push(plan, store.gsp, replace=True)
        assert len(union(store)) == len(original())


def test_without_replace_every_chunk_is_a_post_and_the_default_graph_is_named_so() -> None:
    with Running() as store:
        push(plan_push(small_store(), layout="single", graph=None), store.gsp)
        (request,) = store.body_requests()
        assert request.method == "POST"
        assert request.query == {"default": [""]}


def test_progress_counts_triples_up_to_the_total() -> None:
    events = []
    with Running() as store:
        push(plan_push(small_store(), chunk_size=3), store.gsp, progress=events.append)
    assert events[0].done == 0 and events[-1].done == events[-1].total == len(original())
    assert [e.done for e in events] == sorted(e.done for e in events)
    assert all(e.stage == "push" for e in events)


@pytest.mark.parametrize(("algorithm", "qop"), [("MD5", "auth"), ("SHA-256", "auth"), ("MD5", None)])
def test_digest_authentication(algorithm: str, qop: str | None) -> None:
    with Running(FakeStore(auth="digest", algorithm=algorithm, qop=qop)) as store:
        push(plan_push(small_store(), chunk_size=3), store.gsp, credentials=Credentials(store.user, store.password))
        assert rdflib.compare.isomorphic(union(store), original())
        # the challenge is fetched once, with an empty HEAD; then every chunk carries its answer
        assert [r.method for r in store.requests[:2]] == ["HEAD", "HEAD"]
        assert all(r.headers.get("Authorization", "").startswith("Digest ") for r in store.body_requests())


def test_basic_authentication() -> None:
    with Running(FakeStore(auth="basic")) as store:
        credentials = Credentials(store.user, store.password, "basic")
        push(plan_push(small_store()), store.gsp, credentials=credentials)
        assert all(r.headers["Authorization"].startswith("Basic ") for r in store.body_requests())


@pytest.mark.parametrize("auth", ["basic", "digest"])
def test_a_refused_password_is_found_before_any_triple_is_sent(auth: str) -> None:
    with Running(FakeStore(auth=auth)) as store:
        with pytest.raises(RemoteError, match="HTTP 401.*the user name or password was refused") as caught:
            push(plan_push(small_store()), store.gsp, credentials=Credentials(store.user, "wrong"))
        assert caught.value.exit_code == EXIT_BAD_INPUT
        assert store.body_requests() == []


def test_no_credentials_says_how_to_give_them() -> None:
    with Running(FakeStore(auth="digest")) as store:
        with pytest.raises(RemoteError, match=r"give --user and --password \(or KG_ENDPOINT_PASSWORD\)"):
            push(plan_push(small_store()), store.gsp)
        assert store.body_requests() == []


def test_digest_asked_but_server_offers_basic() -> None:
    with Running(FakeStore(auth="basic")) as store, pytest.raises(RemoteError, match="--auth digest, but the server"):
        push(plan_push(small_store()), store.gsp, credentials=Credentials(store.user, store.password, "digest"))


def test_a_refused_chunk_names_the_graph_the_server_message_and_what_was_stored() -> None:
    page = b"<html><head><title>Error</title></head><body><h1>500</h1><p>Disk &amp; quota full</p></body></html>"
    with Running(FakeStore(fail_status=500, fail_after=2, fail_body=page)) as store:
        plan = plan_push(small_store(), chunk_size=2)
        with pytest.raises(RemoteError) as caught:
            push(plan, store.gsp, replace=True)
    message = str(caught.value)
    assert "\n" not in message
    assert "HTTP 500" in message and "Disk & quota full" in message and "<" not in message
    stored = sum(len(c.triples) for c in plan.chunks[:2])
    assert f"request 3 of {len(plan.chunks)}" in message
    assert f"{stored} of {plan.triples} triples were stored before it" in message


def test_nothing_listening() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(RemoteError, match="connection refused"):
        push(plan_push(small_store()), f"http://127.0.0.1:{port}/store")


def test_not_an_http_url() -> None:
    from kg.errors import UsageError

    with pytest.raises(UsageError, match="is not an http:// or https:// URL"):
        push(plan_push(small_store()), "localhost:8890/sparql-graph-crud")


def test_server_message_is_one_short_line() -> None:
    virtuoso = b"Virtuoso 37000 Error SP030: SPARQL compiler, line 3: syntax error\n\nSPARQL query:\nSELECT * WHERE {"
    assert server_message(virtuoso) == "Virtuoso 37000 Error SP030: SPARQL compiler, line 3: syntax error"
    assert len(server_message(b"x" * 5000)) == 300


# ------------------------------------------------------------------ kg push


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.ttl"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_cli_push_with_password_from_the_environment(small_file: Path) -> None:
    with Running(FakeStore(auth="digest")) as store:
        result = invoke(
            main,
            ["push", str(small_file), "--endpoint", store.gsp, "--user", store.user, "--replace"],
            env={"KG_ENDPOINT_PASSWORD": store.password},
        )
        assert result.exit_code == 0, result.output
        assert f"pushed {len(original())} triples in 3 graphs" in result.output
        assert rdflib.compare.isomorphic(union(store), original())


def test_cli_push_dry_run_sends_nothing(small_file: Path) -> None:
    with Running() as store:
        result = invoke(main, ["push", str(small_file), "--endpoint", store.gsp, "--dry-run", "--graph", "default"])
        assert result.exit_code == 0, result.output
        assert store.requests == []
    assert f"{len(original())} triples, 1 requests (POST); nothing sent" in result.output
    assert "/store?default" in result.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--endpoint", "ftp://x"], EXIT_USAGE, "is not an http:// or https:// URL"),
        (["--endpoint", "http://127.0.0.1:9/x", "--password", "p"], EXIT_USAGE, "--password needs --user"),
        (["--endpoint", "http://127.0.0.1:9/x", "--user", "u"], EXIT_USAGE, "needs a password"),
        (["--endpoint", "http://127.0.0.1:9/x", "--chunk-size", "0"], EXIT_USAGE, "--chunk-size"),
        ([], EXIT_USAGE, "Missing option '--endpoint'"),
    ],
)
def test_cli_push_usage_errors(small_file: Path, args: list[str], code: int, message: str) -> None:
    result = invoke(main, ["push", str(small_file), *args], env={"KG_ENDPOINT_PASSWORD": None})
    assert result.exit_code == code, result.output
    assert message in result.output


def test_cli_push_broken_or_empty_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    with Running() as store:
        cases = ((broken, "broken.ttl, line 1: not valid Turtle"), (empty, "empty.ttl: no triples to push"))
        for path, message in cases:
            result = invoke(main, ["push", str(path), "--endpoint", store.gsp])
            assert result.exit_code == EXIT_BAD_INPUT, result.output
            assert message in result.output
            assert len(result.output.strip().splitlines()) == 1
        assert store.body_requests() == []


def test_push_files_reads_several_files(tmp_path: Path, small_file: Path) -> None:
    extra = tmp_path / "extra.nt"
    extra.write_text('<http://example.org/a> <http://example.org/b> "c" .\n', encoding="utf-8")
    with Running() as store:
        result = push_files([small_file, extra], store.gsp, layout="single", graph="http://example.org/g")
        assert result.triples == len(original()) + 1
        assert set(store.graphs) == {"http://example.org/g"}


# ------------------------------------------------------------------ querying an endpoint

RESULTS = {
    "head": {"vars": ["unit", "name", "area", "flag", "node", "missing"]},
    "results": {
        "bindings": [
            {
                "unit": {"type": "uri", "value": "https://w3id.org/vnadm/id/unit/an-phong"},
                "name": {"type": "literal", "value": "An Phong", "xml:lang": "vi"},
                "area": {
                    "type": "typed-literal",
                    "value": "27.92",
                    "datatype": "http://www.w3.org/2001/XMLSchema#decimal",
                },
                "flag": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#boolean"},
                "node": {"type": "bnode", "value": "b0"},
            }
        ]
    },
}


def test_results_json_terms() -> None:
    result = parse_results_json(json.dumps(RESULTS))
    (row,) = result.rows
    unit, name, area, flag, node, missing = row
    assert unit == URIRef("https://w3id.org/vnadm/id/unit/an-phong")
    assert name == Literal("An Phong", lang="vi")
    assert area == Literal("27.92", datatype=rdflib.XSD.decimal)
    assert flag == Literal(True)  # Virtuoso writes booleans 1 and 0
    assert isinstance(node, BNode) and missing is None
    assert parse_results_json(b'{"head": {}, "boolean": false}').rows == ((Literal(False),),)
    with pytest.raises(RemoteError, match="not SPARQL results JSON"):
        parse_results_json(b"<html>")


def test_endpoint_query_sends_the_bound_query_and_reads_the_answer() -> None:
    with Running(FakeStore(query_body=json.dumps(RESULTS).encode())) as store:
        endpoint = SparqlEndpoint(store.sparql, default_graphs=["http://example.org/g"])
        text = "SELECT ?unit WHERE { ?unit vnadm:name ?n FILTER(LCASE(STR(?n)) = LCASE(STR(?name))) }"
        result = endpoint.query(text, params={"name": "Hải Phòng"})
        (request,) = store.requests
    assert result.rows[0][0] == URIRef("https://w3id.org/vnadm/id/unit/an-phong")
    assert request.method == "POST" and request.headers["Accept"].startswith("application/sparql-results+json")
    form = urllib.parse.parse_qs(request.body.decode())
    assert form["default-graph-uri"] == ["http://example.org/g"]
    sent = form["query"][0]
    assert sent.startswith("PREFIX vnadm: <https://w3id.org/vnadm/ontology#>")
    assert '"Hải Phòng"^^<http://www.w3.org/2001/XMLSchema#string>' in sent and "?name" not in sent


def test_unset_parameters_are_unbound_for_remote_stores() -> None:
    text = "# param: unit — a name\nSELECT * WHERE { ?u ?p ?o FILTER(IF(BOUND(?unit), ?u = ?unit, true)) }"
    assert "IF(false, ?u = ?unit, true)" in bind_parameters(text, {}, unset=["unit"])
    bound = bind_parameters(text, {"unit": URIRef("http://example.org/u")}, unset=[])
    assert "IF(true, ?u = <http://example.org/u>, true)" in bound


def test_endpoint_errors() -> None:
    from kg.errors import QuerySyntaxError

    rejecting = FakeStore(query_status=400, query_body=b"Parse error: line 1, unexpected WHER", query_type="text/plain")
    with Running(rejecting) as store:
        with pytest.raises(QuerySyntaxError, match="rejected the query.*unexpected WHER") as caught:
            SparqlEndpoint(store.sparql).query("SELECT ?x WHER {}")
        assert caught.value.exit_code == EXIT_USAGE
    html = FakeStore(query_type="text/html", query_body=b"<html>hello</html>")
    with Running(html) as store, pytest.raises(RemoteError, match="instead of SPARQL results JSON; is this the SPARQL"):
        SparqlEndpoint(store.sparql).query("SELECT * {}")


def test_an_answer_the_store_cut_short_is_an_error_not_a_result() -> None:
    cut = FakeStore(query_body=json.dumps(RESULTS).encode(), query_headers={"X-SPARQL-MaxRows": "10000"})
    with Running(cut) as store, pytest.raises(RemoteError, match="cut the answer at 10000 rows.*ResultSetMaxRows"):
        SparqlEndpoint(store.sparql).query("SELECT * { ?s ?p ?o }")


def test_cli_query_endpoint(tmp_path: Path) -> None:
    with Running(FakeStore(query_body=json.dumps(RESULTS).encode())) as store:
        result = invoke(main, ["query", "--endpoint", store.sparql, "--sparql", "SELECT * {}", "--format", "csv"])
        assert result.exit_code == 0, result.output
        assert "https://w3id.org/vnadm/id/unit/an-phong,An Phong,27.92,true," in result.output
        both = invoke(main, ["query", "units", "--endpoint", store.sparql, "--data", str(tmp_path / "g.ttl")])
        assert both.exit_code == EXIT_USAGE and "not both" in both.output
    with Running(FakeStore(auth="digest", query_body=json.dumps(RESULTS).encode())) as store:
        refused = invoke(main, ["query", "--endpoint", store.sparql, "--sparql", "SELECT * {}"])
        assert refused.exit_code == EXIT_BAD_INPUT
        assert "HTTP 401" in refused.output and "give --user" in refused.output
        allowed = invoke(
            main,
            ["query", "--endpoint", store.sparql, "--sparql", "SELECT * {}", "--user", store.user],
            env={"KG_ENDPOINT_PASSWORD": store.password},
        )
        assert allowed.exit_code == 0, allowed.output


def test_push_progress_line_shows_bar_rate_and_time_left() -> None:
    import io

    from kg.progress import ProgressEvent, TerminalProgress

    display = TerminalProgress(io.StringIO())
    line = display.render(ProgressEvent("push", 12_000, 48_000, item="https://w3id.org/vnadm/graph/shared"), 2.0)
    assert line.startswith("pushing [#####···············]  25%  12,000/48,000 triples")
    assert "6,000 triples/s  ETA 0:06" in line and line.endswith("graph/shared")
    assert "ETA" not in display.render(ProgressEvent("push", 0, 48_000), 0.0)

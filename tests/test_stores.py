"""kg push into real triple stores, and every canned query run there and locally with the same
answers.

Two stores, each started on loopback with a throwaway database:

- Virtuoso (Debian's virtuoso-opensource-7): the one ``.ci/run`` starts (its URL in
  ``KG_TEST_VIRTUOSO``), or one these tests start when ``virtuoso-t`` is installed; with
  credentials (dba/dba) and Digest authentication. Skipped when neither is there.
- Oxigraph server (the ``oxigraph`` command of the test extras), started with
  ``--union-default-graph``; no credentials. Skipped when the command is missing.

The graph is built from the shared corpus (../shared/corpus; skipped without it).
"""

from __future__ import annotations

import os
import shlex
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import kg
from kg.cli import main
from kg.engine import OxigraphEngine, RdflibEngine, comparable_answer, list_columns, load_store
from kg.push import SHARED_GRAPH, plan_push
from kg.query import CannedQuery, list_queries
from kg.remote import Credentials, RemoteError, SparqlEndpoint
from tests import oxigraph_server, virtuoso
from tests.cli_runner import runner


@dataclass(frozen=True)
class Store:
    """A running store: its SPARQL and Graph Store endpoints and its account, if it has one."""

    name: str
    sparql: str
    graph_store: str
    credentials: Credentials | None = None


def _virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    account = Credentials(virtuoso.USER, virtuoso.PASSWORD)
    given = os.environ.get(virtuoso.ENV)
    if given:
        found = virtuoso.Virtuoso(given.rstrip("/"))
        yield Store("Virtuoso", found.sparql, found.graph_store, account)
        return
    if virtuoso.executable() is None:
        pytest.skip(f"no Virtuoso: install virtuoso-opensource-7 (Debian) or set {virtuoso.ENV}")
    started, process = virtuoso.start(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield Store("Virtuoso", started.sparql, started.graph_store, account)
    finally:
        virtuoso.stop(process)


def _oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    if oxigraph_server.executable() is None:
        pytest.skip("no oxigraph command: pip install '.[test]' installs it")
    started, process = oxigraph_server.start(tmp_path_factory.mktemp("oxigraph"))
    try:
        yield Store("Oxigraph server", started.sparql, started.graph_store)
    finally:
        virtuoso.stop(process)


@pytest.fixture(scope="module", params=["virtuoso", "oxigraph-server"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    starter = _virtuoso if request.param == "virtuoso" else _oxigraph
    yield from starter(tmp_path_factory)


@pytest.fixture(scope="module")
def corpus_graph(shared_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.ttl"
    result = kg.build([shared_corpus])
    assert not result.skipped
    path.write_text(result.graph.serialize(format="turtle"), encoding="utf-8")
    return path


def _sparql(server: Store, query: str) -> list[dict[str, str]]:
    import json

    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(server.sparql, data=data, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        bindings = json.load(answer)["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in bindings]


@pytest.fixture(scope="module")
def pushed(server: Store, corpus_graph: Path) -> Path:
    """The corpus graph pushed with kg push, per-document layout, replacing what was there."""
    account = ["--user", server.credentials.user] if server.credentials else []
    secret = {"KG_ENDPOINT_PASSWORD": server.credentials.password} if server.credentials else {}
    result = runner().invoke(
        main,
        ["push", str(corpus_graph), "--endpoint", server.graph_store, *account, "--replace", "--chunk-size", "5000"],
        env=secret,
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "pushed" in result.stderr
    return corpus_graph


def test_push_stores_each_graph_whole(server: Store, pushed: Path) -> None:
    plan = plan_push(load_store([pushed]))
    rows = _sparql(
        server,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        'FILTER(STRSTARTS(STR(?g), "https://w3id.org/vnadm/")) } GROUP BY ?g',
    )
    stored = {row["g"]: int(row["n"]) for row in rows}
    assert stored == plan.graphs()
    assert SHARED_GRAPH in stored and len(stored) > 10  # one graph per document, and the shared one


def test_push_again_with_replace_does_not_add(server: Store, pushed: Path) -> None:
    from kg.push import push_files

    before = _sparql(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SHARED_GRAPH}> {{ ?s ?p ?o }} }}")
    push_files([pushed], server.graph_store, replace=True, credentials=server.credentials)
    after = _sparql(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SHARED_GRAPH}> {{ ?s ?p ?o }} }}")
    assert before == after


def test_wrong_password_is_refused_before_anything_is_sent(server: Store, pushed: Path) -> None:
    from kg.push import push_files

    if server.credentials is None:
        pytest.skip(f"{server.name} has no accounts")

    with pytest.raises(RemoteError, match="HTTP 401.*refused"):
        push_files([pushed], server.graph_store, credentials=Credentials(virtuoso.USER, "not-the-password"))


# ------------------------------------------------------------------ the same answers


def _example_params(canned: CannedQuery) -> dict[str, str]:
    words = shlex.split(canned.example or "")
    return dict(words[i + 1].split("=", 1) for i, word in enumerate(words) if word in ("-p", "--param"))


CASES = [
    pytest.param(canned.name, params, id=f"{canned.name}-{'example' if params else 'no-params'}")
    for canned in list_queries()
    for params in ([_example_params(canned), {}] if _example_params(canned) else [{}])
]


@pytest.fixture(scope="module")
def engines(pushed: Path, server: Store) -> dict[str, object]:
    from kg.query import read_graphs

    return {
        "store": SparqlEndpoint(server.sparql),
        "oxigraph": OxigraphEngine(load_store([pushed])),
        "rdflib": RdflibEngine(read_graphs([pushed])),
    }


@pytest.mark.parametrize(("name", "params"), CASES)
def test_canned_query_answers_the_same_in_the_store_and_locally(
    server: Store, engines: dict[str, object], name: str, params: dict[str, str]
) -> None:
    canned = next(c for c in list_queries() if c.name == name)
    listed = list_columns(canned.text)
    answers = {
        engine: comparable_answer(runner.query(canned.text, params=params, source=canned.name), listed)
        for engine, runner in engines.items()
    }
    local = answers["oxigraph"]
    assert local[1], f"{name} {params}: no rows locally; the comparison would prove nothing"
    assert answers["rdflib"] == local
    assert answers["store"][0] == local[0]
    missing = set(local[1]) - set(answers["store"][1])
    extra = set(answers["store"][1]) - set(local[1])
    shown = f"only local: {sorted(missing, key=repr)[:3]}; only in {server.name}: {sorted(extra, key=repr)[:3]}"
    assert not missing and not extra, shown
    assert answers["store"] == local

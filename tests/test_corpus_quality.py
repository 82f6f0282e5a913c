"""The quality bar on the development corpus (../shared/corpus): every news
article and encyclopedia page scores F1 ≥ 0.95 on each kind of fact, with
the project's own scorer (../shared/eval/score.py) reading our graph."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import kg

KINDS = ("lineage", "resolutions", "people", "posts (person, role, jurisdiction)", "indicators")


def _scorer(corpus: Path):
    path = corpus.parent / "eval" / "score.py"
    if not path.exists():
        pytest.skip("../shared/eval/score.py not present")
    spec = importlib.util.spec_from_file_location("kg_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _documents(corpus: Path) -> list[Path]:
    docs = []
    for gold in sorted(corpus.glob("*.gold.json")):
        name = json.loads(gold.read_text(encoding="utf-8"))["document"]
        if name.startswith(("news-", "wiki-")):
            docs.append(corpus / name)
    return docs


@pytest.fixture(scope="module")
def built(shared_corpus: Path, tmp_path_factory):
    docs = _documents(shared_corpus)
    result = kg.build(docs)
    out = tmp_path_factory.mktemp("corpus") / "graph.ttl"
    kg.write_graph(result.graph, out)
    return docs, result, out


def test_the_corpus_builds_and_conforms(built) -> None:
    _, result, _ = built
    assert result.skipped == ()
    assert result.validation is not None and result.validation.conforms


@pytest.mark.parametrize("kind", KINDS)
def test_f1_per_document(shared_corpus: Path, built, kind: str) -> None:
    scorer = _scorer(shared_corpus)
    docs, _, out = built
    import rdflib

    graph = rdflib.Graph().parse(out, format="turtle")
    low = []
    for doc in docs:
        golds = scorer.load_golds(shared_corpus, doc.name)
        report = scorer.score(golds, graph, False)
        if kind in report and report[kind]["f1"] < 0.95:
            low.append(f"{doc.name}: {report[kind]}")
    assert not low, "\n".join(low)

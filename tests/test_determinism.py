"""The same inputs give byte-identical Turtle, whatever the order of the inputs."""

from __future__ import annotations

from pathlib import Path

import kg


def _ttl(inputs: list[Path], out: Path) -> bytes:
    result = kg.build(inputs, validate=False)
    kg.write_graph(result.graph, out)
    return out.read_bytes()


def test_build_twice_gives_identical_turtle(shared_corpus: Path, tmp_path: Path) -> None:
    docs = sorted(p for p in shared_corpus.iterdir() if p.name.startswith(("news-", "wiki-")) and
                  not p.name.endswith(".json"))
    first = _ttl(docs, tmp_path / "a.ttl")
    second = _ttl(list(reversed(docs)), tmp_path / "b.ttl")
    assert first == second
    assert b"vnadm:Reorganization" in first


def test_samples_twice_give_identical_turtle(tmp_path: Path) -> None:
    assert _ttl([], tmp_path / "a.ttl") == _ttl([], tmp_path / "b.ttl")

"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The development corpus beside the checkout (../shared/corpus), or skip."""
    corpus = (REPO.parent / "shared" / "corpus").resolve()
    if not corpus.is_dir():
        pytest.skip("../shared/corpus not present (this clone has no shared/ beside it)")
    return corpus


def pytest_configure(config: pytest.Config) -> None:
    # rdflib 7.x warns about its own deprecated Dataset/ConjunctiveGraph internals
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning:rdflib.*")

"""Where the project's data folders are: inside the installed package
(``kg/_data/…``, put there by the wheel build) or, in a source checkout, at
the top of the repository."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``ontology``, ``shapes``, ``queries`` or ``samples``."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"kg's {name}/ folder is missing (looked in {_PACKAGE / '_data'} and {_PACKAGE.parent}); "
        "reinstall kg with `pip install .`"
    )


def ontology_dir() -> Path:
    return data_dir("ontology")


def shapes_dir() -> Path:
    return data_dir("shapes")


def queries_dir() -> Path:
    return data_dir("queries")


def samples_dir() -> Path:
    return data_dir("samples")

"""kg: knowledge graphs of Vietnam's 2025 reorganisation of commune-level units.

The library is the product; the ``kg`` command is a thin client of it::

    import kg

    result = kg.build(["article.txt", "corpus/"])      # read, extract, map, validate
    kg.write_graph(result.graph, "kg-graph.ttl")
    for skipped in result.skipped:
        print(skipped.path, skipped.reason)
    if result.validation and not result.validation.conforms:
        print(kg.format_problems(result.validation))

See docs/model.md for the shape of the graph and kg.errors for the errors
(and the command's exit codes).
"""

from __future__ import annotations

from typing import Any

from kg.api import BuildResult, BuildStats, build, sample_inputs
from kg.errors import (
    GraphFileError,
    InputError,
    InvalidGraphError,
    KgError,
    OutputError,
    QuerySyntaxError,
    UsageError,
)
from kg.facts import Document, DocumentFacts
from kg.progress import ProgressEvent
from kg.readers import Skipped, read_inputs
from kg.writers import serialize_graph, serializer_formats, write_graph, write_text_atomic


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kg")
    except PackageNotFoundError:  # a source checkout that was not installed
        import re
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            found = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text("utf-8"), re.M)
        except OSError:
            found = None
        return found.group(1) if found else "0+unknown"


__version__ = _version()

# names served from modules that load the shapes or the extractors, imported on first use
_LAZY = {
    "ValidationResult": "kg.validate",
    "validate_graph": "kg.validate",
    "format_problems": "kg.validate",
    "read_graph": "kg.validate",
    "extract_document": "kg.extract",
    "build_graph": "kg.mapping",
    "run_query": "kg.query",
    "graph_stats": "kg.stats",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "BuildResult",
    "BuildStats",
    "Document",
    "DocumentFacts",
    "GraphFileError",
    "InputError",
    "InvalidGraphError",
    "KgError",
    "OutputError",
    "ProgressEvent",
    "QuerySyntaxError",
    "Skipped",
    "UsageError",
    "ValidationResult",
    "__version__",
    "build",
    "build_graph",
    "extract_document",
    "format_problems",
    "graph_stats",
    "read_graph",
    "read_inputs",
    "run_query",
    "sample_inputs",
    "serialize_graph",
    "serializer_formats",
    "validate_graph",
    "write_graph",
    "write_text_atomic",
]

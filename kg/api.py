"""The library entry point: :func:`build` turns documents into a knowledge graph.

    >>> import kg
    >>> result = kg.build(["news-kinh-mon.txt"])          # doctest: +SKIP
    >>> kg.write_graph(result.graph, "kg-graph.ttl")      # doctest: +SKIP

Stages: read (``kg.readers``) → extract (``kg.extract``) → map to RDF
(``kg.mapping``) → validate against the SHACL shapes (``kg.validate``). A
document that cannot be read, or whose extraction fails, is recorded as
:class:`~kg.readers.Skipped` and the batch goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import RDF, RDFS

from kg.errors import InputError
from kg.facts import Document, DocumentFacts
from kg.progress import ProgressEvent
from kg.readers import DEFAULT_MAX_BYTES, Skipped, read_inputs

if TYPE_CHECKING:
    from kg.validate import ValidationResult

log = logging.getLogger(__name__)

VNADM = rdflib.Namespace("https://w3id.org/vnadm/ontology#")
_UNIT_CLASSES = ("AdministrativeUnit", "Ward", "Commune", "Township", "SpecialZone", "District", "Province")


@dataclass(frozen=True)
class BuildStats:
    """What a build read and produced, and how long each stage took."""

    documents: int = 0  # documents read and extracted
    skipped: int = 0  # inputs (files, jsonl lines, documents) not used
    units: int = 0  # administrative units in the graph
    new_units: int = 0  # units that result from a reorganisation
    predecessors: int = 0  # units merged into a new one
    officials: int = 0  # people holding a post
    holdings: int = 0  # position holdings
    observations: int = 0  # indicator observations
    resolutions: int = 0  # resolutions named as legal basis
    linked: int = 0  # communes and districts linked to an official code
    not_linked: int = 0  # communes and districts flagged unlinked or ambiguous
    triples: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> seconds

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


@dataclass(frozen=True)
class BuildResult:
    """The graph and everything a caller needs to report on the build."""

    graph: rdflib.Graph
    facts: tuple[DocumentFacts, ...]
    skipped: tuple[Skipped, ...]
    validation: ValidationResult | None
    stats: BuildStats
    # documents that were read but whose extraction raised (a bug of kg's, not bad input):
    # they are in the graph with no facts, and do not change the exit code
    failed: tuple[Skipped, ...] = ()
    # things the user should know that do not stop the build: a document whose own
    # count of units differs from what was read, the register not installed, …
    warnings: tuple[str, ...] = ()

    @property
    def conforms(self) -> bool | None:
        """True/False after validation, None when validation was not run."""
        return None if self.validation is None else self.validation.conforms


def build(
    inputs: Sequence[Path | str] = (),
    *,
    validate: bool = True,
    progress: Callable[[ProgressEvent], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    link: bool = True,
    reference: Sequence[str] = (),
) -> BuildResult:
    """Build the knowledge graph of ``inputs`` (files or folders).

    With no inputs, the bundled sample articles are used. Inputs that cannot
    be read and documents whose extraction fails are listed in
    ``result.skipped``; the graph holds everything else. With ``validate``,
    the graph is checked against the SHACL shapes (``result.validation``).
    ``progress`` is called with a :class:`~kg.progress.ProgressEvent` as the
    stages advance.

    With ``link`` (the default), communes and districts are linked to the
    official register (kg.register, kg.linking) when its package is
    installed; without it, the build goes on with a warning. ``reference``
    names provinces ("all" for the 34) whose register mapping is added as a
    source of its own (kg.reference); it needs the register package.
    """
    from kg.extract import extract_document
    from kg.mapping import build_graph

    notify = progress or _ignore
    seconds: dict[str, float] = {}
    skipped: list[Skipped] = []
    failed: list[Skipped] = []
    warnings: list[str] = []

    start = time.perf_counter()
    register, reference_facts = _register_and_reference(link, reference, warnings)
    if register is not None:
        seconds["register"] = time.perf_counter() - start
    paths = [Path(p) for p in inputs] if inputs else ([] if reference else sample_inputs())

    start = time.perf_counter()
    documents: list[Document] = []
    for count, item in enumerate(read_inputs(paths, max_bytes=max_bytes), start=1):
        if isinstance(item, Skipped):
            log.debug("skipped %s", item)
            skipped.append(item)
        else:
            documents.append(item)
        notify(ProgressEvent("read", count, None, item.path))
    seconds["read"] = time.perf_counter() - start
    log.info("read %d documents, skipped %d inputs", len(documents), len(skipped))

    start = time.perf_counter()
    facts: list[DocumentFacts] = []
    total = len(documents)
    notify(ProgressEvent("extract", 0, total))
    for count, (doc, outcome) in enumerate(_extract_all(documents, extract_document), start=1):
        if isinstance(outcome, str):  # a bug of ours must not stop the batch, nor hide the document
            failed.append(Skipped(doc.path, f"extraction failed ({outcome}); the document is "
                                  "in the graph without facts — please report this with the file"))
            facts.append(DocumentFacts(document=doc))
        else:
            warnings.extend(f"{doc.path}: {warning}" for warning in outcome.warnings)
            facts.append(outcome)
        notify(ProgressEvent("extract", count, total, doc.source_file))
    seconds["extract"] = time.perf_counter() - start

    start = time.perf_counter()
    notify(ProgressEvent("map", 0, 1))
    facts.extend(reference_facts)
    graph = build_graph(facts, register=register if link else None)
    notify(ProgressEvent("map", 1, 1))
    seconds["map"] = time.perf_counter() - start

    validation = None
    if validate:
        from kg.validate import validate_graph

        start = time.perf_counter()
        notify(ProgressEvent("validate", 0, 1))
        validation = validate_graph(graph)
        notify(ProgressEvent("validate", 1, 1))
        seconds["validate"] = time.perf_counter() - start

    stats = _count(graph, documents=len(facts), skipped=len(skipped), seconds=seconds)
    log.info(
        "built %d triples in %.2f s (%s)",
        stats.triples,
        stats.total_seconds,
        ", ".join(f"{k} {v:.2f} s" for k, v in seconds.items()),
    )
    return BuildResult(
        graph=graph, facts=tuple(facts), skipped=tuple(skipped), validation=validation, stats=stats,
        failed=tuple(failed), warnings=tuple(warnings),
    )


def _register_and_reference(link: bool, reference: Sequence[str], warnings: list[str]):
    """The register (None when not linking or not installed) and the facts of ``reference``."""
    from kg.register import RegisterUnavailable, load_register

    if not link and not reference:
        return None, []
    try:
        register = load_register()
    except RegisterUnavailable as err:
        if reference:
            raise
        warnings.append(f"units are not linked to official codes: {err}")
        return None, []
    if not reference:
        return register, []
    from kg.reference import reference_facts, reference_provinces

    return register, reference_facts(register, reference_provinces(register, reference))


# from this many documents on, extraction runs in one process per core
PARALLEL_EXTRACTION_FROM = 200


def _extract_one(doc: Document, extract: Callable[[Document], DocumentFacts]) -> DocumentFacts | str:
    try:
        return extract(doc)
    except Exception as err:
        log.debug("extraction of %s failed", doc.path, exc_info=True)
        return f"{type(err).__name__}: {err}"


_POOL_EXTRACT: Callable[[Document], DocumentFacts] | None = None


def _pool_extract(doc: Document) -> DocumentFacts | str:
    assert _POOL_EXTRACT is not None
    return _extract_one(doc, _POOL_EXTRACT)


def _extract_all(documents: list[Document], extract: Callable[[Document], DocumentFacts]):
    """(document, facts or the error's text) in input order; in parallel on a
    machine with several cores when there are many documents (Linux: fork)."""
    global _POOL_EXTRACT
    workers = _cores()
    if len(documents) < PARALLEL_EXTRACTION_FROM or workers < 2:
        for doc in documents:
            yield doc, _extract_one(doc, extract)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _POOL_EXTRACT = extract
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield from zip(documents, pool.map(_pool_extract, documents, chunksize=25), strict=True)
    finally:
        _POOL_EXTRACT = None


def _cores() -> int:
    import os

    if os.environ.get("KG_WORKERS"):
        return max(1, int(os.environ["KG_WORKERS"]))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux: no fork either
        return 1


def _count(
    graph: rdflib.Graph, *, documents: int = 0, skipped: int = 0, seconds: dict[str, float] | None = None
) -> BuildStats:
    """Count the entities of a kg graph (see docs/model.md) with triple patterns (fast, no SPARQL)."""
    unit_classes = {VNADM[name] for name in _UNIT_CLASSES}
    frontier = list(unit_classes)
    while frontier:  # subclasses declared in the graph's ontology
        for sub in graph.subjects(RDFS.subClassOf, frontier.pop()):
            if sub not in unit_classes:
                unit_classes.add(sub)
                frontier.append(sub)
    units = {s for cls in unit_classes for s in graph.subjects(RDF.type, cls)}
    predecessors = set(graph.objects(None, VNADM.sourceUnit)) | set(graph.objects(None, VNADM.predecessor))
    linked = sum(1 for _ in graph.subjects(VNADM.linkStatus, VNADM.Linked))
    not_linked = sum(1 for _ in graph.subject_objects(VNADM.linkStatus)) - linked

    def count(cls: rdflib.URIRef) -> int:
        return len(set(graph.subjects(RDF.type, cls)))

    return BuildStats(
        documents=documents,
        skipped=skipped,
        units=len(units),
        new_units=len(set(graph.objects(None, VNADM.resultingUnit))),
        predecessors=len(predecessors),
        officials=count(VNADM.Person),
        holdings=count(VNADM.PositionHolding),
        observations=count(VNADM.Observation),
        resolutions=count(VNADM.Resolution),
        linked=linked,
        not_linked=not_linked,
        triples=len(graph),
        seconds=dict(seconds or {}),
    )


def sample_inputs() -> list[Path]:
    """The bundled sample articles (every supported file in ``samples/`` but its README)."""
    from kg.readers import SUFFIXES
    from kg.resources import samples_dir

    try:
        folder = samples_dir()
    except FileNotFoundError as err:
        raise InputError(f"no inputs given and {err}") from err
    files = sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.upper().startswith("README")
    )
    if not files:
        raise InputError(f"no inputs given and the samples folder {folder} holds no articles")
    return files


def _ignore(event: ProgressEvent) -> None:
    return None


__all__ = ["BuildResult", "BuildStats", "build", "sample_inputs"]

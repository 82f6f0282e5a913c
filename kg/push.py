"""``kg push``: load a graph into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

Any store that implements the `Graph Store HTTP Protocol
<https://www.w3.org/TR/sparql11-http-rdf-update/>`_ takes the graph: Virtuoso,
Fuseki, GraphDB, Oxigraph server, … (README, "Remote stores", gives each one's URL).

Where the triples go (:func:`plan_push`):

- ``layout="per-document"`` (the default): a named graph per source document,
  named by the document's IRI, holding the facts derived from that document
  alone — every subject with exactly one ``prov:wasDerivedFrom`` (observations,
  position holdings, reorganisations and their components, each with its
  sentence and offsets) — and the document's own description. Everything
  else (units, people, resolutions, the ontology and its vocabularies), which
  several documents share, goes to one shared graph, :data:`SHARED_GRAPH`
  unless another is given. Each triple is in exactly one graph, so a store's
  union of its graphs is the graph kg wrote; a document's graph can be
  replaced or dropped on its own.
- ``layout="single"``: every triple into one graph: a named graph, or the
  store's default graph (``graph=None``).

The triples are sent as N-Triples in chunks of about ``chunk_size`` triples
(:class:`Chunk`); all triples of one subject, with the blank nodes under it,
stay in one chunk, because a blank node's label only holds within one request.
With ``replace=True`` the first chunk of each graph is sent with ``PUT`` (which
replaces the graph's content) and the others with ``POST`` (which adds);
without it every chunk is a ``POST``, so pushing the same graph twice adds
its blank nodes twice.
"""

from __future__ import annotations

import time
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphFileError, UsageError
from kg.progress import PUSH_STAGE, ProgressCallback, ProgressEvent
from kg.remote import DEFAULT_TIMEOUT, Credentials, HttpClient, RemoteError, _redacted, check_url

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "LAYOUTS",
    "SHARED_GRAPH",
    "Chunk",
    "PushPlan",
    "PushResult",
    "plan_push",
    "push",
    "push_files",
]

#: Triples per request (``--chunk-size``): about 7 MB of N-Triples for kg's graphs.
DEFAULT_CHUNK_SIZE = 50_000

#: ``--layout`` choices.
LAYOUTS: tuple[str, ...] = ("per-document", "single")

#: The named graph of the triples no single document owns, in the per-document layout.
SHARED_GRAPH = "https://w3id.org/vnadm/graph/shared"

_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SOURCE_DOCUMENT = ox.NamedNode("https://w3id.org/vnadm/ontology#SourceDocument")

Subject = ox.NamedNode | ox.BlankNode


@dataclass(frozen=True)
class Chunk:
    """One request's worth of triples for ``graph`` (``None``: the store's default graph)."""

    graph: str | None
    triples: tuple[ox.Triple, ...]
    first: bool  # the graph's first chunk (sent with PUT when replacing)

    def ntriples(self) -> bytes:
        """The chunk as N-Triples (UTF-8)."""
        data = ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES)
        assert data is not None
        return data


@dataclass(frozen=True)
class PushPlan:
    """The chunks of a push, in the order they are sent (graphs by IRI, the shared graph first)."""

    chunks: tuple[Chunk, ...]

    @property
    def triples(self) -> int:
        return sum(len(chunk.triples) for chunk in self.chunks)

    def graphs(self) -> dict[str | None, int]:
        """Triples per graph, in sending order."""
        counts: dict[str | None, int] = {}
        for chunk in self.chunks:
            counts[chunk.graph] = counts.get(chunk.graph, 0) + len(chunk.triples)
        return counts


@dataclass(frozen=True)
class PushResult:
    """What :func:`push` did."""

    endpoint: str
    triples: int
    graphs: int
    requests: int
    seconds: float

    def summary(self) -> str:
        rate = f", {self.triples / self.seconds:,.0f} triples/s" if self.seconds > 0 else ""
        graphs = "1 graph" if self.graphs == 1 else f"{self.graphs} graphs"
        requests = "1 request" if self.requests == 1 else f"{self.requests} requests"
        where = f"to {self.endpoint} in {self.seconds:.1f} s"
        return f"pushed {self.triples:,} triples in {graphs} ({requests}) {where}{rate}"


# ------------------------------------------------------------------ planning


def plan_push(
    store: ox.Store,
    *,
    layout: str = "per-document",
    graph: str | None = None,
    shared_graph: str = SHARED_GRAPH,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> PushPlan:
    """Which triples of ``store`` go to which graph, cut into chunks (see the module's docstring).

    ``graph`` is the one graph of ``layout="single"`` (``None``: the default graph).
    The plan is deterministic: the same triples give the same chunks.
    """
    if layout not in LAYOUTS:
        raise UsageError(f"unknown layout {layout!r}; choose one of: {', '.join(LAYOUTS)}")
    if chunk_size < 1:
        raise UsageError(f"--chunk-size must be at least 1 (got {chunk_size})")
    by_subject: dict[Subject, list[ox.Triple]] = defaultdict(list)
    for quad in store.quads_for_pattern(None, None, None, None):
        by_subject[quad.subject].append(ox.Triple(quad.subject, quad.predicate, quad.object))  # type: ignore[arg-type]

    roots = _blank_roots(by_subject)
    groups: dict[Subject, list[ox.Triple]] = defaultdict(list)  # a named subject with its blank nodes
    for subject, triples in by_subject.items():
        groups[roots.get(subject, subject)].extend(triples)

    if layout == "single":
        placed: dict[str | None, list[Subject]] = {graph: sorted(groups, key=_order)}
    else:
        placed = _per_document(groups, shared_graph)

    chunks: list[Chunk] = []
    for target in sorted(placed, key=lambda g: (g != shared_graph, g or "")):
        chunks.extend(_chunks(target, [groups[subject] for subject in placed[target]], chunk_size))
    return PushPlan(tuple(chunks))


def _order(term: object) -> tuple[bool, str]:
    return (isinstance(term, ox.BlankNode), str(term))


def _blank_roots(by_subject: dict[Subject, list[ox.Triple]]) -> dict[Subject, Subject]:
    """For each blank subject, the subject whose group it joins: the named subject above it,
    following the triples that point at it (the first in a stable order when several do)."""
    parents: dict[ox.BlankNode, Subject] = {}
    for subject in sorted(by_subject, key=_order):
        for triple in by_subject[subject]:
            if isinstance(triple.object, ox.BlankNode) and triple.object != subject:
                parents.setdefault(triple.object, subject)
    roots: dict[Subject, Subject] = {}
    for blank in (s for s in by_subject if isinstance(s, ox.BlankNode)):
        seen = {blank}
        node: Subject = blank
        while isinstance(node, ox.BlankNode) and node in parents and parents[node] not in seen:
            node = parents[node]
            seen.add(node)
        if node != blank:
            roots[blank] = node
    return roots


def _per_document(groups: dict[Subject, list[ox.Triple]], shared_graph: str) -> dict[str | None, list[Subject]]:
    placed: dict[str | None, list[Subject]] = defaultdict(list)
    for subject in sorted(groups, key=_order):
        triples = groups[subject]
        target = shared_graph
        if isinstance(subject, ox.NamedNode):
            sources = {t.object for t in triples if t.subject == subject and t.predicate == _DERIVED_FROM}
            if len(sources) == 1:
                (source,) = sources
                if isinstance(source, ox.NamedNode):
                    target = source.value
            elif any(t.subject == subject and t.predicate == _TYPE and t.object == _SOURCE_DOCUMENT for t in triples):
                target = subject.value
        placed[target].append(subject)
    return placed


def _chunks(graph: str | None, groups: Iterable[list[ox.Triple]], size: int) -> Iterator[Chunk]:
    batch: list[ox.Triple] = []
    first = True
    for triples in groups:
        if batch and len(batch) + len(triples) > size:
            yield Chunk(graph, tuple(batch), first)
            batch, first = [], False
        batch.extend(sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object))))
    if batch or first:
        yield Chunk(graph, tuple(batch), first)


# ------------------------------------------------------------------ sending


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of ``graph`` at ``endpoint``: ``…?graph=<IRI>`` or ``…?default``."""
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    if graph is None:
        return f"{endpoint}{separator}default"
    return f"{endpoint}{separator}graph={urllib.parse.quote(graph, safe='')}"


def push(
    plan: PushPlan,
    endpoint: str,
    *,
    replace: bool = False,
    credentials: Credentials | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: ProgressCallback | None = None,
    client: HttpClient | None = None,
) -> PushResult:
    """Send the chunks of ``plan`` to the Graph Store Protocol ``endpoint``.

    Raises :class:`~kg.remote.RemoteError` (exit code 3) at the first chunk the
    store refuses; its message names the graph and how many triples were
    already stored.
    """
    endpoint = check_url(endpoint, "--endpoint")
    label = f"graph store {_redacted(endpoint)}"
    client = client if client is not None else HttpClient(credentials, timeout=timeout)
    total = plan.triples
    started = time.monotonic()
    done = 0
    if progress:
        progress(ProgressEvent(PUSH_STAGE, 0, total))
    client.authenticate(endpoint, label=label)
    for number, chunk in enumerate(plan.chunks, start=1):
        method = "PUT" if replace and chunk.first else "POST"
        where = chunk.graph or "the default graph"
        try:
            client.request(
                method,
                graph_url(endpoint, chunk.graph),
                body=chunk.ntriples(),
                headers={"Content-Type": "application/n-triples"},
                label=label,
            )
        except RemoteError as exc:
            stored = f"{done:,} of {total:,} triples were stored before it"
            raise RemoteError(f"{exc} (request {number} of {len(plan.chunks)}, {method} to {where}; {stored})") from exc
        done += len(chunk.triples)
        if progress:
            progress(ProgressEvent(PUSH_STAGE, done, total, item=where))
    return PushResult(
        endpoint=_redacted(endpoint),
        triples=done,
        graphs=len(plan.graphs()),
        requests=len(plan.chunks),
        seconds=time.monotonic() - started,
    )


def push_files(
    paths: Sequence[Path | str],
    endpoint: str,
    *,
    layout: str = "per-document",
    graph: str | None = None,
    shared_graph: str = SHARED_GRAPH,
    replace: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    credentials: Credentials | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: ProgressCallback | None = None,
) -> PushResult:
    """Read graph files (:func:`kg.engine.load_store`) and push them: :func:`plan_push`, then :func:`push`."""
    from kg.engine import load_store

    endpoint = check_url(endpoint, "--endpoint")
    store = load_store(paths)
    if len(store) == 0:
        names = ", ".join(str(p) for p in paths)
        raise GraphFileError(f"{names}: no triples to push", path=str(paths[0]) if paths else None)
    plan = plan_push(store, layout=layout, graph=graph, shared_graph=shared_graph, chunk_size=chunk_size)
    return push(plan, endpoint, replace=replace, credentials=credentials, timeout=timeout, progress=progress)

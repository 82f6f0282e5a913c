"""Write graphs and text files atomically and deterministically.

:func:`write_graph` serialises an rdflib graph in any format rdflib has a
serializer plugin for (the format is taken from the file's extension when not
given). The same graph content always gives the same bytes, whatever order its
triples were added in: triples are written in sorted order, blank nodes get
labels computed from their surroundings, line-based formats are sorted line by
line and JSON-LD is sorted. The file is written to a temporary file in the
same folder, flushed to disk and renamed over the target, so a reader never
sees half a file and a failure leaves the target as it was.

Turtle and N-Triples do not go through rdflib's serializers, which take
minutes on large graphs: :mod:`kg.turtle` writes them (flat Turtle with
``@prefix`` lines, sorted N-Triples), streaming into the temporary file.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Namespace
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import NamespaceManager
from rdflib.plugin import plugins
from rdflib.serializer import Serializer
from rdflib.term import Node

from kg.errors import OutputError, UsageError
from kg.namespaces import PREFIXES
from kg.turtle import ntriples_chunks, stable_bnode_labels, statements, turtle_chunks

log = logging.getLogger(__name__)


#: short names accepted besides rdflib's own plugin names (file extensions)
ALIASES: dict[str, str] = {"nq": "nquads", "jsonld": "json-ld"}

#: file extension -> rdflib serializer name
EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".n3": "n3",
    ".trix": "trix",
    ".hext": "hext",
}

# serializers that need a dataset (quads); a plain graph is written as the default graph
_QUAD_FORMATS = frozenset({"nquads", "trig", "trix"})
# serializers whose output is one statement per line
_LINE_FORMATS = frozenset({"nt", "nt11", "ntriples", "nquads", "hext"})
# registered serializers that cannot write a plain graph (patch writes dataset diffs)
_UNUSABLE = frozenset({"patch"})
# formats kg.turtle writes (much faster than rdflib's serializers): name -> "turtle" | "nt"
_OWN_WRITERS = {
    "turtle": "turtle",
    "ttl": "turtle",
    "text/turtle": "turtle",
    "nt": "nt",
    "nt11": "nt",
    "ntriples": "nt",
    "application/n-triples": "nt",
}


def serializer_formats() -> list[str]:
    """Format names for ``--format``: rdflib's registered serializers plus short aliases.

    MIME-type names (``text/turtle``) are left out; they remain accepted by
    :func:`resolve_format`.
    """
    names = {p.name for p in plugins(kind=Serializer) if "/" not in p.name and p.name not in _UNUSABLE}
    names.update(alias for alias, target in ALIASES.items() if target in names)
    return sorted(names)


def resolve_format(fmt: str | None, path: Path | str | None = None) -> str:
    """The rdflib serializer name for ``fmt`` (a name or alias), or for ``path``'s extension."""
    registered = {p.name for p in plugins(kind=Serializer)} - _UNUSABLE
    if fmt:
        name = fmt.strip()
        name = ALIASES.get(name.lower(), name)
        if name in registered:
            return name
        if name.lower() in registered:
            return name.lower()
        raise UsageError(f"unknown RDF format {fmt!r}. Available formats: {', '.join(serializer_formats())}")
    if path is not None:
        suffix = Path(path).suffix.lower()
        if suffix in EXTENSIONS and EXTENSIONS[suffix] in registered:
            return EXTENSIONS[suffix]
        raise UsageError(
            f"cannot tell the RDF format from the file name {str(path)!r}; "
            f"give --format (one of {', '.join(serializer_formats())}) "
            f"or use an extension ({', '.join(sorted(EXTENSIONS))})"
        )
    return "turtle"


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the data model's prefixes on ``graph`` (returned for chaining)."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    return graph


def serialize_graph(graph: Graph, fmt: str | None = None) -> bytes:
    """``graph`` in ``fmt`` (default Turtle) as deterministic UTF-8 bytes.

    A plain graph written in a quads format (N-Quads, TriG, TriX) is the
    dataset's default graph; a dataset written in a triples format is the
    union of its graphs.
    """
    name = resolve_format(fmt)
    own = _own_chunks(graph, name)
    if own is not None:
        return b"".join(own)
    if isinstance(graph, ConjunctiveGraph):  # Dataset is one too
        source_default = _default_graph(graph).identifier
        contexts = [(ctx.identifier, list(ctx)) for ctx in _graphs(graph)]
    else:
        source_default = None
        contexts = [(None, list(graph))]
    relabel = _bnode_labels(t for _, triples in contexts for t in triples)
    namespaces = [(prefix, ns) for prefix, ns in graph.namespaces() if not _auto_prefix(prefix)]

    target: Graph
    if name in _QUAD_FORMATS:
        target = Dataset()
        target.namespace_manager = NamespaceManager(target, bind_namespaces="none")
        named: dict[Node, list] = defaultdict(list)
        for ctx_id, triples in contexts:
            key = None if ctx_id is None or ctx_id == source_default else relabel.get(ctx_id, ctx_id)
            named[key].extend(_apply(t, relabel) for t in triples)
        for key in sorted(named, key=_key):
            sink = _default_graph(target) if key is None else target.graph(key)
            sink.addN((s, p, o, sink) for s, p, o in sorted(set(named[key]), key=_triple_key))
    else:
        target = Graph(bind_namespaces="none")
        union = {_apply(t, relabel) for _, triples in contexts for t in triples}
        target.addN((s, p, o, target) for s, p, o in sorted(union, key=_triple_key))
    for prefix, ns in namespaces:
        target.bind(prefix, ns, override=True)
    bind_prefixes(target)

    try:
        data = target.serialize(format=name, encoding="utf-8")
    except Exception as err:  # rdflib raises many kinds; all mean "cannot write this"
        raise OutputError(f"cannot write the graph as {name}: {err}") from err
    if name in _LINE_FORMATS:
        lines = sorted({line for line in data.split(b"\n") if line.strip()})
        data = b"\n".join(lines) + (b"\n" if lines else b"")
    elif name in ("json-ld", "application/ld+json"):
        data = _sorted_json(data)
    return data


def model_prefixes(graph: Graph) -> dict[str, str]:
    """The prefixes kg writes ``graph`` with: the data model's (:data:`kg.namespaces.PREFIXES`) first,
    then the graph's own bindings (not rdflib's invented ``ns1``).

    A prefix or a namespace taken by an earlier source is not taken again.
    """
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    sources = (
        PREFIXES.items(),
        ((prefix, str(ns)) for prefix, ns in sorted(graph.namespaces()) if not _auto_prefix(prefix)),
    )
    for source in sources:
        for prefix, ns in source:
            if prefix not in chosen and ns not in taken:
                chosen[prefix] = ns
                taken.add(ns)
    return chosen


def _own_chunks(graph: Graph, name: str) -> Iterator[bytes] | None:
    """``graph`` in ``name`` as UTF-8 chunks from :mod:`kg.turtle`, or None when rdflib writes that format.

    A dataset gives the union of its graphs. Errors come out as
    :class:`~kg.errors.OutputError`, raised from the generator.
    """
    kind = _OWN_WRITERS.get(name)
    if kind is None:
        return None

    def chunks() -> Iterator[bytes]:
        try:
            if kind == "turtle":
                texts = turtle_chunks(statements(graph), model_prefixes(graph))
            else:
                texts = ntriples_chunks(statements(graph))
            for text in texts:
                yield text.encode("utf-8")
        except Exception as err:  # an unwritable term or a lone surrogate: "cannot write this"
            raise OutputError(f"cannot write the graph as {name}: {err}") from err

    return chunks()


def _default_graph(dataset: ConjunctiveGraph) -> Graph:
    # rdflib >= 7.1 calls it default_graph and deprecates default_context
    graph = getattr(dataset, "default_graph", None)
    return graph if isinstance(graph, Graph) else dataset.default_context


def _graphs(dataset: ConjunctiveGraph) -> list[Graph]:
    # rdflib >= 7.1 calls it graphs() and deprecates contexts()
    method = getattr(dataset, "graphs", None) if isinstance(dataset, Dataset) else None
    return list(method() if callable(method) else dataset.contexts())


def _auto_prefix(prefix: str) -> bool:
    """Prefixes rdflib invents (ns1, default1) are not worth keeping."""
    return not prefix or (prefix.rstrip("0123456789") in ("ns", "default") and prefix[-1:].isdigit())


def write_graph(graph: Graph, path: Path | str, fmt: str | None = None) -> None:
    """Write ``graph`` to ``path`` atomically; the format comes from ``fmt`` or the extension.

    Raises :class:`~kg.errors.UsageError` for an unknown format and
    :class:`~kg.errors.OutputError` when the file cannot be written; in both
    cases ``path`` is left as it was.
    """
    path = Path(path)
    name = resolve_format(fmt, path)
    own = _own_chunks(graph, name)  # streamed: the text is never all in memory
    size = _write_atomic(path, (serialize_graph(graph, name),) if own is None else own)
    log.debug("wrote %s (%s, %d bytes)", path, name, size)


def write_text_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    write_bytes_atomic(Path(path), text.encode("utf-8"))


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it and rename it over ``path``.

    On any failure the temporary file is removed and ``path`` is untouched.
    """
    _write_atomic(Path(path), (data,))


def _write_atomic(path: Path, chunks: Iterable[bytes]) -> int:
    """:func:`write_bytes_atomic` for data that comes in chunks (consumed while the file is written).

    An exception raised by ``chunks`` removes the temporary file and goes
    through unchanged (unless it is an :class:`OSError`). Returns the size.
    """
    size = 0
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    tmp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        # O_EXCL: never reuse a file; 0o666 so the umask decides the mode, as for open()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
                    size += len(chunk)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            _remove(tmp)
            raise
        try:
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            os.replace(tmp, path)
        except BaseException:
            _remove(tmp)
            raise
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror or err}") from err
    _fsync_dir(folder)
    return size


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as err:  # pragma: no cover - nothing more we can do
        log.warning("could not remove the temporary file %s: %s", path, err)


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- determinism


def _key(term: Node | None) -> str:
    return "" if term is None else term.n3()


def _triple_key(triple: tuple[Node, Node, Node]) -> tuple[str, str, str]:
    s, p, o = triple
    return (s.n3(), p.n3(), o.n3())


def _apply(triple: tuple[Node, Node, Node], relabel: dict[Node, BNode]) -> tuple[Node, Node, Node]:
    if not relabel:
        return triple
    s, p, o = triple
    return (relabel.get(s, s), p, relabel.get(o, o))


def _bnode_labels(triples: Iterable[tuple[Node, Node, Node]]) -> dict[Node, BNode]:
    """Stable labels for blank nodes, from what surrounds them (:func:`kg.turtle.stable_bnode_labels`)."""
    labels = stable_bnode_labels(triples, _is_bnode, _n3)
    return {node: BNode(label) for node, label in labels.items()}


def _is_bnode(term: Node) -> bool:
    return isinstance(term, BNode)


def _n3(term: Node) -> str:
    return term.n3()


def _sorted_json(data: bytes) -> bytes:
    doc = json.loads(data.decode("utf-8"))
    return (json.dumps(_sort_json(doc), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _sort_json(value: object, ordered: bool = False) -> object:
    """Sort JSON-LD arrays (they are sets) except ``@list`` values, recursively."""
    if isinstance(value, dict):
        return {k: _sort_json(v, ordered=(k == "@list")) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        if ordered:
            return items
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


__all__ = [
    "ALIASES",
    "EXTENSIONS",
    "PREFIXES",
    "bind_prefixes",
    "model_prefixes",
    "resolve_format",
    "serialize_graph",
    "serializer_formats",
    "write_bytes_atomic",
    "write_graph",
    "write_text_atomic",
]

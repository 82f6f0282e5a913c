"""Fast, deterministic Turtle and N-Triples writers.

rdflib's Turtle serializer is general (it nests blank nodes, writes RDF lists
and abbreviates numbers) but slow: minutes for the millions of triples of a
large ``kg build``. kg's graphs need none of that, so this module writes flat
Turtle, numbering each distinct term once and sorting small groups:

* ``@prefix`` lines for the prefixes actually used, sorted by prefix;
* subjects sorted by their N-Triples form, one block each; ``rdf:type``
  (written ``a``) first, then the other predicates sorted the same way,
  grouped with ``;``; the objects of a predicate sorted, grouped with ``,``;
* IRIs as prefixed names only when the local part is plainly safe
  (``[A-Za-z0-9_]`` then ``[A-Za-z0-9_-]*``), else as ``<...>`` with the
  characters IRIREF forbids written as ``\\uXXXX``;
* literals always quoted, with their lexical form exactly as in the graph:
  ``"..."``, ``"..."@lang`` or ``"..."^^datatype``, where ``\\``, ``"``, line
  breaks, tabs and other control characters are escaped;
* blank nodes as ``_:label``, labels computed from what surrounds the nodes
  (:func:`stable_bnode_labels`) or, without that, from their ids.

The same set of triples always gives the same text, whatever order the
triples come in: nothing depends on insertion order or on string hashing.
The text comes as a stream of chunks (:func:`turtle_chunks`,
:func:`ntriples_chunks`) so that a large graph never has to sit in memory
twice. :func:`statements` reads a graph; for rdflib's in-memory store it
walks the store's subject index directly, which is several times faster than
rdflib's triple iterator.
"""

from __future__ import annotations

import gc
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO, TypeVar

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

T = TypeVar("T", bound=Hashable)
Triple = tuple[Node, Node, Node]
#: a subject, a predicate and the objects they have (the unit :func:`statements` yields)
Statement = tuple[Node, Node, Iterable[Node]]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: how many subjects (Turtle) or triples (N-Triples) go in one chunk of output
CHUNK_SIZE = 4096

# characters escaped in string literals: those STRING_LITERAL_QUOTE forbids ("\ LF CR),
# and, for readability and line-based tools, every other control or line-separator character
_LITERAL_SPECIAL = re.compile('[\x00-\x1f\x7f-\x9f"\\\\\u2028\u2029]')
_LITERAL_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
# characters IRIREF forbids ([^#x00-#x20<>"{}|^`\]), plus DEL, C1 controls and any Unicode
# white space (no-break space...: rdflib's N-Triples parser ends an IRI at one)
_IRI_SPECIAL = re.compile('[\x00-\x20<>"{}|^`\\\\\x7f-\x9f]|\\s')
# conservative subsets of the Turtle grammar: PN_PREFIX, PN_LOCAL and BLANK_NODE_LABEL
_PREFIX = re.compile(r"(?:[A-Za-z](?:[A-Za-z0-9_-]*))?")
_LOCAL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
_BNODE_LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")

# kinds of terms
_IRI, _BNODE, _LITERAL = 0, 1, 2


def _escape_literal_char(match: re.Match[str]) -> str:
    char = match.group()
    return _LITERAL_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _escape_iri_char(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04X}"


def quote_literal(lexical: str) -> str:
    """``lexical`` as a Turtle / N-Triples short string, quotes included."""
    if _LITERAL_SPECIAL.search(lexical) is None:
        return f'"{lexical}"'
    return f'"{_LITERAL_SPECIAL.sub(_escape_literal_char, lexical)}"'


def escape_iri(iri: str) -> str:
    """``iri`` with the characters IRIREF forbids written as ``\\uXXXX`` (no angle brackets)."""
    if _IRI_SPECIAL.search(iri) is None:
        return iri
    return _IRI_SPECIAL.sub(_escape_iri_char, iri)


def bnode_label(name: str) -> str:
    """A BLANK_NODE_LABEL for a blank node id: the id itself when it is one, else ``x`` + its hex."""
    if _BNODE_LABEL.fullmatch(name):
        return name
    return "x" + name.encode("utf-8", "surrogatepass").hex()


def valid_prefix(prefix: str) -> bool:
    """Whether ``prefix`` can be written as a Turtle prefix (conservatively: ASCII, no dots)."""
    return _PREFIX.fullmatch(prefix) is not None


# --------------------------------------------------------------------------- blank nodes


def stable_bnode_labels(
    triples: Iterable[tuple[T, T, T]], is_blank: Callable[[T], bool], text: Callable[[T], str]
) -> dict[T, str]:
    """Stable labels for blank nodes, from what surrounds them (colour refinement).

    Each blank node starts with a hash of its triples (other blank nodes left
    anonymous); rounds then fold in the neighbours' hashes until the partition
    stops getting finer. Nodes still tied are interchangeable for practical
    purposes; they are numbered in the order of their (equal) hashes.
    ``is_blank`` tells blank nodes, ``text`` writes the other terms.
    """
    touching: dict[T, list[tuple[T, T, T]]] = defaultdict(list)
    for triple in triples:
        s, _, o = triple
        if is_blank(s):
            touching[s].append(triple)
        if is_blank(o) and o != s:
            touching[o].append(triple)
    if not touching:
        return {}

    def term(value: T, node: T) -> str:
        if value == node:
            return "_:self"
        if is_blank(value):
            return "_:" + colour.get(value, "")
        return text(value)

    colour: dict[T, str] = {b: "" for b in touching}
    classes = 1
    for _ in range(len(touching) + 1):
        new: dict[T, str] = {}
        for node, around in touching.items():
            parts = sorted(
                ("o", text(p), term(o, node)) if s == node else ("i", term(s, node), text(p)) for s, p, o in around
            )
            new[node] = hashlib.sha1(repr((colour[node], parts)).encode("utf-8")).hexdigest()
        new_classes = len(set(new.values()))
        colour = new
        if new_classes <= classes:
            break
        classes = new_classes
    labels: dict[T, str] = {}
    seen: dict[str, int] = defaultdict(int)
    for node in sorted(touching, key=lambda b: colour[b]):
        base = colour[node][:16]
        count = seen[base]
        seen[base] += 1
        labels[node] = f"b{base}" if count == 0 else f"b{base}x{count}"
    return labels


# --------------------------------------------------------------------------- reading graphs


def statements(graph: Graph) -> Iterable[Statement]:
    """``graph``'s triples as (subject, predicate, objects) groups; for a dataset, those of all its graphs.

    A subject and predicate may come more than once, and (for a dataset) a
    triple too. For a graph alone in rdflib's in-memory store the groups
    come straight from the store's subject index.
    """
    if isinstance(graph, ConjunctiveGraph):  # Dataset is one too
        # rdflib >= 7.1 calls it graphs() and deprecates contexts()
        method = getattr(graph, "graphs", None) if isinstance(graph, Dataset) else None
        contexts = list(method() if callable(method) else graph.contexts())
        return (statement for context in contexts for statement in statements(context))
    index = _memory_index(graph)
    if index is not None:
        return ((s, p, objects) for s, po in index.items() for p, objects in po.items())
    return ((s, p, (o,)) for s, p, o in graph.triples((None, None, None)))


def _memory_index(graph: Graph) -> dict | None:
    """The subject -> predicate -> object index of rdflib's Memory store, when it holds just ``graph``."""
    try:
        from rdflib.plugins.stores.memory import Memory

        store = graph.store
        if type(store) is not Memory:
            return None
        index = getattr(store, "_Memory__spo", None)  # private: checked, with the public API as fallback
        if type(index) is not dict or len(store) != len(graph):  # other graphs share the store
            return None
        return index
    except Exception:  # pragma: no cover - a different rdflib; use the public API
        return None


def group_triples(triples: Iterable[Triple]) -> Iterator[Statement]:
    """Plain triples as (subject, predicate, objects) groups of one."""
    return ((s, p, (o,)) for s, p, o in triples)


# --------------------------------------------------------------------------- terms


class _Terms:
    """The distinct terms of a graph, numbered in order of appearance.

    ``nt[i]`` is term ``i`` in N-Triples form (also its sort key: the form is
    one-to-one, so sorting by it is a total order), ``spec[i]`` what is needed
    to write it otherwise: ``(_IRI, iri)``, ``(_BNODE, label)`` or
    ``(_LITERAL, quoted lexical form, language, datatype IRI)``.
    """

    def __init__(self) -> None:
        self.nt: list[str] = []
        self.spec: list[tuple] = []
        self.iris: dict[str, int] = {}
        self.literals: dict[tuple[str, str | None, URIRef | None], int] = {}
        self.bnodes: dict[str, int] = {}

    def iri(self, value: str) -> int:
        number = self.iris.get(value)
        if number is None:
            number = self.iris[value] = len(self.nt)
            self.nt.append(f"<{escape_iri(value)}>")
            self.spec.append((_IRI, value))
        return number

    def number(self, term: Node) -> int:
        if isinstance(term, Literal):
            key = (str(term), term.language, term.datatype)
            number = self.literals.get(key)
            if number is None:
                number = self.literals[key] = len(self.nt)
                lexical, lang, datatype = key
                quoted = quote_literal(lexical)
                datatype = None if datatype is None else str(datatype)
                if lang:
                    self.nt.append(f"{quoted}@{lang}")
                elif datatype is not None:
                    self.nt.append(f"{quoted}^^<{escape_iri(datatype)}>")
                else:
                    self.nt.append(quoted)
                self.spec.append((_LITERAL, quoted, lang or None, datatype))
            return number
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, BNode):
            name = str(term)
            number = self.bnodes.get(name)
            if number is None:
                number = self.bnodes[name] = len(self.nt)
                self.label(number, bnode_label(name))
            return number
        raise TypeError(f"cannot write {term!r} ({type(term).__name__}) in a triple")

    def label(self, number: int, label: str) -> None:
        spec = (_BNODE, label)
        if number == len(self.nt):
            self.nt.append(f"_:{label}")
            self.spec.append(spec)
        else:
            self.nt[number] = f"_:{label}"
            self.spec[number] = spec


#: subject number -> predicate number -> object numbers (possibly repeated)
_Tree = dict[int, dict[int, list[int]]]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector.

    Reading a graph allocates hundreds of thousands of long-lived containers
    and no cycles; left on, the collector would walk the whole (large) heap
    again and again, which more than doubles the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(groups: Iterable[Statement], stable_bnodes: bool) -> tuple[_Terms, _Tree]:
    with _gc_paused():
        return _read_all(groups, stable_bnodes)


def _read_all(groups: Iterable[Statement], stable_bnodes: bool) -> tuple[_Terms, _Tree]:
    terms = _Terms()
    tree: _Tree = {}
    iris = terms.iris
    iri, number = terms.iri, terms.number
    uriref, literal = URIRef, Literal
    literals = terms.literals
    last_s: Node | None = None
    predicates: dict[int, list[int]] = {}
    for s, p, objects in groups:
        # fast paths for plain URIRefs and literals already seen; the rest goes through number()
        numbers: list[int] = []
        add = numbers.append
        for o in objects:
            kind = type(o)
            if kind is uriref:
                key = str(o)
                oi = iris.get(key)
                add(iri(key) if oi is None else oi)
            elif kind is literal:
                oi = literals.get((str(o), o.language, o.datatype))
                add(number(o) if oi is None else oi)
            else:
                add(number(o))
        if not numbers:  # the in-memory store keeps empty entries after removals
            continue
        if s is not last_s:  # the store's index gives each subject's groups in a row
            if type(s) is uriref:
                key = str(s)
                si = iris.get(key)
                if si is None:
                    si = iri(key)
            elif isinstance(s, (URIRef, BNode)):
                si = number(s)
            else:
                raise TypeError(f"cannot write {s!r} ({type(s).__name__}) as a subject")
            last_s = s
            predicates = tree.get(si)
            if predicates is None:
                predicates = tree[si] = {}
        if type(p) is uriref:
            key = str(p)
            pi = iris.get(key)
            if pi is None:
                pi = iri(key)
        elif isinstance(p, URIRef):
            pi = number(p)
        else:
            raise TypeError(f"cannot write {p!r} ({type(p).__name__}) as a predicate")
        have = predicates.get(pi)
        if have is None:
            predicates[pi] = numbers
        else:
            have.extend(numbers)
    if terms.bnodes and stable_bnodes:
        _relabel(terms, tree)
    return terms, tree


def _relabel(terms: _Terms, tree: _Tree) -> None:
    """Label the blank nodes from the (distinct) triples touching them: :func:`stable_bnode_labels`."""
    blank = set(terms.bnodes.values())
    touching: set[tuple[int, int, int]] = set()
    for s, predicates in tree.items():
        for p, objects in predicates.items():
            if s in blank:
                touching.update((s, p, o) for o in objects)
            elif not blank.isdisjoint(objects):
                touching.update((s, p, o) for o in objects if o in blank)
    nt = terms.nt
    ordered = sorted(touching, key=lambda t: (nt[t[0]], nt[t[1]], nt[t[2]]))
    labels = stable_bnode_labels(ordered, blank.__contains__, nt.__getitem__)
    for number, label in labels.items():
        terms.label(number, label)


def _sorted_objects(objects: list[int], key: Callable[[int], str]) -> list[int]:
    if len(objects) == 1:
        return objects
    return sorted(set(objects), key=key)


# --------------------------------------------------------------------------- N-Triples


def ntriples_chunks(
    groups: Iterable[Statement], *, stable_bnodes: bool = True, chunk_size: int = CHUNK_SIZE
) -> Iterator[str]:
    """Sorted, duplicate-free N-Triples for ``groups`` (see :func:`statements`), as chunks of text.

    The lines are in code-point order, which is also the byte order of their
    UTF-8 form (a term's N-Triples form is never a prefix of another's
    followed by a character below the space, so sorting by subject, then
    predicate, then object sorts the lines). Blank nodes are labelled by
    :func:`stable_bnode_labels`, or from their ids without ``stable_bnodes``.
    """
    terms, tree = _read(groups, stable_bnodes)
    nt = terms.nt
    del terms
    key = nt.__getitem__
    lines: list[str] = []
    add = lines.append
    for s in sorted(tree, key=key):
        subject = nt[s]
        predicates = tree[s]
        for p in sorted(predicates, key=key) if len(predicates) > 1 else predicates:
            head = f"{subject} {nt[p]} "
            for o in _sorted_objects(predicates[p], key):
                add(f"{head}{nt[o]} .\n")
        if len(lines) >= chunk_size:
            yield "".join(lines)
            lines.clear()
    if lines:
        yield "".join(lines)


# --------------------------------------------------------------------------- Turtle


class _Prefixes:
    """Chooses prefixed names for IRIs, remembering which prefixes were used."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        by_namespace: dict[str, str] = {}
        # several prefixes for one namespace: the smallest one wins, whatever the mapping's order
        for prefix, namespace in sorted(prefixes.items(), key=lambda item: (str(item[1]), item[0])):
            namespace = str(namespace)
            if valid_prefix(prefix) and namespace and namespace not in by_namespace:
                by_namespace[namespace] = prefix
        self.by_namespace = by_namespace
        self.lengths = sorted({len(ns) for ns in by_namespace}, reverse=True)
        self.used: dict[str, str] = {}
        self.cache: dict[str, str] = {}

    def name(self, iri: str, declared_only: bool = False) -> str:
        """``iri`` as a prefixed name (the longest namespace that leaves a safe local part) or ``<iri>``.

        With ``declared_only``, only prefixes already used count.
        """
        start = len(iri.rstrip(_LOCAL_CHARS))  # where the run of local-name characters at the end begins
        for length in self.lengths:
            if length < start:
                break
            if length > len(iri):
                continue
            prefix = self.by_namespace.get(iri[:length])
            if prefix is not None and iri[length : length + 1] != "-":
                if declared_only and prefix not in self.used:
                    continue
                self.used[prefix] = iri[:length]
                return f"{prefix}:{iri[length:]}"
        return f"<{escape_iri(iri)}>"

    def cached(self, iri: str) -> str:
        text = self.cache.get(iri)
        if text is None:
            text = self.cache[iri] = self.name(iri)
        return text

    def header(self) -> str:
        lines = [f"@prefix {prefix}: <{escape_iri(ns)}> .\n" for prefix, ns in sorted(self.used.items())]
        return "".join(lines) + ("\n" if lines else "")


def turtle_chunks(
    groups: Iterable[Statement],
    prefixes: Mapping[str, str],
    *,
    stable_bnodes: bool = True,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[str]:
    """Deterministic Turtle for ``groups`` (see :func:`statements`), as chunks of text.

    ``prefixes`` maps prefixes to namespace IRIs; only those used are
    declared, and prefixes that are not valid Turtle (conservatively) are
    ignored. Blank nodes are labelled by :func:`stable_bnode_labels`, or
    from their ids without ``stable_bnodes``. Repeated triples are written once.
    """
    terms, tree = _read(groups, stable_bnodes)
    names = _Prefixes(prefixes)
    nt, spec = terms.nt, terms.spec
    key = nt.__getitem__
    type_number = terms.iris.get(RDF_TYPE)
    del terms

    text: list[str] = []
    for number, (kind, value, *rest) in enumerate(spec):
        if kind == _IRI:
            text.append("" if number == type_number else names.name(value))
        elif kind == _LITERAL:
            lang, datatype = rest
            if lang:
                text.append(f"{value}@{lang}")
            else:
                text.append(value if datatype is None else f"{value}^^{names.cached(datatype)}")
        else:
            text.append(f"_:{value}")
    del spec
    if type_number is not None:
        # rdf:type is "a" as a predicate; elsewhere (rarely) a prefixed name only if the prefix is declared anyway
        text[type_number] = names.name(RDF_TYPE, declared_only=True)
    ptext = {type_number: "a"}

    def predicate_key(number: int) -> str:
        return "" if number == type_number else nt[number]

    yield names.header()
    pieces: list[str] = []
    add = pieces.append
    separator = ""  # a blank line between subjects
    for s in sorted(tree, key=key):
        predicates = tree[s]
        parts = []
        for p in sorted(predicates, key=predicate_key) if len(predicates) > 1 else predicates:
            objects = predicates[p]
            verb = ptext.get(p) or ptext.setdefault(p, text[p])
            if len(objects) == 1:
                parts.append(f"{verb} {text[objects[0]]}")
            else:
                parts.append(f"{verb} " + ",\n        ".join([text[o] for o in _sorted_objects(objects, key)]))
        add(f"{separator}{text[s]} " + " ;\n    ".join(parts) + " .\n")
        separator = "\n"
        if len(pieces) >= chunk_size:
            yield "".join(pieces)
            pieces.clear()
    if pieces:
        yield "".join(pieces)


# --------------------------------------------------------------------------- graphs


def graph_prefixes(graph: Graph) -> dict[str, str]:
    """The prefixes bound in ``graph``'s namespace manager."""
    return {prefix: str(namespace) for prefix, namespace in graph.namespaces()}


def write_turtle(graph: Graph, out: TextIO, prefixes: Mapping[str, str] | None = None) -> None:
    """Write ``graph`` (for a dataset, the union of its graphs) to the text stream ``out`` as Turtle.

    ``prefixes`` (prefix -> namespace IRI) defaults to the prefixes bound in
    the graph's namespace manager (:func:`graph_prefixes`). Blank nodes are
    labelled from what surrounds them (:func:`stable_bnode_labels`), so the output
    depends only on the set of triples and the prefixes.
    """
    if prefixes is None:
        prefixes = graph_prefixes(graph)
    for chunk in turtle_chunks(statements(graph), prefixes):
        out.write(chunk)


def to_turtle(graph: Graph, prefixes: Mapping[str, str] | None = None) -> str:
    """:func:`write_turtle` to a string."""
    out = io.StringIO()
    write_turtle(graph, out, prefixes)
    return out.getvalue()


__all__ = [
    "CHUNK_SIZE",
    "bnode_label",
    "escape_iri",
    "graph_prefixes",
    "group_triples",
    "ntriples_chunks",
    "quote_literal",
    "stable_bnode_labels",
    "statements",
    "to_turtle",
    "turtle_chunks",
    "valid_prefix",
    "write_turtle",
]

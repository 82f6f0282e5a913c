"""The HTML pages of ``kg serve``: the query page at ``/`` and the resource page at ``/resource``.

The query page (``index.html`` beside this module) is self-contained: its
style and script are inline, nothing is loaded from the network. The server
fills in one JSON block (the canned queries, the prefixes, the graph's size
and the limits), written so that no text in it can end the ``<script>``
element; the script builds every element with ``textContent``, never markup.

The resource page is written here, on the server: every triple with the
resource as subject and as object and, for each statement node among them
(and for the resource itself when it is one), its source — the document's
file and title, the evidence sentence, its character offsets and the item of
a resolution. Every piece of text is HTML-escaped.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlencode

from rdflib.term import BNode, Literal, Node, URIRef

from kg.engine import sparql_term
from kg.namespaces import PREFIXES
from kg.query import QueryResult, list_queries

__all__ = [
    "RESOURCE_LIMIT",
    "ResourceView",
    "error_page",
    "index_page",
    "resource_page",
    "resource_queries",
    "script_data",
]

#: the most triples the resource page lists in each direction
RESOURCE_LIMIT = 1000

_RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


# ------------------------------------------------------------------ the query page


def script_data(value: object) -> str:
    """``value`` as JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` (so no
    ``</script>`` or ``<!--``), and no U+2028/U+2029 line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


@cache
def _template() -> str:
    return (Path(__file__).with_name("index.html")).read_text(encoding="utf-8")


def index_page(*, files: Sequence[str], triples: int, timeout: float, max_rows: int) -> str:
    """The query page, with the canned queries of ``queries/`` and what the server serves."""
    data = {
        "queries": [
            {"name": q.name, "summary": q.summary, "params": [list(p) for p in q.params], "text": q.text}
            for q in list_queries()
        ],
        "prefixes": dict(PREFIXES),
        "files": list(files),
        "triples": triples,
        "timeout": timeout,
        "maxRows": max_rows,
    }
    return _template().replace("__KG_DATA__", script_data(data))


# ------------------------------------------------------------------ the resource page


def resource_queries(iri: str, limit: int = RESOURCE_LIMIT) -> tuple[str, str, str]:
    """The three SELECT queries behind a resource page: its triples as subject, as object, and the
    sources of the resource and of the statement nodes that point at it.

    Each asks for one row more than ``limit`` so that the page can say when it shows only part.
    Offsets are paired with the sentence whose length they span, as ``queries/provenance.rq`` does.
    """
    term = sparql_term(URIRef(iri))
    label = "rdfs:label|skos:prefLabel|vnadm:name"
    outgoing = f"""SELECT ?p ?o (MIN(?l) AS ?label) WHERE {{
  {term} ?p ?o .
  OPTIONAL {{ ?o {label} ?l }}
}} GROUP BY ?p ?o ORDER BY ?p ?o LIMIT {limit + 1}"""
    incoming = f"""SELECT ?s ?p (MIN(?l) AS ?label) WHERE {{
  ?s ?p {term} .
  OPTIONAL {{ ?s {label} ?l }}
}} GROUP BY ?s ?p ORDER BY ?p ?s LIMIT {limit + 1}"""
    sources = f"""SELECT DISTINCT ?node ?doc ?file ?title ?evidence ?start ?end ?item WHERE {{
  {{ BIND({term} AS ?node) }} UNION {{ ?node ?anyPredicate {term} }}
  ?node prov:wasDerivedFrom ?doc .
  OPTIONAL {{ ?doc vnadm:sourceFile ?file }}
  OPTIONAL {{ ?doc dct:title ?title }}
  OPTIONAL {{ ?node vnadm:sourceItem ?item }}
  OPTIONAL {{ ?node vnadm:evidence ?evidence }}
  OPTIONAL {{
    ?node vnadm:charStart ?start ; vnadm:charEnd ?end .
    FILTER(IF(EXISTS {{ ?node vnadm:evidence ?other . FILTER(?other != ?evidence) }},
              ?end - ?start = STRLEN(?evidence), true))
  }}
}} ORDER BY ?node ?file ?start LIMIT {2 * limit + 1}"""
    return outgoing, incoming, sources


@dataclass(frozen=True)
class ResourceView:
    """The answers of :func:`resource_queries` for one IRI."""

    iri: str
    outgoing: QueryResult
    incoming: QueryResult
    sources: QueryResult

    @property
    def empty(self) -> bool:
        """Whether the graph says nothing about the IRI."""
        return not self.outgoing.rows and not self.incoming.rows


def _shorten(iri: str) -> str:
    best = ""
    prefix = ""
    for name, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, prefix = namespace, name
    local = iri[len(best) :]
    if best and re.fullmatch(r"[\w./-]*", local):
        return f"{prefix}:{local}"
    return iri


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _resource_href(iri: str) -> str:
    return "/resource?iri=" + quote(iri, safe="")


def _term_html(term: Node | None, label: Node | None = None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        href = _esc(_resource_href(str(term)))
        link = f'<a class="iri" href="{href}" title="{_esc(term)}">{_esc(_shorten(str(term)))}</a>'
        if label is not None and str(label) != _shorten(str(term)):
            link += f' <span class="label">{_esc(label)}</span>'
        return link
    if isinstance(term, BNode):
        return f'<span class="bnode">_:{_esc(term)}</span>'
    if isinstance(term, Literal):
        text = f'<span class="literal">{_esc(term)}</span>'
        if term.language:
            text += f'<span class="lang">@{_esc(term.language)}</span>'
        elif term.datatype is not None and term.datatype != _XSD_STRING:
            text += f'<span class="datatype">{_esc(_shorten(str(term.datatype)))}</span>'
        return text
    return _esc(term)


@dataclass(frozen=True)
class _Source:
    file: str
    title: str
    evidence: str
    start: str
    end: str
    item: str
    doc: Node | None

    def html(self) -> str:
        where = _esc(self.file or "(no file name)")
        if self.doc is not None:
            where = f'<a href="{_esc(_resource_href(str(self.doc)))}" class="file">{where}</a>'
        else:
            where = f'<span class="file">{where}</span>'
        parts = [where]
        if self.item:
            parts.append(f'<span class="item">{_esc(self.item)}</span>')
        if self.start and self.end:
            parts.append(f'<span class="offsets">characters {_esc(self.start)}–{_esc(self.end)}</span>')
        line = " · ".join(parts)
        if self.evidence:
            line += f'<blockquote class="evidence" lang="vi">{_esc(self.evidence)}</blockquote>'
        return f'<div class="source">{line}</div>'


def _sources_by_node(result: QueryResult) -> dict[Node, list[_Source]]:
    found: dict[Node, list[_Source]] = {}
    for record in result.records():
        node = record["node"]
        if node is None:
            continue
        source = _Source(
            file=str(record["file"] or ""),
            title=str(record["title"] or ""),
            evidence=str(record["evidence"] or ""),
            start=str(record["start"] if record["start"] is not None else ""),
            end=str(record["end"] if record["end"] is not None else ""),
            item=str(record["item"] or ""),
            doc=record["doc"],
        )
        if source not in found.setdefault(node, []):
            found[node].append(source)
    return found


_PAGE_STYLE = """
  body { margin: 0; font: 15px/1.45 system-ui, "Segoe UI", "DejaVu Sans", sans-serif;
         color: #1d2430; background: #f6f7f9; }
  header, main { padding: 0.8rem 1.2rem; }
  header { background: #fff; border-bottom: 1px solid #d8dde6; }
  h1 { margin: 0; font-size: 1.3rem; overflow-wrap: anywhere; }
  h2 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
  .iri-full { color: #5d6778; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85rem;
              overflow-wrap: anywhere; }
  table { border-collapse: collapse; background: #fff; font-size: 0.9rem; width: 100%; }
  th, td { border: 1px solid #d8dde6; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top;
           overflow-wrap: break-word; }
  td:first-child a.iri, #incoming td:nth-child(2) a.iri { white-space: nowrap; }
  th { background: #eef1f5; }
  a { color: #0b5cad; }
  .label, .lang, .datatype, .note, .offsets, .item { color: #5d6778; font-size: 0.85em; }
  .lang, .datatype { margin-left: 0.3em; }
  .source + .source { margin-top: 0.4rem; }
  blockquote.evidence { margin: 0.2rem 0 0 0; padding: 0.2rem 0.5rem; border-left: 3px solid #b9c7dc;
                        background: #f3f6fa; }
  .error { color: #a8201a; }
"""


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{_esc(title)} — kg</title>\n<link rel="icon" href="data:,">\n<style>{_PAGE_STYLE}</style>\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def error_page(title: str, message: str) -> str:
    """A page that says what went wrong (the resource page of a bad IRI, a timeout)."""
    return _page(
        title,
        f'<header><h1>{_esc(title)}</h1><p><a href="/">Query page</a></p></header>\n'
        f'<main><p class="error">{_esc(message)}</p></main>',
    )


def _more(rows: int, limit: int) -> str:
    return f'<p class="note">Showing the first {limit}; query the endpoint for the rest.</p>' if rows > limit else ""


def _first_label(view: ResourceView) -> str | None:
    for record in view.outgoing.records():
        if record["p"] is not None and str(record["p"]).endswith(("#label", "#prefLabel")):
            return str(record["o"])
    for record in view.outgoing.records():
        if str(record["p"]) == PREFIXES["vnadm"] + "name":
            return str(record["o"])
    return None


def resource_page(view: ResourceView, *, limit: int = RESOURCE_LIMIT) -> str:
    """Everything the graph says about ``view.iri``, with the sources of its statements."""
    iri = view.iri
    sources = _sources_by_node(view.sources)
    title = _first_label(view) or _shorten(iri)
    describe = urlencode({"query": f"DESCRIBE {sparql_term(URIRef(iri))}", "format": "ttl"})
    parts = [
        f"<header><h1>{_esc(title)}</h1>",
        f'<p class="iri-full">{_esc(iri)}</p>',
        f'<p><a href="/">Query page</a> · <a href="/sparql?{_esc(describe)}">This resource in Turtle</a></p>',
        "</header>\n<main>",
    ]
    if view.empty:
        parts.append('<p class="note" id="nothing">The graph holds no triple with this IRI.</p>')

    own = sources.get(URIRef(iri), [])
    if own:
        parts.append(f'<h2 id="sources">Sources ({len(own)})</h2>')
        parts.append('<div class="sources">' + "".join(source.html() for source in own) + "</div>")

    out_rows = view.outgoing.records()
    if out_rows:
        shown = sorted(out_rows[:limit], key=lambda r: (r["p"] != _RDF_TYPE,))
        parts.append(f'<h2 id="properties">Properties ({min(len(out_rows), limit)})</h2>{_more(len(out_rows), limit)}')
        parts.append(
            '<table id="outgoing"><thead><tr><th scope="col">property</th><th scope="col">value</th></tr></thead>'
            "<tbody>"
        )
        for record in shown:
            value = _term_html(record["o"], record["label"])
            parts.append(f"<tr><td>{_term_html(record['p'])}</td><td>{value}</td></tr>")
        parts.append("</tbody></table>")

    in_rows = view.incoming.records()
    if in_rows:
        parts.append(f'<h2 id="references">Referenced by ({min(len(in_rows), limit)})</h2>{_more(len(in_rows), limit)}')
        parts.append(
            '<table id="incoming"><thead><tr><th scope="col">subject</th><th scope="col">property</th>'
            '<th scope="col">source</th></tr></thead><tbody>'
        )
        for record in in_rows[:limit]:
            cited = "".join(source.html() for source in sources.get(record["s"], []))
            parts.append(
                f"<tr><td>{_term_html(record['s'], record['label'])}</td><td>{_term_html(record['p'])}</td>"
                f"<td>{cited}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append("</main>")
    return _page(title, "\n".join(parts))

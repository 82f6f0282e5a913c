"""The formats ``kg serve`` answers in, content negotiation, and the SPARQL XML results writer.

SELECT and ASK results come as SPARQL 1.1 Query Results JSON, XML, CSV or
TSV; CONSTRUCT and DESCRIBE graphs (and the service description) as Turtle,
N-Triples or JSON-LD. A client picks one with its ``Accept`` header (media
ranges with q-values, RFC 9110) or with the ``format=`` parameter
(``json``, ``xml``, ``csv``, ``tsv``, ``ttl``, ``nt``, ``jsonld``), which wins.

JSON, CSV and TSV results are :func:`kg.query.format_result`'s; the XML
results format (https://www.w3.org/TR/rdf-sparql-XMLres/) is written here.
Graphs go through :func:`kg.writers.serialize_graph`, so the same answer is
always the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from rdflib.term import BNode, Literal, Node, URIRef

from kg.query import QueryResult, format_result

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "Format",
    "format_by_key",
    "negotiate",
    "render",
    "xml_results",
]


@dataclass(frozen=True)
class Format:
    """An answer format: its ``format=`` key, its media type and the other media types that ask for it."""

    key: str
    media_type: str
    aliases: tuple[str, ...] = ()
    #: the name :func:`kg.writers.serialize_graph` knows it by (graph formats only)
    rdf_name: str = ""

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header: the media type, in UTF-8."""
        return f"{self.media_type}; charset=utf-8"


#: SELECT/ASK result formats, in the server's order of preference (the first for ``*/*``)
RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)

#: CONSTRUCT/DESCRIBE (and service description) formats, in the server's order of preference
GRAPH_FORMATS: tuple[Format, ...] = (
    Format("ttl", "text/turtle", ("application/x-turtle",), rdf_name="turtle"),
    Format("nt", "application/n-triples", ("text/plain",), rdf_name="nt"),
    Format("jsonld", "application/ld+json", ("application/json",), rdf_name="json-ld"),
)

_KEY_ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld"}


def format_by_key(key: str, offers: Sequence[Format]) -> Format | None:
    """The format of ``offers`` that ``format=key`` names (``turtle`` and ``json-ld`` are accepted too)."""
    wanted = _KEY_ALIASES.get(key.strip().lower(), key.strip().lower())
    return next((fmt for fmt in offers if fmt.key == wanted), None)


_RANGE = re.compile(r"^\s*([^/\s;]+)\s*/\s*([^/\s;]+)\s*$")


def _media_ranges(accept: str) -> list[tuple[str, str, float]]:
    """``(type, subtype, q)`` for each media range of an ``Accept`` header; a bad range is skipped,
    a bad q-value counts as 1."""
    ranges = []
    for item in accept.split(","):
        media, *params = item.split(";")
        match = _RANGE.match(media)
        if not match:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 1.0
        ranges.append((match.group(1).lower(), match.group(2).lower(), q))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, str, float]]) -> tuple[int, float]:
    """The specificity (2 exact, 1 ``type/*``, 0 ``*/*``, -1 none) and q-value of the most specific
    range that matches ``media_type``."""
    kind, _, sub = media_type.partition("/")
    best_specificity, q = -1, 0.0
    for range_type, range_sub, range_q in ranges:
        if range_type == kind and range_sub == sub:
            specificity = 2
        elif range_type == kind and range_sub == "*":
            specificity = 1
        elif range_type == "*" and range_sub == "*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity or (specificity == best_specificity and range_q > q):
            best_specificity, q = specificity, range_q
    return best_specificity, q


def negotiate(accept: str | None, offers: Sequence[Format]) -> Format | None:
    """The format of ``offers`` the ``Accept`` header prefers (ties: the server's order), or None
    when it accepts none of them. No header, or an empty one, accepts anything."""
    if accept is None or not accept.strip():
        return offers[0]
    ranges = _media_ranges(accept)
    if not ranges:
        return offers[0]
    best: Format | None = None
    best_q = 0.0
    for fmt in offers:
        # the most specific range naming any of the format's types decides: "application/sparql-results+json;q=0"
        # excludes JSON results even when "*/*" would accept their alias application/json
        _, q = max(_quality(media, ranges) for media in (fmt.media_type, *fmt.aliases))
        if q > best_q:
            best, best_q = fmt, q
    return best


# ------------------------------------------------------------------ SPARQL XML results

# XML 1.0 cannot carry these characters at all, not even as character references
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", text))


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{_xml_text(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{_xml_text(str(term))}</bnode>"
    if isinstance(term, Literal):
        attributes = ""
        if term.language:
            attributes = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype is not None and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            attributes = f" datatype={quoteattr(_NOT_XML.sub('', str(term.datatype)))}"
        return f"<literal{attributes}>{_xml_text(str(term))}</literal>"
    return f"<literal>{_xml_text(str(term))}</literal>"


def xml_results(result: QueryResult) -> str:
    """The result in the SPARQL Query Results XML Format.

    A character XML 1.0 cannot hold at all (a C0 control other than tab and
    line breaks) is written as U+FFFD; kg's graphs hold none.
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ASK":
        answer = bool(result.rows[0][0].toPython()) if result.rows and isinstance(result.rows[0][0], Literal) else False
        lines += ["  <head/>", f"  <boolean>{'true' if answer else 'false'}</boolean>"]
    else:
        lines.append("  <head>")
        lines.extend(f"    <variable name={quoteattr(var)}/>" for var in result.vars)
        lines += ["  </head>", "  <results>"]
        for row in result.rows:
            lines.append("    <result>")
            for var, term in zip(result.vars, row, strict=True):
                if term is not None:
                    lines.append(f"      <binding name={quoteattr(var)}>{_xml_term(term)}</binding>")
            lines.append("    </result>")
        lines.append("  </results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ rendering


def render(result: QueryResult, fmt: Format) -> bytes:
    """The result as the body of a response in ``fmt`` (UTF-8)."""
    if fmt.rdf_name:
        from kg.writers import serialize_graph

        if result.graph is None:
            raise ValueError(f"a {result.kind} result is not a graph; it cannot be written as {fmt.key}")
        return serialize_graph(result.graph, fmt.rdf_name)
    if result.graph is not None:
        raise ValueError(f"a {result.kind} result is a graph; it cannot be written as {fmt.key}")
    if fmt.key == "xml":
        return xml_results(result).encode("utf-8")
    return format_result(result, fmt.key).encode("utf-8")

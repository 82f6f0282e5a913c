"""The namespaces of kg's graphs (see docs/model.md)."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

VNADM = Namespace("https://w3id.org/vnadm/ontology#")
ROLE = Namespace("https://w3id.org/vnadm/concept/role/")
IND = Namespace("https://w3id.org/vnadm/concept/indicator/")
UTYPE = Namespace("https://w3id.org/vnadm/concept/unit-type/")
ORGAN = Namespace("https://w3id.org/vnadm/concept/organ/")
VNPROV = Namespace("https://w3id.org/vnadm/concept/province/")
ID = Namespace("https://w3id.org/vnadm/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")

VNSH = Namespace("https://w3id.org/vnadm/shapes#")

#: the prefixes of docs/model.md: bound on every graph kg writes, predeclared
#: in every query, used to shorten IRIs in tables and messages
PREFIXES: dict[str, str] = {
    "vnadm": str(VNADM), "role": str(ROLE), "ind": str(IND), "utype": str(UTYPE), "organ": str(ORGAN),
    "vnprov": str(VNPROV), "id": str(ID), "prov": str(PROV), "org": str(ORG), "skos": str(SKOS),
    "dct": str(DCTERMS), "schema": str(SCHEMA), "xsd": str(XSD), "rdfs": str(RDFS), "rdf": str(RDF),
    "owl": str(OWL), "sh": str(SH), "vnsh": str(VNSH),
}


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)
    return graph

"""The namespaces of kg's graphs (see docs/model.md)."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

VNADM = Namespace("https://w3id.org/vnadm/ontology#")
ROLE = Namespace("https://w3id.org/vnadm/concept/role/")
IND = Namespace("https://w3id.org/vnadm/concept/indicator/")
UTYPE = Namespace("https://w3id.org/vnadm/concept/unit-type/")
ORGAN = Namespace("https://w3id.org/vnadm/concept/organ/")
VNPROV = Namespace("https://w3id.org/vnadm/concept/province/")
ID = Namespace("https://w3id.org/vnadm/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")

PREFIXES = {
    "vnadm": VNADM, "role": ROLE, "ind": IND, "utype": UTYPE, "organ": ORGAN, "vnprov": VNPROV,
    "id": ID, "prov": PROV, "org": ORG, "skos": SKOS, "dct": DCTERMS, "schema": SCHEMA,
    "xsd": XSD, "rdfs": RDFS, "rdf": RDF, "owl": OWL,
}


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph

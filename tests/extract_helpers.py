"""Small helpers for the extraction tests: run the extractor on a text."""

from __future__ import annotations

import unicodedata

from kg.extract import extract_document
from kg.facts import Document, DocumentFacts


def run(text: str, title: str = "", name: str = "test.txt") -> DocumentFacts:
    return extract_document(Document(name, name, text, title=title))


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def lineage_set(facts: DocumentFacts) -> set[tuple[str, str, str]]:
    return {(f"{x.new.label}", f"{x.old.label}", x.share) for x in facts.lineage}


def post_set(facts: DocumentFacts) -> set[tuple[str, str, str]]:
    return {(p.person, p.role, p.jurisdiction.label if p.jurisdiction else "") for p in facts.posts}

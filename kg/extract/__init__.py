"""Extraction: one document in, :class:`kg.facts.DocumentFacts` out.

The stages run in order on a shared :class:`~kg.extract.context.DocContext`:
lineage (which also settles which units are predecessors and which figures
belong to them), formations and resolutions, officials (which marks the
title spans indicators must not read as units), indicators; then the
closing count of a resolution is checked against the units read. A document
that is itself a resolution gets its own title and adoption date.
"""

from __future__ import annotations

from kg.extract.context import DocContext, build_context, subject_from_mentions
from kg.extract.counts import check_counts
from kg.extract.indicators import extract_indicators
from kg.extract.lineage import extract_lineage
from kg.extract.officials import extract_officials
from kg.extract.resolutions import document_resolution, extract_formations
from kg.facts import Document, DocumentFacts
from kg.vocabulary import Vocabulary

__all__ = ["extract_document", "build_context", "DocContext"]


def extract_document(document: Document, vocab: Vocabulary | None = None) -> DocumentFacts:
    """Every fact kg reads from one document, each with its evidence."""
    ctx = build_context(document, vocab)
    lineage, formations = extract_lineage(ctx)
    if ctx.subject is None:
        ctx.subject = subject_from_mentions(ctx)
    ctx.track_local_subjects()
    formation_facts = extract_formations(ctx, formations)
    declared = check_counts(ctx, formation_facts)
    posts = extract_officials(ctx)
    observations = extract_indicators(ctx)
    own = document_resolution(ctx)
    return DocumentFacts(
        document=document,
        subject=ctx.subject,
        province=ctx.province,
        lineage=lineage,
        formations=formation_facts,
        posts=posts,
        observations=observations,
        warnings=ctx.warnings,
        declared_counts=declared.totals if declared else None,
        declared_formed_counts=declared.formed if declared else None,
        title=ctx.heading.title if ctx.heading else None,
        date=own.date if own else None,
    )

"""Labeled text as the pipeline sees it: a Document and its narrative sections.

A label line's text may be a whole report or one narrative paragraph; the
pipeline's own section splitter decides, and a text with no standard section
is one narrative section (``overview``), so training, evaluation and
``gidar check`` all look at the same sections.
"""
from __future__ import annotations

import hashlib

from extractors.sections import split_sections
from extractors.tagger import claim_sections
from gidar.domain import Document, Section


def document_of(text: str, source: str = "<label>") -> Document:
    return Document(source=source, sha256=hashlib.sha256(text.encode()).hexdigest(), kind="txt", text=text)


def sections_of(document: Document) -> tuple[Section, ...]:
    found = split_sections(document)
    if not any(s.number is not None for s in found):
        return (Section("overview", "", 0, len(document.text), 1),)
    return found


def narrative_sections(document: Document) -> list[Section]:
    """Where claims are read, as ``gidar check`` reads them (``extractors.tagger.claim_sections``)."""
    return claim_sections(document, sections_of(document))

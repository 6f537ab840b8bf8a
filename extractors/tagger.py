"""The one interface every claim tagger implements (rule, ML, ensemble)."""
from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

from gidar.domain import Claim, Document, Section

# Sections whose prose carries claims; tables and headings do not.
NARRATIVE_SECTIONS = ("overview", "problems", "other")


@runtime_checkable
class Tagger(Protocol):
    name: str
    version: str
    metrics: tuple[str, ...]

    def tag(self, document: Document, section: Section) -> list[Claim]:
        """Claims of one narrative section, with offsets into ``document.text``."""


def tag_document(tagger: Tagger, document: Document, sections: Sequence[Section]) -> tuple[Claim, ...]:
    """Run a tagger over the narrative sections; ``parent`` indexes are made document-wide."""
    claims: list[Claim] = []
    from dataclasses import replace
    for section in sections:
        if section.id not in NARRATIVE_SECTIONS:
            continue
        found = tagger.tag(document, section)
        base = len(claims)
        for c in found:
            claims.append(replace(c, parent=None if c.parent is None else c.parent + base,
                                  section=c.section or section.id))
    return tuple(claims)

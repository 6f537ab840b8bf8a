"""The one interface every claim tagger implements (rule, ML, ensemble)."""
from __future__ import annotations

import re
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


# Sections that hold a standard table; a paragraph of prose written in them is read too.
TABLE_SECTIONS = ("proactive", "requests", "review")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")


def claim_sections(document: Document, sections: Sequence[Section]) -> list[Section]:
    """Where claims are read: the narrative sections, and each paragraph of prose inside a table
    section (四、… 本年度未发生行政复议、行政诉讼。 written above or instead of table 4)."""
    out: list[Section] = []
    for section in sections:
        if section.id in NARRATIVE_SECTIONS:
            out.append(section)
        elif section.id in TABLE_SECTIONS:
            out.extend(_prose_paragraphs(document, section))
    return out


def _prose_paragraphs(document: Document, section: Section) -> list[Section]:
    """Runs of prose lines in ``section`` that hold a full stop: no tab or bar (a table row), at least
    twelve Chinese characters, few digits (a row of cells is mostly numbers)."""
    found, run_start, run_end, pos = [], None, None, section.start
    for line in document.text[section.start:section.end].split("\n") + [""]:
        prose = len(line) >= 12 and "\t" not in line and "|" not in line  # (cheap tests first: most lines are rows)
        if prose:
            cjk = len(_CJK.findall(line))
            prose = cjk >= 12 and len(_DIGIT.findall(line)) * 3 < cjk
        if prose:
            run_start = pos if run_start is None else run_start
            run_end = pos + len(line)
        elif run_start is not None:
            if "。" in document.text[run_start:run_end]:
                found.append(Section(section.id, section.title, run_start, run_end, section.number))
            run_start = None
        pos += len(line) + 1
    return found


def tag_document(tagger: Tagger, document: Document, sections: Sequence[Section]) -> tuple[Claim, ...]:
    """Run a tagger over the narrative sections (``claim_sections``); ``parent`` indexes are made document-wide."""
    claims: list[Claim] = []
    from dataclasses import replace
    for section in claim_sections(document, sections):
        found = tagger.tag(document, section)
        base = len(claims)
        for c in found:
            claims.append(replace(c, parent=None if c.parent is None else c.parent + base,
                                  section=c.section or section.id))
    return tuple(claims)

"""The narrative of a report cut into pieces an auditor can see highlighted.

Claims carry offsets into the document text; a template must never mark the
text itself as safe, so the narrative is handed to it as plain pieces (text,
the claims covering it, the claims whose sentence covers it) and Jinja2
escapes each piece.  Selecting a finding then lights up the pieces whose
claim or sentence it cites, in the browser or on the server.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

# Sections shown as prose; table sections are shown as the parsed tables.
PROSE_SECTIONS = ("preamble", "overview", "problems", "other", "trailer")
TABLE_SECTIONS = {"proactive": "t2", "requests": "t3", "review": "t4"}


@dataclass(frozen=True)
class Piece:
    """A run of text covered by the same claims and the same claim sentences."""

    text: str
    start: int
    claims: tuple[int, ...] = ()
    sentences: tuple[int, ...] = ()

    @property
    def claim_attr(self) -> str:
        return " ".join(map(str, self.claims))

    @property
    def sentence_attr(self) -> str:
        return " ".join(map(str, self.sentences))


@dataclass(frozen=True)
class ProseBlock:
    """One section of prose (or the whole text when no section was found)."""

    section: str
    title: str
    pieces: tuple[Piece, ...]


def _span(claim: Mapping, key_start: str, key_end: str) -> tuple[int, int] | None:
    start, end = claim.get(key_start), claim.get(key_end)
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
        return start, end
    return None


def claim_spans(claims: Sequence[Mapping]) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """(start, end, claim index) of each claim, and of each claim's sentence."""
    own, sentences = [], []
    for i, c in enumerate(claims):
        span = _span(c, "start", "end")
        if span:
            own.append((*span, i))
        sentence = _span(c, "sentence_start", "sentence_end") or span
        if sentence:
            sentences.append((*sentence, i))
    return own, sentences


def cut(text: str, start: int, end: int, claims: Sequence[Mapping]) -> tuple[Piece, ...]:
    """The text in [start, end) as pieces, cut wherever a claim or its sentence begins or ends."""
    own, sentences = claim_spans(claims)
    bounds = {start, end}
    for s, e, _ in own + sentences:
        bounds.update(b for b in (s, e) if start < b < end)
    ordered = sorted(bounds)
    pieces = []
    for a, b in zip(ordered, ordered[1:]):
        covering = tuple(i for s, e, i in own if s <= a and b <= e)
        in_sentence = tuple(i for s, e, i in sentences if s <= a and b <= e)
        pieces.append(Piece(text[a:b], a, covering, in_sentence))
    return tuple(pieces)


def _prose_in_tables(sections: Iterable[Mapping], claims: Sequence[Mapping]) -> list[dict]:
    """The sentences of a table section that carry claims (四、… 本年度未发生行政复议。 above table 4)."""
    found = []
    for s in sections:
        if s.get("id") not in TABLE_SECTIONS:
            continue
        spans = [_span(c, "sentence_start", "sentence_end") or _span(c, "start", "end") for c in claims
                 if isinstance(c.get("start"), int) and s["start"] <= c["start"] < s["end"]]
        spans = [span for span in spans if span]
        if spans:
            found.append({"id": s["id"], "title": s.get("title") or "", "start": min(a for a, _ in spans),
                          "end": max(b for _, b in spans)})
    return found


def prose_blocks(text: str, sections: Iterable[Mapping], claims: Sequence[Mapping]) -> tuple[ProseBlock, ...]:
    """The prose of a report, in document order, ready to be escaped piece by piece: the prose sections,
    and the sentences with claims inside the table sections."""
    sections = list(sections)
    wanted = sorted([s for s in sections if s.get("id") in PROSE_SECTIONS] + _prose_in_tables(sections, claims),
                    key=lambda s: s["start"])
    if not wanted:
        return (ProseBlock("document", "全文", cut(text, 0, len(text), claims)),) if text else ()
    return tuple(ProseBlock(s["id"], s.get("title") or "", cut(text, max(0, s["start"]), min(len(text), s["end"]), claims))
                 for s in wanted if s["end"] > s["start"])


def cited(findings: Sequence[Mapping]) -> tuple[set[int], set[str]]:
    """Claim indexes and cell ids cited by any of ``findings``."""
    claims, cells = set(), set()
    for f in findings:
        claims.update(f.get("claims") or ())
        cells.update(f.get("cells") or ())
    return claims, cells

"""Write a document's text piece by piece, remembering where each table cell lands.

Structured loaders (pdf, docx, html) emit tables into ``Document.text`` as one
row per line with tab-separated cells, so the text reads like the source and
every ``SourceCell`` can point at its own characters: for a readable cell
``text[cell.start:cell.end] == cell.text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from gidar.domain import SourceCell, SourceTable

_BREAKS = re.compile(r"[\t\r\n\f\v\u2028\u2029]+")
_CJK_EDGE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


@dataclass(frozen=True)
class RawCell:
    """A cell as a loader reads it, before it has offsets."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    unreadable: str = ""  # why the cell cannot be read with certainty
    shown: str = ""  # for an unreadable cell: what the source showed


def join_lines(lines: Iterable[str]) -> str:
    """Lines of one cell or paragraph as one line: CJK joins directly, Latin with a space.

    Word and PDF wrap labels inside a cell (``（二）部分公开（区分处理的，只计这一情``
    / ``形，不计其他情形）``); the vertical ``三、本年度办理结果`` is one character per line.
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and not (_CJK_EDGE.match(out[-1]) or _CJK_EDGE.match(line[0])):
            out += " "
        out += line
    return out


def one_line(text: str) -> str:
    """Cell text never breaks the row-per-line, tab-separated rendering."""
    return _BREAKS.sub(" ", text).strip()


class TextWriter:
    """Accumulates text; the only mutable thing a loader needs while it reads."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0

    @property
    def offset(self) -> int:
        return self._length

    def write(self, text: str) -> tuple[int, int]:
        start = self._length
        if text:
            self._parts.append(text)
            self._length += len(text)
        return start, self._length

    def paragraph(self, text: str) -> None:
        """A block of narrative; always ends with a newline."""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text:
            self.write(text if text.endswith("\n") else text + "\n")

    def ensure_newline(self) -> None:
        if self._parts and not self._parts[-1].endswith("\n"):
            self.write("\n")

    def rows(self, rows: Sequence[Sequence[RawCell]]) -> tuple[tuple[SourceCell, ...], ...]:
        """Write table rows, one line each, and return their cells with offsets."""
        self.ensure_newline()
        written = []
        for row in rows:
            cells = []
            for i, raw in enumerate(row):
                if i:
                    self.write("\t")
                shown = one_line(raw.shown if raw.unreadable else raw.text)
                start, end = self.write(shown)
                cells.append(SourceCell("" if raw.unreadable else shown, start, end,
                                        max(raw.colspan, 1), max(raw.rowspan, 1), raw.unreadable))
            self.write("\n")
            written.append(tuple(cells))
        return tuple(written)

    def table(self, rows: Sequence[Sequence[RawCell]], page: int | None = None) -> SourceTable:
        start = self.offset
        written = self.rows(rows)
        return SourceTable(written, start, self.offset, page)

    def text(self) -> str:
        return "".join(self._parts)

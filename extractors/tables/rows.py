"""Rows of a table as printed: label options and value fields, from text or from source tables.

Four text layouts are seen in real extracted text (DESIGN.md §2): one cell per
line behind a tab with blank lines between rows (Word's text export); one row
per line with tab-separated cells; markdown-ish ``|`` pipes (from HTML); and
PDF text flow, where values are separated by spaces and labels may break
around them.  Each becomes the same ``Row`` so matching and alignment do not
care where a row came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.tables.cells import Field, fold, is_value_text
from gidar.domain import SourceTable

_STRIP = " \t\r\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff"
_PAGE_FOOTER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[、.．](?!\d))")
_PIPE_RULE = re.compile(r"^:?-{2,}:?$")


@dataclass(frozen=True)
class Row:
    """A printed row: ways to read its label (best first) and its value fields in order."""

    labels: tuple[str, ...]
    values: tuple[Field, ...]
    start: int
    end: int

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else ""

    @property
    def has_values(self) -> bool:
        return any(not v.empty for v in self.values)


def _field(text: str, start: int) -> Field:
    """A field over ``text`` (which begins at ``start``), offsets narrowed to its visible characters."""
    left = len(text) - len(text.lstrip(_STRIP + "\n"))
    right = len(text.rstrip(_STRIP + "\n"))
    if right <= left:
        return Field("", None, None)
    visible = text[left:right]
    if "\n" in visible:
        # A label wraps (商业\n企业); two numbers on two lines stay two numbers, so the cell
        # reads as unreadable rather than as their concatenation.
        visible = re.sub(r"(?<=\d)\s*\n\s*(?=\d)", " ", visible)
        visible = re.sub(r"\s*\n\s*", "", visible)
    return Field(visible, start + left, start + right)


def _lines(text: str, start: int, end: int):
    pos = start
    for line in text[start:end].split("\n"):
        yield line, pos
        pos += len(line) + 1


def row_from_fields(fields: list[Field]) -> Row | None:
    """Label fields are the text before the last non-value field; what follows are values."""
    last_label = max((i for i, f in enumerate(fields) if f.text and not f.unreadable and not is_value_text(f.text)),
                     default=-1)
    labels = [f for f in fields[:last_label + 1] if f.text]
    values = tuple(fields[last_label + 1:])
    spans = [f for f in fields if f.start is not None]
    if not spans:
        return None
    options = ()
    if labels:
        joined = " ".join(f.text for f in labels)
        options = (labels[-1].text, joined) if len(labels) > 1 else (joined,)
    return Row(options, values, spans[0].start, spans[-1].end)


# A line holding one cell of a cell-per-line export: indented by a tab, or (the tab turned into spaces on
# the way) by spaces, with no second field on the line.
_CELL_LINE = re.compile(r"^(?:\t|[^\S\t\n]+)(?=\S)")
_INDENTED_CELL = re.compile(r"^[^\S\t\n]+\S+(?:[^\S\t\n]\S+)*[^\S\t\n]*$")


def detect_layout(text: str, start: int, end: int) -> str:
    """``cells`` (a cell per line, tab-indented), ``indented`` (the same with spaces), ``tabs`` (a row per
    line), ``pipes`` or ``flow``."""
    pipes = cell_lines = tab_lines = indented = filled = 0
    for line, _ in _lines(text, start, end):
        if line.strip(_STRIP):
            filled += 1
        if line.count("|") >= 2:
            pipes += 1
        if "\t" in line:
            tab_lines += 1
            if line.startswith("\t") and "\t" not in line[1:]:
                cell_lines += 1
        elif _INDENTED_CELL.match(line) and not re.search(r"\S[^\S\t\n]{2,}\S", line):
            tokens = line.split()
            indented += len(tokens) == 1 or not is_value_text(tokens[-1])  # not a row: label, then values
    if pipes >= 3 and pipes >= tab_lines:
        return "pipes"
    if tab_lines >= 3:
        return "cells" if cell_lines >= 0.6 * tab_lines and cell_lines >= 5 else "tabs"
    if indented >= 5 and indented >= 0.6 * filled:
        return "indented"
    return "flow"


def rows_from_cell_lines(text: str, start: int, end: int, indented: bool = False) -> list[Row]:
    """Word's text export: a block of ``\\tcell`` lines per row; an untabbed line continues the cell above.

    ``indented``: the tabs became spaces, so a line of spaces alone is an empty cell and an empty line
    ends the row."""
    rows, fields, pieces = [], [], None

    def close_field():
        nonlocal pieces
        if pieces is not None:
            s, e = pieces
            fields.append(_field(text[s:e], s))
            pieces = None

    def close_row():
        close_field()
        if fields:
            row = row_from_fields(fields)
            if row is not None:
                rows.append(row)
            fields.clear()

    for line, pos in _lines(text, start, end):
        cell = _CELL_LINE.match(line) if indented else None
        if not line.strip(_STRIP) and "\t" not in line and not (indented and line):
            close_row()
        elif line.startswith("\t") or (indented and not line.strip(_STRIP)):
            close_field()
            pieces = (pos + 1, pos + len(line))
        elif cell:
            close_field()
            pieces = (pos + cell.end(), pos + len(line))
        elif pieces is not None:
            pieces = (pieces[0], pos + len(line))
        else:
            pieces = (pos, pos + len(line))
    close_row()
    return rows


def rows_from_separated_lines(text: str, start: int, end: int, sep: str) -> list[Row]:
    """A row per line, cells separated by ``sep`` (a tab, or ``|`` with optional outer pipes)."""
    rows = []
    for line, pos in _lines(text, start, end):
        if not line.strip(_STRIP) or sep not in line:
            continue
        body, offset = line, pos
        if sep == "|":
            stripped = line.strip()
            lead = line.index(stripped[0])
            body, offset = stripped, pos + lead
            if body.startswith("|"):
                body, offset = body[1:], offset + 1
            if body.endswith("|"):
                body = body[:-1]
        fields, at = [], offset
        for piece in body.split(sep):
            fields.append(_field(piece, at))
            at += len(piece) + 1
        if sep == "|" and all(_PIPE_RULE.match(fold(f.text)) for f in fields if f.text):
            continue
        row = row_from_fields(fields)
        if row is not None:
            rows.append(row)
    return rows


def _tokens(line: str, pos: int) -> list[Field]:
    return [Field(m.group(), pos + m.start(), pos + m.end()) for m in re.finditer(r"[^\s\u3000\u00a0]+", line)]


def rows_from_flow(text: str, start: int, end: int) -> list[Row]:
    """PDF text flow: a line ending in values is a row; its label is on the line or just above.

    Label pieces that follow a value line (a label broken around its values)
    are kept for the row they continue; one-character lines are a vertical
    label (三、本年度办理结果) interleaved with the rows and are skipped.
    """
    rows: list[Row] = []
    pending: list[Field] = []
    for line, pos in _lines(text, start, end):
        stripped = line.strip(_STRIP)
        if not stripped or _PAGE_FOOTER.match(line) or (len(stripped) == 1 and not stripped.isdigit()):
            continue
        tokens = _tokens(line, pos)
        cut = len(tokens)
        while cut > 0 and is_value_text(tokens[cut - 1].text):
            cut -= 1
        values = tokens[cut:]
        if not values:
            pending.append(Field(stripped, pos + line.index(stripped[0]), pos + len(line.rstrip(_STRIP))))
            continue
        inline = "".join(t.text for t in tokens[:cut])
        numbered = [i for i, f in enumerate(pending) if _NUMBERED.match(f.text)]
        options = []
        if inline:
            options.append(inline)
        if numbered and not _NUMBERED.match(inline):
            options.append("".join(f.text for f in pending[numbered[-1]:]) + inline)
        if pending:
            options.append(pending[-1].text + inline)
        owned = len(pending) if _NUMBERED.match(inline) else (numbered[-1] if numbered else 0)
        if rows and owned:  # pieces before this row's own label finish the previous row's label
            cont = "".join(f.text for f in pending[:owned])
            last = rows[-1]
            labels = tuple(o + cont for o in last.labels) + last.labels if last.labels else (cont,)
            rows[-1] = Row(labels, last.values, last.start, last.end)
        first = (pending[numbered[-1]] if numbered else tokens[0]) if not inline else tokens[0]
        rows.append(Row(tuple(dict.fromkeys(options)), tuple(values), first.start, values[-1].end))
        pending = []
    return rows


def rows_from_text(text: str, start: int, end: int) -> list[Row]:
    layout = detect_layout(text, start, end)
    if layout in ("cells", "indented"):
        return rows_from_cell_lines(text, start, end, indented=layout == "indented")
    if layout == "tabs":
        return rows_from_separated_lines(text, start, end, "\t")
    if layout == "pipes":
        return rows_from_separated_lines(text, start, end, "|")
    return rows_from_flow(text, start, end)


def header_texts(text: str, start: int, end: int) -> list[str]:
    """Every piece of text in a region that is not a value: where table 2's version shows."""
    return [p for p in re.split(r"[\t|\n]+|\s{2,}", text[start:end]) if p.strip(_STRIP) and not is_value_text(p)]


def rows_from_source_tables(tables: list[SourceTable]) -> list[Row]:
    """Rows of structured tables; a merged cell is one field however many slots it fills."""
    rows = []
    for table in tables:
        for grid_row in table.grid():
            fields, previous = [], None
            for cell in grid_row:
                if cell is not None and cell is previous:
                    continue
                previous = cell
                if cell is None:
                    fields.append(Field(""))
                elif cell.unreadable:
                    fields.append(Field(cell.text, cell.start, cell.end, cell.unreadable))
                else:
                    visible = fold(cell.text)
                    fields.append(Field(cell.text.strip(_STRIP + "\n"), cell.start, cell.end) if visible
                                  else Field("", cell.start, cell.end))
            row = row_from_fields(fields)
            if row is not None:
                rows.append(row)
    return rows

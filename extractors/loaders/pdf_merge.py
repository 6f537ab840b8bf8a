"""Join the fragments of a table that continues across a page break.

Word and WPS break a long table 3 after a page footer (``- 3 -``), sometimes
repeating the header rows, and a merged label cell (``（四）无法提供``, the
vertical ``三、本年度办理结果``) is cut in two by the break.  A fragment continues
the previous one when nothing but page furniture lies between them and the
column lines of one fall on the other's (one may draw fewer: header rows
spanning the applicant columns end a page); the cut label cell becomes one
cell again (rowspan extended, text joined), so the table parser sees one table
as the source meant it.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Sequence

from extractors.loaders.pdf_tables import TableFragment
from extractors.loaders.writer import join_lines
from gidar.domain import SourceCell, SourceTable

INNER_TOLERANCE = 3.0  # inner column lines of both pages agree within this
OUTER_TOLERANCE = 6.0  # outer borders drift a little from page to page
_NUMERIC = re.compile(r"^[\d\s.,\-/]+$")
# A label that begins a new group (（五）不予处理, 三、…, 1.…), not the rest of a cut one.
_NEW_LABEL = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])")


@dataclass(frozen=True)
class WrittenFragment:
    """A fragment after its text was written: cells with offsets, parallel to ``fragment.rows``."""

    fragment: TableFragment
    cells: tuple[tuple[SourceCell, ...], ...]
    ends_page: bool  # nothing but page furniture below it
    starts_page: bool  # nothing but page furniture above it


def _column_union(prev: Sequence[float], cur: Sequence[float]) -> list[float] | None:
    """Column edges of both fragments, or None when they are not one table's columns.

    A fragment may draw fewer column lines than the other (header rows whose
    labels span the applicant columns end one page; the value rows begin the
    next), so one set of inner lines must fall on the other's.
    """
    if abs(prev[0] - cur[0]) > OUTER_TOLERANCE or abs(prev[-1] - cur[-1]) > OUTER_TOLERANCE:
        return None
    inner_prev, inner_cur = prev[1:-1], cur[1:-1]

    def within(few, many):
        return all(any(abs(x - y) <= INNER_TOLERANCE for y in many) for x in few)
    if not (within(inner_prev, inner_cur) or within(inner_cur, inner_prev)):
        return None
    union = [prev[0]]
    for x in sorted(list(inner_prev) + list(inner_cur)):
        if abs(x - union[-1]) > INNER_TOLERANCE:
            union.append(x)
    return union + [prev[-1]] if abs(prev[-1] - union[-1]) > INNER_TOLERANCE else union


def _column_map(edges: Sequence[float], union: Sequence[float]) -> list[int]:
    """Each of ``edges`` as its index among the ``union`` edges."""
    out = [0]
    for x in edges[1:-1]:
        out.append(min(range(len(union)), key=lambda i: abs(union[i] - x)))
    return out + [len(union) - 1]


@dataclass
class _Grid:
    """The table being assembled: cells by the (row, column) where they start."""

    xs: tuple[float, ...]
    page: int
    cells: dict[tuple[int, int], SourceCell]
    height: int

    def owner(self, r: int, c: int) -> tuple[int, int] | None:
        for (r0, c0), cell in self.cells.items():
            if r0 <= r < r0 + cell.rowspan and c0 <= c < c0 + cell.colspan:
                return r0, c0
        return None

    def widen(self, union: Sequence[float]) -> None:
        """Re-index the columns onto ``union``, a superset of the grid's column edges."""
        colmap = _column_map(self.xs, union)
        self.cells = {(r, colmap[c]): dataclasses.replace(cell, colspan=colmap[c + cell.colspan] - colmap[c])
                      for (r, c), cell in self.cells.items()}
        self.xs = tuple(union)

    def row_texts(self, r: int) -> list[str]:
        return [cell.text for (r0, _), cell in sorted(self.cells.items()) if r0 == r]

    def table(self) -> SourceTable:
        rows: dict[int, list[SourceCell]] = {}
        for (r, _), cell in sorted(self.cells.items()):
            rows.setdefault(r, []).append(cell)
        ordered = tuple(tuple(rows.get(r, ())) for r in range(self.height))
        flat = [c for row in ordered for c in row]
        return SourceTable(ordered, min(c.start for c in flat), max(c.end for c in flat), self.page)


def _start(written: WrittenFragment) -> _Grid:
    cells = {(g.row, g.col): cell for grow, crow in zip(written.fragment.rows, written.cells)
             for g, cell in zip(grow, crow)}
    return _Grid(written.fragment.xs, written.fragment.page, cells, len(written.fragment.rows))


def _leaf_column(row: dict[int, SourceCell]) -> int | None:
    """Column of the rightmost label cell of a row: cells left of it are group labels."""
    labels = [c for c, cell in row.items() if cell.text and not _NUMERIC.match(cell.text)]
    return max(labels) if labels else None


def _repeated_header(grid: _Grid, rows: list[dict[int, SourceCell]]) -> int:
    """How many leading rows of the continuation repeat the table's first rows."""
    k = 0
    while k < len(rows) and k < grid.height:
        texts = [cell.text for _, cell in sorted(rows[k].items())]
        if not any(texts) or texts != grid.row_texts(k):
            break
        k += 1
    return k


def _append(grid: _Grid, written: WrittenFragment, union: Sequence[float]) -> None:
    grid.widen(union)
    colmap = _column_map(written.fragment.xs, union)
    rows: list[dict[int, SourceCell]] = []
    for grow, crow in zip(written.fragment.rows, written.cells):
        rows.append({colmap[g.col]: dataclasses.replace(cell, colspan=colmap[g.col + cell.colspan] - colmap[g.col])
                     for g, cell in zip(grow, crow)})
    rows = rows[_repeated_header(grid, rows):]
    if not rows:
        return
    last = grid.height - 1
    first = rows[0]
    leaf = _leaf_column(first)
    for c, cell in sorted(first.items()):
        if leaf is None or c + cell.colspan > leaf or _NEW_LABEL.match(cell.text):
            continue
        owner = grid.owner(last, c)
        if owner is None or owner[1] != c or grid.cells[owner].colspan != cell.colspan:
            continue
        grid.cells[owner] = _continued(grid.cells[owner], cell)
        del first[c]
    for offset, row in enumerate(rows):
        for c, cell in row.items():
            grid.cells[(grid.height + offset, c)] = cell
    grid.height += len(rows)


def _continued(above: SourceCell, below: SourceCell) -> SourceCell:
    """A label cell cut by the page break, whole again.

    Its text is both pieces joined (``（四）无`` + ``法提供``); its span runs from
    the first piece to the last, across the page break between them.
    """
    merged = dataclasses.replace(above, rowspan=above.rowspan + below.rowspan)
    if not below.text:
        return merged
    return dataclasses.replace(merged, text=join_lines((above.text, below.text)), end=below.end)


def merge_fragments(fragments: Sequence[WrittenFragment]) -> tuple[SourceTable, ...]:
    """One SourceTable per table, fragments continued across page breaks joined."""
    tables: list[SourceTable] = []
    grid: _Grid | None = None
    previous: WrittenFragment | None = None
    for written in fragments:
        union = None
        if (grid is not None and previous is not None and previous.ends_page and written.starts_page
                and written.fragment.page == previous.fragment.page + 1):
            union = _column_union(grid.xs, written.fragment.xs)
        if union is not None:
            _append(grid, written, union)
        else:
            if grid is not None:
                tables.append(grid.table())
            grid = _start(written)
        previous = written
    if grid is not None:
        tables.append(grid.table())
    return tuple(tables)

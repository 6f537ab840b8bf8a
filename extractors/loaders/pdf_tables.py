"""Tables of one PDF page from its ruling lines (pdfplumber's table functions).

edges → pdfplumber cells → a grid of rows and columns → cells with spans and
text.  The edges and characters come either from pypdfium2 (``pdf_geometry``,
the fast path) or from pdfplumber's own page parse (``find_fragments``, the
reference and the fallback); from there on both take the same road.  A cell is never guessed: where the ruling lines and the characters
disagree (a number cut by a line, two numbers in one cell because a line is
missing, text in a hole of the grid), the cell is marked unreadable with the
reason, and the table parser reports it instead of reading a wrong value.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Sequence

from extractors.loaders.writer import RawCell, join_lines

# Lines only: text-flow tables are the text parser's job, not guesses here.
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines",
                  "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3}
EDGE_TOLERANCE = 2.0
_NUMERIC = re.compile(r"^[\d\s.,，．\-－/]+$")
_CID = re.compile(r"\(cid:\d+\)")

CUT_BY_LINE = "文字跨越表格线，无法确定属于哪个单元格"
TWO_NUMBERS = "单元格内有两个以上分开的数字（表格线可能缺失）"
TEXT_IN_HOLE = "文字位于没有表格线的位置，无法确定所属单元格"
NO_UNICODE = "字体缺少字符映射（cid），文字无法识别"


@dataclass(frozen=True)
class GridCell:
    raw: RawCell
    row: int
    col: int


@dataclass(frozen=True)
class TableFragment:
    """A table as found on one page; a table crossing a page break is several fragments."""

    page: int  # 1-based
    top: float
    bottom: float
    xs: tuple[float, ...]  # column edges, left to right
    rows: tuple[tuple[GridCell, ...], ...]

    @property
    def width(self) -> int:
        return len(self.xs) - 1


def _cluster(values: Sequence[float], tolerance: float = EDGE_TOLERANCE) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def _index(edges: Sequence[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _lines_of(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into visual lines, each left to right."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - ch["top"]) <= max(ch["size"], 4) * 0.5:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _line_text(line: list[dict]) -> str:
    return "".join(c["text"] for c in line)


def _separate_numbers(lines: list[list[dict]]) -> bool:
    """True when a numeric cell holds digit runs set apart like two cells' values."""
    for line in lines:
        inked = [c for c in line if c["text"].strip()]
        if not inked or not _NUMERIC.match(_line_text(inked)):
            continue
        for a, b in zip(inked, inked[1:]):
            width = max(a["x1"] - a["x0"], 1.0)
            if b["x0"] - a["x1"] > 0.9 * width or (a["text"].isdigit() and b["text"].isdigit()
                                                   and _has_space_between(line, a, b)):
                return True
    numeric = [ln for ln in lines if _NUMERIC.match(_line_text(ln).strip() or "x")]
    return len(numeric) > 1 and len(numeric) == len(lines)


def _has_space_between(line: list[dict], a: dict, b: dict) -> bool:
    return any(c["text"].isspace() and a["x1"] <= c["x0"] + 0.1 and c["x1"] <= b["x0"] + 0.1
               for c in line)


def _cut_by_line(chars: list[dict], box: tuple[float, float, float, float]) -> bool:
    x0, _, x1, _ = box
    for c in chars:
        if not c["text"].strip():
            continue
        slack = (c["x1"] - c["x0"]) * 0.3
        if c["x0"] < x0 - slack or c["x1"] > x1 + slack:
            return True
    return False


class _ByHeight:
    """Characters sorted by their vertical centre, so a cell looks only at its own band."""

    def __init__(self, chars: list[dict]):
        self.chars = sorted(chars, key=lambda c: c["top"] + c["bottom"])
        self.keys = [(c["top"] + c["bottom"]) / 2 for c in self.chars]

    def inside(self, box: tuple[float, float, float, float]) -> list[dict]:
        x0, top, x1, bottom = box
        band = self.chars[bisect.bisect_left(self.keys, top):bisect.bisect_right(self.keys, bottom)]
        return [c for c in band if x0 <= (c["x0"] + c["x1"]) / 2 <= x1]


def _read_cell(chars: _ByHeight, box, colspan: int, rowspan: int) -> tuple[RawCell, bool]:
    """The cell's text, and whether its characters cross its ruling lines."""
    mine = chars.inside(box)
    lines = _lines_of(mine)
    text = join_lines(_line_text(ln) for ln in lines)
    if _CID.search(text):
        return RawCell("", colspan, rowspan, NO_UNICODE, text), False
    if _separate_numbers(lines):
        return RawCell("", colspan, rowspan, TWO_NUMBERS, text), False
    return RawCell(text, colspan, rowspan), _cut_by_line(mine, box)


def _fragment(boxes, chars: list[dict], page_no: int) -> TableFragment | None:
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 3 or len(ys) < 2:  # a single column is a framed paragraph, not a table
        return None
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    placed: dict[tuple[int, int], tuple[RawCell, bool]] = {}
    index = _ByHeight(chars)
    for box in boxes:
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        if c1 <= c0 or r1 <= r0 or (r0, c0) in owner:
            continue
        placed[(r0, c0)] = _read_cell(index, box, c1 - c0, r1 - r0)
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner.setdefault((r, c), (r0, c0))
    cut = _cut_neighbours(placed, owner, len(ys) - 1, len(xs) - 1) | _cut_words(chars, xs, ys, owner)
    rows = []
    for r in range(len(ys) - 1):
        row = []
        for c in range(len(xs) - 1):
            if (r, c) in placed:
                raw, _ = placed[(r, c)]
                if (r, c) in cut and not raw.unreadable:
                    raw = RawCell("", raw.colspan, raw.rowspan, CUT_BY_LINE, raw.text)
                row.append(GridCell(raw, r, c))
            elif (r, c) not in owner:
                hole = (xs[c], ys[r], xs[c + 1], ys[r + 1])
                stray = join_lines(_line_text(ln) for ln in _lines_of(index.inside(hole)))
                row.append(GridCell(RawCell("", 1, 1, TEXT_IN_HOLE, stray) if stray else RawCell(""), r, c))
        rows.append(tuple(row))
    return TableFragment(page_no, ys[0], ys[-1], tuple(xs), tuple(rows))


def _cut_neighbours(placed, owner, height: int, width: int) -> set[tuple[int, int]]:
    """Cells whose characters cross a ruling line, and the cells on the other side."""
    cut: set[tuple[int, int]] = set()
    for (r, c), (raw, crosses) in placed.items():
        if not crosses:
            continue
        cut.add((r, c))
        for dc in (-1, raw.colspan):
            neighbour = owner.get((r, c + dc))
            if neighbour is not None and 0 <= c + dc < width:
                cut.add(neighbour)
    return cut


def _cut_words(chars: list[dict], xs, ys, owner) -> set[tuple[int, int]]:
    """Cells between which a ruling line splits a word (``1|2``: is it 12, or 1 and 2?)."""
    def owner_at(ch):
        x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        c, r = bisect.bisect_right(xs, x) - 1, bisect.bisect_right(ys, y) - 1
        return owner.get((r, c))

    table = [ch for ch in chars if ch["text"].strip() and xs[0] <= ch["x0"] and ch["x1"] <= xs[-1]
             and ys[0] <= ch["top"] and ch["bottom"] <= ys[-1]]
    cut: set[tuple[int, int]] = set()
    for line in _lines_of(table):
        for a, b in zip(line, line[1:]):
            if b["x0"] - a["x1"] > 0.2 * a["size"]:
                continue
            oa, ob = owner_at(a), owner_at(b)
            if oa is not None and ob is not None and oa != ob:
                cut |= {oa, ob}
    return cut


def cell_groups(edges: list[dict]) -> list[list[tuple]]:
    """pdfplumber's "lines" strategy from edges onwards: the cell boxes of each table."""
    from pdfplumber.table import (TableSettings, cells_to_tables, edges_to_intersections,
                                  intersections_to_cells, merge_edges)
    from pdfplumber.utils import filter_edges

    s = TableSettings.resolve(TABLE_SETTINGS)
    lines = (filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
             + filter_edges(edges, "h", min_length=s.edge_min_length_prefilter))
    merged = merge_edges(lines, s.snap_x_tolerance, s.snap_y_tolerance, s.join_x_tolerance, s.join_y_tolerance)
    merged = filter_edges(merged, min_length=s.edge_min_length)
    intersections = edges_to_intersections(merged, s.intersection_x_tolerance, s.intersection_y_tolerance)
    return cells_to_tables(intersections_to_cells(intersections))


def fragments_of(groups: list[list[tuple]], chars: list[dict], page_no: int) -> list[TableFragment]:
    """Table fragments from cell boxes and the page's characters, top to bottom."""
    fragments = [f for f in (_fragment(boxes, chars, page_no) for boxes in groups) if f is not None]
    return sorted(fragments, key=lambda f: f.top)


def find_fragments(page, page_no: int) -> list[TableFragment]:
    """The ruled tables of one pdfplumber page: the reference path, and the fallback."""
    tables = page.find_tables(TABLE_SETTINGS)
    if not tables:
        return []
    return fragments_of([t.cells for t in tables], page.chars, page_no)

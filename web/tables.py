"""The three standard tables laid out for display, from the layouts in ``extractors.layouts``.

The layouts are the single description of rows and columns, so the page
shows exactly the grid the parser fills and the reconciler checks; a cell
cited by a finding is marked with that finding's worst severity.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from extractors.layouts import (TABLE2_LAYOUTS, TABLE3_COLUMNS, TABLE3_GROUPS, TABLE3_ROWS_2021,
                                TABLE3_ROWS_OLD, TABLE4_COLUMNS, TABLE4_GROUPS, TABLE_NAMES)

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
STATE_SHOWN = {"blank": "", "na": "/", "unreadable": "？"}
STATE_CN = {"value": "数值", "blank": "空白", "na": "不适用", "unreadable": "无法读取", "missing": "未读到"}


@dataclass(frozen=True)
class CellView:
    id: str
    shown: str
    state: str
    raw: str = ""
    note: str = ""
    severity: str | None = None  # worst severity of the findings citing it
    findings: tuple[int, ...] = ()

    @property
    def title(self) -> str:
        parts = [self.id, STATE_CN.get(self.state, self.state)]
        if self.raw:
            parts.append(f"原文：{self.raw}")
        if self.note:
            parts.append(self.note)
        return "；".join(parts)


@dataclass(frozen=True)
class RowView:
    label: str
    cells: tuple[CellView, ...]
    group: str = ""  # heading printed above the first row of a group
    group_columns: tuple[str, ...] = ()  # column labels of that group, when they differ by group (table 2)


@dataclass(frozen=True)
class TableView:
    id: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[RowView, ...]
    found: bool


def _shown(cell: Mapping | None) -> tuple[str, str]:
    if cell is None:
        return "", "missing"
    state = cell.get("state", "unreadable")
    if state == "value":
        value = cell.get("value")
        return ("" if value is None else f"{value:g}" if isinstance(value, float) else str(value)), state
    return STATE_SHOWN.get(state, ""), state


def _marks(findings: Sequence[Mapping]) -> dict[str, tuple[str, tuple[int, ...]]]:
    """cell id → (worst severity, finding indexes) over ``findings``."""
    marks: dict[str, tuple[str, tuple[int, ...]]] = {}
    for i, f in enumerate(findings):
        for cid in f.get("cells") or ():
            sev, idx = marks.get(cid, (f["severity"], ()))
            if SEVERITY_RANK.get(f["severity"], 9) < SEVERITY_RANK.get(sev, 9):
                sev = f["severity"]
            marks[cid] = (sev, idx + (i,))
    return marks


def _cell(cid: str, cells: Mapping[str, Mapping], marks) -> CellView:
    cell = cells.get(cid)
    shown, state = _shown(cell)
    sev, idx = marks.get(cid, (None, ()))
    cell = cell or {}
    return CellView(cid, shown, state, str(cell.get("raw") or ""), str(cell.get("note") or ""), sev, idx)


def table2_view(cells: Mapping[str, Mapping], version: str | None, marks, found: bool) -> TableView:
    layout = TABLE2_LAYOUTS.get(version or "2021", TABLE2_LAYOUTS["2021"])
    width = max(len(b.columns) for b in layout.blocks)
    rows = []
    for block in layout.blocks:
        heading = f"第二十条第（{block.item}）项"
        labels = tuple(c.label for c in block.columns) + ("",) * (width - len(block.columns))
        for i, r in enumerate(block.rows):
            views = tuple(_cell(f"t2.{r.key}.{c.key}", cells, marks) for c in block.columns)
            rows.append(RowView(r.label, views + (None,) * (width - len(views)), heading if i == 0 else "",
                                labels if i == 0 else ()))
    return TableView("t2", TABLE_NAMES["t2"], ("",) * width, tuple(rows), found)


def table3_view(cells: Mapping[str, Mapping], marks, found: bool) -> TableView:
    old = any(cid.startswith("t3.other.") and cid.count(".") == 2 for cid in cells)
    layout = TABLE3_ROWS_OLD if old else TABLE3_ROWS_2021
    rows, seen_groups = [], set()
    for r in layout:
        group = r.group or r.key.split(".")[0]
        heading = ""
        if r.group and group not in seen_groups:
            heading = TABLE3_GROUPS.get(group, "")
        seen_groups.add(group)
        views = tuple(_cell(f"t3.{r.key}.{c.key}", cells, marks) for c in TABLE3_COLUMNS)
        rows.append(RowView(r.aliases[0] if len(r.label) > 20 and r.aliases else r.label, views, heading))
    return TableView("t3", TABLE_NAMES["t3"], tuple(c.label for c in TABLE3_COLUMNS), tuple(rows), found)


def table4_view(cells: Mapping[str, Mapping], marks, found: bool) -> TableView:
    rows = tuple(RowView(g.label, tuple(_cell(f"t4.{g.key}.{c.key}", cells, marks) for c in TABLE4_COLUMNS))
                 for g in TABLE4_GROUPS)
    return TableView("t4", TABLE_NAMES["t4"], tuple(c.label for c in TABLE4_COLUMNS), rows, found)


def table_views(result: Mapping, findings: Sequence[Mapping] | None = None) -> tuple[TableView, ...]:
    """Tables 2, 3 and 4 of a result dict, cells marked by the findings citing them."""
    cells = result.get("tables") or {}
    marks = _marks(result.get("findings", ()) if findings is None else findings)
    found = set(result.get("tables_found") or {cid.split(".")[0] for cid in cells})
    return (table2_view(cells, result.get("format_version"), marks, "t2" in found),
            table3_view(cells, marks, "t3" in found),
            table4_view(cells, marks, "t4" in found))

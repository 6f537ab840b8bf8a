"""Reading cells as evidence and writing findings from catalog rules.

A cell counts as evidence only when it holds a value: blank is not 0 and an
unreadable cell is not a number, so ``cell_sum`` reports which inputs kept a
sum from being taken instead of guessing.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from extractors.layouts import cell_label
from gidar.domain import VALUE, Finding, Tables
from reconcile.catalog import MONEY_UNITS, ROW_NAMES, RULES


def cell_sum(tables: Tables, cell_ids: Iterable[str]) -> tuple[Decimal | None, tuple[str, ...]]:
    """The sum of the cells, or None with the cells that are missing, blank, n/a or unreadable."""
    total, lacking = Decimal(0), []
    for cid in cell_ids:
        cell = tables.cells.get(cid)
        if cell is None or cell.state != VALUE or cell.value is None:
            lacking.append(cid)
        else:
            total += cell.value
    return (None, tuple(lacking)) if lacking else (total, ())


def number(value: Decimal | int | float | None) -> str:
    """A value as an auditor writes it: 21, 0.5 — never 21.0 or 1E+1."""
    if value is None:
        return "—"
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def label(cell_id: str) -> tuple[str, str, str]:
    """(表三, “（七）总计”, 自然人列): the names a message uses for a cell."""
    try:
        table, row, column = cell_label(cell_id)
    except (KeyError, ValueError):
        return cell_id, "", ""
    row_name = ROW_NAMES.get(cell_id.rsplit(".", 1)[0])
    return table, f"“{row_name}”" if row_name else row, column


def place(cell_id: str) -> tuple[str, str, str]:
    """(table, row, column) names for a finding's fields: 表三, （七）总计, 自然人."""
    table, row, column = label(cell_id)
    return table, row.strip("“”"), column.removesuffix("列")


def where(cell_ids: tuple[str, ...]) -> str:
    """Where the table says it: 表三“本年新收”总计列, or 表四“…”总计列与“…”总计列之和."""
    labels = []
    for cid in cell_ids:
        table, row, column = label(cid)
        labels.append((table, row + column))
    if len(labels) == 1:
        return "".join(labels[0])
    table = labels[0][0]
    if len(labels) > 3:
        return f"{table}{labels[0][1]}等{len(labels)}个单元格之和"
    return table + "、".join(part for _, part in labels) + "之和"


def finding(rule_id: str, *, cells: Iterable[str] = (), claims: Iterable[int] = (),
            expected=None, actual=None, confidence: float | None = None,
            severity: str | None = None, message: str | None = None, **fields) -> Finding:
    """A finding of a catalog rule; its message is the rule's template filled with ``fields``."""
    rule = RULES[rule_id]
    cells = tuple(cells)
    table, row, column = fields.get("table"), None, None
    if cells:
        table, row, column = place(cells[0])
    text = message if message is not None else rule.message.format(
        expected=number(expected), actual=number(actual), **fields)
    return Finding(rule=rule.id, kind=rule.kind, severity=severity or rule.severity, message=text,
                   confidence=rule.confidence if confidence is None else confidence,
                   expected=expected, actual=actual, cells=cells, claims=tuple(claims),
                   table=table, row=row, column=column)


def to_unit(value: Decimal, unit: str | None, target: str | None) -> Decimal:
    """A money value in another money unit (380元 → 0.038万元); counts pass through unchanged."""
    if unit in MONEY_UNITS and target in MONEY_UNITS and unit != target:
        return value * MONEY_UNITS[unit] / MONEY_UNITS[target]
    return value

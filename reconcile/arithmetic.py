"""Table arithmetic (勾稽关系): the identities of the catalog checked over the cells.

An identity whose inputs are not all values is not checked at all: it is
counted, and the count becomes a structure note, because a blank read as 0
would turn a report that left a row empty into an arithmetic error.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from extractors.layouts import (DECIMAL_CELLS, TABLE3_COLUMNS, TABLE3_ROWS_2021, TABLE3_ROWS_OLD,
                                TABLE4_GROUPS, table3_outcome_rows)
from gidar.domain import VALUE, Finding, Tables
from reconcile.catalog import IDENTITIES, SIGNED_CELL, Identity
from reconcile.evidence import cell_sum, finding, label


def table3_rows(tables: Tables):
    """The table-3 rows of this report: the 2021 layout, or the older one with a single （六）."""
    old = any(f"t3.other.{c.key}" in tables.cells for c in TABLE3_COLUMNS)
    return TABLE3_ROWS_OLD if old else TABLE3_ROWS_2021


def _fill(templates: tuple[str, ...], key: str, outcome_rows: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for template in templates:
        if "{outcome_rows}" in template:
            out += [template.replace("{outcome_rows}", row).format(col=key) for row in outcome_rows]
        else:
            out.append(template.format(col=key, row=key, group=key))
    return tuple(out)


def instances(identity: Identity, tables: Tables) -> Iterator[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(total cells, part cells) for each row, column or group the identity runs over."""
    rows = table3_rows(tables)
    outcome_rows = table3_outcome_rows(rows)
    if identity.over == "t3_columns":
        keys = [c.key for c in TABLE3_COLUMNS]
    elif identity.over == "t3_rows":
        keys = [r.key for r in rows]
    else:
        keys = [g.key for g in TABLE4_GROUPS]
    for key in keys:
        yield _fill(identity.total, key, outcome_rows), _fill(identity.parts, key, outcome_rows)


def check_identities(tables: Tables) -> tuple[list[Finding], dict[str, int]]:
    """Findings for broken identities, and per table how many could not be checked."""
    findings: list[Finding] = []
    unchecked: dict[str, int] = {}
    for identity in IDENTITIES:
        for total_ids, part_ids in instances(identity, tables):
            if not any(cid in tables.cells for cid in total_ids + part_ids):
                continue  # the table is absent: structure says so
            actual, lacking_total = cell_sum(tables, total_ids)
            expected, lacking_parts = cell_sum(tables, part_ids)
            if lacking_total or lacking_parts:
                table = total_ids[0].split(".")[0]
                unchecked[table] = unchecked.get(table, 0) + 1
                continue
            if actual != expected:
                table, row, column = label(total_ids[0])
                findings.append(finding(identity.rule, cells=total_ids + part_ids, expected=expected,
                                        actual=actual, table=table, row=row, column=column))
    return findings, unchecked


def check_counts(tables: Tables) -> list[Finding]:
    """Counts are non-negative integers; amounts (万元) may be decimals; 本年增/减 may be negative."""
    findings = []
    for cid, cell in tables.cells.items():
        if cell.state != VALUE or cell.value is None:
            continue
        if cell.value < 0 and not SIGNED_CELL.search(cid):
            table, row, column = label(cid)
            findings.append(finding("table.negative_count", cells=(cid,), expected=Decimal(0),
                                    actual=cell.value, table=table, row=row, column=column))
        elif cid not in DECIMAL_CELLS and cell.value != cell.value.to_integral_value():
            table, row, column = label(cid)
            findings.append(finding("table.fractional_count", cells=(cid,),
                                    expected=cell.value.to_integral_value(), actual=cell.value,
                                    table=table, row=row, column=column))
    return findings

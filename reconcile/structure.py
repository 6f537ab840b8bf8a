"""Structure findings: what is missing, unreadable or blank, and which year the data speak of.

These explain why other rules stayed silent: an identity over blank cells is
not checked, and a claim beside an unreadable cell is set beside it here
instead of being compared with a number the source lost.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from extractors.layouts import TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS, TABLE_NAMES
from gidar.domain import BLANK, UNREADABLE, VALUE, Claim, Document, Finding, ReportInfo, Section, Tables
from reconcile.arithmetic import table3_rows
from reconcile.catalog import (BESIDE_UNREADABLE, RULES, SECTION_TITLES, STATISTICS_PERIOD, STRUCTURE,
                               TABLE_SECTIONS, YEAR_OFFSETS)
from reconcile.evidence import finding, label, number

TABLE_SHORT = {"t2": "表二", "t3": "表三", "t4": "表四"}


def _beside(cells: set[str], claims: tuple[Claim, ...], beside: dict[int, tuple[str, ...]]) -> tuple[list[int], str]:
    indexes = [i for i, expr in beside.items() if cells & set(expr)]
    notes = "".join(BESIDE_UNREADABLE.format(text=claims[i].text, value=number(claims[i].value))
                    for i in indexes)
    return indexes, notes


def from_problems(tables: Tables, claims: tuple[Claim, ...], beside: dict[int, tuple[str, ...]]) -> list[Finding]:
    """Each problem the table parser reported, with the claims that could not be checked because of it."""
    out = []
    for problem in tables.problems:
        indexes, notes = _beside(set(problem.cells), claims, beside)
        base = finding("structure.table_problem", cells=problem.cells, claims=indexes,
                       severity=problem.severity, message=problem.message + notes)
        out.append(replace(base, rule=f"structure.table_problem.{problem.code}",
                           table=base.table or TABLE_SHORT.get(problem.table, problem.table)))
    return out


def _present(tables: Tables, table: str) -> bool:
    return table in tables.found or any(cid.startswith(table + ".") for cid in tables.cells)


def missing(sections: tuple[Section, ...], tables: Tables) -> list[Finding]:
    numbers = {s.number for s in sections if s.number is not None}
    out = []
    if numbers:
        out += [finding("structure.section_missing", number="一二三四五六"[n - 1], title=title)
                for n, title in SECTION_TITLES.items() if n not in numbers]
    reported = {p.table for p in tables.problems if p.code == "table_missing"}
    for table in TABLE_SECTIONS:
        if not _present(tables, table) and table not in reported:
            out.append(finding("structure.table_missing", table=TABLE_SHORT[table], name=TABLE_NAMES[table]))
    return out


def unreadable(tables: Tables, claims: tuple[Claim, ...], beside: dict[int, tuple[str, ...]]) -> list[Finding]:
    """Unreadable cells no parser problem already explains, one finding per table."""
    covered = {c for p in tables.problems for c in p.cells}
    by_table: dict[str, list[str]] = {}
    for cid, cell in tables.cells.items():
        if cell.state == UNREADABLE and cid not in covered:
            by_table.setdefault(cid.split(".")[0], []).append(cid)
    out = []
    for table, cells in sorted(by_table.items()):
        indexes, notes = _beside(set(cells), claims, beside)
        names = "、".join("".join(label(c)[1:]) for c in cells[:3]) + ("等" if len(cells) > 3 else "")
        rule = RULES["structure.cells_unreadable"]
        message = rule.message.format(table=TABLE_SHORT[table], count=len(cells), cells=names) + notes
        out.append(finding("structure.cells_unreadable", cells=cells, claims=indexes, message=message))
    return out


def blank_blocks(tables: Tables) -> list[Finding]:
    """Table-3 columns blank in every row (likely left out) and table-4 groups left empty."""
    covered = {c for p in tables.problems for c in p.cells}
    out = blank_tables(tables, covered)
    if any(f.table == "表三" for f in out):
        return out
    rows = [r.key for r in table3_rows(tables)]
    if any(c.state == VALUE for cid, c in tables.cells.items() if cid.startswith("t3.")):
        columns = [c for c in TABLE3_COLUMNS
                   if all(_state(tables, f"t3.{r}.{c.key}") == BLANK for r in rows)]
        cells = [f"t3.{r}.{c.key}" for c in columns for r in rows]
        if columns and not set(cells) <= covered:
            out.append(finding("structure.blank_column", cells=cells, table="表三",
                               columns="、".join(f"“{c.label}”" for c in columns)))
    if any(f.table == "表四" for f in out):
        return out
    for group in TABLE4_GROUPS:
        cells = [f"t4.{group.key}.{c.key}" for c in TABLE4_COLUMNS]
        if all(_state(tables, cid) == BLANK for cid in cells) and not set(cells) <= covered:
            out.append(finding("structure.blank_row", cells=cells, table="表四", rows=f"“{group.label}”"))
    return out


def blank_tables(tables: Tables, covered: set[str]) -> list[Finding]:
    """A table present but with no number at all: every cell printed empty."""
    out = []
    for table, short in TABLE_SHORT.items():
        states = [c.state for cid, c in tables.cells.items() if cid.startswith(table + ".")]
        blank = [cid for cid, c in tables.cells.items() if cid.startswith(table + ".") and c.state == BLANK]
        if states and VALUE not in states and blank and not set(blank) <= covered:
            out.append(finding("structure.blank_table", cells=blank, table=short, count=len(blank)))
    return out


def _state(tables: Tables, cell_id: str) -> str | None:
    cell = tables.cells.get(cell_id)
    return cell.state if cell is not None else None


def unchecked(counts: dict[str, int], already: list[Finding]) -> list[Finding]:
    """Identities skipped over blank or unreadable cells, where no other finding explains it."""
    explained = {f.table for f in already if f.kind == STRUCTURE}
    return [finding("structure.unchecked", table=TABLE_SHORT[t], count=n)
            for t, n in sorted(counts.items()) if n and TABLE_SHORT[t] not in explained]


def data_year(document: Document, claims: tuple[Claim, ...], info: ReportInfo) -> list[Finding]:
    """The report is for one year but its statistics period or its narrative speak of another."""
    if info.year is None:
        return []
    period = STATISTICS_PERIOD.search(document.text[:5000])
    if period and int(period.group(1)) != info.year:
        return [finding("structure.data_year", report_year=info.year, data_year=period.group(1))]
    years = Counter(c.year for c in claims if c.year is not None and c.metric not in YEAR_OFFSETS)
    if years:
        year, count = years.most_common(1)[0]
        if year != info.year and count > years.get(info.year, 0) and count >= 2:
            return [finding("structure.data_year", report_year=info.year, data_year=year,
                            claims=[i for i, c in enumerate(claims) if c.year == year])]
    return []

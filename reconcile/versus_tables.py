"""Narrative against tables: each claim against the cells its metric reconciles with.

A disagreement is an error only when nothing explains it.  A scoped claim
(办公室代表本级政府受理12件) may count less than the table; a claim equal to a
neighbouring quantity (收到 = 新收 + 上年结转) says 口径可能不同; a claim that
names another year speaks of another table.  Cells that are blank or
unreadable are never compared: the structure finding carries the claim instead.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from gidar.domain import BLANK, EXACT, UNREADABLE, Claim, Finding, Tables
from gidar.taxonomy import ALTERNATIVES, METRICS, cell_expression
from reconcile.catalog import CELL_UNITS, MONEY_UNITS, NON_NARROWING_SCOPE, RULES, YEAR_OFFSETS
from reconcile.evidence import cell_sum, finding, number, to_unit, where
from reconcile.narrative import value_range


def speaks_of_this_year(claim: Claim, report_year: int | None) -> bool:
    if claim.year is None or report_year is None:
        return True
    return claim.year - report_year in YEAR_OFFSETS.get(claim.metric, (0,))


def narrowing_scope(claim: Claim) -> tuple[str, ...]:
    return tuple(s for s in claim.scope if not NON_NARROWING_SCOPE.match(s))


def _tolerance(cell_unit: str | None, value: Decimal) -> Decimal:
    """Money cells are rounded to their printed decimals; counts must match exactly."""
    if cell_unit not in MONEY_UNITS:
        return Decimal(0)
    exponent = min(value.as_tuple().exponent, -2) if isinstance(value.as_tuple().exponent, int) else -2
    return Decimal(5) * Decimal(10) ** (exponent - 1)


def agrees(claim: Claim, value: Decimal, cell_unit: str | None) -> bool:
    low, high = (to_unit(v, claim.unit, cell_unit) for v in value_range(claim))
    slack = _tolerance(cell_unit, value)
    return low - slack <= value <= high + slack


def _written(claim: Claim) -> str:
    return number(claim.value) + ("余" if claim.bound == "at_least" else "") + (claim.unit or "")


def compare(index: int, claim: Claim, tables: Tables) -> Finding | None:
    """The finding for one claim against its cells, or None when they agree or cannot be compared."""
    cells = cell_expression(claim.metric, tables.format_version)
    if not cells or not any(cid in tables.cells for cid in cells):
        return None
    value, lacking = cell_sum(tables, cells)
    cell_unit = CELL_UNITS.get(cells[0])
    fields = dict(metric=METRICS.get(claim.metric, claim.metric), claimed=_written(claim),
                  text=claim.text, where=where(cells), scope="、".join(narrowing_scope(claim)))
    score = min(claim.score, 1.0)
    if lacking:
        states = {tables.cells[cid].state for cid in lacking if cid in tables.cells}
        if states == {BLANK} and len(lacking) == len(cells) and claim.value != 0:
            return finding("claim.blank_cell", cells=cells, claims=(index,), expected=None,
                           actual=claim.value, confidence=RULES["claim.blank_cell"].confidence * score,
                           **fields)
        return None
    if agrees(claim, value, cell_unit):
        return None
    fields["table_value"] = number(value) + (cell_unit or "")
    evidence = dict(cells=cells, claims=(index,), expected=value, actual=claim.value)
    if narrowing_scope(claim):
        rule = "claim.scoped_mismatch"
    elif claim.value == 0 and claim.bound == EXACT:
        rule = "claim.zero_but_table"
    else:
        alternative = _alternative(claim, tables, cell_unit)
        if alternative is not None:
            label, alt_cells = alternative
            return finding("claim.alternative_basis", cells=cells + tuple(c for c in alt_cells if c not in cells),
                           claims=(index,), expected=value, actual=claim.value, alternative=label,
                           confidence=RULES["claim.alternative_basis"].confidence * score, **fields)
        rule = "claim.table_mismatch"
    return finding(rule, **evidence, confidence=RULES[rule].confidence * score, **fields)


def _alternative(claim: Claim, tables: Tables, cell_unit: str | None):
    for label, cells in ALTERNATIVES.get(claim.metric, ()):
        value, lacking = cell_sum(tables, cells)
        if not lacking and agrees(claim, value, cell_unit):
            return label, cells
    return None


def check_claims(claims: tuple[Claim, ...], tables: Tables,
                 report_year: int | None) -> tuple[list[Finding], dict[int, tuple[str, ...]]]:
    """Findings for claims that disagree with their cells, and claims beside unreadable cells."""
    findings: dict[tuple, Finding] = {}
    beside: dict[int, tuple[str, ...]] = {}
    for i, claim in enumerate(claims):
        if claim.metric == "other" or not speaks_of_this_year(claim, report_year):
            continue
        cells = cell_expression(claim.metric, tables.format_version) or ()
        if any(tables.cells[c].state == UNREADABLE for c in cells if c in tables.cells):
            beside[i] = cells
            continue
        found = compare(i, claim, tables)
        if found is None:
            continue
        key = (found.rule, found.cells, claim.value)
        if key in findings:  # the same statement made twice: one finding, both claims
            prior = findings[key]
            found = replace(prior, claims=prior.claims + (i,))
        findings[key] = found
    return list(findings.values()), beside

"""Reconciliation: claims and tables in, findings an auditor reads out (DESIGN.md §4).

    reconcile(document, sections, tables, claims, info) -> tuple[Finding, ...]

The rules are data in ``reconcile.catalog``; each module here checks one kind:
``arithmetic`` (勾稽关系 within tables), ``narrative`` (totals against parts,
restatements), ``versus_tables`` (claims against cells) and ``structure``
(what is missing, blank or unreadable).  Cross-year checks need the store and
live beside it.
"""
from __future__ import annotations

from gidar.domain import SEVERITIES, Claim, Document, Finding, ReportInfo, Section, Tables
from reconcile import structure
from reconcile.arithmetic import check_counts, check_identities
from reconcile.catalog import IDENTITIES, RULES, Identity, Rule
from reconcile.narrative import check_parts, check_restated
from reconcile.versus_tables import check_claims

KIND_ORDER = ("structure", "table_arithmetic", "narrative_vs_table", "narrative_internal", "cross_year")


def reconcile(document: Document, sections: tuple[Section, ...], tables: Tables,
              claims: tuple[Claim, ...], info: ReportInfo) -> tuple[Finding, ...]:
    """Every finding of one report, most severe first."""
    claims = tuple(claims)
    arithmetic, unchecked_counts = check_identities(tables)
    arithmetic += check_counts(tables)
    versus, beside = check_claims(claims, tables, info.year)
    shape = (structure.from_problems(tables, claims, beside) + structure.missing(sections, tables)
             + structure.unreadable(tables, claims, beside) + structure.blank_blocks(tables)
             + structure.data_year(document, claims, info))
    shape += structure.unchecked(unchecked_counts, shape)
    narrative = check_parts(claims) + check_restated(claims, info.year)
    return tuple(sorted(shape + arithmetic + versus + narrative, key=_order))


def _order(f: Finding):
    return (SEVERITIES.index(f.severity) if f.severity in SEVERITIES else len(SEVERITIES),
            KIND_ORDER.index(f.kind) if f.kind in KIND_ORDER else len(KIND_ORDER))


__all__ = ["reconcile", "RULES", "Rule", "IDENTITIES", "Identity"]

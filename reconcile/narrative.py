"""Narrative internal consistency: totals against their stated parts, and restatements.

Values carry bounds (余 → at least, 约 → about), so a comparison is between
ranges: 479 against 63 + 111 + 300余 is the range [474, ∞) and holds, while
153 against 55 + 13 + 75 + 13 = 156 does not.
"""
from __future__ import annotations

from decimal import Decimal

from gidar.domain import ABOUT, AT_LEAST, Claim, Finding
from gidar.taxonomy import METRICS
from reconcile.catalog import ABOUT_TOLERANCE, RESTATABLE_PREFIXES
from reconcile.evidence import finding, number, to_unit

INF = Decimal("Infinity")


def value_range(claim: Claim) -> tuple[Decimal, Decimal]:
    """The values a claim allows: 300余 is [300, ∞), 约300 is [270, 330]."""
    v = claim.value
    if claim.bound == AT_LEAST:
        return v, INF
    if claim.bound == ABOUT:
        slack = abs(v) * Decimal(str(ABOUT_TOLERANCE))
        return v - slack, v + slack
    return v, v


def _written(claim: Claim) -> str:
    return number(claim.value) + ("余" if claim.bound == AT_LEAST else "")


def _unit(claim: Claim) -> str:
    return claim.unit or ""


def check_parts(claims: tuple[Claim, ...]) -> list[Finding]:
    """A total whose stated parts add up to more than it (error) or, listed as several, to less (info)."""
    children: dict[int, list[int]] = {}
    for i, claim in enumerate(claims):
        if claim.parent is not None and 0 <= claim.parent < len(claims) and claim.parent != i:
            children.setdefault(claim.parent, []).append(i)
    findings = []
    for parent, parts in children.items():
        total = claims[parent]
        if any(claims[i].unit and total.unit and claims[i].unit != total.unit for i in parts):
            continue  # 场 of 条: not parts of one count
        low = sum((value_range(claims[i])[0] for i in parts), Decimal(0))
        high = sum((value_range(claims[i])[1] for i in parts), Decimal(0))
        total_low, total_high = value_range(total)
        fields = dict(metric=METRICS.get(total.metric, total.metric),
                      total=_written(total) + _unit(total), parts_sum=number(low) + _unit(total),
                      parts="+".join(_written(claims[i]) for i in parts))
        evidence = dict(claims=(parent, *parts), expected=total.value, actual=low)
        if low > total_high:
            findings.append(finding("narrative.parts_sum", **evidence, **fields,
                                    confidence=_confidence(total, claims, parts, 0.9)))
        elif high < total_low and len(parts) >= 2:
            findings.append(finding("narrative.parts_short", **evidence, **fields))
    return findings


def _confidence(total: Claim, claims, parts, base: float) -> float:
    return round(base * min([total.score] + [claims[i].score for i in parts] + [1.0]), 3)


def check_restated(claims: tuple[Claim, ...], report_year: int | None) -> list[Finding]:
    """The same count stated twice with values that cannot both hold (same year, same scope)."""
    findings = []
    seen: dict[tuple, int] = {}
    for i, claim in enumerate(claims):
        if claim.parent is not None or not claim.metric.startswith(RESTATABLE_PREFIXES):
            continue
        key = (claim.metric, claim.year or report_year, tuple(sorted(claim.scope)))
        if key not in seen:
            seen[key] = i
            continue
        first = claims[seen[key]]
        low1, high1 = value_range(first)
        low2, high2 = (to_unit(v, claim.unit, first.unit) for v in value_range(claim))
        if low1 <= high2 and low2 <= high1:
            continue
        findings.append(finding("narrative.restated", claims=(seen[key], i), expected=first.value,
                                actual=claim.value, metric=METRICS.get(claim.metric, claim.metric),
                                first=first.text, second=claim.text,
                                confidence=_confidence(first, claims, [i], 0.7)))
    return findings

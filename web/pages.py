"""What each page shows, computed from result dicts and verdicts; no HTTP, no SQL.

Keeping the page logic pure lets the tests check what an auditor sees
(open counts, markers, which cells a finding lights up) without a server.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath, PureWindowsPath
from typing import Mapping, Sequence

from extractors.layouts import cell_label
from gidar.exports import KIND_CN, SEVERITY_CN
from gidar.taxonomy import METRICS
from web.narrative import PROSE_SECTIONS, Piece, cited, prose_blocks
from web.tables import _shown, table_views

VERDICT_CN = {"confirmed": "已确认", "dismissed": "已驳回", "open": "待审核"}
STATUS_FILTERS = (("", "正常解析（全部）"), ("open", "有待审核问题"), ("reviewed", "已审核完"),
                  ("ok", "未发现问题"), ("failed", "解析失败"))
BOUND_CN = {"at_least": "以上", "about": "约"}


def source_name(source: str) -> str:
    """The file name of a source path, whichever system wrote it."""
    return PureWindowsPath(source).name if "\\" in source else PurePath(source).name


def is_open(verdict: Mapping | None) -> bool:
    return not verdict or verdict.get("status") in (None, "", "open")


def open_counts(findings: Sequence[Mapping], verdicts: Mapping[int, Mapping]) -> Counter:
    counts = Counter({"error": 0, "warning": 0, "info": 0})
    counts.update(f["severity"] for i, f in enumerate(findings) if is_open(verdicts.get(i)))
    return counts


def review_state(findings: Sequence[Mapping], verdicts: Mapping[int, Mapping]) -> str:
    """``none`` (nothing to review), ``open`` (something left) or ``reviewed`` (every error and warning decided)."""
    relevant = [i for i, f in enumerate(findings) if f["severity"] != "info"]
    if not relevant:
        return "none"
    return "open" if any(is_open(verdicts.get(i)) for i in relevant) else "reviewed"


@dataclass(frozen=True)
class ReportRow:
    """One line of the report list."""

    sha256: str
    source: str
    agency: str | None
    region: str | None
    year: int | None
    open: Mapping[str, int]
    review: str
    kinds: frozenset = field(default_factory=frozenset)
    severities: frozenset = field(default_factory=frozenset)

    @property
    def source_name(self) -> str:
        return source_name(self.source)

    @property
    def marker(self) -> str:
        if self.open["error"]:
            return "has-error"
        if self.open["warning"]:
            return "has-warning"
        return "reviewed" if self.review == "reviewed" else "clean"

    @property
    def marker_text(self) -> str:
        return {"has-error": "有待审核的错误", "has-warning": "有待审核的警告",
                "reviewed": "已审核完", "clean": "未发现问题"}[self.marker]

    @property
    def review_text(self) -> str:
        return {"none": "无需审核", "open": "待审核", "reviewed": "已审核"}[self.review]


def report_row(result: Mapping, verdicts: Mapping[int, Mapping], region: str | None = None) -> ReportRow:
    findings = result.get("findings") or ()
    report = result.get("report") or {}
    return ReportRow(result["sha256"], result.get("source") or "", report.get("agency"), region,
                     report.get("year"), dict(open_counts(findings, verdicts)), review_state(findings, verdicts),
                     frozenset(f["kind"] for f in findings), frozenset(f["severity"] for f in findings))


@dataclass(frozen=True)
class ListFilter:
    """The list page's search box and filters, as the query string gives them."""

    q: str = ""
    year: int | None = None
    severity: str = ""
    kind: str = ""
    status: str = ""

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> "ListFilter":
        year = params.get("year", "").strip()
        return cls(q=params.get("q", "").strip()[:100], year=int(year) if year.isdigit() else None,
                   severity=params.get("severity", "") if params.get("severity") in SEVERITY_CN else "",
                   kind=params.get("kind", "") if params.get("kind") in KIND_CN else "",
                   status=params.get("status", "") if params.get("status") in dict(STATUS_FILTERS) else "")

    def keeps(self, row: ReportRow) -> bool:
        """Whether an ok report passes; failed parses are listed apart, never here."""
        if self.q:
            hay = " ".join(filter(None, (row.agency, row.region, row.source)))
            if not all(word in hay for word in self.q.split()):
                return False
        if self.year and row.year != self.year:
            return False
        if self.severity and not row.open.get(self.severity):
            return False
        if self.kind and self.kind not in row.kinds:
            return False
        if self.status == "open" and row.review != "open":
            return False
        if self.status == "reviewed" and row.review != "reviewed":
            return False
        if self.status == "ok" and (row.kinds or row.severities):
            return False
        return True


def sort_rows(rows: Sequence[ReportRow]) -> list[ReportRow]:
    """Most open errors first: the list is a work queue."""
    return sorted(rows, key=lambda r: (-r.open["error"], -r.open["warning"], r.agency or "~", -(r.year or 0)))


# ------------------------------------------------------------------ report page


def claim_label(claim: Mapping) -> str:
    bound = BOUND_CN.get(claim.get("bound") or "", "")
    value = claim.get("value")
    return f"{METRICS.get(claim['metric'], claim['metric'])} {value}{claim.get('unit') or ''}{bound}"


def cell_text(cell_id: str) -> str:
    try:
        table, row, column = cell_label(cell_id)
    except (KeyError, ValueError):
        return cell_id
    return f"{table}{row}{column}"


def finding_views(result: Mapping, verdicts: Mapping[int, Mapping]) -> list[dict]:
    claims = result.get("claims") or ()
    cells = result.get("tables") or {}
    views = []
    for i, f in enumerate(result.get("findings") or ()):
        verdict = verdicts.get(i)
        if verdict and not is_open(verdict):
            verdict = {**verdict, "status_cn": VERDICT_CN.get(verdict["status"], verdict["status"])}
        else:
            verdict = None
        views.append({
            **f, "index": i, "verdict": verdict,
            "severity_cn": SEVERITY_CN.get(f["severity"], f["severity"]),
            "kind_cn": KIND_CN.get(f["kind"], f["kind"]),
            "evidence_claims": [{"text": claims[c]["text"], "label": claim_label(claims[c])}
                                for c in f.get("claims") or () if 0 <= c < len(claims)],
            "evidence_cells": [{"label": cell_text(cid), "shown": _shown(cells.get(cid))[0] or "（空白）"}
                               for cid in f.get("cells") or ()],
        })
    return views


def claim_views(result: Mapping, corrections: Mapping[int, Mapping]) -> list[dict]:
    return [{**c, "label": claim_label(c), "metric_cn": METRICS.get(c["metric"], c["metric"]),
             "value_text": "" if c.get("value") is None else str(c["value"]),
             "correction": corrections.get(i)}
            for i, c in enumerate(result.get("claims") or ())]


def piece_class(piece: Piece, cited_claims: set[int], lit_claims: set[int]) -> str:
    classes = ["piece"]
    if piece.claims:
        classes.append("claim")
        if cited_claims.intersection(piece.claims):
            classes.append("cited")
    if lit_claims.intersection(piece.claims):
        classes.append("lit")
    elif lit_claims.intersection(piece.sentences):
        classes.append("lit-sentence")
    return " ".join(classes)


def report_page(result: Mapping, text: str | None, verdicts: Mapping[int, Mapping],
                corrections: Mapping[int, Mapping], selected: int | None = None) -> dict:
    """Everything the report page and its print view need."""
    findings = result.get("findings") or ()
    # Dismissed findings stop marking the text and cells; confirmed ones still do.
    active = [f for i, f in enumerate(findings) if (verdicts.get(i) or {}).get("status") != "dismissed"]
    cited_claims, _ = cited(active)
    chosen = findings[selected] if selected is not None and 0 <= selected < len(findings) else None
    lit_claims, lit_cells = cited([chosen] if chosen else [])
    report = result.get("report") or {}
    claims = result.get("claims") or ()
    if text is not None:
        blocks = prose_blocks(text, result.get("sections") or (), claims)
    else:
        blocks = ()
    done = Counter(v.get("status") for v in verdicts.values())
    return {
        "r": {"sha256": result["sha256"], "source": result.get("source") or "",
              "source_name": source_name(result.get("source") or ""), "agency": report.get("agency"),
              "year": report.get("year"), "format_version": result.get("format_version"),
              "pipeline_version": result.get("pipeline_version", "")},
        "blocks": blocks, "text_available": text is not None,
        "tables": table_views(result, active),
        "findings": finding_views(result, verdicts),
        "claims": claim_views(result, corrections),
        "open": open_counts(findings, verdicts),
        "done": {"confirmed": done["confirmed"], "dismissed": done["dismissed"]},
        "selected": selected if chosen else None,
        "cited_claims": cited_claims, "lit_claims": lit_claims, "lit_cells": lit_cells,
        "piece_class": lambda p: piece_class(p, cited_claims, lit_claims),
        "plain_class": lambda p: piece_class(p, cited_claims, set()),
        "metrics": sorted(METRICS.items()),
    }


__all__ = ["ListFilter", "ReportRow", "STATUS_FILTERS", "PROSE_SECTIONS", "report_page", "report_row",
           "sort_rows", "source_name", "finding_views"]

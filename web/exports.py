"""Exports of the review: XLSX, CSV and JSON, built on ``gidar.exports``.

``gidar.exports`` writes the findings sheet, the report sheet and the long
cell list the batch command produces; the web export adds what an auditor
asked for on top of it: each finding's review (who, when, comment) and one
sheet per report holding its tables laid out as printed.
"""
from __future__ import annotations

import io
import json
import re
import tempfile
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Mapping, Sequence

from gidar import exports as base
from web.pages import source_name
from web.tables import table_views

FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "csv": "text/csv; charset=utf-8", "json": "application/json"}
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def parse_value(text: str) -> Decimal | None:
    """An auditor's corrected value: digits, full-width digits, commas and a decimal point."""
    cleaned = unicodedata.normalize("NFKC", text or "").replace(",", "").replace(" ", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() and abs(value) < Decimal(10) ** 12 else None


def statuses(verdicts: Mapping[tuple[str, int], Mapping]) -> dict[tuple[str, int], str]:
    return {key: v["status"] for key, v in verdicts.items() if v.get("status") not in (None, "", "open")}


def with_reviews(results: Sequence[dict], verdicts: Mapping[tuple[str, int], Mapping]) -> list[dict]:
    """Results with each finding's review added under ``review`` (an additive key)."""
    out = []
    for r in results:
        findings = [{**f, "review": verdicts.get((r["sha256"], i))} for i, f in enumerate(r.get("findings") or ())]
        out.append({**r, "findings": findings})
    return out


def _sheet_title(result: Mapping, used: set[str]) -> str:
    report = result.get("report") or {}
    stem = report.get("agency") or source_name(result.get("source") or "") or result["sha256"][:8]
    title = _SHEET_BAD.sub("_", f"{stem[:22]}{report.get('year') or ''}")[:28] or "报告"
    candidate, n = title, 2
    while candidate.lower() in used:
        candidate, n = f"{title[:25]}-{n}", n + 1
    used.add(candidate.lower())
    return candidate


def add_table_sheets(workbook, results: Sequence[Mapping]) -> None:
    """One sheet per report: tables 2, 3 and 4 as the report prints them, findings' cells marked."""
    from openpyxl.styles import Font, PatternFill

    fills = {"error": PatternFill("solid", fgColor="F8CBAD"), "warning": PatternFill("solid", fgColor="FFE699")}
    used = {ws.title.lower() for ws in workbook.worksheets}
    for result in results:
        if result.get("status") != "ok":
            continue
        ws = workbook.create_sheet(_sheet_title(result, used))
        report = result.get("report") or {}
        ws.append([report.get("agency") or "", report.get("year") or "", result.get("source") or "", result["sha256"]])
        for table in table_views(result):
            ws.append([])
            ws.append([table.title])
            ws.cell(ws.max_row, 1).font = Font(bold=True)
            ws.append(["项目", *table.columns])
            for row in table.rows:
                if row.group:
                    ws.append([row.group])
                ws.append([row.label, *[(_cell_value(c) if c else None) for c in row.cells]])
                for col, c in enumerate(row.cells, start=2):
                    if c is not None and c.severity in fills:
                        ws.cell(ws.max_row, col).fill = fills[c.severity]
        ws.column_dimensions["A"].width = 40


def _cell_value(cell):
    if cell.state == "value":
        try:
            number = Decimal(cell.shown)
        except InvalidOperation:
            return cell.shown
        return int(number) if number == number.to_integral_value() else float(number)
    return cell.shown or None


def xlsx_bytes(results: Sequence[dict], verdicts: Mapping[tuple[str, int], Mapping]) -> bytes:
    from openpyxl import load_workbook

    rows = base.finding_rows(results, statuses(verdicts))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "findings.xlsx"
        base.write_xlsx(list(results), rows, path)
        workbook = load_workbook(path)
    add_table_sheets(workbook, results)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(results: Sequence[dict], verdicts: Mapping[tuple[str, int], Mapping]) -> bytes:
    rows = base.finding_rows(results, statuses(verdicts))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "findings.csv"
        base.write_csv(rows, path)
        return path.read_bytes()


def json_bytes(results: Sequence[dict], verdicts: Mapping[tuple[str, int], Mapping]) -> bytes:
    return json.dumps(with_reviews(results, verdicts), ensure_ascii=False, indent=1, default=str).encode("utf-8")


def render(fmt: str, results: Sequence[dict], verdicts: Mapping[tuple[str, int], Mapping]) -> tuple[bytes, str]:
    writer = {"xlsx": xlsx_bytes, "csv": csv_bytes, "json": json_bytes}[fmt]
    return writer(results, verdicts), FORMATS[fmt]

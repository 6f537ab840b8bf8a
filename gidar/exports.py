"""Findings as files auditors pass around: XLSX, CSV, JSONL and an HTML summary.

All four are written from the same rows, so they always agree.  Inputs are
ReportResult objects or their JSON dicts (as read back from a store or a
results.jsonl), optionally with verdicts keyed by (sha256, finding index).
"""
from __future__ import annotations

import csv
import html
import json
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping

from gidar.domain import ReportResult

FINDING_COLUMNS = ("机构", "年度", "文件", "严重程度", "类别", "规则", "表格", "行", "列",
                   "应为", "实为", "说明", "置信度", "审核状态", "sha256")
SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}
KIND_CN = {"table_arithmetic": "表内勾稽", "narrative_internal": "正文自相矛盾",
           "narrative_vs_table": "正文与表格不符", "cross_year": "跨年度不符", "structure": "结构问题"}
STATUS_CN = {None: "待审核", "open": "待审核", "confirmed": "已确认", "dismissed": "已驳回"}


def _as_dict(result: ReportResult | Mapping) -> dict:
    return result.to_dict() if isinstance(result, ReportResult) else dict(result)


def finding_rows(results: Iterable[ReportResult | Mapping],
                 verdicts: Mapping[tuple[str, int], str] | None = None) -> list[list]:
    verdicts = verdicts or {}
    rows = []
    for r in map(_as_dict, results):
        report = r.get("report") or {}
        for i, f in enumerate(r.get("findings", ())):
            rows.append([report.get("agency") or "", report.get("year") or "", r["source"],
                         SEVERITY_CN.get(f["severity"], f["severity"]), KIND_CN.get(f["kind"], f["kind"]),
                         f["rule"], f.get("table") or "", f.get("row") or "", f.get("column") or "",
                         _plain(f.get("expected")), _plain(f.get("actual")), f["message"],
                         f.get("confidence", 1.0), STATUS_CN.get(verdicts.get((r["sha256"], i))), r["sha256"]])
    return rows


def _plain(value):
    if value is None or isinstance(value, (int, float, str)):
        return value
    return json.dumps(value, ensure_ascii=False)


def _atomic_write(path: Path, write) -> None:
    """Write to a temporary file beside ``path``, then rename: readers never see half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_jsonl(results: Iterable[ReportResult | Mapping], path: Path) -> None:
    def write(tmp: Path):
        with tmp.open("w", encoding="utf-8") as fh:
            for r in results:
                fh.write(json.dumps(_as_dict(r), ensure_ascii=False) + "\n")
    _atomic_write(path, write)


def write_csv(rows: list[list], path: Path) -> None:
    def write(tmp: Path):
        # UTF-8 with BOM so Excel opens Chinese text correctly.
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(FINDING_COLUMNS)
            w.writerows(rows)
    _atomic_write(path, write)


def write_xlsx(results: list[dict], rows: list[list], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "问题清单"
    ws.append(list(FINDING_COLUMNS))
    fills = {"错误": PatternFill("solid", fgColor="F8CBAD"), "警告": PatternFill("solid", fgColor="FFE699")}
    for row in rows:
        ws.append(row)
        fill = fills.get(row[3])
        if fill:
            ws.cell(ws.max_row, 4).fill = fill
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDEFGHIJKL", (28, 6, 30, 8, 12, 24, 8, 24, 16, 8, 8, 70)):
        ws.column_dimensions[col].width = width

    reports = wb.create_sheet("报告")
    reports.append(["机构", "年度", "文件", "格式", "状态", "错误", "警告", "提示", "失败原因", "sha256"])
    for r in results:
        counts = Counter(f["severity"] for f in r.get("findings", ()))
        rep = r.get("report") or {}
        err = r.get("error") or {}
        reports.append([rep.get("agency") or "", rep.get("year") or "", r["source"],
                        r.get("format_version") or "", "成功" if r["status"] == "ok" else "解析失败",
                        counts["error"], counts["warning"], counts["info"],
                        f"{err.get('code')}: {err.get('message')}" if err else "", r["sha256"]])

    cells = wb.create_sheet("表格数据")
    cells.append(["文件", "单元格", "状态", "数值", "原文"])
    for r in results:
        for cid, c in (r.get("tables") or {}).items():
            cells.append([r["source"], cid, c["state"], c.get("value"), c.get("raw", "")])
    _atomic_write(path, lambda tmp: wb.save(tmp))


def write_html_summary(results: list[dict], path: Path, title: str = "政府信息公开年报审核结果") -> None:
    e = html.escape
    ok = [r for r in results if r["status"] == "ok"]
    failed = [r for r in results if r["status"] != "ok"]
    sev = Counter(f["severity"] for r in ok for f in r.get("findings", ()))
    rules = Counter((f["rule"], f["kind"]) for r in ok for f in r.get("findings", ()) if f["severity"] != "info")
    parts = [f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{e(title)}</title>",
             "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:4px 8px}.error{background:#f8cbad}.warning{background:#ffe699}"
             ".bad{color:#b00;font-weight:bold}</style></head><body>",
             f"<h1>{e(title)}</h1>",
             f"<p>报告 {len(results)} 份：解析成功 {len(ok)} 份，解析失败 <span class='bad'>{len(failed)}</span> 份；"
             f"错误 <span class='bad'>{sev['error']}</span> 条，警告 {sev['warning']} 条，提示 {sev['info']} 条。</p>",
             "<h2>各报告问题</h2><table><tr><th>机构</th><th>年度</th><th>文件</th><th>错误</th><th>警告</th><th>主要问题</th></tr>"]
    for r in sorted(ok, key=lambda r: -sum(f["severity"] == "error" for f in r.get("findings", ()))):
        fs = r.get("findings", ())
        n_err = sum(f["severity"] == "error" for f in fs)
        n_warn = sum(f["severity"] == "warning" for f in fs)
        first = next((f["message"] for f in fs if f["severity"] == "error"), "")
        rep = r.get("report") or {}
        parts.append(f"<tr class='{'error' if n_err else ''}'><td>{e(rep.get('agency') or '')}</td>"
                     f"<td>{e(str(rep.get('year') or ''))}</td><td>{e(r['source'])}</td><td>{n_err}</td>"
                     f"<td>{n_warn}</td><td>{e(first)}</td></tr>")
    parts.append("</table><h2>常见问题</h2><table><tr><th>规则</th><th>类别</th><th>次数</th></tr>")
    for (rule, kind), n in rules.most_common(20):
        parts.append(f"<tr><td>{e(rule)}</td><td>{e(KIND_CN.get(kind, kind))}</td><td>{n}</td></tr>")
    parts.append("</table>")
    if failed:
        parts.append("<h2>解析失败</h2><table><tr><th>文件</th><th>原因</th></tr>")
        for r in failed:
            err = r.get("error") or {}
            parts.append(f"<tr><td>{e(r['source'])}</td><td>{e(str(err.get('code')))}：{e(str(err.get('message')))}</td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    _atomic_write(path, lambda tmp: tmp.write_text("".join(parts), encoding="utf-8"))


def write_exports(results: Iterable[ReportResult | Mapping], out_dir: str | Path,
                  verdicts: Mapping[tuple[str, int], str] | None = None) -> dict[str, Path]:
    """Write findings.xlsx, findings.csv, results.jsonl and summary.html into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    dicts = [_as_dict(r) for r in results]
    rows = finding_rows(dicts, verdicts)
    paths = {"xlsx": out / "findings.xlsx", "csv": out / "findings.csv",
             "jsonl": out / "results.jsonl", "html": out / "summary.html"}
    write_jsonl(dicts, paths["jsonl"])
    write_csv(rows, paths["csv"])
    write_xlsx(dicts, rows, paths["xlsx"])
    write_html_summary(dicts, paths["html"])
    return paths

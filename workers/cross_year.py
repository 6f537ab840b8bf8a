"""Cross-year rules (DESIGN.md §4): one agency's report against its report of the year before.

Pure functions over two result dicts (the JSON contract), so the store can run
them whenever either year's report arrives, in any order.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Mapping

from extractors.layouts import TABLE3_COLUMNS, cell_label

KIND = "cross_year"
T2_IN_FORCE = (("regulations", "规章"), ("normative_docs", "行政规范性文件"))


def _value(result: Mapping, cell_id: str) -> Decimal | None:
    cell = (result.get("tables") or {}).get(cell_id)
    if not cell or cell.get("state") != "value" or cell.get("value") is None:
        return None
    return Decimal(str(cell["value"]))


def _plain(v: Decimal) -> int | float:
    return int(v) if v == v.to_integral_value() else float(v)


def _previous(previous: Mapping, cell_id: str) -> dict:
    return {"sha256": previous["sha256"], "year": (previous.get("report") or {}).get("year"),
            "source": previous.get("source"), "cell": cell_id}


def carried_over(result: Mapping, previous: Mapping) -> list[dict]:
    """This year's 二 上年结转 equals last year's 四 结转下年度继续办理, column by column."""
    prev_year = (previous.get("report") or {}).get("year")
    found = []
    for column in TABLE3_COLUMNS:
        now_id, then_id = f"t3.carried_over.{column.key}", f"t3.carried_to_next_year.{column.key}"
        now, then = _value(result, now_id), _value(previous, then_id)
        if now is None or then is None or now == then:
            continue
        _, _, col = cell_label(now_id)
        found.append({
            "rule": "cross_year.carried_over", "kind": KIND,
            "severity": "error" if column.key == "total" else "warning", "confidence": 0.9,
            "message": f"表三“二、上年结转”{col}为{_plain(now)}，但{prev_year}年度报告表三"
                       f"“四、结转下年度继续办理”{col}为{_plain(then)}",
            "expected": _plain(then), "actual": _plain(now), "cells": [now_id], "claims": [],
            "table": "t3", "row": "carried_over", "column": column.key,
            "previous": _previous(previous, then_id)})
    return found


def in_force(result: Mapping, previous: Mapping) -> list[dict]:
    """现行有效 = last year's 现行有效 + 本年制发 − 本年废止; a warning (documents also lapse)."""
    if "2019" in (result.get("format_version"), previous.get("format_version")):
        return []
    prev_year = (previous.get("report") or {}).get("year")
    found = []
    for row, name in T2_IN_FORCE:
        now, issued, repealed = (_value(result, f"t2.{row}.{c}") for c in ("in_force", "issued", "repealed"))
        before = _value(previous, f"t2.{row}.in_force")
        if None in (now, issued, repealed, before) or before + issued - repealed == now:
            continue
        expected = before + issued - repealed
        found.append({
            "rule": "cross_year.in_force", "kind": KIND, "severity": "warning", "confidence": 0.7,
            "message": f"表二“{name}”现行有效件数为{_plain(now)}，但{prev_year}年度现行有效{_plain(before)}件"
                       f"加本年制发{_plain(issued)}件、减本年废止{_plain(repealed)}件应为{_plain(expected)}件"
                       f"（如有到期失效等情况，请核实）",
            "expected": _plain(expected), "actual": _plain(now),
            "cells": [f"t2.{row}.in_force", f"t2.{row}.issued", f"t2.{row}.repealed"], "claims": [],
            "table": "t2", "row": row, "column": "in_force",
            "previous": _previous(previous, f"t2.{row}.in_force")})
    return found


def cross_year_findings(result: Mapping, previous: Mapping | None) -> list[dict]:
    """Findings of ``result`` against ``previous`` (the same agency, the year before); [] without one."""
    if previous is None or result.get("status") != "ok" or previous.get("status") != "ok":
        return []
    return carried_over(result, previous) + in_force(result, previous)

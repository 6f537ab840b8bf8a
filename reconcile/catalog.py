"""The finding rules as data: ids, kinds, severities, Chinese messages, identities.

A rule that checks cells against cells is an ``Identity`` template expanded
over the rows or columns of a table; a new arithmetic relation of a format is
a new line here, not new code.  Messages are ``str.format`` templates filled
with the names from ``extractors.layouts.cell_label`` and the values involved,
so an auditor reads which table, row and column, and expected against actual.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from gidar.domain import ERROR, INFO, WARNING

TABLE_ARITHMETIC = "table_arithmetic"
NARRATIVE_INTERNAL = "narrative_internal"
NARRATIVE_VS_TABLE = "narrative_vs_table"
STRUCTURE = "structure"


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: str
    message: str  # str.format template, Chinese
    confidence: float = 1.0


RULES: dict[str, Rule] = {r.id: r for r in (
    # ---------------------------------------------------------- table arithmetic
    Rule("t3.column_balance", TABLE_ARITHMETIC, ERROR,
         "表三{column}：本年新收与上年结转之和为{expected}，但（七）总计与结转下年度继续办理之和为{actual}"),
    Rule("t3.row_total", TABLE_ARITHMETIC, ERROR,
         "{table}{row}总计列为{actual}，但各类申请人之和为{expected}"),
    Rule("t3.outcome_total", TABLE_ARITHMETIC, ERROR,
         "{table}{row}{column}为{actual}，但各办理结果之和为{expected}"),
    Rule("t4.group_total", TABLE_ARITHMETIC, ERROR,
         "{table}{row}总计列为{actual}，但结果维持、结果纠正、其他结果、尚未审结之和为{expected}"),
    Rule("table.negative_count", TABLE_ARITHMETIC, ERROR,
         "{table}{row}{column}为{actual}，数量不能为负数"),
    Rule("table.fractional_count", TABLE_ARITHMETIC, ERROR,
         "{table}{row}{column}为{actual}，件数应为整数"),
    # ---------------------------------------------------------- narrative internal
    Rule("narrative.parts_sum", NARRATIVE_INTERNAL, ERROR,
         "正文称{metric}为{total}，但其中各分项之和为{parts_sum}（{parts}）", 0.9),
    Rule("narrative.parts_short", NARRATIVE_INTERNAL, INFO,
         "正文称{metric}为{total}，其中各分项之和为{parts_sum}（{parts}），少于总数；分项可能未列全", 0.5),
    Rule("narrative.restated", NARRATIVE_INTERNAL, WARNING,
         "正文两处称{metric}，数值不同：“{first}”与“{second}”", 0.7),
    # ---------------------------------------------------------- narrative vs table
    Rule("claim.table_mismatch", NARRATIVE_VS_TABLE, ERROR,
         "正文称{metric}为{claimed}（“{text}”），但{where}为{table_value}", 0.9),
    Rule("claim.zero_but_table", NARRATIVE_VS_TABLE, ERROR,
         "正文称未有{metric}（“{text}”），但{where}为{table_value}", 0.9),
    Rule("claim.alternative_basis", NARRATIVE_VS_TABLE, WARNING,
         "正文称{metric}为{claimed}（“{text}”），与{where}（{table_value}）不符，"
         "但等于{alternative}（{claimed}），口径可能不同", 0.6),
    Rule("claim.scoped_mismatch", NARRATIVE_VS_TABLE, WARNING,
         "正文称{scope}{metric}为{claimed}（“{text}”），{where}为{table_value}；"
         "正文所指范围可能小于表格，请核实", 0.5),
    Rule("claim.blank_cell", NARRATIVE_VS_TABLE, WARNING,
         "正文称{metric}为{claimed}（“{text}”），但{where}为空白，未填写数字", 0.7),
    # ---------------------------------------------------------- structure
    Rule("structure.table_problem", STRUCTURE, WARNING, "{message}"),
    Rule("structure.section_missing", STRUCTURE, WARNING, "未找到第{number}部分“{title}”"),
    Rule("structure.table_missing", STRUCTURE, WARNING, "未找到{name}"),
    Rule("structure.cells_unreadable", STRUCTURE, WARNING,
         "{table}有{count}个单元格无法读取（{cells}），相关勾稽关系未核对"),
    Rule("structure.blank_column", STRUCTURE, WARNING,
         "{table}{columns}列在各行均为空白（未填写，不等于0），请核实是否漏填"),
    Rule("structure.blank_table", STRUCTURE, WARNING,
         "{table}没有填写任何数字（{count}个单元格为空白，不等于0），无法核对"),
    Rule("structure.blank_row", STRUCTURE, INFO,
         "{table}{rows}一行均为空白（未填写，不等于0）"),
    Rule("structure.unchecked", STRUCTURE, INFO,
         "{table}有{count}项勾稽关系因空白或无法读取的单元格未能核对"),
    Rule("structure.data_year", STRUCTURE, WARNING,
         "报告年度为{report_year}年，但正文数据多指{data_year}年，请核实是否沿用了其他年度的内容", 0.7),
)}

# Appended to a structure finding when narrative claims point at its unreadable cells.
BESIDE_UNREADABLE = "；正文“{text}”（{value}）涉及这些单元格，无法与表格核对"


# ---------------------------------------------------------------- identities

@dataclass(frozen=True)
class Identity:
    """``sum(total) == sum(parts)`` for every value of ``over`` (rows or columns).

    ``total`` and ``parts`` are cell-id templates; ``{col}``/``{row}``/``{group}``
    is replaced by each key the table layout gives for ``over``.  The message's
    {row}/{column} name the first ``total`` cell.
    """

    rule: str
    over: str  # "t3_columns" | "t3_rows" | "t4_groups"
    total: tuple[str, ...]
    parts: tuple[str, ...]


IDENTITIES: tuple[Identity, ...] = (
    Identity("t3.column_balance", "t3_columns",
             total=("t3.total_processed.{col}", "t3.carried_to_next_year.{col}"),
             parts=("t3.new_received.{col}", "t3.carried_over.{col}")),
    Identity("t3.row_total", "t3_rows",
             total=("t3.{row}.total",),
             parts=tuple(f"t3.{{row}}.{c}" for c in ("natural_person", "commercial", "research",
                                                     "social_welfare", "legal_service", "other_org"))),
    Identity("t3.outcome_total", "t3_columns",
             total=("t3.total_processed.{col}",),
             parts=("t3.{outcome_rows}.{col}",)),
    Identity("t4.group_total", "t4_groups",
             total=("t4.{group}.total",),
             parts=tuple(f"t4.{{group}}.{c}" for c in ("upheld", "corrected", "other", "pending"))),
)

# Row names that read better in a finding than the template's own label.
ROW_NAMES = {"t3.total_processed": "（七）总计", "t3.carried_to_next_year": "四、结转下年度继续办理",
             "t3.new_received": "一、本年新收", "t3.carried_over": "二、上年结转"}

# Cells that may be negative (本年增/减 of the 2019 table 2).
SIGNED_CELL = re.compile(r"\.change$")

# Units of money cells and claims, in 元.
MONEY_UNITS = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
CELL_UNITS = {"t2.fees.amount": "万元", "t2.procurement.amount": "万元"}

# Metrics checked for a second, different statement (a total of one channel is
# not a restatement of another channel's total, so proactive totals are left out).
RESTATABLE_PREFIXES = ("requests.", "review.", "litigation.", "fees.", "proactive.regulations",
                       "proactive.normative_docs", "proactive.licensing", "proactive.penalty",
                       "proactive.coercion")

# Years a claim may name and still speak of this report's table, relative to the
# report year: 2022年结转 in a 2023 report is this year's 上年结转.
YEAR_OFFSETS = {"requests.carried_over": (0, -1), "requests.carried_forward": (0, 1)}

# Scope words that do not narrow a claim below its table: a breakdown marker, or
# the whole of the reporting body (全乡, 全区, 全年 …).
NON_NARROWING_SCOPE = re.compile(r"^(其中|全.{0,3}|本年度?|全年)$")

# A claim stated as about (约, 近, 左右) agrees with a cell within this share.
ABOUT_TOLERANCE = 0.1

# The statistics period a report declares (统计期限为2023年1月1日至…).
STATISTICS_PERIOD = re.compile(r"统计期限?[^。\n]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")

# Standard sections (DESIGN.md §2): number -> title for messages.
SECTION_TITLES = {1: "总体情况", 2: "主动公开政府信息情况", 3: "收到和处理政府信息公开申请情况",
                  4: "政府信息公开行政复议、行政诉讼情况", 5: "存在的主要问题及改进情况",
                  6: "其他需要报告的事项"}
TABLE_SECTIONS = {"t2": 2, "t3": 3, "t4": 4}

"""The standard tables as data: rows, columns, labels, aliases, versions, identities.

Both the table parsers and the reconciler read this module, so a new format
version is a change of data here, not of code elsewhere.  Labels are matched
by normalized similarity (see ``extractors.labels``), so aliases only need to
cover wordings that differ in substance, not typos.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    key: str  # the row part of the cell id: "granted", "denied.state_secret"
    label: str  # the label as the official template prints it
    aliases: tuple[str, ...] = ()
    group: str | None = None  # parent row key for sub-rows ("denied")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    aliases: tuple[str, ...] = ()


# ---------------------------------------------------------------- table 2


@dataclass(frozen=True)
class Table2Block:
    """One block of table 2: an item of 第二十条 with its rows and columns."""

    item: str  # "一", "五", "六", "八", "九"
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Table2Layout:
    version: str
    blocks: tuple[Table2Block, ...]

    def cell_ids(self) -> list[str]:
        return [f"t2.{r.key}.{c.key}" for b in self.blocks for r in b.rows for c in b.columns]


TABLE2_2021 = Table2Layout("2021", (
    Table2Block("一", (
        Row("regulations", "规章"),
        Row("normative_docs", "行政规范性文件", ("规范性文件",)),
    ), (
        Column("issued", "本年制发件数", ("本年新制发件数",)),
        Column("repealed", "本年废止件数"),
        Column("in_force", "现行有效件数"),
    )),
    Table2Block("五", (
        Row("licensing", "行政许可"),
    ), (Column("decisions", "本年处理决定数量"),)),
    Table2Block("六", (
        Row("penalty", "行政处罚"),
        Row("coercion", "行政强制"),
    ), (Column("decisions", "本年处理决定数量"),)),
    Table2Block("八", (
        Row("fees", "行政事业性收费"),
    ), (Column("amount", "本年收费金额（单位：万元）", ("本年收费金额",)),)),
))

TABLE2_2019 = Table2Layout("2019", (
    Table2Block("一", (
        Row("regulations", "规章"),
        Row("normative_docs", "规范性文件", ("行政规范性文件",)),
    ), (
        Column("made", "本年新制作数量"),
        Column("published", "本年新公开数量"),
        Column("public_total", "对外公开总数量"),
    )),
    Table2Block("五", (
        Row("licensing", "行政许可"),
        Row("other_services", "其他对外管理服务事项"),
    ), (
        Column("previous", "上一年项目数量"),
        Column("change", "本年增/减", ("本年增减",)),
        Column("decisions", "处理决定数量"),
    )),
    Table2Block("六", (
        Row("penalty", "行政处罚"),
        Row("coercion", "行政强制"),
    ), (
        Column("previous", "上一年项目数量"),
        Column("change", "本年增/减", ("本年增减",)),
        Column("decisions", "处理决定数量"),
    )),
    Table2Block("八", (
        Row("fees", "行政事业性收费"),
    ), (
        Column("previous", "上一年项目数量"),
        Column("change", "本年增/减", ("本年增减",)),
    )),
    Table2Block("九", (
        Row("procurement", "政府集中采购"),
    ), (
        Column("count", "采购项目数量"),
        Column("amount", "采购总金额"),
    )),
))

TABLE2_LAYOUTS = {"2021": TABLE2_2021, "2019": TABLE2_2019}

# Header words that tell the versions apart.
TABLE2_VERSION_MARKERS = {
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
             "采购项目数量"),
}

# Cells whose values are money, not counts.
DECIMAL_CELLS = frozenset({"t2.fees.amount", "t2.procurement.amount"})

# ---------------------------------------------------------------- table 3

TABLE3_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("social_welfare", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
TABLE3_ORG_COLUMNS = ("commercial", "research", "social_welfare", "legal_service", "other_org")
TABLE3_APPLICANT_COLUMNS = ("natural_person",) + TABLE3_ORG_COLUMNS

_T3_HEAD = (
    Row("new_received", "本年新收政府信息公开申请数量", ("本年新收",)),
    Row("carried_over", "上年结转政府信息公开申请数量", ("上年结转",)),
    Row("granted", "予以公开", group=None),
    Row("partially_granted", "部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",)),
    Row("denied.state_secret", "属于国家秘密", group="denied"),
    Row("denied.law_prohibited", "其他法律行政法规禁止公开", group="denied"),
    Row("denied.security_stability", "危及“三安全一稳定”", ("危及三安全一稳定",), group="denied"),
    Row("denied.third_party", "保护第三方合法权益", group="denied"),
    Row("denied.internal_affairs", "属于三类内部事务信息", group="denied"),
    Row("denied.process_info", "属于四类过程性信息", group="denied"),
    Row("denied.enforcement_file", "属于行政执法案卷", group="denied"),
    Row("denied.inquiry", "属于行政查询事项", group="denied"),
    Row("unable.not_held", "本机关不掌握相关政府信息", group="unable"),
    Row("unable.needs_creation", "没有现成信息需要另行制作", group="unable"),
    Row("unable.unclear", "补正后申请内容仍不明确", group="unable"),
    Row("not_processed.complaint", "信访举报投诉类申请", group="not_processed"),
    Row("not_processed.duplicate", "重复申请", group="not_processed"),
    Row("not_processed.publication", "要求提供公开出版物", group="not_processed"),
    Row("not_processed.excessive", "无正当理由大量反复申请", group="not_processed"),
    Row("not_processed.confirmation", "要求行政机关确认或重新出具已获取信息", group="not_processed"),
)
_T3_TAIL = (
    Row("total_processed", "总计", ("（七）总计",)),
    Row("carried_to_next_year", "结转下年度继续办理", ("结转下年度",)),
)
TABLE3_ROWS_2021 = _T3_HEAD + (
    Row("other.no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("逾期不补正",), group="other"),
    Row("other.unpaid_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("逾期未缴费", "逾期未按收费通知要求缴纳费用"), group="other"),
    Row("other.other", "其他", group="other"),
) + _T3_TAIL
TABLE3_ROWS_OLD = _T3_HEAD + (Row("other", "其他处理"),) + _T3_TAIL

# Group headings printed in table 3 (（三）不予公开 …) and their order letters.
TABLE3_GROUPS = {
    "granted": "予以公开", "partially_granted": "部分公开", "denied": "不予公开",
    "unable": "无法提供", "not_processed": "不予处理", "other": "其他处理",
    "total_processed": "总计",
}
OUTCOME_GROUPS = ("granted", "partially_granted", "denied", "unable", "not_processed", "other")


def table3_outcome_rows(rows: tuple[Row, ...]) -> list[str]:
    """Row keys whose sum is （七）总计."""
    return [r.key for r in rows if r.key.split(".")[0] in OUTCOME_GROUPS]


def table3_cell_ids(rows: tuple[Row, ...] = TABLE3_ROWS_2021) -> list[str]:
    return [f"t3.{r.key}.{c.key}" for r in rows for c in TABLE3_COLUMNS]


# ---------------------------------------------------------------- table 4

TABLE4_GROUPS = (
    Row("review", "行政复议"),
    Row("litigation_direct", "未经复议直接起诉"),
    Row("litigation_after_review", "复议后起诉"),
)
TABLE4_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)


def table4_cell_ids() -> list[str]:
    return [f"t4.{g.key}.{c.key}" for g in TABLE4_GROUPS for c in TABLE4_COLUMNS]


# ---------------------------------------------------------------- names for messages

TABLE_NAMES = {"t2": "表二（主动公开政府信息情况）", "t3": "表三（收到和处理政府信息公开申请情况）",
               "t4": "表四（政府信息公开行政复议、行政诉讼情况）"}


def cell_label(cell_id: str) -> tuple[str, str, str]:
    """(table name, row label, column label) in Chinese, for findings."""
    table, rest = cell_id.split(".", 1)
    row_key, col_key = rest.rsplit(".", 1)
    if table == "t3":
        rows = {r.key: r for r in TABLE3_ROWS_2021 + TABLE3_ROWS_OLD}
        row = rows[row_key]
        label = row.label if len(row.label) <= 16 else (row.aliases[0] if row.aliases else row.label[:16])
        if row.group:
            label = f"{TABLE3_GROUPS[row.group]}·{label}"
        cols = {c.key: c.label for c in TABLE3_COLUMNS}
        return "表三", f"“{label}”", f"{cols[col_key]}列"
    if table == "t4":
        groups = {g.key: g.label for g in TABLE4_GROUPS}
        cols = {c.key: c.label for c in TABLE4_COLUMNS}
        return "表四", f"“{groups[row_key]}”", f"{cols[col_key]}列"
    for layout in TABLE2_LAYOUTS.values():
        for block in layout.blocks:
            for r in block.rows:
                for c in block.columns:
                    if r.key == row_key and c.key == col_key:
                        return "表二", f"“{r.label}”", f"{c.label}列"
    return table, row_key, col_key

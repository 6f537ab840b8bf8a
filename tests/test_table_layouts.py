"""Text layouts of the tables, label matching, and tables found without their sections."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.labels import best_match, normalize_label, similarity
from extractors.layouts import TABLE3_COLUMNS, TABLE3_ROWS_2021, table3_cell_ids, table4_cell_ids
from extractors.loading import load
from extractors.sections import split_sections
from extractors.tables import parse_tables
from extractors.tables.rows import detect_layout
from gidar.domain import Document
from tests.conftest import SEEDS

T3_ROWS = tuple((f"t3.{r.key}", (r.label,) + r.aliases) for r in TABLE3_ROWS_2021)
T2_COLUMNS = (("issued", ("本年制发件数",)), ("repealed", ("本年废止件数",)), ("in_force", ("现行有效件数",)))


@pytest.mark.parametrize("printed, expected", [
    ("（一）予以公开", "t3.granted"),
    ("(一) 予以公开", "t3.granted"),
    ("(一)予以公开", "t3.granted"),
    ("三、本年度办理结果\t(一) 予以公开", "t3.granted"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "t3.partially_granted"),
    ("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", "t3.partially_granted"),
    ("（三）不予公开 1. 属于国家秘密", "t3.denied.state_secret"),
    ("１．属于国家秘密", "t3.denied.state_secret"),
    ("3.危及\"三安全一稳定\"", "t3.denied.security_stability"),
    ("属於行政執法案卷", "t3.denied.enforcement_file"),
    ("本機關不掌握相關政府信息", "t3.unable.not_held"),
    ("5. 要求行政机关确认或重新出具已获取信息", "t3.not_processed.confirmation"),
    ("(六) 其他处理\t1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "t3.other.no_correction"),
    ("2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "t3.other.unpaid_fee"),
    ("3.其他", "t3.other.other"),
    ("(七) 总计", "t3.total_processed"),
    ("一、本年新收政府信息公开申", "t3.new_received"),
    ("二、上年结转政府信息公开申请数量", "t3.carried_over"),
    ("四、结转下年度继续办理", "t3.carried_to_next_year"),
    ("属于国家秘", "t3.denied.state_secret"),
])
def test_when_a_label_is_printed_with_variants_then_it_matches_its_row(printed, expected):
    assert best_match(printed, T3_ROWS)[0] == expected


@pytest.mark.parametrize("printed, expected", [
    ("本年度止件数", "repealed"),
    ("本年制发 件数", "repealed" if False else "issued"),
    ("現行有效件數", "in_force"),
    ("本年新制发件数", "issued"),
])
def test_when_a_header_has_a_typo_then_it_matches_by_similarity(printed, expected):
    assert best_match(printed, T2_COLUMNS)[0] == expected


@pytest.mark.parametrize("printed", ["申请人情况", "信息内容", "第二十条第（一）项", "行政复议"])
def test_when_a_label_is_not_a_table3_row_then_nothing_matches(printed):
    assert best_match(printed, T3_ROWS)[0] is None


@pytest.mark.parametrize("a, b", [("（一）予以公开", "(一)予以公开"), ("行政規範性文件", "行政规范性文件"),
                                  ("1.属于国家秘密", "1、 属于国家秘密"), ("危及“三安全一稳定”", "危及\"三安全一稳定\"")])
def test_when_labels_differ_only_in_form_then_they_normalize_alike(a, b):
    assert normalize_label(a) == normalize_label(b)
    assert similarity(normalize_label(a), normalize_label(b)) == 1.0


# ------------------------------------------------------------------ PDF text flow

FLOW = """二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 1 0 11
行政规范性文件 8 26 66
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 1 136
第二十条第（六）项
信息内容 本年处理决定数量
行政处罚 17
行政强制 0
第二十条第（八）项
信息内容 本年收费金额（单位：万元）
行政事业性收费 1.25
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于
第三项加第四项之和）
申请人情况
自然人 法人或其他组织 总计
商业 科研 社会公 法律服 其他
企业 机构 益组织 务机构
一、本年新收政府信息公开申
12 1 0 0 0 0 13
请数量
二、上年结转政府信息公开申
1 0 0 0 0 0 1
请数量
三
（一）予以公开 8 1 0 0 0 0 9
、
（二）部分公开（区分处理的，只计 2 0 0 0 0 0 2
这一情形，不计其他情形）
本
（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0
年
2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
度
3.危及“三安全一稳定” 0 0 0 0 0 0 0
办
4.保护第三方合法权益 0 0 0 0 0 0 0
理
5.属于三类内部事务信息 0 0 0 0 0 0 0
结
6.属于四类过程性信息 0 0 0 0 0 0 0
果
7.属于行政执法案卷 0 0 0 0 0 0 0
8.属于行政查询事项 0 0 0 0 0 0 0
（四）无法提供 1.本机关不掌握相关政府信 1 0 0 0 0 0 1
息
2.没有现成信息需要另行制作 0 0 0 0 0 0 0
- 3 -
3.补正后申请内容仍不明确 0 0 0 0 0 0 0
（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0
2.重复申请 0 0 0 0 0 0 0
3.要求提供公开出版物 0 0 0 0 0 0 0
4.无正当理由大量反复申请 0 0 0 0 0 0 0
5.要求行政机关确认或重新出 0 0 0 0 0 0 0
具已获取信息
（六）其他处理 1.申请人无正当理由逾期不补 0 0 0 0 0 0 0
正、行政机关不再处理其政府信
息公开申请
2.申请人逾期未按收费通知要求 1 0 0 0 0 0 1
缴纳费用、行政机关不再处理其
政府信息公开申请
3.其他 0 0 0 0 0 0 0
（七）总计 12 1 0 0 0 0 13
四、结转下年度继续办理 1 0 0 0 0 0 1
四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
结果 结果 其他 尚未 总计 未经复议直接起诉 复议后起诉
维持 纠正 结果 审结
结果 结果 其他 尚未 总计 结果 结果 其他 尚未 总计
维持 纠正 结果 审结 维持 纠正 结果 审结
0 1 0 0 1 0 0 0 0 0 0 0 0 0 0
五、存在的主要问题及改进情况
"""

FLOW_T3 = {"new_received": (12, 1, 0, 0, 0, 0, 13), "carried_over": (1, 0, 0, 0, 0, 0, 1),
           "granted": (8, 1, 0, 0, 0, 0, 9), "partially_granted": (2, 0, 0, 0, 0, 0, 2),
           "unable.not_held": (1, 0, 0, 0, 0, 0, 1), "other.unpaid_fee": (1, 0, 0, 0, 0, 0, 1),
           "total_processed": (12, 1, 0, 0, 0, 0, 13), "carried_to_next_year": (1, 0, 0, 0, 0, 0, 1)}


def _flow_tables():
    document = Document("t.pdf", "0", "pdf", FLOW, page_starts=(0, FLOW.index("3.补正后")))
    return document, parse_tables(document, split_sections(document))


def test_when_text_flows_from_a_pdf_then_every_table3_cell_is_read():
    document, tables = _flow_tables()
    expected = {f"t3.{r.key}.{c.key}": Decimal(FLOW_T3.get(r.key, (0,) * 7)[i])
                for r in TABLE3_ROWS_2021 for i, c in enumerate(TABLE3_COLUMNS)}
    assert {cid: tables.value(cid) for cid in expected} == expected
    assert not [p for p in tables.problems if p.table == "t3"]
    cell = tables.cells["t3.unable.unclear.total"]
    assert cell.page == 2 and document.text[cell.start:cell.end] == "0"


def test_when_text_flows_then_table4_reads_its_fifteen_values():
    _, tables = _flow_tables()
    assert [tables.value(c) for c in table4_cell_ids()] == [Decimal(v) for v in (0, 1, 0, 0, 1) + (0,) * 10]


def test_when_a_number_is_split_by_a_space_then_the_row_is_unreadable_not_guessed():
    _, tables = _flow_tables()
    assert tables.value("t2.regulations.in_force") == 11
    assert tables.value("t2.fees.amount") == Decimal("1.25")
    assert tables.value("t2.penalty.decisions") == 17
    assert tables.cells["t2.licensing.decisions"].state == "unreadable"
    (problem,) = [p for p in tables.problems if p.table == "t2"]
    assert problem.code == "row_field_count" and "行政许可" in problem.message


# ------------------------------------------------------------------ markdown-ish pipes

PIPES = """## 二、主动公开政府信息情况
| 第二十条第（一）项 | | | |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | / | / | / |
| 行政规范性文件 | 3 | 0 | 45 |
| 第二十条第（五）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政许可 | 550 | | |
| 第二十条第（六）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政处罚 | 17 | | |
| 行政强制 | | | |
| 第二十条第（八）项 | | | |
| 信息内容 | 本年收费金额（单位：万元） | | |
| 行政事业性收费 | 0 | | |

## 四、政府信息公开行政复议、行政诉讼情况
| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |
| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
| 3 | 1 | 0 | 0 | 4 | — | — | — | — | — | 0 | 0 | 0 | 0 | 0 |

## 五、存在的主要问题及改进情况
"""


def test_when_tables_come_as_pipes_then_empty_cells_are_blank_and_slashes_not_applicable():
    document = Document("t.html", "0", "html", PIPES)
    tables = parse_tables(document, split_sections(document))
    assert detect_layout(PIPES, 0, len(PIPES)) == "pipes"
    assert tables.cells["t2.regulations.issued"].state == "na"
    assert tables.value("t2.normative_docs.in_force") == 45
    assert tables.value("t2.licensing.decisions") == 550
    assert tables.cells["t2.coercion.decisions"].state == "blank"
    t4 = [tables.cells[c] for c in table4_cell_ids()]
    assert [c.value for c in t4[:5]] == [3, 1, 0, 0, 4]
    assert {c.state for c in t4[5:10]} == {"na"}
    assert tables.found == ("t2", "t4")
    (missing,) = [p for p in tables.problems if p.code == "table_missing"]
    assert missing.table == "t3" and "表三" in missing.message
    assert not any(cid.startswith("t3.") for cid in tables.cells)


# ------------------------------------------------------------------ sections missing

@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_when_sections_are_not_given_then_tables_are_found_by_their_labels(seed):
    document = load(seed.read_bytes(), seed.name)
    with_sections = parse_tables(document, split_sections(document))
    without = parse_tables(document, ())
    assert without.found == ("t2", "t3", "t4")
    assert {k: (c.state, c.value) for k, c in without.cells.items()} == \
           {k: (c.state, c.value) for k, c in with_sections.cells.items()}
    assert len(with_sections.cells) == 10 + len(table3_cell_ids()) + 15


def test_when_a_text_has_no_table_then_each_is_reported_missing():
    tables = parse_tables(Document("t.txt", "0", "txt", "一、总体情况\n本年度主动公开信息12条。\n"), ())
    assert tables.cells == {} and tables.found == ()
    assert [p.code for p in tables.problems] == ["table_missing"] * 3


# ------------------------------------------------------------------ alignment

def _fields(printed: str):
    from extractors.tables.cells import Field
    return tuple(Field(t, i, i + len(t)) if t else Field("") for i, t in enumerate(printed.split("\t")))


@pytest.mark.parametrize("printed, n, empty_columns, expected", [
    ("1\t2\t3", 3, frozenset(), ("1", "2", "3")),
    ("\t2\t3", 3, frozenset(), (None, "2", "3")),  # a leading empty field is a blank cell
    ("1\t2\t3\t", 3, frozenset(), ("1", "2", "3")),  # a trailing one is a separator
    ("1\t\t2\t3", 3, frozenset(), ("1", "2", "3")),  # the only empty field to drop
    ("1\t2", 3, frozenset(), None),  # a blank could be anywhere
    ("1\t2\t3\t4", 3, frozenset(), None),  # a number is never dropped
    ("\t\t0\t0", 5, frozenset({0, 1, 2}), (None, None, None, "0", "0")),  # lost field in the empty columns
    ("\t\t0\t0", 5, frozenset({4}), (None, None, "0", "0", None)),
    ("\t\t0\t0", 5, frozenset({0, 1, 2, 4}), None),  # the profile still leaves two readings
])
def test_when_fields_are_aligned_then_only_certain_readings_survive(printed, n, empty_columns, expected):
    from extractors.tables.align import align
    got = align(_fields(printed), n, empty_columns)
    assert (None if got is None else tuple(f.text if f else None for f in got)) == expected


@pytest.mark.parametrize("printed, state, value", [
    ("0\n4", "unreadable", None),  # two cells that lost their border (regression: read as 4)
    ("1 2", "unreadable", None),
    ("1 136", "value", 1136),  # thousands grouped by a space
    ("　0", "value", 0),
    ("17 ", "value", 17),
])
def test_when_digits_are_split_by_whitespace_inside_a_cell_then_it_is_unreadable_unless_grouped(printed, state, value):
    from extractors.tables.cells import read_cell
    from extractors.tables.rows import _field
    cell = read_cell("t2.licensing.decisions", _field(printed, 0))
    assert cell.state == state
    assert (cell.value if cell.value is None else int(cell.value)) == value


@pytest.mark.parametrize("blank", ["  ", " ", "\u3000"])
@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_when_the_tabs_of_a_text_export_became_spaces_then_cells_are_read_or_refused_never_guessed(stem, blank):
    """A copy of the report whose tabs turned into spaces on the way.  Where every cell is still on its
    own line or every row still has all its values (000–002), the same values land in the same cells;
    where empty cells were only tabs (003, 004's table 4) the row can no longer be aligned and its
    cells are unreadable — but no cell ever gets another value."""
    from gidar.pipeline import audit
    path = next(p for p in SEEDS if p.name.startswith(stem + "_"))
    original = audit(path.read_bytes(), path.name).tables.cells
    respaced = audit(path.read_text(encoding="utf-8").replace("\t", blank).encode("utf-8"), path.name).tables.cells
    values = {k: c.value for k, c in original.items() if c.state == "value"}
    read = {k: c.value for k, c in respaced.items() if c.state == "value"}
    assert all(values.get(k) == v for k, v in read.items())
    if stem in ("000", "001", "002"):
        assert read == values

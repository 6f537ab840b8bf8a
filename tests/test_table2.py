"""Table 2 (主动公开政府信息情况): both versions, typos in headers, merged value cells."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.loading import load
from extractors.sections import split_sections
from extractors.tables import detect_table2_version, parse_tables
from gidar.domain import Document, SourceCell, SourceTable
from tests.conftest import seed_path


def _seed_tables(prefix):
    path = seed_path(prefix)
    document = load(path.read_bytes(), path.name)
    return document, parse_tables(document, split_sections(document))


# Values read from each seed's text: regulations (issued, repealed, in force), normative documents,
# licensing, penalty, coercion, fees.
SEED_T2 = {
    "000": ((0, 0, 0), (0, 0, 0), 17, 0, 0, 0),
    "001": ((0, 0, 0), (0, 0, 0), 0, 0, 0, 0),
    "002": ((0, 0, 0), (1, 0, 1), 0, 17, 0, 0),
    "003": ((0, 0, 0), (10, 0, 10), 0, 6, 1, 0),
    "004": ((0, 0, 0), (0, 0, 0), 0, 0, 0, 0),
}


@pytest.mark.parametrize("prefix", sorted(SEED_T2))
def test_when_a_seed_is_parsed_then_table2_has_the_printed_values(prefix):
    document, tables = _seed_tables(prefix)
    regs, docs, licensing, penalty, coercion, fees = SEED_T2[prefix]
    expected = {f"t2.regulations.{c}": v for c, v in zip(("issued", "repealed", "in_force"), regs)}
    expected |= {f"t2.normative_docs.{c}": v for c, v in zip(("issued", "repealed", "in_force"), docs)}
    expected |= {"t2.licensing.decisions": licensing, "t2.penalty.decisions": penalty,
                 "t2.coercion.decisions": coercion, "t2.fees.amount": fees}
    assert {cid: tables.value(cid) for cid in expected} == {k: Decimal(v) for k, v in expected.items()}
    assert tables.format_version == "2021"
    assert "t2" in tables.found
    for cid in expected:
        cell = tables.cells[cid]
        assert document.text[cell.start:cell.end] == cell.raw
        assert Decimal(cell.raw.strip().translate({0x3000: None})) == cell.value


def test_when_the_header_has_the_typo_then_the_repealed_column_is_still_read():
    document, tables = _seed_tables("003")
    assert "本年度止件数" in document.text
    assert tables.cells["t2.normative_docs.repealed"].state == "value"
    assert tables.format_version == "2021"
    assert not [p for p in tables.problems if p.table == "t2"]


@pytest.mark.parametrize("headers, version", [
    (["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], "2021"),
    (["信息内容", "本年制发件数", "本年度止件数", "现行有效件数"], "2021"),
    (["本年 制发 件数", "本年处理决定数量", "本年收费金额（单位：万元）"], "2021"),
    (["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], "2019"),
    (["上一年项目数量", "本年增/减", "处理决定数量", "采购项目数量", "采购总金额"], "2019"),
    (["本年新製作數量", "本年新公開數量"], "2019"),
    (["信息内容", "规章"], None),
    ([], None),
])
def test_when_headers_are_read_then_the_table2_version_follows_them(headers, version):
    assert detect_table2_version(headers) == version


def _source_table(rows: list[list[str | tuple[str, int]]], text_parts: list[str]) -> tuple[SourceTable, str]:
    """A table built as a loader would: each cell's text placed in the document text, colspans as given."""
    out_rows, pos = [], len("".join(text_parts))
    for row in rows:
        cells = []
        for item in row:
            text, span = item if isinstance(item, tuple) else (item, 1)
            cells.append(SourceCell(text, pos, pos + len(text), colspan=span))
            text_parts.append(text + "\n")
            pos += len(text) + 1
        out_rows.append(tuple(cells))
    return SourceTable(tuple(out_rows), out_rows[0][0].start, pos), "".join(text_parts)


def _document(*rows_per_table) -> Document:
    parts: list[str] = ["二、主动公开政府信息情况\n"]
    tables = []
    for rows in rows_per_table:
        table, _ = _source_table(rows, parts)
        tables.append(table)
    return Document("t.docx", "0", "docx", "".join(parts), tables=tuple(tables), page_starts=(0, 60))


TABLE2_2019_ROWS = [
    [("第二十条第（一）项", 4)],
    ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
    ["规章", "2", "2", "15"],
    ["规范性文件", "5", "5", "42"],
    [("第二十条第（五）项", 4)],
    ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    ["行政许可", "310", "-4", "1236"],
    ["其他对外管理服务事项", "95", "", "410"],
    [("第二十条第（六）项", 4)],
    ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    ["行政处罚", "520", "0", "87"],
    ["行政强制", "31", "/", "12"],
    [("第二十条第（八）项", 4)],
    ["信息内容", "上一年项目数量", ("本年增/减", 2)],
    ["行政事业性收费", "6", ("-1", 2)],
    [("第二十条第（九）项", 4)],
    ["信息内容", "采购项目数量", ("采购总金额", 2)],
    ["政府集中采购", "18", ("356.8", 2)],
]


def test_when_a_2019_table_is_structured_then_its_own_cells_are_filled_not_the_2021_ones():
    document = _document(TABLE2_2019_ROWS)
    tables = parse_tables(document, ())
    assert tables.format_version == "2019"
    t2 = {cid: c for cid, c in tables.cells.items() if cid.startswith("t2.")}
    assert "t2.regulations.issued" not in t2 and "t2.fees.amount" not in t2
    assert tables.value("t2.licensing.change") == Decimal(-4)
    assert tables.value("t2.procurement.amount") == Decimal("356.8")
    assert tables.value("t2.fees.change") == Decimal(-1)
    assert t2["t2.other_services.change"].state == "blank"
    assert t2["t2.coercion.change"].state == "na"
    assert len(t2) == 22


def test_when_value_cells_are_merged_across_columns_then_the_value_is_read_once():
    rows = [
        [("第二十条第（一）项", 4)],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "0", "11"],
        ["行政规范性文件", "8", "26", "66"],
        [("第二十条第（五）项", 4)],
        ["信息内容", ("本年处理决定数量", 3)],
        ["行政许可", ("447228", 3)],
        [("第二十条第（六）项", 4)],
        ["信息内容", ("本年处理决定数量", 3)],
        ["行政处罚", ("3985758", 3)],
        ["行政强制", ("88283", 3)],
        [("第二十条第（八）项", 4)],
        ["信息内容", ("本年收费金额（单位：万元）", 3)],
        ["行政事业性收费", ("1.25", 3)],
    ]
    document = _document(rows)
    tables = parse_tables(document, ())
    assert tables.format_version == "2021"
    assert tables.value("t2.licensing.decisions") == Decimal(447228)
    assert tables.value("t2.fees.amount") == Decimal("1.25")
    cell = tables.cells["t2.fees.amount"]
    assert document.text[cell.start:cell.end] == "1.25"
    assert cell.page == document.page_at(cell.start)
    assert [p.code for p in tables.problems] == ["table_missing", "table_missing"]


TEXT_2019 = """二、主动公开政府信息情况
第二十条第（一）项\t\t\t
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t3
规范性文件\t2\t2\t17
第二十条第（五）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t12\t1\t40
其他对外管理服务事项\t3\t0\t9
第二十条第（六）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t8\t-2\t15
行政强制\t1\t0\t0
第二十条第（八）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t
行政事业性收费\t2\t0\t
第二十条第（九）项\t\t\t
信息内容\t采购项目数量\t采购总金额\t
政府集中采购\t4\t12.5\t
三、收到和处理政府信息公开申请情况
"""


def test_when_a_2019_table_is_text_then_its_version_and_cells_follow_the_headers():
    document = Document("t.txt", "0", "txt", TEXT_2019)
    tables = parse_tables(document, ())
    assert tables.format_version == "2019"
    assert tables.value("t2.penalty.change") == Decimal(-2)
    assert tables.value("t2.procurement.amount") == Decimal("12.5")
    assert tables.value("t2.other_services.decisions") == Decimal(9)
    assert tables.value("t2.fees.previous") == Decimal(2)
    assert not [p for p in tables.problems if p.table == "t2"]

"""Table 3 (收到和处理政府信息公开申请情况): seeds, blank versus zero, versions of （六）, split tables."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.layouts import TABLE3_COLUMNS, TABLE3_ROWS_2021, TABLE3_ROWS_OLD, table3_cell_ids
from extractors.loading import load
from extractors.sections import split_sections
from extractors.tables import parse_tables
from gidar.domain import Document, SourceCell, SourceTable
from tests.conftest import seed_path

COLUMNS = [c.key for c in TABLE3_COLUMNS]


def _seed_tables(prefix):
    path = seed_path(prefix)
    document = load(path.read_bytes(), path.name)
    return document, parse_tables(document, split_sections(document))


# Non-zero cells read from each seed's text; every other cell of table 3 prints 0.
SEED_T3_NONZERO = {
    "000": {},
    "001": {"t3.new_received.commercial": 1, "t3.new_received.total": 1, "t3.granted.commercial": 1,
            "t3.granted.total": 1, "t3.total_processed.commercial": 1, "t3.total_processed.total": 1},
    "002": {"t3.new_received.natural_person": 2, "t3.new_received.total": 2, "t3.granted.natural_person": 2,
            "t3.granted.total": 2, "t3.total_processed.natural_person": 2, "t3.total_processed.total": 2},
    "004": {},
}


@pytest.mark.parametrize("prefix", sorted(SEED_T3_NONZERO))
def test_when_a_seed_is_parsed_then_every_table3_cell_is_the_printed_number(prefix):
    document, tables = _seed_tables(prefix)
    ids = table3_cell_ids(TABLE3_ROWS_2021)
    expected = {cid: Decimal(SEED_T3_NONZERO[prefix].get(cid, 0)) for cid in ids}
    assert {cid: tables.value(cid) for cid in ids} == expected
    assert not [p for p in tables.problems if p.table == "t3"]
    for cid in ids:
        cell = tables.cells[cid]
        assert document.text[cell.start:cell.end] == cell.raw


def test_when_a_value_is_split_from_its_row_by_a_newline_then_it_stays_in_its_column():
    document, tables = _seed_tables("001")
    cell = tables.cells["t3.other.no_correction.total"]
    assert document.text[cell.start - 2:cell.end] == "\t\n0"
    assert cell.value == 0


def test_when_a_row_label_is_shifted_left_then_its_values_are_still_read():
    document, tables = _seed_tables("002")
    for cid in ("t3.other.other.natural_person", "t3.other.other.total", "t3.total_processed.natural_person"):
        assert tables.cells[cid].state == "value"
    row_start = document.text.index("3.其他\t\t0")
    assert tables.cells["t3.other.other.natural_person"].start > row_start


def test_when_three_applicant_columns_are_empty_in_every_row_then_they_are_blank_not_zero():
    _, tables = _seed_tables("003")
    blank_cols, zero_cols = COLUMNS[:3], COLUMNS[3:]
    for row in TABLE3_ROWS_2021:
        for col in blank_cols:
            assert tables.cells[f"t3.{row.key}.{col}"].state == "blank", (row.key, col)
        for col in zero_cols:
            assert tables.value(f"t3.{row.key}.{col}") == 0, (row.key, col)
    (problem,) = [p for p in tables.problems if p.table == "t3"]
    assert problem.code == "empty_columns"
    assert "自然人" in problem.message and "科研机构" in problem.message
    assert len(problem.cells) == 25 * 3


def _table3_text(rows: list[str], header: str = "") -> str:
    head = header or ("(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t\t总计\t\n"
                      "\t\t自然人\t法人或其他组织\t\t\t\t\t\t\n"
                      "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\n")
    return "三、收到和处理政府信息公开申请情况\n" + head + "\n".join(rows) + "\n四、政府信息公开行政复议、行政诉讼情况\n"


def _rows_2021(values: dict[str, str], default: str = "0\t0\t0\t0\t0\t0\t0") -> list[str]:
    out = []
    for row in TABLE3_ROWS_2021:
        out.append(f"\t\t{row.label}\t{values.get(row.key, default)}")
    return out


@pytest.mark.parametrize("printed, expected_state, expected_value", [
    ("0\t0\t0\t0\t0\t0\t0", "value", 0),
    ("\t0\t0\t0\t0\t0\t0", "blank", None),
    ("/\t0\t0\t0\t0\t0\t0", "na", None),
    ("—\t0\t0\t0\t0\t0\t0", "na", None),
    ("无\t0\t0\t0\t0\t0\t0", "na", None),
    ("　３\t0\t0\t0\t0\t0\t3", "value", 3),
    ("3 \t0\t0\t0\t0\t0\t3", "value", 3),
    ("？\t0\t0\t0\t0\t0\t0", "unreadable", None),
])
def test_when_a_cell_is_printed_then_its_state_keeps_blank_zero_and_na_apart(printed, expected_state, expected_value):
    document = Document("t.txt", "0", "txt", _table3_text(_rows_2021({"granted": printed})))
    tables = parse_tables(document, ())
    cell = tables.cells["t3.granted.natural_person"]
    assert cell.state == expected_state
    assert cell.value == (None if expected_value is None else Decimal(expected_value))


def test_when_a_row_has_an_extra_number_then_its_cells_are_unreadable_and_a_problem_says_why():
    document = Document("t.txt", "0", "txt", _table3_text(_rows_2021({"granted": "1\t0\t0\t1\t0\t0\t0\t2"})))
    tables = parse_tables(document, ())
    row = [tables.cells[f"t3.granted.{c}"] for c in COLUMNS]
    assert {c.state for c in row} == {"unreadable"}
    assert all(c.note for c in row)
    (problem,) = [p for p in tables.problems if p.code == "row_field_count"]
    assert problem.table == "t3" and "予以公开" in problem.message
    assert "8" in problem.message and "7" in problem.message
    assert set(problem.cells) == {f"t3.granted.{c}" for c in COLUMNS}
    assert tables.value("t3.partially_granted.total") == 0


@pytest.mark.parametrize("printed, expected", [
    ("1\t\t0\t0\t0\t0\t0\t1", ("1", "0", "0", "0", "0", "0", "1")),  # one empty field too many: it can only go
    ("1\t0\t0\t0\t0\t0\t1\t\t", ("1", "0", "0", "0", "0", "0", "1")),  # trailing separators
    ("\t\t\t\t\t\t", (None,) * 7),  # a row printed empty is blank throughout
])
def test_when_every_alignment_agrees_then_the_row_is_read(printed, expected):
    document = Document("t.txt", "0", "txt", _table3_text(_rows_2021({"granted": printed})))
    tables = parse_tables(document, ())
    assert tuple(tables.value(f"t3.granted.{c}") for c in COLUMNS) == tuple(
        None if v is None else Decimal(v) for v in expected)
    assert not [p for p in tables.problems if p.code == "row_field_count"]


def test_when_a_short_row_could_align_two_ways_then_it_is_not_guessed():
    document = Document("t.txt", "0", "txt", _table3_text(_rows_2021({"granted": "1\t0\t0\t0\t0\t1"})))
    tables = parse_tables(document, ())
    assert {tables.cells[f"t3.granted.{c}"].state for c in COLUMNS} == {"unreadable"}
    assert [p.code for p in tables.problems if p.table == "t3"] == ["row_field_count"]


def test_when_the_other_outcomes_are_one_row_then_the_old_layout_is_used():
    rows = [f"\t\t{row.label}\t0\t0\t0\t0\t0\t0\t0" for row in TABLE3_ROWS_OLD if row.key != "other"]
    at = next(i for i, r in enumerate(rows) if "总计" in r)
    rows.insert(at, "\t(六) 其他处理\t1\t0\t0\t0\t0\t0\t1")
    tables = parse_tables(Document("t.txt", "0", "txt", _table3_text(rows)), ())
    assert tables.value("t3.other.total") == 1
    assert "t3.other.other.total" not in tables.cells
    assert set(tables.cells) >= set(table3_cell_ids(TABLE3_ROWS_OLD))
    assert not [p for p in tables.problems if p.table == "t3"]


def test_when_a_row_is_missing_then_its_cells_are_unreadable_and_named():
    rows = [r for r in _rows_2021({}) if "重复申请" not in r]
    tables = parse_tables(Document("t.txt", "0", "txt", _table3_text(rows)), ())
    assert tables.cells["t3.not_processed.duplicate.total"].state == "unreadable"
    (problem,) = [p for p in tables.problems if p.code == "row_missing"]
    assert "t3.not_processed.duplicate.natural_person" in problem.cells


# ------------------------------------------------------------------ structured tables

HEADER = [[("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3), ("申请人情况", 7)],
          [("", 3), "自然人", ("法人或其他组织", 5), "总计"],
          [("", 3), "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]]


def _data_rows(value_of) -> list[list]:
    rows = []
    for row in TABLE3_ROWS_2021:
        label_cells = [("三、本年度办理结果" if row.group or row.key in ("granted", "partially_granted", "total_processed")
                        else row.label, 1 if row.group else 3)]
        if row.group:
            label_cells.append(f"（{row.group}）")
            label_cells.append(row.label)
        elif row.key in ("granted", "partially_granted", "total_processed"):
            label_cells = [("三、本年度办理结果", 1), (row.label, 2)]
        rows.append(label_cells + [value_of(row.key, c) for c in COLUMNS])
    return rows


def _structured(*pieces) -> Document:
    text, tables = ["三、收到和处理政府信息公开申请情况\n"], []
    pos = len(text[0])
    for piece in pieces:
        out_rows = []
        for row in piece:
            cells = []
            for item in row:
                t, span = item if isinstance(item, tuple) else (item, 1)
                cells.append(SourceCell(t, pos, pos + len(t), colspan=span))
                text.append(t + "\n")
                pos += len(t) + 1
            out_rows.append(tuple(cells))
        tables.append(SourceTable(tuple(out_rows), out_rows[0][0].start, pos))
    starts = (0, tables[1].start) if len(tables) > 1 else (0,)
    return Document("t.pdf", "0", "pdf", "".join(text), page_starts=starts, tables=tuple(tables))


def _value(key: str, col: str) -> str:
    return str((len(key) + COLUMNS.index(col)) % 5)


@pytest.mark.parametrize("repeat_header", [False, True])
def test_when_the_table_is_split_at_a_page_break_then_its_pieces_are_joined(repeat_header):
    rows = _data_rows(_value)
    first, second = HEADER + rows[:14], (HEADER if repeat_header else []) + rows[14:]
    document = _structured(first, second)
    tables = parse_tables(document, ())
    expected = {f"t3.{r.key}.{c}": Decimal(_value(r.key, c)) for r in TABLE3_ROWS_2021 for c in COLUMNS}
    assert {cid: tables.value(cid) for cid in expected} == expected
    assert tables.cells["t3.granted.total"].page == 1
    assert tables.cells["t3.carried_to_next_year.total"].page == 2
    assert not [p for p in tables.problems if p.table == "t3"]


def test_when_a_structured_cell_was_lost_by_the_loader_then_its_cell_is_unreadable_with_the_reason():
    rows = _data_rows(lambda k, c: "0")
    document = _structured(HEADER + rows)
    table = document.tables[0]
    r, c = len(HEADER) + 2, 3  # the granted row: two label cells, then 自然人, 商业企业 …
    lost = table.rows[r][c]
    rows_fixed = list(table.rows)
    rows_fixed[r] = table.rows[r][:c] + (SourceCell("", lost.start, lost.end, unreadable="数字被表格线截断"),) + table.rows[r][c + 1:]
    document = Document(document.source, "0", "pdf", document.text,
                        tables=(SourceTable(tuple(rows_fixed), table.start, table.end),))
    tables = parse_tables(document, ())
    cell = tables.cells["t3.granted.commercial"]
    assert cell.state == "unreadable" and cell.note == "数字被表格线截断"
    assert tables.value("t3.granted.natural_person") == 0

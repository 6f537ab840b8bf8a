"""Table 4 (行政复议、行政诉讼): fifteen cells in one printed row."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.layouts import table4_cell_ids
from extractors.loading import load
from extractors.sections import split_sections
from extractors.tables import parse_tables
from gidar.domain import Document
from tests.conftest import seed_path

IDS = table4_cell_ids()


def _seed_tables(prefix):
    path = seed_path(prefix)
    document = load(path.read_bytes(), path.name)
    return document, parse_tables(document, split_sections(document))


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_when_a_seed_prints_fifteen_zeros_then_table4_is_zero(prefix):
    document, tables = _seed_tables(prefix)
    assert [tables.value(cid) for cid in IDS] == [Decimal(0)] * 15
    assert all(document.text[c.start:c.end] == c.raw for c in (tables.cells[cid] for cid in IDS))


def test_when_the_review_cells_are_empty_then_they_are_blank_and_litigation_is_zero():
    _, tables = _seed_tables("004")
    review = [cid for cid in IDS if cid.startswith("t4.review.")]
    assert {tables.cells[cid].state for cid in review} == {"blank"}
    assert [tables.value(cid) for cid in IDS if cid not in review] == [Decimal(0)] * 10
    assert not [p for p in tables.problems if p.table == "t4"]


def test_when_the_row_has_sixteen_fields_then_all_fifteen_cells_are_unreadable():
    document, tables = _seed_tables("003")
    assert {tables.cells[cid].state for cid in IDS} == {"unreadable"}
    (problem,) = [p for p in tables.problems if p.table == "t4"]
    assert problem.code == "row_field_count"
    assert "16" in problem.message and "15" in problem.message and "表四" in problem.message
    assert set(problem.cells) == set(IDS)
    assert document.text[problem.start:problem.end].count("\t") == 15


HEAD = ("四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n"
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n"
        "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n")


@pytest.mark.parametrize("row, expected", [
    ("1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1", [1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]),
    ("/\t/\t/\t/\t/\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", ["na"] * 5 + [0] * 10),
    ("1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1\t", [1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]),
])
def test_when_table4_is_tab_separated_then_each_field_is_its_cell(row, expected):
    tables = parse_tables(Document("t.txt", "0", "txt", HEAD + row + "\n五、存在的主要问题及改进情况\n"), ())
    got = [tables.cells[cid].state if e == "na" else tables.value(cid) for cid, e in zip(IDS, expected)]
    assert got == [e if e == "na" else Decimal(e) for e in expected]


def test_when_a_value_row_is_short_and_ambiguous_then_table4_is_unreadable():
    tables = parse_tables(Document("t.txt", "0", "txt", HEAD + "1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t1\t0\t0\t1\n"), ())
    assert {tables.cells[cid].state for cid in IDS} == {"unreadable"}
    assert [p.code for p in tables.problems if p.table == "t4"] == ["row_field_count"]

"""DOCX loading: the official template, generated reports, merged cells, unsafe archives."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from extractors import layouts
from extractors.loaders.docx import check_zip, load_docx
from extractors.loading import load
from gidar import errors

FIXTURES = Path(__file__).parent / "fixtures"


def _load(name: str):
    return load_docx((FIXTURES / name).read_bytes(), name)


def test_when_the_blank_template_loads_then_its_three_tables_keep_their_merged_cells(real_docs):
    document = load_docx((real_docs / "template-2021-blank.docx").read_bytes(), "template.docx")
    table2, table3, table4 = document.tables
    assert [len(table2.grid()[0]), len(table3.grid()[0]), len(table4.grid()[0])] == [4, 10, 15]
    vertical = table3.grid()[5][0]
    assert vertical.text == "三、本年度办理结果"
    assert vertical.rowspan == 22  # vMerge from （一）予以公开 down to （七）总计
    assert table4.rows[0][0].colspan == 5 and table4.rows[0][1].colspan == 10
    assert table3.rows[0][0].rowspan == 3 and table3.rows[0][0].colspan == 3


@pytest.mark.parametrize("name", ["sample-2021.docx", "sample-2019.docx"])
def test_when_a_filled_report_loads_then_paragraphs_and_tables_come_in_body_order(name):
    document = _load(name)
    order = [document.text.index(h) for h in ("一、总体情况", "二、主动公开", "三、收到和处理", "四、政府信息公开行政复议", "五、存在")]
    assert order == sorted(order)
    t2, t3, t4 = (t.start for t in document.tables)
    assert order[1] < t2 < order[2] < t3 < order[3] < t4 < order[4]


def test_when_table3_is_filled_then_each_layout_row_has_its_seven_values():
    from scripts.fixture_docs import SAMPLE_CELLS
    grid = _load("sample-2021.docx").tables[1].grid()
    for i, row in enumerate(layouts.TABLE3_ROWS_2021):
        values = [c.text for c in grid[3 + i][3:]]
        assert values == [SAMPLE_CELLS[f"t3.{row.key}.{col.key}"] for col in layouts.TABLE3_COLUMNS]


def test_when_cells_are_written_then_each_points_at_its_own_text():
    document = _load("sample-2019.docx")
    for table in document.tables:
        for row in table.rows:
            for cell in row:
                assert document.text[cell.start:cell.end] == cell.text


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("data, code", [
    ((FIXTURES / "bad" / "zip-bomb.docx").read_bytes(), "unsafe"),
    (_zip({"word/document.xml": b"<w/>", **{f"word/media/{i}.bin": b"" for i in range(2500)}}), "unsafe"),
    ((FIXTURES / "bad" / "corrupt.docx").read_bytes(), "corrupt"),
    (_zip({"word/other.xml": b"<x/>"}), "corrupt"),
    (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document><unclosed"}), "corrupt"),
])
def test_when_an_archive_is_unsafe_or_damaged_then_it_is_refused_with_a_code(data, code):
    with pytest.raises(errors.InputProblem) as problem:
        load(data, "bad.docx")
    assert problem.value.code == code


def test_when_a_member_lies_about_its_size_then_inflating_stops_at_the_budget(monkeypatch):
    from extractors.loaders import docx as docx_loader
    monkeypatch.setattr(docx_loader, "MAX_UNCOMPRESSED", 10_000)
    honest = _zip({"word/document.xml": b"<w/>", "word/pad.xml": b" " * 9_000})
    check_zip(honest)
    lying = bytearray(_zip({"word/document.xml": b"<w/>", "word/pad.xml": b" " * 50_000}))
    # shrink the declared size in the central directory: only real inflation can tell
    central = lying.rfind(b"PK\x01\x02")
    lying[central + 24:central + 28] = (100).to_bytes(4, "little")
    with pytest.raises(errors.InputProblem):
        check_zip(bytes(lying))

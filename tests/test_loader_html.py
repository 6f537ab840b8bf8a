"""HTML loading: encodings declared in meta tags, spans, nested tables, scripts never text."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.loaders.html import load_html
from extractors.loading import load

FIXTURES = Path(__file__).parent / "fixtures"
REPORT = "<p>某区人民政府2023年政府信息公开工作年度报告</p><p>全年受理申请21件。</p>"


@pytest.mark.parametrize("head, encoding", [
    ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gbk"),
    ("<meta charset='GBK'>", "gbk"),
    ('<meta charset="gb18030">', "gb18030"),
    ('<meta charset="utf-8">', "utf-8"),
    ("", "utf-8"),
    ("", "gb18030"),
])
def test_when_a_page_declares_or_implies_its_encoding_then_the_chinese_text_survives(head, encoding):
    page = f"<html><head>{head}</head><body>{REPORT}</body></html>"
    document = load_html(page.encode(encoding), "r.html")
    assert "全年受理申请21件。" in document.text


def test_when_a_page_has_scripts_styles_and_comments_then_none_of_them_is_text():
    document = load((FIXTURES / "bad" / "script.html").read_bytes(), "script.html")
    for planted in ("9999", "8888", "7777", "6666", "5555", "tracker", "请启用脚本"):
        assert planted not in document.text
    assert "主动公开政府信息1150条" in document.text


def test_when_cells_span_rows_and_columns_then_the_grid_places_every_value():
    page = """<table>
      <tr><td rowspan="2" colspan="2">信息内容</td><td colspan="3">申请人情况</td></tr>
      <tr><td>自然人</td><td>法人</td><td>总计</td></tr>
      <tr><td rowspan="2">三、本年度办理结果</td><td>（一）予以公开</td><td>5</td><td>1</td><td>6</td></tr>
      <tr><td>（二）部分公开</td><td>2</td><td></td><td>2</td></tr>
    </table>"""
    [table] = load_html(page.encode(), "t.html").tables
    grid = [[c.text if c else None for c in row] for row in table.grid()]
    assert grid[1] == ["信息内容", "信息内容", "自然人", "法人", "总计"]
    assert grid[3] == ["三、本年度办理结果", "（二）部分公开", "2", "", "2"]


def test_when_tables_are_nested_in_a_layout_table_then_the_inner_tables_are_the_data():
    page = """<table><tr><td><p>一、总体情况</p><p>受理申请3件。</p>
      <table><tr><td>行政复议</td><td>总计</td></tr><tr><td>1</td><td>1</td></tr></table>
      </td></tr></table>"""
    document = load_html(page.encode(), "n.html")
    assert len(document.tables) == 1
    assert [[c.text for c in row] for row in document.tables[0].rows] == [["行政复议", "总计"], ["1", "1"]]
    assert "受理申请3件。" in document.text[:document.tables[0].start]


def test_when_source_lines_wrap_inside_chinese_then_no_space_is_invented():
    document = load_html("<p>全年共受理政府信息公开\n    申请21件</p>".encode(), "w.html")
    assert "全年共受理政府信息公开申请21件" in document.text


@pytest.mark.parametrize("name", ["sample-2021.html", "sample-2019.html"])
def test_when_a_rendered_report_loads_then_its_tables_match_the_docx_rendering(name):
    from extractors.loaders.docx import load_docx
    html = load_html((FIXTURES / name).read_bytes(), name)
    docx = load_docx((FIXTURES / name.replace(".html", ".docx")).read_bytes(), name)
    as_text = lambda doc: [[[c.text for c in row] for row in t.rows] for t in doc.tables]  # noqa: E731
    assert as_text(html) == as_text(docx)
    for table in html.tables:
        for row in table.rows:
            for cell in row:
                assert html.text[cell.start:cell.end] == cell.text


def test_when_a_colspan_is_absurd_then_it_is_clamped():
    [table] = load_html(b"<table><tr><td colspan='99999'>x</td></tr></table>", "c.html").tables
    assert table.rows[0][0].colspan == 100

"""PDF loading: the real report, generated reports, ruled tables in doubt, bad PDFs."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from extractors import layouts
from extractors.loaders import pdf as pdf_loader
from extractors.loaders.pdf import PDFIUM, PDFPLUMBER, load_pdf
from extractors.loaders.pdf_tables import CUT_BY_LINE, TWO_NUMBERS, find_fragments
from extractors.loading import load
from extractors.textview import TextView, close_gaps
from gidar import errors

FIXTURES = Path(__file__).parent / "fixtures"

# 淮安市人民政府 2024 report, read off the printed pages (pages 3–5).
HUAIAN_T2 = {"t2.regulations.issued": "1", "t2.regulations.repealed": "0", "t2.regulations.in_force": "11",
             "t2.normative_docs.issued": "8", "t2.normative_docs.repealed": "26",
             "t2.normative_docs.in_force": "66", "t2.licensing.decisions": "447228",
             "t2.penalty.decisions": "3985758", "t2.coercion.decisions": "88283", "t2.fees.amount": "96171.6"}
HUAIAN_T3 = [  # rows of table 3 in printed order: six applicant columns and 总计
    (3001, 53, 0, 0, 61, 4, 3119), (34, 0, 0, 0, 0, 0, 34), (1288, 21, 0, 0, 50, 3, 1362),
    (447, 7, 0, 0, 0, 0, 454), (2, 0, 0, 0, 0, 0, 2), (30, 1, 0, 0, 0, 0, 31), (5, 0, 0, 0, 0, 0, 5),
    (6, 0, 0, 0, 0, 0, 6), (7, 1, 0, 0, 0, 0, 8), (12, 0, 0, 0, 0, 0, 12), (9, 0, 0, 0, 0, 0, 9),
    (105, 0, 0, 0, 0, 0, 105), (746, 12, 0, 0, 10, 1, 769), (11, 0, 0, 0, 0, 0, 11), (1, 0, 0, 0, 0, 0, 1),
    (56, 6, 0, 0, 0, 0, 62), (25, 0, 0, 0, 0, 0, 25), (0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0),
    (1, 0, 0, 0, 0, 0, 1), (67, 3, 0, 0, 1, 0, 71), (6, 0, 0, 0, 0, 0, 6), (108, 2, 0, 0, 0, 0, 110),
    (2932, 53, 0, 0, 61, 4, 3050), (103, 0, 0, 0, 0, 0, 103),
]
HUAIAN_T4 = (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)
HUAIAN_PHRASES = ("5500余条", "受理政府信息公开申请3119件", "答复3050件", "上年度结转申请34件",
                  "103件顺延到下年度", "行政复议351件", "行政诉讼46件", "信息处理费3940元")


@pytest.fixture(scope="module")
def huaian():
    from tests.conftest import REAL
    path = REAL / "huaian-2024.pdf"
    if not path.exists():
        pytest.skip(f"real report not found at {path} (set GIDAR_REAL_DOCS)")
    return load_pdf(path.read_bytes(), path.name)


def _value_rows(table):
    """Rows of the grid whose last seven cells are all numbers, as tuples of ints."""
    rows = []
    for row in table.grid():
        tail = row[-7:]
        if all(c is not None and re.fullmatch(r"\d+", c.text) for c in tail):
            rows.append(tuple(int(c.text) for c in tail))
    return rows


def test_when_the_real_report_loads_then_it_has_six_pages_and_three_tables(huaian):
    assert huaian.kind == "pdf"
    assert len(huaian.page_starts) == 6
    assert len(huaian.tables) == 3


def test_when_table3_crosses_the_page_break_then_every_row_is_in_one_table(huaian):
    table3 = huaian.tables[1]
    assert _value_rows(table3) == HUAIAN_T3
    pages = {huaian.page_at(c.start) for row in table3.rows for c in row}
    assert pages == {4, 5}


def test_when_the_label_is_printed_vertically_then_it_is_one_cell_spanning_the_outcome_rows(huaian):
    grid = huaian.tables[1].grid()
    vertical = {id(row[0]): row[0] for row in grid if row[0] is not None and row[0].text.startswith("三")}
    assert [c.text for c in vertical.values()] == ["三、本年度办理结果"]
    assert next(iter(vertical.values())).rowspan == 22  # （一）…（七）总计 across both pages


@pytest.mark.parametrize("name", ["huaian", "sample-2021.pdf"])
def test_when_a_group_label_is_cut_by_the_page_break_then_it_is_one_cell_again(huaian, name):
    document = huaian if name == "huaian" else load_pdf((FIXTURES / name).read_bytes(), name)
    table3 = document.tables[1]
    cut = [c for row in table3.rows for c in row if document.page_at(c.start) != document.page_at(c.end)]
    assert [c.text for c in cut] == ["（四）无法提供"]
    assert cut[0].rowspan == 3 and _points_at_its_text(document, cut[0])


def test_when_a_row_label_wraps_then_it_is_one_line_of_cell_text(huaian):
    labels = {row[2].text for row in huaian.tables[1].grid() if row[2] is not None}
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels
    assert "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" in labels


def test_when_table2_continues_on_the_next_page_then_its_blocks_stay_together(huaian):
    table2 = huaian.tables[0]
    text = {row[0].text: [c.text for c in row[1:]] for row in table2.grid() if row[0] is not None}
    rows = {r.label: r.key for b in layouts.TABLE2_2021.blocks for r in b.rows}
    columns = {r.key: b.columns for b in layouts.TABLE2_2021.blocks for r in b.rows}
    for label, key in rows.items():
        for i, column in enumerate(columns[key]):
            assert text[label][i] == HUAIAN_T2[f"t2.{key}.{column.key}"]


def test_when_table4_loads_then_its_fifteen_values_are_in_order(huaian):
    last = huaian.tables[2].grid()[-1]
    assert tuple(int(c.text) for c in last) == HUAIAN_T4


@pytest.mark.parametrize("phrase", HUAIAN_PHRASES)
def test_when_narrative_is_normalized_then_the_claims_read_cleanly(huaian, phrase):
    assert phrase in close_gaps(TextView.of(huaian.text)).text


def test_when_text_is_loaded_then_page_footers_do_not_split_page_starts(huaian):
    for page, start in enumerate(huaian.page_starts, 1):
        assert huaian.page_at(start) == page
    assert huaian.page_at(huaian.text.index("3940")) == 6


@pytest.mark.parametrize("name", ["sample-2021.pdf", "sample-2019.pdf"])
def test_when_a_generated_report_loads_then_tables_cross_pages_like_the_real_one(name):
    document = load_pdf((FIXTURES / name).read_bytes(), name)
    assert [len(t.grid()[0]) for t in document.tables] == [4, 10, 15]
    table3 = document.tables[1]
    assert len(_value_rows(table3)) == 25
    assert {document.page_at(c.start) for row in table3.rows for c in row} == {2, 3}


def test_when_the_2019_table2_is_rendered_then_its_procurement_block_is_read():
    document = load_pdf((FIXTURES / "sample-2019.pdf").read_bytes(), "s.pdf")
    rows = {row[0].text: [c.text for c in row[1:]] for row in document.tables[0].grid()}
    assert rows["政府集中采购"][:2] == ["18", "356.8"]
    assert rows["其他对外管理服务事项"] == ["95", "2", "410"]


_RULES = (b"0.5 w 50 700 m 350 700 l S 50 680 m 350 680 l S 50 660 m 350 660 l S "
          b"50 660 m 50 700 l S 150 660 m 150 700 l S 250 660 m 250 700 l S 350 660 m 350 700 l S ")
# The same grid as one path of six rectangles, shifted by a transformation matrix.
_RULES_AS_RECTANGLES = (b"q 1 0 0 1 20 -30 cm 0.5 w 30 710 100 20 re 130 710 100 20 re 230 710 100 20 re "
                        b"30 690 100 20 re 130 690 100 20 re 230 690 100 20 re S Q ")


def _ruled_pdf(tmp_path, cells_text: bytes, rules: bytes = _RULES) -> Path:
    """A three-column ruled table drawn by hand; text placed where a test wants it."""
    from scripts.make_fixtures import _minimal_pdf
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    path = tmp_path / "ruled.pdf"
    path.write_bytes(_minimal_pdf(rules + cells_text, b"<< /Font << /F1 5 0 R >> >>", [font]))
    return path


def _cells(path: Path, finder: str = PDFPLUMBER):
    if finder == PDFPLUMBER:
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            [fragment] = find_fragments(pdf.pages[0], 1)
    else:
        import pypdfium2 as pdfium
        pdf = pdfium.PdfDocument(path.read_bytes())
        page = pdf[0]
        [fragment] = pdf_loader.page_fragments(page, page.get_textpage(), 1, None, PDFIUM)
        pdf.close()
    return [[g.raw for g in row] for row in fragment.rows]


_CUT_ROWS = (b"BT /F1 12 Tf 60 685 Td (Row A) Tj ET BT /F1 12 Tf 143 685 Td (12) Tj ET BT /F1 12 Tf 260 685 Td (3) Tj ET"
             b" BT /F1 12 Tf 60 665 Td (Row B) Tj ET BT /F1 12 Tf 160 665 Td (45) Tj ET BT /F1 12 Tf 260 665 Td (6) Tj ET")


@pytest.mark.parametrize("finder", [PDFPLUMBER, PDFIUM])
def test_when_a_ruling_line_cuts_a_number_then_the_cells_on_both_sides_are_unreadable(tmp_path, finder):
    rows = _cells(_ruled_pdf(tmp_path, _CUT_ROWS), finder)
    assert [c.unreadable for c in rows[0]] == [CUT_BY_LINE, CUT_BY_LINE, ""]
    assert rows[0][1].text == "" and rows[0][1].shown == "2"
    assert [c.text for c in rows[1]] == ["Row B", "45", "6"]


@pytest.mark.parametrize("finder", [PDFPLUMBER, PDFIUM])
def test_when_a_missing_line_puts_two_numbers_in_one_cell_then_the_cell_is_unreadable(tmp_path, finder):
    text = b"BT /F1 12 Tf 60 685 Td (Row A) Tj ET BT /F1 12 Tf 160 685 Td (4) Tj ET BT /F1 12 Tf 200 685 Td (5) Tj ET"
    text += b" BT /F1 12 Tf 60 665 Td (Row B) Tj ET BT /F1 12 Tf 160 665 Td (45) Tj ET"
    rows = _cells(_ruled_pdf(tmp_path, text), finder)
    assert rows[0][1].unreadable == TWO_NUMBERS
    assert rows[1][1].text == "45" and not rows[1][1].unreadable


def test_when_the_grid_is_one_transformed_path_of_rectangles_then_pdfium_reads_it_like_pdfplumber(tmp_path):
    path = _ruled_pdf(tmp_path, _CUT_ROWS, _RULES_AS_RECTANGLES)
    assert _cells(path, PDFIUM) == _cells(path, PDFPLUMBER)
    assert [c.text for c in _cells(path, PDFIUM)[1]] == ["Row B", "45", "6"]


def test_when_the_grid_is_drawn_inside_a_form_xobject_then_pdfium_reads_it_like_pdfplumber(tmp_path):
    from scripts.make_fixtures import _minimal_pdf
    grid = b"0.5 w 30 710 100 20 re 130 710 100 20 re 230 710 100 20 re 30 690 100 20 re 130 690 100 20 re 230 690 100 20 re S"
    form = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 10 -10] /Length %d >>\nstream\n"
            % len(grid) + grid + b"\nendstream")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    path = tmp_path / "form.pdf"
    path.write_bytes(_minimal_pdf(b"q 1 0 0 1 10 -20 cm /Fm1 Do Q " + _CUT_ROWS,
                                  b"<< /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >>", [font, form]))
    assert _cells(path, PDFIUM) == _cells(path, PDFPLUMBER)
    assert [c.text for c in _cells(path, PDFIUM)[1]] == ["Row B", "45", "6"]


def _reference_pdfs():
    from tests.conftest import REAL
    paths = sorted(FIXTURES.glob("*.pdf")) + [REAL / "huaian-2024.pdf"]
    return [pytest.param(p, id=p.name) for p in paths]


@pytest.mark.parametrize("path", _reference_pdfs())
def test_when_tables_are_found_from_pdfium_geometry_then_the_document_equals_the_pdfplumber_reference(path):
    if not path.exists():
        pytest.skip(f"{path.name} not found (real documents are kept outside the repository)")
    data = path.read_bytes()
    fast = load_pdf(data, path.name, finder=PDFIUM)
    reference = load_pdf(data, path.name, finder=PDFPLUMBER)
    assert fast.tables and fast.tables == reference.tables
    assert fast.text == reference.text


def test_when_pdfium_cannot_read_a_page_geometry_then_pdfplumber_finds_its_tables(monkeypatch):
    data = (FIXTURES / "sample-2021.pdf").read_bytes()
    expected = load_pdf(data, "s.pdf").tables

    def unreadable(page, height):
        raise ValueError("path object pdfium cannot walk")
    monkeypatch.setattr(pdf_loader, "page_edges", unreadable)
    assert load_pdf(data, "s.pdf").tables == expected


@pytest.mark.parametrize("name, code", [
    ("scanned.pdf", "no_text_layer"),
    ("cid-font.pdf", "no_text_layer"),
    ("mojibake-latin.pdf", "no_text_layer"),
    ("encrypted.pdf", "encrypted"),
    ("truncated.pdf", "corrupt"),
])
def test_when_a_pdf_cannot_be_read_then_the_loader_says_why(name, code):
    with pytest.raises(errors.InputProblem) as problem:
        load((FIXTURES / "bad" / name).read_bytes(), name)
    assert problem.value.code == code
    assert problem.value.message


@pytest.mark.parametrize("data", [b"%PDF-1.4\n" + b"\x00garbage" * 50 + b"\n%%EOF\n", b"%PDF-1.7\n%%EOF"])
def test_when_a_pdf_is_damaged_then_it_is_corrupt_not_a_crash(data):
    with pytest.raises(errors.Corrupt):
        load_pdf(data, "broken.pdf")


def _points_at_its_text(document, cell) -> bool:
    """The cell's span shows its text; a label cut by a page break starts with one piece and ends with the other."""
    shown = document.text[cell.start:cell.end]
    if document.page_at(cell.start) == document.page_at(cell.end):
        return shown == cell.text
    return any(shown.startswith(cell.text[:k]) and shown.endswith(cell.text[k:]) for k in range(1, len(cell.text)))


def test_when_cells_are_written_then_each_points_at_its_own_text(huaian):
    for table in huaian.tables:
        for row in table.rows:
            for cell in row:
                assert _points_at_its_text(huaian, cell) or cell.unreadable
    assert Decimal(huaian.tables[0].grid()[-1][1].text) == Decimal("96171.6")


def test_when_the_real_report_is_audited_then_every_cell_of_tables_2_to_4_is_right(huaian):
    from extractors.sections import split_sections
    from extractors.tables import parse_tables
    tables = parse_tables(huaian, split_sections(huaian))
    expected = {cid: Decimal(v) for cid, v in HUAIAN_T2.items()}
    for row, values in zip(layouts.TABLE3_ROWS_2021, HUAIAN_T3):
        expected.update({f"t3.{row.key}.{c.key}": Decimal(v) for c, v in zip(layouts.TABLE3_COLUMNS, values)})
    expected.update(zip(layouts.table4_cell_ids(), map(Decimal, HUAIAN_T4)))
    assert {cid: tables.value(cid) for cid in expected} == expected


HUAIAN_CLAIMS = [("proactive.total", 5500), ("requests.received", 3119), ("requests.handled", 3050),
                 ("requests.carried_over", 34), ("requests.carried_forward", 103), ("review.total", 351),
                 ("review.upheld", 72), ("review.corrected", 64), ("review.other", 178), ("review.pending", 37),
                 ("litigation.total", 46), ("litigation.upheld", 25), ("litigation.corrected", 5),
                 ("litigation.other", 9), ("litigation.pending", 7)]


@pytest.fixture(scope="module")
def huaian_audit(huaian):
    from gidar.pipeline import audit
    from tests.conftest import REAL
    return audit((REAL / "huaian-2024.pdf").read_bytes(), "huaian-2024.pdf")


@pytest.mark.parametrize("metric, value", HUAIAN_CLAIMS)
def test_when_the_real_report_is_audited_then_its_narrative_claims_are_found(huaian_audit, metric, value):
    assert (metric, Decimal(value)) in {(c.metric, c.value) for c in huaian_audit.claims}


def test_when_the_real_report_is_audited_then_nothing_is_wrong(huaian_audit):
    assert huaian_audit.status == "ok"
    assert not [f.message for f in huaian_audit.findings if f.severity == "error"]


# Renderings whose tables have a row that does not fit the columns: the PDF draws
# that row's own column lines, so only the cells row by row can agree, not the grid.
RAGGED = {"seed-003": "table 4's value row has 16 cells under 15 columns, as in the seed's text"}


def _renderings():
    return [pytest.param(p.with_suffix(""), id=p.stem) for p in sorted(FIXTURES.glob("*.docx"))
            if p.with_suffix(".pdf").exists()]


@pytest.mark.parametrize("stem", _renderings())
def test_when_a_report_is_rendered_as_pdf_then_its_tables_are_the_docx_tables(stem):
    """Same rows, columns, spans and texts: page breaks, cut labels and header-only fragments undone."""
    def tables(path):
        document = load(path.read_bytes(), path.name)
        rows = [[[(c.text, c.unreadable) for c in row] for row in t.rows] for t in document.tables]
        grids = [[[(c.text, c.unreadable) if c else None for c in row] for row in t.grid()] for t in document.tables]
        return rows, grids
    pdf_rows, pdf_grids = tables(stem.with_suffix(".pdf"))
    docx_rows, docx_grids = tables(stem.with_suffix(".docx"))
    assert pdf_rows == docx_rows
    if stem.name not in RAGGED:
        assert pdf_grids == docx_grids

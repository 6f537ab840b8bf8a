"""Report documents for test fixtures: the official template filled from data.

Cells are given by canonical id (``t3.granted.total``) and placed by the
layouts in ``extractors.layouts``, so the same data fills the template, the
2019 table-2 variant and the HTML rendering.
"""
from __future__ import annotations

import copy
import html
import io
from pathlib import Path

from extractors import layouts

# A consistent sample report: table arithmetic holds and the narrative agrees.
SAMPLE_TITLE = "某某市某某区人民政府2023年政府信息公开工作年度报告"
SAMPLE_NARRATIVE = {
    "preamble": ["本报告根据《中华人民共和国政府信息公开条例》编制，所列数据统计期限自2023年1月1日至2023年12月31日。"],
    "overview": [
        "（一）主动公开。2023年，区政府主动公开政府信息1150条，其中政策文件45条。制发行政规范性文件5件，废止3件，现行有效规范性文件42件。",
        "（二）依申请公开。全年新收政府信息公开申请44件，上年结转2件，办结43件，结转下年度继续办理3件。",
        "（三）政府信息管理。严格执行公开前保密审查制度。",
        "（四）政府信息公开平台建设。持续优化政府门户网站栏目。",
        "（五）监督保障。发生政府信息公开行政复议3件，行政诉讼1件。",
    ],
    "problems": ["存在的主要问题是政策解读形式较为单一。下一步将丰富解读形式。"],
    "other": ["本年度未收取信息处理费。"],
}

_T3 = {  # row key -> (natural person, commercial, research, social welfare, legal service, other org)
    "new_received": (40, 3, 0, 0, 1, 0), "carried_over": (2, 0, 0, 0, 0, 0),
    "granted": (20, 1, 0, 0, 1, 0), "partially_granted": (5, 0, 0, 0, 0, 0),
    "denied.third_party": (2, 0, 0, 0, 0, 0), "unable.not_held": (8, 1, 0, 0, 0, 0),
    "unable.needs_creation": (2, 0, 0, 0, 0, 0), "not_processed.complaint": (1, 0, 0, 0, 0, 0),
    "not_processed.duplicate": (1, 0, 0, 0, 0, 0), "other.no_correction": (1, 0, 0, 0, 0, 0),
    "total_processed": (40, 2, 0, 0, 1, 0), "carried_to_next_year": (2, 1, 0, 0, 0, 0),
}


def _sample_cells() -> dict[str, str]:
    cells = {"t2.regulations.issued": "2", "t2.regulations.repealed": "1", "t2.regulations.in_force": "15",
             "t2.normative_docs.issued": "5", "t2.normative_docs.repealed": "3",
             "t2.normative_docs.in_force": "42", "t2.licensing.decisions": "1236",
             "t2.penalty.decisions": "87", "t2.coercion.decisions": "12", "t2.fees.amount": "3.25"}
    for row in layouts.TABLE3_ROWS_2021:
        values = _T3.get(row.key, (0,) * 6)
        for column, value in zip(layouts.TABLE3_COLUMNS, values + (sum(values),)):
            cells[f"t3.{row.key}.{column.key}"] = str(value)
    t4 = (1, 1, 0, 1, 3, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0)
    cells.update(zip(layouts.table4_cell_ids(), map(str, t4)))
    return cells


SAMPLE_CELLS = _sample_cells()
SAMPLE_CELLS_2019 = {k: v for k, v in SAMPLE_CELLS.items() if not k.startswith("t2.")} | {
    "t2.regulations.made": "2", "t2.regulations.published": "2", "t2.regulations.public_total": "15",
    "t2.normative_docs.made": "5", "t2.normative_docs.published": "5", "t2.normative_docs.public_total": "42",
    "t2.licensing.previous": "310", "t2.licensing.change": "-4", "t2.licensing.decisions": "1236",
    "t2.other_services.previous": "95", "t2.other_services.change": "2", "t2.other_services.decisions": "410",
    "t2.penalty.previous": "520", "t2.penalty.change": "0", "t2.penalty.decisions": "87",
    "t2.coercion.previous": "31", "t2.coercion.change": "1", "t2.coercion.decisions": "12",
    "t2.fees.previous": "6", "t2.fees.change": "-1",
    "t2.procurement.count": "18", "t2.procurement.amount": "356.8",
}

# Template table 2 (2021): row index -> (row key, first value column).
_T2_2021_ROWS = {2: "regulations", 3: "normative_docs", 6: "licensing", 9: "penalty", 10: "coercion", 13: "fees"}
_T3_FIRST_DATA_ROW, _T3_FIRST_VALUE_COLUMN = 3, 3


def _set_text(cell, text: str) -> None:
    paragraphs = cell.paragraphs
    paragraphs[0].text = text
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)


def _fill_2021_table2(table, cells: dict[str, str]) -> None:
    columns_of = {r.key: b.columns for b in layouts.TABLE2_2021.blocks for r in b.rows}
    for index, key in _T2_2021_ROWS.items():
        row = table.rows[index]
        for offset, column in enumerate(columns_of[key]):
            _set_text(row.cells[1 + offset], cells.get(f"t2.{key}.{column.key}", ""))


def _build_2019_table2(document, cells: dict[str, str]):
    """The 2019 table 2: four columns, one header row per item of 第二十条."""
    rows = []
    for block in layouts.TABLE2_2019.blocks:
        rows.append(("head", f"第二十条第（{block.item}）项"))
        rows.append(("labels", ["信息内容"] + [c.label for c in block.columns]))
        for row in block.rows:
            rows.append(("values", [row.label] + [cells.get(f"t2.{row.key}.{c.key}", "") for c in block.columns]))
    table = document.add_table(rows=len(rows), cols=4)
    table.style = document.tables[0].style
    for i, (kind, content) in enumerate(rows):
        if kind == "head":
            merged = table.cell(i, 0).merge(table.cell(i, 3))
            _set_text(merged, content)
            continue
        for j, text in enumerate(content):
            _set_text(table.cell(i, j), text)
        if len(content) < 4:
            _set_text(table.cell(i, len(content) - 1).merge(table.cell(i, 3)), content[-1])
    _borders(table)
    return table


def _borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "6")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def _fill_table3(table, cells: dict[str, str]) -> None:
    for i, row in enumerate(layouts.TABLE3_ROWS_2021):
        tr = table.rows[_T3_FIRST_DATA_ROW + i]
        for j, column in enumerate(layouts.TABLE3_COLUMNS):
            _set_text(tr.cells[_T3_FIRST_VALUE_COLUMN + j], cells.get(f"t3.{row.key}.{column.key}", ""))


def _fill_table4(table, cells: dict[str, str], fields: list[str] | None = None) -> None:
    """The value row; ``fields`` replaces it as printed when the source row had a wrong field count."""
    tr = table.rows[3]
    if fields is None:
        fields = [cells.get(cell_id, "") for cell_id in layouts.table4_cell_ids()]
    tcs = tr._tr.tc_lst
    grid = table._tbl.tblGrid
    for _ in range(len(fields) - len(tcs)):
        tcs[-1].addnext(copy.deepcopy(tcs[-1]))
        grid.append(copy.deepcopy(grid.gridCol_lst[-1]))  # room for the extra field, or it is clipped
    for tc in tr._tr.tc_lst[len(fields):]:
        tr._tr.remove(tc)
    for cell, text in zip(tr.cells, fields):
        _set_text(cell, text)


def _insert_after(paragraph, texts: list[str]) -> None:
    from docx.text.paragraph import Paragraph

    anchor = paragraph
    for text in texts:
        element = copy.deepcopy(paragraph._p)
        anchor._p.addnext(element)
        anchor = Paragraph(element, paragraph._parent)
        anchor.text = text


def _fill_narrative(document, narrative: dict[str, list[str]], title: str) -> None:
    paragraphs = document.paragraphs
    heading = next(p for p in paragraphs if "年度报告" in p.text)
    heading.text = title
    _insert_after(heading, narrative.get("preamble", []))
    placeholders = [p for p in document.paragraphs if p.text.startswith("（文字描述")]
    for paragraph, key in zip(placeholders, ("overview", "problems", "other")):
        texts = narrative.get(key) or [""]
        paragraph.text = texts[0]
        _insert_after(paragraph, texts[1:])


def fill_template(template: Path, narrative: dict[str, list[str]], cells: dict[str, str],
                  title: str = SAMPLE_TITLE, printed_rows: dict[str, list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document(str(template))
    _fill_narrative(document, narrative, title)
    table2, table3, table4 = document.tables[:3]
    if "t2.regulations.made" in cells:
        replacement = _build_2019_table2(document, cells)
        table2._tbl.addprevious(replacement._tbl)
        table2._tbl.getparent().remove(table2._tbl)
    else:
        _fill_2021_table2(table2, cells)
    _fill_table3(table3, cells)
    _fill_table4(table4, cells, (printed_rows or {}).get("t4"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def html_of(docx_bytes: bytes, title: str, encoding: str = "utf-8") -> bytes:
    """The report as a portal page: paragraphs, and tables with rowspan/colspan."""
    from extractors.loaders.docx import load_docx

    document = load_docx(docx_bytes, title + ".docx")
    parts, cursor = [], 0
    for table in document.tables:
        parts += [f"<p>{html.escape(line)}</p>" for line in document.text[cursor:table.start].splitlines() if line]
        rows = []
        for row in table.rows:
            tds = "".join(
                f"<td{f' colspan={c.colspan}' if c.colspan > 1 else ''}{f' rowspan={c.rowspan}' if c.rowspan > 1 else ''}>"
                f"{html.escape(c.text)}</td>" for c in row)
            rows.append(f"<tr>{tds}</tr>")
        parts.append('<table border="1" cellspacing="0">\n' + "\n".join(rows) + "\n</table>")
        cursor = table.end
    parts += [f"<p>{html.escape(line)}</p>" for line in document.text[cursor:].splitlines() if line]
    charset = "gb2312" if encoding == "gbk" else encoding
    page = (f'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{html.escape(title)}</title></head>\n<body>\n" + "\n".join(parts) + "\n</body></html>\n")
    return page.encode(encoding)


def seed_report(path: Path):
    """(narrative, cells, title, printed rows) of a seed .txt as gidar reads it; None until tables parse.

    A table-4 value row that the parser could not place (16 fields for 15
    cells) is kept as printed, so the renderings carry the same defect rather
    than values the text never gave.
    """
    try:
        from extractors.tables import parse_tables
    except ImportError:
        return None
    from extractors.cleaning import mask_artifacts
    from extractors.loaders.txt import load_txt
    from extractors.sections import split_sections
    from gidar.domain import number_to_json

    document = load_txt(path.read_bytes(), path.name)
    sections = split_sections(document)
    text = mask_artifacts(document.text)
    narrative: dict[str, list[str]] = {}
    title = ""
    for section in sections:
        lines = [ln.strip() for ln in text[section.start:section.end].splitlines() if ln.strip()]
        if section.id == "preamble":
            title, narrative["preamble"] = (lines[0] if lines else ""), lines[1:]
        elif section.id in ("overview", "problems", "other"):
            narrative[section.id] = lines[1:] if section.number else lines
    cells = {}
    tables = parse_tables(document, sections)
    printed_rows = {p.table: document.text[p.start:p.end].split("\t") for p in tables.problems
                    if p.code == "row_field_count" and p.table == "t4" and p.start is not None}
    for cell_id, cell in tables.cells.items():
        if cell.state == "value":
            cells[cell_id] = str(number_to_json(cell.value))
        elif cell.state in ("na", "unreadable"):
            cells[cell_id] = cell.raw or "/"
        else:
            cells[cell_id] = ""
    return narrative, cells, title or path.stem, printed_rows

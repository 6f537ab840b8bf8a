"""The standard tables (二, 三, 四) as cells by canonical id (DESIGN.md §2).

Structure first: a docx/html table or PDF ruling lines give rows and columns
outright.  Otherwise the table is read from the text of its section in
whichever layout extraction left it.  Rows are found by label similarity,
values aligned only where the alignment is certain; everything the parser
could not read is an unreadable cell with a ``TableProblem`` saying why.
"""
from __future__ import annotations

from extractors.layouts import (TABLE2_LAYOUTS, TABLE2_VERSION_MARKERS, TABLE3_COLUMNS, TABLE3_ROWS_2021,
                                TABLE3_ROWS_OLD, TABLE4_COLUMNS, TABLE4_GROUPS, TABLE_NAMES)
from extractors.labels import normalize_label, similarity
from extractors.tables.align import align, trimmed
from extractors.tables.assemble import RowSpec, match_rows, missing_table, read_rows
from extractors.tables.cells import read_cell, unreadable_cell
from extractors.tables.locate import TABLE_IDS, anchored_span, section_span, structured_tables
from extractors.tables.rows import Row, header_texts, rows_from_source_tables, rows_from_text
from gidar.domain import Cell, Document, Section, TableProblem, Tables

__all__ = ["parse_tables", "detect_table2_version"]

VERSION_MARKER_SIMILARITY = 0.75
T3_OTHER_2021 = ("other.no_correction", "other.unpaid_fee", "other.other")


def table2_specs(version: str) -> list[RowSpec]:
    return [RowSpec(f"t2.{r.key}", r.label, r.aliases, tuple(c.key for c in b.columns))
            for b in TABLE2_LAYOUTS[version].blocks for r in b.rows]


def table3_specs(rows) -> list[RowSpec]:
    return [RowSpec(f"t3.{r.key}", r.label, r.aliases, tuple(c.key for c in TABLE3_COLUMNS)) for r in rows]


def detect_table2_version(headers: list[str]) -> str | None:
    """The version whose header words the table prints most (by similarity, so typos still count)."""
    markers = {v: [normalize_label(m) for m in ms] for v, ms in TABLE2_VERSION_MARKERS.items()}
    votes = dict.fromkeys(markers, 0)
    for text in headers:
        norm = normalize_label(text)
        if not norm or len(norm) > 40:
            continue
        scores = {v: max(similarity(norm, m) for m in ms) for v, ms in markers.items()}
        best = max(scores, key=scores.get)
        if scores[best] >= VERSION_MARKER_SIMILARITY and list(scores.values()).count(scores[best]) == 1:
            votes[best] += 1
    best = max(votes, key=votes.get)
    return best if votes[best] and list(votes.values()).count(votes[best]) == 1 else None


def _table2(rows: list[Row], headers: list[str], document):
    version = detect_table2_version(headers)
    if version is None:
        # No header words: the version whose row labels the table prints (2019 has rows 2021 lacks).
        found = {v: match_rows(rows, table2_specs(v)) for v in TABLE2_LAYOUTS}
        only_2019 = set(found["2019"]) - set(found["2021"]) - {"t2.normative_docs"}
        version = "2019" if only_2019 else ("2021" if found["2021"] else None)
        if version is None:
            return {}, [], None
    specs = table2_specs(version)
    printed = match_rows(rows, specs)
    if not printed:
        return {}, [], version
    cells, problems = read_rows("t2", specs, printed, document)
    return cells, problems, version


def _table3(rows: list[Row], document):
    specs_all = table3_specs(TABLE3_ROWS_2021) + [s for s in table3_specs(TABLE3_ROWS_OLD) if s.key == "t3.other"]
    printed = match_rows(rows, specs_all)
    if not printed:
        return {}, []
    old = "t3.other" in printed and not any(f"t3.{k}" in printed for k in T3_OTHER_2021)
    specs = table3_specs(TABLE3_ROWS_OLD if old else TABLE3_ROWS_2021)
    cells, problems = read_rows("t3", specs, {k: v for k, v in printed.items() if any(s.key == k for s in specs)},
                                document, use_empty_columns=True)
    return cells, problems + _empty_columns(cells, specs)


def _empty_columns(cells: dict[str, Cell], specs: list[RowSpec]) -> list[TableProblem]:
    """Applicant columns blank in every row while the table prints numbers: likely left out."""
    if not any(c.state == "value" for c in cells.values()):
        return []
    columns = [c for c in TABLE3_COLUMNS
               if all(cells[f"{s.key}.{c.key}"].state == "blank" for s in specs)]
    if not columns:
        return []
    ids = tuple(f"{s.key}.{c.key}" for s in specs for c in columns)
    names = "、".join(f"“{c.label}”" for c in columns)
    return [TableProblem("t3", "empty_columns",
                         f"{TABLE_NAMES['t3']}{names}列在每一行都为空（空白，不是0），可能漏填", ids)]


def _table4(rows: list[Row], document):
    """Table 4 prints one row of fifteen values under its headers (sometimes wrapped or split)."""
    ids = [f"t4.{g.key}.{c.key}" for g in TABLE4_GROUPS for c in TABLE4_COLUMNS]
    first = next((i for i, r in enumerate(rows) if r.has_values), None)
    if first is None:
        return {}, []
    value_rows = [rows[first]]
    for row in rows[first + 1:]:  # a row wrapped onto the next line carries no label of its own
        if not row.has_values or row.labels:
            break
        value_rows.append(row)
    values = tuple(f for r in value_rows for f in (trimmed(r.values) if r is not value_rows[-1] else r.values))
    start, end = value_rows[0].start, value_rows[-1].end
    fields = align(values, len(ids))
    if fields is None:
        actual = len(trimmed(values))
        note = f"数值行有{actual}个字段，应为{len(ids)}个，无法确定对应关系"
        problem = TableProblem("t4", "row_field_count",
                               f"{TABLE_NAMES['t4']}数值行有{actual}个字段，应为{len(ids)}个单元格，"
                               f"无法确定各字段属于哪一列，{len(ids)}个单元格全部无法识别", tuple(ids), start, end)
        return {cid: unreadable_cell(cid, note, start, end, document) for cid in ids}, [problem]
    return {cid: read_cell(cid, f, document) for cid, f in zip(ids, fields)}, []


def _rows_for(table: str, document: Document, sections: tuple[Section, ...], structured):
    """Candidate row sets for a table, best source first: structure, its section, the text around its labels.

    Lazy: the text is read around the labels only when the section gave nothing.
    """
    if structured.get(table):
        pieces = structured[table]
        yield rows_from_source_tables(pieces), lambda: [c.text for t in pieces for row in t.rows for c in row if c.text]
    seen = set()
    for span in (section_span(sections, table), anchored_span(document.text, table)):
        if span is None or span in seen:
            continue
        seen.add(span)
        yield rows_from_text(document.text, *span), lambda span=span: header_texts(document.text, *span)


def parse_tables(document: Document, sections: tuple[Section, ...]) -> Tables:
    """Cells of tables 2, 3 and 4; a table not found gets a ``table_missing`` problem, never guessed cells."""
    structured = structured_tables(document)
    cells: dict[str, Cell] = {}
    problems: list[TableProblem] = []
    found: list[str] = []
    version = None
    for table in TABLE_IDS:
        result = None
        for rows, headers in _rows_for(table, document, sections, structured):
            if table == "t2":
                t_cells, t_problems, t_version = _table2(rows, headers(), document)
            else:
                t_cells, t_problems = (_table3 if table == "t3" else _table4)(rows, document)
                t_version = None
            if t_cells:
                result = (t_cells, t_problems, t_version)
                break
        if result is None:
            problems.append(missing_table(table))
            continue
        cells.update(result[0])
        problems += result[1]
        found.append(table)
        version = result[2] or version
    return Tables(cells=cells, format_version=version, problems=tuple(problems), found=tuple(found))

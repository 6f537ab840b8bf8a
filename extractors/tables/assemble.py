"""From printed rows to cells: match each row to the layout by its label, align its values, say what failed."""
from __future__ import annotations

from dataclasses import dataclass

from extractors.labels import best_match
from extractors.layouts import TABLE_NAMES
from extractors.tables.align import align, empty_columns_of, is_certain, trimmed
from extractors.tables.cells import read_cell, unreadable_cell
from extractors.tables.rows import Row
from gidar.domain import Cell, TableProblem

MATCH_THRESHOLD = 0.6


@dataclass(frozen=True)
class RowSpec:
    """A row of a layout as the parser needs it: its cell-id prefix, labels and column keys."""

    key: str  # "t3.granted", "t2.licensing"
    label: str
    labels: tuple[str, ...]
    columns: tuple[str, ...]


def row_score(row: Row, spec_labels: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str | None, float]:
    """The best layout row for a printed row over its label readings (later readings weigh a little less)."""
    best_key, best = None, 0.0
    for rank, option in enumerate(row.labels):
        key, score = best_match(option, spec_labels, MATCH_THRESHOLD)
        score *= 1.0 - 0.02 * rank
        if key is not None and score > best:
            best_key, best = key, score
    return best_key, best


def match_rows(rows: list[Row], specs: list[RowSpec]) -> dict[str, Row]:
    """Each layout row's printed row: the best-scoring one, preferring rows that print values.

    A row printing no value at all counts only with a field for every column,
    so a header line ending in 总计 or 其他 is not taken for a data row.
    """
    candidates = tuple((s.key, (s.label,) + s.labels) for s in specs)
    chosen: dict[str, tuple[tuple[bool, float], Row]] = {}
    min_fields = min((len(s.columns) for s in specs), default=1)
    for row in rows:
        if not row.labels or not (row.has_values or len(row.values) >= min_fields):
            continue
        key, score = row_score(row, candidates)
        if key is None:
            continue
        rank = (row.has_values, score)
        if key not in chosen or rank > chosen[key][0]:
            chosen[key] = (rank, row)
    return {k: r for k, (_, r) in chosen.items()}


def read_rows(table: str, specs: list[RowSpec], printed: dict[str, Row], document,
              use_empty_columns: bool = False) -> tuple[dict[str, Cell], list[TableProblem]]:
    """Cells of every layout row; rows not found or not alignable become unreadable, with a problem."""
    cells: dict[str, Cell] = {}
    problems: list[TableProblem] = []
    empty_cols: frozenset[int] = frozenset()
    if use_empty_columns and specs:
        n = len(specs[0].columns)
        certain = [align(printed[s.key].values, n) for s in specs
                   if s.key in printed and is_certain(printed[s.key].values, n)]
        empty_cols = empty_columns_of([c for c in certain if c is not None], n)
    missing: list[str] = []
    missing_labels: list[str] = []
    for spec in specs:
        ids = [f"{spec.key}.{c}" for c in spec.columns]
        row = printed.get(spec.key)
        if row is None:
            missing += ids
            missing_labels.append(f"“{spec.label if len(spec.label) <= 16 else spec.labels[0] if spec.labels else spec.label[:16]}”")
            cells.update((cid, unreadable_cell(cid, "表中未找到此行")) for cid in ids)
            continue
        fields = align(row.values, len(ids), empty_cols)
        if fields is None:
            actual = len(trimmed(row.values))
            note = f"该行有{actual}个数值字段，应为{len(ids)}个，无法确定对应关系"
            cells.update((cid, unreadable_cell(cid, note, row.start, row.end, document)) for cid in ids)
            problems.append(TableProblem(
                table, "row_field_count",
                f"{TABLE_NAMES[table]}“{spec.label}”行有{actual}个数值字段，应为{len(ids)}个，"
                f"无法确定各字段属于哪一列，该行{len(ids)}个单元格无法识别",
                tuple(ids), row.start, row.end))
            continue
        cells.update((cid, read_cell(cid, f, document)) for cid, f in zip(ids, fields))
    if missing:
        names = "、".join(missing_labels[:3]) + ("等" if len(missing_labels) > 3 else "")
        problems.append(TableProblem(table, "row_missing",
                                     f"{TABLE_NAMES[table]}未找到{names}{len(missing_labels)}行，其{len(missing)}个单元格无法识别",
                                     tuple(missing)))
    return cells, problems


def missing_table(table: str) -> TableProblem:
    return TableProblem(table, "table_missing", f"未找到{TABLE_NAMES[table]}")

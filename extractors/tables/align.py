"""Fields to columns, only where the alignment is certain.

A row may print more or fewer fields than its table has columns: merged
cells, a label shifted into the wrong column, a separator tab at the end.
Every admissible way of dropping empty fields or inserting blank cells is
considered; when all of them put the same field in every column the reading
is certain, otherwise the row is unreadable.  Numbers are never dropped and
never moved on a hunch.

Trailing empty fields are separators and padding, not cells: Word pads a
row with them after merged cells, and a shifted label pushes them to the end.
Leading empty fields are blank cells.
"""
from __future__ import annotations

from itertools import combinations

from extractors.tables.cells import Field

MAX_ALIGNMENTS = 5000
BLANK_SLOT = -1


def trimmed(values: tuple[Field, ...]) -> tuple[Field, ...]:
    end = len(values)
    while end and values[end - 1].empty:
        end -= 1
    return values[:end]


class _TooMany(Exception):
    pass


def _readings(fields: tuple[Field, ...], n: int):
    """Every admissible reading as a tuple of field indexes per column (BLANK_SLOT: a blank cell)."""
    k = len(fields)
    slot = [i if not f.empty else BLANK_SLOT for i, f in enumerate(fields)]
    if k == n:
        yield tuple(slot)
        return
    if k > n:
        empties = [i for i, f in enumerate(fields) if f.empty]
        if len(empties) < k - n:
            return
        for count, dropped in enumerate(combinations(empties, k - n)):
            if count > MAX_ALIGNMENTS:
                raise _TooMany
            gone = set(dropped)
            yield tuple(slot[i] for i in range(k) if i not in gone)
        return
    for count, inserted in enumerate(combinations(range(n), n - k)):
        if count > MAX_ALIGNMENTS:
            raise _TooMany
        out, it, blanks = [], iter(slot), set(inserted)
        for col in range(n):
            out.append(BLANK_SLOT if col in blanks else next(it))
        yield tuple(out)


def _distinct(fields: tuple[Field, ...], n: int, stop_at_two: bool) -> set[tuple[int, ...]]:
    distinct: set[tuple[int, ...]] = set()
    try:
        for reading in _readings(fields, n):
            distinct.add(reading)
            if stop_at_two and len(distinct) > 1:
                break
    except _TooMany:
        return set()
    return distinct


def align(values: tuple[Field, ...], n: int,
          empty_columns: frozenset[int] = frozenset()) -> tuple[Field | None, ...] | None:
    """The field printed in each of ``n`` columns (None: blank), or None when it is not certain.

    ``empty_columns`` are columns blank in every row of the table that reads
    with certainty; a row whose readings differ is still certain when only
    one of them keeps its blank cells within those columns (seed 003: three
    applicant columns left empty, one of them lost from most rows).
    """
    fields = trimmed(values)
    distinct = _distinct(fields, n, stop_at_two=not empty_columns)
    if len(distinct) > 1 and empty_columns:
        always_blank = {c for c in range(n) if all(r[c] == BLANK_SLOT for r in distinct)}
        allowed = empty_columns | always_blank
        distinct = {r for r in distinct
                    if all(c in allowed for c in range(n) if r[c] == BLANK_SLOT)}
    if len(distinct) != 1:
        return None
    (reading,) = distinct
    return tuple(fields[i] if i != BLANK_SLOT else None for i in reading)


def is_certain(values: tuple[Field, ...], n: int) -> bool:
    return len(_distinct(trimmed(values), n, stop_at_two=True)) == 1


def empty_columns_of(rows: list[tuple[Field | None, ...]], n: int) -> frozenset[int]:
    """Columns blank in every one of at least two certain rows, unless that is every column."""
    if len(rows) < 2:
        return frozenset()
    cols = frozenset(c for c in range(n) if all(r[c] is None for r in rows))
    return cols if len(cols) < n else frozenset()

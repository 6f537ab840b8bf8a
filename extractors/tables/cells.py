"""One printed cell to one ``Cell``: a number, blank, not applicable, or unreadable.

Blank (printed empty) is never 0, and a marker such as ``/`` or ``无`` says
the item does not apply; both are kept apart from values so the reconciler
does not compare what was never stated.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal, InvalidOperation

from gidar.domain import BLANK, NA, UNREADABLE, VALUE, Cell

NA_MARKERS = frozenset({"/", "\\", "-", "--", "—", "——", "–", "−", "无", "不适用", "×", "x", "X", "…"})
_UNITS = "件|条|个|项|次|万元|元|起"
_NUMBER = re.compile(rf"^[+-]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:{_UNITS})?$")
# Whitespace that Word and PDF leave around cell text (en space, nbsp, ideographic space …).
_SPACE = " \t\r\n\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff"


@dataclass(frozen=True)
class Field:
    """One field of a row as the source shows it, with offsets of its visible characters."""

    text: str
    start: int | None = None
    end: int | None = None
    unreadable: str = ""  # the loader's reason when it lost the text

    @property
    def empty(self) -> bool:
        return not self.text and not self.unreadable


def fold(text: str) -> str:
    """Full-width to half-width, surrounding spaces dropped: ``　０`` reads as ``0``."""
    return unicodedata.normalize("NFKC", text).strip(_SPACE).replace(" ", "")


_SPLIT_DIGITS = re.compile(r"\d\s+\d")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?: \d{3})+")


@lru_cache(maxsize=8192)
def is_value_text(text: str) -> bool:
    """A number, an n/a marker, or nothing: what a value cell may hold."""
    s = fold(text)
    return not s or s in NA_MARKERS or bool(_NUMBER.match(s))


def read_cell(cell_id: str, field: Field | None, document=None) -> Cell:
    """The cell printed by ``field`` (None: the source printed nothing there)."""
    if field is None or field.empty:
        start = field.start if field is not None else None
        return Cell(cell_id, BLANK, None, "", start, field.end if field is not None else None, _page(document, start))
    page = _page(document, field.start)
    if field.unreadable:
        return Cell(cell_id, UNREADABLE, None, field.text, field.start, field.end, page, field.unreadable)
    s = fold(field.text)
    if s in NA_MARKERS:
        return Cell(cell_id, NA, None, field.text, field.start, field.end, page)
    inner = unicodedata.normalize("NFKC", field.text).strip(_SPACE)
    if _SPLIT_DIGITS.search(inner) and not _THOUSANDS.fullmatch(inner):
        # "0 4" is two numbers that lost their cell border, not 4: never guess which is ours.
        return Cell(cell_id, UNREADABLE, None, field.text, field.start, field.end, page,
                    f"单元格“{field.text}”含被空白隔开的数字，无法确定数值")
    if _NUMBER.match(s):
        try:
            value = Decimal(re.sub(rf"(?:{_UNITS})$", "", s).replace(",", "").lstrip("+"))
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            value = None
        if value is not None:
            return Cell(cell_id, VALUE, value, field.text, field.start, field.end, page)
    return Cell(cell_id, UNREADABLE, None, field.text, field.start, field.end, page,
                f"无法识别的单元格内容“{field.text}”")


def unreadable_cell(cell_id: str, note: str, start: int | None = None, end: int | None = None,
                    document=None) -> Cell:
    return Cell(cell_id, UNREADABLE, None, "", start, end, _page(document, start), note)


def _page(document, offset: int | None) -> int | None:
    return document.page_at(offset) if document is not None and offset is not None else None

"""Mask extraction artifacts without moving a single character.

Artifacts (``[bookmark: _GoBack]``, markdown ``#`` marks, page footers such as
``- 3 -`` or ``第 3 页``, ``(此页无正文)``) are overwritten with spaces of the
same length, so the masked text shares every offset with the text as loaded
and no offset map is needed downstream.
"""
from __future__ import annotations

import re

_ARTIFACTS = re.compile(
    r"\[bookmark:[^\]\n]*\]"  # Word bookmarks
    r"|^[ \t]*#{1,6}[ \t]*"  # markdown heading marks
    r"|^[ \t]*[-—–－][ \t]*\d{1,3}[ \t]*[-—–－][ \t]*$"  # - 3 -
    r"|^[ \t]*第[ \t]*\d{1,3}[ \t]*页([ \t]*[,，/]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?[ \t]*$"
    r"|^[ \t]*\d{1,3}[ \t]*/[ \t]*\d{1,3}[ \t]*$"  # 3/6
    r"|[（(]此页无正文[）)]",
    re.M,
)


def mask_artifacts(text: str) -> str:
    """The text with artifacts blanked out; same length, same offsets."""
    return _ARTIFACTS.sub(lambda m: " " * len(m.group()), text)

"""A stable key per agency, so one agency's reports link across years.

Reports name their agency in many ways: ``建德市钦堂乡人民政府``, ``建德市钦堂乡``,
``建德市 钦堂乡人民政府办公室``, ``建德市钦堂乡（政府）``.  The key drops what
varies between years (spaces, brackets, full-width forms, the 人民政府/办公室
suffixes) and keeps the region prefix, because ``城关镇`` exists in hundreds
of counties and only its county tells them apart.
"""
from __future__ import annotations

import re
import unicodedata

_BRACKETS = re.compile(r"[（(【\[〔][^）)】\]〕]*[）)】\]〕]")
_NOISE = re.compile(r"[\s·•・.,，、:：;；\"“”'‘’《》<>]+")
_YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}年度?")
# Suffixes that name the same agency's government or its office, longest first.
_SUFFIXES = ("人民政府办公室", "人民政府办公厅", "人民政府办", "政府办公室", "政府办公厅",
             "人民政府", "政府办", "政府", "办事处")
# Administrative units at county level or above: the region an agency sits in.
# Filler excludes town-level characters so a 社区 inside a town is not a district.
_REGION = re.compile(
    r"^(?:[^乡镇街]{1,12}?(?:省|自治区|特别行政区))?"
    r"(?:[^乡镇街]{1,12}?(?:市|自治州|地区|盟))?"
    r"(?:[^乡镇街]{1,12}?(?:自治县|自治旗|县|区|旗|市))?")


def agency_key(agency: str | None) -> str | None:
    """The agency's name as a key: same agency, same key, whatever the year's spelling."""
    if not agency:
        return None
    name = unicodedata.normalize("NFKC", agency)
    name = _BRACKETS.sub("", name)
    name = _NOISE.sub("", name)
    name = _YEAR_PREFIX.sub("", name)
    stripped = True
    while stripped:
        stripped = False
        for suffix in _SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                name = name[: -len(suffix)]
                stripped = True
                break
    return name or None


def region_of(agency: str | None) -> str | None:
    """The county-or-above prefix of an agency (``建德市`` of ``建德市钦堂乡``), or None."""
    key = agency_key(agency)
    if not key:
        return None
    region = _REGION.match(key).group(0)
    return region or None

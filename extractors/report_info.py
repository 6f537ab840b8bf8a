"""Which agency a report is from and which year it covers."""
from __future__ import annotations

import re
from collections import Counter

from extractors.cleaning import mask_artifacts
from gidar.domain import Document, ReportInfo, Section, Tables

_TITLE = re.compile(r"^(?P<agency>.*?)\s*(?:(?P<year>(?:19|20)\d{2})\s*年\s*度?)?\s*(?:政府)?(?:信息|政务)公开(?:工作)?(?:年度)?(?:报告|年报)")
_AGENCY_END = re.compile(r"(人民政府|政府|办公室|办公厅|委员会|局|厅|委|办|中心|院|所|街道|街道办事处|管理委员会|乡|镇|署|部|会|处|站|队|公司)$")
_PERIOD = re.compile(r"统计期限?[^。\n]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SIGNATURE_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def _lines(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", l).strip(" #*") for l in text.split("\n") if l.strip(" \t#*\u3000")]


def _clean_agency(name: str) -> str | None:
    name = re.sub(r"[\s《》“”\"]+", "", name).strip("：:，,。")
    return name if 2 <= len(name) <= 40 else None


def read_agency(preamble: str, trailer: str) -> str | None:
    lines = _lines(preamble)[:8]
    for i, line in enumerate(lines):
        m = _TITLE.match(line)
        if not m:
            continue
        agency = _clean_agency(m.group("agency") or "")
        previous = _clean_agency(lines[i - 1]) if i > 0 else None
        if previous and _AGENCY_END.search(previous) and (not agency or agency in previous or previous.startswith(agency)):
            return previous
        if agency:
            return agency
        if previous:
            return previous
    for line in reversed(_lines(trailer)):
        if _SIGNATURE_DATE.search(line) or "此页无正文" in line:
            continue
        agency = _clean_agency(line)
        if agency and _AGENCY_END.search(agency):
            return agency
    return None


def read_year(text: str, preamble: str, overview: str) -> int | None:
    """The report year: title, then 统计期限, then the year the overview speaks of most."""
    for line in _lines(preamble)[:8]:
        m = _TITLE.match(line)
        if m and m.group("year"):
            return int(m.group("year"))
    m = _PERIOD.search(text[:3000])
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in _YEAR.findall(overview[:4000]) if 1990 < int(y) < 2100)
    if years:
        return years.most_common(1)[0][0]
    return None


def read_report_info(document: Document, sections: tuple[Section, ...], tables: Tables) -> ReportInfo:
    text = mask_artifacts(document.text)
    by_id = {s.id: s for s in sections}
    standard = [s for s in sections if s.number is not None]
    preamble = text[: standard[0].start] if standard else text[:600]
    trailer = text[by_id["trailer"].start:] if "trailer" in by_id else text[-300:]
    overview = text[by_id["overview"].start:by_id["overview"].end] if "overview" in by_id else text
    return ReportInfo(agency=read_agency(preamble, trailer), year=read_year(text, preamble, overview),
                      format_version=tables.format_version)

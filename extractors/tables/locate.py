"""Where each standard table is: a structured source table, or a span of the text.

Source tables are recognised by the labels they contain, not by position; a
table split at a page break (with or without its header repeated) comes back
as several source tables, and the pieces that carry no signature of their
own are joined to the table before them.  In text, a table's span is its
section; when the section is missing, the span around the table's
signature labels.
"""
from __future__ import annotations

import re

from extractors.labels import normalize_label
from gidar.domain import Document, Section, SourceTable

TABLE_IDS = ("t2", "t3", "t4")
SECTION_OF = {"t2": "proactive", "t3": "requests", "t4": "review"}
SIGNATURES = {
    "t2": ("第二十条", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额",
           "行政许可", "行政处罚", "行政强制", "行政事业性收费", "本年新制作数量", "对外公开总数量",
           "上一年项目数量", "政府集中采购"),
    "t3": ("申请人情况", "自然人", "商业企业", "科研机构", "本年新收", "上年结转", "予以公开", "部分公开",
           "不予公开", "无法提供", "不予处理", "其他处理", "结转下年度"),
    "t4": ("行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉"),
}
# The first label of each table in the text; the span runs from its line to the next table's.
ANCHORS = {"t2": ("第二十条第",), "t3": ("本年新收", "上年结转"), "t4": ("结果维持", "尚未审结", "复议后起诉")}
MAX_SPAN = {"t2": 4000, "t3": 8000, "t4": 1500}
_ANCHOR_PATTERNS = {t: re.compile("|".join(r"\s*".join(map(re.escape, w)) for w in words))
                    for t, words in ANCHORS.items()}


def signature_score(text: str, table: str) -> int:
    norm = normalize_label(text)
    return sum(1 for word in SIGNATURES[table] if word in norm)


def classify(table: SourceTable) -> str | None:
    """Which standard table a source table holds, by the signature labels it prints."""
    text = "".join(c.text for row in table.rows for c in row)
    scores = {t: signature_score(text, t) for t in TABLE_IDS}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 2 else None


def structured_tables(document: Document) -> dict[str, list[SourceTable]]:
    """Source tables by standard table; continuations without a signature join the table before them."""
    out: dict[str, list[SourceTable]] = {}
    current = None
    for table in sorted(document.tables, key=lambda t: t.start):
        kind = classify(table)
        if kind is None and current is not None:
            out[current].append(table)
            continue
        if kind is not None:
            out.setdefault(kind, []).append(table)
        current = kind
    return out


def section_span(sections: tuple[Section, ...], table: str) -> tuple[int, int] | None:
    for s in sections:
        if s.id == SECTION_OF[table]:
            return s.start, s.end
    return None


def anchored_span(text: str, table: str) -> tuple[int, int] | None:
    """From the line of a table's first signature label to the next table's (spaces inside labels allowed)."""
    m = _ANCHOR_PATTERNS[table].search(text)
    if not m:
        return None
    at = m.start()
    start = text.rfind("\n", 0, at) + 1
    end = min(len(text), at + MAX_SPAN[table])
    for other in TABLE_IDS:
        if other != table:
            n = _ANCHOR_PATTERNS[other].search(text, m.end())
            if n:
                end = min(end, text.rfind("\n", 0, n.start()) + 1)
    return start, max(end, m.end())

"""Every number of a narrative section that could be a claim, with what surrounds it.

This is the shared candidate generator: the rule tagger assigns metrics to
these candidates with patterns, the ML tagger with a classifier.  Both see the
same normalized sentence (PDF gaps closed, full-width digits and traditional
characters folded) while every offset still points into ``document.text``.

Numbers that are not claims (dates, phone numbers, postcodes, 第二十条,
〔2024〕2号, percentages, list markers, times, comparisons) are dropped, or kept
with ``reason`` set when ``keep_excluded=True`` so a learner can see negatives.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal

from extractors.cleaning import mask_artifacts
from extractors.numbers import NUMBER_RE, number_from_match
from extractors.patterns import (ASSIGNMENT_RE, COMPARISON_RE, LABEL_VALUE_AFTER_RE, LABEL_VALUE_BEFORE_RE,
                                 NOT_A_CLAIM_AFTER, NOT_A_CLAIM_BEFORE, TITLE_RE, TRADITIONAL_TO_SIMPLIFIED, UNIT_RE,
                                 UNIT_SUFFIX_RE)
from extractors.textview import TextView, close_gaps
from gidar.domain import ABOUT, AT_LEAST, EXACT, Document, Section

CONTEXT = 12  # characters of context kept on each side
REASON_REACH = 80  # characters before a number that decide whether it is one (a date, 第…条, 《title》 …)
_SENTENCE_RE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_PHONE_RE = re.compile(r"^(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|\d{7,8})$")
_YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")


@dataclass(frozen=True)
class Candidate:
    """One number in a narrative sentence.

    ``start``/``end`` index ``document.text`` and cover the number with its
    markers and unit (``300余条``); ``local_start``/``local_end`` are the same
    span inside ``sentence``, the normalized sentence text, whose own source
    span is ``sentence_start``/``sentence_end``.  ``reason`` is None for a
    plausible claim, else why it is not one (date, phone, percent …).
    """

    value: Decimal
    unit: str | None
    bound: str
    start: int
    end: int
    text: str  # document.text[start:end]
    sentence: str
    sentence_start: int
    sentence_end: int
    local_start: int
    local_end: int
    left: str  # up to CONTEXT normalized characters before the number
    right: str  # up to CONTEXT normalized characters after the unit
    chinese: bool = False
    reason: str | None = None


def section_view(document: Document, section: Section) -> TextView:
    """The section's text, normalized, with offsets into ``document.text``.

    Single line breaks are joined only in PDFs, where they are layout; in
    text files a line is a paragraph.
    """
    start, end = section.start, section.end
    view = TextView(mask_artifacts(document.text[start:end]), tuple(range(start, end + 1)))
    if document.kind != "pdf":
        view = join_wrapped_lines(view, wrap_width(document.text))
    view = close_gaps(view, join_lines=document.kind == "pdf")
    return view.translate(TRADITIONAL_TO_SIMPLIFIED)


_LINE_END = "。！？；：!?;:"


@lru_cache(maxsize=16)
def wrap_width(text: str) -> int | None:
    """The width text extracted from a PDF was wrapped at, or None when its lines are paragraphs.

    A property of the whole document, asked once per narrative section: cached.

    Wrapped text has many lines of prose, of (nearly) one length, that stop
    mid-sentence: 主动按要求发布各类法定公开内容共 153条，其中工作信息共发布 55条，政策
    In a text whose lines are paragraphs, a line of prose ends its sentence.
    """
    lengths = []
    for line in text.split("\n"):
        line = line.strip()
        if len(line) < 16 or "\t" in line or line[-1] in _LINE_END:
            continue
        if len(_CJK_RE.findall(line)) >= 0.6 * len(line):
            lengths.append(len(line))
    long = [n for n in lengths if n >= 0.8 * max(lengths, default=0)]  # full lines reach the margin
    if len(long) < 3:
        return None
    width = Counter(long).most_common(1)[0][0]
    full = [n for n in long if width - 2 <= n <= width + 1]
    return width if len(full) >= 3 and len(full) >= 0.6 * len(long) else None


_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def join_wrapped_lines(view: TextView, width: int | None) -> TextView:
    """In a text file wrapped like a PDF page at ``width``, join each full line to the next
    (政策\n文件 → 政策文件); short lines (headings, paragraph ends) keep their break."""
    if width is None:
        return view
    joins, pos = [], 0
    for line in view.text.split("\n")[:-1]:
        stripped = line.strip()
        pos += len(line) + 1
        if len(stripped) >= width - 2 and stripped[-1] not in _LINE_END:
            joins.append(pos - 1)
    if not joins:
        return view
    at = set(joins)
    return view.sub(re.compile(r"\n"), lambda m: "" if m.start() in at else "\n")


def sentences(view: TextView):
    """(start, end) of each sentence of the view; 。！？ and line breaks end one."""
    for m in _SENTENCE_RE.finditer(view.text):
        if m.group().strip():
            yield m.start(), m.end()


def _reason(sentence: str, m: re.Match, number, unit: str | None, after: str) -> str | None:
    before = sentence[max(0, m.start() - REASON_REACH):m.start()]  # every pattern reads the end of it
    digits = m.group("arabic") or ""
    if digits and _PHONE_RE.match(re.sub(r"\D", "", digits)) and unit is None:
        return "phone"
    if _YEAR_RE.match(digits) and (after.startswith("年") or after.startswith("-")):
        return "year"
    if re.match(r"^[）)]", after) and re.search(r"[（(]$", before):
        return "list_marker"
    if re.match(r"^[.．](?![0-9])", after) and re.search(r"(?:^|\s)$", before):
        return "list_marker"
    for reason, rx in NOT_A_CLAIM_BEFORE:
        if rx.search(before) and not (reason == "phone" and unit is not None):  # 咨询电话约900个 is a count
            return reason
    for reason, rx in NOT_A_CLAIM_AFTER:
        if rx.match(after):
            return reason
    if TITLE_RE.search(before):
        return "title"
    if COMPARISON_RE.search(before):
        return "comparison"
    if number.chinese and m.group("chinese") == "一" and unit in ("个", "项", "种", "次") and \
            not re.search(r"(?:共|计|收到|受理|办结|开展|组织|召开|举办|发布|公开)$", before):
        return "idiom"  # 一项常态工作, 一个方面, 最多跑一次
    if unit is None:
        label_value = LABEL_VALUE_BEFORE_RE.search(before) and LABEL_VALUE_AFTER_RE.match(after)
        if number.chinese or not (ASSIGNMENT_RE.search(before.rstrip()) or label_value):
            return "no_unit"
    return None


def _scan_sentence(view: TextView, s0: int, s1: int, keep_excluded: bool):
    sentence = view.text[s0:s1]
    sent_start, sent_end = view.source_span(s0, s1)
    for m in NUMBER_RE.finditer(sentence):
        number = number_from_match(m)
        if number is None:
            continue
        pos = number.end
        unit_m = UNIT_RE.match(sentence, pos)
        unit = unit_m.group() if unit_m else None
        after = sentence[pos:pos + REASON_REACH]  # (what follows is read only at its start)
        if unit:
            pos = unit_m.end()
        bound = number.bound
        suffix = UNIT_SUFFIX_RE.match(sentence, pos) if unit else None
        if suffix:
            pos = suffix.end()
            bound = ABOUT if suffix.group() == "左右" and bound == EXACT else AT_LEAST if bound != ABOUT else bound
        reason = _reason(sentence, m, number, unit, after)
        if reason and not keep_excluded:
            continue
        start, end = view.source_span(s0 + number.start, s0 + pos)
        yield dict(value=number.value, unit=unit, bound=bound, start=start, end=end,
                   sentence=sentence, sentence_start=sent_start, sentence_end=sent_end,
                   local_start=number.start, local_end=pos,
                   left=sentence[max(0, number.start - CONTEXT):number.start],
                   right=sentence[pos:pos + CONTEXT], chinese=number.chinese, reason=reason)


def sentence_candidates(document: Document, view: TextView, *, keep_excluded: bool = False):
    """(sentence start, sentence end, candidates) for each sentence of ``view``, offsets in the view."""
    for s0, s1 in sentences(view):
        yield s0, s1, [Candidate(text=document.text[f["start"]:f["end"]], **f)
                       for f in _scan_sentence(view, s0, s1, keep_excluded)]


def find_candidates(document: Document, section: Section, *, keep_excluded: bool = False) -> list[Candidate]:
    """Every number in ``section`` that could be a claim, in document order.

    With ``keep_excluded`` the numbers that are not claims come too, each
    with its ``reason``; without it they are dropped.
    """
    view = section_view(document, section)
    return [c for _, _, found in sentence_candidates(document, view, keep_excluded=keep_excluded)
            for c in found]


__all__ = ["Candidate", "find_candidates", "sentence_candidates", "section_view", "sentences", "CONTEXT"]

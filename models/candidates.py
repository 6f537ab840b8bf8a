"""What the ML tagger classifies: the scanner's numbers plus negated statements.

The shared scanner yields numbers; 未收到申请 and 未发生行政复议、行政诉讼 state
a zero without one, so negation cues followed by a subject that a table
counts become candidates too (value 0).  Whether either kind is a claim, and
of which metric, is the classifier's decision, not this module's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.candidates import find_candidates, section_view, sentences
from gidar.domain import EXACT, Document, Section

NUMBER, NEGATION = "number", "negation"

# A cue, then the phrase it negates (up to the clause end).  The phrase must
# name something a report counts; digits mean it is not a bare negation.
NEGATION_RE = re.compile(
    r"(?:暂未|尚未|并未|均未|未曾|没有|未|暂无|并无|均无|无(?!法|论|需|须|偿|纸|缝|障碍)|不存在|不收取|零)"
    r"[^，。；;,！？!?\n0-9０-９]{1,26}")
NEGATION_SUBJECTS = ("申请", "复议", "诉讼", "费", "结转", "案", "起诉", "投诉举报")


@dataclass(frozen=True)
class MLCandidate:
    """A claim candidate in the form the features read: a span in its normalized sentence."""

    kind: str  # number | negation
    value: Decimal
    unit: str | None
    bound: str
    start: int  # offsets in document.text
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    local_start: int
    local_end: int
    chinese: bool = False


def _negations(view, s0: int, s1: int):
    sentence = view.text[s0:s1]
    sent_start, sent_end = view.source_span(s0, s1)
    for m in NEGATION_RE.finditer(sentence):
        phrase = m.group()
        last = max((phrase.rfind(k) + len(k) for k in NEGATION_SUBJECTS if k in phrase), default=-1)
        if last < 0:
            continue
        end = m.start() + last
        # Keep the noun the subject heads: 行政诉讼案件, 政府信息公开申请事项.
        tail = re.match(r"[件类事项情况]{0,2}", sentence[end:m.end()])
        end += tail.end() if tail else 0
        start, stop = view.source_span(s0 + m.start(), s0 + end)
        yield MLCandidate(NEGATION, Decimal(0), None, EXACT, start, stop, sentence, sent_start, sent_end,
                          m.start(), end)


def ml_candidates(document: Document, section: Section) -> list[MLCandidate]:
    """Numbers and negations of one narrative section, in document order."""
    found = [MLCandidate(NUMBER, c.value, c.unit, c.bound, c.start, c.end, c.sentence, c.sentence_start,
                         c.sentence_end, c.local_start, c.local_end, c.chinese)
             for c in find_candidates(document, section)]
    view = section_view(document, section)
    for s0, s1 in sentences(view):
        found.extend(_negations(view, s0, s1))
    return sorted(found, key=lambda c: (c.start, c.end))

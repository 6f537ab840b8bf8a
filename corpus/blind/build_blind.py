"""Build the blind evaluation labels ``corpus/labels/blind-{dev,test,test2}.jsonl``.

The paragraphs (``corpus/blind/paragraphs_*.py``) and the three short reports
(``corpus/blind/reports.py``) were written and labeled by hand from how real
政府信息公开工作年度报告 are phrased, without looking at what any tagger
handles, so the taggers' scores on them are honest.  Nothing here may be used
for training: ``models.training.EVALUATION_SPLITS`` excludes both test splits.
``blind-test2`` (``paragraphs_test2.py``) was written later in one go, after
the first test split had been scored several times, and scored once.

    python -m corpus.blind.build_blind [--check]

Each label is written as (span text, metric, value) and, when the same span
text occurs more than once, an occurrence index; the offsets are computed
here and checked, so a label can never drift from its text.

Labeling conventions (DESIGN.md §3 and the seed gold):

- the span is the number with its bound markers (约, 近, 超过, 余, 多, 以上,
  左右) and its unit: ``近500条``, ``300 余条``, ``1 136 条``;
- a negation runs from the negating word to what it negates, value 0:
  ``未收到政府信息公开申请``; one negation covering two metrics gives two
  spans from the same start (``未发生行政复议`` / ``未发生行政复议和行政诉讼``);
- a count is ``proactive.total`` when it is the overall figure of what was
  published (also through one channel, when it heads a breakdown or stands
  alone); sibling channel or category counts are ``proactive.part``;
- ``other`` is a count of something the agency did or has this year
  (解读, 发布会, 培训, 会议, 留言, 热线工单, 关注数, 访问量, 咨询, 人员, 罚没款 …);
- not claims: dates, years, durations and deadlines (15个工作日, 24小时),
  percentages and rates, comparisons with a prior year (比上年增加12件,
  同比下降5%), identifiers (12345热线, phone numbers, 〔2024〕2号, 第二十条),
  enumerators (一是, 第三), numerals inside set phrases (两微一端, 三务公开,
  “十四五”, 三安全一稳定), and counts that only delimit a scope (全区28个部门).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

from corpus.blind import (paragraphs_appeals, paragraphs_dev_batch5, paragraphs_dev_batch6, paragraphs_dev_batch7,
                          paragraphs_dev_batch8, paragraphs_dev_batch9, paragraphs_dev_batch10, paragraphs_dev_extra,
                          paragraphs_distractors, paragraphs_other, paragraphs_proactive, paragraphs_requests,
                          paragraphs_test2, reports)
from gidar.taxonomy import METRICS

LABELS = Path(__file__).resolve().parent.parent / "labels"
OUT = {"blind-dev": LABELS / "blind-dev.jsonl", "blind-test": LABELS / "blind-test.jsonl",
       "blind-test2": LABELS / "blind-test2.jsonl"}
SALT = "gidar-blind-v1"
MODULES = (paragraphs_proactive, paragraphs_requests, paragraphs_appeals,
           paragraphs_other, paragraphs_distractors, reports, paragraphs_dev_extra, paragraphs_dev_batch5,
           paragraphs_dev_batch6, paragraphs_dev_batch7, paragraphs_dev_batch8,
           paragraphs_dev_batch9, paragraphs_dev_batch10, paragraphs_test2)

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def split_of(text: str) -> str:
    """A fixed hash of the text: about one paragraph in three goes to dev."""
    digest = hashlib.sha256((SALT + text).encode("utf-8")).hexdigest()
    return "blind-dev" if int(digest, 16) % 3 == 0 else "blind-test"


def _arabic_value(span: str) -> Decimal | None:
    """The Arabic number in a span (full-width, spaced, 1,234, 1.2万), to check a hand value."""
    s = span.translate(_FULLWIDTH)
    m = re.search(r"\d[\d ,]*(?:\.\d+)?", s)
    if not m:
        return None
    value = Decimal(m.group().replace(" ", "").replace(",", ""))
    rest = s[m.end():].lstrip()
    if rest.startswith("万") and not rest.startswith("万元"):
        value *= 10000
    elif rest.startswith("亿"):
        value *= 100000000
    return value


def _nth(text: str, needle: str, n: int) -> int:
    at = -1
    for _ in range(n + 1):
        at = text.find(needle, at + 1)
        if at < 0:
            raise ValueError(f"{needle!r}: occurrence {n} not in {text!r}")
    return at


def _next_free(text: str, needle: str, start: int, used: set) -> int:
    """First occurrence at or after ``start``, not labeled yet, not glued to a longer number."""
    at = text.find(needle, start)
    while at >= 0 and (_glued(text, at, at + len(needle)) or (at, at + len(needle)) in used):
        at = text.find(needle, at + 1)
    if at < 0:
        raise ValueError(f"{needle!r} not found after {start} in {text!r}")
    return at


def _glued(text: str, start: int, end: int) -> bool:
    digits = "0123456789０１２３４５６７８９"
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return (text[start] in digits and (before in digits or before in ".．")) or \
           (text[end - 1] in digits and after in digits)


def spans_of(text: str, labels) -> list[dict]:
    """Offsets of hand labels ``(span, metric, value[, occurrence])``, checked against the text."""
    spans, cursor, used = [], 0, set()
    for label in labels:
        needle, metric, value = label[:3]
        start = _nth(text, needle, label[3]) if len(label) > 3 else _next_free(text, needle, cursor, used)
        end = start + len(needle)
        if text[start:end] != needle or _glued(text, start, end):
            raise ValueError(f"{needle!r} misplaced at {start} in {text!r}")
        arabic = _arabic_value(needle)
        if arabic is not None and arabic != Decimal(str(value)):
            raise ValueError(f"{needle!r} labeled {value}, reads {arabic}")
        if metric not in METRICS:
            raise ValueError(f"unknown metric {metric!r}")
        spans.append({"start": start, "end": end, "label": metric, "value": value})
        cursor = start
        used.add((start, end))
    return spans


def build_lines() -> list[dict]:
    lines, seen = [], set()
    for module in MODULES:
        name = module.__name__.rsplit(".", 1)[-1]
        for n, (text, labels) in enumerate(module.ITEMS):
            if text in seen:
                raise ValueError(f"duplicate paragraph {text[:30]!r}")
            seen.add(text)
            lines.append({"text": text, "spans": spans_of(text, labels),
                          "meta": {"source": f"corpus/blind/{name}.py#{n}",
                                   "split": getattr(module, "SPLIT", None) or split_of(text)}})
    return lines


def check_coverage(lines: list[dict]) -> None:
    """The first test split must hold every metric the whole set has; dev and the second test split
    every metric with 10 labels or more.

    The split is a hash of the text, so a rare metric (table 4's 其他结果, 尚未审结)
    may fall wholly into test; dev is for looking at misses, test for the score.
    """
    by_split = {s: Counter(sp["label"] for ln in lines if ln["meta"]["split"] == s for sp in ln["spans"])
                for s in OUT}
    every = Counter()
    for counts in by_split.values():
        every.update(counts)
    for split, counts in by_split.items():
        missing = sorted(m for m in every if m not in counts and (split == "blind-test" or every[m] >= 10))
        if missing:
            raise ValueError(f"{split} lacks {missing}")


def render(lines: list[dict], split: str) -> str:
    return "".join(json.dumps(ln, ensure_ascii=False) + "\n" for ln in lines if ln["meta"]["split"] == split)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the JSONL files are out of date")
    args = parser.parse_args(argv)
    lines = build_lines()
    check_coverage(lines)
    stale = []
    for split, path in OUT.items():
        content = render(lines, split)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(path.name)
        else:
            path.write_text(content, encoding="utf-8")
    counts = Counter(ln["meta"]["split"] for ln in lines)
    spans = Counter(ln["meta"]["split"] for ln in lines for _ in ln["spans"])
    print(", ".join(f"{s}: {counts[s]} texts, {spans[s]} spans" for s in OUT))
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Features of one candidate: what a reader looks at to decide what a number counts.

The words right before the number (受理申请21件), the clause it opens or
closes (其中…, …共计), the sentence's subject further left (行政规范性文件方面，
本年新制发3件), the unit and the section.  Character n-grams carry the
vocabulary; jieba words carry the phrase boundaries.  A private jieba
tokenizer is used so that words other components add to the global one
cannot change the features a trained model expects.
"""
from __future__ import annotations

import re
from functools import lru_cache

from models.candidates import MLCandidate

FEATURES_VERSION = 2  # bump when features change: old artifacts are then refused
_CLAUSE_END = re.compile(r"[，,；;：:、（(）)]")


@lru_cache(maxsize=1)
def _tokenizer():
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


def words(text: str) -> list[str]:
    return [w for w in _tokenizer().lcut(text, HMM=False) if w.strip()] if text else []


CLAUSE_REACH = 400  # a clause longer than this (a run-on extraction) is cut: features read only its ends


def _clause_bounds(sentence: str, i: int, j: int) -> tuple[int, int]:
    start = max(0, i - CLAUSE_REACH)
    left = max((m.end() for m in _CLAUSE_END.finditer(sentence, start, i)), default=start)
    right = _CLAUSE_END.search(sentence, j, j + CLAUSE_REACH)
    return left, right.start() if right else min(len(sentence), j + CLAUSE_REACH)


def _ngrams(tag: str, text: str, sizes=(1, 2, 3)) -> list[str]:
    return [f"{tag}{n}:{text[k:k + n]}" for n in sizes for k in range(len(text) - n + 1)]


def candidate_features(c: MLCandidate, section: str) -> list[str]:
    s, i, j = c.sentence, c.local_start, c.local_end
    c0, c1 = _clause_bounds(s, i, j)
    left_clause, right_clause = s[c0:i][-20:], s[j:c1][:16]
    before_clause = s[max(0, c0 - 30):c0]
    feats = [f"kind:{c.kind}", f"sec:{section}", f"unit:{c.unit}", f"bound:{c.bound}",
             f"sec+unit:{section}|{c.unit}"]
    if c.kind == "number":
        v = c.value
        feats += ["zero" if v == 0 else f"mag:{len(str(int(v)))}", "cn" if c.chinese else "ar"]
        if v != v.to_integral_value():
            feats.append("decimal")
    else:
        feats += _ngrams("np", s[i:j], (1, 2))
    feats += [f"l{k}:{s[i - k:i]}" for k in range(1, 7) if i - k >= c0]
    feats += [f"r{k}:{s[j:j + k]}" for k in range(1, 5) if j + k <= len(s)]
    feats += _ngrams("lc", left_clause, (2, 3)) + _ngrams("rc", right_clause, (2,))
    feats += _ngrams("sb", before_clause, (2,))
    lw = words(left_clause)
    feats += [f"lw:{w}" for w in lw] + [f"lw-1:{w}" for w in lw[-1:]] + [f"lw-2:{w}" for w in lw[-2:-1]]
    feats += [f"rw:{w}" for w in words(right_clause)[:3]]
    feats += [f"sw:{w}" for w in words(before_clause)]
    if c0 == 0:
        feats.append("clause:first")
    if re.search(r"[0-9０-９零一二两三四五六七八九十]", s[c0:i]):
        feats.append("clause:not_first_number")
    if "其中" in s[max(0, c0 - 4):i]:
        feats.append("其中")
    if i == c0:
        feats.append("opens_clause")
    return feats


def context_text(c: MLCandidate, section: str) -> str:
    """The candidate in its sentence with markers, for text classifiers (spaCy)."""
    s, i, j = c.sentence, c.local_start, c.local_end
    return f"{section}｜{s[max(0, i - 40):i]}〖{s[i:j]}〗{s[j:j + 20]}"

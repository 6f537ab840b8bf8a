"""Table labels compared by normalized similarity, not equality.

Reports print the template's labels with typos (``本年度止件数``), traditional
characters, full-width or half-width brackets, stray spaces and their own
numbering (``(一)``, ``1.``, ``1、``).  Matching folds all of that away and then
scores what is left, so a layout only lists wordings that differ in substance.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Traditional characters seen in the tables' labels, folded to the simplified ones the layouts use.
_TRADITIONAL = ("規範處請數結轉開國護權務類過執詢關現製許罰強費額萬複議訟審維糾總計機構會組織業號項條為產內資獲確認補繳納訪舉報訴廢發決徵採購單對減後經實應與門書間統錄續辦傳這場廣東區縣鄉鎮"
                "聯體當無並將屬際護況")
_SIMPLIFIED = ("规范处请数结转开国护权务类过执询关现制许罚强费额万复议讼审维纠总计机构会组织业号项条为产内资获确认补缴纳访举报诉废发决征采购单对减后经实应与门书间统录续办传这场广东区县乡镇"
               "联体当无并将属际护况")
FOLD = str.maketrans(_TRADITIONAL, _SIMPLIFIED)

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．,，]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．,，]?(?!\d)|[①-⑳])")
_INNER_NUMBERING = re.compile(r"(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|(?<![\d.])\d{1,2}[、.．](?!\d))")
_NOISE = re.compile(r"[\s()（）\[\]【】“”\"'‘’、，,：:；;。.．·—\-/／_|*#]+")


@lru_cache(maxsize=4096)
def normalize_label(text: str) -> str:
    """The label's words only: width-folded, simplified, numbering and punctuation dropped."""
    s = unicodedata.normalize("NFKC", text).translate(FOLD)
    s = re.sub(r"\s+", "", s)
    while True:
        m = _NUMBERING.match(s)
        if not m or m.end() == len(s):
            break
        s = s[m.end():]
    return _NOISE.sub("", s)


def label_segments(text: str) -> list[str]:
    """The pieces of a compound label (``三、本年度办理结果（一）予以公开``), most specific last."""
    s = unicodedata.normalize("NFKC", text)
    cuts = [m.start() for m in _INNER_NUMBERING.finditer(s)]
    pieces = [s[i:j] for i, j in zip([0] + cuts, cuts + [len(s)])]
    return [p for p in (normalize_label(p) for p in pieces) if p]


@lru_cache(maxsize=4096)
def _weighted_tries(observed: str) -> tuple[tuple[str, float], ...]:
    """The last segment counts fully, the whole label a little less, group headings least."""
    segments = label_segments(observed)
    tries = [(normalize_label(observed), 0.97)]
    if segments:
        tries.append((segments[-1], 1.0))
        tries += [(s, 0.6) for s in segments[:-1]]
    return tuple(tries)


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


@lru_cache(maxsize=16384)
def similarity(observed: str, label: str) -> float:
    """How well a normalized observed label stands for a normalized layout label, 0..1.

    Containment scores high (extraction adds or cuts words around a label);
    otherwise the Dice coefficient of character bigrams tolerates a typo.
    """
    if not observed or not label:
        return 0.0
    if observed == label:
        return 1.0
    if label in observed:
        return 0.5 + 0.5 * len(label) / len(observed)
    if label.startswith(observed) and len(observed) >= 4:  # a label cut by a line break
        return 0.6 + 0.35 * len(observed) / len(label)
    if observed in label and len(observed) >= 2:
        return 0.5 + 0.45 * len(observed) / len(label)
    a, b = _bigrams(observed), _bigrams(label)
    return 2 * len(a & b) / (len(a) + len(b))


def best_match(observed: str, candidates: tuple[tuple[str, tuple[str, ...]], ...],
               threshold: float = 0.6) -> tuple[str | None, float]:
    """The key whose label or alias is most similar to ``observed`` (raw text), or None under the threshold.

    Every segment of a compound label is tried, so a group heading printed in
    front of a sub-row's label does not hide it.  Reports print the template's
    labels over and over, so results are cached.
    """
    key, best = _best_match(observed, _normalized(candidates))
    return (key, best) if best >= threshold else (None, best)


@lru_cache(maxsize=256)
def _normalized(candidates: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((key, tuple(dict.fromkeys(normalize_label(label) for label in labels))) for key, labels in candidates)


@lru_cache(maxsize=16384)
def _best_match(observed: str, candidates: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str | None, float]:
    tries = _weighted_tries(observed)
    best_key, best = None, 0.0
    for key, labels in candidates:
        for norm in labels:
            for t, weight in tries:
                score = weight * similarity(t, norm)
                if score > best:
                    best_key, best = key, score
    return best_key, best

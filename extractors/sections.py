"""Find the six standard sections, the preamble and the trailer.

Numbering is often mangled (``5、``, ``（5）``, ``####``, none at all) and
table rows look like headings (``一、本年新收…``, ``四、结转下年度…``), so a
heading is recognised by its *title*, and the six are chosen as the
best-scoring sequence in document order.  Numbering only breaks ties.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.cleaning import mask_artifacts
from extractors.patterns import TRADITIONAL_TO_SIMPLIFIED
from gidar.domain import Document, Section

# (id, number, canonical title, key phrases that a heading must contain one of)
STANDARD_SECTIONS = (
    ("overview", 1, "总体情况", ("总体情况", "概述", "基本情况", "总体概况")),
    ("proactive", 2, "主动公开政府信息情况", ("主动公开政府信息", "主动公开情况")),
    ("requests", 3, "收到和处理政府信息公开申请情况", ("收到和处理", "依申请公开情况", "公开申请情况", "公开申请办理情况")),
    ("review", 4, "政府信息公开行政复议、行政诉讼情况", ("行政复议、行政诉讼", "行政复议和行政诉讼", "行政复议行政诉讼", "复议、诉讼")),
    ("problems", 5, "存在的主要问题及改进情况", ("存在的主要问题", "主要问题及改进", "存在问题及改进", "问题及改进")),
    ("other", 6, "其他需要报告的事项", ("其他需要报告", "其他需报告", "其他事项")),
)
_ANY_KEY = re.compile("|".join(re.escape(k) for *_, keys in STANDARD_SECTIONS for k in keys))
_CN_DIGITS = "一二三四五六七八九"
_NUMBERING = re.compile(
    r"^[\s#*]*(?:第?([一二三四五六七八九十])[、.．,，\s部分]+|([1-9])\s*[、.．,，]\s*|[（(]\s*([一二三四五六七八九十1-9])\s*[）)]\s*)?")
_TRAILING = re.compile(r"[\s。.:：;；]+$")
_MAX_HEADING = 40
# Words of a sentence, not a heading: 本年度未发生…行政复议、行政诉讼案件。
_SENTENCE = re.compile(r"未|没有|发生|收到了|本年|今年|全年|我[乡镇区县市局委办]|[^其]无|共计|案件")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    title: str
    index: int  # position in STANDARD_SECTIONS
    score: float


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _numbering(line: str) -> tuple[int | None, bool, int]:
    """(number, parenthesised, length of the numbering prefix)."""
    m = _NUMBERING.match(line)
    cn, arabic, paren = m.group(1), m.group(2), m.group(3)
    raw = cn or arabic or paren
    if raw is None:
        return None, False, m.end()
    number = _CN_DIGITS.index(raw) + 1 if raw in _CN_DIGITS else (int(raw) if raw.isdigit() else None)
    return number, paren is not None, m.end()


def _score(line: str, k: int) -> float:
    """How much ``line`` looks like the heading of standard section ``k``; 0 if not at all."""
    _, number_, canonical, keys = STANDARD_SECTIONS[k]
    if "\t" in line.strip() or "|" in line:
        return 0.0
    number, paren, skip = _numbering(line)
    body = _TRAILING.sub("", line[skip:]).strip()
    if not body or len(body) > _MAX_HEADING or not any(key in body for key in keys):
        return 0.0
    if "。" in body or "，" in body or re.search(r"\d", body) or _SENTENCE.search(body):
        return 0.0
    # Title likeness: the share of the canonical title's characters present.
    overlap = sum(1 for ch in canonical if ch in body) / len(canonical)
    extra = max(0, len(body) - len(canonical) - 6) / _MAX_HEADING
    score = 1.0 + overlap - extra
    if number == number_:
        score += 0.5 if not paren else 0.2
    elif number is not None:
        score -= 0.6 if paren else 0.3  # （一）主动公开情况 is a subsection of 总体情况
    return max(score, 0.0)


def _candidates(text: str) -> list[_Candidate]:
    found = []
    for start, line in _lines(text):
        stripped = line.strip()
        if not stripped or len(stripped) > _MAX_HEADING + 12:
            continue
        # Folding keeps the heading's length: it maps one character to one.
        stripped = stripped.translate(TRADITIONAL_TO_SIMPLIFIED)
        if not _ANY_KEY.search(stripped):
            continue
        for k in range(len(STANDARD_SECTIONS)):
            s = _score(stripped, k)
            if s > 0.9:
                found.append(_Candidate(start, start + len(line), stripped, k, s))
    return found


def _best_sequence(cands: list[_Candidate]) -> list[_Candidate]:
    """The highest-scoring chain of candidates with strictly increasing section index."""
    best: list[tuple[float, list[_Candidate]]] = []
    for i, c in enumerate(cands):
        score, chain = c.score, [c]
        for j in range(i):
            prev_score, prev_chain = best[j]
            if prev_chain[-1].index < c.index and prev_chain[-1].start < c.start and prev_score + c.score > score:
                score, chain = prev_score + c.score, prev_chain + [c]
        best.append((score, chain))
    return max(best, key=lambda b: b[0])[1] if best else []


_DATE_LINE = re.compile(r"^\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日\s*$")
_SIGNATURE = re.compile(r"^[\s\u3400-\u9fff（）()·]{2,40}$")


def _trailer_start(text: str, original: str, start: int, end: int) -> int:
    """Where the signature block (agency, date, 此页无正文) at the end of the last section begins."""
    lines = [(s, l) for s, l in _lines(text[start:end])]
    cut = None
    i = len(lines) - 1
    while i >= 0 and not lines[i][1].strip():
        i -= 1
    if i >= 0 and _DATE_LINE.match(lines[i][1]):
        cut = lines[i][0]
        i -= 1
        while i >= 0 and (not lines[i][1].strip() or (_SIGNATURE.match(lines[i][1]) and "。" not in lines[i][1])):
            if lines[i][1].strip():
                cut = lines[i][0]
            i -= 1
    for s, line in _lines(original[start:end]):
        if re.search(r"[（(]此页无正文[）)]", line):
            cut = s if cut is None else min(cut, s)
            break
    return end if cut is None else start + cut


def split_sections(document: Document) -> tuple[Section, ...]:
    """Preamble, the standard sections found (in order), and the trailer."""
    text = mask_artifacts(document.text)
    chain = _best_sequence(_candidates(text))
    sections: list[Section] = []
    if not chain:
        return ()
    if text[: chain[0].start].strip():
        sections.append(Section("preamble", "", 0, chain[0].start))
    for n, c in enumerate(chain):
        sid, number, canonical, _ = STANDARD_SECTIONS[c.index]
        end = chain[n + 1].start if n + 1 < len(chain) else len(text)
        sections.append(Section(sid, document.text[c.start:c.end].strip(), c.start, end, number))
    last = sections[-1]
    cut = _trailer_start(text, document.text, last.start, last.end)
    if cut < last.end:
        sections[-1] = replace(last, end=cut)
        sections.append(Section("trailer", "", cut, len(text)))
    return tuple(sections)

"""Expand sentence templates into labeled narrative paragraphs.

A template is text with slots (the template families hold the text):

``[a|b|c]``                   one alternative, chosen at random (innermost first)
``{c:metric}``                a claim of ``metric``: a number with one of the family's units
``{c:metric:件}``             … with a fixed unit (``{c:metric:}`` for none)
``{n:m1+m2:未发生行政复议}``   a negation: the phrase is the span, value 0, one span per metric
``{o:场}``                    a number counted by no table (label ``other``)
``{d:kind}``                  a distractor number that is not a claim (date, phone, 文号 …)
``{v:name}``                  a word from the family's vocabulary

Rendering keeps offsets exact, so every span's ``text[start:end]`` is the
claim as a reader sees it (``300余条``, ``约50件``, ``十三件``).
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Mapping, Sequence

_ALTERNATIVE = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{([cnodv]):([^{}]*)\}")

_CN_DIGITS = "零一二三四五六七八九"
_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")

# Simplified → traditional, character for character (offsets stay exact).
TRADITIONAL = str.maketrans({
    "开": "開", "门": "門", "户": "戶", "网": "網", "条": "條", "项": "項", "处": "處", "诉": "訴",
    "讼": "訟", "复": "複", "议": "議", "请": "請", "申": "申", "发": "發", "布": "佈", "规": "規",
    "范": "範", "性": "性", "办": "辦", "结": "結", "转": "轉", "过": "過", "关": "關", "机": "機",
    "构": "構", "务": "務", "这": "這", "为": "為", "数": "數", "总": "總", "计": "計", "众": "眾",
    "号": "號", "应": "應", "费": "費", "决": "決", "达": "達", "类": "類", "报": "報", "时": "時",
    "纠": "糾", "错": "錯", "许": "許", "罚": "罰", "强": "強", "制": "制", "废": "廢", "现": "現",
    "效": "效", "馈": "饋", "岁": "歲", "会": "會", "训": "訓", "读": "讀", "热": "熱", "线": "線",
    "论": "論", "坛": "壇", "页": "頁", "单": "單", "经": "經", "济": "濟", "区": "區", "县": "縣",
    "镇": "鎮", "乡": "鄉", "街": "街", "话": "話", "实": "實", "际": "際", "无": "無", "处": "處",
    "与": "與", "万": "萬", "余": "餘", "约": "約", "两": "兩", "个": "個", "年": "年", "统": "統",
})


@dataclass(frozen=True)
class Family:
    """A template family: its sentences, filler, vocabulary and units, written independently."""

    name: str
    claim_sentences: Mapping[str, Sequence[str]]  # group -> templates
    filler: Sequence[str]
    vocabulary: Mapping[str, Sequence[str]]
    units: Mapping[str, Sequence[str]]  # metric -> units it is counted in
    headings: Sequence[str] = ()


@dataclass(frozen=True)
class Rendered:
    text: str
    spans: tuple[dict, ...]


# ------------------------------------------------------------------ numbers


def chinese_numeral(n: int) -> str:
    """``13 → 十三``, ``1136 → 一千一百三十六``, ``2 → 两`` is the caller's choice."""
    if n == 0:
        return "零"
    if n >= 10000:
        return chinese_numeral(n // 10000) + "万" + (chinese_numeral(n % 10000) if n % 10000 else "")
    out, zero = [], False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit_value % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(("" if (d == 1 and unit == "十" and not out) else _CN_DIGITS[d]) + unit)
    return "".join(out)


def random_value(rng: random.Random, metric: str) -> int:
    roll = rng.random()
    if roll < 0.06:
        return 0
    if roll < 0.55:
        return rng.randint(1, 30)
    if roll < 0.9:
        return rng.randint(31, 999)
    big = 30000 if metric in ("proactive.total", "proactive.part", "proactive.licensing", "other") else 3000
    return rng.randint(1000, big)


def render_number(rng: random.Random, value: int) -> tuple[str, Decimal]:
    """One written form of ``value`` and the value it states (``1.2万`` rounds)."""
    roll = rng.random()
    if value >= 10000 and roll < 0.3:
        wan = round(value / 10000, 1)
        return f"{wan:g}万", Decimal(str(wan)) * 10000
    if value == 2 and roll < 0.3:
        return "两", Decimal(2)
    if 0 < value < 10000 and roll < 0.22:
        return chinese_numeral(value), Decimal(value)
    if roll < 0.28:
        return str(value).translate(_FULL_WIDTH), Decimal(value)
    if value >= 1000 and roll < 0.4:
        s = str(value)
        return rng.choice((",", " ")).join([s[: len(s) - 3], s[-3:]]), Decimal(value)
    return str(value), Decimal(value)


_BOUNDS = (
    ("{n}{u}", 0.80), ("约{n}{u}", 0.04), ("近{n}{u}", 0.02), ("{n}余{u}", 0.05),
    ("{n}多{u}", 0.03), ("超过{n}{u}", 0.02), ("{n}{u}以上", 0.02), ("{n}{u}左右", 0.02),
)


def render_claim(rng: random.Random, value: int, unit: str, spaced: bool) -> tuple[str, Decimal]:
    number, stated = render_number(rng, value)
    form = rng.choices([f for f, _ in _BOUNDS], [w for _, w in _BOUNDS])[0] if value else "{n}{u}"
    gap = " " if spaced and number[-1].isdigit() else ""
    return form.format(n=number + gap, u=unit), stated


# ------------------------------------------------------------------ distractors


def _date(rng):
    return rng.choice([f"{rng.randint(2019, 2024)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
                       f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日", f"{rng.randint(1, 12)}月份",
                       f"{rng.randint(2019, 2024)}年"])


DISTRACTORS: dict[str, Callable[[random.Random], str]] = {
    "date": _date,
    "phone": lambda r: rng_choice(r, [f"0{r.randint(10, 999)}-{r.randint(2000000, 89999999)}",
                                       f"1{r.randint(3, 9)}{r.randint(100000000, 999999999)}"]),
    "docno": lambda r: f"{r.choice(['政办发', '办字', '政发', '府办'])}〔{r.randint(2019, 2024)}〕{r.randint(1, 120)}号",
    "article": lambda r: r.choice(["第二十条", "第十三条", "第二十一条第（一）项", "第十九条", "第三十三条"]),
    "pct": lambda r: r.choice([f"{r.randint(80, 100)}%", f"{r.randint(1, 99)}.{r.randint(1, 9)}%", "100%"]),
    "yoy": lambda r: r.choice([f"比上年增加{r.randint(1, 40)}{r.choice('件条项')}",
                               f"同比{r.choice(['增长', '下降'])}{r.randint(1, 60)}.{r.randint(1, 9)}%",
                               f"较上年减少{r.randint(1, 20)}{r.choice('件条')}",
                               f"比去年多{r.randint(1, 30)}{r.choice('件条')}"]),
    "duration": lambda r: r.choice([f"{r.randint(2, 20)}个工作日", "24小时", f"{r.randint(1, 7)}个工作日内",
                                    f"{r.randint(2, 12)}个月"]),
    "ordinal": lambda r: r.choice(["“三审三校”", "“两微一端”", f"{r.randint(2, 9)}个专栏",
                                   f"第{r.choice('一二三四')}季度", f"{r.randint(2, 6)}名工作人员"]),
    "year": lambda r: f"{r.randint(2019, 2024)}年度",
}


def rng_choice(rng: random.Random, options):
    return rng.choice(options)


# ------------------------------------------------------------------ templates


def expand_alternatives(rng: random.Random, template: str) -> str:
    while True:
        m = _ALTERNATIVE.search(template)
        if m is None:
            return template
        template = template[: m.start()] + rng.choice(m.group(1).split("|")) + template[m.end():]


def render(rng: random.Random, family: Family, template: str, spaced: bool = False) -> Rendered:
    """Fill the slots of one template; spans index the returned text."""
    template = expand_alternatives(rng, template)
    parts: list[str] = []
    spans: list[dict] = []
    pos = 0
    length = 0
    for m in _SLOT.finditer(template):
        literal = template[pos: m.start()]
        parts.append(literal)
        length += len(literal)
        kind, arg = m.group(1), m.group(2)
        piece, new = _slot(rng, family, kind, arg, spaced)
        for metric, value, offset, size in new:
            spans.append({"start": length + offset, "end": length + offset + size,
                          "label": metric, "value": value})
        parts.append(piece)
        length += len(piece)
        pos = m.end()
    parts.append(template[pos:])
    return Rendered("".join(parts), tuple(spans))


def _slot(rng, family: Family, kind: str, arg: str, spaced: bool):
    """(text, [(metric, value, offset in text, length)])."""
    if kind == "v":
        return rng.choice(family.vocabulary[arg]), []
    if kind == "d":
        return DISTRACTORS[arg](rng), []
    if kind == "n":
        metrics, phrase = arg.split(":", 1)
        return phrase, [(m, Decimal(0), 0, len(phrase)) for m in metrics.split("+")]
    if kind == "o":
        text, value = render_claim(rng, random_value(rng, "other"), arg, spaced)
        return text, [("other", value, 0, len(text))]
    metric, _, unit = arg.partition(":")
    if ":" not in arg:
        unit = rng.choice(family.units.get(metric) or family.units["*"])
    text, value = render_claim(rng, random_value(rng, metric), unit, spaced)
    return text, [(metric, value, 0, len(text))]


def paragraph(rng: random.Random, family: Family, size: int) -> Rendered:
    """A narrative paragraph: claim sentences from distinct groups, filler between them."""
    groups = rng.sample(sorted(family.claim_sentences), k=min(size, len(family.claim_sentences)))
    spaced = rng.random() < 0.15  # PDF text flow: ``1136 条``
    pieces = []
    if family.headings and rng.random() < 0.3:
        pieces.append(Rendered(rng.choice(family.headings) + "\n", ()))
    for g in groups:
        if rng.random() < 0.35:
            pieces.append(render(rng, family, rng.choice(family.filler), spaced))
        pieces.append(render(rng, family, rng.choice(family.claim_sentences[g]), spaced))
    text, spans, offset = [], [], 0
    for p in pieces:
        text.append(p.text)
        spans += [{**s, "start": s["start"] + offset, "end": s["end"] + offset} for s in p.spans]
        offset += len(p.text)
    joined = "".join(text)
    if rng.random() < 0.05:
        joined = joined.translate(TRADITIONAL)
    return Rendered(joined, tuple(spans))

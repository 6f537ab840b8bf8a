"""Numbers as reports write them: ``153``, ``1 136``, ``１２``, ``十三``, ``两``, ``1.5万``, ``300余``.

Counts in the narrative come in Arabic and Chinese numerals, with thousands
separators or PDF spaces inside them, with 万/亿 multipliers, and with
approximate markers (余, 多, 近, 约, 超过, 以上, 左右) that turn an exact count
into a bound.  The reconciler compares bounds, not strings, so every spelling
must land on one ``Number``.

``NUMBER_RE`` is the scanner-friendly form: one compiled pattern that finds
every number in a text; ``number_from_match`` turns a match into a ``Number``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gidar.domain import ABOUT, AT_LEAST, EXACT

_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
# Financial (capital) numerals, as in 壹佰零伍件; alone (陆, 伍) they are usually names, so a
# capital numeral counts only in a numeral of two characters or more.
_CAPITAL = {"壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9}
_CAPITAL_SMALL = {"拾": 10, "佰": 100, "仟": 1000}
_CN_DIGIT.update(_CAPITAL)
_CN_SMALL = {"十": 10, "百": 100, "千": 1000, **_CAPITAL_SMALL}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}

# Prefix markers, longest first so 超过 wins over 超.
_PREFIX = {"大约": ABOUT, "约": ABOUT, "将近": ABOUT, "接近": ABOUT, "近": ABOUT,
           "超过": AT_LEAST, "多于": AT_LEAST, "逾": AT_LEAST, "超": AT_LEAST}
_SUFFIX = {"余": AT_LEAST, "多": AT_LEAST, "以上": AT_LEAST, "左右": ABOUT, "许": ABOUT}

_ARABIC = (r"[0-9０-９]{1,3}(?:[, \u00a0，][0-9０-９]{3})+(?:[.．][0-9０-９]+)?(?![0-9０-９])"  # 1,136 / 1 136 / １，１３６
           r"|[0-9０-９]+(?:[.．][0-9０-９]+)?")
# 万/亿 multiply a number unless they start the unit 万元/亿元.
_MULT = r"(?:[万亿](?![元]))"
_CHINESE = rf"(?:[{''.join(_CN_DIGIT)}{''.join(_CN_SMALL)}]|[万亿](?!元))+"
NUMBER_PATTERN = (
    rf"(?P<pre>{'|'.join(sorted(_PREFIX, key=len, reverse=True))})?"
    rf"(?:(?P<arabic>{_ARABIC})(?P<amult>余?{_MULT})?|(?P<chinese>{_CHINESE}))"
    rf"(?P<post>{'|'.join(sorted(_SUFFIX, key=len, reverse=True))})?"
)
NUMBER_RE = re.compile(NUMBER_PATTERN)
_FOLD = str.maketrans("０１２３４５６７８９．", "0123456789.")


@dataclass(frozen=True)
class Number:
    """A parsed number; ``start``/``end`` cover what it consumed, markers included."""

    value: Decimal
    bound: str
    start: int
    end: int
    numeral_start: int  # the digits alone, without 约/余 markers
    numeral_end: int
    chinese: bool = False


def chinese_to_int(text: str) -> int | None:
    """一千一百三十六 → 1136, 十三 → 13, 二〇二三 → 2023; None when not a numeral."""
    if not text:
        return None
    if all(ch in _CN_DIGIT for ch in text):  # digit by digit: 二〇二三
        return int("".join(str(_CN_DIGIT[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGIT:
            if _CN_DIGIT[ch] == 0:  # 一百零五: 零 only marks a skipped place
                continue
            if digit is not None:  # 一二 inside a unit-numeral is not a number
                return None
            digit = _CN_DIGIT[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        else:
            big = _CN_BIG[ch]
            total = (total + section + (digit or 0)) * big
            section, digit = 0, None
    return total + section + (digit or 0)


def _arabic_value(text: str) -> Decimal | None:
    plain = re.sub(r"[, \u00a0，]", "", text.translate(_FOLD))
    try:
        return Decimal(plain)
    except InvalidOperation:
        return None


def number_from_match(m: re.Match) -> Number | None:
    """The ``Number`` of a ``NUMBER_RE`` match, or None when the match is not a number (万元, 百姓)."""
    bounds = []
    if m.group("pre"):
        bounds.append(_PREFIX[m.group("pre")])
    if m.group("arabic"):
        value = _arabic_value(m.group("arabic"))
        if value is None:
            return None
        mult = m.group("amult") or ""
        if mult.startswith("余"):
            bounds.append(AT_LEAST)
        if mult:
            value *= _CN_BIG[mult[-1]]
        span = m.span("arabic")[0], m.end("amult") if mult else m.end("arabic")
        chinese = False
    else:
        text = m.group("chinese")
        has_digit = any(ch in _CN_DIGIT for ch in text)
        # 百/千/万 alone count only before 余/多 (百余人, 千余条); 十 alone is ten.
        if not has_digit and text not in ("十", "拾") and not (m.group("post") in ("余", "多") and len(text) == 1):
            return None
        if len(text) < 2 and (text in _CAPITAL or text in _CAPITAL_SMALL):
            return None
        number = chinese_to_int(text)
        if number is None:
            return None
        value, span, chinese = Decimal(number), m.span("chinese"), True
    if m.group("post"):
        bounds.append(_SUFFIX[m.group("post")])
    bound = AT_LEAST if AT_LEAST in bounds else (ABOUT if bounds else EXACT)
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return Number(value, bound, m.start(), m.end(), span[0], span[1], chinese)


def parse_number(text: str) -> Number | None:
    """The first number in ``text`` (value, bound, the span it consumed), or None."""
    for m in NUMBER_RE.finditer(text):
        number = number_from_match(m)
        if number is not None:
            return number
    return None

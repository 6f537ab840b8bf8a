"""parse_number: every spelling of a count lands on one value and bound."""
from decimal import Decimal

import pytest

from extractors.numbers import NUMBER_RE, chinese_to_int, parse_number
from gidar.domain import ABOUT, AT_LEAST, EXACT

CASES = [
    # (text, value, bound, consumed text)
    ("153", "153", EXACT, "153"),
    ("0", "0", EXACT, "0"),
    ("1 136", "1136", EXACT, "1 136"),
    ("1\u00a0136", "1136", EXACT, "1\u00a0136"),
    ("12 345 678", "12345678", EXACT, "12 345 678"),
    ("1,136", "1136", EXACT, "1,136"),
    ("１２", "12", EXACT, "１２"),
    ("１ ２３４", "1234", EXACT, "１ ２３４"),
    ("2.5", "2.5", EXACT, "2.5"),
    ("３．５", "3.5", EXACT, "３．５"),
    ("1.5万", "15000", EXACT, "1.5万"),
    ("3万", "30000", EXACT, "3万"),
    ("2亿", "200000000", EXACT, "2亿"),
    ("3万余", "30000", AT_LEAST, "3万余"),
    ("10余万", "100000", AT_LEAST, "10余万"),
    ("十", "10", EXACT, "十"),
    ("十三", "13", EXACT, "十三"),
    ("二十", "20", EXACT, "二十"),
    ("二十一", "21", EXACT, "二十一"),
    ("两", "2", EXACT, "两"),
    ("两百", "200", EXACT, "两百"),
    ("一百零五", "105", EXACT, "一百零五"),
    ("一千一百三十六", "1136", EXACT, "一千一百三十六"),
    ("三千零二", "3002", EXACT, "三千零二"),
    ("一万二千", "12000", EXACT, "一万二千"),
    ("二〇二三", "2023", EXACT, "二〇二三"),
    ("三百余", "300", AT_LEAST, "三百余"),
    ("百余", "100", AT_LEAST, "百余"),
    ("千余", "1000", AT_LEAST, "千余"),
    ("三十多", "30", AT_LEAST, "三十多"),
    ("300余", "300", AT_LEAST, "300余"),
    ("20多", "20", AT_LEAST, "20多"),
    ("超过100", "100", AT_LEAST, "超过100"),
    ("逾千余", "1000", AT_LEAST, "逾千余"),
    ("100以上", "100", AT_LEAST, "100以上"),
    ("约50", "50", ABOUT, "约50"),
    ("大约50", "50", ABOUT, "大约50"),
    ("近三十", "30", ABOUT, "近三十"),
    ("将近200", "200", ABOUT, "将近200"),
    ("50左右", "50", ABOUT, "50左右"),
    ("约300余", "300", AT_LEAST, "约300余"),
]


@pytest.mark.parametrize("text,value,bound,consumed", CASES)
def test_when_a_number_is_written_then_value_and_bound_are_normalized(text, value, bound, consumed):
    number = parse_number(text)
    assert number is not None
    assert number.value == Decimal(value)
    assert number.bound == bound
    assert text[number.start:number.end] == consumed


@pytest.mark.parametrize("text,value,numeral", [
    ("主动公开政府信息153条", "153", "153"),
    ("共收到申请 21 件", "21", "21"),
    ("公开信息300余条", "300", "300"),
    ("约50人参加", "50", "50"),
    ("收取15万元", "15", "15"),
])
def test_when_a_number_sits_in_a_sentence_then_its_span_points_at_it(text, value, numeral):
    number = parse_number(text)
    assert number.value == Decimal(value)
    assert text[number.numeral_start:number.numeral_end] == numeral


@pytest.mark.parametrize("text", ["", "万元", "百姓", "左右", "主动公开", "亿元资金", "千方百计"])
def test_when_there_is_no_number_then_none(text):
    assert parse_number(text) is None


def test_when_wan_starts_the_unit_then_it_is_not_a_multiplier():
    number = parse_number("收费2.5万元")
    assert number.value == Decimal("2.5")
    assert "收费2.5万元"[number.end:] == "万元"


@pytest.mark.parametrize("text,value", [("十三", 13), ("一千零一", 1001), ("九十九", 99), ("二〇二四", 2024),
                                        ("一二", 12)])
def test_chinese_numerals_convert(text, value):
    assert chinese_to_int(text) == value


def test_the_scanner_pattern_finds_every_number_of_a_sentence():
    text = "共153条，其中55条、十三条、300余条"
    found = [m.group() for m in NUMBER_RE.finditer(text)]
    assert found == ["153", "55", "十三", "300余"]


@pytest.mark.parametrize("text, value", [("壹佰零伍件", 105), ("贰拾条", 20), ("叁仟肆佰件", 3400)])
def test_when_financial_numerals_are_written_then_they_read(text, value):
    from extractors.numbers import NUMBER_RE, number_from_match
    assert [number_from_match(m).value for m in NUMBER_RE.finditer(text)] == [value]


@pytest.mark.parametrize("text", ["陆家嘴街道", "伍先生", "拾级而上"])
def test_when_a_single_financial_numeral_is_a_name_then_it_is_no_number(text):
    from extractors.numbers import NUMBER_RE, number_from_match
    assert [n for m in NUMBER_RE.finditer(text) if (n := number_from_match(m))] == []

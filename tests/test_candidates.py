"""find_candidates: every number that could be a claim, and why the others are not."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.candidates import CONTEXT, find_candidates
from gidar.domain import ABOUT, AT_LEAST, EXACT, Document, Section


def scan(text: str, kind: str = "txt", keep_excluded: bool = False):
    document = Document(source="t.txt", sha256="", kind=kind, text=text)
    return document, find_candidates(document, Section("overview", "总体情况", 0, len(text)),
                                     keep_excluded=keep_excluded)


@pytest.mark.parametrize("text,value,unit,bound,source", [
    ("主动公开政府信息1136条。", "1136", "条", EXACT, "1136条"),
    ("主动公开政府信息 1 136 条。", "1136", "条", EXACT, "1 136 条"),
    ("收到申请１２件。", "12", "件", EXACT, "１２件"),
    ("受理申请十三件。", "13", "件", EXACT, "十三件"),
    ("公开信息300余条。", "300", "条", AT_LEAST, "300余条"),
    ("公开信息约300条。", "300", "条", ABOUT, "约300条"),
    ("公开信息300条以上。", "300", "条", AT_LEAST, "300条以上"),
    ("培训50人次左右。", "50", "人次", ABOUT, "50人次左右"),
    ("收取信息处理费1.5万元。", "1.5", "万元", EXACT, "1.5万元"),
    ("浏览量1.5万次。", "15000", "次", EXACT, "1.5万次"),
    ("召开新闻发布会两场。", "2", "场", EXACT, "两场"),
    ("发布政策解读12篇。", "12", "篇", EXACT, "12篇"),
    ("行政处罚17起。", "17", "起", EXACT, "17起"),
    ("行政诉讼4宗。", "4", "宗", EXACT, "4宗"),
    ("编印专刊7期。", "7", "期", EXACT, "7期"),
    ("申请数量为2。", "2", None, EXACT, "2"),
])
def test_when_a_count_is_written_then_it_is_a_candidate_with_unit_and_bound(text, value, unit, bound, source):
    document, found = scan(text)
    assert len(found) == 1
    cand = found[0]
    assert (cand.value, cand.unit, cand.bound) == (Decimal(value), unit, bound)
    assert document.text[cand.start:cand.end] == source == cand.text


@pytest.mark.parametrize("text,reason", [
    ("统计期限为2023年1月1日至12月31日。", "year"),
    ("2024年1月20日", "year"),
    ("根据第二十条规定。", "ordinal"),
    ("（国办函〔2020〕109号）", "doc_number"),
    ("（张政公开办〔2024〕2号）", "doc_number"),
    ("联系电话：0571-64123456", "phone"),
    ("邮编：311600", "postcode"),
    ("公开率达98%。", "percent"),
    ("一是公开内容更加充实。", "list_marker"),
    ("（3）监督保障情况", "list_marker"),
    ("1.拓宽宣传渠道", "list_marker"),
    ("24小时值班值守。", "time"),
    ("20个工作日内答复。", "time"),
    ("比上年增加1件。", "comparison"),
    ("落实《十条措施》要求。", "title"),
    ("进一步加强。", "no_unit"),
    ("坚持把主动公开作为一项常态工作。", "idiom"),
])
def test_when_a_number_is_not_a_claim_then_it_is_dropped_or_flagged_with_why(text, reason):
    _, kept = scan(text)
    assert kept == []
    _, flagged = scan(text, keep_excluded=True)
    assert flagged and flagged[0].reason == reason


def test_when_a_pdf_breaks_lines_and_spaces_characters_then_offsets_still_point_at_the_source():
    text = "共收到申\n请 7\n件，编 印 专 刊 1136 条"
    document, found = scan(text, kind="pdf")
    assert [(c.value, c.unit) for c in found] == [(7, "件"), (1136, "条")]
    assert [document.text[c.start:c.end] for c in found] == ["7\n件", "1136 条"]
    assert "收到申请" in found[0].sentence


def test_when_a_text_file_breaks_a_line_then_the_line_is_a_paragraph():
    _, found = scan("收到申请\n7件")
    assert found[0].sentence.strip() == "7件"


def test_the_candidate_carries_its_sentence_and_context():
    text = "一、总体情况\n2023年，本机关共受理政府信息公开申请21件，已全部办结。"
    document, found = scan(text)
    cand = found[0]
    assert cand.sentence == "2023年，本机关共受理政府信息公开申请21件，已全部办结。"
    assert cand.sentence[cand.local_start:cand.local_end] == "21件"
    assert document.text[cand.sentence_start:cand.sentence_end] == cand.sentence
    assert cand.left.endswith("公开申请") and len(cand.left) <= CONTEXT
    assert cand.right.startswith("，已全部办结")


def test_when_text_is_traditional_then_the_sentence_is_folded_to_simplified():
    _, found = scan("本年度收到申請12件。")
    assert "申请" in found[0].sentence


def test_candidates_come_in_document_order():
    _, found = scan("主动公开信息153条，其中工作信息55条。收到申请2件。")
    assert [c.value for c in found] == [153, 55, 2]
    assert [c.start for c in found] == sorted(c.start for c in found)


def test_when_a_pdf_line_wraps_before_a_latin_word_then_the_sentence_is_joined():
    """Regression: seed 004's PDF wraps 微信、|QQ群…300余条, which lost the breakdown."""
    from extractors.textview import TextView, close_gaps
    source = "其中政府网站公开63条、微信、\nQQ群等其他形式公开信息300余条"
    view = close_gaps(TextView.of(source), join_lines=True)
    assert "\n" not in view.text
    i = view.text.index("300")
    a, b = view.source_span(i, i + 3)
    assert source[a:b] == "300"

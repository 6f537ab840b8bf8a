"""The rule tagger: metrics, values, bounds, parents, years and negations of narrative claims."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractors.loading import load
from extractors.rule_tagger import RuleTagger
from extractors.sections import split_sections
from extractors.tagger import Tagger, tag_document
from gidar.domain import ABOUT, AT_LEAST, EXACT, Document, Section
from tests.conftest import ROOT, SEEDS

TAGGER = RuleTagger()


def tag(text: str, kind: str = "txt"):
    document = Document(source="t.txt", sha256="", kind=kind, text=text)
    return document, TAGGER.tag(document, Section("overview", "总体情况", 0, len(text)))


def only(claims, metric):
    found = [c for c in claims if c.metric == metric]
    assert found, f"no {metric} in {[(c.metric, c.value) for c in claims]}"
    return found[0]


# (sentence, metric, value, bound)
PHRASINGS = [
    # requests.received: count after or before the noun, 共/全年, traditional characters
    ("2023年共受理政府信息公开申请21件。", "requests.received", "21", EXACT),
    ("本年度收到政府信息公开申请21件，已全部办结。", "requests.received", "21", EXACT),
    ("全年共收到21件政府信息公开申请。", "requests.received", "21", EXACT),
    ("本机关新收政府信息公开申请35件。", "requests.received", "35", EXACT),
    ("我局共接收依申请公开事项6件。", "requests.received", "6", EXACT),
    ("全年受理依申请公开十三件。", "requests.received", "13", EXACT),
    ("本年度收到申請12件。", "requests.received", "12", EXACT),
    ("依申请公开方面，2023年共受理申请 1 136 件。", "requests.received", "1136", EXACT),
    ("共收到政府信息公开申请两件。", "requests.received", "2", EXACT),
    ("政府信息公开申请21件，均在法定期限内答复。", "requests.received", "21", EXACT),
    ("受理的申请共计40件。", "requests.received", "40", EXACT),
    ("依申请公开政府信息办理事项13条。", "requests.received", "13", EXACT),
    ("2019年度，接到群众提出的政府信息公开申请4 项。", "requests.received", "4", EXACT),
    ("全年共登记政府信息公开申请８件。", "requests.received", "8", EXACT),
    ("全年受理各类政府信息公开申请100余件。", "requests.received", "100", AT_LEAST),
    # applicants
    ("其中自然人申请19件，法人或其他组织申请2件。", "requests.received_natural_person", "19", EXACT),
    ("其中自然人申请19件，法人或其他组织申请2件。", "requests.received_legal_entity", "2", EXACT),
    ("收到商业企业提出的申请3件。", "requests.received_legal_entity", "3", EXACT),
    # carried over / forward
    ("上年结转政府信息公开申请2件。", "requests.carried_over", "2", EXACT),
    ("2022年度结转申请1件，已办结。", "requests.carried_over", "1", EXACT),
    ("另有3件申请结转下年度继续办理。", "requests.carried_forward", "3", EXACT),
    ("结转至2024年办理的申请1件。", "requests.carried_forward", "1", EXACT),
    ("答复3050件，另有103件顺延到下年度答复。", "requests.carried_forward", "103", EXACT),
    # handled and outcomes
    ("本年度办结政府信息公开申请20件。", "requests.handled", "20", EXACT),
    ("已答复申请18件，其中予以公开10件。", "requests.handled", "18", EXACT),
    ("已答复申请18件，其中予以公开10件。", "requests.granted", "10", EXACT),
    ("所有申请中，部分公开3件，不予公开2件。", "requests.partially_granted", "3", EXACT),
    ("所有申请中，部分公开3件，不予公开2件。", "requests.denied", "2", EXACT),
    ("申请的信息本机关不掌握相关政府信息的4件，无法提供。", "requests.unable", "4", EXACT),
    ("对申请人的申请，无法提供5件，不予处理1件。", "requests.unable", "5", EXACT),
    ("对申请人的申请，无法提供5件，不予处理1件。", "requests.not_processed", "1", EXACT),
    ("收到的申请中，同意公开7件。", "requests.granted", "7", EXACT),
    # review and litigation
    ("全年发生政府信息公开行政复议3起。", "review.total", "3", EXACT),
    ("因政府信息公开被申请行政复议2件，其中被纠错1件。", "review.total", "2", EXACT),
    ("因政府信息公开被申请行政复议2件，其中被纠错1件。", "review.corrected", "1", EXACT),
    ("涉及政府信息公开的行政诉讼案件4宗。", "litigation.total", "4", EXACT),
    ("本机关被提起行政诉讼1起。", "litigation.total", "1", EXACT),
    ("全年共有2件行政复议。", "review.total", "2", EXACT),
    # fees
    ("全年收取信息处理费380元。", "fees.info_processing", "380", EXACT),
    ("本年度共收取信息处理费0.2万元。", "fees.info_processing", "0.2", EXACT),
    # proactive totals
    ("2023年主动公开政府信息1136条。", "proactive.total", "1136", EXACT),
    ("全年通过政府网站发布各类信息784条。", "proactive.total", "784", EXACT),
    ("本年度累计公开政务信息3 200余条。", "proactive.total", "3200", AT_LEAST),
    ("全年共主动公开信息约1.5万条。", "proactive.total", "15000", ABOUT),
    ("主动公开政府信息一千一百三十六条。", "proactive.total", "1136", EXACT),
    ("本单位全年共更新政务动态稿件260篇。", "proactive.total", "260", EXACT),
    ("主動公開政府資訊153條。", "proactive.total", "153", EXACT),
    # proactive table-2 metrics
    ("全年制发行政规范性文件3件。", "proactive.normative_docs_issued", "3", EXACT),
    ("废止规范性文件5件。", "proactive.normative_docs_repealed", "5", EXACT),
    ("截至年底，现行有效规范性文件120件。", "proactive.normative_docs_in_force", "120", EXACT),
    ("本年度制定规章2件。", "proactive.regulations_issued", "2", EXACT),
    ("现行有效规章11件。", "proactive.regulations_in_force", "11", EXACT),
    ("经清理，继续有效的规范性文件20件，本年度新出台9件。", "proactive.normative_docs_issued", "9", EXACT),
    ("出台行政规范性文件14项，宣布失效十四条。", "proactive.normative_docs_repealed", "14", EXACT),
    ("本年度制发行政规范性文件3件，废止5件，现行有效12件。", "proactive.normative_docs_in_force", "12", EXACT),
    ("因信息公开被起诉7件，法院判决纠错3件。", "litigation.corrected", "3", EXACT),
    ("答复结果为：同意公开20件，部分予以公开3项。", "requests.partially_granted", "3", EXACT),
    ("九百七十四条政府信息已通过公开栏主动向社会公开。", "proactive.total", "974", EXACT),
    ("全年被提起政府信息公開行政複議26起，行政複議被糾正三件。", "review.corrected", "3", EXACT),
    ("全年办理行政许可550件。", "proactive.licensing", "550", EXACT),
    ("作出行政处罚决定17起。", "proactive.penalty", "17", EXACT),
    ("实施行政强制措施6件。", "proactive.coercion", "6", EXACT),
    # other, with topics
    ("全年召开新闻发布会5场。", "other", "5", EXACT),
    ("发布政策解读12篇。", "other", "12", EXACT),
    ("组织政务公开业务培训3次，培训人员120人次。", "other", "3", EXACT),
    ("办理网民留言200余条。", "other", "200", AT_LEAST),
    ("受理12345热线工单1 500件。", "other", "1500", EXACT),
    ("政务微信公众号关注数达到3.2万。", "other", "32000", EXACT),
    ("接待群众现场查询约80人次。", "other", "80", ABOUT),
    ("提供政策咨询服务近300次。", "other", "300", ABOUT),
    ("微博粉丝超过5000人。", "other", "5000", AT_LEAST),
    ("网站全年访问量12万次。", "other", "120000", EXACT),
    ("组织业务学习18场，覆盖干部职工213人次。", "other", "213", EXACT),
    ("政务新媒体全年推送12期。", "other", "12", EXACT),
]


@pytest.mark.parametrize("sentence,metric,value,bound", PHRASINGS)
def test_when_a_phrasing_states_a_count_then_the_claim_has_its_metric_value_and_bound(sentence, metric, value, bound):
    document, claims = tag(sentence)
    claim = only([c for c in claims if c.value == Decimal(value)] or claims, metric)
    assert claim.value == Decimal(value)
    assert claim.bound == bound
    assert claim.tagger == "rule"
    number_text = document.text[claim.start:claim.end]
    assert number_text and claim.text == number_text


NEGATIONS = [
    ("2023年度未收到政府信息公开申请。", ["requests.received"]),
    ("本年度未收到依申请公开事项。", ["requests.received"]),
    ("全年没有收到信息公开申请。", ["requests.received"]),
    ("本年度无依申请公开事项。", ["requests.received"]),
    ("未发生行政复议、行政诉讼。", ["review.total", "litigation.total"]),
    ("2022年度我乡未发生针对本乡有关政府信息公开实务的行政复议案、行政诉讼案及举报投诉事件。",
     ["review.total", "litigation.total", "other"]),
    ("本年度没有发生因政府信息公开引起的行政复议和行政诉讼。", ["review.total", "litigation.total"]),
    ("无政府信息公开行政复议案件。", ["review.total"]),
    ("本机关未被提起政府信息公开行政诉讼。", ["litigation.total"]),
    ("2023年未收取信息处理费。", ["fees.info_processing"]),
    ("2023年度无收取信息处理费情况。", ["fees.info_processing"]),
    ("本年度没有产生信息公开处理费。", ["fees.info_processing"]),
    ("本机关不存在收取信息处理费的情况。", ["fees.info_processing"]),
    ("依申请公开不收取任何费用。", ["fees.info_processing"]),
    ("未发生涉及政府信息公开的复议和诉讼。", ["review.total", "litigation.total"]),
    ("不存在上年结转申请。", ["requests.carried_over"]),
    ("本年度未制发行政规范性文件。", ["proactive.normative_docs_issued"]),
]


@pytest.mark.parametrize("sentence,metrics", NEGATIONS)
def test_when_a_sentence_negates_then_each_metric_it_covers_is_a_zero_claim(sentence, metrics):
    document, claims = tag(sentence)
    assert sorted(c.metric for c in claims) == sorted(metrics)
    for claim in claims:
        assert claim.value == 0 and claim.bound == EXACT
        assert document.text[claim.start:claim.end] == claim.text and claim.text


DISTRACTORS = [
    "统计期限为2023年1月1日至12月31日。",
    "根据《条例》第二十条规定，本机关主动公开相关信息。",
    "按照《关于做好2023年年报工作的通知》（张政公开办〔2024〕2号）要求编制。",
    "按照国办函〔2020〕109号规定执行。",
    "联系电话：0571-64123456，邮编：311600。",
    "严格落实24小时值班值守制度。",
    "申请在20个工作日内答复。",
    "一是公开内容更加充实；二是公开时间更加及时。",
    "（3）监督保障情况。",
    "信息公开满意度达到98%。",
    "同比增长5%。",
    "网站可用率为百分之九十九。",
    "从信息公开、电子政务和便民服务三个方面入手。",
    "进一步提高认识，强化主动公开意识。",
    "认真贯彻“最多跑一次”改革。",
    "确保无泄密事件发生。",
    "无其他需要说明的事项。",
    "设立12345政务服务便民热线。",
]


@pytest.mark.parametrize("sentence", DISTRACTORS)
def test_when_a_number_is_not_a_claim_then_no_claim(sentence):
    _, claims = tag(sentence)
    assert [(c.metric, c.value) for c in claims] == []


def test_when_a_comparison_follows_the_count_then_only_the_count_is_a_claim():
    _, claims = tag("全年共受理政府信息公开申请21件，比上年增加1件，同比增长5%。")
    assert [(c.metric, c.value) for c in claims] == [("requests.received", Decimal(21))]


def test_when_a_total_lists_its_parts_then_each_part_points_at_the_total():
    _, claims = tag("主动公开政府信息153条，其中工作信息55条，政策文件13条，基层政务信息75条，其他信息13条。")
    assert [(c.metric, c.value, c.parent) for c in claims] == [
        ("proactive.total", 153, None), ("proactive.part", 55, 0), ("proactive.part", 13, 0),
        ("proactive.part", 75, 0), ("proactive.part", 13, 0)]


def test_when_a_part_has_its_own_parts_then_the_breakdown_nests():
    _, claims = tag("发布信息784条：其中通过政府网站发布信息428条，分别为政策文件5条，法定主动公开48条，"
                    "基层政务公开15条，村居信息公开360条；通过微信公众号发布信息356条。")
    assert [(c.value, c.parent) for c in claims] == [
        (784, None), (428, 0), (5, 1), (48, 1), (15, 1), (360, 1), (356, 0)]


def test_when_parts_add_up_to_a_part_without_a_cue_then_they_nest_only_if_the_total_still_adds_up():
    _, nested = tag("发布信息100条，网站60条，政策20条，动态40条，公众号40条。")
    assert [c.parent for c in nested] == [None, 0, 1, 1, 0]
    _, flat = tag("发布信息100条，网站30条，政策10条，动态20条，公众号40条。")
    assert [c.parent for c in flat] == [None, 0, 0, 0, 0]


def test_when_items_are_listed_without_a_total_then_they_are_parts_without_parent():
    _, claims = tag("在政务服务中心显示屏公开财政预决算13篇、民生实事42篇、工作动态22条。")
    assert [(c.metric, c.value, c.parent) for c in claims] == [
        ("proactive.part", 13, None), ("proactive.part", 42, None), ("proactive.part", 22, None)]


def test_when_a_breakdown_has_no_stated_total_then_its_items_are_parts_without_parent():
    _, claims = tag("其中，财政预决算信息16条，通知公告信息14条。")
    assert [(c.metric, c.parent) for c in claims] == [("proactive.part", None), ("proactive.part", None)]


def test_when_a_review_breakdown_follows_then_its_items_are_not_published_information():
    _, claims = tag("政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件。")
    assert [(c.metric, c.value) for c in claims] == [("review.total", 351), ("review.upheld", 72),
                                                     ("review.corrected", 64), ("review.other", 178),
                                                     ("review.pending", 37)]


def test_when_a_part_is_approximate_then_its_bound_is_kept():
    _, claims = tag("公开各类政务信息 479 条；其中政府网站公开 63 条、公众号公开 111 条、其他形式公开信息 300 余条。")
    assert [(c.value, c.bound, c.parent) for c in claims] == [
        (479, EXACT, None), (63, EXACT, 0), (111, EXACT, 0), (300, AT_LEAST, 0)]


def test_when_the_breakdown_starts_a_new_sentence_then_it_still_belongs_to_the_total():
    _, claims = tag("全年主动公开政府信息200条。其中政策文件50条，工作动态150条。")
    assert [(c.metric, c.parent) for c in claims] == [
        ("proactive.total", None), ("proactive.part", 0), ("proactive.part", 0)]


def test_when_a_sentence_names_a_year_then_the_claim_carries_it():
    _, claims = tag("2023年，我乡收到法人单位申请1件，已经规范答复，2022年结转政府信息公开申请0条。")
    assert [(c.metric, c.value, c.year) for c in claims] == [
        ("requests.received_legal_entity", 1, 2023), ("requests.carried_over", 0, 2022)]


def test_when_no_year_is_stated_then_year_is_none():
    _, claims = tag("本年度共受理政府信息公开申请21件。")
    assert claims[0].year is None


@pytest.mark.parametrize("sentence,scope", [
    ("区政府办公室代表区政府受理申请12件。", "代表区政府"),
    ("本机关共受理申请12件。", "本机关"),
    ("全区共受理政府信息公开申请400件。", "全区"),
])
def test_when_a_sentence_narrows_the_scope_then_the_claim_says_so(sentence, scope):
    _, claims = tag(sentence)
    assert scope in only(claims, "requests.received").scope


def test_when_a_pdf_splits_number_and_unit_then_offsets_still_point_at_the_source():
    text = "全年主动公开政府信息 1136\n条，收到申请 7\n件。"
    document, claims = tag(text, kind="pdf")
    assert [(c.metric, c.value) for c in claims] == [("proactive.total", 1136), ("requests.received", 7)]
    assert [document.text[c.start:c.end] for c in claims] == ["1136\n条", "7\n件"]


def test_the_rule_tagger_implements_the_tagger_interface():
    assert isinstance(TAGGER, Tagger)
    assert TAGGER.name == "rule" and TAGGER.version
    assert "requests.received" in TAGGER.metrics and "other" in TAGGER.metrics


# --------------------------------------------------------------------------
# The seed reports

def _seed(prefix: str) -> Path:
    for path in list(SEEDS) + sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")):
        if path.name.startswith(prefix):
            return path
    pytest.skip(f"seed report {prefix} not found in corpus/reports or ../shared/seeds")


def _seed_claims(prefix: str):
    path = _seed(prefix)
    document = load(path.read_bytes(), path.name, 10_000_000)
    return document, tag_document(TAGGER, document, split_sections(document))


def _summary(claims):
    return {(c.metric, int(c.value), c.bound) for c in claims}


SEED_EXPECTED = {
    "000": {("proactive.total", 17, EXACT), ("proactive.part", 14, EXACT), ("proactive.total", 203, EXACT),
            ("proactive.part", 155, EXACT), ("requests.received", 0, EXACT),
            ("fees.info_processing", 0, EXACT)},
    "001": {("proactive.total", 153, EXACT), ("proactive.part", 75, EXACT),
            ("requests.received_legal_entity", 1, EXACT), ("requests.carried_over", 0, EXACT),
            ("other", 150, AT_LEAST), ("other", 70, AT_LEAST)},
    "002": {("proactive.total", 784, EXACT), ("proactive.part", 428, EXACT), ("proactive.part", 360, EXACT),
            ("proactive.part", 356, EXACT), ("requests.received", 2, EXACT), ("fees.info_processing", 0, EXACT)},
    "003": {("proactive.total", 244, EXACT), ("requests.received", 13, EXACT), ("review.total", 0, EXACT),
            ("litigation.total", 0, EXACT)},
    "004": {("proactive.total", 479, EXACT), ("proactive.part", 300, AT_LEAST), ("requests.received", 0, EXACT),
            ("other", 500, AT_LEAST), ("other", 1, EXACT), ("fees.info_processing", 0, EXACT)},
}


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTED))
def test_seed_report_claims(prefix):
    document, claims = _seed_claims(prefix)
    assert SEED_EXPECTED[prefix] <= _summary(claims)
    for claim in claims:
        assert document.text[claim.start:claim.end] == claim.text
        if claim.parent is not None:
            assert claims[claim.parent].metric.startswith("proactive.")


def test_seed_001_keeps_the_inconsistent_breakdown_as_written():
    _, claims = _seed_claims("001")
    total = next(i for i, c in enumerate(claims) if c.metric == "proactive.total")
    assert [int(c.value) for c in claims if c.parent == total] == [55, 13, 75, 13]


def test_seed_002_nests_the_website_breakdown():
    _, claims = _seed_claims("002")
    website = next(i for i, c in enumerate(claims) if c.value == 428)
    assert [int(c.value) for c in claims if c.parent == website] == [5, 48, 15, 360]


def test_seed_004_restated_part_is_not_a_second_total():
    _, claims = _seed_claims("004")
    assert [int(c.value) for c in claims if c.metric == "proactive.total"] == [479]
    assert sorted(int(c.value) for c in claims if c.metric == "proactive.part") == [63, 111, 111, 300]


@pytest.mark.parametrize("sentence", [
    "2023年未发生政府信息公开工作责任追究情况。",
    "不存在因政务公开导致的投诉、举报或其他责任追究的情况。",
    "全年开展保密审查1100余次，未发生泄密事件。",
])
def test_when_something_else_did_not_happen_then_it_is_a_zero_claim_of_other(sentence):
    _, claims = tag(sentence)
    assert ("other", Decimal(0)) in {(c.metric, c.value) for c in claims}
    assert all(c.metric == "other" for c in claims)


@pytest.mark.parametrize("sentence, expected", [
    ("行政诉讼方面，全年被提起行政诉讼7件，其中法院判决驳回诉讼请求3件，原告撤诉2件，尚在审理中2件。",
     [("litigation.total", 7), ("litigation.upheld", 3), ("litigation.other", 2), ("litigation.pending", 2)]),
    ("因申请答复引发行政复议11件，复议维持8件，撤销2件，尚未审结1件。",
     [("review.total", 11), ("review.upheld", 8), ("review.corrected", 2), ("review.pending", 1)]),
])
def test_when_outcomes_of_reviews_or_lawsuits_are_stated_then_each_has_its_table_4_metric(sentence, expected):
    _, claims = tag(sentence)
    assert [(c.metric, c.value) for c in claims] == [(m, Decimal(v)) for m, v in expected]


@pytest.mark.parametrize("sentence, metric", [
    ("需要另行制作的申请4件，均依法告知申请人。", "requests.unable"),
    ("对要求行政机关确认或重新出具已获取信息的2件申请，依法作出不予处理决定。", "requests.not_processed"),
    ("属于信访举报投诉类的申请3件，已告知申请人通过其他渠道反映。", "requests.not_processed"),
])
def test_when_the_narrative_names_a_table_3_reason_then_the_count_is_that_row(sentence, metric):
    _, claims = tag(sentence)
    assert metric in {c.metric for c in claims}


def test_when_channels_are_counted_side_by_side_then_they_are_parts_not_totals():
    _, claims = tag("全年通过门户网站发布信息 820 条，通过微信公众号推送信息 315 条，通过政务微博发布信息 96 条。")
    assert [(c.metric, c.value, c.parent) for c in claims] == [
        ("proactive.part", 820, None), ("proactive.part", 315, None), ("proactive.part", 96, None)]


def test_when_an_overall_figure_heads_the_channels_then_it_stays_the_total():
    _, claims = tag("主动公开政府信息1231条，其中通过门户网站发布820条，通过微信公众号推送315条，通过微博发布96条。")
    assert [(c.metric, c.value) for c in claims] == [
        ("proactive.total", 1231), ("proactive.part", 820), ("proactive.part", 315), ("proactive.part", 96)]
    assert {c.parent for c in claims[1:]} == {0}


def test_when_a_new_statement_follows_a_total_then_it_is_not_one_of_its_parts():
    _, claims = tag("主动公开各类政府信息412条，同比增长8.4%；发布政策解读12篇，其中图解解读5篇。")
    assert [(c.metric, c.value) for c in claims] == [("proactive.total", 412), ("other", 12), ("other", 5)]


@pytest.mark.parametrize("sentence, expected", [
    ("另有2件申请因需征求第三方意见，结转至2024年继续办理。", ("requests.carried_forward", 2)),
    ("受理的申请中，有三件因申请人逾期未补正视为放弃。", ("other", 3)),
    ("另有一件因需要另行制作不予提供。", ("requests.unable", 1)),
])
def test_when_the_count_comes_before_what_became_of_it_then_the_sentence_end_decides(sentence, expected):
    _, claims = tag(sentence)
    assert (expected[0], Decimal(expected[1])) in {(c.metric, c.value) for c in claims}


def test_when_a_money_amount_has_thousands_separators_and_decimals_then_it_is_one_number():
    _, claims = tag("办结行政处罚案件412件，罚没款1,236.5万元。")
    assert [(c.metric, c.value) for c in claims] == [("proactive.penalty", 412), ("other", Decimal("1236.5"))]


@pytest.mark.parametrize("sentence, expected", [
    ("全年公开信息506条，比2022年的412条有所增加。", [("proactive.total", 506)]),
    ("本镇政府信息公开行政复议、行政诉讼案件数量均为零。", [("review.total", 0), ("litigation.total", 0)]),
    ("推送政务信息350余条至市政务公开办。", [("other", 350)]),
    ("因申请人逾期不补正、行政机关不再处理其政府信息公开申请的3件。", [("other", 3)]),
    ("加上上年结转的1件，全年需办理24件申请。", [("requests.carried_over", 1), ("requests.handled", 24)]),
    ("依申请公开的申请量为312件次。", [("requests.received", 312)]),
])
def test_phrasings_of_real_reports(sentence, expected):
    _, claims = tag(sentence)
    assert [(c.metric, c.value) for c in claims] == [(m, Decimal(v)) for m, v in expected]


@pytest.mark.parametrize("sentence, expected", [
    ("行政诉讼案件中，法院一审判决驳回诉讼请求2起，另1起尚在审理中。",
     [("litigation.upheld", 2), ("litigation.pending", 1)]),
    ("行政复议案件中，维持原答复4件，责令重新答复2件，另有1件尚未审结。",
     [("review.upheld", 4), ("review.corrected", 2), ("review.pending", 1)]),
])
def test_when_the_sentence_is_about_reviews_or_lawsuits_then_outcomes_take_its_topic(sentence, expected):
    _, claims = tag(sentence)
    assert [(c.metric, c.value) for c in claims] == [(m, Decimal(v)) for m, v in expected]


def test_when_the_applications_were_just_counted_then_a_bare_done_verb_counts_them_handled():
    _, claims = tag("全年新收政府信息公开申请417件。已办结410件，予以公开156件。")
    assert [(c.metric, c.value) for c in claims] == [
        ("requests.received", 417), ("requests.handled", 410), ("requests.granted", 156)]


@pytest.mark.parametrize("sentence, metric", [
    ("围绕优化营商环境，主动公开涉企政策文件64份。", "proactive.part"),
    ("全年主动公开各类政府信息412条。", "proactive.total"),
    ("县政府门户网站全年发布信息约一万二千条。", "proactive.total"),
])
def test_when_one_category_of_information_is_counted_then_it_is_a_part(sentence, metric):
    _, claims = tag(sentence)
    assert [c.metric for c in claims] == [metric]


@pytest.mark.parametrize("sentence, expected", [
    # how a lawsuit came (未经复议直接起诉, 复议后起诉) is a lawsuit, not a review
    ("被提起行政诉讼5件，其中未经复议直接起诉3件、复议后起诉2件。",
     [("litigation.total", 5), ("litigation.total", 3), ("litigation.total", 2)]),
    # table 3's reasons for 不予公开, named anywhere in a sentence about 不予公开
    ("不予公开5件（其中属于国家秘密2件、属于过程性信息3件）。",
     [("requests.denied", 5), ("requests.denied", 2), ("requests.denied", 3)]),
    ("属于内部事务信息的2件，依法答复不予公开。", [("requests.denied", 2)]),
    # the outcome right after the count
    ("有9件申请予以公开，2件部分公开，1件不予处理。",
     [("requests.granted", 9), ("requests.partially_granted", 2), ("requests.not_processed", 1)]),
    ("其中40件申请由自然人提出，6件由企业提出。",
     [("requests.received_natural_person", 40), ("requests.received_legal_entity", 6)]),
    # the noun after a count, read before the noun of the count before it
    ("本年度共办理18件新收申请、3件上年结转申请。", [("requests.received", 18), ("requests.carried_over", 3)]),
    ("截至年底，仍有2件行政复议案件和1件行政诉讼案件尚在审理中。",
     [("review.pending", 2), ("litigation.pending", 1)]),
    ("行政诉讼3起，其中2起判决驳回原告诉讼请求、1起原告撤诉。",
     [("litigation.total", 3), ("litigation.upheld", 2), ("litigation.other", 1)]),
    # labels before a colon
    ("依申请公开——收到：7件；办结：7件；结果：公开5件，无法提供2件。",
     [("requests.received", 7), ("requests.handled", 7), ("requests.granted", 5), ("requests.unable", 2)]),
    # outcomes and states that did not occur
    ("本年度未作出不予公开和不予处理的决定。", [("requests.denied", 0), ("requests.not_processed", 0)]),
    ("行政复议2起、行政诉讼1起，均无一被纠错。",
     [("review.total", 2), ("litigation.total", 1), ("review.corrected", 0), ("litigation.corrected", 0)]),
    ("行政复议、行政诉讼：本年度未发生。", [("review.total", 0), ("litigation.total", 0)]),
    ("上年结转和结转下年度：均无。", [("requests.carried_over", 0), ("requests.carried_forward", 0)]),
    ("信息处理费：未收取。", [("fees.info_processing", 0)]),
])
def test_when_outcomes_reasons_and_states_are_named_then_each_count_gets_its_cell(sentence, expected):
    _, claims = tag(sentence)
    assert sorted((c.metric, c.value) for c in claims) == sorted((m, Decimal(v)) for m, v in expected)


@pytest.mark.parametrize("sentence", [
    "本机关无行政许可权限。",  # a power the agency lacks, not zero licences
    "行政诉讼败诉率为零。",  # a rate
    "其中未经复议直接起诉的案件，法院均已审结。",  # no count of reviews at all
])
def test_when_a_zero_is_only_apparent_then_no_claim_is_made(sentence):
    _, claims = tag(sentence)
    assert [(c.metric, c.value) for c in claims] == []


@pytest.mark.parametrize("sentence, expected", [
    ("全年立案查处违法案件86起，开设专题栏目3个。", [("other", 86), ("other", 3)]),
    ("下一步，我局将每季度开展一次自查，明年争取增配2名专职人员。", []),  # how often, and a plan
    ("本年度共办结申请40件，结转下一年度2件。", [("requests.handled", 40), ("requests.carried_forward", 2)]),
    ("主动公开政府信息300条，其中规划计划类信息25条。", [("proactive.total", 300), ("proactive.part", 25)]),
])
def test_when_counts_are_work_done_plans_or_frequencies_then_only_what_happened_is_claimed(sentence, expected):
    _, claims = tag(sentence)
    assert sorted((c.metric, c.value) for c in claims) == sorted((m, Decimal(v)) for m, v in expected)


@pytest.mark.parametrize("sentence, expected", [
    # 分别为: the i-th count is the i-th item named
    ("予以公开、部分公开、无法提供的申请分别为10件、4件和6件。",
     [("requests.granted", 10), ("requests.partially_granted", 4), ("requests.unable", 6)]),
    ("行政复议、行政诉讼案件分别为3件和1件。", [("review.total", 3), ("litigation.total", 1)]),
    # 合计 after a list: the total of what was listed
    ("复议结果维持4件、纠正1件、尚未审结1件，合计6件。",
     [("review.upheld", 4), ("review.corrected", 1), ("review.pending", 1), ("review.total", 6)]),
    # a label–value list without units
    ("依申请公开：新收 12，上年结转 0；行政复议 0，行政诉讼 0。",
     [("requests.received", 12), ("requests.carried_over", 0), ("review.total", 0), ("litigation.total", 0)]),
    # the kinds of 法人或其他组织, their 其他 included, and none of one kind
    ("法人或其他组织申请5件（商业企业3件、科研机构1件、其他1件）。",
     [("requests.received_legal_entity", 5), ("requests.received_legal_entity", 3),
      ("requests.received_legal_entity", 1), ("requests.received_legal_entity", 1)]),
    ("本年度未收到法人或其他组织提出的申请。", [("requests.received_legal_entity", 0)]),
    ("行政复议、行政诉讼案件均已审结，无尚未审结案件。", [("review.pending", 0), ("litigation.pending", 0)]),
    ("本年度没有发生行政复议被纠错或行政诉讼败诉的情况。", [("review.corrected", 0), ("litigation.corrected", 0)]),
])
def test_when_counts_are_listed_then_each_takes_the_item_it_stands_for(sentence, expected):
    _, claims = tag(sentence)
    assert sorted((c.metric, c.value) for c in claims) == sorted((m, Decimal(v)) for m, v in expected)


def test_when_a_fee_standard_is_quoted_then_no_fee_is_claimed():
    _, claims = tag("按照收费标准，30页以下（含30页）的不收费，31—100页的部分每页收费10元。")
    assert [c for c in claims if c.metric == "fees.info_processing" and c.value != 0] == []


@pytest.mark.parametrize("text", ["行政许可\t550\t\t", "本年新收\t3\t0\t0\t0\t0\t0\t3", "行政处罚 12"])
def test_when_a_line_is_a_table_row_then_its_bare_numbers_are_not_claims(text):
    _, claims = tag(text)
    assert claims == []


@pytest.mark.parametrize("sentence, expected", [
    # channel counts, then their sum: the sum is the total, the channels its parts
    ("通过门户网站发布信息 800 条，“XX发布”微信公众号推送信息 300 条，政务微博发布信息 100 条，三个渠道合计主动公开政府信息 1 200 条。",
     [("proactive.part", 800), ("proactive.part", 300), ("proactive.part", 100), ("proactive.total", 1200)]),
    ("全年共計主動公開政府信息３，４７２條。", [("proactive.total", 3472)]),  # a full-width thousands comma
    ("本年度无规范性文件制发、废止情况。",
     [("proactive.normative_docs_issued", 0), ("proactive.normative_docs_repealed", 0)]),
    ("本机关不涉及规章的制定和废止。", [("proactive.regulations_issued", 0), ("proactive.regulations_repealed", 0)]),
    ("本年度收取信息处理费 3 件、金额 1,200 元。", [("fees.info_processing", 1200)]),
    ("公文公开属性源头认定 420 件，其中经保密审查后不予公开 38 件。", [("other", 420), ("other", 38)]),
])
def test_when_totals_sums_and_negations_are_phrased_otherwise_then_the_cells_are_still_found(sentence, expected):
    _, claims = tag(sentence)
    assert sorted((c.metric, c.value) for c in claims) == sorted((m, Decimal(v)) for m, v in expected)
    parts = [c for c in claims if c.metric == "proactive.part"]
    assert all(claims[c.parent].metric == "proactive.total" for c in parts if c.parent is not None)


@pytest.mark.parametrize("sentence, expected", [
    ("本年度共收到申请 39 件，其中本年新收 37 件、上年结转 2 件。",
     [("requests.received", 39), ("requests.received", 37), ("requests.carried_over", 2)]),
    ("本年度镇人民政府未收到公民、法人或其他组织提出的政府信息公开申请。", [("requests.received", 0)]),
    ("不予公开 6 件，其中属于行政查询事项 5 件、属于国家秘密 1 件。",
     [("requests.denied", 6), ("requests.denied", 5), ("requests.denied", 1)]),
    ("全年发布局令 1 件，修订部门规章 2 件。", [("proactive.regulations_issued", 1), ("other", 2)]),
    ("全年印发公文 900 件，经公文公开属性认定，其中主动公开 500 件、依申请公开 300 件、不予公开 100 件。",
     [("other", 500), ("other", 300), ("other", 100)]),
    ("对2019年以来印发的47件规范性文件开展清理。", []),  # other years' documents
])
def test_when_the_noun_or_the_period_changes_the_reading_then_the_claim_follows(sentence, expected):
    _, claims = tag(sentence)
    assert sorted((c.metric, c.value) for c in claims) == sorted((m, Decimal(v)) for m, v in expected)


@pytest.mark.parametrize("sentence, expected", [
    ("截至年底，行政复议案件尚有 2 件未审结，行政诉讼案件尚有 1 件未审结。",
     [("review.pending", 2), ("litigation.pending", 1)]),
    ("本年度被申请行政复议的 3 件案件全部维持。", [("review.total", 3)]),  # the outcome of all: the count is the total
    ("被提起行政诉讼 2 起，其中 1 起系复议后起诉。", [("litigation.total", 2), ("litigation.total", 1)]),
    ("行政复议纠错率、行政诉讼败诉率均为零。", []),  # rates
])
def test_when_a_state_follows_the_count_then_it_decides_unless_it_covers_all(sentence, expected):
    _, claims = tag(sentence)
    assert sorted((c.metric, c.value) for c in claims) == sorted((m, Decimal(v)) for m, v in expected)


@pytest.mark.parametrize("sentence, expected", [
    # a count of requests whose outcome the clause states later
    ("对 6 件涉及第三方个人信息的申请作出部分公开处理。", [("requests.partially_granted", 6)]),
    ("另有 21 件因本机关未制作、未获取相关信息，告知申请人。", [("requests.unable", 21)]),
    ("经保密审查，1 件申请所涉信息属于国家秘密，依法不予公开。", [("requests.denied", 1)]),
    # outcomes stated as zero after the noun, and totals of applicants or outcomes
    ("不予公开和不予处理的申请数量均为零。", [("requests.denied", 0), ("requests.not_processed", 0)]),
    ("法人或其他组织申请 7 件、个人申请 5 件，合计 12 件。",
     [("requests.received_legal_entity", 7), ("requests.received_natural_person", 5), ("requests.received", 12)]),
    ("全年作出 284 件行政许可决定和 31 件行政处罚决定。", [("proactive.licensing", 284), ("proactive.penalty", 31)]),
    ("转入本年度办理的申请有 5 件，已全部办结。", [("requests.carried_over", 5)]),
])
def test_when_the_outcome_or_the_noun_comes_late_then_the_count_still_gets_its_cell(sentence, expected):
    _, claims = tag(sentence)
    assert sorted((c.metric, c.value) for c in claims) == sorted((m, Decimal(v)) for m, v in expected)


def test_when_a_channel_count_follows_the_years_total_then_it_is_a_part_of_it():
    text = ("（一）主动公开。全年主动公开政府信息 3 200 条。\n"
            "（四）平台建设。“XX发布”微信公众号全年发布信息 1 420 条，粉丝数 9.7 万。")
    _, claims = tag(text)
    assert [(c.metric, c.value) for c in claims if c.metric.startswith("proactive.")] == [
        ("proactive.total", 3200), ("proactive.part", 1420)]


@pytest.mark.parametrize("sentence, expected", [
    ("本年度办结申请 40 件，年末结转 2 件。", [("requests.handled", 40), ("requests.carried_forward", 2)]),
    ("新收申请 173 件，加上上年结转的 5 件，共需处理 178 件。",
     [("requests.received", 173), ("requests.carried_over", 5), ("requests.handled", 178)]),
])
def test_when_the_year_end_is_phrased_otherwise_then_the_cells_are_found(sentence, expected):
    _, claims = tag(sentence)
    assert sorted((c.metric, c.value) for c in claims) == sorted((m, Decimal(v)) for m, v in expected)

"""Splitting reports into the six standard sections, preamble and trailer."""
from __future__ import annotations

import pytest

from extractors.loaders.txt import load_txt
from extractors.sections import split_sections
from tests.conftest import SEEDS

STANDARD = ["overview", "proactive", "requests", "review", "problems", "other"]


def _doc(text: str):
    return load_txt(text.encode("utf-8"), "t.txt")


def _ids(text: str) -> list[str]:
    return [s.id for s in split_sections(_doc(text))]


BODY = {
    1: "总体情况", 2: "主动公开政府信息情况", 3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况", 5: "存在的主要问题及改进情况", 6: "其他需要报告的事项",
}
CN = "一二三四五六"


def _report(numbering) -> str:
    parts = ["某县人民政府2023年政府信息公开工作年度报告\n"]
    for n, title in BODY.items():
        parts.append(f"{numbering(n)}{title}\n正文第{n}部分。\n")
    return "".join(parts)


@pytest.mark.parametrize("numbering", [
    lambda n: f"{CN[n-1]}、",
    lambda n: f"{n}、",
    lambda n: f"{n}. ",
    lambda n: f"（{CN[n-1]}）",
    lambda n: f"#### {CN[n-1]}、",
    lambda n: "",
    lambda n: f"第{CN[n-1]}部分 ",
    lambda n: f"{CN[n-1]}、" if n != 5 else "5、 ",
])
def test_when_numbering_is_mangled_then_all_six_sections_are_found(numbering):
    assert _ids(_report(numbering)) == ["preamble"] + STANDARD


def test_when_table_rows_look_like_headings_then_they_stay_inside_the_table():
    text = _report(lambda n: f"{CN[n-1]}、").replace(
        "正文第3部分。\n",
        "\t一、本年新收政府信息公开申请数量\t1\n\t四、结转下年度继续办理\t0\n行政复议\t\t行政诉讼\n")
    sections = split_sections(_doc(text))
    assert [s.id for s in sections] == ["preamble"] + STANDARD
    requests = next(s for s in sections if s.id == "requests")
    assert "结转下年度继续办理" in text[requests.start:requests.end]


def test_when_overview_has_subsections_named_like_sections_then_they_stay_subsections():
    text = _report(lambda n: f"{CN[n-1]}、").replace(
        "正文第1部分。\n", "（一）主动公开情况\n共153条。\n（二）依申请公开情况\n收到1件。\n（5） 监督保障情况\n好。\n")
    sections = split_sections(_doc(text))
    overview = next(s for s in sections if s.id == "overview")
    assert "监督保障" in text[overview.start:overview.end]
    assert [s.id for s in sections] == ["preamble"] + STANDARD


def test_when_signature_and_date_close_the_report_then_they_form_the_trailer():
    text = _report(lambda n: f"{CN[n-1]}、") + "\n(此页无正文)\n\n某县人民政府\n2024年1月20日\n"
    sections = split_sections(_doc(text))
    assert sections[-1].id == "trailer"
    trailer = text[sections[-1].start:]
    assert "某县人民政府" in trailer and "2024年1月20日" in trailer and "此页无正文" in trailer
    other = sections[-2]
    assert "正文第6部分" in text[other.start:other.end]


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_when_splitting_a_seed_then_all_six_sections_are_found_in_order(path):
    doc = load_txt(path.read_bytes(), path.name)
    sections = split_sections(doc)
    assert [s.id for s in sections if s.number] == STANDARD
    for a, b in zip(sections, sections[1:]):
        assert a.end == b.start
    assert sections[-1].end == len(doc.text)


@pytest.mark.parametrize("sentence", [
    "本年度未发生政府信息公开行政复议、行政诉讼案件。",
    "我乡无行政复议、行政诉讼情况",
    "2023年度未收到政府信息公开申请，无存在的主要问题。",
])
def test_when_a_short_sentence_names_a_section_topic_then_it_is_not_a_heading(sentence):
    text = _report(lambda n: f"{CN[n-1]}、").replace("正文第1部分。\n", sentence + "\n")
    sections = split_sections(_doc(text))
    overview = next(s for s in sections if s.id == "overview")
    assert sentence in text[overview.start:overview.end]


def test_when_headings_are_in_traditional_characters_then_sections_are_found():
    traditional = {"总": "總", "体": "體", "况": "況", "动": "動", "开": "開", "政": "政", "处": "處",
                   "请": "請", "复": "復", "议": "議", "诉": "訴", "讼": "訟", "问": "問", "题": "題",
                   "进": "進", "报": "報", "告": "告", "项": "項", "事": "事", "关": "關"}
    text = _report(lambda n: f"{CN[n-1]}、")
    folded = "".join(traditional.get(ch, ch) for ch in text)
    assert folded != text
    sections = split_sections(_doc(folded))
    assert [s.id for s in sections] == ["preamble"] + STANDARD
    assert sections[1].title == "一、總體情況"

"""The page logic of the auditor UI, without a server: highlighting, tables, list filters, security helpers."""
from __future__ import annotations

import pytest

from web.narrative import cut, prose_blocks
from web.pages import ListFilter, piece_class, report_row, review_state
from web.security import InsecureBinding, check_binding, safe_next, session_value
from web.tables import table_views

TEXT = "一、总体情况\n主动公开153条，其中文件13条。未收到申请。"
CLAIMS = [
    {"metric": "proactive.total", "value": 153, "start": 11, "end": 15, "sentence_start": 7, "sentence_end": 24,
     "text": "主动公开153条"},
    {"metric": "proactive.part", "value": 13, "start": 19, "end": 22, "sentence_start": 7, "sentence_end": 24,
     "text": "文件13"},
]


def test_when_text_is_cut_then_pieces_rebuild_it_exactly():
    pieces = cut(TEXT, 0, len(TEXT), CLAIMS)
    assert "".join(p.text for p in pieces) == TEXT
    assert [p.start for p in pieces] == sorted(p.start for p in pieces)


@pytest.mark.parametrize("claim_index", [0, 1])
def test_when_a_claim_has_offsets_then_exactly_its_text_is_marked(claim_index):
    claim = CLAIMS[claim_index]
    marked = "".join(p.text for p in cut(TEXT, 0, len(TEXT), CLAIMS) if claim_index in p.claims)
    assert marked == TEXT[claim["start"]:claim["end"]]


def test_when_claims_share_a_sentence_then_the_whole_sentence_is_marked_for_both():
    pieces = cut(TEXT, 0, len(TEXT), CLAIMS)
    sentence = "".join(p.text for p in pieces if 0 in p.sentences)
    assert sentence == TEXT[7:24]
    assert all(1 in p.sentences for p in pieces if 0 in p.sentences)


@pytest.mark.parametrize("bad", [
    {"start": None, "end": 5}, {"start": 5, "end": 5}, {"start": -3, "end": 2}, {"start": "1", "end": 4},
])
def test_when_a_claim_has_no_usable_offsets_then_text_is_still_whole(bad):
    claims = [{"metric": "other", "value": 1, **bad}]
    pieces = cut(TEXT, 0, len(TEXT), claims)
    assert "".join(p.text for p in pieces) == TEXT
    assert not any(p.claims for p in pieces)


def test_when_sections_exist_then_only_prose_sections_become_blocks():
    sections = [{"id": "overview", "title": "一、总体情况", "start": 0, "end": 24},
                {"id": "requests", "title": "三", "start": 24, "end": len(TEXT)}]
    blocks = prose_blocks(TEXT, sections, CLAIMS)
    assert [b.section for b in blocks] == ["overview"]
    assert "".join(p.text for p in blocks[0].pieces) == TEXT[:24]


def test_when_a_table_section_holds_a_sentence_with_a_claim_then_that_sentence_becomes_a_block():
    text = "一、总体情况\n主动公开153条。\n四、复议诉讼\n本年度被申请行政复议2件。\n表格\t0\t0\n"
    sections = [{"id": "overview", "title": "一、总体情况", "start": 0, "end": 18},
                {"id": "review", "title": "四、复议诉讼", "start": 18, "end": len(text)}]
    start = text.index("2件")
    claims = [{"metric": "review.total", "value": 2, "start": start, "end": start + 2,
               "sentence_start": text.index("本年度"), "sentence_end": text.index("。\n表格") + 1}]
    blocks = prose_blocks(text, sections, claims)
    assert [b.section for b in blocks] == ["overview", "review"]
    assert "".join(p.text for p in blocks[1].pieces) == "本年度被申请行政复议2件。"  # the sentence, not the table
    assert [p.text for p in blocks[1].pieces if 0 in p.claims] == ["2件"]


def test_when_a_finding_is_selected_then_its_claim_is_lit_and_its_sentence_lit_softly():
    pieces = cut(TEXT, 0, len(TEXT), CLAIMS)
    classes = {p.text: piece_class(p, cited_claims={0, 1}, lit_claims={1}) for p in pieces}
    assert "lit" in classes["件13"].split()
    assert "lit-sentence" in classes["153条"].split()
    assert "lit" not in classes["153条"].split()


def _result(findings, cells=None):
    return {"sha256": "a" * 64, "source": "x/y.txt", "status": "ok",
            "report": {"agency": "某乡人民政府", "year": 2023}, "tables": cells or {},
            "claims": CLAIMS, "findings": findings, "format_version": "2021"}


ERR = {"rule": "t3.col", "kind": "table_arithmetic", "severity": "error", "message": "m",
       "cells": ["t3.total_processed.natural_person"], "claims": []}
WARN = {"rule": "n.sum", "kind": "narrative_internal", "severity": "warning", "message": "m", "cells": [],
        "claims": [0, 1]}
INFO = {"rule": "i", "kind": "narrative_vs_table", "severity": "info", "message": "m", "cells": [], "claims": []}


@pytest.mark.parametrize("findings, verdicts, expected", [
    ([], {}, "none"),
    ([INFO], {}, "none"),
    ([ERR, WARN], {0: {"status": "confirmed"}}, "open"),
    ([ERR, WARN], {0: {"status": "confirmed"}, 1: {"status": "dismissed"}}, "reviewed"),
    ([ERR, INFO], {0: {"status": "open"}}, "open"),
])
def test_review_state_follows_the_verdicts_on_errors_and_warnings(findings, verdicts, expected):
    assert review_state(findings, verdicts) == expected


@pytest.mark.parametrize("params, keeps", [
    ({"q": "某乡"}, True), ({"q": "街道"}, False), ({"year": "2023"}, True), ({"year": "2022"}, False),
    ({"severity": "error"}, True), ({"severity": "info"}, False), ({"kind": "table_arithmetic"}, True),
    ({"kind": "cross_year"}, False), ({"status": "open"}, True), ({"status": "reviewed"}, False),
    ({"status": "ok"}, False), ({"year": "<script>"}, True),
])
def test_list_filter_on_one_report_with_an_open_error(params, keeps):
    row = report_row(_result([ERR]), {})
    assert ListFilter.parse(params).keeps(row) is keeps


def test_when_the_error_is_confirmed_then_it_no_longer_counts_as_open():
    row = report_row(_result([ERR, WARN]), {0: {"status": "confirmed"}})
    assert (row.open["error"], row.open["warning"], row.marker) == (0, 1, "has-warning")


def test_when_a_finding_cites_a_cell_then_the_table_view_marks_it_with_its_severity():
    cells = {"t3.total_processed.natural_person": {"value": 21, "state": "value", "raw": "21"},
             "t3.new_received.natural_person": {"value": None, "state": "blank"}}
    t2, t3, t4 = table_views(_result([ERR], cells))
    shown = {c.id: c for row in t3.rows for c in row.cells}
    assert shown["t3.total_processed.natural_person"].severity == "error"
    assert shown["t3.total_processed.natural_person"].shown == "21"
    assert shown["t3.new_received.natural_person"].shown == ""
    assert shown["t3.new_received.natural_person"].severity is None
    assert len(t3.rows) == 25 and len(t4.rows) == 3


@pytest.mark.parametrize("host, token, ok", [
    ("127.0.0.1", None, True), ("localhost", None, True), ("::1", None, True),
    ("0.0.0.0", None, False), ("192.168.1.5", None, False), ("0.0.0.0", "s3cret", True),
])
def test_binding_beyond_loopback_needs_a_token(host, token, ok):
    if ok:
        check_binding(host, token)
    else:
        with pytest.raises(InsecureBinding):
            check_binding(host, token)


@pytest.mark.parametrize("target, expected", [
    ("/reports/ab", "/reports/ab"), ("//evil.example/x", "/"), ("https://evil.example", "/"),
    ("/\\evil.example", "/"), ("", "/"), (None, "/"),
])
def test_login_only_redirects_to_local_paths(target, expected):
    assert safe_next(target) == expected


def test_session_cookie_never_holds_the_token():
    assert "s3cret" not in session_value("s3cret")
    assert session_value("s3cret") != session_value("other")


def test_serve_refuses_a_public_address_without_a_token(capsys, monkeypatch):
    from gidar.cli import main
    monkeypatch.delenv("GIDAR_WEB_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "令牌" in capsys.readouterr().err

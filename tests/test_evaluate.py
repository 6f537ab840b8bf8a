"""Scoring taggers against gold labels, and the commands around it."""
from __future__ import annotations

import argparse
import json
from decimal import Decimal

import pytest

from gidar.domain import Claim
from gidar.settings import Settings
from gidar.taxonomy import RECONCILED_METRICS
from models.cli import add_commands
from models.evaluate import Tally, evaluate, format_table, prf, score_line, summarize
from models.labels import LabelSpan, LabeledText, read_jsonl, write_jsonl
from models.registry import get_tagger

TEXT = "2023年，本机关共受理政府信息公开申请21件，办结20件。"
GOLD = LabeledText(TEXT, (LabelSpan(19, 22, "requests.received", Decimal(21)),
                          LabelSpan(25, 28, "requests.handled", Decimal(20))), {"split": "heldout"})


def claim(metric, value, start, end):
    return Claim(metric=metric, value=Decimal(value), start=start, end=end, text=TEXT[start:end])


@pytest.mark.parametrize("claims, tp, fp, fn", [
    ([claim("requests.received", 21, 19, 22), claim("requests.handled", 20, 25, 28)], 2, 0, 0),
    ([claim("requests.received", 21, 13, 21)], 1, 0, 1),  # overlapping, wider span: a match
    ([claim("requests.received", 12, 19, 22)], 0, 1, 2),  # wrong value
    ([claim("requests.handled", 21, 19, 22)], 0, 1, 2),  # wrong metric
    ([claim("requests.received", 21, 0, 5)], 0, 1, 2),  # no overlap
    ([claim("requests.received", 21, 19, 22)] * 2, 1, 1, 1),  # one gold span matches one claim
])
def test_a_claim_matches_when_metric_and_value_agree_and_spans_overlap(claims, tp, fp, fn):
    tally = Tally()
    score_line(claims, GOLD, tally)
    assert (sum(tally.tp.values()), sum(tally.fp.values()), sum(tally.fn.values())) == (tp, fp, fn)


@pytest.mark.parametrize("tp, fp, fn, expected", [
    (8, 2, 0, {"precision": 0.8, "recall": 1.0, "f1": 0.8889, "support": 8}),
    (0, 0, 3, {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 3}),
    (0, 0, 0, {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 0}),
])
def test_precision_recall_f1(tp, fp, fn, expected):
    assert prf(tp, fp, fn) == expected


def test_micro_pools_only_metrics_the_gold_labels():
    tally = Tally()
    score_line([claim("requests.received", 21, 19, 22), claim("other", 2023, 0, 5)], GOLD, tally)
    result = summarize(tally, {"requests.received", "requests.handled"})
    assert result["by_metric"]["other"]["precision"] == 0.0
    assert result["micro"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert set(result["by_metric"]) - {"other"} <= set(RECONCILED_METRICS)


def test_when_a_paragraph_has_no_section_headings_then_it_is_scored_as_the_overview():
    result = evaluate(get_tagger("ml", Settings()), [GOLD])
    assert result["by_metric"]["requests.received"]["recall"] == 1.0


def test_when_a_whole_report_is_gold_then_table_numbers_are_not_claims():
    report = ("一、总体情况\n" + TEXT + "\n二、主动公开政府信息情况\n规章\t5\t0\t7\n"
              "三、收到和处理政府信息公开申请情况\n本年新收\t21\t0\t21\n")
    gold = LabeledText(report, tuple(LabelSpan(s.start + 7, s.end + 7, s.label, s.value) for s in GOLD.spans))
    for name in ("ml", "ensemble"):
        result = evaluate(get_tagger(name, Settings()), [gold])
        assert result["micro"]["precision"] == 1.0, name


def test_format_table_has_a_row_per_metric_and_the_pooled_rows():
    results = {"ml": evaluate(get_tagger("ml", Settings()), [GOLD])}
    table = format_table(results)
    assert "| requests.received |" in table and "**micro**" in table and "**reconciled**" in table


def run_cli(argv, capsys):
    parser = argparse.ArgumentParser(prog="gidar")
    add_commands(parser.add_subparsers(dest="command", required=True), lambda args: Settings.resolve(tagger=getattr(args, "tagger", None)))
    args = parser.parse_args(argv)
    code = args.func(args)
    return code, capsys.readouterr().out


def test_evaluate_command_prints_the_json_contract(tmp_path, capsys):
    write_jsonl([GOLD], tmp_path / "gold.jsonl")
    code, out = run_cli(["evaluate", "--gold", str(tmp_path / "gold.jsonl"), "--tagger", "ml",
                         "--format", "json"], capsys)
    result = json.loads(out)
    assert code == 0 and set(result["micro"]) == {"precision", "recall", "f1", "support"}
    assert result["by_metric"]["requests.received"]["support"] == 1


def test_corpus_commands_import_export_and_count(tmp_path, capsys):
    write_jsonl([GOLD], tmp_path / "gold.jsonl")
    code, _ = run_cli(["corpus", "export", "--labels", str(tmp_path / "gold.jsonl"), "--to", "label-studio",
                       "--out", str(tmp_path / "ls.json")], capsys)
    assert code == 0
    code, _ = run_cli(["corpus", "import", str(tmp_path / "ls.json"), "--out",
                       str(tmp_path / "labels" / "back.jsonl")], capsys)
    assert code == 0 and read_jsonl(tmp_path / "labels" / "back.jsonl") == [GOLD]
    code, out = run_cli(["corpus", "stats", "--corpus", str(tmp_path)], capsys)
    assert code == 0 and "requests.received" in out and "heldout" in out


@pytest.mark.parametrize("command", [["train"], ["evaluate"], ["corpus", "stats"], ["corpus", "import"],
                                     ["corpus", "export"]])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        run_cli(command + ["--help"], capsys)
    assert exit_.value.code == 0


def test_when_gold_lines_list_expected_findings_then_evaluate_reports_the_reconciliation_outcome():
    """Seed 001's stated total 153 vs parts 156 is expected; dropping that finding from the gold
    turns it into an unexpected error, and an invented expectation is reported missing."""
    from pathlib import Path

    from models.evaluate import reconciliation_outcome
    from models.labels import read_jsonl
    from models.registry import get_tagger

    lines = read_jsonl(Path(__file__).resolve().parent.parent / "corpus" / "labels" / "seeds.jsonl")
    rule = get_tagger("rule")
    outcome = reconciliation_outcome(rule, lines)
    assert outcome["documents"] == len(lines)
    assert outcome["found"] == outcome["expected"] > 0
    assert outcome["unexpected_errors"] == 0

    from dataclasses import replace
    seed001 = next(l for l in lines if "001_" in l.meta["source"])
    altered = replace(seed001, meta={**seed001.meta, "findings": [
        {"rule": "t3.column_identity", "kind": "table_arithmetic", "severity": "error"}]})
    outcome = reconciliation_outcome(rule, [altered])
    assert outcome["found"] == 0 and outcome["expected"] == 1
    assert outcome["unexpected_errors"] == 1

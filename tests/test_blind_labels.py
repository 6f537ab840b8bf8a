"""The hand-labeled set: in step with its labels, well formed; its test split never trained on."""
from pathlib import Path

import pytest

from corpus.blind import build_blind
from models.labels import read_jsonl
from models.training import training_lines

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_when_built_then_the_committed_jsonl_is_up_to_date():
    assert build_blind.main(["--check"]) == 0


@pytest.mark.parametrize("split", ["blind-dev", "blind-test", "blind-test2"])
def test_when_read_then_every_line_is_valid_and_of_its_split(split):
    lines = read_jsonl(build_blind.OUT[split])
    assert lines
    assert {line.split for line in lines} == {split}


def test_when_training_then_no_test_line_is_used_and_the_dev_lines_are():
    lines = build_blind.build_lines()
    test = {ln["text"] for ln in lines if ln["meta"]["split"] in ("blind-test", "blind-test2")}
    dev = {ln["text"] for ln in lines if ln["meta"]["split"] == "blind-dev"}
    trained = {line.text for line in training_lines(CORPUS / "labels")}
    assert not test & trained
    assert dev <= trained


@pytest.mark.parametrize("text, labels, message", [
    ("收到申请113件。", [("13件", "requests.received", 13)], "not found"),
    ("收到申请13件。", [("13件", "requests.received", 12)], "reads 13"),
    ("收到申请13件。", [("13件", "requests.recieved", 13)], "unknown metric"),
    ("收到申请13件，办结13件。", [("13件", "requests.handled", 13, 2)], "occurrence 2"),
])
def test_when_a_hand_label_is_wrong_then_the_build_refuses_it(text, labels, message):
    with pytest.raises(ValueError, match=message):
        build_blind.spans_of(text, labels)


def test_when_a_span_repeats_then_labels_take_successive_occurrences():
    spans = build_blind.spans_of("不予处理1件，其他处理1件。", [("1件", "requests.not_processed", 1), ("1件", "other", 1)])
    assert [s["start"] for s in spans] == [4, 11]

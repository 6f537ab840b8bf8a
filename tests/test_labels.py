"""The label format, its conversions, auditors' corrections and the generated corpus."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from corpus.generator import generate, heldout_family, train_family
from models.labels import (LabelError, LabelSpan, LabeledText, corrections_to_labels, data_hash,
                           from_doccano, from_label_studio, load_any, read_jsonl, stats, to_doccano,
                           to_label_studio, write_jsonl)

TEXT = "全年共受理政府信息公开申请21件，未发生行政复议、行政诉讼。"
LINE = LabeledText(TEXT, (LabelSpan(13, 16, "requests.received", Decimal(21)),
                          LabelSpan(17, 29, "review.total", Decimal(0)),
                          LabelSpan(17, 29, "litigation.total", Decimal(0))),
                   {"source": "test", "split": "train"})


def test_when_written_and_read_then_lines_are_unchanged(tmp_path):
    write_jsonl([LINE], tmp_path / "x.jsonl")
    assert read_jsonl(tmp_path / "x.jsonl") == [LINE]


@pytest.mark.parametrize("convert", [
    lambda ls: from_label_studio(json.loads(json.dumps(to_label_studio(ls)))),
    lambda ls: from_doccano(json.loads(json.dumps(to_doccano(ls)))),
])
def test_when_exported_and_imported_then_spans_and_values_survive(convert):
    assert convert([LINE]) == [LINE]


@pytest.mark.parametrize("record, expected", [
    ({"text": TEXT, "label": [[13, 16, "requests.received"]]}, Decimal(21)),
    ({"text": TEXT, "entities": [{"start_offset": 13, "end_offset": 16, "label": "requests.received"}]},
     Decimal(21)),
    ({"text": "主动公开政府信息一千一百三十六条。", "label": [[8, 16, "proactive.total"]]}, Decimal(1136)),
    ({"text": TEXT, "label": [[17, 29, "review.total"]]}, Decimal(0)),
])
def test_when_doccano_has_no_values_then_they_come_from_the_span_text(record, expected):
    (line,) = from_doccano([record])
    assert line.spans[0].value == expected
    assert line.split == "train"


def test_when_label_studio_file_is_imported_then_it_is_recognised_by_content(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(to_label_studio([LINE]), ensure_ascii=False), encoding="utf-8")
    assert load_any(path) == [LINE]


def test_when_a_span_is_outside_its_text_then_the_line_is_refused(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "短", "spans": [{"start": 0, "end": 9, "label": "x"}]}) + "\n")
    with pytest.raises(LabelError, match="bad.jsonl:1"):
        read_jsonl(bad)


def test_when_an_auditor_corrects_twice_then_one_line_holds_both_spans_and_the_newest_value():
    rows = [{"text": TEXT, "start": 13, "end": 16, "metric": "requests.received", "value": 20},
            {"text": TEXT, "start": 13, "end": 16, "metric": "requests.received", "value": "21"},
            {"text": TEXT, "start": 17, "end": 29, "metric": "review.total", "value": 0}]
    (line,) = corrections_to_labels(rows)
    assert [(s.label, s.value) for s in line.spans] == [("requests.received", 21), ("review.total", 0)]
    assert line.meta["origin"] == "correction" and line.split == "train"


def test_stats_count_spans_per_metric_and_split():
    held = LabeledText(TEXT, LINE.spans[:1], {"split": "heldout"})
    table = stats([LINE, held])
    assert table["requests.received"] == {"train": 1, "heldout": 1}
    assert table["review.total"] == {"train": 1}
    assert table["(texts)"] == {"train": 1, "heldout": 1}


def test_data_hash_changes_with_any_label():
    other = LabeledText(TEXT, LINE.spans[:2], LINE.meta)
    assert data_hash([LINE]) == data_hash([LINE]) != data_hash([other])


@pytest.mark.parametrize("family", [train_family.FAMILY, heldout_family.FAMILY])
def test_when_generated_with_a_seed_then_the_output_is_the_same(family):
    assert generate(family, 20, seed=3) == generate(family, 20, seed=3)
    assert generate(family, 20, seed=3) != generate(family, 20, seed=4)


@pytest.mark.parametrize("family", [train_family.FAMILY, heldout_family.FAMILY])
def test_generated_spans_state_their_values(family):
    from extractors.numbers import parse_number
    for line in generate(family, 200, seed=1):
        for span in line.spans:
            piece = line.text[span.start:span.end]
            number = parse_number(piece.translate(str.maketrans("萬兩", "万两")))
            if span.value == 0 and (number is None or number.value != 0):
                assert not any(ch.isdigit() for ch in piece)  # a negation phrase
            elif number is not None and "零" not in piece:
                assert number.value == span.value, piece


def test_the_two_families_share_no_sentence_frame():
    def frames(family):
        return {t for ts in family.claim_sentences.values() for t in ts} | set(family.filler)
    assert not frames(train_family.FAMILY) & frames(heldout_family.FAMILY)
    train_texts = {l.text for l in generate(train_family.FAMILY, 300, 0)}
    assert not train_texts & {l.text for l in generate(heldout_family.FAMILY, 300, 0)}

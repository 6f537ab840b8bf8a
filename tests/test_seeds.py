"""End to end on the seed reports: ``audit`` against the hand-read gold.

The acceptance test of the whole pipeline (DESIGN.md §6): every cell as the
gold reads it, every claim of a reconciled metric found (metric and value
agree, spans overlap), no claim of a reconciled metric the gold does not have,
the known findings raised and no error finding where none is expected.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pytest

from extractors import layouts
from gidar.domain import CELL_STATES, ERROR, ReportResult
from gidar.pipeline import audit
from gidar.taxonomy import METRICS, RECONCILED_METRICS
from tests.seed_gold import (GOLD_STEMS, claim_map, expected_errors, finding_matches, load_gold,
                             reconciled_gold_claims, report_path)

STEMS = pytest.mark.parametrize("stem", GOLD_STEMS, ids=lambda s: s[:3])


@lru_cache(maxsize=None)
def audited(stem: str) -> ReportResult:
    path = report_path(stem)
    return audit(path.read_bytes(), path.name)


def _value(v) -> Decimal | None:
    return None if v is None else Decimal(str(v))


# --------------------------------------------------------------------------
# The gold itself: complete, and in step with the label file derived from it


@STEMS
def test_gold_names_every_cell_of_its_tables_and_every_claim_where_it_is(stem):
    gold = load_gold(stem)
    text = report_path(stem).read_bytes().decode("utf-8")
    tables = {cid.split(".")[0] for cid in gold["cells"]}
    expected_ids = set()
    if "t2" in tables:
        expected_ids |= set(layouts.TABLE2_LAYOUTS[gold["report"]["format_version"]].cell_ids())
    if "t3" in tables:
        old = any(cid.startswith("t3.other.") and cid.count(".") == 2 for cid in gold["cells"])
        expected_ids |= set(layouts.table3_cell_ids(layouts.TABLE3_ROWS_OLD if old else layouts.TABLE3_ROWS_2021))
    if "t4" in tables:
        expected_ids |= set(layouts.table4_cell_ids())
    assert set(gold["cells"]) == expected_ids
    assert all(c["state"] in CELL_STATES and (c["value"] is None) == (c["state"] != "value")
               for c in gold["cells"].values())
    for i, claim in enumerate(gold["claims"]):
        assert text[claim["start"]:claim["end"]] == claim["text"]
        assert claim["parent"] is None or 0 <= claim["parent"] < len(gold["claims"]) and claim["parent"] != i
        assert claim["metric"] in METRICS and (claim["metric"] != "other" or claim.get("topic"))


def test_seed_labels_are_built_from_the_gold():
    from corpus.build_labels import main

    assert main(["--check"]) == 0, "corpus/labels/seeds.jsonl is stale: run python -m corpus.build_labels"


# --------------------------------------------------------------------------
# The pipeline against the gold


@STEMS
def test_seed_is_read_as_a_report_of_its_agency_and_year(stem):
    gold, result = load_gold(stem), audited(stem)
    assert result.status == "ok", result.error
    assert result.report.year == gold["report"]["year"]
    assert result.tables.format_version == gold["report"]["format_version"]
    agency = result.report.agency or ""
    assert agency and (agency in gold["report"]["agency"] or gold["report"]["agency"] in agency), agency


@STEMS
def test_seed_tables_are_parsed_cell_exact(stem):
    gold, result = load_gold(stem), audited(stem)
    wrong = {}
    for cid, expected in gold["cells"].items():
        cell = result.tables.cells.get(cid)
        got = (cell.state, cell.value) if cell is not None else ("missing", None)
        if got != (expected["state"], _value(expected["value"])):
            wrong[cid] = {"gold": (expected["state"], expected["value"]),
                          "parsed": (got[0], None if got[1] is None else str(got[1]))}
    assert not wrong, f"{len(wrong)} of {len(gold['cells'])} cells differ: {wrong}"


@STEMS
def test_seed_claims_of_reconciled_metrics_are_all_found(stem):
    gold, result = load_gold(stem), audited(stem)
    found = set(claim_map(gold, result.claims).values())
    missed = [gold["claims"][i] for i in reconciled_gold_claims(gold) if i not in found]
    assert not missed, [(c["metric"], c["value"], c["text"]) for c in missed]


@STEMS
def test_seed_claims_of_reconciled_metrics_are_all_true(stem):
    """Precision: a reconciled claim the gold lacks could raise a false finding."""
    gold, result = load_gold(stem), audited(stem)
    mapping = claim_map(gold, result.claims)
    extra = [c for i, c in enumerate(result.claims) if c.metric in RECONCILED_METRICS and i not in mapping]
    assert not extra, [(c.metric, str(c.value), c.text, c.start) for c in extra]


def test_seed_claim_precision_and_recall_over_all_metrics():
    """All metrics, ``other`` included: reported in the message, held to a floor."""
    tp = produced = expected = 0
    for stem in GOLD_STEMS:
        gold, result = load_gold(stem), audited(stem)
        tp += len(claim_map(gold, result.claims))
        produced += len(result.claims)
        expected += len(gold["claims"])
    precision, recall = tp / max(produced, 1), tp / max(expected, 1)
    report = f"claims: precision {precision:.3f} ({tp}/{produced}), recall {recall:.3f} ({tp}/{expected})"
    assert precision >= 0.8 and recall >= 0.8, report


@STEMS
def test_seed_expected_findings_are_raised(stem):
    gold, result = load_gold(stem), audited(stem)
    mapping = claim_map(gold, result.claims)
    missing = [g["note"] for g in gold["findings"]
               if not any(finding_matches(g, f, mapping) for f in result.findings)]
    assert not missing, {"missing": missing, "found": [(f.rule, f.severity, f.message) for f in result.findings]}


@STEMS
def test_seed_has_no_error_finding_the_gold_does_not_expect(stem):
    gold, result = load_gold(stem), audited(stem)
    mapping = claim_map(gold, result.claims)
    unexpected = [f for f in result.findings if f.severity == ERROR
                  and not any(finding_matches(g, f, mapping) for g in expected_errors(gold))]
    assert not unexpected, [(f.rule, f.message) for f in unexpected]


@STEMS
def test_seed_claim_offsets_index_the_decoded_file(stem):
    text = report_path(stem).read_bytes().decode("utf-8")
    for claim in audited(stem).claims:
        assert text[claim.start:claim.end] == claim.text

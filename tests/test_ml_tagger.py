"""The ML tagger: its artifact, its claims, determinism, and how the registry chooses it."""
from __future__ import annotations

import json
from decimal import Decimal

import numpy as np
import pytest

from corpus.generator import generate, train_family
from extractors.tagger import Tagger, tag_document
from gidar.settings import Settings
from models.artifacts import ArtifactError
from models.documents import document_of, sections_of
from models.ensemble import EnsembleTagger
from models.linear_model import LinearModel
from models.ml_tagger import load_linear
from models.registry import default_tagger, get_tagger
from models.training import default_model_path, train_linear

SMALL = generate(train_family.FAMILY, 250, seed=11)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    path = tmp_path_factory.mktemp("models") / "linear-candidates"
    train_linear(SMALL, path, seed=0)
    return path


def claims_of(tagger, text):
    document = document_of(text)
    return [(c.metric, c.value) for c in tag_document(tagger, document, sections_of(document))]


@pytest.mark.parametrize("text, expected", [
    ("2023年，我镇共收到政府信息公开申请14件，均已按时办结。", ("requests.received", Decimal(14))),
    ("全年主动公开政府信息1136条，其中政策文件13条。", ("proactive.total", Decimal(1136))),
    ("全年主动公开政府信息1136条，其中政策文件13条。", ("proactive.part", Decimal(13))),
    ("2023年，本机关未发生政府信息公开行政复议、行政诉讼案件。", ("review.total", Decimal(0))),
    ("2023年，本机关未发生政府信息公开行政复议、行政诉讼案件。", ("litigation.total", Decimal(0))),
    ("本年度未收取信息处理费。", ("fees.info_processing", Decimal(0))),
    ("全年制发行政规范性文件3件，废止5件，现行有效120件。", ("proactive.normative_docs_in_force", Decimal(120))),
])
def test_when_the_committed_model_tags_then_it_finds_the_claim(text, expected):
    assert expected in claims_of(get_tagger("ml", Settings()), text)


@pytest.mark.parametrize("text", [
    "咨询电话0571-64781234，工作日专人接听。",
    "依据《条例》第二十条规定，印发了《政务公开工作要点》（政办发〔2024〕2号）。",
    "按时办结率100%，比上年增加3件。",
])
def test_when_numbers_are_no_claims_then_the_model_finds_none(text):
    assert claims_of(get_tagger("ml", Settings()), text) == []


def test_the_ml_and_ensemble_taggers_implement_the_tagger_interface():
    for name in ("ml", "ensemble"):
        tagger = get_tagger(name, Settings())
        assert isinstance(tagger, Tagger) and tagger.version and "requests.received" in tagger.metrics


def test_when_trained_twice_with_one_seed_then_the_weights_are_identical(trained, tmp_path):
    again = tmp_path / "linear-candidates"
    train_linear(SMALL, again, seed=0)
    a, b = LinearModel.load(trained), LinearModel.load(again)
    assert a.classes == b.classes and a.vocabulary == b.vocabulary
    assert np.array_equal(a.weights, b.weights)


def test_when_the_data_is_unchanged_then_training_is_skipped(trained):
    manifest, did_train = train_linear(SMALL, trained, seed=0)
    assert not did_train and manifest.training_data_hash
    _, did_train = train_linear(SMALL[:-1], trained, seed=0)
    assert did_train


def test_the_manifest_records_versions_hash_and_counts(trained):
    manifest = json.loads((trained / "manifest.json").read_text())
    assert manifest["format_version"] == 1 and manifest["features_version"] >= 1
    assert {"numpy", "scikit-learn", "python"} <= set(manifest["libraries"])
    assert len(manifest["training_data_hash"]) == 64
    assert manifest["metrics"]["training_examples"] > 0
    assert not [p for p in trained.parent.iterdir() if p.name.startswith(".")]  # no temp dirs left


@pytest.mark.parametrize("field, value, message", [
    ("format_version", 99, "format version"),
    ("features_version", -1, "features version"),
    ("name", "someone-else", "expected model"),
])
def test_when_the_manifest_does_not_match_then_the_model_is_refused(trained, tmp_path, field, value, message):
    import shutil
    copy = tmp_path / "copy"
    shutil.copytree(trained, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest[field] = value
    (copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ArtifactError, match=message):
        load_linear(copy)


def test_when_another_version_is_asked_for_then_the_model_is_refused(trained):
    with pytest.raises(ArtifactError, match="not the requested"):
        load_linear(trained, version="0.0-none")


def test_when_damaged_weights_then_loading_fails_loudly(trained, tmp_path):
    import shutil
    copy = tmp_path / "copy"
    shutil.copytree(trained, copy)
    (copy / "vocabulary.json").write_text('["only-one"]')
    with pytest.raises(ValueError, match="do not fit"):
        load_linear(copy)


def test_when_a_model_exists_then_the_default_is_the_ensemble():
    assert default_model_path(None).exists()
    assert isinstance(default_tagger(Settings()), EnsembleTagger)


def test_when_no_model_exists_then_the_default_is_the_rule_tagger(tmp_path):
    tagger = default_tagger(Settings(models_dir=str(tmp_path)))
    assert tagger.name == "rule"
    with pytest.raises(ArtifactError, match="gidar train"):
        get_tagger("ml", Settings(models_dir=str(tmp_path)))


def test_ensemble_claims_keep_their_tagger_and_parents_point_to_totals():
    text = "全年主动公开政府信息1136条，其中政策文件13条，工作动态55条。"
    document = document_of(text)
    claims = tag_document(get_tagger("ensemble", Settings()), document, sections_of(document))
    assert all(c.tagger in ("rule", "ml") for c in claims)
    for c in claims:
        if c.parent is not None:
            assert claims[c.parent].metric == "proactive.total"

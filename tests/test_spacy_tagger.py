"""The spaCy tagger: its tokenizer's dictionary survives saving, its claims, its refusals, determinism."""
from __future__ import annotations

from decimal import Decimal

import pytest

spacy = pytest.importorskip("spacy")

from corpus.generator import generate, train_family  # noqa: E402
from extractors.tagger import Tagger, tag_document  # noqa: E402
from gidar.settings import Settings  # noqa: E402
from models.artifacts import ArtifactError  # noqa: E402
from models.candidates import ml_candidates  # noqa: E402
from models.documents import document_of, narrative_sections, sections_of  # noqa: E402
from models.registry import get_tagger  # noqa: E402
from models.spacy_tagger import CONFIG, blank_pipeline, candidate_context, load_spacy  # noqa: E402
from models.training import default_model_path, train_spacy  # noqa: E402

# Domain words of the committed config that a character segmenter or plain jieba would split.
DOMAIN_WORDS = ("法人或其他组织", "结转下年度", "未经复议直接起诉", "政府信息公开申请")
TINY_STEPS = {"training.max_steps": 40, "training.eval_frequency": 20}


def claims_of(tagger, text):
    document = document_of(text)
    return [(c.metric, c.value) for c in tag_document(tagger, document, sections_of(document))]


def tokens(nlp, text):
    return [t.text for t in nlp.make_doc(text)]


@pytest.fixture(scope="module")
def spacy_tagger():
    return get_tagger("spacy", Settings())


@pytest.mark.parametrize("word", DOMAIN_WORDS)
def test_when_the_pipeline_is_saved_and_reloaded_then_a_dictionary_word_stays_one_token(word, tmp_path):
    text = f"本年度{word}共3件"
    assert word not in tokens(spacy.blank("zh"), text)  # the default segmenter splits it
    nlp = blank_pipeline(CONFIG)
    nlp.to_disk(tmp_path / "nlp")
    reloaded = spacy.load(tmp_path / "nlp")
    assert word in tokens(reloaded, text)
    assert word in spacy.util.load_config(tmp_path / "nlp" / "config.cfg")["nlp"]["tokenizer"]["words"]


def test_when_a_word_list_is_given_in_the_config_then_the_loaded_model_uses_that_list(tmp_path):
    """The list lives in the config, not in the global jieba: a new word travels with the model."""
    config = CONFIG.read_text(encoding="utf-8").replace('words = ["', 'words = ["复议纠错率", "', 1)
    (tmp_path / "config.cfg").write_text(config, encoding="utf-8")
    blank_pipeline(tmp_path / "config.cfg").to_disk(tmp_path / "extended")
    blank_pipeline(CONFIG).to_disk(tmp_path / "committed")
    assert "复议纠错率" in tokens(spacy.load(tmp_path / "extended"), "本年复议纠错率为0")
    assert "复议纠错率" not in tokens(spacy.load(tmp_path / "committed"), "本年复议纠错率为0")


@pytest.mark.parametrize("text, expected", [
    ("2023年，本机关共收到政府信息公开申请14件，上年结转2件。",
     [("requests.received", Decimal(14)), ("requests.carried_over", Decimal(2))]),
    ("全年主动公开政府信息1136条，其中政策文件13条。",
     [("proactive.total", Decimal(1136)), ("proactive.part", Decimal(13))]),
    ("全年制发行政规范性文件3件，废止5件，现行有效120件。",
     [("proactive.normative_docs_issued", Decimal(3)), ("proactive.normative_docs_repealed", Decimal(5)),
      ("proactive.normative_docs_in_force", Decimal(120))]),
    ("2023年，本机关未发生政府信息公开行政复议、行政诉讼案件。",
     [("litigation.total", Decimal(0)), ("review.total", Decimal(0))]),
    ("本年度未收取信息处理费。", [("fees.info_processing", Decimal(0))]),
])
def test_when_the_committed_pipeline_tags_a_paragraph_then_it_finds_its_claims(spacy_tagger, text, expected):
    assert sorted(claims_of(spacy_tagger, text)) == sorted(expected)


@pytest.mark.parametrize("text", [
    "一、总体情况",
    "（二）依申请公开情况",
    "三、收到和处理政府信息公开申请情况",
    "行政许可\t550\t\t",
    "本年新收\t3\t0\t0\t0\t0\t0\t3",
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    "2. 重复申请\t0\t0",
    "咨询电话0571-64781234，工作日专人接听。",
])
def test_when_a_line_is_a_heading_or_a_table_row_then_spacy_claims_nothing(spacy_tagger, text):
    assert claims_of(spacy_tagger, text) == []


def test_the_spacy_tagger_implements_the_tagger_interface(spacy_tagger):
    assert isinstance(spacy_tagger, Tagger)
    assert spacy_tagger.name == "spacy" and spacy_tagger.version and spacy_tagger.metrics
    claims = claims_of(spacy_tagger, "本年度共受理政府信息公开申请38件。")
    assert claims == [("requests.received", Decimal(38))]


def test_when_the_context_is_built_then_the_number_is_a_placeholder_within_its_clause():
    document = document_of("行政复议案件3起、行政诉讼案件17件。")
    section = narrative_sections(document)[0]
    first = ml_candidates(document, section)[0]
    context = candidate_context(first, section.id)
    assert "〖NUM起〗" in context and "3" not in context and "诉讼" not in context


def test_when_the_artifact_is_another_model_then_loading_it_is_refused():
    with pytest.raises(ArtifactError):
        load_spacy(default_model_path())


@pytest.fixture(scope="module")
def tiny_lines():
    return generate(train_family.FAMILY, 40, seed=5)


def test_when_trained_twice_with_a_seed_then_predictions_are_identical(tiny_lines, tmp_path):
    texts = [line.text for line in generate(train_family.FAMILY, 8, seed=99)]
    runs = []
    for k in range(2):
        out = tmp_path / f"run{k}"
        manifest, trained = train_spacy(tiny_lines, out, seed=7, overrides=TINY_STEPS)
        assert trained and manifest.seed == 7
        nlp = load_spacy(out).classifier.nlp
        runs.append([sorted(doc.cats.items()) for doc in nlp.pipe(texts)])
    assert runs[0] == runs[1]


def test_when_the_data_is_unchanged_then_training_is_skipped(tiny_lines, tmp_path):
    out = tmp_path / "model"
    first, trained = train_spacy(tiny_lines, out, seed=0, overrides=TINY_STEPS)
    again, retrained = train_spacy(tiny_lines, out, seed=0, overrides=TINY_STEPS)
    assert trained and not retrained and again.version == first.version

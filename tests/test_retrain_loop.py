"""The retraining loop closes: a phrasing the rules miss is labeled, the model retrained, then found.

The labels come the way auditors' corrections do (``corrections_to_labels``
from ``{text, start, end, metric, value}`` rows), on top of a small slice of
the generated corpus so that training takes seconds.
"""
from __future__ import annotations

import random
from decimal import Decimal

from corpus.generator import generate, train_family
from extractors.rule_tagger import RuleTagger
from extractors.tagger import tag_document
from models.documents import document_of, sections_of
from models.labels import corrections_to_labels
from models.ml_tagger import load_linear
from models.training import train_linear

# A phrasing no rule and no template was written for: requests counted as 诉求函.
PHRASING = "{agency}登记信息公开诉求函{n}{unit}，逐一回函。"
AGENCIES = ["本局", "街道", "管委会", "我镇", "区住建局", "县统计局"]


def corrected(rng: random.Random, k: int) -> list[dict]:
    rows = []
    for _ in range(k):
        n, unit = rng.randint(1, 90), rng.choice("件宗项")
        text = "全年工作有序推进。" + PHRASING.format(agency=rng.choice(AGENCIES), n=n, unit=unit)
        start = text.index("诉求函") + 3
        rows.append({"text": text, "start": start, "end": start + len(f"{n}{unit}"),
                     "metric": "requests.received", "value": n})
    return rows


def found(tagger, text: str):
    document = document_of(text)
    return [(c.metric, c.value) for c in tag_document(tagger, document, sections_of(document))]


def test_when_auditors_label_a_missed_phrasing_then_the_retrained_model_finds_it(tmp_path):
    new = "全年工作有序推进。县统计局登记信息公开诉求函37件，逐一回函。"
    expected = ("requests.received", Decimal(37))
    assert expected not in found(RuleTagger(), new)

    base = generate(train_family.FAMILY, 300, seed=5)
    before, _ = train_linear(base, tmp_path / "before", seed=0)
    assert expected not in found(load_linear(tmp_path / "before"), new)

    labels = corrections_to_labels(corrected(random.Random(1), 30))
    after, trained = train_linear(base + labels, tmp_path / "after", seed=0)
    assert trained and after.training_data_hash != before.training_data_hash
    assert expected in found(load_linear(tmp_path / "after"), new)

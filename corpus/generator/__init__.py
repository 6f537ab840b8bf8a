"""Generated narrative paragraphs with labels, from two independent template families.

``generate(FAMILY, n, seed)`` is deterministic for a seed.  The train family
feeds training; the held-out family is evaluation only and is written to a
separate split, so no model is scored on phrasings it was trained on.
"""
from __future__ import annotations

import random

from corpus.generator.render import Family, paragraph
from models.labels import LabelSpan, LabeledText, validate

SPLITS = {"train": "train", "heldout": "heldout"}


def generate(family: Family, n: int, seed: int = 0) -> list[LabeledText]:
    rng = random.Random(f"{family.name}:{seed}")
    lines = []
    for i in range(n):
        rendered = paragraph(rng, family, size=rng.randint(2, 6))
        spans = tuple(LabelSpan(s["start"], s["end"], s["label"], s["value"]) for s in rendered.spans)
        meta = {"source": f"generator:{family.name}:{seed}:{i}", "split": SPLITS[family.name],
                "family": family.name}
        lines.append(validate(LabeledText(rendered.text, spans, meta)))
    return lines

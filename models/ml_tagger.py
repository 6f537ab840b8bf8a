"""The ML tagger: each candidate of the scanner, classified by a trained model.

The model decides whether a number (or a negation) is a claim and of which
metric; everything else about the claim (value, unit, bound, span) is read
from the candidate, so the model never invents a number.  A negation that
covers two metrics (未发生行政复议、行政诉讼) is one class ``a+b`` and gives
two claims.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, Sequence

from gidar.domain import Claim, Document, Section
from gidar.taxonomy import METRICS
from models.artifacts import check_manifest, read_manifest
from models.candidates import NEGATION, MLCandidate, ml_candidates
from models.features import FEATURES_VERSION, candidate_features
from models.linear_model import NONE, LinearModel

LINEAR_NAME = "linear-candidates"
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


class CandidateClassifier(Protocol):
    def classify(self, candidates: Sequence[MLCandidate], section: str) -> list[tuple[str, float]]:
        """(class, probability) per candidate; class ``none`` when it is no claim."""


@dataclass(frozen=True)
class LinearClassifier:
    model: LinearModel

    def classify(self, candidates, section):
        return [self.model.predict(candidate_features(c, section)) for c in candidates]


@dataclass
class MLTagger:
    """A Tagger (``extractors.tagger``) backed by a candidate classifier."""

    classifier: CandidateClassifier
    name: str = "ml"
    version: str = "untrained"
    threshold: float = 0.5
    metrics: tuple[str, ...] = field(default_factory=lambda: tuple(METRICS))

    def tag(self, document: Document, section: Section) -> list[Claim]:
        candidates = ml_candidates(document, section)
        claims: list[Claim] = []
        for c, (label, p) in zip(candidates, self.classifier.classify(candidates, section.id)):
            if label == NONE or p < self.threshold:
                continue
            for metric in label.split("+"):
                claims.append(self._claim(document, c, metric, p, section.id))
        return link_parts(claims)

    def _claim(self, document: Document, c: MLCandidate, metric: str, p: float, section: str) -> Claim:
        year = _YEAR_RE.search(c.sentence, 0, c.local_start)
        return Claim(metric=metric, value=c.value, start=c.start, end=c.end,
                     text=document.text[c.start:c.end], unit=c.unit, bound=c.bound,
                     year=int(year.group(1)) if year else None, tagger=self.name, score=p,
                     section=section, pattern=f"{self.name}:{self.version}" + (":negation" if c.kind == NEGATION else ""),
                     sentence_start=c.sentence_start, sentence_end=c.sentence_end)


def link_parts(claims: list[Claim]) -> list[Claim]:
    """A breakdown item's parent is the nearest total before it in the same sentence."""
    from dataclasses import replace
    out = []
    last_total: dict[int | None, int] = {}
    for claim in claims:
        if claim.metric == "proactive.total":
            last_total[claim.sentence_start] = len(out)
        elif claim.metric == "proactive.part" and claim.sentence_start in last_total:
            claim = replace(claim, parent=last_total[claim.sentence_start])
        out.append(claim)
    return out


def load_linear(path: Path, version: str | None = None) -> MLTagger:
    manifest = check_manifest(read_manifest(path), name=LINEAR_NAME, features_version=FEATURES_VERSION,
                              version=version)
    model = LinearModel.load(path)
    return MLTagger(LinearClassifier(model), name="ml", version=manifest.version)

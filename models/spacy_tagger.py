"""The spaCy tagger: a text classifier over each candidate's context.

Measured on small data, a spaCy NER trained from scratch tags headings and
table cells as claims; a classifier over the scanner's candidates cannot,
because only numbers (and negations) the scanner proposes are ever
classified, and the value, unit, bound and span come from the scanner, never
from the model.  So the spaCy pipeline is a ``textcat`` with exclusive
classes (each metric, ``a+b`` for a negation of two metrics, and ``none``)
over one Doc per candidate: its clause (and the tail of the one before), the candidate marked
〖…〗 and its digits replaced by ``NUM`` (``ZERO`` for 0), so the model learns
phrasing, not particular numbers.  The same ``MLTagger`` as the linear model
turns its decisions into claims.

spaCy costs about a second to import; the pipeline is loaded once per
process by ``models.registry``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from models.artifacts import check_manifest, read_manifest
from models.candidates import NEGATION, MLCandidate
from models.ml_tagger import MLTagger

SPACY_NAME = "spacy-candidates"
CONTEXT_VERSION = 1  # bump when candidate_context changes: old pipelines are then refused
CONFIG = Path(__file__).resolve().parent / "spacy" / "config.cfg"
PACKAGED = Path(__file__).resolve().parent / "spacy" / "pipeline"
PREVIOUS, RIGHT = 16, 12  # characters kept of the previous clause and of the clause after the number
_CLAUSE_END = re.compile(r"[，,；;：:、（(）)]")

_DIGITS = re.compile(r"[0-9０-９][0-9０-９,，.．\s]*|[零〇一二两三四五六七八九十百千万亿]+")


def candidate_context(c: MLCandidate, section: str) -> str:
    """What the classifier reads: ``section｜previous clause, own clause〖NUM件〗rest of the clause``.

    A bag of words does not know which side of the number a word stands on,
    so the context stops at the clause boundaries: in 复议案件3起、诉讼案件17件
    the 3 must not read 诉讼.  The previous clause's tail is kept for the
    subject (行政规范性文件方面，本年新制发3件).  A number's own digits are
    replaced (its markers 余/超过 and unit stay); a negation keeps its words,
    since they are what it says.
    """
    s, i, j = c.sentence, c.local_start, c.local_end
    left = max((m.end() for m in _CLAUSE_END.finditer(s, 0, i)), default=0)
    stop = _CLAUSE_END.search(s, j)
    right = stop.start() if stop else len(s)
    marked = s[i:j]
    if c.kind != NEGATION:
        marked = _DIGITS.sub("ZERO" if c.value == 0 else "NUM", marked, count=1)
    return f"{section}｜{s[max(0, left - PREVIOUS):left]}{s[left:i]}〖{marked}〗{s[j:right][:RIGHT]}"


def spacy_model_path(models_dir: str | None = None) -> Path:
    """``models/spacy/pipeline`` by default; ``<models_dir>/spacy-candidates`` when one is set."""
    return Path(models_dir) / SPACY_NAME if models_dir else PACKAGED


def blank_pipeline(config_path: Path = CONFIG):
    """The committed config's nlp, untrained: its tokenizer, no weights."""
    import spacy
    from spacy.util import load_config

    import models.spacy_components  # noqa: F401  (registers the tokenizer)
    config = load_config(config_path)
    return spacy.blank("zh", config={"nlp": {"tokenizer": config["nlp"]["tokenizer"]}})


def doc_bin(nlp, examples: Iterable[tuple[MLCandidate, str, str]], classes: Sequence[str]):
    """(candidate, section, class) triples as a DocBin with one-hot ``cats``."""
    from spacy.tokens import DocBin
    docs = DocBin(store_user_data=False)
    for candidate, section, label in examples:
        doc = nlp.make_doc(candidate_context(candidate, section))
        doc.cats = {k: float(k == label) for k in classes}
        docs.add(doc)
    return docs


@dataclass(frozen=True)
class SpacyClassifier:
    """A ``CandidateClassifier`` (``models.ml_tagger``) backed by a spaCy textcat."""

    nlp: object
    batch_size: int = 64

    def classify(self, candidates: Sequence[MLCandidate], section: str) -> list[tuple[str, float]]:
        texts = [candidate_context(c, section) for c in candidates]
        out = []
        for doc in self.nlp.pipe(texts, batch_size=self.batch_size):
            label = max(doc.cats, key=doc.cats.get)
            out.append((label, float(doc.cats[label])))
        return out


def load_spacy(path: Path, version: str | None = None) -> MLTagger:
    """The trained pipeline at ``path`` as a Tagger named ``spacy``; ArtifactError when unusable."""
    manifest = check_manifest(read_manifest(path), name=SPACY_NAME, features_version=CONTEXT_VERSION,
                              version=version)
    import spacy

    import models.spacy_components  # noqa: F401  (the saved config names the tokenizer)
    nlp = spacy.load(path)
    return MLTagger(SpacyClassifier(nlp), name="spacy", version=manifest.version)


__all__ = ["SPACY_NAME", "CONTEXT_VERSION", "candidate_context", "spacy_model_path", "blank_pipeline",
           "doc_bin", "SpacyClassifier", "load_spacy"]

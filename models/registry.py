"""Which tagger to use: rule, ml, ensemble or spacy, chosen by name.

Models are loaded once per process (workers tag thousands of reports with
the same one).  ``default_tagger`` gives the ensemble when a trained model is
present and loads, else the rule tagger, so a checkout without a model still
audits.  The spaCy tagger is available by name; it lost to the linear model
on the held-out family (docs/EVALUATION.md), so the ensemble keeps the linear
model.
"""
from __future__ import annotations

import logging
from functools import lru_cache

from gidar.settings import Settings
from models.artifacts import ArtifactError

TAGGERS = ("rule", "ml", "ensemble", "spacy", "ensemble-spacy")


@lru_cache(maxsize=None)
def _rule():
    from extractors.rule_tagger import RuleTagger
    return RuleTagger()


@lru_cache(maxsize=None)
def _ml(models_dir: str | None):
    from models.ml_tagger import load_linear
    from models.training import default_model_path
    return load_linear(default_model_path(models_dir))


@lru_cache(maxsize=None)
def _spacy(models_dir: str | None):
    """spaCy's import and the pipeline cost about a second: once per process."""
    from models.spacy_tagger import load_spacy, spacy_model_path
    return load_spacy(spacy_model_path(models_dir))


def get_tagger(name: str, settings: Settings | None = None):
    """The tagger called ``name``; ArtifactError when ``ml``/``ensemble``/``spacy`` have no usable model."""
    settings = settings or Settings.resolve()
    if name == "auto":
        return default_tagger(settings)
    if name == "rule":
        return _rule()
    if name == "ml":
        return _ml(settings.models_dir)
    if name == "ensemble":
        from models.ensemble import EnsembleTagger
        return EnsembleTagger(_rule(), _ml(settings.models_dir))
    if name == "spacy":
        return _spacy(settings.models_dir)
    if name == "ensemble-spacy":  # the ensemble with spaCy in the model's place, for comparison
        from models.ensemble import EnsembleTagger
        return EnsembleTagger(_rule(), _spacy(settings.models_dir))
    raise ValueError(f"unknown tagger {name!r}; choose one of {', '.join(TAGGERS)}")


def default_tagger(settings: Settings | None = None):
    settings = settings or Settings.resolve()
    if settings.tagger != "auto":
        return get_tagger(settings.tagger, settings)
    try:
        return get_tagger("ensemble", settings)
    except (ArtifactError, ValueError, OSError) as exc:
        if not isinstance(exc, ArtifactError) or "no trained model" not in str(exc):
            logging.getLogger(__name__).warning("ML model not usable, tagging with rules only: %s", exc)
        return _rule()

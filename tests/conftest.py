"""Shared fixtures: the seed corpus and the real documents kept beside the project."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = sorted((CORPUS / "reports").glob("*.txt")) if (CORPUS / "reports").exists() else []
REAL = Path(os.environ.get("GIDAR_REAL_DOCS", ROOT.parent / "shared" / "real"))


def seed_path(prefix: str) -> Path:
    for p in SEEDS:
        if p.name.startswith(prefix):
            return p
    pytest.skip(f"seed {prefix} not in corpus/reports")


@pytest.fixture
def real_docs() -> Path:
    if not REAL.exists():
        pytest.skip(f"real documents not found at {REAL} (set GIDAR_REAL_DOCS)")
    return REAL

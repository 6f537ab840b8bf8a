"""Mangled reports: the pipeline never crashes, never reports an internal error, keeps offsets true."""
from __future__ import annotations

import random

import pytest

from gidar.pipeline import audit
from models.registry import get_tagger
from tests.conftest import SEEDS


def _mangle(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    how = rng.choice(["truncate", "drop", "swap", "tabs", "dup", "noise"])
    if how == "truncate":
        return text[: rng.randrange(1, len(text))]
    if how == "drop":
        return "\n".join(l for l in lines if rng.random() > 0.2)
    if how == "swap":
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)
    if how == "tabs":
        return "\n".join(l.replace("\t", rng.choice(["", "  ", "\t\t", "|"])) for l in lines)
    if how == "dup":
        k = rng.randrange(len(lines))
        return "\n".join(lines[:k] + lines[k: k + 40] + lines[k:])
    return "".join(ch if rng.random() > 0.03 else rng.choice("0123456789一十、（）\t\n余") for ch in text)


@pytest.mark.parametrize("seed_index", range(len(SEEDS)))
def test_when_a_report_is_mangled_then_audit_returns_a_result_with_true_offsets(seed_index):
    rng = random.Random(seed_index)
    text = SEEDS[seed_index].read_bytes().decode("utf-8")
    tagger = get_tagger("rule")
    for _ in range(40):
        mangled = _mangle(text, rng)
        result = audit(mangled.encode("utf-8"), "mangled.txt", tagger=tagger)
        assert result.status in {"ok", "failed"}
        if result.status == "failed":
            assert result.error.code != "internal", result.error.message
            continue
        for c in result.claims:
            assert mangled[c.start:c.end] == c.text
        for cell in result.tables.cells.values():
            if cell.start is not None and cell.state == "value":
                assert mangled[cell.start:cell.end].strip() == cell.raw.strip()

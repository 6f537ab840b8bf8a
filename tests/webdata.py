"""Real audited data for the web tests: the seed reports, one hostile report and one bad file, in a fresh store."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

SEED_DIRS = (ROOT / "corpus" / "reports", ROOT.parent / "shared" / "seeds")
HOSTILE = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"


def seed_reports() -> list[Path]:
    for d in SEED_DIRS:
        found = sorted(d.glob("*.txt")) if d.exists() else []
        if found:
            return found
    pytest.skip("no seed reports in corpus/reports or ../shared/seeds")


def hostile_report(seed: Path) -> str:
    """A seed report for another year whose narrative carries markup that must stay inert."""
    text = seed.read_text(encoding="utf-8")
    text = re.sub(r"20(2\d)年", lambda m: f"20{int(m.group(1)) - 1}年", text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if len(line) > 60 and i > 3:
            lines[i] = f"{line}{HOSTILE}本段含有标记{HOSTILE_IMG}，应原样显示。"
            break
    return "\n".join(lines)


def build_inputs(target: Path) -> Path:
    """A directory to audit: every seed, the hostile report and a file that is not a report."""
    target.mkdir(parents=True, exist_ok=True)
    seeds = seed_reports()
    for p in seeds:
        shutil.copy(p, target / p.name)
    (target / "zz_hostile.txt").write_text(hostile_report(seeds[0]), encoding="utf-8")
    (target / "zz_binary.txt").write_bytes(bytes(range(256)) * 8)
    return target


def require_pipeline_and_store() -> None:
    for module in ("workers.store", "extractors.tables", "reconcile"):
        pytest.importorskip(module, reason=f"{module} is not available yet")


def run_batch(inputs: Path, out: Path, database_url: str) -> None:
    """Audit ``inputs`` into the store exactly as ``gidar audit`` does."""
    from gidar.embedded import run_embedded_audit
    from gidar.settings import Settings

    settings = Settings.resolve(database_url=database_url, tagger="rule")
    run_embedded_audit(inputs, out, settings, tagger_name="rule", workers=1, quiet=True)

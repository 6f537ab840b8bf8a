"""The hand-read gold of the seed reports, and how results are compared with it.

A produced claim matches a gold claim when metric and value agree and the
spans overlap; a produced finding matches a gold finding when kind, severity
and rule agree (``structure`` in the gold accepts any structure rule, since the
table parser words those problems) and the evidence covers the gold's.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from gidar.domain import Cell, Claim, Finding, ReportInfo, Tables
from gidar.taxonomy import RECONCILED_METRICS

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "corpus" / "gold"
REPORTS_DIR = ROOT / "corpus" / "reports"
GOLD_STEMS = sorted(p.stem for p in GOLD_DIR.glob("*.json"))


def load_gold(stem: str) -> dict:
    return json.loads((GOLD_DIR / f"{stem}.json").read_text(encoding="utf-8"))


def report_path(stem: str) -> Path:
    return next(REPORTS_DIR.glob(f"{stem}.*"))


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def gold_tables(gold: dict) -> Tables:
    cells = {cid: Cell(cid, c["state"], _decimal(c["value"])) for cid, c in gold["cells"].items()}
    found = tuple(sorted({cid.split(".")[0] for cid in cells}))
    return Tables(cells=cells, format_version=gold["report"]["format_version"], found=found)


def gold_claims(gold: dict) -> tuple[Claim, ...]:
    return tuple(Claim(metric=c["metric"], value=_decimal(c["value"]), start=c["start"], end=c["end"],
                       text=c["text"], unit=c.get("unit"), bound=c.get("bound", "exact"), year=c.get("year"),
                       parent=c.get("parent"), scope=tuple(c.get("scope", ())), topic=c.get("topic"),
                       tagger="gold")
                 for c in gold["claims"])


def gold_info(gold: dict) -> ReportInfo:
    r = gold["report"]
    return ReportInfo(r.get("agency"), r.get("year"), r.get("format_version"))


def claims_match(gold: Claim | dict, produced: Claim) -> bool:
    g = gold if isinstance(gold, dict) else {"metric": gold.metric, "value": gold.value,
                                              "start": gold.start, "end": gold.end}
    return (g["metric"] == produced.metric and _decimal(g["value"]) == produced.value
            and g["start"] < produced.end and produced.start < g["end"])


def claim_map(gold: dict, produced: tuple[Claim, ...]) -> dict[int, int]:
    """Produced claim index -> gold claim index, each gold claim used once."""
    mapping: dict[int, int] = {}
    used: set[int] = set()
    for p, claim in enumerate(produced):
        for g, gc in enumerate(gold["claims"]):
            if g not in used and claims_match(gc, claim):
                mapping[p] = g
                used.add(g)
                break
    return mapping


def reconciled_gold_claims(gold: dict) -> list[int]:
    return [i for i, c in enumerate(gold["claims"]) if c["metric"] in RECONCILED_METRICS]


def finding_matches(expected: dict, found: Finding, mapping: dict[int, int] | None = None) -> bool:
    if expected["kind"] != found.kind or expected["severity"] != found.severity:
        return False
    if expected["rule"] == "structure":
        if not found.rule.startswith("structure"):
            return False
        if expected["cells"] and not set(expected["cells"]) & set(found.cells):
            return False
    else:
        if expected["rule"] != found.rule or not set(expected["cells"]) <= set(found.cells):
            return False
    claims = {mapping.get(i) for i in found.claims} if mapping is not None else set(found.claims)
    return set(expected.get("claims", ())) <= claims


def expected_errors(gold: dict) -> list[dict]:
    return [f for f in gold["findings"] if f["severity"] == "error"]

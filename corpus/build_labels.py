"""Build ``corpus/labels/seeds.jsonl`` from the hand-read gold of the seed reports.

The gold files (``corpus/gold/*.json``) are the one place a seed's claims are
written down; the label line is derived from them so the taggers' training and
evaluation data can never drift from the gold the end-to-end tests use.

    python -m corpus.build_labels [--check]

``--check`` exits 1 when the committed JSONL differs from what the gold gives.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
REPORTS = CORPUS / "reports"
GOLD = CORPUS / "gold"
OUT = CORPUS / "labels" / "seeds.jsonl"


def report_text(stem: str) -> str:
    """The report as loaded: a .txt seed decodes as UTF-8 (its gold offsets index this)."""
    return (REPORTS / f"{stem}.txt").read_bytes().decode("utf-8")


def label_line(stem: str, gold: dict, text: str) -> dict:
    spans = []
    for claim in gold["claims"]:
        start, end = claim["start"], claim["end"]
        if text[start:end] != claim["text"]:
            raise ValueError(f"{stem}: claim {claim['text']!r} is not at {start}-{end}")
        spans.append({"start": start, "end": end, "label": claim["metric"], "value": claim["value"]})
    spans.sort(key=lambda s: (s["start"], s["end"], s["label"]))
    findings = [{"rule": f["rule"], "kind": f["kind"], "severity": f["severity"]} for f in gold.get("findings", ())]
    return {"text": text, "spans": spans,
            "meta": {"source": f"corpus/reports/{stem}.txt", "split": "gold", "findings": findings}}


def build_lines() -> list[dict]:
    lines = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        lines.append(label_line(path.stem, gold, report_text(path.stem)))
    return lines


def render(lines: list[dict]) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when seeds.jsonl is out of date")
    args = parser.parse_args(argv)
    content = render(build_lines())
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != content:
            print(f"{OUT.relative_to(CORPUS.parent)} is out of date; run python -m corpus.build_labels",
                  file=sys.stderr)
            return 1
        return 0
    tmp = OUT.with_suffix(".jsonl.tmp")
    tmp.write_text(content, encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {content.count(chr(10))} lines to {OUT.relative_to(CORPUS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

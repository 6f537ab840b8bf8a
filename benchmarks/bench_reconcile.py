"""Reconciliation speed on the seed reports' gold tables and claims.

    python benchmarks/bench_reconcile.py [--repeat N]

Prints milliseconds per report; the design's budget for the whole text
pipeline is 10 ms, of which reconciliation should take about 1.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.loading import load  # noqa: E402
from extractors.sections import split_sections  # noqa: E402
from reconcile import reconcile  # noqa: E402
from tests.seed_gold import GOLD_STEMS, gold_claims, gold_info, gold_tables, load_gold, report_path  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    total = 0.0
    for stem in GOLD_STEMS:
        gold = load_gold(stem)
        document = load(report_path(stem).read_bytes(), stem, 10_000_000)
        inputs = (document, split_sections(document), gold_tables(gold), gold_claims(gold), gold_info(gold))
        reconcile(*inputs)
        start = time.perf_counter()
        for _ in range(args.repeat):
            findings = reconcile(*inputs)
        ms = (time.perf_counter() - start) * 1000 / args.repeat
        total += ms
        print(f"{stem[:3]}  {ms:6.3f} ms  {len(findings)} findings")
    print(f"mean  {total / len(GOLD_STEMS):6.3f} ms per report")


if __name__ == "__main__":
    main()

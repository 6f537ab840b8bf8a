"""Regenerate the committed generated label files.

    python -m corpus.generator [--train N] [--heldout N] [--seed S] [--out corpus/labels]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from corpus.generator import generate
from corpus.generator import heldout_family, train_family
from models.labels import write_jsonl


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m corpus.generator", description=__doc__)
    ap.add_argument("--train", type=int, default=1500, help="paragraphs of the train family")
    ap.add_argument("--heldout", type=int, default=400, help="paragraphs of the held-out family")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "labels"))
    args = ap.parse_args(argv)
    out = Path(args.out)
    n = write_jsonl(generate(train_family.FAMILY, args.train, args.seed), out / "generated-train.jsonl")
    m = write_jsonl(generate(heldout_family.FAMILY, args.heldout, args.seed), out / "heldout-generated.jsonl")
    print(f"{n} train paragraphs, {m} held-out paragraphs in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

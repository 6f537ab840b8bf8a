"""ML tagging speed: milliseconds per report on one core, after start-up.

    PYTHONPATH=. python benchmarks/bench_ml.py [--repeat N] [REPORT.txt …]

Reads the seed reports (``corpus/reports`` or ``../shared/seeds``) unless
files are given; splits sections once, then times ``tag_document`` for the
ML tagger, the ensemble and the spaCy tagger (``--taggers`` picks them).
Start-up (loading the model, jieba, importing spaCy) is reported separately:
a worker pays it once; so is the resident memory each tagger adds.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def reports(paths):
    if paths:
        return [Path(p) for p in paths]
    for folder in (ROOT / "corpus" / "reports", ROOT.parent / "shared" / "seeds"):
        found = sorted(folder.glob("*.txt"))
        if found:
            return found
    raise SystemExit("no reports found: pass .txt files")


def rss_mb() -> float:
    """Resident memory of this process now (Linux), in MB; 0 where /proc is absent."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--taggers", default="ml,ensemble,spacy", help="comma-separated registry names")
    args = ap.parse_args(argv)

    from extractors.loading import load
    from extractors.sections import split_sections
    from extractors.tagger import tag_document
    from gidar.settings import Settings
    from models.registry import get_tagger

    docs = []
    for path in reports(args.files):
        document = load(path.read_bytes(), str(path))
        docs.append((document, split_sections(document)))
    for name in args.taggers.split(","):
        rss0 = rss_mb()
        t0 = time.perf_counter()
        tagger = get_tagger(name, Settings())
        tag_document(tagger, *docs[0])  # first call loads jieba's dictionary
        startup = (time.perf_counter() - t0) * 1000
        per_report = []
        for _ in range(args.repeat):
            for document, sections in docs:
                t = time.perf_counter()
                tag_document(tagger, document, sections)
                per_report.append((time.perf_counter() - t) * 1000)
        print(f"{name:14} start-up {startup:7.0f} ms  +{rss_mb() - rss0:5.0f} MB RSS (now {rss_mb():4.0f})   per report: median {statistics.median(per_report):6.2f} ms, "
              f"p95 {sorted(per_report)[int(len(per_report) * 0.95)]:6.2f} ms  ({len(docs)} reports × {args.repeat})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

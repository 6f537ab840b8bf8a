"""Text pipeline speed and memory: ms per report per stage, reports/s on one core, peak RSS.

    python benchmarks/bench_pipeline.py [--repeat 200] [--tagger rule] [--run-on 25000 100000] [FILES…]

Start-up (imports, jieba and model loading) is measured separately from the
steady state, which is what a long-running worker sees.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=200, help="passes over the files")
    parser.add_argument("--tagger", default="rule")
    parser.add_argument("--run-on", type=int, nargs="*", default=[25_000, 100_000],
                        help="sizes of a run-on narrative to time (characters); none to skip")
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "corpus" / "reports").glob("*.txt"))
    blobs = [(p.name, p.read_bytes()) for p in files]

    t0 = time.perf_counter()
    from gidar.pipeline import audit
    from models.registry import get_tagger
    tagger = get_tagger(args.tagger)
    audit(blobs[0][1], blobs[0][0], tagger=tagger)  # warm: lazy loads (jieba, patterns)
    startup = time.perf_counter() - t0

    stages: dict[str, list[float]] = {}
    totals = []
    for _ in range(args.repeat):
        for name, data in blobs:
            s = time.perf_counter()
            result = audit(data, name, tagger=tagger, timings=True)
            totals.append((time.perf_counter() - s) * 1000)
            for stage, ms in result.timings.items():
                stages.setdefault(stage, []).append(ms)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(totals)
    print(f"reports: {len(blobs)} files x {args.repeat} passes = {n} audits, tagger {tagger.name} {tagger.version}")
    print(f"start-up (imports + first report): {startup * 1000:.0f} ms")
    print(f"{'stage':<12}{'mean ms':>10}{'p95 ms':>10}")
    for stage, values in stages.items():
        values.sort()
        print(f"{stage:<12}{statistics.fmean(values):>10.3f}{values[int(len(values) * 0.95) - 1]:>10.3f}")
    totals.sort()
    print(f"{'total':<12}{statistics.fmean(totals):>10.3f}{totals[int(n * 0.95) - 1]:>10.3f}")
    print(f"throughput: {1000 / statistics.fmean(totals):.0f} reports/s on one core")
    print(f"peak RSS: {rss_mb:.0f} MB")
    for size, seconds, claims in run_on(audit, tagger, args.run_on):
        print(f"run-on narrative of {size:,} characters without a full stop: {seconds:.2f} s, {claims} claims")


def run_on(audit, tagger, sizes: list[int]):
    """A badly extracted report: one narrative "sentence" of ``size`` characters full of numbers.  Every
    rule looks a bounded distance either side of its number, so time should grow about linearly."""
    import random
    pieces = ["主动公开", "政府信息", "申请", "不予公开", "行政复议", "诉讼", "其中", "合计", "分别为", "、", "，",
              "；", "均为零", "未", "无", "结转", "年末", "公众号", "网站", "件", "条"]
    rng = random.Random(1)
    for size in sizes:
        body = []
        while sum(map(len, body)) < size:
            body.append(rng.choice(pieces) + (str(rng.randint(0, 999)) if rng.random() < 0.3 else ""))
        text = "某县2023年政府信息公开工作年度报告\n一、总体情况\n" + "".join(body) + "\n"
        start = time.perf_counter()
        result = audit(text.encode("utf-8"), "run-on.txt", tagger=tagger)
        yield len(text), time.perf_counter() - start, len(result.claims)


if __name__ == "__main__":
    main()

"""Seconds per page of each PDF stage, beside pdfplumber's plain ``extract_text()``.

    PYTHONPATH=. python benchmarks/bench_pdf.py [FILE.pdf …] [--repeat N]

Stages: open, text layer (every page), table finding (only pages that draw
rules both ways: pypdfium2 path segments and character boxes through
pdfplumber's table functions; beside it, the same stage with pdfplumber's own
page parse, the reference), assembly (regions, rows, merging across pages),
and the rest of the pipeline (sections, tables, claims, findings) when those
stages are importable.  The target: the whole audit of a
PDF costs no more than pdfplumber's plain text extraction of the same file.
Defaults to the real report under ../shared/real/ and the committed fixture PDFs
(generated samples and seed renderings).
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.loaders import pdf as pdf_loader  # noqa: E402

DEFAULT_FILES = [ROOT.parent / "shared" / "real" / "huaian-2024.pdf",
                 *sorted((ROOT / "tests" / "fixtures").glob("*.pdf"))]


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return min(times)


def plumber_text(data: bytes) -> None:
    import pdfplumber
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def load_stages(data: bytes, repeat: int, finder: str) -> dict[str, float]:
    """The loader's own stage clock, from its fastest run."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        clock: dict[str, float] = {}
        pdf_loader.load_pdf(data, "bench.pdf", finder=finder, clock=clock)
        if not best or sum(clock.values()) < sum(best.values()):
            best = clock
    return best


def stages(data: bytes, repeat: int) -> dict[str, float]:
    out = {f"{stage} (pypdfium2)": seconds for stage, seconds in load_stages(data, repeat, pdf_loader.PDFIUM).items()}
    out["load_pdf total"] = best_of(repeat, lambda: pdf_loader.load_pdf(data, "bench.pdf"))
    reference = load_stages(data, repeat, pdf_loader.PDFPLUMBER)
    out["table finding (pdfplumber reference)"] = reference.get("table finding", 0.0)
    try:
        from gidar.pipeline import audit
        audit(data, "warm.pdf")
        out["audit total"] = best_of(repeat, lambda: audit(data, "bench.pdf"))
        result = audit(data, "bench.pdf", timings=True)
        for stage, ms in result.timings.items():
            if stage != "load":
                out[f"  pipeline: {stage}"] = ms / 1000
        out["rest of pipeline (audit − load)"] = out["audit total"] - out["load_pdf total"]
    except ImportError as exc:
        print(f"  (pipeline stages not available yet: {exc})")
    out["pdfplumber extract_text()"] = best_of(repeat, lambda: plumber_text(data))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    files = [f for f in (args.files or DEFAULT_FILES) if f.exists()]
    ratios = []
    for path in files:
        data = path.read_bytes()
        pdf = pdf_loader._open(data)
        n = len(pdf)
        pdf.close()
        print(f"{path.name}: {n} pages, {len(data) // 1024} KiB")
        result = stages(data, args.repeat)
        for stage, seconds in result.items():
            print(f"  {stage:<42} {seconds / n * 1000:8.2f} ms/page")
        whole = result.get("audit total", result["load_pdf total"])
        ratio = whole / result["pdfplumber extract_text()"]
        ratios.append(ratio)
        print(f"  {'audit / pdfplumber extract_text()':<42} {ratio:8.2f}×  (target ≤ 1.00)")
    if ratios:
        print(f"median ratio {statistics.median(ratios):.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Per-metric precision, recall and F1 of a tagger against gold label lines (DESIGN.md §7).

A predicted claim matches a gold span when the metric and the value agree
and the spans overlap; each gold span matches at most one claim.  Each line
goes through the pipeline's section splitting (a lone paragraph is one
``overview`` section), so the score is that of ``gidar check``.  ``micro``
pools the metrics the gold file labels at all — a file that labels no
``other`` numbers says nothing about them — and ``reconciled`` pools the
metrics that have table cells (``gidar.taxonomy.RECONCILED_METRICS``).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from extractors.tagger import tag_document
from gidar.domain import Claim
from gidar.taxonomy import RECONCILED_METRICS
from models.documents import document_of, sections_of
from models.labels import LabeledText, LabelSpan


@dataclass
class Tally:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    mistakes: list = field(default_factory=list)


def _matches(claim: Claim, span: LabelSpan) -> bool:
    return (claim.metric == span.label and claim.start < span.end and span.start < claim.end
            and (span.value is None or claim.value == span.value))


def score_line(claims: Sequence[Claim], line: LabeledText, tally: Tally, keep_mistakes: int = 0) -> None:
    used: set[int] = set()
    for span in line.spans:
        hit = next((k for k, c in enumerate(claims) if k not in used and _matches(c, span)), None)
        if hit is None:
            tally.fn[span.label] += 1
            if len(tally.mistakes) < keep_mistakes:
                tally.mistakes.append(("missed", span.label, span.value, _snippet(line.text, span.start, span.end)))
        else:
            used.add(hit)
            tally.tp[span.label] += 1
    for k, c in enumerate(claims):
        if k not in used:
            tally.fp[c.metric] += 1
            if len(tally.mistakes) < keep_mistakes:
                tally.mistakes.append(("spurious", c.metric, c.value, _snippet(line.text, c.start, c.end)))


def _snippet(text: str, start: int, end: int) -> str:
    return f"{text[max(0, start - 14):start]}【{text[start:end]}】{text[end:end + 8]}".replace("\n", " ")


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def summarize(tally: Tally, gold_metrics: Iterable[str]) -> dict:
    metrics = sorted(set(tally.tp) | set(tally.fp) | set(tally.fn))
    by_metric = {m: prf(tally.tp[m], tally.fp[m], tally.fn[m]) for m in metrics}

    def pooled(ms):
        ms = [m for m in metrics if m in set(ms)]
        return prf(sum(tally.tp[m] for m in ms), sum(tally.fp[m] for m in ms), sum(tally.fn[m] for m in ms))

    return {"by_metric": by_metric, "micro": pooled(gold_metrics), "reconciled": pooled(RECONCILED_METRICS)}


def evaluate(tagger, lines: Sequence[LabeledText], keep_mistakes: int = 0) -> dict:
    tally = Tally()
    for line in lines:
        document = document_of(line.text, source=str(line.meta.get("source", "<label>")))
        claims = tag_document(tagger, document, sections_of(document))
        score_line(claims, line, tally, keep_mistakes)
    gold_metrics = {s.label for line in lines for s in line.spans}
    result = summarize(tally, gold_metrics)
    result.update({"tagger": f"{tagger.name}-{tagger.version}", "texts": len(lines)})
    outcome = reconciliation_outcome(tagger, lines)
    if outcome is not None:
        result["reconciliation"] = outcome
    if keep_mistakes:
        result["mistakes"] = [{"kind": k, "metric": m, "value": float(v) if v is not None else None, "context": s}
                              for k, m, v, s in tally.mistakes]
    return result


def _finding_matches(expected: dict, produced: dict) -> bool:
    """Kind and severity agree; a gold rule of plain ``structure`` accepts any structure rule."""
    if expected["kind"] != produced["kind"] or expected["severity"] != produced["severity"]:
        return False
    return expected["rule"] in (produced["rule"], "structure") or produced["rule"].startswith(expected["rule"] + ".")


def reconciliation_outcome(tagger, lines: Sequence[LabeledText]) -> dict | None:
    """On documents whose label meta lists the expected findings: raised, missed, unexpected errors.

    The whole pipeline runs (tables included), so this is the auditor's view:
    the expected findings an auditor should see, and error findings nobody expected.
    """
    from gidar.pipeline import audit
    with_findings = [line for line in lines if "findings" in line.meta]
    if not with_findings:
        return None
    expected_total = found = unexpected = 0
    documents = []
    for line in with_findings:
        result = audit(line.text.encode("utf-8"), str(line.meta.get("source", "<label>")), tagger=tagger).to_dict()
        produced = result["findings"]
        expected = line.meta["findings"]
        hits = [e for e in expected if any(_finding_matches(e, p) for p in produced)]
        extra = [p for p in produced if p["severity"] == "error" and not any(_finding_matches(e, p) for e in expected)]
        expected_total += len(expected)
        found += len(hits)
        unexpected += len(extra)
        documents.append({"source": result["source"], "expected": len(expected), "found": len(hits),
                          "unexpected_errors": [p["message"] for p in extra]})
    return {"documents": len(documents), "expected": expected_total, "found": found,
            "recall": round(found / expected_total, 4) if expected_total else 1.0,
            "unexpected_errors": unexpected, "by_document": documents}


def format_table(results: dict[str, dict]) -> str:
    """A markdown table: one row per metric, P/R/F1 per tagger."""
    names = list(results)
    metrics = sorted({m for r in results.values() for m in r["by_metric"]})
    head = "| metric | support | " + " | ".join(f"{n} P / R / F1" for n in names) + " |"
    rows = [head, "|---|---:|" + "---|" * len(names)]

    def cell(s):
        return f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}" if s else "–"

    for m in metrics:
        support = max(r["by_metric"].get(m, {}).get("support", 0) for r in results.values())
        rows.append(f"| {m} | {support} | " + " | ".join(cell(results[n]["by_metric"].get(m)) for n in names) + " |")
    for key in ("micro", "reconciled"):
        rows.append(f"| **{key}** | {results[names[0]][key]['support']} | "
                    + " | ".join(f"**{cell(results[n][key])}**" for n in names) + " |")
    return "\n".join(rows)

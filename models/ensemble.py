"""The ensemble: the rule tagger's claims, plus what the ML tagger finds that the rules do not.

Rules are precise on the phrasings they know; the model generalises to
phrasings no pattern was written for.  Where both speak about the same
characters the rule claim stands (a pattern is an explanation an auditor can
read), unless the rule claim is a weak one — matched far from its keyword
(score below ``weak_rule``) — and the model is sure of another metric.  An
``other`` claim found by a topic (其他处理, 答复咨询) stands: the model, trained
mostly on the reconciled metrics, would pull it into a neighbouring row.  The model's claim is added where no rule claim
overlaps it and the model is sure enough.  Every claim keeps its tagger.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from gidar.domain import Claim, Document, Section


@dataclass
class EnsembleTagger:
    rule: object
    ml: object
    add_threshold: float = 0.9
    override_threshold: float = 0.95
    weak_rule: float = 0.8
    name: str = "ensemble"

    @property
    def version(self) -> str:
        return f"{self.rule.name}-{self.rule.version}+{self.ml.name}-{self.ml.version}"

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(tuple(self.rule.metrics) + tuple(self.ml.metrics)))

    def tag(self, document: Document, section: Section) -> list[Claim]:
        rule_claims = self.rule.tag(document, section)
        ml_claims = self.ml.tag(document, section)
        ml_spans = _Spans(ml_claims)
        overridden = {i for i, r in enumerate(rule_claims) if self._yields(r, ml_spans)}
        kept = [r for i, r in enumerate(rule_claims) if i not in overridden]
        kept_spans = _Spans(kept)
        added = [c for c in ml_claims if self._adds(c, kept_spans, ml_spans)]
        kept_index = {i: n for n, i in enumerate(i for i in range(len(rule_claims)) if i not in overridden)}
        kept = [replace(r, parent=kept_index.get(r.parent)) if r.parent is not None else r for r in kept]
        return merge(kept, added)

    def _adds(self, claim: Claim, kept: "_Spans", ml_claims: "_Spans") -> bool:
        """Where no rule claim is, a sure model claim; on a span where the rule agrees with one of
        the model's metrics (a negation of two: 未发生复议和诉讼), the model's other metric too."""
        near = kept.overlapping(claim)
        if not near:
            return claim.score >= self.add_threshold
        if any(r.metric == claim.metric for r in near):
            return False
        return any(r.start == claim.start and r.end == claim.end and
                   any(c.metric == r.metric and c.start == r.start and c.end == r.end for c in ml_claims.overlapping(r))
                   for r in near)

    def _yields(self, rule_claim: Claim, ml_claims: "_Spans") -> bool:
        """A weak rule claim gives way to a confident model claim of another metric on it."""
        if rule_claim.score >= self.weak_rule:
            return False
        return any(c.metric != rule_claim.metric and c.score >= self.override_threshold
                   for c in ml_claims.overlapping(rule_claim))


class _Spans:
    """Claims by start, to find those overlapping a span without looking at all of them."""

    def __init__(self, claims: list[Claim]):
        self.claims = sorted(claims, key=lambda c: c.start)
        self.starts = [c.start for c in self.claims]
        self.reach = max((c.end - c.start for c in claims), default=0)  # the longest span

    def overlapping(self, span: Claim) -> list[Claim]:
        lo = bisect_left(self.starts, span.start - self.reach)
        hi = bisect_left(self.starts, span.end)
        return [c for c in self.claims[lo:hi] if _overlap(c, span)]


def _overlap(a: Claim, b: Claim) -> bool:
    return a.start < b.end and b.start < a.end


def merge(primary: list[Claim], added: list[Claim]) -> list[Claim]:
    """Both lists in document order; primary parents re-indexed, added parts linked to a total."""
    tagged = [(c.start, c.end, 0, i, c) for i, c in enumerate(primary)]
    tagged += [(c.start, c.end, 1, i, replace(c, parent=None)) for i, c in enumerate(added)]
    tagged.sort(key=lambda t: t[:4])
    new_index = {(src, i): n for n, (_, _, src, i, _) in enumerate(tagged)}
    out: list[Claim] = []
    for _, _, src, _, claim in tagged:
        if src == 0 and claim.parent is not None:
            claim = replace(claim, parent=new_index.get((0, claim.parent)))
        elif src == 1 and claim.metric == "proactive.part":
            total = next((n for n in range(len(out) - 1, -1, -1) if out[n].metric == "proactive.total"
                          and out[n].sentence_start == claim.sentence_start), None)
            claim = replace(claim, parent=total)
        out.append(claim)
    return out

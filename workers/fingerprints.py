"""A finding's identity, independent of where it sits in a result.

Auditors' verdicts are keyed by this fingerprint, not by a row id or an index,
so re-running a batch (a new pipeline version, a re-submitted directory) keeps a
confirmed or dismissed finding while its evidence is unchanged, and reopens it
when the evidence changes (a corrected table cell, a different claim value).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Mapping

from workers.agencies import agency_key


def _evidence(result: Mapping, finding: Mapping) -> dict:
    """The cells and claims a finding rests on, with their values: what an auditor checked."""
    tables = result.get("tables") or {}
    claims = result.get("claims") or ()
    cells = sorted((cid, (tables.get(cid) or {}).get("state"), _num((tables.get(cid) or {}).get("value")))
                   for cid in finding.get("cells") or ())
    stated = sorted((c["metric"], _num(c.get("value")), c.get("unit") or "", c.get("bound") or "")
                    for i in finding.get("claims") or () if 0 <= i < len(claims) for c in (claims[i],))
    return {"cells": cells, "claims": stated}


def _num(value) -> str | None:
    """2 and 2.0 are the same value; JSON round trips must not change a fingerprint."""
    if value is None:
        return None
    text = format(float(value), "f").rstrip("0").rstrip(".")
    return text or "0"


def finding_fingerprint(result: Mapping, finding: Mapping) -> str:
    """sha256 of agency key, year, rule and evidence values (the message when there is no evidence)."""
    report = result.get("report") or {}
    evidence = _evidence(result, finding)
    key = {"agency": agency_key(report.get("agency")) or result.get("sha256"), "year": report.get("year"),
           "rule": finding["rule"], **evidence}
    if not evidence["cells"] and not evidence["claims"]:
        key["message"] = finding.get("message")
    if finding.get("previous"):  # a cross-year finding also rests on last year's report
        key["previous"] = finding["previous"]
    blob = json.dumps(key, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def fingerprints(result: Mapping) -> list[str]:
    """One fingerprint per finding of ``result``, in order; repeats are numbered so each stays distinct."""
    seen: Counter = Counter()
    out = []
    for finding in result.get("findings") or ():
        fp = finding_fingerprint(result, finding)
        seen[fp] += 1
        out.append(fp if seen[fp] == 1 else hashlib.sha256(f"{fp}#{seen[fp]}".encode()).hexdigest())
    return out

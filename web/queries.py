"""What the web UI asks of the result store, in one place.

Every store call the UI makes is in this module, so the pages, the forms and
the exports never depend on how the store lays out its tables.  The store
keeps results by content hash, verdicts by evidence fingerprint (so they
survive re-runs while the evidence is unchanged) and originals by content
hash; this module turns them into what the pages show.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from typing import Mapping

from gidar.settings import Settings
from web.pages import ReportRow, report_row, source_name


class ReviewData:
    """The store as the auditor UI sees it."""

    def __init__(self, store, max_bytes: int = 50 * 1024 * 1024):
        self.store = store
        self.max_bytes = max_bytes
        self._text = lru_cache(maxsize=64)(self._load_text)

    @classmethod
    def open(cls, settings: Settings) -> "ReviewData":
        from workers.store import Store
        return cls(Store.open(settings.database_url), settings.max_bytes)

    # ------------------------------------------------------------ results

    def _results(self) -> list[dict]:
        return list(self.store.latest_results())

    def result(self, sha256: str) -> dict | None:
        return self.store.get_result(sha256)

    def report_rows(self) -> list[ReportRow]:
        """One row per successfully parsed report, open counts net of verdicts."""
        verdicts = self._all_verdicts()
        regions = self._regions()
        return [report_row(r, verdicts.get(r["sha256"], {}), regions.get(r["sha256"]))
                for r in self._results() if r["status"] == "ok"]

    def failures(self) -> list[dict]:
        return [{"source": r.get("source") or "", "sha256": r["sha256"],
                 "code": (r.get("error") or {}).get("code", ""), "message": (r.get("error") or {}).get("message", "")}
                for r in self._results() if r["status"] != "ok"]

    def failed_count(self) -> int:
        return len(self.failures())

    def years(self) -> list[int]:
        return sorted({r["report"]["year"] for r in self._results()
                       if r["status"] == "ok" and (r.get("report") or {}).get("year")}, reverse=True)

    def _regions(self) -> dict[str, str]:
        documents = getattr(self.store, "documents", None)
        if documents is None:
            return {}
        return {d["sha256"]: d.get("region") for d in documents() if d.get("region")}

    # ------------------------------------------------------------ documents

    def original(self, sha256: str) -> tuple[bytes, str] | None:
        content = self.store.get_original(sha256)
        if content is None:
            return None
        result = self.result(sha256) or {}
        return content, result.get("source") or sha256

    def _load_text(self, sha256: str) -> str | None:
        from extractors.loading import load
        found = self.original(sha256)
        if found is None:
            return None
        try:
            return load(found[0], found[1], max_bytes=self.max_bytes).text
        except Exception:  # an original that no longer loads: show the claims without the text
            return None

    def text(self, sha256: str) -> str | None:
        """The document text the claim offsets index, re-read from the original."""
        return self._text(sha256)

    # ------------------------------------------------------------ review

    def verdicts(self, sha256: str) -> dict[int, dict]:
        return {int(i): dict(v) for i, v in self.store.verdicts_for(sha256).items()}

    def _all_verdicts(self) -> dict[str, dict[int, dict]]:
        return {sha: {int(i): dict(v) for i, v in by_index.items()}
                for sha, by_index in self.store.all_verdicts().items()}

    def set_verdict(self, result: Mapping, index: int, status: str, comment: str, who: str) -> None:
        self.store.set_verdict(result["sha256"], index, status, comment=comment, who=who)

    def corrections(self, sha256: str) -> dict[int, dict]:
        return {int(c["claim_index"]): c for c in self.store.corrections_for(sha256)}

    def correct_claim(self, result: Mapping, index: int, metric: str, value: Decimal, comment: str, who: str) -> None:
        self.store.save_correction(result["sha256"], index, metric=metric, value=value, comment=comment, who=who)

    # ------------------------------------------------------------ coverage and exports

    def coverage(self, year: int, query: str = "") -> tuple[list[dict], list[dict], int]:
        """(agencies with a report for ``year``, agencies without one, how many agencies are known)."""
        years: dict[str, set[int]] = defaultdict(set)
        region: dict[str, str | None] = {}
        for row in self.report_rows():
            if not row.agency:
                continue
            years[row.agency].update({row.year} if row.year else set())
            region.setdefault(row.agency, row.region)
        agencies = sorted(a for a in years if not query or query in a or query in (region.get(a) or ""))
        entries = [{"agency": a, "region": region.get(a), "years": [f"{y}年" for y in sorted(years[a])]}
                   for a in agencies]
        present = [e for e in entries if year in years[e["agency"]]]
        missing = [e for e in entries if year not in years[e["agency"]]]
        return present, missing, len(entries)

    def export_set(self, shas: list[str]) -> tuple[list[dict], dict[tuple[str, int], dict]]:
        results = [r for r in (self.result(s) for s in shas) if r is not None]
        verdicts = {(r["sha256"], i): v for r in results for i, v in self.verdicts(r["sha256"]).items()}
        return results, verdicts


__all__ = ["ReviewData", "source_name"]

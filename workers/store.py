"""The result store: documents, results, findings, verdicts, corrections (jobs in ``workers.jobs``).

SQLAlchemy Core over an SQLite file by default and PostgreSQL by URL, so
workers on several machines share one store.  Results are keyed by content
hash and pipeline version: writing one twice changes nothing, and an upgrade
reprocesses.  Verdicts are keyed by an evidence fingerprint, so a re-run keeps
an auditor's confirmation while the evidence is unchanged.  Originals are kept
by content hash, in a blob table or a shared directory, so any worker and the
web UI can read them.  Every public method takes and returns plain JSON-shaped
dicts, the same shape as ``ReportResult.to_dict()``.
"""
from __future__ import annotations

import hashlib
import json
import time
from decimal import Decimal
from pathlib import Path
from typing import Iterator, Mapping

import orjson
import sqlalchemy as sa

from workers import cross_year
from workers.agencies import agency_key, region_of
from workers.database import create_engine, insert_ignore, insert_ignore_many, upsert_many
from workers.fingerprints import fingerprints
from workers.jobs import Jobs
from workers.schema import blobs, corrections, deliveries, documents, findings, migrate, results, verdicts

VERDICT_STATES = ("confirmed", "dismissed", "open")


def _when(at: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(at)) if at else ""


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _as_dict(result) -> dict:
    return result if isinstance(result, dict) else result.to_dict()


class Store(Jobs):
    """One store; cheap to open in every process (the engine pools connections)."""

    def __init__(self, engine: sa.Engine, data_dir: Path | None = None):
        self.engine = engine
        self.data_dir = Path(data_dir) if data_dir else None

    @classmethod
    def open(cls, url: str, data_dir: str | Path | None = None, fast_commit: bool = False) -> "Store":
        """Open (and migrate) the store at ``url``; ``data_dir`` is the shared document directory.

        ``fast_commit`` (workers) does not wait for PostgreSQL to flush each
        commit: a database crash may forget the last moment's results, but a
        result and its job item are written in one transaction, so they are
        forgotten together and ``batch resume`` queues them again.
        """
        if data_dir is None:
            from gidar.settings import Settings
            data_dir = Settings.resolve().data_dir
        engine = create_engine(url, fast_commit=fast_commit)
        migrate(engine)
        return cls(engine, Path(data_dir))

    # ------------------------------------------------------------ originals

    def save_original(self, data: bytes, source: str, keep: str = "store") -> str:
        """Keep a document's bytes by content hash, in the blob table (``store``) or the shared directory (``dir``)."""
        sha = hashlib.sha256(data).hexdigest()
        if keep == "dir":
            relative = f"documents/{sha[:2]}/{sha}"
            target = self._dir() / relative
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f".{sha}.tmp")
                tmp.write_bytes(data)
                tmp.replace(target)  # readers never see half a file
            location = f"dir:{relative}"
        else:
            location = "store"
        with self.engine.begin() as conn:
            if keep != "dir":
                insert_ignore(conn, blobs, {"sha256": sha, "content": data})
            insert_ignore(conn, documents, {"sha256": sha, "source": source, "size": len(data),
                                            "status": "pending", "location": location, "updated_at": time.time()})
            conn.execute(documents.update().where(documents.c.sha256 == sha)
                         .where(sa.or_(documents.c.location.is_(None), documents.c.location.like("path:%")))
                         .values(location=location, size=len(data)))
        return sha

    def _dir(self) -> Path:
        if self.data_dir is None:
            raise RuntimeError("no shared document directory configured (GIDAR_DATA_DIR)")
        return self.data_dir

    def get_original(self, sha256: str) -> bytes | None:
        """The document's bytes, wherever they were kept; None when the store has no copy."""
        with self.engine.connect() as conn:
            blob = conn.execute(sa.select(blobs.c.content).where(blobs.c.sha256 == sha256)).first()
            if blob is not None:
                return bytes(blob[0])
            row = conn.execute(sa.select(documents.c.location, documents.c.source)
                               .where(documents.c.sha256 == sha256)).first()
        if row is None or not row.location:
            return None
        kind, _, where = row.location.partition(":")
        path = (self.data_dir / where) if kind == "dir" and self.data_dir else Path(where) if kind == "path" else None
        try:
            data = path.read_bytes() if path else None
        except OSError:
            return None
        # A local path may have changed since: only the bytes that were audited are the original.
        return data if data is not None and hashlib.sha256(data).hexdigest() == sha256 else None

    # ------------------------------------------------------------ results

    def save_result(self, result, original: bytes | None = None, job_id: str | None = None) -> bool:
        """Store a result (a ReportResult or its dict) with its findings; False when it was already there.

        Idempotent: the result row is keyed by (content hash, pipeline version),
        so a redelivered task writes nothing new.  The document's current
        result moves to this version, and the cross-year rules run against the
        same agency's reports of the year before and after.  With ``job_id``,
        the job's item is finished in the same transaction.
        """
        result = _as_dict(result)
        if not result.get("sha256"):
            return False  # an unreadable path has no content to key by
        if original is not None:
            self.save_original(original, result["source"])
        return self.save_results([result], job_id=job_id) == 1

    def save_results(self, found: list, job_id: str | None = None, already: Mapping[str, str] | None = None,
                     version: str | None = None) -> int:
        """Several results in one transaction of a few statements (a worker's chunk); return how many were new.

        The same rows as ``save_result`` for each, written set-wise: one
        upsert of the documents, one insert of the results, one of the
        findings, one update per final state of the job's items, and the
        cross-year rules only for documents whose agency has a neighbouring
        year.  ``already`` maps documents whose result (of ``version``) was
        there before the chunk ran to that result's status: their job items
        are finished with it.
        """
        rows = {}
        for result in found:
            result = _as_dict(result)
            if result.get("sha256"):
                rows[result["sha256"]] = result  # a document twice in a chunk is one document
        metas = {sha: self._meta(result) for sha, result in rows.items()}
        finished: dict[str, list[str]] = {"done": [], "failed": []}
        written: set[str] = set()
        with self.engine.begin() as conn:
            if rows:
                upsert_many(conn, documents, [
                    {"sha256": sha, "source": r["source"], "location": f"path:{Path(r['source']).resolve()}",
                     **metas[sha]} for sha, r in rows.items()], update=list(next(iter(metas.values()))))
                written = insert_ignore_many(conn, results, [
                    {"sha256": sha, "pipeline_version": r.get("pipeline_version", ""), "status": r["status"],
                     "result": orjson.dumps(r).decode(), "created_at": time.time()}
                    for sha, r in rows.items()])
                new_findings = [f for sha in written for f in self._finding_rows(
                    rows[sha], rows[sha].get("findings") or (), 0, metas[sha])]
                if new_findings:
                    conn.execute(findings.insert(), new_findings)
                for sha in self._with_neighbours(conn, metas):
                    self._link_years(conn, rows[sha], metas[sha])
            for sha, r in rows.items():
                finished["done" if r["status"] == "ok" else "failed"].append(sha)
            for sha, status in (already or {}).items():
                finished["done" if status == "ok" else "failed"].append(sha)
            if job_id is not None:
                for state, shas in finished.items():
                    if shas:
                        self.finish_items(job_id, shas, state, version or next(
                            (r.get("pipeline_version") for r in rows.values()), None), conn)
        return len(written)

    @staticmethod
    def _meta(result: dict) -> dict:
        report = result.get("report") or {}
        error = result.get("error") or {}
        return {"agency": report.get("agency"), "agency_key": agency_key(report.get("agency")),
                "region": region_of(report.get("agency")), "year": report.get("year"), "status": result["status"],
                "error_code": error.get("code"), "error_message": error.get("message"),
                "result_version": result.get("pipeline_version", ""), "updated_at": time.time()}

    @staticmethod
    def _with_neighbours(conn, metas: Mapping[str, dict]) -> list[str]:
        """The documents of ``metas`` whose agency has a report of the year before or after."""
        keys = {m["agency_key"] for m in metas.values() if m["agency_key"] and m["year"]}
        if not keys:
            return []
        years: dict[str, set[tuple[int, str]]] = {}
        for key, year, sha in conn.execute(sa.select(documents.c.agency_key, documents.c.year, documents.c.sha256)
                                           .where(documents.c.agency_key.in_(keys), documents.c.status == "ok")):
            years.setdefault(key, set()).add((year, sha))
        return [sha for sha, m in metas.items() if m["agency_key"] in years and any(
            y in (m["year"] - 1, m["year"] + 1) and other != sha for y, other in years[m["agency_key"]])]

    def _finding_rows(self, result: dict, found, start: int, meta: Mapping) -> list[dict]:
        prints = fingerprints({**result, "findings": list(found)})
        return [{"sha256": result["sha256"], "pipeline_version": meta["result_version"], "idx": start + i,
                 "rule": f["rule"], "kind": f["kind"], "severity": f["severity"], "confidence": f.get("confidence"),
                 "message": f["message"], "table_id": f.get("table"), "row_id": f.get("row"),
                 "column_id": f.get("column"), "expected": _json(f.get("expected")), "actual": _json(f.get("actual")),
                 "evidence": _json({"cells": f.get("cells", []), "claims": f.get("claims", []),
                                    "previous": f.get("previous")}),
                 "fingerprint": fp, "agency_key": meta["agency_key"], "region": meta["region"], "year": meta["year"]}
                for i, (f, fp) in enumerate(zip(found, prints))]

    def _result_of(self, conn, doc: Mapping) -> dict | None:
        found = conn.execute(sa.select(results.c.result).where(
            results.c.sha256 == doc["sha256"], results.c.pipeline_version == doc["result_version"])).first()
        return json.loads(found[0]) if found else None

    def _link_years(self, conn, result: dict, meta: Mapping) -> None:
        """Recompute the cross-year findings of this year (against last) and of next year (against this)."""
        key, year, sha = meta["agency_key"], meta["year"], result["sha256"]
        if not key or not year:
            return
        rows = conn.execute(sa.select(documents).where(
            documents.c.agency_key == key, documents.c.year.in_((year - 1, year + 1)), documents.c.status == "ok",
            documents.c.sha256 != sha).order_by(documents.c.updated_at.desc(), documents.c.sha256)).all()
        neighbour = {}
        for row in rows:  # the most recently updated report of each neighbouring year
            neighbour.setdefault(row.year, dict(row._mapping))
        this_doc = {"sha256": sha, **meta}
        earlier = self._result_of(conn, neighbour[year - 1]) if year - 1 in neighbour else None
        pairs = [(result, this_doc, earlier)]
        if year + 1 in neighbour and result["status"] == "ok":
            later = self._result_of(conn, neighbour[year + 1])
            if later is not None:
                pairs.append((later, neighbour[year + 1], result))
        for later_result, doc, previous in pairs:
            new = cross_year.cross_year_findings(later_result, previous)
            if previous is not None or doc is not this_doc:
                conn.execute(findings.delete().where(findings.c.sha256 == doc["sha256"],
                                                     findings.c.kind == cross_year.KIND))
            if new:
                start = len(later_result.get("findings") or ())
                insert_ignore(conn, findings, self._finding_rows(later_result, new, start, doc))

    def start_deliveries(self, job_id: str, shas: list[str], version: str, split_if_seen: bool = False
                         ) -> tuple[dict[str, str], dict[str, int], dict[str, bytes | None]] | None:
        """Before a chunk runs, in one transaction: (existing result statuses, delivery counts, originals).

        A document that already has its result is not counted (a redelivery
        after the result was written); the others are counted and committed
        before the pipeline runs, so a document that kills its worker is
        counted.  With ``split_if_seen``, None (and nothing counted) when a document of
        the chunk was delivered before and still has no result: its worker
        died, and the chunk should go back one document per task.
        """
        from workers.jobs import count_deliveries
        with self.engine.begin() as conn:
            existing = dict(conn.execute(sa.select(results.c.sha256, results.c.status).where(
                results.c.sha256.in_(shas), results.c.pipeline_version == version)).all())
            todo = [s for s in shas if s not in existing]
            if split_if_seen and todo and conn.execute(sa.select(sa.func.count()).where(
                    deliveries.c.sha256.in_(todo), deliveries.c.pipeline_version == version,
                    deliveries.c.count > 0)).scalar():
                return None
            counts = count_deliveries(conn, job_id, todo, version) if todo else {}
            stored = dict(conn.execute(sa.select(blobs.c.sha256, blobs.c.content)
                                       .where(blobs.c.sha256.in_(todo))).all()) if todo else {}
        data = {s: bytes(stored[s]) if s in stored else self.get_original(s) for s in todo}
        return existing, counts, data

    def result_status(self, sha256: str, version: str) -> str | None:
        """``ok``/``failed`` when the document has a result for ``version``, else None (cheap: no JSON)."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(results.c.status).where(
                results.c.sha256 == sha256, results.c.pipeline_version == version)).scalar()

    def has_result(self, sha256: str, version: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(results.c.sha256).where(
                results.c.sha256 == sha256, results.c.pipeline_version == version)).first() is not None

    def get_result(self, sha256: str, version: str | None = None) -> dict | None:
        """One report's result (its current version unless named), cross-year findings appended."""
        with self.engine.connect() as conn:
            if version is None:
                version = conn.execute(sa.select(documents.c.result_version)
                                       .where(documents.c.sha256 == sha256)).scalar()
            row = conn.execute(sa.select(results.c.result).where(results.c.sha256 == sha256,
                                                                 results.c.pipeline_version == version)).first()
            if row is None:
                return None
            linked = conn.execute(sa.select(findings).where(
                findings.c.sha256 == sha256, findings.c.pipeline_version == version,
                findings.c.kind == cross_year.KIND).order_by(findings.c.idx)).all()
        result = json.loads(row[0])
        own = [f for f in result.get("findings") or () if f["kind"] != cross_year.KIND]
        return {**result, "findings": own + [_finding_from_row(r) for r in linked]}

    def latest_results(self) -> Iterator[dict]:
        """Each document's current result, cross-year findings included, ordered by source."""
        with self.engine.connect() as conn:
            shas = conn.execute(sa.select(documents.c.sha256).where(documents.c.result_version.is_not(None))
                                .order_by(documents.c.source)).scalars().all()
        for sha in shas:
            found = self.get_result(sha)
            if found is not None:
                yield found

    def documents(self, **filters) -> list[dict]:
        """Document rows (no result JSON), filtered by equality on any column (status, year, region …)."""
        q = sa.select(documents)
        for name, value in filters.items():
            if value is not None:
                q = q.where(documents.c[name] == value)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q.order_by(documents.c.source))]

    def list_reports(self, q: str = "", year: int | None = None, severity: str | None = None,
                     kind: str | None = None, status: str | None = None, limit: int = 500, offset: int = 0) -> list[dict]:
        """Reports for the list page: agency/region/town/source text search, year, finding severity/kind, status."""
        d, f = documents, findings
        counts = (sa.select(f.c.sha256, f.c.severity, sa.func.count().label("n"))
                  .select_from(f.join(d, sa.and_(f.c.sha256 == d.c.sha256, f.c.pipeline_version == d.c.result_version)))
                  .group_by(f.c.sha256, f.c.severity))
        query = sa.select(d).where(d.c.result_version.is_not(None))
        if q:
            like = f"%{q}%"
            query = query.where(sa.or_(d.c.agency.like(like), d.c.region.like(like), d.c.source.like(like),
                                       d.c.agency_key.like(like)))
        for column, value in ((d.c.year, year), (d.c.status, status)):
            if value is not None:
                query = query.where(column == value)
        if severity or kind:
            sub = sa.select(f.c.sha256).where(f.c.pipeline_version == d.c.result_version, f.c.sha256 == d.c.sha256)
            sub = sub.where(f.c.severity == severity) if severity else sub
            sub = sub.where(f.c.kind == kind) if kind else sub
            query = query.where(sa.exists(sub))
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query.order_by(d.c.agency_key, d.c.year, d.c.source)
                                                           .limit(limit).offset(offset))]
            shas = [r["sha256"] for r in rows]
            tally: dict[str, dict] = {}
            for sha, sev, n in conn.execute(counts.where(f.c.sha256.in_(shas))) if shas else ():
                tally.setdefault(sha, {})[sev] = n
        return [{**r, "findings": tally.get(r["sha256"], {})} for r in rows]

    def find_findings(self, *, region: str | None = None, agency: str | None = None, year: int | None = None,
                      kind: str | None = None, severity: str | None = None) -> list[dict]:
        """Findings of current results, one row each, with their verdict; ``agency`` matches part of the name."""
        f, d, v = findings, documents, verdicts
        q = (sa.select(f, d.c.agency, d.c.source, v.c.status.label("verdict"), v.c.comment, v.c.who)
             .select_from(f.join(d, sa.and_(f.c.sha256 == d.c.sha256, f.c.pipeline_version == d.c.result_version))
                          .outerjoin(v, v.c.fingerprint == f.c.fingerprint)))
        for column, value in ((f.c.region, region), (f.c.year, year), (f.c.kind, kind), (f.c.severity, severity)):
            if value is not None:
                q = q.where(column == value)
        if agency:
            q = q.where(sa.or_(d.c.agency.contains(agency), f.c.agency_key.contains(agency)))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q.order_by(d.c.source, f.c.idx))]

    # ------------------------------------------------------------ review

    def _fingerprints(self, sha256: str) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(findings.c.fingerprint).select_from(findings.join(documents, sa.and_(
                findings.c.sha256 == documents.c.sha256, findings.c.pipeline_version == documents.c.result_version)))
                .where(findings.c.sha256 == sha256).order_by(findings.c.idx)).scalars())

    def set_verdict(self, sha256: str, index: int, status: str, *, comment: str = "", who: str = "") -> None:
        """Confirm or dismiss finding ``index`` of a report (``open`` withdraws the verdict)."""
        if status not in VERDICT_STATES:
            raise ValueError(f"unknown verdict {status!r}; choose one of {', '.join(VERDICT_STATES)}")
        fingerprint = self._fingerprints(sha256)[index]
        with self.engine.begin() as conn:
            conn.execute(verdicts.delete().where(verdicts.c.fingerprint == fingerprint))
            if status != "open":
                rule = conn.execute(sa.select(findings.c.rule).where(findings.c.fingerprint == fingerprint)).scalar()
                conn.execute(verdicts.insert().values(fingerprint=fingerprint, status=status, comment=comment,
                                                      who=who, at=time.time(), sha256=sha256, rule=rule))

    def verdicts_for(self, sha256: str) -> dict[int, dict]:
        """{finding index: {status, comment, who, at, when}} for a report's current findings."""
        return self.all_verdicts(sha256).get(sha256, {})

    def all_verdicts(self, sha256: str | None = None) -> dict[str, dict[int, dict]]:
        """Verdicts of every report's current findings, by report and finding index."""
        f, d, v = findings, documents, verdicts
        q = (sa.select(f.c.sha256, f.c.idx, v.c.status, v.c.comment, v.c.who, v.c.at)
             .select_from(f.join(d, sa.and_(f.c.sha256 == d.c.sha256, f.c.pipeline_version == d.c.result_version))
                          .join(v, v.c.fingerprint == f.c.fingerprint)))
        if sha256:
            q = q.where(f.c.sha256 == sha256)
        out: dict[str, dict[int, dict]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                out.setdefault(r.sha256, {})[r.idx] = {"status": r.status, "comment": r.comment, "who": r.who,
                                                       "at": r.at, "when": _when(r.at)}
        return out

    def save_correction(self, sha256: str, index: int, *, metric: str, value, comment: str = "", who: str = "") -> None:
        """An auditor's correction of claim ``index``; replaces an earlier one and becomes a training label."""
        result = self.get_result(sha256) or {}
        claim = (result.get("claims") or [])[index]
        row = {"sha256": sha256, "claim_index": index, "claim": json.dumps(claim, ensure_ascii=False),
               "metric": metric, "value": None if value is None else str(Decimal(str(value))),
               "comment": comment, "who": who, "at": time.time()}
        with self.engine.begin() as conn:
            conn.execute(corrections.delete().where(corrections.c.sha256 == sha256, corrections.c.claim_index == index))
            conn.execute(corrections.insert().values(**row))

    def corrections_for(self, sha256: str) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(corrections).where(corrections.c.sha256 == sha256)
                                .order_by(corrections.c.claim_index)).all()
        return [{**r._mapping, "claim": json.loads(r.claim), "when": _when(r.at)} for r in rows]

    def correction_labels(self) -> list[dict]:
        """Corrections as label JSONL rows (``{"text", "spans", "meta"}``, corpus/README.md) over their sentence."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(corrections).order_by(corrections.c.sha256, corrections.c.claim_index)).all()
        labels = []
        for r in rows:
            claim = json.loads(r.claim)
            text = self._sentence(r.sha256, claim)
            if text is None:
                continue
            sentence, offset = text
            labels.append({"text": sentence,
                           "spans": [{"start": claim["start"] - offset, "end": claim["end"] - offset,
                                      "label": r.metric, "value": r.value}],
                           "meta": {"source": "auditor", "sha256": r.sha256, "claim_index": r.claim_index,
                                    "was": claim["metric"], "who": r.who, "comment": r.comment}})
        return labels

    def _sentence(self, sha256: str, claim: Mapping) -> tuple[str, int] | None:
        from extractors.loading import load
        data = self.get_original(sha256)
        if data is None:
            return None
        text = load(data, sha256).text
        start = claim.get("sentence_start") if claim.get("sentence_start") is not None else claim["start"]
        end = claim.get("sentence_end") if claim.get("sentence_end") is not None else claim["end"]
        return text[start:end], start

    # ------------------------------------------------------------ years

    def coverage(self, year: int, region: str | None = None) -> dict[str, list[dict]]:
        """Known agencies (any year) with and without a report for ``year``."""
        q = sa.select(documents.c.agency_key, documents.c.agency, documents.c.region, documents.c.year).where(
            documents.c.agency_key.is_not(None), documents.c.status == "ok")
        if region:
            q = q.where(documents.c.region == region)
        agencies: dict[str, dict] = {}
        with self.engine.connect() as conn:
            for key, agency, reg, y in conn.execute(q.order_by(documents.c.year.desc())):
                entry = agencies.setdefault(key, {"agency_key": key, "agency": agency, "region": reg, "years": set()})
                entry["years"].add(y)
        entries = [{**e, "years": sorted(y for y in e["years"] if y)} for _, e in sorted(agencies.items())]
        return {"present": [e for e in entries if year in e["years"]],
                "missing": [e for e in entries if year not in e["years"]]}


def _finding_from_row(row) -> dict:
    evidence = json.loads(row.evidence or "{}")
    out = {"rule": row.rule, "kind": row.kind, "severity": row.severity, "confidence": row.confidence,
           "message": row.message, "expected": json.loads(row.expected) if row.expected else None,
           "actual": json.loads(row.actual) if row.actual else None, "cells": evidence.get("cells", []),
           "claims": evidence.get("claims", []), "table": row.table_id, "row": row.row_id, "column": row.column_id}
    if evidence.get("previous"):
        out["previous"] = evidence["previous"]
    return out


__all__ = ["Store", "VERDICT_STATES"]

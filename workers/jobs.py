"""Jobs and their items in the store: what a batch holds, and where each document is.

An item moves queued → running → done | failed.  ``done`` and ``failed`` mean
the document has its one result (a failed result is a result: the document
could not be read, or it killed its worker too often).  Deliveries are counted
per (document, pipeline version) before the pipeline runs, so a document that
kills every worker it reaches is given up instead of requeued forever.
"""
from __future__ import annotations

import time
import uuid
from typing import Iterable, Mapping

import sqlalchemy as sa

from workers.database import increment_many, insert_ignore
from workers.schema import deliveries, job_items, jobs

FINISHED = ("done", "failed")


def count_deliveries(conn, job_id: str, shas: list[str], version: str) -> dict[str, int]:
    """Inside a transaction: one more delivery of each document, their items marked running; the new
    counts.  Two statements whatever the number of documents."""
    counts = increment_many(conn, deliveries, [{"sha256": s, "pipeline_version": version} for s in shas], "count")
    conn.execute(job_items.update()
                 .where(job_items.c.job_id == job_id, job_items.c.sha256.in_(shas), job_items.c.state.not_in(FINISHED))
                 .values(state="running", started_at=time.time()))
    return counts


class Jobs:
    """Mixed into ``Store``: uses its ``engine``."""

    engine: sa.Engine

    def create_job(self, name: str | None, version: str, items: Iterable[tuple[str, str]],
                   queue: str | None = None, done: Mapping[str, str] | None = None) -> str:
        """A job over (sha256, source) items, identical content once.

        ``done`` maps the shas that already have a result to their final state
        (``done`` or ``failed``); those items start finished.
        """
        job_id = uuid.uuid4().hex[:12]
        finished = dict(done or {})
        unique: dict[str, str] = {}
        for sha, source in items:
            unique.setdefault(sha, source)
        now = time.time()
        rows = [{"job_id": job_id, "sha256": sha, "source": source,
                 "state": finished.get(sha, "queued"),
                 "result_version": version if sha in finished else None,
                 "finished_at": now if sha in finished else None}
                for sha, source in unique.items()]
        with self.engine.begin() as conn:
            conn.execute(jobs.insert().values(id=job_id, name=name, pipeline_version=version, queue=queue,
                                              created_at=now))
            if rows:
                insert_ignore(conn, job_items, rows)
        return job_id

    def job(self, job_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(jobs).where(jobs.c.id == job_id)).first()
        return dict(row._mapping) if row else None

    def job_items(self, job_id: str, states: Iterable[str] | None = None) -> list[dict]:
        q = sa.select(job_items).where(job_items.c.job_id == job_id)
        if states is not None:
            q = q.where(job_items.c.state.in_(list(states)))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q.order_by(job_items.c.source))]

    def unfinished_items(self, job_id: str) -> list[dict]:
        """Items without their result yet: what ``batch resume`` enqueues again."""
        return self.job_items(job_id, ("queued", "running"))

    def begin_delivery(self, job_id: str, sha256: str, version: str) -> int:
        """Count one more delivery of a document and mark its item running; return the count."""
        with self.engine.begin() as conn:
            return count_deliveries(conn, job_id, [sha256], version)[sha256]

    def finish_item(self, job_id: str, sha256: str, state: str, version: str | None, conn=None) -> None:
        """Close an item with its result's state (inside ``conn``'s transaction when given)."""
        stmt = (job_items.update().where(job_items.c.job_id == job_id, job_items.c.sha256 == sha256)
                .values(state=state, result_version=version, finished_at=time.time()))
        if conn is not None:
            conn.execute(stmt)
            return
        with self.engine.begin() as own:
            own.execute(stmt)

    def finish_items(self, job_id: str, shas: list[str], state: str, version: str | None, conn) -> None:
        """``finish_item`` for several documents of one final state, in one statement."""
        conn.execute(job_items.update().where(job_items.c.job_id == job_id, job_items.c.sha256.in_(shas))
                     .values(state=state, result_version=version, finished_at=time.time()))

    def job_status(self, job_id: str) -> dict:
        """Counts by state, the rate over the finished items (documents/s) and an ETA in seconds."""
        ji = job_items
        with self.engine.connect() as conn:
            counts = dict(conn.execute(sa.select(ji.c.state, sa.func.count()).where(ji.c.job_id == job_id)
                                       .group_by(ji.c.state)).all())
            first, last, timed = conn.execute(
                sa.select(sa.func.min(ji.c.started_at), sa.func.max(ji.c.finished_at), sa.func.count())
                .where(ji.c.job_id == job_id, ji.c.started_at.is_not(None), ji.c.state.in_(FINISHED))).one()
        total = sum(counts.values())
        finished = counts.get("done", 0) + counts.get("failed", 0)
        remaining = total - finished
        rate = timed / (last - first) if timed and last and first and last > first else None
        eta = 0.0 if not remaining else (remaining / rate if rate else None)
        return {"job": job_id, "total": total, "done": counts.get("done", 0), "failed": counts.get("failed", 0),
                "running": counts.get("running", 0), "queued": counts.get("queued", 0),
                "rate": round(rate, 2) if rate else None, "eta_seconds": round(eta) if eta is not None else None}

"""The Celery tasks: document keys in, their results written to the store.

A task carries a chunk of document keys (at most ``GIDAR_CHUNK``, 64 by
default; smaller for small batches and at the end of the queue, see
``workers.batch.chunk_sizes``): the broker round trip, the delivery count and
the result writes are paid once per chunk, in one transaction each, not once
per document.  A chunk that comes back because its worker died (``kill -9``,
the OOM killer, the hard time limit) is not run again as a whole: it is split
into one task per document, so the document that kills workers is isolated,
counted on its own and given up after ``max_deliveries``, while its
neighbours finish.

``run_documents`` is the whole task as a plain function (the task adds only
Celery's retry behaviour), so tests and benchmarks can call it.  It is safe to
run twice: results are keyed by (content hash, pipeline version), and a
document that has its result is only marked finished.
"""
from __future__ import annotations

import gc
import logging
from typing import Callable, Sequence

from billiard.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from sqlalchemy.exc import OperationalError

from gidar.domain import InputError, ReportResult
from gidar.pipeline import audit
from workers import runtime
from workers.app import app

log = logging.getLogger(__name__)
TRANSIENT = (OperationalError, ConnectionError)  # the store is away for a moment: retry with backoff
Items = Sequence[Sequence[str]]  # [(sha256, source), …]: JSON arrays on the wire


def _failed(sha256: str, source: str, code: str, message: str) -> ReportResult:
    return ReportResult(source=source, sha256=sha256, status="failed", error=InputError(code, message),
                        pipeline_version=runtime.version())


def run_documents(job_id: str, items: Items, requeue: Callable[[Items], None] | None = None) -> dict:
    """Audit a chunk of stored documents for ``job_id``; return counts (a plain JSON value).

    ``requeue`` sends documents back as one task each: a chunk delivered
    before (its worker died) goes back that way, and so does what is left of a
    chunk when the soft time limit strikes.

    The cyclic garbage collector is paused for the chunk: the chunk's results
    are held until its one write, and every collection would walk them again
    (0.3 ms per document, measured).  The pipeline's garbage goes by
    reference counting; the few hundred objects a chunk leaves in cycles are
    collected after it.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_documents(job_id, items, requeue)
    finally:
        if collecting:
            gc.enable()


def _run_documents(job_id: str, items: Items, requeue: Callable[[Items], None] | None) -> dict:
    store, version, settings = runtime.store(), runtime.version(), runtime.settings()
    shas = [sha for sha, _ in items]
    started = store.start_deliveries(job_id, shas, version, split_if_seen=len(items) > 1 and requeue is not None)
    if started is None:  # delivered before: its worker died on one of these documents
        requeue([[sha, source] for sha, source in items])
        return {"split": len(items)}
    existing, counts, data = started
    results, left = _run_chunk(items, existing, counts, data, settings, requeue)
    store.save_results(results, job_id=job_id, already=existing, version=version)
    if left:
        requeue(left)
    return {"done": len(results), "existing": len(existing), "requeued": len(left)}


def _run_chunk(items: Items, existing, counts, data, settings, requeue) -> tuple[list[ReportResult], list]:
    """The chunk's results, and what is left of it when the soft time limit struck mid-chunk."""
    results, left = [], []
    for n, (sha, source) in enumerate(items):
        if sha in existing:  # a redelivery, or a document shared with an earlier job
            continue
        if counts.get(sha, 0) > settings.max_deliveries:
            results.append(_failed(sha, source, "worker_crashed",
                                   f"该文件已 {counts[sha] - 1} 次导致工作进程异常退出或超时（内存、时间或崩溃），已放弃处理"))
        elif data.get(sha) is None:
            results.append(_failed(sha, source, "missing_original", "结果库和共享目录中都找不到该文件的原件"))
        else:
            result = audit(data[sha], source, tagger=runtime.tagger(), settings=settings)
            if result.error and "SoftTimeLimitExceeded" in result.error.message:
                if len(items) > 1 and requeue is not None:  # the chunk ran out of time: each document alone
                    left = [[s, src] for s, src in items[n:] if s not in existing]
                    break
                result = _failed(sha, source, "time_limit", f"处理该文件超过时间上限（{settings.task_time_limit} 秒）")
            results.append(result)
    return results, left


def send_singles(job_id: str, items: Items) -> None:
    """One task per document, on the queue of this worker's settings."""
    with app.producer_or_acquire() as producer:
        for item in items:
            audit_documents.apply_async(args=(job_id, [list(item)]), queue=runtime.settings().queue,
                                        producer=producer)


class DocumentTask(app.Task):
    """Requeues a chunk whose child hit the hard time limit: delivered before, it comes back split."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        if isinstance(exc, TimeLimitExceeded):  # runs in the parent; the child is gone
            log.warning("hard time limit on %s; requeued to be counted", args)
            self.apply_async(args=args, queue=runtime.settings().queue)
            return
        super().on_failure(exc, task_id, args, kwargs, einfo)


@app.task(bind=True, base=DocumentTask, name="gidar.audit_documents", autoretry_for=TRANSIENT,
          retry_backoff=2, retry_backoff_max=60, max_retries=20)
def audit_documents(self, job_id: str, items: list) -> dict:
    try:
        return run_documents(job_id, items, requeue=lambda left: send_singles(job_id, left))
    except SoftTimeLimitExceeded:  # outside the pipeline (store I/O): record, do not loop
        store, version = runtime.store(), runtime.version()
        undone = [(sha, source) for sha, source in items if store.result_status(sha, version) is None]
        store.save_results([_failed(sha, source, "time_limit", "处理该文件超过时间上限") for sha, source in undone],
                           job_id=job_id)
        return {"done": len(undone)}

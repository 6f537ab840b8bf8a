"""The Celery task: one document key in, its result written to the store.

``run_document`` is the whole task as a plain function (the task only adds
Celery's retry and requeue behaviour), so tests and benchmarks can call it.
It is safe to run twice: the result row is keyed by (content hash, pipeline
version), and an item already finished is left alone.
"""
from __future__ import annotations

import logging

from billiard.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from sqlalchemy.exc import OperationalError

from gidar.domain import InputError, ReportResult
from gidar.pipeline import audit
from workers import runtime
from workers.app import app

log = logging.getLogger(__name__)
TRANSIENT = (OperationalError, ConnectionError)  # the store is away for a moment: retry with backoff


def _failed(sha256: str, source: str, code: str, message: str) -> ReportResult:
    return ReportResult(source=source, sha256=sha256, status="failed", error=InputError(code, message),
                        pipeline_version=runtime.version())


def _finish(store, job_id: str, result: ReportResult) -> dict:
    store.save_result(result, job_id=job_id)  # the result and its item's state in one transaction
    return {"sha256": result.sha256, "status": result.status}


def run_document(job_id: str, sha256: str, source: str) -> dict:
    """Audit one stored document for ``job_id``; return ``{"sha256", "status"}`` (a plain JSON value)."""
    store, version, settings = runtime.store(), runtime.version(), runtime.settings()
    existing, deliveries, data = store.start_delivery(job_id, sha256, version)
    if existing is not None:  # a redelivery, or a document shared with an earlier job
        store.finish_item(job_id, sha256, "done" if existing == "ok" else "failed", version)
        return {"sha256": sha256, "status": existing}
    if deliveries > settings.max_deliveries:
        return _finish(store, job_id, _failed(
            sha256, source, "worker_crashed",
            f"该文件已 {deliveries - 1} 次导致工作进程异常退出或超时（内存、时间或崩溃），已放弃处理"))
    if data is None:
        return _finish(store, job_id, _failed(sha256, source, "missing_original",
                                              "结果库和共享目录中都找不到该文件的原件"))
    result = audit(data, source, tagger=runtime.tagger(), settings=settings)
    if result.error and "SoftTimeLimitExceeded" in result.error.message:
        result = _failed(sha256, source, "time_limit", f"处理该文件超过时间上限（{settings.task_time_limit} 秒）")
    return _finish(store, job_id, result)


class DocumentTask(app.Task):
    """Requeues a document whose child hit the hard time limit, so the delivery count decides its fate."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        if isinstance(exc, TimeLimitExceeded):  # runs in the parent; the child is gone
            log.warning("hard time limit on %s; requeued to be counted", args)
            self.apply_async(args=args, queue=runtime.settings().queue)
            return
        super().on_failure(exc, task_id, args, kwargs, einfo)


@app.task(bind=True, base=DocumentTask, name="gidar.audit_document", autoretry_for=TRANSIENT,
          retry_backoff=2, retry_backoff_max=60, max_retries=20)
def audit_document(self, job_id: str, sha256: str, source: str) -> dict:
    try:
        return run_document(job_id, sha256, source)
    except SoftTimeLimitExceeded:  # outside the pipeline (store I/O): record, do not loop
        store = runtime.store()
        return _finish(store, job_id, _failed(sha256, source, "time_limit", "处理该文件超过时间上限"))

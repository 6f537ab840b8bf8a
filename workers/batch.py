"""Batch orchestration over Celery: submit a directory, follow it, resume it, export it.

Library functions; ``workers.cli`` and ``gidar audit`` (when a broker is
configured) are thin layers over them.  A submitted document is first kept in
the store by content hash (blob table or shared directory), so a worker on any
machine can read it; identical files become one item, and documents that
already have a result for this pipeline version are not queued again.
"""
from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

from gidar.domain import InputError, ReportResult
from gidar.settings import Settings


def open_store(settings: Settings):
    from workers.store import Store
    return Store.open(settings.database_url, settings.data_dir)


def _version(settings: Settings) -> str:
    from gidar.pipeline import pipeline_version
    from models.registry import default_tagger, get_tagger
    tagger = default_tagger(settings) if settings.tagger == "auto" else get_tagger(settings.tagger, settings)
    return pipeline_version(tagger)


def _too_large(path: Path, settings: Settings, version: str) -> ReportResult:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return ReportResult(source=str(path), sha256=digest.hexdigest(), status="failed", pipeline_version=version,
                        error=InputError("too_large", f"文件过大（{path.stat().st_size} 字节，上限 {settings.max_bytes} 字节）"))


def store_documents(paths: Iterable[Path], store, settings: Settings, version: str,
                    keep: str = "store") -> list[tuple[str, str]]:
    """Keep each file's bytes in the store; return (sha256, source) items.  Oversized files get a failed result."""
    items = []
    for path in paths:
        try:
            if path.stat().st_size > settings.max_bytes:
                result = _too_large(path, settings, version)
                store.save_result(result)
                items.append((result.sha256, str(path)))
                continue
            items.append((store.save_original(path.read_bytes(), str(path), keep=keep), str(path)))
        except OSError as exc:
            print(f"无法读取 {path}：{exc.strerror or exc}", file=sys.stderr)
    return items


def enqueue(items: Iterable[dict], job_id: str, settings: Settings) -> int:
    """Send the items to the queue in chunks of ``settings.chunk`` documents, over one broker connection;
    return how many documents were queued."""
    from workers.app import broker_connection
    from workers.tasks import audit_documents
    pending = [[item["sha256"], item["source"]] for item in items]
    # The settings' broker, not the one the app read at import: a process may audit against several.
    with broker_connection(settings) as conn, conn.Producer() as producer:
        start = 0
        for size in chunk_sizes(len(pending), settings.chunk):
            audit_documents.apply_async(args=(job_id, pending[start:start + size]),
                                        queue=settings.queue, producer=producer)
            start += size
    return len(pending)


def chunk_sizes(n: int, chunk: int) -> list[int]:
    """How ``n`` queued documents are cut into tasks: full chunks of ``chunk``, tapering at the end.

    A task's cost (a broker round trip, two store transactions) is paid once
    per chunk, so chunks should be large; but the queue is first in, first
    out, and the last chunks decide when a batch ends: a worker that took a
    full last chunk keeps the others waiting.  So a chunk is at most a quarter
    of what is left to queue (the tail runs in ever smaller pieces, down to
    one document), and at most a sixteenth of the batch (a small batch still
    gives every worker some).
    """
    sizes, left = [], n
    while left > 0:
        size = max(1, min(chunk, n // 16, left // 4))
        sizes.append(size)
        left -= size
    return sizes


def submit(root: str | Path | Iterable[str | Path], settings: Settings, name: str | None = None,
           keep: str = "store") -> tuple[str, int]:
    """Submit every report under ``root`` (a directory, a file or a list of paths); return (job id, queued)."""
    from gidar.embedded import find_reports
    if isinstance(root, (str, Path)):
        paths = find_reports(root)
    else:
        paths = [Path(p) for p in root]
    store, version = open_store(settings), _version(settings)
    items = store_documents(paths, store, settings, version, keep)
    done = {sha: "done" if found["status"] == "ok" else "failed"
            for sha, _ in items if (found := store.get_result(sha, version)) is not None}
    job_id = store.create_job(name or (str(root) if isinstance(root, (str, Path)) else None), version, items,
                              queue=settings.queue, done=done)
    return job_id, enqueue(store.unfinished_items(job_id), job_id, settings)


def status(job_id: str, settings: Settings) -> dict | None:
    """Total, done, failed, running, queued, rate (documents/s) and ETA (s) of a job; None if unknown."""
    store = open_store(settings)
    job = store.job(job_id)
    if job is None:
        return None
    return {**store.job_status(job_id), "name": job["name"], "pipeline_version": job["pipeline_version"]}


def resume(job_id: str, settings: Settings) -> int:
    """Enqueue again every item of a job that has no result yet (after a broker restart, lost messages)."""
    store = open_store(settings)
    if store.job(job_id) is None:
        raise KeyError(job_id)
    return enqueue(store.unfinished_items(job_id), job_id, settings)


def job_results(job_id: str, settings: Settings) -> tuple[list[dict], dict]:
    """The job's results (as the job named the files) and their verdicts by (sha256, finding index)."""
    store = open_store(settings)
    results, verdicts = [], {}
    for item in store.job_items(job_id):
        result = store.get_result(item["sha256"])
        if result is None:
            continue
        results.append({**result, "source": item["source"]})
        for index, verdict in store.verdicts_for(item["sha256"]).items():
            verdicts[(item["sha256"], index)] = verdict["status"]
    return results, verdicts


def export(job_id: str, out_dir: str | Path, settings: Settings) -> dict[str, Path]:
    """Write the job's findings as XLSX, CSV, JSONL and an HTML summary into ``out_dir``."""
    from gidar.exports import write_exports
    results, verdicts = job_results(job_id, settings)
    return write_exports(results, out_dir, verdicts=verdicts)


def wait(job_id: str, settings: Settings, on_progress: Callable[[dict], None] | None = None,
         poll: float = 1.0, timeout: float | None = None) -> dict:
    """Poll the store until every item of the job is finished; return the final status."""
    store = open_store(settings)
    started = time.monotonic()
    while True:
        current = store.job_status(job_id)
        if on_progress:
            on_progress(current)
        if current["done"] + current["failed"] >= current["total"]:
            return current
        if timeout is not None and time.monotonic() - started > timeout:
            raise TimeoutError(f"job {job_id}: {current}")
        time.sleep(poll)


def workers_alive(settings: Settings, timeout: float = 2.0) -> int:
    """How many Celery workers answer a ping on the settings' broker."""
    from workers.app import app, broker_connection
    try:
        with broker_connection(settings) as conn:
            return len(app.control.ping(timeout=timeout, connection=conn) or [])
    except Exception:  # broker down: the caller says so
        return 0


def run_celery_audit(paths, out_dir: str | Path, settings: Settings, progress: bool = True,
                     quiet: bool = False) -> int:
    """``gidar audit`` with a broker: submit, follow with a progress bar, export; return the exit status."""
    from tqdm import tqdm

    from gidar.cli import exit_status
    job_id, queued = submit(paths, settings)
    print(f"任务 {job_id}：已排队 {queued} 份", file=sys.stderr)
    if queued and not workers_alive(settings):
        print("警告：没有工作进程响应，请在本机或其他机器上运行 gidar worker", file=sys.stderr)
    bar = tqdm(unit="份", desc="审核", file=sys.stderr, disable=not progress)

    def on_progress(s: dict) -> None:
        bar.total = s["total"]
        bar.n = s["done"] + s["failed"]
        bar.refresh()

    final = wait(job_id, settings, on_progress)
    bar.close()
    results, _ = job_results(job_id, settings)
    paths_out = export(job_id, out_dir, settings)
    n_err = sum(f["severity"] == "error" for r in results for f in r.get("findings", ()))
    if not quiet:
        from gidar.embedded import _print_findings
        for r in results:
            _print_findings(r, print)
    print(f"\n共 {final['total']} 份报告：错误 {n_err} 条，解析失败 {final['failed']} 份。任务 {job_id}")
    print("输出：" + "，".join(str(p) for p in paths_out.values()))
    return exit_status(results)

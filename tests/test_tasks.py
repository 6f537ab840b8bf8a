"""The Celery task body in this process, on a real SQLite store: what a soft time limit leaves behind.

The worker tests drive real worker processes; a soft time limit that strikes
outside the pipeline (while the store is written) cannot be timed from there,
so here the store's write raises it once, as billiard would.
"""
from __future__ import annotations

import gc

import pytest
from billiard.exceptions import SoftTimeLimitExceeded

from tests.conftest import SEEDS


@pytest.fixture
def worker_process(tmp_path, monkeypatch):
    """A worker process's runtime (settings, tagger, store) on a fresh SQLite store."""
    monkeypatch.setenv("GIDAR_DATABASE_URL", f"sqlite:///{tmp_path / 'gidar.sqlite'}")
    monkeypatch.setenv("GIDAR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GIDAR_TAGGER", "rule")
    from workers import runtime
    caches = (runtime.settings, runtime.tagger, runtime.version, runtime.store)
    for cache in caches:
        cache.cache_clear()
    yield runtime
    runtime.store().engine.dispose()
    for cache in caches:
        cache.cache_clear()


def test_when_the_soft_time_limit_strikes_in_the_store_then_only_documents_without_a_result_fail(
        worker_process, monkeypatch):
    from workers.tasks import audit_documents, run_documents
    store, version = worker_process.store(), worker_process.version()
    paths = sorted(SEEDS)[:3]
    items = [[store.save_original(p.read_bytes(), str(p)), str(p)] for p in paths]
    job_id = store.create_job("soft limit", version, items)
    run_documents(job_id, items[:1])  # the first document has its result before the chunk runs
    assert store.result_status(items[0][0], version) == "ok"

    real_save = type(store).save_results
    calls = []

    def stalled_save(self, found, **kwargs):
        calls.append(len(found))
        if len(calls) == 1:
            raise SoftTimeLimitExceeded()  # the limit strikes while the chunk's results are written
        return real_save(self, found, **kwargs)

    monkeypatch.setattr(type(store), "save_results", stalled_save)
    outcome = audit_documents(job_id, items)

    assert outcome == {"done": 2}
    assert gc.isenabled()  # the chunk's pause of the collector ended with it
    assert store.result_status(items[0][0], version) == "ok"  # not overwritten
    for sha, _ in items[1:]:
        result = store.get_result(sha, version)
        assert result["status"] == "failed" and result["error"]["code"] == "time_limit"
    status = store.job_status(job_id)
    assert (status["done"], status["failed"], status["total"]) == (1, 2, 3)

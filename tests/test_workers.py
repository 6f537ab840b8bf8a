"""Celery workers on the machine's real Redis and PostgreSQL: nothing lost, nothing twice.

Each test starts a real ``celery worker`` (two child processes) on its own
queue, submits hundreds of seed variants, breaks something mid-batch (a child
killed with SIGKILL, Redis shut down and started again, a document that kills
every worker it reaches) and checks that every document ends with exactly one
result.
"""
from __future__ import annotations

import os
import shlex
import signal
import subprocess
import time

import pytest
import sqlalchemy as sa

from tests.batchdata import (Worker, drop_postgres_schema, postgres_schema_url, redis_available, service_env,
                             write_variants)
from tests.worker_faults import KILL_MARKER, SLOW_MARKER

pytestmark = pytest.mark.services
REDIS_DB = 11
# The machine's own Redis command line: restarting Redis must leave it as it was.
REDIS_START = ('redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no '
               '--dir /var/lib/redis --logfile /var/log/redis/ci.log')


@pytest.fixture
def services(tmp_path):
    if not redis_available():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    url, schema = postgres_schema_url()
    env = service_env(url, tmp_path, REDIS_DB)
    saved = {k: os.environ.get(k) for k in env if k.startswith("GIDAR_")}
    os.environ.update({k: v for k, v in env.items() if k.startswith("GIDAR_")})
    from gidar.settings import Settings
    worker = Worker(env, tmp_path / "worker.log")
    try:
        worker.wait_ready()
        yield {"env": env, "settings": Settings.resolve(), "worker": worker, "tmp": tmp_path}
    finally:
        worker.stop()
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
        drop_postgres_schema(schema)


def _counts(settings, job_id: str) -> dict:
    """Result rows per document of the job, and the job's items by state."""
    from workers.batch import open_store
    from workers.schema import job_items, results
    store = open_store(settings)
    with store.engine.connect() as conn:
        per_doc = dict(conn.execute(
            sa.select(results.c.sha256, sa.func.count()).where(results.c.sha256.in_(
                sa.select(job_items.c.sha256).where(job_items.c.job_id == job_id))).group_by(results.c.sha256)).all())
        states = dict(conn.execute(sa.select(job_items.c.state, sa.func.count())
                                   .where(job_items.c.job_id == job_id).group_by(job_items.c.state)).all())
    return {"per_doc": per_doc, "states": states}


def _deliveries(settings, sha256: str) -> int:
    from workers.batch import open_store
    from workers.schema import deliveries
    with open_store(settings).engine.connect() as conn:
        return conn.execute(sa.select(sa.func.sum(deliveries.c.count)).where(deliveries.c.sha256 == sha256)).scalar() or 0


def _sha(path) -> str:
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_when_a_worker_child_is_killed_mid_batch_then_every_document_gets_exactly_one_result(services):
    from workers import batch
    settings, worker = services["settings"], services["worker"]
    docs = write_variants(services["tmp"] / "reports", 240)
    slow = docs[5]
    slow.write_bytes(slow.read_bytes() + b"\n" + SLOW_MARKER)
    poison = docs[17]
    poison.write_bytes(poison.read_bytes() + b"\n" + KILL_MARKER)
    (services["tmp"] / "reports" / "zz_binary.txt").write_bytes(bytes(range(256)) * 16)
    (services["tmp"] / "reports" / "zz_truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")

    job_id, queued = batch.submit(services["tmp"] / "reports", settings, name="kill test")
    assert queued == 242
    store = batch.open_store(settings)
    deadline = time.monotonic() + 30
    while not any(i["sha256"] == _sha(slow) for i in store.job_items(job_id, ["running"])):
        assert time.monotonic() < deadline, "the slow document never started"
        time.sleep(0.1)
    for pid in worker.children():
        os.kill(pid, signal.SIGKILL)

    final = batch.wait(job_id, settings, timeout=120)
    counts = _counts(settings, job_id)
    assert final["total"] == 242 and final["done"] + final["failed"] == 242
    assert set(counts["per_doc"].values()) == {1} and len(counts["per_doc"]) == 242
    assert _deliveries(settings, _sha(slow)) >= 2, "the killed task was not delivered again"
    assert store.get_result(_sha(slow))["status"] == "ok"
    failed = {r["source"].rsplit("/", 1)[-1]: r["error"]["code"]
              for r in batch.job_results(job_id, settings)[0] if r["status"] == "failed"}
    assert set(failed) == {poison.name, "zz_binary.txt", "zz_truncated.pdf"}
    assert failed[poison.name] == "worker_crashed"
    assert "worker_crashed" not in (failed["zz_binary.txt"], failed["zz_truncated.pdf"])
    assert _deliveries(settings, _sha(poison)) >= settings.max_deliveries + 1


def test_when_the_same_directory_is_submitted_twice_then_nothing_is_duplicated(services):
    from workers import batch
    settings = services["settings"]
    reports = services["tmp"] / "reports"
    write_variants(reports, 60)
    (reports / "copy_of_r00003.txt").write_bytes((reports / "r00003.txt").read_bytes())
    first, queued = batch.submit(reports, settings)
    assert queued == 60  # the copy is the same document
    batch.wait(first, settings, timeout=60)
    second, queued_again = batch.submit(reports, settings)
    assert queued_again == 0
    assert batch.status(second, settings)["done"] + batch.status(second, settings)["failed"] == 60
    from workers.schema import findings, results
    with batch.open_store(settings).engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(results)).scalar() == 60
        dupes = conn.execute(sa.select(findings.c.sha256, findings.c.idx, sa.func.count())
                             .group_by(findings.c.sha256, findings.c.pipeline_version, findings.c.idx)
                             .having(sa.func.count() > 1)).all()
    assert dupes == []


def _redis_cli(*args: str) -> None:
    subprocess.run(["redis-cli", "-p", "6379", *args], check=False, capture_output=True, timeout=20)


def test_when_redis_restarts_mid_batch_then_resume_loses_nothing(services):
    from workers import batch
    settings = services["settings"]
    reports = services["tmp"] / "reports"
    write_variants(reports, 300)
    job_id, _ = batch.submit(reports, settings)
    store = batch.open_store(settings)
    deadline = time.monotonic() + 30
    while store.job_status(job_id)["done"] < 30:
        assert time.monotonic() < deadline, "the batch did not start"
        time.sleep(0.05)
    _redis_cli("shutdown", "nosave")
    time.sleep(1)
    subprocess.run(shlex.split(REDIS_START), check=True, timeout=20)
    deadline = time.monotonic() + 20
    while not redis_available():
        assert time.monotonic() < deadline, "Redis did not come back"
        time.sleep(0.2)
    lost = store.job_status(job_id)
    assert lost["done"] + lost["failed"] < 300, "the batch finished before Redis went away; nothing was tested"

    batch.resume(job_id, settings)
    final = batch.wait(job_id, settings, timeout=120)
    counts = _counts(settings, job_id)
    assert final["done"] + final["failed"] == 300
    assert len(counts["per_doc"]) == 300 and set(counts["per_doc"].values()) == {1}

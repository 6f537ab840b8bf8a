"""``gidar batch …``, ``gidar worker`` and ``gidar audit`` with a broker, end to end on the real Redis.

The worker here runs against an SQLite store (one machine, the default), the
worker tests use PostgreSQL (several machines).
"""
from __future__ import annotations

import csv
import json
import os

import pytest

from tests.batchdata import Worker, redis_available, service_env, write_variants

pytestmark = pytest.mark.services
REDIS_DB = 12


@pytest.fixture
def services(tmp_path):
    if not redis_available():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    env = service_env(f"sqlite:///{tmp_path / 'gidar.sqlite'}", tmp_path, REDIS_DB)
    saved = {k: os.environ.get(k) for k in env if k.startswith("GIDAR_")}
    os.environ.update({k: v for k, v in env.items() if k.startswith("GIDAR_")})
    worker = Worker(env, tmp_path / "worker.log", include=None)
    try:
        worker.wait_ready()
        yield {"tmp": tmp_path, "env": env}
    finally:
        worker.stop()
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)


def _gidar(capsys, *argv) -> tuple[int, str]:
    from gidar.cli import main
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_submit_status_export_through_the_command(services, capsys):
    from gidar.settings import Settings
    from workers import batch
    reports = services["tmp"] / "reports"
    write_variants(reports, 40)
    code, out = _gidar(capsys, "batch", "submit", str(reports), "--name", "四十份")
    job = out.strip()
    assert code == 0 and len(job) == 12
    batch.wait(job, Settings.resolve(), timeout=60)

    code, out = _gidar(capsys, "batch", "status", job, "--format", "json")
    status = json.loads(out)
    assert (code, status["total"], status["done"], status["failed"], status["name"]) == (0, 40, 40, 0, "四十份")
    assert status["eta_seconds"] == 0 and status["rate"] and status["rate"] > 0
    code, out = _gidar(capsys, "batch", "status", job)
    assert "完成 40" in out

    out_dir = services["tmp"] / "out"
    assert _gidar(capsys, "batch", "export", job, "--out", str(out_dir))[0] == 0
    lines = (out_dir / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["source"] for line in lines) == sorted(str(p) for p in reports.glob("*.txt"))
    with (out_dir / "findings.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) - 1 == sum(len(json.loads(line)["findings"]) for line in lines)
    assert (out_dir / "findings.xlsx").stat().st_size > 0 and (out_dir / "summary.html").exists()


def test_resume_of_a_finished_job_queues_nothing_and_unknown_jobs_are_refused(services, capsys):
    from gidar.settings import Settings
    from workers import batch
    reports = services["tmp"] / "reports"
    write_variants(reports, 10)
    job, _ = batch.submit(reports, Settings.resolve())
    batch.wait(job, Settings.resolve(), timeout=60)
    assert _gidar(capsys, "batch", "resume", job) == (0, "重新排队 0 份\n")
    for command in (("status", "nope"), ("resume", "nope"), ("export", "nope", "--out", str(services["tmp"] / "x"))):
        assert _gidar(capsys, "batch", *command)[0] == 2


def test_audit_with_a_broker_runs_on_the_workers_and_writes_the_exports(services, capsys):
    reports = services["tmp"] / "reports"
    write_variants(reports, 12)
    (reports / "zz_binary.txt").write_bytes(bytes(range(256)) * 8)
    out_dir = services["tmp"] / "out"
    code, out = _gidar(capsys, "audit", str(reports), "--out", str(out_dir), "--quiet")
    assert code == 2  # one input could not be read
    results = [json.loads(line) for line in (out_dir / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(results) == 13
    assert [r["source"].endswith("zz_binary.txt") for r in results if r["status"] != "ok"] == [True]
    assert "共 13 份报告" in out


@pytest.mark.parametrize("command", [["batch", "submit"], ["batch", "status"], ["batch", "resume"],
                                     ["batch", "export"], ["batch", "coverage"], ["worker"]])
def test_every_batch_command_has_help(command, capsys):
    from gidar.cli import main
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert len(capsys.readouterr().out.strip().splitlines()) > 3


@pytest.mark.parametrize("n", [1, 7, 40, 1000, 20000])
def test_a_batch_is_cut_into_full_chunks_that_taper_at_the_end(n):
    from workers.batch import chunk_sizes
    sizes = chunk_sizes(n, 32)
    assert sum(sizes) == n and all(1 <= s <= 32 for s in sizes)
    assert len(sizes) >= min(n, 16)  # a small batch still gives every worker some
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] == 1  # the last tasks are the smallest
    if n >= 1000:
        assert sizes.count(32) * 32 >= 0.85 * n  # most documents travel in full chunks
        assert len(sizes) <= n / 32 * 1.5

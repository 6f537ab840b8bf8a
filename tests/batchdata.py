"""Documents and live services for the batch tests and benchmark: seed variants, a store, a Celery worker.

Variants are the seed reports with another agency name and changed narrative
numbers, so each has its own content hash and its own result.  The worker is
a real ``celery worker`` process on the machine's Redis, with a Redis database
and a queue of its own, so runs never see each other's messages.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_DIRS = (ROOT / "corpus" / "reports", ROOT.parent / "shared" / "seeds")
REDIS_URL = os.environ.get("GIDAR_TEST_REDIS", "redis://127.0.0.1:6379")
POSTGRES_URL = os.environ.get("GIDAR_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TOWNS = ("城关镇", "河西乡", "东风街道", "新华镇", "白沙乡", "青山镇", "石桥乡", "南湖街道")
COUNTIES = ("临川区", "长丰县", "永和县", "江北区", "高新区")


def seed_texts() -> list[str]:
    for d in SEED_DIRS:
        found = sorted(d.glob("*.txt")) if d.exists() else []
        if found:
            return [p.read_text(encoding="utf-8") for p in found]
    pytest.skip("no seed reports in corpus/reports or ../shared/seeds")


def _agency(text: str) -> str | None:
    from gidar.pipeline import audit
    return audit(text.encode("utf-8"), "seed.txt").report.agency


def variant(text: str, agency: str | None, i: int) -> str:
    """Seed ``text`` as if written by agency number ``i``: new name, narrative counts shifted by ``i``."""
    name = f"{COUNTIES[i % len(COUNTIES)]}{i:05d}{TOWNS[i % len(TOWNS)]}人民政府"
    out = text.replace(agency, name) if agency else f"{name}\n{text}"
    return re.sub(r"(主动公开[^0-9\n]{0,12}?)(\d+)(条)", lambda m: f"{m.group(1)}{int(m.group(2)) + i}{m.group(3)}",
                  out, count=1)


def write_variants(target: Path, n: int) -> list[Path]:
    """``n`` distinct report files under ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    seeds = seed_texts()
    agencies = [_agency(t) for t in seeds]
    paths = []
    for i in range(n):
        k = i % len(seeds)
        path = target / f"r{i:05d}.txt"
        path.write_text(variant(seeds[k], agencies[k], i), encoding="utf-8")
        paths.append(path)
    return paths


def redis_available() -> bool:
    import redis
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


def postgres_schema_url() -> tuple[str, str]:
    """A fresh PostgreSQL schema for one run: (url, schema)."""
    import sqlalchemy as sa
    schema = f"gidar_test_{uuid.uuid4().hex[:10]}"
    try:
        engine = sa.create_engine(POSTGRES_URL)
        with engine.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        engine.dispose()
    except Exception as exc:
        pytest.skip(f"PostgreSQL not available at {POSTGRES_URL}: {exc}")
    return f"{POSTGRES_URL}?options=-csearch_path%3D{schema}", schema


def drop_postgres_schema(schema: str) -> None:
    import sqlalchemy as sa
    engine = sa.create_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    engine.dispose()


class Worker:
    """A ``celery worker`` process with its own queue; stopped by its process id."""

    def __init__(self, env: dict, log: Path, concurrency: int = 2, include: str | None = "tests.worker_faults"):
        argv = [sys.executable, "-m", "celery", "-A", "workers.app", "worker", f"--concurrency={concurrency}",
                "--queues", env["GIDAR_QUEUE"], "--without-gossip", "--without-mingle", "--loglevel=INFO",
                f"--hostname=test-{uuid.uuid4().hex[:6]}@%h"]
        if include:
            argv.append(f"--include={include}")
        self.log = log
        self.process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "ready." in self.log.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited: {self.log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)
        raise TimeoutError(f"worker not ready: {self.log.read_text(errors='replace')[-2000:]}")

    def wait_warm(self, processes: int, timeout: float = 120) -> None:
        """Wait until ``processes`` child processes have loaded the tagger and said so in the log."""
        deadline = time.monotonic() + timeout
        while self.log.read_text(errors="replace").count(" ready: pipeline ") < processes:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise TimeoutError(f"worker processes not warm: {self.log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)

    def children(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)


def service_env(database_url: str, tmp: Path, redis_db: int) -> dict:
    """Environment of one test run: its Redis database, queue, store and document directory."""
    env = dict(os.environ)
    env.update({"PYTHONPATH": str(ROOT), "GIDAR_BROKER_URL": f"{REDIS_URL}/{redis_db}",
                "GIDAR_DATABASE_URL": database_url, "GIDAR_QUEUE": f"gidar-test-{uuid.uuid4().hex[:8]}",
                "GIDAR_DATA_DIR": str(tmp / "data"), "GIDAR_TAGGER": "rule", "GIDAR_MAX_DELIVERIES": "2"})
    return env

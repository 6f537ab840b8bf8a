"""Throughput of Celery workers against the bare pipeline.

    python benchmarks/bench_workers.py [--reports 1000] [--database sqlite|postgresql] [--repeat 3]

Generates seed variants, audits them in-process (the bare pipeline, in one
process and in two plain processes at once, which is the most the machine can
give two workers), then
through a real ``celery worker`` on the machine's Redis with 1 and then 2
child processes, each run on a fresh store.  Prints documents per second, the
speed-up of 2 processes over 1, the queue overhead per task against the bare
pipeline (one process), and each worker child's peak RSS.  Targets: 2 ≥ 1.8×
one; overhead under 20 %; under 500 MB per child.  Every measurement is taken ``--repeat``
times, the rounds interleaved, and the medians compared: on a small shared machine one run
varies by 10 % or more.
"""
from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.batchdata import (Worker, drop_postgres_schema, postgres_schema_url,  # noqa: E402
                             service_env, write_variants)

REDIS_DB = 13


def _ready_pipeline(paths: list[Path], tagger_name: str):
    """A function auditing all of ``paths`` once, set up as a worker process is: tagger loaded and
    warmed, one BLAS thread, what was loaded kept out of garbage collection."""
    from gidar.pipeline import audit
    from gidar.settings import Settings
    from models.registry import get_tagger
    settings = Settings.resolve(tagger=tagger_name)
    tagger = get_tagger(tagger_name, settings)
    datas = [p.read_bytes() for p in paths]
    audit(datas[0], "warm", tagger=tagger, settings=settings)
    threadpool_limits(1)
    gc.collect()
    gc.freeze()

    def run() -> None:
        for p, data in zip(paths, datas):
            audit(data, str(p), tagger=tagger, settings=settings)
    return run


def bare_pipeline(paths: list[Path], tagger_name: str) -> float:
    """Seconds per document of ``audit`` in this process."""
    run = _ready_pipeline(paths, tagger_name)
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) / len(paths)


def _bare_worker(args: tuple[list[Path], str, object, object]) -> None:
    paths, tagger_name, ready, go = args
    run = _ready_pipeline(paths, tagger_name)
    ready.release()
    go.wait()
    run()


def bare_pipeline_parallel(paths: list[Path], tagger_name: str, processes: int) -> float:
    """Documents per second of ``audit`` in ``processes`` plain processes, no queue and no store:
    how far the machine itself lets the pipeline scale."""
    import multiprocessing as mp
    ctx = mp.get_context("fork")
    ready, go = ctx.Semaphore(0), ctx.Event()
    shares = [paths[i::processes] for i in range(processes)]
    procs = [ctx.Process(target=_bare_worker, args=((share, tagger_name, ready, go),)) for share in shares]
    for proc in procs:
        proc.start()
    for _ in procs:
        ready.acquire()
    start = time.perf_counter()
    go.set()
    for proc in procs:
        proc.join()
    return len(paths) / (time.perf_counter() - start)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def last_finished(store, job_id: str) -> float:
    """When the job's last item was finished (epoch seconds), as the worker recorded it."""
    import sqlalchemy as sa
    from workers.schema import job_items
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.max(job_items.c.finished_at))
                            .where(job_items.c.job_id == job_id)).scalar()


def run_workers(paths: list[Path], tmp: Path, concurrency: int, database: str, tagger_name: str) -> dict:
    """Wall time from the first task sent to the last result stored, on a fresh store."""
    tmp.mkdir(parents=True, exist_ok=True)
    schema = None
    if database == "postgresql":
        url, schema = postgres_schema_url()
    else:
        url = f"sqlite:///{tmp / f'bench{concurrency}.sqlite'}"
    env = service_env(url, tmp / f"run{concurrency}", REDIS_DB)
    env["GIDAR_TAGGER"] = tagger_name
    os.environ.update({k: v for k, v in env.items() if k.startswith("GIDAR_")})
    from gidar.settings import Settings
    from workers import batch
    settings = Settings.resolve()
    store = batch.open_store(settings)
    version = batch._version(settings)
    items = batch.store_documents(paths, store, settings, version)
    job_id = store.create_job(f"bench {concurrency}", version, items, queue=settings.queue)
    worker = Worker(env, tmp / f"worker{concurrency}.log", concurrency=concurrency, include=None)
    try:
        worker.wait_ready()
        worker.wait_warm(concurrency)  # the children have loaded the tagger: startup is not queue overhead
        from workers import tasks  # noqa: F401  (the producer's one-time import, likewise)
        start = time.time()
        batch.enqueue(store.unfinished_items(job_id), job_id, settings)
        # Polled slowly, so that the poller takes no CPU from the workers; the end is read from the store.
        final = batch.wait(job_id, settings, poll=0.5, timeout=1800)
        wall = last_finished(store, job_id) - start
        rss = [peak_rss_mb(pid) for pid in worker.children()]
    finally:
        worker.stop()
        store.engine.dispose()
        if schema:
            drop_postgres_schema(schema)
    return {"start": start, "wall": wall, "n": final["total"], "failed": final["failed"], "rss": rss}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="postgresql")
    parser.add_argument("--tagger", default=os.environ.get("GIDAR_TAGGER", "ensemble"))
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of every measurement, interleaved; the median of each is reported")
    args = parser.parse_args(argv)
    bares, bares2, runs = [], [], {1: [], 2: []}
    with tempfile.TemporaryDirectory(prefix="gidar-bench-") as tmp_name:
        tmp = Path(tmp_name)
        paths = write_variants(tmp / "reports", args.reports)
        print(f"{args.reports} reports, tagger {args.tagger}, store {args.database}, "
              f"median of {args.repeat} interleaved rounds")
        for round_ in range(args.repeat):
            bares.append(bare_pipeline(paths, args.tagger))
            bares2.append(bare_pipeline_parallel(paths, args.tagger, 2))
            for c in (1, 2):
                runs[c].append(run_workers(paths, tmp / f"round{round_}", c, args.database, args.tagger))
    bare, bare2 = statistics.median(bares), statistics.median(bares2)
    wall = {c: statistics.median(r["wall"] for r in rs) for c, rs in runs.items()}
    n = runs[1][0]["n"]
    print(f"bare pipeline (1 process): {bare * 1000:.2f} ms/report, {1 / bare:.1f} reports/s")
    print(f"bare pipeline (2 processes, no queue, no store): {bare2:.1f} reports/s, "
          f"{bare2 * bare:.2f}x one: the most this machine gives two processes")
    for c, rs in runs.items():
        print(f"celery, {c} worker process{'es' if c > 1 else ''}: {n / wall[c]:.1f} reports/s "
              f"({wall[c]:.1f} s; rounds " + ", ".join(f"{r['wall']:.1f}" for r in rs)
              + f" s; {sum(r['failed'] for r in rs)} failed), peak RSS per child "
              + ", ".join(f"{mb:.0f} MB" for mb in rs[-1]["rss"]))
    speedup = wall[1] / wall[2]
    per_task = wall[1] / n
    overhead = (per_task - bare) / bare
    print(f"speed-up 2 vs 1: {speedup:.2f}x (target >= 1.8x)")
    print(f"queue overhead per task: {(per_task - bare) * 1000:.2f} ms = {overhead:.0%} of pipeline time (target < 20%)")
    print(f"max peak RSS per worker child: {max(mb for rs in runs.values() for r in rs for mb in r['rss']):.0f} MB "
          "(target < 500 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

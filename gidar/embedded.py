"""The embedded batch mode: a local process pool, no server needed.

Each process loads the tagger once (initializer), then audits documents by
path.  A document that kills its process is retried alone in a fresh pool and,
if it kills that one too, recorded as failed; no other document's result is
lost.  Results already in ``results.jsonl`` of the output directory (same
content hash and pipeline version) are skipped on a re-run.
"""
from __future__ import annotations

import gc

import hashlib
import sys
import json
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterable, Iterator

from gidar.domain import InputError, ReportResult
from gidar.settings import Settings

SUFFIXES = {".txt", ".pdf", ".docx", ".html", ".htm", ".md", ".text"}

_tagger = None
_settings: Settings | None = None


def find_reports(root: str | Path) -> list[Path]:
    """Report files under ``root`` (or ``root`` itself), hidden files and gold labels excluded."""
    root = Path(root)
    if root.is_file():
        return [root]
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in {"gold", "labels"})
        for name in sorted(filenames):
            p = Path(dirpath, name)
            if not name.startswith(".") and p.suffix.lower() in SUFFIXES and name.lower() != "readme.md":
                found.append(p)
    return found


def _init(settings: Settings, tagger_name: str | None) -> None:
    global _tagger, _settings
    from models.registry import default_tagger, get_tagger
    _settings = settings
    _tagger = get_tagger(tagger_name, settings) if tagger_name else default_tagger(settings)
    from threadpoolctl import threadpool_limits
    threadpool_limits(1)  # OpenBLAS's idle threads would spin on the cores the other processes need
    gc.collect()
    gc.freeze()  # the tagger lives as long as the process: keep it out of every later collection


def _audit_one(path: str) -> dict:
    from gidar.pipeline import audit_path
    return audit_path(path, tagger=_tagger, settings=_settings).to_dict()


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _crashed(path: str, reason: str) -> dict:
    return ReportResult(source=path, sha256="", status="failed",
                        error=InputError("worker_crashed", reason)).to_dict()


def run_pool(paths: list[str], settings: Settings, tagger_name: str | None, workers: int,
             on_result: Callable[[dict], None], task: Callable[[str], dict] = _audit_one) -> None:
    """Audit ``paths`` in ``workers`` processes, calling ``on_result`` in the parent for each.

    ``task`` runs in the child for one path (a module-level function, so it pickles).
    """
    pending = list(paths)
    suspects: list[str] = []
    while pending or suspects:
        if suspects:  # retry crash suspects one at a time, alone in a fresh pool
            path = suspects.pop(0)
            with ProcessPoolExecutor(1, initializer=_init, initargs=(settings, tagger_name)) as pool:
                try:
                    on_result(pool.submit(task, path).result())
                except BrokenProcessPool:
                    on_result(_crashed(path, "处理该文件时工作进程异常退出（内存或崩溃），已跳过"))
            continue
        with ProcessPoolExecutor(workers, initializer=_init, initargs=(settings, tagger_name)) as pool:
            futures = {}
            try:
                while pending or futures:
                    while pending and len(futures) < workers * 4:
                        p = pending.pop(0)
                        futures[pool.submit(task, p)] = p
                    done, _ = wait(futures, return_when=FIRST_COMPLETED)
                    for f in done:
                        result = f.result()  # raises BrokenProcessPool while f is still in futures
                        del futures[f]
                        on_result(result)
            except BrokenProcessPool:
                suspects.extend(futures.values())


def load_done(jsonl: Path, version: str) -> dict[str, dict]:
    """Results of a previous run, by content hash, for the current pipeline version."""
    done: dict[str, dict] = {}
    if not jsonl.exists():
        return done
    with jsonl.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                r = json.loads(line)
            except json.JSONDecodeError:
                continue  # a half-written line from an interrupted run
            if r.get("pipeline_version") == version and r.get("sha256"):
                done[r["sha256"]] = r
    return done


def iter_new(paths: Iterable[Path], done: dict[str, dict]) -> Iterator[tuple[Path, str]]:
    for p in paths:
        try:
            yield p, file_sha256(p)
        except OSError:
            yield p, ""


def _print_findings(result: dict, write: Callable[[str], None]) -> None:
    from gidar.cli import format_text
    if result["status"] != "ok" or any(f["severity"] != "info" for f in result["findings"]):
        write(format_text(result).rstrip("\n"))


def run_embedded_audit(root: str | Path, out_dir: str | Path, settings: Settings,
                       tagger_name: str | None = None, workers: int = 1, quiet: bool = False) -> int:
    """Audit every report under ``root`` locally; write exports; return the exit status."""
    from tqdm import tqdm

    from gidar.cli import exit_status
    from gidar.exports import write_exports
    from gidar.pipeline import pipeline_version
    from models.registry import default_tagger, get_tagger

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tagger = get_tagger(tagger_name, settings) if tagger_name else default_tagger(settings)
    version = pipeline_version(tagger)
    ledger = out / "results.jsonl"
    done = load_done(ledger, version)
    paths = find_reports(root)
    if not paths:
        print(f"{root} 下没有找到报告文件（{', '.join(sorted(SUFFIXES))}）", file=sys.stderr)
        return 2
    results: dict[str, dict] = {}  # by source path
    todo: list[str] = []
    for p in paths:
        sha = file_sha256(p) if p.is_file() else ""
        if sha and sha in done:
            results[str(p)] = {**done[sha], "source": str(p)}
        else:
            todo.append(str(p))
    skipped = len(results)
    bar = tqdm(total=len(todo), unit="份", desc="审核", file=sys.stderr, disable=not todo)
    write = (lambda s: None) if quiet else (lambda s: tqdm.write(s, file=sys.stdout))
    with ledger.open("a", encoding="utf-8") as fh:
        def on_result(r: dict) -> None:
            results[r["source"]] = r
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            fh.flush()
            _print_findings(r, write)
            bar.update(1)
        run_pool(todo, settings, tagger_name, max(1, min(workers, len(todo) or 1)), on_result)
    bar.close()
    ordered = [results[str(p)] for p in paths if str(p) in results]
    paths_out = write_exports(ordered, out)
    if settings.database_url and _store_available():
        _save_to_store(ordered, settings)
    n_err = sum(f["severity"] == "error" for r in ordered for f in r.get("findings", ()))
    n_failed = sum(r["status"] != "ok" for r in ordered)
    print(f"\n共 {len(ordered)} 份报告（本次审核 {len(todo)} 份，跳过已完成 {skipped} 份）："
          f"错误 {n_err} 条，解析失败 {n_failed} 份。")
    print("输出：" + "，".join(str(p) for p in paths_out.values()))
    return exit_status(ordered)


def _store_available() -> bool:
    try:
        import workers.store  # noqa: F401
    except ModuleNotFoundError:
        return False
    return True


def _save_to_store(results: list[dict], settings: Settings) -> None:
    """Keep the run's results and originals in the store, so ``gidar serve`` can show them."""
    from workers.store import Store
    store = Store.open(settings.database_url)
    for r in results:
        original = None
        if r.get("sha256") and not store.get_original(r["sha256"]):
            try:
                original = Path(r["source"]).read_bytes()
            except OSError:
                pass
        store.save_result(r, original=original)

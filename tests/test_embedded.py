"""The embedded pool: a document that kills its process fails alone; nothing else is lost."""
from __future__ import annotations

import os

from gidar.embedded import run_pool
from gidar.settings import Settings


def _dies_on_poison(path: str) -> dict:
    if "poison" in path:
        os._exit(9)  # what an out-of-memory kill looks like to the parent
    return {"source": path, "sha256": "", "status": "ok", "findings": []}


def test_when_a_document_kills_its_worker_then_it_alone_is_failed_and_every_other_result_arrives():
    paths = [f"doc-{i}.txt" for i in range(12)]
    paths.insert(5, "poison.txt")
    results: dict[str, dict] = {}
    run_pool(paths, Settings(), "rule", 2, lambda r: results.__setitem__(r["source"], r), task=_dies_on_poison)
    assert set(results) == set(paths)
    assert results["poison.txt"]["status"] == "failed"
    assert results["poison.txt"]["error"]["code"] == "worker_crashed"
    assert all(results[p]["status"] == "ok" for p in paths if p != "poison.txt")

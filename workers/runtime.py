"""What one worker process keeps for its lifetime: settings, tagger, pipeline version, store.

Loaded once per process (``warm_up`` at worker_process_init, or lazily on
first use under ``-P solo``), never per task.
"""
from __future__ import annotations

import gc
import logging
import os
from functools import lru_cache

from gidar.settings import Settings

log = logging.getLogger(__name__)

WARM_UP_TEXT = ("某某乡人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
                "2023年，本机关主动公开政府信息120条，其中政策文件12条。全年收到政府信息公开申请3件，"
                "未发生行政复议、行政诉讼。\n").encode("utf-8")


@lru_cache(maxsize=None)
def settings() -> Settings:
    return Settings.resolve()


@lru_cache(maxsize=None)
def tagger():
    from models.registry import default_tagger, get_tagger
    s = settings()
    return default_tagger(s) if s.tagger == "auto" else get_tagger(s.tagger, s)


@lru_cache(maxsize=None)
def version() -> str:
    from gidar.pipeline import pipeline_version
    return pipeline_version(tagger())


@lru_cache(maxsize=None)
def store():
    from workers.store import Store
    s = settings()
    return Store.open(s.database_url, s.data_dir, fast_commit=True)


def one_thread_per_process() -> None:
    """One BLAS thread per process: the model's small matrix products gain nothing from more, and
    OpenBLAS's idle threads spin on the cores the other worker processes need."""
    from threadpoolctl import threadpool_limits
    threadpool_limits(1)


def warm_up() -> None:
    """Load the tagger, jieba's dictionary and the store now, so the first task is not slow."""
    from gidar.pipeline import audit
    store.cache_clear()  # a forked child must not share its parent's database connections
    tagger()
    one_thread_per_process()
    audit(WARM_UP_TEXT, "warm-up", tagger=tagger(), settings=settings())
    store()
    version()
    # What is loaded now lives as long as the process: keep it out of every later garbage collection.
    gc.collect()
    gc.freeze()
    log.info("gidar process %d ready: pipeline %s", os.getpid(), version())

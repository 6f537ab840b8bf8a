"""The Celery app; configured from ``celery_config`` (which reads gidar's Settings).

Each worker child process loads the tagger (jieba, dictionaries, models) and
opens the store once, at ``worker_process_init``, so a task pays only for its
document.  Start a worker with ``gidar worker`` or
``celery -A workers.app worker``.
"""
from __future__ import annotations

import logging

from celery import Celery
from celery.signals import worker_process_init

app = Celery("gidar", include=["workers.tasks"])
app.config_from_object("celery_config")
log = logging.getLogger(__name__)


DEFAULT_BROKER = "redis://127.0.0.1:6379/0"


def broker_connection(settings):
    """A connection to ``settings.broker_url`` (the default Redis when unset), for producers and pings."""
    return app.connection_for_write(settings.broker_url or DEFAULT_BROKER)


@worker_process_init.connect
def _load_once(**_):
    from workers import runtime
    runtime.warm_up()

"""Faults a test worker can be asked to suffer, armed with ``celery worker --include tests.worker_faults``.

A document carrying ``KILL_MARKER`` kills the child process that audits it
(as the OOM killer would); one carrying ``SLOW_MARKER`` takes a few seconds,
so a test can kill a worker while that task is surely in flight.
"""
from __future__ import annotations

import os
import signal
import time

from celery.signals import worker_process_init

KILL_MARKER = b"GIDAR-TEST-THIS-DOCUMENT-KILLS-ITS-WORKER"
SLOW_MARKER = b"GIDAR-TEST-THIS-DOCUMENT-IS-SLOW"


@worker_process_init.connect
def _arm(**_):
    import workers.tasks as tasks
    real = tasks.audit

    def audit(data: bytes, source: str, **kwargs):
        if KILL_MARKER in data:
            os.kill(os.getpid(), signal.SIGKILL)
        if SLOW_MARKER in data:
            time.sleep(4)
        return real(data, source, **kwargs)

    tasks.audit = audit

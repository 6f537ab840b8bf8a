"""Celery configuration, read from the same settings as everything else (gidar.settings.Settings).

Why each choice:

- JSON only, on the wire and accepted: a task message is a document key and a
  job id, never a pickle.
- ``task_acks_late`` with ``task_reject_on_worker_lost``: a task is acknowledged
  after it ran; when its child process dies (kill -9, the OOM killer) the parent
  rejects the message with requeue, so it returns to the queue at once.  Acks
  late alone would acknowledge the lost task and lose it.
- Prefetch multiplier 1: a worker holds one message per process; the rest stay
  in Redis for other workers (documents vary from milliseconds to minutes).
- Soft and hard time limits: the soft one raises inside the pipeline, which
  records a failed result; the hard one kills a child stuck in C code, and the
  task requeues itself so its delivery is counted (see ``workers.tasks``).
- ``visibility_timeout`` above the hard limit: Redis emulates acks with an
  ``unacked`` hash; a message not acknowledged within the timeout is restored
  to the queue by any live worker.  Below the longest task it would run twice
  concurrently.  It is what brings back the tasks of a whole worker that died
  (machine lost); a dead child's task comes back at once through the reject.
- ``unacked_restore_interval`` 5 and ``unacked_restore_throttle`` 1: kombu's
  defaults (10 × 10) scan for expired unacked messages only every ~100 s; this
  scans every 5 s.  A warm shutdown restores its unacked messages immediately
  (kombu's ``restore_at_shutdown``).
- No result backend: results live in the store, keyed by content hash.
"""
from __future__ import annotations

from gidar.settings import Settings

_settings = Settings.resolve()

broker_url = _settings.broker_url or "redis://127.0.0.1:6379/0"
task_serializer = "json"
accept_content = ["json"]
result_serializer = "json"
event_serializer = "json"
result_backend = None
task_ignore_result = True

task_acks_late = True
task_reject_on_worker_lost = True
worker_prefetch_multiplier = 1
task_soft_time_limit = _settings.task_time_limit
task_time_limit = _settings.task_time_limit + 30

task_default_queue = _settings.queue
task_create_missing_queues = True

broker_transport_options = {
    "visibility_timeout": task_time_limit + 60,
    "unacked_restore_interval": 5,
    "unacked_restore_throttle": 1,
    "fanout_prefix": True,
    "fanout_patterns": True,
    "socket_timeout": 30,
    "socket_connect_timeout": 10,
    "health_check_interval": 10,
}
broker_connection_retry_on_startup = True
broker_connection_max_retries = None  # a restarted Redis is waited for, not given up on
broker_pool_limit = 4

# A child that grew past this (KiB) is replaced after its task: leaks never pile up.
worker_max_memory_per_child = 450_000
worker_send_task_events = False
worker_hijack_root_logger = False
worker_cancel_long_running_tasks_on_connection_loss = False

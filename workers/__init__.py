"""Batch plumbing around the pipeline: the result store, Celery app and tasks, batch orchestration."""

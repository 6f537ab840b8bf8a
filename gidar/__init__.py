"""gidar — audits government information disclosure annual reports.

The public API is one function: ``audit(data, source)`` turns the bytes of
one report into one ``ReportResult``.  The CLI, the Celery workers, the web
UI and the tests all call it.
"""
__version__ = "0.1.0"

from gidar.pipeline import audit, audit_path  # noqa: E402

__all__ = ["audit", "audit_path", "__version__"]

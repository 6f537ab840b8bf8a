"""The one pure function: the bytes of one report in, one ReportResult out.

    bytes ─load─▶ Document ─split_sections─▶ Sections ─parse_tables─▶ Tables
                                       └─tag_document─▶ Claims
          ─reconcile─▶ Findings ─▶ ReportResult

The CLI, the Celery task, the web UI and the tests all call ``audit``.
"""
from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import replace
from pathlib import Path

from gidar import errors
from gidar.domain import InputError, ReportResult
from gidar.settings import Settings

PIPELINE_VERSION = "0.1.0"
log = logging.getLogger(__name__)


def audit(data: bytes, source: str = "<bytes>", *, tagger=None, settings: Settings | None = None,
          timings: bool = False) -> ReportResult:
    """Audit one document.  Never raises for bad input: it becomes a failed result."""
    from extractors.loading import load
    from models.registry import default_tagger

    settings = settings or Settings.resolve()
    sha = hashlib.sha256(data).hexdigest()
    tagger = tagger or default_tagger(settings)
    version = pipeline_version(tagger)
    clock = _Stopwatch()
    try:
        document = load(data, source, max_bytes=settings.max_bytes)
    except errors.InputProblem as problem:
        return ReportResult(source=source, sha256=sha, status="failed",
                            error=InputError(problem.code, problem.message), pipeline_version=version)
    except Exception as exc:  # a loader bug must not stop a batch
        log.exception("loader failed on %s", source)
        return ReportResult(source=source, sha256=sha, status="failed",
                            error=InputError("internal", f"{type(exc).__name__}: {exc}"),
                            pipeline_version=version)
    clock.lap("load")
    try:
        result = _analyse(document, sha, tagger, version, clock)
    except Exception as exc:  # a bug on one document must not stop a batch: record it, loudly
        log.exception("pipeline failed on %s", source)
        return ReportResult(source=source, sha256=sha, status="failed", kind=document.kind,
                            error=InputError("internal", f"处理该文件时程序出错：{type(exc).__name__}: {exc}"),
                            pipeline_version=version)
    return replace(result, timings=clock.ms) if timings else result


class _Stopwatch:
    """Milliseconds per pipeline stage, for the benchmark."""

    def __init__(self):
        self.ms: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.ms[stage] = self.ms.get(stage, 0.0) + (now - self._t) * 1000
        self._t = now


def _analyse(document, sha: str, tagger, version: str, clock: _Stopwatch) -> ReportResult:
    from extractors.report_info import read_report_info
    from extractors.sections import split_sections
    from extractors.tables import parse_tables
    from extractors.tagger import tag_document
    from reconcile import reconcile

    source = document.source
    sections = split_sections(document)
    clock.lap("sections")
    tables = parse_tables(document, sections)
    clock.lap("tables")
    if not _looks_like_report(document, sections, tables):
        return ReportResult(source=source, sha256=sha, status="failed", kind=document.kind,
                            error=InputError("not_a_report", "内容不是政府信息公开工作年度报告：没有找到任何标准章节或统计表格"),
                            pipeline_version=version)
    claims = tag_document(tagger, document, sections)
    clock.lap("claims")
    info = read_report_info(document, sections, tables)
    findings = reconcile(document, sections, tables, claims, info)
    clock.lap("reconcile")
    return ReportResult(source=source, sha256=sha, status="ok", report=info, sections=sections,
                        tables=tables, claims=claims, findings=findings, kind=document.kind,
                        pipeline_version=version)


def audit_path(path: str | Path, **kwargs) -> ReportResult:
    """Audit a file; an unreadable path is a failed result, not an exception."""
    path = Path(path)
    settings = kwargs.get("settings") or Settings.resolve()
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            return ReportResult(source=str(path), sha256="", status="failed",
                                error=InputError("too_large", f"文件过大（{size} 字节，上限 {settings.max_bytes} 字节）"))
        data = path.read_bytes()
    except OSError as exc:
        return ReportResult(source=str(path), sha256="", status="failed",
                            error=InputError("unreadable", f"无法读取文件：{exc.strerror or exc}"))
    return audit(data, str(path), **kwargs)


def _looks_like_report(document, sections, tables) -> bool:
    """Some standard section or table, or at least the subject named; otherwise not a report."""
    standard = [s for s in sections if s.number is not None]
    return bool(standard or tables.found or "信息公开" in document.text[:5000])


def pipeline_version(tagger) -> str:
    """Results are keyed by content hash and this: a new tagger or pipeline reprocesses."""
    return f"{PIPELINE_VERSION}+{tagger.name}-{tagger.version}"

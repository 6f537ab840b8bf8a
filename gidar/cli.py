"""The ``gidar`` command: a thin layer over the library (one library call per command)."""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from pathlib import Path

from gidar import __version__
from gidar.domain import ReportResult
from gidar.exports import KIND_CN, SEVERITY_CN
from gidar.settings import Settings
from models.registry import TAGGERS

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def _settings(args) -> Settings:
    return Settings.resolve(broker_url=getattr(args, "broker", None),
                            database_url=getattr(args, "database", None),
                            tagger=getattr(args, "tagger", None))


def _tagger(settings: Settings, name: str | None):
    from models.registry import default_tagger, get_tagger
    return get_tagger(name, settings) if name else default_tagger(settings)


# ------------------------------------------------------------------ check


def format_text(result: ReportResult | dict) -> str:
    r = result.to_dict() if isinstance(result, ReportResult) else result
    rep = r.get("report") or {}
    head = f"== {r['source']}"
    if r["status"] != "ok":
        return f"{head}\n  无法读取：[{r['error']['code']}] {r['error']['message']}\n"
    lines = [f"{head}  {rep.get('agency') or '（未识别机构）'} {rep.get('year') or ''}年"
             f"  表二格式：{r.get('format_version') or '未识别'}"]
    findings = r["findings"]
    for sev in ("error", "warning", "info"):
        group = [f for f in findings if f["severity"] == sev]
        if group:
            lines.append(f"  【{SEVERITY_CN[sev]}】{len(group)} 条")
            lines += [f"    - [{KIND_CN.get(f['kind'], f['kind'])}] {f['message']}  ({f['rule']})" for f in group]
    if not findings:
        lines.append("  未发现问题")
    lines.append(f"  （数字声明 {len(r['claims'])} 条，表格单元格 {len(r['tables'])} 个）")
    return "\n".join(lines) + "\n"


def exit_status(results: list[dict]) -> int:
    if any(r["status"] != "ok" for r in results):
        return EXIT_UNREADABLE
    if any(f["severity"] == "error" for r in results for f in r["findings"]):
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_check(args) -> int:
    from gidar.pipeline import audit_path
    settings = _settings(args)
    tagger = _tagger(settings, args.tagger)
    results = [audit_path(p, tagger=tagger, settings=settings).to_dict() for p in args.files]
    if args.format == "json":
        payload = results[0] if len(results) == 1 else results
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(format_text(r))
    return exit_status(results)


# ------------------------------------------------------------------ audit


def cmd_audit(args) -> int:
    settings = _settings(args)
    if settings.broker_url:
        from workers.batch import run_celery_audit
        return run_celery_audit(args.dir, args.out, settings, quiet=args.quiet)
    from gidar.embedded import run_embedded_audit
    return run_embedded_audit(args.dir, args.out, settings, tagger_name=args.tagger,
                              workers=args.workers, quiet=args.quiet)


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gidar", description="政府信息公开工作年度报告审核工具")
    parser.add_argument("--version", action="version", version=f"gidar {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="立即审核一个或多个文件（进程内）")
    check.add_argument("files", nargs="+", help="报告文件（txt、pdf、docx、html）")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--tagger", choices=TAGGERS, default=None,
                       help="数字声明识别器（默认：有模型时用 ensemble，否则 rule）")
    check.set_defaults(func=cmd_check)

    audit = sub.add_parser("audit", help="审核目录下全部报告，输出 XLSX/CSV/JSONL 与 HTML 汇总")
    audit.add_argument("dir", help="报告所在目录")
    audit.add_argument("--out", default="out", help="输出目录（默认 out）")
    audit.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="本地进程数")
    audit.add_argument("--tagger", choices=TAGGERS, default=None)
    audit.add_argument("--broker", default=None, help="Celery broker URL（默认读取 GIDAR_BROKER_URL；未设置时本地运行）")
    audit.add_argument("--database", default=None, help="结果库 URL（默认 GIDAR_DATABASE_URL 或本地 SQLite）")
    audit.add_argument("--quiet", action="store_true", help="不逐条打印问题")
    audit.set_defaults(func=cmd_audit)

    for module in ("workers.cli", "models.cli", "web.cli"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:  # a broken dependency must not hide as a missing command
                raise
            continue
        mod.add_commands(sub, _settings)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

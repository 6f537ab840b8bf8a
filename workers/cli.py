"""``gidar batch submit|status|resume|export`` and ``gidar worker``: thin wrappers over workers.batch."""
from __future__ import annotations

import json
import os
import sys


def _common(parser) -> None:
    parser.add_argument("--broker", default=None, help="Celery broker URL（默认 GIDAR_BROKER_URL）")
    parser.add_argument("--database", default=None, help="结果库 URL（默认 GIDAR_DATABASE_URL 或本地 SQLite）")


def _seconds(value) -> str:
    if value is None:
        return "未知"
    value = int(value)
    return f"{value // 3600}小时{value % 3600 // 60}分" if value >= 3600 else f"{value // 60}分{value % 60}秒"


def format_status(s: dict) -> str:
    rate = f"{s['rate']} 份/秒" if s.get("rate") else "未知"
    return (f"任务 {s['job']}（{s.get('name') or ''}）\n"
            f"  共 {s['total']} 份：完成 {s['done']}，失败 {s['failed']}，处理中 {s['running']}，排队 {s['queued']}\n"
            f"  速度 {rate}，预计剩余 {_seconds(s.get('eta_seconds'))}")


def add_commands(subparsers, settings_factory) -> None:
    """Register ``batch`` and ``worker`` on the ``gidar`` command's subparsers."""
    from workers import batch

    def with_broker(args):
        settings = settings_factory(args)
        if settings.broker_url:  # celery_config reads the environment when the app is imported
            os.environ["GIDAR_BROKER_URL"] = settings.broker_url
        os.environ["GIDAR_DATABASE_URL"] = settings.database_url
        return settings

    def cmd_submit(args) -> int:
        settings = with_broker(args)
        job_id, queued = batch.submit(args.dir, settings, name=args.name, keep=args.keep)
        print(job_id)
        print(f"已排队 {queued} 份（相同文件只算一次，已有结果的跳过）", file=sys.stderr)
        return 0

    def cmd_status(args) -> int:
        found = batch.status(args.job, settings_factory(args))
        if found is None:
            print(f"没有任务 {args.job}", file=sys.stderr)
            return 2
        print(json.dumps(found, ensure_ascii=False) if args.format == "json" else format_status(found))
        return 0

    def cmd_resume(args) -> int:
        try:
            n = batch.resume(args.job, with_broker(args))
        except KeyError:
            print(f"没有任务 {args.job}", file=sys.stderr)
            return 2
        print(f"重新排队 {n} 份")
        return 0

    def cmd_export(args) -> int:
        settings = settings_factory(args)
        if batch.status(args.job, settings) is None:
            print(f"没有任务 {args.job}", file=sys.stderr)
            return 2
        paths = batch.export(args.job, args.out, settings)
        print("输出：" + "，".join(str(p) for p in paths.values()))
        return 0

    def cmd_coverage(args) -> int:
        found = batch.open_store(settings_factory(args)).coverage(args.year, region=args.region)
        if args.format == "json":
            print(json.dumps({"year": args.year, **found}, ensure_ascii=False))
            return 0
        print(f"{args.year} 年：已知机关 {len(found['present']) + len(found['missing'])} 个，"
              f"有年报 {len(found['present'])} 个，缺 {len(found['missing'])} 个")
        for e in found["missing"]:
            years = "、".join(str(y) for y in e["years"]) or "无"
            print(f"  缺  {e['agency'] or e['agency_key']}（{e['region'] or '地区不明'}；已有年份：{years}）")
        return 0

    def cmd_worker(args) -> int:
        settings = with_broker(args)
        os.environ["GIDAR_QUEUE"] = args.queue or settings.queue
        from workers.app import app
        argv = ["worker", f"--concurrency={args.concurrency}", "--queues", os.environ["GIDAR_QUEUE"],
                f"--loglevel={args.loglevel}", "--without-gossip", "--without-mingle", "-O", "fair"]
        if args.hostname:
            argv.append(f"--hostname={args.hostname}")
        app.worker_main(argv)
        return 0

    b = subparsers.add_parser("batch", help="通过 Celery 批量审核（提交、进度、续跑、导出）")
    bsub = b.add_subparsers(dest="batch_command", required=True)
    submit = bsub.add_parser("submit", help="提交目录下全部报告，输出任务编号")
    submit.add_argument("dir", help="报告所在目录")
    submit.add_argument("--name", default=None, help="任务名称")
    submit.add_argument("--keep", choices=("store", "dir"), default="store",
                        help="原件存放位置：结果库（store，默认）或共享目录 GIDAR_DATA_DIR（dir）")
    _common(submit)
    submit.set_defaults(func=cmd_submit)
    st = bsub.add_parser("status", help="任务进度：总数、完成、失败、处理中、速度、预计剩余时间")
    st.add_argument("job", help="任务编号")
    st.add_argument("--format", choices=("text", "json"), default="text")
    _common(st)
    st.set_defaults(func=cmd_status)
    resume = bsub.add_parser("resume", help="重新排队尚无结果的报告（如 Redis 重启后）")
    resume.add_argument("job", help="任务编号")
    _common(resume)
    resume.set_defaults(func=cmd_resume)
    ex = bsub.add_parser("export", help="导出任务结果为 XLSX、CSV、JSONL 与 HTML 汇总")
    ex.add_argument("job", help="任务编号")
    ex.add_argument("--out", required=True, help="输出目录")
    _common(ex)
    ex.set_defaults(func=cmd_export)

    cov = bsub.add_parser("coverage", help="某一年缺少年报的已知机关（按机关名称归并各年报告）")
    cov.add_argument("year", type=int, help="年度，如 2023")
    cov.add_argument("--region", default=None, help="只看某一地区（如 某某县）")
    cov.add_argument("--format", choices=("text", "json"), default="text")
    _common(cov)
    cov.set_defaults(func=cmd_coverage)

    w = subparsers.add_parser("worker", help="启动 Celery 工作进程（每个进程只加载一次模型）")
    w.add_argument("--concurrency", type=int, default=os.cpu_count() or 1, help="子进程数（默认 CPU 核数）")
    w.add_argument("--queue", default=None, help="队列名（默认 GIDAR_QUEUE 或 gidar）")
    w.add_argument("--hostname", default=None, help="工作进程名（多台机器时便于区分）")
    w.add_argument("--loglevel", default="INFO")
    _common(w)
    w.set_defaults(func=cmd_worker)

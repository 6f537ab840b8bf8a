"""``gidar serve``: the auditor web UI under uvicorn (registered into the ``gidar`` command)."""
from __future__ import annotations

import sys


def cmd_serve(args, settings_factory) -> int:
    from web.security import InsecureBinding, check_binding

    settings = settings_factory(args)
    token = args.token or settings.web_token
    try:
        check_binding(args.host, token)
    except InsecureBinding as exc:
        print(str(exc), file=sys.stderr)
        return 2
    import uvicorn

    from web.app import create_app

    app = create_app(settings, token=token)
    print(f"审核界面：http://{args.host}:{args.port}/" + ("（需要访问令牌）" if token else ""), file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def add_commands(subparsers, settings_factory) -> None:
    serve = subparsers.add_parser("serve", help="启动审核网页（默认只监听 127.0.0.1）")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（非 127.0.0.1 时必须设置令牌）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    serve.add_argument("--token", default=None, help="访问令牌（默认读取 GIDAR_WEB_TOKEN）")
    serve.add_argument("--database", default=None, help="结果库 URL（默认 GIDAR_DATABASE_URL 或本地 SQLite）")
    serve.set_defaults(func=lambda args: cmd_serve(args, settings_factory))

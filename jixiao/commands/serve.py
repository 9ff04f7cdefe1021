"""``jixiao serve``: run the web system with waitress (migrating the database first)."""

from __future__ import annotations

import argparse
import os
import sys

NAME = "serve"
HELP = "启动网页系统(waitress,或 Linux 上多进程的 gunicorn;启动前自动升级数据库结构)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="监听地址(默认 127.0.0.1;内网服务用 0.0.0.0)")
    parser.add_argument("--port", type=int, default=8000, help="端口(默认 8000)")
    parser.add_argument("--threads", type=int, default=8, help="每个进程处理请求的线程数(默认 8)")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="处理请求的进程数(默认 1;大于 1 时在 Linux 上用 gunicorn,Windows 上仍用 waitress 单进程)",
    )
    parser.add_argument(
        "--server",
        choices=("auto", "gunicorn", "waitress"),
        default="auto",
        help="网页服务程序(默认 auto:--workers 大于 1 且装有 gunicorn 时用 gunicorn,否则 waitress)",
    )
    parser.add_argument("--no-migrate", action="store_true", help="不自动升级数据库结构")


def run(args: argparse.Namespace) -> int:
    from jixiao.web import setup

    setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError

    if not args.no_migrate:
        try:
            call_command("migrate", interactive=False, verbosity=0)
        except (DatabaseError, OSError) as exc:
            print(
                f"jixiao serve: 无法升级数据库 {settings.DATABASES['default']['NAME']}:{exc}", file=sys.stderr
            )
            return 2
    print(f"网页系统:http://{args.host}:{args.port}/ (按 Ctrl+C 停止)", flush=True)
    if args.host not in ("127.0.0.1", "localhost") and "JIXIAO_ALLOWED_HOSTS" not in os.environ:
        print("提示:供其他电脑访问时,请用 JIXIAO_ALLOWED_HOSTS 设置本机的域名或IP地址。", file=sys.stderr)
    from jixiao.web.server import serve

    try:
        serve(host=args.host, port=args.port, threads=args.threads, workers=args.workers, server=args.server)
    except OSError as exc:
        print(f"jixiao serve: 无法在 {args.host}:{args.port} 启动服务:{exc}", file=sys.stderr)
        return 2
    return 0

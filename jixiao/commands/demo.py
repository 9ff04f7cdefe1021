"""``jixiao demo``: prepare the demo database (天河区, one user per role, the seed form) and serve it."""

from __future__ import annotations

import argparse
import sys

NAME = "demo"
HELP = "建立演示数据库(天河区三个年度的自评表、各角色用户、示例自评表)并启动网页系统"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-serve", action="store_true", help="只准备数据库,不启动网页服务")
    parser.add_argument("--port", type=int, default=8000, help="端口(默认 8000)")
    parser.add_argument("--host", default="127.0.0.1", help="监听地址(默认 127.0.0.1)")


def _pad(text: str, width: int) -> str:
    """Pad to a display width, counting a Chinese character as two columns."""
    shown = sum(2 if ord(c) > 0x2E80 else 1 for c in text)
    return text + " " * max(1, width - shown)


def run(args: argparse.Namespace) -> int:
    from jixiao.web import setup

    setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError

    from jixiao.core import wording
    from jixiao.web.dashboards.facts import refresh_all
    from jixiao.web.demo import load_demo

    try:
        call_command("migrate", interactive=False, verbosity=0)
        result = load_demo()
        refresh_all()  # the dashboards' figures of every demo form, whatever state it was put in
    except (DatabaseError, OSError) as exc:  # a database that cannot be opened or written: one line
        print(f"jixiao demo: 无法准备数据库 {settings.DATABASES['default']['NAME']}:{exc}", file=sys.stderr)
        return 2
    print(f"数据库:{settings.DATABASES['default']['NAME']}")
    print(f"示例自评表:{'已导入 ' + result.seed_source if result.created_seed else '已存在,未重复导入'}")
    if result.region is not None:
        loaded = result.region
        states = "、".join(f"{wording.STATUSES[s]} {n}" for s, n in loaded.states.items() if n)
        made = f"新建 {loaded.forms} 张自评表" if loaded.forms else "自评表已存在,未重复生成"
        print(f"演示行政区:天河区 {loaded.departments} 个一级预算部门、{loaded.units} 个下属单位;{made}")
        if states:
            print(f"  各状态:{states}")
    print("演示用户(用户名 / 密码 / 角色 / 单位):")
    for user in result.users:
        print(f"  {user.username:<9} {user.password:<14} {_pad(user.role, 16)}{user.organisation}")
    if args.no_serve:
        return 0
    url = f"http://{args.host}:{args.port}/"
    print(f"\n网页系统:{url}  (以 filler 登录可填报示例表;按 Ctrl+C 停止)", flush=True)
    from jixiao.web.server import serve

    try:
        serve(host=args.host, port=args.port)
    except OSError as exc:
        print(
            f"jixiao demo: 无法在 {args.host}:{args.port} 启动服务:{exc}(可用 --port 换一个端口)",
            file=sys.stderr,
        )
        return 2
    return 0

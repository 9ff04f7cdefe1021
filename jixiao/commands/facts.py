"""``jixiao facts --rebuild``: recompute the figures the dashboards read, from every stored form."""

from __future__ import annotations

import argparse
import sys

NAME = "facts"
HELP = "重新计算统计分析所用的数据(每张自评表、每个指标的执行率、得分、核验结论、检查发现)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rebuild", action="store_true", help="从全部自评表重新计算(保存表时会自动更新)")


def run(args: argparse.Namespace) -> int:
    if not args.rebuild:
        print("jixiao facts: 请加 --rebuild 以重新计算全部统计数据。", file=sys.stderr)
        return 2
    from jixiao.web import setup

    setup()
    from django.conf import settings
    from django.db import DatabaseError

    from jixiao.web.dashboards.facts import refresh_all

    def show(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r已计算 {done}/{total} 张自评表", end="", file=sys.stderr, flush=True)

    try:
        count = refresh_all(progress=show)
    except DatabaseError as exc:
        print(f"jixiao facts: 无法读写数据库 {settings.DATABASES['default']['NAME']}:{exc}", file=sys.stderr)
        return 2
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"已重新计算 {count} 张自评表的统计数据。")
    return 0

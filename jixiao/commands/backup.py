"""``jixiao backup OUT.zip``: the whole system's data as one portable archive (see ``jixiao.web.backup``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "backup"
HELP = "备份全部数据(自评表、附件、审计日志、用户与令牌、单位与年度)到一个可在任何数据库恢复的 zip 文件"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("output", metavar="OUT.zip", help="备份文件(已存在时覆盖)")


def run(args: argparse.Namespace) -> int:
    from jixiao.web import setup

    setup()
    from django.conf import settings
    from django.db import DatabaseError

    from jixiao.web.backup import backup

    target = Path(args.output)
    if target.is_dir():
        print(
            f"jixiao backup: {target} 是文件夹,请给出文件名,如 {target / 'jixiao-backup.zip'}。",
            file=sys.stderr,
        )
        return 2
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        summary = backup(target)
    except (DatabaseError, OSError) as exc:
        print(f"jixiao backup: 无法备份数据库 {settings.DATABASES['default']['NAME']}:{exc}", file=sys.stderr)
        return 2
    print(f"已备份到 {target}:{summary.text()}。", file=sys.stderr)
    return 0

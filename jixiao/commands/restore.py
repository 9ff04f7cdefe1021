"""``jixiao restore BACKUP.zip``: restore a ``jixiao backup`` archive into an empty database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "restore"
HELP = "从 jixiao backup 的备份文件恢复全部数据(目标数据库须为空;SQLite 与 PostgreSQL 之间均可)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("archive", metavar="BACKUP.zip", help="jixiao backup 生成的备份文件")
    parser.add_argument(
        "--replace", action="store_true", help="目标数据库已有数据时,先清空全部数据(含审计日志)再恢复"
    )


def run(args: argparse.Namespace) -> int:
    from jixiao.web import setup

    setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError

    from jixiao.web.backup import BackupError, restore

    source = Path(args.archive)
    if not source.is_file():
        print(f"jixiao restore: 找不到备份文件 {source}。", file=sys.stderr)
        return 2
    try:
        call_command("migrate", interactive=False, verbosity=0)
        summary = restore(source, replace=args.replace)
    except BackupError as exc:
        print(f"jixiao restore: {exc}", file=sys.stderr)
        return 2
    except (DatabaseError, OSError) as exc:
        print(
            f"jixiao restore: 无法恢复到数据库 {settings.DATABASES['default']['NAME']}:{exc}", file=sys.stderr
        )
        return 2
    print(f"已恢复 {source.name}:{summary.text()}。", file=sys.stderr)
    return 0

"""Django's ``flush`` (empty every table), allowed to empty the append-only audit log too.

Emptying the whole database is what tests do between cases and what an administrator does to
rebuild a demo; it is the one deletion the audit guard lets through (see ``jixiao.web.audit.guard``).
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand

from jixiao.web.audit import guard


class Command(FlushCommand):
    help = "清空数据库的全部数据(包括审计日志)。仅用于测试或重建演示库。"

    def handle(self, **options: Any) -> None:
        with guard.released():
            super().handle(**options)

"""The database guard of the audit log on SQLite: the trigger asks this process whether it is locked.

The SQLite triggers (migration 0001) abort an UPDATE or DELETE on the audit table when
``jixiao_audit_locked()`` is true. The function exists only on connections this process opens, and
answers true unless :func:`released` is in effect; from any other program (``sqlite3`` on the file)
the function is unknown, so the statement fails there too. Only the ``flush`` command, which empties
the whole database (tests, rebuilding a demo), releases it. On PostgreSQL the triggers raise
unconditionally (TRUNCATE, used by ``flush``, fires no row trigger).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.backends.signals import connection_created

_released: contextvars.ContextVar[bool] = contextvars.ContextVar("jixiao_audit_released", default=False)
MESSAGE = "审计日志只能追加,不能修改或删除。"


def _locked() -> int:
    return 0 if _released.get() else 1


def _register(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("jixiao_audit_locked", 0, _locked)


def connect() -> None:
    connection_created.connect(_register, dispatch_uid="jixiao.audit.guard")


@contextmanager
def released() -> Iterator[None]:
    """Let this thread empty the audit table (only ``flush`` uses it)."""
    token = _released.set(True)
    try:
        yield
    finally:
        _released.reset(token)

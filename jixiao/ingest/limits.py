"""Refusals that name the limit and the figure that passed it, and the clock of one import.

Every figure in a refusal is true: a file of 52,428,801 bytes is not "50.0 MB, over the limit of
50.0 MB"; when two figures would print alike, the exact counts are added.
"""

from __future__ import annotations

import time

from jixiao.ingest.errors import IngestError
from jixiao.ingest.settings import MB, IngestSettings


def size_text(size: float) -> str:
    """Return a size in bytes as people read it: "3.2 MB", "512.0 KB", "900 字节"."""
    if size >= MB:
        return f"{size / MB:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{int(size)} 字节"


def sizes(size: float, limit: float) -> tuple[str, str]:
    """Return a size and its limit as two texts that differ whenever the figures do."""
    shown, bound = size_text(size), size_text(limit)
    if shown == bound and size != limit:
        shown, bound = f"{shown}({int(size):,} 字节)", f"{bound}({int(limit):,} 字节)"
    return shown, bound


def count(number: int) -> str:
    """Return a count with thousands separators: 1,048,576."""
    return f"{number:,}"


class Clock:
    """The time one file may take to read (``IngestSettings.max_seconds``), checked between steps."""

    def __init__(self, name: str, settings: IngestSettings) -> None:
        self.name = name
        self.limit = settings.max_seconds
        self.start = time.monotonic()

    def check(self, where: str = "") -> None:
        """Refuse the file when its reading has taken longer than the limit."""
        spent = time.monotonic() - self.start
        if spent > self.limit:
            at = f"(读到{where}时)" if where else ""
            raise IngestError(
                self.name,
                f"读取已用 {spent:.0f} 秒{at},超过时间上限 {self.limit:g} 秒;文件可能过于复杂或含有异常内容",
            )

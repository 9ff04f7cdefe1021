"""The one exception an import raises for a file it cannot import."""

from __future__ import annotations


class IngestError(ValueError):
    """A file that cannot be imported; ``str()`` is one Chinese sentence naming the file and why."""

    def __init__(self, filename: str, reason: str) -> None:
        self.filename = filename
        self.reason = reason.rstrip("。")
        super().__init__(f"无法导入“{filename}”:{self.reason}。")

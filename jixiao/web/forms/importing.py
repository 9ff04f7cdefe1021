"""Reading an uploaded file into a form: through ``jixiao.ingest`` (every format it reads).

The file is read in a child process with a memory and a time limit
(:mod:`jixiao.ingest.isolated`; ``JIXIAO_IMPORT_MEMORY_MB``, ``JIXIAO_IMPORT_SECONDS``), at most
``JIXIAO_IMPORT_CONCURRENCY`` at a time per process: never in the web server's own memory, whether
the caller is the task queue's worker (the screens) or an API request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache

from jixiao.core import form as core


class ImportFailed(Exception):
    """The file could not be read; the message (Chinese) names the file and the reason."""


def read_upload(data: bytes, filename: str, progress: Callable[[int, str], None] | None = None) -> core.Form:
    """Return the form read from an uploaded file, with its ``review`` list of unsure cells."""
    report = progress or (lambda _p, _m: None)
    try:
        from jixiao import ingest
    except ImportError:
        ingest = None  # type: ignore[assignment]
    if ingest is None or not hasattr(ingest, "read_bytes"):
        # Without the importer only the interchange format itself can be read.
        if not filename.lower().endswith(".json"):
            raise ImportFailed(f"{filename}: 此安装只能导入 JSON 格式(jixiao.self-evaluation/1)")
        try:
            return core.Form.from_json(data)
        except ValueError as exc:
            raise ImportFailed(f"{filename}: 不是有效的自评表 JSON:{str(exc).splitlines()[0]}") from exc
    report(20, "正在识别文件格式并读取表格…")
    try:
        result = _read(ingest, data, filename)
    except Exception as exc:  # the importer's own errors are already in Chinese and name the file
        raise ImportFailed(str(exc) or f"{filename}: 无法读取") from exc
    form = getattr(result, "form", result)
    if not isinstance(form, core.Form):
        raise ImportFailed(f"{filename}: 导入结果不是自评表")
    return form


@cache
def _slots() -> threading.BoundedSemaphore:
    from django.conf import settings

    return threading.BoundedSemaphore(settings.JIXIAO_IMPORT_CONCURRENCY)


def ingest_settings() -> object:
    """Return the import limits of this server: the upload limit is the one the screens and the API use."""
    from dataclasses import replace

    from django.conf import settings

    from jixiao.ingest import IngestSettings

    return replace(IngestSettings(), max_bytes=settings.JIXIAO_MAX_UPLOAD_BYTES)


def _read(ingest: object, data: bytes, filename: str) -> object:
    from django.conf import settings

    limits = ingest_settings()
    if not settings.JIXIAO_IMPORT_ISOLATED:
        return ingest.read_bytes(data, filename, settings=limits)  # type: ignore[attr-defined]
    from jixiao.ingest.isolated import read_bytes_isolated

    with _slots():
        return read_bytes_isolated(
            data,
            filename,
            settings=limits,  # type: ignore[arg-type]
            memory_bytes=settings.JIXIAO_IMPORT_MEMORY_MB * 1024 * 1024,
            seconds=settings.JIXIAO_IMPORT_SECONDS,
        )

"""Reading an uploaded file into a form: through ``jixiao.ingest`` (every format it reads)."""

from __future__ import annotations

from collections.abc import Callable

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
        result = ingest.read_bytes(data, filename)
    except Exception as exc:  # the importer's own errors are already in Chinese and name the file
        raise ImportFailed(str(exc) or f"{filename}: 无法读取") from exc
    form = getattr(result, "form", result)
    if not isinstance(form, core.Form):
        raise ImportFailed(f"{filename}: 导入结果不是自评表")
    return form

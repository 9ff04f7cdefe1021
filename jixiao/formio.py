"""Read a form from a file for the command line: FORMAT.md JSON, or anything the importers read."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from jixiao.core.form import Form

MAX_JSON_BYTES = 20 * 1024 * 1024


class FormReadError(ValueError):
    """A file that cannot be read as a form; ``str()`` is one Chinese sentence naming file and reason."""


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), falling back to GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def validation_reason(error: ValidationError) -> str:
    """Return the first validation problem as "字段 funds.actual: 原因" with a FORMAT.md path."""
    first = error.errors()[0]
    path = ""
    for part in first["loc"]:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += ("." if path else "") + str(part)
    reason = first["msg"].removeprefix("Value error, ")
    more = error.error_count() - 1
    suffix = f"(另有 {more} 处问题)" if more > 0 else ""
    return f"字段 {path or '(根)'}: {reason}{suffix}"


def form_from_bytes(data: bytes, name: str) -> Form:
    """Parse FORMAT.md JSON bytes; raise FormReadError naming ``name`` and the reason."""
    if not data.strip():
        raise FormReadError(f"{name}: 文件为空。")
    if len(data) > MAX_JSON_BYTES:
        raise FormReadError(
            f"{name}: 文件过大({len(data) // 1024 // 1024} MB),超过 {MAX_JSON_BYTES // 1024 // 1024} MB 的上限。"
        )
    try:
        text = decode_text(data)
    except UnicodeDecodeError:
        raise FormReadError(f"{name}: 不是文本文件(既不是 UTF-8 也不是 GBK/GB18030 编码)。") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormReadError(
            f"{name}: 不是有效的 JSON(第 {exc.lineno} 行第 {exc.colno} 列:{exc.msg})。"
        ) from None
    if not isinstance(raw, dict):
        raise FormReadError(f"{name}: JSON 顶层应为对象(一张自评表),实际为 {type(raw).__name__}。")
    if raw.get("schema") not in (None, "jixiao.self-evaluation/1"):
        raise FormReadError(f"{name}: 不支持的格式版本 {raw.get('schema')!r},应为 jixiao.self-evaluation/1。")
    try:
        return Form.model_validate(raw)
    except ValidationError as exc:
        raise FormReadError(f"{name}: 不符合自评表格式,{validation_reason(exc)}。") from None


def _looks_like_json(data: bytes) -> bool:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return head in (b"{", b"[")


def read_form(path: str | Path) -> Form:
    """Read a form from ``path`` ("-" is not accepted here); JSON directly, other formats by import."""
    file = Path(path)
    name = str(path)
    if not file.exists():
        raise FormReadError(f"{name}: 文件不存在。")
    if file.is_dir():
        raise FormReadError(f"{name}: 是文件夹,不是文件。")
    try:
        size = file.stat().st_size
        if size > MAX_JSON_BYTES * 10:
            raise FormReadError(f"{name}: 文件过大({size // 1024 // 1024} MB)。")
        data = file.read_bytes()
    except OSError as exc:
        raise FormReadError(f"{name}: 无法读取({exc.strerror or exc})。") from None
    if not data.strip():
        raise FormReadError(f"{name}: 文件为空。")
    if _looks_like_json(data) or file.suffix.lower() == ".json":
        return form_from_bytes(data, name)
    return _import(file, name)


def _import(file: Path, name: str) -> Form:
    try:
        from jixiao import ingest
    except ImportError:
        raise FormReadError(
            f"{name}: 不是 JSON 自评表,且未安装导入模块(pip install 'jixiao[app]')。"
        ) from None
    try:
        result = ingest.read_form(file)
    except ValueError as exc:  # ingest.IngestError is a ValueError with a Chinese sentence
        message = str(exc)
        raise FormReadError(message if name in message else f"{name}: {message}") from None
    form: Form = result.form
    return form

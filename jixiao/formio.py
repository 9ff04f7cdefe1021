"""Read a form from a file for the command line: FORMAT.md JSON, or anything the importers read."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jixiao.core.form import Form

MAX_JSON_BYTES = 20 * 1024 * 1024


class FormReadError(ValueError):
    """A file that cannot be read as a form; ``str()`` is one Chinese sentence naming file and reason.

    ``reason`` is the importer's reason without the file's name, where an importer refused the file.
    """

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason


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


@dataclass
class LoadedForm:
    """A form read by :func:`read_forms_bytes`, with the layout it was read as ("jixiao-json" for JSON)."""

    form: Form
    layout: str


def _validate(raw: object, name: str, where: str = "") -> Form:
    if not isinstance(raw, dict):
        if where:
            raise FormReadError(
                f"{name}: JSON 数组的{where}应为对象(一张自评表),实际为 {type(raw).__name__}。"
            )
        raise FormReadError(
            f"{name}: JSON 顶层应为对象(一张自评表)或对象的数组(多张自评表),实际为 {type(raw).__name__}。"
        )
    if raw.get("schema") not in (None, "jixiao.self-evaluation/1"):
        raise FormReadError(
            f"{name}: {where}不支持的格式版本 {raw.get('schema')!r},应为 jixiao.self-evaluation/1。"
        )
    try:
        return Form.model_validate(raw)
    except ValidationError as exc:
        raise FormReadError(
            f"{name}: {where and where + ':'}不符合自评表格式,{validation_reason(exc)}。"
        ) from None


def _check_size(data: bytes, name: str) -> None:
    if not data.strip():
        raise FormReadError(f"{name}: 文件为空。")
    if len(data) > MAX_JSON_BYTES:
        raise FormReadError(
            f"{name}: 文件过大({len(data) // 1024 // 1024} MB),超过 {MAX_JSON_BYTES // 1024 // 1024} MB 的上限。"
        )


def _forms_from_json(raw: object, name: str) -> list[Form]:
    if isinstance(raw, list):
        if not raw:
            raise FormReadError(f"{name}: JSON 数组是空的,其中没有自评表。")
        return [_validate(item, name, f"第 {number} 项") for number, item in enumerate(raw, start=1)]
    return [_validate(raw, name)]


def form_from_bytes(data: bytes, name: str) -> Form:
    """Parse FORMAT.md JSON bytes holding one form; raise FormReadError naming ``name`` and the reason."""
    forms = forms_from_json_bytes(data, name)
    if len(forms) != 1:
        raise FormReadError(f"{name}: JSON 中有 {len(forms)} 张自评表,这里只能读一张。")
    return forms[0]


def forms_from_json_bytes(data: bytes, name: str) -> list[Form]:
    """Parse FORMAT.md JSON bytes: an object (one form) or an array of objects (several forms)."""
    _check_size(data, name)
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
    return _forms_from_json(raw, name)


# After "{" or "[", what only JSON writes next: a key or a close; an array of forms opens an object.
_JSON_START = re.compile(rb'^\s*(?:\{\s*["}]|\[\s*[\[{"\]])')


def _looks_like_json(data: bytes) -> bool:
    """Does the text start the way JSON does? A text form's "[附件2]" or "[2021年度]" does not."""
    return _JSON_START.match(data.removeprefix(b"\xef\xbb\xbf")) is not None


def read_forms_bytes(
    data: bytes, name: str, *, json_name: bool = False, settings: Any = None
) -> list[LoadedForm]:
    """Read every form in ``data``: JSON when it parses as JSON, anything else through the importers.

    A text that merely starts with "[" or "{" is not JSON unless it parses; it goes to the importers.
    Broken JSON (it starts the way JSON does, or ``json_name`` says the file is named .json) is
    reported as broken JSON rather than as a text the importers did not recognise. ``settings``
    (``jixiao.ingest.IngestSettings``) sets the importers' limits.
    """
    if not data.strip():
        raise FormReadError(f"{name}: 文件为空。")
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in (b"{", b"[") or json_name:
        if json_name or _looks_like_json(data):
            _check_size(data, name)
        try:
            raw = json.loads(decode_text(data)) if len(data) <= MAX_JSON_BYTES else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            if json_name or _looks_like_json(data):
                forms_from_json_bytes(data, name)  # raises, saying where the JSON breaks
        else:
            if raw is not None:
                return [LoadedForm(form, "jixiao-json") for form in _forms_from_json(raw, name)]
    return _import(data, name, settings)


def read_forms(path: str | Path) -> list[LoadedForm]:
    """Read every form in the file at ``path``: JSON (an object or an array), or through the importers."""
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
    return read_forms_bytes(data, name, json_name=file.suffix.lower() == ".json")


def read_form(path: str | Path) -> Form:
    """Read the one form in ``path`` ("-" is not accepted here); JSON directly, other formats by import."""
    forms = read_forms(path)
    if len(forms) != 1:
        raise FormReadError(f"{path}: 有 {len(forms)} 张自评表,这里只能读一张;请用 jixiao import 分别导出。")
    return forms[0].form


def _import(data: bytes, name: str, settings: Any = None) -> list[LoadedForm]:
    try:
        from jixiao import ingest
    except ImportError:
        raise FormReadError(
            f"{name}: 不是 JSON 自评表,且未安装导入模块(pip install 'jixiao[app]')。"
        ) from None
    try:
        results = ingest.read_bytes_all(data, name, settings=settings)
    except ValueError as exc:  # ingest.IngestError is a ValueError with a Chinese sentence
        message = str(exc)
        raise FormReadError(
            message if name in message else f"{name}: {message}", getattr(exc, "reason", None)
        ) from None
    return [LoadedForm(result.form, result.layout) for result in results]

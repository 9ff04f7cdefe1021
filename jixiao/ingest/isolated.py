"""Read a file in a child process with a memory and a time limit: what a server does with uploads.

A file that gets past every check of :mod:`jixiao.ingest.settings` and still costs too much (a
content stream of a million characters, a decoder's own appetite) then costs the child, not the
server: the child's address space is capped (``RLIMIT_AS``) and its CPU time too (``RLIMIT_CPU``),
and the parent kills it at the wall-clock limit. The child gets the file on its standard input and
answers one JSON line on its standard output. Windows has no ``resource`` module: there only the
time limit applies.

Run as ``python -m jixiao.ingest.isolated`` by :func:`read_bytes_isolated` only.
"""

from __future__ import annotations

import dataclasses
import json
import signal
import subprocess
import sys
from typing import Any

from jixiao.ingest.errors import IngestError
from jixiao.ingest.limits import count
from jixiao.ingest.reader import ImportResult
from jixiao.ingest.settings import MB, IngestSettings

DEFAULT_MEMORY_BYTES = 2048 * MB
DEFAULT_SECONDS = 300.0


def read_bytes_isolated(
    data: bytes,
    filename: str,
    *,
    settings: IngestSettings | None = None,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
    seconds: float = DEFAULT_SECONDS,
) -> ImportResult:
    """Import a form from bytes in a child process limited to ``memory_bytes`` and ``seconds``."""
    from pathlib import Path

    from jixiao.core.form import Form

    settings = settings or IngestSettings()
    name = Path(filename).name or "上传的文件"
    header = {
        "filename": filename,
        "settings": dataclasses.asdict(settings),
        "memory_bytes": memory_bytes,
        "seconds": seconds,
    }
    message = json.dumps(header).encode("utf-8") + b"\n" + data
    try:
        done = subprocess.run(
            [sys.executable, "-m", "jixiao.ingest.isolated"],
            input=message,
            capture_output=True,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise IngestError(
            name, f"读取超过时间上限 {seconds:g} 秒,已停止;文件可能过于复杂或含有异常内容"
        ) from exc
    answer = _answer(done.stdout)
    if answer is None:
        raise IngestError(name, _death(done.returncode, memory_bytes, seconds))
    if not answer.get("ok"):
        raise IngestError(name, str(answer.get("reason") or "读取失败"))
    return ImportResult(
        form=Form.from_json(answer["form"]),
        layout=str(answer["layout"]),
        pages=int(answer["pages"]),
        medium=str(answer["medium"]),
    )


def _answer(stdout: bytes) -> dict[str, Any] | None:
    lines = stdout.strip().splitlines()
    if not lines:
        return None
    try:
        value = json.loads(lines[-1])
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _death(returncode: int, memory_bytes: int, seconds: float) -> str:
    """Say why the child ended without an answer."""
    if returncode in (-getattr(signal, "SIGKILL", 9), -getattr(signal, "SIGXCPU", 24)):
        return (
            f"读取时超过内存上限 {count(memory_bytes // MB)} MB 或时间上限 {seconds:g} 秒,已停止;"
            "文件可能过于复杂或含有异常内容"
        )
    return f"读取文件的进程异常退出(代码 {returncode}),文件可能含有异常内容;请把文件交给系统管理员"


def _limit_self(memory_bytes: int, seconds: float) -> None:
    try:
        import resource
    except ImportError:  # Windows: only the parent's time limit applies
        return
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if seconds > 0:
        cpu = int(seconds) + 5
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def _child() -> int:
    raw = sys.stdin.buffer.read()
    head, _, data = raw.partition(b"\n")
    header = json.loads(head)
    del raw
    _limit_self(int(header["memory_bytes"]), float(header["seconds"]))
    filename = str(header["filename"])
    settings = IngestSettings(**header["settings"])
    try:
        from jixiao.ingest.reader import read_bytes

        result = read_bytes(data, filename, settings=settings)
        answer: dict[str, Any] = {
            "ok": True,
            "form": result.form.to_json(),
            "layout": result.layout,
            "pages": result.pages,
            "medium": result.medium,
        }
    except IngestError as exc:
        answer = {"ok": False, "reason": exc.reason}
    except MemoryError:
        answer = {
            "ok": False,
            "reason": f"读取时超过内存上限 {count(int(header['memory_bytes']) // MB)} MB,已停止;"
            "文件可能过于复杂或含有异常内容",
        }
    except Exception as exc:  # a reader's bug must reach the server as a sentence, not a traceback
        import traceback

        traceback.print_exc(file=sys.stderr)
        answer = {
            "ok": False,
            "reason": f"读取时出错({type(exc).__name__}),请把文件交给系统管理员",
        }
    sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_child())

"""One file of a bulk run: read it, import or check every form in it, say what happened. Never raises.

``process`` runs in a worker process (``pool``), in a queue worker on another machine (``remote``)
or in the calling process (``--jobs 1``); it returns an :class:`Outcome` that is plain data (it
crosses pipes and Redis as JSON).
"""

from __future__ import annotations

import io
import json
import logging
import os
import stat
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from jixiao.bulk.sources import ERROR, REFUSED, EntryRefused, Source, form_names, read_entry
from jixiao.ingest.settings import IngestSettings

IMPORT, CHECK = "import", "check"
IMPORTED, CHECKED = "imported", "checked"
log = logging.getLogger("jixiao.bulk")


@dataclass(frozen=True)
class Options:
    """What to do with each file; the same for every file of a run."""

    mode: str = IMPORT
    settings: IngestSettings = field(default_factory=IngestSettings)
    outdir: str | None = None
    """Import: write each form's JSON into this folder; None returns the JSON in ``Outcome.texts``."""
    taken: frozenset[str] = frozenset()
    """Import: the output stems of the run, case-folded (see ``sources.form_names``)."""
    check_format: str = "jsonl"
    """Check: ``jsonl`` (one line per form), ``json`` (one object per form) or ``text``."""
    colour: bool = False
    indicators: bool = True


@dataclass
class Outcome:
    """What became of one input file. ``status``: imported / checked, refused or error."""

    index: int
    input: str
    status: str
    reason: str | None = None
    forms: list[str] = field(default_factory=list)
    layouts: list[str] = field(default_factory=list)
    review: int = 0
    seconds: float = 0.0
    note: str = ""
    texts: list[str] = field(default_factory=list)
    """Import without ``outdir``: the forms' JSON. Check: each form's report, rendered."""
    errors: int = 0
    """Check: how many of the file's forms have errors."""
    worker: str = ""
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return self.status in (IMPORTED, CHECKED)

    @property
    def layout(self) -> str | None:
        unique = list(dict.fromkeys(self.layouts))
        return ",".join(unique) if unique else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Outcome:
        return cls(**data)

    def report_line(self) -> dict[str, Any]:
        """Return the line of ``report.jsonl`` for this input."""
        line: dict[str, Any] = {
            "input": self.input,
            "status": self.status,
            "reason": self.reason,
            "forms": self.forms,
            "layout": self.layout,
            "review": self.review,
            "seconds": round(self.seconds, 3),
        }
        if self.note:
            line["note"] = self.note
        if self.worker:
            line["worker"] = self.worker
            line["attempts"] = self.attempts
        return line


def process(source: Source, options: Options, data: bytes | None = None) -> Outcome:
    """Read ``source`` (or take its ``data``) and import or check every form in it."""
    start = time.perf_counter()
    outcome = _process(source, options, data)
    outcome.seconds = time.perf_counter() - start
    outcome.note = source.note
    return outcome


def _process(source: Source, options: Options, data: bytes | None) -> Outcome:
    if source.problem:
        return Outcome(source.index, source.label, source.problem_status, source.problem)
    if data is None:
        try:
            data = read_source(source, options.settings)
        except EntryRefused as exc:
            return Outcome(source.index, source.label, REFUSED, str(exc))
        except OSError as exc:
            return Outcome(source.index, source.label, ERROR, f"无法读取文件({exc.strerror or exc})")
        except Exception as exc:  # a damaged archive entry (zlib, BadZipFile …)
            return Outcome(source.index, source.label, ERROR, f"无法读取压缩包中的文件({type(exc).__name__})")
    try:
        if options.mode == CHECK:
            return _check(source, options, data)
        return _import(source, options, data)
    except Exception as exc:  # a bug must cost one file, not the run
        log.debug("bulk %s failed on %s", options.mode, source.label, exc_info=True)
        return Outcome(
            source.index,
            source.label,
            ERROR,
            f"处理时出现内部错误({type(exc).__name__}: {str(exc)[:200]}),请把文件交给系统管理员",
        )


def read_source(source: Source, settings: IngestSettings) -> bytes:
    """Read a file or an archive entry, refusing what is larger than the import limit."""
    if source.member is not None:
        return read_entry(source.path, source.member, settings)
    path = Path(source.path)
    status = path.stat()
    if stat.S_ISDIR(status.st_mode):
        raise EntryRefused("是一个文件夹,不是文件")
    if status.st_size > settings.max_bytes:
        raise EntryRefused(
            f"文件有 {status.st_size / 1024 / 1024:.1f} MB,超过导入上限 {settings.max_bytes / 1024 / 1024:.1f} MB"
        )
    return path.read_bytes()


def _import(source: Source, options: Options, data: bytes) -> Outcome:
    from jixiao import ingest

    try:
        results = ingest.read_bytes_all(data, source.label, settings=options.settings)
    except ingest.IngestError as exc:
        return Outcome(source.index, source.label, REFUSED, exc.reason + "。")
    names = form_names(source.stem, len(results), options.taken - {source.stem.casefold()})
    texts = [result.form.to_json() + "\n" for result in results]
    outcome = Outcome(
        source.index,
        source.label,
        IMPORTED,
        forms=names,
        layouts=[result.layout for result in results],
        review=sum(len(result.form.review) for result in results),
    )
    if options.outdir is None:
        outcome.texts = texts
        return outcome
    try:
        write_forms(Path(options.outdir), names, texts)
    except OSError as exc:
        outcome.status, outcome.reason = ERROR, f"无法写入输出文件({exc.strerror or exc})"
        outcome.forms = []
    return outcome


def write_forms(outdir: Path, names: list[str], texts: list[str]) -> None:
    """Write each form's JSON whole or not at all (a reader never sees half a file)."""
    for name, text in zip(names, texts, strict=True):
        target = outdir / name
        temporary = outdir / f".{name}.{os.getpid()}.tmp"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)


def _check(source: Source, options: Options, data: bytes) -> Outcome:
    from jixiao.core.report import check
    from jixiao.formio import FormReadError, read_forms_bytes

    try:
        loaded = read_forms_bytes(
            data, source.label, json_name=source.label.lower().endswith(".json"), settings=options.settings
        )
    except FormReadError as exc:
        reason = exc.reason + "。" if exc.reason else str(exc).removeprefix(f"{source.label}: ")
        return Outcome(source.index, source.label, REFUSED, reason)
    outcome = Outcome(source.index, source.label, CHECKED, layouts=[item.layout for item in loaded])
    for number, item in enumerate(loaded, start=1):
        report = check(item.form, indicators=options.indicators)
        outcome.review += len(item.form.review)
        outcome.errors += int(report.has_errors)
        outcome.forms.append(f"{source.label}#{number}" if len(loaded) > 1 else source.label)
        if options.check_format == "text":
            from jixiao.commands.check import write_text

            buffer = io.StringIO()
            where = f"(第 {number}/{len(loaded)} 张)" if len(loaded) > 1 else ""
            buffer.write(f"==> {source.label}{where} <==\n")
            write_text(report, buffer, colour=options.colour)
            outcome.texts.append(buffer.getvalue())
        else:
            record = {"input": source.label, "form": number, "layout": item.layout, **report.to_dict()}
            outcome.texts.append(json.dumps(record, ensure_ascii=False))
    return outcome

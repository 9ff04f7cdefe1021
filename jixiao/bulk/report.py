"""What a bulk run tells its user: the progress bar, the JSON-lines report and the Chinese summary."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

from jixiao.bulk.sources import ERROR, REFUSED
from jixiao.bulk.work import CHECK, IMPORTED, Outcome

T = TypeVar("T")
REPORT_NAME = "report.jsonl"


class InOrder(Generic[T]):
    """Hand items back in index order as they arrive in any order (a worker may finish file 7 first)."""

    def __init__(self) -> None:
        self._next = 0
        self._waiting: dict[int, T] = {}

    def push(self, index: int, item: T) -> Iterator[T]:
        self._waiting[index] = item
        while self._next in self._waiting:
            yield self._waiting.pop(self._next)
            self._next += 1


class ReportWriter:
    """``report.jsonl``: one line per input file, in input order, flushed line by line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] = path.open("w", encoding="utf-8")
        self._order: InOrder[Outcome] = InOrder()

    def add(self, outcome: Outcome) -> None:
        for ready in self._order.push(outcome.index, outcome):
            self._file.write(json.dumps(ready.report_line(), ensure_ascii=False) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()


class Tally:
    """Counts for the summary: inputs by status, forms by layout, review items, reasons."""

    def __init__(self) -> None:
        self.status: Counter[str] = Counter()
        self.layouts: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self.failures: list[Outcome] = []
        self.forms = 0
        self.review = 0
        self.with_errors = 0
        self.renamed = 0
        self.retried = 0

    def add(self, outcome: Outcome) -> None:
        self.status[outcome.status] += 1
        self.renamed += bool(outcome.note)
        self.retried += outcome.attempts > 1
        if outcome.ok:
            self.forms += len(outcome.forms)
            self.review += outcome.review
            self.with_errors += outcome.errors
            self.layouts.update(outcome.layouts)
        elif outcome.status == REFUSED:
            self.reasons[_short(outcome.reason)] += 1
        else:
            self.failures.append(outcome)

    @property
    def total(self) -> int:
        return sum(self.status.values())

    def lines(self, mode: str, seconds: float, how: str, report: Path | None = None) -> list[str]:
        """Return the Chinese summary, one sentence per line."""
        rate = f",{self.total / seconds:.1f} 个文件/秒" if seconds > 0 and self.total else ""
        timing = f"用时 {seconds:.1f} 秒({how}{rate})"
        refused, failed = self.status[REFUSED], self.status[ERROR]
        if mode == CHECK:
            clean = self.forms - self.with_errors
            out = [
                f"检查完成:共 {self.total} 个文件,{self.forms} 张自评表,其中有错误的 {self.with_errors} 张、"
                f"无错误的 {clean} 张;无法读取 {refused + failed} 个文件;待核对 {self.review} 处;{timing}。"
            ]
        else:
            out = [
                f"导入完成:共 {self.total} 个文件,已导入 {self.status[IMPORTED]} 个({self.forms} 张自评表),"
                f"拒绝 {refused} 个,失败 {failed} 个;待核对 {self.review} 处;{timing}。"
            ]
        if self.layouts:
            out.append(
                "按版式:" + ",".join(f"{name} {count} 张" for name, count in _ranked(self.layouts)) + "。"
            )
        if self.reasons:
            label = "无法读取的原因" if mode == CHECK else "拒绝的原因"
            shown = _ranked(self.reasons)[:6]
            more = len(self.reasons) - len(shown)
            out.append(
                f"{label}:"
                + ";".join(f"{reason} {count} 个" for reason, count in shown)
                + (f";另有 {more} 种" if more > 0 else "")
                + "。"
            )
        if self.failures:
            shown_failures = self.failures[:5]
            out.append(
                "失败:"
                + ";".join(f"{o.input}({_short(o.reason)})" for o in shown_failures)
                + (f";另有 {len(self.failures) - 5} 个" if len(self.failures) > 5 else "")
                + "。"
            )
        if self.retried:
            out.append(f"重试:{self.retried} 个文件因工作机中断而重新分派,结果完整。")
        if self.renamed and mode != CHECK:
            out.append(
                f"改名:{self.renamed} 个文件与其他输入同名,输出文件名已加上所在文件夹(见报告中的 note)。"
            )
        if report is not None:
            out.append(f"报告:{report}(每个输入文件一行)。")
        return out


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _short(reason: str | None) -> str:
    text = (reason or "").rstrip("。")
    return text if len(text) <= 60 else text[:59] + "…"


class Progress:
    """A progress bar on a terminal's stderr (rich), nothing anywhere else. Refreshed by hand: no thread."""

    def __init__(self, total: int, description: str, *, enabled: bool | None = None) -> None:
        self._bar: Any = None
        if enabled is None:
            enabled = sys.stderr.isatty()
        if not enabled or total < 1:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[current]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            auto_refresh=False,
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(description, total=total, current="")

    def advance(self, outcome: Outcome) -> None:
        if self._bar is None:
            return
        current = outcome.input if len(outcome.input) <= 40 else "…" + outcome.input[-39:]
        self._bar.update(self._task, advance=1, current=current)
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()

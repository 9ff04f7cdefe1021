"""One bulk run from the command line: collect the inputs, process them here, in worker processes or
on the queue, and hand each outcome on in input order while the progress bar and the tally follow."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from jixiao.bulk import pool, remote
from jixiao.bulk.report import InOrder, Progress, ReportWriter, Tally
from jixiao.bulk.sources import ERROR, collect, form_names
from jixiao.bulk.work import CHECK, IMPORTED, Options, Outcome, write_forms


@dataclass
class Finished:
    """A finished run: its tally, how long it took and how it ran (for the summary)."""

    tally: Tally
    seconds: float
    how: str


class NoInputs(ValueError):
    """The inputs named no file at all; ``str()`` says so in Chinese."""


def run(
    inputs: Sequence[str],
    options: Options,
    on_ordered: Callable[[Outcome], None],
    *,
    jobs: int,
    queue: str | None = None,
    timeout: float = pool.DEFAULT_TIMEOUT,
    report: ReportWriter | None = None,
    progress: bool | None = None,
    exclude: Path | None = None,
) -> Finished:
    """Run ``options.mode`` over every file the inputs name; ``on_ordered`` gets outcomes in input order.

    Raises NoInputs when the inputs name no file, and ``remote.QueueError`` when the queue cannot
    be reached.
    """
    sources = collect(inputs, options.settings, exclude=exclude)
    if not sources:
        raise NoInputs("输入中没有文件(文件夹是空的,或只有隐藏文件)。")
    taken = frozenset(source.stem.casefold() for source in sources)
    options = replace(options, taken=taken)
    by_index = {source.index: source for source in sources}
    tally = Tally()
    order: InOrder[Outcome] = InOrder()
    bar = Progress(len(sources), "检查" if options.mode == CHECK else "导入", enabled=progress)
    outdir = Path(options.outdir) if options.outdir else None

    def settle(outcome: Outcome) -> None:
        if queue and outdir is not None and outcome.status == IMPORTED:
            # Forms imported on another machine are written here, named as on one machine.
            source = by_index[outcome.index]
            outcome.forms = form_names(source.stem, len(outcome.texts), taken - {source.stem.casefold()})
            try:
                write_forms(outdir, outcome.forms, outcome.texts)
            except OSError as exc:
                outcome.status, outcome.reason = ERROR, f"无法写入输出文件({exc.strerror or exc})"
                outcome.forms = []
            outcome.texts = []
        tally.add(outcome)
        bar.advance(outcome)
        if report is not None:
            report.add(outcome)
        for ready in order.push(outcome.index, outcome):
            on_ordered(ready)

    start = time.perf_counter()
    try:
        if queue:
            remote_options = replace(options, outdir=None, taken=frozenset())
            remote.run(
                queue,
                sources,
                remote_options,
                settle,
                timeout=timeout,
                on_wait=lambda message: print(message, file=sys.stderr),
            )
            how = f"任务队列 {queue}"
        else:
            workers = min(jobs, len(sources))
            pool.run(sources, options, settle, jobs=workers, timeout=timeout)
            how = "本进程" if workers <= 1 else f"{workers} 个进程"
    finally:
        bar.close()
    return Finished(tally, time.perf_counter() - start, how)

"""Run ``work.process`` over many sources in worker processes, without losing a file.

Workers get files in small batches and answer each batch at once, so that a thousand text forms cost
a few dozen round trips, not a thousand; the batch is sized from the time files have taken so far
(about 50 ms of work, one file at a time for slow scans). A worker that dies (a crash in a PDF or OCR
library) or overruns the timeout loses its batch: a batch of one file is that file's error, a larger
batch goes back to the queue one file at a time, so the file that kills a worker is found and costs
only itself. The other batches it held go back to the queue and a new worker starts.
``jobs == 1`` runs everything in the calling process (no protection against crashes, no timeout).

Workers are forked before anything else runs (no threads in the parent: the progress display is
refreshed by hand), so they start at once with the modules the parent has already imported.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from jixiao.bulk import DEFAULT_TIMEOUT, default_jobs
from jixiao.bulk.sources import ERROR, Source
from jixiao.bulk.work import Options, Outcome, process

_PREFETCH = 2  # batches held by a worker: one at work, one waiting
_BATCH_SECONDS = 0.05
_BATCH_MOST = 32


def run(
    sources: Sequence[Source],
    options: Options,
    on_outcome: Callable[[Outcome], None],
    *,
    jobs: int,
    timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Process every source, calling ``on_outcome`` once per source as each one finishes."""
    work = [s for s in sources if not s.problem]
    for source in sources:
        if source.problem:
            on_outcome(process(source, options))
    if jobs <= 1 or len(work) <= 1:
        for source in work:
            on_outcome(process(source, options))
        return
    _Pool(options, min(jobs, len(work)), timeout).run(work, on_outcome)


def _worker(connection: Connection, options: Options) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            batch = connection.recv()
        except EOFError:
            return
        if batch is None:
            return
        connection.send([process(source, options) for source in batch])


@dataclass
class _Slot:
    process: BaseProcess
    connection: Connection
    held: deque[list[Source]] = field(default_factory=deque)
    since: float = 0.0  # when the first held batch started


class _Pool:
    def __init__(self, options: Options, jobs: int, timeout: float) -> None:
        self.options = options
        self.jobs = jobs
        self.timeout = timeout
        self.alone: set[int] = set()  # files of a batch that died with its worker: sent one at a time
        self.per_file = 0.0  # seconds a file has taken, smoothed; 0 until the first answer
        try:
            self.context: Any = multiprocessing.get_context("fork")
        except ValueError:  # pragma: no cover - platforms without fork
            self.context = multiprocessing.get_context("spawn")

    def _start(self) -> _Slot:
        parent, child = self.context.Pipe()
        worker = self.context.Process(target=_worker, args=(child, self.options), daemon=True)
        worker.start()
        child.close()
        return _Slot(worker, parent)

    def run(self, work: Sequence[Source], on_outcome: Callable[[Outcome], None]) -> None:
        queue: deque[Source] = deque(work)
        slots = [self._start() for _ in range(self.jobs)]
        try:
            while queue or any(slot.held for slot in slots):
                for slot in slots:
                    self._feed(slot, queue)
                ready = wait(
                    [slot.connection for slot in slots] + [slot.process.sentinel for slot in slots],
                    timeout=1.0,
                )
                for number, slot in enumerate(slots):
                    if slot.connection in ready:
                        if not self._receive(slot, on_outcome):
                            slots[number] = self._replace(slot, queue, on_outcome, "意外退出")
                    elif slot.process.sentinel in ready or not slot.process.is_alive():
                        slots[number] = self._replace(slot, queue, on_outcome, "意外退出")
                    elif slot.held and time.monotonic() - slot.since > self.timeout:
                        slots[number] = self._replace(
                            slot, queue, on_outcome, f"处理超过 {self.timeout:.0f} 秒,已中止"
                        )
        finally:
            for slot in slots:
                self._stop(slot)

    def _size(self, waiting: int) -> int:
        """How many files to send at once: about 50 ms of work, and a fair share of what is left."""
        if self.per_file <= 0:
            return 1
        by_time = int(_BATCH_SECONDS / self.per_file)
        return max(1, min(_BATCH_MOST, by_time, waiting // (2 * self.jobs) or 1))

    def _feed(self, slot: _Slot, queue: deque[Source]) -> None:
        while queue and len(slot.held) < _PREFETCH:
            size = self._size(len(queue))
            batch = [queue.popleft()]
            while len(batch) < size and queue and queue[0].index not in self.alone:
                if batch[0].index in self.alone:
                    break
                batch.append(queue.popleft())
            if not slot.held:
                slot.since = time.monotonic()
            slot.held.append(batch)
            try:
                slot.connection.send(batch)
            except OSError:  # the worker is gone; its sentinel says so next, and the files go back
                return

    def _receive(self, slot: _Slot, on_outcome: Callable[[Outcome], None]) -> bool:
        while slot.connection.poll():
            try:
                outcomes = slot.connection.recv()
            except (EOFError, OSError):
                return False
            slot.held.popleft()
            slot.since = time.monotonic()
            for outcome in outcomes:
                self.per_file = (
                    outcome.seconds if not self.per_file else 0.8 * self.per_file + 0.2 * outcome.seconds
                )
                on_outcome(outcome)
        return True

    def _replace(
        self, slot: _Slot, queue: deque[Source], on_outcome: Callable[[Outcome], None], what: str
    ) -> _Slot:
        """A worker died or overran: a file alone is an error; a batch goes back one file at a time."""
        self._receive(slot, on_outcome)  # answers sent before it died
        self._stop(slot, kill=True)
        if slot.held:
            current = slot.held.popleft()
            for batch in reversed(slot.held):
                queue.extendleft(reversed(batch))
            if len(current) > 1:
                self.alone.update(source.index for source in current)
                queue.extendleft(reversed(current))
            else:
                culprit = current[0]
                code = slot.process.exitcode
                detail = f"(退出码 {code})" if code not in (None, 0) and what == "意外退出" else ""
                on_outcome(
                    Outcome(
                        culprit.index,
                        culprit.label,
                        ERROR,
                        f"处理该文件时工作进程{what}{detail},其余文件不受影响",
                        note=culprit.note,
                        seconds=time.monotonic() - slot.since,
                    )
                )
        return self._start()

    @staticmethod
    def _stop(slot: _Slot, *, kill: bool = False) -> None:
        if kill and slot.process.is_alive():
            slot.process.kill()
        elif slot.process.is_alive():
            with contextlib.suppress(OSError):
                slot.connection.send(None)
        slot.process.join(timeout=5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        slot.connection.close()


__all__ = ["DEFAULT_TIMEOUT", "default_jobs", "run"]

"""A bulk run on several machines: one Huey task per file on Redis, ``jixiao worker`` anywhere.

The machine that runs ``jixiao import … --queue redis://…`` reads each file (or archive entry) and
puts its bytes in the task, so workers need no shared folder; it keeps at most ``window`` files
on the queue at a time, so Redis never holds the whole run. Workers push each outcome to the run's
result list; the collector writes the forms and the report as on one machine.

No file is lost silently. Each worker process keeps a heartbeat key alive while it runs and marks
the file it is on in the run's ``running`` hash; the collector sends a file again when the worker
holding it stops beating (killed, machine gone), when it holds it longer than the timeout, or when
the file has left the queue without being marked running (the worker died in between). After
``MAX_ATTEMPTS`` the file is reported as an error. A late answer from an earlier attempt is
accepted once and any further one ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from jixiao.bulk.sources import ERROR, REFUSED, EntryRefused, Source
from jixiao.bulk.work import Options, Outcome, process, read_source
from jixiao.ingest.settings import IngestSettings

QUEUE_NAME = "jixiao-bulk"
PREFIX = "jixiao:bulk"
ALIVE_SECONDS = 5
"""A worker process whose heartbeat key is older than this is taken as gone."""
MAX_ATTEMPTS = 3
KEEP_SECONDS = 24 * 3600
"""Keys of a run are dropped after a day even if its collector never came back to clean up."""
DEFAULT_WINDOW = 64

_huey: Any = None
_beating: int | None = None  # the pid whose heartbeat thread runs


class QueueError(RuntimeError):
    """The queue cannot be reached; ``str()`` is one Chinese sentence."""


def make_huey(url: str) -> Any:
    """Return the Huey instance of bulk runs on ``url`` (separate from the web system's queue)."""
    global _huey
    from huey import RedisHuey  # type: ignore[import-untyped]

    if _huey is not None and getattr(_huey, "_jixiao_url", None) == url:
        return _huey
    huey = RedisHuey(QUEUE_NAME, url=url, results=False)
    huey._jixiao_url = url
    huey._jixiao_task = huey.task(name="bulk_file")(run_task)
    _huey = huey
    return huey


def connect(url: str) -> Any:
    """Return the Huey instance after checking Redis answers; raise QueueError otherwise."""
    try:
        huey = make_huey(url)
        huey.storage.conn.ping()
    except Exception as exc:
        raise QueueError(f"无法连接任务队列 {url}({type(exc).__name__}: {exc})。") from exc
    return huey


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _key(job: str, what: str) -> str:
    return f"{PREFIX}:{job}:{what}"


def _alive_key(worker: str) -> str:
    return f"{PREFIX}:alive:{worker}"


def _heartbeat(connection: Any, worker: str) -> None:
    global _beating
    if _beating == os.getpid():
        return
    _beating = os.getpid()

    def beat() -> None:
        while True:
            with contextlib.suppress(Exception):  # Redis away for a moment: the next beat tries again
                connection.set(_alive_key(worker), "1", ex=ALIVE_SECONDS)
            time.sleep(1)

    connection.set(_alive_key(worker), "1", ex=ALIVE_SECONDS)
    threading.Thread(target=beat, name="jixiao-heartbeat", daemon=True).start()


def _options(data: dict[str, Any]) -> Options:
    return Options(
        mode=data["mode"],
        settings=IngestSettings(**data["settings"]),
        check_format=data["check_format"],
        colour=data["colour"],
        indicators=data["indicators"],
    )


def run_task(job: str, attempt: int, source: dict[str, Any], data: bytes, options: dict[str, Any]) -> None:
    """The Huey task: process one file's bytes and push the outcome to the run's result list."""
    connection = _huey.storage.conn
    me = worker_id()
    _heartbeat(connection, me)
    slot = f"{source['index']}:{attempt}"
    running = _key(job, "running")
    connection.hset(running, slot, me)
    connection.expire(running, KEEP_SECONDS)
    outcome = process(Source(**source), _options(options), data)
    outcome.worker, outcome.attempts = me, attempt
    results = _key(job, "results")
    with connection.pipeline(transaction=True) as pipe:
        pipe.rpush(results, json.dumps(outcome.to_dict(), ensure_ascii=False))
        pipe.expire(results, KEEP_SECONDS)
        pipe.hdel(running, slot)
        pipe.execute()


@dataclass
class _Flight:
    source: Source
    attempt: int
    task_id: str
    running_since: float | None = None
    unseen: int = 0  # consecutive looks that found it neither queued, running nor answered


class Collector:
    """Enqueue the files of one run and collect their outcomes."""

    def __init__(
        self,
        url: str,
        options: Options,
        *,
        timeout: float,
        window: int = DEFAULT_WINDOW,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.huey = connect(url)
        self.url = url
        self.connection = self.huey.storage.conn
        self.task = self.huey._jixiao_task
        self.options = options
        self.timeout = timeout
        self.window = window
        self.on_wait = on_wait
        self.job = uuid.uuid4().hex
        self.wire_options = {
            "mode": options.mode,
            "settings": asdict(options.settings),
            "check_format": options.check_format,
            "colour": options.colour,
            "indicators": options.indicators,
        }

    def run(self, sources: Sequence[Source], on_outcome: Callable[[Outcome], None]) -> None:
        waiting: deque[Source] = deque()
        for source in sources:
            if source.problem:
                on_outcome(process(source, self.options))
            else:
                waiting.append(source)
        flights: dict[int, _Flight] = {}
        last_look = time.monotonic()
        last_answer = time.monotonic()
        hinted = False
        try:
            while waiting or flights:
                while waiting and len(flights) < self.window:
                    source = waiting.popleft()
                    flight = self._send(source, 1, on_outcome)
                    if flight is not None:
                        flights[source.index] = flight
                answer = self.connection.blpop([_key(self.job, "results")], timeout=1)
                if answer is not None:
                    self._settle(json.loads(answer[1]), flights, on_outcome)
                    last_answer = time.monotonic()
                if time.monotonic() - last_look >= 1:
                    self._look(flights, on_outcome)
                    last_look = time.monotonic()
                if not hinted and self.on_wait and time.monotonic() - last_answer > 15 and flights:
                    hinted = True
                    self.on_wait(
                        f"已排队 {len(flights) + len(waiting)} 个文件,等待工作机接手;请在能访问该 Redis 的机器上运行:"
                        f"jixiao worker --queue {self.url}"
                    )
        finally:
            self._clean(flights)

    def _send(self, source: Source, attempt: int, on_outcome: Callable[[Outcome], None]) -> _Flight | None:
        outcome = None
        try:
            data = read_source(source, self.options.settings)
        except EntryRefused as exc:
            outcome = Outcome(source.index, source.label, REFUSED, str(exc))
        except OSError as exc:
            outcome = Outcome(source.index, source.label, ERROR, f"无法读取文件({exc.strerror or exc})")
        except Exception as exc:  # a damaged archive entry
            outcome = Outcome(
                source.index, source.label, ERROR, f"无法读取压缩包中的文件({type(exc).__name__})"
            )
        if outcome is not None:
            outcome.note, outcome.attempts = source.note, attempt
            on_outcome(outcome)
            return None
        task = self.task.s(self.job, attempt, asdict(source), data, self.wire_options)
        self.huey.enqueue(task)
        return _Flight(source, attempt, task.id)

    def _settle(
        self, data: dict[str, Any], flights: dict[int, _Flight], on_outcome: Callable[[Outcome], None]
    ) -> None:
        outcome = Outcome.from_dict(data)
        if flights.pop(outcome.index, None) is not None:
            on_outcome(outcome)
        # else: a late answer from an attempt already replaced and answered; ignored

    def _drain(self, flights: dict[int, _Flight], on_outcome: Callable[[Outcome], None]) -> None:
        while True:
            raw = self.connection.lpop(_key(self.job, "results"))
            if raw is None:
                return
            self._settle(json.loads(raw), flights, on_outcome)

    def _look(self, flights: dict[int, _Flight], on_outcome: Callable[[Outcome], None]) -> None:
        """Send again each file whose worker is gone, that overran, or that left the queue unseen."""
        running = {
            key.decode(): value.decode()
            for key, value in self.connection.hgetall(_key(self.job, "running")).items()
        }
        workers = set(running.values())
        alive = {worker for worker in workers if self.connection.exists(_alive_key(worker))}
        queued = {task.id for task in self.huey.pending()}
        self._drain(flights, on_outcome)  # answers that came while looking
        now = time.monotonic()
        for index, flight in list(flights.items()):
            slot = f"{index}:{flight.attempt}"
            if slot in running:
                flight.unseen = 0
                flight.running_since = flight.running_since or now
                gone = running[slot] not in alive
                overran = now - flight.running_since > self.timeout
                if gone or overran:
                    what = "工作机中断" if gone else f"处理超过 {self.timeout:.0f} 秒"
                    self.connection.hdel(_key(self.job, "running"), slot)
                    self._again(flight, flights, on_outcome, what)
            elif flight.task_id in queued:
                flight.unseen = 0
            else:
                flight.unseen += 1
                if flight.unseen >= 3:
                    self._again(flight, flights, on_outcome, "工作机中断")

    def _again(
        self, flight: _Flight, flights: dict[int, _Flight], on_outcome: Callable[[Outcome], None], what: str
    ) -> None:
        index = flight.source.index
        if flight.attempt >= MAX_ATTEMPTS:
            flights.pop(index)
            on_outcome(
                Outcome(
                    index,
                    flight.source.label,
                    ERROR,
                    f"{what},已分派 {flight.attempt} 次仍未完成",
                    note=flight.source.note,
                    attempts=flight.attempt,
                )
            )
            return
        replacement = self._send(flight.source, flight.attempt + 1, on_outcome)
        if replacement is None:
            flights.pop(index)
        else:
            flights[index] = replacement

    def _clean(self, flights: dict[int, _Flight]) -> None:
        try:
            if flights:  # interrupted: take this run's files off the queue
                ids = {flight.task_id for flight in flights.values()}
                for task in self.huey.pending():
                    if task.id in ids:
                        self.huey.revoke_by_id(task.id)
            self.connection.delete(_key(self.job, "results"), _key(self.job, "running"))
        except Exception:  # the queue went away; its keys expire by themselves
            pass


def run(
    url: str,
    sources: Sequence[Source],
    options: Options,
    on_outcome: Callable[[Outcome], None],
    *,
    timeout: float,
    on_wait: Callable[[str], None] | None = None,
) -> None:
    """Process every source on the queue at ``url``; ``on_outcome`` once per source."""
    Collector(url, options, timeout=timeout, on_wait=on_wait).run(sources, on_outcome)


def serve(url: str, *, workers: int, worker_type: str = "process") -> None:
    """Run a Huey consumer for bulk runs on ``url`` until stopped (Ctrl-C or SIGTERM)."""
    huey = connect(url)
    consumer = huey.create_consumer(
        workers=workers, worker_type=worker_type, periodic=False, check_worker_health=True
    )
    consumer.run()

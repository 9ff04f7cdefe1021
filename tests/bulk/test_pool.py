"""Worker processes: a crash or a hang costs one file, never the run."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from jixiao.bulk import pool
from jixiao.bulk.sources import Source, collect
from jixiao.bulk.work import Options, Outcome, process


def sources(tmp_path: Path, names: list[str]) -> list[Source]:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        (folder / name).write_text("今天天气很好。\n", encoding="utf-8")
    return collect([str(folder)])


def troublesome(source: Source, options: Options, data: bytes | None = None) -> Outcome:
    if "crash" in Path(source.label).name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "hang" in Path(source.label).name:
        time.sleep(60)
    return process(source, options, data)


@pytest.mark.parametrize("jobs", [2, 3])
def test_a_crashing_file_is_an_error_and_the_others_come_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(pool, "process", troublesome)
    names = [f"{n:02d}.txt" for n in range(12)] + ["05_crash.txt", "09_crash.txt"]
    items = sources(tmp_path, names)
    outcomes: list[Outcome] = []
    pool.run(items, Options(), outcomes.append, jobs=jobs)
    assert sorted(o.index for o in outcomes) == [s.index for s in items]
    crashed = {o.input.rsplit("/", 1)[1]: o for o in outcomes if o.status == "error"}
    assert set(crashed) == {"05_crash.txt", "09_crash.txt"}, [o.reason for o in crashed.values()]
    assert all("工作进程意外退出" in o.reason for o in crashed.values())
    assert all(o.status == "refused" for o in outcomes if o.status != "error")  # the weather is no form


def test_a_file_that_hangs_is_stopped_at_the_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "process", troublesome)
    items = sources(tmp_path, ["a.txt", "b_hang.txt", "c.txt", "d.txt"])
    outcomes: list[Outcome] = []
    start = time.monotonic()
    pool.run(items, Options(), outcomes.append, jobs=2, timeout=1.5)
    assert time.monotonic() - start < 20
    [hung] = [o for o in outcomes if o.status == "error"]
    assert hung.input.endswith("b_hang.txt") and "超过 2 秒" in hung.reason
    assert len(outcomes) == 4


def test_one_job_runs_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    def here(source: Source, options: Options, data: bytes | None = None) -> Outcome:
        seen.append(os.getpid())
        return process(source, options, data)

    monkeypatch.setattr(pool, "process", here)
    outcomes: list[Outcome] = []
    pool.run(sources(tmp_path, ["a.txt", "b.txt"]), Options(), outcomes.append, jobs=1)
    assert seen == [os.getpid(), os.getpid()] and [o.index for o in outcomes] == [0, 1]


def test_a_crash_inside_a_batch_costs_only_the_file_that_caused_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "process", troublesome)
    names = [f"{n:03d}.txt" for n in range(200)] + ["150_crash.txt"]
    items = sources(tmp_path, names)
    sent: list[int] = []
    real_feed = pool._Pool._feed

    def feed(self: pool._Pool, slot: pool._Slot, queue: object) -> None:
        before = len(slot.held)
        real_feed(self, slot, queue)  # type: ignore[arg-type]
        sent.extend(len(batch) for batch in list(slot.held)[before:])

    monkeypatch.setattr(pool._Pool, "_feed", feed)
    outcomes: list[Outcome] = []
    pool.run(items, Options(), outcomes.append, jobs=2)
    assert max(sent) > 1  # fast files travel in batches
    assert sorted(o.index for o in outcomes) == [s.index for s in items]
    [crashed] = [o for o in outcomes if o.status == "error"]
    assert crashed.input.endswith("150_crash.txt")

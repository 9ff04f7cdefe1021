"""A bulk import on the task queue: a Redis of our own, two ``jixiao worker`` processes, one of them
killed in the middle of a file. Both take work, every file comes back, the killed file is sent
again and says so in the report."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bulk.conftest import fill

REDIS = shutil.which("redis-server")  # scripts/system-packages installs it for the tests


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    assert REDIS, "redis-server is missing: run scripts/system-packages (apt-get install redis-server)"
    port = free_port()
    server = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    import redis

    client = redis.Redis(port=port)
    for _ in range(200):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.02)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def jixiao(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "jixiao", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # a worker and its processes form one group, killed together
    )


def group_of(worker: str) -> int | None:
    """The process group of a worker id ``host:pid`` (None once the process is gone)."""
    try:
        return os.getpgid(int(worker.rsplit(":", 1)[1]))
    except ProcessLookupError:
        return None


def kill_mid_file(url: str, victim: subprocess.Popen[str], collector: subprocess.Popen[str]) -> str:
    """Wait until the victim has finished a file and holds another, then kill its whole group.

    The group is stopped first and the file looked up again, so the kill lands in the middle of a
    file for certain rather than between two. Returns the slot ("index:attempt") it held.
    """
    import redis

    client = redis.Redis.from_url(url)
    seen: set[str] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and collector.poll() is None:
        for key in client.scan_iter("jixiao:bulk:*:running"):
            for slot, worker in client.hgetall(key).items():
                if group_of(worker.decode()) != victim.pid:
                    continue
                seen.add(slot.decode())
                if len(seen) < 2:
                    continue
                os.killpg(victim.pid, signal.SIGSTOP)
                if client.hget(key, slot) == worker:
                    os.killpg(victim.pid, signal.SIGKILL)
                    return slot.decode()
                os.killpg(victim.pid, signal.SIGCONT)
        time.sleep(0.005)
    raise AssertionError("the worker never held a second file")


def test_two_workers_share_a_run_and_a_killed_worker_loses_no_file(tmp_path: Path, redis_url: str) -> None:
    inputs = tmp_path / "in"
    fill(inputs, 240)
    out = tmp_path / "out"
    env = {**os.environ, "JIXIAO_QUEUE_URL": redis_url}
    victim = jixiao("worker", "--workers", "1", env=env)
    survivor = jixiao("worker", "--queue", redis_url, "--workers", "1", env=env)
    collector = None
    try:
        collector = jixiao("import", str(inputs), "-o", str(out), "--queue", redis_url, "--timeout", "60")
        killed = kill_mid_file(redis_url, victim, collector)
        _, err = collector.communicate(timeout=180)
        lines = [json.loads(line) for line in (out / "report.jsonl").read_text(encoding="utf-8").splitlines()]
        # Worker ids name the process that ran the file: the survivor's are in its process group.
        by_survivor = {line["worker"] for line in lines if group_of(line["worker"]) == survivor.pid}
    finally:
        for process in (victim, survivor, collector):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    assert collector.returncode == 0, err
    assert len(lines) == 240
    assert {line["status"] for line in lines} == {"imported"}
    assert len(list(out.glob("*.json"))) == 240
    # Both workers took work: the victim finished files before it was killed.
    workers = {line["worker"] for line in lines}
    assert by_survivor and workers - by_survivor, workers
    # The file the victim held when it died came back on a second attempt, from the survivor.
    again = lines[int(killed.split(":")[0])]
    assert again["attempts"] >= 2 and again["worker"] in by_survivor, again
    assert "重试:" in err and "导入完成:共 240 个文件,已导入 240 个" in err

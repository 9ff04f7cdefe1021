"""``jixiao demo --no-serve``: a fresh SQLite database with the demo region, its users and the seed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from .conftest import ROOT


def _demo(data_dir, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    environment.update(JIXIAO_DATA_DIR=str(data_dir), **env)
    environment.pop("JIXIAO_QUEUE_IMMEDIATE", None)
    return subprocess.run(
        [sys.executable, "-m", "jixiao", "demo", "--no-serve"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _count(db, table):
    with sqlite3.connect(db) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_it_prepares_the_demo_and_running_it_twice_duplicates_nothing(tmp_path):
    first = _demo(tmp_path, JIXIAO_DEMO_PASSWORD="s3cret-demo")
    assert first.returncode == 0, first.stderr
    for name in ("filler", "filler2", "reviewer", "finance", "admin"):
        assert f"  {name}" in first.stdout
    assert "s3cret-demo" in first.stdout
    db = tmp_path / "jixiao.sqlite3"
    counts = {
        t: _count(db, t) for t in ("orgs_organisation", "accounts_user", "forms_form", "forms_indicator")
    }
    assert counts["orgs_organisation"] == 6  # 财政局, 3 departments, 2 units
    assert counts["accounts_user"] == 5
    assert counts["forms_form"] == 1
    assert counts["forms_indicator"] == 16

    second = _demo(tmp_path, JIXIAO_DEMO_PASSWORD="s3cret-demo")
    assert second.returncode == 0, second.stderr
    assert "已存在,未重复导入" in second.stdout
    assert {t: _count(db, t) for t in counts} == counts


def test_it_says_in_one_line_when_the_database_cannot_be_written(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder")
    result = _demo(tmp_path, DATABASE_URL=f"sqlite:///{blocked}/sub/db.sqlite3")
    assert result.returncode == 2
    assert "jixiao demo: 无法准备数据库" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_serves_the_demo_until_interrupted(tmp_path):
    import signal
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    environment.update(JIXIAO_DATA_DIR=str(tmp_path))
    environment.pop("JIXIAO_QUEUE_IMMEDIATE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "demo", "--port", str(port)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/accounts/login/", timeout=5
                ) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "the demo server never answered"
                time.sleep(0.3)
        assert "登录" in page
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/vendor/htmx.min.js", timeout=5
        ) as response:
            assert response.status == 200
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C
        out, err = server.communicate(timeout=60)
    assert f"http://127.0.0.1:{port}/" in out
    assert "Traceback" not in err


def test_an_installed_copy_uses_the_seed_shipped_in_the_package(monkeypatch, tmp_path):
    from jixiao.web import demo

    from .conftest import SEED_JSON

    monkeypatch.setattr(demo, "SHARED", tmp_path / "absent")
    form, source = demo.read_seed()
    assert source == str(demo.PACKAGED_SEED)
    assert demo.PACKAGED_SEED.read_text(encoding="utf-8") == SEED_JSON.read_text(encoding="utf-8")
    assert form.funds.execution_rate is not None and str(form.funds.execution_rate) == "97.10"

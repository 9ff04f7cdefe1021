"""``jixiao demo --no-serve``: a fresh SQLite database with the demo region (天河区, three years of
forms in every state), its users and the seed."""

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


def _rows(db, sql, *args):
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, args).fetchall()


def test_it_prepares_the_demo_region_and_running_it_twice_duplicates_nothing(tmp_path):
    import datetime

    first = _demo(tmp_path, JIXIAO_DEMO_PASSWORD="s3cret-demo")
    assert first.returncode == 0, first.stderr
    for name in ("filler", "filler2", "reviewer", "finance", "admin"):
        assert f"  {name}" in first.stdout
    assert "s3cret-demo" in first.stdout
    assert "演示行政区:天河区" in first.stdout
    db = tmp_path / "jixiao.sqlite3"
    kinds = dict(_rows(db, "SELECT kind, COUNT(*) FROM orgs_organisation GROUP BY kind"))
    assert kinds["finance"] == 1 and kinds["department"] >= 20 and kinds["unit"] >= 60
    names = {row[0] for row in _rows(db, "SELECT name FROM orgs_organisation")}
    for name in ("广州市天河区政务服务数据管理局", "广州市天河区教育局", "广州市天河区卫生健康局"):
        assert name in names
    assert any(name.endswith("街道办事处") for name in names)
    # the five demo users log in; the staff accounts that take the other organisations' steps cannot
    assert _rows(db, "SELECT COUNT(*) FROM accounts_user WHERE is_active") == [(5,)]

    this_year = datetime.date.today().year
    deadlines = dict(_rows(db, "SELECT year, deadline FROM orgs_evaluationyear"))
    assert deadlines == {
        2021: None,  # only the seed: nobody is late for it
        this_year - 2: f"{this_year - 1}-04-30",
        this_year - 1: f"{this_year}-04-30",
        this_year: f"{this_year + 1}-04-30",
    }
    years = {row[0] for row in _rows(db, "SELECT DISTINCT year FROM forms_form")}
    assert years == {2021, this_year - 2, this_year - 1, this_year}
    states = dict(
        _rows(db, "SELECT status, COUNT(*) FROM forms_form WHERE year = ? GROUP BY status", this_year)
    )
    for state in (
        "draft",
        "submitted",
        "returned",
        "department_approved",
        "finance_review",
        "finance_approved",
        "published",
    ):
        assert states.get(state, 0) > 0, state
    # the seed: the bureau's 2021 form, a draft of the filler
    seed = _rows(
        db,
        "SELECT f.status, COUNT(i.id) FROM forms_form f JOIN orgs_organisation o ON o.id = f.organisation_id"
        " LEFT JOIN forms_indicator i ON i.form_id = f.id"
        " WHERE f.year = 2021 AND o.name = '广州市天河区政务服务数据管理局' GROUP BY f.id",
    )
    assert seed == [("draft", 16)]
    # returned forms carry the reviewer's comments; published ones are in the portal's search index
    returned = _rows(db, "SELECT COUNT(*) FROM forms_form WHERE status = 'returned'")[0][0]
    commented = _rows(
        db,
        "SELECT COUNT(DISTINCT c.form_id) FROM workflow_reviewcomment c"
        " JOIN forms_form f ON f.id = c.form_id WHERE f.status = 'returned'",
    )[0][0]
    assert commented == returned > 0
    published = _rows(db, "SELECT COUNT(*) FROM forms_form WHERE status = 'published'")[0][0]
    assert _count(db, "portal_searchentry") == published > 0
    # the reviewer's department has a 汇总 of last year that was published
    rollup = _rows(
        db,
        "SELECT f.status FROM forms_form f JOIN orgs_organisation o ON o.id = f.organisation_id"
        " WHERE f.rollup AND f.year = ? AND o.name = '广州市天河区政务服务数据管理局'",
        this_year - 1,
    )
    assert rollup == [("published",)]
    # every step went through the services: an audit entry for each, the past ones before the deadline
    assert _rows(db, "SELECT COUNT(*) FROM audit_auditentry WHERE action = 'publish'")[0][0] == published
    late = _rows(
        db,
        "SELECT COUNT(*) FROM forms_form WHERE year < ? AND submitted_at > printf('%d-05-01', year + 1)",
        this_year,
    )
    assert late == [(0,)]
    assert _rows(db, "SELECT COUNT(*) FROM forms_form WHERE spot_check_score IS NOT NULL")[0][0] > 0

    counts = {
        t: _count(db, t)
        for t in ("orgs_organisation", "accounts_user", "forms_form", "forms_indicator", "audit_auditentry")
    }
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
        deadline = time.monotonic() + 300  # the demo region loads first
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
        try:
            out, err = server.communicate(timeout=60)
        except subprocess.TimeoutExpired:  # never leave a server behind, even when the test fails
            server.kill()
            out, err = server.communicate()
            raise
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

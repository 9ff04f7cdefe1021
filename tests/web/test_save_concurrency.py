"""A saved edit stays saved: saves racing each other from threads, on SQLite and on PostgreSQL.

Each thread is a page of the filler: it sends the fields it changed, each with the value it had
(its base), and the revision it was loaded at (``jixiao.web.forms.services.form_save_fields``).
An acknowledged save (200) names, in ``X-Jixiao-Saved``, the revision it made; the value of an
acknowledged write must be what is stored at the end unless a later acknowledged write of the same
field replaced it (0 lost acknowledged writes), and a save of a field someone else changed since is
a conflict (409), never a silent overwrite.

SQLite's in-memory test database cannot be shared by threads (its shared cache refuses instead of
waiting), so on SQLite these tests run again in a subprocess on a database file:
``test_the_races_run_on_a_sqlite_file``. ``scripts/with-postgres`` runs them on PostgreSQL directly.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from jixiao.web.forms import convert, editing
from jixiao.web.forms.models import Form

from .conftest import ROOT

THREADS = 8


@pytest.fixture
def races(transactional_db):  # type: ignore[no-untyped-def]
    """Skip on SQLite in memory (``test_the_races_run_on_a_sqlite_file`` runs these on a file)."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "SQLite 内存库不能由多个线程共享:由 test_the_races_run_on_a_sqlite_file 在数据库文件上运行"
        )


def _stored(form):  # type: ignore[no-untyped-def]
    return convert.to_core(convert.prefetched(Form.objects.filter(pk=form.pk)).get())


def _shown(form) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Return every input of the edit page as the page holds it (what a page sends as a base)."""
    data = _stored(form)
    return {
        path: editing.shown(entry, editing.Reading(value=value))
        for path, (entry, value) in editing.editable_fields(data).items()
    }


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _race(jobs):  # type: ignore[no-untyped-def]
    """Run the callables at once, each in its own thread; return their results in order."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(i, job):  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def _saver(client, form, revision, structure, fields):  # type: ignore[no-untyped-def]
    def save():  # type: ignore[no-untyped-def]
        post = {"structure": structure, "revision": str(revision)}
        for path, (value, base) in fields.items():
            post[path] = value
            post[editing.BASE + path] = base
        response = client.post(f"/forms/{form.pk}/save/", post, HTTP_HX_REQUEST="true")
        return (
            response.status_code,
            response.get("X-Jixiao-Saved"),
            json.loads(response.get("X-Jixiao-Unsaved") or "[]"),
        )

    return save


DISJOINT = [
    "goals.expected",
    "goals.achieved",
    "key_project",
    "overall_performance",
    "grade",
    "tasks[0].name",
    "tasks[1].achieved",
    "tasks[2].indicators[0].result",
]


def test_saves_of_different_fields_from_the_same_page_state_are_all_applied(races, world, seed_form):
    base, loaded = _shown(seed_form), Form.objects.get(pk=seed_form.pk).revision
    structure = editing.structure_token(_stored(seed_form))
    clients = [_client(world["filler"]) for _ in DISJOINT]
    jobs = [
        _saver(client, seed_form, loaded, structure, {path: (f"并发修改{i}", base[path])})
        for i, (client, path) in enumerate(zip(clients, DISJOINT, strict=True))
    ]
    results = _race(jobs)
    assert [r[0] for r in results] == [200] * len(DISJOINT), results
    data = _stored(seed_form)
    shown = _shown(seed_form)
    assert {path: shown[path] for path in DISJOINT} == {
        path: f"并发修改{i}" for i, path in enumerate(DISJOINT)
    }
    assert data.funds.actual == _stored(seed_form).funds.actual
    # every save made its own revision: one revision never names two contents
    assert sorted(int(r[1]) for r in results) == list(range(loaded + 1, loaded + 1 + len(DISJOINT)))
    assert Form.objects.get(pk=seed_form.pk).revision == loaded + len(DISJOINT)


def test_saves_of_one_field_from_the_same_page_state_one_wins_the_others_conflict(races, world, seed_form):
    base, loaded = _shown(seed_form), Form.objects.get(pk=seed_form.pk).revision
    structure = editing.structure_token(_stored(seed_form))
    clients = [_client(world["filler"]) for _ in range(THREADS)]
    jobs = [
        _saver(
            client,
            seed_form,
            loaded,
            structure,
            {"goals.achieved": (f"第{i}个窗口的内容", base["goals.achieved"])},
        )
        for i, client in enumerate(clients)
    ]
    results = _race(jobs)
    statuses = sorted(r[0] for r in results)
    assert statuses == [200] + [409] * (THREADS - 1), results
    winner = next(i for i, r in enumerate(results) if r[0] == 200)
    assert _stored(seed_form).goals.achieved == f"第{winner}个窗口的内容"
    assert all(r[2] == ["goals.achieved"] for r in results if r[0] == 409)
    assert Form.objects.get(pk=seed_form.pk).revision == loaded + 1


def test_many_pages_saving_for_a_while_lose_no_acknowledged_write(races, world, seed_form):
    """Each thread is a page that saves one of a few fields again and again; on a conflict it takes
    the stored value as its base and saves its own again (the person chose 用我的)."""
    fields = ["goals.achieved", "grade", "key_project"]
    start, loaded = _shown(seed_form), Form.objects.get(pk=seed_form.pk).revision
    structure = editing.structure_token(_stored(seed_form))
    acknowledged: list[tuple[int, str, str]] = []  # (revision, path, value)
    lock = threading.Lock()

    def page(n, client):  # type: ignore[no-untyped-def]
        rng = random.Random(n)
        base = dict(start)
        conflicts = 0
        for k in range(6):
            path = rng.choice(fields)
            value = f"页{n}第{k}次"
            for _attempt in range(20):
                status, revision, unsaved = _saver(
                    client, seed_form, loaded, structure, {path: (value, base[path])}
                )()
                if status == 200 and not unsaved:
                    with lock:
                        acknowledged.append((int(revision), path, value))
                    base[path] = value
                    break
                assert status == 409 and unsaved == [path], (status, unsaved)
                conflicts += 1
                base[path] = _shown(seed_form)[path]  # 用我的: resubmit on the stored value
            else:
                raise AssertionError("a save never got through")
        return conflicts

    clients = [_client(world["filler"]) for _ in range(THREADS)]
    results = _race([lambda n=n, c=c: page(n, c) for n, c in enumerate(clients)])
    assert all(isinstance(r, int) for r in results), results
    final = _shown(seed_form)
    for path in fields:
        writes = sorted((rev, value) for rev, p, value in acknowledged if p == path)
        if writes:
            assert final[path] == writes[-1][1], (path, writes[-3:])
    revisions = [rev for rev, _p, _v in acknowledged]
    assert len(revisions) == len(set(revisions)) == THREADS * 6  # one revision per acknowledged content


def test_the_races_run_on_a_sqlite_file(tmp_path, db):  # type: ignore[no-untyped-def]
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        pytest.skip("已在本数据库上直接运行")
    env = {
        **os.environ,
        "JIXIAO_TEST_SQLITE": str(tmp_path / "races.sqlite3"),
        "JIXIAO_DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            __file__,
            "-k",
            "not sqlite_file",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "4 passed" in run.stdout, run.stdout[-2000:]


def test_saves_racing_a_submit_get_a_clear_answer_and_none_is_lost(races, world, seed_core):
    """A submit and saves at once: each save is stored before the submit (200) or refused after it
    (403, saying so); never a server error, never a save acknowledged and not stored."""
    from jixiao.web.forms.services import form_create
    from jixiao.web.workflow import services as workflow
    from jixiao.web.workflow.errors import WorkflowError

    from .workflow_data import submittable, warnings_explained

    form = form_create(
        organisation=world["bureau"], year=2021, data=submittable(seed_core), user=world["filler"]
    )
    explanations = warnings_explained(form)
    base, loaded = _shown(form), Form.objects.get(pk=form.pk).revision
    structure = editing.structure_token(_stored(form))
    texts = ["goals.expected", "goals.achieved", "key_project", "overall_performance"]
    clients = [_client(world["filler"]) for _ in texts]
    jobs = [
        _saver(client, form, loaded, structure, {path: (f"提交前的修改{i}", base[path])})
        for i, (client, path) in enumerate(zip(clients, texts, strict=True))
    ]

    def submit():  # type: ignore[no-untyped-def]
        try:
            workflow.submit(
                form=Form.objects.get(pk=form.pk), actor=world["filler"], explanations=explanations
            )
        except WorkflowError as exc:  # the content changed under it: refused in Chinese, not a 500
            return str(exc)
        return "submitted"

    results = _race([*jobs, submit])
    saves, submitted = results[:-1], results[-1]
    assert all(isinstance(r, tuple) and r[0] in (200, 403) for r in saves), results
    assert isinstance(submitted, str), submitted
    shown = _shown(form)
    for i, (path, result) in enumerate(zip(texts, saves, strict=True)):
        if result[0] == 200:
            assert shown[path] == f"提交前的修改{i}"
        else:
            assert shown[path] == base[path]
    assert (Form.objects.get(pk=form.pk).status == Form.SUBMITTED) == (submitted == "submitted")

"""The embedded queue: ``jixiao serve`` consumes background imports in its own process."""

from __future__ import annotations

import pytest

from jixiao.web.forms.models import Form, ImportJob

from .conftest import SEED_JSON


@pytest.fixture
def queued():
    """Switch Huey from immediate mode (the tests' default) to its real SQLite queue."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = False
    yield HUEY
    HUEY.immediate = True


def test_the_embedded_worker_runs_an_import_from_the_queue(transactional_db, world, queued):
    from jixiao.web.forms.tasks import import_file
    from jixiao.web.server import embedded_worker

    job = ImportJob.objects.create(
        created_by=world["filler"],
        organisation=world["bureau"],
        year=2021,
        filename="seed.json",
        data=SEED_JSON.read_bytes(),
    )
    result = import_file(job.pk)
    assert ImportJob.objects.get(pk=job.pk).state == ImportJob.QUEUED  # nothing consumes it yet
    with embedded_worker() as consumer:
        assert consumer is not None
        # Wait on the queue's result store, not the database, so this thread does not contend for it.
        state = result.get(blocking=True, timeout=120)
    assert state == ImportJob.DONE
    job.refresh_from_db()
    assert job.state == ImportJob.DONE, job.message
    assert Form.objects.get(pk=job.form_id).tasks.count() == 3


def test_it_needs_no_worker_in_immediate_mode():
    from jixiao.web.server import embedded_worker

    with embedded_worker() as consumer:
        assert consumer is None

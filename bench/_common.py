"""What the bench scripts share: p50/p95 timing in milliseconds, and the web app on a fresh SQLite
database in a temporary folder with the demo loaded and a test client signed in as its filler.

The scripts import it as ``_common`` (``python bench/bench_….py`` puts this folder on the path).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from typing import Any


def percentile(values: list[float], q: float) -> float:
    """The value at fraction ``q`` of the sorted values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def time_ms(fn: Callable[[], object], runs: int) -> list[float]:
    """Call ``fn`` once to warm up (templates compiled, checks loaded), then ``runs`` times: each in ms."""
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def demo_site(prefix: str) -> tuple[Any, Any]:
    """Set the web app up on SQLite in a new temporary folder (named from ``prefix``), migrate and load
    the demo; return the demo's result and a Django test client signed in as the filler."""
    os.environ["JIXIAO_DATA_DIR"] = tempfile.mkdtemp(prefix=prefix)
    os.environ.setdefault("JIXIAO_SECRET_KEY", "bench")
    os.environ["JIXIAO_QUEUE_IMMEDIATE"] = "1"
    os.environ.pop("DATABASE_URL", None)
    from jixiao.web import setup

    setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", interactive=False, verbosity=0)
    from jixiao.web.accounts.models import User
    from jixiao.web.demo import load_demo

    result = load_demo(password="bench-password")
    client = Client()
    client.force_login(
        User.objects.get(username="filler"), backend="django.contrib.auth.backends.ModelBackend"
    )
    return result, client

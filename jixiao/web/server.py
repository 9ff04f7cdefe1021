"""Serving the web system with waitress (pure Python, fit for an intranet), plus the embedded queue.

Without ``JIXIAO_QUEUE_URL`` the background queue is a SQLite file and this process consumes it
in two threads; with Redis, run ``python -m jixiao.web run_huey`` on as many machines as needed.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def embedded_worker() -> Iterator[Any]:
    """Consume the SQLite queue in this process while the block runs (no-op with Redis or immediate mode)."""
    from django.conf import settings
    from huey.contrib.djhuey import HUEY

    if settings.QUEUE_URL or HUEY.immediate:
        yield None
        return
    consumer = HUEY.create_consumer(
        workers=2, worker_type="thread", periodic=False, check_worker_health=False
    )
    # The consumer installs its own signal handlers; keep the server's, so Ctrl-C stops the server.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    consumer.start()
    for sig, handler in saved.items():
        signal.signal(sig, handler)
    try:
        yield consumer
    finally:
        consumer.stop(graceful=True)


def serve(*, host: str = "127.0.0.1", port: int = 8000, threads: int = 8) -> None:
    """Serve the application until interrupted."""
    from waitress import serve as waitress_serve

    from jixiao.web.wsgi import application

    with embedded_worker():
        waitress_serve(application, host=host, port=port, threads=threads, ident="jixiao")

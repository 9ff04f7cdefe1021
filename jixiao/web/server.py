"""Serving the web system: waitress (pure Python, also on Windows) or gunicorn (Linux, several
worker processes), plus the background queue when it is the embedded SQLite one.

Without ``JIXIAO_QUEUE_URL`` the background queue is a SQLite file: with waitress this process
consumes it in two threads; with gunicorn one separate ``run_huey`` process does (gunicorn forks its
workers, and a forked copy of a process with running threads is not safe). With Redis, run
``python -m jixiao.web run_huey`` on as many machines as needed. Either way the file of an import is
read in a child process with memory and time limits (``jixiao.web.forms.importing``).
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
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


@contextlib.contextmanager
def worker_process() -> Iterator[subprocess.Popen[bytes] | None]:
    """Consume the SQLite queue in one child process while the block runs (no-op with Redis or
    immediate mode)."""
    from django.conf import settings
    from huey.contrib.djhuey import HUEY

    if settings.QUEUE_URL or HUEY.immediate:
        yield None
        return
    child = subprocess.Popen(
        [sys.executable, "-m", "jixiao.web", "run_huey", "--workers", "2", "--worker-type", "thread"]
    )
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()


def gunicorn_available() -> bool:
    """Return True where gunicorn can run (Linux and other Unix systems with it installed)."""
    if sys.platform == "win32":
        return False
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True


def serve(
    *, host: str = "127.0.0.1", port: int = 8000, threads: int = 8, workers: int = 1, server: str = "auto"
) -> None:
    """Serve the application until interrupted."""
    use_gunicorn = server == "gunicorn" or (server == "auto" and workers > 1 and gunicorn_available())
    if use_gunicorn:
        with worker_process():
            _gunicorn(host=host, port=port, workers=workers, threads=threads)
        return
    from waitress import serve as waitress_serve

    from jixiao.web.wsgi import application

    with embedded_worker():
        waitress_serve(application, host=host, port=port, threads=threads, ident="jixiao")


def _gunicorn(*, host: str, port: int, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    from jixiao.web.wsgi import application

    class Application(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread",
                "timeout": 120,
                # Keep idle connections open longer than a browser's pause between autosaves (and a
                # reverse proxy's pooled connections), so a save is not sent on a connection the
                # server has just closed.
                "keepalive": 30,
                "graceful_timeout": 30,
                "accesslog": None,
                "proc_name": "jixiao",
                # No shared control socket in the user's home: several servers may run side by side.
                "control_socket_disable": True,
                # Recycle a worker now and then, so that memory a rare request took is given back.
                "max_requests": 5000,
                "max_requests_jitter": 500,
            }.items():
                if key in self.cfg.settings:  # older gunicorn has no control socket
                    self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Application().run()

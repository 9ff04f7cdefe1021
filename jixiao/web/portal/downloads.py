"""Rendered public files (PDF, Excel, JSON, CSV, the official table's HTML), kept until the form changes.

A published form is read by many and changes rarely, and a PDF takes most of a second to draw: each
rendering is kept in the ``downloads`` cache (files under the data folder, shared by every worker
process) under a key made of the form's id, revision, status and time stamps. Any change to the form
moves one of these, so a changed form is never answered from an old rendering; old renderings age
out of the cache.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import caches

T = TypeVar("T")
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def version_key(form: Any, kind: str) -> str:
    """Return the cache key of one rendering of the form as it is now."""
    stamps = [form.updated_at, form.spot_checked_at, form.submitted_at]
    moments = ":".join(str(int(s.timestamp() * 1_000_000)) if s else "-" for s in stamps)
    return f"jixiao:portal:{kind}:{form.pk}:{form.revision}:{form.status}:{moments}"


def cached(form: Any, kind: str, render: Callable[[], T]) -> T:
    """Return the rendering of ``kind`` for the form, drawing it only when none is kept for this version."""
    cache = caches["downloads"]
    key = version_key(form, kind)
    value = cache.get(key)
    if value is not None:
        return value  # type: ignore[no-any-return]
    with _locks_guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:  # twenty visitors asking at once: one draws, the others wait for it
        value = cache.get(key)
        if value is None:
            value = render()
            cache.set(key, value)
    with _locks_guard:
        _locks.pop(key, None)
    return value

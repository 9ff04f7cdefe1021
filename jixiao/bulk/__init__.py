"""Bulk import and check: many files, folders and .zip archives, in parallel or on a task queue.

``sources.collect`` turns the command line's inputs into numbered :class:`~jixiao.bulk.sources.Source`
items (folders walked, archives listed within the import limits, output names settled once for
all); ``work.process`` reads and imports or checks one of them and never raises; ``pool.run`` runs
``process`` in worker processes that may crash or hang without losing a file; ``remote`` does the
same through Redis and Huey workers on other machines; ``report`` writes the JSON-lines report and
the Chinese summary. Nothing here is imported by ``jixiao.core``.
"""

from __future__ import annotations

import os

DEFAULT_TIMEOUT = 600.0
"""Seconds one file may take (a 60-page scan through OCR takes about a minute)."""


def default_jobs() -> int:
    """Return the number of cores this process may use: the default of ``--jobs``."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)

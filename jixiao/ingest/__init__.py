"""Import published and last year's forms: extracted text, PDF, scans, Excel, Word → ``Form``.

Every reader produces the same cell grid (:mod:`jixiao.ingest.grid`); one parser per layout
(:mod:`jixiao.ingest.layouts`) turns it into a ``Form``. What could not be read for sure is listed
in ``form.review``; a file that cannot be imported raises :class:`IngestError`.
"""

from __future__ import annotations

from jixiao.ingest.errors import IngestError
from jixiao.ingest.reader import ImportResult, read_all, read_bytes, read_bytes_all, read_form
from jixiao.ingest.settings import IngestSettings

__all__ = [
    "ImportResult",
    "IngestError",
    "IngestSettings",
    "read_all",
    "read_bytes",
    "read_bytes_all",
    "read_form",
]

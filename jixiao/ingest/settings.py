"""Limits and switches of an import, set by the caller (CLI flags, Django settings)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestSettings:
    """What an import accepts. The defaults suit a department's own forms on an intranet server."""

    max_bytes: int = 50 * 1024 * 1024
    """Largest file accepted, in bytes."""
    max_pages: int = 60
    """Most PDF pages (or worksheets, or rows / 100) read from one file; a form has a few pages."""
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    """Largest total size of the members of an .xlsx (a zip) once uncompressed."""
    max_compression_ratio: int = 200
    """Largest ratio of uncompressed to compressed size of one .xlsx member (zip bombs exceed it)."""
    max_rows: int = 5000
    """Most rows read from one worksheet or one text file."""
    ocr: bool = True
    """Read scans and PDF pages without a usable text layer with RapidOCR (the ``ocr`` extra)."""
    ocr_resolution: int = 200
    """Dots per inch at which PDF pages are rendered for OCR."""

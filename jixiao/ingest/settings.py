"""Limits and switches of an import, set by the caller (CLI flags, Django settings).

The limits are on what a file will cost to read, not only on its size: a 333-byte PDF can declare
one page of five metres square, and a 169 KB workbook a cell in column XFD of row 1,048,576. Each
reader checks the figures a file declares (page boxes, sheet dimensions, archive directories, image
headers) before it reads the content they describe, and refuses with the limit and its value.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class IngestSettings:
    """What an import accepts. The defaults suit a department's own forms on an intranet server."""

    max_bytes: int = 50 * MB
    """Largest file accepted, in bytes."""
    max_pages: int = 60
    """Most PDF pages (or worksheets) read from one file; a form has a few pages."""
    max_uncompressed_bytes: int = 100 * MB
    """Largest total size, once inflated, of the members of an .xlsx/.docx (a zip) or of the
    compressed streams of a PDF."""
    max_part_bytes: int = 20 * MB
    """Largest size of one XML part of an .xlsx/.docx once inflated (its parser holds it whole)."""
    max_compression_ratio: int = 200
    """Largest ratio of uncompressed to compressed size of one .xlsx member (zip bombs exceed it)."""
    max_zip_members: int = 10_000
    """Most parts in an .xlsx/.docx archive (read from its directory's end record)."""
    max_rows: int = 5000
    """Most rows read from one worksheet, one Word table or one text file."""
    max_columns: int = 200
    """Most columns of one worksheet or one Word table (a form uses a few dozen at most)."""
    max_page_area: int = 1_000_000
    """Largest PDF page, in square millimetres (1 m²: an A0 sheet is 841 × 1189 mm)."""
    max_render_pixels: int = 16_000_000
    """Most pixels of a page rendered or read for OCR; the resolution is lowered to stay within it
    (an A3 page at 200 dpi is 15.5 million pixels)."""
    max_image_pixels: int = 50_000_000
    """Largest image read (a scan, or an image inside a PDF page), in pixels (A4 at 600 dpi is 35
    million)."""
    max_seconds: float = 120.0
    """Longest time one file may take to read, in seconds."""
    ocr: bool = True
    """Read scans and PDF pages without a usable text layer with RapidOCR (the ``ocr`` extra)."""
    ocr_resolution: int = 200
    """Dots per inch at which PDF pages are rendered for OCR (lowered for large pages, see
    ``max_render_pixels``)."""

"""Texts that would run as formulas when a spreadsheet opens them (CSV/formula injection)."""

from __future__ import annotations

import re

# What Excel, LibreOffice and WPS start a formula with, in ASCII and full width, plus tab and CR,
# which some of them skip before looking (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r")

# Characters XML 1.0 forbids; openpyxl refuses them, so they are dropped from XLSX and DOCX cells.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_formula_like(text: str) -> bool:
    """Return True when a spreadsheet could read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """Return ``text`` prefixed with an apostrophe when it could be read as a formula (for CSV)."""
    return "'" + text if is_formula_like(text) else text


def xml_safe(text: str) -> str:
    """Return ``text`` without the control characters XML cannot hold."""
    return _ILLEGAL_XML.sub("", text)

"""Query parameters read defensively: what a user or a crawler types in a URL never gives a 500."""

from __future__ import annotations

import re

_YEAR = re.compile(r"[0-9]{4}")


def year_param(text: str | None) -> int | None:
    """Return a four-digit year from a query string, or None ("²", "99999999999" and "" are None)."""
    return int(text) if text and _YEAR.fullmatch(text) else None

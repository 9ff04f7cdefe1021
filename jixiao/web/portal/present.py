"""What a visitor reads beside a search result: the passage of the form where the words were found."""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from jixiao.core import form as core
from jixiao.web.portal import search

SNIPPET_CHARS = 60


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def snippet(data: core.Form, words: list[str]) -> SafeString | None:
    """Return the first passage of the form that contains the most query words, the words marked."""
    if not words:
        return None
    best: tuple[int, str] | None = None
    for text in search.form_texts(data):
        if not text:
            continue
        folded = _fold(text)
        hits = sum(1 for w in words if w in folded)
        if hits and (best is None or hits > best[0]):
            best = (hits, text)
            if hits == len(words):
                break
    if best is None:
        return None
    text = unicodedata.normalize("NFKC", best[1])
    folded = text.lower()
    first = min(folded.find(w) for w in words if w in folded)
    start = max(0, first - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    part = text[start:end]
    # Words side by side ("跨域" "通办") are marked as one run.
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(f"(?:{alternatives})+", re.IGNORECASE)
    marked = "".join(
        f"<mark>{escape(piece)}</mark>" if i % 2 else escape(piece)
        for i, piece in enumerate(_split_keep(pattern, part))
    )
    return mark_safe(("…" if start else "") + marked + ("…" if end < len(text) else ""))


def _split_keep(pattern: re.Pattern[str], text: str) -> list[str]:
    """Return text split around the matches, matches at the odd positions."""
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        pieces.extend((text[last : match.start()], match.group(0)))
        last = match.end()
    pieces.append(text[last:])
    return pieces

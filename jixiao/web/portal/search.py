"""Chinese text to search tokens with jieba: the same segmentation for what is indexed and what is asked.

A document is cut in jieba's search mode (each word and the shorter words inside it), a query in
precise mode; a query word is then found in every document that contains it as a word. Tokens are
lower-cased and joined by spaces, which is what both full-text engines underneath split on
(PostgreSQL's ``simple`` configuration, SQLite FTS5's ``unicode61`` tokenizer).
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from jixiao.core import fields
from jixiao.core import form as core

MAX_QUERY_TOKENS = 12
_lock = threading.Lock()
_tokenizer: Any = None


def _jieba() -> Any:
    """Return the jieba tokenizer, loading its dictionary (shipped with jieba, no network) once."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def _keep(token: str) -> str | None:
    """Return the token as indexed (NFKC, lower case), or None for spaces and punctuation."""
    token = unicodedata.normalize("NFKC", token).strip().lower()
    if not token or not any(unicodedata.category(c)[0] in "LN" for c in token):
        return None
    # Both engines split on anything that is not a letter or digit; do the same here, so that a
    # token such as "≥200" is indexed and asked as the same pieces.
    return "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in token).strip()


def _tokens(words: Iterable[str]) -> Iterator[str]:
    for word in words:
        kept = _keep(word)
        if kept:
            yield from kept.split()


def document_tokens(texts: Iterable[str | None]) -> str:
    """Return the space-joined search tokens of some texts (jieba search mode)."""
    jieba = _jieba()
    found: list[str] = []
    for text in texts:
        if text:
            found.extend(_tokens(jieba.cut_for_search(unicodedata.normalize("NFKC", text))))
    return " ".join(found)


def query_tokens(query: str) -> list[str]:
    """Return the distinct words of a search query (jieba precise mode), at most ``MAX_QUERY_TOKENS``."""
    jieba = _jieba()
    words: list[str] = []
    for token in _tokens(jieba.cut(unicodedata.normalize("NFKC", query or ""))):
        if token not in words:
            words.append(token)
    return words[:MAX_QUERY_TOKENS]


def form_texts(data: core.Form, *, extra: Iterable[str | None] = ()) -> list[str | None]:
    """Return every text of a form a reader might search for: its texts (``jixiao.core.fields``), its year."""
    texts: list[str | None] = [*extra, str(data.year) if data.year else None]
    for path, field, value in fields.values(data):
        if path.startswith("review") or field.shape not in ("text", "texts"):
            continue
        texts.extend(value if isinstance(value, list) else [value])
    return texts

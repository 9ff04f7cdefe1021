"""Review entries: what an importer could not read for sure, with the place it came from.

The ``problem`` strings are short, stable English phrases (they are part of the interchange format
and of the worked example ``seed.expected.json``); :func:`describe` gives the Chinese sentence
shown to users, from the wording catalogue ``jixiao.core.wording.REVIEW_PROBLEMS``: a new phrase
needs its sentence there (``tests/test_wording.py`` fails on English shown to a user).
"""

from __future__ import annotations

from jixiao.core import wording
from jixiao.core.form import ReviewItem

EMPTY_CELL = "empty cell"
UNREADABLE = "text partly unreadable"
SEAL_LABEL = "label unreadable (seal); value placed by layout"
INTERLEAVED = "indicator and result interleaved in one cell"
NOT_A_NUMBER = "not a number"
NOT_FOUND = "not found in the document"
NOT_IMPORTED = "cell not imported"
OCR_PAGE = "read by OCR"
ROW_UNSPLIT = "row could not be split into cells"
RUN_SPLIT = "cells rebuilt from run-together text"
FROM_NARRATIVE = "read from the text, not the table"
COLUMNS_PLACED = "values placed by the kind of their column"
CONTRADICTS_RATE = "figures contradict the printed rate, not placed"
RECOGNISED_UNREAD = "form recognised, cells not placed"
NAME_JOINED = "name wrapped over two cells, joined"
PART_NOT_IMPORTED = "part of the document not imported"


def item(path: str, problem: str, source: str | None) -> ReviewItem:
    """Return one review entry."""
    return ReviewItem(path=path, problem=problem, source=source)


def describe(problem: str) -> str:
    """Return the Chinese sentence for a review problem (from the wording catalogue, ``jixiao.core.wording``)."""
    return wording.review_problem(problem)


def clip(text: str, limit: int = 40) -> str:
    """Shorten a cell text for a review message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Review:
    """Collects review entries in the order they are found, one per path and problem."""

    def __init__(self) -> None:
        self.items: list[ReviewItem] = []

    def add(self, path: str, problem: str, source: str | None) -> None:
        if any(i.path == path and i.problem == problem for i in self.items):
            return
        self.items.append(ReviewItem(path=path, problem=problem, source=source))

    def __len__(self) -> int:
        return len(self.items)

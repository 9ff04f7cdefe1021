"""Each core test builds the field catalogue afresh: a mistake in building it (``make mutants``
plants them) must show in the tests, not hide behind a catalogue cached by an earlier test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jixiao.core import fields


@pytest.fixture(autouse=True)
def _fresh_catalogue() -> Iterator[None]:
    for cached in (fields.catalogue, fields._by_pattern, fields.children, fields._plan):
        cached.cache_clear()
    yield

"""Shared test set-up: where the project's shared material lives, and the seed form."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The shared material beside the checkout; JIXIAO_SHARED names it from elsewhere (``make mutants``
# runs the tests in a copy of the tree).
SHARED = Path(os.environ.get("JIXIAO_SHARED") or ROOT / ".." / "shared").resolve()
SEED_TEXT = SHARED / "seeds" / "000_7bfde0d41ece70bf.txt"
SEED_JSON = SHARED / "spec" / "seed.expected.json"


@pytest.fixture
def shared() -> Path:
    return SHARED


@pytest.fixture
def seed_json_text() -> str:
    return SEED_JSON.read_text(encoding="utf-8")


@pytest.fixture
def seed_form():  # type: ignore[no-untyped-def]
    from jixiao.core.form import Form

    return Form.from_json(SEED_JSON.read_text(encoding="utf-8"))

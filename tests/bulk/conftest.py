"""Folders of forms for bulk runs: the layout fixtures and the seed, repeated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_TEXT

LAYOUTS = ROOT / "tests" / "data" / "layouts"


def forms() -> list[Path]:
    """The text forms that import (every layout fixture but the negatives) and the seed."""
    return [*sorted(p for p in LAYOUTS.glob("*.txt") if not p.name.startswith("neg_")), SEED_TEXT]


def negatives() -> list[Path]:
    return sorted(LAYOUTS.glob("neg_*.txt"))


def fill(folder: Path, count: int, *, with_negatives: bool = False) -> list[Path]:
    """Copy ``count`` files into ``folder`` (ten per sub-folder), cycling through the fixtures."""
    pool = forms() + (negatives() if with_negatives else [])
    written = []
    for number in range(count):
        source = pool[number % len(pool)]
        target = folder / f"part{number // 10:03d}" / f"{number:04d}_{source.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written


@pytest.fixture
def folder_of_forms(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    fill(folder, 30, with_negatives=True)
    return folder

"""The seed's complete findings are a golden expectation: a new or a missing finding fails, and the
failure shows the difference line by line (tests/data/seed_findings.txt)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from jixiao.core.form import Form
from jixiao.core.report import check
from tests.conftest import SEED_JSON

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = DATA / "seed_findings.txt"
MESSAGES = DATA / "seed_messages.txt"


def _lines(form: Form) -> list[str]:
    return [f"{f.severity:<8}{f.code:<40}{f.path}" for f in check(form).findings]


def test_the_seed_has_exactly_its_golden_findings() -> None:
    got = _lines(Form.from_json(SEED_JSON.read_text(encoding="utf-8")))
    text = GOLDEN.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    if os.environ.get("JIXIAO_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join([*header, *got]) + "\n", encoding="utf-8")
    expected = [line for line in text.splitlines() if line and not line.startswith("#")]
    if got != expected:
        diff = "\n".join(difflib.unified_diff(expected, got, "expected (golden)", "found now", lineterm=""))
        raise AssertionError(f"the seed's findings changed (- missing, + new):\n{diff}")


def test_the_seeds_messages_are_as_written(seed_form: Form) -> None:
    """What each finding says (and its developer detail), word for word: a changed figure, label or
    sentence shows here as a diff (regenerate as above after a deliberate change)."""
    got = [f"{f.path}\t{f.message}\t{f.detail}" for f in check(seed_form).findings]
    if os.environ.get("JIXIAO_UPDATE_GOLDEN"):
        MESSAGES.write_text("\n".join(got) + "\n", encoding="utf-8")
    expected = MESSAGES.read_text(encoding="utf-8").splitlines()
    if got != expected:
        diff = "\n".join(difflib.unified_diff(expected, got, "expected (golden)", "found now", lineterm=""))
        raise AssertionError(f"the seed's messages changed (- before, + now):\n{diff}")

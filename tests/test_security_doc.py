"""SECURITY.md names the test that shows each promise: every named test module and test exists."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_every_test_named_in_security_md_exists() -> None:
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`|`::(\w+)`", text)
    assert len(named) > 20
    current = None
    for module, function, continued in named:
        if module:
            current = ROOT / module
            assert current.is_file(), module
        name = function or continued
        if name:
            assert current is not None
            assert re.search(rf"^def {name}\(", current.read_text(encoding="utf-8"), re.M), (
                f"{current}::{name}"
            )


def test_phase_two_promises_are_marked_as_not_done() -> None:
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for line in text.splitlines():
        if "【第二阶段】" in line and line.startswith("|"):
            assert line.rstrip().endswith("待做 |") or "待做" in line.split("|")[-2], line

"""jixiao.core is pure: no float, no round(), no Django — checked on the source itself."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "jixiao" / "core"
SOURCES = sorted(CORE.rglob("*.py"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(CORE)))
def test_core_uses_no_float_and_no_round(source: Path) -> None:
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    offenders = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in ("float", "round"):
            offenders.append(f"{node.id} at line {node.lineno}")
        if isinstance(node, ast.Constant) and isinstance(node.value, float):
            offenders.append(f"float literal {node.value!r} at line {node.lineno}")
        if isinstance(node, ast.Attribute) and node.attr in ("from_float", "fsum"):
            offenders.append(f"{node.attr} at line {node.lineno}")
    assert not offenders, f"{source.name}: " + ", ".join(offenders)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(CORE)))
def test_core_imports_no_web_framework(source: Path) -> None:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if name.split(".")[0] in ("django", "ninja", "huey")}


def test_the_scan_sees_the_core_modules() -> None:
    assert {"numbers.py", "form.py", "compute.py", "report.py"} <= {p.name for p in SOURCES}

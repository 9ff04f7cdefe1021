"""The registry of checks: each check is a small function of a form returning findings."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, overload

from jixiao.core.findings import Finding

if TYPE_CHECKING:
    from jixiao.core.compute import Computed
    from jixiao.core.form import Form
    from jixiao.core.indicators.model import Evaluation

CheckFunction = Callable[["CheckContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    name: str
    function: CheckFunction
    needs_indicators: bool


_CHECKS: dict[str, Check] = {}
_LOADED = False


@dataclass
class CheckContext:
    """What a check sees: the form, its computed figures, and (lazily) the indicator evaluations."""

    form: Form
    options: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def computed(self) -> Computed:
        from jixiao.core.compute import compute

        return compute(self.form)

    @cached_property
    def evaluations(self) -> list[tuple[str, Evaluation]]:
        """Indicator evaluations, ``(path, Evaluation)`` pairs."""
        from jixiao.core.indicators import evaluate_form

        return list(evaluate_form(self.form, **self.options.get("indicators", {})))


@overload
def register(function: CheckFunction, *, needs_indicators: bool = False) -> CheckFunction: ...
@overload
def register(
    function: None = None, *, needs_indicators: bool = False
) -> Callable[[CheckFunction], CheckFunction]: ...
def register(
    function: CheckFunction | None = None, *, needs_indicators: bool = False
) -> CheckFunction | Callable[[CheckFunction], CheckFunction]:
    """Register a check: ``register(check)`` or ``register(check, needs_indicators=True)`` (also usable as a decorator)."""

    def decorate(fn: CheckFunction) -> CheckFunction:
        name = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"
        _CHECKS[name] = Check(name=name, function=fn, needs_indicators=needs_indicators)
        return fn

    if function is not None:
        return decorate(function)
    return decorate


def _load_all() -> None:
    global _LOADED
    if _LOADED:
        return
    package = importlib.import_module("jixiao.core.checks")
    for info in pkgutil.iter_modules(package.__path__):
        if info.name not in ("registry",):
            importlib.import_module(f"jixiao.core.checks.{info.name}")
    _LOADED = True


def registered_checks() -> list[Check]:
    """Return every registered check, in a stable order."""
    _load_all()
    return [_CHECKS[name] for name in sorted(_CHECKS)]


def run_checks(context: CheckContext, *, indicators: bool = True) -> list[Finding]:
    """Run every registered check and return the findings, errors first, then by path."""
    findings: list[Finding] = []
    for check in registered_checks():
        if check.needs_indicators and not indicators:
            continue
        findings.extend(check.function(context))
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: (order[f.severity], _path_key(f.path), f.code))


@lru_cache(maxsize=4096)
def _path_key(path: str) -> tuple[Any, ...]:
    # tasks[10] sorts after tasks[2]
    parts: list[Any] = []
    for piece in path.replace("]", "").split("["):
        for sub in piece.split("."):
            parts.append((0, int(sub), "") if sub.isdigit() else (1, 0, sub))
    return tuple(parts)

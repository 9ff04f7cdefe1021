"""One parser per layout; each turns the same cell grid into a ``Form``.

A layout module has ``NAME``, ``detect(grid) -> int`` (0 when it does not apply; the highest
score wins) and ``parse(grid) -> Form``.
"""

from __future__ import annotations

from types import ModuleType

from jixiao.ingest.layouts import grid_form, guangzhou

LAYOUTS: tuple[ModuleType, ...] = (guangzhou, grid_form)


def choose(grid: object) -> ModuleType | None:
    """Return the layout that fits the grid best, None when none does."""
    scored = [(module.detect(grid), module) for module in LAYOUTS]
    best = max(scored, key=lambda pair: pair[0])
    return best[1] if best[0] > 0 else None

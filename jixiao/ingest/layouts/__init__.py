"""One parser per layout; each turns the same cell grid into a ``Form``.

A layout module has ``NAME``, ``detect(grid) -> int`` (0 when it does not apply; the highest
score wins) and ``parse(grid) -> Form``.
"""

from __future__ import annotations

from types import ModuleType

from jixiao.ingest.layouts import grid_form, guangzhou

LAYOUTS: tuple[ModuleType, ...] = (guangzhou, grid_form)


# A layout whose own labels are on the grid (a score of this much) is chosen without asking the rest.
_OWN_LABELS = 100


def choose(grid: object) -> ModuleType | None:
    """Return the layout that fits the grid best, None when none does."""
    scored = []
    for module in LAYOUTS:
        score = module.detect(grid)
        if score >= _OWN_LABELS:
            return module
        scored.append((score, module))
    best = max(scored, key=lambda pair: pair[0])
    return best[1] if best[0] > 0 else None

"""Which column a value belongs to when a row lost its empty cells (space-separated, flattened).

A row ``指标1:工程质量合格 10 10`` under 年度指标值 / 实际完成值 / 分值 / 得分 has two figures for four
columns. Reading them left to right would put the points into the empty target and result cells,
which then read as met; :func:`align` places each value in the column whose kind it fits (a bare
figure of points in 分值/得分, a figure with a unit or comparator in a target or result column, a
percentage in the rate column, words in a text column), keeping their order. When two placements fit
equally well the values that they place differently are left out, never guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache

_POINTS = re.compile(r"^(?:100|[1-9]?\d)(?:\.\d{1,2})?分?$")
_BARE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")
_PERCENT = re.compile(r"^\d+(?:\.\d+)?[%%]$")
_QUANTITY = re.compile(r"^(?:[≥≤=<>≧≦﹦═]|>=|<=)?\s*\d[\d,]*(?:\.\d+)?\s*\S{0,8}$")
_ABSENT = {"", "-", "—", "——", "/", "无"}
_OPERATOR = re.compile(r"^(?:[≥≤=<>≧≦﹦═]|>=|<=|=>|=<)$")
_UNIT = re.compile(
    r"^(?:[%%‰]|[个人次项亩户天月年台套件份篇所家米吨只头场期批辆座处间名本册张条块株棵元万亿千]{1,3}"
    r"|公里|千米|平方米|立方米|小时|分钟|百分比)(?:/[^\d\s]{1,4})?(?:[((][^()()\d]{1,6}[))])?$"
)

POINT_KINDS = {"weight", "score"}
AMOUNT_KINDS = {"initial_budget", "adjusted_budget", "actual"}
RATE_KINDS = {"execution_rate"}
VALUE_KINDS = {"target", "result", "adjusted_target"}
TEXT_KINDS = {"deviation", "status", ""}

_IMPOSSIBLE = -1000.0


def kind_of(value: str) -> str:
    """The kind of a cell's value: absent, operator, unit, points, bare, percent, quantity or text."""
    return _kind_of(value)


def _kind_of(value: str) -> str:
    text = value.strip()
    if text in _ABSENT:
        return "absent"
    if _OPERATOR.match(text):
        return "operator"
    if _UNIT.match(text):
        return "unit"
    if _POINTS.match(text):
        return "points"
    if _BARE.match(text):
        return "bare"
    if _PERCENT.match(text):
        return "percent"
    if _QUANTITY.match(text):
        return "quantity"
    return "text"


def _fit(value_kind: str, column: str) -> float:
    """How well a value of one kind fits a column (higher is better; impossible is very low)."""
    if value_kind == "absent":
        return 0.5
    if column == "operator":
        return 2.0 if value_kind == "operator" else _IMPOSSIBLE
    if column == "unit":
        return 2.0 if value_kind == "unit" else _IMPOSSIBLE
    if value_kind == "operator":
        return _IMPOSSIBLE
    if value_kind == "unit":
        return 0.5 if column in VALUE_KINDS else _IMPOSSIBLE
    if column in POINT_KINDS:
        # A lone figure of points is the 分值 the template printed, not a 得分 beside an empty 分值.
        return (2.001 if column == "weight" else 2.0) if value_kind == "points" else _IMPOSSIBLE
    if column in AMOUNT_KINDS:
        return 2.0 if value_kind in ("points", "bare") else _IMPOSSIBLE
    if column in RATE_KINDS:
        return 2.0 if value_kind == "percent" else 0.25 if value_kind in ("points", "bare") else _IMPOSSIBLE
    if column in VALUE_KINDS:
        return {"quantity": 2.0, "percent": 2.0, "text": 1.5}.get(value_kind, 1.0)
    if column in ("deviation", "status"):
        return 1.0 if value_kind == "text" else 0.0
    return 0.1


def align(values: list[str], kinds: list[str]) -> dict[int, int] | None:
    """Place ``values`` (in order) in ``kinds`` columns (in order): value index → column index.

    Returns None when no placement is possible. Values whose place differs between two equally
    good placements are left out of the result.
    """
    value_kinds = tuple(_kind_of(v) for v in values)
    return _align(value_kinds, tuple(kinds))


@lru_cache(maxsize=4096)
def _align(values: tuple[str, ...], kinds: tuple[str, ...]) -> dict[int, int] | None:
    n, m = len(values), len(kinds)
    if n > m:
        return None
    # the figure right after a 指标性质 sign (= | 100) is its 指标值, not points
    fit = [
        [
            _fit(values[i], kinds[j])
            + (
                1.5
                if i and values[i - 1] == "operator" and kinds[j] in ("target", "adjusted_target")
                else 0.0
            )
            for j in range(m)
        ]
        for i in range(n)
    ]
    # best[i][j]: best score placing values[i:] in kinds[j:]; ways: the set of placements reaching it
    best: list[list[float]] = [[_IMPOSSIBLE * 10] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[n][j] = 0.0
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            skip = best[i][j + 1]
            take = fit[i][j] + best[i + 1][j + 1]
            best[i][j] = max(skip, take)
    if best[0][0] <= _IMPOSSIBLE / 2:
        return None
    placements: list[dict[int, int]] = []

    def walk(i: int, j: int, chosen: dict[int, int]) -> None:
        if len(placements) > 8:
            return
        if i == n:
            placements.append(dict(chosen))
            return
        if j == m:
            return
        target = best[i][j]
        if abs(fit[i][j] + best[i + 1][j + 1] - target) < 1e-9:
            chosen[i] = j
            walk(i + 1, j + 1, chosen)
            del chosen[i]
        if abs(best[i][j + 1] - target) < 1e-9:
            walk(i, j + 1, chosen)

    walk(0, 0, {})
    if not placements:
        return None
    agreed = {i: j for i, j in placements[0].items() if all(p.get(i) == j for p in placements[1:])}
    return agreed

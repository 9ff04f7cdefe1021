"""Indicators: read a target and a result as a careful reviewer does (FORM.md §5).

``evaluate(name, target, result, weight)`` parses the target into conditions, finds the actual
values in the result with their evidence (character offsets into the result as written), gives a
verdict (met / not_met / unverifiable), a score for the weight (财预〔2020〕10号) and flags.
"""

from __future__ import annotations

from jixiao.core.indicators.engine import DEFAULT_MARGIN, evaluate, evaluate_form
from jixiao.core.indicators.model import (
    MET,
    NOT_MET,
    UNVERIFIABLE,
    Actual,
    Condition,
    Evaluation,
    Verdict,
)
from jixiao.core.indicators.targets import Target, grid_target, parse_target

__all__ = [
    "DEFAULT_MARGIN",
    "MET",
    "NOT_MET",
    "UNVERIFIABLE",
    "Actual",
    "Condition",
    "Evaluation",
    "Target",
    "Verdict",
    "evaluate",
    "evaluate_form",
    "grid_target",
    "parse_target",
]

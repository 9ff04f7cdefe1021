"""Scoring (FORM.md §6): a scheme of weights and grade bands, a form's score computed from its parts
and explained, set beside the score the form reports, and the spot-check comparison."""

from jixiao.core.scoring.form_score import (
    CAUSE_LABELS,
    CategoryScore,
    FormScore,
    LineScore,
    agrees,
    category_of,
    score_form,
)
from jixiao.core.scoring.scheme import (
    BUILT_IN,
    DEFAULT_SCHEME,
    SPLIT_20_80,
    Category,
    GradeBand,
    Scheme,
    SchemeError,
    grade_label,
    scheme_from_dict,
)
from jixiao.core.scoring.spot_check import SpotCheck, spot_check

__all__ = [
    "BUILT_IN",
    "CAUSE_LABELS",
    "DEFAULT_SCHEME",
    "SPLIT_20_80",
    "Category",
    "CategoryScore",
    "FormScore",
    "GradeBand",
    "LineScore",
    "Scheme",
    "SchemeError",
    "SpotCheck",
    "agrees",
    "category_of",
    "grade_label",
    "scheme_from_dict",
    "score_form",
    "spot_check",
]

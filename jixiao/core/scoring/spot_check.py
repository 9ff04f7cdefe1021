"""抽查复核: the finance bureau's score beside the self-score, flagged when they are far apart.

A spot-check score is stored beside the self-score, never over it (FORM.md §8); this compares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.core.numbers import plain
from jixiao.core.scoring.scheme import DEFAULT_SCHEME, Scheme


@dataclass(frozen=True)
class SpotCheck:
    self_score: Decimal
    reviewer_score: Decimal
    difference: Decimal  # reviewer − self: negative when the reviewer gives fewer points
    gap: Decimal
    flagged: bool
    self_grade: str
    reviewer_grade: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "self_score": plain(self.self_score),
            "reviewer_score": plain(self.reviewer_score),
            "difference": plain(self.difference),
            "gap": plain(self.gap),
            "flagged": self.flagged,
            "self_grade": self.self_grade,
            "reviewer_grade": self.reviewer_grade,
            "message": self.message,
        }


def spot_check(
    self_score: Decimal,
    reviewer_score: Decimal,
    scheme: Scheme = DEFAULT_SCHEME,
    *,
    self_label: str = "自评得分",
) -> SpotCheck:
    """Compare a reviewer's score with the self-score; flag a difference larger than the scheme's gap.

    ``self_label`` names the self-score in the message: "计算得分" where the form reports no total and
    the computed one stands in for it.
    """
    difference = reviewer_score - self_score
    flagged = abs(difference) > scheme.spot_check_gap
    self_grade = scheme.grade(self_score).label
    reviewer_grade = scheme.grade(reviewer_score).label
    if difference == 0:
        message = f"复核得分 {plain(reviewer_score)} 分与{self_label}相同。"
    else:
        direction = "低于" if difference < 0 else "高于"
        message = (
            f"复核得分 {plain(reviewer_score)} 分{direction}{self_label} {plain(self_score)} 分 "
            f"{plain(abs(difference))} 分"
        )
        if flagged:
            message += f",超过允许差距 {plain(scheme.spot_check_gap)} 分,请核实自评依据。"
        else:
            message += f",在允许差距 {plain(scheme.spot_check_gap)} 分以内。"
    if self_grade != reviewer_grade:
        message += f"等级由“{self_grade}”变为“{reviewer_grade}”。"
    return SpotCheck(
        self_score=self_score,
        reviewer_score=reviewer_score,
        difference=difference,
        gap=scheme.spot_check_gap,
        flagged=flagged,
        self_grade=self_grade,
        reviewer_grade=reviewer_grade,
        message=message,
    )

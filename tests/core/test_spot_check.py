"""抽查复核: the whole message the finance bureau and the unit read, and the record kept for the API."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.scoring import spot_check


@pytest.mark.parametrize(
    ("self_score", "reviewer_score", "message"),
    [
        (
            "95",
            "58",
            "复核得分 58 分低于自评得分 95 分 37 分,超过允许差距 5 分,请核实自评依据。等级由“优”变为“差”。",
        ),
        ("88", "91", "复核得分 91 分高于自评得分 88 分 3 分,在允许差距 5 分以内。等级由“良”变为“优”。"),
        ("95", "92", "复核得分 92 分低于自评得分 95 分 3 分,在允许差距 5 分以内。"),
        ("88", "88.5", "复核得分 88.5 分高于自评得分 88 分 0.5 分,在允许差距 5 分以内。"),
        ("80", "80", "复核得分 80 分与自评得分相同。"),
    ],
)
def test_the_message_says_which_way_by_how_much_and_whether_it_is_within_the_gap(
    self_score: str, reviewer_score: str, message: str
) -> None:
    assert spot_check(D(self_score), D(reviewer_score)).message == message


def test_the_record_keeps_both_scores_the_difference_the_gap_and_the_grades() -> None:
    assert spot_check(D(95), D(58)).to_dict() == {
        "self_score": "95",
        "reviewer_score": "58",
        "difference": "-37",
        "gap": "5",
        "flagged": True,
        "self_grade": "优",
        "reviewer_grade": "差",
        "message": "复核得分 58 分低于自评得分 95 分 37 分,超过允许差距 5 分,请核实自评依据。等级由“优”变为“差”。",
    }

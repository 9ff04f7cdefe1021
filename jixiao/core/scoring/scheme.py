"""A scoring scheme: how many points the execution rate and each category of indicators carry,
the grade bands, the tolerance for rounding and the spot-check gap (FORM.md §6).

The default follows 财预〔2020〕10号: 预算执行率 10, 产出 50, 效益 30, 满意度 10; grades 优 ≥ 90,
良 80–90, 中 60–80, 差 < 60. A region may set its own (财预〔2013〕53号 fixes no weights), e.g. the
20/80 split of 隆阳 and 襄阳 (LAYOUTS.md P3). A scheme is read from and written to JSON with
decimals as strings, like the form itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any, Literal

from jixiao.core.numbers import plain

HUNDRED = Decimal(100)
ZERO = Decimal(0)

# Where a form prints 分值 for its indicators, "form" scores by them (the form's own split, e.g.
# 产出 40 / 效益 40 / 满意度 20); "scheme" rescales each category to the scheme's weight.
PrintedWeights = Literal["form", "scheme"]


class SchemeError(ValueError):
    """A scheme that cannot be used; ``str()`` is one Chinese sentence."""


@dataclass(frozen=True)
class Category:
    """A first-level category of indicators (一级指标) and the points it carries.

    ``keywords`` place an indicator in the category: tried on its 一级指标, then its 二级指标, and
    only when neither is written (department forms), on its name.
    """

    key: str
    label: str
    weight: Decimal
    keywords: tuple[str, ...] = ()
    name_keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class GradeBand:
    """A grade and the lowest total that earns it (inclusive)."""

    label: str
    minimum: Decimal


@dataclass(frozen=True)
class Scheme:
    name: str
    execution_weight: Decimal
    categories: tuple[Category, ...]
    grades: tuple[GradeBand, ...]
    tolerance: Decimal = Decimal("0.01")
    spot_check_gap: Decimal = Decimal(5)
    printed_weights: PrintedWeights = "form"
    default_category: str = ""

    @property
    def total(self) -> Decimal:
        return self.execution_weight + sum((c.weight for c in self.categories), ZERO)

    def category(self, key: str) -> Category:
        for category in self.categories:
            if category.key == key:
                return category
        raise KeyError(key)

    @property
    def fallback(self) -> Category:
        """Return the category an indicator falls into when nothing places it (产出 by default)."""
        if self.default_category:
            return self.category(self.default_category)
        return self.categories[0]

    def grade(self, total: Decimal) -> GradeBand:
        """Return the band ``total`` falls in: the first whose minimum it reaches."""
        for band in self.grades:
            if total >= band.minimum:
                return band
        return self.grades[-1]

    def to_dict(self) -> dict[str, Any]:
        """Return the scheme as JSON data (decimals as strings); ``scheme_from_dict`` reads it back."""
        return {
            "name": self.name,
            "execution_weight": plain(self.execution_weight),
            "categories": [
                {
                    "key": c.key,
                    "label": c.label,
                    "weight": plain(c.weight),
                    "keywords": list(c.keywords),
                    "name_keywords": list(c.name_keywords),
                }
                for c in self.categories
            ],
            "grades": [{"label": g.label, "minimum": plain(g.minimum)} for g in self.grades],
            "tolerance": plain(self.tolerance),
            "spot_check_gap": plain(self.spot_check_gap),
            "printed_weights": self.printed_weights,
            "default_category": self.default_category or self.categories[0].key,
        }


OUTPUT_KEYWORDS = ("产出", "数量", "质量", "时效", "成本")
OUTCOME_KEYWORDS = ("效益", "效果", "影响")
SATISFACTION_KEYWORDS = ("满意",)
# On a department form's 关键指标 (no 一级/二级 written), the name alone says the category.
OUTCOME_NAME_KEYWORDS = ("效益", "受益", "带动", "增收", "节约", "可持续")
SATISFACTION_NAME_KEYWORDS = ("满意", "好评")

GRADES = (
    GradeBand("优", Decimal(90)),
    GradeBand("良", Decimal(80)),
    GradeBand("中", Decimal(60)),
    GradeBand("差", ZERO),
)

DEFAULT_SCHEME = Scheme(
    name="财预〔2020〕10号(执行率10、产出50、效益30、满意度10)",
    execution_weight=Decimal(10),
    categories=(
        Category("output", "产出指标", Decimal(50), OUTPUT_KEYWORDS),
        Category("outcome", "效益指标", Decimal(30), OUTCOME_KEYWORDS, OUTCOME_NAME_KEYWORDS),
        Category(
            "satisfaction", "满意度指标", Decimal(10), SATISFACTION_KEYWORDS, SATISFACTION_NAME_KEYWORDS
        ),
    ),
    grades=GRADES,
    default_category="output",
)

SPLIT_20_80 = Scheme(
    name="执行率20、年度绩效目标80(隆阳、襄阳式)",
    execution_weight=Decimal(20),
    categories=(Category("performance", "年度绩效目标", Decimal(80), ()),),
    grades=GRADES,
    default_category="performance",
)

BUILT_IN: dict[str, Scheme] = {"default": DEFAULT_SCHEME, "20/80": SPLIT_20_80}

# Grade words as forms write them → the band label.
_GRADE_WORDS = {
    "优": "优",
    "优秀": "优",
    "良": "良",
    "良好": "良",
    "中": "中",
    "中等": "中",
    "合格": "中",
    "一般": "中",
    "及格": "中",
    "差": "差",
    "较差": "差",
    "不合格": "差",
    "不及格": "差",
}


def grade_label(text: str | None) -> str | None:
    """Return the band label a written grade means ("优秀" → "优", "良好" → "良"); None if unknown."""
    if text is None:
        return None
    cleaned = "".join(text.split()).removesuffix("等级").removesuffix("等次").removesuffix("级")
    return _GRADE_WORDS.get(cleaned)


# --- reading a scheme from JSON data -------------------------------------------------------------


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise SchemeError(f'{where} 应为数字字符串(如 "10"),实际为 {value!r}')
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise SchemeError(f"{where} 应为数字,实际为 {value!r}") from None
    else:
        raise SchemeError(f'{where} 应写成字符串(如 "10"),以免二进制浮点数丢失精度,实际为 {value!r}')
    if not result.is_finite() or result < ZERO:
        raise SchemeError(f"{where} 不能为负数或非有限数,实际为 {value!r}")
    return result


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if (
        not isinstance(value, Sequence)
        or isinstance(value, str)
        or not all(isinstance(v, str) for v in value)
    ):
        raise SchemeError(f"{where} 应为字符串列表")
    return tuple(v for v in value if v)


def scheme_from_dict(data: Mapping[str, Any], *, base: Scheme = DEFAULT_SCHEME) -> Scheme:
    """Build a scheme from JSON data; keys left out keep ``base``'s values. Raises SchemeError."""
    if not isinstance(data, Mapping):
        raise SchemeError("评分方案应为 JSON 对象")
    known = {
        "name",
        "execution_weight",
        "categories",
        "grades",
        "tolerance",
        "spot_check_gap",
        "printed_weights",
        "default_category",
    }
    unknown = sorted(set(data) - known)
    if unknown:
        raise SchemeError(f"评分方案中有未知字段:{'、'.join(unknown)}")
    categories = base.categories
    if "categories" in data:
        raw = data["categories"]
        if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
            raise SchemeError("categories 应为非空列表")
        built = []
        for i, item in enumerate(raw):
            if not isinstance(item, Mapping) or not isinstance(item.get("key"), str) or not item["key"]:
                raise SchemeError(f"categories[{i}] 应为含 key、label、weight 的对象")
            built.append(
                Category(
                    key=item["key"],
                    label=str(item.get("label") or item["key"]),
                    weight=_decimal(item.get("weight"), f"categories[{i}].weight"),
                    keywords=_strings(item.get("keywords"), f"categories[{i}].keywords"),
                    name_keywords=_strings(item.get("name_keywords"), f"categories[{i}].name_keywords"),
                )
            )
        categories = tuple(built)
    grades = base.grades
    if "grades" in data:
        raw = data["grades"]
        if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
            raise SchemeError("grades 应为非空列表")
        grades = tuple(
            GradeBand(str(item.get("label")), _decimal(item.get("minimum"), f"grades[{i}].minimum"))
            if isinstance(item, Mapping) and item.get("label")
            else _bad_grade(i)
            for i, item in enumerate(raw)
        )
    printed = data.get("printed_weights", base.printed_weights)
    if printed not in ("form", "scheme"):
        raise SchemeError('printed_weights 应为 "form"(按表中分值)或 "scheme"(按方案权重折算)')
    default_category = data.get(
        "default_category", base.default_category if categories is base.categories else ""
    )
    scheme = Scheme(
        name=str(data.get("name") or base.name),
        execution_weight=(
            _decimal(data["execution_weight"], "execution_weight")
            if "execution_weight" in data
            else base.execution_weight
        ),
        categories=categories,
        grades=grades,
        tolerance=_decimal(data["tolerance"], "tolerance") if "tolerance" in data else base.tolerance,
        spot_check_gap=(
            _decimal(data["spot_check_gap"], "spot_check_gap")
            if "spot_check_gap" in data
            else base.spot_check_gap
        ),
        printed_weights=printed,
        default_category=str(default_category or ""),
    )
    validate(scheme)
    return scheme


def _bad_grade(index: int) -> GradeBand:
    raise SchemeError(f"grades[{index}] 应为含 label 与 minimum 的对象")


def validate(scheme: Scheme) -> None:
    """Raise SchemeError unless the weights add up to 100 and the grade bands are ordered."""
    if scheme.total != HUNDRED:
        parts = " + ".join([plain(scheme.execution_weight)] + [plain(c.weight) for c in scheme.categories])
        raise SchemeError(f"执行率与各类指标的分值合计应为 100 分,现为 {parts} = {plain(scheme.total)} 分")
    keys = [c.key for c in scheme.categories]
    if len(set(keys)) != len(keys):
        raise SchemeError("指标类别的 key 不能重复")
    if scheme.default_category and scheme.default_category not in keys:
        raise SchemeError(f"default_category “{scheme.default_category}” 不是已定义的指标类别")
    minima = [g.minimum for g in scheme.grades]
    if any(a <= b for a, b in pairwise(minima)):
        raise SchemeError("等级应按最低分从高到低排列,且最低分各不相同")
    if minima[-1] != ZERO:
        raise SchemeError("最后一个等级的最低分应为 0,使任何总分都有等级")
    if minima[0] > HUNDRED:
        raise SchemeError("最高等级的最低分不能超过 100 分")

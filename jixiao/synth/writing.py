"""Indicator texts as real forms write them: targets inside a Guangzhou 关键指标 name ("好评率95%以上",
"事项数≥200项") or in a grid cell ("≥50个", "50个", ">=21933人", "﹦100%"), results as sentences
("完成目标。截至2022年12月31日,好评率为97.55%。") or bare cells ("50", "100.00%", "无")."""

from __future__ import annotations

import random
from decimal import Decimal
from functools import lru_cache

from jixiao.core.indicators import parse_target
from jixiao.synth.catalogue import Metric

# Styles a writer keeps from year to year (chosen once per unit and metric), with their odds.
GRID_MORE = (("bare", 50), ("≥", 20), (">=", 7), ("≧", 4), ("≥ ", 3), ("不少于", 8), ("以上", 8))
GRID_LESS = (("bare", 40), ("≤", 30), ("<=", 10), ("≦", 5), ("不超过", 10), ("以内", 5))
GRID_EQUAL = (("=", 35), ("﹦", 10), ("═", 5), ("bare", 35), ("≥", 15))
NAME_MORE = (("≥", 35), ("不少于", 20), ("以上", 30), ("达到", 15))
NAME_LESS = (("≤", 40), ("不超过", 35), ("控制在", 25))
NAME_EQUAL = (("达到", 60), ("=", 20), ("≥", 20))


def weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    roll = rng.randrange(sum(odds for _, odds in options))
    for option, odds in options:
        if roll < odds:
            return option
        roll -= odds
    return options[-1][0]  # pragma: no cover


def style_for(rng: random.Random, metric: Metric, *, in_name: bool) -> str:
    """Choose how a unit writes this metric's target (kept the same every year)."""
    if metric.kind == "eq":
        return weighted(rng, NAME_EQUAL if in_name else GRID_EQUAL)
    if metric.less_is_better:
        return weighted(rng, NAME_LESS if in_name else GRID_LESS)
    if metric.kind in ("up", "rate"):
        return weighted(rng, NAME_MORE if in_name else GRID_MORE)
    return "word"


def number(value: Decimal) -> str:
    return format(value, "f")


@lru_cache(maxsize=4096)
def bare_reads_as(subject: str, written: str) -> str | None:
    """Return the operator the indicator engine infers for a bare target (≥ or ≤), or None."""
    parsed = parse_target(subject, written)
    if parsed.kind != "quantity" or len(parsed.conditions) != 1:
        return None
    return parsed.conditions[0].operator


def _date_words(date: str, *, end_of_month: bool) -> str:
    year, month, day = (int(part) for part in date.split("-"))
    return f"{year}年{month}月底前" if end_of_month else f"{year}年{month}月{day}日前"


def _is_month_end(date: str) -> bool:
    _, month, day = (int(part) for part in date.split("-"))
    return day >= 28 and (month != 2 or day == 28)


def grid_target(metric: Metric, target: Decimal | str, style: str) -> str:
    """Write a target for a grid cell (年度指标值)."""
    if metric.kind in ("grade", "qual"):
        return str(target) + ("以上" if metric.kind == "grade" and style == "以上" else "")
    if metric.kind == "deadline":
        return _date_words(str(target), end_of_month=_is_month_end(str(target))) + "完成"
    assert isinstance(target, Decimal)
    unit = "%" if metric.percent else metric.unit
    value = number(target) + unit
    if metric.kind == "cost":
        return value if style == "bare" else "≤" + value
    wanted = "≤" if metric.less_is_better else "≥"
    if style == "bare":
        operator = bare_reads_as(metric.subject, value)
        if operator == wanted or (metric.kind == "eq" and operator == "≥"):
            return value
        style = wanted
    if style in ("不少于", "不超过"):
        return style + value
    if style == "以上":
        return value + "以上"
    if style == "以内":
        return value + "以内"
    return style + value


def name_with_target(metric: Metric, target: Decimal | str, style: str, year: int) -> str:
    """Write a Guangzhou 关键指标: the subject with its target ("依申请事项办事不用跑率≥95%")."""
    subject = metric.subject
    if metric.kind == "grade":
        return f"{subject}{target}以上"
    if metric.kind == "qual":
        return f"{subject}{target}"
    if metric.kind == "deadline":
        thing = subject.removesuffix("完成时间")
        return _date_words(str(target), end_of_month=_is_month_end(str(target))) + f"完成{thing}"
    assert isinstance(target, Decimal)
    unit = "%" if metric.percent else metric.unit
    value = number(target) + unit
    if style == "不少于" or style == "不超过":
        return f"{subject}{style}{value}"
    if style == "以上":
        return f"{subject}{value}以上"
    if style == "达到":
        return f"{subject}达到{value}"
    if style == "控制在":
        return f"{subject}控制在{value}以内"
    return f"{subject}{style}{value}"


def _figure(metric: Metric, actual: Decimal) -> str:
    unit = "%" if metric.percent else metric.unit
    return number(actual) + unit


def sentence_result(
    rng: random.Random, metric: Metric, actual: Decimal | str, year: int, *, met: bool, admit: bool
) -> str:
    """Write a Guangzhou result: "完成目标。截至2022年12月31日,…为97.55%。".

    ``admit``: a shortfall is said as such ("未完成目标。"); a form claiming everything was done does not.
    """
    claim = "完成目标。" if met and rng.randrange(10) < 6 else ("未完成目标。" if not met and admit else "")
    roll = rng.randrange(10)
    when = f"截至{year}年12月31日," if roll < 7 else (f"{year}年" if roll < 9 else "")
    subject = metric.subject
    if metric.kind == "grade":
        return f"{claim}{when}{subject}为{actual}等级。"
    if metric.kind == "qual":
        return f"{claim}{subject}{'已' if met else ''}{actual if not met else metric.targets}。"
    if metric.kind == "deadline":
        y, m, d = (int(part) for part in str(actual).split("-"))
        thing = subject.removesuffix("完成时间")
        return f"{claim}已于{y}年{m}月{d}日完成{thing}。" if met else f"{thing}于{y}年{m}月{d}日完成。"
    assert isinstance(actual, Decimal)
    if actual == 0 and metric.zero_words and metric.less_is_better:
        return f"{claim}{year}年全年{metric.zero_words}。"
    connector = rng.choice(("为", "达到", "达", "")) if not metric.less_is_better else rng.choice(("为", ""))
    return f"{claim}{when}{subject}{connector}{_figure(metric, actual)}。"


def cell_result(rng: random.Random, metric: Metric, actual: Decimal | str, *, met: bool) -> str:
    """Write a grid result cell (实际完成值): "1260个", "1260", "97.50%", "无", "达成预期指标"."""
    if metric.kind == "grade":
        return str(actual)
    if metric.kind == "qual":
        if not met:
            return str(actual)
        return "达成预期指标" if rng.randrange(2) == 0 else str(metric.targets)
    if metric.kind == "deadline":
        y, m, d = (int(part) for part in str(actual).split("-"))
        return f"{y}年{m}月{d}日完成"
    assert isinstance(actual, Decimal)
    if actual == 0 and metric.less_is_better and rng.randrange(3) == 0:
        return "无"
    if metric.percent:
        if rng.randrange(4) == 0 and actual == actual.to_integral_value():
            return number(actual.quantize(Decimal("0.01"))) + "%"
        return number(actual.normalize() if actual == actual.to_integral_value() else actual) + "%"
    bare = not metric.unit.startswith("万") and metric.kind != "cost" and rng.randrange(4) == 0
    return number(actual) if bare else _figure(metric, actual)


UNMEASURED_SENTENCES = ("完成目标。", "已按要求完成。", "已完成年度任务。", "按计划推进,完成目标。")
UNMEASURED_CELLS = ("完成", "已完成", "按计划完成", "达到预期")

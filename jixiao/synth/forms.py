"""Build one synthetic form as FORMAT.md JSON data, and keep what each indicator is meant to be.

A department form follows the Guangzhou layout of the seed (部门资金情况, 年度目标, 主要任务 with 关键指标,
重点项目, 部门整体绩效, 存在问题, 改进措施, 注); a project form follows the 财预〔2020〕10号 grid (年度资金总额 and
其中 lines with 分值/得分, 一级/二级/三级指标 with 分值/得分, 总分, 自评等级). Figures agree with each other
unless a mistake is planted (``mistakes.py``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jixiao.core.compute import ratio_percent
from jixiao.core.indicators import MET, NOT_MET
from jixiao.synth import distributions as dist
from jixiao.synth.catalogue import (
    CATEGORY_WORDS,
    DEVIATIONS,
    IMPROVEMENTS,
    LEVEL1,
    LEVEL2_NAMES,
    NOTES,
    PROBLEMS,
    Metric,
    Sector,
    TaskPlan,
)
from jixiao.synth.values import HUNDRED, ZERO, Value, exceeds_by
from jixiao.synth.writing import (
    cell_result,
    grid_target,
    name_with_target,
    number,
    sentence_result,
)

CENT = Decimal("0.01")
AMBITION_MARGIN = Decimal(20)  # the engine's default (jixiao.core.indicators.DEFAULT_MARGIN)
SYNTHETIC_NOTE = (
    "本表为 jixiao synth 生成的合成数据(种子 {seed}),单位名称取自真实行政区划,金额与指标均为虚构。"
)


def money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def q2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Item:
    """One indicator of a form as generated: its metric, its values, and the verdict it should get."""

    path: str
    metric: Metric
    value: Value
    verdict: str
    cell: dict[str, Any]
    in_name: bool
    task: int | None = None
    points: Decimal | None = None  # grid forms: the 分值
    score: Decimal | None = None  # the score it earns, as the engine computes it

    @property
    def notice(self) -> bool:
        """True when the engine will say the target was beaten by far (indicators.ambition)."""
        if self.verdict != MET:
            return False
        beaten = exceeds_by(self.metric, self.value.target, self.value.actual)
        return beaten is not None and beaten > AMBITION_MARGIN


@dataclass
class Built:
    """A form being built: its JSON data, its indicators, and what was planted in it."""

    kind: str
    data: dict[str, Any]
    items: list[Item] = field(default_factory=list)
    planted: list[dict[str, Any]] = field(default_factory=list)
    # Facts the mistakes need: which task claims what, the key project's counts, the weights …
    facts: dict[str, Any] = field(default_factory=dict)


# --- funds ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    initial: int
    adjusted: int
    actual: int


def draw_money(rng: random.Random, budget_cents: int, *, project: bool) -> Money:
    """Return 年初预算, 调整预算 and 实际支出 in cents, from the distributions of the corpus."""
    if project and rng.randrange(10) < 7:
        adjusted = initial = budget_cents
    else:
        low, high = dist.pick(rng.randrange(dist.total(dist.ADJUSTMENT)), dist.ADJUSTMENT)
        change = rng.randint(low, high)
        initial = budget_cents
        adjusted = initial + (initial * change + (5000 if change >= 0 else -5000)) // 10000
    bands = dist.PROJECT_EXECUTION if project else dist.DEPARTMENT_EXECUTION
    low, high = dist.pick(rng.randrange(dist.total(bands)), bands)
    rate_bp = rng.randint(low, high)
    actual = adjusted if rate_bp >= 10000 else (adjusted * rate_bp + 5000) // 10000
    return Money(initial, adjusted, actual)


def split(
    rng: random.Random, total: int, parts: int, *, first_share: tuple[int, int] = (50, 100)
) -> list[int]:
    """Split ``total`` cents into ``parts`` non-negative amounts that add up exactly."""
    if parts == 1:
        return [total]
    first = total * rng.randint(*first_share) // 100
    rest = total - first
    amounts = [first]
    for i in range(parts - 1):
        amount = rest if i == parts - 2 else rest * rng.randint(20, 80) // 100
        amounts.append(amount)
        rest -= amount
    return amounts


# --- indicators -----------------------------------------------------------------------------------


def category_points(scheme: str) -> dict[str, int]:
    """The points of each first-level category on a grid: 50/30/10, or 45/25/10 beside a 20-point rate."""
    if scheme == "20/80":
        return {"产出指标": 45, "效益指标": 25, "满意度指标": 10}
    return {"产出指标": 50, "效益指标": 30, "满意度指标": 10}


def spread(total: int, count: int) -> list[int]:
    base, extra = divmod(total, count)
    return [base + (1 if i < extra else 0) for i in range(count)]


def earned(item: Item, points: Decimal) -> Decimal:
    """The score an indicator earns by 财预〔2020〕10号, as the engine computes it (0.01)."""
    value = item.value
    if item.verdict == MET:
        return q2(points)
    metric = item.metric
    if metric.kind in ("grade", "qual"):
        return q2(points * Decimal("0.7"))  # the middle of the 60–80 % band, as a reviewer picks
    if metric.kind == "deadline":
        return ZERO
    assert isinstance(value.actual, Decimal) and isinstance(value.target, Decimal)
    actual, target = value.actual, value.target
    if metric.less_is_better:
        share = target / actual if actual > 0 else Decimal(1)
    else:
        share = actual / target if target > 0 else ZERO
    return q2(points * max(ZERO, min(Decimal(1), share)))


def _printed(item: Item, places: int) -> Decimal:
    """The score of a row as printed; a shortfall never rounds up to full points (4.98 stays 4.98)."""
    assert item.score is not None and item.points is not None
    shown = print_score(item.score, places)
    return item.score if item.verdict != MET and shown >= item.points else shown


def print_score(value: Decimal, places: int) -> Decimal:
    """A score as a form prints it: whole numbers without decimals, else with ``places`` decimals."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# --- department form (Guangzhou layout) -----------------------------------------------------------


@dataclass
class TaskValues:
    plan: TaskPlan
    values: list[Value]
    in_name: list[bool]
    styles: list[str]


def department_form(
    rng: random.Random,
    *,
    name: str,
    short: str,
    sector: Sector,
    year: int,
    summary: bool,
    cash: Money,
    tasks: list[TaskValues],
    key_project: dict[str, Any],
    seed: int,
) -> Built:
    """Build a Guangzhou department form; ``key_project`` names the key project and its indicator counts."""
    initial, adjusted, actual = money(cash.initial), money(cash.adjusted), money(cash.actual)
    adjustment = initial - adjusted
    adjustment_rate = ratio_percent(abs(adjustment), initial) if initial else None
    execution_rate = ratio_percent(actual, adjusted) if adjusted else None
    sources = ["一般公共预算"]
    if rng.randrange(10) < 3:
        sources.append(rng.choice(("政府性基金预算", "财政专户管理资金", "单位资金", "其他")))
    full_lines = rng.randrange(10) < 3
    actual_parts = split(rng, cash.actual, len(sources), first_share=(70, 100))
    initial_parts = split(rng, cash.initial, len(sources), first_share=(70, 100)) if full_lines else None
    adjusted_parts = split(rng, cash.adjusted, len(sources), first_share=(70, 100)) if full_lines else None
    lines = [
        {
            "source": source,
            "initial_budget": text(money(initial_parts[i])) if initial_parts else None,
            "adjusted_budget": text(money(adjusted_parts[i])) if adjusted_parts else None,
            "actual": text(money(actual_parts[i])),
        }
        for i, source in enumerate(sources)
    ]
    # 任务涉及资金: part of the expenditure, split over the tasks.
    task_cents = split(rng, cash.actual * rng.randint(15, 60) // 100, len(tasks), first_share=(20, 60))
    built = Built(kind="department", data={})
    task_rows = []
    for t, task in enumerate(tasks):
        indicators = []
        for i, (value, in_name, style) in enumerate(zip(task.values, task.in_name, task.styles, strict=True)):
            metric = value.metric
            verdict = MET if value.met else NOT_MET
            name_cell = name_with_target(metric, value.target, style, year) if in_name else metric.subject
            if in_name and rng.randrange(3) == 0:
                name_cell += rng.choice(("。", ";"))
            cell = {
                "level1": None,
                "level2": None,
                "name": name_cell,
                "target": None if in_name else grid_target(metric, value.target, style),
                "result": sentence_result(
                    rng, metric, value.actual, year, met=value.met, admit=rng.randrange(2) == 0
                ),
                "weight": None,
                "score": None,
                "deviation": None,
            }
            indicators.append(cell)
            built.items.append(
                Item(f"tasks[{t}].indicators[{i}]", metric, value, verdict, cell, in_name, task=t)
            )
        task_rows.append(
            {
                "name": task.plan.name,
                "expected": task.plan.expected,
                "achieved": None,  # written below, once verdicts are final
                "funds": text(money(task_cents[t])),
                "indicators": indicators,
            }
        )
    level = short[:1] if short[:1] in "区县市" else ""
    goals_expected = f"{year}年,{short}围绕{sector.focus},{''.join(t.plan.expected for t in tasks)}"
    achievements = "、".join(sector.achievements) if sector.achievements else f"{sector.focus}取得新成效"
    goals_achieved = (
        f"{year}年,{short}紧紧围绕{level}委、{level}政府中心工作部署,{achievements},"
        f"较好地完成了年度工作任务。"
        if level
        else f"{year}年,{short}认真落实上级工作部署,{achievements},较好地完成了年度工作任务。"
    )
    built.data = {
        "schema": "jixiao.self-evaluation/1",
        "kind": "department",
        "year": year,
        "department": name,
        "summary": summary,
        "project": None,
        "implementing_unit": None,
        "amount_unit": "万元",
        "funds": {
            "initial_budget": text(initial),
            "adjusted_budget": text(adjusted),
            "actual": text(actual),
            "adjustment": text(adjustment),
            "execution_rate": text(execution_rate),
            "adjustment_rate": text(adjustment_rate),
            "weight": None,
            "score": None,
            "lines": lines,
        },
        "goals": {"expected": goals_expected, "achieved": goals_achieved},
        "tasks": task_rows,
        "indicators": [],
        "key_project": key_project_text(year, short, key_project),
        "overall_performance": None,
        "problems": rng.sample(PROBLEMS, rng.randint(2, 3)),
        "improvements": rng.sample(IMPROVEMENTS, rng.randint(2, 3)),
        "total_score": None,
        "grade": None,
        "notes": [*NOTES, SYNTHETIC_NOTE.format(seed=seed)],
        "review": [],
    }
    built.facts.update(
        execution_rate=execution_rate, short=short, key_project=key_project, year=year, claims={}
    )
    return built


def key_project_text(
    year: int, short: str, project: dict[str, Any], counts: dict[str, int] | None = None
) -> str:
    """重点项目绩效情况: the project, its indicator counts by category, and their sum."""
    counts = counts if counts is not None else project["counts"]
    total = project["total"]
    listing = ",".join(f"{word}指标{n}项" for word, n in counts.items() if n)
    return (
        f"{year}年{short}开展“{project['name']}”重点项目绩效自评,项目预算{project['budget']}万元,"
        f"设置{total}项绩效指标,其中{listing}。{project['outcome']}"
    )


def finish_department(rng: random.Random, built: Built, *, claim_tasks: set[int]) -> None:
    """Write each task's 目标完成情况 and the overall performance once every verdict is final.

    A task in ``claim_tasks`` says its indicators were all met whatever their verdicts (a planted claim).
    """
    data = built.data
    for t, task in enumerate(data["tasks"]):
        items = [item for item in built.items if item.task == t]
        listed = len(items)
        claimed = built.facts.get("claimed_counts", {}).get(t, listed)
        met = sum(1 for item in items if item.verdict == MET)
        if t in claim_tasks or met == listed:
            task["achieved"] = f"{claimed}个关键指标均已完成预期目标。"
        else:
            task["achieved"] = (
                f"{claimed}个关键指标中{met}个已完成预期目标,{listed - met}个未达到预期,原因已在指标完成情况中说明。"
            )
    rate = built.facts["execution_rate"]
    met = sum(1 for item in built.items if item.verdict == MET)
    rate_words = f"部门整体支出预算执行率{number(rate)}%," if rate is not None else ""
    data["overall_performance"] = (
        f"{built.facts['year']}年,{built.facts['short']}{rate_words}"
        f"设置的{len(built.items)}个关键指标中{met}个达到预期目标,部门整体绩效良好。"
    )


# --- project form (财预〔2020〕10号 grid) -----------------------------------------------------------


def project_form(
    rng: random.Random,
    *,
    project: str,
    department: str,
    unit: str,
    year: int,
    cash: Money,
    values: list[Value],
    styles: list[str],
    scheme: str,
    seed: int,
) -> Built:
    """Build a project form with printed 分值 and 得分, a total and a grade."""
    initial, adjusted, actual = money(cash.initial), money(cash.adjusted), money(cash.actual)
    rate = ratio_percent(actual, adjusted)
    execution_weight = Decimal(20 if scheme == "20/80" else 10)
    execution_exact = execution_weight * min(rate, HUNDRED) / HUNDRED
    places = rng.choice((1, 2, 2))
    sources = (
        ["当年财政拨款"]
        + (["上年结转资金"] if rng.randrange(10) < 3 else [])
        + (["其他资金"] if rng.randrange(20) == 0 else [])
    )
    parts = [
        split(rng, amount, len(sources), first_share=(75, 100))
        for amount in (cash.initial, cash.adjusted, cash.actual)
    ]
    lines = [
        {
            "source": source,
            "initial_budget": text(money(parts[0][i])),
            "adjusted_budget": text(money(parts[1][i])),
            "actual": text(money(parts[2][i])),
        }
        for i, source in enumerate(sources)
    ]
    # The grid, ordered by 一级 then 二级 指标 as the template prints it.
    order = list(LEVEL2_NAMES)
    rows = sorted(zip(values, styles, strict=True), key=lambda pair: order.index(pair[0].metric.level2))
    points = category_points(scheme)
    by_level1: dict[str, int] = {}
    for value, _ in rows:
        level1 = LEVEL1[value.metric.level2]
        by_level1[level1] = by_level1.get(level1, 0) + 1
    weights: dict[str, list[int]] = {level1: spread(points[level1], n) for level1, n in by_level1.items()}
    labelled = rng.randrange(2) == 0  # "产出指标(50分)" or "产出指标"
    built = Built(kind="project", data={})
    cells = []
    exact_total = execution_exact
    for i, (value, style) in enumerate(rows):
        metric = value.metric
        level1 = LEVEL1[metric.level2]
        weight = Decimal(weights[level1].pop(0))
        item = Item(
            f"indicators[{i}]", metric, value, MET if value.met else NOT_MET, {}, False, points=weight
        )
        item.score = earned(item, weight)
        exact_total += item.score
        cell = {
            "level1": f"{level1}({points[level1]}分)" if labelled else level1,
            "level2": LEVEL2_NAMES[metric.level2],
            "name": metric.subject,
            "target": grid_target(metric, value.target, style),
            "result": cell_result(rng, metric, value.actual, met=value.met),
            "weight": text(weight),
            "score": text(_printed(item, places)),
            "deviation": None if value.met else rng.choice(DEVIATIONS),
        }
        item.cell = cell
        cells.append(cell)
        built.items.append(item)
    total_places = rng.choice((0, 0, 1, 2))
    total = q2(exact_total)
    printed_total = total.quantize(Decimal(1).scaleb(-total_places), rounding=ROUND_HALF_UP)
    all_met = all(item.verdict == MET for item in built.items)
    achieved = f"{year}年项目按计划实施,资金执行率{number(rate)}%," + (
        "项目各项绩效目标均已完成。" if all_met else "部分绩效指标未达到年初目标,原因已在偏差分析中说明。"
    )
    built.data = {
        "schema": "jixiao.self-evaluation/1",
        "kind": "project",
        "year": year,
        "department": department,
        "summary": False,
        "project": project,
        "implementing_unit": unit,
        "amount_unit": "万元",
        "funds": {
            "initial_budget": text(initial),
            "adjusted_budget": text(adjusted),
            "actual": text(actual),
            "adjustment": None,
            "execution_rate": text(
                rate if rng.randrange(3) else rate.normalize() if rate == rate.to_integral_value() else rate
            ),
            "adjustment_rate": None,
            "weight": text(execution_weight),
            "score": text(print_score(q2(execution_exact), 2)),
            "lines": lines,
        },
        "goals": {
            "expected": f"按期完成{project}各项建设任务,资金使用规范,服务对象满意。",
            "achieved": achieved,
        },
        "tasks": [],
        "indicators": cells,
        "key_project": None,
        "overall_performance": None,
        "problems": rng.sample(PROBLEMS, 2),
        "improvements": rng.sample(IMPROVEMENTS, 2),
        "total_score": text(printed_total),
        "grade": grade_word(rng, total, scheme),
        "notes": [SYNTHETIC_NOTE.format(seed=seed)],
        "review": [],
    }
    built.facts.update(
        execution_exact=execution_exact,
        execution_weight=execution_weight,
        total=total,
        total_places=total_places,
        places=places,
        rate=rate,
        scheme=scheme,
        year=year,
    )
    return built


GRADE_WORDS = {"优": ("优", "优秀"), "良": ("良", "良好"), "中": ("中", "中等"), "差": ("差",)}


def grade_label(total: Decimal) -> str:
    if total >= 90:
        return "优"
    if total >= 80:
        return "良"
    if total >= 60:
        return "中"
    return "差"


def grade_word(rng: random.Random, total: Decimal, scheme: str) -> str:
    return rng.choice(GRADE_WORDS[grade_label(total)])


def project_counts(values: list[Value]) -> dict[str, int]:
    """Count a project's indicators by the words a key-project narrative uses (数量, 质量 … 满意度)."""
    counts: dict[str, int] = {}
    for value in values:
        word = CATEGORY_WORDS[value.metric.level2]
        counts[word] = counts.get(word, 0) + 1
    order = ("数量", "质量", "时效", "成本", "效益", "满意度")
    return {word: counts[word] for word in order if word in counts}

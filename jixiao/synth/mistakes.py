"""Mistakes planted in synthetic forms, each with the findings ``jixiao.core.report.check`` must report
for it (code and FORMAT.md path) and the lines ``score_form`` must flag.

Every mistake is one a real form makes (../shared/corpus, the seed): a rate misreported by a few
hundredths, 调整数 written gross, 其中 lines above their total, a task's funds in 元, "均已完成" over an
indicator that is not met, "5个关键指标" over four, key-project counts that do not add up, a numeric
target answered by "完成", full marks for a shortfall, a total that is not the sum of its parts …
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from jixiao.core.compute import ratio_percent
from jixiao.core.indicators import MET, NOT_MET, UNVERIFIABLE
from jixiao.synth import distributions as dist
from jixiao.synth.forms import (
    GRADE_WORDS,
    Built,
    Item,
    grade_label,
    key_project_text,
    print_score,
    q2,
    text,
)
from jixiao.synth.values import Value, draw_actual
from jixiao.synth.writing import UNMEASURED_CELLS, UNMEASURED_SENTENCES, cell_result, sentence_result

Finding = tuple[str, str]  # (code, path)
FUNDS_GROUP = (
    "execution_rate_misreported",
    "adjustment_rate_misreported",
    "adjustment_gross",
    "lines_exceed_total",
)
VERIFIABLE_KINDS = ("up", "rate", "down", "rate_down", "eq")


def plant(
    built: Built, name: str, findings: list[Finding], score: list[str] | None = None, **detail: Any
) -> None:
    built.planted.append(
        {"mistake": name, "findings": [list(f) for f in findings], "score": list(score or []), **detail}
    )


def roll(rng: random.Random, odds: int) -> bool:
    return rng.randrange(1000) < odds


def D(value: str | None) -> Decimal:
    assert value is not None
    return Decimal(value)


# --- indicators (both kinds) ----------------------------------------------------------------------


def indicator_mistakes(rng: random.Random, built: Built) -> None:
    """Per indicator: a numeric target answered by "完成", an empty or cut name, an empty result."""
    grid = built.kind == "project"
    for item in built.items:
        cell = item.cell
        odds = dist.INDICATOR_MISTAKES
        draw = rng.randrange(1000)
        if draw < odds["unmeasurable_result"]:
            if item.metric.kind not in VERIFIABLE_KINDS:
                continue
            cell["result"] = rng.choice(UNMEASURED_CELLS if grid else UNMEASURED_SENTENCES)
            item.verdict = UNVERIFIABLE
            score = [item.path] if grid and D(cell["score"]) > 0 else []
            plant(
                built, "unmeasurable_result", [("indicators.unverifiable", item.path)], score, path=item.path
            )
            continue
        draw -= odds["unmeasurable_result"]
        # Without its name, a target in its own cell is still read if the result gives a figure; the
        # result's words ("未发生…", "无") need the name, so those rows keep theirs.
        named_only = not item.in_name and (
            item.metric.kind not in ("up", "rate", "eq") or "无" in (cell["result"] or "")
        )
        if named_only:
            continue
        if draw < odds["indicator_name_missing"]:
            cell["name"] = None
            found = [("completeness.indicator.name", f"{item.path}.name")]
            if item.in_name:
                item.verdict = UNVERIFIABLE
                found.append(("indicators.unverifiable", item.path))
            score = [item.path] if grid and item.verdict == UNVERIFIABLE else []
            plant(built, "indicator_name_missing", found, score, path=item.path)
            continue
        draw -= odds["indicator_name_missing"]
        if draw < odds["indicator_name_truncated"]:
            cell["name"] = rng.choice(("个。", "项;", "次。", "%。"))
            found = [("completeness.indicator.truncated", f"{item.path}.name")]
            if item.in_name:
                item.verdict = UNVERIFIABLE
                found.append(("indicators.unverifiable", item.path))
            plant(built, "indicator_name_truncated", found, path=item.path)
            continue
        draw -= odds["indicator_name_truncated"]
        if draw < odds["result_missing"]:
            cell["result"] = None
            item.verdict = UNVERIFIABLE
            score = []
            if grid:
                # Score left blank with the result; the total printed still counts it.
                score = ["total_score"] if D(cell["score"]) > 0 else []
                cell["score"] = None
            plant(
                built,
                "result_missing",
                [
                    ("completeness.indicator.result", f"{item.path}.result"),
                    ("indicators.unverifiable", item.path),
                ],
                score,
                path=item.path,
            )


def force_shortfall(rng: random.Random, item: Item, year: int, *, grid: bool) -> None:
    """Turn a met quantitative indicator into one that is not met, its result saying nothing of it."""
    value = item.value
    actual = draw_actual(rng, item.metric, value.target, False)
    item.value = Value(
        value.metric, value.target, actual, False, value.change, value.previous_target, value.previous_actual
    )
    item.verdict = NOT_MET
    if grid:
        item.cell["result"] = cell_result(rng, item.metric, actual, met=False)
    else:
        item.cell["result"] = sentence_result(rng, item.metric, actual, year, met=False, admit=False)


# --- department forms -----------------------------------------------------------------------------


def department_claims(rng: random.Random, built: Built) -> set[int]:
    """Before the task texts are written: tasks claiming "均已完成" over a shortfall; miscounted tasks."""
    claim_tasks: set[int] = set()
    odds = dist.DEPARTMENT_MISTAKES
    tasks = built.data["tasks"]
    if roll(rng, odds["claimed_all_met_with_shortfall"]):
        t = rng.randrange(len(tasks))
        candidates = [
            item
            for item in built.items
            if item.task == t
            and item.verdict == MET
            and item.metric.kind in VERIFIABLE_KINDS
            and item.in_name
        ]
        if candidates:
            force_shortfall(rng, rng.choice(candidates), built.facts["year"], grid=False)
            claim_tasks.add(t)
    if roll(rng, odds["claimed_count_mismatch"]):
        free = [t for t in range(len(tasks)) if t not in claim_tasks]
        if free:
            t = rng.choice(free)
            listed = sum(1 for item in built.items if item.task == t)
            claimed = listed + 1 if listed < 3 or rng.randrange(2) == 0 else listed - 1
            built.facts.setdefault("claimed_counts", {})[t] = claimed
            plant(
                built,
                "claimed_count_mismatch",
                [("claims.indicator_count", f"tasks[{t}].achieved")],
                claimed=claimed,
                listed=listed,
            )
    return claim_tasks


def claimed_findings(built: Built, claim_tasks: set[int]) -> None:
    """Record the claims of "均已完成" planted over a shortfall, one finding per indicator not met."""
    for t in sorted(claim_tasks):
        found = [
            ("indicators.claimed_all_met", item.path)
            for item in built.items
            if item.task == t and item.verdict == NOT_MET
        ]
        plant(built, "claimed_all_met_with_shortfall", found, task=t)


def department_mistakes(rng: random.Random, built: Built) -> None:
    """After the texts are written: funds, task funds, key project, narratives, problems."""
    odds = dist.DEPARTMENT_MISTAKES
    data = built.data
    funds = data["funds"]
    group = [name for name in FUNDS_GROUP if roll(rng, odds[name])]
    if group:
        funds_mistake(rng, built, rng.choice(group))
    tasks = data["tasks"]
    yuan_task = None
    if roll(rng, odds["task_funds_in_yuan"]):
        t = rng.randrange(len(tasks))
        written = D(tasks[t]["funds"]) * 10000
        budget = D(funds["adjusted_budget"])
        if written > budget:
            tasks[t]["funds"] = text(written)
            yuan_task = t
            plant(
                built,
                "task_funds_in_yuan",
                [
                    ("arithmetic.task_funds_exceed_total", f"tasks[{t}].funds"),
                    ("arithmetic.tasks_funds_exceed_total", "tasks"),
                ],
                task=t,
            )
    if roll(rng, odds["task_funds_missing"]):
        free = [t for t in range(len(tasks)) if t != yuan_task]
        t = rng.choice(free)
        tasks[t]["funds"] = None
        plant(built, "task_funds_missing", [("completeness.task.funds", f"tasks[{t}].funds")], task=t)
    project = built.facts["key_project"]
    if roll(rng, odds["key_project_missing"]):
        data["key_project"] = None
        large = any(task["funds"] is not None and D(task["funds"]) >= 500 for task in tasks)
        code = "key_project.missing_large" if large else "key_project.missing"
        plant(built, "key_project_missing", [(code, "key_project")])
    elif roll(rng, odds["key_project_counts_mismatch"]):
        counts = dict(project["counts"])
        word = rng.choice(list(counts))
        counts[word] += 1 if counts[word] == 1 or rng.randrange(2) == 0 else -1
        data["key_project"] = key_project_text(built.facts["year"], built.facts["short"], project, counts)
        plant(built, "key_project_counts_mismatch", [("claims.key_project_categories", "key_project")])
    if roll(rng, odds["figure_stated_twice"]):
        first = Decimal(rng.randint(9500, 9990)).scaleb(-2)
        second = first - Decimal(rng.randint(10, 200)).scaleb(-2)
        data["goals"]["achieved"] += f"全年群众满意率{first}%。"
        data["overall_performance"] += f"群众满意率{second}%。"
        plant(built, "figure_stated_twice", [("consistency.figure_stated_twice", "overall_performance")])
    if roll(rng, odds["problems_missing"]):
        data["problems"] = []
        plant(built, "problems_missing", [("completeness.problems", "problems")])


def computed(built: Built) -> Decimal:
    """The total ``score_form`` computes: the execution score and what each row earns (0 if unverifiable)."""
    exact = built.facts["execution_exact"]
    exact += sum(
        (item.score or Decimal(0) for item in built.items if item.verdict != UNVERIFIABLE), Decimal(0)
    )
    return q2(exact)


def funds_mistake(rng: random.Random, built: Built, name: str) -> None:
    funds = built.data["funds"]
    initial, adjusted, actual = D(funds["initial_budget"]), D(funds["adjusted_budget"]), D(funds["actual"])
    if name == "execution_rate_misreported":
        rate = D(funds["execution_rate"])
        wrong = ratio_percent(actual, initial) if initial and rng.randrange(7) == 0 else None
        if wrong is None or abs(wrong - rate) <= Decimal("0.005"):
            delta = Decimal(rng.randint(1, 9)) / 100
            wrong = rate + delta if rng.randrange(2) == 0 or rate - delta < 0 else rate - delta
        funds["execution_rate"] = text(wrong)
        plant(
            built,
            name,
            [("arithmetic.execution_rate", "funds.execution_rate")],
            reported=text(wrong),
            computed=text(rate),
        )
    elif name == "adjustment_rate_misreported":
        rate = D(funds["adjustment_rate"])
        delta = Decimal(rng.randint(1, 50)) / 100
        wrong = rate + delta if rng.randrange(2) == 0 or rate - delta < 0 else rate - delta
        funds["adjustment_rate"] = text(wrong)
        plant(built, name, [("arithmetic.adjustment_rate", "funds.adjustment_rate")], reported=text(wrong))
    elif name == "adjustment_gross":
        net = initial - adjusted
        gross = abs(net) + q2(initial * Decimal(rng.randint(500, 2000)) / 10000)
        funds["adjustment"] = text(gross)
        funds["adjustment_rate"] = text(ratio_percent(gross, initial))
        plant(
            built, name, [("arithmetic.adjustment", "funds.adjustment")], reported=text(gross), net=text(net)
        )
    else:  # lines_exceed_total
        lines = funds["lines"]
        extra = max(Decimal("0.01"), q2(actual * Decimal(rng.randint(100, 500)) / 10000))
        lines[0]["actual"] = text(D(lines[0]["actual"]) + extra)
        path = "funds.lines" if len(lines) != 1 else "funds.lines[0].actual"
        plant(built, name, [("arithmetic.lines_exceed_total", path)], extra=text(extra))


# --- project forms --------------------------------------------------------------------------------


def project_mistakes(rng: random.Random, built: Built) -> None:
    """Scores, claims and funds of a project form (after the per-indicator mistakes)."""
    odds = dist.PROJECT_MISTAKES
    data = built.data
    funds = data["funds"]
    facts = built.facts
    inflation = Decimal(0)
    if roll(rng, odds["execution_rate_misreported"]):
        funds_mistake(rng, built, "execution_rate_misreported")
    elif roll(rng, odds["lines_exceed_total"]):
        funds_mistake(rng, built, "lines_exceed_total")
    weight = facts["execution_weight"]
    # Only where the full score differs at its own precision too: "10" for 9.50 is 9.50 rounded.
    if roll(rng, odds["execution_score_misreported"]) and weight - q2(facts["execution_exact"]) > Decimal(
        "0.5"
    ):
        inflation += weight - D(funds["score"])
        funds["score"] = text(weight)
        plant(built, "execution_score_misreported", [("arithmetic.score", "funds.score")], ["funds"])
    for item in built.items:
        cell = item.cell
        if item.verdict == NOT_MET and cell["score"] is not None and roll(rng, dist.NOT_MET_FULL_SCORE):
            assert item.points is not None
            inflation += item.points - D(cell["score"])
            cell["score"] = text(item.points)
            plant(
                built,
                "not_met_full_score",
                [("indicators.score_differs", f"{item.path}.score")],
                [item.path],
                path=item.path,
            )
    if roll(rng, odds["score_above_weight"]):
        met = [item for item in built.items if item.verdict == MET and item.cell["score"] is not None]
        if met:
            item = rng.choice(met)
            assert item.points is not None
            extra = Decimal(rng.randint(1, 3))
            inflation += item.points + extra - D(item.cell["score"])
            item.cell["score"] = text(item.points + extra)
            plant(
                built,
                "score_above_weight",
                [("indicators.score_differs", f"{item.path}.score")],
                [item.path],
                path=item.path,
            )
    not_met = [item for item in built.items if item.verdict == NOT_MET]
    if not_met and roll(rng, odds["claimed_all_met_with_shortfall"]):
        data["goals"]["achieved"] = (
            data["goals"]["achieved"].split("资金执行率")[0] + "项目各项绩效目标均已完成。"
        )
        plant(
            built,
            "claimed_all_met_with_shortfall",
            [("indicators.claimed_all_met", item.path) for item in not_met],
        )
    total = D(data["total_score"])
    if inflation:
        # The filler adds up the figures as written: the total and the grade follow the inflated parts.
        total = print_score(total + inflation, 2)
        data["total_score"] = text(total)
        data["grade"] = rng.choice(GRADE_WORDS[grade_label(total)])
    computed_total = computed(built)
    if roll(rng, odds["total_misadded"]):
        delta = Decimal(rng.randint(1, 5))
        # Away from the computed total, so that the slip shows whatever else the form got wrong.
        wrong = total + delta if total >= computed_total and total + delta <= 100 else total - delta
        if abs(wrong - computed_total) > 1 and wrong >= 0:
            data["total_score"] = text(wrong)
            plant(built, "total_misadded", [], ["total_score"], reported=text(wrong))
    elif roll(rng, odds["grade_inconsistent"]):
        honest = grade_label(D(data["total_score"]))
        computed_label = grade_label(computed_total)
        choices = [label for label in GRADE_WORDS if label not in (honest, computed_label)]
        label = rng.choice(choices)
        data["grade"] = GRADE_WORDS[label][0]
        plant(built, "grade_inconsistent", [], ["grade"], reported=label)

"""A self-evaluation form as rows: the form, its 其中 lines, tasks, indicators and review entries.

Amounts are numeric columns so dashboards can sum them in SQL. A figure is kept exactly as written
("97.1" stays "97.1", not "97.10"): each row records in ``scales`` how many decimals each figure
had, and ``jixiao.web.forms.convert`` restores them when it builds the ``jixiao.core.form.Form``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.core import fields, wording
from jixiao.web.orgs.models import Organisation

MAX_DECIMALS = fields.DECIMAL_PLACES


def amount_field(label: str) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=fields.WHOLE_DIGITS + MAX_DECIMALS,
        decimal_places=MAX_DECIMALS,
        null=True,
        blank=True,
    )


# A column for a field of the form takes its label and its length from the field catalogue
# (``jixiao.core.fields``), so that what the edit page says and what the database holds agree.


def figure(pattern: str) -> models.DecimalField:
    return amount_field(fields.get(pattern).label)


def short_text(pattern: str) -> models.CharField:
    field = fields.get(pattern)
    return models.CharField(field.label, max_length=field.spec.max_length, blank=True, null=True)


def long_text(pattern: str) -> models.TextField:
    return models.TextField(fields.get(pattern).label, blank=True, null=True)


def text_list(pattern: str) -> models.JSONField:
    return models.JSONField(fields.get(pattern).label, default=list, blank=True)


class Form(models.Model):
    """One self-evaluation form (部门整体支出 or 项目支出) of one organisation for one year."""

    # FORM.md §8: 草稿 → 已提交 → 主管部门已审核 → (汇总) → 财政审核中 → 已审核 → 已公开, and 退回 from
    # any review step. Transitions only through ``jixiao.web.workflow.services``.
    DRAFT = "draft"
    SUBMITTED = "submitted"
    DEPARTMENT_APPROVED = "department_approved"
    FINANCE_REVIEW = "finance_review"
    FINANCE_APPROVED = "finance_approved"
    PUBLISHED = "published"
    RETURNED = "returned"
    STATUSES = [(code, wording.STATUSES[code]) for code in wording.STATUSES]
    EDITABLE_STATUSES = frozenset({DRAFT, RETURNED})
    KINDS = list(wording.KINDS.items())

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="forms", verbose_name="填报单位"
    )
    year = models.PositiveSmallIntegerField("被评价年度")
    kind = models.CharField("表式", max_length=20, choices=KINDS, default="department")
    status = models.CharField("状态", max_length=30, choices=STATUSES, default=DRAFT)

    department = short_text("department")
    summary = models.BooleanField("汇总", default=False)
    project = short_text("project")
    implementing_unit = short_text("implementing_unit")
    amount_unit = models.CharField("金额单位", max_length=4, default="万元")

    initial_budget = figure("funds.initial_budget")
    adjusted_budget = figure("funds.adjusted_budget")
    actual = figure("funds.actual")
    adjustment = figure("funds.adjustment")
    execution_rate = figure("funds.execution_rate")
    adjustment_rate = figure("funds.adjustment_rate")
    weight = figure("funds.weight")
    score = figure("funds.score")

    goals_expected = long_text("goals.expected")
    goals_achieved = long_text("goals.achieved")
    key_project = long_text("key_project")
    overall_performance = long_text("overall_performance")
    problems = text_list("problems")
    improvements = text_list("improvements")
    total_score = figure("total_score")
    grade = short_text("grade")
    notes = text_list("notes")

    scales = models.JSONField(default=dict, blank=True)
    # What the filler typed that could not be read as a number, by FORMAT.md path: kept so that
    # nothing typed is lost, shown back with its error until it is corrected.
    pending = models.JSONField(default=dict, blank=True)
    # Counts of the last check's findings by severity, for lists and dashboards.
    check_summary = models.JSONField(default=dict, blank=True)

    # The first-level department's 汇总 form built by the workflow (``build_summary``) from its units'
    # approved forms; it is rebuilt, never typed into.
    rollup = models.BooleanField("系统汇总表", default=False)
    # The filler's explanation of each warning at the last submission, keyed ``code@path``.
    explanations = models.JSONField("警告说明", default=dict, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    # 抽查复核: finance's own score, kept beside the self-score (``total_score``), never over it.
    spot_check_score = models.DecimalField(
        "抽查复核得分", max_digits=6, decimal_places=2, null=True, blank=True
    )
    spot_check_comment = models.TextField("抽查复核意见", blank=True, default="")
    spot_checked_at = models.DateTimeField("抽查复核时间", null=True, blank=True)
    spot_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "自评表"
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(kind="department", rollup=False),
                name="one_department_form_per_year",
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(rollup=True),
                name="one_rollup_form_per_year",
            ),
        ]

    def __str__(self) -> str:
        rollup = "(汇总)" if self.rollup else ""
        return f"{self.organisation.name} {self.year}年度{self.get_kind_display()}{rollup}"

    @property
    def summary_tag(self) -> str:
        """「汇总表」 for the system-built 汇总 form, 「含下属单位」 for a filled form marked 汇总, else ""."""
        return wording.summary_tag(rollup=self.rollup, summary=self.summary)

    @property
    def is_editable(self) -> bool:
        """Only 草稿 and 退回 forms are changed, and never the generated 汇总 form (it is rebuilt)."""
        return self.status in self.EDITABLE_STATUSES and not self.rollup


class FundLine(models.Model):
    """A 其中 line of the funds, by source."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="fund_lines")
    position = models.PositiveIntegerField()
    source = short_text("funds.lines[].source")
    initial_budget = figure("funds.lines[].initial_budget")
    adjusted_budget = figure("funds.lines[].adjusted_budget")
    actual = figure("funds.lines[].actual")
    scales = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["form", "position"]


class Task(models.Model):
    """A 主要任务 row."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField()
    name = long_text("tasks[].name")
    expected = long_text("tasks[].expected")
    achieved = long_text("tasks[].achieved")
    funds = figure("tasks[].funds")
    scales = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["form", "position"]


class Indicator(models.Model):
    """An indicator: of a task (关键指标) when ``task`` is set, else a row of the form's grid."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="indicators")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    position = models.PositiveIntegerField()
    level1 = short_text("indicators[].level1")
    level2 = short_text("indicators[].level2")
    name = long_text("indicators[].name")
    target = long_text("indicators[].target")
    result = long_text("indicators[].result")
    weight = figure("indicators[].weight")
    score = figure("indicators[].score")
    deviation = long_text("indicators[].deviation")
    scales = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["form", "task_id", "position"]


class ReviewItem(models.Model):
    """Something the importer could not read for sure; open until a person marks it checked."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="review_items")
    position = models.PositiveIntegerField()
    path = models.CharField(
        fields.get("review[].path").label, max_length=fields.get("review[].path").spec.max_length
    )
    problem = models.TextField(fields.get("review[].problem").label)
    source = short_text("review[].source")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["form", "position"]


class ImportJob(models.Model):
    """A file being imported in the background, with its progress for the progress bar."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATES = [(QUEUED, "排队中"), (RUNNING, "导入中"), (DONE, "已完成"), (FAILED, "失败")]

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    form = models.ForeignKey(
        Form, on_delete=models.SET_NULL, null=True, blank=True, related_name="import_jobs"
    )
    filename = models.CharField(max_length=300)
    data = models.BinaryField()
    state = models.CharField(max_length=10, choices=STATES, default=QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True, default="")
    # The form as it was before the import replaced it, so nothing is lost.
    previous_json = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

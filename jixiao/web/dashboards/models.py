"""Facts kept for speed: the figures the dashboards need, per form and per indicator.

They are written when a form is stored and after each workflow step (``jixiao.web.dashboards.facts``),
never typed into, and can be rebuilt at any time from the forms (``jixiao facts --rebuild``). The
dashboards read only these tables, with aggregate SQL; nothing is parsed from JSON per request.
Amounts, rates and scores are Decimals, as the core computed them (rounded once, half up).
"""

from __future__ import annotations

from django.db import models

from jixiao.core import fields, wording
from jixiao.web.forms.models import Form
from jixiao.web.orgs.models import Organisation, Region


def _amount(label: str) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=fields.WHOLE_DIGITS + fields.DECIMAL_PLACES,
        decimal_places=fields.DECIMAL_PLACES,
        null=True,
        blank=True,
    )


def _rate(label: str) -> models.DecimalField:
    # Rates and scores are shown with two decimals; a rate may be far above 100 % (an actual many
    # times the budget is a mistake the dashboards must still hold).
    return models.DecimalField(label, max_digits=14, decimal_places=2, null=True, blank=True)


class FormFact(models.Model):
    """One form's figures: amounts, computed rates, computed score and grade, findings, verdicts."""

    form = models.OneToOneField(Form, on_delete=models.CASCADE, primary_key=True, related_name="fact")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("被评价年度")
    # The first-level department the form belongs to (the department itself for its own form).
    department = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, related_name="+", verbose_name="主管部门"
    )
    # The organisation that fills the form in (a department or one of its units).
    unit = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name="填报单位"
    )
    kind = models.CharField("表式", max_length=20)
    rollup = models.BooleanField("系统汇总表", default=False)
    status = models.CharField("状态", max_length=30)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", null=True, blank=True)

    initial_budget = _amount("年初预算数")
    adjusted_budget = _amount("全年预算数")
    actual = _amount("全年执行数")
    execution_rate = _rate("预算执行率(计算)")
    reported_execution_rate = _rate("预算执行率(填报)")
    adjustment_rate = _rate("预算调整率(计算)")

    score = _rate("得分(计算)")
    grade = models.CharField("等级(计算)", max_length=10, blank=True, default="")
    reported_score = _rate("得分(填报)")
    score_differs = models.BooleanField("得分与填报不一致", default=False)

    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    notices = models.PositiveIntegerField("提示", default=0)

    indicators = models.PositiveIntegerField("指标数", default=0)
    met = models.PositiveIntegerField("已达成", default=0)
    not_met = models.PositiveIntegerField("未达成", default=0)
    unverifiable = models.PositiveIntegerField("无法核验", default=0)

    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "自评表统计数据"
        indexes = [
            models.Index(fields=["region", "year", "status"], name="formfact_region_year_status"),
            models.Index(fields=["region", "year", "department"], name="formfact_region_year_dept"),
            models.Index(fields=["department", "year", "unit"], name="formfact_dept_year_unit"),
            models.Index(fields=["unit", "year"], name="formfact_unit_year"),
        ]

    @property
    def status_label(self) -> str:
        return wording.STATUSES.get(self.status, self.status)


class _FormPlace(models.Model):
    """Where a form's row belongs, copied from its FormFact so that the indexes can filter on it."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    department = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, related_name="+")
    unit = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=30)
    kind = models.CharField(max_length=20)
    rollup = models.BooleanField(default=False)

    class Meta:
        abstract = True


class IndicatorFact(_FormPlace):
    """One indicator's verdict and score, with where it belongs (denormalised for the indexes)."""

    fact = models.ForeignKey(FormFact, on_delete=models.CASCADE, related_name="indicator_facts")
    path = models.CharField("位置", max_length=60)
    name = models.CharField("指标", max_length=200, blank=True, default="")
    category = models.CharField("类别", max_length=20, blank=True, default="")
    verdict = models.CharField("结论", max_length=20)
    weight = _rate("分值")
    score = _rate("得分(计算)")
    reported_score = _rate("得分(填报)")

    class Meta:
        verbose_name = verbose_name_plural = "指标统计数据"
        indexes = [
            models.Index(fields=["region", "year", "status", "verdict"], name="indfact_region_year_verdict"),
            models.Index(fields=["department", "year", "unit"], name="indfact_dept_year_unit"),
        ]


class FindingFact(_FormPlace):
    """How many findings of one code (and severity) a form has."""

    fact = models.ForeignKey(FormFact, on_delete=models.CASCADE, related_name="finding_facts")
    code = models.CharField("代码", max_length=80)
    family = models.CharField("类别", max_length=30)
    severity = models.CharField("严重程度", max_length=10)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "检查发现统计数据"
        indexes = [
            models.Index(fields=["region", "year", "status", "family"], name="findfact_region_year_family"),
            models.Index(fields=["department", "year", "unit"], name="findfact_dept_year_unit"),
        ]

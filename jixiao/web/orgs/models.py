"""Regions, organisations (finance bureau → first-level departments → subordinate units) and years."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from jixiao.core.uscc import normalize_uscc, uscc_problem


def validate_uscc(value: str) -> None:
    if value and (problem := uscc_problem(value)):
        raise ValidationError(problem)


class Region(models.Model):
    """An administrative division (行政区划), e.g. 440106 天河区."""

    code = models.CharField(
        "行政区划代码",
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{6}$", "行政区划代码应为6位数字")],
    )
    name = models.CharField("名称", max_length=100)

    class Meta:
        verbose_name = verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Organisation(models.Model):
    """A finance bureau, a first-level budget department or one of its subordinate units."""

    FINANCE = "finance"
    DEPARTMENT = "department"
    UNIT = "unit"
    KINDS = [(FINANCE, "财政局"), (DEPARTMENT, "一级预算部门"), (UNIT, "下属单位")]
    # The kind a parent must have, by kind: the tree is region → bureau → department → unit.
    PARENT_KIND = {FINANCE: None, DEPARTMENT: FINANCE, UNIT: DEPARTMENT}

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="organisations", verbose_name="行政区划"
    )
    kind = models.CharField("类型", max_length=20, choices=KINDS)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级"
    )
    name = models.CharField("名称", max_length=200)
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, default="", validators=[validate_uscc]
    )

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = ["region__code", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="org_unique_name_in_region"),
            models.UniqueConstraint(fields=["uscc"], condition=~models.Q(uscc=""), name="org_unique_uscc"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.uscc = normalize_uscc(self.uscc or "")
        wanted = self.PARENT_KIND.get(self.kind)
        if wanted is None and self.parent_id:
            raise ValidationError({"parent": "财政局没有上级单位"})
        if wanted is not None:
            if self.parent is None:
                raise ValidationError({"parent": f"{self.get_kind_display()}须有上级单位"})
            if self.parent.kind != wanted:
                raise ValidationError(
                    {"parent": f"{self.get_kind_display()}的上级应为{dict(self.KINDS)[wanted]}"}
                )
            if self.parent.region_id != self.region_id:
                raise ValidationError({"parent": "上级单位须在同一行政区划内"})

    @property
    def department(self) -> Organisation | None:
        """Return the first-level department this organisation belongs to (itself for a department)."""
        if self.kind == self.DEPARTMENT:
            return self
        if self.kind == self.UNIT:
            return self.parent
        return None


class EvaluationYear(models.Model):
    """被评价年度 of a region, with the deadline for submitting the self-evaluation."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="years", verbose_name="行政区划"
    )
    year = models.PositiveSmallIntegerField("被评价年度")
    deadline = models.DateField("报送截止日期", null=True, blank=True)
    is_open = models.BooleanField("开放填报", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "评价年度"
        ordering = ["region__code", "-year"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="year_unique_in_region")]

    def __str__(self) -> str:
        return f"{self.region.name} {self.year}年度"

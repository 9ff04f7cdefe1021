"""Reviewers' comments on a form (by FORMAT.md path) and the deadlines of each year and level."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.orgs.models import EvaluationYear


class ReviewComment(models.Model):
    """One comment of a 退回: on the whole form (``path`` empty) or on one field."""

    form = models.ForeignKey("forms.Form", on_delete=models.CASCADE, related_name="review_comments")
    # The audit entry of the 退回 this comment belongs to: the comments of one return share it.
    batch = models.BigIntegerField("退回记录")
    path = models.CharField("位置", max_length=200, blank=True, default="")
    text = models.TextField("意见")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField("审核人", max_length=150)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "审核意见"
        ordering = ["form", "batch", "id"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class Deadline(models.Model):
    """报送截止日期 of an evaluation year, by level: units (and departments' own forms) and departments (汇总)."""

    year = models.OneToOneField(
        EvaluationYear, on_delete=models.CASCADE, related_name="deadlines", verbose_name="评价年度"
    )
    unit_deadline = models.DateField("单位报送截止日期", null=True, blank=True)
    department_deadline = models.DateField("部门汇总报送财政截止日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "报送截止日期"

    def __str__(self) -> str:
        return f"{self.year}"

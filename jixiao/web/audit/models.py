"""The audit log: one row per edit and per workflow transition — who, when, what, before and after.

Rows are only ever added. ``save`` refuses to change a stored row, ``delete`` (of a row or of a
query set) and ``update`` refuse, the admin is read-only, and the database itself refuses UPDATE and
DELETE (triggers created in migration 0001, on PostgreSQL and on SQLite). The actor and the form are
also written out as text, so an entry still reads right after a user or a form is renamed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditImmutable(Exception):
    """An attempt to change or delete an audit entry."""

    def __str__(self) -> str:
        return "审计日志只能追加,不能修改或删除。"


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditImmutable

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditImmutable

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AuditImmutable


class AuditEntry(models.Model):
    CREATE = "create"
    UPDATE = "update"
    IMPORT = "import"
    REVIEW_RESOLVE = "review_resolve"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    RETURN = "return"
    APPROVE_DEPARTMENT = "approve_department"
    BUILD_SUMMARY = "build_summary"
    APPROVE_FINANCE = "approve_finance"
    SPOT_CHECK = "spot_check"
    PUBLISH = "publish"
    SCHEME = "scheme"
    ACTIONS = [
        (CREATE, "新建"),
        (UPDATE, "修改"),
        (IMPORT, "导入覆盖"),
        (REVIEW_RESOLVE, "核对导入事项"),
        (SUBMIT, "提交"),
        (WITHDRAW, "撤回"),
        (RETURN, "退回"),
        (APPROVE_DEPARTMENT, "部门审核通过"),
        (BUILD_SUMMARY, "汇总"),
        (APPROVE_FINANCE, "财政审核通过"),
        (SPOT_CHECK, "抽查复核"),
        (PUBLISH, "公开"),
        (SCHEME, "修改评分方案"),
    ]

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    # No database constraint: an entry outlives the user and the form it names.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    actor_name = models.CharField("操作人", max_length=150)
    actor_role = models.CharField("角色", max_length=30, blank=True, default="")
    actor_organisation = models.CharField("操作人单位", max_length=200, blank=True, default="")
    action = models.CharField("操作", max_length=30, choices=ACTIONS)
    form = models.ForeignKey(
        "forms.Form",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name="自评表",
    )
    form_label = models.CharField("自评表", max_length=300, blank=True, default="")
    status_before = models.CharField("原状态", max_length=30, blank=True, default="")
    status_after = models.CharField("新状态", max_length=30, blank=True, default="")
    before = models.JSONField("修改前", default=dict, blank=True)
    after = models.JSONField("修改后", default=dict, blank=True)
    comment = models.TextField("意见/说明", blank=True, default="")

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "审计日志"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["form", "at"], name="audit_form_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.get_action_display()} {self.form_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditImmutable
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditImmutable

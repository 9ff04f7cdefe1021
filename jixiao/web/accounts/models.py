"""People: each belongs to one organisation and has one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from jixiao.web.orgs.models import Organisation


class User(AbstractUser):
    FILLER = "filler"
    DEPARTMENT_REVIEWER = "department_reviewer"
    FINANCE_REVIEWER = "finance_reviewer"
    ADMINISTRATOR = "administrator"
    ROLES = [
        (FILLER, "填报人"),
        (DEPARTMENT_REVIEWER, "主管部门审核人"),
        (FINANCE_REVIEWER, "财政局审核人"),
        (ADMINISTRATOR, "系统管理员"),
    ]
    # The kinds of organisation each role may belong to.
    ROLE_ORG_KINDS = {
        FILLER: {Organisation.DEPARTMENT, Organisation.UNIT},
        DEPARTMENT_REVIEWER: {Organisation.DEPARTMENT},
        FINANCE_REVIEWER: {Organisation.FINANCE},
        ADMINISTRATOR: {Organisation.FINANCE, Organisation.DEPARTMENT, Organisation.UNIT},
    }

    role = models.CharField("角色", max_length=30, choices=ROLES, default=FILLER)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name="所属单位",
    )
    display_name = models.CharField("姓名", max_length=100, blank=True, default="")

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username

    def clean(self) -> None:
        super().clean()
        if self.role != self.ADMINISTRATOR and self.organisation is None:
            raise ValidationError({"organisation": "除系统管理员外,每个用户须属于一个单位"})
        if self.organisation is not None and self.organisation.kind not in self.ROLE_ORG_KINDS[self.role]:
            raise ValidationError(
                {"organisation": f"{self.get_role_display()}不能属于{self.organisation.get_kind_display()}"}
            )

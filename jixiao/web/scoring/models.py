"""A region's scoring scheme for one year, edited by finance (docs/scoring.md).

The scheme is kept as ``jixiao.core.scoring.Scheme.to_dict()`` (decimals as strings) and read back with
``scheme_from_dict``: the rules, the defaults and the validation are those of ``jixiao.core.scoring``.
A region and year without a row use ``DEFAULT_SCHEME`` (财预〔2020〕10号).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.core.scoring import Scheme, scheme_from_dict
from jixiao.web.orgs.models import Region


class ScoringScheme(models.Model):
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="scoring_schemes", verbose_name="行政区划"
    )
    year = models.PositiveSmallIntegerField("被评价年度")
    data = models.JSONField("评分方案", default=dict)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="修改人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "评分方案"
        ordering = ["region__code", "-year"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="scoring_scheme_unique_year")]

    def __str__(self) -> str:
        return f"{self.region.name} {self.year}年度评分方案"

    @property
    def scheme(self) -> Scheme:
        return scheme_from_dict(self.data)

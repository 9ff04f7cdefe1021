"""Rebuild the dashboards' facts from every form: ``python -m jixiao.web jixiao_facts`` (= ``jixiao facts --rebuild``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jixiao.web.dashboards.facts import refresh_all


class Command(BaseCommand):
    help = "重新计算统计分析所用的数据(每张自评表、每个指标)"

    def handle(self, *args: Any, **options: Any) -> None:
        count = refresh_all()
        self.stdout.write(f"已重新计算 {count} 张自评表的统计数据。")

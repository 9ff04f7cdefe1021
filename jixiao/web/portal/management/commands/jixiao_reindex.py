"""Rebuild the public search index from every published form: ``python -m jixiao.web jixiao_reindex``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jixiao.web.portal.services import reindex_all


class Command(BaseCommand):
    help = "重建公开查询的全文检索索引(只收录已公开的自评表)"

    def handle(self, *args: Any, **options: Any) -> None:
        count = reindex_all()
        self.stdout.write(f"已重建检索索引:{count} 张已公开的自评表。")

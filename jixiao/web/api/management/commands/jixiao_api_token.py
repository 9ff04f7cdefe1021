"""Make an API token for a user: ``python -m jixiao.web jixiao_api_token <用户名> [--name 用途]``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.web.api.services import api_token_create


class Command(BaseCommand):
    help = "为用户生成接口令牌(令牌只显示这一次,系统只保存其摘要)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="用户名")
        parser.add_argument("--name", default="命令行生成", help="令牌用途,如“财务系统对接”")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户名为“{options['username']}”的用户。")
        if not user.is_active:
            raise CommandError(f"用户“{user.username}”已停用,不能生成令牌。")
        token, raw = api_token_create(user=user, name=options["name"])
        self.stderr.write(f"已为 {user.username} 生成接口令牌({token.name}),请立即保存,此后无法再次查看:")
        self.stdout.write(raw)

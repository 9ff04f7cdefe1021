"""``python -m jixiao.web jixiao_reset_link USERNAME --base-url https://jixiao.czj.gov``: a one-time
link for a person to set a new password (for intranets without a mail server)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jixiao.web.accounts.models import User
from jixiao.web.accounts.services import password_reset_link


class Command(BaseCommand):
    help = "为用户生成一次性的重置密码链接(24 小时内有效),交给本人设置新密码"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="用户访问本系统的地址")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"没有名为 {options['username']} 的有效用户。")
        self.stdout.write(password_reset_link(user=user, base_url=options["base_url"]))

"""``Authorization: Bearer <token>``: the token's person becomes ``request.user`` for the policy."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from jixiao.web.api.models import ApiToken
from jixiao.web.api.services import api_token_touch, token_digest

MAX_TOKEN_CHARS = 200


class TokenAuth(HttpBearer):
    """Accept an active token of an active person; anything else is 401."""

    openapi_description = "接口令牌:系统管理员在“系统管理 → 接口令牌”或用 jixiao_api_token 命令生成"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token or len(token) > MAX_TOKEN_CHARS:
            return None
        found = (
            ApiToken.objects.select_related("user", "user__organisation")
            .filter(digest=token_digest(token))
            .first()
        )
        if found is None or not found.is_active or not found.user.is_active:
            return None
        api_token_touch(found)
        request.user = found.user
        return found.user

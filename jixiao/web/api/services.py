"""Writes on API tokens: make one (the only time the token itself is seen) and revoke one."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.web.api.models import ApiToken

TOKEN_PREFIX = "jx_"


def token_digest(raw: str) -> str:
    """Return the digest a token is stored and looked up by."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_token() -> str:
    """Return a fresh random token (256 bits), such as ``jx_3q…``."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def api_token_create(
    *, user: Any, name: str, expires_at: Any = None, raw: str | None = None
) -> tuple[ApiToken, str]:
    """Make a token for the user; return it with the token text, which is not kept anywhere."""
    raw = raw or new_token()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100] or "接口访问",
        prefix=raw[:12],
        digest=token_digest(raw),
        expires_at=expires_at,
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Stop a token from working (it stays listed, with when it was stopped)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_touch(token: ApiToken) -> None:
    """Record that a token was used, at most once a minute (not a write on every request)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now

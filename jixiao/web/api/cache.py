"""API answers depend on the token's person: no shared cache may keep them (clients revalidate by ETag)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers


def private(response: HttpResponse) -> None:
    """Mark an answer as for its requester only, to be revalidated before reuse."""
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Authorization"])

"""Labels for the review pages: statuses and recorded paths in Chinese."""

from __future__ import annotations

from django import template

from jixiao.web.audit import selectors

register = template.Library()


@register.filter
def status_label(code: str) -> str:
    return selectors.status_label(code) if code else ""


@register.filter
def field_label(path: str) -> str:
    """Return a FORMAT.md path (or a recorded key) in Chinese."""
    return selectors.label(path) if path else "整张表"

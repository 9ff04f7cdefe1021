from django import template

from jixiao.core.scoring import CAUSE_LABELS

register = template.Library()


@register.filter
def cause_label(code: str | None) -> str:
    """Return why a reported score differs, in Chinese (舍入不同, 未达成却得满分 …)."""
    return CAUSE_LABELS.get(code or "", "")

"""Writing the audit log: called inside the transaction of the change it records."""

from __future__ import annotations

from typing import Any

from jixiao.web.audit.models import AuditEntry

# Text cut after this many characters in an entry (a whole 目标完成情况 is kept; a pasted book is not).
MAX_TEXT = 20000


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """Return FORMAT.md data as ``{path: value}`` for its leaves (``tasks[0].indicators[1].result``).

    A list of texts (存在问题, 注) is one leaf, so an edit of one line shows as that list changing.
    """
    out: dict[str, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(data, list) and any(isinstance(item, dict) for item in data):
        for index, item in enumerate(data):
            out.update(flatten(item, f"{prefix}[{index}]"))
        if not data:
            out[prefix] = []
    else:
        out[prefix] = data
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the leaves that differ, as ``(before, after)`` keyed by path; an empty side is left out."""
    old, new = flatten(before), flatten(after)
    changed = sorted(path for path in old.keys() | new.keys() if old.get(path) != new.get(path))
    return (
        {p: old[p] for p in changed if old.get(p) is not None},
        {p: new[p] for p in changed if new.get(p) is not None},
    )


def _clip(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[:MAX_TEXT] + "…"
    if isinstance(value, dict):
        return {k: _clip(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clip(v) for v in value]
    return value


def record(
    *,
    action: str,
    actor: Any,
    form: Any = None,
    status_before: str = "",
    status_after: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    comment: str = "",
) -> AuditEntry:
    """Append one entry. The caller runs it in the transaction of the change, so both or neither stay."""
    known = getattr(actor, "is_authenticated", False) and getattr(actor, "pk", None) is not None
    organisation = getattr(actor, "organisation", None) if known else None
    return AuditEntry.objects.create(
        actor=actor if known else None,
        actor_name=(str(actor) if known else "系统") or "系统",
        actor_role=(actor.get_role_display() if known and hasattr(actor, "get_role_display") else ""),
        actor_organisation=organisation.name if organisation is not None else "",
        action=action,
        form=form,
        form_label=str(form) if form is not None else "",
        status_before=status_before,
        status_after=status_after or status_before,
        before=_clip(before or {}),
        after=_clip(after or {}),
        comment=comment,
    )

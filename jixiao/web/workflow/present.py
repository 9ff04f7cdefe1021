"""What the review pages show: each field with its findings, the filler's explanations and comment box.

The places come from ``jixiao.web.forms.present`` (findings by FORMAT.md path); nothing is computed here.
"""

from __future__ import annotations

from typing import Any

from jixiao.core import fields
from jixiao.core import form as core
from jixiao.web.audit.services import flatten
from jixiao.web.forms.present import Note, Page, place
from jixiao.web.workflow.models import ReviewComment

# Fields a reviewer does not comment on: those not typed on the edit page (set by the system, shown
# in the title) and the switches (金额单位, 汇总), by their input in the field catalogue.
SKIPPED = tuple(
    f.name for f in fields.children("") if f.is_leaf and f.input in ("none", "static", "check", "choice")
)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


def field_rows(data: core.Form, page: Page, explanations: dict[str, str]) -> list[dict[str, Any]]:
    """Return one row per field that has a value or a note: path, value, notes (with explanations)."""
    content = data.to_dict()
    content.pop("review", None)
    leaves = {path: value for path, value in flatten(content).items() if path.split(".")[0] not in SKIPPED}
    notes_at: dict[str, list[dict[str, Any]]] = {}
    for note in page.all_notes:
        target = (
            note.path if note.path in leaves else next((p for p in leaves if p.startswith(note.path)), "")
        )
        notes_at.setdefault(target, []).append(
            {"note": note, "explanation": explanations.get(f"{note.code}@{note.path}", "")}
        )
    rows = [
        {"path": path, "value": _shown(value), "notes": notes_at.get(path, [])}
        for path, value in leaves.items()
        if _shown(value) or notes_at.get(path)
    ]
    general = notes_at.get("", [])
    if general:
        rows.insert(0, {"path": "", "value": "", "notes": general})
    return rows


def add_comments(page: Page, comments: list[ReviewComment]) -> None:
    """Place the reviewer's comments of the last 退回 beside the fields they are about, first in line."""
    slots = set(page.slots)
    for comment in comments:
        if not comment.path:
            continue
        note = Note(
            kind="comment",
            label="审核意见",
            message=f"{comment.text}({comment.author_name})",
            path=comment.path,
        )
        where = place(comment.path, slots)
        if where:
            page.notes.setdefault(where, []).insert(0, note)
        else:
            page.general.append(note)
        page.all_notes.insert(0, note)

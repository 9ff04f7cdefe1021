"""Reading the audit log: per form, on screen and as CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from jixiao.web.audit.models import AuditEntry

CSV_HEADER = [
    "时间",
    "操作人",
    "角色",
    "操作人单位",
    "操作",
    "自评表",
    "原状态",
    "新状态",
    "意见/说明",
    "修改前",
    "修改后",
]


def for_form(form: Any) -> QuerySet[AuditEntry]:
    """Return the entries about a form, oldest first."""
    return AuditEntry.objects.filter(form=form).order_by("at", "id")


def status_label(code: str) -> str:
    from jixiao.web.forms.models import Form

    return dict(Form.STATUSES).get(code, code)


SPECIAL = {
    "explanations": "警告说明",
    "field_comments": "字段意见",
    "spot_check_score": "抽查复核得分",
    "spot_check_comment": "抽查复核意见",
    "total_score(自评)": "自评总分",
}


def label(path: str) -> str:
    """Return a recorded path in Chinese: FORMAT.md paths, unreadable inputs, review entries, workflow keys."""
    from jixiao.render.labels import path_label

    if path in SPECIAL:
        return SPECIAL[path]
    if path.startswith("pending."):
        return f"{label(path[len('pending.') :])}(未能读取的输入)"
    if path.startswith("review:"):
        return f"待核对·{label(path[len('review:') :])}"
    if "@" in path:  # an explanation's key: code@path
        return label(path.rpartition("@")[2])
    if path.endswith(".source"):
        return f"{path_label(path[: -len('.source')])}·资金来源"
    if path == "schema":
        return "格式版本"
    return path_label(path)


def changes(entry: AuditEntry) -> list[dict[str, Any]]:
    """Return the entry's before/after as rows ``{path, label, before, after}`` for the page.

    A transition's dictionaries (警告说明, 字段意见) are shown one row per field.
    """
    rows = []
    for path in dict.fromkeys([*entry.before.keys(), *entry.after.keys()]):
        old, new = entry.before.get(path), entry.after.get(path)
        if isinstance(new, dict) and old is None:
            rows += [
                {
                    "path": key,
                    "label": f"{SPECIAL.get(path, path)}·{label(key)}",
                    "before": None,
                    "after": value,
                }
                for key, value in new.items()
            ]
        else:
            rows.append({"path": path, "label": label(path), "before": old, "after": new})
    return rows


def _cell(text: str) -> str:
    """Return text safe for a spreadsheet: a leading = + - @ (ASCII or full width), tab or CR would
    make Excel or WPS run it as a formula. The exports' own rule (``jixiao.render.safety``)."""
    from jixiao.render.safety import neutralise

    return neutralise(text)


def to_csv(entries: QuerySet[AuditEntry]) -> str:
    """Return the entries as CSV (UTF-8 with BOM so that Excel opens the Chinese right)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for e in entries:
        writer.writerow(
            [
                timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
                _cell(e.actor_name),
                e.actor_role,
                _cell(e.actor_organisation),
                e.get_action_display(),
                _cell(e.form_label),
                status_label(e.status_before),
                status_label(e.status_after),
                _cell(e.comment),
                json.dumps(e.before, ensure_ascii=False, sort_keys=True) if e.before else "",
                json.dumps(e.after, ensure_ascii=False, sort_keys=True) if e.after else "",
            ]
        )
    return out.getvalue()

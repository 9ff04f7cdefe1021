"""The titles of the exported files; field labels come from ``jixiao.core.fields``, the rest of the
wording (severities, verdicts, messages) from ``jixiao.core.wording``."""

from __future__ import annotations

from jixiao.core import fields

DEPARTMENT_TITLE = "部门整体支出绩效自评表"
PROJECT_TITLE = "项目支出绩效自评表"
FINDINGS_TITLE = "检查结果"
COMPUTED = "计算值"

# A FORMAT.md path in Chinese (主要任务3·关键指标1·指标名称): the labels of the field catalogue.
path_label = fields.path_label

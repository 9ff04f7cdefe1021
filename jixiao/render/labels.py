"""The Chinese a reader sees in every exported file, kept in one place."""

from __future__ import annotations

import re

DEPARTMENT_TITLE = "部门整体支出绩效自评表"
PROJECT_TITLE = "项目支出绩效自评表"
FINDINGS_TITLE = "检查结果"
COMPUTED = "计算值"

VERDICTS: dict[str, str] = {
    "met": "达成",
    "not_met": "未达成",
    "unverifiable": "无法核验",
    "unknown": "未知",
}
VERDICT_ORDER: tuple[str, ...] = ("met", "not_met", "unverifiable", "unknown")

SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}

_FIELD_LABELS: dict[str, str] = {
    "department": "部门名称",
    "year": "被评价年度",
    "project": "项目名称",
    "implementing_unit": "实施单位",
    "funds": "资金情况",
    "initial_budget": "年初预算",
    "adjusted_budget": "调整预算",
    "actual": "实际支出",
    "adjustment": "年度预算调整数",
    "execution_rate": "预算完成率",
    "adjustment_rate": "预算调整率",
    "weight": "分值",
    "score": "得分",
    "lines": "其中",
    "goals": "年度目标",
    "expected": "预期目标",
    "achieved": "目标完成情况",
    "tasks": "主要任务",
    "indicators": "指标",
    "name": "指标名称",
    "target": "指标值",
    "result": "完成情况",
    "deviation": "偏差原因",
    "level1": "一级指标",
    "level2": "二级指标",
    "key_project": "重点项目绩效情况",
    "overall_performance": "部门整体绩效",
    "problems": "存在问题",
    "improvements": "改进措施",
    "total_score": "总分",
    "grade": "自评等级",
    "notes": "注",
    "review": "待核对",
}

_PART = re.compile(r"([a-z_0-9]+)(?:\[(\d+)\])?")


def path_label(path: str) -> str:
    """Return a FORMAT.md path in Chinese: ``tasks[2].indicators[0].name`` → 主要任务3·指标1·指标名称."""
    if not path:
        return "全表"
    parts: list[str] = []
    for piece in path.split("."):
        match = _PART.fullmatch(piece)
        if match is None:
            parts.append(piece)
            continue
        name, index = match.groups()
        label = _FIELD_LABELS.get(name, name)
        if name == "tasks" and index is not None:
            label = "主要任务"
        parts.append(label + (str(int(index) + 1) if index is not None else ""))
    return "·".join(parts)

"""The labels printed on published forms, folded (see :func:`textutil.fold_label`), by meaning.

Collected from ../shared/corpus/LAYOUTS.md: the central 2020 template (财预〔2020〕10号) and its
Yunnan, Anhui, Sichuan, Hubei, Hebei, Shanxi, Hunan, Chongqing, Jiangxi and Guangzhou variants.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.ingest.textutil import fold_label

# Columns of the funding block → Funds field ("" = a column that is read past: 到位数).
FUND_COLUMNS: dict[str, str] = {
    "年初预算数": "initial_budget",
    "年初预算": "initial_budget",
    "年初预算数(A)": "initial_budget",
    "全年预算数": "adjusted_budget",
    "全年预算数(A)": "adjusted_budget",
    "全年(调整)预算数": "adjusted_budget",
    "调整后预算数": "adjusted_budget",
    "调整后预算": "adjusted_budget",
    "调整预算数": "adjusted_budget",
    "预算数(调整后)": "adjusted_budget",
    "预算数(A)": "adjusted_budget",
    "预算数": "adjusted_budget",
    "全年执行数": "actual",
    "全年执行数(B)": "actual",
    "预算执行数": "actual",
    "执行数": "actual",
    "执行数(B)": "actual",
    "实际支出数": "actual",
    "分值": "weight",
    "权重": "weight",
    "执行率权重": "weight",
    "执行率": "execution_rate",
    "执行率(B/A)": "execution_rate",
    "执行率(%)": "execution_rate",
    "预算执行率": "execution_rate",
    "预算完成率": "execution_rate",
    "预算执行进度(%)": "execution_rate",
    "得分": "score",
    "执行率得分": "score",
    "自评得分": "score",
    "得分(20分*执行率)": "score",
    "合计": "adjusted_budget",
    "到位数": "",
    "计划投资额": "adjusted_budget",
    "计划投资": "adjusted_budget",
    "实际到位资金": "",
    "实际使用情况": "actual",
    "实际使用资金": "actual",
    "中央": "",
    "省、地": "",
    "本级": "",
    "原因": "",
    "偏差原因": "",
    "得分计算方法": "",
}

# Row labels of the funding block. The total row; everything else is a 其中 line by source.
FUND_TOTAL_ROWS = (
    "金额",
    "年度资金总额",
    "年度财政资金总额",
    "年度总金额",
    "资金总额",
    "总额",
    "合计",
    "部门(单位)总体资金",
    "年度预算申请",
)
FUND_LINE_ROWS = (
    "当年财政拨款",
    "本年财政拨款",
    "财政拨款",
    "财政资金",
    "上年结转资金",
    "上年结转",
    "其他资金",
    "财政专户管理资金",
    "单位资金",
    "一般公共预算",
    "政府性基金拨款",
    "政府性基金预算",
    "纳入专户管理的非税收入拨款",
    "国有资本经营预算",
    "基本支出",
    "项目支出",
    "中央",
    "中央财政",
    "省财政",
    "市县财政",
    "市级财政",
    "县级财政",
    "省、地",
    "本级",
    "其他",
    # sources as the provinces name them
    "一般预算内拨款",
    "一般公共预算拨款",
    "本年一般公共预算拨款",
    "中央财政资金",
    "中央补助",
    "中央资金",
    "自治区补助",
    "省级补助",
    "省级资金",
    "市级补助",
    "市级资金",
    "县级补助",
    "县级资金",
    "市县资金",
    "地方资金",
    "本级资金",
    "自筹资金",
    "社会资金",
)

# Columns of the indicator grid → Indicator field.
INDICATOR_COLUMNS: dict[str, str] = {
    "一级指标": "level1",
    "一级": "level1",
    "二级指标": "level2",
    "二级": "level2",
    "三级指标": "name",
    "三级": "name",
    "指标名称": "name",
    "指标内容": "name",
    "年度指标值": "target",
    "年度指标值(A)": "target",
    "预期指标值": "target",
    "年初指标值": "target",
    "年初指标值(A)": "target",
    "年初目标值": "target",
    "年初目标值(A)": "target",
    "指标值": "target",
    "目标值": "target",
    "调整指标值": "adjusted_target",
    "指标性质": "operator",
    "计算符号": "operator",
    "符号": "operator",
    "度量单位": "unit",
    "单位(文字描述)": "unit",
    "计量单位": "unit",
    "实际完成值": "result",
    "实际完成值(B)": "result",
    "实际完成指标值": "result",
    "单项指标实际完成值": "result",
    "全年完成值": "result",
    "全年实际值": "result",
    "全年实际值(B)": "result",
    "完成值": "result",
    "年终完成值": "result",
    "实际值": "result",
    "实际完成情况": "result",
    "单项指标完成情况": "status",
    "分值": "weight",
    "权重": "weight",
    "参考分值": "weight",
    "指标权重(分)": "weight",
    "指标权重": "weight",
    "权重占比(%)": "weight",
    "得分": "score",
    "自评分": "score",
    "自评得分": "score",
    "指标得分(分)": "score",
    "指标得分": "score",
    "单项指标得分": "score",
    "偏差原因分析及改进措施": "deviation",
    "未完成原因分析": "deviation",
    "未完成原因": "deviation",
    "未完成原因及拟采取的改进措施": "deviation",
    "未完成原因及改进措施": "deviation",
    "未完成原因和改进措施": "deviation",
    "未能完成原因": "deviation",
    "偏差大或目标未完成原因分析": "deviation",
    "偏差及原因分析": "deviation",
    "偏差原因": "deviation",
    "扣分原因": "deviation",
    "原因": "deviation",
    "未完成原因分析及改进措施": "deviation",
    "偏差原因分析": "deviation",
    "复核分": "",
    "评价标准": "",
    "评分标准": "",
    "指标说明": "",
    "得分计算方法": "",
    "得分系数(%)": "",
    "得分系数": "",
    "是否核心指标": "",
    "说明": "",
    "单项指标折算得分": "",
}

LEVEL1_WORDS = (
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "产出",
    "效益",
    "满意度",
    "投入",
    "过程",
    "效果",
    "项目决策",
    "项目管理",
    "项目产出",
    "项目效益",
    "部门决策",
    "综合管理",
    "部门绩效情况",
    "管理指标",
    "效果指标",
)
LEVEL2_WORDS = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "经济效益",
    "社会效益",
    "生态效益",
    "环境效益",
    "可持续影响",
    "服务对象满意度",
    "项目立项",
    "项目目标",
    "资金投入",
    "投入管理",
    "项目实施",
    "组织实施",
    "产出数量",
    "产出质量",
    "产出时效",
    "产出成本",
)

_POINTS = re.compile(r"[((]\d+(?:\.\d+)?分[))]$|\d+(?:\.\d+)?分$|\d+$")


_BARE_KEYS: dict[str, tuple[str, ...]] = {}


_COLUMN_MEMO: dict[tuple[str, int], str | None] = {}


def column_of(label: str, table: dict[str, str]) -> str | None:
    """Return the field of a column header, None when it is not one of ``table``'s labels."""
    memo = (label, id(table))
    if memo in _COLUMN_MEMO:
        return _COLUMN_MEMO[memo]
    found = _column_of(label, table)
    if len(_COLUMN_MEMO) < 65536 and (table is FUND_COLUMNS or table is INDICATOR_COLUMNS):
        _COLUMN_MEMO[memo] = found
    return found


def _column_of(label: str, table: dict[str, str]) -> str | None:
    key = fold_label(label)
    if key in table:
        return table[key]
    keys = _BARE_KEYS.get(key)
    if keys is None:
        keys = _bare_keys(key)
        if len(_BARE_KEYS) < 65536:  # a bounded memo: the labels of a process are few
            _BARE_KEYS[key] = keys
    for bare in keys:
        if bare in table:
            return table[bare]
    return None


def _bare_keys(key: str) -> tuple[str, ...]:
    """The forms of a folded label without its trailing bracket: 年初预算数(A) → 年初预算数; a bracket
    lost in the extraction too: 年初目标值(A, 执行数B), 执行率B/A)."""
    bare = re.sub(r"[((][^()()]*[))]$", "", key)
    unbalanced = re.sub(r"[((][^()()]{0,8}$", "", key)
    if unbalanced == key and not re.search(r"[((]", key):
        unbalanced = re.sub(r"[A-Za-z/*]{1,5}[))]$", "", key)
    return tuple(k for k in (bare, unbalanced) if k != key)


@lru_cache(maxsize=8192)
def is_level1(label: str) -> bool:
    """Return True for a first-level indicator label, with or without its points (产出指标(50分))."""
    key = _POINTS.sub("", fold_label(label))
    return key in LEVEL1_WORDS


@lru_cache(maxsize=8192)
def is_ambiguous_level(label: str) -> bool:
    """Return True for a label that is first-level in one template and second-level in another (成本指标)."""
    return is_level1(label) and is_level2(label)


@lru_cache(maxsize=8192)
def is_level2(label: str) -> bool:
    key = _POINTS.sub("", fold_label(label))
    return key in LEVEL2_WORDS


@lru_cache(maxsize=8192)
def is_header_label(label: str) -> bool:
    """Return True for any column header of the funding block or the indicator grid."""
    return column_of(label, FUND_COLUMNS) is not None or column_of(label, INDICATOR_COLUMNS) is not None

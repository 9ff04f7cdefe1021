"""The labels printed on published forms, folded (see :func:`textutil.fold_label`), by meaning.

Collected from ../shared/corpus/LAYOUTS.md: the central 2020 template (财预〔2020〕10号) and its
Yunnan, Anhui, Sichuan, Hubei, Hebei, Shanxi, Hunan, Chongqing, Jiangxi and Guangzhou variants.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.ingest.textutil import fold_label

# -- the form's own fields (cover, 基本情况 table) ---------------------------------------------------
# A label → the Form field its value fills, matched on the folded cell start, first match wins (so a
# longer label comes before a label it starts with). "" = a fact the format has no field for
# (中央主管部门 of a central transfer: the department is the local one).
HEAD_FIELDS: tuple[tuple[str, str], ...] = (
    # 项目名称
    ("项目名称", "project"),
    ("专项资金名称", "project"),
    ("转移支付(项目)名称", "project"),
    ("转移支付项目名称", "project"),
    # 主管部门 (project forms) / 部门(单位)名称 (department forms)
    ("中央主管部门", ""),
    ("地方主管部门", "department"),
    ("主管部门及代码", "department"),
    ("主管部门(单位)", "department"),
    ("主管部门", "department"),
    ("预算部门", "department"),
    ("评价部门名称", "department"),
    ("部门(单位)名称", "department"),
    ("部门名称", "department"),
    ("单位名称", "department"),
    # 实施单位
    ("项目实施单位", "implementing_unit"),
    ("实施单位", "implementing_unit"),
    ("项目单位", "implementing_unit"),
    ("资金使用单位", "implementing_unit"),
    # 总分 / 等级 printed in the header
    ("自评总分", "total_score"),
    ("项目总得分", "total_score"),
    ("自评得分", "total_score"),
    ("总得分", "total_score"),
    ("自评等级", "grade"),
    ("评价等级", "grade"),
    ("等级", "grade"),
)

# Labels of facts the format has no field for, each followed by its value (cover and 基本概况 of the
# Hunan report-form, contact rows, signatures): the label and its value are read past.
INFO_LABELS: tuple[str, ...] = (
    # who and how
    "主管部门(盖章)",
    "项目负责人及电话",
    "项目负责人",
    "财务负责人",
    "单位负责人",
    "部门联系人",
    "联系人",
    "联系电话",
    "联络电话",
    "填报人",
    "填表人",
    "审核人",
    "单位领导审签",
    "单位(盖章)",
    # the report's cover
    "预算编码",
    "评价类型",
    "评价方式",
    "评价机构",
    "报告日期",
    "填报日期",
    "报表编号",
    # the unit and the project
    "人员编制",
    "实有人数",
    "编制数",
    "实际在职人数",
    "项目地址",
    "地址",
    "邮编",
    "项目起止时间",
    "项目属性",
    "项目类别",
    "项目类型",
    "项目期",
    "项目来源",
    "财政处室",
)

# Narrative blocks of a department report-form → Form field; "tasks" = one task per 任务N item.
REPORT_BLOCKS: tuple[tuple[str, str], ...] = (
    ("职能职责概述", ""),
    ("年度主要工作内容", "tasks"),
    ("年度部门(单位)总体运行情况及取得的成绩", "overall_performance"),
    ("年度单位总体运行情况及取得的成绩", "overall_performance"),
    ("年度部门总体运行情况及取得的成绩", "overall_performance"),
    ("总体运行情况及取得的成绩", "overall_performance"),
)

# Every label of the form's own fields, for joining a label a line break cut in two.
FIELD_LABELS = frozenset(
    [label for label, _ in HEAD_FIELDS] + list(INFO_LABELS) + [label for label, _ in REPORT_BLOCKS]
)

# Funds printed as label/value pairs (计划安排资金 700 | 实际到位资金 700 | 实际支出 700 | 结余 0),
# each pair a column group that the 其中 rows below repeat by source; "" = no field (到位, 结余).
FUND_PAIRS: dict[str, str] = {
    "计划安排资金": "adjusted_budget",
    "计划投资额": "adjusted_budget",
    "实际到位资金": "",
    "实际支出": "actual",
    "实际使用情况": "actual",
    "结余": "",
}

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
    # 湖南 部门整体支出 variant: 资金情况 | 年初预算资金总额: | 实际投入资金额 | 产生差异的原因
    "年初预算资金总额": "initial_budget",
    "实际投入资金额": "actual",
    "实际投入资金": "actual",
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
    "中央": "",
    "省、地": "",
    "本级": "",
    "原因": "",
    "偏差原因": "",
    "产生差异的原因": "",
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
    "年初指标值": "target",
    "年初指标值(A)": "target",
    "年初目标值": "target",
    "年初目标值(A)": "target",
    "指标值": "target",
    "指标值(A)": "target",
    "目标值": "target",
    "预期指标值": "target",
    "预期指标值(A)": "target",
    "调整指标值": "adjusted_target",
    "指标性质": "operator",
    "计算符号": "operator",
    "符号": "operator",
    "度量单位": "unit",
    "单位(文字描述)": "unit",
    "计量单位": "unit",
    "实际完成值": "result",
    "实际完成值(B)": "result",
    "单项指标实际完成值": "result",
    "全年实际完成值": "result",
    "实际完成指标值": "result",
    "实际完成指标值(B)": "result",
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
    "未完成原因及拟采取的改进措施": "deviation",
    "未完成原因及改进措施": "deviation",
    "未完成原因和改进措施": "deviation",
    "未完成原因": "deviation",
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

# Columns of the 主要任务 table of a Guangzhou department form → Task field ("indicator" = 关键指标,
# "result" = 指标完成情况).
TASK_COLUMNS: dict[str, str] = {
    "主要任务": "name",
    "预期目标": "expected",
    "目标完成情况": "achieved",
    "关键指标": "indicator",
    "指标完成情况": "result",
    "任务涉及资金": "funds",
    "任务涉及资金(万元)": "funds",
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
    "投入指标",
    "过程指标",
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
    "具体指标",
)

_POINTS = re.compile(r"[((]\d+(?:\.\d+)?分[))]$|\d+(?:\.\d+)?分$|\d+$")


_BRACKET_TAIL = re.compile(r"[((][^()()]*[))]$|[((][^()()]{0,6}$|[A-Za-z/×*%]{1,5}[))]$")


_COLUMNS: dict[tuple[str, int], str | None] = {}


# A deviation column by its shape: a short label naming the reason and ending as such labels end.
_DEVIATION_HEADER = re.compile(
    r"[\u4e00-\u9fff、和及或的]{0,10}原因[\u4e00-\u9fff、和及或的]{0,8}(?:改进措施|原因分析|分析)"
)


def column_of(label: str, table: dict[str, str]) -> str | None:
    """Return the field of a column header, None when it is not one of ``table``'s labels.

    A trailing bracket is left out, whole or torn by the extraction: 执行率(B/A), 执行数B), 年初目标值(A."""
    memo = (label, id(table))
    if memo in _COLUMNS:
        return _COLUMNS[memo]
    key = fold_label(label)
    if key in table:
        found: str | None = table[key]
    else:
        bare = _BRACKET_TAIL.sub("", key)
        found = table.get(bare) if bare != key else None
    if found is None and table is INDICATOR_COLUMNS and _DEVIATION_HEADER.fullmatch(key):
        found = "deviation"  # 产生差异的原因及改进措施, 偏差原因及改进措施: the wordings vary by province
    if len(_COLUMNS) < 65536:
        _COLUMNS[memo] = found
    return found


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
    return key in LEVEL2_WORDS or (key.endswith("等") and key[:-1] in LEVEL2_WORDS)  # 服务对象满意度指标等


# Qualitative values written as a target or a result: never an indicator's name.
QUALITATIVE_VALUES = frozenset(
    (
        "有效",
        "无效",
        "良好",
        "优秀",
        "较好",
        "好",
        "高",
        "中",
        "低",
        "达标",
        "未达标",
        "完成",
        "已完成",
        "未完成",
        "全部完成",
        "是",
        "否",
        "满意",
        "基本满意",
        "显著",
        "明显",
        "效果明显",
        "达成预期指标",
        "达成预期",
        "达到预期",
        "符合要求",
        "合格",
        "及时",
        "按时",
        "正常",
        "通过",
    )
)


# Titles of a block printed in a merged cell beside its table (绩 效 指 标 | 一级指标 | …), repeated
# at the start of a row when the table runs onto a new page: never a value.
BLOCK_TITLES = (
    "绩效指标",
    "年度绩效指标",
    "年度绩效指标完成情况",
    "项目资金",
    "项目资金(万元)",
    "项目资金(元)",
    "资金情况",
    "资金情况(万元)",
    "预算资金(万元)",
    "预算执行情况",
    "预算执行情况(万元)",
)


@lru_cache(maxsize=8192)
def is_block_title(label: str) -> bool:
    return re.sub(r"[((]\d+分[))]$", "", fold_label(label)) in BLOCK_TITLES


@lru_cache(maxsize=8192)
def is_header_label(label: str) -> bool:
    """Return True for any column header of the funding block or the indicator grid."""
    return (
        column_of(label, FUND_COLUMNS) is not None
        or column_of(label, INDICATOR_COLUMNS) is not None
        or column_of(label, TASK_COLUMNS) is not None
    )


def after_label(text: str, label: str) -> str:
    """Return what follows a (folded) label at the start of ``text``, as written: the value of a
    "label: value" cell (项目名稱:岳陽縣… → 岳陽縣…), stripped of the colon and spaces."""
    for end in range(len(text) + 1):
        if len(fold_label(text[:end])) >= len(label):
            return text[end:].strip().lstrip(":：").strip()
    return ""


@lru_cache(maxsize=8192)
def head_field(text: str) -> tuple[str, str] | None:
    """Return (label, field) when a cell starts with one of the form's own field labels."""
    key = fold_label(text)
    for label, name in HEAD_FIELDS:
        if key.startswith(label):
            return label, name
    return None


@lru_cache(maxsize=8192)
def info_label(text: str) -> str | None:
    """Return the label when a cell starts with a label of a fact the format has no field for."""
    key = fold_label(text)
    return next((label for label in INFO_LABELS if key.startswith(label)), None)


@lru_cache(maxsize=8192)
def fund_pair(text: str) -> str | None:
    """Return the Funds field ("" for none) of a label/value fund label (计划安排资金(万元))."""
    key = re.sub(r"[((](万元|元)[))]$", "", fold_label(text))
    return FUND_PAIRS.get(key)


@lru_cache(maxsize=8192)
def report_block(text: str) -> tuple[str, str] | None:
    """Return (label, field) when a cell is the label of a report-form narrative block."""
    key = fold_label(text)
    for label, name in REPORT_BLOCKS:
        if key == label or key.startswith(label):
            return label, name
    return None

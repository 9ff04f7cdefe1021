"""Is this a filled self-evaluation form? Recognise the documents that look like one but are not.

Three kinds come up among published files (LAYOUTS.md §F): a target-setting table (绩效目标申报表:
targets, no actual values or scores), an unfilled template (labels, no values), and a narrative
report (paragraphs, no table). Each is refused with its own reason.
"""

from __future__ import annotations

import re

from jixiao.core.numbers import is_absent
from jixiao.ingest import runtogether, vocab
from jixiao.ingest.grid import Grid
from jixiao.ingest.textutil import fold_label

UNRECOGNISED = "未识别出绩效自评表的表格(既不是部门整体支出绩效自评表,也不是项目支出绩效自评表)"
TARGET_TABLE = "这是绩效目标申报表(只有目标值,没有实际完成值和得分),不是填好的自评表"
BLANK_TEMPLATE = "这是未填写的空白模板(只有栏目名称,没有填写内容)"
NARRATIVE = "这是文字报告,没有自评表格;请导入报告所附的自评表"

_RESULT_WORDS = (
    "实际完成值",
    "完成值",
    "实际值",
    "全年完成值",
    "年终完成值",
    "实际完成情况",
    "指标完成情况",
    "目标完成情况",
    "完成情况",
    "执行数",
    "实际支出数",
    "得分",
    "自评分",
)
_TARGET_WORDS = ("目标值", "年度指标值", "指标值", "计算符号", "绩效目标申报", "目标申报", "绩效目标表")
_VALUE = re.compile(r"\d")


def refusal(grid: Grid) -> str | None:
    """Return the Chinese reason a grid is not a filled self-evaluation form, None when it is one."""
    labels = [fold_label(cell) for row in grid for cell in row.cells if cell.strip()]
    if not labels:
        return "文件里没有文字"
    joined = "".join(labels)
    table_rows = [row for row in grid if len(row.filled()) >= 2]
    has_result = any(word in label for label in labels for word in _RESULT_WORDS)
    has_target = any(word in label for label in labels for word in _TARGET_WORDS)
    if has_target and not has_result and "自评" not in joined:
        return TARGET_TABLE
    if "申报表" in joined and "自评" not in joined and not has_result:
        return TARGET_TABLE
    if len(table_rows) < 3 and not has_table(grid):
        text_length = sum(len(label) for label in labels)
        if text_length > 200 and ("报告" in joined or "自评" in joined or "绩效" in joined):
            return NARRATIVE
        return None
    if _is_blank(grid):
        return BLANK_TEMPLATE
    return None


def _is_blank(grid: Grid) -> bool:
    """Return True when nothing but printed labels, dashes and printed points was filled in, or when
    the tables have result and score columns (实际完成值, 执行数, 得分 …) and not one row fills them."""
    if all(not _is_content(row.text(i)) for row in grid for i in row.filled()):
        return True
    result_columns: set[int] = set()
    headers = filled = 0
    for row in grid:
        kinds = {
            i: vocab.column_of(row.text(i), vocab.INDICATOR_COLUMNS)
            or vocab.column_of(row.text(i), vocab.FUND_COLUMNS)
            for i in row.filled()
        }
        if sum(1 for k in kinds.values() if k) >= 3:
            result_columns = {i for i, k in kinds.items() if k in ("result", "score", "actual", "status")}
            headers += 1
            continue
        if any(re.search(r"\d\.\d|\d\s*[%%]", row.text(i)) for i in row.filled()):
            return False  # a decimal or a percentage is never printed on a blank template
        for i in result_columns:
            text = row.text(i)
            if text and not is_absent(text) and not vocab.is_header_label(text):
                filled += 1
    return headers > 0 and filled == 0 and bool(result_columns)


_ROW_LABELS = (
    "年度资金总额",
    "其中",
    "上年结转",
    "其他资金",
    "总分",
    "合计",
    "年度总体目标",
    "项目资金",
    "绩效指标",
    "项目名称",
    "主管部门",
    "实施单位",
    "部门名称",
    "单位名称",
    "部门(单位)名称",
    "存在问题",
    "改进措施",
    "评价结论",
    "项目负责人",
    "财务负责人",
    "填报人",
    "联系电话",
    "单位:",
)


def _is_content(text: str) -> bool:
    """Return True for a cell somebody filled in: a figure, a name, a sentence."""
    key = fold_label(text)
    if (
        not key
        or is_absent(text)
        or vocab.is_header_label(text)
        or vocab.is_level1(text)
        or vocab.is_level2(text)
    ):
        return False
    if any(key.startswith(label) for label in _ROW_LABELS) and len(key) <= 12:
        return False
    if re.fullmatch(r"\d{1,3}", key) and int(key) <= 100:
        return False  # printed points: 分值 10, 总分 100
    if re.search(r"[((]\d+(?:\.\d+)?分[))]$", key) and len(key) <= 20:
        return False  # a printed label with its points: 相关性(5分)
    if len(key) > 60:
        return True  # a title is short; a long cell is text somebody wrote
    return not re.fullmatch(
        r"[((]?(19|20|)[Xx×*]{0,2}年度?[))]?|.*(自评|评价)表.*|预期目标|实际完成情况", key
    )


def form_fields(grid: Grid) -> int:
    """Count the distinct labels of a form's own fields that stand as a label in a cell (项目名称,
    主管部门, 联系人, 人员编制, 计划安排资金 …): the cover and basic-information table of a form,
    which a narrative report does not have. A label starting a long sentence does not count."""
    found: set[str] = set()
    for row in grid:
        for index in row.filled():
            text = row.text(index)
            if len(text) > 80:
                continue
            label = (
                (vocab.head_field(text) or ("",))[0]
                or vocab.info_label(text)
                or (vocab.report_block(text) or ("",))[0]
                or (fold_label(text) if vocab.fund_pair(text) is not None else "")
            )
            if label and len(fold_label(text)) - len(label) <= 40:
                found.add(label)
    return len(found)


def has_table(grid: Grid) -> bool:
    """Return True when the document has the tables of a form, whatever its reading made of them: a
    row of column headers (maybe run together in one cell: 全年预算数(A)全年执行数(B)预算执行率), or
    the label/value cells of a form's own fields."""
    for row in grid:
        headers = 0
        for index in row.filled():
            text = row.text(index)
            if vocab.is_header_label(text):
                headers += 1
            elif 8 <= len(text) <= 4000:
                headers = max(headers, _header_run(text))
        if headers >= 3:
            return True
    return form_fields(grid) >= 4 or _flattened_labels(grid) >= 4 or _level_rows(grid) >= 3


def _header_run(text: str) -> int:
    """The longest run of column headers written one after another in a cell (全年预算数(A)全年执行数(B)
    预算执行率(B/A)); labels a sentence mentions between its words (全年预算数为100万元,全年执行数…) are
    not a run."""
    best = run = 0
    for token in runtogether.segment(text):
        if vocab.is_header_label(token):
            run += 1
            best = max(best, run)
        elif len(token) > 6:
            run = 0  # only a bracket such as (B/A) may stand between two headers
    return best


_LEVEL_START = re.compile(
    "^(?:"
    + "|".join(sorted({*vocab.LEVEL1_WORDS, *vocab.LEVEL2_WORDS}, key=len, reverse=True))
    + r")+(?=.*(?:[≥≤=<>≧≦]|\d))"
)


def _level_rows(grid: Grid) -> int:
    """Count the cells that open with an indicator's level labels and go on to a target (产出指标数量指标
    足额保障率=100%): the rows of an indicator grid whose header an excerpt cut off."""
    return sum(1 for row in grid for i in row.filled() if _LEVEL_START.match(fold_label(row.text(i))))


# Labels of a form's blocks that stand as words of their own when a page was flattened with spaces.
_BLOCK_LABELS = frozenset(
    (
        "单位基本情况",
        "项目基本情况",
        "按资金来源",
        "按收入性质分",
        "按支出性质分",
        "年度整体绩效目标",
        "整体绩效目标完成情况",
        "年度总体目标",
        "年度总体目标完成情况",
        "项目资金(万元)",
        "资金情况(万元)",
        "绩效指标",
    )
)


def _flattened_labels(grid: Grid) -> int:
    """Count the distinct labels of a form standing as space-separated words inside long cells (a
    PDF flattened with spaces: 单位基本情况 单位名称 … 未能完成原因 …); a narrative has sentences."""
    found: set[str] = set()
    for row in grid:
        for index in row.filled():
            text = row.text(index)
            if len(text) < 40:
                continue
            for word in text.split():
                key = fold_label(word)
                if (
                    key in _BLOCK_LABELS
                    or key in vocab.FIELD_LABELS
                    or (len(key) >= 4 and vocab.is_header_label(word))
                ):
                    found.add(key)
    return len(found)

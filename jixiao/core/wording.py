"""The wording catalogue: every sentence and name a user reads about a form, in Chinese, in one place.

Codes (``arithmetic.execution_rate``, ``met``, ``draft``) and the importer's English problem phrases
(``empty cell``, part of the interchange format) are identifiers; what is shown for them is here:
severities, verdicts, the workflow's statuses, the importer's review problems and the checks'
messages. ``tests/test_wording.py`` renders the seed's pages and reports and fails on English.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

SEVERITIES: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}

VERDICTS: dict[str, str] = {
    "met": "已达成",
    "not_met": "未达成",
    "unverifiable": "无法核验",
    "unknown": "无法判断",
}
VERDICT_ORDER: tuple[str, ...] = ("met", "not_met", "unverifiable", "unknown")

# The kinds of findings: the first part of a finding's code (``arithmetic`` of ``arithmetic.reported``).
FINDING_KINDS: dict[str, str] = {
    "arithmetic": "金额与比率计算",
    "completeness": "内容未填写完整",
    "consistency": "前后数字不一致",
    "claims": "表述与所列不符",
    "indicators": "指标核验",
    "key_project": "重点项目",
    "review": "导入待核对",
}

KINDS: dict[str, str] = {"department": "部门整体支出绩效自评表", "project": "项目支出绩效自评表"}

# What a form's 汇总 marks mean, for the tag beside its name: ``rollup`` is the 汇总表 the workflow
# built from the units' forms; ``summary`` (the form's own "(汇总)" header) on a form a person filled
# is a department's form that includes its subordinate units.
SUMMARY_TAGS: dict[str, str] = {"rollup": "汇总表", "summary": "含下属单位"}


def summary_tag(*, rollup: bool, summary: bool) -> str:
    """Return the tag for a form's 汇总 marks (the system-built 汇总表 first), or "" for neither."""
    if rollup:
        return SUMMARY_TAGS["rollup"]
    return SUMMARY_TAGS["summary"] if summary else ""


# Lists shown a page at a time.
PAGES: dict[str, str] = {
    "count": "共 {total} 张,第 {number}/{pages} 页",
    "previous": "上一页",
    "next": "下一页",
    "out_of_range": "没有第 {asked} 页,共 {pages} 页;下面是第 {pages} 页。",
    "before_first": "没有第 {asked} 页;下面是第 1 页。",
    "not_a_number": "页码“{asked}”不是数字;下面是第 1 页。",
}


# The workflow's states (``jixiao.web.workflow.transitions`` moves a form between them).
STATUSES: dict[str, str] = {
    "draft": "草稿",
    "submitted": "已提交",
    "department_approved": "主管部门已审核",
    "finance_review": "财政审核中",
    "finance_approved": "已审核",
    "published": "已公开",
    "returned": "退回",
}

# --- saving on the edit page ------------------------------------------------------------------------
# The status line and the notes beside a field, as the server renders them and as the page's script
# (``static/jixiao/edit.js``, which reads them from the page) shows them: a save is called saved only
# when the server acknowledged it.
SAVES: dict[str, str] = {
    "idle": "修改会自动保存并重新检查",
    "saved": "已保存 {time}",
    "dirty": "有修改尚未保存,稍后自动保存……",
    "saving": "正在保存……",
    "unsaved": "未保存:{reason}",
    "conflicts": "{count} 处未保存:别人刚保存了不同的内容,请在标出的格子旁选择用哪一个",
    "conflicts_rest": "其余修改已保存 {time}",
    "too_large": "{count} 处未保存:内容超出可保存的范围,见标出的格子",
    "conflict_title": "未保存:别人(或您的另一个窗口)刚保存了这一格",
    "mine": "您填写的",
    "stored": "已保存的",
    "use_mine": "用我的",
    "use_stored": "用已保存的",
    "took_stored": "已改用已保存的内容。您原来填写的是:",
    "close": "关闭",
    "empty": "(空)",
    "checked": "勾选",
    "unchecked": "未勾选",
    "field_unsaved": "未保存",
    "kept": "您填写的内容仍在页面上,没有丢失。",
    "locked": "这张表已提交或已锁定,不能再修改",
    "server": "服务器出错(状态码 {status}),稍后自动重试",
    "network": "无法连接服务器,稍后自动重试",
    "login": "登录已过期,请在新窗口中重新登录后点“重试”",
    "refused": "服务器拒绝了这次保存(状态码 {status})",
    "retry": "重试",
    "copy": "复制未保存的内容",
    "copied": "已复制到剪贴板",
    "copy_by_hand": "请选中下面的文字并复制:",
    "reload": "刷新页面",
    "leave": "有修改尚未保存,离开本页会丢失这些内容。",
    "rows_changed": "这张表的行数已在别处改变(例如另一个窗口),本次输入未保存。请先复制您刚填写的内容,再刷新页面。",
    "rows_changed_op": "这张表已在别处修改,本次操作未执行。请刷新页面后重试。",
    "remove_stale": "这张表在您打开页面之后已被修改(别人或您的另一个窗口),为免删错行,本次删除未执行。请刷新页面后重试。",
    "conflict_again": "{title};{stored}:{value}。再次保存即用您填写的内容。",
}


def save_phrase(key: str, **values: Any) -> str:
    """Return a phrase of the edit page's saving, with its values."""
    return SAVES[key].format(**values)


# --- the importer's review problems ---------------------------------------------------------------
# An importer writes a short English phrase (FORMAT.md's example does; the phrases are part of the
# interchange format); the user reads the Chinese sentence. ``\1`` keeps the quoted cell text.

REVIEW_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"empty cell", "单元格为空"),
    (r"text partly unreadable", "文字部分无法辨认(乱码或印章遮挡),请对照原件"),
    (r"label unreadable \(seal\); value placed by layout", "标签被印章遮挡无法辨认,数值按表格位置填入"),
    (r"indicator and result interleaved in one cell", "指标与完成情况混在一个单元格里,已按内容拆分,请核对"),
    (r"truncated: only '(.*)' left", r"内容被截断,只剩“\1”"),
    (r"not a number: '(.*)'", r"不是可读的数字:“\1”"),
    (r"not found in the document", "原件中没有找到"),
    (r"cell not imported: '(.*)'", r"未能归入任何栏目的内容:“\1”"),
    (r"read by OCR: page (\d+)", r"第 \1 页由文字识别(OCR)读取,请对照原件核对"),
    (r"row could not be split into cells: '(.*)'", r"无法拆分成单元格的行:“\1”"),
    (r"column not imported: '(.*)'", r"“\1”栏在交换格式中没有对应字段,未导入,请对照原件"),
    (r"template instructions left in the cell: '(.*)'", r"单元格里仍是模板的填写说明:“\1”"),
    (r"template placeholder left in the name", "指标名称中留有模板占位符(如 ≥**人)"),
    (r"file ends in the middle of a character \(half-written\)", "文件在一个字符中间结束(可能没有写完)"),
    (r"another column interleaved: '(.*)'", r"“\1”栏的文字被插在这段文字中间,请对照原件拆分"),
    (r"cells rebuilt from run-together text: '(.*)'", r"由连在一起的识别文字拆分出各栏:“\1”,请核对"),
    (
        r"web page or document wrapper lines skipped \((\d+)\): '(.*)'",
        r"跳过了网页或文档外壳的 \1 行(如“\2”)",
    ),
    (r"text before the form title skipped: '(.*)'", r"跳过了表格标题之前的文档信息:“\1”"),
    (r"unrecognised label '(.*)'; value not imported: '(.*)'", r"无法识别的标签“\1”,其数值“\2”未导入"),
    ("read from the text, not the table: '(.*)'", "表格中没有此数,取自文字说明:“\\1”,请核对"),
    (
        "values placed by the kind of their column: '(.*)'",
        "该行缺少空单元格,数值按栏目类型(分值/得分、指标值、金额)归位:“\\1”,请核对",
    ),
    (
        "figures contradict the printed rate, not placed: '(.*)'",
        "该行数字与表上印的执行率对不上(预算数 / 执行数 / 执行率:\\1),无法确定各是哪一栏,未导入,请对照原件",
    ),
    (
        "form recognised, cells not placed: (\\d+) of (\\d+)",
        "已认出这是一张自评表,但有 \\1 个单元格(共 \\2 个)未能归入任何栏目,见下列各项,请对照原件补齐",
    ),
    ("pinyin noise removed \\((\\d+)\\)", "删去了镜像网站加在汉字后的拼音注音(\\1 处)"),
    (
        "value placed as in the rows around it: '(.*)'",
        "这一格可属指标值或完成值,按同组各行的写法归入:“\\1”,请核对",
    ),
    ("cells could not be read: '(.*)'", "识别文字在应为数字或单位处无法读出,未导入:“\\1”,请对照原件"),
    (
        "name and values run together: '(.*)'",
        "指标名称与其后的数值连在一起、无法确定分界,整段作为名称导入:“\\1”,请核对",
    ),
    ("name wrapped over two cells, joined: '(.*)'", "指标名称换行分在两格,已接成一个名称:“\\1”,请核对"),
    ("part of the document not imported: '(.*)'", "文件中另有一部分未导入(\\1),请对照原件"),
    ("cells not placed: '(.*?)' \\((.*)\\)", "“\\1”有几种同样说得通的归法(\\2),未导入,请核对"),
    ("figures not placed: '(.*)'", "连在一起的数字有几种同样说得通的切法,未导入:“\\1”"),
    ("figures (?:not read|could not be read): '(.*)'", "无法读出的数字,未导入:“\\1”,请对照原件"),
    ("figures cut by a page break not placed: '(.*)'", "数字被文档分享网站的分页截断,无法确定,未导入:“\\1”"),
    ("figures printed after their column labels", "数值印在各自的栏目名之后,已按栏目归位,请核对"),
)
_REVIEW = tuple((re.compile(f"^{pattern}$", re.DOTALL), chinese) for pattern, chinese in REVIEW_PROBLEMS)
UNKNOWN_PROBLEM = "导入时未能确认的内容:{problem}"


@lru_cache(maxsize=1024)
def review_problem(problem: str) -> str:
    """Return the Chinese sentence for an importer's review problem (a phrase of its own is quoted)."""
    for pattern, chinese in _REVIEW:
        if pattern.match(problem):
            return pattern.sub(chinese, problem)
    if not re.search(r"[A-Za-z]{2}", problem):
        return problem  # already written for people (a roll-up's note, a hand-typed entry)
    return UNKNOWN_PROBLEM.format(problem=problem)


_SOURCES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^line (\d+)$"), r"原文第 \1 行"),
    (re.compile(r"^lines (\d+)[-–](\d+)$"), r"原文第 \1–\2 行"),
    (re.compile(r"^page (\d+) row (\d+)$"), r"第 \1 页第 \2 行"),
    (re.compile(r"^page (\d+)$"), r"第 \1 页"),
    (re.compile(r"^sheet '(.*)' row (\d+)$"), r"工作表“\1”第 \2 行"),
    (re.compile(r"^sheet '(.*)'$"), r"工作表“\1”"),
)


def review_source(source: str) -> str:
    """Return where an importer found something, in Chinese: ``line 14`` → 原文第 14 行."""
    for pattern, chinese in _SOURCES:
        if pattern.match(source):
            return pattern.sub(chinese, source)
    return source


# --- the checks' findings -------------------------------------------------------------------------
# One template per finding code; ``finding(code, **values)`` fills it. The values are figures as
# written, labels from the field catalogue and texts quoted from the form.

FINDINGS: dict[str, str] = {
    "arithmetic.reported": (
        "{label}填报为 {reported}{unit},按公式({formula})计算为 {computed}{unit},相差 {difference}{unit}。"
        "请核对后修改或说明原因。"
    ),
    "arithmetic.adjustment.gross": "如填报的是追加、追减与结构调整的总额(财预〔2013〕53号),请在说明中注明。",
    "arithmetic.lines_exceed_total": (
        "“其中”各项{label}合计 {lines}{unit},超过{label} {total}{unit}。分项之和不能大于总数,请核对。"
    ),
    "arithmetic.task_funds_exceed_total": "该任务涉及资金 {funds}{unit} 超过部门预算 {total}{unit},请核对。",
    "arithmetic.tasks_funds_exceed_total": (
        "各项任务涉及资金合计 {funds}{unit},超过部门预算 {total}{unit},请核对各任务资金。"
    ),
    "arithmetic.negative": "该项填报为负数({value}),金额、比率和分值不能为负,请核对。",
    "claims.indicator_count": "目标完成情况称“{claim}”,但该任务列出了 {listed} 个关键指标,请核对。",
    "claims.key_project_categories": (
        "重点项目称设置 {total} 项绩效指标,但各类指标合计 {listing} = {summed} 项,请核对。"
    ),
    "completeness.missing": "未填写{label}。",
    "completeness.task.missing": "第{task}项主要任务未填写{label}。",
    "completeness.task.indicators": "第{task}项主要任务没有关键指标。",
    "completeness.tasks": "未填写主要任务及其关键指标。",
    "completeness.indicators": "未填写绩效指标。",
    "completeness.funds.execution_rate": "未填写{label},按公式计算为 {computed}%。",
    "completeness.indicator.name": "{where}的指标名称为空,无法判断目标是否完成。",
    "completeness.indicator.truncated": "{where}的指标名称不完整(只剩“{name}”),请补全指标及其目标值。",
    "completeness.indicator.result": "{where}未填写指标完成情况。",
    "completeness.where.task": "第{task}项任务第{indicator}个关键指标",
    "completeness.where.grid": "第{indicator}个绩效指标",
    "consistency.figure_stated_twice": (
        "同一指标前后数字不一致:“{first}”({first_place})与“{second}”({second_place})。"
        "请核对哪一个正确,或说明口径不同。"
    ),
    "consistency.place.task": "第{task}项任务",
    "key_project.missing_large": (
        "未填写重点项目绩效情况,而第{task}项任务涉及资金 {funds}{unit}(500万元以上)。"
        "每个部门至少开展一个重点项目绩效评价(表注1)。"
    ),
    "key_project.missing": (
        "未填写重点项目绩效情况。每个部门至少开展一个重点项目绩效评价;"
        "没有500万元以上项目的,根据部门职能自选一个(表注1)。"
    ),
    "review.import_damage": "导入时未能确认此处内容:{problem}{where}。请对照原件核对。",
    "review.where": "({source})",
    "indicators.claimed_all_met": "完成情况称“{claim}”,但该指标未达成:{reason}",
    "indicators.score_above_weight": "得分 {score} 高于该指标分值 {weight},得分不能超过分值。",
    "indicators.full_score_not_met": "该指标未达成,却得满分 {score} 分,请核对。{reason}",
    "indicators.score_differs": "按完成情况应得 {computed} 分(分值 {weight}),表中填报 {score} 分,请核对。{reason}",
    "indicators.score_outside_band": (
        "定性指标未达到目标等级,得分应在 {low}–{high} 分之间,表中填报 {score} 分,请核对。"
    ),
}


def finding(key: str, **values: Any) -> str:
    """Return the Chinese message of a finding (``key`` is its code or a part of one) with its values."""
    return FINDINGS[key].format(**values)

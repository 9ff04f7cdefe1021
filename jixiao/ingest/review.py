"""Review entries: what an importer could not read for sure, with the place it came from.

The ``problem`` strings are short, stable English phrases (they are part of the interchange format
and of the worked example ``seed.expected.json``); :func:`describe` gives the Chinese sentence
shown to users.
"""

from __future__ import annotations

import re

from jixiao.core.form import ReviewItem

EMPTY_CELL = "empty cell"
UNREADABLE = "text partly unreadable"
SEAL_LABEL = "label unreadable (seal); value placed by layout"
INTERLEAVED = "indicator and result interleaved in one cell"
NOT_A_NUMBER = "not a number"
NOT_FOUND = "not found in the document"
NOT_IMPORTED = "cell not imported"
OCR_PAGE = "read by OCR"
ROW_UNSPLIT = "row could not be split into cells"
RUN_SPLIT = "cells rebuilt from run-together text"
FROM_NARRATIVE = "read from the text, not the table"
COLUMNS_PLACED = "values placed by the kind of their column"
CONTRADICTS_RATE = "figures contradict the printed rate, not placed"
RECOGNISED_UNREAD = "form recognised, cells not placed"

_CHINESE = (
    (re.compile(r"^empty cell$"), "单元格为空"),
    (re.compile(r"^text partly unreadable$"), "文字部分无法辨认(乱码或印章遮挡),请对照原件"),
    (
        re.compile(r"^label unreadable \(seal\); value placed by layout$"),
        "标签被印章遮挡无法辨认,数值按表格位置填入",
    ),
    (
        re.compile(r"^indicator and result interleaved in one cell$"),
        "指标与完成情况混在一个单元格里,已按内容拆分,请核对",
    ),
    (re.compile(r"^truncated: only '(.*)' left$"), r"内容被截断,只剩“\1”"),
    (re.compile(r"^not a number: '(.*)'$"), r"不是可读的数字:“\1”"),
    (re.compile(r"^not found in the document$"), "原件中没有找到"),
    (re.compile(r"^cell not imported: '(.*)'$"), r"未能归入任何栏目的内容:“\1”"),
    (re.compile(r"^read by OCR: page (\d+)$"), r"第 \1 页由文字识别(OCR)读取,请对照原件核对"),
    (re.compile(r"^row could not be split into cells: '(.*)'$"), r"无法拆分成单元格的行:“\1”"),
    (re.compile(r"^column not imported: '(.*)'$"), r"“\1”栏在交换格式中没有对应字段,未导入,请对照原件"),
    (re.compile(r"^template instructions left in the cell: '(.*)'$"), r"单元格里仍是模板的填写说明:“\1”"),
    (re.compile(r"^template placeholder left in the name$"), "指标名称中留有模板占位符(如 ≥**人)"),
    (
        re.compile(r"^file ends in the middle of a character \(half-written\)$"),
        "文件在一个字符中间结束(可能没有写完)",
    ),
    (re.compile(r"^another column interleaved: '(.*)'$"), r"“\1”栏的文字被插在这段文字中间,请对照原件拆分"),
    (
        re.compile(r"^cells rebuilt from run-together text: '(.*)'$"),
        r"由连在一起的识别文字拆分出各栏:“\1”,请核对",
    ),
    (
        re.compile(r"^web page or document wrapper lines skipped \((\d+)\): '(.*)'$"),
        r"跳过了网页或文档外壳的 \1 行(如“\2”)",
    ),
    (re.compile(r"^read from the text, not the table: '(.*)'$"), r"表格中没有此数,取自文字说明:“\1”,请核对"),
    (
        re.compile(r"^values placed by the kind of their column: '(.*)'$"),
        r"该行缺少空单元格,数值按栏目类型(分值/得分、指标值、金额)归位:“\1”,请核对",
    ),
    (
        re.compile(r"^figures contradict the printed rate, not placed: '(.*)'$"),
        r"该行数字与表上印的执行率对不上(预算数 / 执行数 / 执行率:\1),无法确定各是哪一栏,未导入,请对照原件",
    ),
    (
        re.compile(r"^form recognised, cells not placed: (\d+) of (\d+)$"),
        r"已认出这是一张自评表,但有 \1 个单元格(共 \2 个)未能归入任何栏目,见下列各项,请对照原件补齐",
    ),
    (re.compile(r"^pinyin noise removed \((\d+)\)$"), r"删去了镜像网站加在汉字后的拼音注音(\1 处)"),
    (re.compile(r"^text before the form title skipped: '(.*)'$"), r"跳过了表格标题之前的文档信息:“\1”"),
    (
        re.compile(r"^value placed as in the rows around it: '(.*)'$"),
        r"这一格可属指标值或完成值,按同组各行的写法归入:“\1”,请核对",
    ),
    (
        re.compile(r"^cells could not be read: '(.*)'$"),
        r"识别文字在应为数字或单位处无法读出,未导入:“\1”,请对照原件",
    ),
    (
        re.compile(r"^name and values run together: '(.*)'$"),
        r"指标名称与其后的数值连在一起、无法确定分界,整段作为名称导入:“\1”,请核对",
    ),
    (re.compile(r"^cells not placed: '(.*?)' \((.*)\)$"), r"“\1”有几种同样说得通的归法(\2),未导入,请核对"),
    (re.compile(r"^figures not placed: '(.*)'$"), r"连在一起的数字有几种同样说得通的切法,未导入:“\1”"),
    (
        re.compile(r"^figures (?:not read|could not be read): '(.*)'$"),
        r"无法读出的数字,未导入:“\1”,请对照原件",
    ),
    (
        re.compile(r"^figures cut by a page break not placed: '(.*)'$"),
        r"数字被文档分享网站的分页截断,无法确定,未导入:“\1”",
    ),
    (
        re.compile(r"^figures printed after their column labels$"),
        "数值印在各自的栏目名之后,已按栏目归位,请核对",
    ),
    (
        re.compile(r"^unrecognised label '(.*)'; value not imported: '(.*)'$"),
        r"无法识别的标签“\1”,其数值“\2”未导入",
    ),
)


def item(path: str, problem: str, source: str | None) -> ReviewItem:
    """Return one review entry."""
    return ReviewItem(path=path, problem=problem, source=source)


def describe(problem: str) -> str:
    """Return the Chinese sentence for a review problem (the English phrase if it is unknown)."""
    for pattern, chinese in _CHINESE:
        if pattern.match(problem):
            return pattern.sub(chinese, problem)
    return problem


def clip(text: str, limit: int = 40) -> str:
    """Shorten a cell text for a review message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Review:
    """Collects review entries in the order they are found, one per path and problem."""

    def __init__(self) -> None:
        self.items: list[ReviewItem] = []

    def add(self, path: str, problem: str, source: str | None) -> None:
        if any(i.path == path and i.problem == problem for i in self.items):
            return
        self.items.append(ReviewItem(path=path, problem=problem, source=source))

    def __len__(self) -> int:
        return len(self.items)

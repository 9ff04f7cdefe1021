"""A table's rows rebuilt from a stream of cells, driven by the table's own header.

Some serialisations keep the cells of a table in order but lose where its rows end: one cell per
line, one cell per blank-line separated paragraph, a whole page flattened with spaces. A careful
reader rebuilds the rows the way the printed table does it:

* a run of column headers (年初预算数 / 全年预算数 …, 一级指标 / 二级指标 / 三级指标 / 年度指标值 …)
  gives the width of the rows under it and the *kind* of each column (a row label, an amount, a
  rate, points, a target, a name, a text); a header printed over two rows (年度指标值 over 指标性质 /
  指标值 / 度量单位) is merged into one;
* a row starts at a row label (年度资金总额, 其中:…) or, in an indicator grid, at a first- or
  second-level label or a name; merged cells (the 一级/二级 label of a group) appear on the
  group's first row only, so a row may start at any of the label columns;
* each following cell goes to the next column whose kind it fits (points into 分值/得分, a figure
  with a unit into 指标值/完成值, a percentage into 执行率, words into a text column); a cell whose
  kind cannot belong to any column still open closes the row;
* an empty cell, when the serialisation keeps them, keeps its column; an explicit row break (a
  line of pipes, a long run of blank lines, a line of a space-separated page) ends a row.

The best assignment of the whole block is found at once (a dynamic programme over cells and
columns), so a row is never decided by the first pattern that happens to match. A value whose
column is in doubt (another column fits the whole block about as well) is left out, never guessed;
a funding row's figures are placed by the row's own arithmetic where it decides (执行率 = 执行数 ÷
预算数, 得分 = 分值 × 执行率), and a 其中 line that repeats the total sits in the total's columns.

A page flattened in layout order needs more: its headers scattered among the values are gathered
back (:func:`gather_headers`), cells cut into tokens are joined (an open bracket, a unit after its
figure, a name's last character), names printed before their values are paired in order, and a
funding row may be printed before its label.

The rebuilt rows are as wide as the header, with every value under its column, so the layout
readers read them by position like any other table.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.core.numbers import NumberError, parse_amount, parse_rate
from jixiao.ingest import review as rv
from jixiao.ingest import vocab
from jixiao.ingest.grid import Row
from jixiao.ingest.textutil import fold_label, strip_numbering


@dataclass
class Cell:
    """One cell of a stream: its text, its source line, and whether an explicit row break precedes it."""

    text: str
    line: int
    brk: bool = False
    fixed: bool = False  # placed by the column groups it was printed in (a label repeated per group)


# -- what a cell looks like -------------------------------------------------------------------

_POINTS = re.compile(r"^(?:100|[1-9]?\d)(?:\.\d{1,2})?分?$")
_BARE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")
_PERCENT = re.compile(r"^(?:[≥≤=<>≧≦﹦═]|>=|<=)?\s*\d[\d,]*(?:\.\d+)?\s*[%%]$")
_AMOUNT = re.compile(r"^\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)$")
_QUANTITY = re.compile(r"^(?:[≥≤=<>≧≦﹦═]|>=|<=)?\s*\d[\d,]*(?:\.\d+)?\s*\S{0,8}$")
_COMPARATOR = re.compile(r"^(?:[≥≤=<>≧≦﹦═]|>=|<=|=>|=<)$")
_ABSENT = {"-", "—", "——", "/", "无", "－", "–"}
_ELLIPSIS = re.compile(r"^[…。.·]{2,}$")
# A target written in words: 不少于12种, 不低于95%, 大于等于3次.
_COMPARATIVE = re.compile(
    r"^(?:不少于|不低于|不超过|不高于|不大于|不小于|大于等于|小于等于|大于|小于|高于|低于|超过|达到)\d"
)
# A unit of measure alone in its cell (the 度量单位 column): %, 人次, 万元, 平方米, %(百分比).
_UNIT_WORD = re.compile(
    r"^(?:[%%‰]|百分比|[万千亿]?(?:元|人次|人|次|场|天|日|月|年|个|亩|公里|千米|米|平方米|立方米|吨|户|家|所|项|件|台|套|只|头|组|篇|份|期"
    r"|批|本|册|辆|座|处|条|名|张|块|株|棵|小时|分钟|周|门|间|床|宗|例|起))(?:[((][^()()]{1,6}[))])?$"
)
_YEAR_TEXT = re.compile(r"^(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}[日号])?[\u4e00-\u9fff]")
_NOTE = re.compile(r"^(备注|说明|注)[:：]|^注\d")
_NUMBERED_NAME = re.compile(r"^指标\s*\d+")
_OUTLINE = re.compile(r"^(?:\d{1,2}[、.．]|[((]\d{1,2}[))]|[一二三四五六七八九十]{1,3}[、.．])\s*[^\d\s.%%]")


@lru_cache(maxsize=16384)
def kind_of(text: str) -> str:
    """Return the kind of a cell's text: empty, absent, level1, level2, level (either), fundlabel,
    comparator, points, amount, bare, percent, quantity, word (short text), textnum (short text with
    a figure) or text."""
    raw = text.strip()
    if not raw:
        return "empty"
    if raw in _ABSENT:
        return "absent"
    if _ELLIPSIS.match(raw):
        return "ellipsis"
    if _NUMBERED_NAME.match(raw):
        return "name"
    if _OUTLINE.match(raw):  # 3、施用配方肥, (2)… — a numbered item, not a figure
        return "text" if len(raw) > 8 else "word"
    if _COMPARATOR.match(raw) or re.fullmatch(r"(?:定性|定量|正向|反向)(?:指标)?", raw):
        return "comparator"
    if raw in ("是", "否"):
        return "flag"
    compact = raw.replace(" ", "")
    if _POINTS.match(compact):
        return "points"
    if _BARE.match(compact):
        return "bare"
    if _PERCENT.match(compact):
        return "percent"
    if _AMOUNT.match(compact):
        return "amount"
    if _UNIT_WORD.match(compact):
        return "unit"
    level1, level2 = vocab.is_level1(raw), vocab.is_level2(raw)
    if not (level1 or level2) and 2 <= len(compact) <= 4 and fold_label(raw) not in vocab.QUALITATIVE_VALUES:
        # the start of a level label cut off (生态 for 生态效益指标 at the excerpt's end; not 满意, a value)
        key = fold_label(raw)
        level1 = any(
            w.startswith(key) and len(w) > len(key) for w in vocab.LEVEL1_WORDS if w.endswith("指标")
        )
        level2 = any(
            w.startswith(key) and len(w) > len(key) for w in vocab.LEVEL2_WORDS if w.endswith("指标")
        )
    if level1 and level2:
        return "level"
    if level1:
        return "level1"
    if level2:
        return "level2"
    if is_fund_row_label(raw):
        return "fundlabel"
    if _YEAR_TEXT.match(compact):
        return "textnum"  # 2022年全年, 2021年12月底前: a date in words (a name or a deadline), no quantity
    if _COMPARATIVE.match(compact) or (_QUANTITY.match(compact) and re.search(r"\d", compact)):
        return "quantity"
    if len(compact) <= 15 and re.search(r"\d", compact):
        return "textnum"
    if len(compact) <= 8:
        return "word"
    return "text"


def is_fund_row_label(text: str) -> bool:
    """Return True for a row label of a funding block (年度资金总额, 其中:当年财政拨款, 上年结转资金 …)."""
    label = fold_label(text)
    bare = re.sub(r"^其中[:：]?", "", label).rstrip(":：")
    if not bare and label.startswith("其中"):
        return True
    if bare in vocab.FUND_TOTAL_ROWS or bare in vocab.FUND_LINE_ROWS:
        return True
    return bare.startswith(("年度资金总额", "年度财政资金总额", "资金总额")) or (
        label.startswith("其中") and len(bare) <= 14
    )


_IMPOSSIBLE = -1e6
LEVEL_WORD, TARGET_TEXT, DEV_WORD, OTHER_TEXT = 0.6, 0.5, 0.4, 0.3


def _emit(kind: str, column: str) -> float:
    """How well a cell of ``kind`` fits a column of kind ``column`` (higher is better)."""
    if kind == "empty":
        return 0.05
    if kind == "flag":  # 是 / 否: a qualitative value, or a yes/no column (是否核心指标)
        return {"target": 0.8, "result": 0.8, "status": 1.0, "": 0.8, "deviation": 0.3}.get(
            column, _IMPOSSIBLE
        )
    if column == "label":  # a funding row's label
        return {"fundlabel": 3.0, "word": 0.2, "text": 0.2, "textnum": 0.1}.get(kind, _IMPOSSIBLE)
    if column == "level1":
        return {
            "level1": 3.0,
            "level": 1.5,
            "level2": 0.3,
            "word": LEVEL_WORD,
            "textnum": 0.2,
            "absent": 0.1,
        }.get(kind, _IMPOSSIBLE)
    if column == "level2":
        return {
            "level2": 3.0,
            "level": 2.0,
            "level1": 0.8,
            "word": LEVEL_WORD,
            "textnum": 0.2,
            "absent": 0.1,
        }.get(kind, _IMPOSSIBLE)
    if column == "name":
        return {
            "name": 2.0,
            "ellipsis": 0.6,
            "text": 1.0,
            "word": 0.8,
            "textnum": 0.8,
            "fundlabel": 0.8,
            "absent": 0.3,
            "level1": 0.2,
            "level2": 0.2,
            "level": 0.2,
        }.get(kind, _IMPOSSIBLE)
    # "—" marks a cell that does not apply: in a funding row, 分值/执行率/得分 of a 其中 line more often
    # than its amounts.
    if column in ("initial_budget", "adjusted_budget", "actual", "amount_other"):
        return {"points": 2.0, "bare": 2.0, "amount": 2.0, "absent": 0.2}.get(kind, _IMPOSSIBLE)
    if column == "execution_rate":
        return {"percent": 2.0, "points": 0.5, "bare": 0.3, "absent": 0.6}.get(kind, _IMPOSSIBLE)
    if column == "execution_rate%":  # 执行率(%), 预算执行进度(%): the figures are written without the sign
        return {"percent": 2.0, "points": 1.0, "bare": 0.8, "absent": 0.6}.get(kind, _IMPOSSIBLE)
    if column in ("weight", "score"):
        return {"points": 2.0, "absent": 0.6}.get(kind, _IMPOSSIBLE)
    if column == "coefficient":
        return {"percent": 2.0, "points": 1.0, "bare": 1.0, "absent": 0.5}.get(kind, _IMPOSSIBLE)
    if column == "adjusted_target" and kind in ("percent", "quantity", "amount", "points", "bare"):
        # 调整指标值 is seldom filled: a figure that may be it or the 年初/完成 value beside it is theirs
        return {"percent": 1.8, "quantity": 1.8, "amount": 1.8, "points": 1.3, "bare": 1.3}[kind]
    if column in ("target", "result", "adjusted_target"):
        return {
            "percent": 2.0,
            "quantity": 2.0,
            "amount": 2.0,
            "points": 1.5,
            "bare": 1.5,
            "textnum": 1.2,
            "word": 0.8,
            "absent": 0.5,
            "comparator": 0.2,
            "unit": 0.2,
            "text": TARGET_TEXT,
        }.get(kind, _IMPOSSIBLE)
    if column == "operator":
        return {"comparator": 3.0, "absent": 0.5, "word": 0.2}.get(kind, _IMPOSSIBLE)
    if column == "unit":
        return {"unit": 1.5, "word": 0.8, "absent": 0.5}.get(kind, _IMPOSSIBLE)
    if column == "deviation":
        return {
            "text": 1.0,
            "word": DEV_WORD,
            "textnum": DEV_WORD,
            "absent": 0.5,
            "points": 0.2,
            "bare": 0.2,
        }.get(kind, _IMPOSSIBLE)
    if column == "status":
        return {"word": 1.0, "text": 0.3, "absent": 0.5, "unit": 0.1}.get(kind, _IMPOSSIBLE)
    if kind in ("name", "ellipsis"):
        return _IMPOSSIBLE if kind == "name" else 0.3
    if column == "text_other":
        return {
            "text": 1.0,
            "word": 0.6,
            "textnum": 0.6,
            "quantity": 0.5,
            "absent": 0.5,
            "points": 0.3,
            "bare": 0.3,
            "percent": 0.3,
        }.get(kind, _IMPOSSIBLE)
    # a column the format has no field for (到位数, 原因, 复核分, 评价标准 …): anything but a label
    return {
        "level1": _IMPOSSIBLE,
        "level2": _IMPOSSIBLE,
        "level": _IMPOSSIBLE,
        "fundlabel": _IMPOSSIBLE,
        "points": 1.0,
        "bare": 1.0,
        "amount": 1.0,
        "percent": 1.0,
    }.get(kind, OTHER_TEXT)


# -- headers ----------------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def header_kind(text: str) -> str | None:
    """Return the kind of a column header ("funds:actual", "indicators:level1" …), None for other text."""
    if not text.strip():
        return None
    fund = vocab.column_of(text, vocab.FUND_COLUMNS)
    indicator = vocab.column_of(text, vocab.INDICATOR_COLUMNS)
    if indicator is not None and (fund is None or indicator in ("level1", "level2", "name")):
        return f"indicators:{indicator}"
    if fund is not None:
        return f"funds:{fund}"
    return None


@dataclass
class Header:
    """A table header found in the stream: its block, its columns (text and kind), its title."""

    block: str  # "funds" or "indicators"
    texts: list[str]
    kinds: list[str]
    title: str | None
    line: int
    end: int  # the stream index after the header


_HEADERISH = re.compile(r"指标|值|分值|得分|情况|原因|方法|标准|权重|单位|符号|说明")


def _run(cells: list[Cell], k: int) -> int:
    """Return the end of a run of header cells starting at k (empty cells inside are skipped; a
    header the vocabulary does not know, between two it knows, belongs to the run; an explicit row
    break ends it)."""
    end = k
    j = k
    known = 0
    while j < len(cells):
        text = cells[j].text
        if j > k and cells[j].brk and known >= 3 and not _header_goes_on(cells, k, j):
            break  # a header row is complete: the next line is another row (a header printed over
            # several lines, 一级 / 指标 / 二级 / 指标 / 三级指标 …, runs on)
        if not text.strip():
            j += 1
            continue
        if header_kind(text) is not None:
            known += 1
        if header_kind(text) is None:
            if (
                j > k
                and len(text.strip()) <= 10
                and _HEADERISH.search(text)
                and kind_of(text) in ("word", "text")
                and j + 1 < len(cells)
                and not cells[j + 1].brk
                and header_kind(cells[j + 1].text) is not None
            ):
                j += 1
                continue
            break
        j += 1
        end = j
    return end


def _header_goes_on(cells: list[Cell], k: int, j: int) -> bool:
    """A header row wrapped onto the next line (… 年度指标值 实际完成值 / 分值 得分 偏差原因分析及改进措施):
    that line holds column headers only, each of a kind the run before it has not had yet."""
    seen = {header_kind(c.text) for c in cells[k:j] if c.text.strip()}
    following: list[str | None] = []
    n = j
    while n < len(cells) and (n == j or not cells[n].brk):
        if cells[n].text.strip():
            following.append(header_kind(cells[n].text))
        n += 1
    kinds = [f for f in following if f is not None]
    return (
        len(kinds) >= 2
        and len(kinds) == len(following)
        and not seen & set(kinds)
        and len(set(kinds)) == len(kinds)
        and all(f.split(":")[1] in ("weight", "score", "deviation", "", "result", "status") for f in kinds)
    )


def _labels(cells: list[Cell], k: int, end: int) -> list[Cell]:
    return [cell for cell in cells[k:end] if cell.text.strip()]


def find_header(cells: list[Cell], k: int) -> Header | None:
    """Return the header starting at k (a run of at least three column headers), else None."""
    if not cells[k].text.strip() or header_kind(cells[k].text) is None:
        return None
    end = _run(cells, k)
    labels = _labels(cells, k, end)
    if sum(header_kind(c.text) is not None for c in labels) < 3:
        return None
    texts = [c.text.strip() for c in labels]
    kinds = [header_kind(t) or "" for t in texts]
    indicator = sum(kind.startswith("indicators:") for kind in kinds)
    levels = sum(kind in ("indicators:level1", "indicators:level2", "indicators:name") for kind in kinds)
    # 分值 / 得分 head both tables; the other headers tell them apart
    money = sum(
        kind in ("funds:initial_budget", "funds:adjusted_budget", "funds:actual", "funds:execution_rate")
        for kind in kinds
    )
    block = "indicators" if levels or indicator > money else "funds"
    table = vocab.INDICATOR_COLUMNS if block == "indicators" else vocab.FUND_COLUMNS
    names = [vocab.column_of(t, table) for t in texts]
    if block == "funds":
        names = [n if n is not None else "" for n in names]
    else:
        names = [
            n if n is not None else (vocab.column_of(t, vocab.FUND_COLUMNS) or "")
            for n, t in zip(names, texts, strict=False)
        ]
    # A second header row under the first (年度指标值 over 指标性质 / 指标值 / 度量单位; 一级 / 二级 / 三级
    # under a 绩效指标 cell) refines it.
    if block == "indicators":
        # A run that goes back to columns the first part already passed (level or name columns after
        # value columns; 指标性质 / 指标值 / 度量单位 after 偏差原因) is two header rows.
        order = _CANONICAL["indicators"]
        back = next(
            (
                p
                for p in range(1, len(names))
                if names[p] in ("level1", "level2", "name", "operator", "target", "unit")
                and names[p - 1] in order
                and names[p] in order
                and order.index(names[p]) < order.index(names[p - 1])
                and all(x in ("level1", "level2", "name", "operator", "target", "unit") for x in names[p:])
                and (
                    names[p] not in ("level1", "level2", "name")
                    or not any(x in ("level1", "level2", "name") for x in names[:p])
                )
            ),
            None,
        )
        if back is not None:
            sub = labels[back:]
            texts, names = texts[:back], names[:back]
            sub_end = end
        else:
            second = end
            while second < len(cells) and not cells[second].text.strip():
                second += 1
            sub_end = _run(cells, second) if second < len(cells) else second
            sub = _labels(cells, second, sub_end)
        sub_names = [vocab.column_of(c.text, vocab.INDICATOR_COLUMNS) for c in sub]
        if len(sub) >= 2 and all(n is not None for n in sub_names):
            merged = _merge_headers(texts, names, [c.text.strip() for c in sub], [n or "" for n in sub_names])
            if merged is not None:
                texts, names = merged
                end = sub_end
    return Header(block, texts, names, None, cells[k].line, end)


def _merge_headers(
    texts: list[str], names: list[str], sub_texts: list[str], sub_names: list[str]
) -> tuple[list[str], list[str]] | None:
    """Merge a header printed over two rows into one. The second row's cells split cells of the
    first: its level and name columns go first when the first row has none (they sat under a merged
    绩效指标 cell); its 指标性质 / 指标值 / 度量单位 (or 符号 / 单位) replace the first row's 年度指标值
    (the value itself under the first row's label when the second row has no 指标值 of its own); its
    得分 / 权重 / 折算得分 replace the first row's 得分. A kind the second row brings twice over is the
    second row's: the first row's column of that kind is then read past."""
    levels = [(t, n) for t, n in zip(sub_texts, sub_names, strict=True) if n in ("level1", "level2", "name")]
    parts = [(t, n) for t, n in zip(sub_texts, sub_names, strict=True) if n in ("operator", "target", "unit")]
    points = [(t, n) for t, n in zip(sub_texts, sub_names, strict=True) if n in ("weight", "score", "")]
    if len(levels) + len(parts) + len(points) != len(sub_texts):
        return None
    if levels and any(n in ("level1", "level2", "name") for n in names):
        return None
    if points and not any(n == "score" for n, _ in ((n, t) for t, n in points)):
        return None
    out_texts = [t for t, _ in levels]
    out_names = [n for _, n in levels]
    score_at = max((k for k, n in enumerate(names) if n == "score"), default=None) if points else None
    target_at = next((k for k, n in enumerate(names) if n == "target"), None) if parts else None
    if (parts and target_at is None) or (points and score_at is None):
        return None
    for k, (text, name) in enumerate(zip(texts, names, strict=True)):
        if k == target_at:
            split = list(parts)
            if not any(n == "target" for _, n in split):
                # 符号 [value] 单位: the value sits under the first row's label
                at = 1 if split[0][1] == "operator" else 0
                split.insert(at, (text, "target"))
            out_texts.extend(t for t, _ in split)
            out_names.extend(n for _, n in split)
            continue
        if k == score_at:
            out_texts.extend(t for t, _ in points)
            out_names.extend(n for _, n in points)
            continue
        out_texts.append(text)
        out_names.append(name)
    brought = {n for _, n in (*parts, *points) if n}
    for k, (name, text) in enumerate(zip(out_names, out_texts, strict=True)):
        if (
            name in brought
            and text in texts
            and (text, name) not in (*parts, *points)
            and (name != "target" or any(n == "target" for _, n in parts))
        ):
            out_names[k] = ""
    return out_texts, out_names


# -- where a block ends -----------------------------------------------------------------------

_SECTIONS = (
    "年度总体目标",
    "总体目标",
    "年度绩效目标完成情况",
    "存在问题",
    "存在的问题",
    "改进措施",
    "下一步改进措施",
    "评价结论",
    "自评结论",
    "总分",
    "合计",
    "总计",
    "得分合计",
    "项目名称",
    "主管部门",
    "实施单位",
    "项目实施单位",
    "项目负责人",
    "财务负责人",
    "填报人",
    "填表人",
    "联系电话",
    "自评总分",
    "自评等级",
    "项目基本情况",
    "部门名称",
    "单位名称",
    "部门(单位)名称",
    "预算部门",
    "评价部门名称",
    "专项资金名称",
)


def is_section_label(text: str) -> bool:
    """Return True for a label that starts a part of the form outside the tables (numbered or not:
    (三)存在的问题和原因)."""
    key = strip_numbering(fold_label(text))
    return any(key.startswith(section) for section in _SECTIONS)


def is_total_label(text: str) -> bool:
    return fold_label(text) in ("总分", "合计", "总计", "得分合计")


def block_end(cells: list[Cell], k: int, block: str) -> int:
    """Return where the body of a table starting at k ends: at the next header (or the title just
    before it), a section label (年度总体目标, 总分 …), a note, or in a funding block a level label."""
    j = k
    while j < len(cells):
        text = cells[j].text.strip()
        if not text:
            j += 1
            continue
        if find_header(cells, j) is not None:
            return j
        if is_section_label(text) or _NOTE.match(text) or _is_goal_label(text) or _is_goal_head(text):
            return j
        if (
            len(text) <= 16
            and fold_label(text).endswith(_LABEL_ENDINGS)
            and header_kind(text) in (None, "indicators:deviation")
        ):
            return j
        if block == "funds":
            kind = kind_of(text)
            if kind in ("level1", "level2", "level"):
                return j
            if kind in ("word", "text", "textnum") and _title_of_next_header(cells, j):
                return j
        elif _title_of_next_header(cells, j) and kind_of(text) not in ("level1", "level2", "level"):
            return j
        j += 1
    return j


def _other_header(cells: list[Cell], k: int) -> int:
    """The end of a run of at least three column headers of a table other than the funding block and
    the indicator grid (a task table's 主要任务 / 预期目标 / 目标完成情况 / 关键指标 …), else 0."""
    j = k
    while j < len(cells) and cells[j].text.strip() and vocab.is_header_label(cells[j].text):
        j += 1
    labels = cells[k:j]
    if len(labels) < 3 or any(header_kind(c.text) is not None for c in labels[:1]):
        return 0
    if sum(header_kind(c.text) is None for c in labels) < len(labels) - 1:
        return 0
    return j


def _title_of_next_header(cells: list[Cell], j: int) -> bool:
    """Return True when the cell at j is a block title right before a header (项目资金(万元), 绩效指标)."""
    n = j + 1
    while n < len(cells) and not cells[n].text.strip():
        n += 1
    return n < len(cells) and len(cells[j].text.strip()) <= 20 and find_header(cells, n) is not None


# -- the rows of a block ----------------------------------------------------------------------


_NEG = float("-inf")
STRAY, DOUBTFUL, CUT = -1, -2, -3  # fits no column; column in doubt; cut off with the text
INNER_STRAY = 1.0  # a cell left out between two cells of a row: costs more than one after its last
KEEP = -9  # (a re-placement that leaves a cell where it was)
DOUBT_MARGIN = 0.05  # a placement less than this better than another leaves the value out  # a cell that fits no column; a cell whose column is in doubt
# Columns a row rarely leaves empty: an empty one is more likely lost at the row's end than inside it.
_WEIGHTY = (
    "weight",
    "score",
    "target",
    "result",
    "initial_budget",
    "adjusted_budget",
    "actual",
    "amount_other",
)


def align_block(
    body: list[Cell],
    columns: list[str],
    block: str,
    explicit_empties: bool,
    cut: bool = False,
    flattened: bool = False,
) -> list[tuple[int, int]]:
    """Assign each cell of a block's body to a row and a column: return, per cell, (row, column),
    column -1 for a cell left out.

    Found by dynamic programming over cells and columns, maximising how well each cell fits its
    column, with costs for columns skipped, rows started and explicit row breaks crossed. A cell
    whose column is in doubt (another column fits the whole block almost as well) is left out, not
    guessed. ``cut``: the text ends with this block, so its last row lost its tail, not its middle.
    """
    n, m = len(body), len(columns)
    if n == 0 or m == 0:
        return []
    if block == "funds":
        # A row may lack its label (a flattened page prints it after the figures; a form prints
        # its total's figures beside their own column labels): a row may start at its first figure
        # (at a cost).
        starts = [0, 1] if m > 1 else [0]
    else:
        starts = [j for j, c in enumerate(columns) if c in ("level1", "level2", "name")] or [0]
    kinds = [kind_of(cell.text) for cell in body]
    emit = [[_emit(kinds[i], columns[j]) for j in range(m)] for i in range(n)]
    skip_mid = 0.8 if explicit_empties else 0.15
    skip_tail = 0.1
    new_row = 0.5
    # Where the text marks where rows start (a line of a space-separated page, a long run of blank
    # lines), a row starting anywhere else costs more.
    marked = sum(cell.brk for cell in body) >= 2
    lasts = range(-1, m)

    # The cost of the columns skipped between two cells of a row: a lost empty cell; a row never
    # lacks its name (or a level label between two of its cells) when it has cells on both sides.
    gap = [[0.0] * m for _ in range(m)]
    for a in range(m):
        for b in range(a + 1, m):
            cost = 0.0
            for c in range(a + 1, b):
                if columns[c] == "name":
                    cost += 5.0
                elif columns[c] in ("level1", "level2"):
                    cost += 2.0
                elif block == "funds" and columns[c] in ("weight", "score", "execution_rate"):
                    cost += 0.2  # not applicable to a 其中 line, often left empty
                elif columns[c] in _WEIGHTY and not explicit_empties:
                    cost += 0.6
                else:
                    cost += skip_mid
            gap[a][b] = cost

    def start_cost(s: int, first: bool) -> float:
        """A funding row starts at its label; the first row of a grid at its first column."""
        if block == "funds":
            return (1.0 if flattened else 1.5) if s else 0.0
        return 0.3 * s if first else 0.0

    def stray(i: int) -> float:
        return -0.3 if kinds[i] == "empty" else -4.0

    level1_at = {j for j, c in enumerate(columns) if c == "level1"}
    level2_at = {j for j, c in enumerate(columns) if c == "level2"}

    def unmarked(i: int, last: int = -1, start: int = -1) -> float:
        cost = new_row + (1.0 if marked and not body[i].brk else 0.0)
        # a new group (一级, 二级) whose first row would have no name: the label after them is its name
        levels = level1_at | level2_at
        opened = (last in level1_at and kinds[i - 1] in ("level1", "level", "word", "textnum")) or (
            last in level2_at and i >= 2 and kinds[i - 2] in ("level1", "level")
        )
        if start in levels and last in levels and opened:
            cost += 2.0
        return cost

    result_columns = {j for j, c in enumerate(columns) if c == "result"}
    # (pairing is also asked for a row's first value, right after its name)
    target_columns = {
        j for j, c in enumerate(columns) if c in ("target", "adjusted_target", "unit", "operator")
    }

    def pairing(i: int, last: int, j: int) -> float:
        """A 完成值 is measured like its 指标值: a figure right after the target that is of the
        same order (46 after ≥40, 2.3 after ≥2) belongs in the result column."""
        if (
            body[i].text == body[i - 1].text
            and columns[last] in ("level1", "level2")
            and columns[j] in ("level2", "name")
        ):
            return -3.0  # a label is not its own name: a merged cell printed twice
        if columns[last] == "operator" and columns[j] == "target" and kinds[i - 1] == "comparator":
            return 1.0  # the figure right after 指标性质 (≥, =) is the 指标值
        if j not in result_columns or last not in target_columns:
            return 0.0
        if kinds[i - 1] in ("word", "text") and kinds[i] in ("word", "text"):
            # a result written like its target (全天候可用 / 全天候, 良好 / 良好): the same words
            return 0.6 if _alike(body[i - 1].text, body[i].text) else 0.0
        # the target is a measured value: written with its unit or sign, or followed by a unit cell
        measured = kinds[i - 1] == "unit" or kinds[i - 1] in ("quantity", "percent", "amount")
        for back in (1, 2):
            if i - back >= 0 and kinds[i - back] in ("quantity", "percent", "points", "bare", "amount"):
                return 0.6 if measured and _comparable(body[i - back].text, body[i].text) else 0.0
        return 0.0

    def inner(k: int) -> float:
        """The cost of a row going on after cell k was left out of it (a lost empty cell: none)."""
        return 0.0 if kinds[k] == "empty" else INNER_STRAY

    def crossing(i: int) -> float:
        return -3.0 if body[i].brk else 0.0

    # A row's tail left empty: a missing 分值/得分/指标值 costs more than a missing text column.
    tail_cost = [0.0] * (m + 1)
    for j in range(m - 1, -1, -1):
        weighty = columns[j] in (
            "weight",
            "score",
            "target",
            "result",
            "initial_budget",
            "adjusted_budget",
            "actual",
        )
        tail_cost[j] = tail_cost[j + 1] + (skip_tail * 4 if weighty and not explicit_empties else skip_tail)

    def tail(last: int) -> float:
        return tail_cost[last + 1] if last >= 0 else 0.0

    # fwd[i][last][placed]: best score of cells[:i+1] with the current row's last column `last`;
    # placed: cell i is in column `last` (else it was left out).
    def forward() -> tuple[
        list[dict[int, float]], list[dict[int, float]], list[dict[int, tuple[int, bool, bool]]]
    ]:
        placed: list[dict[int, float]] = []
        left: list[dict[int, float]] = []
        back: list[dict[int, tuple[int, bool, bool]]] = []
        for i in range(n):
            here_placed = {j: _NEG for j in range(m)}
            here_left = {last: _NEG for last in lasts}
            here_back: dict[int, tuple[int, bool, bool]] = {}
            if i == 0:
                for j in starts:
                    if emit[0][j] > _IMPOSSIBLE / 2:
                        here_placed[j] = emit[0][j] - start_cost(j, True)
                        here_back[j] = (-1, False, True)
                here_left[-1] = stray(0)
            else:
                by_last = {last: max(placed[-1].get(last, _NEG), left[-1][last]) for last in lasts}
                from_placed = {last: placed[-1].get(last, _NEG) >= left[-1][last] for last in lasts}
                for j in range(m):
                    e = emit[i][j]
                    if e <= _IMPOSSIBLE / 2:
                        continue
                    best, how = _NEG, (-1, False, False)
                    for last in range(0, j):
                        if by_last[last] == _NEG:
                            continue
                        step = e - gap[last][j] + crossing(i) + pairing(i, last, j)
                        # a row goes on after a cell left out of it: costs more than leaving its tail
                        for before, was_placed in (
                            (placed[-1].get(last, _NEG), True),
                            (left[-1][last] - inner(i - 1), False),
                        ):
                            if before != _NEG and before + step > best:
                                best, how = before + step, (last, was_placed, False)
                    if j in starts:
                        for last in lasts:
                            if by_last[last] == _NEG:
                                continue
                            first = last < 0
                            value = by_last[last] - tail(last) - (0.0 if first else unmarked(i, last, j)) + e
                            value -= start_cost(j, first)
                            if value > best:
                                best, how = value, (last, from_placed[last], True)
                    here_placed[j] = best
                    here_back[j] = how
                for last in lasts:
                    if by_last[last] != _NEG:
                        here_left[last] = by_last[last] + stray(i)
                        here_back[m + 1 + last] = (last, from_placed[last], False)
            placed.append(here_placed)
            left.append(here_left)
            back.append(here_back)
        return placed, left, back

    placed, left, back = forward()

    # Backward: bwd[i][last]: best score of cells[i+1:] given the current row's last column `last`
    # after cell i, cell i placed there; bwd_left: the same with cell i left out.
    bwd: list[dict[int, float]] = [dict() for _ in range(n)]
    bwd_left: list[dict[int, float]] = [dict() for _ in range(n)]
    bwd[n - 1] = {last: -tail(last) for last in lasts}
    bwd_left[n - 1] = dict(bwd[n - 1])
    for i in range(n - 1, 0, -1):
        here: dict[int, float] = {}
        here_left: dict[int, float] = {}
        for last in lasts:
            best = bwd_left[i][last] + stray(i)  # cell i left out
            best_left = best
            for j in range(m):
                e = emit[i][j]
                if e <= _IMPOSSIBLE / 2:
                    continue
                if 0 <= last < j:
                    value = e - gap[last][j] + crossing(i) + pairing(i, last, j) + bwd[i][j]
                    best = max(best, value)
                    best_left = max(best_left, value - inner(i - 1))
                if j in starts:
                    first = last < 0
                    value = -tail(last) - (0.0 if first else unmarked(i, last, j)) + e - start_cost(j, first)
                    best = max(best, value + bwd[i][j])
                    best_left = max(best_left, value + bwd[i][j])
            here[last] = best
            here_left[last] = best_left
        bwd[i - 1] = here
        bwd_left[i - 1] = here_left

    # The best path.
    finals = [(placed[n - 1][j] + bwd[n - 1][j], j, True) for j in range(m)]
    finals += [(left[n - 1][last] + bwd_left[n - 1][last], last, False) for last in lasts]
    _total, last, is_placed = max(finals)
    columns_of = [-1] * n
    new_rows = [False] * n
    for i in range(n - 1, -1, -1):
        key = last if is_placed else m + 1 + last
        previous_last, previous_placed, new = back[i].get(key, (-1, False, False))
        if is_placed:
            columns_of[i] = last
            new_rows[i] = new
        last, is_placed = previous_last, previous_placed
    # Rows.
    out: list[tuple[int, int]] = []
    row = -1
    for i in range(n):
        if new_rows[i] or row < 0:
            row += 1
        out.append((row, columns_of[i]))
    texts = [c.text.strip() for c in body]
    settled = _cut_row_in_order(out, kinds, columns, emit, texts) if cut else set()
    # Cells whose column is in doubt: another column gives (almost) as good a whole.
    for i in range(n):
        row, j = out[i]
        if j < 0 or kinds[i] == "empty" or i in settled:
            continue
        through = placed[i][j] + bwd[i][j]
        rival = max(
            (placed[i][k] + bwd[i][k] for k in range(m) if k != j and placed[i][k] != _NEG),
            default=_NEG,
        )
        if rival >= through - DOUBT_MARGIN and _doubtful(kinds[i], columns[j]):
            out[i] = (row, DOUBTFUL)
    return out


def _doubtful(kind: str, column: str) -> bool:
    """A value whose column matters (a figure that could be points or a target)."""
    return column not in ("level1", "level2", "name", "label")


def _cut_row_in_order(
    out: list[tuple[int, int]],
    kinds: list[str],
    columns: list[str],
    emit: list[list[float]],
    body_texts: list[str],
) -> set[int]:
    """The last row of a text cut off mid-row: its cells fill its columns in order (the tail was
    lost, not the middle), when each cell fits the column it then falls in."""
    if not out:
        return set()
    last_row = out[-1][0]
    members = [i for i, (row, _) in enumerate(out) if row == last_row and out[i][1] >= 0]
    if len(members) < 2:
        return set()
    first_column = out[members[0]][1]
    wanted = list(range(first_column, first_column + len(members)))
    if wanted[-1] >= len(columns) or [out[i][1] for i in members] == wanted:
        return set()
    if not all(emit[i][j] > 0 for i, j in zip(members, wanted, strict=True)):
        return set()
    # Only where the table's other rows show these columns holding figures of the same kind (bare
    # figures as targets, say): the cut row is read like them, not guessed.
    seen: dict[int, set[str]] = {}
    for i, (row, column) in enumerate(out):
        if row != last_row and column >= 0:
            seen.setdefault(column, set()).add(kinds[i])
    if not all(kinds[i] in seen.get(j, set()) for i, j in zip(members, wanted, strict=True)):
        # Nothing tells: where the row read in order and the row read by kind disagree, the last
        # figure (9 after 分值 12.5: its 得分, or the start of a 指标值 the cut kept only "9" of?) is
        # left out and noted; the figures before it stand by their kind.
        i, j = members[-1], wanted[-1]
        if out[i][1] != j:
            out[i] = (last_row, CUT if re.fullmatch(r"[\d.]+", body_texts[i]) else DOUBTFUL)
            # the cells before it then read in order like the other rows (受益群众满意度 | ≥90% | 9…)
            rest = members[:-1]
            if (
                len(rest) >= 2
                and all(
                    emit[k][c] > 0
                    and (
                        columns[c] in ("level1", "level2", "name")
                        or kinds[k] in seen.get(c, set())
                        # a measured value (with its sign or unit) right after the name: the 指标值
                        or (columns[c] == "target" and kinds[k] in ("percent", "quantity", "amount"))
                    )
                    for k, c in zip(rest, wanted[:-1], strict=True)
                )
            ):
                for k, c in zip(rest, wanted[:-1], strict=True):
                    out[k] = (last_row, c)
                return set(rest)
        return set()
    for i, j in zip(members, wanted, strict=True):
        out[i] = (last_row, j)
    return set(members)


# -- the stream, tidied -------------------------------------------------------------------------

_QUALIFIER = re.compile(r"^(?:[((][^()()]{1,20}[))]?|\d+(?:\.\d+)?分[))])$")


def _is_label_text(text: str) -> bool:
    kind = kind_of(text)
    return kind in ("word", "text", "level1", "level2", "level", "fundlabel") and len(text.strip()) <= 20


def _is_fragment_label(text: str) -> bool:
    return bool(header_kind(text)) or vocab.is_level1(text) or vocab.is_level2(text)


def normalise(cells: list[Cell], lines_are_rows: bool = False) -> list[Cell]:
    """Join what a line break cut apart: a label split over two cells (年初 / 预算数, 经济效益 / 指标)
    and a bracketed qualifier on its own (得分 / (20分*执行率), 项目资金 / (万元), 年度绩效目标 / 98分)).
    ``lines_are_rows``: cells on one line are separate cells (an indented space-separated row), only
    cells on different lines may be one cut apart."""
    out: list[Cell] = []
    for k, cell in enumerate(cells):
        text = cell.text.strip()
        if lines_are_rows and out and out[-1].line == cell.line:
            out.append(cell)
            continue
        if out and text and not cell.brk and out[-1].text.strip():
            previous = out[-1].text.strip()
            compact = text.replace(" ", "")
            following = next((c.text.strip() for c in cells[k + 1 :] if c.text.strip()), "")
            if (
                _QUALIFIER.match(compact)
                # "(50分)" before a level label is the points of a first-level cell whose name was lost
                and (
                    kind_of(following) not in ("level1", "level2", "level")
                    # (a first-level label's own points: 产出指标 / (50) / 数量指标)
                    or (kind_of(previous) == "level1" and kind_of(following) in ("level2", "level"))
                )
                and _is_label_text(previous)
                and (kind_of(text) in ("word", "textnum", "text") or "分" in compact)
                and not re.search(r"[≥≤<>*]{1}\*|\*\*", compact)
                and (_is_fragment_label(previous) or len(previous) <= 12)
            ):
                out[-1] = Cell(previous + compact, out[-1].line, out[-1].brk)
                continue
            if (
                len(previous) <= 8
                and len(text) <= 8
                and kind_of(previous) in ("word", "level1", "level2", "level")
                and kind_of(text) in ("word", "level1", "level2", "level")
                and _is_fragment_label(previous + text)
                and not (_is_fragment_label(previous) and _is_fragment_label(text))
            ):
                out[-1] = Cell(previous + text, out[-1].line, out[-1].brk)
                continue
            if (
                len(text) <= 6
                and kind_of(text) == "word"
                and _exact_fund_row(previous + text)
                and not _exact_fund_row(previous)
            ):
                out[-1] = Cell(previous + text, out[-1].line, out[-1].brk)  # 其中:当年财政 / 拨款
                continue
        out.append(cell)
    if lines_are_rows:
        return _join_header_lines(out)
    return _join_header_tails(_join_wrapped_labels(_join_interleaved_labels(out)))


def _exact_fund_row(text: str) -> bool:
    bare = re.sub(r"^其中[:：]?", "", fold_label(text)).rstrip(":：")
    return bare in vocab.FUND_TOTAL_ROWS or bare in vocab.FUND_LINE_ROWS


_UNIT_TAIL = re.compile(r"^[\u4e00-\u9fff]{1,2}$")


def join_brackets(cells: list[Cell]) -> list[Cell]:
    """In text flattened with spaces, a cell with a bracket left open goes on to the token that closes
    it (执行率(全年 / 执行数/全年 / 预算数))."""
    out: list[Cell] = []
    open_at: int | None = None
    for cell in cells:
        text = cell.text.strip()
        if open_at is not None and len(out) - open_at < 4 and text and not cell.brk:
            out[-1] = Cell(out[-1].text.strip() + text, out[-1].line, out[-1].brk)
            if _balance(out[-1].text) <= 0:
                open_at = None
            continue
        open_at = None
        out.append(cell)
        if _balance(text) > 0 and len(text) <= 20:
            open_at = len(out) - 1
    return out


def _balance(text: str) -> int:
    return text.count("(") + text.count("(") - text.count(")") - text.count(")")


def join_unit_tails(cells: list[Cell]) -> list[Cell]:
    """In text flattened with spaces, a unit alone after a figure is the end of that figure's cell
    (不少于12 种): joined, its space kept."""
    out: list[Cell] = []
    for cell in cells:
        text = cell.text.strip()
        if (
            out
            and not cell.brk
            and _UNIT_TAIL.match(text)
            and re.search(r"\d$", out[-1].text.strip())
            and kind_of(out[-1].text) in ("textnum", "quantity")
            and not _is_fragment_label(text)
        ):
            out[-1] = Cell(f"{out[-1].text.strip()} {text}", out[-1].line, out[-1].brk)
            continue
        out.append(cell)
    return out


def _join_interleaved_labels(cells: list[Cell]) -> list[Cell]:
    """Two header cells wrapped side by side and read line by line (年度 实际 / 指标值 完成值): the
    first and third fragments make one label, the second and fourth the other."""
    out: list[Cell] = []
    k = 0
    while k < len(cells):
        part = cells[k : k + 4]
        if len(part) == 4 and not any(c.brk for c in part[1:]):
            a, b, c, d = (x.text.strip() for x in part)
            if (
                all(x and len(x) <= 6 and kind_of(x) == "word" for x in (a, b))
                and not _is_fragment_label(a)
                and not _is_fragment_label(b)
                and _is_fragment_label(a + c)
                and _is_fragment_label(b + d)
                and not _is_fragment_label(a + b)
            ):
                out.append(Cell(a + c, part[0].line, part[0].brk))
                out.append(Cell(b + d, part[1].line))
                k += 4
                continue
        out.append(cells[k])
        k += 1
    return out


_LABEL_ENDINGS = ("原因分析", "改进措施", "应用方案", "完成情况", "情况说明")


def _join_wrapped_labels(cells: list[Cell]) -> list[Cell]:
    """Join a row label wrapped over two to four short cells when together they end like a label of
    the form (偏差大或 / 目标未完成 / 原因分析; 改进措施及 / 结果应用方案)."""
    out: list[Cell] = []
    k = 0
    while k < len(cells):
        joined = None
        for size in (4, 3, 2):
            part = cells[k : k + size]
            if len(part) < size or any(c.brk for c in part[1:]):
                continue
            texts = [c.text.strip() for c in part]
            if not all(
                t
                and len(t.replace(" ", "")) <= 5
                and kind_of(t) == "word"
                and not _is_fragment_label(t)
                and not _is_goal_head(t)
                for t in texts
            ):
                continue
            whole = "".join(texts)
            if whole.endswith(_LABEL_ENDINGS) or (
                size <= 3 and (fold_label(whole) in _GOAL_LABELS or fold_label(whole) in _SECTIONS)
            ):
                joined = (size, Cell(whole, part[0].line, part[0].brk))
                break
        if joined:
            out.append(joined[1])
            k += joined[0]
            continue
        out.append(cells[k])
        k += 1
    return out


def _join_header_lines(cells: list[Cell]) -> list[Cell]:
    """Two header lines of an indented page whose second line only ends labels the first began
    (年度 实际 … / 指标值 完成值: 年度指标值, 实际完成值): the fragments are joined in order."""
    lines: list[list[int]] = []
    for k, cell in enumerate(cells):
        if lines and cells[lines[-1][0]].line == cell.line:
            lines[-1].append(k)
        else:
            lines.append([k])
    joined: dict[int, str] = {}
    dropped: set[int] = set()
    for first, second in itertools.pairwise(lines):
        tails = [cells[k].text.strip() for k in second]
        if not all(t and len(t) <= 6 and kind_of(t) == "word" for t in tails):
            continue
        if sum(header_kind(cells[k].text) is not None for k in first) < 3:
            continue
        heads = [
            k
            for k in first
            if cells[k].text.strip()
            and header_kind(cells[k].text) is None
            and k not in joined
            and any(header_kind(cells[k].text.strip() + t) is not None for t in tails)
        ]
        if len(heads) != len(tails) or not all(
            len(cells[k].text.strip()) <= 6 and header_kind(cells[k].text.strip() + t) is not None
            for k, t in zip(heads, tails, strict=True)
        ):
            continue
        for k, t in zip(heads, tails, strict=True):
            joined[k] = cells[k].text.strip() + t
        dropped.update(second)
    if not joined:
        return cells
    return [
        Cell(joined[k], c.line, c.brk, c.fixed) if k in joined else c
        for k, c in enumerate(cells)
        if k not in dropped
    ]


def _join_header_tails(cells: list[Cell]) -> list[Cell]:
    """Join a column header wrapped over several cells whose first part is a header already
    (偏差原因 / 分析及改进措施): the tail alone would read as a section label and end the table."""
    out: list[Cell] = []
    for cell in cells:
        text = cell.text.strip()
        if out and text and not cell.brk and out[-1].text.strip():
            previous = out[-1].text.strip()
            kind = header_kind(previous)
            if (
                kind is not None
                and len(text) <= 10
                and kind_of(text) == "word"
                and fold_label(text).endswith(_LABEL_ENDINGS)
                and not _is_fragment_label(text)
                and header_kind(previous + text) is not None
            ):
                out[-1] = Cell(previous + text, out[-1].line, out[-1].brk)
                continue
        out.append(cell)
    return out


# -- the whole stream -----------------------------------------------------------------------------

_GOAL_LABELS = ("年度总体目标", "总体目标", "年度目标", "绩效目标", "项目年度目标")
_GOAL_HEADS = (
    "预期目标",
    "实际完成情况",
    "年初设定目标",
    "年度总体目标完成情况",
    "年度总体目标完成情况综述",
    "全年目标实际完成情况",
    "年初绩效目标",
    "全年(调整)绩效目标",
    "目标完成情况",
    "年度目标完成情况",
    "项目年度目标",
)


def _is_goal_head(text: str) -> bool:
    return fold_label(text) in _GOAL_HEADS


def _is_goal_label(text: str) -> bool:
    """年度总体目标, 年度绩效目标(80分), 总体目标: the label itself, with its points or a note in
    brackets, not a longer text that starts with it (绩效目标合理性)."""
    key = re.sub(r"[((]?\d+(?:\.\d+)?分[))]?$|[((][^()()]*[))]$", "", strip_numbering(fold_label(text)))
    return key in _GOAL_LABELS and not _is_goal_head(text)


def _stops(text: str) -> bool:
    """A cell that cannot be the value of the label before it."""
    return (
        is_section_label(text)
        or bool(_NOTE.match(text))
        or header_kind(text) is not None
        or _is_goal_label(text)
        or _is_goal_head(text)
        or kind_of(text) in ("level1", "level2", "level")
    )


def rebuild(
    stream: list[Cell],
    *,
    flattened: bool = False,
    lines_are_rows: bool = False,
    notes: list[str] | None = None,
) -> list[Row]:
    """Rebuild a table's rows from a stream of cells (see the module's docstring). ``flattened``: the
    cells are the tokens of a page flattened with spaces in layout order (headers scattered, a
    table's labels after its values, wrapped cells cut into tokens)."""
    cells = gather_headers(stream) if flattened else normalise(stream, lines_are_rows)
    cells = inline_pairs(cells)
    explicit = sum(not c.text.strip() for c in cells) >= max(3, len(cells) // 30)
    rows: list[Row] = []
    pending_title: int | None = None  # index in rows of a one-cell row that may title a header
    k = 0
    n = len(cells)

    def next_filled(j: int) -> int:
        while j < n and not cells[j].text.strip():
            j += 1
        return j

    while k < n:
        cell = cells[k]
        text = cell.text.strip()
        if not text:
            k += 1
            continue
        # (not on a flattened page: there a token is no cell)
        other = _other_header(cells, k) if not flattened and find_header(cells, k) is None else 0
        if other:
            # a table of another kind (主要任务 / 预期目标 / 目标完成情况 / 关键指标 …): its header row,
            # then its cells in rows as wide as the header, as they come
            labels = [c.text.strip() for c in cells[k:other] if c.text.strip()]
            rows.append(Row(cells=labels, source=f"line {cell.line}"))
            k = other
            while k < n:
                first = cells[k].text.strip()
                if first and (is_section_label(first) or is_total_label(first) or find_header(cells, k)):
                    break
                if not first:
                    k += 1
                    continue
                chunk: list[str] = []
                line = cells[k].line
                while k < n and len(chunk) < len(labels):
                    text_k = cells[k].text.strip()
                    if chunk and text_k and (is_section_label(text_k) or is_total_label(text_k)):
                        break
                    chunk.append(text_k)
                    k += 1
                rows.append(Row(cells=chunk, source=f"line {line}"))
            pending_title = None
            continue
        header = find_header(cells, k)
        if header is not None:
            title = None
            if pending_title is not None and pending_title == len(rows) - 1:
                title_row = rows.pop()
                title = title_row.cells[0]
            _emit_block(rows, cells, header, title, explicit)
            k = block_end(cells, header.end, header.block)
            body = cells[header.end : k]
            if flattened:
                body = _values_before_names(_names_before_values(body, header), header)
            _emit_body(rows, body, header, title, explicit, cut=k >= n, flattened=flattened, notes=notes)
            pending_title = None
            continue
        pending_title = None
        if lines_are_rows and cell.brk:
            # outside a table's body a line of an indented page is a row as printed
            j = k + 1
            while j < n and not cells[j].brk and cells[j].line == cell.line:
                j += 1
            # a header may start inside the line (四、年度绩效指标完成情况 一级指标 二级指标 …)
            inner = next((h for h in range(k + 1, j) if find_header(cells, h) is not None), None)
            if inner is not None:
                j = inner
            if j - k == 1 and inner is not None:
                rows.append(Row(cells=[text], source=f"line {cell.line}"))
                if len(text) <= 24 and _TITLE_LIKE.search(fold_label(text)):
                    pending_title = len(rows) - 1
                k = j
                continue
            if j - k >= 2:
                rows.append(Row(cells=[c.text.strip() for c in cells[k:j]], source=f"line {cell.line}"))
                k = j
                continue
        if is_total_label(text):
            row_cells = [text]
            k += 1
            while k < n and (
                not cells[k].text.strip()
                or re.fullmatch(r"[\d.]+分?|优秀?|良好?|中|差|合格", cells[k].text.strip())
            ):
                if cells[k].text.strip():
                    row_cells.append(cells[k].text.strip())
                k += 1
            rows.append(Row(cells=row_cells, source=f"line {cell.line}"))
            continue
        if _is_goal_label(text):
            j = next_filled(k + 1)
            heads: list[str] = []
            while j < n and _is_goal_head(cells[j].text) and len(heads) < 3:
                heads.append(cells[j].text.strip())
                j = next_filled(j + 1)
            if heads:
                rows.append(Row(cells=[text, *heads], source=f"line {cell.line}"))
                texts: list[str] = []
                first = cells[j].line if j < n else cell.line
                while j < n and len(texts) < len(heads):
                    value = cells[j].text.strip()
                    if value and _stops(value):
                        break
                    texts.append(value)
                    j += 1
                if any(texts):
                    rows.append(Row(cells=["", *texts], source=f"line {first}"))
                k = j
                continue
        inline = re.search(r"[:：]\s*\S", text)  # 财务负责人:唐勇 — the value is in the label's cell
        if (is_section_label(text) or _is_goal_label(text)) and not inline:
            j = next_filled(k + 1) if not explicit else k + 1
            if explicit and j < n and not cells[j].text.strip() and next_filled(j) < min(n, j + 2):
                j = next_filled(j)  # the label's cell merged over an empty one: its value is next
            if (
                j < n
                and cells[j].text.strip()
                and not _stops(cells[j].text.strip())
                and not _title_of_next_header(cells, j)
                and not _FORM_TITLE.search(fold_label(cells[j].text))
            ):
                rows.append(Row(cells=[text, cells[j].text.strip()], source=f"line {cell.line}"))
                k = j + 1
                continue
            if j < n and not cells[j].text.strip():
                rows.append(Row(cells=[text, ""], source=f"line {cell.line}"))
                k = j + 1
                continue
        j = next_filled(k + 1)
        if (
            flattened
            and not inline
            and kind_of(text) in ("word", "text")
            and len(text) <= 12
            and j < n
            and kind_of(cells[j].text) in ("points", "bare", "amount", "percent", "quantity")
            and not _title_of_next_header(cells, k)
        ):
            # a label and its figure on a flattened page (部门调整预算收入 9368.62, 预算完成率 97.10%)
            rows.append(Row(cells=[text, cells[j].text.strip()], source=f"line {cell.line}"))
            k = j + 1
            continue
        rows.append(Row(cells=[text], source=f"line {cell.line}"))
        if (
            len(text) <= 24
            and kind_of(text) in ("word", "text", "textnum")
            and _TITLE_LIKE.search(fold_label(text))
        ):
            pending_title = len(rows) - 1
        k += 1
    return rows


# A block title over a table's label column: 项目资金(万元), 预算执行情况(20分), 绩效指标, 年度绩效目标(80分).
_TITLE_LIKE = re.compile(r"资金|预算|指标|绩效|目标|情况|[((](万?元|\d+(\.\d+)?分)[))]?$")


_FORM_TITLE = re.compile(r"(绩效|績效).{0,12}(自评|自評|评价|評價).{0,4}(表|报告|報告)")


def _emit_block(
    rows: list[Row], cells: list[Cell], header: Header, title: str | None, explicit: bool
) -> None:
    header.title = title
    lead = [title or ""] if header.block == "funds" or title else []
    rows.append(Row(cells=[*lead, *header.texts], source=f"line {header.line}"))


def _emit_body(
    rows: list[Row],
    body: list[Cell],
    header: Header,
    title: str | None,
    explicit: bool,
    cut: bool,
    flattened: bool = False,
    notes: list[str] | None = None,
) -> None:
    if header.block == "funds":
        columns = ["label", *header.kinds]
        columns = [
            "execution_rate%"
            if kind == "execution_rate" and re.search(r"[%%]", text)
            # a column the format has no field for that holds money (到位数, 实际到位资金)
            else "amount_other"
            if kind == ""
            and text
            and re.search(r"数$|资金|金额|额$", fold_label(re.sub(r"[((].*$", "", text)))
            else kind
            for kind, text in zip(columns, ["", *header.texts], strict=True)
        ]
        offset = 0
    else:
        # a column the format has no field for that holds words (评分标准, 指标解释, 得分计算方法)
        columns = [
            "text_other"
            if kind == "" and re.search(r"标准|说明|方法|依据|解释|措施|原因", text)
            else "coefficient"
            if kind == "" and "系数" in text  # 得分系数(%): the share of the points scored
            else kind
            for kind, text in zip(header.kinds, header.texts, strict=True)
        ]
        offset = 1 if title else 0
    width = offset + len(columns)
    filled = [c for c in body]
    if not any(c.text.strip() for c in filled):
        return
    # Leading empty cells belong to nothing.
    while filled and not filled[0].text.strip():
        filled = filled[1:]
    lead: list[tuple[int, int]] = []
    if header.block == "funds" and flattened:
        # Figures printed before their row's label: the first row is the longest run of figures
        # whose arithmetic holds (执行率 = 执行数 ÷ 预算数, 得分 = 分值 × 执行率).
        run = 0
        while run < len(filled) and kind_of(filled[run].text) not in ("fundlabel", "word", "text", "textnum"):
            run += 1
        for size in range(min(run, len(columns) - 1), 1, -1):
            placed = place_by_arithmetic([c.text.strip() for c in filled[:size]], columns[1:])
            if placed is not None:
                lead = [(0, column + 1 if column >= 0 else column) for column in placed]
                break
    rest = filled[len(lead) :]
    placement = (
        align_block(rest, columns, header.block, explicit, cut=cut, flattened=flattened) if rest else []
    )
    if lead:
        placement = lead + [(row + 1, column) for row, column in placement]
    if header.block == "funds":
        placement = _funds_by_arithmetic(filled, placement, columns, notes)
    if header.block == "indicators":
        placement = _merged_twice(filled, placement, columns)
        placement = _as_rows_around(filled, placement, columns, notes)
        if cut and placement and _cut_label_start(filled[-1].text):
            # the excerpt ends one character into the next group's label (可 of 可持续影响指标): that
            # character is no cell of the row before it
            placement[-1] = (placement[-1][0], CUT)
    # A row with a cell that fits none of its columns is not read with confidence: its values are
    # left out with it (the names stay).
    # (a cell that fits nowhere after the row's last placed cell does not break it)
    last_placed: dict[int, int] = {}
    for i, (row, column) in enumerate(placement):
        if column >= 0 and filled[i].text.strip():
            last_placed[row] = i
    broken = {
        row
        for i, (cell, (row, column)) in enumerate(zip(filled, placement, strict=True))
        if column == STRAY and cell.text.strip() and i < last_placed.get(row, -1)
    }
    built: dict[int, tuple[list[str], int, list[Row]]] = {}
    for cell, (row, column) in zip(filled, placement, strict=True):
        if row not in built:
            built[row] = ([""] * width, cell.line, [])
        cells_of_row, _, strays = built[row]
        if column >= 0 and row in broken and columns[column] not in ("label", "level1", "level2", "name"):
            column = STRAY
        if column == CUT:
            if notes is not None:
                notes.append(f"truncated: only '{cell.text.strip()}' left")
            continue
        if column < 0:
            if cell.text.strip():
                strays.append(Row(cells=[cell.text.strip()], source=f"line {cell.line}"))
            continue
        cells_of_row[offset + column] = cell.text.strip()
    joined: set[int] = set()
    if header.block == "indicators" and not explicit and "name" in columns:
        joined = _join_wrapped_names(built, offset, columns)
    for row in sorted(built):
        cells_of_row, line, strays = built[row]
        if any(cells_of_row):
            rows.append(Row(cells=cells_of_row, source=f"line {line}"))
            if row in joined:
                name = cells_of_row[offset + columns.index("name")]
                rows[-1].review.append(("indicators", f"{rv.NAME_JOINED}: '{rv.clip(name)}'"))
        rows.extend(strays)


def _join_wrapped_names(
    built: dict[int, tuple[list[str], int, list[Row]]], offset: int, columns: list[str]
) -> set[int]:
    """A name wrapped over two cells (农村危房改造户数(含 / 四类重点对象), 群众住房安全 / 保障水平) read as
    a row with a name and nothing else, then a row with no level label whose name has the values:
    one row, its name joined. Only where the serialisation drops empty cells (a row of a name alone
    is otherwise a row whose values are empty), and never across a row break or a stray cell."""
    name_at = offset + columns.index("name")
    levels = [offset + j for j, c in enumerate(columns) if c in ("level1", "level2")]
    values = [offset + j for j, c in enumerate(columns) if c not in ("level1", "level2", "name")]
    joined: set[int] = set()
    order = sorted(built)
    for a, b in itertools.pairwise(order):
        if b != a + 1 or a not in built:
            continue
        first, line, strays = built[a]
        second, _, second_strays = built[b]
        head, tail = first[name_at].strip(), second[name_at].strip()
        if strays or not head or not tail or any(first[k] for k in values):
            continue
        if any(second[k] for k in levels) or not any(second[k] for k in values):
            continue
        if kind_of(head) not in ("word", "text", "textnum", "name") or kind_of(tail) not in ("word", "text"):
            continue
        if _balance(head) < 0 or _balance(tail) > 0 or _NUMBERED_NAME.match(tail):
            continue
        second[name_at] = head + tail
        for k in levels:
            second[k] = first[k]
        built[b] = (second, line, second_strays)
        del built[a]
        joined.add(b)
    return joined


# -- headers scattered through a flattened page ---------------------------------------------------

_CANONICAL = {
    "funds": (
        "label",
        "initial_budget",
        "adjusted_budget",
        "actual",
        "weight",
        "execution_rate",
        "score",
        "",
    ),
    "indicators": (
        "level1",
        "level2",
        "name",
        "operator",
        "target",
        "unit",
        "adjusted_target",
        "result",
        "status",
        "weight",
        "score",
        "deviation",
        "",
    ),
}


def _canonical_key(block: str, cell: Cell) -> int:
    table = vocab.FUND_COLUMNS if block == "funds" else vocab.INDICATOR_COLUMNS
    kind = vocab.column_of(cell.text, table) or ""
    order = _CANONICAL[block]
    return order.index(kind) if kind in order else len(order)


def gather_headers(cells: list[Cell]) -> list[Cell]:
    """Put back together a header that a page flattened in layout order scattered among its values.

    In a PDF or spreadsheet flattened with spaces, the column headers of a table may come out
    between the values (年度 实际 指标值 完成值 … 二级指标 三级指标 … 分值 得分). A column header that is
    not part of a run of headers is taken out where it stands and put into the header of its table:
    the run of headers it is closest to, or, for an indicator grid whose headers never form a run, a
    header rebuilt in the template's order right before the grid's first row (its first level label
    or numbered 指标N name). The texts are not changed, only where the headers stand.
    """
    cells = normalise(join_brackets(cells))
    if not any(header_kind(c.text) == "indicators:unit" for c in cells):
        cells = join_unit_tails(cells)  # with a 度量单位 column, a unit alone is that column's cell
    cells = join_name_tails(cells)
    n = len(cells)
    in_run = [False] * n
    k = 0
    while k < n:
        header = find_header(cells, k)
        if header is not None:
            for j in range(k, header.end):
                in_run[j] = True
            k = header.end
        else:
            k += 1
    floating = [
        i
        for i, cell in enumerate(cells)
        if not in_run[i]
        and cell.text.strip()
        and header_kind(cell.text) is not None
        # 实际完成情况 beside 年度总体目标 / 预期目标 heads the goals, not the grid
        and not (
            _is_goal_head(cell.text)
            and any(_is_goal_label(c.text) or _is_goal_head(c.text) for c in cells[max(i - 3, 0) : i])
        )
    ]
    if not floating:
        return cells
    taken: set[int] = set()
    inserts: dict[int, list[Cell]] = {}
    # Indicator headers that never form a run: gathered before the grid's first row.
    indicator_runs = [
        k
        for k in range(n)
        if in_run[k] and (k == 0 or not in_run[k - 1]) and _run_block(cells, k) == "indicators"
    ]
    first_row = next(
        (i for i, cell in enumerate(cells) if kind_of(cell.text) in ("name", "level1", "level2", "level")),
        None,
    )
    loose = [i for i in floating if vocab.column_of(cells[i].text, vocab.INDICATOR_COLUMNS) is not None]
    if not indicator_runs and first_row is not None and len(loose) >= 3:
        grid_labels = [i for i in loose if i >= first_row - 40]
        if len(grid_labels) >= 3 and any(
            header_kind(cells[i].text) in ("indicators:level1", "indicators:level2", "indicators:name")
            for i in grid_labels
        ):
            start = first_row
            ordered = sorted(grid_labels, key=lambda i: (_canonical_key("indicators", cells[i]), i))
            inserts[start] = [Cell(cells[i].text, cells[i].line) for i in ordered]
            taken.update(grid_labels)
    # Other loose headers join the run of their block nearest before them (or just after them).
    earliest: dict[int, int] = {}
    for i in floating:
        if i in taken:
            continue
        kinds = {
            block
            for block, table in (("funds", vocab.FUND_COLUMNS), ("indicators", vocab.INDICATOR_COLUMNS))
            if vocab.column_of(cells[i].text, table) is not None
        }
        runs = [
            k
            for k in range(n)
            if in_run[k] and (k == 0 or not in_run[k - 1]) and _run_block(cells, k) in kinds
        ]
        near = [k for k in runs if abs(k - i) <= 12 or (kinds == {"funds", "indicators"} and 0 < i - k <= 30)]
        if not near:
            continue
        run = min(near, key=lambda k: abs(k - i))
        inserts.setdefault(run, []).append(Cell(cells[i].text, cells[i].line))
        earliest[run] = min(earliest.get(run, run), i)
        taken.add(i)
    # A run that gathered headers printed before it stands where the first of them stood: what lies
    # between (the first row's labels, printed before the values) comes after the header.
    merged_at: dict[int, list[Cell]] = {}
    for i, extra in inserts.items():
        if not in_run[i]:
            merged_at.setdefault(i, []).extend(extra)
            continue
        end = i
        while end < n and in_run[end]:
            end += 1
        block = _run_block(cells, i)
        run_cells = [c for c in cells[i:end] if c.text.strip()]
        merged = sorted(
            [*run_cells, *extra],
            key=lambda c: (_canonical_key(block, c), 0 if c in run_cells else 1),
        )
        # a header that came apart is put back in the template's order (a grid's where its first
        # header stood: the first row's labels printed before the values then follow it)
        merged_at.setdefault(earliest.get(i, i) if block == "indicators" else i, []).extend(merged)
        taken.update(range(i, end))
    out: list[Cell] = []
    for i, cell in enumerate(cells):
        if i in merged_at:
            out.extend(merged_at[i])
        if i in taken:
            continue
        out.append(cell)
    return out


def _run_block(cells: list[Cell], k: int) -> str:
    header = find_header(cells, k)
    return header.block if header is not None else ""


_NAME_KINDS = ("name", "text", "word", "textnum")


def _names_before_values(body: list[Cell], header: Header) -> list[Cell]:
    """Rows whose names a flattened page printed one after another before their values (指标24 …
    指标25 … 14例 14例 2 2 24694人 22584人 2 1.7): when k names are followed by exactly k groups of
    values that each fill the row's value columns, the rows are those names with those groups, in
    order."""
    if header.block != "indicators" or "name" not in header.kinds:
        return body
    after = header.kinds[header.kinds.index("name") + 1 :]
    value_columns = [
        k
        for k in after
        if k in ("operator", "target", "unit", "adjusted_target", "result", "weight", "score")
    ]
    w = len(value_columns)
    if w < 3 or after[: len(value_columns)] != value_columns:
        return body
    out: list[Cell] = []
    p = 0
    n = len(body)
    while p < n:
        k = 0
        while p + k < n and kind_of(body[p + k].text) in _NAME_KINDS:
            k += 1
        end = p + k + k * w
        if (
            k >= 2
            and end <= n
            and (end == n or kind_of(body[end].text) in (*_NAME_KINDS, "level1", "level2", "level"))
        ):
            groups = [body[p + k + g * w : p + k + (g + 1) * w] for g in range(k)]
            if all(
                _emit(kind_of(cell.text), column) > 0
                for group in groups
                for cell, column in zip(group, value_columns, strict=True)
            ):
                for name, group in zip(body[p : p + k], groups, strict=True):
                    out.append(name)
                    out.extend(group)
                p = end
                continue
        out.append(body[p])
        p += 1
    return out


_QUALITATIVE = set("是否有无高好优良中差")


def join_name_tails(cells: list[Cell]) -> list[Cell]:
    """In text flattened with spaces, one character alone after a name is the end of that name that
    the page wrapped (指标24:传染病及突发公共卫生事件报告 数)."""
    out: list[Cell] = []
    for cell in cells:
        text = cell.text.strip()
        if (
            out
            and len(text) == 1
            and "\u4e00" <= text <= "\u9fff"
            and text not in _QUALITATIVE
            and kind_of(out[-1].text) in ("name", "text")
        ):
            out[-1] = Cell(out[-1].text.strip() + text, out[-1].line, out[-1].brk)
            continue
        out.append(cell)
    return out


# -- a funding row's figures placed by the form's arithmetic --------------------------------------

_AMOUNTS = ("initial_budget", "adjusted_budget", "actual")


def _number(text: str, kind: str) -> Decimal | None:
    try:
        if kind == "execution_rate":
            return parse_rate(text)
        if kind in ("weight", "score"):
            match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*分?\s*", text)
            return Decimal(match.group(1)) if match else None
        return parse_amount(text, "万元")
    except (NumberError, ArithmeticError):
        return None


def _tolerance(text: str) -> Decimal:
    """Half a unit of the last digit written, plus rounding slack (100% → 0.5; 86.19% → 0.005)."""
    digits = re.search(r"\.(\d+)", text)
    places = len(digits.group(1)) if digits else 0
    return Decimal(5) / Decimal(10) ** (places + 1) + Decimal("0.006")


def _truncated(computed: Decimal, printed: Decimal, text: str) -> bool:
    """The printed figure is the computed one cut after its last written digit, not rounded (31.69 ÷
    32.4 = 97.808…% printed 97.80%; 10 × 97.80% = 9.78 printed as the score 9)."""
    digits = re.search(r"\.(\d+)", text)
    unit = Decimal(1) / Decimal(10) ** (len(digits.group(1)) if digits else 0)
    return Decimal(0) <= computed - printed < unit


def _relations(values: dict[str, str]) -> tuple[int, bool]:
    """Count the relations of a funding row that its figures satisfy (执行率 = 执行数 ÷ 预算数;
    得分 = 分值 × min(执行率, 100%)); second: whether one is contradicted."""
    numbers = {kind: _number(text, kind) for kind, text in values.items()}
    verified = 0
    rate = numbers.get("execution_rate")
    if rate is not None:
        actual = numbers.get("actual")
        budget = numbers.get("adjusted_budget") if numbers.get("adjusted_budget") is not None else None
        if actual is not None and budget is not None:
            if budget == 0:
                # nothing budgeted: nothing spent is consistent (the rate does not apply), anything
                # spent is not
                return verified, actual != 0
            computed = actual / budget * 100
            gap = abs(computed - rate)
            if (
                gap <= _tolerance(values["execution_rate"])
                or (rate == 100 and computed >= 100)
                or _truncated(computed, rate, values["execution_rate"])
            ):
                verified += 1
            elif gap > 1:
                return verified, True  # off by more than a point: not a rounding slip of the form's
        weight, score = numbers.get("weight"), numbers.get("score")
        if weight is not None and score is not None:
            expected = weight * min(rate, Decimal(100)) / 100
            gap = abs(expected - score)
            if gap <= _tolerance(values["score"]) + Decimal("0.01") or _truncated(
                expected, score, values["score"]
            ):
                verified += 1
            elif gap > max(Decimal("0.5"), weight / 20):
                return verified, True
    return verified, False


def _exact_total(text: str) -> bool:
    bare = re.sub(r"^其中[:：]?", "", fold_label(text)).rstrip(":：")
    return bare in vocab.FUND_TOTAL_ROWS or bare.startswith(vocab.FUND_TOTAL_ROWS)


def place_by_arithmetic(texts: list[str], columns: list[str], line: bool = False) -> list[int] | None:
    """Place the figures of a funding row (in order) in its columns so that the row's own arithmetic
    holds: every placement whose figures fit their columns and contradict no relation, keeping those
    that satisfy the most relations; a figure whose column differs between them is left out (-2).
    None when no relation can be checked (no rate printed in the row)."""
    kinds = [kind_of(t) for t in texts]
    if ("percent" not in kinds and "execution_rate%" not in columns) or len(texts) > len(columns):
        return None
    best: list[tuple[int, ...]] = []
    best_verified = 0
    for chosen in itertools.combinations(range(len(columns)), len(texts)):
        if any(_emit(kinds[i], columns[j]) <= 0 for i, j in enumerate(chosen)):
            continue
        if line and any(
            columns[j] in ("weight", "score") and kinds[i] not in ("absent", "empty")
            for i, j in enumerate(chosen)
        ):
            continue  # a 其中 line has no 分值 or 得分 of its own
        values = {
            columns[j].rstrip("%"): texts[i]
            for i, j in enumerate(chosen)
            if kinds[i] not in ("absent", "empty")
        }
        if len(values) != len(
            {columns[j] for i, j in enumerate(chosen) if kinds[i] not in ("absent", "empty")}
        ):
            continue
        verified, contradicted = _relations(values)
        if contradicted:
            continue
        if verified > best_verified:
            best, best_verified = [chosen], verified
        elif verified == best_verified and verified:
            best.append(chosen)
    if not best_verified:
        return None
    return [
        best[0][i] if all(p[i] == best[0][i] for p in best) or kinds[i] in ("absent", "empty") else DOUBTFUL
        for i in range(len(texts))
    ]


def _funds_by_arithmetic(
    cells: list[Cell], placement: list[tuple[int, int]], columns: list[str], notes: list[str] | None = None
) -> list[tuple[int, int]]:
    """Re-place the figures of each funding row whose rate lets the arithmetic decide."""
    out = list(placement)
    rows: dict[int, list[int]] = {}
    for i, (row, column) in enumerate(placement):
        # empty cells keep their place in the row (where the text keeps them, they are positions)
        if column != STRAY and column != 0 and (cells[i].text.strip() or column > 0):
            rows.setdefault(row, []).append(i)
    total: dict[int, Decimal] = {}
    total_row: tuple[list[str], list[int]] | None = None
    for row, members in sorted(rows.items()):
        while members and not cells[members[-1]].text.strip():
            members = members[:-1]  # trailing empty cells say nothing
        texts = [cells[i].text.strip() for i in members]
        label = next((cells[i].text for i, (r, c) in enumerate(placement) if r == row and c == 0), "")
        line = fold_label(label).startswith("其中") or (bool(label) and not _exact_total(label))
        if line and total_row is not None and texts == total_row[0]:
            # the only source of the money repeats the total's row figure for figure (分值, 执行率
            # and 得分 included): its figures stand in the total's columns
            placed = [column if column >= 0 else DOUBTFUL for column in total_row[1]]
        else:
            placed = place_by_arithmetic(texts, columns[1:], line=line)
        if placed is not None and not line and total_row is None and not total:
            total_row = (texts, list(placed))
        full = (
            len(texts) == len(columns) - 1
            and all(t and kind_of(t) != "absent" for t in texts)
            and not any(
                c == "adjusted_budget" and _number(t, c) == 0 for t, c in zip(texts, columns[1:], strict=True)
            )
        )
        if placed is None and not full:
            # (a row with a figure in every column has them where the form printed them, even when
            # they contradict its printed rate: the checker reports that, the reader keeps them;
            # not a budget of 0 beside money spent, which no form means)
            placed = _contradicted(
                texts, [out[i][1] - 1 if out[i][1] > 0 else -1 for i in members], columns[1:], notes
            )
        if placed is None and total:
            placed = _like_total(texts, columns[1:], total)
        if placed is None and not line and len(texts) < len(columns) - 1:
            placed = _small_actual(
                texts, [out[i][1] - 1 if out[i][1] > 0 else -1 for i in members], columns[1:]
            )
        if placed is None and total and line:
            # fewer figures than a 其中 line's amount columns (0 0 under 年初 / 全年 / 执行): which
            # column each stands in cannot be told
            amounts = [c for c in columns[1:] if c in _AMOUNTS or c == "amount_other"]
            figures = [t for t in texts if kind_of(t) in ("points", "bare", "amount")]
            if 0 < len(figures) < len(amounts) and not any(cells[i].fixed for i in members):
                placed = [DOUBTFUL if kind_of(t) in ("points", "bare", "amount") else KEEP for t in texts]
        if placed is not None:
            for i, column in zip(members, placed, strict=True):
                if column != KEEP:
                    out[i] = (row, column + 1 if column >= 0 else column)
        if not total:
            label = next((cells[i].text for i, (r, c) in enumerate(placement) if r == row and c == 0), "")
            if not label or not fold_label(label).startswith("其中"):
                for i in members:
                    column = out[i][1]
                    if column > 0 and columns[column] in _AMOUNTS:
                        number = _number(cells[i].text, columns[column])
                        if number is not None:
                            total[column - 1] = number
    return out


def _small_actual(texts: list[str], columns_of: list[int], columns: list[str]) -> list[int] | None:
    """A total row that lost cells and prints no rate, whose figure put under 全年执行数 is a few points
    beside a budget thousands of times larger (20000.00 20000.00 4.52): that figure may as well be
    the 得分 after an 执行数 the row lost; which it is cannot be told, so it is left out."""
    budget = next(
        (
            _number(texts[k], "adjusted_budget")
            for k, j in enumerate(columns_of)
            if j >= 0 and columns[j] in _AMOUNTS[:2]
        ),
        None,
    )
    at = next((k for k, j in enumerate(columns_of) if j >= 0 and columns[j] == "actual"), None)
    if budget is None or at is None or "score" not in columns or any(kind_of(t) == "percent" for t in texts):
        return None  # (a printed rate lets the arithmetic decide)
    actual = _number(texts[at], "actual")
    if actual is None or actual == 0 or actual > 100 or actual * 100 >= budget:
        return None
    if columns_of[at + 1 :] and any(
        j >= 0 and columns[j] in ("weight", "score") for j in columns_of[at + 1 :]
    ):
        return None  # its points printed after it: the figure is the amount
    return [DOUBTFUL if k == at else KEEP for k in range(len(texts))]


def _like_total(texts: list[str], columns: list[str], total: dict[int, Decimal]) -> list[int] | None:
    """A 其中 line whose figures all repeat the total's amounts (the only source of the money) sits
    in the same columns as the total's, when only one order-keeping placement does that."""
    figures = [
        (k, _number(t, "actual")) for k, t in enumerate(texts) if kind_of(t) not in ("absent", "empty")
    ]
    if not figures or any(value is None for _, value in figures):
        return None
    fits = []
    for chosen in itertools.combinations(sorted(total), len(figures)):
        if all(total[column] == value for column, (_, value) in zip(chosen, figures, strict=True)):
            fits.append(chosen)
    if len(fits) != 1:
        return None
    placed = [KEEP] * len(texts)  # absent marks stay where the rows put them
    for column, (k, _) in zip(fits[0], figures, strict=True):
        placed[k] = column
    return placed


# -- column labels printed beside their values ------------------------------------------------


def _fund_header(text: str) -> bool:
    return (
        vocab.column_of(text, vocab.FUND_COLUMNS) is not None
        and vocab.column_of(text, vocab.INDICATOR_COLUMNS) is None
    )


def inline_pairs(cells: list[Cell]) -> list[Cell]:
    """Funding figures printed each after its own column label (预算数 6.84 到位数 6.84 执行数 6.84
    100.00): the labels are the header of the figures; a last figure without a label of its own
    takes the funding label printed just before the run, if one is left over. Rows under them that
    repeat their label before each figure (其中:财政资金 6.84 其中:财政资金 6.84 …) keep the label once."""
    joined: list[Cell] = []
    for cell in cells:
        if joined and fold_label(joined[-1].text) in ("其中", "其中:") and kind_of(cell.text) == "fundlabel":
            # 其中: printed as a cell of its own before the first line's label
            joined[-1] = Cell(joined[-1].text.strip() + cell.text.strip(), joined[-1].line, joined[-1].brk)
            continue
        joined.append(cell)
    cells = joined
    out: list[Cell] = []
    k = 0
    n = len(cells)
    while k < n:
        pairs = 0
        j = k
        while (
            j + 1 < n
            and _fund_header(cells[j].text)
            and kind_of(cells[j + 1].text) in ("points", "bare", "amount", "percent")
        ):
            pairs += 1
            j += 2
        if pairs >= 2:
            labels = [cells[k + 2 * p] for p in range(pairs)]
            values = [cells[k + 2 * p + 1] for p in range(pairs)]
            if j < n and kind_of(cells[j].text) in ("points", "bare", "amount", "percent"):
                before = [
                    c for c in out[-6:] if _fund_header(c.text) and c.text not in {x.text for x in labels}
                ]
                if before:
                    extra = before[-1]
                    out.remove(extra)
                    labels.append(Cell(extra.text, extra.line))
                    values.append(cells[j])
                    j += 1
            out.extend(Cell(c.text, c.line, brk=c.brk if p == 0 else False) for p, c in enumerate(labels))
            out.extend(Cell(c.text, c.line, brk=p == 0) for p, c in enumerate(values))
            k = j
            continue
        cell = cells[k]
        if kind_of(cell.text) == "fundlabel":
            row = [cell]
            j = k + 1
            while (
                j + 1 < n
                and kind_of(cells[j].text) in ("points", "bare", "amount", "absent")
                and cells[j + 1].text == cell.text
            ):
                row.append(cells[j])
                j += 2
            if len(row) >= 2 and j < n and kind_of(cells[j].text) in ("points", "bare", "amount", "absent"):
                row.append(cells[j])
                out.append(row[0])
                out.extend(Cell(c.text, c.line, c.brk, fixed=True) for c in row[1:])
                k = j + 1
                continue
        out.append(cell)
        k += 1
    return out


def _figure(text: str) -> Decimal | None:
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if match is None:
        return None
    try:
        return Decimal(match.group(0).replace(",", ""))
    except ArithmeticError:
        return None


def _alike(target: str, result: str) -> bool:
    """Two texts written alike: the same, one inside the other, or the same first two characters."""
    a, b = fold_label(target), fold_label(result)
    return bool(a and b) and (a in b or b in a or (len(a) >= 2 and a[:2] == b[:2]))


def _comparable(target: str, result: str) -> bool:
    """Two figures of the same order (within a factor of two), with the same unit when both say one."""
    a, b = _figure(target), _figure(result)
    if a is None or b is None or a <= 0 or b <= 0:
        return False
    unit_a = re.sub(r"^[^\d]*\d[\d,]*(?:\.\d+)?", "", target.strip())
    unit_b = re.sub(r"^[^\d]*\d[\d,]*(?:\.\d+)?", "", result.strip())
    if unit_a and unit_b and unit_a != unit_b:
        return False
    return Decimal("0.5") <= a / b <= 2


def _cut_label_start(text: str) -> bool:
    """One character that starts a level label (可, 满, 生 …): what an excerpt cut in a label leaves."""
    key = fold_label(text)
    return len(key) == 1 and any(word.startswith(key) for word in (*vocab.LEVEL1_WORDS, *vocab.LEVEL2_WORDS))


def _as_rows_around(
    cells: list[Cell], placement: list[tuple[int, int]], columns: list[str], notes: list[str] | None
) -> list[tuple[int, int]]:
    """One value between a row's points (4 | 目标明确、内容细化 | 4) may be its 指标值 or its 完成值; where
    the other rows of the grid that write one of the two write a dash in the other (6 | - | 严格执行… |
    6), all in the same column, this one is read in that column too, and said for review."""
    if "target" not in columns or "result" not in columns:
        return placement
    at = {"target": columns.index("target"), "result": columns.index("result")}
    rows: dict[int, dict[int, int]] = {}
    for i, (row, column) in enumerate(placement):
        rows.setdefault(row, {})
        if column >= 0:
            rows[row][column] = i
    votes = set()
    for members in rows.values():
        t, r = members.get(at["target"]), members.get(at["result"])
        if t is None or r is None:
            continue
        t_kind, r_kind = kind_of(cells[t].text), kind_of(cells[r].text)
        if t_kind == "absent" and r_kind not in ("absent", "empty"):
            votes.add("result")
        elif r_kind == "absent" and t_kind not in ("absent", "empty"):
            votes.add("target")
    if len(votes) != 1:
        return placement
    (side,) = votes
    out = list(placement)
    for row, members in rows.items():
        if at["target"] in members or at["result"] in members:
            continue
        doubtful = [i for i, (r, column) in enumerate(placement) if r == row and column == DOUBTFUL]
        if len(doubtful) != 1:
            continue
        i = doubtful[0]
        if _emit(kind_of(cells[i].text), side) <= 0:
            continue
        out[i] = (row, at[side])
        if notes is not None:
            notes.append(f"value placed as in the rows around it: '{rv.clip(cells[i].text.strip())}'")
    return out


def _merged_twice(
    cells: list[Cell], placement: list[tuple[int, int]], columns: list[str]
) -> list[tuple[int, int]]:
    """A row whose only value repeats its name (预算执行率 | 预算执行率) is a merged cell printed twice,
    not a target: that value is left out."""
    out = list(placement)
    rows: dict[int, list[int]] = {}
    for i, (row, column) in enumerate(placement):
        if column >= 0 and cells[i].text.strip():
            rows.setdefault(row, []).append(i)
    for members in rows.values():
        names = [cells[i].text.strip() for i in members if columns[placement[i][1]] == "name"]
        values = [i for i in members if columns[placement[i][1]] not in ("level1", "level2", "name")]
        if names and len(values) == 1 and cells[values[0]].text.strip() == names[0]:
            out[values[0]] = (placement[values[0]][0], DOUBTFUL)
    return out


def _values_before_names(body: list[Cell], header: Header) -> list[Cell]:
    """Rows whose values a flattened page printed before their names, column block by column block
    (=100% 100% 20 20 及时 及时 20 20 … then 质量指标 时效指标 … 合同结算条款完成率 费用结算及时性 …): when
    k groups of values that each fill the row's value columns come without names, and exactly k
    names follow them in the table, the rows are those names with those groups, in order; the
    second-level labels go with them in order when there are k of them too, and each first-level
    label with the second-level label printed after it."""
    if header.block != "indicators" or "name" not in header.kinds:
        return body
    after = header.kinds[header.kinds.index("name") + 1 :]
    value_columns = [
        k
        for k in after
        if k in ("operator", "target", "unit", "adjusted_target", "result", "weight", "score")
    ]
    w = len(value_columns)
    if w < 3 or after[:w] != value_columns:
        return body
    n = len(body)
    start = 0
    while start < n:
        # a run of complete value groups, the first not preceded by a name of its own
        groups: list[list[Cell]] = []
        p = start
        while (
            p + w <= n
            and all(
                (
                    _emit(kind_of(c.text), col) > 0
                    and kind_of(c.text) not in (*_NAME_KINDS, "level1", "level2", "level", "empty")
                )
                or (kind_of(c.text) == "word" and col in ("target", "result"))
                for c, col in zip(body[p : p + w], value_columns, strict=True)
            )
            and all(kind_of(c.text) != "name" for c in body[p : p + w])
        ):
            groups.append(body[p : p + w])
            p += w
        previous = next((kind_of(c.text) for c in reversed(body[:start]) if c.text.strip()), "")
        if groups and previous in _NAME_KINDS:
            # the first group is the values of the name just before it
            start += w
            continue
        if len(groups) >= 2:
            rest = body[p:]
            names = [c for c in rest if kind_of(c.text) in _NAME_KINDS and len(c.text.strip()) > 1]
            seconds = [c for c in rest if kind_of(c.text) in ("level2", "level")]
            if len(names) == len(groups):
                rebuilt: list[Cell] = []
                firsts: dict[int, Cell] = {}
                pending_first: Cell | None = None
                for c in rest:
                    kind = kind_of(c.text)
                    if kind == "level1":
                        pending_first = c
                    elif kind in ("level2", "level") and pending_first is not None:
                        firsts[id(c)] = pending_first
                        pending_first = None
                if len(seconds) != len(groups):
                    # a label that is first-level in one template and second-level in another
                    seconds = [c for c in seconds if kind_of(c.text) == "level2"]
                use_seconds = len(seconds) == len(groups)
                for k, (name, group) in enumerate(zip(names, groups, strict=True)):
                    if use_seconds:
                        second = seconds[k]
                        if id(second) in firsts:
                            rebuilt.append(firsts[id(second)])
                        rebuilt.append(second)
                    rebuilt.append(name)
                    rebuilt.extend(group)
                placed = {id(c) for c in rebuilt}
                leftover = [c for c in body[p:] if id(c) not in placed]
                return body[:start] + rebuilt + leftover
        start = max(p, start + 1)
    return body


def _contradicted(
    texts: list[str], columns_of: list[int], columns: list[str], notes: list[str] | None
) -> list[int] | None:
    """A row whose amounts, as placed, contradict its own printed rate (0 and 207.4538 under 全年预算数 /
    全年执行数 beside 100%): which figure is which cannot be told; the amounts are left out and the
    contradiction noted, never kept against the form's arithmetic."""
    values = {
        columns[j].rstrip("%"): texts[k]
        for k, j in enumerate(columns_of)
        if j >= 0 and kind_of(texts[k]) not in ("absent", "empty")
    }
    if "execution_rate" not in values or "actual" not in values or "adjusted_budget" not in values:
        return None
    _, contradicted = _relations({k: v for k, v in values.items() if k != "score"})
    if not contradicted:
        return None
    if notes is not None:
        budget, actual, rate = values["adjusted_budget"], values["actual"], values["execution_rate"]
        notes.append(f"{rv.CONTRADICTS_RATE}: '{budget} / {actual} / {rate}'")
    return [DOUBTFUL if j >= 0 and columns[j] in ("adjusted_budget", "actual") else KEEP for j in columns_of]

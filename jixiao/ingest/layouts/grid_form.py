"""Forms whose indicators are a grid: the central 2020 project template and its regional variants
(Yunnan, Anhui, Sichuan, Hubei, Hebei, Shanxi), and department forms scored on a grid (Hunan,
Chongqing, Jiangxi, Sichuan 得分表). See ../shared/corpus/LAYOUTS.md §B–C.

Blocks are found by their column headers, whatever their order: the header fields (项目名称,
主管部门 …), the funding block, 年度总体目标, the indicator grid, the total and the narrative.
Columns are mapped by their printed labels (:mod:`jixiao.ingest.vocab`), so a layout that adds,
drops or reorders columns still reads. Nothing is computed or filled in: an absent cell stays
null and a cell the form should have is listed for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Protocol

from jixiao.core.form import Form, FundLine, Funds, Goals, Indicator, Task
from jixiao.core.numbers import NumberError, is_absent, parse_amount, parse_quantity, parse_rate
from jixiao.ingest import columns as columns_module
from jixiao.ingest import review as rv
from jixiao.ingest import runtogether, vocab
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.textutil import fold_label, join_wrapped, looks_garbled, split_list, strip_numbering

NAME = "grid"

_HEAD_FIELDS = vocab.HEAD_FIELDS
_GOAL_LABELS = (
    "项目基本情况",
    "年度整体(绩效目标)",
    "年度整体绩效目标",
    "年度总体目标",
    "总体目标",
    "年度绩效目标",
    "年初绩效目标",
    "绩效目标",
    "年度目标",
)
_GOAL_HEADERS = (
    "总体目标",
    "全年实际完成情况",
    "全年完成情况",
    "项目年度目标",
    "年度目标完成情况",
    "预期目标",
    "实际完成情况",
    "年初设定目标",
    "年度总体目标完成情况",
    "全年目标实际完成情况",
    "全年(调整)绩效目标",
    "年初绩效目标",
    "目标完成情况",
    "完成情况",
)
_TOTAL_LABELS = ("总分", "合计", "总计")
_NARRATIVE: tuple[tuple[str, str], ...] = (
    ("评价结论", "overall_performance"),
    ("自评结论", "overall_performance"),
    ("年度总体目标完成情况综述", "achieved"),
    ("整体绩效目标完成情况", "achieved"),
    ("存在问题", "problems"),
    ("存在的问题", "problems"),
    ("改进措施", "improvements"),
    ("下一步改进措施", "improvements"),
    ("整改措施", "improvements"),
    ("其他需要说明事项", "notes"),
    ("其他需要说明的问题", "notes"),
    ("其他说明事项", "notes"),
)
# The signature rows under a form: an indicator grid ends at them.
_SIGN_ONLY = (
    "项目负责人",
    "财务负责人",
    "填报人",
    "联系电话",
    "单位负责人",
    "单位领导审签",
    "填表人",
    "审核人",
    "报表编号",
    "填报日期",
    "单位(盖章)",
    "报告日期",
)
_GRADES = ("优秀", "良好", "合格", "不合格", "优", "良", "中", "差", "较差")
_INSTRUCTION = re.compile(r"^(请|注[:：]|填写|说明[:：]|此处|根据.*填写)")
_OPERATOR_TEXT = {"=": "=", "═": "=", "﹦": "=", "≥": "≥", "≧": "≥", ">=": "≥", "≤": "≤", "≦": "≤", "<=": "≤"}


def detect(grid: Grid) -> int:
    """Score a grid by its best indicator-grid header and funding header."""
    best_indicator = best_funds = 0
    for row in grid:
        indicator = len(
            {vocab.column_of(row.text(i), vocab.INDICATOR_COLUMNS) for i in row.filled()} - {None, ""}
        )
        funds = len({vocab.column_of(row.text(i), vocab.FUND_COLUMNS) for i in row.filled()} - {None, ""})
        best_indicator = max(best_indicator, indicator)
        best_funds = max(best_funds, funds)
    if best_indicator < 3 and best_funds < 3:
        # A form known by its own field labels (cover, 基本概况) or by headers its reading ran together.
        from jixiao.ingest import classify

        return 1 if classify.has_table(grid) else 0
    return best_indicator + best_funds


class ParseState(Protocol):
    """What the block readers need from a layout's parsing state (shared with other layouts)."""

    grid: Grid
    form: Form
    review: rv.Review
    indicator_columns: tuple[dict[int, str], int] | None


@dataclass
class _State:
    grid: Grid
    form: Form = field(default_factory=Form)
    review: rv.Review = field(default_factory=rv.Review)
    indicator_columns: tuple[dict[int, str], int] | None = None


def parse(grid: Grid) -> Form:
    """Read a grid-layout form (project or department) from its cell grid."""
    grid.rows = _unfold_rows(grid.rows)
    if grid.reading in ("cell-per-line", "paragraph") and not grid.rebuilt:
        grid.rows = _rechunk_stream(grid.rows)
    state = _State(grid)
    form = state.form
    form.kind = _kind(grid)
    form.amount_unit = _amount_unit(grid)  # type: ignore[assignment]
    form.year = _year(grid)
    if form.year is None:
        state.review.add("year", rv.NOT_FOUND, None)
    r = 0
    rows = grid.rows
    saw_funds = saw_grid = False
    while r < len(rows):
        row = rows[r]
        if row.is_blank:
            r += 1
            continue
        fund_columns = _header(row, vocab.FUND_COLUMNS)
        indicator_columns = _header(row, vocab.INDICATOR_COLUMNS)
        stacked = _stacked_header(state, r)
        if stacked is not None:
            r = _read_indicators(state, r, stacked[0], stacked[1])
            saw_grid = True
            continue
        if indicator_columns and _is_indicator_header(indicator_columns):
            r = _read_indicators(state, r, indicator_columns)
            saw_grid = True
            continue
        if fund_columns and not saw_funds and len(set(fund_columns.values()) - {""}) >= 2:
            r = _read_funds(state, r, fund_columns)
            saw_funds = True
            continue
        if not saw_funds and _fund_pair_start(state, r):
            r = _read_fund_pairs(state, r)
            saw_funds = True
            continue
        if _read_goals(state, r):
            r += 2 if _goal_header_row(state, r) else 1
            continue
        _read_labels(state, r)
        r += 1
    if not saw_funds:
        state.review.add("funds", rv.NOT_FOUND, None)
    if not saw_grid:
        state.review.add("indicators", rv.NOT_FOUND, None)
    if form.goals.expected is None and form.goals.achieved is None:
        state.review.add("goals", rv.NOT_FOUND, None)
    elif form.goals.achieved is None and not any(i.path == "goals.achieved" for i in state.review.items):
        state.review.add("goals.achieved", rv.NOT_FOUND, None)
    if form.kind == "project" and form.project is None:
        state.review.add("project", rv.NOT_FOUND, None)
    if form.department is None:
        state.review.add("department", rv.NOT_FOUND, None)
    form.review = state.review.items
    return form


def _unfold_rows(rows: list[Row]) -> list[Row]:
    """Cut a row that holds an indicator header and then its data rows one after another (a reading
    that lost the row ends) into rows as wide as the header, when the cut rows read as indicator rows
    (their figures under the figure columns)."""
    out: list[Row] = []
    for row in rows:
        out.extend(_unfold(row) or [row])
    return out


def _rechunk_stream(rows: list[Row]) -> list[Row]:
    """One cell per line, empty cells kept: the rows a reading rebuilt under an indicator header may
    be cut at the wrong places (a title glued to the header); its cells, read in order, are cut again
    into rows as wide as the header when those rows read as indicator rows."""
    for h, row in enumerate(rows):
        kinds = [
            vocab.column_of(row.text(i), vocab.INDICATOR_COLUMNS) if row.text(i) else None
            for i in range(len(row.cells))
        ]
        labelled = [i for i, kind in enumerate(kinds) if kind is not None]
        if len(labelled) < 4 or labelled[-1] - labelled[0] + 1 != len(labelled):
            continue
        if not _is_indicator_header({i: kinds[i] or "" for i in labelled}):
            continue
        first, last = labelled[0], labelled[-1]
        end = h + 1
        while end < len(rows):
            lead = rows[end].text(rows[end].filled()[0]) if rows[end].filled() else ""
            key = fold_label(lead)
            if key.startswith(_TOTAL_LABELS) or any(key.startswith(label) for label, _ in _NARRATIVE):
                break
            end += 1
        stream = row.cells[last + 1 :] + [cell for k in range(h + 1, end) for cell in rows[k].cells]
        header = Row(cells=row.cells[first : last + 1], source=row.source, page=row.page)
        cut = _chunks(header, stream, [kinds[i] for i in labelled])
        if cut is None:
            continue
        prefix = [Row(cells=row.cells[:first], source=row.source, page=row.page)] if first else []
        return [*rows[:h], *prefix, header, *cut, *rows[end:]]
    return rows


def _unfold(row: Row) -> list[Row] | None:
    if len(row.cells) < 16:
        return None
    kinds = [
        vocab.column_of(row.text(i), vocab.INDICATOR_COLUMNS) if row.text(i) else None
        for i in range(len(row.cells))
    ]
    labelled = [i for i, kind in enumerate(kinds) if kind is not None]
    if len(labelled) < 4 or labelled[0] > 1 or labelled[-1] - labelled[0] + 1 != len(labelled):
        return None
    width = labelled[-1] + 1
    data = row.cells[width:]
    if len(data) < width:
        return None
    cut = _chunks(Row(cells=row.cells[:width], source=row.source, page=row.page), data, kinds[:width])
    return None if cut is None else [Row(cells=row.cells[:width], source=row.source, page=row.page), *cut]


def _chunks(header: Row, data: list[str], kinds: list[str | None]) -> list[Row] | None:
    """Cut cells read in order into rows as wide as ``header`` (whose columns have ``kinds``), when
    most of those rows read as indicator rows: figures under the figure columns, a name that is no
    figure. None otherwise."""
    width = len(header.cells)
    row = header
    if len(data) < width:
        return None
    labelled = [i for i, kind in enumerate(kinds) if kind is not None]
    chunks = [data[k : k + width] for k in range(0, len(data), width)]
    value_columns = [i for i in labelled if kinds[i] in ("target", "result", "weight", "score")]
    name_column = next((i for i in labelled if kinds[i] == "name"), None)
    fitting = 0
    for chunk in chunks:
        padded = chunk + [""] * (width - len(chunk))
        values_ok = all(
            not padded[i].strip() or _is_value(padded[i]) or kinds[i] in ("target", "result")
            for i in value_columns
        )
        name_ok = name_column is None or not padded[name_column].strip() or not _is_value(padded[name_column])
        weight = next((i for i in value_columns if kinds[i] in ("weight", "score")), None)
        points_ok = (
            weight is None or not padded[weight].strip() or re.fullmatch(r"[\d.]+分?", padded[weight].strip())
        )
        fitting += bool(values_ok and name_ok and points_ok)
    if fitting < max(2, int(len(chunks) * 0.6)):
        return None
    # Cells keep their places: a last row cut short is padded, not shifted.
    return [
        Row(cells=chunk + [""] * (width - len(chunk)), source=row.source, page=row.page) for chunk in chunks
    ]


# -- document-wide facts ------------------------------------------------------------------------


def _kind(grid: Grid) -> Literal["department", "project"]:
    head = "".join(fold_label(row.text(i)) for row in grid.rows[:12] for i in row.filled())
    if "项目名称" in head or ("项目" in head and "部门整体" not in head and "部门(单位)" not in head):
        return "project"
    return "department"


def _amount_unit(grid: Grid) -> str:
    for row in grid:
        for index in row.filled():
            key = fold_label(row.text(index))
            if re.search(r"[((]元[))]|单位[:：]?元$|^元$", key):
                return "元"
            if re.search(r"[((]万元[))]|单位[:：]?万元$", key):
                return "万元"
    return "万元"


_DATE_LABEL = re.compile(r"(报告|填报|发布|成文|发文|生成|上传|打印)?(日期|时间)[:：]?|来源|浏览")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年.{0,12}?[至到—-]\s*((?:19|20)\d{2})\s*年")


def _year(grid: Grid) -> int | None:
    """The evaluated year: 20XX年度 in the title, 被评价年度, the end of 项目起止时间, else a short cell
    naming a year, never a date labelled as the report's, the page's or the upload's (报告日期 …)."""
    cells = [row.text(i) for row in grid.rows[:40] for i in row.filled()][:80]
    for text in cells[:40]:
        match = re.search(r"((?:19|20)\d{2})\s*年度", text) or re.search(
            r"^(?:被?评价)?年度[:：]?\s*((?:19|20)\d{2})", text
        )
        if match:
            return int(match.group(1))
    for text in cells:
        period = _PERIOD.search(text)
        if period:
            return int(period.group(2))
    for text in cells[:40]:
        if _DATE_LABEL.match(fold_label(text)) or re.search(r"\d{4}-\d{2}-\d{2}", text):
            continue
        match = re.search(r"((?:19|20)\d{2})\s*年", text)
        if match and len(text) <= 40:
            return int(match.group(1))
    return None


def _header(row: Row, table: dict[str, str]) -> dict[int, str]:
    found: dict[int, str] = {}
    previous = None
    for index in row.filled():
        name = vocab.column_of(row.text(index), table)
        if name == "weight" and previous in ("level1", "level2") and table is vocab.INDICATOR_COLUMNS:
            name = ""  # 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值: a group's own points
        if name is not None:
            found[index] = name
        previous = name
    return found if len(found) >= 3 else {}


def _is_indicator_header(columns: dict[int, str]) -> bool:
    kinds = set(columns.values())
    return ("name" in kinds or "level1" in kinds) and bool(kinds & {"target", "result", "score"})


# -- header labels, totals and narrative ----------------------------------------------------------


def _read_labels(state: ParseState, r: int) -> None:
    grid, _form = state.grid, state.form
    row = grid.rows[r]
    filled = row.filled()
    for pos, index in enumerate(filled):
        if (r, index) in grid.used:
            continue
        text = row.text(index)
        key = fold_label(text)
        following = [i for i in filled[pos + 1 :] if (r, i) not in grid.used]
        if pos == 0 and re.search(r"绩效.*(自评|评价).*(表|报告)|自评表|得分表", key):
            grid.use(r, index)  # the title
            continue
        joined = _split_label(state, r, index)
        if joined is not None:
            text, key = joined, fold_label(joined)
        narrative = next((n for label, n in _NARRATIVE if key.startswith(label)), None)
        if narrative is not None:
            label = next(label for label, _ in _NARRATIVE if key.startswith(label))
            if not following:
                cells = _value_rows(state, r, many=True)
                if cells:
                    _read_narrative_rows(state, r, index, cells, narrative)
                    return
            # The text runs to the next label of the row (其他需要说明事项 | 无 | 总分 | 96).
            end = next((k for k, i in enumerate(following) if _is_label(row.text(i))), len(following))
            _read_narrative(
                state, r, index, following[:end], narrative, text[len(label) :] if key == label else ""
            )
            if end == len(following):
                return
            continue
        block = vocab.report_block(text)
        if block is not None:
            _read_report_block(state, r, index, text, block, following)
            return
        if vocab.info_label(text) is not None:
            grid.use(r, index)
            if following and not _is_label(row.text(following[0])):
                grid.use(r, following[0])
            elif not following and not vocab.after_label(text, vocab.info_label(text) or ""):
                for k, c in _value_rows(state, r):
                    grid.use(k, c)
            continue
        if key.startswith(_TOTAL_LABELS) and (pos == 0 or key in _TOTAL_LABELS):
            _read_total(state, r, index, following)
            return
        field = vocab.head_field(text)
        if field is not None:
            _read_head_field(state, r, index, vocab.after_label(text, field[0]), following, field[1])
        elif re.fullmatch(
            r"[一二三四五六七八九十]+、.{2,20}|单位基本情况|基本情况|项目资金|资金情况|(金额)?单位[:：]?(万元|元)|[((]?(万元|元)[))]?|[((]?(19|20)\d{2}年度?[))]?",
            key,
        ) or re.fullmatch(r".*(19|20)\d{2}年度?.*(自评|评价).*", key):
            grid.use(r, index)


def _is_label(text: str) -> bool:
    return (
        vocab.head_field(text) is not None
        or vocab.info_label(text) is not None
        or vocab.report_block(text) is not None
        or vocab.fund_pair(text) is not None
        or vocab.is_header_label(text)
        or any(fold_label(text).startswith(label) for label, _ in _NARRATIVE)
        or fold_label(text) in _TOTAL_LABELS
        or _is_section(text)
    )


def _is_section(text: str) -> bool:
    """A numbered section heading of a report-form (一、基本概况; (二)收支情况)."""
    return (
        bool(re.match(r"^\s*(?:[一二三四五六七八九十]+、|[((][一二三四五六七八九十]+[))])", text))
        and len(text) <= 30
    )


def _value_rows(state: ParseState, r: int, many: bool = False) -> list[tuple[int, int]]:
    """Return the value cells of a label alone at the end of row ``r`` when the reading put each cell
    on its own row (one cell per line or paragraph): the next row's lone cell, or with ``many`` the
    lone cells up to the next label."""
    grid = state.grid
    found: list[tuple[int, int]] = []
    k = r + 1
    while k < len(grid.rows):
        row = grid.rows[k]
        if row.is_blank:
            k += 1
            continue
        filled = row.filled()
        if not found and len(filled) == 1 and (k, filled[0]) in grid.used and k == r + 1:
            r += 1  # the second half of a label cut in two (年度主要 / 工作内容)
            k += 1
            continue
        if len(filled) != 1 or (k, filled[0]) in grid.used or _is_label(row.text(filled[0])):
            break
        if found and (vocab.head_field(row.text(filled[0])) or _goal_label(row) is not None):
            break
        if many and len(row.text(filled[0])) <= 10 and _split_label(state, k, filled[0], peek=True):
            break
        found.append((k, filled[0]))
        if not many:
            break
        k += 1
    return found


def _split_label(state: ParseState, r: int, index: int, peek: bool = False) -> str | None:
    """Return the whole label when a line break cut it over two lone cells (年度主要 / 工作内容), and
    mark the second part read (unless only peeking)."""
    grid = state.grid
    row = grid.rows[r]
    if len(row.filled()) != 1 or len(row.text(index)) > 10 or _is_label(row.text(index)):
        return None
    nxt = _value_rows(state, r)
    if not nxt:
        return None
    k, c = nxt[0]
    whole = row.text(index) + grid.rows[k].text(c)
    if len(grid.rows[k].text(c)) > 12 or fold_label(whole) not in vocab.FIELD_LABELS:
        return None
    if not peek:
        grid.use(k, c)
    return whole


_TASK_ITEM = re.compile(r"任[务務]\s*\d+\s*[::、.．]?\s*")


def _read_report_block(
    state: ParseState, r: int, index: int, text: str, block: tuple[str, str], following: list[int]
) -> None:
    """Read a narrative block of a report-form: its text follows the label in the row, or in the lone
    cells after it; 年度主要工作内容 lists the tasks (任务1: …)."""
    grid, form = state.grid, state.form
    row = grid.rows[r]
    grid.use(r, index)
    cells = [(r, i) for i in following]
    inline = vocab.after_label(text, block[0])
    if not cells:
        cells = _value_rows(state, r, many=True)
    for k, c in cells:
        grid.use(k, c)
    texts = ([inline] if inline else []) + [grid.rows[k].text(c) for k, c in cells]
    name = block[1]
    if not texts:
        if name:
            state.review.add("tasks" if name == "tasks" else name, rv.EMPTY_CELL, row.source)
        return
    if name == "tasks":
        whole = " ".join(texts)
        if _TASK_ITEM.search(whole):
            parts = [p for p in _TASK_ITEM.split(whole) if p.strip()]
        else:
            parts = [item for text in texts for item in split_list(text)]  # 1.… 2.… numbered items
        for part in parts:
            task_name = join_wrapped(part)
            if task_name:
                form.tasks.append(Task(name=task_name))
    elif name:
        setattr(form, name, join_wrapped(" ".join(texts)))


def _read_narrative_rows(
    state: ParseState, r: int, index: int, cells: list[tuple[int, int]], name: str
) -> None:
    """A narrative label alone on its row, its text in the lone cells after it."""
    grid = state.grid
    grid.use(r, index)
    for k, c in cells:
        grid.use(k, c)
    raw = " ".join(grid.rows[k].text(c) for k, c in cells)
    _store_narrative(state, name, raw, grid.rows[r].source)


def _read_head_field(
    state: ParseState, r: int, index: int, rest: str, following: list[int], name: str
) -> None:
    grid, form = state.grid, state.form
    row = grid.rows[r]
    grid.use(r, index)
    rest = re.sub(r"^[((]分[))]", "", rest).strip(":： ")
    value = rest
    if not value and following and not _is_label(row.text(following[0])):
        value = row.text(following[0])
        grid.use(r, following[0])
    elif not value and not following:
        for k, c in _value_rows(state, r):
            value = grid.rows[k].text(c)
            grid.use(k, c)
    value = _cut_at_label(value)
    if not name:
        return
    if name in ("project", "department", "implementing_unit"):
        text = join_wrapped(value)
        if text and getattr(form, name) is None:
            setattr(form, name, text)
        return
    if name == "total_score":
        number = re.search(r"\d+(?:\.\d+)?", value)
        if number:
            form.total_score = Decimal(number.group(0))
        else:
            state.review.add("total_score", rv.EMPTY_CELL, row.source)
        return
    if name == "grade" and value:
        form.grade = value.strip()


def _cut_at_label(value: str) -> str:
    """Cut a value where the next label of the form starts after a space (项目名称 X 项目负责人及电话 Y)."""
    for match in re.finditer(r"\s+", value):
        tail = value[match.end() :]
        if vocab.head_field(tail) or vocab.info_label(tail):
            return value[: match.start()]
    return value


def _read_total(state: ParseState, r: int, index: int, following: list[int]) -> None:
    grid, form = state.grid, state.form
    row = grid.rows[r]
    grid.use(r, index)
    numbers: list[Decimal] = []
    by_column = state.indicator_columns
    for i in following:
        text = row.text(i)
        grid.use(r, i)
        if by_column and len(row.cells) == by_column[1] and by_column[0].get(i) in ("weight", "score"):
            # The total row under the grid: the 分值 column holds the points total, not the score.
            number = re.fullmatch(r"(\d+(?:\.\d+)?)\s*分?", text)
            if number and by_column[0][i] == "score":
                form.total_score = Decimal(number.group(1))
            continue
        if text in _GRADES or fold_label(text) in _GRADES:
            form.grade = text
            continue
        grade = re.fullmatch(r"(?:自评)?等级[:：]\s*(\S+)", text)
        if grade:
            form.grade = grade.group(1)
            continue
        number = re.fullmatch(r"(\d+(?:\.\d+)?)\s*分?", text)
        if number:
            numbers.append(Decimal(number.group(1)))
    if form.total_score is not None:
        pass
    elif len(numbers) >= 2:
        form.total_score = numbers[1]
    elif len(numbers) == 1 and numbers[0] != Decimal(100):
        form.total_score = numbers[0]
    elif len(numbers) == 1 and re.search(r"[((]\d+(?:\.\d+)?分[))]", fold_label(row.text(index))):
        # 总分(100分) | 100: the label prints the points, the cell the score
        form.total_score = numbers[0]
    if form.total_score is None:
        state.review.add("total_score", rv.EMPTY_CELL, row.source)


def _read_narrative(
    state: ParseState, r: int, index: int, following: list[int], name: str, inline: str
) -> None:
    grid = state.grid
    row = grid.rows[r]
    grid.use(r, index, *following)
    raw = " ".join([inline.strip(":： ")] + [row.text(i) for i in following]).strip()
    _store_narrative(state, name, raw, row.source)


def _store_narrative(state: ParseState, name: str, raw: str, source: str) -> None:
    form = state.form
    raw = raw.strip()
    if name == "achieved":
        form.goals.achieved = join_wrapped(raw)
        inner = re.search(r"\s(未能?完成原因|偏差原因|存在问题)\s", raw)
        if inner:
            state.review.add("goals.achieved", f"another column interleaved: '{inner.group(1)}'", source)
        return
    if name == "notes":
        if not is_absent(raw):
            form.notes.extend(split_list(raw))
        return
    if not raw:
        state.review.add(name, rv.EMPTY_CELL, source)
        return
    if _INSTRUCTION.match(raw):
        state.review.add(name, f"template instructions left in the cell: '{rv.clip(raw)}'", source)
        return
    if name in ("problems", "improvements"):
        getattr(form, name).extend(split_list(raw))
    else:
        text = join_wrapped(raw)
        setattr(form, name, text)
        if looks_garbled(text):
            state.review.add(name, rv.UNREADABLE, source)


# -- goals ------------------------------------------------------------------------------------


def _goal_label(row: Row) -> int | None:
    filled = row.filled()
    if filled and any(fold_label(row.text(filled[0])).startswith(label) for label in _GOAL_LABELS):
        key = fold_label(row.text(filled[0]))
        if not key.startswith("年度总体目标完成情况") and "表" not in key:
            return filled[0]
    return None


def _goal_header_row(state: ParseState, r: int) -> bool:
    row = state.grid.rows[r]
    label = _goal_label(row)
    rest = [i for i in row.filled() if i != label]
    headers = [fold_label(row.text(i)) for i in rest]
    return (
        bool(rest)
        and all(key in _GOAL_HEADERS or re.match(r"^\d+[.、]", key) for key in headers)
        and any(key in _GOAL_HEADERS for key in headers)
    )


def _read_goals(state: ParseState, r: int) -> bool:
    grid = state.grid
    row = grid.rows[r]
    label = _goal_label(row)
    if label is None:
        return False
    grid.use(r, label)
    source_row, source_r = row, r
    if _goal_header_row(state, r):
        grid.use_row(r)
        if r + 1 >= len(grid.rows):
            state.review.add("goals", rv.EMPTY_CELL, row.source)
            return True
        source_row, source_r = grid.rows[r + 1], r + 1
    texts = [i for i in source_row.filled() if (source_r, i) not in grid.used]
    grid.use(source_r, *texts)
    parts = [join_wrapped(source_row.text(i)) for i in texts]
    if source_r != r and len(source_row.cells) == len(row.cells):
        # Under a header row (预期目标 / 实际完成情况) each text belongs to its column.
        by_header: dict[str, str | None] = {"expected": None, "achieved": None}
        for i in texts:
            key = fold_label(row.text(i)) or fold_label(row.text(i - 1) if i else "")
            side = "achieved" if "完成" in key else "expected" if key else None
            if side and by_header[side] is None:
                by_header[side] = join_wrapped(source_row.text(i))
        if any(by_header.values()):
            parts = [by_header["expected"], by_header["achieved"]]
    if len(parts) >= 3:
        expected, achieved = parts[1] or parts[0], parts[-1]
    elif len(parts) == 2:
        expected, achieved = parts
        parts = [p for p in parts if p] if expected is None or achieved is None else parts
    else:
        expected, achieved = (parts[0] if parts else None), None
    state.form.goals = Goals(expected=expected, achieved=achieved)
    for name, text in (("expected", expected), ("achieved", achieved)):
        if text is None and (name == "expected" or len(parts) > 1):
            state.review.add(f"goals.{name}", rv.EMPTY_CELL, source_row.source)
        elif text is not None and _INSTRUCTION.match(text):
            state.review.add(
                f"goals.{name}",
                f"template instructions left in the cell: '{rv.clip(text)}'",
                source_row.source,
            )
    return True


# -- funds ------------------------------------------------------------------------------------


def _read_funds(state: ParseState, r: int, columns: dict[int, str]) -> int:
    grid, form = state.grid, state.form
    header = grid.rows[r]
    grid.use_row(r)
    funds = form.funds
    if "adjusted_budget" not in columns.values():
        # One budget column (年初预算数(A) beside 全年执行数(B)) is the budget the execution is measured
        # against: the format's adjusted_budget.
        columns = {c: "adjusted_budget" if n == "initial_budget" else n for c, n in columns.items()}
    value_columns = sorted(i for i in columns)
    ignored = [c for c in value_columns if not columns[c]]
    first_row = r + 1
    r += 1
    total_read = False
    while r < len(grid.rows):
        row = grid.rows[r]
        if row.is_blank:
            r += 1
            continue
        filled = row.filled()
        label_cells = [
            i
            for i in filled
            if not _is_value(row.text(i))
            and (len(row.text(i)) > 1 or _is_fund_row_label(fold_label(row.text(i))))
        ]
        label = fold_label(row.text(label_cells[0])) if label_cells else ""
        if label and not _is_fund_row_label(label) and not _unnamed_source(row, label_cells, funds):
            break
        if not label and total_read:
            # A second row without a label (figures printed before their label): which row it is
            # cannot be told; its cells stay unread.
            r += 1
            continue
        total_read = total_read or not label
        if label in ("按收入性质分", "按支出性质分"):
            grid.use_row(r)
            r += 1
            continue
        grid.use(r, *label_cells[:1])
        rates = {c for c, n in columns.items() if n == "execution_rate"}
        cells = _align(row, header, value_columns, label_cells[:1], rates, columns)
        line = _fund_row_target(label)
        target: Funds | FundLine
        if line is None:
            target = funds
            path = "funds"
        else:
            target = FundLine(source=line)
            path = f"funds.lines[{len(funds.lines)}]"
            funds.lines.append(target)
        if grid.reading == "run-together":
            _read_fund_run(state, r, row, label_cells[:1], [columns[c] for c in value_columns], target, path)
            r += 1
            continue
        if line is not None and not _positional(row, header, value_columns, label_cells[:1]):
            cells = _line_cells(row, value_columns, label_cells[:1], columns, cells)
        for column, (index, text) in cells.items():
            name = columns[column]
            grid.use(r, index)
            if not name and not is_absent(text):
                state.review.add("funds", f"column not imported: '{header.text(column)}'", header.source)
            if not name or (line is not None and name not in ("initial_budget", "adjusted_budget", "actual")):
                continue
            _set_number(state, target, name, text, f"{path}.{name}", row.source)
        if line is None and not _positional(row, header, value_columns, label_cells[:1]):
            _check_placed_amounts(state, r, funds, cells, columns)
        r += 1
    _report_ignored_columns(state, first_row - 1, ignored, "funds", rows=range(first_row, r))
    if funds.weight is None and "weight" not in columns.values():
        # The block's points in its title: 预算执行情况(万元)(20分) beside 预算数 / 执行数 / 得分.
        for index in header.filled():
            points = re.search(r"(?:^|[(()）])(\d+(?:\.\d+)?)分[))]?$", fold_label(header.text(index)))
            if index not in columns and points:
                funds.weight = Decimal(points.group(1))
                break
    if funds.actual is None and not any(line.actual is not None for line in funds.lines):
        state.review.add("funds.actual", rv.NOT_FOUND, header.source)
    return r


def _fund_pair_start(state: ParseState, r: int) -> bool:
    row = state.grid.rows[r]
    cells = [i for i in row.filled() if (r, i) not in state.grid.used]
    if not cells:
        return False
    if vocab.fund_pair(row.text(cells[0])) is not None:
        return True
    # A total row with one figure and no column header (年度预算资金总额: | 1084.25): the budget.
    labels = [i for i in cells if _pair_field(row.text(i)) is not None]
    values = [i for i in cells if _is_value(row.text(i))]
    return bool(labels) and labels[0] == cells[0] and len(values) == 1 and values[0] == cells[-1]


def _pair_field(text: str) -> str | None:
    """The Funds field of a label/value fund label: 计划安排资金 … , or a total row (…资金总额) read as
    the one budget it gives."""
    field = vocab.fund_pair(text)
    if field is not None:
        return field
    key = re.sub(r"[((](万元|元)[))]|[)):：]+$", "", fold_label(text))
    money = re.search(r"资金|金额|预算", key)  # a bare 合计 | 100 under a grid is its points
    return "adjusted_budget" if money and (key in vocab.FUND_TOTAL_ROWS or _is_total(key)) else None


_UNIT_CELL = re.compile(r"^[((]?(万元|元)[))]?$")


def _read_fund_pairs(state: ParseState, r: int) -> int:
    """Read funds printed as label/value pairs (计划安排资金 700 | 实际到位资金 700 | 实际支出 700 | 结余
    0), each pair a column group, and the 其中 rows under them, which repeat each source label once
    per group (其中:中央财政 | | 其中:中央财政 | …) or give a source its values in group order.

    The cells are read as a stream, whatever rows the reading made of them: a label is followed by
    its value, or by the next label when its cell is empty. The stream ends at a cell that is neither
    a label of the block nor a figure (二、项目支出明细情况)."""
    grid, form = state.grid, state.form
    funds = form.funds
    groups: list[str] = []
    seen: dict[str, int] = {}
    current: tuple[str, str, int] | None = None  # ("pair", field, -1) or ("line", source, group)
    k = r
    while k < len(grid.rows):
        row = grid.rows[k]
        stop = False
        for index in row.filled():
            if (k, index) in grid.used:
                continue
            text = row.text(index)
            key = fold_label(text)
            field = _pair_field(text)
            if field is not None:
                if current is not None and current[0] == "line":
                    stop = True  # a second block of pairs: not this one
                    break
                grid.use(k, index)
                groups.append(field)
                current = ("pair", field, len(groups) - 1)
                continue
            if _UNIT_CELL.match(key) or key == "其中":
                grid.use(k, index)
                continue
            if _is_value(text) or re.fullmatch(r"[\d,.,.]+", text):
                grid.use(k, index)
                if current is None:
                    continue
                kind, name, group = current
                if kind == "pair":
                    if name:
                        _set_number(state, funds, name, text, f"funds.{name}", row.source)
                    current = (kind, "", group)  # one value per pair label
                    continue
                if group < len(groups) and groups[group] in ("adjusted_budget", "actual", "initial_budget"):
                    line = next((x for x in funds.lines if x.source == name), None)
                    if line is None:
                        line = FundLine(source=name)
                        funds.lines.append(line)
                    path = f"funds.lines[{funds.lines.index(line)}].{groups[group]}"
                    _set_number(state, line, groups[group], text, path, row.source)
                current = (kind, name, group + 1)  # a source's values run on in group order
                continue
            source = re.sub(r"^其中[:：]?", "", text).strip(" :：")
            if not groups or len(key) > 14 or _is_label(text) or not re.search(r"[\u3400-\u9fff]", source):
                stop = True
                break
            grid.use(k, index)
            seen[source] = seen.get(source, 0) + 1
            current = ("line", source, seen[source] - 1)
        if stop:
            break
        k += 1
    if not funds.lines and funds.actual is None and funds.adjusted_budget is None:
        state.review.add("funds", rv.EMPTY_CELL, grid.rows[r].source)
    return k


def _read_fund_run(
    state: ParseState,
    r: int,
    row: Row,
    label: list[int],
    kinds: list[str],
    target: Funds | FundLine,
    path: str,
) -> None:
    """Read a funding row whose figures ran together (年度资金总额:202010100.00%10): cut them where
    the form's arithmetic allows one split only; a 其中 line that is the only one with figures must
    repeat the total (其中 lines sum to the total). Anything else is listed, not guessed."""
    run = "".join(row.text(i) for i in row.filled() if i not in label)
    state.grid.use(r, *row.filled())
    if not run or is_absent(run):
        return
    wanted = [k for k in kinds if k]
    is_line = isinstance(target, FundLine)
    if is_line:
        wanted = [k for k in wanted if k in ("initial_budget", "adjusted_budget", "actual", "execution_rate")]
    values = runtogether.split_figures(run, wanted)
    if values is None and is_line:
        values = _split_like_total(run, wanted, state.form.funds)
    if values is None:
        state.review.add(path, f"{rv.ROW_UNSPLIT}: '{rv.clip(run)}'", row.source)
        return
    for name, text in values.items():
        if is_line and name not in ("initial_budget", "adjusted_budget", "actual"):
            continue
        _set_number(state, target, name, text, f"{path}.{name}", row.source)
    state.review.add(path, f"{rv.RUN_SPLIT}: '{rv.clip(run)}'", row.source)


def _split_like_total(run: str, kinds: list[str], funds: Funds) -> dict[str, str] | None:
    """Split a 其中 line's figures so that they repeat the total's (the only line with figures)."""
    if funds.lines[:-1] and any(
        getattr(line, n) is not None for line in funds.lines[:-1] for n in ("adjusted_budget", "actual")
    ):
        return None
    amounts = [k for k in kinds if k in ("initial_budget", "adjusted_budget", "actual")]
    totals = [getattr(funds, k) for k in amounts]
    if not amounts or any(t is None for t in totals):
        return None
    written = "".join(plain_number(t) for t in totals)
    if run.replace(" ", "") != written:
        return None
    return {k: plain_number(t) for k, t in zip(amounts, totals, strict=True)}


def plain_number(value: Decimal | None) -> str:
    return format(value, "f") if value is not None else ""


def _is_value(text: str) -> bool:
    if is_absent(text):
        return True
    try:
        return parse_quantity(text) is not None
    except NumberError:
        return False


def _is_fund_row_label(label: str) -> bool:
    bare = re.sub(r"^其中[:：]?", "", label).rstrip(":")
    return (
        label.startswith("其中")
        or bare in vocab.FUND_TOTAL_ROWS
        or bare in vocab.FUND_LINE_ROWS
        or bare in ("按收入性质分", "按支出性质分")
        or bare.startswith(vocab.FUND_TOTAL_ROWS)
        or _is_total(bare)
        # a source by its wording: 地方资金, 中央补助, 市级财政, 一般公共预算拨款
        or (len(bare) <= 12 and re.search(r"(资金|拨款|补助|财政|预算)(\(.*\))?$", bare) is not None)
    )


def _unnamed_source(row: Row, label_cells: list[int], funds: Funds) -> bool:
    """A row among the 其中 lines whose label names a source in words of its own (彩票公益金用于医疗救助)
    and whose other cells are all figures: one more source line."""
    if not funds.lines or len(label_cells) != 1:
        return False
    label = fold_label(row.text(label_cells[0]))
    others = [i for i in row.filled() if i != label_cells[0]]
    return (
        len(label) <= 14
        and bool(others)
        and all(_is_value(row.text(i)) for i in others)
        and not vocab.is_level1(label)
        and not vocab.is_level2(label)
        and vocab.column_of(label, vocab.FUND_COLUMNS) is None
        and not re.search(r"分|率|得|合计|总", label)  # 总分, 执行率得分, 得分合计: not a source
    )


def _fund_row_target(label: str) -> str | None:
    bare = re.sub(r"^其中[:：]?", "", label).rstrip(":")
    if (
        not label
        or bare in vocab.FUND_TOTAL_ROWS
        or bare.startswith(vocab.FUND_TOTAL_ROWS)
        or _is_total(bare)
    ):
        return None
    return bare


def _is_total(label: str) -> bool:
    """A total row by its wording: …资金总额, …总金额, …合计 (年度财政资金总额)."""
    return not label.startswith("其中") and label.endswith(("资金总额", "总金额", "合计", "总计"))


def _check_placed_amounts(
    state: ParseState, r: int, funds: Funds, cells: dict[int, tuple[int, str]], columns: dict[int, str]
) -> None:
    """Amounts of a row that lost cells were placed by order and kind; when the printed 执行率
    contradicts them (0 and 207.4538 under 全年预算数 / 全年执行数 beside 100%), which figure is which
    cannot be told: they are left out and listed, never kept against the form's own arithmetic."""
    budget, actual, rate = funds.adjusted_budget, funds.actual, funds.execution_rate
    if budget is None or actual is None or rate is None:
        return
    if budget == 0:
        agrees = actual == 0
    else:
        computed = actual * 100 / budget
        agrees = abs(computed - rate) <= 1 or (rate == 100 and computed >= 100)
    rate_text = next((text for c, (_, text) in cells.items() if columns[c] == "execution_rate"), "")
    if not agrees and budget != 0 and rate < 2 and not rate_text.rstrip().endswith(("%", "%")):
        # the rate printed as a ratio (0.958 for 27.8 of 29): kept as printed
        agrees = abs(actual * 100 / budget - rate * 100) <= 1
    if agrees:
        return
    if rate_text and not rate_text.rstrip().endswith(("%", "%")):
        funds.execution_rate = None  # a bare figure taken for the rate is the one that does not fit
    else:
        funds.adjusted_budget = funds.actual = None
    state.review.add(
        "funds",
        f"{rv.CONTRADICTS_RATE}: '{plain_number(budget)} / {plain_number(actual)} / {rate}%'",
        state.grid.rows[r].source,
    )


def _positional(row: Row, header: Row, value_columns: list[int], label_cells: list[int]) -> bool:
    """Return True when a row's cells stand under their header cells (as wide, nothing shifted)."""
    values = [i for i in row.filled() if i not in label_cells]
    shifted = bool(values) and values[0] < value_columns[0]
    if label_cells and label_cells[0] in value_columns:
        shifted = True
    return len(row.cells) == len(header.cells) and not shifted


_AMOUNTS = ("initial_budget", "adjusted_budget", "actual")


def _line_cells(
    row: Row,
    value_columns: list[int],
    label_cells: list[int],
    columns: dict[int, str],
    placed: dict[int, tuple[int, str]],
) -> dict[int, tuple[int, str]]:
    """Place the figures of a 其中 line that lost its empty cells. A line has amounts only (its 分值,
    执行率, 得分 are the total's): as many figures as amount columns fill them in order; fewer figures
    than amount columns cannot be placed for sure (0 0 under 年初 / 全年 / 执行) and stay unread; more
    figures keep the placement by kind."""
    values = [i for i in row.filled() if i not in label_cells]
    figures = [i for i in values if not is_absent(row.text(i))]
    amounts = [c for c in value_columns if columns[c] in _AMOUNTS]
    if len(figures) > len(amounts):
        # A line's own 执行率 beside its amounts (7.29 | 7.29 | 7.29 | 100%): the amounts in order.
        bare = [i for i in figures if not row.text(i).endswith(("%", "%"))]
        if len(bare) == len(amounts) and len(figures) - len(bare) == 1:
            return {column: (index, row.text(index)) for column, index in zip(amounts, bare, strict=True)}
        return placed
    if 0 < len(figures) < len(amounts):
        return {}
    return {column: (index, row.text(index)) for column, index in zip(amounts, figures, strict=False)}


def _align(
    row: Row,
    header: Row,
    value_columns: list[int],
    label_cells: list[int],
    rates: set[int] | None = None,
    kinds: dict[int, str] | None = None,
) -> dict[int, tuple[int, str]]:
    """Map the header's value columns to this row's cells: by position when the row is as wide as the
    header, else in order after the label (a flattened row lost its empty cells)."""
    values = [i for i in row.filled() if i not in label_cells]
    shifted = bool(values) and values[0] < value_columns[0]
    if label_cells and label_cells[0] in value_columns:
        shifted = True  # the header has no cell over the row labels: positions do not line up
    if len(row.cells) == len(header.cells) and not shifted:
        return {column: (column, row.text(column)) for column in value_columns if row.text(column)}
    percent = next((k for k, i in enumerate(values) if row.text(i).endswith(("%", "%"))), None)
    rate_column = next((k for k, c in enumerate(value_columns) if c in rates), None) if rates else None
    if percent is not None and rate_column is not None and percent <= rate_column:
        # Anchor the one percentage on the rate column: cells lost before it were on the left.
        offset = rate_column - percent
        return {
            value_columns[offset + k]: (i, row.text(i))
            for k, i in enumerate(values)
            if offset + k < len(value_columns)
        }
    if len(values) < len(value_columns) and kinds is not None:
        placement = columns_module.align([row.text(i) for i in values], [kinds[c] for c in value_columns])
        if placement is not None:
            return {value_columns[c]: (values[v], row.text(values[v])) for v, c in placement.items()}
    return {column: (index, row.text(index)) for column, index in zip(value_columns, values, strict=False)}


def _set_number(state: ParseState, target: object, name: str, text: str, path: str, source: str) -> None:
    if is_absent(text):
        return
    try:
        if name == "execution_rate":
            value = parse_rate(text)
        elif name in ("weight", "score"):
            value = _points(text)
        else:
            value = parse_amount(text, state.form.amount_unit)
    except NumberError:
        state.review.add(path, f"{rv.NOT_A_NUMBER}: '{rv.clip(text)}'", source)
        return
    setattr(target, name, value)


def _no_value(text: str) -> bool:
    """A target or result cell that says "nothing here": empty, a dash (—, -, /), or 一 standing alone
    (a dash as OCR and some fonts print it; no target is the number one written in a character)."""
    return is_absent(text) or re.fullmatch(r"\s*一{1,2}\s*", text) is not None


def _points(text: str, share: bool = False) -> Decimal | None:
    """Points out of 100 (``share``: a weight may be printed as its share of the 100 points, 20%)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*分?\s*", text)
    if match is None and share:
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[%%]\s*", text)
    if match is None or Decimal(match.group(1)) > 100:
        raise NumberError(text)  # points are out of 100 at most: 250000.00 is not a score
    return Decimal(match.group(1))


# -- indicator grid -----------------------------------------------------------------------------


def _read_indicators(
    state: ParseState, r: int, columns: dict[int, str], stacked: tuple[Row, int] | None = None
) -> int:
    grid, _form = state.grid, state.form
    header = grid.rows[r]
    grid.use_row(r)
    if stacked is not None:
        # A header printed over several lines (一级指标 / 二级指标 / 三级指标 | 年度指标值 …): merged.
        header, last = stacked
        for k in range(r, last + 1):
            grid.use_row(k)
        r = last
    # A second header row (年度指标值 split into 指标性质 / 指标值 / 度量单位) refines the first.
    elif r + 1 < len(grid.rows):
        sub = _header(grid.rows[r + 1], vocab.INDICATOR_COLUMNS) or {
            i: n
            for i in grid.rows[r + 1].filled()
            if (n := vocab.column_of(grid.rows[r + 1].text(i), vocab.INDICATOR_COLUMNS)) is not None
        }
        if (
            sub
            and len(sub) >= 2
            and not any(v in ("level1", "name") for v in sub.values())
            and (set(sub.values()) & {"operator", "unit"} or len(grid.rows[r + 1].cells) == len(header.cells))
        ):
            columns = {**{k: v for k, v in columns.items() if v != "target" or k not in sub}, **sub}
            grid.use_row(r + 1)
            r += 1
    order = sorted(columns)
    header_r = r
    before = _snapshot(state)
    state.indicator_columns = (columns, len(header.cells))
    level1 = level2 = None
    r += 1
    while r < len(grid.rows):
        row = grid.rows[r]
        if row.is_blank:
            r += 1
            continue
        if vocab.is_block_title(row.text(row.filled()[0])) and len(row.filled()) > 1:
            # The block's title cell repeated where the table runs onto a new page.
            grid.use(r, row.filled()[0])
            cells = list(row.cells)
            cells[row.filled()[0]] = ""
            row = Row(cells=cells, source=row.source, page=row.page)
        first = strip_numbering(fold_label(row.text(row.filled()[0])))
        if (
            first.startswith(_TOTAL_LABELS)
            or any(first.startswith(label) for label, _ in _NARRATIVE)
            or any(first.startswith(word) for word in _SIGN_ONLY)
            or (_header(row, vocab.FUND_COLUMNS) and not _header(row, vocab.INDICATOR_COLUMNS))
            # a column's label alone on a row (偏差大或目标未完成原因分析, 预算执行率): the grid is over
            or (len(row.filled()) == 1 and vocab.is_header_label(row.text(row.filled()[0])))
        ):
            break
        if grid.reading == "run-together":
            level1, level2 = _read_indicator_run(state, r, row, [columns[c] for c in order], level1, level2)
            r += 1
            continue
        if (
            len(row.filled()) == 1
            and len(order) >= 5
            and not vocab.is_level1(row.text(row.filled()[0]))
            and not (vocab.is_level2(row.text(row.filled()[0])))
            # a row of a reading that keeps empty cells is a row with empty cells, not one OCR ran together
            and not (
                grid.reading in ("pipe", "tab")
                and len(row.cells) > 1
                and not re.search(r"\d", row.text(row.filled()[0]))
            )
        ):
            _read_concatenated(state, r, row, level1, level2, [header.text(c) for c in order])
            r += 1
            continue
        shift = _row_shift(row, columns, level1)
        view = Row(cells=[""] * shift + row.cells, source=row.source, page=row.page) if shift else row
        # A reading that keeps empty cells (pipes, tabs, a table) loses none in a row: a shorter row
        # was cut at its end, and its cells stand under their headers.
        keeps = grid.reading in ("pipe", "tab", "") and bool(row.text(0))
        if stacked is not None:
            # A header merged from several lines has positions only for a row that starts at its
            # first column (the first-level label, or placed there by the labels it lost).
            keeps = keeps and (shift > 0 or vocab.is_level1(view.text(0)))
        cells = _indicator_cells(
            view, header, order, columns, keeps_cells=keeps, only_kept=stacked is not None
        )
        if (
            r == _last_row(grid)
            and len(view.cells) != len(header.cells)
            and row.filled()[-1] == len(row.cells) - 1
            and not keeps
        ):
            _drop_cut_value(state, row, cells, view.filled()[-1])
        values = {name: text for name, (_, text) in cells.items()}
        grid.use(r, *(index - shift for index, _ in cells.values()))
        grid.use(r, *(c - shift for c in order if not columns[c] and c >= shift))
        if values.get("level1"):
            level1, level2 = join_wrapped(values["level1"]), None
        if values.get("level2"):
            level2 = join_wrapped(values["level2"])
        content = {k: v for k, v in values.items() if k not in ("level1", "level2") and v}
        if not content:
            r += 1
            continue
        in_place = (
            keeps
            and r != _last_row(grid)  # an excerpt's last row may be a name cut short, its cells empty
            and cells.get("name", (-1, ""))[0] in columns
            and columns[cells["name"][0]] == "name"
        )
        # a run-together row whose values OCR damaged past reading still states its indicator
        unreadable = any(problem.startswith("cells could not be read") for _, problem in row.review)
        if not _is_indicator_row(values, last=r == _last_row(grid) or unreadable, in_place=in_place):
            # A name with nothing beside it (指标2:, ……, a note, a stray level label): not an
            # indicator; its cells stay unread and are listed.
            grid.used.difference_update((r, index - shift) for index, _ in cells.values())
            r += 1
            continue
        _add_indicator(state, row, values, level1, level2, set(columns.values()))
        r += 1
    if grid.reading in ("cell-per-line", "paragraph") and r > header_r + 1 and not grid.rebuilt:
        _prefer_stream(state, header_r + 1, r, [columns[c] for c in order], before)
    ignored = [c for c in order if not columns[c]]
    _report_ignored_columns(
        state,
        header_r,
        ignored,
        "indicators",
        rows=range(header_r + 1, r),
        header=header if stacked else None,
    )
    return r


# -- an indicator block read as a stream of cells ------------------------------------------------


@dataclass
class _Snapshot:
    indicators: int
    review: int
    used: set[tuple[int, int]]


def _snapshot(state: ParseState) -> _Snapshot:
    return _Snapshot(len(state.form.indicators), len(state.review.items), set(state.grid.used))


def _block_fit(state: ParseState, start: int, end: int, since: _Snapshot) -> float:
    """How much of an indicator block a parse read: its indicators' names and values, less the cells
    of the block it left unread."""
    read = 0.0
    for indicator in state.form.indicators[since.indicators :]:
        values = (indicator.target, indicator.result, indicator.weight, indicator.score)
        read += 1 + sum(v is not None for v in values)
    unread = sum(
        1
        for k in range(start, end)
        for c in state.grid.rows[k].filled()
        if (k, c) not in state.grid.used and not is_absent(state.grid.rows[k].text(c))
    )
    return read - unread


def _prefer_stream(state: ParseState, start: int, end: int, kinds: list[str], before: _Snapshot) -> None:
    """A reading that put each cell on its own line rebuilt the rows by guessing; read the block
    again as the stream of cells it is, by the header's columns, and keep whichever reads more."""
    form, grid = state.form, state.grid
    by_rows = (form.indicators[before.indicators :], state.review.items[before.review :], set(grid.used))
    fit_rows = _block_fit(state, start, end, before)
    del form.indicators[before.indicators :]
    del state.review.items[before.review :]
    grid.used = set(before.used) | {(k, c) for k, c in by_rows[2] if k < start}
    _read_stream(state, start, end, kinds)
    if _block_fit(state, start, end, before) > fit_rows:
        return
    del form.indicators[before.indicators :]
    del state.review.items[before.review :]
    form.indicators.extend(by_rows[0])
    state.review.items.extend(by_rows[1])
    grid.used = by_rows[2]


def _read_stream(state: ParseState, start: int, end: int, kinds: list[str]) -> None:
    """Read indicator rows from a stream of cells under a header: a group label (with its points when
    the header gives groups a 分值 column) sets the level; a name is followed by its values, placed
    by the kind of the header's value columns. A text after a name is a value only where the header
    has a text column for it (a qualitative 指标值 and its 完成值)."""
    grid = state.grid
    if "name" not in kinds:
        return
    at = kinds.index("name")
    if at + 1 < len(kinds) and kinds[at + 1] == "":
        _read_stream_criteria(state, start, end, kinds)
        return
    lead, value_kinds = kinds[:at], [k for k in kinds[at + 1 :] if k]
    points_after = {
        kind
        for n, kind in enumerate(lead)
        if kind in ("level1", "level2") and n + 1 < len(lead) and lead[n + 1] == ""
    }
    cells = [
        (k, c, grid.rows[k].text(c))
        for k in range(start, end)
        for c in grid.rows[k].filled()
        if (k, c) not in grid.used
    ]
    level1 = level2 = None
    patterns: list[list[str]] = []
    fresh = False  # a first-level label was just read
    group_points: Decimal | None = None
    spent = Decimal(0)
    i = 0
    while i < len(cells):
        k, c, text = cells[i]
        if is_absent(text) or _is_value(text):
            i += 1
            continue
        following = cells[i + 1][2] if i + 1 < len(cells) else ""
        after = cells[i + 2][2] if i + 2 < len(cells) else ""
        if _label_ahead([cell[2] for cell in cells[i : i + 3]]):
            break  # 偏差大或 / 目标未完成 / 原因分析: the block after the grid
        grouped = bool(points_after) and _is_points(following) and after and not _is_value(after)
        by_vocab1 = vocab.is_level1(text)
        if vocab.is_ambiguous_level(text) and level1:
            # 成本指标 is first-level only where second-level labels follow it.
            by_vocab1 = vocab.is_level2(following) and not vocab.is_level1(following)
        by_vocab2 = vocab.is_level2(text)
        if points_after:
            # Where groups print their points, a group label is followed by one figure, a name by its
            # values: 产出数量 | 5 | 5 is an indicator even though it reads like a group.
            by_vocab1 = by_vocab1 and grouped
            by_vocab2 = by_vocab2 and grouped
        if fresh and "level2" in lead and (by_vocab1 or grouped):
            by_vocab1, by_vocab2 = False, True  # right under a first-level label: its first group
        if by_vocab1 or (
            grouped
            and "level1" in points_after
            and (level1 is None or (group_points is not None and spent >= group_points))
        ):
            level1, level2, spent = join_wrapped(text), None, Decimal(0)
            group_points = None
            fresh = True
            grid.use(k, c)
            i += 1
            if "level1" in points_after and _is_points(following):
                group_points = _points(following)
                grid.use(cells[i][0], cells[i][1])
                i += 1
            continue
        fresh = False
        if by_vocab2 or (grouped and "level2" in points_after):
            level2 = join_wrapped(text)
            grid.use(k, c)
            i += 1
            if "level2" in points_after and _is_points(following):
                spent += _points(following) or 0
                grid.use(cells[i][0], cells[i][1])
                i += 1
            continue
        j = i + 1
        taken: list[int] = []
        texts_left = sum(1 for kind in value_kinds if kind in ("target", "result", "status"))
        while j < len(cells) and len(taken) < len(value_kinds):
            value = cells[j][2]
            if _is_value(value) or columns_module.kind_of(value) in ("operator", "unit"):
                taken.append(j)
                j += 1
                continue
            nxt = cells[j + 1][2] if j + 1 < len(cells) else ""
            if texts_left and fold_label(value) in vocab.QUALITATIVE_VALUES:
                taken.append(j)  # 完成 / 有效 in a 完成情况 column, after the figures or not
                texts_left -= 1
                j += 1
                continue
            if (
                texts_left
                and all(not _is_value(cells[n][2]) for n in taken)
                and len(value) <= 16
                and not re.match(r"^(?:指标|任务)\s*\d", value)  # the next row's numbered name
                and (nxt == value or _is_value(nxt) or len(nxt) <= 16)
                and not _label_ahead([cell[2] for cell in cells[j : j + 3]])
            ):
                if vocab.is_level1(value) or vocab.is_level2(value):
                    break
                taken.append(j)
                texts_left -= 1
                j += 1
                continue
            break
        if not taken:
            i += 1
            continue
        texts = [cells[n][2] for n in taken]
        placement = columns_module.align(texts, value_kinds)
        cut = j == len(cells) and end > _last_row(grid)
        if cut and patterns and (placement is None or len(placement) < len(texts)):
            # The page was cut in this last row: its cells follow the rows before it.
            placement = _like_before(texts, value_kinds, patterns[-1]) or placement
        if placement is None:
            i = j
            continue
        if len(placement) == len(texts):
            patterns.append([value_kinds[col] for _, col in sorted(placement.items())])
        values = {"name": text} | {value_kinds[col]: texts[v] for v, col in placement.items()}
        if _PLACEHOLDER_NAME.match(fold_label(text)) or _FIGURE_NAME.match(fold_label(text)):
            i = j  # an empty template row (指标2: | …… |), a figure read as a name: no indicator
            continue
        grid.use(k, c)
        for v in placement:
            grid.use(cells[taken[v]][0], cells[taken[v]][1])
        _add_indicator(state, grid.rows[k], values, level1, level2, set(value_kinds))
        i = j


def _read_stream_criteria(state: ParseState, start: int, end: int, kinds: list[str]) -> None:
    """Read a score sheet's rows from a stream of cells (一级 | 二级 | 三级 | 评分标准 | 分值 | 得分 |
    扣分原因): the texts before each run of figures are, from the right, the columns read past
    (评分标准), the name, then the second- and first-level labels of a new group; a text a group
    label cannot be is the 扣分原因 of the row before."""
    grid = state.grid
    at = kinds.index("name")
    past = 0
    while at + 1 + past < len(kinds) and kinds[at + 1 + past] == "":
        past += 1
    figures = [k for k in kinds[at + 1 + past :] if k and k != "deviation"]
    has_deviation = "deviation" in kinds[at + 1 + past :]
    cells = [
        (k, c, grid.rows[k].text(c))
        for k in range(start, end)
        for c in grid.rows[k].filled()
        if (k, c) not in grid.used and not is_absent(grid.rows[k].text(c))
    ]
    level1 = level2 = None
    last: Indicator | None = None
    n = 0
    while n < len(cells):
        texts: list[tuple[int, int, str]] = []
        while n < len(cells) and not _is_value(cells[n][2]):
            texts.append(cells[n])
            n += 1
        values: list[tuple[int, int, str]] = []
        while n < len(cells) and _is_value(cells[n][2]):
            values.append(cells[n])
            n += 1
        if not values:
            break  # texts after the last row: not placed
        if len(texts) < past + 1:
            continue
        *lead, name = texts[: len(texts) - past]
        for k, c, _ in texts[len(texts) - past :]:
            grid.use(k, c)
        group = lead[-2:]  # [一级] 二级 of a new group
        spill = lead[: len(lead) - len(group)]
        if (
            group
            and len(group) == 2
            and not vocab.is_level1(group[0][2])
            and last is not None
            and has_deviation
        ):
            spill, group = [*spill, group[0]], group[1:]
        if (
            len(group) == 1
            and not spill
            and last is not None
            and has_deviation
            and not (vocab.is_level1(group[0][2]) or vocab.is_level2(group[0][2]))
            and (re.search(r"\d", group[0][2]) or len(group[0][2]) > 10)
        ):
            # 预算完成率91%: a reason with a figure, not a group label
            spill, group = group, []
        if spill and last is not None and has_deviation and last.deviation is None:
            last.deviation = join_wrapped(" ".join(cell[2] for cell in spill))
            for k, c, _ in spill:
                grid.use(k, c)
        if len(group) == 2:
            level1, level2 = join_wrapped(group[0][2]), join_wrapped(group[1][2])
        elif len(group) == 1:
            if vocab.is_level1(group[0][2]) and not vocab.is_level2(group[0][2]):
                level1, level2 = join_wrapped(group[0][2]), None
            else:
                level2 = join_wrapped(group[0][2])
        for k, c, _ in group:
            grid.use(k, c)
        placement = columns_module.align([v[2] for v in values], figures)
        if not placement:
            continue
        row_values = {"name": name[2]} | {figures[col]: values[v][2] for v, col in placement.items()}
        if _PLACEHOLDER_NAME.match(fold_label(name[2])) or _FIGURE_NAME.match(fold_label(name[2])):
            continue  # an empty template row (指标2: | …… |), a figure read as a name: no indicator
        grid.use(name[0], name[1])
        for v in placement:
            grid.use(values[v][0], values[v][1])
        _add_indicator(state, grid.rows[name[0]], row_values, level1, level2, set(figures))
        last = state.form.indicators[-1]


def _label_ahead(texts: list[str]) -> bool:
    """Return True when the next cells, joined, start a label of the blocks after a grid (a label a
    line break cut: 偏差大或 / 目标未完成 / 原因分析)."""
    joined = ""
    for text in texts:
        joined += fold_label(text)
        if len(joined) >= 4 and (
            any(label.startswith(joined) or joined.startswith(label) for label, _ in _NARRATIVE)
            or joined.startswith(("偏差大或", "偏差原因", "未完成原因", "改进措施"))
            or fold_label(joined) in _TOTAL_LABELS
        ):
            return True
    return False


def _like_before(texts: list[str], kinds: list[str], pattern: list[str]) -> dict[int, int] | None:
    """Place a cut row's values in the columns the row before it filled, in order, if they fit."""
    if len(texts) > len(pattern):
        return None
    kinds_placed = pattern[: len(texts)]
    if columns_module.align(texts, kinds_placed) != {v: v for v in range(len(texts))}:
        return None
    return {v: kinds.index(kind) for v, kind in enumerate(kinds_placed)}


def _is_points(text: str) -> bool:
    try:
        return bool(text) and _points(text) is not None
    except NumberError:
        return False


def _stacked_header(state: ParseState, r: int) -> tuple[dict[int, str], tuple[Row, int]] | None:
    """Return the columns of an indicator header printed over several lines, merged; None when row
    ``r`` does not start one.

    Each line holds only column labels (一级指标 / 二级指标 / 三级指标 | 年度 指标值 / 实际 完成值 / 分值 |
    得分 | 偏差原因…). The level and name columns span the lines on the left, so they come first; the
    value columns follow in reading order, and a line that splits 年度指标值 into 指标性质 / 指标值 /
    度量单位 puts those three where 年度指标值 stood."""
    grid = state.grid
    rows: list[list[tuple[str, str]]] = []
    last = r
    k = r
    while k < len(grid.rows) and k <= r + 5:
        row = grid.rows[k]
        if row.is_blank:
            k += 1
            continue
        texts = [row.text(i) for i in row.filled() if (k, i) not in grid.used]
        if k == r:
            # The block title beside the header (绩效指标(90分)), and dashes a reading glued on.
            while texts and (is_absent(texts[0]) or vocab.is_block_title(texts[0])):
                texts = texts[1:]
        kinds = [vocab.column_of(t, vocab.INDICATOR_COLUMNS) for t in texts]
        if not texts or any(kind is None for kind in kinds):
            break
        seen = {kind for line in rows for _, kind in line if kind}
        new = {kind for kind in kinds if kind}
        splits = bool(new & {"operator", "unit"})
        if new & seen - ({"target"} if splits else set()):
            break
        rows.append(list(zip(texts, kinds, strict=True)))  # type: ignore[arg-type]
        last = k
        k += 1
    if len(rows) < 2:
        return None
    cells = [cell for line in rows for cell in line]
    left = [cell for cell in cells if cell[1] in ("level1", "level2", "name")]
    values = [cell for cell in cells if cell[1] not in ("level1", "level2", "name")]
    split = next((line for line in rows if {kind for _, kind in line} & {"operator", "unit"}), None)
    if split is not None:
        parts = [cell for cell in split if cell[1] not in ("level1", "level2", "name")]
        rest = [cell for cell in values if cell not in parts]
        at = next((n for n, cell in enumerate(rest) if cell[1] == "target"), len(rest))
        values = rest[:at] + parts + rest[at + 1 :]
    labels = [text for text, _ in left + values]
    header = Row(cells=labels, source=grid.rows[r].source, page=grid.rows[r].page)
    columns = {i: kind for i, (_, kind) in enumerate(left + values)}
    if not _is_indicator_header(columns) or len(columns) < 4:
        return None
    return columns, (header, last)


def _last_row(grid: Grid) -> int:
    return next((k for k in range(len(grid.rows) - 1, -1, -1) if not grid.rows[k].is_blank), -1)


def _drop_cut_value(state: ParseState, row: Row, cells: dict[str, tuple[int, str]], last: int) -> None:
    """The last row of a page cut off mid-row (an excerpt, a torn scan) that lost its empty cells: its
    last figure may be the start of a longer one (9 of 95%), so its column cannot be told; it is not
    placed and is listed. The figure after a comparator is the 指标值, cut or not."""
    if "operator" in cells:
        return
    for name, (index, text) in list(cells.items()):
        if (
            index == last
            and name in ("target", "result", "weight", "score")
            and re.fullmatch(r"[\d.]+", text)
        ):
            del cells[name]
            state.review.add("indicators", f"truncated: only '{text}' left", row.source)


def _read_indicator_run(
    state: ParseState, r: int, row: Row, kinds: list[str], level1: str | None, level2: str | None
) -> tuple[str | None, str | None]:
    """Read a row of a run-together grid: its level labels, then indicator rows run together, cut by
    the header's columns (:func:`runtogether.split_indicator_run`); a run that cannot be cut for sure
    is listed for review, not guessed."""
    grid = state.grid
    grid.use(r, *row.filled())
    texts = [row.text(i) for i in row.filled()]
    while texts and (vocab.is_level1(texts[0]) or vocab.is_level2(texts[0])):
        if vocab.is_level1(texts[0]) and not (vocab.is_ambiguous_level(texts[0]) and level1 and not level2):
            level1, level2 = join_wrapped(texts[0]), None
        else:
            level2 = join_wrapped(texts[0])
        texts = texts[1:]
    run = re.sub(r"[…。.]{2,}$", "", "".join(texts)).strip()
    if not run:
        return level1, level2
    values = [k for k in kinds if k not in ("level1", "level2", "name", "")]
    while values and values[-1] == "deviation":
        values.pop()
    if "name" in kinds and "level1" not in kinds and "level2" not in kinds:
        pass
    split = runtogether.split_indicator_run(run, values)
    if split is not None and any(_CUT_NAME.match(cells["name"]) for cells in split):
        split = None  # a cut inside a date or an amount (…于2022年12月底前…, 减少01万元): not a row
    if split is None:
        state.review.add("indicators", f"{rv.ROW_UNSPLIT}: '{rv.clip(run)}'", row.source)
        return level1, level2
    for cells in split:
        path = f"indicators[{len(state.form.indicators)}]"
        _add_indicator(state, row, cells, level1, level2, set(values))
        state.review.add(path, f"{rv.RUN_SPLIT}: '{rv.clip(run)}'", row.source)
    return level1, level2


# A figure where the name should be (≥360天): the cells are shifted, it is no name.
_FIGURE_NAME = re.compile(r"^(?!(?:19|20)\d{2}年)(?:[≥≤=<>≧≦]|>=|<=)?\s*[\d.]+\s*\S{0,3}$")
_PLACEHOLDER_NAME = re.compile(r"^(指标\d*[::]?[/／…….·\-—]*|[…….·\-—/]+|[((]\d+分[))])$")


# A name that starts where a figure's date or unit goes on (年12月…, 万元) was cut out of a text.
_CUT_NAME = re.compile(r"^(?:年\d|年底|月\d|月底|月份|日前|号前|万元|元|万|亿|[%%])")


def _cut_name_start(key: str) -> bool:
    """One character left of a name where the excerpt ends (岗…), not the start of a level label cut
    off (可 of 可持续影响指标, 满 of 满意度指标)."""
    return bool(re.fullmatch(r"[\u3400-\u9fff]", key)) and not any(
        word.startswith(key) for word in (*vocab.LEVEL1_WORDS, *vocab.LEVEL2_WORDS)
    )


def _is_indicator_row(values: dict[str, str], last: bool, in_place: bool = False) -> bool:
    """Return True for a row that states an indicator: a name and at least one value beside it (the
    last row of a cut-off excerpt may have its name only, and so may a row whose cells stand under
    their headers with its name in the 三级指标 column and its value cells left empty)."""
    name = (values.get("name") or "").strip()
    key = fold_label(name)
    if (
        not name
        or _PLACEHOLDER_NAME.match(key)
        or vocab.column_of(name, vocab.INDICATOR_COLUMNS) is not None
        or key in vocab.QUALITATIVE_VALUES  # 有效 | 10 | 10: a value that wrapped onto a row of its own
    ):
        return False
    if (
        re.match(r"^(?:[≥≤=<>≧≦]|>=|<=)?\s*[\d.]+\s*\S{0,3}$", key) and not re.match(r"^(19|20)\d{2}年", key)
    ) or not (re.search(r"[\u3400-\u9fff]{2}", key) or (last and _cut_name_start(key))):
        return False  # a figure or a unit where the name should be: the columns are shifted
    if (vocab.is_level1(name) or vocab.is_level2(name)) and (
        key.endswith(("指标", "分)")) or key[-1:].isdigit()
    ):
        return False
    filled = [
        k
        for k in ("target", "adjusted_target", "result", "status", "weight", "score")
        if values.get(k) and not is_absent(values[k])
    ]
    # A cut-off excerpt's last row may have its name only, unless the label before it may open a
    # first-level group (满意度指标 | 社会公众…): then the text may be that group's second level.
    level2 = values.get("level2") or ""
    level1_word = re.sub(r"[((]\d+(?:\.\d+)?分[))]$", "", fold_label(values.get("level1") or ""))
    opens_group = vocab.is_ambiguous_level(level2) and fold_label(level2) != level1_word
    # a group label with its points (顼目产出(30分), OCR-damaged) is no name of its own
    group_label = re.search(r"[((]\d+(?:\.\d+)?分[))]$", key) is not None
    return (
        bool(filled)
        or (last and len(name) <= 40 and not opens_group)
        or (in_place and len(re.findall(r"[\u3400-\u9fff]", key)) >= 4 and not group_label)
    )


def _row_shift(row: Row, columns: dict[int, str], level1: str | None = None) -> int:
    """Return how many cells a row lost at its start: the block title beside the grid (绩效指标(90分))
    is one cell merged down all its rows, and an extraction prints it in the header row only."""
    filled = row.filled()
    if not filled:
        return 0
    first = filled[0]
    text = row.text(first)
    where = {name: column for column, name in sorted(columns.items(), reverse=True) if name}
    following = row.text(filled[1]) if len(filled) > 1 else ""
    with_points = re.compile(r"[((]\d+(?:\.\d+)?分[))]$")
    as_level1 = vocab.is_level1(text) and (
        not vocab.is_ambiguous_level(text)
        or vocab.is_level2(following)
        or first == where.get("level1")
        # 满意度指标(10分) after 产出指标(40分): printed with points like the first-level labels
        or bool(level1 and with_points.search(fold_label(level1)) and with_points.search(fold_label(text)))
    )
    if as_level1 and "level1" in where:
        target = where["level1"]
    elif vocab.is_level2(text) and "level2" in where:
        target = where["level2"]
    elif "name" in where and first < where["name"] and not (vocab.is_level1(text) or vocab.is_level2(text)):
        level_columns = [where[n] for n in ("level1", "level2") if n in where]
        # Only a row that starts left of every level column has lost cells; otherwise it is aligned.
        target = where["name"] if not level_columns or first < min(level_columns) else first
    else:
        return 0
    return max(target - first, 0)


def _indicator_cells(
    row: Row,
    header: Row,
    order: list[int],
    columns: dict[int, str],
    keeps_cells: bool = False,
    only_kept: bool = False,
) -> dict[str, tuple[int, str]]:
    if (
        keeps_cells
        if only_kept
        else (
            len(row.cells) == len(header.cells)
            or (len(row.cells) >= max(order) + 1 and len(row.cells) - len(header.cells) <= 1)
            or (keeps_cells and len(row.cells) < len(header.cells))
        )
    ):
        found: dict[str, tuple[int, str]] = {}
        for column in order:
            name = columns[column]
            if name and row.text(column) and name not in found:
                found[name] = (column, row.text(column))
        return found
    # A flattened row lost its empty cells: levels first when they are level labels, then in order.
    filled = row.filled()
    names = [columns[c] for c in order if columns[c]]
    found = {}
    position = 0
    first_is_level1 = bool(filled) and vocab.is_level1(row.text(filled[0]))
    if first_is_level1 and vocab.is_ambiguous_level(row.text(filled[0])):
        first_is_level1 = len(filled) > 1 and vocab.is_level2(row.text(filled[1]))
    if "level1" in names and first_is_level1:
        found["level1"] = (filled[0], row.text(filled[0]))
        position = 1
    if "level2" in names and position < len(filled) and vocab.is_level2(row.text(filled[position])):
        found["level2"] = (filled[position], row.text(filled[position]))
        position += 1
    rest = [n for n in names if n not in ("level1", "level2")]
    indexes = filled[position:]
    if rest[:1] == ["name"] and indexes:
        found["name"] = (indexes[0], row.text(indexes[0]))
        rest, indexes = rest[1:], indexes[1:]
    texts = [row.text(i) for i in indexes]
    placement = columns_module.align(texts, rest) if len(indexes) < len(rest) else None
    bound = _bind_split_target(texts, rest)
    if bound is not None and len(indexes) < len(rest):
        placement = bound
    if placement is None:
        for name, index in zip(rest, indexes, strict=False):
            found[name] = (index, row.text(index))
        return found
    for value, column in placement.items():
        found[rest[column]] = (indexes[value], row.text(indexes[value]))
    return found


def _bind_split_target(texts: list[str], kinds: list[str]) -> dict[int, int] | None:
    """A target split into 指标性质 / 指标值 / 度量单位: the figure right after the comparator is the
    指标值 and a unit right after it the 度量单位, whatever the figures further on; the values before
    and after are placed by kind. None when the row has no comparator or the header no such split."""
    if "operator" not in kinds or "target" not in kinds:
        return None
    at = next((k for k, text in enumerate(texts) if columns_module.kind_of(text) == "operator"), None)
    op_column = kinds.index("operator")
    if at is None or op_column + 1 >= len(kinds) or kinds[op_column + 1] != "target" or at + 1 >= len(texts):
        return None
    placement = {at: op_column, at + 1: op_column + 1}
    after_value, after_column = at + 2, op_column + 2
    if (
        after_value < len(texts)
        and after_column < len(kinds)
        and kinds[after_column] == "unit"
        and columns_module.kind_of(texts[after_value]) == "unit"
    ):
        placement[after_value] = after_column
        after_value, after_column = after_value + 1, after_column + 1
    before = columns_module.align(texts[:at], kinds[:op_column]) if at else {}
    after = (
        columns_module.align(texts[after_value:], kinds[after_column:]) if after_value < len(texts) else {}
    )
    if before is None or after is None:
        return None
    placement.update(before)
    placement.update({v + after_value: c + after_column for v, c in after.items()})
    return placement


_CONCATENATED = re.compile(
    r"^(?P<name>[^\d%%]+?)(?P<unit>%|%|次|篇|份|个|人|项|天)?"
    r"(?P<target>[≥≤=<>]*\d+(?:\.\d+)?(?:%|%|次|篇|份|个|人|项|天)?)"
    r"(?P<result>\d+(?:\.\d+)?(?:%|%|次|篇|份|个|人|项|天)?)"
    r"(?P<coefficient>\d+(?:\.\d+)?[%%])?(?P<points>\d{2})(?P<core>是|否)?$"
)


def _read_concatenated(
    state: ParseState, r: int, row: Row, level1: str | None, level2: str | None, labels: list[str]
) -> None:
    """Rebuild an indicator row that OCR ran together with no separator (预算完成率%70%76%100%22是)
    by the kinds of the header's columns (:func:`runtogether.decode_line`). Every row rebuilt is
    listed for review; a row no cut reads for sure is listed, not guessed."""
    index = row.filled()[0]
    text = row.text(index)
    state.grid.use(r, index)
    decoded = runtogether.decode_line(text, labels, last=r == len(state.grid.rows) - 1)
    if not decoded:
        state.review.add("indicators", f"{rv.ROW_UNSPLIT}: '{rv.clip(text)}'", row.source)
        return
    for values, notes in decoded:
        path = f"indicators[{len(state.form.indicators)}]"
        _add_indicator(state, row, values, level1, level2, set(values) | {"target", "result"})
        for note in notes:
            state.review.add(path, note, row.source)
        state.review.add(path, f"{rv.RUN_SPLIT}: '{rv.clip(text)}'", row.source)


def _add_indicator(
    state: ParseState,
    row: Row,
    values: dict[str, str],
    level1: str | None,
    level2: str | None,
    kinds: set[str] | None = None,
) -> None:
    kinds = kinds if kinds is not None else {"target", "result", "score"}
    form = state.form
    i = len(form.indicators)
    path = f"indicators[{i}]"
    indicator = Indicator(level1=level1, level2=level2, name=join_wrapped(values.get("name")))
    target = values.get("adjusted_target") or values.get("target")
    if target is not None and _no_value(target):
        target = None
    operator = values.get("operator", "").strip()
    unit = values.get("unit", "").strip()
    if target is not None:
        symbol = operator if operator in _OPERATOR_TEXT or operator in (">", "<") else ""
        text = join_wrapped(target) or ""
        if symbol and not text.startswith(tuple(_OPERATOR_TEXT)):
            text = symbol + text
        if unit and not text.endswith(unit) and unit not in ("定性", "定量"):
            text += unit
        indicator.target = text
    result_text = values.get("result") or values.get("status")
    indicator.result = None if result_text is None or _no_value(result_text) else join_wrapped(result_text)
    if (
        indicator.result
        and unit
        and unit not in ("定性", "定量")
        and re.fullmatch(r"[\d.]+", indicator.result)
    ):
        indicator.result += unit  # the unit column belongs to the result too (735 | 人次)
    indicator.deviation = join_wrapped(values.get("deviation")) if values.get("deviation") else None
    for name in ("weight", "score"):
        points = values.get(name)
        if points and not is_absent(points):
            try:
                setattr(indicator, name, _points(points, share=name == "weight"))
            except NumberError:
                state.review.add(f"{path}.{name}", f"{rv.NOT_A_NUMBER}: '{rv.clip(points)}'", row.source)
    form.indicators.append(indicator)
    sub_row = (indicator.name or "").startswith("其中")
    if indicator.name is None:
        state.review.add(f"{path}.name", rv.EMPTY_CELL, row.source)
    has_target = bool(kinds & {"target", "adjusted_target"})
    if indicator.target is None and has_target and not sub_row:
        state.review.add(f"{path}.target", rv.EMPTY_CELL, row.source)
    if indicator.result is None and kinds & {"result", "status"}:
        state.review.add(f"{path}.result", rv.EMPTY_CELL, row.source)
    if indicator.score is None and not sub_row and (indicator.weight is not None or "score" in values):
        state.review.add(f"{path}.score", rv.EMPTY_CELL, row.source)
    if indicator.name and "**" in indicator.name:
        state.review.add(f"{path}.name", "template placeholder left in the name", row.source)


def _report_ignored_columns(
    state: ParseState,
    header_r: int,
    ignored: list[int],
    path: str,
    rows: range | None = None,
    header: Row | None = None,
) -> None:
    """List once per column the columns the format has no field for (得分系数, 是否核心指标 …),
    when they hold anything, so that nothing they say is lost without a word."""
    grid = state.grid
    header = header or grid.rows[header_r]
    scan = rows if rows is not None else range(header_r + 1, len(grid.rows))
    for column in ignored:
        if any(grid.rows[k].text(column) and not is_absent(grid.rows[k].text(column)) for k in scan):
            state.review.add(path, f"column not imported: '{header.text(column)}'", header.source)


def indicator_header(row: Row) -> dict[int, str] | None:
    """Return the column map when ``row`` is the header of an indicator grid, else None."""
    columns = _header(row, vocab.INDICATOR_COLUMNS)
    return columns if columns and _is_indicator_header(columns) else None


read_indicators = _read_indicators
read_total = _read_total

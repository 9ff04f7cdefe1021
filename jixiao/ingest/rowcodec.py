"""Rows whose cells ran together, decoded against the columns of their header.

OCR and document-sharing sites print a table row as one string: ``财政供养人员控制率%定量指标100%92%100%22否``
is a name, a unit, the 指标性质, a target, a result, a coefficient, a weight, a score and a yes/no.
Knowing the columns (from the header, :func:`columns_for`), the string is cut as a careful reader
would: each column has a KIND (text name, unit, comparator word, quantity, percentage, points …)
with its own grammar; a run of digits can be cut only between digits; units, ``%`` and comparator
signs are anchors; a text cell ends only where something marks its end (the next cell's figure,
unit or comparator, a repeated text ``高高``, a word a result is written with ``达成预期指标``).

Every cut that fits the grammar is checked against the form's own constraints (得分 ≤ 分值, 得分 =
分值 × 得分系数, weights within the block's points, target and result in the same unit) and ranked by
what forms almost always do (a row scores its full points, a result is written, a deviation is
not); a cell is accepted only when every best cut agrees on it. A run of text whose pieces the cuts
do not agree on stays together (in the name) or is left out, and :class:`Decoded` says so for
review. Enumeration is bounded and memoised: each start position is expanded once per column.

Pure functions on strings; :mod:`jixiao.ingest.runtogether` finds the header and the rows.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.core.indicators.lexicon import UNIT_PATTERN
from jixiao.ingest import vocab
from jixiao.ingest.review import clip
from jixiao.ingest.textutil import fold_label

# -- kinds of cells -----------------------------------------------------------------------------

NAME = "name"
UNIT = "unit"
OPERATOR = "operator"
VALUE = "value"  # a target or a result: a quantity, a qualitative text, a dash
COEFFICIENT = "coefficient"  # 得分系数(%)
POINTS = "points"  # 分值 / 得分
FLAG = "flag"  # 是否核心指标
TEXT = "text"  # 偏差原因, 评价标准, 说明: free text
AMOUNT = "amount"
RATE = "rate"

_FIELD_KINDS = {
    "name": NAME,
    "unit": UNIT,
    "operator": OPERATOR,
    "target": VALUE,
    "adjusted_target": VALUE,
    "result": VALUE,
    "status": VALUE,
    "weight": POINTS,
    "score": POINTS,
    "deviation": TEXT,
    "initial_budget": AMOUNT,
    "adjusted_budget": AMOUNT,
    "actual": AMOUNT,
    "execution_rate": RATE,
}
# Columns the format has no field for, by what they hold.
_UNMAPPED_KINDS = (
    ("得分系数", COEFFICIENT),
    ("是否核心", FLAG),
    ("复核分", POINTS),
    ("折算得分", POINTS),
    ("到位数", AMOUNT),
    ("中央", AMOUNT),
    ("省、地", AMOUNT),
    ("本级", AMOUNT),
)


@dataclass(frozen=True)
class Column:
    """One column of a header: the form field it fills ("" when none), its kind and printed label."""

    field: str
    kind: str
    label: str = ""


def columns_for(labels: Iterable[str], table: dict[str, str]) -> list[Column]:
    """Return the columns of a header from its printed labels (``table`` is a vocab column table)."""
    out = []
    for label in labels:
        name = vocab.column_of(label, table)
        if name is None:
            name = ""
        kind = _FIELD_KINDS.get(name)
        if kind is None:
            key = fold_label(label)
            kind = next((k for word, k in _UNMAPPED_KINDS if word in key), TEXT)
        out.append(Column(field=name, kind=kind, label=label))
    return out


# -- the grammar of cells -----------------------------------------------------------------------

_NUM = re.compile(r"\d+(?:\.\d+)?")
_CMP = re.compile(r"(?:>=|<=|=>|=<|[≥≤≧≦=﹦═<>])")
# OCR's readings of a comparator in front of a figure: 工5% (≥5%), ^80%, 5=50%, W90% / Q90% (≤).
_OCR_CMP = re.compile(r"(?:工|\^|5=|W|Q)(?=\d)")
_WORD_CMP = re.compile(
    r"不低于|不少于|不高于|不超过|不大于|不小于|大于等于|小于等于|大于|小于|低于|高于|超过|至少|多于|少于|"
    r"超上年度?|较上年度?|比上年|同比|控制在"
)
_SUFFIX = re.compile(r"以上|以下|以内|及以上|及以下|左右")
_UNIT = re.compile(rf"(?:(?:万|亿)?{UNIT_PATTERN}|万|亿|‰|%|倍)")
_MONEY_UNIT = re.compile(r"万元|万|元")
_DASH = re.compile(r"——|—|–|-|一|/|无")
_OPERATOR_WORD = re.compile(r"定量指标|定性指标|定量|定性|正向指标|反向指标|正向|反向|[≥≤≧≦=﹦═<>]|>=|<=")
_OPERATOR_ANAGRAMS = ("定量指标", "定性指标")
_GARBLED_POINTS = re.compile(r"[IlOo|][IlOo|0-9]?")
_GARBLED_UNIT = re.compile(r"[A-Za-z]{1,4}[\u4e00-\u9fff]?")
_NUMBERING = re.compile(r"(?<!预期)(?:指标|任务)\d{1,2}[::]?|\d{1,2}[、.](?!\d)")
_DATE = re.compile(r"(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日")
# How results and qualitative targets are written, as whole cells.
_QUALITY_WORDS = (
    "达成预期指标",
    "达到预期指标",
    "达成预期目标",
    "达到预期目标",
    "达到预期",
    "达成预期",
    "达成目标值",
    "达到目标值",
    "达成目标",
    "达到目标",
    "全部达成",
    "全部完成",
    "已完成",
    "按时完成",
    "按期完成",
    "基本完成",
    "基本达到",
    "按规定执行",
    "效果明显",
    "效果显著",
    "显著提升",
    "明显提升",
    "有所提升",
    "完成",
    "是",
    "否",
    "高",
    "好",
    "较好",
    "良好",
    "优秀",
    "优",
    "良",
    "合格",
    "符合",
    "有效",
    "显著",
    "明显",
)
_QUALITY = re.compile("|".join(sorted(map(re.escape, _QUALITY_WORDS), key=len, reverse=True)))
_EMPTY_MATCH = re.compile("").match("")
_DASH_TEXTS = frozenset(("一", "—", "——", "-", "–", "/", "无"))
_MEASURES = frozenset(
    [
        "吨",
        "米",
        "亩",
        "元",
        "万元",
        "亿元",
        "天",
        "日",
        "年",
        "周",
        "小时",
        "分钟",
        "公里",
        "千米",
        "厘米",
        "平方米",
        "立方米",
        "公斤",
        "千克",
        "公顷",
        "万亩",
        "万吨",
        "%",
        "‰",
    ]
)
_CLOSING = ":：、，,。;；)）]】」”』》"
_CJK = re.compile(r"[\u3400-\u9fff]")
# Results written the usual way: a cell of their own, never inside a name or another text.
_RESULT_PHRASE = re.compile(
    "达成预期指标|达到预期指标|达成预期目标|达到预期目标|达成目标值|达到目标值|达到预期|达成预期|全部达成|达成目标|达到目标"
)
_LONG_QUALITY = re.compile(
    "|".join(sorted((re.escape(w) for w in _QUALITY_WORDS if len(w) >= 4), key=len, reverse=True))
)


@dataclass(frozen=True)
class Cell:
    """A candidate cell: where it lies in the row text, its sub-kind, its figure and how unlikely it is."""

    start: int
    end: int
    sort: str  # number, quantity, quality, dash, word, garbled, text
    number: Decimal | None = None
    unit: str = ""
    penalty: float = 0.0


def _number_ends(f: str, p: int, places: int) -> list[tuple[int, Decimal]]:
    """Every end of a well-formed number starting at ``p`` (a run of digits is cut between digits,
    never inside a number's decimals' run into a date: 11 | 月 is not a cut)."""
    match = _NUM.match(f, p)
    if match is None:
        return []
    out = []
    text = match.group(0)
    date = _date_tail(text, f[match.end() : match.end() + 1])
    for end in range(1, len(text) + 1):
        if date and len(text) - date < end:
            continue  # 9.34 | 2021年, 8 | 11月: a date is never cut, nor read as a figure
        piece = text[:end]
        if piece.endswith("."):
            continue
        whole, _, frac = piece.partition(".")
        if len(whole) > 1 and whole.startswith("0"):
            continue
        if len(frac) > places:
            continue
        out.append((p + end, Decimal(piece)))
    return out


def _date_tail(digits: str, following: str) -> int:
    """How many of a run's last digits are a date before 年/月/日 (2021 before 年, 11 before 月)."""
    if following == "年":
        return 4 if re.search(r"(?:19|20)\d{2}$", digits) else 0
    if following in ("月", "日"):
        limit = 12 if following == "月" else 31
        for size in (2, 1):
            tail = digits[-size:]
            if len(tail) == size and tail.isdigit() and not tail.startswith("0") and 1 <= int(tail) <= limit:
                return size
    return 0


def _points(f: str, p: int) -> list[Cell]:
    out = []
    for end, number in _number_ends(f, p, 2):
        if number > 100:
            continue
        out.append(Cell(p, end, "number", number))
        if f.startswith("分", end):
            out.append(Cell(p, end + 1, "number", number))
    garbled = _GARBLED_POINTS.match(f, p)
    if garbled and not f[p].isdigit():
        out.append(Cell(p, garbled.end(), "garbled", penalty=3))
    return out


def _percent(f: str, p: int, places: int = 2) -> list[Cell]:
    out = []
    for end, number in _number_ends(f, p, places):
        if f.startswith("%", end) and number <= 1000:
            out.append(Cell(p, end + 1, "number", number, "%"))
    return out


def _amounts(f: str, p: int) -> list[Cell]:
    out = []
    for end, number in _number_ends(f, p, 4):
        out.append(Cell(p, end, "number", number))
        unit = _MONEY_UNIT.match(f, end)
        if unit:
            out.append(Cell(p, unit.end(), "number", number, unit.group(0)))
    return out


def _rates(f: str, p: int) -> list[Cell]:
    out = _percent(f, p)
    out.extend(Cell(p, end, "number", number) for end, number in _number_ends(f, p, 2) if number <= 1000)
    return out


def _units_at(f: str, p: int) -> list[int]:
    """Ends of every unit that starts at ``p`` (万亩, 亩, 万 …)."""
    ends = set()
    for size in range(1, 8):
        piece = f[p : p + size]
        if len(piece) < size:
            break
        if _UNIT.fullmatch(piece):
            ends.add(p + size)
    return sorted(ends)


def _quantities(f: str, p: int) -> list[Cell]:
    """A figure with its comparator, unit and boundary word: ≥266米, 不低于95%, 100%, 290$ …"""
    starts: list[tuple[int, float]] = [(p, 0.0)]
    for pattern, penalty in ((_CMP, 0.0), (_WORD_CMP, 0.0), (_OCR_CMP, 0.5)):
        match = pattern.match(f, p)
        if match:
            starts.append((match.end(), penalty))
    out = []
    for start, penalty in starts:
        if start > p and f.startswith(("=", "≥", "≤"), start) and start - p == 1:
            continue
        for end, number in _number_ends(f, start, 4):
            ends = [(end, "", penalty)]
            ends.extend((u, f[end:u], penalty) for u in _units_at(f, end))
            if f.startswith("$", end):
                ends.append((end + 1, "%", penalty + 0.5))  # OCR's $ for %: checked against the row
            for unit_end, unit, cost in ends:
                out.append(Cell(p, unit_end, "quantity", number, unit, cost))
                suffix = _SUFFIX.match(f, unit_end)
                if suffix:
                    out.append(Cell(p, suffix.end(), "quantity", number, unit, cost))
    garbled = _GARBLED_FIGURE.match(f, p)
    if garbled and (garbled.group(1) or not garbled.group(2).isdigit()):
        for end in _units_at(f, garbled.end()):
            out.append(Cell(p, end, "quantity", None, f[garbled.end() : end], 0.75))
    return out


# A figure OCR damaged, kept as written: 到0次 (≥10次), 第O份, 增372人次: a word or two, then digits or O.
_GARBLED_FIGURE = re.compile(r"([^\d\s%.$]{0,2}?)((?:[0-9Oo]+(?:\.\d+)?|\.\d+))")


def value_starts(f: str, k: int) -> bool:
    """Whether a value can start at ``k`` (after a unit column): a figure, a sign, a word of
    指标性质, a dash, a figure OCR damaged, or a word a result is written with."""
    if k >= len(f) or f[k].isdigit() or f[k] in "%≥≤≧≦=﹦═<>":
        return True
    if _OPERATOR_WORD.match(f, k) or _WORD_CMP.match(f, k) or _OCR_CMP.match(f, k) or _DASH.match(f, k):
        return True
    if any(_anagram(f[k : k + 4], word) for word in _OPERATOR_ANAGRAMS):
        return True
    garbled = _GARBLED_FIGURE.match(f, k)
    if garbled and garbled.group(1) and not garbled.group(1)[-1:].isspace():
        return any(True for _ in _units_at(f, garbled.end()))
    return bool(_QUALITY.match(f, k))


@dataclass
class _Text:
    """Where text cells may end in one row string: the marks a careful reader sees."""

    f: str
    marks: frozenset[int]
    comparator_ends: frozenset[int]  # where a word like 不低于 ends before its figure

    @classmethod
    def of(cls, f: str, cut: bool = False) -> _Text:
        marks: set[int] = {len(f)}
        for k, ch in enumerate(f):
            if ch.isdigit() or ch in "%≥≤≧≦=﹦═<>":
                marks.add(k)
        for pattern in (_WORD_CMP, _NUMBERING, _OPERATOR_WORD):
            for match in pattern.finditer(f):
                marks.add(match.start())
        for match in _QUALITY.finditer(f):
            word = match.group(0)
            following = match.end()
            # 是, 高, 好 are cells only where a cell can end after them (高高, 是达成预期指标, 是8)
            if len(word) > 1 or (
                following == len(f)
                or f[following] == word
                or value_starts(f, following)
                or len((_QUALITY.match(f, following) or _EMPTY_MATCH).group(0)) > 1
            ):
                marks.update((match.start(), following))
        for match in re.finditer(r"(?<=[\u3400-\u9fff])[A-Za-z]", f):
            marks.add(match.start())  # letters after words: OCR noise in a cell of its own
        for match in _OCR_CMP.finditer(f):
            marks.add(match.start())
        for k in range(len(f) - 3):
            if any(_anagram(f[k : k + 4], word) for word in _OPERATOR_ANAGRAMS):
                marks.update((k, k + 4))  # 定性指标 read column-wise by OCR: 性标定指
        for k in range(1, len(f)):
            units = _units_at(f, k)
            if (
                units
                and not f[k - 1].isdigit()
                and not any(u > k for u in _units_at(f, k - 1))
                and any(value_starts(f, u) for u in units)
            ):
                marks.add(k)  # a unit column after a name: 面积 | 万亩 | 28 (the longest unit)
        # A text written twice and cut off by the end of the excerpt (服务范围扩大服务范).
        found_cut = False
        for head in range(20 if cut else 0, 1, -1):  # the longest cut-off repeat only
            if found_cut:
                break
            for whole in range(head + 1, 21):
                first = f[len(f) - head - whole : len(f) - head]
                if (
                    len(f) >= head + whole
                    and first.startswith(f[len(f) - head :])
                    and not re.search(r"\d", first)
                    and not _LONG_QUALITY.search(first)
                ):
                    marks.update((len(f) - head - whole, len(f) - head))
                    found_cut = True
                    break
        # A text written twice (高高, 显著提升显著提升): both halves are cells.
        for start in range(len(f)):
            for size in range(1, min(40, (len(f) - start) // 2) + 1):
                if f[start : start + size] == f[start + size : start + 2 * size]:
                    marks.update((start, start + size, start + 2 * size))
        for match in _NUMBERING.finditer(f):
            marks.difference_update(range(match.start() + 1, match.end()))  # 任务2: is one piece
        ends = frozenset(
            m.end()
            for m in _WORD_CMP.finditer(f)
            if m.end() < len(f) and (f[m.end()].isdigit() or f[m.end()] in "-−")
        )
        return cls(f, frozenset(marks), ends)


def _anagram(piece: str, word: str) -> bool:
    return len(piece) == len(word) and sorted(piece) == sorted(word)


# -- decoding one row string --------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """A cell of a decoded row: its column, where it lies and what it is."""

    column: int
    cell: Cell


@dataclass
class Decoded:
    """A decoded row: the text of each column (as written), the spans no cut agreed on, and notes."""

    cells: dict[int, str]
    start: int
    end: int
    notes: list[str] = field(default_factory=list)
    unsure: bool = False
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # where each cell lies in the text
    # a value whose span is sure but whose column is not (target or result): (start, end, columns)
    open_value: tuple[int, int, frozenset[int]] | None = None


@dataclass
class Decoding:
    """The rows of a run and what could not be decoded in it."""

    rows: list[Decoded]
    unsplit: list[str] = field(default_factory=list)


_MAX_EDGES = 3000
_MAX_RUN = 6000  # characters of one run of rows (a whole grid of 190 rows is about 4,000)


class _Decoder:
    """One run of row text against one list of columns (the name column first for indicator rows)."""

    def __init__(
        self,
        text: str,
        folded: str,
        columns: list[Column],
        *,
        cap: Decimal | None = None,
        partial_end: bool = False,
    ) -> None:
        self.s = text
        self.f = folded
        self.columns = columns
        self.cap = cap if cap is not None else Decimal(100)
        self.partial_end = partial_end
        self.text = _Text.of(folded, cut=partial_end)
        self.memo: dict[tuple[int, int], list[tuple[tuple[Placed, ...], int]]] = {}
        self.kinds = [c.kind for c in columns]
        self.unreadable = False  # whether a value may be left out as unreadable (second pass)
        self.name_memo: dict[int, list[Cell]] = {}
        self.starts: dict[int, bool] = {}
        self.overflow = False
        self.has_points = POINTS in self.kinds

    # cells of one kind starting at p
    def candidates(self, column: int, p: int) -> list[Cell]:
        kind = self.kinds[column]
        f = self.f
        if p >= len(f):
            return []
        if kind == POINTS:
            if self.columns[column].field == "weight" and "权重" in fold_label(self.columns[column].label):
                # 权重 printed as a share of the 100 points (20%): the weight is that many points
                return [*_points(f, p), *_percent(f, p)]
            return _points(f, p)
        if kind == COEFFICIENT:
            return _percent(f, p)
        if kind == AMOUNT:
            return _amounts(f, p)
        if kind == RATE:
            return _rates(f, p)
        if kind == FLAG:
            return [Cell(p, p + 1, "word")] if f[p] in "是否" else []
        if kind == UNIT:
            out = [Cell(p, end, "word") for end in _units_at(f, p) if self._value_follows(end)]
            garbled = _GARBLED_UNIT.match(f, p)
            if garbled and not out:
                out.append(Cell(p, garbled.end(), "garbled", penalty=0.5))
            return out
        if kind == OPERATOR:
            out = []
            match = _OPERATOR_WORD.match(f, p)
            if match:
                out.append(Cell(p, match.end(), "word"))
            piece = f[p : p + 4]
            if any(_anagram(piece, word) for word in _OPERATOR_ANAGRAMS) and piece not in _OPERATOR_ANAGRAMS:
                out.append(Cell(p, p + 4, "word", penalty=-0.25))  # 定性指标 read column-wise: 性标定指
            return out
        if kind == VALUE:
            out = _quantities(f, p)
            dash = _DASH.match(f, p)
            if dash and (dash.end() == len(f) or not _CJK.match(f, dash.end()) or dash.group(0) != "一"):
                out.append(Cell(p, dash.end(), "dash"))
            elif dash and dash.group(0) == "一":
                out.append(Cell(p, dash.end(), "dash", penalty=0.5))
            texts = self._texts(p, "quality", column)
            out.extend(texts)
            if p and f[p - 1].isdigit():
                # after a figure, a value may open with words: 采购的原原种合格率290$, 提高1%
                for text in texts:
                    prefix = f[text.start : text.end]
                    if re.search(r"\d", prefix) or _QUALITY.fullmatch(prefix):
                        continue  # a value of its own (11月底完成, 是): not the words of a figure
                    out.extend(
                        Cell(p, q.end, "phrase", q.number, q.unit, q.penalty + 0.5)
                        for q in _quantities(f, text.end)
                        if q.sort == "quantity"
                        and q.number is not None
                        and (q.unit or f[text.end] in "≥≤=<>")
                    )
            if self.unreadable and p and (f[p - 1].isdigit() or f[p - 1] in "%$"):
                # a value no cut can read (after a figure): left out, the cells around it still read
                out.extend(
                    Cell(p, q, "unreadable", penalty=3.0)
                    for q in range(p + 1, min(len(f), p + 24))
                    if f[q].isdigit() and not f[q - 1].isdigit() and f[q - 1] != "."
                )
            return out
        if kind == TEXT:
            return self._texts(p, "text", column)
        raise ValueError(kind)

    def _value_follows(self, k: int) -> bool:
        return value_starts(self.f, k)

    def _texts(self, p: int, sort: str, column: int) -> list[Cell]:
        """A text cell: it starts with a non-figure and ends at a mark; figures inside it are dates
        (2021年12月完成) or a numbered label (指标1)."""
        f = self.f
        date = _DATE.match(f, p)
        if f[p].isdigit() and (
            not date or (p and f[p - 1].isdigit() and not re.match(r"\d{4}年", date.group(0)))
        ):
            return []  # a text opens with a date (2021年12月完成), and a date is not cut: 8 | 11月
        if p and f[p - 1].isdigit() and f[p] in "年月日":
            return []  # 11 | 月底: a date is not cut
        if f[p] in _CLOSING:
            return []
        if f[p] == "一" and p and (f[p - 1].isdigit() or f[p - 1] in "%$"):
            return []  # 2一按照…: after a figure, 一 is a dash in a cell of its own
        if f[p] in "%.‰$":
            return []
        if _UNIT.match(f, p) and p and f[p - 1].isdigit() and self.kinds[column - 1] != POINTS:
            return []  # the unit of the figure before (points have none: 43 | 个别人未及时完成)
        out = []
        k = p
        while k < len(f):
            date = _DATE.match(f, k)
            if date and (k == p or not f[k - 1].isdigit()):
                k = date.end()
            elif f[k].isdigit():
                break
            else:
                k += 1
            if (
                k in self.text.marks
                and (len(_CJK.findall(f[p:k])) >= 2 or _QUALITY.fullmatch(f[p:k]))
                and k not in self.text.comparator_ends
            ):
                piece = f[p:k]
                if sort == "quality" and re.search(r"[A-Za-z]", piece):
                    continue  # letters among the words: a figure OCR damaged, not a text
                known = _QUALITY.fullmatch(piece) is not None
                if sort == "quality" and not known and _LONG_QUALITY.search(piece):
                    continue  # 达成预期指标公众知晓度: a result written the usual way ends its cell
                if sort == "quality" and OPERATOR in self.kinds and _OPERATOR_WORD.fullmatch(piece):
                    continue  # 定量指标 is the 指标性质 column's
                out.append(Cell(p, k, sort, penalty=0.0 if known or sort == "text" else 0.25))
        if sort == "quality":
            return out[:12]
        return out

    def _can_start(self, p: int) -> bool:
        """Whether a row (or the end of the run) can start at ``p``."""
        if p >= len(self.f):
            return True
        if p not in self.starts:
            self.starts[p] = bool(self.names(p)) or _NUMBERING.match(self.f, p) is not None
        return self.starts[p]

    def names(self, p: int) -> list[Cell]:
        """A row's name: text with at least two Chinese characters, figures inside it only where a
        name has them (指标1, 2021年, 5000吨稻谷), ending at a mark and not in a figure or a sign."""
        if p in self.name_memo:
            return self.name_memo[p]
        self.name_memo[p] = found_names = self._names(p)
        return found_names

    def _names(self, p: int) -> list[Cell]:
        f = self.f
        found: dict[int, Cell] = {}
        for opening, penalty in self._name_openings(p):
            k = opening
            if (
                opening > p
                and f[p].isdigit()
                and len(_CJK.findall(f, p, k)) >= 2
                and k < len(f)
                and f[k].isdigit()
            ):
                found.setdefault(
                    k, Cell(p, k, "text", penalty=penalty)
                )  # 38.75万元 | 10 …: a name that is a figure
            while k < len(f):
                points = re.match(r"[((]\d{1,3}(?:\.\d+)?分[))]", f[k : k + 9])
                if points:
                    k += points.end()  # 顼目产出(30分): a level label OCR damaged, with its points
                elif f[k].isdigit():
                    date = _DATE.match(f, k)
                    if (
                        date
                        and (k == opening or not f[k - 1].isdigit())
                        and not f[date.end() : date.end() + 1].isdigit()
                    ):
                        k = date.end()
                    else:
                        after = self._figure_in_name(k)
                        if after is None:
                            break
                        unit = f[_NUM.match(f, k).end() : after]  # type: ignore[union-attr]
                        # a figure inside a name (5000吨稻谷, 6小时内): possible, not usual; after a
                        # counting word that starts common words (44部门, 43个别), hardly ever
                        penalty = min(penalty + (0.5 if unit in _MEASURES else 1.5), 1.5)
                        k = after
                else:
                    k += 1
                if (
                    k in self.text.marks
                    and (
                        _CJK.match(f, k - 1)
                        or f[k - 1] in ")）]】」”』》"
                        or (f[k - 1] in ",，;；。" and k < len(f) and f[k].isdigit())  # …发放完毕, | 20
                    )
                    and len(_CJK.findall(f[p:k])) >= 2
                    and k not in self.text.comparator_ends
                ):
                    quality = _RESULT_PHRASE.search(f, p, k)
                    if quality and (quality.start(), quality.end()) != (p, k):
                        break  # a result written the usual way (达成预期指标) ends a row, not inside a name
                    found.setdefault(k, Cell(p, k, "text", penalty=penalty))
        return [found[k] for k in sorted(found)][-24:]

    def _name_openings(self, p: int) -> list[tuple[int, float]]:
        """Where a name's words start: after its number (指标1, 任务2:, 3、), after a figure with its
        unit (5000吨稻谷), or at once."""
        f = self.f
        numbered = re.match(r"(?:指标|任务)(\d{1,2})", f[p : p + 4])
        if numbered:
            out = []
            for size in range(1, len(numbered.group(1)) + 1):
                k = p + 2 + size
                out.append((k + 1 if f[k : k + 1] in (":", "：") else k, 0.0))
            return out
        numbering = _NUMBERING.match(f, p)
        if numbering:
            return [(numbering.end(), 0.0)]
        if f[p].isdigit():
            if p:
                return []  # a figure is not cut between one row and the next
            k = self._figure_in_name(p)
            return [(k, 0.5)] if k is not None else []
        if f[p] in "%.$" or f[p] in _CLOSING or _CMP.match(f, p):
            return []
        return [(p, 0.0)]

    def _figure_in_name(self, k: int) -> int | None:
        """A figure with its unit inside a name, followed by more name (5000吨稻谷、500吨成品粮…)."""
        f = self.f
        match = _NUM.match(f, k)
        if match is None or (len(match.group(0)) > 1 and match.group(0).startswith("0")):
            return None
        # the longest unit, followed by more name, or by the row's figures when a name ends in a
        # figure with its unit (每年财政补助1000万元 | 1000万元 …)
        for u in reversed(_units_at(f, match.end())):
            if u < len(f) and (_CJK.match(f, u) or f[u] in "(（,，、:：;；)）"):
                return u
            if u < len(f) and f[u].isdigit() and u - match.end() >= 2:
                return u
        return None

    def rest(self, column: int, p: int) -> list[tuple[tuple[Placed, ...], int]]:
        """Every way of filling columns ``column``… of a row from ``p``: (cells, end)."""
        key = (column, p)
        if key in self.memo:
            return self.memo[key]
        out: list[tuple[tuple[Placed, ...], int]] = []
        if column == len(self.columns):
            out.append(((), p))
        else:
            if not self._required(column) or (self.partial_end and p == len(self.f)):
                out.extend(self.rest(column + 1, p))
            for cell in self.candidates(column, p):
                following = column + 1
                if cell.sort == "unreadable":
                    while following < len(self.columns) and self.kinds[following] == VALUE:
                        following += 1  # the values beside an unreadable one are not placed either
                for tail, end in self.rest(following, cell.end):
                    out.append(((Placed(column, cell), *tail), end))
                if len(out) > _MAX_EDGES:
                    self.overflow = True  # too many ways: the run is not decoded rather than guessed
                    del out[_MAX_EDGES:]
                    break
        self.memo[key] = out
        return out

    def _required(self, column: int) -> bool:
        return self.kinds[column] in (POINTS, COEFFICIENT) and self.columns[column].field in (
            "weight",
            "score",
            "",
        )

    def rows_from(self, p: int) -> list[tuple[tuple[Placed, ...], int, float]]:
        """Every row starting at ``p`` that fits the columns and the form's constraints, scored;
        and, at a high cost, a row read as its name alone, the rest up to the next row's number
        left out (when nothing else reads)."""
        out = []
        names = self.names(p)
        f = self.f
        numbering = _NUMBERING.match(f, p)
        if numbering and numbering.end() == len(f):
            out.append(((Placed(0, Cell(p, len(f), "text")),), len(f), 0.0))  # 指标2: a row left empty
        elif names and names[-1].end == len(f):
            out.append(
                ((Placed(0, names[-1]),), len(f), -2.0)
            )  # words alone before a level: a name without values
        if names:
            digit = next((k for k in range(p, len(f)) if f[k].isdigit() and k > names[0].end), None)
            first = next((n for n in reversed(names) if digit is None or n.end <= digit), names[0])
            for q in range(first.end + 1, len(f) + 1):
                # the rest ends where rows usually do: after a figure or a flag, before words
                if q == len(f) or (
                    (f[q - 1].isdigit() or f[q - 1] in "%是否")
                    and (_CJK.match(f, q) or f[q] in '“"(（')
                    and not _units_at(f, q)
                ):
                    rest = Cell(first.end, q, "unreadable")
                    out.append(((Placed(0, first), Placed(len(self.columns), rest)), q, -6.0))
        for name in names:
            for tail, end in self.rest(1, name.end):
                if not self._can_start(end):
                    continue  # nothing could follow: no row starts there
                cells = (Placed(0, name), *tail)
                score = self.row_score(cells, end)
                if score is not None:
                    out.append((cells, end, score))
        return out

    def row_score(self, cells: tuple[Placed, ...], end: int) -> float | None:
        """Check a row against the form's constraints (None when it breaks one) and score how
        likely it is: full points, results written and repeated texts raise it; empty columns,
        guessed units and garbled figures lower it."""
        by_field: dict[str, Cell] = {}
        by_kind: dict[str, list[Cell]] = {}
        penalty = 0.0
        for placed in cells:
            column = self.columns[placed.column]
            if column.field:
                by_field.setdefault(column.field, placed.cell)
            by_kind.setdefault(column.kind, []).append(placed.cell)
            penalty += placed.cell.penalty
        truncated = self.partial_end and end == len(self.f)
        weight, score = by_field.get("weight"), by_field.get("score")
        if weight is not None and weight.number is not None:
            if weight.number <= 0 or weight.number > self.cap:
                return None
            if score is not None and score.number is not None and score.number > weight.number:
                return None
        coefficients = by_kind.get(COEFFICIENT, [])
        if coefficients and weight and score and weight.number is not None and score.number is not None:
            assert coefficients[0].number is not None
            computed = weight.number * coefficients[0].number / 100
            if abs(computed - score.number) > _tolerance(score.number, Decimal("0.5")):
                return None
        values = [by_field.get(n) for n in ("target", "adjusted_target", "result")]
        quantities = [v for v in values if v is not None and v.sort == "quantity"]
        unit_cell = by_kind.get(UNIT, [None])[0]
        unit = self.f[unit_cell.start : unit_cell.end] if unit_cell and unit_cell.sort == "word" else ""
        units = {q.unit for q in quantities if q.unit}
        if len(quantities) == 2 and bool(quantities[0].unit) != bool(quantities[1].unit) and not unit:
            penalty += 0.5  # 32.1公里 | 2020: one figure with a unit, the other without, is unusual
        if len(units) > 1:
            penalty += 1.0  # target and result in different units: possible, but rare
        if (units | {unit}) & {"%", "‰"} and any(
            q.number is not None and q.number > 1000 for q in quantities
        ):
            return None
        if unit and units and units != {unit} and "%" not in units | {unit}:
            return None
        value_starts_at = {c.cell.start for c in cells if self.kinds[c.column] == VALUE}
        for q in quantities:
            if not q.unit and q.end in value_starts_at and self.f[q.end].isdigit() and units:
                return None  # a bare figure cut from a figure with a unit: 10 | 0%
        for q in quantities:
            if self.f.startswith("$", q.end - 1) and not ("%" in units | {unit} or _has_percent(values)):
                return None
        value = 0.0
        if weight is not None and score is not None and weight.number is not None:
            value += 1.0 if weight.number == score.number else 0.0
        if (
            len(quantities) == 2
            and quantities[0].number is not None
            and quantities[0].number == quantities[1].number
            and quantities[0].unit == quantities[1].unit
        ):
            value += 0.25  # the result as the target (100 | 100): what most rows report
        target, result = by_field.get("target"), by_field.get("result")
        if (
            target is not None
            and result is not None
            and target.sort == result.sort == "quality"
            and self.f[target.start : target.end] == self.f[result.start : result.end]
        ):
            value += 0.75  # a text written twice: the target and the result
        for name in ("target", "result"):
            if name in self.fields and by_field.get(name) is None:
                value -= 0.2 if truncated else 1.0
        if (
            truncated
            and target is not None
            and result is not None
            and result.end == end
            and self.f[target.start : target.end].startswith(self.f[result.start : result.end])
        ):
            value += 0.5  # a text written twice, the second cut off by the end of the excerpt
        if "adjusted_target" in self.fields and by_field.get("adjusted_target") is not None:
            value -= 0.5
        for kind in (FLAG, UNIT):
            if kind in self.kinds and kind not in by_kind and not truncated:
                if kind == FLAG:
                    value -= 0.5  # the core flag is always written
                elif units:
                    value -= 1.0  # the unit column holds the unit the values are in
                elif quantities:
                    value -= 0.5  # bare figures: their unit is in the unit column
        for cell in by_kind.get(TEXT, []):
            if (
                cell.end == end
                and end < len(self.f)
                and not _NUMBERING.match(self.f, end)
                and (_QUALITY.match(self.f, cell.start) or _EMPTY_MATCH).end() != cell.end
            ):
                return None  # a remark ends the row only where the next row's number or the run ends
            value -= 0.5
        name = cells[0].cell
        if len(_CJK.findall(self.f, name.start, name.end)) < 3:
            value -= 0.5  # 提高: the tail of a text, rarely a whole indicator name
        last = max((c for c in cells), key=lambda c: c.cell.end).cell
        if (
            self.kinds[max(cells, key=lambda c: c.cell.end).column] == VALUE
            and last.sort == "quantity"
            and not last.unit
            and end < len(self.f)
            and (_units_at(self.f, end) or self.f[end] in "年月日")
        ):
            return None  # 1000 | 件達成…: the unit belongs to the figure, not to the next name
        if end < len(self.f) and self.f[end] in "年月日" and self.f[end - 1].isdigit():
            return None  # 11 | 月底完成: a date is not cut
        if name.start and self.f[name.start - 1].isdigit() and self.f[name.start] in "万亿元%‰":
            return None  # 5 | 亿元…: the unit of the figure before
        if _QUALITY.match(self.f, name.start) and len(_QUALITY.match(self.f, name.start).group(0)) > 1:  # type: ignore[union-attr]
            value -= 1.0
        if not truncated and any(by_field.get(n) is None for n in ("weight", "score") if n in self.fields):
            return None  # a scored grid's row has its points (a cut-off last row may not)
        return value - penalty

    @property
    def fields(self) -> set[str]:
        return {c.field for c in self.columns}

    def decode(self) -> Decoding:
        """Cut the run into rows: the best-scoring ways, and the cells they all agree on."""
        n = len(self.f)
        best: dict[int, float | None] = {n: 0.0}
        edges: dict[int, list[tuple[tuple[Placed, ...], int, float]]] = {}

        def solve(p: int) -> float | None:
            if p in best:
                return best[p]
            best[p] = None  # no row ends where it starts
            options = []
            for cells, end, score in self.rows_from(p):
                following = solve(end) if end > p else None
                if following is not None:
                    options.append((cells, end, score + following))
            if options:
                top = max(o[2] for o in options)
                best[p] = top
                edges[p] = [o for o in options if o[2] >= top - 1e-9]
            return best[p]

        if solve(0) is None:
            return Decoding(rows=[], unsplit=[self.s])
        return self._agree(edges)

    def _agree(self, edges: dict[int, list[tuple[tuple[Placed, ...], int, float]]]) -> Decoding:
        """Keep the rows that every best cut of the run has (counted, not enumerated: a row lies on
        every best path when the paths through it are all of them), and in them the cells every
        best cut of that row agrees on."""
        n = len(self.f)
        after: dict[int, int] = {n: 1}  # best paths from a position to the end

        def count(p: int) -> int:
            if p not in after:
                after[p] = sum(count(end) for _, end, _ in edges.get(p, []))
            return after[p]

        total = count(0)
        before: dict[int, int] = {0: 1}  # best paths from the start to a position
        for p in sorted(edges):
            if p not in before:
                continue
            for _, end, _ in edges[p]:
                before[end] = before.get(end, 0) + before[p]
        spans: dict[tuple[int, int], list[tuple[Placed, ...]]] = {}
        for p, options in edges.items():
            if p not in before:
                continue
            for cells, end, _ in options:
                spans.setdefault((p, end), []).append(cells)
        certain = sorted(
            (span, variants)
            for span, variants in spans.items()
            if before[span[0]] * len(variants) * after[span[1]] == total
        )
        out = Decoding(rows=[])
        covered = 0
        for (start, end), variants in certain:
            if start > covered:
                out.unsplit.append(self.s[covered:start])
            out.rows.append(self._agree_row(variants, start, end))
            covered = end
        if covered < len(self.s):
            out.unsplit.append(self.s[covered:])
        self._as_rows_above(out.rows)
        return out

    def _as_rows_above(self, rows: list[Decoded]) -> None:
        """One value between two figures (2 | 实际工作需求 | 2) may be a target or a result; the rows
        around it that write one value write it in one column (the other a dash): so is this one."""
        values = [k for k, kind in enumerate(self.kinds) if kind == VALUE]
        used = []
        for row in rows:
            if row.open_value is not None:
                continue
            written = [k for k in values if k in row.cells and row.cells[k] not in _DASH_TEXTS]
            if len(written) == 1:
                used.append(written[0])
        if not used or len(set(used)) != 1:
            return
        (column,) = set(used)
        for row in rows:
            if row.open_value is None or column not in row.open_value[2]:
                continue
            start, end, _ = row.open_value
            row.cells[column] = self.s[start:end]
            row.spans[column] = (start, end)
            row.notes = [n for n in row.notes if not n.startswith("cells not placed")]
            row.notes.append(f"value placed as in the rows around it: '{clip(self.s[start:end])}'")
            row.open_value = None

    def _agree_row(self, variants: list[tuple[Placed, ...]], start: int, end: int) -> Decoded:
        """The cells of one row that every best cut agrees on; a stretch the cuts read differently
        stays in the name when it follows the name, else it is left out; both are noted."""
        cuts = set.intersection(*({c.cell.start for c in v} | {c.cell.end for c in v} for v in variants))
        cuts.update((start, end))
        ordered = sorted(cuts)
        row = Decoded(cells={}, start=start, end=end)
        for a, b in itertools.pairwise(ordered):
            placements = {
                tuple(
                    (-1 if c.cell.sort == "unreadable" else c.column, c.cell.start, c.cell.end, c.cell.sort)
                    for c in v
                    if a <= c.cell.start and c.cell.end <= b
                )
                for v in variants
            }
            piece = self.s[a:b]
            if len(placements) == 1:
                (only,) = placements
                for column, cs, ce, sort in only:
                    if sort in ("unreadable", "garbled"):
                        row.unsure = True  # OCR damage where a figure or a unit should be: not a value
                        row.notes.append(f"cells could not be read: '{clip(self.s[cs:ce])}'")
                    else:
                        row.cells[column] = self.s[cs:ce]
                        row.spans[column] = (cs, ce)
                continue
            row.unsure = True
            if a == start:
                row.cells[0] = piece  # the name and what follows it could not be told apart
                row.spans[0] = (a, b)
                row.notes.append(f"name and values run together: '{clip(piece)}'")
            else:
                spans_seen = {tuple((cs, ce) for _, cs, ce, _ in placement) for placement in placements}
                if len(spans_seen) == 1 and all(len(p) == 1 for p in placements):
                    (only_span,) = spans_seen
                    columns = frozenset(p[0][0] for p in placements)
                    if all(0 <= c < len(self.kinds) and self.kinds[c] == VALUE for c in columns):
                        row.open_value = (only_span[0][0], only_span[0][1], columns)
                readings = sorted(
                    " | ".join(f"{self._label(c)}={self.s[cs:ce]}" for c, cs, ce, _ in placement)
                    for placement in placements
                )
                row.notes.append(f"cells not placed: '{clip(piece)}' ({clip('; '.join(readings[:3]), 80)})")
        return row

    def _label(self, column: int) -> str:
        if column >= len(self.columns):
            return "?"
        return self.columns[column].label or self.columns[column].field


def _has_percent(values: list[Cell | None]) -> bool:
    return any(v is not None and v.unit == "%" for v in values)


def _tolerance(value: Decimal, whole: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return whole if places == 0 else Decimal(1).scaleb(-places)


def decode_rows(
    text: str,
    folded: str,
    columns: list[Column],
    *,
    cap: Decimal | None = None,
    partial_end: bool = False,
) -> Decoding:
    """Decode a run of indicator rows (each a name, then the values of ``columns[1:]``).

        ``folded`` is the same text folded for matching (same length); ``cap`` bounds one row's points
    (the block's printed points); ``partial_end`` says the text stops mid-row (an excerpt cut off),
    so the last row may lack its last cells.
    """
    if len(folded) != len(text):
        raise ValueError("folded text must keep the positions of the text")
    if not columns or columns[0].kind != NAME:
        raise ValueError("the first column must be the name")
    if len(text) > _MAX_RUN:
        return Decoding(rows=[], unsplit=[text])  # beyond any form's row group: not decoded
    decoder = _Decoder(text, folded, columns, cap=cap, partial_end=partial_end)
    decoding = decoder.decode()
    if decoding.unsplit and not decoder.overflow:
        # Second pass: a value no cut reads may be left out, so that the cells around it still read.
        again = _Decoder(text, folded, columns, cap=cap, partial_end=partial_end)
        again.unreadable = True
        second = again.decode()
        if not again.overflow and sum(map(len, second.unsplit)) < sum(map(len, decoding.unsplit)):
            decoding = second
    if decoder.overflow:
        return Decoding(rows=[], unsplit=[text])
    return decoding


@lru_cache(maxsize=4096)
def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


# -- funding rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FundRow:
    """A funding row to decode: its label (年度资金总额, 其中:当年财政拨款 …), its run of figures,
    the same folded, and whether it is the total row."""

    label: str
    text: str
    folded: str
    total: bool


@dataclass
class _FundOption:
    cells: tuple[Placed, ...]
    score: float
    values: dict[str, Decimal]
    sound: bool = True  # its own 执行率 holds (or it has none to check)


_MAX_FUND_OPTIONS = 200


def _fund_options(row: FundRow, columns: list[Column]) -> list[_FundOption]:
    """Every way of cutting a funding row's figures into the block's columns, scored by the form's
    arithmetic (执行率 = 执行数 ÷ 预算数, 得分 = 分值 × 执行率, capped) and ranked best first."""
    f = row.folded
    found: list[tuple[Placed, ...]] = []

    def walk(column: int, p: int, done: tuple[Placed, ...]) -> None:
        if len(found) > 4000:
            return
        if p == len(f):
            if done:
                found.append(done)
            return
        if column == len(columns):
            return
        walk(column + 1, p, done)  # the column lost its cell (or is printed once for the block)
        kind = columns[column].kind
        if kind == AMOUNT:
            cells = _amounts(f, p)
        elif kind == RATE:
            cells = _rates(f, p)
        elif kind == POINTS:
            cells = _points(f, p)
        elif kind == TEXT:
            cells = [Cell(p, len(f), "text")] if _CJK.match(f, p) else []
        else:
            cells = []
        for cell in cells:
            if cell.sort == "garbled":
                continue
            walk(column + 1, cell.end, (*done, Placed(column, cell)))

    starts = [(0, 0.0)]
    # Figures OCR could not read before the readable ones (O, .32.06.5): left out, the rest read.
    starts.extend(
        (q, 3.0)
        for q in range(1, len(f))
        if f[q].isdigit() and not f[q - 1].isdigit() and f[q - 1] != "." and not f[0].isdigit()
    )
    starts.extend((q, 3.0) for q in range(1, len(f)) if f[0] == "." and f[q].isdigit() and f[q - 1].isdigit())
    options = []
    for start, cost in starts:
        found.clear()
        walk(0, start, ())
        if start:
            prefix = Placed(-1, Cell(0, start, "unreadable"))
        for cells in found:
            scored = _fund_score(cells, columns, f)
            if scored is None:
                continue
            score, checks = scored
            if start and not checks:
                continue  # after figures no one can read, only what the arithmetic confirms
            if start and "rate" not in checks and any(columns[c.column].kind == AMOUNT for c in cells):
                continue  # amounts next to unreadable ones: only when 执行率 confirms them
            values = {columns[c.column].field: c.cell.number for c in cells if c.cell.number is not None}
            options.append(
                _FundOption(
                    ((prefix, *cells) if start else cells),  # type: ignore[arg-type]
                    score - cost,
                    values,
                    "rate" in checks or not {"execution_rate", "actual"} <= set(values),
                )
            )
    options.sort(key=lambda o: -o.score)
    return options[:_MAX_FUND_OPTIONS]


def _fund_score(cells: tuple[Placed, ...], columns: list[Column], f: str) -> tuple[float, set[str]] | None:
    """Score a cut of a funding row; None when it breaks a rule. Also say which checks it passed."""
    values: dict[str, Cell] = {}
    for placed in cells:
        values[columns[placed.column].field or columns[placed.column].label] = placed.cell
    budget = values.get("adjusted_budget") or values.get("initial_budget")
    actual, rate = values.get("actual"), values.get("execution_rate")
    weight, score = values.get("weight"), values.get("score")
    amounts = [p.cell for p in cells if columns[p.column].kind == AMOUNT]
    if len({bool(a.unit) for a in amounts}) > 1:
        return None  # 38.7 | 5万元: amounts of one row are written alike
    printed = _printed_weight(columns)
    if weight is None and printed is not None:
        weight = Cell(0, 0, "header", printed)  # 得分(20分*执行率), 分值(10分): the header says it
    if weight is not None and printed is not None and weight.number != printed:
        return None
    bonus = 1.0 if weight is not None and weight.sort != "header" and printed is not None else 0.0
    checks: set[str] = set()
    if weight is not None and weight.number is not None and weight.number <= 0:
        return None
    if (
        weight
        and score
        and weight.number is not None
        and score.number is not None
        and score.number > weight.number
    ):
        return None
    total = bonus  # the 分值 printed where the header says it is
    if rate is not None and not rate.unit:
        total -= 0.5  # a rate without its % sign
    if budget and actual and rate and budget.number and actual.number is not None and rate.number is not None:
        computed = actual.number / budget.number * 100
        if (rate.number == 0) != (actual.number == 0):
            total -= 1  # nothing spent is 0%, and 0% is nothing spent
        elif abs(computed - rate.number) <= _tolerance(rate.number, Decimal(1)):
            total += 3
            checks.add("rate")
        else:
            total -= 1
    if weight and score and rate and weight.number and score.number is not None and rate.number is not None:
        computed = weight.number * min(rate.number, Decimal(100)) / 100
        if abs(computed - score.number) <= _tolerance(score.number, Decimal("0.5")):
            total += 2
            checks.add("score")
        else:
            total -= 1
    if (
        score is not None
        and score.number is not None
        and (weight is None or weight.number is None)
        and score.number > 100
    ):
        return None
    filled = {placed.column for placed in cells}
    total -= 0.5 * sum(1 for k, c in enumerate(columns) if k not in filled and c.kind in (AMOUNT, RATE))
    for placed in cells:
        number = placed.cell.number
        if columns[placed.column].kind in (AMOUNT, RATE) and number is not None:
            if number == 0:
                total -= 0.25  # 390390100%: 390 | 390 | 100%, rather than 39039010 | 0 | 0%
            elif number >= 10**8:
                total -= 1.0  # more figures than an amount of one row has
    return total, checks


def _printed_weight(columns: list[Column]) -> Decimal | None:
    """The points of the funding block when its header prints them: 分值(10分), 得分(20分*执行率)."""
    for column in columns:
        if column.field in ("weight", "score"):
            match = re.search(r"(\d+(?:\.\d+)?)分", fold_label(column.label))
            if match:
                return Decimal(match.group(1))
    return None


def decode_funds(rows: list[FundRow], columns: list[Column]) -> list[Decoded]:
    """Decode the funding rows of one block together: each row's cut is scored by its own
    arithmetic, and the 其中 lines' amounts must add up to the total's (the only line with figures
    repeats it). A cell is kept only when every best combination of cuts agrees on it."""
    options = [_fund_options(row, columns) for row in rows]
    lines = [k for k, row in enumerate(rows) if not row.total]
    totals = [k for k, row in enumerate(rows) if row.total]
    width = 8
    while width > 1 and width ** len(lines) > 4096:
        width -= 1
    line_choices = [options[k][:width] or [None] for k in lines]
    combos: list[tuple[float, dict[int, _FundOption | None]]] = []
    for picked in itertools.product(*line_choices):
        chosen: dict[int, _FundOption | None] = dict(zip(lines, picked, strict=True))
        base = sum(o.score for o in picked if o is not None)
        for k in totals:
            candidates = list(options[k][:12])
            sums = _line_sums([o for o in picked if o is not None])
            candidates.extend(
                o for o in options[k][12:] if sums and all(o.values.get(n) == v for n, v in sums.items())
            )
            best_total = max(
                candidates or [None],
                key=lambda o: -1e9 if o is None else o.score + _sums_bonus(sums, o),
            )
            chosen[k] = best_total
            if best_total is not None:
                base += best_total.score + _sums_bonus(sums, best_total)
        combos.append((base, chosen))
    # Every total option as good as the best (ties are kept, so that they can disagree).
    top = max((score for score, _ in combos), default=0.0)
    winners = [chosen for score, chosen in combos if score >= top - 1e-9]
    for k in totals:
        extra = []
        for chosen in winners:
            sums = _line_sums([chosen[j] for j in lines if chosen[j] is not None])  # type: ignore[misc]
            base = sum(chosen[j].score for j in lines if chosen[j] is not None)  # type: ignore[union-attr]
            for option in options[k]:
                if option is not chosen[k] and base + option.score + _sums_bonus(sums, option) >= top - 1e-9:
                    extra.append({**chosen, k: option})
        winners.extend(extra)
    decoded = [Decoded(cells={}, start=0, end=len(row.text)) for row in rows]
    for k, row in enumerate(rows):
        picks = {
            None if c[k] is None else tuple((p.column, p.cell.start, p.cell.end) for p in c[k].cells)  # type: ignore[union-attr]
            for c in winners
        }
        out = decoded[k]
        if len(picks) != 1:
            out.unsure = True
            out.notes.append(f"figures not placed: '{clip(row.text)}'")
            continue
        (only,) = picks
        if only is None:
            if row.text.strip():
                out.notes.append(f"figures not read: '{clip(row.text)}'")
            continue
        for column, start, end in only:
            if column < 0:
                out.notes.append(f"figures could not be read: '{clip(row.text[start:end])}'")
                continue
            out.cells[column] = row.text[start:end]
    return decoded


def _line_sums(lines: list[_FundOption]) -> dict[str, Decimal]:
    """What the 其中 lines add up to, when each line's own arithmetic holds."""
    sums: dict[str, Decimal] = {}
    if not all(o.sound for o in lines):
        return sums
    for name in ("initial_budget", "adjusted_budget", "actual"):
        parts = [o.values.get(name) for o in lines]
        if parts and all(p is not None for p in parts):
            sums[name] = sum(parts, Decimal(0))  # type: ignore[arg-type]
    return sums


def _sums_bonus(sums: dict[str, Decimal], total: _FundOption | None) -> float:
    """The 其中 lines add up to the total: +3 for every amount that does, -1 for one that does not."""
    if total is None:
        return 0.0
    bonus = 0.0
    for name, value in sums.items():
        whole = total.values.get(name)
        if whole is None:
            continue
        bonus += 3 if whole == value else -1
    return bonus

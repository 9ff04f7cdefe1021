"""Cells that OCR or a flattening ran together, cut apart by the form's own labels and arithmetic.

:func:`segment` cuts a line without separators (年度资金总额:202010100.00%10其中:本年财政拨款2020…)
at the labels printed on forms (one vocabulary, matched on simplified characters) into label cells
and the runs between them. :func:`split_figures` cuts a run of figures (202010100.00%10) into the
columns of its block where exactly one split agrees with the form's arithmetic (执行率 = 执行数 ÷
预算数, 得分 = 分值 × 执行率, capped at 分值); :func:`split_indicator_run` cuts a run of indicator rows
(安装坡面水标尺10≥266米≥266米10水标尺宽度10…) by the column kinds of its header.
"""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.ingest import review as rv
from jixiao.ingest import rowcodec, vocab
from jixiao.ingest.grid import Row
from jixiao.ingest.textutil import fold_label, to_simplified

logger = logging.getLogger(__name__)

# Labels that cut a run-together line, besides the column headers and the level labels of vocab.
_LABELS = (
    "项目名称",
    "专项资金名称",
    "主管部门",
    "县级主管部门",
    "实施单位",
    "项目实施单位",
    "项目负责人及电话",
    "负责人及电话",
    "项目负责人",
    "部门联系人",
    "联系电话",
    "财政处室",
    "自评总分(分)",
    "自评总分",
    "自评得分",
    "填报日期",
    "部门名称",
    "单位名称",
    "评价部门名称",
    "下属单位个数",
    "项目资金(万元)",
    "资金情况(万元)",
    "项目资金(元)",
    "预算执行情况(万元)",
    "部门预算执行情况",
    "资金投入情况(万元)",
    "年度资金总额",
    "年度总金额",
    "年度财政资金总额",
    "其中:本年财政拨款",
    "其中:当年财政拨款",
    "其中:财政拨款",
    "其中:财政资金",
    "其中财政拨款",
    "本年财政拨款",
    "当年财政拨款",
    "上年结转资金",
    "其他资金",
    "年度总体目标完成情况综述",
    "年度总体目标",
    "年初设定目标",
    "全年实际完成情况",
    "全年完成情况",
    "预期目标",
    "实际完成情况",
    "年初绩效目标",
    "全年(调整)绩效目标",
    "全年目标实际完成情况",
    "当年绩效目标",
    "绩效指标",
    "年度绩效指标完成情况",
    "总分",
    "评价结论",
    "存在问题",
    "改进措施",
    "说明",
)
_LABEL_SET = frozenset(_LABELS)
_WEAK = {"一级", "二级", "三级", "原因", "权重", "合计", "实际值", "完成值", "指标值", "目标值"}


@lru_cache(maxsize=1)
def _lexicon() -> re.Pattern[str]:
    words = set(_LABELS)
    words.update(k for k in vocab.FUND_COLUMNS if len(k) >= 3 and k not in _WEAK)
    words.update(k for k in vocab.INDICATOR_COLUMNS if len(k) >= 3 and k not in _WEAK)
    words.update(w for w in vocab.LEVEL2_WORDS)
    words.update(w for w in vocab.LEVEL1_WORDS if w.endswith("指标"))
    ordered = sorted(words, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\(", "[((]").replace(r"\)", "[))]") for w in ordered)
    # A level label may carry its points: 产出指标(70分).
    return re.compile(rf"(?:{body})(?:[((]\d+(?:\.\d+)?分[))])?[::]?")


def matching_text(text: str) -> str | None:
    """Return a text folded for matching with the same length as ``text`` (None when folding would
    move the characters: then positions in it are not positions in the original)."""
    folded = "".join(
        ch if len(n := unicodedata.normalize("NFKC", ch)) != 1 else n for ch in text.replace("\u3000", " ")
    )
    simplified = to_simplified(folded)
    return simplified if len(simplified) == len(text) else None


def is_run_together(line: str) -> bool:
    """Return True for a long line that holds several form labels and almost no spaces."""
    stripped = _squeeze(line.strip())  # 绩 效 指 标: spaces a line wrap left between words
    if len(stripped) < 120:
        return False
    spaces = stripped.count(" ") + stripped.count("\t")
    if spaces > len(stripped) / 25:
        return False
    folded = matching_text(stripped) or to_simplified(stripped)
    return len(_lexicon().findall(folded)) >= 6


def segment(line: str) -> list[str]:
    """Cut a run-together line into label cells and the runs between them (original characters)."""
    folded = matching_text(line)
    source = line if folded is not None else to_simplified(line)
    folded = folded if folded is not None else source
    matches = list(_lexicon().finditer(folded))
    # Column headers come in runs (全年预算数(A)全年执行数(B)分值…): one alone inside a text or a name
    # (储备粮到位数量) is part of it, not a cell.
    keep = []
    for k, match in enumerate(matches):
        word = match.group(0).rstrip(":\uff1a")
        if vocab.is_header_label(word) and word not in _LABEL_SET:
            touching = (k > 0 and matches[k - 1].end() == match.start()) or (
                k + 1 < len(matches) and matches[k + 1].start() == match.end()
            )
            if not touching:
                continue
        keep.append(match)
    cells: list[str] = []
    position = 0
    for match in keep:
        before = source[position : match.start()].strip()
        if before:
            cells.append(before)
        cells.append(source[match.start() : match.end()].rstrip(":\uff1a"))
        position = match.end()
    rest = source[position:].strip()
    if rest:
        cells.append(rest)
    return cells


# -- figures run together -------------------------------------------------------------------------

_PIECE = re.compile(r"0|0\.\d+|[1-9]\d*(?:\.\d+)?")
_AMOUNT_FIELDS = ("initial_budget", "adjusted_budget", "actual")


def _numbers(text: str, count: int) -> list[list[str]]:
    """Every way of cutting a string of digits and points into ``count`` well-formed numbers."""
    if count == 0:
        return [[]] if text == "" else []
    out: list[list[str]] = []
    for end in range(1, len(text) + 1):
        head = text[:end]
        if not _PIECE.fullmatch(head):
            continue
        if "." in head and len(head.split(".")[1]) > 4:
            continue
        for tail in _numbers(text[end:], count - 1):
            out.append([head, *tail])
    return out


def split_figures(text: str, kinds: list[str]) -> dict[str, str] | None:
    """Cut a run of figures into the block's value columns; None unless one split fits the arithmetic.

    ``kinds`` are the value columns in order (initial_budget, adjusted_budget, actual, weight,
    execution_rate, score). A percent sign anchors the rate. The split must give 执行率 = 执行数 ÷
    预算数 (to the rate's written precision, or within 1 point for a whole percent) and 得分 = 分值 ×
    min(执行率, 100%) (to the score's precision); columns not printed are left out (fewer figures
    than columns are tried from the left).
    """
    compact = text.replace(" ", "").replace("%", "%")
    if not re.fullmatch(r"[\d.%]+", compact) or compact.count("%") > 1:
        return None
    solutions: list[dict[str, str]] = []
    if "%" in compact:
        before, after = compact.split("%")
        if "execution_rate" not in kinds:
            return None
        rate_at = kinds.index("execution_rate")
        left, right = kinds[:rate_at], kinds[rate_at + 1 :]
        for n_left in range(len(left), 0, -1):
            for n_right in range(len(right), -1, -1):
                for pieces in _numbers(before, n_left + 1):
                    for tail in _numbers(after, n_right):
                        values = dict(zip(left[-n_left:], pieces[:-1], strict=True))
                        values["execution_rate"] = pieces[-1]
                        values.update(zip(right[:n_right], tail, strict=True))
                        if _consistent(values):
                            solutions.append(values)
            if solutions:
                break
    else:
        for count in range(len(kinds), 1, -1):
            for pieces in _numbers(compact, count):
                values = dict(zip(kinds[:count], pieces, strict=True))
                if _consistent(values, need_rate=True):
                    solutions.append(values)
            if solutions:
                break
    distinct = {tuple(sorted(s.items())) for s in solutions}
    return solutions[0] if len(distinct) == 1 else None


def _dec(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _consistent(values: dict[str, str], need_rate: bool = False) -> bool:
    budget = _dec(values.get("adjusted_budget")) or _dec(values.get("initial_budget"))
    actual = _dec(values.get("actual"))
    rate = _dec(values.get("execution_rate"))
    weight = _dec(values.get("weight"))
    score = _dec(values.get("score"))
    checks = 0
    if rate is not None and (rate > 1000 or rate < 0):
        return False
    if budget is not None and actual is not None and rate is not None and budget > 0:
        computed = actual / budget * 100
        places = -rate.as_tuple().exponent  # type: ignore[operator]
        tolerance = Decimal(1) if places == 0 else Decimal(1).scaleb(-places)
        if abs(computed - rate) > tolerance:
            return False
        checks += 1
    if weight is not None:
        if weight > 100 or (weight != weight.to_integral_value() and weight > 30):
            return False
        if score is not None:
            if score > weight:
                return False
            if rate is not None:
                computed = weight * min(rate, Decimal(100)) / 100
                places = -score.as_tuple().exponent  # type: ignore[operator]
                tolerance = Decimal("0.5") if places == 0 else Decimal(1).scaleb(-places)
                if abs(computed - score) > tolerance:
                    return False
                checks += 1
    elif score is not None:
        return False
    return checks > 0 or not need_rate


# -- indicator rows run together ------------------------------------------------------------------

_COMPARATOR = r"(?:[≥≤=<>≧≦﹦═]|>=|<=)"
_UNIT = r"(?:%|%|‰|[A-Za-z]{1,3}|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,3})?)"
_QUANTITY = rf"{_COMPARATOR}?(?:0|[1-9]\d*)(?:\.\d+)?{_UNIT}?"
_QUALITY = r"[\u4e00-\u9fff]{2,12}"
_POINTS = r"(?:0|[1-9]\d?)(?:\.\d{1,2})?"
_FIELD = {
    "weight": _POINTS,
    "score": _POINTS,
    "target": f"{_QUANTITY}|{_QUALITY}",
    "result": f"{_QUANTITY}|{_QUALITY}",
}


def split_indicator_run(text: str, kinds: list[str]) -> list[dict[str, str]] | None:
    """Cut a run of indicator rows (name then its figures, row after row) by the header's value
    columns; None unless one reading is better than every other.

    ``kinds`` (after ``name``) must all be weight, score, target or result. A target or result is a
    number with its unit, or a text only when target and result are the same text written twice
    (显著提升显著提升). Every row must keep 得分 ≤ 分值; among the readings left, the one with the
    most rows scored in full (得分 = 分值, the common case) and no name starting with a stray digit
    wins, and only when no other reading ties with it.
    """
    if not kinds or any(kind not in _FIELD for kind in kinds):
        return None
    fields = []
    for k, kind in enumerate(kinds):
        if kind == "target" and k + 1 < len(kinds) and kinds[k + 1] == "result":
            # A qualitative target is only read when the result repeats it.
            fields.append(rf"(?P<target>{_QUANTITY}|(?P<tq>{_QUALITY})(?=(?P=tq)))")
        elif kind == "result" and k > 0 and kinds[k - 1] == "target":
            fields.append(rf"(?P<result>{_QUANTITY}|(?P=tq))")
        else:
            fields.append(f"(?P<{kind}>{_FIELD[kind]})")
    pattern = re.compile("(?P<name>.+?)" + "".join(fields))
    results: list[list[dict[str, str]]] = []

    def walk(rest: str, done: list[dict[str, str]]) -> None:
        if len(results) > 40:
            return
        if not rest:
            results.append(done)
            return
        for end in range(len(rest), 0, -1):
            match = pattern.fullmatch(rest[:end])
            if match is None:
                continue
            values = {k: v for k, v in match.groupdict().items() if k != "tq"}
            if not _row_ok(values):
                continue
            walk(rest[end:], [*done, values])

    walk(text.strip(), [])
    if not results:
        return None
    ranked = sorted(((_preference(rows), k) for k, rows in enumerate(results)), reverse=True)
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return None
    return results[ranked[0][1]]


def _preference(rows: list[dict[str, str]]) -> int:
    score = 0
    for values in rows:
        if values.get("weight") is not None and values.get("weight") == values.get("score"):
            score += 1
        if re.match(r"\d(?![\d.]*[-~—])", values["name"]):
            score -= 2
    return score


def _row_ok(values: dict[str, str]) -> bool:
    name = values["name"]
    if not re.search(r"[\u4e00-\u9fff]{2}", name) or re.search(r"\d$", name):
        return False
    if re.search(r"[≥≤=<>≧≦﹦═%%]", name) or len(re.findall(r"\d+(?:[-~.]\d+)?", name)) > 1:
        return False
    target, result = values.get("target"), values.get("result")
    qualitative = [t for t in (target, result) if t is not None and re.fullmatch(_QUALITY, t)]
    if qualitative and (target is None or result is None or target != result):
        return False
    weight, score = _dec(values.get("weight")), _dec(values.get("score"))
    if weight is not None and score is not None and score > weight:
        return False
    return not (weight is not None and weight == 0)


# == the run-together reading: labels, headers and decoded rows ==================================
#
# A text without separators is read the way a careful reader reads it: the printed labels are found
# (header fields, the column headers of the funding block and of the indicator grid, row labels,
# level labels, sections); each header gives its block's columns with their kinds; each run of
# figures or of indicator rows under a header is decoded against those columns
# (:mod:`jixiao.ingest.rowcodec`), and becomes a row of cells under the header, as a table with
# separators would have given it. Every decoded row says so for review.

_FIELDS = (
    "项目名称",
    "专项资金名称",
    "转移支付(项目)名称",
    "转移支付名称",
    "主管部门及代码",
    "县级主管部门",
    "中央主管部门",
    "地方主管部门",
    "自治区主管部门",
    "市县主管部门",
    "市县财政部门",
    "主管部门",
    "项目实施单位/项目负责人",
    "项目实施单位",
    "资金使用单位",
    "实施单位",
    "项目负责人及电话",
    "负责人及电话",
    "项目负责人",
    "部门联系人",
    "联系电话",
    "财政处室",
    "自评总分(分)",
    "自评总分",
    "自评得分",
    "项目总得分",
    "财政审核评分",
    "填报日期",
    "单位名称",
    "部门名称",
    "评价部门名称",
    "下属单位个数",
    "项目类别",
    "项目属性",
    "项目类型",
    "专项实施期",
)
_BLOCK_TITLES = (
    "项目资金(万元)",
    "项目资金(元)",
    "资金情况(万元)",
    "预算执行情况(万元)",
    "部门预算执行情况",
    "资金投入情况(万元)",
    "整体支出规模",
    "绩效指标",
    "年度绩效指标",
    "年度绩效指标完成情况",
)
_GOALS = (
    "年度总体目标完成情况综述",
    "年度总体目标完成情况",
    "总体目标完成情况",
    "年度总体目标",
    "总体目标",
    "年初设定目标",
    "全年实际完成情况",
    "全年完成情况",
    "实际完成情况",
    "预期目标",
    "当年绩效目标",
    "年初绩效目标",
    "全年(调整)绩效目标",
    "全年目标实际完成情况",
)
_SECTIONS = (
    "总分",
    "合计",
    "总计",
    "评价结论",
    "自评结论",
    "存在问题",
    "存在的问题",
    "改进措施",
    "下一步改进措施",
    "说明",
    "注:",
    "财务负责人",
    "填报人",
    "审核人",
)
_PAREN = r"(?:\s?[((][^()()]{0,12}[))])?"


def _alternation(words: list[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\(", "[((]").replace(r"\)", "[))]") for w in ordered)


@lru_cache(maxsize=1)
def _column_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Column labels: the strong ones (anchors of a header) and all (to read a header's gaps)."""
    every = {fold_label(k) for k in (*vocab.FUND_COLUMNS, *vocab.INDICATOR_COLUMNS) if k}
    strong = tuple(k for k in every if len(k) >= 3 and k not in _WEAK and not k.startswith(("中央", "本级")))
    return strong, tuple(sorted(every))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    strong, every = _column_words()
    level1 = [w for w in vocab.LEVEL1_WORDS if w.endswith("指标") or len(w) >= 4]
    return {
        "strong": re.compile(rf"(?:{_alternation(strong)}){_PAREN}"),
        "column": re.compile(rf"(?:{_alternation(every)}){_PAREN}"),
        "field": re.compile(rf"(?:{_alternation(list(_FIELDS))})[::]?"),
        "title": re.compile(rf"(?:{_alternation(list(_BLOCK_TITLES))}){_PAREN}[::]?"),
        "goal": re.compile(rf"(?:{_alternation(list(_GOALS))})[::]?"),
        "section": re.compile(rf"(?:{_alternation(list(_SECTIONS))})[::]?"),
        "level1": re.compile(rf"(?:{_alternation(level1)})(?:[((]\d+(?:\.\d+)?分[))])?"),
        "level2": re.compile(rf"(?:{_alternation(list(vocab.LEVEL2_WORDS))})(?:[((][^()()]{{0,10}}[))])?"),
        "row": re.compile(
            rf"(?:其中[::]?)?(?:{_alternation([*vocab.FUND_TOTAL_ROWS, *vocab.FUND_LINE_ROWS])})[::]?"
        ),
    }


@dataclass
class _Header:
    """A run of column labels: where it lies, its labels as printed and the block it heads."""

    start: int
    end: int
    labels: list[str]
    block: str  # "funds" | "indicators"
    inline: dict[int, str] | None = None  # figures printed right after their label (全年预算数(A)300)


def _fuzzy(piece: str, words: tuple[str, ...] | list[str]) -> str | None:
    """The column label a garbled piece stands for (年成值全完值 → 全年完成值, 考值参分 → 参考分值):
    most of the label's characters are there, and little else."""
    return _fuzzy_among(piece, tuple(words))


@lru_cache(maxsize=16384)
def _fuzzy_among(piece: str, words: tuple[str, ...]) -> str | None:
    chars = [c for c in piece if "\u3400" <= c <= "\u9fff"]
    if len(chars) < 3:
        return None
    best, best_sim = None, 0.0
    for word in words:
        letters = [c for c in word if "\u3400" <= c <= "\u9fff"]
        if len(letters) < 3 or abs(len(letters) - len(chars)) > 2:
            continue
        pool = list(chars)
        common = 0
        for c in letters:
            if c in pool:
                pool.remove(c)
                common += 1
        sim = common / max(len(letters), len(chars))
        if sim > best_sim:
            best, best_sim = word, sim
    return best if best_sim >= 0.75 else None


def _tile(gap: str) -> list[str] | None:
    """Read the text between two column labels as labels: exact ones (分值, 得分 …), a garbled one,
    or a little OCR noise that belongs to the next label. None when it is not a header's text."""
    if not gap:
        return []
    if re.search(r"\d", re.sub(r"[((][^()()]*[))]", "", gap)):
        return None
    _, every = _column_words()
    out: list[str] = []
    pattern = _patterns()["column"]
    k = 0
    while k < len(gap):
        match = pattern.match(gap, k)
        if match:
            out.append(match.group(0))
            k = match.end()
            continue
        # a stretch that is no label: garbled labels, or noise
        following = pattern.search(gap, k)
        stretch = gap[k : following.start() if following else len(gap)]
        guesses = _garbled_labels(stretch, every)
        if guesses is None:
            return None
        out.extend(guesses)
        k += len(stretch)
    return out


def _garbled_labels(stretch: str, words: tuple[str, ...]) -> list[str] | None:
    """Cut a stretch of a header that matches no label into garbled labels (年初预匏数调整预算将,A、 →
    年初预算数, 调整预算数) and a little noise; None when it cannot be read so."""
    best: dict[int, tuple[float, list[str]]] = {0: (0.0, [])}
    for start in range(len(stretch)):
        if start not in best:
            continue
        cost, labels = best[start]
        for end in range(start + 1, min(len(stretch), start + 14) + 1):
            piece = stretch[start:end]
            guess = _fuzzy(piece, words)
            options = []
            if guess is not None:
                options.append((cost + 0.5, [*labels, guess]))
            if end - start <= 3 and not re.search(r"[\u3400-\u9fff]{2}", piece):
                options.append((cost + (end - start), labels))  # noise: ,A、 (B/A1
            for option in options:
                if end not in best or option[0] < best[end][0]:
                    best[end] = option
    found = best.get(len(stretch))
    if found is None or found[0] > 4:
        return None
    return found[1]


def _headers(f: str) -> list[_Header]:
    """Find the runs of column labels in a folded text (two strong labels at least, the text between
    them read as labels too), extended by the short labels that follow (分值, 得分)."""
    strong = list(_patterns()["strong"].finditer(f))
    column = _patterns()["column"]
    _, every = _column_words()
    out: list[_Header] = []
    k = 0
    while k < len(strong):
        first = strong[k]
        labels = [first.group(0)]
        inline: dict[int, str] = {}
        end = first.end()
        j = k + 1
        while j < len(strong):
            gap = f[end : strong[j].start()]
            if re.fullmatch(r"\d+(?:\.\d+)?(?:万元|万|元)?%?", gap):
                # label and value pairs (全年预算数(A)300全年执行数(B)…): the figure is its label's
                inline[len(labels) - 1] = gap
                labels.append(strong[j].group(0))
                end = strong[j].end()
                j += 1
                continue
            tiles = _tile(gap) if len(gap) <= 14 else None
            if tiles is None:
                # a garbled label glued to the next one: 全年(If整)预算数 → 全年(调整)预算数
                merged = (
                    _fuzzy(gap + strong[j].group(0), every)
                    if len(gap) <= 8 and not re.search(r"\d", gap)
                    else None
                )
                if merged is None:
                    break
                labels.append(merged)
            else:
                labels.extend(tiles)
                labels.append(strong[j].group(0))
            end = strong[j].end()
            j += 1
        while True:  # short labels after the last strong one: …执行率(B/A)得分, 执行率(B/A1得分
            match = column.match(f, end)
            noise = re.match(r"(?=[^\u3400-\u9fff]*[^\u3400-\u9fff\d])[^\u3400-\u9fff]{1,5}", f[end:])
            if match is None and noise:
                match = column.match(f, end + noise.end())
            if match is None:
                break
            labels.append(match.group(0))
            end = match.end()
        # garbled labels before the first strong one, back to the previous label: 年初预匏数…
        before = f[max(0, first.start() - 16) : first.start()]
        stop = max(
            (
                m.end()
                for name in ("row", "title", "field", "goal")
                for m in _patterns()[name].finditer(before)
            ),
            default=0,
        )
        before = before[stop:]
        start = first.start()
        if before and not re.search(r"\d", before):
            guesses = _garbled_labels(before, every)
            if guesses:
                labels[:0] = guesses
                start -= len(before)
        fund_kinds = {vocab.column_of(label, vocab.FUND_COLUMNS) for label in labels}
        if "execution_rate" not in fund_kinds and "weight" in fund_kinds:
            # 分值执行率得分 read as 分值 | 执行率得分: with no 执行率 column of its own, the two labels
            # 执行率 | 得分 of the central template (its rows print the rate)
            at = next((n for n, label in enumerate(labels) if re.fullmatch(r"执行率得分", label)), None)
            if at is not None:
                labels[at : at + 1] = ["执行率", "得分"]
                fund_kinds = {vocab.column_of(label, vocab.FUND_COLUMNS) for label in labels}
        kinds = {vocab.column_of(label, vocab.INDICATOR_COLUMNS) for label in labels}
        block = "indicators" if kinds & {"name", "level1", "level2", "target", "result"} else "funds"
        if len(labels) >= 3 or (len(labels) == 2 and block == "funds" and len(fund_kinds - {None, ""}) == 2):
            out.append(_Header(start, end, labels, block, inline or None))
        k = j
    return out


def _squeeze(text: str) -> str:
    """Drop the white space a line wrap left inside a cell (成 品粮, 年度指标 值) next to Chinese."""
    return re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])", "", text)


_LABEL_KINDS = ("field", "title", "goal", "section", "row")


def _labels_in(f: str, start: int, end: int, kinds: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """The labels of ``kinds`` in f[start:end], leftmost-longest, as (start, end, kind)."""
    found: list[tuple[int, int, str]] = []
    for kind in kinds:
        found.extend((m.start(), m.end(), kind) for m in _patterns()[kind].finditer(f, start, end))
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[tuple[int, int, str]] = []
    for match in found:
        if out and match[0] < out[-1][1]:
            continue
        out.append(match)
    return out


_FIGURE_CHARS = re.compile(r"[((]\d{1,2}[))]|(?P<fig>[\d.%]+(?:万元|万|萬|元)?|[Oo](?=[\d%.])|(?<=\d)[Oo])")


def _label_runs(s: str, f: str) -> list[tuple[str, str, str, int]]:
    """Cut funding rows run together (年度资金总额:194.9194.9100%其中:…) into (label, figures,
    folded figures, offset): a label is the text before a run of figures."""
    out: list[tuple[str, str, str, int]] = []
    label_start = 0
    k = 0
    while k < len(f):
        match = _FIGURE_CHARS.match(f, k)
        if match is None or match.group("fig") is None:
            k = match.end() if match else k + 1
            continue
        run_start = k
        while match is not None and match.group("fig") is not None:
            k = match.end()
            match = _FIGURE_CHARS.match(f, k)
        if f[k : k + 1] in ("年", "月", "日"):
            # 38.75万元2022年…: the figure before a date is the date's, and text follows
            date = re.search(r"\d+$", f[run_start:k])
            k = run_start + date.start() if date else k
            if k == run_start:
                k += 1
                continue
        out.append((s[label_start:run_start], s[run_start:k], f[run_start:k], run_start))
        label_start = k
    if label_start < len(s):
        out.append((s[label_start:], "", "", len(s)))
    return out


def _is_row_label(label: str) -> bool:
    """A funding row's label is short and no sentence (其中:当年财政拨款, (1)财政拨款, 合计)."""
    bare = re.sub(r"^[((]\d{1,2}[))]|[((]\d{1,2}[))]", "", label.strip())
    return len(bare) <= 20 and not re.search(r"[,，。;；“”\"()（）]", bare)


class _Reader:
    """One run-together text read into rows of cells."""

    def __init__(self, text: str, owners: list[int], breaks: set[int] | None = None) -> None:
        self.s = text
        self.breaks = breaks or set()
        folded = matching_text(text)
        self.f = folded if folded is not None else text
        self.owners = owners
        self.out: list[Row] = []
        self.pending: tuple[int, int, str] | None = None  # a label just before a header
        self.header_labels: list[str] = []

    def source(self, position: int) -> str:
        if not self.owners:
            return "line 1"
        return f"line {self.owners[min(position, len(self.owners) - 1)]}"

    def emit(self, cells: list[str], position: int, review: list[tuple[str, str]] | None = None) -> None:
        row = Row(cells=cells, source=self.source(position))
        if review:
            row.review.extend(review)
        self.out.append(row)

    def read(self) -> list[Row]:
        headers = _headers(self.f)
        position = 0
        for k, header in enumerate(headers):
            if header.start < position:
                continue
            limit = headers[k + 1].start if k + 1 < len(headers) else len(self.f)
            self.plain(position, header.start)
            if header.block == "funds":
                position = self.funds(header, limit)
            else:
                position = self.indicators(header, limit)
        self.plain(position, len(self.f))
        return self.out

    # -- text outside the tables: header fields, goals, sections -------------------------------

    def plain(self, start: int, end: int) -> None:
        labels = [
            m
            for m in _labels_in(self.f, start, end, _LABEL_KINDS)
            if m[2] != "row" or m[1] == end  # a row label outside a block is text, but for the header's
        ]
        if not labels or labels[0][0] > start:
            text = self.s[start : labels[0][0] if labels else end].strip()
            if text:
                self.emit([text], start)
        # A note or a conclusion runs to the next section or field: the words inside it (其他资金,
        # 中央) are not labels there.
        kept: list[tuple[int, int, str]] = []
        for match in labels:
            if kept and kept[-1][2] == "section":
                note = fold_label(self.s[kept[-1][0] : kept[-1][1]]).startswith(("注", "说明"))
                if note or match[2] not in ("section", "field"):
                    continue  # a note runs to the end; a conclusion to the next section or field
            kept.append(match)
        labels = kept
        for k, (a, b, kind) in enumerate(labels):
            following = labels[k + 1][0] if k + 1 < len(labels) else end
            value = self.s[b:following].strip()
            label = self.s[a:b].rstrip(_COLONS)
            if kind in ("title", "row") and not value and following == end:
                self.pending = (a, b, kind)  # the block title (or row label) of the header after it
                continue
            self.emit([label, value] if value else [label], a)

    def printed(self, header: _Header) -> list[str]:
        """The header's labels as printed (traditional characters stay); a garbled label is given
        by the label it stands for."""
        out = []
        cursor = header.start
        for label in header.labels:
            at = self.f.find(label, cursor, header.end)
            if at < 0:
                out.append(label)
                continue
            out.append(self.s[at : at + len(label)])
            cursor = at + len(label)
        return out

    def take_pending(self, header: _Header, kinds: tuple[str, ...]) -> str:
        pending, self.pending = self.pending, None
        if pending is None or pending[1] != header.start or pending[2] not in kinds:
            if pending is not None:
                self.emit([self.s[pending[0] : pending[1]].rstrip(_COLONS)], pending[0])
            return ""
        return self.s[pending[0] : pending[1]].rstrip(_COLONS)

    # -- the funding block ---------------------------------------------------------------------

    def funds(self, header: _Header, limit: int) -> int:
        first_label = ""
        pending = self.pending
        title = ""
        if pending is not None and pending[1] == header.start and pending[2] == "row":
            first_label = self.s[pending[0] : pending[1]].rstrip(_COLONS)
            self.pending = None
        else:
            title = self.take_pending(header, ("title",))
        stops = [
            m
            for m in _labels_in(self.f, header.end, limit, ("field", "goal", "section", "title", "row"))
            if m[2] != "row" and not fold_label(self.s[m[0] : m[1]]).startswith(vocab.FUND_TOTAL_ROWS)
        ]
        levels = [m.start() for m in _patterns()["level1"].finditer(self.f, header.end, limit)]
        end = min([m[0] for m in stops] + levels + [limit])
        columns = rowcodec.columns_for(header.labels, vocab.FUND_COLUMNS)
        self.emit([title, *self.printed(header)], header.start)
        if header.inline and first_label:
            cells = [header.inline.get(k, "") for k in range(len(columns))]
            self.emit(
                [first_label, *cells], header.start, [("funds", "figures printed after their column labels")]
            )
            first_label = ""
        pieces = _label_runs(self.s[header.end : end], self.f[header.end : end])
        rows: list[rowcodec.FundRow] = []
        places: list[int] = []
        remarks: dict[int, list[str]] = {}  # text after a row (its remark column), by row
        for k, (label, run, folded, offset) in enumerate(pieces):
            if not _is_row_label(label):
                folded_label = self.f[header.end + offset - len(label) : header.end + offset]
                tail = [m for m in _patterns()["row"].finditer(folded_label) if m.end() == len(folded_label)]
                if not tail or not run:
                    # words and figures of a sentence, not a row of figures: kept as text, not read
                    remarks.setdefault(len(rows) - 1, []).append(label + run)
                    continue
                # a remark column's text, then the next row's label (…分值上限。其中:本年财政拨款)
                remarks.setdefault(len(rows) - 1, []).append(label[: tail[-1].start()])
                label = label[tail[-1].start() :]
            label = label.strip().rstrip(_COLONS)
            if k == 0 and first_label and not label:
                label = first_label
            key = re.sub(r"^其中[::]?", "", fold_label(label)).rstrip(":")
            total = (
                (not label and k == 0)
                or key in vocab.FUND_TOTAL_ROWS
                or key.startswith(vocab.FUND_TOTAL_ROWS)
            )
            rows.append(rowcodec.FundRow(label, run, folded, total))
            places.append(header.end + offset)
        if rows and not any(row.total for row in rows) and rows[0].label:
            # a block opens with its total, whatever it is called (年度总金额)
            rows[0] = rowcodec.FundRow(rows[0].label, rows[0].text, rows[0].folded, True)
        decoded = rowcodec.decode_funds([r for r in rows if r.text], columns)
        found = iter(decoded)
        cells_of: list[list[str]] = []
        reviews: list[list[tuple[str, str]]] = []
        for row in rows:
            cells = [""] * len(columns)
            review: list[tuple[str, str]] = []
            if row.text:
                result = next(found)
                for column, text in result.cells.items():
                    cells[column] = matching_text(text) or text  # figures folded: 10萬 → 10万
                review.extend(("funds", note) for note in result.notes)
                if result.cells:
                    review.append(("funds", f"{rv.RUN_SPLIT}: '{rv.clip(row.text)}'"))
            cells_of.append(cells)
            reviews.append(review)
        text_column = next((k for k, c in enumerate(columns) if c.kind == rowcodec.TEXT), None)
        for k, texts in remarks.items():
            text = "".join(texts).strip()
            if not text:
                continue
            if k < 0:
                self.out.insert(len(self.out) - 1, Row(cells=[text], source=self.source(header.end)))
            elif text_column is not None and not cells_of[k][text_column]:
                cells_of[k][text_column] = text
            else:
                reviews[k].append(("funds", f"{rv.NOT_IMPORTED}: '{rv.clip(text)}'"))
        self._merged_cells(rows, columns, cells_of)
        for row, cells, review, place in zip(rows, cells_of, reviews, places, strict=True):
            if not row.label and not any(cells):
                continue
            self.emit([row.label, *cells], place, review)
        return end

    @staticmethod
    def _merged_cells(
        rows: list[rowcodec.FundRow], columns: list[rowcodec.Column], cells_of: list[list[str]]
    ) -> None:
        """执行率, 分值 and 得分 printed once beside the block (merged cells) land after a 其中 line in
        the text; they are the total's when the total row has none of its own."""
        totals = [k for k, row in enumerate(rows) if row.total]
        if len(totals) != 1:
            return
        total = cells_of[totals[0]]
        for k, row in enumerate(rows):
            if row.total:
                continue
            for column, spec in enumerate(columns):
                if (
                    spec.field in ("execution_rate", "weight", "score")
                    and cells_of[k][column]
                    and not total[column]
                ):
                    total[column], cells_of[k][column] = cells_of[k][column], ""

    # -- the indicator grid --------------------------------------------------------------------

    def indicators(self, header: _Header, limit: int) -> int:
        title = self.take_pending(header, ("title",))
        labels = header.labels
        self.header_labels = labels
        columns = rowcodec.columns_for(labels, vocab.INDICATOR_COLUMNS)
        offset = 1 if title else 0
        width = len(labels) + offset
        printed = self.printed(header)
        self.emit([title, *printed] if title else printed, header.start)
        stops = _labels_in(self.f, header.end, limit, ("field", "section"))
        end = stops[0][0] if stops else limit
        where = {c.field: k for k, c in reversed(list(enumerate(columns))) if c.field}
        name_at = where.get("name")
        if name_at is None:
            return end
        decode_columns = [columns[name_at], *columns[name_at + 1 :]]
        level1 = level2 = ""
        cap: Decimal | None = None
        position = header.end
        for a, b, kind in [*self._levels(header.end, end), (end, end, "end")]:
            if a > position:
                last = a == len(self.f)
                self._indicator_run(
                    position, a, decode_columns, name_at, offset, width, (level1, level2), cap, last
                )
            if kind == "level1" and level1 and vocab.is_ambiguous_level(self.f[a:b]):
                kind = "level2"  # 成本指标 under 产出指标: the second level
            if kind == "level1":
                level1, level2 = self.s[a:b], ""
                points = re.search(r"(\d+(?:\.\d+)?)分?[))]?$", self.f[a:b])
                cap = Decimal(points.group(1)) if points else None
            elif kind == "level2":
                level2 = self.s[a:b]
                points = re.search(r"(\d+(?:\.\d+)?)分[))]$", self.f[a:b])
                if points:
                    cap = Decimal(points.group(1))
            position = b
        total = stops[0] if stops else None
        if total is not None and fold_label(self.s[total[0] : total[1]]).startswith(("总分", "合计", "总计")):
            return self._total(total, limit, columns, offset, width)
        return end

    def _levels(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The level labels of the grid (产出指标(40分), 数量指标 …) where rows can start: at the start of
        the grid, after another level label, or after a row's last figure or word."""
        found = []
        for kind in ("level1", "level2", "title"):
            # a block title inside the grid (绩效指标) is the header repeated after a page break
            found.extend((m.start(), m.end(), kind) for m in _patterns()[kind].finditer(self.f, start, end))
        # second levels printed short (成本, 时效, 可持续性): only where a row has just ended
        for m in _SHORT_LEVEL2.finditer(self.f, start, end):
            before = self.f[m.start() - 1] if m.start() > start else ""
            if (m.start() == start or before.isdigit() or before in "%是否") and (
                _CJK_AT.match(self.f, m.end()) or self.f[m.end() : m.end() + 1].isdigit()
            ):
                found.append((m.start(), m.end(), "level2"))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        out: list[tuple[int, int, str]] = []
        for a, b, kind in found:
            if out and a < out[-1][1]:
                continue
            if out and a == out[-1][1] and self.f[a:b] == self.f[out[-1][0] : out[-1][1]]:
                continue  # 财务管理财务管理制度: the name repeats its level
            if (
                self.f[a:b].endswith("指标")
                and self.f[b : b + 1].isdigit()
                and (vocab.is_level1(self.f[a : b - 2]) or vocab.is_level2(self.f[a : b - 2]))
            ):
                b -= 2  # 生态效益指标1病害…: the level is 生态效益, 指标1 numbers the row
            if kind == "level1":
                digits = re.match(r"\d{1,3}(?=[\u3400-\u9fff])", self.f[b:end])
                if digits and not rowcodec.value_starts(self.f, b + digits.end()):
                    b += digits.end()  # 管理指标30: the level's points, printed without 分
            out.append((a, b, kind))
        return out

    def _indicator_run(
        self,
        start: int,
        end: int,
        columns: list[rowcodec.Column],
        name_at: int,
        offset: int,
        width: int,
        levels: tuple[str, str],
        cap: Decimal | None,
        last: bool,
    ) -> None:
        text = self.s[start:end]
        folded = self.f[start:end]
        clean = re.sub(r"[…。.]{2,}$", "", text)
        text, folded = text[: len(clean)], folded[: len(clean)]
        if not text.strip():
            return
        decoding = rowcodec.decode_rows(text, folded, columns, cap=cap, partial_end=last)
        level1, level2 = levels
        for row in decoding.rows:
            cells = [""] * width
            self._place_levels(cells, offset, level1, level2)
            review: list[tuple[str, str]] = []
            for column, value in row.cells.items():
                if column >= len(columns):
                    continue
                if column and self._across_break(start, row.spans.get(column)):
                    review.append(("indicators", f"figures cut by a page break not placed: '{value}'"))
                    continue
                cells[offset + name_at + column] = "" if value == "一" else value  # 一: OCR's dash
            self._unit_on_result(cells, offset, name_at, columns)
            review.extend(("indicators", note) for note in row.notes)
            review.append(("indicators", f"{rv.RUN_SPLIT}: '{rv.clip(text[row.start : row.end])}'"))
            self.emit(cells, start + row.start, review)
        for piece in decoding.unsplit:
            self.emit([""] * width, start, [("indicators", f"{rv.ROW_UNSPLIT}: '{rv.clip(piece)}'")])

    def _across_break(self, offset: int, span: tuple[int, int] | None) -> bool:
        """Whether a figure lies after a page break in its run of figures (12.51 | 3、 | 2.512.5): the
        site may have lost or added characters there, so the cut is not sure."""
        if span is None:
            return False
        end = offset + span[1]
        return any(k < end and self._run_start(end) < k and self._run_start(k) < k for k in self.breaks)

    def _run_start(self, k: int) -> int:
        while k > 0 and (self.f[k - 1].isdigit() or self.f[k - 1] == "."):
            k -= 1
        return k

    def _unit_on_result(
        self, cells: list[str], offset: int, name_at: int, columns: list[rowcodec.Column]
    ) -> None:
        """A result written as a bare figure beside a unit column (90 | % | 100) is read with its
        unit (100%), as the target is; not when the row writes units in its value cells (3% | 0)."""
        at = {c.field: offset + name_at + k for k, c in enumerate(columns) if c.field}
        if "unit" not in at or "result" not in at:
            return
        unit = cells[at["unit"]]
        values = [cells[at[n]] for n in ("target", "adjusted_target", "result") if n in at and cells[at[n]]]
        result = cells[at["result"]]
        if (
            unit
            and result
            and all(re.fullmatch(r"\d+(?:\.\d+)?", v) for v in values)
            and re.fullmatch(r"[^\d\s]{1,4}", unit)
        ):
            cells[at["result"]] = result + unit

    def _place_levels(self, cells: list[str], offset: int, level1: str, level2: str) -> None:
        for k, cell in enumerate(self.header_labels):
            field = vocab.column_of(cell, vocab.INDICATOR_COLUMNS)
            if field == "level1" and level1:
                cells[offset + k] = level1
            elif field == "level2" and level2:
                cells[offset + k] = level2

    def _total(
        self, total: tuple[int, int, str], limit: int, columns: list[rowcodec.Column], offset: int, width: int
    ) -> int:
        a, b, _ = total
        figures = re.match(r"[\d.]+", self.f[b:limit])
        label = self.s[a:b].rstrip(_COLONS)
        if figures is None:
            return a
        points = [k for k, c in enumerate(columns) if c.field in ("weight", "score")]
        cells = [""] * width
        cells[0] = label
        review: list[tuple[str, str]] = []
        if len(points) == 2:
            decoded = rowcodec.decode_funds(
                [rowcodec.FundRow(label, figures.group(0), figures.group(0), True)],
                [columns[points[0]], columns[points[1]]],
            )[0]
            whole = _dec(figures.group(0))
            if (
                not decoded.cells
                and ("得分" in fold_label(label) or self.f[max(0, a - 2) : a] == "得分")
                and whole is not None
                and whole <= 100
                and columns[points[1]].field == "score"
            ):
                # 得分合计100: the label names the score (得分 | 合计 may be cut apart); one figure,
                # the whole of it
                cells[offset + points[1]] = figures.group(0)
            else:
                for k, value in decoded.cells.items():
                    cells[offset + points[k]] = value
                review.extend(("total_score", note) for note in decoded.notes)
        elif len(points) == 1:
            cells[offset + points[0]] = figures.group(0)
        self.emit(cells, a, review)
        return b + figures.end()


_COLONS = ":\uff1a"
_CUT_NAME = re.compile(r"[\u3400-\u9fff“”\"()（）、]{4,40}")
_SHORT_LEVEL2 = re.compile("数量|质量|时效|成本|效益|可持续性|满意度")
_CJK_AT = re.compile(r"[\u3400-\u9fff]")
_PAGE_MARK = re.compile(r"^\s*\d{1,2}、(?=\S)")


def _long_line(line: str) -> bool:
    text = _squeeze(line.strip())
    return len(text) >= 60 and text.count(" ") < 4


def _numbered_texts(lines: list[str]) -> list[tuple[int, str]]:
    return [(n, t) for n, line in enumerate(lines, start=1) if (t := line.replace("\f", "").strip())]


_FIGURES_AFTER_ROW = re.compile(r"(?:年度资金总额|资金总额|总额|合计)[::]?\d[\d.]*\d[\d.%]*")


def _cells_run_together_in_lines(lines: list[str]) -> int | None:
    """Where a text whose lines each run their cells together starts (中央主管部门财政部,
    年度资金总额:40004000100%, a header whose labels touch): the first line with a form's label."""
    # as printed: cells that a space separates are not run together
    folded_lines = [matching_text(t) or to_simplified(t) for t in (line.strip() for line in lines) if t]
    if not any(_FIGURES_AFTER_ROW.search(f) for f in folded_lines):
        return None
    strong = _patterns()["strong"]
    touching = False
    for folded in folded_lines:
        matches = list(strong.finditer(folded)) if len(folded) < 200 else []
        if sum(1 for a, b in itertools.pairwise(matches) if a.end() == b.start()) >= 2:
            touching = True  # 全年预算数(A)全年执行数(B)预算执行率(B/A): labels that touch
            break
    if not touching:
        return None
    title = re.compile(r"绩效.{0,6}(自评|评价)")
    for k, line in enumerate(lines):
        folded = matching_text(line) or to_simplified(line)
        if title.search(folded) or _patterns()["field"].search(folded):
            return k
    return None


def applies(lines: list[str]) -> bool:
    """Whether a text has cells run together: a long line of labels and values without separators,
    or lines that each run a label and its values together."""
    return any(is_run_together(line) for line in lines) or _cells_run_together_in_lines(lines) is not None


def read(lines: list[str]) -> list[Row]:
    """The run-together reading of a text: the lines before the first run-together one as they are,
    then everything after it joined (page marks of document-sharing sites and line breaks inside
    cells taken out) and read by its labels, headers and decoded rows."""
    first = next((k for k, line in enumerate(lines) if is_run_together(line.replace("\f", "").strip())), None)
    if first is None:
        first = _cells_run_together_in_lines(lines)
    if first is None:
        return []
    # long lines just before it belong to the same text (a report part before the table)
    while first > 0 and (not lines[first - 1].strip() or _long_line(lines[first - 1])):
        first -= 1
    while first < len(lines) and not lines[first].strip():
        first += 1
    rows = [Row(cells=[t], source=f"line {n}") for n, t in _numbered_texts(lines[:first])]
    pieces: list[str] = []
    owners: list[int] = []
    breaks: set[int] = set()
    for number, line in enumerate(lines[first:], start=first + 1):
        raw = line.replace("\f", "").strip()
        text = _squeeze(_PAGE_MARK.sub("", raw))
        if text:
            if _PAGE_MARK.match(raw):
                breaks.add(len(owners))  # a document-sharing site's page break: figures across it are unsure
            pieces.append(text)
            owners.extend([number] * len(text))
    try:
        rows.extend(_Reader("".join(pieces), owners, breaks).read())
    except Exception:  # a bug here must not cost the other readings of the page
        logger.exception("run-together reading failed")
        return []
    return rows


def decode_line(
    text: str, labels: list[str], *, last: bool = False
) -> list[tuple[dict[str, str], list[str]]]:
    """Decode one cell that holds indicator rows run together, under a header of ``labels`` (a grid
    whose other rows have their cells): the rows it holds as {field: text} and the notes for review.
    Empty when the header has no name column or nothing decodes for sure."""
    columns = rowcodec.columns_for(labels, vocab.INDICATOR_COLUMNS)
    at = next((k for k, c in enumerate(columns) if c.field == "name"), None)
    if at is None:
        return []
    columns = [c for c in columns[at:] if c.field not in ("level1", "level2")]
    clean = _squeeze(text.strip())
    folded = matching_text(clean)
    folded = folded if folded is not None else clean
    decoding = rowcodec.decode_rows(clean, folded, columns, partial_end=last)
    out = []
    for row in decoding.rows:
        values = {columns[k].field: v for k, v in row.cells.items() if k < len(columns) and columns[k].field}
        if values.get("target") == "一":
            values.pop("target")
        if set(values) <= {"name"} and not (last and row is decoding.rows[-1] and _CUT_NAME.fullmatch(text)):
            continue  # a name alone (指标2:, a fragment, a note) is no indicator, but the excerpt's last
        unit = values.get("unit", "")
        figures = [values[n] for n in ("target", "adjusted_target", "result") if n in values]
        if unit and "result" in values and all(re.fullmatch(r"\d+(?:\.\d+)?", v) for v in figures):
            values["result"] += unit
        out.append((values, list(row.notes)))
    if decoding.unsplit and not out:
        return []
    return out

"""Cells that OCR or a flattening ran together, cut apart by the form's own labels and arithmetic.

:func:`segment` cuts a line without separators (年度资金总额:202010100.00%10其中:本年财政拨款2020…)
at the labels printed on forms (one vocabulary, matched on simplified characters) into label cells
and the runs between them. :func:`split_figures` cuts a run of figures (202010100.00%10) into the
columns of its block where exactly one split agrees with the form's arithmetic (执行率 = 执行数 ÷
预算数, 得分 = 分值 × 执行率, capped at 分值); :func:`split_indicator_run` cuts a run of indicator rows
(安装坡面水标尺10≥266米≥266米10水标尺宽度10…) by the column kinds of its header.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.ingest import vocab
from jixiao.ingest.textutil import to_simplified

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
    stripped = line.strip()
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

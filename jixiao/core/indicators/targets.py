"""Targets → conditions: "好评率95%以上" → 好评率 ≥ 95 %; "良好以上" → grade ≥ 良好; "2021年11月30日前完成"
→ date ≤ 2021-11-30; two comparisons in one cell → two conditions that must both hold."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal, NamedTuple

from jixiao.core.indicators import lexicon as lx
from jixiao.core.indicators.model import (
    CAUSE_GARBLED,
    CAUSE_NO_TARGET,
    CAUSE_NO_TARGET_VALUE,
    CAUSE_TRUNCATED,
    DATE_UNIT,
    GRADE_UNIT,
    Condition,
    Operator,
)
from jixiao.core.numbers import parse_chinese_integer

Kind = Literal["quantity", "grade", "qualitative", "deadline", "problem"]

_ONE = Decimal(1)
_COUNTING_VERBS = frozenset(
    {
        "完成",
        "建成",
        "新增",
        "实现",
        "开展",
        "举办",
        "发放",
        "新建",
        "改造",
        "办理",
        "培训",
        "建设",
        "累计",
        "达到",
        "推进",
    }
)
_CLAUSE_END = frozenset({"", ",", ";", "。", ".", ":", ")", " ", "\n", "!", "?"})
_INCLUSIVE = {lx.GT: lx.GE, lx.LT: lx.LE}
_EXCLUSIVE = {lx.GE: lx.GT, lx.LE: lx.LT}
_GOAL_VERB_RE = re.compile(
    r"完成|实现|建成|开展|推进|确保|保障|落实|提升|提高|做好|加强|达到|按时|按期|及时|规范|符合|有效"
)
# OCR damage: a letter where a digit belongs ("第O份", "M.8万元"), or 到/第 where ≥ was ("到0次").
_GARBLED_RE = re.compile(
    r"[A-Za-z]\s*(?:" + lx.UNIT_PATTERN + r")(?:\s|$)|^[到第]\s*[\dA-Za-z]|(?<![A-Za-z])[A-Za-z]\.\d"
)
_HAS_DIGIT_RE = re.compile(r"\d")
_UNIT_ONLY_RE = re.compile(r"^(?:" + lx.UNIT_PATTERN + r")$")
_PLACEHOLDER_RE = re.compile(r"\*{2,}|…|\.{3,}")


class Target(NamedTuple):
    """A target read into conditions, or the reason it cannot be read."""

    kind: Kind
    conditions: tuple[Condition, ...] = ()
    problem: str = ""
    subject: str = ""
    cause: str = ""


def clean_subject(text: str) -> str:
    """Return an indicator name without stars, placeholders, bracketed notes and 其中 prefixes."""
    text = lx.fold(text)
    if "(" in text or "【" in text or "[" in text:
        text = lx.PARENTHETICAL_RE.sub("", text)
    if "★" in text or "☆" in text:
        text = text.replace("★", "").replace("☆", "")
    text = text.strip()
    if text[:1].isdigit() or text.startswith("指标"):
        text = lx.INDEX_PREFIX_RE.sub("", text)
    if text.startswith("其中"):
        text = text[2:]
    return balance_quotes(text.strip(lx.STRIP_CHARS))


def parse_target(name: str | None, target: str | None) -> Target:
    """Read the target of an indicator; when ``target`` is empty the target is read from ``name``.

    A target cell that holds only a dash or a slash ("—", "-", "一", "/") says there is no target: it
    is not read from the name.
    """
    if target and lx.DASH_TARGET_RE.match(target) and len(target.strip()) <= 3:
        stated = parse_target(name, None) if name and lx.HAS_NUMERAL_RE.search(name) else None
        if (
            stated is not None
            and stated.kind == "quantity"
            and not any(c.inferred for c in stated.conditions)
        ):
            return stated  # "好评率≥95%" with "—" beside it: the name states the target
        return Target(
            "problem",
            problem=f"目标值写作“{target.strip()}”,未设定目标,无法核验。",
            cause=CAUSE_NO_TARGET_VALUE,
        )
    if not lx.absent(target):
        assert target is not None
        text, embedded, default_subject = lx.fold(target), False, clean_subject(name or "")
    elif name and name.strip(lx.STRIP_CHARS):
        text, embedded, default_subject = lx.fold(name), True, ""
    else:
        return Target("problem", problem="未填写指标名称和目标值,无法核验。", cause=CAUSE_NO_TARGET)
    written = text.strip()
    if "(" in text or "【" in text or "[" in text:
        text = lx.PARENTHETICAL_RE.sub("", text)
    text = text.replace("★", "").strip(lx.EDGE_CHARS)
    if not text:
        return Target("problem", problem=f"目标“{written}”不完整,无法核验。", cause=CAUSE_TRUNCATED)
    if not _HAS_DIGIT_RE.search(text) and (_UNIT_ONLY_RE.match(text) or (len(text) == 1 and embedded)):
        return Target(
            "problem", problem=f"指标“{written}”只剩单位或标点,内容被截断,无法核验。", cause=CAUSE_TRUNCATED
        )
    if not embedded and _GARBLED_RE.search(text):
        return Target(
            "problem",
            problem=f"目标值“{written}”疑似识别错误(字母与数字混杂),无法核验。",
            cause=CAUSE_GARBLED,
        )
    if not embedded and _PLACEHOLDER_RE.search(text):
        return Target(
            "problem", problem=f"目标值“{written}”是未填写的模板占位符,无法核验。", cause=CAUSE_GARBLED
        )

    conditions = _quantities(text, embedded, default_subject) if lx.HAS_NUMERAL_RE.search(text) else []
    if conditions:
        return Target("quantity", tuple(conditions), subject=conditions[0].subject)
    deadline = _deadline(text, default_subject)
    if deadline is not None:
        return Target("deadline", (deadline,), subject=deadline.subject)
    grade = _grade(text, default_subject)
    if grade is not None:
        return Target("grade", (grade,), subject=grade.subject)
    if embedded and not _GOAL_VERB_RE.search(text):
        return Target(
            "problem", problem=f"指标“{written}”没有写明目标值,无法核验。", cause=CAUSE_NO_TARGET_VALUE
        )
    subject = default_subject if not embedded else ""
    return Target(
        "qualitative", (Condition(subject=subject, operator="grade", value=text, unit=""),), subject=subject
    )


def _number(text: str) -> Decimal | None:
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    value = parse_chinese_integer(text)
    return None if value is None else Decimal(value)


def infer_operator(subject: str) -> Operator:
    """Return the direction a bare value means for this subject: ≤ for costs, faults, delays; ≥ else."""
    core = subject.strip(lx.STRIP_CHARS)
    override = lx.MORE_IS_BETTER_OVERRIDE_RE.search(core)
    if override and not lx.NEGATED_ACTION_RE.search(core, 0, override.start()):
        return "≥"
    outcome = outcome_direction(core)
    if outcome is not None:
        return outcome
    if core.endswith(("率", "度")):
        return "≤" if lx.LESS_IS_BETTER_RATE_RE.search(core) else "≥"
    return "≤" if lx.LESS_IS_BETTER_RE.search(core) else "≥"


_NEGATING = frozenset("无零防抗减控治")


def outcome_direction(subject: str) -> Operator | None:
    """Return ≤ for a rate or count of a bad outcome (受害率, 误诊率, 伤亡人数), ≥ for one of acting
    on it (隐患整改率, 查处违法案件数), None when the subject names no outcome either way."""
    measure = lx.MEASURE_SUFFIX_RE.search(subject)
    if measure is None:
        return None
    head = subject[: measure.start()]
    if not head:
        return None
    # The last action decides; 未及时处理 / 处理不及时: a negated action is a failure to act.
    actions = list(lx.GOOD_ACTION_RE.finditer(head))
    if actions and not lx.NEGATED_ACTION_RE.search(head, 0, actions[-1].start()):
        return "≥"
    negated_to = -1
    for match in lx.BAD_OUTCOME_RE.finditer(head):
        word = match.group(0)
        # 控污染: 控 negates 污 and the 染 that continues it; 零事故, 无事故 likewise.
        negated = word[0] not in "不未" and (
            head[match.start() - 1 : match.start()] in _NEGATING or match.start() == negated_to
        )
        # The outcome must be the last word before the measure; 不合格 / 未达标 may qualify a noun.
        reach = 5 if word[0] in "不未" else 2
        if match.end() > len(head) - reach:
            # 无事故率, 零事故率, 控污染率: the share without the bad outcome, better higher.
            return "≥" if negated else "≤"
        if negated:
            negated_to = match.end()
    return None


def _subject_before(text: str, start: int, stop: int) -> str:
    piece = text[start:stop]
    parts = lx.SEPARATOR_RE.split(piece)
    for part in reversed(parts):
        cleaned = balance_quotes(part.strip(lx.STRIP_CHARS))
        if cleaned:
            return cleaned
    return ""


def _clause_end(text: str, start: int) -> int:
    match = lx.SEPARATOR_RE.search(text, start)
    return match.start() if match else len(text)


def balance_quotes(text: str) -> str:
    """Drop the quotes of a subject whose opening quote was stripped with the cell's edge."""
    return text.replace('"', "") if text.count('"') % 2 else text


def _quantities(text: str, embedded: bool, default_subject: str) -> list[Condition]:
    found: list[Condition] = []
    boundary = 0
    for match in lx.TARGET_RE.finditer(text):
        number, pre, unit_text, post, mult, mult2, unit2, number2, incl = match.group(
            "num", "pre", "unit", "post", "mult", "mult2", "unit2", "num2", "incl"
        )
        if number is None:
            continue
        is_chinese = not number[0].isdigit()
        if is_chinese and not unit_text and not pre:
            continue
        # A bare number counts only as the whole of a target cell ("100", ">=9" cut short).
        if not (pre or unit_text or post) and (
            embedded or text[match.end() :].strip(lx.STRIP_CHARS) or found
        ):
            continue
        if pre in ("达", "保持") and not (unit_text or post):
            continue
        # In a name, a figure with neither comparator nor boundary word is a target only where its
        # clause ends ("新增企业10家。"); "0-6岁儿童…" and "12345热线…" are part of the subject.
        verb_led = False
        if embedded and not (pre or post) and text[match.end() : match.end() + 1] not in _CLAUSE_END:
            # ... unless a verb of doing leads it: "2021年底前完成3个系统上线" is a count of 3.
            if text[max(0, match.start() - 2) : match.start()] not in _COUNTING_VERBS:
                continue
            verb_led = True
        value = _number(number)
        if value is None:
            continue
        subject = _subject_before(text, boundary, match.start())
        if verb_led:
            # The thing counted follows the figure: "完成3个系统上线" counts 系统上线.
            subject = _subject_before(text, match.end(), _clause_end(text, match.end())) or subject
        if len(subject) < 2 or subject in ("全年", "年度", "累计", "其中", "合计"):
            subject = (found[-1].subject if found else "") or default_subject or subject
        elif default_subject and not embedded and len(found) == 0 and subject in default_subject:
            subject = default_subject
        unit, unit_factor = lx.canonical_unit(unit_text or unit2 or "")
        factor = lx.MULTIPLIERS.get(mult or mult2 or "", _ONE) * unit_factor
        operator: Operator
        inferred = False
        if post:
            operator = lx.SUFFIX_OPERATORS[post]  # type: ignore[assignment]
        elif pre:
            operator = lx.PREFIX_OPERATORS[pre]  # type: ignore[assignment]
        else:
            operator, inferred = infer_operator(subject or default_subject), True
        incl = incl or match.group("incl0")
        if incl:
            operator = (_EXCLUSIVE if incl.startswith("(不") else _INCLUSIVE).get(operator, operator)  # type: ignore[assignment]
        boundary = match.end()
        if number2:
            high = _number(number2)
            if high is not None and not pre and not post:
                high_factor = lx.MULTIPLIERS.get(mult2 or mult or "", _ONE) * unit_factor
                found.append(Condition(subject, "≥", value, unit, factor))
                found.append(Condition(subject, "≤", high, unit, high_factor))
                continue
            if high is not None:
                value = high
        found.append(Condition(subject, operator, value, unit, factor, inferred=inferred))
    return found


_TIME_SUBJECT_RE = re.compile(r"时限|时间|日期|期限|完工|竣工|完成|进度|按期|及时")


def _deadline(text: str, default_subject: str) -> Condition | None:
    bare = lx.BARE_DATE_RE.fullmatch(text)
    if bare is not None and _TIME_SUBJECT_RE.search(default_subject):
        # "项目完工时限 | 2023年12月": a date alone under a time indicator is a deadline.
        text = text + "前"
    for match in lx.DEADLINE_RE.finditer(text):
        year, month, day = match.group("y"), match.group("m"), match.group("d")
        if not (year or month):
            continue
        if match.group("edge") and not day and month:
            day = "31"
        parts = [year] if year else []
        if month:
            parts.append(f"{int(month):02d}")
        if day:
            parts.append(f"{int(day):02d}")
        value = "-".join(parts) if year else "--" + "-".join(parts)
        subject = _subject_before(text, 0, match.start()) or default_subject
        return Condition(subject, "≤", value, DATE_UNIT)
    return None


def _grade(text: str, default_subject: str) -> Condition | None:
    match = lx.GRADE_TARGET_RE.search(text)
    if match is None:
        return None
    word = match.group("grade")
    scale, _ = lx.GRADE_LEVEL[word]
    subject = text[: match.start()].strip(lx.STRIP_CHARS)
    # A one-character grade inside a longer phrase ("便于信息化应用更好") is no grade target.
    if subject and len(word) == 1 and not subject.endswith(("为", "是", "达到", "评价", "程度", "较", "很")):
        return None
    operator: Operator = "≤" if (match.group("post") or "").endswith("以下") else "≥"
    return Condition(subject or default_subject, operator, word, GRADE_UNIT, scale=scale)


def grid_target(operator: str | None, value: str | None, unit: str | None) -> str | None:
    """Join a grid's 指标性质 / 指标值 / 度量单位 columns (Sichuan: "=" | "100" | "%") into one target.

    The operator column may hold a sign ("≥", "＝", ">=") or a word ("不低于"); a qualitative value
    with no operator is kept as written. Returns None when no value is written.
    """
    if lx.absent(value):
        return None
    assert value is not None
    written_op = lx.fold(operator or "").strip()
    if written_op in ("定性", "定量", "定性指标", "定量指标"):
        written_op = ""
    written_unit = lx.fold(unit or "").strip()
    if written_unit in ("-", "/", "无"):
        written_unit = ""
    text = lx.fold(value).strip()
    if written_unit and text.endswith(written_unit):  # "95%" with "%" (both folded to half width)
        written_unit = ""
    return f"{written_op}{text}{written_unit}"

"""Results → actual values: the figure with the target's unit nearest to the indicator's keyword,
未发生 / 无 / 零 as 0, grades on the target's scale, completion dates — each with its evidence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from jixiao.core.indicators import lexicon as lx
from jixiao.core.indicators.model import GRADE_UNIT, Actual, Condition
from jixiao.core.indicators.words import WORD_PAIRS
from jixiao.core.numbers import parse_chinese_integer

_ZERO_NEAR_RE = re.compile(
    r"未发生|未出现|没有发生|没有出现|未收到|未接到|未有|零|杜绝|无(?![法偿纸缝人线须需论])"
)
_SHORT_RESULT = 16
_ONE = Decimal(1)
_PUNCT_RE = re.compile(r"[\s,;。.!?:\"']+")


class Mention(NamedTuple):
    """A figure in the result: value as written, canonical unit, factor, span."""

    value: Decimal
    unit: str
    factor: Decimal
    start: int
    end: int


def mentions(text: str) -> list[Mention]:
    """Return every figure in ``text`` (folded), skipping dates and ordinals."""
    found: list[Mention] = []
    for match in lx.QUANTITY_RE.finditer(text):
        skip, number, mult, unit_text = match.group("skip", "num", "mult", "unit")
        if skip is not None:
            continue
        if number is not None:
            value = Decimal(number.replace(",", "") if "," in number else number)
        else:
            parsed = parse_chinese_integer(match.group("cn"))
            if parsed is None:
                continue
            value = Decimal(parsed)
            mult, unit_text = match.group("cnmult", "cnunit")
        unit, unit_factor = lx.canonical_unit(unit_text or "")
        factor = lx.MULTIPLIERS.get(mult, _ONE) * unit_factor if mult else unit_factor
        found.append(Mention(value, unit, factor, match.start(), match.end()))
    return found


def keywords(subject: str) -> list[str]:
    """Return the pieces of a subject to look for in the result, most telling first."""
    text = lx.PARENTHETICAL_RE.sub("", subject)
    pieces = [p.strip(lx.STRIP_CHARS) for p in lx.SEPARATOR_RE.split(text)]
    pieces = [p for p in pieces if p]
    if not pieces:
        return []
    whole = pieces[-1]
    core = lx.SUBJECT_TAIL_RE.sub("", whole) or whole
    found: list[str] = []
    for base, sizes in ((whole, (8, 6, 4, 3)), (core, (6, 4, 3, 2))):
        for size in sizes:
            if len(base) >= size:
                piece = base[-size:]
                if piece not in found:
                    found.append(piece)
    if whole.endswith("度"):
        found.insert(0, whole[-3:-1] + "率")
    if len(whole) == 2 and whole not in found:
        found.append(whole)
    return found


def _occurrences(text: str, words: list[str]) -> list[tuple[int, int]]:
    for word in words:
        start = text.find(word)
        if start < 0:
            continue
        spans: list[tuple[int, int]] = []
        while start >= 0:
            spans.append((start, start + len(word)))
            start = text.find(word, start + 1)
        return spans
    return []


def _distance(mention: Mention, spans: list[tuple[int, int]]) -> int:
    best = 1 << 30
    for start, end in spans:
        if mention.start >= end:
            d = mention.start - end
        elif mention.end <= start:
            d = 2 * (start - mention.end) + 1
        else:
            d = 0
        best = min(best, d)
    return best


def find_actual(condition: Condition, text: str, found: list[Mention]) -> tuple[Actual | None, list[str]]:
    """Return the figure in ``text`` that answers ``condition``, with flags describing the choice."""
    flags: list[str] = []
    spans: list[tuple[int, int]] | None = None
    if condition.operator in ("≤", "<", "="):
        spans = _occurrences(text, keywords(condition.subject))
        zero = _zero_near(text, spans)
        if zero is not None:
            return zero, ["zero_from_words"]
    best_level: int | None = None
    pool: list[Mention] = []
    for mention in found:
        level = _unit_level(condition.unit, mention.unit)
        if level is None:
            continue
        if best_level is None or level < best_level:
            best_level, pool = level, [mention]
        elif level == best_level:
            pool.append(mention)
    if not pool or best_level is None:
        return None, flags
    if best_level == 3 and len(_PUNCT_RE.sub("", text)) > _SHORT_RESULT:
        return None, flags
    if best_level == 2:
        flags.append("loose_unit")
    if best_level == 3:
        flags.append("bare_number")
    if len(pool) > 1:
        # Only a choice needs the keyword: most results hold one figure in the target's unit.
        found_spans = spans if spans is not None else _occurrences(text, keywords(condition.subject))
        if found_spans:
            pool.sort(key=lambda m: _distance(m, found_spans))
    chosen = pool[0]
    alternatives = tuple(_actual(m) for m in pool[1:])
    if alternatives:
        flags.append("alternatives")
    if best_level == 3:
        # A bare number answers in the target's own unit ("≥5万元" → "5").
        return Actual(
            chosen.value, condition.unit, (chosen.start, chosen.end), condition.factor, alternatives
        ), flags
    return Actual(chosen.value, chosen.unit, (chosen.start, chosen.end), chosen.factor, alternatives), flags


def _unit_level(target: str, actual: str) -> int | None:
    if not actual:
        return 3
    if not target:
        return 2
    return lx.unit_distance(target, actual)


def _actual(mention: Mention) -> Actual:
    return Actual(mention.value, mention.unit, (mention.start, mention.end), mention.factor)


def _zero_near(text: str, spans: list[tuple[int, int]]) -> Actual | None:
    if lx.ZERO_WHOLE_RE.match(text):
        stripped = text.strip()
        start = text.find(stripped[:1]) if stripped else 0
        return Actual(Decimal(0), "", (start, start + len(stripped.rstrip("。.;"))))
    for start, end in spans:
        window_start = max(0, start - 6)
        match = _ZERO_NEAR_RE.search(text, window_start, min(len(text), start + 2))
        if match is not None:
            return Actual(Decimal(0), "", (match.start(), end))
    return None


def _grade_words(condition: Condition, text: str) -> Iterator[re.Match[str]]:
    """Yield the grade words of the condition's scale in ``text`` (a one-character grade only in a
    short result, where it cannot be part of another word)."""
    pattern = lx.SCALE_RES.get(condition.scale)
    if pattern is None:
        return
    short = len(_PUNCT_RE.sub("", text)) <= 6
    for match in pattern.finditer(text):
        if short or match.group("grade") not in lx.SHORT_GRADES:
            yield match


def find_grade(condition: Condition, text: str) -> Actual | None:
    """Return the grade on the condition's scale that ``text`` states, if any."""
    for match in _grade_words(condition, text):
        word = match.group("grade")
        if word[0] not in "不未无" and lx.negated_at(text, match.start()):
            continue
        return Actual(word, GRADE_UNIT, (match.start(), match.end()))
    return None


def find_denied_grade(condition: Condition, text: str) -> Actual | None:
    """Return the grade on the condition's scale that ``text`` denies (考核不优秀, 未达到良好), if any.

    The evidence runs from the negation to the end of the grade word.
    """
    for match in _grade_words(condition, text):
        word = match.group("grade")
        if word[0] in "不未无":
            continue
        head = max(0, match.start() - lx.NEGATION_REACH)
        negation = lx.NEGATION_BEFORE_RE.search(text[head : match.start()])
        if negation is not None:
            return Actual(word, GRADE_UNIT, (head + negation.start(), match.end()))
    return None


def find_dates(text: str) -> list[tuple[tuple[int | None, int, int], tuple[int, int]]]:
    """Return the completion dates a result states (a 截至 cut-off date is no completion date)."""
    found: list[tuple[tuple[int | None, int, int], tuple[int, int]]] = []
    for match in lx.DATE_IN_RESULT_RE.finditer(text):
        if match.group("cut") or match.group("cut2"):
            continue
        if match.group("y"):
            year: int | None = int(match.group("y"))
            month = int(match.group("m") or 12)
            day = int(match.group("d") or 31)
        else:
            year, month, day = None, int(match.group("m2")), int(match.group("d2") or 31)
        found.append(((year, month, day), (match.start(), match.end())))
    return found


def claim_span(text: str) -> tuple[int, int]:
    """Return the span of the result's first sentence: the claim a qualitative verdict rests on."""
    stripped = text.strip()
    start = text.find(stripped[:1]) if stripped else 0
    end = start + len(stripped)
    for mark in ("。", ";", "\n"):
        cut = text.find(mark, start)
        if 0 <= cut < end:
            end = cut
    return start, max(end, start)


def _cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def cut_off(text: str, context: str) -> tuple[int, int] | None:
    """Return the span of the clause a result stops in when it is cut off mid-sentence, else None.

    A result is cut when it ends on a CJK character, without a terminal mark, in a clause holding no
    figure, and either on a word that cannot end a sentence ("好评率为", "覆盖全区的") or on the first
    characters of a word the indicator's own texts spell out ("服务范" where the name says 服务范围,
    范围 being a word and 务范 none). ``context`` is the name and the target, folded.
    """
    end = len(text.rstrip())
    if end == 0 or not _cjk(text[end - 1]) or text[end - 1] in lx.RESULT_END_CHARS:
        return None
    start = 0
    for mark in lx.CLAUSE_SPLIT_RE.finditer(text, 0, end):
        start = mark.end()
    if lx.HAS_NUMERAL_RE.search(text, start, end):
        # The words after the clause's last figure: "…由80%提升至服务范" stops in "提升至服务范".
        for figure in lx.QUANTITY_RE.finditer(text, start, end):
            if figure.group("num") or figure.group("cn"):
                start = figure.end()
    clause = text[start:end]
    if not clause.strip():
        return None
    if lx.DANGLING_END_RE.search(clause):
        return start, end
    # The last character begins a word the indicator's own texts spell out, and forms none with the
    # character before it: "…服务范" with 服务范围 in the name (范围 is a word, 务范 is none).
    if len(clause) < 2 or not _cjk(clause[-2]) or clause[-2:] in WORD_PAIRS:
        return None
    tail = clause[-2:]
    spelled = context + " " + text[:start]
    at = spelled.find(tail)
    while at >= 0:
        if tail[1] + spelled[at + 2 : at + 3] in WORD_PAIRS:
            return start, end
        at = spelled.find(tail, at + 1)
    return None

"""Amounts and rates as written in real forms, read into ``Decimal``.

Everything here works on text and ``Decimal``; there is no binary floating point anywhere in
``jixiao.core`` (a test scans the package for it). Rounding is 四舍五入 (ROUND_HALF_UP), done once,
by the caller, at the end of a computation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from typing import Any

CENT = Decimal("0.01")
HUNDRED = Decimal("100")
WAN = Decimal("10000")
YI = Decimal("100000000")

# Cells that mean "nothing written here".
_ABSENT = {"", "-", "—", "——", "–", "/", "\\", "无", "空", "n/a", "na", "null", "none"}

# Prefixes that qualify a figure without changing it: 约18713万元, 超99%, 近100项, 达98.6%.
_QUALIFIERS = ("约", "大约", "超过", "超", "近", "达到", "达", "共", "累计", "合计", "计")

# Multipliers and the units they combine with. The longest unit is tried first.
_MULTIPLIERS: dict[str, Decimal] = {"万": WAN, "亿": YI, "千": Decimal("1000"), "百": HUNDRED}

_NUMBER_RE = re.compile(
    r"""^
    (?P<sign>[-+])?
    (?P<int>\d{1,3}(?:,\d{3})+|\d+)?
    (?:\.(?P<frac>\d+))?
    (?P<rest>.*)$""",
    re.VERBOSE,
)


class NumberError(ValueError):
    """Text that looks like a number but cannot be read as one."""


@dataclass(frozen=True)
class Quantity:
    """A figure read from text: its value as written, its unit, and how it was qualified.

    ``value`` is the number as written (16.35 for "16.35万户"); ``multiplier`` is the factor the
    written unit carries (10000 for 万); ``unit`` is the unit without the multiplier ("户").
    """

    value: Decimal
    unit: str = ""
    multiplier: Decimal = Decimal(1)
    approximate: bool = False
    text: str = ""

    @property
    def scaled(self) -> Decimal:
        """Return the value with the multiplier applied (16.35万户 → 163500)."""
        return self.value * self.multiplier


# Full-width ASCII (！ to ～) and the ideographic space, folded by a translation table: much cheaper
# than NFKC on long narratives, and all that figures need.
_WIDTH_TABLE = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20, 0x2212: 0x2D}
_NEEDS_FOLD = re.compile("[\uff01-\uff5e\u3000\u2212]")


def fold_width(text: str) -> str:
    """Fold full-width letters, digits and signs to ASCII ("９７．１％" → "97.1%"); keep the rest."""
    return text.translate(_WIDTH_TABLE) if _NEEDS_FOLD.search(text) else text


def normalize(text: str) -> str:
    """Fold full-width digits and signs to ASCII and drop white space inside the figure."""
    folded = unicodedata.normalize("NFKC", text)
    # NFKC leaves these: the minus sign, dashes used as minus, the ideographic full stop.
    folded = folded.replace("\u2212", "-").replace("\uff0d", "-").replace("。", ".")
    return re.sub(r"\s+", "", folded)


def is_absent(text: str | None) -> bool:
    """Return True for a cell that holds no figure ("", "—", "/", "－", None)."""
    if text is None:
        return True
    return normalize(text).lower() in _ABSENT or normalize(text).strip("-—–") == ""


def parse_quantity(text: str | None) -> Quantity | None:
    """Read one figure with its unit from a cell; None for an absent cell.

    Raises NumberError when the text is neither absent nor a readable figure
    ("7,00.0,77", "abc").
    """
    if is_absent(text):
        return None
    assert text is not None
    raw = normalize(text)
    approximate = False
    for prefix in _QUALIFIERS:
        if raw.startswith(prefix):
            approximate = approximate or prefix in ("约", "大约", "近")
            raw = raw[len(prefix) :]
            break
    for suffix in ("左右", "余", "多"):
        if raw.endswith(suffix):
            approximate = True
            raw = raw[: -len(suffix)]
    match = _NUMBER_RE.match(raw)
    if match is None or (match.group("int") is None and match.group("frac") is None):
        raise NumberError(f"不是可读的数字: {text!r}")
    digits = (match.group("int") or "0").replace(",", "")
    if match.group("frac") is not None:
        digits += "." + match.group("frac")
    rest = match.group("rest")
    if rest.startswith(("余", "多")):
        approximate = True
        rest = rest[1:]
    unit, multiplier = _split_unit(rest)
    if unit and not _is_unit(unit):
        raise NumberError(f"数字后有无法识别的内容: {text!r}")
    try:
        value = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise NumberError(f"不是可读的数字: {text!r}") from exc
    if match.group("sign") == "-":
        value = -value
    return Quantity(value=value, unit=unit, multiplier=multiplier, approximate=approximate, text=text)


def _split_unit(rest: str) -> tuple[str, Decimal]:
    if rest[:1] in _MULTIPLIERS and not rest.startswith("百分"):
        return rest[1:], _MULTIPLIERS[rest[:1]]
    return rest, Decimal(1)


def _is_unit(unit: str) -> bool:
    # A unit is short and holds no digits: "%", "万元" (after 万 is split off: "元"), "人次", "个工作日".
    return len(unit) <= 8 and not any(ch.isdigit() for ch in unit)


def parse_amount(text: str | None, unit: str = "万元") -> Decimal | None:
    """Read an amount and express it in ``unit`` (万元 or 元); None for an absent cell.

    "9,368.62" → 9368.62; "约18713万元" → 18713 (万元); "1.2亿元" → 12000 (万元);
    "16.35万" → 16.35 (万元) or 163500 (元).
    """
    quantity = parse_quantity(text)
    if quantity is None:
        return None
    written = quantity.unit
    if written in ("", "元") and quantity.multiplier == 1:
        # A bare number is in the form's own unit; "元" written out is 元.
        return quantity.value if written == "" else _yuan_to(quantity.value, unit)
    if written not in ("", "元"):
        raise NumberError(f"不是金额: {text!r}")
    yuan = quantity.scaled
    if quantity.multiplier == WAN and unit == "万元":
        return quantity.value  # 16.35万 in a 万元 form: no rescaling, keep the written digits
    return _yuan_to(yuan, unit)


def _yuan_to(yuan: Decimal, unit: str) -> Decimal:
    if unit == "元":
        return yuan
    if unit == "万元":
        return yuan / WAN
    raise NumberError(f"未知金额单位: {unit}")


def parse_rate(text: str | None) -> Decimal | None:
    """Read a percentage in percentage points: "97.10%" → 97.10, "97.1％" → 97.1, "1.83" → 1.83."""
    quantity = parse_quantity(text)
    if quantity is None:
        return None
    if quantity.unit not in ("", "%", "百分比") or quantity.multiplier != 1:
        raise NumberError(f"不是百分比: {text!r}")
    return quantity.value


def quantize2(value: Decimal) -> Decimal:
    """Round to 2 decimals, 四舍五入."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def quantize_like(value: Decimal, like: Decimal) -> Decimal:
    """Round ``value`` to the number of decimals ``like`` was written with."""
    exponent = like.as_tuple().exponent
    places = Decimal(1).scaleb(exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return value.quantize(places, rounding=ROUND_HALF_UP)


def decimals(value: Decimal) -> int:
    """Return how many decimals ``value`` was written with."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def equal_up_to_rounding(a: Decimal, b: Decimal) -> bool:
    """Return True when the more precise figure rounds to the less precise one (103.8 ~ 104)."""
    if decimals(a) < decimals(b):
        a, b = b, a
    return quantize_like(a, b) == b


def plain(value: Decimal) -> str:
    """Write a Decimal without exponent ("1E+2" → "100"), keeping its written decimals."""
    return format(value, "f")


def format_amount(value: Decimal | None, unit: str = "万元") -> str:
    """Display an amount with 2 decimals and thousands separators: 9,368.62万元; — when absent."""
    if value is None:
        return "—"
    return f"{quantize2(value):,.2f}{unit}"


def format_rate(value: Decimal | None) -> str:
    """Display a rate with 2 decimals: 97.13%; — when absent."""
    if value is None:
        return "—"
    return f"{quantize2(value):.2f}%"


# The characters of a Chinese numeral; cn2an reads them (it is imported on first use: most counts in
# forms are written in digits, and the import costs ~0.1 s).
_NUMERAL = frozenset("零〇一二两三四五六七八九十百千万亿")


def parse_chinese_integer(text: str) -> int | None:
    """Read a Chinese numeral ("十", "一百二十", "两", "三千零五") or ASCII digits; None if neither."""
    text = normalize(text)
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _NUMERAL for ch in text):
        return None
    if text[0] in "百千万亿":
        text = "一" + text  # "百" alone is one hundred
    try:
        value = _cn2an().cn2an(text, "smart")
    except ValueError:
        return None
    return int(value)


@cache
def _cn2an() -> Any:
    import cn2an  # type: ignore[import-untyped]

    return cn2an

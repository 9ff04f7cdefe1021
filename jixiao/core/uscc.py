"""统一社会信用代码 (unified social credit code, GB 32100-2015): the check digit, and why a code is wrong.

A code has 18 characters from a 31-letter alphabet (digits and capitals without I, O, Z, S, V):
登记管理部门代码 (1), 机构类别代码 (1), 登记管理机关行政区划码 (6), 主体标识码 (9) and one check
character, ``31 − (Σ value × weight mod 31)`` with 31 written as "0". The arithmetic is
python-stdnum's ``stdnum.cn.uscc``; what is here says in Chinese which part is wrong.
"""

from __future__ import annotations

from stdnum.cn import uscc as _stdnum

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUES = frozenset(ALPHABET)
LENGTH = 18


def normalize_uscc(text: str) -> str:
    """Return the code in upper case without surrounding or inner spaces (full-width folded)."""
    folded = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
    return "".join(folded.split()).upper()


def check_character(first17: str) -> str:
    """Return the check character for the first 17 characters of a code."""
    if len(first17) != LENGTH - 1:
        raise ValueError("计算校验码需要前17位")
    for char in first17:
        if char not in _VALUES:
            raise ValueError(f"字符 {char!r} 不能出现在统一社会信用代码中")
    return str(_stdnum.calc_check_digit(first17))


def uscc_problem(text: str) -> str | None:
    """Return why a code is not a valid 统一社会信用代码 (in Chinese), or None if it is valid."""
    code = normalize_uscc(text)
    if len(code) != LENGTH:
        return f"统一社会信用代码应为18位,实际为{len(code)}位"
    bad = sorted({c for c in code if c not in _VALUES})
    if bad:
        return f"统一社会信用代码含有不允许的字符:{''.join(bad)}(不使用 I、O、Z、S、V)"
    if not code[2:8].isdigit():
        return "统一社会信用代码第3至8位应为行政区划码(6位数字)"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位不符:第18位应为 {expected},实际为 {code[17]},请核对是否抄错"
    return None


def is_valid_uscc(text: str) -> bool:
    """Return True when the code has 18 allowed characters and a correct check character."""
    return uscc_problem(text) is None

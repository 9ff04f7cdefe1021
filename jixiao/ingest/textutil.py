"""Cell text as extracted: joining wrapped lines, folding labels, lists, and spotting garbage.

Pure functions on strings; every layout parser uses them, whatever the file format was.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from functools import lru_cache

# Traditional → simplified for MATCHING only (labels, vocabulary, comparisons); the texts of a form
# are stored as written. OpenCC's phrase-aware t2s table, loaded once per process.
_T2S = None


def to_simplified(text: str) -> str:
    """Return ``text`` in simplified characters (項目資金 → 项目资金), for matching only."""
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    return _T2S.convert(text)


# Mirror sites print the reading of each character in brackets: 農(nóng)業(yè), 財(cái)政.
_PINYIN = re.compile(
    r"(?<=[\u3400-\u9fff])[((]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]*\s*[))]"
)


def strip_pinyin(text: str) -> tuple[str, int]:
    """Remove pinyin-in-brackets noise after Chinese characters; return the text and how many went."""
    if "(" not in text and "(" not in text:
        return text, 0
    return _PINYIN.subn("", text)


_CJK_RANGES = (
    (0x3000, 0x303F),  # CJK symbols and punctuation (。、「」)
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF01, 0xFF60),  # full-width forms (,:;)
    (0x2E80, 0x2FDF),
)

_SPACE_RUN = re.compile(r"\s+")


def is_cjk(ch: str) -> bool:
    """Return True for a CJK ideograph, CJK punctuation or a full-width form."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


def join_wrapped(text: str | None) -> str | None:
    """Join the line breaks inside one cell the way a reader does; None for an empty cell.

    A PDF extraction turns each wrapped line of a cell into a space. After a Chinese character or
    Chinese punctuation that space is a line break and goes ("政务 服务" → "政务服务", "为 19323296"
    → "为19323296"); after Latin text or an ASCII sign it may be a real space and stays ("≤ 3次").
    """
    if text is None:
        return None
    text = text.replace("\u3000", " ").replace("\xa0", " ").strip()
    if not text:
        return None
    out: list[str] = []
    pos = 0
    for match in _SPACE_RUN.finditer(text):
        out.append(text[pos : match.start()])
        before = text[match.start() - 1]
        if not is_cjk(before):
            out.append(" ")
        pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def squeeze(text: str) -> str:
    """Remove every white space character: the comparison key of a text."""
    return _SPACE_RUN.sub("", text)


@lru_cache(maxsize=8192)
def fold_label(text: str | None) -> str:
    """Return a label's matching key: NFKC, simplified characters, no spaces or decoration.

    "部门资 金情况" → "部门资金情况"; "項目資金 (萬元)" → "项目资金(万元)"; "产出指标(50分)" keeps its points.
    """
    if not text:
        return ""
    folded = to_simplified(unicodedata.normalize("NFKC", text))
    folded = re.sub(r"[\s:：*★]+", "", folded)
    return folded.strip("|")


_NUMBERING = re.compile(
    r"^(?:[((][一二三四五六七八九十\d]{1,3}[))]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、．])"
)


def strip_numbering(key: str) -> str:
    """Return a folded label without the outline numbering in front of it ((三)存在的问题 → 存在的问题)."""
    return _NUMBERING.sub("", key)


_LIST_ITEM = re.compile(r"<li[^>]*>(.*?)</li\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def split_list(text: str | None) -> list[str]:
    """Split a numbered or HTML list cell into its items, numbers and tags removed.

    "1. 甲。 2. 乙。" → ["甲。", "乙。"]; "<ol> <li>甲</li> <li>乙</li> </ol>" → ["甲", "乙"];
    a cell without numbering is one item. Numbers inside the items ("500万元") are left alone:
    only 1, 2, 3 … in sequence at the start of the cell or after white space or a full stop count.
    """
    if text is None or not text.strip():
        return []
    if _LIST_ITEM.search(text):
        items = [html.unescape(_TAG.sub("", item)) for item in _LIST_ITEM.findall(text)]
        return [joined for item in items if (joined := join_wrapped(item))]
    if _TAG.search(text):
        text = html.unescape(_TAG.sub(" ", text))
    starts: list[tuple[int, int]] = []
    expected = 1
    for match in re.finditer(r"(?:^|(?<=[\s。;;]))[((]?(\d{1,2})[)).、.]\s*(?!\d)", text):
        if int(match.group(1)) == expected:
            starts.append((match.start(), match.end()))
            expected += 1
    if len(starts) < 2 and not (starts and starts[0][0] == 0):
        whole = join_wrapped(text)
        return [whole] if whole else []
    items = []
    for index, (_, content_start) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        item = join_wrapped(text[content_start:end])
        if item:
            items.append(item)
    head = join_wrapped(text[: starts[0][0]])
    return ([head] if head else []) + items


_CLAUSE_SPLIT = re.compile(r"[,,。;;、!?!?\s]+")


def looks_garbled(text: str | None) -> bool:
    """Return True when a text reads like OCR noise: short clauses repeated over and over.

    Damaged extractions of seals and faint print come out as "是一样, 是一样, 是一样" or
    "是一个人,是一个人,是一个人"; real sentences of a form do not repeat a short clause four times.
    """
    if not text:
        return False
    clauses = [c for c in _CLAUSE_SPLIT.split(text) if c]
    short = Counter(c for c in clauses if len(c) <= 8)
    return bool(short) and short.most_common(1)[0][1] >= 4


def looks_like_label_noise(text: str | None) -> bool:
    """Return True for a label cell that is mostly stray Latin letters, digits and dots (a seal)."""
    if not text:
        return False
    chars = [ch for ch in text if not ch.isspace()]
    if len(chars) < 4:
        return False
    cjk = sum(1 for ch in chars if is_cjk(ch) and ch.isalpha())
    return cjk / len(chars) < 0.35


def meaningful_length(text: str | None) -> int:
    """Count the letters and digits of a text, punctuation and spaces left out."""
    if not text:
        return 0
    return sum(1 for ch in text if ch.isalnum())

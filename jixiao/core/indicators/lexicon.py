"""The words and signs of targets and results, compiled once at import time.

Every pattern here runs on text folded by :func:`fold`, which maps one character to one character
so that offsets found in the folded text are offsets into the text as written (the evidence a
reviewer is shown). Boundary words follow 《民法典》第1259条: 以上、以下、以内 include the number,
不满、超过、以外 exclude it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

# --- folding -------------------------------------------------------------------------------------

_FOLD: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
_FOLD.update(
    {
        0x3000: " ",  # ideographic space
        0x00A0: " ",
        ord("≧"): "≥",
        ord("≦"): "≤",
        ord("⩾"): "≥",
        ord("⩽"): "≤",
        ord("═"): "=",
        ord("﹦"): "=",
        ord("﹤"): "<",
        ord("﹥"): ">",
        ord("〜"): "~",
        ord("—"): "-",
        ord("–"): "-",
        ord("－"): "-",
        ord("\u2212"): "-",
        ord("“"): '"',
        ord("”"): '"',
        ord("‘"): "'",
        ord("’"): "'",
        ord("、"): ",",
        ord("；"): ";",
        ord("。"): "。",
        ord("㎡"): "㎡",
    }
)
_FOLD_TABLE = str.maketrans(_FOLD)


def fold(text: str) -> str:
    """Fold full-width forms and comparator variants, one character for one character."""
    return text.translate(_FOLD_TABLE)


# --- units ---------------------------------------------------------------------------------------

# Written unit → canonical unit. Longest first in the pattern, so 人次 wins over 人, 个工作日 over 个.
_UNIT_ALIASES: dict[str, str] = {
    "%": "%",
    "‰": "‰",
    "百分比": "%",
    "个百分点": "个百分点",
    "百分点": "个百分点",
    "个工作日": "工作日",
    "工作日": "工作日",
    "天": "天",
    "日": "天",
    "小时": "小时",
    "分钟": "分钟",
    "课时": "课时",
    "学时": "学时",
    "个月": "月",
    "周岁": "岁",
    "岁": "岁",
    "周": "周",
    "季度": "季度",
    "年": "年",
    "元": "元",
    "千元": "元",
    "公里": "公里",
    "千米": "公里",
    "km": "公里",
    "米": "米",
    "厘米": "厘米",
    "毫米": "毫米",
    "美元": "美元",
    "粒": "粒",
    "TB": "TB",
    "GB": "GB",
    "MB": "MB",
    "兆": "兆",
    "平方米": "平方米",
    "㎡": "平方米",
    "平方公里": "平方公里",
    "立方米": "立方米",
    "亩": "亩",
    "公顷": "公顷",
    "吨": "吨",
    "公斤": "公斤",
    "千克": "公斤",
    "千瓦": "千瓦",
    "千瓦时": "千瓦时",
    "人次": "人次",
    "户次": "户次",
    "场次": "场次",
    "台套": "台套",
    "项次": "项次",
    "件次": "件次",
    "批次": "批次",
}
_COUNT_UNITS = [
    "项",
    "个",
    "台",
    "套",
    "次",
    "场",
    "件",
    "人",
    "名",
    "户",
    "家",
    "组",
    "批",
    "座",
    "所",
    "处",
    "条",
    "篇",
    "份",
    "部",
    "期",
    "本",
    "册",
    "种",
    "类",
    "只",
    "头",
    "株",
    "棵",
    "辆",
    "架",
    "间",
    "张",
    "门",
    "块",
    "宗",
    "例",
    "起",
    "对",
    "班",
    "支",
    "队",
    "幅",
    "页",
    "卷",
    "盏",
    "根",
    "口",
    "眼",
    "艘",
    "栋",
    "幢",
    "床",
    "位",
    "首",
    "集",
    "部",
    "级",
    "星",
    "分",
    "单",
    "笔",
    "家次",
    "个点",
    "万字",
    "字",
]
for _unit in _COUNT_UNITS:
    _UNIT_ALIASES.setdefault(_unit, _unit)

# Units that count the same thing (a target in 台, a result in 台套).
_ALIAS_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"台", "台套", "套"}),
    frozenset({"天", "工作日"}),
    frozenset({"人", "名"}),
    frozenset({"家", "个", "户"}),
    frozenset({"场", "场次", "次"}),
    frozenset({"批", "批次"}),
)
# Units that may count the same thing in loose writing; used only when nothing closer is found.
_WEAK_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"项", "个", "件", "项次", "件次", "宗", "笔", "单"}),
    frozenset({"人", "人次", "名"}),
    frozenset({"户", "户次"}),
    frozenset({"次", "人次", "项次", "件次", "户次", "批次"}),
    frozenset({"篇", "条", "份", "期"}),
)

_PER = r"(?:\s*/\s*(?:人次|人|户|年|月|次|亩|天|日|件|台|套|公里|吨|平方米|㎡)(?:\s*[·*.]\s*(?:年|月|天|日|次))?)"
UNIT_PATTERN = (
    "(?:" + "|".join(re.escape(u) for u in sorted(_UNIT_ALIASES, key=len, reverse=True)) + ")" + _PER + "?"
)

MULTIPLIERS: dict[str, Decimal] = {"万": Decimal(10000), "亿": Decimal(100000000)}
_UNIT_FACTORS: dict[str, Decimal] = {"千元": Decimal(1000)}

_UNIT_RE = re.compile(r"(?P<base>[^/]+?)(?P<per>\s*/.*)?$")
WHITESPACE_RE = re.compile(r"\s+")
_ONE = Decimal(1)


@lru_cache(maxsize=4096)
def canonical_unit(written: str) -> tuple[str, Decimal]:
    """Return the canonical unit and the factor its written form carries (千元 → 元, 1000).

    Cached: written units are a small vocabulary, and this runs for every figure of every result.
    """
    written = WHITESPACE_RE.sub("", written)
    if not written:
        return "", _ONE
    match = _UNIT_RE.match(written)
    base, per = (match.group("base"), match.group("per") or "") if match else (written, "")
    per = per.replace("*", "·").replace(".", "·")
    return _UNIT_ALIASES.get(base, base) + per, _UNIT_FACTORS.get(base, _ONE)


_ABSENT_CELLS = frozenset({"", "无", "空", "n/a", "na", "null", "none", "暂无"})
_ABSENT_EDGE = " \t\r\n\u3000-—–－/\\／"


def absent(text: str | None) -> bool:
    """Return True for a cell that holds nothing ("", "—", "/", "无", None), without NFKC work."""
    return text is None or text.strip(_ABSENT_EDGE).lower() in _ABSENT_CELLS


def unit_distance(target: str, actual: str) -> int | None:
    """How well an actual's unit answers a target's: 0 same, 1 alias, 2 loose, None not at all."""
    if target == actual:
        return 0
    if not target or not actual:
        return None
    t_base, _, t_per = target.partition("/")
    a_base, _, a_per = actual.partition("/")
    if t_per != a_per and t_per and a_per:
        return None
    if t_base == a_base:
        return 1
    for group in _ALIAS_GROUPS:
        if t_base in group and a_base in group:
            return 1
    for group in _WEAK_GROUPS:
        if t_base in group and a_base in group:
            return 2
    return None


# --- numbers ------------------------------------------------------------------------------------

ARABIC = r"(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
CHINESE = r"(?<!第)[零〇一二两三四五六七八九十百千]+"
# Dates and ordinals hold digits that are not quantities.
DATE = (
    r"(?:19|20)\d{2}\s*年(?:度|底|末|初)?(?:\s*\d{1,2}\s*月(?:份|底|末|初|中旬|上旬|下旬)?(?:\s*\d{1,2}\s*[日号])?)?"
    r"|(?<![\d.])\d{1,2}\s*月(?:份|底|末|初|中旬|上旬|下旬)?(?:\s*\d{1,2}\s*[日号])?"
    r"|(?<![\d.])(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|(?<![\d.])(?:19|20)\d{2}[-/]\d{1,2}(?![\d.])"
)
ORDINAL = (
    r"第\s*(?:\d+|[零〇一二两三四五六七八九十百千]+)|(?:No\.?|NO\.?)\s*\d+|\d+\s*(?:号|级以上|届|季度末)"
)

# One mention of a quantity in a result sentence.
# Every alternative begins with a digit, a Chinese numeral, 第 or No: the lookahead lets the scan
# skip all other positions at once instead of trying each alternative there.
_STARTS = "0-9零〇一二两三四五六七八九十百千第N"
QUANTITY_RE = re.compile(
    rf"(?=[{_STARTS}])(?:(?P<skip>{DATE}|{ORDINAL})"
    rf"|(?P<num>{ARABIC})\s*(?P<mult>万|亿)?\s*(?P<unit>{UNIT_PATTERN})?"
    rf"|(?P<cn>{CHINESE})(?P<cnmult>万|亿)?(?P<cnunit>{UNIT_PATTERN}))"
)

# --- comparators --------------------------------------------------------------------------------

GE, LE, GT, LT, EQ = "≥", "≤", ">", "<", "="
PREFIX_OPERATORS: dict[str, str] = {
    "大于或等于": GE,
    "大于等于": GE,
    "不少于": GE,
    "不低于": GE,
    "不小于": GE,
    "不得少于": GE,
    "不得低于": GE,
    "至少": GE,
    "最少": GE,
    "最低": GE,
    "达到": GE,
    "达": GE,
    "保持在": GE,
    "保持": GE,
    "小于或等于": LE,
    "小于等于": LE,
    "不超过": LE,
    "不高于": LE,
    "不大于": LE,
    "不多于": LE,
    "不得超过": LE,
    "不得高于": LE,
    "最多": LE,
    "至多": LE,
    "最高": LE,
    "控制在": LE,
    "控制于": LE,
    "压缩在": LE,
    "超过": GT,
    "高于": GT,
    "大于": GT,
    "多于": GT,
    "低于": LT,
    "小于": LT,
    "少于": LT,
    "不满": LT,
    "不足": LT,
    "等于": EQ,
    ">=": GE,
    "=>": GE,
    "≥": GE,
    "<=": LE,
    "=<": LE,
    "≤": LE,
    ">": GT,
    "<": LT,
    "==": EQ,
    "=": EQ,
}
SUFFIX_OPERATORS: dict[str, str] = {
    "及以上": GE,
    "以上": GE,
    "及以下": LE,
    "以下": LE,
    "以内": LE,
    "之内": LE,
    "内": LE,
    "以外": GT,
    "之外": GT,
}
_PREFIX = "|".join(re.escape(p) for p in sorted(PREFIX_OPERATORS, key=len, reverse=True))
_SUFFIX = "|".join(re.escape(s) for s in sorted(SUFFIX_OPERATORS, key=len, reverse=True))
_TNUM = rf"(?:{ARABIC}|{CHINESE})"

# One comparison in a target: [prefix] number [万|亿] [unit] [- number [unit]] [suffix] [(含)].
_PREFIX_STARTS = "".join(sorted({re.escape(p[0]) for p in PREFIX_OPERATORS}))
TARGET_RE = re.compile(
    rf"(?=[{_STARTS}{_PREFIX_STARTS}])(?:(?P<skip>{DATE}|{ORDINAL})"
    rf"|(?P<pre>{_PREFIX})?\s*(?P<num>{_TNUM})\s*(?P<mult>万|亿)?\s*(?P<unit>{UNIT_PATTERN})?"
    rf"(?:\s*(?P<dash>-|~|至|到)\s*(?P<num2>{_TNUM})\s*(?P<mult2>万|亿)?\s*(?P<unit2>{UNIT_PATTERN})?)?"
    rf"\s*(?P<incl0>\((?:含|包含|包括)(?:本数)?\)|\(不含(?:本数)?\))?"
    rf"\s*(?P<post>{_SUFFIX})?\s*(?P<incl>\((?:含|包含|包括)(?:本数)?\)|\(不含(?:本数)?\))?)"
)
# Does a text hold any figure at all? Qualitative targets skip the comparison scan.
HAS_NUMERAL_RE = re.compile(rf"[{_STARTS}]")

# A deadline: a date followed closely by 前 or 完成.
DEADLINE_RE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年)?\s*(?:(?P<m>\d{1,2})\s*月)?\s*(?:(?P<d>\d{1,2})\s*[日号])?"
    r"\s*(?P<edge>底|末)?\s*(?P<before>前|之前|以前|内|完成|全部完成|竣工|建成|上线|印发|前完成)"
)
BARE_DATE_RE = re.compile(r"(?:(?:19|20)\d{2}\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?(?:底|末)?")
DATE_IN_RESULT_RE = re.compile(
    r"(?P<cut>截至|截止|截止到|截至到|至)?\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?)?"
    r"|(?P<cut2>截至|截止|至)?\s*(?<![\d.])(?P<m2>\d{1,2})\s*月(?:\s*(?P<d2>\d{1,2})\s*[日号])?"
)

PARENTHETICAL_RE = re.compile(r"\((?!含|不含|包含|包括)[^()]*\)|【[^】]*】|\[[^\]]*\]")
SEPARATOR_RE = re.compile(r"[,;。;:!?\n]|并且|并|且|同时|其中")
EDGE_CHARS = " \t\r\n\"'“”‘’《》★☆*·.,;:。!?【】[]"
STRIP_CHARS = " \t\r\n\"'“”‘’《》★☆*·.,;:。!?()()【】[]"

# --- direction of bare values -------------------------------------------------------------------

# A bare value ("3%", "90万元") means "at most" for these, "at least" otherwise (FORM.md §5).
LESS_IS_BETTER_RATE_RE = re.compile(
    r"(?:结转结余|结余|调整|控制|变动|超支|发生|事故|故障|投诉|差错|出错|失误|返工|返修|空置|闲置|不合格|死亡|超标|流失|"
    r"误|偏差|偏离|漏检|漏报|延误|逾期|违规|违约|欠费|坏账|损耗|损失|辍学|复发|感染|失业|发病|贫困发生|投诉办结超期)率$"
)
LESS_IS_BETTER_RE = re.compile(
    r"成本|费用|单价|造价|价格|开支|耗|故障|投诉|事故|差错|失误|违规|违纪|违法|信访|纠纷|安全事件|安全问题|"
    r"时限|时长|用时|周期|天数|耗时|等待时间|响应时间|办理时间|办结时间|处置时间|逾期|延误|超期|积压|空置|闲置|"
    r"不合格|退回|返工|整改问题|问题数|隐患|污染|排放|扣分"
)
MORE_IS_BETTER_OVERRIDE_RE = re.compile(
    r"(?:及时|处理|处置|整改|解决|办结|查处|排除|消除|修复|回复|下降|降低|减少)率?$"
)

# A rate or a count of a bad outcome is better lower whatever it is called: 受害率, 成灾率, 误诊率,
# 坏账率, 伤亡人数. The outcome is recognised by its morphemes in the last word before the measure
# (率, 比例, 次数, 人数, 起数 …): the morpheme must touch the last two characters of what precedes
# the measure, so "灾害预警准确率" (last word 准确) reads ≥ while "森林火灾受害率" reads ≤.
MEASURE_SUFFIX_RE = re.compile(
    r"(?:率|比例|占比|比重|次数|人次|人数|户数|件数|起数|例数|宗数|批次|个数|数量|总数|数|量)$"
)
BAD_OUTCOME_RE = re.compile(
    r"害|灾|事故|故障|错|误|失|漏|死|亡|伤|致残|损|坏|毁|报废|污|染|毒|疵|劣|违|罪|犯|盗|窃|诈|欠|滞|堵|缺|"
    r"病(?![床房区])|患(?!者)|辍|弃|拒|驳回|逃|塌|投诉|信访|上访|纠纷|非法|险情|风险|隐患|事件|发案|"
    r"不(?!动产)..?|未(?!成年)..?|无效|差评|差错|偏差|偏离|超支|超标|超期|超时|超限|超载|超员|"
    r"延误|延期|延迟|拖延|逾期|积压|空置|闲置|返工|返修|返贫|退回|退货|撤销|复发|近视|肥胖|龋|扣分|罚|发生|出现"
)
# Acting on a bad outcome is good: 事故处理率, 隐患整改率, 查处违法案件数, 故障修复率, 废弃物回收率
# (unless negated: 逾期未办结件数).
GOOD_ACTION_RE = re.compile(
    r"(?:及时|处理|处置|整改|解决|办结|查处|查办|排除|消除|修复|回复|答复|下降|降低|减少|救治|治愈|"
    r"康复|防治|治理|整治|防控|回收|利用|化解|调解|侦破|破获|破案|结案|追回|挽回|清理|清欠|脱贫|排查|打击|抢修|"
    r"救助|救援|纠正|销号|办理|受理|处罚到位)"
)

# An action negated just before it: 未及时处理, 不按时办结, 没有整改 (a count of failures to act).
NEGATED_ACTION_RE = re.compile(r"(?:未|不|没有?)(?:能|及时|按时|按期|如期|有效|依法|予)*$")

# --- targets that say "none" --------------------------------------------------------------------

# A target cell holding only a dash or a slash ("—", "-", "/", "一" as OCR reads a dash) sets no target.
DASH_TARGET_RE = re.compile(r"^[\s\-—–－―一/／\\_~〜]+$")

# --- results cut off ----------------------------------------------------------------------------

# A result that stops on one of these stopped mid-sentence: "好评率为", "覆盖全区的".
DANGLING_END_RE = re.compile(
    r"(?:的|和|及|与|或|对|在|为|将|把|被|从|向|以|于|并|由|因|其|各|每|该|使|让|给|已|共|达|约|较|占|"
    r"累计|通过|按照|根据|同比|其中|以及|包括|主要|进一步|共计|合计|总计|提升至|提高至|提升到|提高到)$"
)
# A word that introduces the figure of a clause: a clause with one and no figure after it lost its figure.
VALUE_LEAD_RE = re.compile(r"(?:为|达|至|到|共|计|约|超|逾|近)[^\d零〇一二两三四五六七八九十百千]{0,6}$")
RESULT_END_CHARS = frozenset("。.!?!?;;))」』”\"'】》%％…~")
CLAUSE_SPLIT_RE = re.compile(r"[,;:。,;:、\s]")

# --- qualitative scales -------------------------------------------------------------------------

# Each scale lists its levels from worst to best; each level lists the words that name it.
SCALES: dict[str, tuple[tuple[str, ...], ...]] = {
    "优良": (("不合格", "不及格", "差"), ("合格", "及格", "中等", "中"), ("良好", "良"), ("优秀", "优")),
    "好坏": (("差",), ("较差",), ("一般",), ("较好",), ("好", "很好")),
    "达到": (
        ("未达到", "未达成", "未完成", "未实现", "没有达到", "没有完成"),
        ("基本达到", "基本达成", "基本完成", "基本实现"),
        ("达到", "达成", "完成", "实现", "全部完成", "全部达成", "全面完成", "全面达到", "达标"),
    ),
    "高低": (("低",), ("较低",), ("一般",), ("较高",), ("高", "很高")),
    "是否": (("否",), ("是",)),
    "有效": (("无效",), ("基本有效", "较有效"), ("有效", "成效显著")),
    "满意": (("不满意",), ("基本满意", "较满意"), ("满意", "非常满意")),
    "明显": (("不明显",), ("较明显", "一般"), ("明显", "显著", "效果明显", "效果显著")),
    "符合": (("不符合",), ("基本符合",), ("符合",)),
    "健全": (("不健全",), ("基本健全", "较健全"), ("健全",)),
    "完善": (("不完善",), ("基本完善", "较完善"), ("完善",)),
    "及时": (("不及时",), ("基本及时", "较及时"), ("及时",)),
    "规范": (("不规范",), ("基本规范", "较规范"), ("规范",)),
    "合规": (("不合规",), ("基本合规",), ("合规",)),
    "提升": (
        ("下降", "降低"),
        ("持平", "保持稳定"),
        ("提升", "提高", "增强", "改善", "有所提升", "有所提高", "逐步提升"),
    ),
}
# Grade words of one character are read in a result only when the result is little more than the word.
SHORT_GRADES = frozenset(w for levels in SCALES.values() for level in levels for w in level if len(w) == 1)

GRADE_LEVEL: dict[str, tuple[str, int]] = {}
for _scale, _levels in SCALES.items():
    for _index, _words in enumerate(_levels):
        for _word in _words:
            GRADE_LEVEL.setdefault(_word, (_scale, _index))

_ALL_GRADES = sorted(GRADE_LEVEL, key=len, reverse=True)
# A target that ends in a grade, optionally with 以上 / 及以上 / 以下.
GRADE_TARGET_RE = re.compile(
    r"(?P<grade>" + "|".join(re.escape(g) for g in _ALL_GRADES) + r")(?:等级|等次|档次|水平|级)?"
    r"\s*(?P<post>及以上|以上|及以下|以下)?\s*$"
)
SCALE_RES: dict[str, re.Pattern[str]] = {
    scale: re.compile(
        r"(?P<grade>"
        + "|".join(re.escape(w) for w in sorted((w for lv in levels for w in lv), key=len, reverse=True))
        + r")(?![率性度])"
    )
    for scale, levels in SCALES.items()
}

# --- claims -------------------------------------------------------------------------------------

NEGATIVE_CLAIM_RE = re.compile(
    r"未能?(?:按时|按期|如期)?(?:完成|达到|达成|实现|达标|开展|启动|落实|验收)|没有(?:按时|按期|如期)?(?:完成|达到|实现)|"
    r"尚未|暂未|"
    r"不(?:符合|合格|达标|满意|及时|规范)|无效|滞后|延期|推迟|未达|^否$|^未$|^无$"
)
POSITIVE_CLAIM_RE = re.compile(
    r"完成|达成|达到|实现|达标|符合|满足|落实|有效|按时|如期|及时|按期|按规定|按要求|规范|合规|良好|优秀|合格|满意|"
    r"明显|显著|提升|提高|改善|增强|健全|完善|正常|顺利|全部|已|^是$|^高$|^好$|^优$|^良$"
)
# A negation that governs the grade or claim word right after it, across the adverbs and verbs
# between them: 不优秀, 未提升, 无明显改善, 没有达到良好, 未能获评优秀. Not 不断 / 不仅 / 非常 (the word
# after the negation is no such adverb), nor a double negation (无不满意, 未出现不规范).
NEGATION_BEFORE_RE = re.compile(
    r"(?<!无)(?<!出现)(?<!发现)(?<!发生)(?<!没有)(?<!杜绝)(?<!避免)(?<!防止)"
    r"(?:不|未|无|没有?|非)(?:能|够|太|很|十分|完全|全|有|有所|明显|显著|得到|达到|达|到|获得|获评|评为|被评为|"
    r"是|为|属于|进一步|再)*$"
)
NEGATION_REACH = 12


def negated_at(text: str, start: int) -> bool:
    """Is the word at ``start`` of ``text`` governed by a negation just before it?"""
    return NEGATION_BEFORE_RE.search(text[max(0, start - NEGATION_REACH) : start]) is not None


def denied_claims(text: str) -> list[tuple[int, int]]:
    """Spans, negation included, of the positive claims a negation governs: 满意度未提升 → 未提升,
    效果无明显改善 → 无明显, 无明显改善 (spans may overlap)."""
    negative = [m.span() for m in NEGATIVE_CLAIM_RE.finditer(text)]
    spans = []
    for match in POSITIVE_CLAIM_RE.finditer(text):
        if any(a <= match.start() < b for a, b in negative):
            continue
        head = max(0, match.start() - NEGATION_REACH)
        negation = NEGATION_BEFORE_RE.search(text[head : match.start()])
        if negation is not None:
            spans.append((head + negation.start(), match.end()))
    return spans


def claims(text: str) -> bool:
    """Does ``text`` make a positive claim? The noun of a measure is none: 满意度, 完成率, 规范性."""
    return any(
        text[m.end() : m.end() + 1] not in ("度", "率", "性") for m in POSITIVE_CLAIM_RE.finditer(text)
    )


# "基本达到" / "部分完成": a partial achievement, neither met nor a plain failure.
PARTIAL_CLAIM_RE = re.compile(r"基本(?:达到|达成|完成|实现|符合|满足)|部分(?:达到|达成|完成|实现)|尚有差距")
ON_TIME_RE = re.compile(r"按时|如期|按期|提前|及时|准时|在规定(?:时间|时限|期限)内|在.{0,8}(?:前|内)完成")
ZERO_RE = re.compile(
    r"(?:未发生|未出现|没有发生|没有出现|未收到|未接到|无|零|杜绝)(?:任何|过|一起|重大|一例)?\s*$"
)
ZERO_WHOLE_RE = re.compile(r"^\s*(?:0|零|无|未发生|未出现|没有|杜绝)[。.;]?\s*$")

# Tails that name a count rather than the thing counted (故障次数 → 故障).
SUBJECT_TAIL_RE = re.compile(
    r"(?:的)?(?:次数|个数|人数|户数|件数|项数|数量|总数|数目|总量|规模|面积|里程|金额|数)$"
)
# Verbs and fillers that start a subject and are seldom repeated in the result.
INDEX_PREFIX_RE = re.compile(r"^(?:指标\s*\d+|\d+)\s*[::.、]\s*")
SUBJECT_HEAD_RE = re.compile(
    r"^(?:其中|实现|完成|开展|组织|确保|保障|保证|力争|推进|新增|累计|全年|年度|全区|全市|全县|区级|市级)+"
)

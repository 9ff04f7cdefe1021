"""Regions and place names for synthetic data: real county-level divisions of Guangdong (GB/T 2260
codes), the 21 streets of 天河区, and syllables for street, town and school names elsewhere.

The figures generated for these places are invented; only the names and codes are real, so that the
demo reads like a real region. Every synthetic form says so in its notes.
"""

from __future__ import annotations

import random
from typing import NamedTuple


class Place(NamedTuple):
    code: str  # 行政区划代码
    city: str  # 地级市 ("" for none)
    name: str  # 区 / 县 / 县级市

    @property
    def prefix(self) -> str:
        """Return how bodies of this division are named: 广州市天河区教育局, but 始兴县教育局."""
        return f"{self.city}{self.name}" if self.name.endswith("区") else self.name

    @property
    def urban(self) -> bool:
        """A district (区) is divided into streets (街道); a county or county-level city mostly into towns."""
        return self.name.endswith("区")


TIANHE = Place("440106", "广州市", "天河区")

# 天河区's streets (街道), as the region of the demo.
TIANHE_STREETS = (
    "五山",
    "员村",
    "车陂",
    "沙河",
    "石牌",
    "沙东",
    "天河南",
    "林和",
    "兴华",
    "棠下",
    "天园",
    "冼村",
    "猎德",
    "元岗",
    "黄村",
    "长兴",
    "龙洞",
    "凤凰",
    "前进",
    "珠吉",
    "新塘",
)

_PLACES = """
440103 广州市 荔湾区
440104 广州市 越秀区
440105 广州市 海珠区
440111 广州市 白云区
440112 广州市 黄埔区
440113 广州市 番禺区
440114 广州市 花都区
440115 广州市 南沙区
440117 广州市 从化区
440118 广州市 增城区
440303 深圳市 罗湖区
440304 深圳市 福田区
440305 深圳市 南山区
440306 深圳市 宝安区
440307 深圳市 龙岗区
440308 深圳市 盐田区
440309 深圳市 龙华区
440310 深圳市 坪山区
440311 深圳市 光明区
440203 韶关市 武江区
440204 韶关市 浈江区
440205 韶关市 曲江区
440222 韶关市 始兴县
440224 韶关市 仁化县
440229 韶关市 翁源县
440233 韶关市 新丰县
440281 韶关市 乐昌市
440282 韶关市 南雄市
440402 珠海市 香洲区
440403 珠海市 斗门区
440404 珠海市 金湾区
440507 汕头市 龙湖区
440511 汕头市 金平区
440512 汕头市 濠江区
440513 汕头市 潮阳区
440514 汕头市 潮南区
440515 汕头市 澄海区
440523 汕头市 南澳县
440604 佛山市 禅城区
440605 佛山市 南海区
440606 佛山市 顺德区
440607 佛山市 三水区
440608 佛山市 高明区
440703 江门市 蓬江区
440704 江门市 江海区
440705 江门市 新会区
440781 江门市 台山市
440783 江门市 开平市
440784 江门市 鹤山市
440785 江门市 恩平市
440802 湛江市 赤坎区
440803 湛江市 霞山区
440804 湛江市 坡头区
440811 湛江市 麻章区
440823 湛江市 遂溪县
440825 湛江市 徐闻县
440881 湛江市 廉江市
440882 湛江市 雷州市
440883 湛江市 吴川市
440902 茂名市 茂南区
440904 茂名市 电白区
440981 茂名市 高州市
440982 茂名市 化州市
440983 茂名市 信宜市
441202 肇庆市 端州区
441203 肇庆市 鼎湖区
441204 肇庆市 高要区
441223 肇庆市 广宁县
441224 肇庆市 怀集县
441225 肇庆市 封开县
441226 肇庆市 德庆县
441284 肇庆市 四会市
441302 惠州市 惠城区
441303 惠州市 惠阳区
441322 惠州市 博罗县
441323 惠州市 惠东县
441324 惠州市 龙门县
441402 梅州市 梅江区
441403 梅州市 梅县区
441422 梅州市 大埔县
441423 梅州市 丰顺县
441424 梅州市 五华县
441426 梅州市 平远县
441427 梅州市 蕉岭县
441481 梅州市 兴宁市
441521 汕尾市 海丰县
441523 汕尾市 陆河县
441581 汕尾市 陆丰市
441602 河源市 源城区
441621 河源市 紫金县
441622 河源市 龙川县
441623 河源市 连平县
441624 河源市 和平县
441625 河源市 东源县
441702 阳江市 江城区
441704 阳江市 阳东区
441721 阳江市 阳西县
441781 阳江市 阳春市
441802 清远市 清城区
441803 清远市 清新区
441821 清远市 佛冈县
441823 清远市 阳山县
441881 清远市 英德市
441882 清远市 连州市
445102 潮州市 湘桥区
445103 潮州市 潮安区
445122 潮州市 饶平县
445202 揭阳市 榕城区
445203 揭阳市 揭东区
445222 揭阳市 揭西县
445224 揭阳市 惠来县
445281 揭阳市 普宁市
445302 云浮市 云城区
445303 云浮市 云安区
445321 云浮市 新兴县
445322 云浮市 郁南县
445381 云浮市 罗定市
"""

PLACES: tuple[Place, ...] = (
    TIANHE,
    *tuple(Place(*line.split()) for line in _PLACES.strip().splitlines() if line.strip()),
)

# Syllables of street, town and school names: two of them make a name that sounds local (龙岗, 石湾).
FIRST = "东西南北新龙凤石沙金银桥塘岗湖江河山华平安和兴隆庆长永太大黄白青水田湾洲坪岭埔涌滘沥旺富福"
SECOND = "岗湾坪塘头口洲围岭埔涌滘沥山村田桥湖江城岭园源冈溪坑边洞塘墩"


def place_names(rng: random.Random, count: int, *, taken: set[str] | None = None) -> list[str]:
    """Return ``count`` distinct two-syllable place names drawn with ``rng``."""
    seen = set(taken or ())
    names: list[str] = []
    while len(names) < count:
        name = rng.choice(FIRST) + rng.choice(SECOND)
        if name[0] != name[1] and name not in seen:
            seen.add(name)
            names.append(name)
    return names

"""A region's organisations: the finance bureau, first-level departments (bureaus, then streets or
towns) and their subordinate units, each with a valid 统一社会信用代码 (GB 32100-2015, whose 主体标识码
carries its own GB 11714 check character)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Literal

from jixiao.core.uscc import check_character
from jixiao.synth.catalogue import DEPARTMENTS, SECTORS
from jixiao.synth.places import TIANHE, TIANHE_STREETS, Place, place_names

OrgKind = Literal["finance", "department", "unit"]

_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_DIGITS = "0123456789"
_CHINESE_NUMBERS = "一二三四五六七八九十"


def org_code_check(body: str) -> str:
    """Return the GB 11714 check character of an 8-character organisation code body."""
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, _ORG_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def make_uscc(rng: random.Random, region_code: str, *, institution: bool, taken: set[str]) -> str:
    """Return a new valid code: 1 (机构编制) + 1 机关 / 2 事业单位 + region + 主体标识码 + check."""
    while True:
        if rng.randrange(3) == 0:  # newer bodies: "MB" codes
            body = "MB" + "".join(rng.choice(_DIGITS) for _ in range(6))
        else:
            body = "00" + "".join(rng.choice(_DIGITS) for _ in range(6))
        first17 = "1" + ("2" if institution else "1") + region_code + body + org_code_check(body)
        code = first17 + check_character(first17)
        if code not in taken:
            taken.add(code)
            return code


@dataclass
class Org:
    name: str
    uscc: str
    kind: OrgKind
    sector: str  # the catalogue sector its forms are written from
    parent: str | None = None  # the parent's uscc
    short: str = ""  # how its own narratives name it (区教育局, 本校)
    place: str = ""  # its street or town, for streets, towns and their units

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "uscc": self.uscc,
            "kind": self.kind,
            "sector": self.sector,
            "parent": self.parent,
        }


@dataclass
class Region:
    place: Place
    scheme: str  # "default" or "20/80"
    finance: Org
    departments: list[Org] = field(default_factory=list)
    units: list[Org] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.place.code

    @property
    def name(self) -> str:
        return self.place.prefix

    def children(self, department: Org) -> list[Org]:
        return [unit for unit in self.units if unit.parent == department.uscc]

    def to_dict(self) -> dict[str, Any]:
        """Return the org tree as JSON data (what the web demo and the bench load)."""
        return {
            "code": self.code,
            "name": self.name,
            "city": self.place.city,
            "scheme": self.scheme,
            "finance": self.finance.to_dict(),
            "departments": [
                {**department.to_dict(), "units": [unit.to_dict() for unit in self.children(department)]}
                for department in self.departments
            ],
        }


def _level(place: Place) -> str:
    return place.name[-1]  # 区 / 县 / 市


def build_region(rng: random.Random, place: Place, *, scheme: str, taken: set[str]) -> Region:
    """Build the organisations of one region, deterministically from ``rng``."""
    prefix = place.prefix
    level = _level(place)
    finance = Org(
        f"{prefix}财政局", make_uscc(rng, place.code, institution=False, taken=taken), "finance", "finance"
    )
    region = Region(place=place, scheme=scheme, finance=finance)
    full = place == TIANHE
    sectors = [key for key in DEPARTMENTS if full or key in ("gov", "edu", "health") or rng.randrange(10) < 8]
    if not place.urban and "agri" not in sectors:
        sectors.append("agri")
    numbers = iter(range(1, 100))
    for key in sectors:
        sector = SECTORS[key]
        department = Org(
            f"{prefix}{sector.name}",
            make_uscc(rng, place.code, institution=False, taken=taken),
            "department",
            key,
            finance.uscc,
            short=f"{level}{sector.name}",
        )
        region.departments.append(department)
    streets = list(TIANHE_STREETS) if full else place_names(rng, rng.randint(6, 14))
    # Schools and clinics are named after places of the region; keep them apart from the streets.
    spare = place_names(rng, 40, taken=set(streets))
    for street in streets:
        key = "street" if place.urban else "town"
        name = f"{prefix}{street}街道办事处" if place.urban else f"{prefix}{street}镇人民政府"
        department = Org(
            name,
            make_uscc(rng, place.code, institution=False, taken=taken),
            "department",
            key,
            finance.uscc,
            short=f"{street}街道" if place.urban else f"{street}镇",
            place=street,
        )
        region.departments.append(department)
    clinic_places = iter(streets)
    for department in region.departments:
        sector = SECTORS[department.sector]
        for pattern in sector.units:
            if not full and rng.randrange(10) < 2:
                continue
            unit_sector, _, written = pattern.rpartition(":")
            name = written
            if "{place}" in written:
                if unit_sector == "clinic" and department.place:
                    where = department.place
                elif unit_sector == "clinic":
                    where = next(clinic_places, None) or spare.pop()
                else:
                    where = spare.pop()
                name = written.replace("{place}", where)
            if "{n}" in written:
                number = next(numbers)
                name = written.replace("{n}", _CHINESE_NUMBERS[(number - 1) % 10])
            if department.place:
                base = department.name.removesuffix("办事处").removesuffix("人民政府")
                full_name = name if name.startswith(department.place) else f"{base}{name}"
                full_name = full_name if full_name.startswith(prefix) else f"{prefix}{full_name}"
            else:
                full_name = f"{prefix}{name}"
            if any(unit.name == full_name for unit in region.units):
                continue
            region.units.append(
                Org(
                    full_name,
                    make_uscc(rng, place.code, institution=True, taken=taken),
                    "unit",
                    unit_sector or department.sector,
                    department.uscc,
                    short="本单位",
                    place=department.place,
                )
            )
    return region

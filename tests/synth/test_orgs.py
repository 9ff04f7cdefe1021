"""The synthetic org tree: a 天河区-like region with real-sounding names and valid 统一社会信用代码."""

from __future__ import annotations

from jixiao.core.uscc import is_valid_uscc
from jixiao.synth import Options, build_regions
from jixiao.synth.orgs import org_code_check


def test_tianhe_has_the_departments_and_units_of_a_district() -> None:
    [tianhe] = build_regions(Options(seed=1))
    assert tianhe.code == "440106" and tianhe.name == "广州市天河区" and tianhe.scheme == "default"
    assert len(tianhe.departments) >= 20 and len(tianhe.units) >= 60
    names = [org.name for org in tianhe.departments + tianhe.units]
    for wanted in (
        "政务服务数据管理局",
        "教育局",
        "卫生健康局",
        "五山街道办事处",
        "小学",
        "中学",
        "社区卫生服务中心",
    ):
        assert any(wanted in name for name in names), wanted
    assert all(name.startswith("广州市天河区") for name in names)
    assert len(set(names)) == len(names)


def test_every_organisation_has_a_valid_and_unique_code() -> None:
    regions = build_regions(Options(seed=1, regions=5))
    orgs = [org for region in regions for org in (region.finance, *region.departments, *region.units)]
    codes = [org.uscc for org in orgs]
    assert all(is_valid_uscc(code) for code in codes) and len(set(codes)) == len(codes)
    region = regions[0]
    assert all(code[2:8] == region.code for code in (org.uscc for org in region.departments))
    # 1 = 机构编制; 1 = 机关 for departments, 2 = 事业单位 for units.
    assert {org.uscc[:2] for org in region.departments} == {"11"}
    assert {org.uscc[:2] for org in region.units} == {"12"}
    # The 主体标识码 carries its own GB 11714 check character.
    assert all(org_code_check(code[8:16]) == code[16] for code in codes)


def test_a_county_has_towns_and_township_health_centres() -> None:
    regions = build_regions(Options(seed=2, regions=30))
    county = next(region for region in regions if not region.place.urban)
    names = [org.name for org in county.departments + county.units]
    assert any(name.endswith("镇人民政府") for name in names)
    assert any(name.endswith("镇卫生院") for name in names)


def test_the_org_tree_is_json_data_for_the_demo() -> None:
    [tianhe] = build_regions(Options(seed=1))
    data = tianhe.to_dict()
    assert data["finance"]["name"] == "广州市天河区财政局"
    first = data["departments"][0]
    assert set(first) == {"name", "uscc", "kind", "sector", "parent", "units"}
    assert sum(len(department["units"]) for department in data["departments"]) == len(tianhe.units)


def test_regions_are_the_same_for_the_same_seed_and_differ_for_another() -> None:
    first = [region.to_dict() for region in build_regions(Options(seed=4, regions=3))]
    assert first == [region.to_dict() for region in build_regions(Options(seed=4, regions=3))]
    assert first != [region.to_dict() for region in build_regions(Options(seed=5, regions=3))]

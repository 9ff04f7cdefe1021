"""The scoring scheme screen (finance only), the score beside the reported one on a form's page, the
spot-check flag, and the comparison lists."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core import form as core
from jixiao.web.audit.models import AuditEntry
from jixiao.web.forms.models import Form
from jixiao.web.forms.services import form_create
from jixiao.web.scoring.models import ScoringScheme

SCHEME = "/scoring/scheme/?year=2021"


# The part of the scheme form every post below fills the same: grade lines, tolerance, spot check, weights.
GRADES_AND_CHECKS = {
    "grade-0": "90",
    "grade-1": "80",
    "grade-2": "60",
    "grade-3": "0",
    "tolerance": "0.01",
    "spot_check_gap": "5",
    "printed_weights": "form",
}

# The 20/80 preset as a finance officer saves it (execution 20, one 年度绩效目标 category of 80).
TWENTY_EIGHTY = {
    "year": "2021",
    "name": "执行率20、年度绩效目标80",
    "execution_weight": "20",
    "weight-performance": "80",
    **GRADES_AND_CHECKS,
}


def _post(client, **changes):
    data = {
        "year": "2021",
        "base": "",
        "name": "天河区方案",
        "execution_weight": "10",
        "weight-output": "50",
        "weight-outcome": "30",
        "weight-satisfaction": "10",
        **GRADES_AND_CHECKS,
    }
    data.update(changes)
    return client.post("/scoring/scheme/", data)


def test_only_finance_sees_and_changes_the_scheme(world, login, client):
    assert client.get(SCHEME).status_code == 302  # to the login page
    for name in ("filler", "filler2", "unit_filler", "reviewer", "admin"):
        as_user = login(world[name])
        assert as_user.get(SCHEME).status_code == 403, name
        assert _post(as_user, execution_weight="20", **{"weight-output": "40"}).status_code == 403, name
    assert not ScoringScheme.objects.exists()
    page = login(world["finance"]).get(SCHEME)
    assert page.status_code == 200
    text = page.content.decode()
    assert "财预〔2020〕10号" in text and 'name="weight-output" value="50"' in text
    assert "尚未设定,使用默认方案" in text
    assert '<td id="weights-sum">100 分</td>' in text


def test_a_change_is_stored_audited_and_scores_every_form_again(world, login, seed_form):
    finance = login(world["finance"])
    view = f"/forms/{seed_form.pk}/view/"
    before = finance.get(view).content.decode()
    assert 'id="computed-total">67.57<' in before and 'id="computed-grade">中<' in before

    preset = finance.get(SCHEME + "&preset=20/80").content.decode()
    assert 'name="weight-performance" value="80"' in preset and "保存后才生效" in preset
    assert not ScoringScheme.objects.exists()  # a preset only fills the form
    response = finance.post("/scoring/scheme/", {**TWENTY_EIGHTY, "base": "20/80"})
    assert response.status_code == 302
    stored = ScoringScheme.objects.get(region=world["region"], year=2021)
    assert stored.scheme.execution_weight == Decimal(20)
    entry = AuditEntry.objects.get(action=AuditEntry.SCHEME)
    assert entry.actor == world["finance"]
    assert entry.before["execution_weight"] == "10" and entry.after["execution_weight"] == "20"
    assert entry.before["categories[0].weight"] == "50" and entry.after["categories[0].weight"] == "80"
    assert entry.comment == "天河区 2021 年度评分方案"

    after = finance.get(view).content.decode()
    assert 'id="computed-total">67.57<' not in after
    assert "执行率20、年度绩效目标80" in after
    screen = finance.get(SCHEME).content.decode()
    assert "预算执行率分值:<del>10</del> → <ins>20</ins>" in screen

    # saving the same scheme again records nothing new
    again = finance.post("/scoring/scheme/", TWENTY_EIGHTY)
    assert again.status_code == 302
    assert AuditEntry.objects.filter(action=AuditEntry.SCHEME).count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"weight-satisfaction": "20"},
            "执行率与各类指标的分值合计应为 100 分,现为 10 + 50 + 30 + 20 = 110 分",
        ),
        ({"grade-1": "95"}, "等级应按最低分从高到低排列"),
        ({"grade-3": "10"}, "最后一个等级的最低分应为 0"),
        ({"weight-output": "五十"}, "“五十”不是数字"),
        ({"tolerance": "-1"}, "不能为负数"),
        ({"execution_weight": ""}, "请填写“预算执行率”"),
    ],
)
def test_a_scheme_that_cannot_be_used_is_refused_in_chinese_keeping_what_was_typed(
    world, login, changes, message
):
    response = _post(login(world["finance"]), **changes)
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    for name, value in changes.items():
        assert f'name="{name}" value="{value}"' in text
    if "weight-satisfaction" in changes:
        assert '<td id="weights-sum">110 分 <span class="field-error">合计应为 100 分</span>' in text
    assert not ScoringScheme.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.SCHEME).exists()


def test_the_view_page_sets_the_computed_score_beside_the_reported_one_line_by_line(world, login, seed_form):
    text = login(world["reviewer"]).get(f"/forms/{seed_form.pk}/view/").content.decode()
    assert 'id="computed-total">67.57<' in text
    assert 'id="reported-total">未填<' in text
    assert "逐项说明" in text and "预算执行率" in text and "97.13%" in text
    assert "无法核验的指标经核实都达成时,最高可得 99.71 分" in text
    assert "查看方案" not in text  # only finance is sent to the scheme


def test_a_reported_total_that_differs_is_marked(world, login, seed_core):
    data = seed_core.model_copy(update={"total_score": Decimal("95"), "grade": "优"})
    form = form_create(organisation=world["bureau"], year=2021, data=data, user=world["filler"])
    text = login(world["finance"]).get(f"/forms/{form.pk}/view/").content.decode()
    assert 'id="reported-total">95<' in text
    assert "与计算不一致" in text and "与计算不同" in text


@pytest.mark.parametrize(("reviewer_score", "flagged"), [("60", True), ("65", False), ("62.57", False)])
def test_the_spot_check_is_flagged_beyond_the_schemes_gap(world, login, seed_form, reviewer_score, flagged):
    Form.objects.filter(pk=seed_form.pk).update(
        spot_check_score=Decimal(reviewer_score), spot_check_comment="抽查"
    )
    text = login(world["finance"]).get(f"/forms/{seed_form.pk}/view/").content.decode()
    shown = f"{Decimal(reviewer_score):.2f}"  # as stored: two decimals
    assert f"抽查复核得分 <b>{shown}</b> 分,计算得分 67.57 分" in text
    assert ('id="spot-flag"' in text) is flagged
    if flagged:
        assert "相差超过 5 分" in text and "请核实自评依据" in text


def test_a_wider_gap_in_the_scheme_removes_the_flag(world, login, seed_form):
    Form.objects.filter(pk=seed_form.pk).update(spot_check_score=Decimal("60"), spot_check_comment="抽查")
    finance = login(world["finance"])
    assert _post(finance, spot_check_gap="10").status_code == 302
    text = finance.get(f"/forms/{seed_form.pk}/view/").content.decode()
    assert 'id="spot-flag"' not in text and "在允许差距 10 分以内" in text


# --- comparisons --------------------------------------------------------------------------------


def _unit_form(year, indicators, *, actual="95", claim=None):
    return core.Form(
        year=year,
        department="广州市天河区政务服务中心",
        funds=core.Funds(initial_budget=Decimal(100), adjusted_budget=Decimal(100), actual=Decimal(actual)),
        tasks=[
            core.Task(
                name="政务服务",
                achieved=claim,
                indicators=[core.Indicator(name=n, target=t, result=r) for n, t, r in indicators],
            )
        ],
    )


@pytest.fixture
def two_years(world):
    def unit_form(year, indicators, **kwargs):
        data = _unit_form(year, indicators, **kwargs)
        return form_create(organisation=world["unit"], year=year, data=data, user=world["unit_filler"])

    last = unit_form(2021, [("办件量", "≥1000件", "办件1500件"), ("好评率", "≥95%", "好评率97%")])
    now = unit_form(
        2022,
        [("办件量", "≥1200件", "办件1300件"), ("好评率", "≥95%", "好评率98%")],
        actual="70",
        claim="2个关键指标均已完成预期目标。",
    )
    return last, now


def test_the_comparison_lists_link_to_the_forms(world, login, two_years):
    last, now = two_years
    finance = login(world["finance"])
    below = finance.get("/scoring/compare/below/?year=2022").content.decode()
    assert f'href="/forms/{now.pk}/view/"' in below and f'href="/forms/{last.pk}/view/"' in below
    assert "今年目标“办件量≥1200件”低于上年实际完成值 1500件" in below
    copied = finance.get("/scoring/compare/copied/?year=2022").content.decode()
    assert "目标“好评率≥95%”与上年相同,上年实际完成 97%。" in copied
    assert "办件量≥1200件" not in copied
    low = finance.get("/scoring/compare/low-execution/?year=2022").content.decode()
    assert f'href="/forms/{now.pk}/view/"' in low and "预算执行率只有 70.00%" in low
    assert "/scoring/compare/below/?year=2022" in low  # the other lists, same year
    assert f'href="/forms/{last.pk}/view/"' not in low
    peers = finance.get(f"/scoring/compare/peers/?year=2022&department={world['bureau'].pk}").content.decode()
    assert f'href="/forms/{now.pk}/view/"' in peers and "1 个单位中排第 1 名" in peers
    assert finance.get("/scoring/compare/below/?year=2021").content.decode().count("/view/") == 0


def test_comparisons_are_for_reviewers_and_show_only_what_they_may_see(world, login, two_years):
    _, now = two_years
    reviewer = login(world["reviewer"])
    assert (
        f'href="/forms/{now.pk}/view/"' in reviewer.get("/scoring/compare/below/?year=2022").content.decode()
    )
    assert reviewer.get("/scoring/compare/").status_code == 200
    assert reviewer.get("/scoring/compare/nothing/").status_code == 404
    other = world["education"]
    assert reviewer.get(f"/scoring/compare/peers/?department={other.pk}").status_code == 404
    for name in ("filler", "unit_filler", "filler2"):
        assert login(world[name]).get("/scoring/compare/below/?year=2022").status_code == 403, name


@pytest.mark.parametrize(
    "page",
    [
        SCHEME,
        SCHEME + "&preset=20/80",
        "/scoring/compare/",
        "/scoring/compare/below/?year=2022",
        "/scoring/compare/copied/?year=2022",
        "/scoring/compare/low-execution/?year=2022",
        "/scoring/compare/peers/?year=2022",
    ],
)
def test_the_scoring_pages_are_chinese(world, login, two_years, page):
    from tests.wording_check import english, visible_text

    finance = login(world["finance"])
    assert _post(finance, execution_weight="20", **{"weight-output": "40"}).status_code == 302
    response = finance.get(page)
    assert response.status_code == 200
    names = ("filler", "filler2", "unit_filler", "reviewer", "finance", "admin")
    assert english(visible_text(response.content.decode()), names=names) == []


def test_a_new_scheme_scores_the_dashboards_facts_of_its_year_again(
    world, login, seed_form, django_capture_on_commit_callbacks
):
    from jixiao.web.dashboards.models import FormFact

    assert FormFact.objects.get(form=seed_form).grade == "中"  # 67.57 under the default bands
    finance = login(world["finance"])
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(finance, **{"grade-1": "65", "grade-2": "50"}).status_code == 302
    fact = FormFact.objects.get(form=seed_form)
    assert fact.grade == "良" and fact.score == Decimal("67.57")

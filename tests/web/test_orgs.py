"""The organisation tree and its validation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from jixiao.web.orgs.models import Organisation
from jixiao.web.orgs.selectors import organisation_subtree_ids
from jixiao.web.orgs.services import organisation_ensure


def test_it_validates_the_uscc_check_digit(world):
    org = world["education"]
    org.uscc = "91350100M000100Y44"
    with pytest.raises(ValidationError) as raised:
        org.full_clean()
    assert "校验位不符" in str(raised.value)
    org.uscc = "91350100M000100Y43"
    org.full_clean()


def test_it_allows_an_organisation_without_a_uscc(world):
    world["education"].full_clean()


def test_it_keeps_the_tree_in_order(world):
    with pytest.raises(ValidationError, match="上级应为一级预算部门"):
        organisation_ensure(
            region=world["region"], kind=Organisation.UNIT, name="某单位", parent=world["finance_org"]
        )
    with pytest.raises(ValidationError, match="须有上级单位"):
        organisation_ensure(region=world["region"], kind=Organisation.DEPARTMENT, name="某局")


def test_it_finds_everything_below_an_organisation(world):
    assert set(organisation_subtree_ids(world["bureau"])) == {world["bureau"].pk, world["unit"].pk}
    assert len(organisation_subtree_ids(world["finance_org"])) == 4
    assert organisation_subtree_ids(world["unit"]) == [world["unit"].pk]


def test_it_refuses_a_filler_in_the_finance_bureau(world):
    user = world["filler"]
    user.organisation = world["finance_org"]
    with pytest.raises(ValidationError, match="填报人不能属于财政局"):
        user.full_clean(exclude=["password"])

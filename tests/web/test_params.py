"""A year typed in a URL is read defensively: odd text is ignored, never a server error."""

from __future__ import annotations

import pytest

from jixiao.web.params import year_param


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2021", 2021),
        ("", None),
        (None, None),
        ("²", None),
        ("２０２１", None),
        ("99999999999999999999", None),
        ("21", None),
        ("2021 ", None),
    ],
)
def test_year_param_reads_four_ascii_digits_only(text, year):
    assert year_param(text) == year


@pytest.mark.parametrize("year", ["²", "99999999999999999999", "abc"])
def test_the_form_list_ignores_an_unreadable_year(world, login, seed_form, year):
    response = login(world["filler"]).get("/forms/", {"year": year})
    assert response.status_code == 200


@pytest.mark.parametrize("year", ["²", "99999999999999999999"])
def test_the_review_queue_ignores_an_unreadable_year(world, login, year):
    response = login(world["reviewer"]).get("/review/", {"year": year})
    assert response.status_code == 200

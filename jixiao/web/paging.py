"""Long lists a page at a time: Django's Paginator, the other query parameters kept in the page links.

A page number typed or bookmarked that no longer exists shows the last page with a Chinese sentence
saying so, never a 404; one that is not a number shows the first page, also said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from jixiao.core import wording

PER_PAGE = 50


@dataclass
class Paged:
    """One page of a list and what its pager shows."""

    page: Page[Any]
    param: str
    query: str  # the request's other parameters, url-encoded, ending in "&" when not empty
    anchor: str = ""  # "#id" of the list's section, for a page with several lists
    note: str = ""  # the sentence for a page number that does not exist
    numbers: list[int | None] = field(default_factory=list)  # None: a gap ("…")

    @property
    def items(self) -> list[Any]:
        return list(self.page.object_list)

    @property
    def count_text(self) -> str:
        return wording.PAGES["count"].format(
            total=self.page.paginator.count, number=self.page.number, pages=self.page.paginator.num_pages
        )

    @property
    def previous_text(self) -> str:
        return wording.PAGES["previous"]

    @property
    def next_text(self) -> str:
        return wording.PAGES["next"]

    @property
    def several(self) -> bool:
        return self.page.paginator.num_pages > 1


def _numbers(current: int, last: int) -> list[int | None]:
    """Page numbers to link: the first, the last and two either side of the current one."""
    keep = {1, last} | set(range(max(1, current - 2), min(last, current + 2) + 1))
    numbers: list[int | None] = []
    previous = 0
    for n in sorted(keep):
        if previous and n - previous > 1:
            numbers.append(None)
        numbers.append(n)
        previous = n
    return numbers


def paginate(
    request: HttpRequest,
    object_list: Any,
    *,
    param: str = "page",
    per_page: int | None = None,
    anchor: str = "",
) -> Paged:
    """Return the requested page of ``object_list`` (an ordered queryset or a list), ``PER_PAGE`` a page."""
    paginator = Paginator(object_list, per_page or PER_PAGE)
    asked = request.GET.get(param, "").strip()
    note = ""
    number = 1
    if asked:
        if asked.isascii() and asked.isdigit() and len(asked) < 10:
            number = int(asked)
            if number > paginator.num_pages:
                note = wording.PAGES["out_of_range"].format(asked=number, pages=paginator.num_pages)
                number = paginator.num_pages
            elif number < 1:
                note = wording.PAGES["before_first"].format(asked=number)
                number = 1
        else:
            note = wording.PAGES["not_a_number"].format(asked=asked[:20])
    page = paginator.page(number)
    rest = request.GET.copy()
    rest.pop(param, None)
    query = rest.urlencode()
    return Paged(
        page=page,
        param=param,
        query=f"{query}&" if query else "",
        anchor=f"#{anchor}" if anchor else "",
        note=note,
        numbers=_numbers(page.number, paginator.num_pages),
    )

"""Import damage (FORM.md §7): what the importer could not read is listed for review, never dropped."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.core import wording
from jixiao.core.checks.registry import CheckContext, register
from jixiao.core.findings import Finding


def import_review(ctx: CheckContext) -> Iterator[Finding]:
    for item in ctx.form.review:
        where = (
            wording.finding("review.where", source=wording.review_source(item.source)) if item.source else ""
        )
        yield Finding(
            code="review.import_damage",
            severity="warning",
            path=item.path,
            message=wording.finding(
                "review.import_damage", problem=wording.review_problem(item.problem), where=where
            ),
            detail=f"importer review entry: {item.problem}",
        )


# Registered by a call, not a decorator, so that mutation testing (mutmut) reaches these functions.
register(import_review)

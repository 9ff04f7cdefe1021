"""What the form model says about each of its fields besides its type: ``Spec``, read by ``jixiao.core.fields``.

Every field of ``jixiao.core.form`` carries one ``Spec`` in its annotation: its Chinese label (and the
label each printed layout uses where it differs), how the edit page takes it, its storage limit,
whether next year's form starts from it and how a 汇总 form gets it. Everything else that lists the
form's fields (rows in the database, the edit page, exports, open data, compare, roll-up) derives
from these, through ``jixiao.core.fields``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# How the edit page takes a field: a one-line text, a text area, a list (one item per line), a
# number, a check box, a choice, a value shown but not typed, or nothing (not on the page).
Input = Literal["text", "area", "lines", "number", "check", "choice", "static", "none"]

# What a decimal is: an amount in the form's unit (万元/元), a rate in percentage points, or points.
Unit = Literal["amount", "%", "分"]

# How the 汇总 form of a first-level department gets the field from its units' forms
# (``jixiao.core.compute.rollup``): set by the roll-up itself, the same in every unit (refused
# otherwise), summed, recomputed from the sums, the units' texts joined (each named 【单位】), the
# units' list items each named, the units' rows concatenated (names prefixed), the 其中 lines summed by
# source, the first unit's, the units' review entries (paths shifted), or left empty.
Rollup = Literal["given", "same", "sum", "rate", "join", "named", "rows", "lines", "first", "review", "none"]

# The places a label is printed in: the two official layouts, and the two tables an indicator is in.
Context = Literal["department", "project", "task", "grid"]


@dataclass(frozen=True)
class Spec:
    """The facts about one field of the form that its type does not say."""

    label: str
    department: str | None = None
    project: str | None = None
    task: str | None = None
    grid: str | None = None
    item: str | None = None
    hint: str | None = None
    input: Input | None = None
    unit: Unit | None = None
    signed: bool = False
    max_length: int | None = None
    kinds: tuple[str, ...] = ("department", "project")
    carry: bool = False
    rollup: Rollup = "none"

    def printed(self, *contexts: Context) -> str:
        """Return the label as printed in the first of ``contexts`` that has its own, else ``label``."""
        for context in contexts:
            text: str | None = getattr(self, context)
            if text:
                return text
        return self.label

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        schema["title"] = self.label
        return schema

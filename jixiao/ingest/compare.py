"""Field-by-field agreement of two forms: an import against a form read by a careful person.

Numbers must be equal as decimals (97.10 = 97.1, 9100.04 ≠ 9100.4); texts are equal when they are
equal with every white space removed (a PDF's line breaks are not a difference); review entries are
matched by path. Used by ``jixiao compare`` and by the import tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.core import fields
from jixiao.core.form import Form
from jixiao.ingest.textutil import squeeze


@dataclass(frozen=True)
class FieldResult:
    """One leaf field: its path, its kind (number, text, other), both values, and whether they agree."""

    path: str
    kind: str
    got: Any
    expected: Any
    agrees: bool


@dataclass
class Comparison:
    """All fields compared, and the review entries expected, found and extra (by path)."""

    fields: list[FieldResult] = field(default_factory=list)
    review_expected: list[str] = field(default_factory=list)
    review_found: list[str] = field(default_factory=list)
    review_missing: list[str] = field(default_factory=list)
    review_extra: list[str] = field(default_factory=list)

    def tally(self, kind: str) -> tuple[int, int]:
        """Return (agreeing, total) for one kind of field."""
        chosen = [f for f in self.fields if f.kind == kind]
        return sum(f.agrees for f in chosen), len(chosen)

    def share(self, kind: str) -> Decimal:
        """Return the share of agreeing fields of a kind, in percent (100 when there are none)."""
        agree, total = self.tally(kind)
        return (
            Decimal(100) if total == 0 else (Decimal(agree) * 100 / Decimal(total)).quantize(Decimal("0.1"))
        )

    @property
    def identical(self) -> bool:
        return all(f.agrees for f in self.fields) and not self.review_missing

    def differences(self) -> list[FieldResult]:
        return [f for f in self.fields if not f.agrees]

    def to_dict(self) -> dict[str, Any]:
        return {
            "numbers": dict(zip(("agree", "total"), self.tally("number"), strict=True)),
            "texts": dict(zip(("agree", "total"), self.tally("text"), strict=True)),
            "other": dict(zip(("agree", "total"), self.tally("other"), strict=True)),
            "review": {
                "expected": len(self.review_expected),
                "found": len(self.review_found),
                "missing": self.review_missing,
                "extra": self.review_extra,
            },
            "fields": [
                {"path": f.path, "kind": f.kind, "agrees": f.agrees, "got": f.got, "expected": f.expected}
                for f in self.fields
            ],
        }


def compare_forms(got: Form | dict[str, Any], expected: Form | dict[str, Any]) -> Comparison:
    """Compare an imported form with the expected one, field by field."""
    a = got.to_dict() if isinstance(got, Form) else got
    b = expected.to_dict() if isinstance(expected, Form) else expected
    result = Comparison()
    a_review = [item["path"] for item in a.get("review", [])]
    b_review = [item["path"] for item in b.get("review", [])]
    result.review_expected = b_review
    result.review_found = [p for p in b_review if p in a_review]
    result.review_missing = [p for p in b_review if p not in a_review]
    result.review_extra = [p for p in a_review if p not in b_review]
    _walk(
        "",
        {k: v for k, v in a.items() if k != "review"},
        {k: v for k, v in b.items() if k != "review"},
        result,
    )
    return result


def _walk(path: str, a: Any, b: Any, out: Comparison) -> None:
    if isinstance(a, dict) or isinstance(b, dict):
        a_dict = a if isinstance(a, dict) else {}
        b_dict = b if isinstance(b, dict) else {}
        for key in list(b_dict) + [k for k in a_dict if k not in b_dict]:
            _walk(f"{path}.{key}" if path else key, a_dict.get(key), b_dict.get(key), out)
        return
    if isinstance(a, list) or isinstance(b, list):
        a_list = a if isinstance(a, list) else []
        b_list = b if isinstance(b, list) else []
        for index in range(max(len(a_list), len(b_list))):
            left = a_list[index] if index < len(a_list) else None
            right = b_list[index] if index < len(b_list) else None
            if isinstance(left, dict) or isinstance(right, dict):
                _walk(
                    f"{path}[{index}]",
                    left if left is not None else {},
                    right if right is not None else {},
                    out,
                )
            else:
                _leaf(f"{path}[{index}]", left, right, out)
        return
    _leaf(path, a, b, out)


def _leaf(path: str, a: Any, b: Any, out: Comparison) -> None:
    # What a leaf is comes from the field catalogue: figures and years compare as numbers, texts
    # (and the items of a list of texts) without white space, codes (表式, 金额单位), yes/no and
    # two empty values as they are.
    found = fields.find(path)
    kind = found.shape if found is not None else ""
    if kind in ("decimal", "int") and not isinstance(a, bool) and not isinstance(b, bool):
        out.fields.append(FieldResult(path, "number", a, b, _same_number(a, b)))
    elif kind == "texts" or (kind != "choice" and (isinstance(a, str) or isinstance(b, str))):
        same = (a is None and b is None) or (
            isinstance(a, str) and isinstance(b, str) and squeeze(a) == squeeze(b)
        )
        out.fields.append(FieldResult(path, "text", a, b, same))
    else:
        out.fields.append(FieldResult(path, "other", a, b, a == b))


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except InvalidOperation:
        return str(a) == str(b)

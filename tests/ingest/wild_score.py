"""Score the importer on the real published forms of ``tests/data/wild`` (see its README).

For every page with a complete expected file: was it imported (as many forms as expected) or
refused (expected ``[]``); how many of the expected amounts and indicator names/targets/results came
out right; how many values were invented (a value where the page has none, an indicator or a form
the page does not have). Totals are broken down by province, layout and serialisation.

Run: ``python -m tests.ingest.wild_score [--per-page] [--json] [DIR]`` (``make wild-score``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any

import opencc

from jixiao.core.form import Form, FundLine, Indicator

WILD = Path(__file__).resolve().parents[1] / "data" / "wild"

# The goals of issue 10 for this corpus.
GOALS = {"imported": Decimal(95), "amounts": Decimal(90), "indicator_texts": Decimal(90), "invented": 0}

_FUND_FIELDS = (
    "initial_budget",
    "adjusted_budget",
    "actual",
    "adjustment",
    "execution_rate",
    "adjustment_rate",
    "weight",
    "score",
)
_LINE_FIELDS = ("initial_budget", "adjusted_budget", "actual")
_TEXT_FIELDS = ("name", "target", "result")
_COMPARATORS = (
    (re.compile(r"≧|>=|=>|≥="), "≥"),
    (re.compile(r"≦|<=|=<|≤="), "≤"),
    (re.compile(r"[═﹦]"), "="),
)
_T2S = opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Return the comparison key of a text: NFKC, simplified, no white space, one comparator form."""
    if text is None:
        return ""
    folded = _T2S.convert(unicodedata.normalize("NFKC", text))
    folded = re.sub(r"\s+", "", folded)
    for pattern, sign in _COMPARATORS:
        folded = pattern.sub(sign, folded)
    return folded


# -- the corpus ---------------------------------------------------------------------------------


@dataclass
class Page:
    """One saved page: its text, what a careful reviewer reads in it and where it came from."""

    id: str
    text: Path
    expected: list[Form]
    meta: dict[str, Any]

    @property
    def province(self) -> str:
        return str(self.meta.get("province") or "?")

    @property
    def layout(self) -> str:
        """Return the LAYOUTS.md code ("P1", "D3", "guangzhou") or "other"."""
        raw = str(self.meta.get("layout") or "?").strip()
        if self.meta.get("kind") == "negative" or not self.expected:
            return "negative"
        code = re.match(r"[A-Za-z]+\d*", raw)
        if raw.lower().startswith("other") or code is None:
            return "other"
        return code.group(0)

    @property
    def serialisations(self) -> list[str]:
        found = self.meta.get("serialisation") or ["?"]
        return [str(s) for s in found] if isinstance(found, list) else [str(found)]


def pages(root: Path = WILD) -> Iterator[Page]:
    """Yield every page with a valid text, meta and expected file; warn about half-written ones."""
    for text in sorted(root.glob("*.txt")):
        if text.name.lower() == "readme.txt":
            continue
        page_id = text.stem
        expected_path = text.with_name(f"{page_id}.expected.json")
        meta_path = text.with_name(f"{page_id}.meta.json")
        if not expected_path.exists() or not meta_path.exists():
            warnings.warn(f"{page_id}: no expected or meta file yet, skipped", stacklevel=2)
            continue
        try:
            raw = json.loads(expected_path.read_text(encoding="utf-8"))
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if not isinstance(raw, list) or not isinstance(meta, dict):
                raise ValueError("expected an array and a meta object")
            forms = [Form.model_validate(item) for item in raw]
        except (ValueError, TypeError) as exc:
            warnings.warn(f"{page_id}: expected or meta file not valid ({exc}), skipped", stacklevel=2)
            continue
        yield Page(id=page_id, text=text, expected=forms, meta=meta)


# -- scoring one page ---------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts for one page or one group of pages."""

    pages: int = 0
    imported: int = 0
    amounts: int = 0
    amounts_right: int = 0
    texts: int = 0
    texts_right: int = 0
    invented: int = 0

    def add(self, other: Tally) -> None:
        for name in ("pages", "imported", "amounts", "amounts_right", "texts", "texts_right", "invented"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def shares(self) -> dict[str, Decimal]:
        return {
            "imported": _share(self.imported, self.pages),
            "amounts": _share(self.amounts_right, self.amounts),
            "indicator_texts": _share(self.texts_right, self.texts),
        }


def _share(part: int, whole: int) -> Decimal:
    if whole == 0:
        return Decimal(100)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass
class PageScore:
    """One page's tally, what went wrong (for --per-page) and how the import ended."""

    page: Page
    tally: Tally
    outcome: str  # "imported N", "refused: …"
    misses: list[str] = field(default_factory=list)


def import_page(page: Page) -> tuple[list[Form] | None, str]:
    """Return the forms the importer reads from a page (None when it refuses) and a one-line outcome."""
    from jixiao.ingest import IngestError, read_bytes_all

    try:
        results = read_bytes_all(page.text.read_bytes(), page.text.name)
    except IngestError as exc:
        return None, f"refused: {exc.reason}"
    return [r.form for r in results], f"imported {len(results)} ({', '.join(r.layout for r in results)})"


def score_page(page: Page, got: list[Form] | None, outcome: str = "") -> PageScore:
    """Compare what the importer read with what the reviewer read."""
    tally = Tally(pages=1)
    score = PageScore(page=page, tally=tally, outcome=outcome)
    if not page.expected:
        tally.imported = int(got is None)
        if got is not None:
            score.misses.append("imported a page that must be refused")
            for form in got:
                _invent_form(score, form, "extra form")
        return score
    forms = got or []
    tally.imported = int(got is not None and len(forms) == len(page.expected))
    if got is not None and len(forms) != len(page.expected):
        score.misses.append(f"{len(forms)} forms instead of {len(page.expected)}")
    for k, expected in enumerate(page.expected):
        _score_form(score, f"form[{k}]", expected, forms[k] if k < len(forms) else None)
    for k in range(len(page.expected), len(forms)):
        _invent_form(score, forms[k], f"form[{k}] (extra)")
    return score


def _amount(score: PageScore, path: str, expected: Decimal | None, got: Decimal | None) -> None:
    tally = score.tally
    if expected is None:
        if got is not None:
            tally.invented += 1
            score.misses.append(f"invented {path} = {got}")
        return
    tally.amounts += 1
    if got is not None and got == expected:
        tally.amounts_right += 1
    else:
        score.misses.append(f"{path}: {got} ≠ {expected}")


def _text(score: PageScore, path: str, expected: str | None, got: str | None) -> None:
    tally = score.tally
    if expected is None:
        if got is not None:
            tally.invented += 1
            score.misses.append(f"invented {path} = {got!r}")
        return
    tally.texts += 1
    if got is not None and fold(got) == fold(expected):
        tally.texts_right += 1
    else:
        score.misses.append(f"{path}: {got!r} ≠ {expected!r}")


def _score_form(score: PageScore, where: str, expected: Form, got: Form | None) -> None:
    empty = Form()
    form = got or empty
    for name in _FUND_FIELDS:
        _amount(score, f"{where}.funds.{name}", getattr(expected.funds, name), getattr(form.funds, name))
    for (label, want), have in _align_lines(expected.funds.lines, form.funds.lines):
        for name in _LINE_FIELDS:
            _amount(
                score,
                f"{where}.funds.lines[{label}].{name}",
                getattr(want, name) if want else None,
                getattr(have, name) if have else None,
            )
    _amount(score, f"{where}.total_score", expected.total_score, form.total_score)
    for t, task in enumerate(expected.tasks):
        have_task = form.tasks[t] if t < len(form.tasks) else None
        _amount(score, f"{where}.tasks[{t}].funds", task.funds, have_task.funds if have_task else None)
    for t in range(len(expected.tasks), len(form.tasks)):
        _amount(score, f"{where}.tasks[{t}].funds", None, form.tasks[t].funds)
    want_indicators = [i for task in expected.tasks for i in task.indicators] + expected.indicators
    have_indicators = [i for task in form.tasks for i in task.indicators] + form.indicators
    for want, have in align_indicators(want_indicators, have_indicators):
        label = f"{where}.indicator {(want or have).name!r}"  # type: ignore[union-attr]
        if want is None:
            assert have is not None
            score.tally.invented += 1
            score.misses.append(f"invented indicator {have.name!r} ({have.target!r} / {have.result!r})")
            continue
        for name in _TEXT_FIELDS:
            _text(score, f"{label}.{name}", getattr(want, name), getattr(have, name) if have else None)
        for name in ("weight", "score"):
            _amount(score, f"{label}.{name}", getattr(want, name), getattr(have, name) if have else None)


def _invent_form(score: PageScore, form: Form, where: str) -> None:
    _score_form(score, where, Form(), form)


def _align_lines(
    expected: list[FundLine], got: list[FundLine]
) -> Iterator[tuple[tuple[str, FundLine | None], FundLine | None]]:
    """Pair 其中 lines by their source, then in order; lines without any figure are left out."""
    got = [line for line in got if any(getattr(line, n) is not None for n in _LINE_FIELDS)]
    unused = list(range(len(got)))
    pairs: list[tuple[FundLine, int | None]] = []
    for line in expected:
        key = fold(line.source)
        match = next((j for j in unused if fold(got[j].source) == key), None)
        if match is not None:
            unused.remove(match)
        pairs.append((line, match))
    for k, (line, match) in enumerate(pairs):
        if match is None and unused:
            match = unused.pop(0)
            pairs[k] = (line, match)
    for line, match in pairs:
        yield (line.source or "?", line), got[match] if match is not None else None
    for j in unused:
        yield (got[j].source or "?", None), got[j]


def align_indicators(
    expected: list[Indicator], got: list[Indicator]
) -> list[tuple[Indicator | None, Indicator | None]]:
    """Pair indicators by name: equal after folding, then one name containing the other, then the most
    similar (≥ 0.6); unpaired expected ones pair with None, unpaired imported ones are extra."""
    unused = list(range(len(got)))
    pairs: dict[int, int] = {}
    tests = (
        lambda a, b: a == b,
        lambda a, b: bool(a) and bool(b) and (a in b or b in a),
        lambda a, b: SequenceMatcher(None, a, b).ratio() >= 0.6,
    )
    for test in tests:
        for k, want in enumerate(expected):
            if k in pairs:
                continue
            key = fold(want.name)
            for j in unused:
                if test(key, fold(got[j].name)):
                    pairs[k] = j
                    unused.remove(j)
                    break
    result: list[tuple[Indicator | None, Indicator | None]] = [
        (want, got[pairs[k]] if k in pairs else None) for k, want in enumerate(expected)
    ]
    result.extend((None, got[j]) for j in unused)
    return result


# -- the corpus score ---------------------------------------------------------------------------


@dataclass
class CorpusScore:
    """The whole corpus: the total and the breakdowns."""

    total: Tally
    by_province: dict[str, Tally]
    by_layout: dict[str, Tally]
    by_serialisation: dict[str, Tally]
    pages: list[PageScore]

    def meets_goals(self) -> list[str]:
        """Return the goals the corpus does not reach (empty when all are met)."""
        shares = self.total.shares()
        failed = [
            f"{name} {shares[name]}% < {GOALS[name]}%"
            for name in ("imported", "amounts", "indicator_texts")
            if shares[name] < GOALS[name]
        ]
        if self.total.invented > GOALS["invented"]:
            failed.append(f"invented {self.total.invented} > 0")
        return failed

    def to_dict(self, per_page: bool = False) -> dict[str, Any]:
        def row(tally: Tally) -> dict[str, Any]:
            return {**asdict(tally), **{k: str(v) for k, v in tally.shares().items()}}

        data: dict[str, Any] = {
            "total": row(self.total),
            "by_province": {k: row(v) for k, v in self.by_province.items()},
            "by_layout": {k: row(v) for k, v in self.by_layout.items()},
            "by_serialisation": {k: row(v) for k, v in self.by_serialisation.items()},
            "goals_not_met": self.meets_goals(),
        }
        if per_page:
            data["pages"] = [
                {"id": s.page.id, "outcome": s.outcome, **row(s.tally), "misses": s.misses}
                for s in self.pages
            ]
        return data


def score_corpus(root: Path = WILD, chosen: Iterable[Page] | None = None) -> CorpusScore:
    """Import every page of the corpus and add up the scores."""
    total = Tally()
    groups: dict[str, dict[str, Tally]] = {"province": {}, "layout": {}, "serialisation": {}}
    scores = []
    for page in chosen if chosen is not None else pages(root):
        got, outcome = import_page(page)
        score = score_page(page, got, outcome)
        scores.append(score)
        total.add(score.tally)
        keys = {"province": [page.province], "layout": [page.layout], "serialisation": page.serialisations}
        for group, names in keys.items():
            for name in names:
                groups[group].setdefault(name, Tally()).add(score.tally)
    return CorpusScore(
        total=total,
        by_province=dict(sorted(groups["province"].items())),
        by_layout=dict(sorted(groups["layout"].items())),
        by_serialisation=dict(sorted(groups["serialisation"].items())),
        pages=scores,
    )


def _table(title: str, rows: dict[str, Tally]) -> list[str]:
    lines = [f"{title:<22} pages imported  amounts        indicator texts  invented"]
    for name, tally in rows.items():
        shares = tally.shares()
        lines.append(
            f"{name[:22]:<22} {tally.pages:>5} {shares['imported']:>6}%  "
            f"{tally.amounts_right:>4}/{tally.amounts:<4} {shares['amounts']:>5}%  "
            f"{tally.texts_right:>4}/{tally.texts:<4} {shares['indicator_texts']:>5}%  {tally.invented:>5}"
        )
    return lines


def report(corpus: CorpusScore, per_page: bool = False) -> str:
    """Return the score as a readable text table."""
    lines: list[str] = []
    if per_page:
        for s in corpus.pages:
            t = s.tally
            lines.append(
                f"{s.page.id}: {s.outcome}; amounts {t.amounts_right}/{t.amounts}, "
                f"texts {t.texts_right}/{t.texts}, invented {t.invented}"
            )
            lines.extend(f"    {miss}" for miss in s.misses)
        lines.append("")
    lines.extend(_table("TOTAL", {"all pages": corpus.total}))
    for title, rows in (
        ("by province", corpus.by_province),
        ("by layout", corpus.by_layout),
        ("by serialisation", corpus.by_serialisation),
    ):
        lines.append("")
        lines.extend(_table(title, rows))
    failed = corpus.meets_goals()
    lines.append("")
    lines.append("goals met" if not failed else "goals not met: " + "; ".join(failed))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=WILD, help="the corpus folder")
    parser.add_argument("--per-page", action="store_true", help="list every page and what it missed")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    warnings.formatwarning = lambda message, *_args, **_kwargs: f"warning: {message}\n"
    corpus = score_corpus(args.root)
    if args.json:
        print(json.dumps(corpus.to_dict(per_page=args.per_page), ensure_ascii=False, indent=2))
    else:
        print(report(corpus, per_page=args.per_page))
    return 0


if __name__ == "__main__":
    sys.exit(main())

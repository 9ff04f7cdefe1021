"""Set computed scores beside the scores real published forms print, and say why they differ.

    .venv/bin/python -m tests.core.score_corpus [--wild DIR] [--layouts DIR] [--markdown] [--json FILE]

Reads the real-form corpus (``<id>.expected.json`` with ``<id>.meta.json``: what a careful reader
reads off each published page; by default ``tests/data/wild`` of this checkout or of ``../main``) and
the layout fixtures (``tests/data/layouts/*.txt``, imported with ``jixiao.ingest``; built by hand for the
importer's tests and abridged, so their totals are not the sums of their rows: reported apart). For every form
that prints 分值/得分 it scores the form with ``score_form`` — under the 20/80 scheme where the form
gives the execution rate 20 points, else the default — and compares, per indicator and per form.

Each difference gets a class: ``rounding`` (the printed figure is the computed one rounded or cut
differently), ``judgment`` (a reviewer's call: points taken from a met indicator, full points for a
shortfall, a qualitative score outside its band), ``own rule`` (the form scores by a rule of its own:
its weights are not printed, it counts the execution rate differently, its ratio is not the
财预〔2020〕10号 one), ``no evidence`` (the result gives no figure to check: it restates the target or
says "完成"), ``import`` (the importer read the cell wrongly), and for totals ``own sum`` (the printed
total is not the sum of the form's own printed parts) or ``parts`` (it follows from the indicator
differences), ``engine`` (jixiao's own reading is wrong: a bare target read in the wrong direction).
Totals of excerpts cut before the end of the form are not compared.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from jixiao.core.form import Form, Indicator  # noqa: E402
from jixiao.core.indicators import evaluate  # noqa: E402
from jixiao.core.scoring import DEFAULT_SCHEME, SPLIT_20_80, FormScore, LineScore, score_form  # noqa: E402

CLASSES = ("agree", "rounding", "judgment", "own rule", "no evidence", "import", "engine")


@dataclass
class Row:
    source: str
    path: str
    name: str
    target: str | None
    result: str | None
    weight: str | None
    printed: str | None
    computed: str | None
    verdict: str | None
    cls: str
    why: str


@dataclass
class FormRow:
    source: str
    complete: bool
    printed: str | None
    computed: str
    maximum: str
    own_sum: str | None
    printed_grade: str | None
    computed_grade: str
    cls: str
    why: str
    scheme: str


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    forms: list[FormRow] = field(default_factory=list)
    scored_by: Counter[str] = field(default_factory=Counter)
    all_forms_by: Counter[str] = field(default_factory=Counter)


def default_wild() -> Path | None:
    for candidate in (ROOT / "tests" / "data" / "wild", ROOT.parent / "main" / "tests" / "data" / "wild"):
        if candidate.is_dir() and any(candidate.glob("*.expected.json")):
            return candidate
    return None


def scheme_for(form: Form) -> Any:
    return SPLIT_20_80 if form.funds.weight == Decimal(20) else DEFAULT_SCHEME


def prints_scores(form: Form) -> bool:
    return (
        form.total_score is not None
        or form.funds.score is not None
        or any(ind.score is not None for _, ind in form.all_indicators())
    )


def classify(
    line: LineScore, indicator: Indicator | None, reviewed: set[str], form: Form | None = None
) -> tuple[str, str]:
    """Return the class of a line's difference and a short reason in English."""
    if not line.differs:
        return "agree", ""
    if line.path in reviewed:
        return "import", "the importer flagged this row for review"
    if line.path == "funds" and form is not None and form.funds.weight is None:
        return "import", "the execution rate's 分值 was not read; scored with the scheme's"
    cause = line.cause
    if cause == "rounding":
        return "rounding", "printed rounded or cut at fewer decimals"
    if cause == "deducted_though_met":
        return "judgment", "points taken from an indicator that meets its target"
    if cause == "full_despite_shortfall" and indicator is not None and indicator.target:
        target, result = indicator.target.strip(), indicator.result
        # OCR reads "≥" as "2" (LAYOUTS.md D: 290% is ≥90%): 28万亩 against 8万亩 is ≥8万亩.
        if re.match(r"^2\d", target) and evaluate(indicator.name, "≥" + target[1:], result).verdict == "met":
            return "import", "'≥' printed as '2' in the published text (28 for ≥8)"
        # A bare target the engine reads as "at least" where the name means "at most" (受害率, 成灾率).
        name = (indicator.name or "").rstrip("。;; ")  # noqa: B005 - a set of characters, meant
        if (
            target[:1].isdigit()
            and LESS_IS_BETTER.search(name)
            and evaluate(name, "≤" + target, result).verdict == "met"
        ):
            return "engine", "bare target read as 'at least'; the name means 'at most'"
    if cause == "full_despite_shortfall":
        return "judgment", "full points for a shortfall"
    if cause == "outside_band":
        return "judgment", "qualitative score outside the 财预〔2020〕10号 band"
    if cause == "unverifiable" and indicator is not None:
        evaluation = evaluate(indicator.name, indicator.target, indicator.result)
        if evaluation.cause == "garbled":
            return "import", "OCR-damaged target (as published)"
        levels = (indicator.level1 or "") + (indicator.level2 or "")
        if RUBRIC.search(levels):
            return "judgment", "rubric row of a 决策/管理 score sheet (评分标准), scored by the reviewer"
        if form is not None and _parent_row(form, line.path):
            return "own rule", "a parent row (★) scored by its 其中 sub-rows"
        if not indicator.result:
            return "no evidence", "result cell empty"
        if not indicator.target and evaluation.cause in ("no_target", "no_target_value", "truncated"):
            return "no evidence", "no target value to compare with"
        if indicator.target and _same(indicator.result, indicator.target):
            return "no evidence", "the result restates the target"
        return "no evidence", "the result says only 完成 / 达成目标, no figure"
    if cause in ("own_weights", "above_weight"):
        return "own rule", "weights not printed or score above the printed weight"
    return "own rule", "score by another ratio or rule"


RUBRIC = re.compile("决策|管理|过程|投入")
# Names that mean "at most" which the indicator engine does not know yet (a bare "0.9%" is ≤ 0.9 %).
LESS_IS_BETTER = re.compile(r"(?:受害|成灾|灾害|损失|事故|死亡|发病|违规|投诉)率?$")


def _parent_row(form: Form, path: str) -> bool:
    """A row without target and result followed by rows without points that have them (其中 rows)."""
    rows = form.all_indicators()
    index = next((i for i, (p, _) in enumerate(rows) if p == path), None)
    if index is None or index + 1 >= len(rows):
        return False
    row, following = rows[index][1], rows[index + 1][1]
    return (
        not row.target
        and not row.result
        and following.weight is None
        and following.score is None
        and bool(following.target or following.result)
    )


def _same(a: str, b: str) -> bool:
    def fold(text: str) -> str:
        return "".join(text.split()).replace("≧", "≥").replace(">=", "≥").replace("═", "=").replace("﹦", "=")

    return fold(a) == fold(b)


def compare(source: str, form: Form, complete: bool, reviewed: set[str], results: Results) -> None:
    scheme = scheme_for(form)
    score: FormScore = score_form(form, scheme)
    indicators = dict(form.all_indicators())
    for line in score.lines:
        if line.reported is None or line.weight is None:
            continue
        if line.path != "funds" and line.weight_source != "form":
            continue
        indicator = indicators.get(line.path)
        cls, why = classify(line, indicator, reviewed, form)
        results.rows.append(
            Row(
                source=source,
                path=line.path,
                name=line.label,
                target=indicator.target if indicator else None,
                result=indicator.result if indicator else None,
                weight=str(line.weight),
                printed=str(line.reported),
                computed=None if line.score is None else str(line.score),
                verdict=line.verdict,
                cls=cls,
                why=why,
            )
        )
    if form.total_score is None:
        return
    # The form's own arithmetic: its printed execution score and every printed indicator score, when
    # every row that carries points has its score printed.
    rows = [(form.funds.weight, form.funds.score)] + [(i.weight, i.score) for _, i in form.all_indicators()]
    rows = [(weight, printed) for weight, printed in rows if weight is not None or printed is not None]
    whole = rows and all(printed is not None for _, printed in rows)
    own_sum = sum((printed or Decimal(0) for _, printed in rows), Decimal(0)) if whole else None
    # A total can be compared when the whole form was read: the page says so, or its printed points
    # (execution rate and every indicator) add up to 100.
    complete = complete or score.full == 100
    if score.full > 100:
        cls, why = "own rule", f"its printed points add up to {score.full}, not 100"
    elif not complete:
        cls, why = "cut", f"the excerpt or import holds {score.full} of the form's points"
    elif not score.total_differs:
        cls, why = "agree", ""
    elif own_sum is not None and own_sum != form.total_score:
        cls, why = "own sum", f"printed parts add up to {own_sum}"
    elif any(line.differs for line in score.lines):
        causes = Counter(
            classify(line, indicators.get(line.path), reviewed, form)[0]
            for line in score.lines
            if line.differs
        )
        cls, why = "parts", ", ".join(f"{n} {c}" for c, n in causes.most_common())
    else:
        cls, why = "own rule", "total by another rule"
    results.forms.append(
        FormRow(
            source=source,
            complete=complete,
            printed=str(form.total_score),
            computed=str(score.total),
            maximum=str(score.maximum),
            own_sum=None if own_sum is None else str(own_sum),
            printed_grade=form.grade,
            computed_grade=score.grade,
            cls=cls,
            why=why,
            scheme="20/80" if scheme is SPLIT_20_80 else "default",
        )
    )


def read_wild(folder: Path, results: Results) -> None:
    for expected in sorted(folder.glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        meta_path = folder / f"{stem}.meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        complete = meta.get("cut") == "complete"
        for i, data in enumerate(json.loads(expected.read_text(encoding="utf-8"))):
            form = Form.model_validate(data)
            results.all_forms_by["wild"] += 1
            if prints_scores(form):
                results.scored_by["wild"] += 1
                compare(f"wild/{stem}[{i}]", form, complete, set(), results)


def read_layouts(folder: Path, results: Results) -> None:
    try:
        from jixiao.ingest import IngestError, read_form
    except ImportError:  # pragma: no cover - the importers are an optional extra
        return
    for path in sorted(folder.glob("*.txt")):
        if path.name.startswith("neg_"):
            continue
        try:
            form = read_form(path).form
        except IngestError:
            continue
        results.all_forms_by["layouts"] += 1
        if prints_scores(form):
            results.scored_by["layouts"] += 1
            reviewed = {item.path.rsplit(".", 1)[0] for item in form.review}
            compare(f"layouts/{path.stem}", form, True, reviewed, results)


def summary(results: Results) -> dict[str, Any]:
    """Return the figures, for the real forms (wild/) and the constructed layout fixtures apart."""
    return {source: figures(results, source) for source in ("wild", "layouts")}


def figures(results: Results, source: str) -> dict[str, Any]:
    rows = [row for row in results.rows if row.source.startswith(source + "/")]
    lines = [row for row in rows if row.path != "funds"]
    funds = [row for row in rows if row.path == "funds"]
    forms = [row for row in results.forms if row.source.startswith(source + "/")]
    totals = [row for row in forms if row.cls != "cut"]
    reasons = Counter((row.cls, row.why) for row in lines if row.cls != "agree")
    return {
        "forms": results.all_forms_by[source],
        "forms_with_printed_scores": results.scored_by[source],
        "indicators_compared": len(lines),
        "indicators": dict(Counter(row.cls for row in lines).most_common()),
        "indicator_reasons": {f"{cls}: {why}": n for (cls, why), n in reasons.most_common()},
        "execution_scores_compared": len(funds),
        "execution_scores": dict(Counter(row.cls for row in funds).most_common()),
        "totals_compared": len(totals),
        "totals": dict(Counter(row.cls for row in totals).most_common()),
        "totals_cut": sum(1 for row in forms if row.cls == "cut"),
    }


def markdown(results: Results) -> str:
    both = summary(results)
    out = ["| figure | real forms (wild/) | layout fixtures |", "|---|---|---|"]
    for key in both["wild"]:
        out.append(f"| {key} | {both['wild'][key]} | {both['layouts'][key]} |")
    out += [
        "",
        "Forms with a printed total:",
        "",
        "| form | printed | computed (max) | own sum | grade | class | why |",
    ]
    out.append("|---|---|---|---|---|---|---|")
    for row in results.forms:
        grade = f"{row.printed_grade or '—'} / {row.computed_grade}"
        out.append(
            f"| {row.source} | {row.printed} | {row.computed} ({row.maximum}) | {row.own_sum or '—'} | {grade} | {row.cls} | {row.why} |"
        )
    out += [
        "",
        "Indicator and execution scores that differ:",
        "",
        "| form | row | target → result | weight | printed | computed | class | why |",
    ]
    out.append("|---|---|---|---|---|---|---|---|")
    for row in results.rows:
        if row.cls == "agree":
            continue
        what = f"{row.target or '—'} → {row.result or '—'}" if row.path != "funds" else "执行率"
        out.append(
            f"| {row.source} | {row.path} {row.name[:16]} | {what[:40]} | {row.weight} | {row.printed} | {row.computed} | {row.cls} | {row.why} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--wild", type=Path, default=None, help="the real-form corpus (expected.json + meta.json)"
    )
    parser.add_argument("--layouts", type=Path, default=ROOT / "tests" / "data" / "layouts")
    parser.add_argument("--markdown", action="store_true", help="print the tables for the notes")
    parser.add_argument("--json", type=Path, default=None, help="write every row as JSON")
    args = parser.parse_args(argv)
    results = Results()
    wild = args.wild or default_wild()
    if wild is not None:
        read_wild(wild, results)
    if args.layouts.is_dir():
        read_layouts(args.layouts, results)
    if args.markdown:
        print(markdown(results))
    else:
        print(json.dumps(summary(results), ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "summary": summary(results),
                    "indicators": [row.__dict__ for row in results.rows],
                    "forms": [row.__dict__ for row in results.forms],
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

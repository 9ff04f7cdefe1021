"""``jixiao check PATH…``: reported against computed figures, then the findings by severity.

One file: as it always was (a file holding several forms gives one report per form). Several
files, a folder or a .zip: a bulk run (``jixiao.bulk``); ``--format jsonl`` prints one JSON line
per form, and the Chinese summary goes to stderr.

Exit status: 0 no form has errors; 1 some form has errors; 2 some input cannot be read (one line
on stderr naming the file and the reason), whatever the other inputs hold.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from jixiao.bulk.work import Outcome
    from jixiao.core.report import Report

NAME = "check"
HELP = "检查自评表:核对填报数与计算数,列出错误、警告和提示(可以是多个文件、文件夹或 .zip)"

# The computed figures the report shows (labels and units: ``jixiao.core.compute.FIGURES``).
_ROWS = ("adjustment", "adjustment_rate", "execution_rate", "execution_score", "lines_actual", "tasks_funds")
_COLOURS = {
    "error": "\033[31m",
    "warning": "\033[33m",
    "info": "\033[36m",
    "ok": "\033[32m",
    "bold": "\033[1m",
}
_RESET = "\033[0m"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from jixiao.commands.import_form import add_bulk_arguments

    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="自评表文件(JSON;安装导入模块后也可为文本、PDF、Excel),或多个文件、文件夹、.zip",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "jsonl"),
        default="text",
        help="输出格式(默认 text;jsonl 每张自评表一行 JSON)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="文本输出是否着色(默认在终端上着色)",
    )
    parser.add_argument("--no-indicators", action="store_true", help="不做指标核验,只做计算与表内检查")
    add_bulk_arguments(parser)
    parser.add_argument("--quiet", action="store_true", help="批量检查时不显示进度和汇总")


def _colour(args: argparse.Namespace) -> bool:
    return args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )


def run(args: argparse.Namespace) -> int:
    from jixiao.commands.import_form import is_bulk

    if is_bulk(args.paths, args.queue) or args.format == "jsonl":
        return _run_bulk(args)
    return _run_one(args)


def _run_one(args: argparse.Namespace) -> int:
    from jixiao.core.report import check
    from jixiao.formio import FormReadError, read_forms

    path = args.paths[0]
    try:
        loaded = read_forms(path)
    except FormReadError as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    reports = [check(item.form, indicators=not args.no_indicators) for item in loaded]
    if args.format == "json":
        if len(reports) == 1:
            document: Any = reports[0].to_dict()
        else:
            document = [
                {"input": path, "form": n, "layout": item.layout, **report.to_dict()}
                for n, (item, report) in enumerate(zip(loaded, reports, strict=True), start=1)
            ]
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for number, report in enumerate(reports, start=1):
            if len(reports) > 1:
                sys.stdout.write(
                    ("\n" if number > 1 else "") + f"==> {path}(第 {number}/{len(reports)} 张)<==\n"
                )
            write_text(report, sys.stdout, colour=_colour(args))
    return 1 if any(report.has_errors for report in reports) else 0


def _run_bulk(args: argparse.Namespace) -> int:
    from jixiao.bulk import runner
    from jixiao.bulk.remote import QueueError
    from jixiao.bulk.work import CHECK, Options
    from jixiao.commands.import_form import settings_from

    options = Options(
        mode=CHECK,
        settings=settings_from(args),
        check_format=args.format,
        colour=_colour(args),
        indicators=not args.no_indicators,
    )
    collected: list[Any] = []
    first = [True]

    def emit(outcome: Outcome) -> None:
        if not outcome.ok:
            if args.format == "text":
                print(f"错误: {outcome.input}: {outcome.reason}", file=sys.stderr)
            record = {"input": outcome.input, "error": outcome.reason}
            if args.format == "jsonl":
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif args.format == "json":
                collected.append(record)
        for text in outcome.texts:
            if args.format == "jsonl":
                sys.stdout.write(text + "\n")
            elif args.format == "json":
                collected.append(json.loads(text))
            else:
                sys.stdout.write(("" if first[0] else "\n") + text)
                first[0] = False
        sys.stdout.flush()

    try:
        finished = runner.run(
            args.paths,
            options,
            emit,
            jobs=args.jobs,
            queue=args.queue,
            timeout=args.timeout,
            progress=False if args.quiet else None,
        )
    except (runner.NoInputs, QueueError) as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        json.dump(collected, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    tally = finished.tally
    if not args.quiet:
        for line in tally.lines(CHECK, finished.seconds, finished.how):
            print(line, file=sys.stderr)
    if tally.status["refused"] or tally.status["error"]:
        return 2
    return 1 if tally.with_errors else 0


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _shown(value: Decimal | None, kind: str, unit: str) -> str:
    from jixiao.core.numbers import format_amount, format_rate, quantize2

    if value is None:
        return "—"
    if kind == "%":
        return format_rate(value)
    if kind == "分":
        return f"{quantize2(value)}分"
    return format_amount(value, unit)


def write_text(report: Report, out: TextIO, *, colour: bool) -> None:
    """Write the readable Chinese report."""
    from jixiao.core.checks.arithmetic import differs
    from jixiao.core.compute import figure
    from jixiao.core.findings import SEVERITIES
    from jixiao.core.wording import KINDS, VERDICTS
    from jixiao.core.wording import SEVERITIES as SEVERITY_LABELS

    def paint(text: str, style: str) -> str:
        return f"{_COLOURS[style]}{text}{_RESET}" if colour else text

    form = report.form
    title = form.department or "(未填部门名称)"
    if form.summary:
        title += "(汇总)"
    kind = KINDS[form.kind]
    year = f"{form.year}年" if form.year else "(未填年度)"
    out.write(paint(f"{title}  {year}  {kind}", "bold") + "\n")
    if form.project:
        out.write(f"项目名称:{form.project}\n")
    out.write(f"金额单位:{form.amount_unit}\n\n")

    reported = report.reported()
    computed = report.computed.values()
    out.write(paint(_pad("项目", 24) + _pad("填报值", 16) + _pad("计算值", 16) + "核对", "bold") + "\n")
    for key in _ROWS:
        label, kind_of = figure(key).label, figure(key).unit
        value, written = computed[key], reported[key]
        if value is None and written is None and key not in report.computed.not_applicable:
            continue
        if value is None:
            verdict = paint(report.computed.not_applicable.get(key, "无法计算"), "info")
        elif written is None:
            verdict = (
                "(未填报,显示计算值)" if key in ("adjustment", "adjustment_rate", "execution_rate") else ""
            )
        elif differs(written, value):
            verdict = paint(f"✗ 相差 {abs(written - value)}", "warning")
        else:
            verdict = paint("✓ 一致", "ok")
        out.write(
            _pad(label, 24)
            + _pad(_shown(written, kind_of, form.amount_unit), 16)
            + _pad(_shown(value, kind_of, form.amount_unit), 16)
            + verdict
            + "\n"
        )

    if report.evaluations:
        out.write("\n" + paint("指标核验", "bold") + "\n")
        tally: dict[str, int] = {}
        for path, evaluation in report.evaluations:
            verdict = evaluation.verdict
            tally[verdict] = tally.get(verdict, 0) + 1
            style = {"met": "ok", "not_met": "error"}.get(verdict, "warning")
            out.write(f"  {paint(VERDICTS.get(verdict, verdict), style)}  {path}  {evaluation.reason}\n")
        summary = ",".join(f"{VERDICTS.get(v, v)} {n} 个" for v, n in sorted(tally.items()))
        out.write(f"  合计:{summary}\n")

    counts = {severity: report.count(severity) for severity in SEVERITIES}
    out.write(
        "\n"
        + paint("检查结果", "bold")
        + f":错误 {counts['error']} 项,警告 {counts['warning']} 项,提示 {counts['info']} 项\n"
    )
    for severity in SEVERITIES:
        items = [f for f in report.findings if f.severity == severity]
        if not items:
            continue
        out.write("\n" + paint(f"{SEVERITY_LABELS[severity]}({len(items)})", severity) + "\n")
        for finding in items:
            out.write(f"  {paint('●', severity)} [{finding.path}] {finding.message}\n")
    if not report.findings:
        out.write(paint("未发现问题。", "ok") + "\n")

"""``jixiao score FILE…``: each form's score computed from its parts, explained, beside the reported one.

Exit status: 0 when every reported score agrees with the computed one (or none is reported), 1 when
some reported score, total or grade differs beyond the scheme's tolerance, 2 when a file or the
scheme cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from jixiao.core.form import Form
    from jixiao.core.scoring import FormScore, LineScore, Scheme

NAME = "score"
HELP = "按评分方案计算自评表得分与等级,逐项说明,并与表中填报的得分对照"

_VERDICTS = {"met": "达成", "not_met": "未达成", "unverifiable": "无法核验", None: ""}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", metavar="FILE", nargs="+", help="自评表文件(JSON;安装导入模块后也可为文本、PDF、Excel)"
    )
    parser.add_argument(
        "--scheme",
        metavar="方案",
        default="default",
        help="评分方案:default(执行率10、产出50、效益30、满意度10)、20/80,或方案 JSON 文件(见 docs/scoring.md)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式(默认 text)")


def load_scheme(value: str) -> Scheme:
    """Return a built-in scheme by name, or the scheme in a JSON file; raise ValueError in Chinese."""
    from jixiao.core.scoring import BUILT_IN, scheme_from_dict

    if value in BUILT_IN:
        return BUILT_IN[value]
    path = Path(value)
    if not path.is_file():
        raise ValueError(f"评分方案 {value}: 既不是内置方案({'、'.join(BUILT_IN)}),也不是存在的文件。")
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"评分方案 {value}: 无法读取({exc})。") from None
    try:
        return scheme_from_dict(data)
    except ValueError as exc:
        raise ValueError(f"评分方案 {value}: {exc}") from None


def run(args: argparse.Namespace) -> int:
    from jixiao.core.scoring import score_form
    from jixiao.formio import FormReadError

    try:
        scheme = load_scheme(args.scheme)
    except ValueError as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    status = 0
    several = len(args.paths) > 1
    for path in args.paths:
        try:
            forms = read_forms(path)
        except FormReadError as exc:
            print(f"错误: {exc}", file=sys.stderr)
            status = 2
            continue
        several = several or len(forms) > 1
        for name, form in forms:
            result = score_form(form, scheme)
            if result.differences and status == 0:
                status = 1
            if args.format == "json":
                data: dict[str, Any] = {"file": name, **result.to_dict()}
                sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=None if several else 2) + "\n")
            else:
                write_text(name, form, result, sys.stdout)
    return status


def read_forms(path: str) -> list[tuple[str, Form]]:
    """Read one form, or each form of a JSON array of forms (``name[0]``, ``name[1]`` …)."""
    from jixiao.formio import FormReadError, form_from_bytes, read_form

    file = Path(path)
    if file.suffix.lower() == ".json" and file.is_file():
        try:
            data = json.loads(file.read_bytes())
        except (OSError, ValueError):
            data = None
        if isinstance(data, list):
            if not data:
                raise FormReadError(f"{path}: JSON 数组为空,没有自评表。")
            return [
                (
                    f"{path}[{i}]",
                    form_from_bytes(json.dumps(item, ensure_ascii=False).encode(), f"{path}[{i}]"),
                )
                for i, item in enumerate(data)
            ]
    return [(path, read_form(path))]


def _line_row(line: LineScore, indent: str) -> str:
    from jixiao.core.numbers import plain, quantize2

    weight = "—" if line.weight is None else plain(quantize2(line.weight).normalize())
    score = "—" if line.score is None else plain(line.score)
    reported = "—" if line.reported is None else plain(line.reported)
    mark = "✗ 不一致" if line.differs else ("✓" if line.reported is not None else "")
    return f"{indent}{line.label[:40]}  分值 {weight}  计算 {score}  表中 {reported}  {mark}\n"


def write_text(path: str, form: Form, result: FormScore, out: TextIO) -> None:
    """Write one form's score, explained, in Chinese."""
    from jixiao.core.numbers import plain

    title = form.project or form.department or "(未填名称)"
    if form.summary:
        title += "(汇总)"
    kind = "项目支出绩效自评表" if form.kind == "project" else "部门整体支出绩效自评表"
    year = f"{form.year}年" if form.year else "(未填年度)"
    out.write(f"== {path}\n{title}  {year}  {kind}\n评分方案:{result.scheme}\n")
    reported = "" if result.reported_total is None else f"  表中总分 {plain(result.reported_total)}"
    out.write(f"总分 {plain(result.total)} 分  等级 {result.grade}{reported}\n{result.explanation}\n")
    for note in result.notes:
        out.write(f"  注:{note}\n")
    out.write("\n" + _line_row(result.execution, ""))
    out.write(f"    {result.execution.explanation}\n")
    for category in result.categories:
        if not category.lines:
            continue
        out.write(f"\n{category.explanation}\n")
        for line in category.lines:
            out.write(_line_row(line, "  "))
            out.write(f"    {line.explanation}\n")
    if result.differences:
        out.write(f"\n与表中填报不一致:{'、'.join(result.differences)}\n")
    out.write("\n")

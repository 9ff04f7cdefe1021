"""``jixiao compare OUT.json EXPECTED.json``: how far an import agrees with a form read by a person."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

NAME = "compare"
HELP = "逐项比较两份自评表 JSON(如导入结果与人工核对稿):数字须完全一致,文字忽略空白,列出每一项"

_KINDS = {"number": "数字", "text": "文字", "other": "其他"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("got", metavar="OUT.json", help="要评判的自评表 JSON(如 jixiao import 的结果)")
    parser.add_argument("expected", metavar="EXPECTED.json", help="作为标准的自评表 JSON")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式(默认 text)")
    parser.add_argument("--only-diff", action="store_true", help="只列出不一致的项")


def run(args: argparse.Namespace) -> int:
    from jixiao.core.form import Form
    from jixiao.ingest.compare import compare_forms

    forms = []
    for path in (args.got, args.expected):
        try:
            with open(path, encoding="utf-8-sig") as handle:
                forms.append(Form.from_json(handle.read()))
        except OSError as exc:
            print(f"无法读取“{path}”:{exc.strerror or exc}。", file=sys.stderr)
            return 2
        except ValueError as exc:
            reason = str(exc).splitlines()[0]
            print(f"“{path}”不是有效的自评表 JSON:{reason}。", file=sys.stderr)
            return 2
    result = compare_forms(forms[0], forms[1])
    if args.format == "json":
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        write_text(result, only_diff=args.only_diff)
    return 0 if result.identical else 1


def _shown(value: Any) -> str:
    if value is None:
        return "(空)"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def write_text(result: Any, *, only_diff: bool = False, out: Any = None) -> None:
    """Print the per-field report, then the totals."""
    out = out or sys.stdout
    for field in result.fields:
        if only_diff and field.agrees:
            continue
        mark = "✓" if field.agrees else "✗"
        line = f"{mark} [{_KINDS[field.kind]}] {field.path}: {_shown(field.got)}"
        if not field.agrees:
            line += f"  ≠ 应为 {_shown(field.expected)}"
        print(line, file=out)
    for path in result.review_expected:
        found = path not in result.review_missing
        if only_diff and found:
            continue
        print(f"{'✓' if found else '✗'} [待核对] {path}{'' if found else ' 未列出'}", file=out)
    for path in result.review_extra:
        print(f"+ [待核对] {path}(标准中没有)", file=out)
    print("—" * 40, file=out)
    for kind in ("number", "text", "other"):
        agree, total = result.tally(kind)
        print(f"{_KINDS[kind]}: {agree}/{total} 一致({result.share(kind)}%)", file=out)
    found_count = len(result.review_expected) - len(result.review_missing)
    print(
        f"待核对项: 找到 {found_count}/{len(result.review_expected)},另有 {len(result.review_extra)} 项",
        file=out,
    )

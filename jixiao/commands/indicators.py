"""``jixiao indicators [FILE|-]``: one JSON line in per indicator, one verdict line out.

Each non-blank input line is ``{"name", "target", "result", "weight"?}`` (``target`` may be null when the
target sits inside ``name``); each output line is ``{"verdict", "conditions", "actual", "score",
"flags", "reason"}`` with decimals as strings. A line that cannot be read gives an ``error`` line in
its place (with the input line number), so every non-blank line gets one answer; the exit status is
then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from typing import IO, Any

NAME = "indicators"
HELP = "核验绩效指标:逐行读入 JSON(指标名称、目标值、完成情况、分值),逐行输出结论、依据与得分"

_FIELDS = ("name", "target", "result")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", nargs="?", default="-", help="JSON Lines 文件;省略或为 - 时读标准输入"
    )
    parser.add_argument(
        "--ambition-margin",
        metavar="百分比",
        default="20",
        help="完成值优于目标多少(%%)时提示目标可能定得过松,默认 20",
    )


def run(args: argparse.Namespace) -> int:
    from jixiao.core.indicators import evaluate

    try:
        margin = Decimal(str(args.ambition_margin))
    except InvalidOperation:
        print(f"错误: --ambition-margin 应为数字,收到 {args.ambition_margin!r}。", file=sys.stderr)
        return 2
    source = args.file
    try:
        stream: IO[bytes] = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    except FileNotFoundError:
        print(f"错误: 无法读取 {source}:文件不存在。", file=sys.stderr)
        return 2
    except IsADirectoryError:
        print(f"错误: 无法读取 {source}:这是一个目录,不是文件。", file=sys.stderr)
        return 2
    except PermissionError:
        print(f"错误: 无法读取 {source}:没有读取权限。", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"错误: 无法读取 {source}:{exc.strerror or exc}。", file=sys.stderr)
        return 2
    label = "标准输入" if source == "-" else source
    bad = 0
    out = sys.stdout
    with stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                item = _read_line(raw)
                weight = _weight(item.get("weight"))
                evaluation = evaluate(
                    item.get("name"), item.get("target"), item.get("result"), weight, ambition_margin=margin
                )
                record: dict[str, Any] = evaluation.to_dict()
            except ValueError as exc:
                bad += 1
                record = {"line": number, "error": f"{label} 第 {number} 行:{exc}"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if bad else 0


def _read_line(raw: bytes) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise ValueError("不是 UTF-8 或 GBK 编码的文本") from None
    try:
        item = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ValueError(f"不是有效的 JSON({exc.msg},第 {exc.colno} 列)") from None
    if not isinstance(item, dict):
        raise ValueError('应为 JSON 对象,例如 {"name": …, "target": …, "result": …}')
    for field in _FIELDS:
        value = item.get(field)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"字段 {field} 应为文本或 null")
    return item


def _weight(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise ValueError("字段 weight 应为数字或数字文本")
    try:
        weight = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"字段 weight 不是数字:{value!r}") from None
    if not weight.is_finite() or weight < 0:
        raise ValueError(f"字段 weight 应为非负数:{value!r}")
    return weight

"""``jixiao export PATH --to FORMAT -o OUT``: the official form as a file, or the forms as open data."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

NAME = "export"
HELP = "导出自评表:Excel、PDF、Word、网页,或公开数据(CSV、数据包、JSON)"

EXIT_OK, EXIT_UNREADABLE = 0, 2


def _keys() -> tuple[str, ...]:
    from jixiao.render.formats import FORMATS

    return tuple(f.key for f in FORMATS)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="自评表 JSON 文件;forms.csv/indicators.csv/csv/datapackage 可给多个文件或一个文件夹(读取其中全部 .json)",
    )
    parser.add_argument("--to", required=True, choices=_keys(), help="导出格式(jixiao.render.formats)")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="输出文件;csv/datapackage 为输出文件夹;html/json/forms.csv/indicators.csv 可用 - 表示标准输出",
    )
    parser.add_argument(
        "--no-findings",
        action="store_true",
        help="PDF/Word/网页不附“检查结果”页(打印盖章用);Excel 始终含“检查结果”工作表",
    )
    parser.add_argument("--no-indicators", action="store_true", help="不做指标核验(更快)")


def _fail(message: str) -> int:
    print(f"错误: {message}", file=sys.stderr)
    return EXIT_UNREADABLE


def _inputs(paths: list[str]) -> list[Path] | str:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".json" and p.is_file())
            if not found:
                return f"{raw}: 文件夹中没有 .json 自评表。"
            files.extend(found)
        else:
            files.append(path)
    return files


def _write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file beside ``target`` and rename, so a failed export leaves no half file."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    from jixiao.core.report import check
    from jixiao.formio import FormReadError, read_form
    from jixiao.render import formats, opendata

    spec = formats.BY_KEY[args.to]
    files = _inputs(args.paths)
    if isinstance(files, str):
        return _fail(files)
    if not spec.many and len(files) != 1:
        return _fail(
            f"--to {args.to} 一次只能导出一张表,收到 {len(files)} 个文件;多张表请用 --to csv 或 datapackage。"
        )
    entries = []
    for file in files:
        try:
            form = read_form(file)
        except FormReadError as exc:
            return _fail(str(exc))
        entries.append((file.stem, form, check(form, indicators=not args.no_indicators)))
    ids = opendata.unique_ids([stem for stem, _, _ in entries])
    named = [(i, form, report) for i, (_, form, report) in zip(ids, entries, strict=True)]
    write = formats.writer(args.to)
    if write is None:
        return _fail(f"--to {args.to}:此安装缺少导出所需的组件(pip install 'jixiao[app]')。")

    out = args.output
    if spec.writes == "folder":
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            return _fail(f"{out}: 已存在且不是文件夹;{args.to} 输出到文件夹。")
        try:
            written = write(named, folder)
        except OSError as exc:
            return _fail(f"{out}: 无法写入({exc.strerror or exc})。")
        print(f"已导出 {len(named)} 张表到 {folder}({len(written)} 个文件)。", file=sys.stderr)
        return EXIT_OK

    if spec.writes == "rows":
        data = write(named)
    else:
        _, form, report = named[0]
        data = formats.render(args.to, form, report, findings=not args.no_findings)
    if out == "-":
        if not spec.content_type.startswith(("text/", "application/json")):
            return _fail(f"--to {args.to} 是二进制文件,不能写到标准输出,请用 -o 指定文件。")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    target = Path(out)
    if target.is_dir():
        return _fail(f"{out}: 是文件夹,请给出文件名(如 {target / ('自评表.' + spec.suffix)})。")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, data)
    except OSError as exc:
        return _fail(f"{out}: 无法写入({exc.strerror or exc})。")
    print(f"已导出到 {target}。", file=sys.stderr)
    return EXIT_OK

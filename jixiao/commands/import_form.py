"""``jixiao import PATH [-o OUT.json]``: read a form from text, PDF, a scan, Excel or Word."""

from __future__ import annotations

import argparse
import sys

NAME = "import"
HELP = "导入一张自评表(提取的文本、PDF、扫描件、Excel、Word),输出 JSON;无法确认的内容列入 review"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="要导入的文件;格式按内容识别,与扩展名无关")
    parser.add_argument("-o", "--output", metavar="OUT.json", help="写入的 JSON 文件(默认输出到屏幕)")
    parser.add_argument(
        "--no-ocr", action="store_true", help="不做文字识别(扫描件和无文字层的 PDF 页将无法导入)"
    )
    parser.add_argument("--max-pages", type=int, metavar="N", help="PDF 最多读取的页数(默认 60)")
    parser.add_argument("--max-mb", type=int, metavar="MB", help="文件大小上限,单位 MB(默认 50)")
    parser.add_argument("--quiet", action="store_true", help="不在标准错误上列出待核对的内容")


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace
    from pathlib import Path

    from jixiao.ingest import IngestError, IngestSettings, read_form
    from jixiao.ingest.review import describe

    settings = IngestSettings()
    if args.no_ocr:
        settings = replace(settings, ocr=False)
    if args.max_pages:
        settings = replace(settings, max_pages=args.max_pages)
    if args.max_mb:
        settings = replace(settings, max_bytes=args.max_mb * 1024 * 1024)
    try:
        result = read_form(args.path, settings=settings)
    except IngestError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    text = result.form.to_json() + "\n"
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"无法写入“{args.output}”:{exc.strerror or exc}。", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    if not args.quiet:
        review = result.form.review
        print(
            f"已导入“{Path(args.path).name}”(版式 {result.layout},{result.pages} 页),待核对 {len(review)} 处。",
            file=sys.stderr,
        )
        for item in review:
            where = f"({item.source})" if item.source else ""
            print(f"  {item.path}: {describe(item.problem)}{where}", file=sys.stderr)
    return 0

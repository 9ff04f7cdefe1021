"""``jixiao import PATH… [-o OUT]``: read forms from text, PDF, scans, Excel or Word.

One file with ``-o FILE.json`` (or to the screen) works as it always did. Several files, a folder
or a .zip is a bulk run (``jixiao.bulk``): ``-o OUTDIR`` receives one JSON per form and
``report.jsonl``, in parallel processes (``--jobs``) or on a task queue (``--queue``).

Exit status of a bulk run: 0 every input imported; 1 some inputs refused or failed (the others are
imported, the report says which and why); 2 nothing imported, no input found, or the output folder
or the queue unusable.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

NAME = "import"
HELP = "导入自评表(提取的文本、PDF、扫描件、Excel、Word;可以是多个文件、文件夹或 .zip),输出 JSON"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="要导入的文件、文件夹(含子文件夹)或 .zip 压缩包;格式按内容识别,与扩展名无关",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="一个文件时:写入的 JSON 文件(默认输出到屏幕);多个文件、文件夹或压缩包时:输出文件夹",
    )
    parser.add_argument(
        "--no-ocr", action="store_true", help="不做文字识别(扫描件和无文字层的 PDF 页将无法导入)"
    )
    parser.add_argument("--max-pages", type=int, metavar="N", help="PDF 最多读取的页数(默认 60)")
    parser.add_argument("--max-mb", type=int, metavar="MB", help="文件大小上限,单位 MB(默认 50)")
    add_bulk_arguments(parser)
    parser.add_argument("--quiet", action="store_true", help="不在标准错误上列出待核对的内容、进度和汇总")


def add_bulk_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of bulk runs, shared by ``import`` and ``check``."""
    from jixiao.bulk import DEFAULT_TIMEOUT, default_jobs

    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        default=default_jobs(),
        help="批量处理时并行的进程数(默认为本机可用的核数;1 表示在本进程内逐个处理)",
    )
    parser.add_argument(
        "--queue",
        metavar="URL",
        help="批量处理交给任务队列(如 redis://主机:6379/0),由各台机器上的 jixiao worker 处理",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="秒",
        default=DEFAULT_TIMEOUT,
        help=f"批量处理时单个文件的时限,超时的文件记为失败(默认 {DEFAULT_TIMEOUT:.0f} 秒)",
    )


def settings_from(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Return the import limits the command line sets."""
    from dataclasses import replace

    from jixiao.ingest import IngestSettings

    settings = IngestSettings()
    if getattr(args, "no_ocr", False):
        settings = replace(settings, ocr=False)
    if getattr(args, "max_pages", None):
        settings = replace(settings, max_pages=args.max_pages)
    if getattr(args, "max_mb", None):
        settings = replace(settings, max_bytes=args.max_mb * 1024 * 1024)
    return settings


def is_bulk(paths: list[str], queue: str | None) -> bool:
    """Several inputs, a folder, an archive or a queue make a bulk run; one plain file does not."""
    from jixiao.bulk.sources import is_archive

    if queue or len(paths) != 1:
        return True
    path = Path(paths[0])
    return path.is_dir() or (path.is_file() and is_archive(path))


def run(args: argparse.Namespace) -> int:
    output = args.output
    names_folder = bool(output) and (Path(output).is_dir() or output.endswith(("/", os.sep)))
    if not is_bulk(args.paths, args.queue) and not names_folder:
        return _run_one(args)
    return _run_bulk(args)


def _run_one(args: argparse.Namespace) -> int:
    from jixiao.ingest import IngestError, read_all
    from jixiao.ingest.review import describe

    path = args.paths[0]
    try:
        results = read_all(path, settings=settings_from(args))
    except IngestError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    texts = [result.form.to_json() for result in results]
    if args.output:
        target = Path(args.output)
        targets = (
            [target]
            if len(texts) == 1
            else [target.with_name(f"{target.stem}-{n}{target.suffix}") for n in range(1, len(texts) + 1)]
        )
        try:
            for file, text in zip(targets, texts, strict=True):
                file.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"无法写入“{args.output}”:{exc.strerror or exc}。", file=sys.stderr)
            return 2
    elif len(texts) == 1:
        sys.stdout.write(texts[0] + "\n")
    else:  # several forms in one document: a JSON array, which jixiao check reads as several forms
        sys.stdout.write("[\n" + ",\n".join(texts) + "\n]\n")
    if not args.quiet:
        for number, result in enumerate(results, start=1):
            which = f"中的第 {number}/{len(results)} 张" if len(results) > 1 else ""
            written = f",写入 {targets[number - 1]}" if args.output and len(results) > 1 else ""
            review = result.form.review
            print(
                f"已导入“{Path(path).name}”{which}(版式 {result.layout},{result.pages} 页){written},"
                f"待核对 {len(review)} 处。",
                file=sys.stderr,
            )
            for item in review:
                where = f"({item.source})" if item.source else ""
                print(f"  {item.path}: {describe(item.problem)}{where}", file=sys.stderr)
    return 0


def _run_bulk(args: argparse.Namespace) -> int:
    from jixiao.bulk import runner
    from jixiao.bulk.remote import QueueError
    from jixiao.bulk.report import REPORT_NAME, ReportWriter
    from jixiao.bulk.work import IMPORT, IMPORTED, Options

    if not args.output:
        print("导入多个文件、文件夹或压缩包时,请用 -o 指定输出文件夹(如 -o out/)。", file=sys.stderr)
        return 2
    outdir = Path(args.output)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        report = ReportWriter(outdir / REPORT_NAME)
    except OSError as exc:
        print(f"无法使用输出文件夹“{outdir}”:{exc.strerror or exc}。", file=sys.stderr)
        return 2
    options = Options(mode=IMPORT, settings=settings_from(args), outdir=str(outdir))
    try:
        finished = runner.run(
            args.paths,
            options,
            lambda outcome: None,
            jobs=args.jobs,
            queue=args.queue,
            timeout=args.timeout,
            report=report,
            progress=False if args.quiet else None,
            exclude=outdir,
        )
    except (runner.NoInputs, QueueError) as exc:
        report.close()
        report.path.unlink(missing_ok=True)  # nothing ran: no report rather than an empty one
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        report.close()
    tally = finished.tally
    if not args.quiet:
        for line in tally.lines(IMPORT, finished.seconds, finished.how, report.path):
            print(line, file=sys.stderr)
    if tally.status[IMPORTED] == 0:
        return 2
    return 0 if tally.status[IMPORTED] == tally.total else 1

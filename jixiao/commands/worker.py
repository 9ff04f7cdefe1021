"""``jixiao worker --queue redis://…``: process the files of bulk runs queued by ``--queue`` elsewhere."""

from __future__ import annotations

import argparse
import os
import sys

NAME = "worker"
HELP = "作为工作机处理任务队列中的批量导入、检查(jixiao import/check … --queue)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from jixiao.bulk import default_jobs

    parser.add_argument(
        "--queue",
        metavar="URL",
        default=os.environ.get("JIXIAO_QUEUE_URL", ""),
        help="任务队列,如 redis://主机:6379/0(默认取环境变量 JIXIAO_QUEUE_URL)",
    )
    parser.add_argument(
        "--workers",
        "-w",
        type=int,
        metavar="N",
        default=default_jobs(),
        help="同时处理的文件数(默认为本机可用的核数)",
    )
    parser.add_argument(
        "--worker-type",
        choices=("process", "thread"),
        default="process",
        help="以进程(默认,可用满多核)还是线程处理",
    )


def run(args: argparse.Namespace) -> int:
    import logging

    from jixiao.bulk.remote import QueueError, serve

    if not args.queue:
        print(
            "请用 --queue 指定任务队列(如 redis://主机:6379/0),或设置环境变量 JIXIAO_QUEUE_URL。",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    print(
        f"工作机已启动:队列 {args.queue},同时处理 {args.workers} 个文件({args.worker_type})。按 Ctrl-C 停止。",
        file=sys.stderr,
        flush=True,
    )
    try:
        serve(args.queue, workers=max(1, args.workers), worker_type=args.worker_type)
    except QueueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0

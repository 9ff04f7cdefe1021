"""``jixiao schema``: print the JSON Schema of jixiao.self-evaluation/1."""

from __future__ import annotations

import argparse
import json

NAME = "schema"
HELP = "输出交换格式 jixiao.self-evaluation/1 的 JSON Schema"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def schema_text() -> str:
    from jixiao.core.form import json_schema

    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def run(args: argparse.Namespace) -> int:
    print(schema_text(), end="")
    return 0

"""``jixiao synth -o DIR``: synthetic regions and self-evaluation forms, deterministic with ``--seed``.

Writes ``regions.json`` (the org trees with 统一社会信用代码), the forms (``forms.jsonl``: one record
per line with the form, the mistakes planted in it and the findings they must give; or, with
``--format files``, one FORMAT.md JSON file per form and ``manifest.jsonl``) and ``summary.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

NAME = "synth"
HELP = "生成合成的行政区、单位与自评表(含预置错误及其应有的检查结果),用于演示、性能测试与测试"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="目录", required=True, help="输出目录(不存在时创建)")
    parser.add_argument("--seed", type=int, default=1, help="随机种子:同一种子生成相同的数据(默认 1)")
    parser.add_argument(
        "--years", default="2022-2024", help="被评价年度:2022-2024 或 2021,2023(默认 2022-2024)"
    )
    parser.add_argument(
        "--regions", type=int, default=1, help="行政区个数:第一个是天河区,其后为广东省其他区县(默认 1)"
    )
    parser.add_argument("--forms", type=int, default=None, help="生成到这么多张表为止(按需增加行政区)")
    parser.add_argument(
        "--format",
        choices=("jsonl", "files"),
        default="jsonl",
        help="jsonl:一个文件;files:每表一个 JSON 文件",
    )
    parser.add_argument("--clean", action="store_true", help="不预置错误:每张表都应无检查发现")
    parser.add_argument("--no-validate", action="store_true", help="不逐表校验格式(快约两成)")


def parse_years(text: str) -> tuple[int, ...]:
    """Read "2022-2024" or "2021,2023"; raise ValueError in Chinese."""
    try:
        if "-" in text:
            first, last = (int(part) for part in text.split("-", 1))
            years = tuple(range(first, last + 1))
        else:
            years = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise ValueError(f"年度应写成 2022-2024 或 2021,2023,收到 {text!r}") from None
    if not years or any(not 1990 <= year <= 2100 for year in years) or list(years) != sorted(set(years)):
        raise ValueError(f"年度应为 1990–2100 之间、从小到大的年份,收到 {text!r}")
    return years


def run(args: argparse.Namespace) -> int:
    from jixiao.synth import Options, records
    from jixiao.synth.places import PLACES

    try:
        years = parse_years(args.years)
    except ValueError as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    if args.regions < 1 or args.regions > len(PLACES):
        print(f"错误: --regions 应在 1 到 {len(PLACES)} 之间。", file=sys.stderr)
        return 2
    if args.forms is not None and args.forms < 1:
        print("错误: --forms 应为正整数。", file=sys.stderr)
        return 2
    regions = len(PLACES) if args.forms is not None else args.regions
    options = Options(
        seed=args.seed, years=years, regions=regions, mistakes=not args.clean, validate=not args.no_validate
    )
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"错误: 无法创建输出目录 {out}:{exc.strerror or exc}。", file=sys.stderr)
        return 2

    started = time.perf_counter()
    counts: Counter[str] = Counter()
    planted: Counter[str] = Counter()
    seen_regions: dict[str, Any] = {}
    indicators = clean = 0
    forms_file = (out / "forms.jsonl").open("w", encoding="utf-8") if args.format == "jsonl" else None
    manifest = (out / "manifest.jsonl").open("w", encoding="utf-8") if args.format == "files" else None
    try:
        for region, record in records(options):
            if args.forms is not None and sum(counts.values()) >= args.forms:
                break
            if region.code not in seen_regions:
                seen_regions[region.code] = region.to_dict()
            counts[record.role] += 1
            indicators += len(record.metrics)
            planted.update(item["mistake"] for item in record.planted)
            clean += not record.planted
            data = record.to_dict()
            if forms_file is not None:
                forms_file.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                assert manifest is not None
                relative = Path("forms") / record.region / str(record.year) / f"{record.id}.json"
                path = out / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(
                    json.dumps(data.pop("form"), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
                )
                manifest.write(json.dumps({"file": str(relative), **data}, ensure_ascii=False) + "\n")
    finally:
        for stream in (forms_file, manifest):
            if stream is not None:
                stream.close()
    elapsed = time.perf_counter() - started
    total = sum(counts.values())
    (out / "regions.json").write_text(
        json.dumps(list(seen_regions.values()), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    summary = {
        "seed": args.seed,
        "years": list(years),
        "regions": len(seen_regions),
        "forms": total,
        "indicators": indicators,
        "by_role": dict(counts),
        "planted": dict(planted.most_common()),
        "clean_forms": clean,
        "seconds": round(elapsed, 2),
    }
    (out / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    rate = total / elapsed if elapsed else 0
    print(
        f"已生成 {len(seen_regions)} 个行政区、{total} 张自评表({indicators} 个指标),"
        f"用时 {elapsed:.1f} 秒(每秒 {rate:.0f} 张),写入 {out}。"
    )
    return 0

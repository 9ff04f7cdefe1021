"""Synthetic regions and self-evaluation forms for the demo, the benchmarks and the tests.

``records(Options(seed=…))`` yields ``(region, record)`` pairs: each record holds one form
(FORMAT.md JSON data, a valid ``jixiao.core.form.Form``), the mistakes planted in it with the
findings ``check`` must report for them, and how its targets moved from last year. Pure Python:
no Django, no I/O (``jixiao synth`` writes the files).
"""

from jixiao.synth.generate import DEMO_SEED, Options, Record, build_regions, demo_options, records
from jixiao.synth.orgs import Org, Region

__all__ = ["DEMO_SEED", "Options", "Org", "Record", "Region", "build_regions", "demo_options", "records"]

"""One registry of export formats, one meaning per name, for the CLI, the screens and the portal."""

from __future__ import annotations

import argparse
from pathlib import Path

from jixiao.commands import export
from jixiao.render import formats


def test_the_cli_offers_exactly_the_registry() -> None:
    parser = argparse.ArgumentParser()
    export.add_arguments(parser)
    to = next(action for action in parser._actions if action.dest == "to")
    assert tuple(to.choices or ()) == tuple(f.key for f in formats.FORMATS)


def test_a_name_means_one_thing(seed, seed_report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    entries = [("seed", seed, seed_report)]
    rows = formats.writer("indicators.csv")(entries).decode()  # type: ignore[misc]
    assert rows.splitlines()[0].startswith("form_id,year,department")
    assert formats.render("indicators.csv", seed, seed_report, form_id="seed").decode() == rows
    written = formats.writer("csv")(entries, tmp_path)  # type: ignore[misc]
    assert sorted(p.name for p in written) == ["forms.csv", "indicators.csv"]
    assert (tmp_path / "indicators.csv").read_bytes().decode("utf-8") == rows


def test_the_screens_and_the_portal_offer_single_files_only() -> None:
    assert all(f.writes != "folder" for f in formats.FORMATS if f.screens or f.public)
    assert {f.key for f in formats.available(public=True)} == {
        "pdf",
        "xlsx",
        "json",
        "indicators.csv",
        "forms.csv",
    }

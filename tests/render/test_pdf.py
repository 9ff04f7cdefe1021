from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from jixiao.core.form import Form, Indicator, Task
from jixiao.core.report import check
from jixiao.render.pdf import render_pdf


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed_pdf(seed, seed_report, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("pdf") / "seed.pdf"
    path.write_bytes(render_pdf(seed, seed_report))
    return path


def _text(path: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_it_prints_the_department_the_computed_rate_and_every_indicator_result(
    seed: Form, seed_pdf: Path
) -> None:
    text = _squeeze(_text(seed_pdf))
    assert "广州市天河区政务服务数据管理局" in text
    assert "97.13" in text and "97.10%" in text and "计算值" in text
    results = [indicator.result for _, indicator in seed.all_indicators()]
    assert len(results) == 16
    for result in results:
        assert result is not None
        assert _squeeze(result) in text, result


def test_it_embeds_the_cjk_font(seed_pdf: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(seed_pdf)], check=True, capture_output=True, text=True).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and any("NotoSansCJK" in row.replace("-", "") for row in rows)
    for row in rows:
        embedded = row.split()[-5]
        assert embedded == "yes", row


def test_it_prints_on_a4_landscape(seed_pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(seed_pdf)], check=True, capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())  # type: ignore[union-attr]
    assert (round(width), round(height)) == (842, 595)


def test_its_first_page_is_not_blank(seed_pdf: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(seed_pdf), str(tmp_path / "p")], check=True
    )
    (page,) = tmp_path.glob("p*.png")
    image = Image.open(page).convert("L")
    stat = ImageStat.Stat(image)
    assert stat.var[0] > 200  # text and rules, not a white sheet
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.width * image.height


def test_it_repeats_the_header_row_when_the_tasks_run_over_a_page(seed: Form, tmp_path: Path) -> None:
    form = seed.model_copy(deep=True)
    form.tasks = [
        Task(
            name=f"任务{i}",
            expected="按计划推进。",
            achieved="已完成。",
            indicators=[Indicator(name=f"指标{i}-{j}≥{j}项", result=f"完成{j + 1}项。") for j in range(4)],
        )
        for i in range(1, 16)
    ]
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(form, check(form), findings=False))
    pages = _text(path, "-layout").split("\f")
    with_tasks = [p for p in pages if "任务" in p and "指标" in p and re.search(r"指标\d+-\d", p)]
    assert len(with_tasks) >= 2
    for page in with_tasks:
        assert "关键指标" in page and "指标完成情况" in page  # the header row, repeated


def test_it_renders_every_character_of_the_form(seed: Form, seed_pdf: Path) -> None:
    text = _text(seed_pdf)
    assert "\ufffd" not in text
    written = set(_squeeze(seed.model_dump_json(exclude={"review"}))) - set('{}[]":,_')
    assert len({ch for ch in written if not ch.isascii()}) > 300
    missing = {ch for ch in written if ch not in text and not ch.isascii()}
    assert not missing


def test_it_breaks_a_text_longer_than_a_page_without_losing_any_of_it(seed: Form, tmp_path: Path) -> None:
    form = seed.model_copy(deep=True)
    form.goals.achieved = "".join(f"第{i}段:{seed.goals.achieved}" for i in range(1, 7))
    form.tasks[0].name = "http://example.gov.cn/" + "a" * 300
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(form, check(form), findings=False))
    text = _squeeze(_text(path))
    for i in range(1, 7):
        assert f"第{i}段:2021年" in text
    assert text.count("市场活力进一步激发") == 6
    assert "a" * 300 in text.replace("\n", "")
    first_page = _text(path, "-f", "1", "-l", "1")
    assert "第1段" in _squeeze(first_page)  # the long row starts on page 1 rather than leaving it blank

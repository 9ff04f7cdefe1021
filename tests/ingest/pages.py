"""Test pages: the seed's first table block drawn as an image (clean, or as a crooked grey scan with a
red seal over a label) and printed to PDF, for the OCR and PDF readers."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

# The seed's header and 部门资金情况 block (lines 5–9) as printed: six columns. The label the seal
# destroyed (line 7, fourth cell) is empty here; the seal is drawn over it in the scan.
SEED_BLOCK = [
    ["部门名称(汇总)", "", "广州市天河区政务服务数据管理局", "", "被评价年度", "2021年"],
    ["", "部门调整预算收入", "9368.62", "部门年初预算收入", "9543.38", ""],
    ["部门资金情况", "实际支出数", "9100.04", "", "174.76", ""],
    ["", "其中:一般公共预算", "9100.04", "年度预算调整数", "", ""],
    ["", "预算完成率", "97.10%", "预算调整率", "1.83%", ""],
]
WIDTHS = [190, 230, 330, 230, 170, 110]
ROW_HEIGHT = 56


def draw_table(rows: list[list[str]] = SEED_BLOCK, *, title: str = "部门整体支出绩效自评表") -> Image.Image:
    """Draw a ruled table with a title and the unit line above it, black on white."""
    font = ImageFont.truetype(str(FONT), 24, index=2)
    big = ImageFont.truetype(str(FONT), 32, index=2)
    width = sum(WIDTHS) + 80
    height = 150 + ROW_HEIGHT * len(rows) + 60
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((width // 2 - 190, 30), title, font=big, fill="black")
    draw.text((40, 95), "单位:万元", font=font, fill="black")
    top = 140
    for r, row in enumerate(rows):
        x = 40
        for c, text in enumerate(row):
            draw.rectangle(
                [x, top + r * ROW_HEIGHT, x + WIDTHS[c], top + (r + 1) * ROW_HEIGHT], outline="black", width=2
            )
            if text:
                draw.text((x + 10, top + r * ROW_HEIGHT + 13), text, font=font, fill="black")
            x += WIDTHS[c]
    return image


def seal_position() -> tuple[int, int]:
    """Return the centre of the cell whose label the seal covers (line 7, fourth cell)."""
    x = 40 + sum(WIDTHS[:3]) + WIDTHS[3] // 2
    y = 140 + 2 * ROW_HEIGHT + ROW_HEIGHT // 2
    return x, y


def scanned(image: Image.Image, *, angle: float = 1.2) -> Image.Image:
    """Make a real-looking scan: a red seal over a label, a slight rotation, greyscale, some noise."""
    image = image.copy()
    draw = ImageDraw.Draw(image, "RGBA")
    cx, cy = seal_position()
    radius = 70
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=(210, 30, 30, 230), width=7)
    font = ImageFont.truetype(str(FONT), 20, index=2)
    draw.text((cx - 60, cy - 12), "政务服务数据", font=font, fill=(210, 30, 30, 200))
    draw.regular_polygon((cx, cy + 35, 14), 5, fill=(210, 30, 30, 230))
    rotated = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor="white")
    grey = rotated.convert("L")
    noisy = Image.effect_noise(grey.size, 12).point(lambda v: 255 if v > 140 else 235)
    return Image.composite(grey, noisy, grey.point(lambda v: 255 if v < 200 else 0))


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()

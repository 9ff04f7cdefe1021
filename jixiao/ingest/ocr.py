"""Scans and images → cell grid with RapidOCR (the ``ocr`` extra; its models ship in the wheel).

The table's ruling lines are found first (OpenCV morphology), the page is straightened by the
angle of its lines, and each recognised text box goes to the cell its centre falls in; a cell
without a border towards its neighbour is one merged cell, whose text belongs to its first row and
column, as in a text extraction. A page without ruling lines is read line by line.
"""

from __future__ import annotations

import io
import itertools
import threading
import warnings
from typing import Any

from jixiao.ingest.errors import IngestError
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.limits import count
from jixiao.ingest.settings import IngestSettings

_ENGINE: Any = None
_LOCK = threading.Lock()


def engine() -> Any:
    """Return the shared RapidOCR engine, built once per process with the models inside the wheel."""
    global _ENGINE
    with _LOCK:
        if _ENGINE is None:
            from rapidocr import RapidOCR

            # Never name another model here: any other version or language is downloaded at first use.
            # RapidOCR logs every model it loads at INFO on its own handler; users see only warnings.
            _ENGINE = RapidOCR(
                params={"Det.limit_type": "max", "Det.limit_side_len": 960, "Global.log_level": "warning"}
            )
    return _ENGINE


def read_image(data: bytes, name: str, settings: IngestSettings | None = None) -> Grid:
    """Read a scanned page (PNG, JPEG, TIFF …) into a grid.

    The image's size is read from its header and checked against ``max_image_pixels`` before its
    pixels are decoded; a large scan within the limit is reduced to ``max_render_pixels`` for OCR.
    """
    settings = settings or IngestSettings()
    try:
        from PIL import Image
    except ImportError as exc:  # Pillow comes with the ocr extra
        from jixiao.extras import missing

        raise IngestError(name, f"是图片,{missing(exc) or exc}") from exc
    try:
        with warnings.catch_warnings():
            # The size is checked just below against this import's own limit.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > settings.max_image_pixels:
            raise IngestError(
                name,
                f"图片为 {count(width)} × {count(height)} 像素,超过图片像素上限 "
                f"{count(settings.max_image_pixels)};请以 300 dpi 左右重新扫描",
            )
        if width * height > settings.max_render_pixels:
            image.draft("L", (width // 2, height // 2))  # JPEG: decode at a reduced size
        image.load()
        image = reduce_to(image, settings.max_render_pixels)
    except Image.DecompressionBombError as exc:
        raise IngestError(name, "图片像素过多,疑似恶意文件") from exc
    except OSError as exc:
        raise IngestError(name, f"图片无法打开,可能不完整或已损坏({exc})") from exc
    try:
        cells = image_rows(image)
    except ImportError as exc:
        from jixiao.extras import missing

        raise IngestError(name, f"是图片,{missing(exc) or exc}") from exc
    rows = [Row(cells=c, source=f"page 1 row {i}", page=1) for i, c in enumerate(cells, 1)]
    if not any(not row.is_blank for row in rows):
        raise IngestError(name, "图片里没有识别出文字")
    grid = Grid(rows=rows, pages=1, medium="ocr")
    grid.notes.append("read by OCR: page 1")
    return grid


def reduce_to(image: Any, pixels: int) -> Any:
    """Return the image scaled down to at most ``pixels`` pixels (unchanged when within)."""
    width, height = image.size
    if width * height <= pixels:
        return image
    scale = (pixels / (width * height)) ** 0.5
    return image.resize((max(int(width * scale), 1), max(int(height * scale), 1)))


def image_rows(image: Any) -> list[list[str]]:
    """Return the rows of cell texts of one page image."""
    import cv2
    import numpy as np

    grey = np.array(image.convert("L"))
    grey = _straighten(grey)
    binary = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    height, width = binary.shape
    horizontal = cv2.morphologyEx(
        binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(width // 25, 10), 1))
    )
    ys = _lines(horizontal.sum(axis=1) / 255, 0.25 * width)
    # Vertical rules run from row border to row border; strokes of characters are much shorter.
    span = (ys[-1] - ys[0]) if len(ys) >= 2 else height
    gaps = [b - a for a, b in itertools.pairwise(ys)] or [height // 20]
    kernel = max(int(min(gaps) * 0.8), 20)
    vertical = cv2.morphologyEx(
        binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, kernel))
    )
    xs = _lines(vertical.sum(axis=0) / 255, 0.3 * span)
    result = engine()(cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR))
    boxes = [] if result.boxes is None else list(zip(result.boxes, result.txts, strict=True))
    words = [
        (float(box[:, 0].mean()), float(box[:, 1].mean()), float(box[:, 1].min()), text)
        for box, text in boxes
    ]
    if len(ys) < 2 or len(xs) < 2:
        return _text_lines(words)
    return _table_rows(words, xs, ys, horizontal, vertical)


def _straighten(grey: Any) -> Any:
    """Rotate the page so that its ruling lines are horizontal (a scan is rarely straight).

    The angle is the one, within ±3° in steps of 0.1°, at which the rows of dark pixels are most
    uneven (a straight rule puts all its ink in a few rows): a projection-profile search, robust to
    the speckle of a scan, done on a reduced copy.
    """
    import cv2
    import numpy as np

    height, width = grey.shape
    scale = min(1.0, 900 / width)
    small = cv2.resize(grey, (int(width * scale), int(height * scale)), interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    h, w = ink.shape
    best_angle, best_score = 0.0, -1.0
    for step in range(-30, 31):
        angle = step / 10
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        rotated = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        score = float(np.var(rotated.sum(axis=1, dtype=np.float64)))
        if score > best_score:
            best_angle, best_score = angle, score
    if abs(best_angle) < 0.05:
        return grey
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), best_angle, 1.0)
    return cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def _lines(profile: Any, threshold: float) -> list[int]:
    """Return the centres of the runs of a projection profile above ``threshold``, runs closer
    than 8 pixels taken as one rule (a thick or slightly tilted line)."""
    found: list[int] = []
    start = None
    for i, value in enumerate([*list(profile), 0]):
        if value >= threshold and start is None:
            start = i
        elif value < threshold and start is not None:
            centre = (start + i - 1) // 2
            if found and centre - found[-1] < 8:
                found[-1] = (found[-1] + centre) // 2
            else:
                found.append(centre)
            start = None
    return found


def _text_lines(words: list[tuple[float, float, float, str]]) -> list[list[str]]:
    rows: list[list[tuple[float, float, float, str]]] = []
    for word in sorted(words, key=lambda w: w[1]):
        if rows and abs(rows[-1][0][1] - word[1]) < 12:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [[w[3] for w in sorted(row)] for row in rows]


def _band(value: float, edges: list[int]) -> int | None:
    for k in range(len(edges) - 1):
        if edges[k] <= value < edges[k + 1]:
            return k
    return None


def _table_rows(
    words: list[tuple[float, float, float, str]], xs: list[int], ys: list[int], horizontal: Any, vertical: Any
) -> list[list[str]]:
    n_rows, n_cols = len(ys) - 1, len(xs) - 1

    def has_vertical(x: int, top: int, bottom: int) -> bool:
        strip = vertical[top + 3 : bottom - 2, max(x - 3, 0) : x + 4]
        return bool(strip.size > 0 and (strip.max(axis=1) > 0).mean() > 0.5)

    def has_horizontal(y: int, left: int, right: int) -> bool:
        strip = horizontal[max(y - 3, 0) : y + 4, left + 3 : right - 2]
        return bool(strip.size > 0 and (strip.max(axis=0) > 0).mean() > 0.5)

    # Each grid cell belongs to the top-left cell of its merged span.
    owner = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}
    for r in range(n_rows):
        for c in range(1, n_cols):
            if not has_vertical(xs[c], ys[r], ys[r + 1]):
                owner[(r, c)] = owner[(r, c - 1)]
    for r in range(1, n_rows):
        for c in range(n_cols):
            if not has_horizontal(ys[r], xs[c], xs[c + 1]) and owner[(r, c)] == (r, c):
                owner[(r, c)] = owner[(r - 1, c)]
    texts: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    before: list[tuple[float, float, float, str]] = []
    after: list[tuple[float, float, float, str]] = []
    for cx, cy, top, text in words:
        band_row, band_col = _band(cy, ys), _band(cx, xs)
        if band_row is None or band_col is None:
            (before if cy < ys[0] else after).append((cx, cy, top, text))
            continue
        texts.setdefault(owner[(band_row, band_col)], []).append((top, cx, text))
    rows = _text_lines(before)
    for r in range(n_rows):
        cells = []
        for c in range(n_cols):
            parts = sorted(texts.get((r, c), []))
            cells.append(" ".join(text for _, _, text in _reading_order(parts)))
        rows.append(cells)
    rows.extend(_text_lines(after))
    return rows


def _reading_order(parts: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """Order the boxes of one cell line by line, left to right within a line."""
    lines: list[list[tuple[float, float, str]]] = []
    for part in parts:
        if lines and abs(lines[-1][0][0] - part[0]) < 10:
            lines[-1].append(part)
        else:
            lines.append([part])
    return [p for line in lines for p in sorted(line, key=lambda p: p[1])]

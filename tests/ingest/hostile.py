"""Small files that would cost gigabytes to read: built byte by byte for the limits tests and the
memory bench (``bench/bench_limits.py``). Each returns (file name, bytes)."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable

from tests.ingest import pdfs


def xlsx_far_cell(*, dimension: str | None = "A1:XFD1048576") -> bytes:
    """Return a workbook with one label in A1 and one cell at XFD1048576 (column 16,384, row
    1,048,576); ``dimension`` replaces the declared range (None removes it: an unsized sheet)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "部门名称"
    book.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    return _rewrite_sheet(buffer.getvalue(), dimension)


def _rewrite_sheet(data: bytes, dimension: str | None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                replacement = b"" if dimension is None else f'<dimension ref="{dimension}"/>'.encode()
                body = re.sub(rb'<dimension ref="[^"]*"/>', replacement, body)
            target.writestr(info.filename, body)
    return out.getvalue()


def xls_far_cell() -> bytes:
    """Return an Excel 97-2003 workbook with cells at A1 and IV65536 (16.7 million cells apart)."""
    return _biff8_workbook([(0, 0, "部门名称"), (65535, 255, "x")])


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _biff8_workbook(cells: list[tuple[int, int, str]]) -> bytes:
    """Return a minimal BIFF8 workbook in an OLE compound file (one sheet, LABEL cells)."""

    def label(row: int, col: int, text: str) -> bytes:
        encoded = text.encode("utf-16-le")
        return _record(0x0204, struct.pack("<HHHHB", row, col, 0x0F, len(text), 1) + encoded)

    bof_globals = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06))
    bof_sheet = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0x06))
    xf = _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    font = _record(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + b"\x05\x00Arial")
    sheet_name = "Sheet1".encode("utf-16-le")
    globals_without_sheet = bof_globals + _record(0x0042, struct.pack("<H", 1200)) + font * 5 + xf * 16
    boundsheet_size = 4 + 8 + len(sheet_name)
    eof = _record(0x000A, b"")
    sheet_offset = len(globals_without_sheet) + boundsheet_size + len(eof)
    boundsheet = _record(0x0085, struct.pack("<IBBBB", sheet_offset, 0, 0, 6, 1) + sheet_name)
    last_row = max(r for r, _, _ in cells)
    last_col = max(c for _, c, _ in cells)
    dimensions = _record(0x0200, struct.pack("<IIHHH", 0, last_row + 1, 0, last_col + 1, 0))
    sheet = bof_sheet + dimensions + b"".join(label(*cell) for cell in cells) + eof
    stream = globals_without_sheet + boundsheet + eof + sheet
    return _ole([("Workbook", stream)])


def _ole(streams: list[tuple[str, bytes]]) -> bytes:
    """Return an OLE2 compound file holding ``streams`` (regular sectors only, 512 bytes each)."""
    sector = 512
    name, body = streams[0]
    body = body + b"\x00" * (-len(body) % sector)
    if len(body) < 4096:  # below the mini-stream cutoff readers look in the mini stream: pad past it
        body += b"\x00" * (4096 - len(body))
    data_sectors = len(body) // sector
    directory_sector = data_sectors
    fat_sector = data_sectors + 1
    fat = [0xFFFFFFFE] * (fat_sector + 1)
    for i in range(data_sectors - 1):
        fat[i] = i + 1
    fat[data_sectors - 1] = 0xFFFFFFFE
    fat[directory_sector] = 0xFFFFFFFE
    fat[fat_sector] = 0xFFFFFFFD
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))

    def entry(entry_name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
        encoded = (entry_name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child)
            + b"\x00" * 16
            + b"\x00" * 4
            + b"\x00" * 16
            + struct.pack("<IIHH", start, size, 0, 0)
        ).ljust(128, b"\x00")

    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + entry(name, 2, 0, len(body))
    directory = directory.ljust(sector, b"\x00")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHH", 0x003E, 0x0003, 0xFFFE, 0x0009)
        + struct.pack("<H", 0x0006)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, directory_sector, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    )
    difat = struct.pack("<I", fat_sector) + b"\xff\xff\xff\xff" * 108
    header = (header + difat).ljust(sector, b"\x00")
    return header + body + directory + struct.pack(f"<{sector // 4}I", *fat)


def docx_wide_table(columns: int = 16_384, rows: int = 2) -> bytes:
    """Return a .docx with one table whose cell spans ``columns`` grid columns in each of ``rows``."""
    from docx import Document

    document = Document()
    document.add_paragraph("部门名称")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "x"
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "word/document.xml":
                grid = b"<w:tblGrid>" + b'<w:gridCol w:w="10"/>' * columns + b"</w:tblGrid>"
                body = re.sub(rb"<w:tblGrid>.*?</w:tblGrid>", grid, body, flags=re.S)
                row = re.search(rb"<w:tr[ >].*?</w:tr>", body, flags=re.S)
                assert row is not None
                wide = re.sub(rb"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{columns}"/>'.encode(), row.group())
                body = body.replace(row.group(), wide * rows)
            target.writestr(info.filename, body)
    return out.getvalue()


def many_member_zip(members: int = 20_000) -> bytes:
    """Return an "xlsx" whose archive lists ``members`` empty parts (its directory alone is large)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(members):
            archive.writestr(f"xl/p{i}.xml", b"")
    return out.getvalue()


def big_part_xlsx(size: int = 30 * 1024 * 1024) -> bytes:
    """Return an "xlsx" with a shared-strings part of ``size`` bytes of small strings (ratio below
    the zip-bomb ratio: its parser would hold every string)."""
    import os

    out = io.BytesIO()
    chunk = b"".join(b"<si><t>" + os.urandom(3).hex().encode() + b"</t></si>" for _ in range(4096))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + chunk * (size // len(chunk)) + b"</sst>")
    return out.getvalue()


def huge_png(width: int = 10_000, height: int = 10_000) -> bytes:
    """Return a PNG declaring ``width`` × ``height`` pixels (100 million) in a few hundred KB."""
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    row = b"\x00" + b"\xff" * width
    inflater = zlib.compressobj(9)
    body = b"".join(inflater.compress(row) for _ in range(height)) + inflater.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


HOSTILE: dict[str, Callable[[], bytes]] = {
    "huge-page.pdf": pdfs.huge_page,
    "lying-page-count.pdf": lambda: pdfs.lying_page_count(200),
    "flate-bomb.pdf": lambda: pdfs.flate_bomb(400 * 1024 * 1024),
    "flate-chain.pdf": lambda: pdfs.flate_bomb(400 * 1024 * 1024, layers=2),
    "huge-image.pdf": pdfs.huge_image,
    "far-cell.xlsx": xlsx_far_cell,
    "far-cell-undeclared.xlsx": lambda: xlsx_far_cell(dimension=None),
    "far-cell-lying.xlsx": lambda: xlsx_far_cell(dimension="A1:B2"),
    "far-cell.xls": xls_far_cell,
    "wide-table.docx": docx_wide_table,
    "many-parts.xlsx": many_member_zip,
    "big-part.xlsx": big_part_xlsx,
    "huge.png": huge_png,
}


_MEASURE = """
import json, resource, sys, time


def peak_kb():
    # VmHWM: this process's peak resident memory since exec (ru_maxrss would carry over the peak
    # of the parent that forked it); ru_maxrss where /proc is not there.
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


try:
    with open("/proc/self/clear_refs", "w") as reset:
        reset.write("5")  # start the peak from what this process holds now, not from fork
except OSError:
    pass
from tests.ingest.hostile import HOSTILE
data = HOSTILE[sys.argv[1]]()
before = peak_kb()
start = time.perf_counter()
try:
    from jixiao.ingest import read_bytes
    read_bytes(data, sys.argv[1])
    outcome = "read"
except ValueError as exc:
    outcome = str(exc)
seconds = time.perf_counter() - start
print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_kb": peak_kb(), "before_kb": before,
                  "size": len(data)}))
"""


def measure(name: str) -> dict[str, object]:
    """Import the hostile file ``name`` in a fresh Python process; return its outcome, its time and
    the process's peak resident memory (VmHWM, KB) before and after the import."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, name],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=600,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result

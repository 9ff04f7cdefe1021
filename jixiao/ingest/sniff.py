"""Tell a file's format from its first bytes, never from its name."""

from __future__ import annotations

import io
import json
import struct
import zipfile

PDF, XLSX, XLS, DOCX, ZIP, OLE, IMAGE, JSON, TEXT, EMPTY = (
    "pdf",
    "xlsx",
    "xls",
    "docx",
    "zip",
    "ole",
    "image",
    "json",
    "text",
    "empty",
)

# Above this many parts the archive's directory is not parsed just to tell its kind.
MAX_SNIFF_MEMBERS = 10_000
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF87a", b"GIF89a")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> str:
    """Return the format of ``data``: pdf, xlsx, xls, docx, zip, ole, image, json, text or empty."""
    if not data.strip():
        return EMPTY
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if data.startswith(_OLE):
        return XLS if _ole_is_workbook(data) else OLE
    if data.startswith(_IMAGES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return IMAGE
    if head.startswith(b"{") or head.startswith(b"\xef\xbb\xbf{"):
        try:
            value = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return TEXT
        if isinstance(value, dict):
            return JSON
    return TEXT


def zip_member_count(data: bytes) -> int | None:
    """Return the number of members a zip's end-of-directory record declares (ZIP64 too), without
    parsing the directory; None when there is no such record."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if end < 0 or len(data) < end + 22:
        return None
    total = struct.unpack_from("<H", data, end + 10)[0]
    if total == 0xFFFF:
        locator = end - 20
        if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
            offset = struct.unpack_from("<Q", data, locator + 8)[0]
            if offset + 56 <= len(data) and data[offset : offset + 4] == b"PK\x06\x06":
                return int(struct.unpack_from("<Q", data, offset + 32)[0])
    return int(total)


def _zip_kind(data: bytes) -> str:
    members = zip_member_count(data)
    if members is not None and members > MAX_SNIFF_MEMBERS:
        # Tell the kind by the part names (stored uncompressed) and leave the refusal to the reader.
        if b"xl/workbook.xml" in data:
            return XLSX
        if b"word/document.xml" in data:
            return DOCX
        return ZIP
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return ZIP
    if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
        return XLSX
    if "word/document.xml" in names:
        return DOCX
    return ZIP


def _ole_is_workbook(data: bytes) -> bool:
    # An OLE compound file holds a legacy workbook ("Workbook"/"Book" stream) or, for an
    # encrypted .xlsx/.docx, an "EncryptedPackage" stream. The names are stored in UTF-16.
    return "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data[:65536]


def is_encrypted_office(data: bytes) -> bool:
    """Return True for a password-protected Office document (an OLE file with EncryptedPackage)."""
    return data.startswith(_OLE) and "EncryptedPackage".encode("utf-16-le") in data

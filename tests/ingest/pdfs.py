"""Small PDFs written byte by byte for the bad-input tests: many pages, an encrypted file."""

from __future__ import annotations


def _assemble(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R ".encode() + trailer_extra + b" >>\n"
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def blank_pages(count: int) -> bytes:
    """Return a PDF of ``count`` empty A4 pages."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count
    return _assemble(objects)


def encrypted() -> bytes:
    """Return a one-page PDF protected by a user password (standard security handler, RC4 40-bit)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>",
    ]
    return _assemble(objects, b"/Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">]")


def huge_page(width: float = 14400, height: float = 14400, user_unit: float | None = None) -> bytes:
    """Return a one-page blank PDF whose page is ``width`` × ``height`` points (a few hundred bytes:
    rendered for OCR at 200 dpi, 14,400 points square is 1.6 billion pixels)."""
    unit = f" /UserUnit {user_unit}" if user_unit else ""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}]{unit} >>".encode(),
    ]
    return _assemble(objects)


def lying_page_count(count: int) -> bytes:
    """Return a PDF whose page tree says 1 page and holds ``count``."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count 1 >>".encode(),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count
    return _assemble(objects)


def flate_bomb(inflated: int, *, layers: int = 1) -> bytes:
    """Return a one-page PDF whose content stream is ``inflated`` zero bytes, Flate-compressed
    ``layers`` times (a filter chain)."""
    import zlib

    deflater = zlib.compressobj(9)
    block = b"\x00" * (1024 * 1024)
    body = b"".join(deflater.compress(block) for _ in range(inflated // len(block))) + deflater.flush()
    for _ in range(layers - 1):
        body = zlib.compress(body, 9)
    filters = " ".join(["/FlateDecode"] * layers)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        f"<< /Length {len(body)} /Filter [{filters}] >>\nstream\n".encode() + body + b"\nendstream",
    ]
    return _assemble(objects)


def huge_image(width: int = 100_000, height: int = 100_000) -> bytes:
    """Return an A4 page showing one image that declares ``width`` × ``height`` pixels (its data is
    a few bytes: the header is what a renderer would trust)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /Im0 5 0 R >> >> >>",
        b"<< /Length 31 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream",
        f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray"
        f" /BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream".encode(),
    ]
    return _assemble(objects)

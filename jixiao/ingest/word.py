"""Word (.docx) → cell grid with python-docx: paragraphs and tables in document order.

A merged cell appears once, in its first row and column, as in a text extraction.
"""

from __future__ import annotations

import io

from jixiao.ingest.errors import IngestError
from jixiao.ingest.excel import check_zip
from jixiao.ingest.grid import Grid, Row
from jixiao.ingest.settings import IngestSettings


def read_docx(data: bytes, name: str, settings: IngestSettings) -> Grid:
    """Read the paragraphs and tables of a .docx in document order."""
    check_zip(data, name, settings)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, PackageNotFoundError …
        raise IngestError(name, f"不是可读的 Word 文件({type(exc).__name__})") from exc
    rows: list[Row] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                rows.append(Row(cells=[text], source=f"paragraph {len(rows) + 1}"))
        elif tag == "tbl":
            table = Table(child, document)
            # A merged cell is the same <w:tc> element in every grid position it covers. The elements
            # are kept referenced so that their ids stay unique while the table is read.
            kept: list[object] = []
            seen: set[int] = set()
            for r, row in enumerate(table.rows, start=1):
                cells = []
                for cell in row.cells:
                    element = cell._tc
                    kept.append(element)
                    cells.append("" if id(element) in seen else cell.text.replace("\n", " ").strip())
                    seen.add(id(element))
                rows.append(Row(cells=cells, source=f"table {len(rows) + 1} row {r}"))
                if len(rows) > settings.max_rows:
                    raise IngestError(name, f"超过 {settings.max_rows} 行")
    if not rows:
        raise IngestError(name, "Word 文件里没有文字")
    return Grid(rows=rows, medium="docx")

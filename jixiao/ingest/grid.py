"""The cell grid every reader produces and every layout parser consumes.

A text extraction, a PDF table, an OCR'd scan and a worksheet all become rows of cell texts with
the place they came from ("line 7", "page 2 row 3", "sheet 'Sheet1' row 5"). The parser marks each
cell it reads; whatever non-empty cell is left unread at the end is reported for review, so no
cell is ever dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from jixiao.core.form import ReviewItem


@dataclass
class Row:
    """One table row (or one line of text outside the table)."""

    cells: list[str]
    source: str
    page: int = 1
    # what a reading did to the row that a reviewer must check: (path, problem), e.g. cells cut
    # from run-together text; the reader adds them to the form's review.
    review: list[tuple[str, str]] = field(default_factory=list)

    def text(self, index: int) -> str:
        """Return the stripped text of cell ``index``, "" when the row is shorter."""
        return self.cells[index].strip() if 0 <= index < len(self.cells) else ""

    def __post_init__(self) -> None:
        self._filled = [i for i, cell in enumerate(self.cells) if cell.strip()]

    def filled(self) -> list[int]:
        """Return the indexes of the non-empty cells (a row's cells do not change once read)."""
        return self._filled

    @property
    def is_blank(self) -> bool:
        return not self.filled()


@dataclass
class Grid:
    """The rows of one document, with the page count and how the cells were obtained."""

    rows: list[Row]
    pages: int = 1
    medium: str = "text"  # text, pdf, ocr, xlsx, xls
    used: set[tuple[int, int]] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)  # what the reader itself noticed (OCR pages …)
    carried_review: list[ReviewItem] = field(default_factory=list)  # review items a workbook carried
    reading: str = ""  # how a text was cut into cells (tab, pipe, cell-per-line …), "" for other media
    fit: float = 0.0  # how well the cells fit a form (cells.fit), for choosing among readings
    rebuilt: bool = False  # the reading rebuilt its rows from the header (rebuild.py): rows as wide as it

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def use(self, row: int, *cols: int) -> None:
        """Mark cells as read by the parser."""
        for col in cols:
            self.used.add((row, col))

    def use_row(self, row: int) -> None:
        """Mark every cell of a row as read."""
        self.use(row, *range(len(self.rows[row].cells)))

    def unused(self) -> Iterator[tuple[int, int, str]]:
        """Yield (row, column, text) of every non-empty cell nobody read."""
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row.cells):
                if cell.strip() and (r, c) not in self.used:
                    yield r, c, cell.strip()

    def all_text(self) -> str:
        """Return every cell's text, for classifying the document."""
        return "\n".join("\t".join(row.cells) for row in self.rows)

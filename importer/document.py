"""The neutral shape every reader produces: paragraphs and table rows in reading order.

A row keeps its cells as the source gives them, merged cells once and empty cells as "", so that a plain-text
copy (where spans are lost) and an HTML, Word or PDF table (where they are known) go through the same placing.
"""

from __future__ import annotations

from dataclasses import dataclass

from report.errors import UserFacingError


@dataclass(frozen=True)
class Paragraph:
    text: str
    where: str  # Chinese: 「第 12 行」, 「第 3 页」
    heading: bool = False  # marked as a heading in the source (#, <h2>, a Word heading style)
    blank_before: int = 0  # empty lines just above it in a plain-text source: empty cells of a one-cell-per-line copy
    meta: bool = False  # not printed text but the file's own description of it (a web page's <title>, <meta>)


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    where: str  # Chinese: 「第 40 行」, 「第 2 个表格第 5 行」
    table: int  # which table of the source (rows of one table share it)
    # Every cell of the source row is here, empty ones included, and merged cells are known (an HTML table):
    # an empty cell at the end is a blank value, not the padding a plain-text copy leaves for a merged cell.
    exact: bool = False
    # With `exact`, where each cell starts in the source table (rowspans from above and colspans counted) and
    # the table's width: a table laid out as the official grid gives each value its column outright.
    columns: tuple[int, ...] = ()
    width: int = 0


Item = Paragraph | TableRow

# A cell the source does not determine (digits run together that read more than one way): never placed, the
# note that named it says why. A character no text holds (private use), so no published cell is taken for it.
UNREAD = "\ue000"

# The text of a paragraph that stands for a picture in the document's flow (an <img> of a web page): sites post
# a table as a picture of it, and a section that holds one instead of its table is said to, not just missing.
PICTURE = "\ue001"


class UnusableInput(UserFacingError):
    """The file cannot be imported at all (unreadable, not a report, a scan without text): Chinese message."""


@dataclass(frozen=True)
class FlatTable(Paragraph):
    """The text of a table section as a flattened page gives it, to be read by rows once the format is known."""

    section: str = ""

"""Plain text as copied from a web page: tables flattened to tab-separated lines, headings marked or not.

Some browsers and WPS copy a table one cell per line instead: those lines come out as paragraphs, each with the
number of empty lines above it (an empty cell), and importer.cell_lines puts the rows back together.

Archived pages and reader tools give a table's cells separated by 「|」 instead: a row to a line
(「规章 | 0 | 0 | 0 |」, Markdown's 「| 规章 | 0 |」 too), or a cell to a line, ended by a bar on the same line
(「规章 |」, a row's last cell 「0 | |」, a spanning one 「第二十条第（一）项 | |||」) or on a line of its own; a line of
「|」 alone may also open each row, or be an empty cell. A cell to a line is a one-cell-per-line copy, read as
one.
"""

from __future__ import annotations

import re

from ..document import Item, Paragraph, TableRow, UnusableInput

_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
# A Markdown table's rule under its header: 「|---|:--:|」.
_MARKDOWN_RULE = re.compile(r"^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 as Chinese Windows saves text; one of the two
    with a few damaged bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    # A file cut in the middle of a character, or with a byte damaged: a few places that read in neither, each
    # marked 「\ufffd」 where it stood, are still the page; more are another encoding.
    for name in ("utf-8", "gb18030"):
        text = data.decode(name, errors="replace").lstrip("\ufeff")
        if text.count("\ufffd") <= max(2, len(text) // 1000):
            return text
    raise UnusableInput("无法识别文件的文字编码（既不是 UTF-8 也不是 GBK/GB18030），请另存为 UTF-8 文本后再导入")


def _piped(line: str) -> tuple[str, ...] | None:
    """The cells of a line whose cells are separated by 「|」, else None. A line that only ends in 「|」 is one
    cell; the outer bars of 「| a | b |」 bound cells, they add none."""
    stripped = line.strip()
    if "|" not in stripped or stripped == "|":
        return None
    if not stripped.endswith("|") and " | " not in stripped and not stripped.startswith("|"):
        return None  # a bar inside prose (「A|B」), not a table
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|"):
        stripped = stripped[:-1]
    return tuple(cell.strip() for cell in stripped.split("|"))


_VALUE_LINE = re.compile(r"^\s*(?:[+\-]?\d[\d.,．，]*(?:万元|元)?|[—－\-/／]+)?\s*\|[\s|]*$")


def _empty_cell(before: str, after: str) -> bool:
    """Whether a line of 「|」 alone, between the non-empty lines `before` and `after`, is an empty cell of a
    cell-a-line copy between bars. It is no cell after a cell's line without its bar (it ends that cell: 「规章」
    then 「|」), nor after a row's end or before a label (it opens a row); before a figure or another empty cell
    it is one."""
    if not before.endswith("|") or re.search(r"\|\s*\|$", before):
        return False  # after a row's end (「0 | ||」, 「||」) a bar opens the next row
    return bool(_VALUE_LINE.match(after)) or after == "|"


def _neighbours(lines: list[str]) -> tuple[list[str], list[str]]:
    """For each line, the nearest non-empty line above it and below it (stripped; "" at either end)."""
    above, below = [""] * len(lines), [""] * len(lines)
    last = ""
    for i, line in enumerate(lines):
        above[i] = last
        last = line.strip() or last
    last = ""
    for i in range(len(lines) - 1, -1, -1):
        below[i] = last
        last = lines[i].strip() or last
    return above, below


def read_text(text: str) -> list[Item]:
    items: list[Item] = []
    table = 0
    in_table = False
    blank = 0
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    above, below = _neighbours(lines) if any(line.strip() == "|" for line in lines) else ([], [])
    for number, line in enumerate(lines, start=1):
        where = f"第 {number} 行"
        if line.strip() == "|":
            if _empty_cell(above[number - 1], below[number - 1]):
                blank += 1  # as a one-cell-per-line copy's blank line
            continue
        if _MARKDOWN_RULE.match(line) and in_table:
            continue
        if "\t" not in line and re.fullmatch(r"\s*\|{2,}\s*", line):
            continue  # bars alone: the places of cells a span covers, no cell of their own
        cells = tuple(line.split("\t")) if "\t" in line else _piped(line)
        if cells is not None and "\t" not in line and sum(1 for c in cells if c) <= 1:
            # 「规章 |」, 「0 | |」: a cell a line, as a one-cell-per-line copy gives them (importer.cell_lines)
            line = next((c for c in cells if c), "")
            cells = None
        if cells is not None:
            if not in_table:
                table += 1
                in_table = True
            items.append(TableRow(cells, where, table))
            blank = 0
            continue
        if not line.strip():
            blank += 1  # blank lines separate paragraphs and may sit inside a copied table
            continue
        heading = bool(_MARKDOWN_HEADING.match(line))
        text_line = _MARKDOWN_HEADING.sub("", line).strip() if heading else line.strip()
        if text_line:
            in_table = False
            items.append(Paragraph(text_line, where, heading, blank))
        blank = 0
    return items

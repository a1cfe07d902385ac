"""Plain text as copied from a web page: tables flattened to tab-separated lines, headings marked or not.

Some browsers and WPS copy a table one cell per line instead: those lines come out as paragraphs, each with the
number of empty lines above it (an empty cell), and importer.cell_lines puts the rows back together.
"""

from __future__ import annotations

import re

from ..document import Item, Paragraph, TableRow, UnusableInput

_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 as Chinese Windows saves text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise UnusableInput("无法识别文件的文字编码（既不是 UTF-8 也不是 GBK/GB18030），请另存为 UTF-8 文本后再导入") from None


def read_text(text: str) -> list[Item]:
    items: list[Item] = []
    table = 0
    in_table = False
    blank = 0
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        where = f"第 {number} 行"
        if "\t" in line:
            if not in_table:
                table += 1
                in_table = True
            items.append(TableRow(tuple(line.split("\t")), where, table))
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

"""A Word file (.docx) through python-docx: body paragraphs and tables in document order.

A horizontally merged cell is one <w:tc> with a gridSpan, so it is read once; the continuation of a vertical
merge carries no text of its own and is skipped, as a web page's rowspan is.
"""

from __future__ import annotations

import io

from ..document import PICTURE, Item, Paragraph, TableRow, UnusableInput
from ..normalise import clean_cell
from .damage import check_zip, damaged_zip_part, raised_inside

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes) -> list[Item]:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    archive = check_zip(data, "Word 文件", ".docx")  # sizes and part count before anything is unpacked
    try:
        document = docx.Document(io.BytesIO(data))
        title = document.core_properties.title
    except PackageNotFoundError:
        raise UnusableInput("无法打开这个 Word 文件：它不是有效的 .docx 文件（旧版 .doc 请先在 Word 或 WPS 中另存为 .docx）") from None
    except Exception as e:
        if not raised_inside(e, "docx"):
            raise
        where = damaged_zip_part(archive) or "文件结构不完整"
        raise UnusableInput(f"这个 Word 文件已损坏：{where}，无法读取；请在 Word 或 WPS 中打开它，另存为 .docx 后再导入") from None
    items: list[Item] = []
    counters = {"p": 0, "t": 0}
    _walk(document.element.body, items, counters)
    if title and not any(isinstance(i, Paragraph) for i in items[:3]):
        items.insert(0, Paragraph(clean_cell(title), "文档属性中的标题", heading=True))
    return items


def _walk(parent, items: list[Item], counters: dict) -> None:
    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            text = _paragraph_text(child)
            for line in text.split("\n"):
                line = clean_cell(line)
                if line:
                    counters["p"] += 1
                    items.append(Paragraph(line, f"第 {counters['p']} 段", _is_heading(child)))
            # a picture: DrawingML (<w:drawing>) or, from older Word and WPS, VML (<w:pict>)
            if child.find(f".//{_W}drawing") is not None or child.find(f".//{_W}pict") is not None:
                counters["p"] += 1
                items.append(Paragraph(PICTURE, f"第 {counters['p']} 段"))
        elif child.tag == f"{_W}tbl":
            counters["t"] += 1
            _table(child, counters["t"], items)
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            _walk(child, items, counters)


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
    return "".join(parts)


def _is_heading(p) -> bool:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    value = style.get(f"{_W}val", "") if style is not None else ""
    outline = p.find(f"{_W}pPr/{_W}outlineLvl")
    return value.lower().startswith(("heading", "title")) or value.isdigit() or outline is not None


def _table(tbl, number: int, items: list[Item]) -> None:
    """Every cell of each row, an empty one as "", with the grid column it starts in (spans counted): a blank
    cell keeps its column, as in a web page's table."""
    width = len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))
    for row_number, tr in enumerate(tbl.iterchildren(f"{_W}tr"), start=1):
        cells, starts = [], []
        column = _span(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
        for tc in tr.iterchildren(f"{_W}tc"):
            span = _span(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1)
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is None or merge.get(f"{_W}val", "continue") != "continue":
                cells.append(clean_cell(" ".join(_paragraph_text(p) for p in tc.iter(f"{_W}p"))))
                starts.append(column)
            column += span
        if cells:
            # A row wider than the table's declared grid (hand-edited XML) gives no trustworthy columns.
            exact = column <= width
            items.append(TableRow(tuple(cells), f"第 {number} 个表格第 {row_number} 行", number, exact=exact,
                                  columns=tuple(starts) if exact else (), width=width if exact else 0))


def _span(element, default: int) -> int:
    """A w:gridSpan or w:gridBefore count; a missing, malformed or absurd one counts as `default`."""
    value = element.get(f"{_W}val", "") if element is not None else ""
    return int(value) if value.isdigit() and 0 < int(value) <= 64 else default

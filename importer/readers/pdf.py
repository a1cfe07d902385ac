"""A PDF with a text layer, as agencies publish it and as Word/WPS export it, through pdfplumber.

Tables are found from their ruling lines (pdfplumber reports a merged cell once and its covered positions as
None, which are skipped as a web page's spans are); the text outside the tables is read line by line and joined
into paragraphs where a line runs on to the right margin. A table split over pages is simply more rows.
"""

from __future__ import annotations

import io
import logging

from ..document import Item, Paragraph, TableRow, UnusableInput
from ..normalise import clean_cell

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def read_pdf(data: bytes) -> list[Item]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it chatters about harmless font details
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFSyntaxError, ValueError, TypeError, KeyError):
        raise UnusableInput("无法打开这个 PDF 文件：文件已损坏或不是 PDF") from None
    except Exception as e:  # pdfminer raises several private exception types for encrypted or broken files
        if "password" in str(e).lower() or "encrypt" in type(e).__name__.lower():
            raise UnusableInput("这个 PDF 文件有密码保护，无法读取；请使用未加密的版本") from None
        raise UnusableInput("无法打开这个 PDF 文件：文件已损坏或格式不受支持") from None
    items: list[Item] = []
    tables = 0
    characters = 0
    images = 0
    with pdf:
        for page_number, page in enumerate(pdf.pages, start=1):
            characters += len(page.chars)
            images += len(page.images)
            found = page.find_tables(_TABLE_SETTINGS)
            placed: list[tuple[float, list[Item]]] = []
            for table in found:
                tables += 1
                rows = []
                for row_number, row in enumerate(table.extract(), start=1):
                    cells = tuple(clean_cell(c) for c in row if c is not None)
                    if any(cells):
                        rows.append(TableRow(cells, f"第 {page_number} 页第 {tables} 个表格第 {row_number} 行", tables))
                placed.append((table.bbox[1], rows))
            boxes = [t.bbox for t in found]

            def outside(obj, boxes=boxes) -> bool:
                cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

            lines = page.filter(outside).extract_text_lines(return_chars=False)
            placed += _paragraphs(lines, page, page_number)
            for _, part in sorted(placed, key=lambda p: p[0]):
                items.extend(part)
    if characters == 0:
        if images:
            raise UnusableInput(
                "这个 PDF 是扫描件（页面只有图片，没有文字层），无法读取其中的文字和数字；"
                "请使用原始的 Word 文件或网页，或先用文字识别（OCR）软件转成带文字的 PDF"
            )
        raise UnusableInput("这个 PDF 中没有任何文字")
    return items


def _paragraphs(lines: list[dict], page, page_number: int) -> list[tuple[float, list[Item]]]:
    """Visual lines joined into paragraphs: a line continues the previous one when that one ran to the margin
    and this one is not indented (Chinese paragraphs start with a two-character indent)."""
    if not lines:
        return []
    left = min(line["x0"] for line in lines)
    # The text area's right edge: pages have equal side margins (the longest line may be a short page's title).
    right = max(max(line["x1"] for line in lines), page.width - left)
    out: list[tuple[float, list[Item]]] = []
    current: list[str] = []
    count = 0
    top = 0.0
    previous = None
    for line in lines:
        text = line["text"]
        size = (line["bottom"] - line["top"]) or 10
        indented = line["x0"] - left > size * 0.8
        runs_on = (
            previous is not None
            and right - previous["x1"] < size * 3  # kinsoku may pull a character or two down
            and line["top"] - previous["bottom"] < size * 1.2
            and abs(size - (previous["bottom"] - previous["top"])) < size * 0.1  # a heading's size differs
        )
        if current and runs_on and not indented:
            current.append(text)
        else:
            if current:
                count += 1
                out.append((top, [Paragraph(clean_cell("".join(current)), f"第 {page_number} 页第 {count} 段")]))
            current, top = [text], line["top"]
        previous = line
    if current:
        count += 1
        out.append((top, [Paragraph(clean_cell("".join(current)), f"第 {page_number} 页第 {count} 段")]))
    return out

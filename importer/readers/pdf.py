"""A PDF with a text layer, as agencies publish it and as Word/WPS export it, through pdfplumber.

Tables are found from their ruling lines (pdfplumber reports a merged cell once and its covered positions as
None, which are skipped as a web page's spans are); the text outside the tables is read line by line and joined
into paragraphs from the lines' geometry (see _Prose). A table split over pages is simply more rows. A ruled box
of a single column is not a table but framed or bordered prose (WPS draws a box round the preamble, or a border
under each line of a paragraph), and its lines are read as the page's text.
"""

from __future__ import annotations

import io
import logging
import re

from report import limits

from ..document import Item, Paragraph, TableRow, UnusableInput
from ..normalise import clean_cell
from .damage import raised_inside

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# Above this share of unreadable characters the text is refused rather than imported as gibberish; a few (a
# symbol font's bullet, say) are only dropped labels that the importer reports where they matter.
UNMAPPED_SHARE = 0.05


def read_pdf(data: bytes) -> list[Item]:
    """The PDF's paragraphs and table rows; UnusableInput for a PDF that is damaged, has too many pages, or has
    no usable text. An error raised inside pdfminer or pdfplumber while reading is damage in the file, named by
    the page being read."""
    progress = {"page": 0}
    try:
        return _read_pdf(data, progress)
    except UnusableInput:
        raise
    except Exception as e:  # pdfminer raises many kinds of error for a damaged page, some of them private
        if not raised_inside(e, "pdf"):
            raise
        where = f"第 {progress['page']} 页" if progress["page"] else "页面目录"
        raise UnusableInput(f"这个 PDF 文件已损坏：{where}无法读取，无法导入；请使用原始的 Word 文件或网页，或重新导出 PDF") from None


def _pages(pdf, progress: dict):
    """(number, page) of each page, the count checked against the bound (report/limits.py) before any page is
    read; `progress` says which page is being read."""
    count = len(pdf.pages)
    if count > limits.PDF_PAGES:
        raise UnusableInput(f"这个 PDF 有 {count} 页，超过本程序的上限 {limits.PDF_PAGES} 页，不像是一份年度报告")
    total = 0
    for number, page in enumerate(pdf.pages, start=1):
        progress["page"] = number
        contents = [stream.get_data() for stream in _streams(page.page_obj.contents)]
        size = sum(len(c) for c in contents)
        total += size
        if sum(_text_bytes(c) for c in contents) > limits.PDF_PAGE_TEXT_BYTES:
            raise UnusableInput(f"这个 PDF 第 {number} 页的文字远多于一页纸能容纳的字数，不像是年度报告的页面，无法导入；"
                                "请使用原始的 Word 文件或网页，或重新导出 PDF")
        if size > limits.PDF_PAGE_CONTENT_BYTES or total > limits.PDF_CONTENT_BYTES:
            what = f"第 {number} 页的绘图内容" if size > limits.PDF_PAGE_CONTENT_BYTES else f"前 {number} 页的绘图内容"
            raise UnusableInput(f"这个 PDF {what}过于庞大（解压后约 {max(size, total) / 1048576:.1f} MB），"
                                "远超一份年度报告的正常页面，无法导入；请使用原始的 Word 文件或网页，或重新导出 PDF")
        yield number, page


# The strings a content stream shows, literal 「(…)」 or hex 「<…>」 (the font maps their bytes to glyphs).
_SHOWN = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>")


def _text_bytes(content: bytes) -> int:
    """How many bytes of text a content stream shows: about one or two per glyph. Cheap beside pdfminer's
    laying out of every glyph, whose time it bounds."""
    return sum(len(m) // 2 if m[:1] == b"<" else len(m) for m in _SHOWN.findall(content))


def _streams(contents) -> list:
    """A page's content streams (pdfminer resolves /Contents to a list of streams, or leaves one stream)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    contents = resolve1(contents)
    items = contents if isinstance(contents, list) else [contents]
    return [s for s in (resolve1(c) for c in items) if isinstance(s, PDFStream)]


def _read_pdf(data: bytes, progress: dict) -> list[Item]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it chatters about harmless font details
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFSyntaxError, ValueError, TypeError, KeyError):
        raise UnusableInput("无法打开这个 PDF 文件：文件已损坏或不是 PDF") from None
    except Exception as e:  # pdfminer raises several private exception types for encrypted or broken files
        if _encrypted(e):
            raise UnusableInput("这个 PDF 文件有密码保护，无法读取；请使用未加密的版本") from None
        raise UnusableInput("无法打开这个 PDF 文件：文件已损坏或格式不受支持") from None
    items: list[Item] = []
    tables = 0
    characters = 0
    unmapped = 0  # characters whose font gives no Unicode: pdfminer reads them as "(cid:123)"
    images = 0
    pages: list[tuple[object, int, list[tuple[float, object]], list[dict], list[tuple]]] = []
    with pdf:
        for page_number, page in _pages(pdf, progress):
            characters += len(page.chars)
            unmapped += sum(1 for c in page.chars if c["text"].startswith("(cid:"))
            images += len(page.images)
            found = []
            placed: list[tuple[float, object]] = []
            for table in page.find_tables(_TABLE_SETTINGS):
                extracted = table.extract()
                if all(sum(c is not None for c in row) <= 1 for row in extracted):
                    continue  # a framed paragraph, read with the text around it
                found.append(table)
                tables += 1
                rows = []
                for row_number, row in enumerate(extracted, start=1):
                    # A ruled table gives every cell, an empty one as "" and a position a merged cell covers as
                    # None: a blank cell keeps its column (a 0 left blank), as in a web page's table.
                    starts = tuple(k for k, c in enumerate(row) if c is not None)
                    cells = tuple(clean_cell(_readable(row[k])) for k in starts)
                    if any(cells) or len(cells) > 1:  # a row of blank cells: section 四 with every 0 left blank
                        rows.append(TableRow(cells, f"第 {page_number} 页第 {tables} 个表格第 {row_number} 行", tables,
                                             exact=True, columns=starts, width=len(row)))
                placed.append((table.bbox[1], rows))
            boxes = [t.bbox for t in found]

            def outside(obj, boxes=boxes) -> bool:
                cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

            lines = page.filter(outside).extract_text_lines(return_chars=True)
            for line in lines:
                line["text"] = _readable(line["text"])
                line["size"] = _font_size(line.pop("chars"))
            lines = _without_page_numbers(lines, boxes, page.height)
            placed += [(line["top"], line) for line in lines]
            pages.append((page, page_number, placed, lines, boxes))
    if unmapped > characters * UNMAPPED_SHARE:
        raise UnusableInput(
            f"这个 PDF 的字体没有提供文字编码，{unmapped} 个字符无法识别（复制出来也是乱码），无法读取其中的文字和数字；"
            "请使用原始的 Word 文件或网页"
        )
    text = _Prose(_left_edge(pages))
    for page, page_number, placed, lines, _ in pages:
        text.new_page(page, page_number, lines)
        for _, part in sorted(placed, key=lambda p: p[0]):
            if isinstance(part, list):  # a table's rows: a paragraph never runs on across a table
                items.extend(text.flush())
                items.extend(part)
            else:
                items.extend(text.add(part))
    items.extend(text.flush())
    if characters == 0:
        if images:
            raise UnusableInput(
                "这个 PDF 是扫描件（页面只有图片，没有文字层），无法读取其中的文字和数字；"
                "请使用原始的 Word 文件或网页，或先用文字识别（OCR）软件转成带文字的 PDF"
            )
        raise UnusableInput("这个 PDF 中没有任何文字")
    return items


def _encrypted(e: BaseException) -> bool:
    """Whether opening failed for a password: pdfplumber wraps pdfminer's PDFPasswordIncorrect (or an
    encryption it cannot undo) in its own exception, whose message is empty."""
    seen: BaseException | None = e
    for _ in range(8):  # the wrapped error and its causes, a few deep at most
        if seen is None:
            return False
        if any(w in f"{type(seen).__name__} {seen}".lower() for w in ("password", "encrypt")):
            return True
        seen = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else seen.__cause__
    return False


def _font_size(chars: list[dict]) -> float:
    """A line's type size: the size most of its characters are set in. The line's height says less: one
    glyph of another font (a quotation mark, a digit) makes the box taller than the type."""
    sizes = sorted(round(c.get("size") or 0.0, 1) for c in chars if not c["text"].isspace())
    return sizes[len(sizes) // 2] if sizes and sizes[len(sizes) // 2] > 0 else 10.0


# Characters that close a clause or a quotation: an unindented line starting with one goes on from the line above.
CLOSING = "，。、；：！？）》」』”’〉】〕,.;:!?)]}%"


_UNMAPPED = re.compile(r"\(cid:\d+\)")


def _readable(text: str) -> str:
    """A character whose font gives no Unicode (pdfminer writes 「(cid:123)」) as U+FFFD, the mark of an
    unreadable character: seen in the imported text, and refused as a number, never a silent 0 or gibberish."""
    return _UNMAPPED.sub("\ufffd", text)


def _left_edge(pages) -> float:
    """The text area's left edge, the same on every page: where unindented lines start, or where the tables
    start when no line does (a short report whose paragraphs are all one indented line, under a centred title).
    A table set much wider than the text (into the margin) says nothing about it."""
    lines = [line for *_, page_lines, _ in pages for line in page_lines]
    left = min((line["x0"] for line in lines), default=0.0)
    sizes = sorted(line["size"] for line in lines) or [10.0]
    size = sizes[len(sizes) // 2]
    tables = [box[0] for *_, boxes in pages for box in boxes]
    if tables and min(tables) >= left - 2 * size:
        left = min(left, min(tables))
    return left


# 「— 1 —」「- 1 -」「1」「第 1 页」「第1页 共5页」「1/5」: page furniture, not the report's text.
_PAGE_NUMBER = re.compile(
    r"^[-—－–~～·\s]*(?:\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})[-—－–~～·\s]*$"
)
_MARGIN = 0.15  # of the page height: where headers and footers sit


def _without_page_numbers(lines: list[dict], tables: list[tuple], height: float) -> list[dict]:
    """The page's lines without its page number: a line that is only a number (「— 1 —」) and stands above or
    below everything else on the page, in the top or bottom margin."""
    if not lines:
        return lines
    tops = [line["top"] for line in lines] + [t[1] for t in tables]
    bottoms = [line["bottom"] for line in lines] + [t[3] for t in tables]
    out = []
    for line in lines:
        number = _PAGE_NUMBER.match(line["text"].strip())
        footer = line["top"] >= max(tops) and line["top"] > height * (1 - _MARGIN)
        header = line["bottom"] <= min(bottoms) and line["bottom"] < height * _MARGIN
        if not (number and (footer or header)):
            out.append(line)
    return out


# The start of a numbered heading or list item: 「一、」「（一）」「1.」「第一条」.
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]"
                      r"|\d{1,2}\s*[.．、]\D|第[一二三四五六七八九十]{1,3}[条章节部分])")
_SENTENCE_END = "。！？；!?;"


class _Prose:
    """Visual lines joined back into paragraphs by their geometry. A line continues the paragraph above when
    that one ran on to the right margin (a character or two short is kinsoku, a paragraph's last line stops
    well short), is set in the same size, follows at line spacing, and this line is not indented (Chinese
    paragraphs start with a two-character indent) nor opens a numbered heading after a finished sentence. A
    unindented line that opens with closing punctuation always continues. A paragraph runs on to the next page when it
    ends its page and the next page opens with it."""

    def __init__(self, left: float):
        self.left = left
        self.right = 0.0
        self.current: list[str] = []
        self.where = ""
        self.previous: dict | None = None  # the last line read, if nothing came after it
        self.previous_page = 0
        self.page_number = 0
        self.count = 0

    def new_page(self, page, page_number: int, lines: list[dict]) -> None:
        self.page_number = page_number
        self.count = 0
        # The text area's right edge: pages have equal side margins (the longest line may be a short title).
        self.right = max([line["x1"] for line in lines] + [page.width - self.left])

    def add(self, line: dict) -> list[Paragraph]:
        size = line["size"]
        indented = line["x0"] - self.left > size * 0.8
        if self.current and not indented and line["text"].lstrip()[:1] in CLOSING:
            self.current.append(line["text"])  # punctuation set apart from the line it ends stays there
            self.previous = dict(line, right=self.right)
            self.previous_page = self.page_number
            return []
        previous = self.previous
        runs_on = (
            previous is not None
            and previous["right"] - previous["x1"] < size * 3  # kinsoku may pull a character or two down
            and (self.previous_page != self.page_number or line["top"] - previous["bottom"] < size * 1.2)
            and abs(size - previous["size"]) < size * 0.1  # a heading's size differs
        )
        heading = bool(_HEADING.match(line["text"])) and self.current and self.current[-1].rstrip()[-1:] in _SENTENCE_END
        out: list[Paragraph] = []
        if self.current and runs_on and not indented and not heading:
            self.current.append(line["text"])
        else:
            out = self.flush()
            self.count += 1
            self.current, self.where = [line["text"]], f"第 {self.page_number} 页第 {self.count} 段"
        self.previous = dict(line, right=self.right)
        self.previous_page = self.page_number
        return out

    def flush(self) -> list[Paragraph]:
        out = [Paragraph(clean_cell("".join(self.current)), self.where)] if self.current else []
        self.current, self.previous = [], None
        return out

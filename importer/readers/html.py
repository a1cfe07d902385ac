"""An HTML page or fragment: paragraphs and headings in reading order, tables row by row.

Word-pasted markup (<o:p>, mso styles, conditional comments, &nbsp;) is only markup: lxml's HTML parser reads
it as any other element, and the text is what counts.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from ..document import Item, Paragraph, TableRow, UnusableInput
from ..normalise import clean_cell
from .text import decode

_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
    "blockquote", "pre", "center", "dd", "dt", "dl", "body", "main",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "head", "noscript", "template", "iframe", "object", "svg", "button", "select"}


def read_html(data: bytes) -> list[Item]:
    try:
        text = decode(data)
    except UnusableInput:
        text = None
    try:
        if text is not None:
            text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
            root = lxml.html.document_fromstring(text) if text.strip() else None
        else:
            root = lxml.html.document_fromstring(data)  # let the parser follow <meta charset>
    except (lxml.etree.ParserError, ValueError):
        root = None
    if root is None:
        raise UnusableInput("网页文件是空的或无法解析")
    reader = _Reader()
    title = root.find(".//title")
    if title is not None and clean_cell(title.text_content()):
        reader.title = clean_cell(title.text_content())
    body = root.find("body")
    reader.walk(body if body is not None else root)
    reader.flush()
    if reader.title and not any(isinstance(i, Paragraph) for i in reader.items[:3]):
        reader.items.insert(0, Paragraph(reader.title, "网页标题", heading=True))
    return reader.items


class _Reader:
    def __init__(self):
        self.items: list[Item] = []
        self.buffer: list[str] = []
        self.heading = False
        self.tables = 0
        self.paragraphs = 0
        self.title: str | None = None

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        for line in text.split("\n"):
            line = clean_cell(line)
            if line:
                self.paragraphs += 1
                self.items.append(Paragraph(line, f"第 {self.paragraphs} 段", self.heading))
        self.heading = False

    def walk(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower().split(":")[-1] if ":" in tag else tag.lower()
        if not tag or tag in _SKIP:  # comments (Word's <!--[if …]-->), processing instructions, scripts
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        block = tag in _BLOCK or tag in _HEADINGS or tag == "tr"
        if block:
            self.flush()
            self.heading = tag in _HEADINGS
        if tag == "br":
            self.buffer.append("\n")
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self.flush()

    def table(self, table) -> None:
        self.tables += 1
        rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        for number, tr in enumerate(rows, start=1):
            cells = tuple(_cell_text(td) for td in tr if isinstance(td.tag, str) and td.tag.lower() in ("td", "th"))
            if cells:
                self.items.append(TableRow(cells, f"第 {self.tables} 个表格第 {number} 行", self.tables))


def _cell_text(td) -> str:
    parts: list[str] = []

    def walk(el):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP or (not tag and el is not td):
            return
        if tag == "br" or tag in ("p", "div"):
            parts.append(" ")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(td)
    return clean_cell("".join(parts))

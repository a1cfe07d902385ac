"""An HTML page or fragment: paragraphs and headings in reading order, tables row by row.

A page saved from an agency's website (Ctrl+S) holds the report inside the site's own page: menus, breadcrumbs,
an information box, share bars, 上一篇/下一篇, related links and a footer. The report is the part of the page
that holds its section headings (一、总体情况 … 六、…): what comes after it is the site's; what comes before it
is read only for the title. The page's <title> and <meta name="ArticleTitle"> come first, marked as the file's
description of itself (Paragraph.meta), for when the page prints no title of its own.

Word-pasted markup (<o:p>, mso styles, conditional comments, &nbsp;) is only markup: lxml's HTML parser reads
it as any other element, and the text is what counts. A table that holds other tables or whole paragraphs is the
page's layout, not a table of the report: its cells are read as blocks.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from ..document import PICTURE, Item, Paragraph, TableRow, UnusableInput
from ..normalise import clean_cell
from .text import decode

_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
    "blockquote", "pre", "center", "dd", "dt", "dl", "body", "main", "td", "th", "tr", "table", "form",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {
    "script", "style", "head", "noscript", "template", "iframe", "object", "svg", "button", "select", "input",
    "textarea", "nav", "aside", "map", "canvas", "video", "audio",
}
# Class or id words of the parts of a page that are the site's, not the document's.
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|topmenu|breadcrumbs?|crumbs?|location|position|dqwz|share|bdshare|fenxiang|"
    r"footer|foot|bottom|copyright|sidebar|side|prevnext|prev|next|pagenav|related|xgxx|xglj|xgwz|toolbar|"
    r"print|search|login|topbar|top-bar|qrcode|ewm|friendlink|links)(?:$|[\s_\d-])",
    re.IGNORECASE,
)
# Lines that are the site's wherever they stand: page navigation, print and share bars, footers.
_CHROME_LINE = re.compile(
    r"^(?:[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页|打印本页|打印|关闭窗口|关闭|返回顶部|收藏|分享到|"
    r"相关链接|相关文章|相关信息|相关阅读|当前位置|您的位置|您现在的位置|字号|字体|扫一扫|扫描二维码|版权所有|"
    r"主办单位|主办|承办单位|承办|技术支持|网站标识码|浏览次数|访问量|点击数|阅读次数)(?:[】\]]|\s*[:：>》]|\s|$))"
    r"|(?:ICP备|公网安备|网站标识码|Copyright|©)",
    re.IGNORECASE,
)
# An article's information line before its text: 「来源：… 发布时间：…」 (the fields, never the report).
_FIELD_LINE = re.compile(
    r"^(?:来源|信息来源|文章来源|发布时间|发布日期|发文日期|成文日期|生成日期|作者|索引号|发布机构|发文机关|"
    r"信息分类|分类|主题分类|主题词|关键词|文号|发文字号|有效性|时效)\s*[:：]"
)
# Where the page describes itself; CMSs of government sites fill these in.
_META_TITLES = ("articletitle", "title", "dc.title", "og:title", "contenttitle")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|—{1,2}|–|\s-\s|>|＞|::|--)\s*")


def read_html(data: bytes | str) -> list[Item]:
    if isinstance(data, str):
        text = data
    else:
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
    body = root.find("body")
    body = body if body is not None else root
    reader = _Reader(*_report_part(body))
    reader.walk(body)
    reader.flush()
    return _meta_titles(root, reader.items) + reader.items


def _meta_titles(root, items: list[Item]) -> list[Item]:
    """The page's <title> and title <meta>s that name a report, each once, as meta paragraphs."""
    from ..title import names_report

    found: list[tuple[str, str]] = []
    title = root.find(".//title")
    if title is not None:
        for part in _TITLE_SEPARATORS.split(clean_cell(title.text_content())):
            if names_report(part):
                found.append((part, "网页标题（<title>）"))
                break
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = clean_cell(meta.get("content") or "")
        if name in _META_TITLES and content and names_report(content):
            found.append((content, f"网页的 {meta.get('name') or meta.get('property')} 元数据"))
    out, seen = [], set()
    for text, where in found:
        if text not in seen:
            seen.add(text)
            out.append(Paragraph(text, where, heading=True, meta=True))
    return out


def _report_part(body) -> tuple[object | None, list]:
    """The element holding the report: the innermost one around all its section headings (None: no such
    evidence, the whole page is read); and the headings' elements."""
    from report.formats import FORMATS

    from ..labels import labels_of

    labels = labels_of(max(FORMATS, key=lambda f: FORMATS[f].first_year))  # the formats title their sections alike
    found: dict[str, object] = {}
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag.lower() not in _BLOCK | {"span", "strong", "b", "font"}:
            continue
        text = clean_cell(el.text_content())
        if not text or len(text) > 60:
            continue
        match = labels.section_title(text)
        if match is not None and match.target.id not in found:
            found[match.target.id] = el
    if len(found) < 2:
        return None, list(found.values())
    paths = [list(el.iterancestors())[::-1] + [el] for el in found.values()]
    common = None
    for level in zip(*paths, strict=False):  # as deep as the shallowest: the common ancestors
        if all(node is level[0] for node in level):
            common = level[0]
        else:
            break
    return common, list(found.values())


def _tag(el) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.lower().split(":")[-1]


def _chrome_element(el) -> bool:
    words = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    return bool(words) and _CHROME_CLASS.search(words) is not None


class _Reader:
    """Walks the page once. Before the report's part only paragraphs are kept (they may hold the title), after
    it nothing; inside it everything but the site's own bars."""

    def __init__(self, part, headings: list):
        self.part = part
        self.where = "before" if part is not None else "inside"
        self.items: list[Item] = []
        self.buffer: list[str] = []
        self.heading = False
        self.tables = 0
        self.paragraphs = 0
        # Never the site's, whatever their class says: the report's part and whatever holds a section heading.
        # (The elements are held, so that lxml hands back the same proxies and their ids stay theirs.)
        self._held = [a for el in [part, *headings] if el is not None for a in (el, *el.iterancestors())]
        self.keep = {id(a) for a in self._held}

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        for line in text.split("\n"):
            line = clean_cell(line)
            if not line or self.where == "after":
                continue
            if _CHROME_LINE.match(line) or _CHROME_LINE.search(line) and len(line) < 80:
                continue
            if _FIELD_LINE.match(line) and len(line) < 100:
                continue
            self.paragraphs += 1
            self.items.append(Paragraph(line, f"第 {self.paragraphs} 段", self.heading))
        self.heading = False

    def walk(self, el) -> None:
        tag = _tag(el)
        if not tag or tag in _SKIP or self.where == "after":  # comments (Word's <!--[if …]-->), scripts
            return
        if id(el) not in self.keep and _chrome_element(el):
            return
        if el is self.part:
            self.flush()
            self.where = "inside"
            self._children(el, block=True)
            self.flush()
            self.where = "after"
            return
        if tag == "img" and self.where == "inside":
            self.flush()
            self.paragraphs += 1
            self.items.append(Paragraph(PICTURE, f"第 {self.paragraphs} 段"))
            return
        if tag == "table":
            self.flush()
            if self.where == "inside" and id(el) not in self.keep and not _layout(el):
                self.table(el)
                return
        if self.where == "before" and tag in ("ul", "ol", "li") and id(el) not in self.keep:
            return  # lists before the report: the site's menus and columns of links, never its title
        self._children(el, block=tag in _BLOCK or tag in _HEADINGS)

    def _children(self, el, block: bool) -> None:
        tag = _tag(el)
        if block:
            self.flush()
            self.heading = tag in _HEADINGS or "title" in (el.get("class") or "").lower()
        if tag == "br":
            self.buffer.append("\n")
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail and self.where != "after":
                self.buffer.append(child.tail)
        if block:
            self.flush()

    def table(self, table) -> None:
        self.tables += 1
        rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        tds = [[td for td in tr if _tag(td) in ("td", "th")] for tr in rows]
        columns, width = _geometry(tds)
        for number, (row, starts) in enumerate(zip(tds, columns, strict=True), start=1):
            cells = tuple(_cell_text(td) for td in row)
            if cells:  # a row of blank cells too: section 四's one row of figures, published blank
                self.items.append(TableRow(cells, f"第 {self.tables} 个表格第 {number} 行", self.tables, exact=True,
                                           columns=starts, width=width))


def _span(td, name: str) -> int:
    try:
        return min(max(int((td.get(name) or "1").strip()), 1), 200)
    except ValueError:
        return 1  # 「rowspan="2px"」 and the like: what browsers do too


def _geometry(rows: list[list]) -> tuple[list[tuple[int, ...]], int]:
    """Where each cell starts (a browser's table layout: cells flow around those spanning down from above) and
    the table's width."""
    taken: set[tuple[int, int]] = set()
    starts: list[tuple[int, ...]] = []
    width = 0
    for r, row in enumerate(rows):
        c, line = 0, []
        for td in row:
            while (r, c) in taken:
                c += 1
            line.append(c)
            rowspan, colspan = _span(td, "rowspan"), _span(td, "colspan")
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            c += colspan
            width = max(width, c)
        starts.append(tuple(line))
    return starts, width


def _layout(table) -> bool:
    """A table that lays out the page rather than tabulating: it holds another table, a section heading's
    worth of paragraphs, or has a single column."""
    if table.xpath(".//table"):
        return True
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    cells = [td for tr in rows for td in tr if _tag(td) in ("td", "th")]
    if not cells:
        return True
    if all(sum(1 for td in tr if _tag(td) in ("td", "th")) <= 1 for tr in rows) and len(rows) <= 3:
        return True
    return any(len(clean_cell(td.text_content())) > 200 for td in cells)


def _cell_text(td) -> str:
    parts: list[str] = []

    def walk(el):
        tag = _tag(el)
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


def frame_sources(data: bytes | str) -> list[str]:
    """The local files a page shows in its <iframe>s and <frame>s (relative paths, decoded; no web addresses)."""
    from urllib.parse import unquote, urlsplit

    try:
        root = lxml.html.document_fromstring(decode(data) if isinstance(data, bytes) else data)
    except (lxml.etree.ParserError, ValueError, UnusableInput):
        return []
    out = []
    for el in root.iter("iframe", "frame"):
        source = (el.get("src") or "").strip()
        parts = urlsplit(source)
        if source and not parts.scheme and not parts.netloc and parts.path:
            out.append(unquote(parts.path))
    return out


def with_frames(items: list[Item], frames: tuple[bytes, ...]) -> list[Item]:
    """A page whose report is in a frame: the page's own title lines, then the frame that holds the report."""
    from report.formats import FORMATS

    from ..labels import labels_of
    from ..title import names_report

    labels = labels_of(max(FORMATS, key=lambda f: FORMATS[f].first_year))

    def sections(found: list[Item]) -> int:
        return len({m.target.id for i in found if isinstance(i, Paragraph) and (m := labels.section_title(i.text))})

    if sections(items) >= 2:
        return items
    for frame in frames:
        try:
            inner = read_html(frame)
        except UnusableInput:
            continue
        if sections(inner) >= 2:
            own = [i for i in items if isinstance(i, Paragraph) and names_report(i.text)]
            return own + inner
    return items

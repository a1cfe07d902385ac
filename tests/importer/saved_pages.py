"""Whole web pages as a browser saves them (Ctrl+S), to feed the importer in tests: the report inside a
government site's page (navigation, breadcrumbs, an information box, share bar, 上一篇/下一篇, related links,
footer), its tables in the markup content systems really produce, and the files around it (GBK bytes under a
lying <meta charset>, MHTML as IE mode and 360 安全浏览器 save).

Every pattern is a keyword of `saved_page`, so that a test names the pattern it checks. Generic over the
format: tables come from report.grid.table_grid.
"""

from __future__ import annotations

import base64
import html
import quopri

from report.grid import BLANK, CORNER, HEADER, LABEL, TITLE, VALUE, Grid, table_grid
from report.model import Report
from report.values import show

# How sites write an empty cell: what a CMS editor, Word paste or a hand-typed table leaves.
EMPTY_CELLS = {
    "nothing": "",
    "nbsp": "&nbsp;",
    "p-nbsp": "<p>&nbsp;</p>",
    "br": "<br>",
    "spaces": "&nbsp; &nbsp;",
    "ideographic-space": "\u3000",
    "span-nbsp": "<p style='text-align:center'><span style='font-size:14px'>&nbsp;</span></p>",
}

_CHROME_TOP = """
<div class="top-bar"><a href="/">首页</a> | <a href="/wza">无障碍</a> | <a href="/eng">English</a> | 长者模式</div>
<div class="header"><img src="{files}/logo.png" alt="{site}"><div class="search"><input value="请输入关键词">
<button>搜索</button></div></div>
<ul class="nav">{nav}</ul>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/ndbg">政府信息公开年度报告</a></div>
"""

_NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进本区", "专题专栏", "政府信息公开指南", "政府信息公开制度",
        "法定主动公开内容", "政府信息公开年度报告", "依申请公开")

_SIDEBAR = """<div class="sidebar"><h3>政府信息公开</h3><ul><li>政府信息公开指南</li><li>政府信息公开制度</li>
<li>政府信息公开年度报告</li><li>依申请公开</li></ul><h3>热点信息</h3><ul><li>关于开展2023年度统计执法检查的通知</li>
<li>五、招标公告</li></ul></div>"""

_INFO_BOX = """<table class="xxgk-info" width="100%"><tr><td>索引号：</td><td>11350128MB0Y12345X/2024-00017</td>
<td>分类：</td><td>政府信息公开年度报告</td></tr><tr><td>发布机构：</td><td>{agency}</td><td>生成日期：</td>
<td>2024-01-19</td></tr><tr><td>名称：</td><td colspan=3>{title}</td></tr><tr><td>文号：</td><td></td><td>主题词：</td>
<td></td></tr></table>"""

_ARTICLE_META = ("<div class='article-info'><span>来源：{agency}</span>&nbsp;&nbsp;<span>发布时间：2024-01-19 16:30</span>"
                 "&nbsp;&nbsp;<span>浏览次数：<script>document.write(1234)</script></span>"
                 "&nbsp;&nbsp;<span>字号：【大 中 小】</span></div>")

_CHROME_BOTTOM = """
<div class="share">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>
<div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="prev-next"><p>上一篇：<a href="#">{agency}2022年政府信息公开工作年度报告</a></p>
<p>下一篇：<a href="#">关于印发《2024年政务公开工作要点》的通知</a></p></div>
<div class="related"><h4>相关链接</h4><ul><li>国务院办公厅政府信息与政务公开办公室关于印发政府信息公开工作年度报告格式的通知</li></ul></div>
<div class="footer"><p>主办单位：{site}办公室　承办：{site}大数据中心</p><p>版权所有：{site}　网站标识码：3501280001</p>
<p>闽ICP备12345678号-1　闽公网安备 35012802000123号</p><p>地址：某某路1号　电话：0591-12345678</p></div>
"""


def title_of(report: Report) -> str:
    return f"{report.agency}{report.year}年政府信息公开工作年度报告"


def default_prose(report: Report) -> dict[str, list[str]]:
    """The report's prose, or a realistic stand-in when the expected report carries none."""
    y = report.year
    own = {sid: [p for p in report.text(sid).split("\n") if p.strip()] for sid in ("s1", "s5", "s6")}
    stand_in = {
        "s1": [f"{y}年，{report.agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
               "扎实推进政府信息公开工作。",
               "（一）主动公开。通过门户网站主动公开各类政府信息120条。",
               "（二）依申请公开。严格按照规定的程序和时限办理依申请公开事项。"],
        "s5": ["存在的主要问题：信息公开的及时性有待提高。", "改进措施：加强业务培训，完善工作机制。"],
        "s6": ["本年度未收取信息处理费。"],
    }
    return {sid: own[sid] or stand_in[sid] for sid in own}


def saved_page(
    report: Report,
    *,
    chrome: bool = True,
    info_box: bool = False,
    empty: str = "p-nbsp",
    blank: frozenset[str] | set[str] = frozenset(),
    dash_blank: bool = False,
    layout_table: bool = False,
    split_tables: bool = False,
    s4_rows: bool = False,
    flat_labels: bool = False,
    unmerged_labels: bool = False,
    head_title: str | None = None,
    meta_title: str | None = None,
    heading: str | None = None,
    heading_lines: tuple[str, ...] | None = None,
    heading_prefix: str = "",
    section_titles: dict[str, str] | None = None,
    charset: str = "utf-8",
    files: str = "page_files",
    signature: bool = True,
    preamble: tuple[str, ...] = (),
) -> str:
    """A report's page as the browser saved it.

    `empty`: how an empty cell is written (EMPTY_CELLS); `blank`: value cells published empty (or as 「—」 with
    `dash_blank`); `layout_table`: the whole article inside a layout table; `split_tables`: every block of a
    table (and section 三 after its header) in a <table> of its own; `s4_rows`: section 四 as three labelled
    rows of five instead of one row of fifteen; `flat_labels`: group labels on rows of their own, each row
    label across all label columns; `unmerged_labels`: a label's colspan written as empty cells after it (an
    editor's 「拆分单元格」); `heading_lines`: the page's heading broken over lines; `head_title`,
    `meta_title`: what <title> and <meta name="ArticleTitle"> say (the site's name appended, as CMSs do);
    `preamble`: paragraphs between the title and 一."""
    title = title_of(report)
    site = "某某区人民政府"
    head_title = head_title if head_title is not None else f"{title}_{site}"
    meta_title = meta_title if meta_title is not None else title
    prose = default_prose(report)
    e = EMPTY_CELLS[empty]
    parts = [
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n"
        "<!-- saved from url=(0064)https://www.example.gov.cn/zwgk/ndbg/202401/t20240119_123456.htm -->",
        f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={charset}'>",
        f"<title>{html.escape(head_title)}</title>",
        f"<meta name='ArticleTitle' content='{html.escape(meta_title)}'><meta name='SiteName' content='{site}'>",
        f"<meta name='ColumnName' content='政府信息公开年度报告'><link rel='stylesheet' href='{files}/style.css'>",
        "<script>var _hmt = _hmt || []; document.title;</script><style>.nav li{float:left}</style></head><body>",
    ]
    if chrome:
        parts.append(_CHROME_TOP.format(files=files, site=site, nav="".join(f"<li><a>{n}</a></li>" for n in _NAV)))
        parts.append(_SIDEBAR)
    article: list[str] = []
    if info_box:
        article.append(_INFO_BOX.format(agency=html.escape(report.agency), title=html.escape(title)))
    if heading_lines:
        article.append("<div class='title'>" + "<br>".join(html.escape(line) for line in heading_lines) + "</div>")
    else:
        article.append(f"<h1 class='article-title'>{html.escape(heading_prefix + (heading or title))}</h1>")
    if chrome:
        article.append(_ARTICLE_META.format(agency=html.escape(report.agency)))
    article.append("<div class='TRS_Editor' id='zoom'>")
    article += [f"<p style='text-indent:2em'>{html.escape(p)}</p>" for p in preamble]
    for section in report.format.sections:
        name = (section_titles or {}).get(section.id, section.title)
        article.append(f"<p style='text-indent:2em'><strong>{html.escape(name)}</strong></p>")
        if section.table is None:
            article += [f"<p style='text-indent:2em'>{html.escape(p)}</p>" for p in prose[section.id]]
            continue
        grid = table_grid(section.table)
        if section.id == "s4" and s4_rows:
            article.append(_s4_as_rows(report, section, e, set(blank)))
            continue
        article += _tables(report, grid, e, set(blank), dash_blank, split_tables, flat_labels, unmerged_labels)
    if signature:
        article.append(f"<p style='text-align:right'>{html.escape(report.agency)}</p>")
        article.append(f"<p style='text-align:right'>{report.year + 1}年1月19日</p>")
    article.append("</div>")
    body = "\n".join(article)
    if layout_table:
        body = ("<table width='1000' border='0' align='center'><tr><td height='30'>&nbsp;</td></tr><tr><td valign='top'>"
                f"<table width='100%'><tr><td>{body}</td></tr></table></td></tr></table>")
    parts.append(f"<div class='article'>{body}</div>")
    if chrome:
        parts.append(_CHROME_BOTTOM.format(agency=html.escape(report.agency), site=site))
    parts.append("</body></html>")
    return "\n".join(parts)


def _value(report: Report, cell_id: str, blank: set[str], dash: bool, empty: str) -> str:
    if cell_id in blank:
        return "—" if dash else empty
    return html.escape(show(report.value(cell_id)))


def _tables(report: Report, grid: Grid, empty: str, blank: set[str], dash: bool, split: bool, flat: bool,
            unmerged: bool = False) -> list[str]:
    """The grid as <table>s: one, or (split) a new <table> at every block title and after the header rows."""
    out: list[str] = []
    rows: list[str] = []
    by_row: dict[int, list] = {}
    for cell in grid.cells:
        by_row.setdefault(cell.row, []).append(cell)
    label_cols = min((c.col for c in grid.cells if c.role == VALUE), default=1)
    for r in range(grid.rows):
        cells = sorted(by_row.get(r, []), key=lambda c: c.col)
        starts_block = any(c.role == TITLE for c in cells)
        after_header = r == grid.header_rows and grid.header_rows > 0
        # As a page break in Word splits a long table: mid-way, inside the group labels' rowspans.
        mid_way = r == grid.header_rows + (grid.rows - grid.header_rows) // 2 and grid.header_rows > 0
        if split and rows and (starts_block or after_header or mid_way):
            out.append(_table(rows))
            rows = []
        tds = []
        for cell in cells:
            rowspan, colspan = cell.rowspan, cell.colspan
            if flat and cell.role == LABEL:
                if cell.rowspan > 1 or (cell.col + cell.colspan < label_cols and cell.role == LABEL):
                    # A group label: a row of its own across the label columns, empty values after it.
                    rows.append("<tr>" + f"<td colspan={label_cols}>{html.escape(cell.text)}</td>"
                                + f"<td>{empty}</td>" * (grid.cols - label_cols) + "</tr>")
                    continue
                colspan = label_cols
                rowspan = 1
            span = (f" rowspan={rowspan}" if rowspan > 1 else "") + (f" colspan={colspan}" if colspan > 1 else "")
            if cell.role == VALUE:
                text = _value(report, cell.cell, blank, dash, empty)
            elif cell.role == BLANK:
                text = empty
            else:
                text = html.escape(cell.text) or empty
            tag = "td" if cell.role not in (HEADER, CORNER) else "th"
            if unmerged and cell.role == LABEL and colspan > 1:
                down = f" rowspan={rowspan}" if rowspan > 1 else ""
                tds += [f"<td{down}>{text}</td>"] + [f"<td{down}>{empty}</td>"] * (colspan - 1)
                continue
            tds.append(f"<{tag}{span} style='border:1px solid #000'>{text}</{tag}>")
        if tds:
            rows.append(f"<tr>{''.join(tds)}</tr>")
    if rows:
        out.append(_table(rows))
    return out


def _table(rows: list[str]) -> str:
    return "<table border='1' cellspacing='0' cellpadding='0' width='100%'><tbody>" + "\n".join(rows) + "</tbody></table>"


def _s4_as_rows(report: Report, section, empty: str, blank: set[str]) -> str:
    """Section 四 down, not across: one labelled row of five per review or suit."""
    block = section.table.blocks[0]
    columns = block.leaf_columns()
    rows = ["<tr><th colspan=2>&nbsp;</th>" + "".join(f"<th>{html.escape(c.label)}</th>" for c in columns) + "</tr>"]
    leaves = block.leaf_rows()
    for k, row in enumerate(leaves):
        label = f"<td colspan=2>{html.escape(row.label)}</td>" if k == 0 else (
            ("<td rowspan=2>行政诉讼</td>" if k == 1 else "") + f"<td>{html.escape(row.label)}</td>")
        values = "".join(f"<td>{_value(report, f'{row.id}:{c.id}', blank, False, empty)}</td>" for c in columns)
        rows.append(f"<tr>{label}{values}</tr>")
    return _table(rows)


# -------------------------------------------------------------------------------------------------- files


def encoded(page: str, encoding: str) -> bytes:
    return page.encode(encoding)


def mhtml(page: str, *, encoding: str = "gb2312", transfer: str = "quoted-printable", images: int = 2,
          ie: bool = True) -> bytes:
    """A page saved as 「网页，单个文件 (*.mht)」: a multipart/related message, the page first, its files after."""
    boundary = "----=_NextPart_000_0000_01DA4AD1.7C2F1E60" if ie else "----MultipartBoundary--3fKzq2Ewe1GhUDmJ----"
    page = page.replace("charset=utf-8", f"charset={encoding}")
    body = page.encode("gb18030" if encoding.lower() in ("gb2312", "gbk", "gb18030") else encoding)
    if transfer == "quoted-printable":
        payload = quopri.encodestring(body).decode("ascii")
    else:
        payload = base64.encodebytes(body).decode("ascii")
    head = ("From: <Saved by Windows Internet Explorer 11>\r\n" if ie else "From: <Saved by Blink>\r\n")
    head += ("Subject: =?gb2312?B?" + base64.b64encode("年度报告".encode("gb2312")).decode() + "?=\r\n"
             "Date: Fri, 19 Jan 2024 16:35:02 +0800\r\nMIME-Version: 1.0\r\n"
             f"Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"{boundary}\"\r\n"
             "X-MimeOLE: Produced By Microsoft MimeOLE V10.0.19041.1\r\n\r\n"
             "This is a multi-part message in MIME format.\r\n\r\n")
    parts = [
        f"--{boundary}\r\nContent-Type: text/html;\r\n\tcharset=\"{encoding}\"\r\n"
        f"Content-Transfer-Encoding: {transfer}\r\n"
        "Content-Location: https://www.example.gov.cn/zwgk/ndbg/202401/t20240119_123456.htm\r\n\r\n"
        + payload.replace("\n", "\r\n") + "\r\n"
    ]
    for k in range(images):
        data = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 3).decode("ascii")
        parts.append(f"--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
                     f"Content-Location: https://www.example.gov.cn/images/logo{k}.png\r\n\r\n{data}\r\n")
    parts.append(f"--{boundary}\r\nContent-Type: text/css;\r\n\tcharset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n"
                 "Content-Location: https://www.example.gov.cn/css/style.css\r\n\r\n.nav li {float: left}\r\n")
    return (head + "".join(parts) + f"--{boundary}--\r\n").encode("ascii")


def framed(report: Report, folder: str = "page_files", **kw) -> tuple[str, str]:
    """A site that shows the article in an <iframe>: the page saved (its heading, the site around it) and the
    frame's page the browser saved in the 「…_files」 folder beside it."""
    page = saved_page(report, files=folder, **kw)
    start = page.index("<div class='TRS_Editor' id='zoom'>")
    end = page.index("</div>", start) + len("</div>")
    inner = ("<html><head><meta charset='utf-8'><title>content</title></head><body>"
             + page[start:end] + "</body></html>")
    outer = page[:start] + f"<iframe src='{folder}/content.htm' width='100%' height='3000' frameborder='0'></iframe>" + page[end:]
    return outer, inner

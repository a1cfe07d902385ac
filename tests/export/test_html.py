"""The web page read back with an HTML5 parser (html5lib, strict): valid, self-contained, every text and every
merged cell of the report, headers associated with every value."""

from __future__ import annotations

import re

import html5lib
import pytest
from hypothesis import given, settings

from export import html as page
from export import layout as L
from export.xmltext import clean
from report import grid as G

from ..strategies import valid_reports


def parse(text: str):
    """The document tree; strict parsing raises on any HTML5 parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(text)
    assert not parser.errors
    return tree


def text_of(el) -> str:
    return "".join(el.itertext())


def table_slots(table) -> dict[tuple[int, int], tuple]:
    """The HTML table model: each cell placed at the first free slot of its row, covering rowspan × colspan.
    Returns (row, col) of each cell's top-left → (element, rowspan, colspan)."""
    rows = [tr for part in table if part.tag in ("thead", "tbody", "tfoot") for tr in part if tr.tag == "tr"]
    taken: set[tuple[int, int]] = set()
    out = {}
    for r, tr in enumerate(rows):
        col = 0
        for cell in tr:
            assert cell.tag in ("th", "td")
            while (r, col) in taken:
                col += 1
            rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            for i in range(r, r + rs):
                for j in range(col, col + cs):
                    assert (i, j) not in taken, "overlapping cells"
                    taken.add((i, j))
            out[(r, col)] = (cell, rs, cs)
            col += cs
    return out


def check_table(wrap, block: L.TableBlock) -> None:
    assert "table-wrap" in wrap.get("class") and wrap.get("tabindex") == "0"
    (table,) = [t for t in wrap if t.tag == "table"]
    caption = table.find("caption")
    assert caption is not None and text_of(caption) == clean(block.where)
    slots = table_slots(table)
    g = block.grid
    assert len(slots) == len(g.cells)
    ids = {}
    for c in g.cells:
        el, rs, cs = slots[(c.row, c.col)]
        assert (rs, cs) == (c.rowspan, c.colspan), c
        assert text_of(el) == clean(c.text), c
        if c.role in (G.VALUE, G.BLANK):
            assert el.tag == "td"
        else:
            assert el.tag == "th" and el.get("scope") == ("row" if c.role == G.LABEL else "col")
            ids[el.get("id")] = c
    # every value cell names its column headers, its block title and its row labels
    for c in g.value_cells():
        el = slots[(c.row, c.col)][0]
        heads = [ids[i] for i in el.get("headers").split()]
        assert any(h.role == G.HEADER and h.col <= c.col < h.col + h.colspan for h in heads)
        labels = [h for h in heads if h.role == G.LABEL]
        if any(x.role == G.LABEL for x in g.cells):
            assert labels and all(h.row <= c.row < h.row + h.rowspan for h in labels)
    thead = table.find("thead")
    if block.header_rows and len(block.groups) <= 1:
        assert thead is not None and len(thead) == block.header_rows
    else:
        assert thead is None


def check_against_layout(text: str, doc: L.Document) -> None:
    tree = parse(text)
    html_el = tree if tree.tag == "html" else tree.find("html")
    assert html_el.get("lang") == "zh-CN"
    head, body = html_el.find("head"), html_el.find("body")
    assert text_of(head.find("title")) == clean(doc.title.text)
    assert head.find("meta[@charset]").get("charset") == "utf-8"
    assert "width=device-width" in head.find("meta[@name='viewport']").get("content")
    article = body.find("article")
    h1 = article.find("h1")
    assert text_of(h1) == clean("".join(doc.title.lines) if len(doc.title.lines) > 1 else doc.title.text)
    sections = article.findall("section")
    headings = [b for b in doc.blocks if isinstance(b, L.Heading)]
    assert [text_of(s.find("h2")) for s in sections] == [clean(h.text) for h in headings]
    for section, heading in zip(sections, headings, strict=True):
        assert section.get("id") == heading.section_id
        content = [el for el in section if el.tag != "h2"]
        blocks = [b for b in doc.blocks if getattr(b, "section_id", None) == heading.section_id
                  and not isinstance(b, L.Heading)]
        assert len(content) == len(blocks)
        for el, block in zip(content, blocks, strict=True):
            if isinstance(block, L.TableBlock):
                assert el.tag == "div"
                check_table(el, block)
                continue
            assert text_of(el) == clean(block.full_text)
            if block.level == L.BODY or not block.heading:
                assert el.tag == "p" and el.find("strong") is None
            elif not block.text:
                assert el.tag == {L.SUBHEADING: "h3", L.POINT: "h4"}[block.level]
            else:
                assert el.tag == "p" and text_of(el.find("strong")) == clean(block.heading)
    signature = [b for b in doc.blocks if isinstance(b, L.Signature)]
    footer = article.find("footer")
    if signature:
        assert [text_of(p) for p in footer.findall("p")] == [clean(x) for x in signature[0].lines]
    else:
        assert footer is None
    all_ids = [el.get("id") for el in tree.iter() if el.get("id")]
    assert len(all_ids) == len(set(all_ids))


def test_seed(seed):
    doc = L.build(seed)
    check_against_layout(page.render(doc), doc)


def test_self_contained_with_print_and_phone_styles(seed):
    text = page.render(L.build(seed))
    # The one script element is the report's data block, which nothing executes (application/json).
    blocks = re.findall(r"<script\b[^>]*>", text, re.IGNORECASE)
    assert blocks == ['<script type="application/json" id="gov-info-annual-report">']
    text = re.sub(r"<script\b[^>]*>.*?</script>", "", text, flags=re.IGNORECASE | re.DOTALL)
    for forbidden in ("<script", "<link", "src=", "href=", "url(", "@import", "@font-face", "http:", "https:"):
        assert forbidden not in text.lower(), forbidden
    assert "@media print" in text and "size: A4" in text
    assert "margin: 37mm 26mm 35mm 28mm" in text
    assert re.search(r"\.table-wrap \{[^}]*overflow-x: auto", text)
    assert "@media (max-width:" in text


def test_markup_is_escaped(seed):
    seed.agency = "<b>某局</b>&"
    seed.texts["s1"] = '（一）引号"与<script>alert(1)</script>。正文&amp;'
    doc = L.build(seed)
    text = page.render(doc)
    assert "<script>" not in text and "<b>" not in text
    check_against_layout(text, doc)


def test_written_atomically(seed, tmp_path):
    path = tmp_path / "报告.html"
    page.write(seed, path)
    check_against_layout(path.read_text("utf-8"), L.build(seed))
    assert [p.name for p in tmp_path.iterdir()] == ["报告.html"]


@settings(max_examples=40)
@given(valid_reports())
def test_random_reports_both_formats(report):
    doc = L.build(report)
    check_against_layout(page.render(doc), doc)


@pytest.mark.parametrize("odd", ["\ufffe", "\U0010ffff", "\ufdd0", "\u0085", "\x7f"])
def test_characters_html_forbids_are_dropped(seed, odd):
    seed.texts["s6"] = f"甲{odd}乙"
    doc = L.build(seed)
    text = page.render(doc)
    parse(text)
    assert "甲乙" in text

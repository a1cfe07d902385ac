"""Fuzzing, bounded in count and time: mutated exchange files and mutated published documents (.docx, .pdf,
.html, .mht, text) go through the reader, `check`, every writer and every importer. The only failures allowed
are the Chinese refusals (ExchangeError, UnusableInput); anything else would reach a clerk as 「程序内部出错」.

Deterministic: the project's hypothesis profile derandomizes (tests/conftest.py) and each test fixes its number
of examples. The inputs start from the program's own outputs of the seed report, so that a mutation lands in
places a real file has (cells, texts, XML parts, PDF objects) rather than only in noise.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import Decimal
from functools import cache
from xml.sax.saxutils import escape as xml_escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export import docx as docx_writer
from export import html as html_writer
from export import kinds, layout
from export import xlsx as xlsx_writer
from importer import UnusableInput, import_bytes
from report import exchange, limits
from report.checks import check
from report.definition import Kind
from report.formats import FORMATS
from report.quality import review

from .conftest import FIXTURES


def fuzz(examples: int) -> settings:
    """A fixed number of examples; inputs are large and some readers slow, so the size and speed checks are off."""
    return settings(max_examples=examples, suppress_health_check=list(HealthCheck), deadline=None)


# Pieces that have broken readers before, or that sit at a bound of report/limits.py.
JSON_TOKENS = [
    b"1e999999999", b"1e99999999999", b"1e400", b"1e-400", b"1e24", b"-0", b"0e99", b"1.5e3", b"9" * 16, b"9" * 19,
    b"0.00000000001", b'"0.0000000001"', b"[" * 40, b"{" * 20, b"null", b"true", b"{}", b"[]", b'""',
    b'"\\u0000"', b'"\\ud800"', b'"\\u202e"', b'"=cmd|calc!A1"', b"\\", b'"', b",", b"}", b"]", b":",
    b"NaN", b"Infinity", b"\xef\xbb\xbf", b"\xff\xfe", "（一）".encode(), "１２３".encode(),
]
MARKUP_TOKENS = [
    b"<table>", b"</table>", b"<tr>", b"<td>", b"</td>", b'<td rowspan="99999">', b'<td colspan="0">', b"<br>",
    b"<p>", b"</p>", b"<h2>", b"<div>" * 300, b"<!--", b"-->", b"<![CDATA[", b"&#0;", b"&#x110000;", b"&nbsp;",
    b"<?xml ?>", b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]>", b"&a;", b'<w:p>', b'</w:p>', b'<w:t>', b'</w:t>',
    b'<w:tbl>', b'<w:tr>', b'<w:tc>', b'<w:gridSpan w:val="999999"/>', b'<w:vMerge/>', b"<w:br/>",
    "一、总体情况".encode(), "三、收到和处理政府信息公开申请情况".encode(), b"1e999999999", "９９９９９９９９９９９９９９９９９９".encode(),
    "\u202e".encode(), b"\r", b"\t", b"\x00",
]
PDF_TOKENS = [b"obj", b"endobj", b"stream", b"endstream", b"<<", b">>", b"[", b"]", b"/Length 999999999", b"/Count 1000000",
              b"/Type/Page", b"xref", b"trailer", b"%%EOF", b"R", b"0 0 R", b"(", b")", b"\\"]


@st.composite
def mutated(draw, base: bytes, tokens: list[bytes]) -> bytes:
    """`base` with a few byte-level changes: a byte replaced, a stretch deleted or repeated, a token or random bytes
    inserted, the end cut off."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        pos = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["replace", "delete", "insert", "repeat", "truncate"]))
        if op == "replace":
            data[pos] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 64))]
        elif op == "insert":
            data[pos:pos] = draw(st.sampled_from(tokens) | st.binary(min_size=1, max_size=12))
        elif op == "repeat":
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 200))] * draw(st.integers(1, 20))
        else:
            del data[pos:]
    return bytes(data)


@st.composite
def edited_text(draw, base: str, tokens: list[bytes]) -> str:
    """`base` with a few changes of whole characters: what a clerk's editor, a web copy or a converter might do."""
    pieces = [t.decode("utf-8") for t in tokens]
    text = base
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        pos = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["replace", "delete", "insert", "repeat", "truncate"]))
        if op == "replace":
            text = text[:pos] + draw(st.characters()) + text[pos + 1:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 64)):]
        elif op == "insert":
            text = text[:pos] + draw(st.sampled_from(pieces) | st.text(min_size=1, max_size=12)) + text[pos:]
        elif op == "repeat":
            text = text[:pos] + text[pos:pos + draw(st.integers(1, 200))] * draw(st.integers(1, 20)) + text[pos:]
        else:
            text = text[:pos]
    return text


# ---- the inputs: the program's own files of the seed report ---------------------------------------------------


@cache
def seed_json() -> bytes:
    return (FIXTURES / "seed_2020_xigong.json").read_bytes()


@cache
def seed_report():
    return exchange.loads(seed_json())


@cache
def seed_html() -> bytes:
    return html_writer.render(layout.build(seed_report())).encode("utf-8")


@cache
def seed_text() -> bytes:
    """The report as copied from a web page (tab-separated tables)."""
    from .importer.render import web_text

    return web_text(seed_report()).encode("utf-8")


@cache
def seed_docx() -> bytes:
    return docx_writer.render(layout.build(seed_report()))


@cache
def seed_xlsx() -> bytes:
    return xlsx_writer.render(seed_report())


@cache
def seed_pdf() -> bytes:
    return (FIXTURES.parent / "importer" / "fixtures" / "seed_2020.pdf").read_bytes()


def as_mht(page: bytes) -> bytes:
    """A page saved as one file (MIME multipart/related), as a browser writes it."""
    import base64

    body = base64.encodebytes(page)
    return (b"From: <Saved by Blink>\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
            b"------B\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n"
            b"Content-Location: http://example.invalid/report.html\r\n\r\n" + body + b"\r\n------B--\r\n")


def rezip_document(docx: bytes, document_xml: bytes, part: str = "word/document.xml") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, document_xml if info.filename == part else src.read(info))
    return out.getvalue()


# ---- through everything -----------------------------------------------------------------------------------------


def through_checks(report) -> None:
    """check, the quality review, and the exchange file written and read back to the same report."""
    check(report)
    review(report)
    text = exchange.dumps(report)
    assert exchange.dumps(exchange.loads(text)) == text


def through_writers(report, folder) -> None:
    for kind in kinds.KINDS:
        kinds.write(report, folder / f"out{kind.suffix}", kind)
    assert exchange.dumps(exchange.read(folder / "out.json")) == exchange.dumps(report)


def read_exchange(data: bytes):
    try:
        return exchange.loads(data)
    except exchange.ExchangeError as e:
        assert e.problems and all(isinstance(p, str) and p for p in e.problems)
        return None


def imported(data: bytes, suffix: str):
    try:
        result = import_bytes(data, suffix)
    except UnusableInput as e:
        assert str(e)
        return None
    if result.report is not None:
        through_checks(result.report)
    return result.report


# ---- exchange files ---------------------------------------------------------------------------------------------


@fuzz(300)
@given(st.data())
def test_mutated_exchange_files_are_read_or_refused(data):
    report = read_exchange(data.draw(mutated(seed_json(), JSON_TOKENS)))
    if report is not None:
        through_checks(report)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.sampled_from(JSON_TOKENS[:12]).map(bytes.decode)
    | st.text(max_size=30) | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
WILD_FIGURES = (st.integers(-10**19, 10**19) | st.decimals(allow_nan=False, allow_infinity=False).filter(
    lambda d: abs(d.adjusted()) < 30).map(lambda d: format(d, "f")) | st.sampled_from(["1e24", "1e-12", "0.5", "-3"]))
COUNTS = st.integers(0, 10**limits.WHOLE_DIGITS - 1) | st.integers(0, 1000)
AMOUNTS = st.builds(lambda whole, places, digits: format(Decimal(whole) + Decimal(digits).scaleb(-places), "f"),
                    st.integers(0, 10**limits.WHOLE_DIGITS - 1) | st.integers(0, 100), st.integers(0, limits.FRACTION_DIGITS),
                    st.integers(0, 9999))
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\n\t\r"), max_size=300)


@st.composite
def edited_exchange(draw) -> bytes:
    """The seed with some values replaced: mostly by values a file may hold (figures up to the bounds, texts of
    any printable characters), one edit in four by anything at all (figures of any size and form, control
    characters, other JSON)."""
    doc = json.loads(seed_json())
    fmt = FORMATS[doc.get("format", "2019")]
    for _ in range(draw(st.integers(1, 6))):
        wild = draw(st.integers(0, 3)) == 0
        where = draw(st.sampled_from(["cell", "cell", "cell", "text", "agency", "date", "any"]))
        if where in ("cell", "text") and not isinstance(doc.get(f"{where}s"), dict):
            continue  # replaced by another JSON value before
        if where == "cell":
            cid = draw(st.sampled_from(sorted(fmt.cells)))
            kind = fmt.cells[cid].kind
            doc["cells"][cid] = draw(WILD_FIGURES if wild else AMOUNTS if kind is Kind.AMOUNT else COUNTS)
        elif where == "text":
            doc["texts"][draw(st.sampled_from(["s1", "s5", "s6"]))] = draw(st.text(max_size=300) if wild else TEXT)
        elif where == "agency":
            doc["agency"] = draw(st.text(min_size=1, max_size=110) if wild else TEXT.filter(str.strip).map(lambda t: t[:100]))
        elif where == "date":
            doc["date"] = draw(st.text(max_size=12) if wild else st.dates().map(str))
        elif wild:
            doc[draw(st.sampled_from(["year", "format", "schema_version", "cells", "texts", "generator"]))] = draw(JSON_VALUES)
    text = json.dumps(doc, ensure_ascii=False)
    return text.replace('"1e24"', "1e24").replace('"1e-12"', "1e-12").encode("utf-8", "surrogatepass")


@fuzz(60)
@given(edited_exchange())
def test_edited_exchange_files_are_read_or_refused(data):
    report = read_exchange(data)
    if report is not None:
        through_checks(report)


@fuzz(12)
@given(edited_exchange())
def test_whatever_the_reader_accepts_every_writer_writes(tmp_path_factory, data):
    report = read_exchange(data)
    if report is not None:
        through_writers(report, tmp_path_factory.mktemp("fuzz"))


# ---- published documents ----------------------------------------------------------------------------------------


@fuzz(30)
@given(st.data())
def test_mutated_web_pages_are_imported_or_refused(data):
    imported(data.draw(mutated(seed_html(), MARKUP_TOKENS)), ".html")


@fuzz(15)
@given(st.data())
def test_mutated_saved_web_pages_are_imported_or_refused(data):
    page = data.draw(mutated(seed_html(), MARKUP_TOKENS))
    imported(data.draw(mutated(as_mht(page), MARKUP_TOKENS)) if data.draw(st.booleans()) else as_mht(page), ".mht")


@fuzz(30)
@given(st.data())
def test_mutated_text_is_imported_or_refused(data):
    if data.draw(st.integers(0, 3)):  # mostly edits of whole characters; sometimes bytes
        text = data.draw(edited_text(seed_text().decode("utf-8"), MARKUP_TOKENS))
        encoding = data.draw(st.sampled_from(["utf-8", "gb18030", "utf-16"]))
        raw = text.encode(encoding, "surrogatepass") if encoding != "gb18030" else text.encode(encoding, "replace")
    else:
        raw = data.draw(mutated(seed_text(), MARKUP_TOKENS))
    imported(raw, ".txt")


@fuzz(30)
@given(st.data())
def test_mutated_word_documents_are_imported_or_refused(data):
    base = seed_docx()
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        document = z.read("word/document.xml")
    how = data.draw(st.sampled_from(["texts", "texts", "xml", "zip"]))
    if how == "texts":  # the words of the document: what the importer makes sense of
        texts = list(re.finditer(rb"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)", document))
        for _ in range(data.draw(st.integers(1, 5))):
            match = data.draw(st.sampled_from(texts))
            new = data.draw(edited_text(match.group(2).decode("utf-8") or " ", MARKUP_TOKENS))
            document = document.replace(match.group(0), match.group(1) + xml_escape(new).encode("utf-8", "surrogatepass") + match.group(3), 1)
        docx = rezip_document(base, document)
    elif how == "xml":  # the markup: what python-docx and lxml parse
        docx = rezip_document(base, data.draw(mutated(document, MARKUP_TOKENS)))
    else:  # the zip itself
        docx = data.draw(mutated(base, MARKUP_TOKENS))
    imported(docx, ".docx")


SHEET_TOKENS = [
    b'<c r="A1" t="s"><v>99999</v></c>', b'<c r="XFD1048576"><v>1</v></c>', b'<row r="1048576">', b"</row>",
    b'<mergeCell ref="A1:XFD1048576"/>', b'<mergeCell ref="ZZ"/>', b"<f>SUM(A1:XFD1048576)</f>", b"<f>A1+A1</f>",
    b"<f>SUM(", b'<dimension ref="A1:XFD1048576"/>', b"<v>1e999</v>", b"<v>NaN</v>", b't="e"', b't="b"', b't="str"',
    b't="inlineStr"', b"<is><t>", "１，２３４".encode(), b"-0", *MARKUP_TOKENS,
]


@fuzz(30)
@given(st.data())
def test_mutated_spreadsheets_are_imported_or_refused(data):
    """Our own workbook with its sheets, strings or workbook part changed: the data it carries is checked
    against whatever the sheets now show, or the file is refused."""
    base = seed_xlsx()
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        parts = [n for n in z.namelist() if n.startswith("xl/worksheets/") or n in ("xl/sharedStrings.xml", "xl/workbook.xml")]
        part = data.draw(st.sampled_from(parts))
        content = z.read(part)
    if data.draw(st.booleans()):
        imported(rezip_document(base, data.draw(mutated(content, SHEET_TOKENS)), part), ".xlsx")
    else:
        imported(data.draw(mutated(base, SHEET_TOKENS)), ".xlsx")


@fuzz(10)
@given(st.data())
def test_mutated_pdfs_are_imported_or_refused(data):
    imported(data.draw(mutated(seed_pdf(), PDF_TOKENS)), ".pdf")


@pytest.mark.parametrize("suffix", [".html", ".mht", ".docx", ".pdf", ".txt", ".xlsx"])
def test_the_unmutated_inputs_import(suffix):
    """The fuzzing's starting points are real reports the importer reads: a mutation starts from a good file."""
    base = {".html": seed_html, ".docx": seed_docx, ".pdf": seed_pdf, ".txt": seed_text, ".xlsx": seed_xlsx}.get(suffix)
    data = base() if base else as_mht(seed_html())
    report = imported(data, suffix)
    assert report is not None and report.agency == seed_report().agency

"""Every writer embeds the report's exchange document, and the visible document is the same as without it."""

from __future__ import annotations

import datetime
import io
import json
import re
import zipfile

import pypdfium2
import pytest
from hypothesis import HealthCheck, given, settings

from export import docx, html, layout, pdf, xlsx
from importer import embedded
from report import exchange
from report.model import text_ids

from ..strategies import valid_reports

NOW = datetime.datetime(2025, 1, 20, 9, 30)


def _outputs(report) -> dict[str, bytes]:
    doc = layout.build(report)
    return {
        "pdf": pdf.render(report)[0],
        "docx": docx.render(doc, now=NOW),
        "xlsx": xlsx.render(report, now=NOW),
        "html": html.render(doc).encode("utf-8"),
    }


def _same(a, b) -> None:
    """Byte for byte: the same exchange document, every text and cell (totals as computed) included."""
    for tid in text_ids(a.format):
        assert a.text(tid) == b.text(tid), tid
    assert exchange.dumps(a) == exchange.dumps(b)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_reports())
def test_every_writer_carries_the_report_exactly(report):
    for kind, data in _outputs(report).items():
        found = embedded.find(data, kind)
        assert found.problem == "", kind
        assert found.report is not None, kind
        _same(found.report, report)


def test_the_data_is_the_exchange_document_and_nothing_else(seed):
    """Only the exchange document's keys: nothing of the ledger (applicants' names) or of the database."""
    data = layout.build(seed).data
    doc = json.loads(data)
    assert set(doc) <= set(exchange.KEYS)
    assert "exported_at" not in doc  # the same report gives the same bytes
    _same(exchange.loads(data), seed)


@pytest.fixture
def without_data(monkeypatch):
    """Render as before this change: the layout carries no data, so no writer embeds any."""
    def render(report):
        monkeypatch.setattr(exchange, "dumps_embedded", lambda *a, **k: "")
        try:
            return _outputs(report)
        finally:
            monkeypatch.undo()
    return render


def _pages(data: bytes) -> list[bytes]:
    document = pypdfium2.PdfDocument(data)
    try:
        return [bytes(page.render(scale=0.5).buffer) for page in document]
    finally:
        document.close()


def test_the_visible_document_is_unchanged(seed, without_data):
    seed.texts["s1"] = "正文中有 </script> 和 <!-- 以及 & 符号。\n第二段。"
    before = without_data(seed)
    after = _outputs(seed)
    assert embedded.find(before["pdf"], "pdf").report is None
    assert _pages(after["pdf"]) == _pages(before["pdf"])
    assert pypdfium2.PdfDocument(after["pdf"]).count_attachments() == 1
    # The page: the data block is one line of its own in <head>; nothing else differs.
    added = [line for line in after["html"].decode().split("\n") if line not in before["html"].decode().split("\n")]
    assert len(added) == 1 and added[0].startswith('<script type="application/json"')
    assert after["html"].decode().replace(added[0] + "\n", "") == before["html"].decode()
    # Word and Excel: every part as before; the main part's relationships and the content types only gain entries.
    for kind in ("docx", "xlsx"):
        old, new = zipfile.ZipFile(io.BytesIO(before[kind])), zipfile.ZipFile(io.BytesIO(after[kind]))
        assert set(old.namelist()) < set(new.namelist())
        changed = {name for name in old.namelist() if _timeless(old.read(name)) != _timeless(new.read(name))}
        assert changed <= {"[Content_Types].xml", "word/_rels/document.xml.rels", "xl/_rels/workbook.xml.rels"}
        for name in changed:
            assert len(new.read(name)) > len(old.read(name))
        assert all(n.startswith("customXml/") for n in set(new.namelist()) - set(old.namelist()))


def _timeless(part: bytes) -> bytes:
    """A part without its save time (openpyxl stamps dcterms:modified with the clock whatever it is given)."""
    return re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>", b"", part)


def _page(block: str) -> bytes:
    return f"<html><head>{block}</head><body><p>正文</p></body></html>".encode()


def _script(content: str) -> str:
    return f'<script type="application/json" id="{exchange.EMBEDDED_SCRIPT_ID}">{content}</script>'


def test_hostile_blocks_are_refused_with_a_reason(seed):
    good = layout.build(seed).data
    assert embedded.find(_page(_script(good)), "html").report is not None
    cases = {
        "not json": _script("{not json"),
        "deep": _script('{"schema":' + "[" * 5000 + "]" * 5000 + "}"),
        "two": _script(good) + _script(good),
        "unknown key": _script(good[:-1] + ',"run":"alert(1)"}'),
        "oversized": _script('{"x":"' + "a" * (embedded.MAX_BYTES + 10) + '"}'),
    }
    for name, block in cases.items():
        found = embedded.find(_page(block), "html")
        assert found.report is None, name
        assert found.problem and any("\u4e00" <= ch <= "\u9fff" for ch in found.problem), name


def test_a_package_part_that_is_not_ours_is_left_alone(seed):
    data = docx.render(layout.build(seed), now=NOW)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if exchange.EMBEDDED_NAMESPACE.encode() in content and info.filename.startswith("customXml/item"):
                content = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><other>&e;</other>'
            target.writestr(info, content)
    found = embedded.find(out.getvalue(), "docx")
    assert found.report is None and found.problem == ""

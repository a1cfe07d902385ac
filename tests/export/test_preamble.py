"""The preamble (导语) in every output: the layout places it between the title and 一, and each writer draws it
there in body paragraphs (the spreadsheet, which holds no prose, on its information sheet)."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from export import kinds
from export import layout as L
from export.kinds import KINDS

from . import pdftools as T

PREAMBLE = ("本报告由西工区退役军人事务局根据《中华人民共和国政府信息公开条例》编制。\n"
            "（一）统计期限自2020年1月1日至2020年12月31日。如有疑问，请与本局办公室联系（电话：0379-1234567）。")
FIRST, SECOND = PREAMBLE.split("\n")


@pytest.fixture
def report(seed):
    seed.texts["preamble"] = PREAMBLE + "\n\n"
    return seed


def test_layout_puts_the_preamble_between_the_title_and_one(report):
    doc = L.build(report)
    assert [(b.section_id, b.level, b.heading, b.text) for b in doc.preamble()] == [
        ("preamble", L.BODY, "", FIRST), ("preamble", L.BODY, "", SECOND)]  # its （一） is no heading of the report
    assert doc.blocks[:2] == tuple(doc.preamble()) and isinstance(doc.blocks[2], L.Heading)
    seed_without = L.build(report.__class__(report.agency, report.year, report.format_id, {}, report.cells))
    assert seed_without.preamble() == [] and isinstance(seed_without.blocks[0], L.Heading)


def _write(report, tmp_path, suffix):
    path = tmp_path / f"r{suffix}"
    kinds.write(report, path, next(k for k in KINDS if k.suffix == suffix))
    return path


def _in_order(text: str, *parts: str) -> None:
    text = "".join(text.split())
    positions = [text.find("".join(p.split())) for p in parts]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions


def test_pdf_word_and_web_page_draw_it_after_the_title(report, tmp_path):
    title = L.document_title(report)
    _in_order(T.text(_write(report, tmp_path, ".pdf")), title[-8:], FIRST, SECOND, "一、总体情况")
    page = _write(report, tmp_path, ".html").read_text(encoding="utf-8")
    _in_order(page, "<h1>", f"<p>{FIRST}</p>", f"<p>{SECOND}</p>", "一、总体情况")
    with zipfile.ZipFile(_write(report, tmp_path, ".docx")) as z:
        body = z.read("word/document.xml").decode("utf-8")
    _in_order(body, title[-8:], FIRST, SECOND, "一、总体情况")


def test_spreadsheet_holds_it_on_the_information_sheet(report, tmp_path):
    ws = openpyxl.load_workbook(io.BytesIO(_write(report, tmp_path, ".xlsx").read_bytes()))["报告信息"]
    rows = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    assert rows["导语"] == PREAMBLE.strip()

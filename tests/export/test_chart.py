"""The 图解: one picture of a report's figures as PDF, SVG and PNG, its labels taken from the format."""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from export import chart
from report import figures
from report.definition import Kind
from report.formats import FORMATS
from report.model import Report
from report.values import show

from .pdftools import fonts, info, needs_poppler, text


def _report(format_id: str = "2021", year: int = 2023, agency: str = "某某区交通运输局") -> Report:
    fmt = FORMATS[format_id]
    cells = {}
    # Distinct figures everywhere (none computed): a number found in the picture is the one of its cell.
    for n, cid in enumerate(fmt.input_cells, 1):
        cells[cid] = Decimal(n) / 4 if fmt.cells[cid].kind is Kind.AMOUNT else n * 7
    return Report(agency, year, format_id, cells=cells)


def _svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]


@needs_poppler
@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_the_pdf_shows_every_figure_the_format_defines(format_id, tmp_path):
    report = _report(format_id, FORMATS[format_id].first_year)
    path = tmp_path / "图解.pdf"
    assert chart.write(report, path) == []
    assert info(path)["Pages"] == "1"
    assert info(path)["Title"] == f"{report.agency}{report.year}年度政府信息公开工作年度报告图解"
    for row in fonts(path):
        assert (row["emb"], row["sub"]) == ("yes", "yes"), row
    flat = "".join(text(path).split())
    assert "一图读懂" in flat and report.agency in flat
    for f in figures.applications_by_result(report) + figures.applications_by_applicant(report):
        assert f.label in flat and show(f.value) in flat
    for row in figures.published_figures(report) + figures.review_rows(report):
        for f in row.figures:
            assert f.shown in flat, (row.label, f.label)
    for f in figures.application_totals(report):
        assert f"{f.shown}件" in flat


def test_the_svg_keeps_its_text_and_embeds_the_glyphs_it_uses():
    report = _report()
    data, found = chart.render(report, ".svg")
    assert found == []
    texts = _svg_texts(data)
    assert "一图读懂" in texts
    new = figures.application_totals(report)[0]
    assert f"{new.shown}件" in "".join(texts)
    for f in figures.applications_by_result(report):
        assert f.label in texts and show(f.value) in texts
    root = ET.fromstring(data)
    style = "".join(el.text or "" for el in root.iter("{http://www.w3.org/2000/svg}style"))
    faces = re.findall(r'@font-face\{font-family:"([^"]+)";src:url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)', style)
    assert len(faces) >= 2
    # Every family the text names has its face in the file.
    named = set(re.findall(r"font-family: '([^']+)'", data.decode("utf-8")))
    assert named and named <= {name for name, _ in faces}
    import base64

    for _name, blob in faces:
        assert base64.b64decode(blob)[:4] == b"wOFF"


def test_the_png_is_the_picture_at_twice_the_size():
    report = _report()
    drawing, _ = chart.build(report)
    data, _ = chart.render(report, ".png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == round(chart.WIDTH * chart.PNG_SCALE)
    assert abs(height - drawing.height * chart.PNG_SCALE) <= 1
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.getpixel((5, 5)) == (0xB7, 0x1C, 0x1C)  # the banner's red: drawn, not blank


@needs_poppler
def test_earlier_years_are_drawn_up_to_five_and_each_in_its_own_format(tmp_path):
    this = _report("2021", 2024)
    history = []
    for year in range(2017, 2024):
        fid = "2019" if year < 2021 else "2021"
        history.append(Report(this.agency, year, fid, cells={"s3.new:natural": 1000 + year}))
    path = tmp_path / "图解.pdf"
    chart.write(this, path, history)
    flat = "".join(text(path).split())
    assert "近5年情况" in flat
    for year in (2020, 2021, 2022, 2023, 2024):
        assert f"{year}年" in flat
    assert "2019年" not in flat and "3020" in flat and "3023" in flat
    alone = tmp_path / "单年.pdf"
    chart.write(this, alone)
    assert "没有本机关往年的报告" in "".join(text(alone).split())


@needs_poppler
def test_a_year_without_applications_says_so_in_words(seed, tmp_path):
    path = tmp_path / "图解.pdf"
    chart.write(seed, path)
    flat = "".join(text(path).split())
    assert "本年度没有办结的政府信息公开申请" in flat and "本年度没有新收政府信息公开申请" in flat
    assert "16.895万元" in flat


def test_a_character_no_font_has_is_reported_and_other_suffixes_refused():
    report = _report(agency="某\U000F0001局")
    _data, found = chart.render(report, ".png")
    assert [f.rule for f in found] == ["font.missing"]
    with pytest.raises(ValueError):
        chart.render(report, ".jpg")


@needs_poppler
@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_extreme_figures_and_names_still_make_one_page_of_each(format_id, tmp_path):
    from export import review_sheet

    fmt = FORMATS[format_id]
    # What a damaged or mistyped report can hold: negative counts, twelve digits, amounts of many places.
    values = (0, -5, 10**12, 999_999_999_999, 1)
    cells = {cid: (Decimal(values[n % 5]) / 3 if fmt.cells[cid].kind is Kind.AMOUNT else values[n % 5])
             for n, cid in enumerate(fmt.input_cells)}
    report = Report("某" * 100, fmt.first_year, format_id, cells=cells, texts={"s1": "甲" * 5000})
    for suffix in chart.SUFFIXES:
        data, found = chart.render(report, suffix, [report])
        assert data and found == []
    path = tmp_path / "图解.pdf"
    chart.write(report, path)
    assert info(path)["Pages"] == "1"
    sheet = tmp_path / "审查单.pdf"
    review_sheet.write(report, sheet)
    assert info(sheet)["Pages"] == "1"

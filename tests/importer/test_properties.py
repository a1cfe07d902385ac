"""For any valid report: render it as web-copy text and as an HTML page, import it, get the same cells back."""

from __future__ import annotations

from hypothesis import given

from importer import import_bytes, import_text
from report import exchange

from ..strategies import valid_reports
from . import render


def _cells(report) -> dict:
    return exchange.to_dict(report)["cells"]


@given(valid_reports())
def test_web_text_round_trip(report):
    result = import_text(render.web_text(report))
    assert result.report is not None, [str(n) for n in result.notes]
    assert not result.errors and not result.warnings, [str(n) for n in result.notes]
    assert (result.report.format_id, result.report.year) == (report.format_id, report.year)
    assert _cells(result.report) == _cells(report)


@given(valid_reports())
def test_html_round_trip(report):
    result = import_bytes(render.page_html(report).encode("utf-8"), ".html")
    assert result.report is not None, [str(n) for n in result.notes]
    assert not result.errors and not result.warnings, [str(n) for n in result.notes]
    assert _cells(result.report) == _cells(report)

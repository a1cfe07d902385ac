"""打印预览 and 打印 (Ctrl+P): the pages on paper are the pages of the PDF export."""

from __future__ import annotations

import pypdfium2
import pytest
from PySide6.QtGui import QKeySequence, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QToolBar

from export import kinds

from .conftest import table
from .test_table_editing import cell_index

DPI = 72  # a pixel a point


def _inked(page) -> tuple[set[int], set[int]]:
    """The rows and the columns of the page (at DPI) holding any dark pixel: its lines of text and rules."""
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    pixels = bytes(bitmap.buffer)
    rows = {y for y in range(height) if min(pixels[y * stride: y * stride + width]) < 160}
    columns = {x for x in range(width) if min(pixels[x::stride][:height]) < 160}
    return rows, columns


def _likeness(a, b) -> float:
    """How far two pages put their ink in the same rows and columns: 1 the same layout; a page drawn through
    the printer's images differs from its PDF only by anti-aliasing, under a few per cent."""
    (rows_a, cols_a), (rows_b, cols_b) = _inked(a), _inked(b)
    return min(len(rows_a & rows_b) / len(rows_a | rows_b), len(cols_a & cols_b) / len(cols_a | cols_b))


def _same_page(a, b) -> bool:
    return _likeness(a, b) > 0.93


@pytest.fixture
def seeded_window(open_window, repo):
    from tests.conftest import FIXTURES

    return open_window(report_id=repo.import_exchange(FIXTURES / "seed_2020_xigong.json"))


@pytest.fixture
def printer_to(monkeypatch):
    """The print dialog answered as a clerk would: the printer set up by `setup`, then 打印."""
    shown: list[dict] = []  # what each dialog showed (the dialog and its printer are gone afterwards)

    def use(path, setup=None):
        def exec_dialog(dialog):
            printer = dialog.printer()
            shown.append({"title": dialog.windowTitle(), "paper": printer.pageLayout().pageSize().id(),
                          "full page": printer.fullPage()})
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(path))
            if setup:
                setup(printer)
            return QDialog.DialogCode.Accepted.value

        monkeypatch.setattr(QPrintDialog, "exec", exec_dialog)
        return shown

    return use


def test_printed_pages_are_the_pdf_pages(seeded_window, printer_to, tmp_path, clerk):
    window = seeded_window
    exported = tmp_path / "导出.pdf"
    kinds.write(window.document.report, exported, kinds.PDF)
    shown = printer_to(tmp_path / "纸上.pdf")
    assert window.print_report()
    assert len(shown) == 1 and window.document.report.agency in shown[0]["title"]
    assert shown[0]["paper"] == QPageSize.PageSizeId.A4 and shown[0]["full page"]
    pdf, paper = pypdfium2.PdfDocument(exported), pypdfium2.PdfDocument(tmp_path / "纸上.pdf")
    try:
        assert len(paper) == len(pdf) >= 2
        for i in range(len(pdf)):
            assert _inked(paper[i])[0], f"page {i + 1} is blank"
            assert _same_page(pdf[i], paper[i]), f"page {i + 1} differs"
            assert pdf[i].get_size() == pytest.approx(paper[i].get_size(), abs=0.5)  # A4, in points
        assert not _same_page(pdf[0], paper[1])  # the measure tells pages apart
    finally:
        pdf.close()
        paper.close()
    assert window.statusBar().currentMessage() == "已送往打印机"
    assert clerk.boxes == []  # the seed has no errors: nothing asked


def test_a_page_range_prints_those_pages_only(seeded_window, printer_to, tmp_path, clerk):
    def pages_two_to_three(printer):
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)

    printer_to(tmp_path / "二至三页.pdf", pages_two_to_three)
    assert seeded_window.print_report()
    exported = tmp_path / "导出.pdf"
    kinds.write(seeded_window.document.report, exported, kinds.PDF)
    pdf, paper = pypdfium2.PdfDocument(exported), pypdfium2.PdfDocument(tmp_path / "二至三页.pdf")
    try:
        assert len(paper) == 2
        assert _same_page(pdf[1], paper[0]) and _same_page(pdf[2], paper[1])
    finally:
        pdf.close()
        paper.close()


def test_a_report_with_errors_asks_before_printing(open_window, printer_to, tmp_path, clerk):
    window = open_window("某某区司法局", 2022)
    view = table(window, "s3")
    view.table_model.setData(cell_index(view, "s3.new:commercial"), "3")  # a balance broken
    shown = printer_to(tmp_path / "p.pdf")
    clerk.answers = ["取消"]
    assert not window.print_report()
    assert shown == [] and not (tmp_path / "p.pdf").exists()
    box = clerk.boxes[0]
    assert box["title"] == "打印" and "打印出的报告将带有这些错误" in box["text"]
    assert box["buttons"] == ["仍然打印", "取消"]
    clerk.answers = ["仍然打印"]
    assert window.print_report()
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")


def test_printing_renders_the_report_once_and_prints_what_it_asked_about(open_window, printer_to, tmp_path, clerk,
                                                                          monkeypatch):
    import export.pdf

    window = open_window("某某区司法局", 2022)
    view = table(window, "s3")
    view.table_model.setData(cell_index(view, "s3.new:commercial"), "3")  # an error: the clerk is asked first
    rendered = []
    real = export.pdf.render
    monkeypatch.setattr(export.pdf, "render", lambda *a, **k: rendered.append(1) or real(*a, **k))
    printer_to(tmp_path / "p.pdf")
    clerk.answers = ["仍然打印"]
    assert window.print_report()
    assert len(rendered) == 1
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")


def test_a_pdf_that_cannot_be_made_prints_nothing_and_says_why(open_window, printer_to, tmp_path, clerk, monkeypatch):
    import export.pdf

    window = open_window("某某区司法局", 2022)

    def broken(*_a, **_k):
        raise RuntimeError("坏了")

    monkeypatch.setattr(export.pdf, "render", broken)
    shown = printer_to(tmp_path / "p.pdf")
    assert not window.print_report()
    assert shown == [] and not (tmp_path / "p.pdf").exists()
    assert clerk.boxes[-1]["title"] == "打印" and "程序内部出错：坏了" in clerk.boxes[-1]["text"]
    assert "没有打印任何内容" in clerk.boxes[-1]["text"]


def test_the_preview_shows_every_page_of_the_pdf(seeded_window, monkeypatch, tmp_path):
    seen = {}

    def exec_preview(dialog):
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        seen["pages"] = widget.pageCount()
        seen["title"] = dialog.windowTitle()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_preview)
    assert seeded_window.print_preview()
    exported = tmp_path / "导出.pdf"
    kinds.write(seeded_window.document.report, exported, kinds.PDF)
    pdf = pypdfium2.PdfDocument(exported)
    try:
        count = len(pdf)
    finally:
        pdf.close()
    assert seen["pages"] == count
    assert seen["title"].startswith("打印预览") and f"共 {count} 页" in seen["title"]


def test_print_is_ctrl_p_and_on_the_toolbar_with_preview_in_the_file_menu(open_window):
    window = open_window()
    assert window.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    bar = window.findChild(QToolBar, "mainToolBar")
    assert window.print_action in bar.actions() and window.print_action.iconText() == "打印"
    file_menu = window.file_menu
    assert {"打印预览(&V)…", "打印(&P)…"} <= {a.text() for a in file_menu.actions()}

"""文件 → 打印预览… and 打印… (Ctrl+P): exactly the pages of the PDF export, on paper.

The report is written as 导出 PDF writes it (same layout, same fonts chosen in 设置 → 导出字体) to a temporary
file, and pdfium (pypdfium2, which pdfplumber already brings) draws each page into an image for the printer.
Drawing the PDF rather than a second layout of our own is what makes paper and PDF the same, page for page.
Qt's own PrintSupport has no PDF renderer (QtPdf is not in PySide6-Essentials).

Pages are drawn at the printer's resolution up to PRINT_DPI (office printers print no finer) and at PREVIEW_DPI
for the preview, one page at a time; the paper is the PDF's (A4), without margins of Qt's: the PDF's margins are
the page's.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from export import kinds
from report.checks import Finding
from report.errors import UserFacingError
from report.model import Report

from . import exports

log = logging.getLogger(__name__)

PRINT_DPI = 300
PREVIEW_DPI = 150
PREVIEW_TITLE = "打印预览"
PRINT_TITLE = "打印"


class PrintError(Exception):
    """The pages could not be made; the message is Chinese and meant for the clerk."""


class Pages:
    """The PDF export of a report, page by page, as images."""

    def __init__(self, pdf: bytes) -> None:
        import pypdfium2

        self._pdf = pypdfium2.PdfDocument(pdf)
        self.sizes = [QSizeF(*self._pdf[i].get_size()) for i in range(len(self._pdf))]  # in points

    def __len__(self) -> int:
        return len(self.sizes)

    def image(self, index: int, dpi: float) -> QImage:
        bitmap = self._pdf[index].render(scale=dpi / 72, rev_byteorder=True)  # RGB, white background
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
        return image.copy()  # Qt's own copy: the bitmap's memory goes with it

    def close(self) -> None:
        self._pdf.close()


def prepared_pdf(report: Report) -> kinds.Prepared:
    """The report rendered as 导出 PDF renders it, once: its font findings and the write. Raises PrintError."""
    with _failures_said("preparing the pages to print failed"):
        return kinds.prepare(report, kinds.PDF, **exports.writer_options(kinds.PDF))


def pages_from(prepared: kinds.Prepared) -> Pages:
    """The pages of a rendering already made (what was asked about is what prints). Raises PrintError."""
    with tempfile.TemporaryDirectory(prefix="print-") as folder, _failures_said("drawing the pages failed"):
        path = Path(folder) / "report.pdf"
        prepared.write(path)
        return Pages(path.read_bytes())


def pages_of(report: Report) -> Pages:
    """The report as 导出 PDF would write it. Raises PrintError."""
    return pages_from(prepared_pdf(report))


@contextlib.contextmanager
def _failures_said(what: str):
    """A writer's or pdfium's failure as a PrintError in Chinese: it must not take the clerk's window with it."""
    try:
        yield
    except UserFacingError as e:
        raise PrintError(str(e)) from None
    except Exception as e:
        log.exception(what)
        raise PrintError(f"准备打印的页面时程序内部出错：{e}\n详细信息已写入日志文件。") from None


def new_printer(pages: Pages, title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    size = pages.sizes[0] if len(pages) else QSizeF(595.276, 841.89)
    page_size = QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)  # A4 stays A4
    portrait = size.height() >= size.width()
    printer.setPageLayout(QPageLayout(page_size, QPageLayout.Orientation.Portrait if portrait
                                      else QPageLayout.Orientation.Landscape, QPageLayout().margins()))
    printer.setFullPage(True)  # the PDF's margins are the page's (after the layout, which would reset it)
    printer.setFromTo(1, len(pages))
    return printer


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The page indexes to print: all, or the range the clerk gave in the print dialog."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        return list(range(first - 1, last))
    return list(range(count))


def paint(printer: QPrinter, pages: Pages, dpi: float | None = None) -> None:
    """Draw the chosen pages on `printer`, each image filling its page; copies the printer cannot make itself
    are drawn again."""
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("无法开始打印：打印机没有响应或不可用，请检查打印机后重试")
    try:
        preview = painter.paintEngine().type() == QPaintEngine.Type.Picture
        resolution = printer.resolution()
        dpi = dpi or (PREVIEW_DPI if preview else min(PRINT_DPI, resolution))
        indexes = chosen_pages(printer, len(pages))
        copies = 1 if preview or printer.supportsMultipleCopies() else max(1, printer.copyCount())
        sequence = indexes * copies if printer.collateCopies() else [i for i in indexes for _ in range(copies)]
        for n, index in enumerate(sequence):
            if n:
                printer.newPage()
            size = pages.sizes[index]
            target = QRectF(0, 0, size.width() * resolution / 72, size.height() * resolution / 72)
            painter.drawImage(target, pages.image(index, dpi))
    finally:
        painter.end()


def _busy():
    return exports._Busy()


def _said(parent: QWidget, title: str, make):
    """`make()` under the busy cursor; None, with the reason shown, when it raised PrintError."""
    try:
        with _busy():
            return make()
    except PrintError as e:
        QMessageBox.warning(parent, title, f"{e}\n\n没有打印任何内容。")
        return None


def preview(parent: QWidget, report: Report, title: str) -> bool:
    """打印预览: the pages as they will print; the dialog's own 打印 button prints them."""
    pages = _said(parent, PREVIEW_TITLE, lambda: pages_of(report))
    if pages is None:
        return False
    try:
        printer = new_printer(pages, title)
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle(f"{PREVIEW_TITLE} — {title}（共 {len(pages)} 页）")
        dialog.paintRequested.connect(lambda p: _paint_or_say(parent, p, pages))
        if parent is not None:  # most of the screen: pages are read, not glanced at
            screen = parent.screen().availableGeometry()
            dialog.resize(int(screen.width() * 0.8), int(screen.height() * 0.9))
        dialog.exec()
        return True
    finally:
        pages.close()


def print_report(parent: QWidget, report: Report, title: str, errors: list[Finding]) -> bool:
    """打印: the print dialog (printer, pages, copies), then the pages; True when they went to the printer."""
    prepared = _said(parent, PRINT_TITLE, lambda: prepared_pdf(report))  # rendered once: asked, then printed
    if prepared is None:
        return False
    notes = prepared.findings  # e.g. blank boxes
    if (errors or notes) and not _print_anyway(parent, errors, notes):
        return False
    pages = _said(parent, PRINT_TITLE, lambda: pages_from(prepared))
    if pages is None:
        return False
    try:
        printer = new_printer(pages, title)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(f"{PRINT_TITLE} — {title}")
        dialog.setMinMax(1, len(pages))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCollateCopies, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return _paint_or_say(parent, printer, pages)
    finally:
        pages.close()


def _paint_or_say(parent: QWidget, printer: QPrinter, pages: Pages) -> bool:
    try:
        with _busy():
            paint(printer, pages)
        return True
    except PrintError as e:
        QMessageBox.warning(parent, PRINT_TITLE, str(e))
        return False


def _print_anyway(parent: QWidget, errors: list[Finding], notes: list[Finding]) -> bool:
    """The report's errors and the fonts' findings, once, before paper is used: 仍然打印 or 取消."""
    shown = exports.SHOWN
    heads, lines = [], []
    if errors:
        heads.append(f"报告中还有 {len(errors)} 个错误，打印出的报告将带有这些错误。")
        lines += [f"• {f.message}" for f in errors[:shown]]
        if len(errors) > shown:
            lines.append(f"……另有 {len(errors) - shown} 个错误")
    if notes:
        heads.append(f"字体有 {len(notes)} 处需要注意（与导出 PDF 相同）。")
        lines += [f"• {f.message}" for f in notes[:shown]]
    return exports.go_on_anyway(parent, PRINT_TITLE, "\n".join(heads), "\n".join(lines), "打印")

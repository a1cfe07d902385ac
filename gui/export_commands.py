"""导出, 打印预览 and 打印 from the window, with the fonts they use (设置 → 导出字体): a cell still being typed
is entered first; the questions, the file dialog and the write are in gui/exports.py, the pages in gui/printing.py.

Printing (Qt's print support, pdfium), the PDF layout, the font dialog and gui/exports.py (which brings the PDF
fonts module) are imported when first used: together about 0.1 s that starting the window need not pay.
"""

from __future__ import annotations

from export import kinds

from .edit_wait import wait_for_edits


class ExportCommands:
    """Part of MainWindow (gui/main_window.py)."""

    def export(self, kind: kinds.Kind) -> bool:
        """导出: the questions, the file dialog and the write are in gui/exports.py."""
        from . import exports

        doc = self.document
        if doc is None:
            return False
        self._commit_typing()
        self._settle_edits("导出")
        return exports.export(self, doc.report, exports.errors_of(doc.all_findings), kind) is not None

    def print_preview(self) -> bool:
        """打印预览: the pages of the PDF export (gui/printing.py)."""
        from export.layout import file_name

        from . import printing

        doc = self.document
        if doc is None:
            return False
        self._commit_typing()
        self._settle_edits("打印预览")
        return printing.preview(self, doc.report, file_name(doc.report))

    def print_report(self) -> bool:
        """打印 (Ctrl+P): the print dialog, then exactly the pages of the PDF export."""
        from export.layout import file_name

        from . import exports, printing

        doc = self.document
        if doc is None:
            return False
        self._commit_typing()
        self._settle_edits("打印")
        printed = printing.print_report(self, doc.report, file_name(doc.report), exports.errors_of(doc.all_findings))
        if printed:
            self.statusBar().showMessage("已送往打印机", 8000)
        return printed

    def _settle_edits(self, doing: str) -> None:
        """Edits on their way to a shared database are waited for, so that what is exported or printed is what
        is saved. Exports and prints draw the window's report (every typed edit in it), never the database: with
        the server out of reach they go ahead at once, and a wait the clerk cancels changes nothing."""
        doc = self.document
        if doc is not None and doc.writing and not doc.is_offline:
            wait_for_edits(self, doc, doing)

    def choose_fonts(self) -> None:
        from .font_dialog import FontDialog

        FontDialog(self).exec()

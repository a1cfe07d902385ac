"""Starting the Qt application, and the --smoke-test used to check a build."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from report.about import APP_NAME


def run(db: str | None = None, smoke_test: bool = False) -> int:
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    window = MainWindow()
    window.show()
    if smoke_test:
        QTimer.singleShot(0, lambda: _walk_tabs(window, app))
    return app.exec()


def _walk_tabs(window, app: QApplication) -> None:
    """Show every section tab once, then close: the packaged program's self-test."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        app.processEvents()
    window.close()
    app.quit()

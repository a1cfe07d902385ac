"""Screenshots of the export dialogs and 设置 → 导出字体, to look at (not a test: run it under Xvfb).

    xvfb-run -a -s "-screen 0 1400x900x24" python tests/gui/screenshots_export.py OUT_DIR [--scale 2]

Opens a temporary database holding the seed report with a broken balance and a character no font has, then
walks 导出 PDF (the question, a failed write, the success box) and the font dialog, saving each modal dialog as
OUT_DIR/export_<n>_<title>.png. The file dialog is answered by the script; every other dialog is the real one.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.gui.screenshots import arguments, shoot


def main() -> int:
    args = arguments()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GOV_REPORT_DATA_DIR"] = tmp  # settings and log of this run only
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

        from export import kinds
        from gui import file_dialogs
        from gui.app import application
        from gui.main_window import MainWindow
        from gui.menu_texts import without_letter
        from storage.repository import Repository

        app = application()
        repo = Repository.open(Path(tmp) / "screens.sqlite")
        rid = repo.import_exchange(ROOT / "tests" / "fixtures" / "seed_2020_xigong.json")
        repo.set_cell(rid, "s3.new:legal", 2)
        repo.set_text(rid, "s6", repo.load(rid).text("s6") + "\n详见附件\ue000。")
        window = MainWindow(repo)
        window.open_report(rid)
        window.show()
        shots = []

        def grab_modal(answer: str | None = None):
            """Poll for the next modal dialog, save it, then press `answer` (or close it)."""
            def poll():
                w = QApplication.activeModalWidget()
                if w is None:
                    QTimer.singleShot(50, poll)
                    return
                shots.append(shoot(app, w, args.out / f"export_{len(shots) + 1}_x{args.scale}.png", w.windowTitle()))
                if isinstance(w, QMessageBox):
                    button = next((b for b in w.buttons() if without_letter(b.text()) == answer), None) or w.escapeButton()
                    (button or w.buttons()[0]).click()
                elif isinstance(w, QDialog):
                    w.reject()
            QTimer.singleShot(50, poll)

        answers = iter([str(Path(tmp) / "无此目录" / "报告.pdf"), str(Path(tmp) / "报告.pdf")])
        file_dialogs.ask = lambda *a, **k: ([next(answers)], "")
        # 1: the question (errors and a font finding), 2: the failure
        grab_modal("仍然导出")
        QTimer.singleShot(1500, lambda: grab_modal("关闭"))
        window.export(kinds.PDF)
        # 3: the question again, 4: success with 打开文件
        grab_modal("仍然导出")
        QTimer.singleShot(1500, lambda: grab_modal("关闭"))
        window.export(kinds.PDF)
        # 5: the font dialog
        grab_modal()
        window.choose_fonts()
        window.close()
        repo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

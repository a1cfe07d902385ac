"""Screenshots of the prose editor's tools and of the checks while a report is begun (not a test: run under Xvfb).

    xvfb-run -a -s "-screen 0 1366x768x24" python tests/gui/screenshots_prose.py OUT_DIR [--scale 2]

Saves: a report started from last year's (no alarms, the to-do), 查找 and 替换 over the sections, a prose finding
double-clicked (its sentence selected), and the start-up warning where only Fcitx 4 runs. The whole screen is
grabbed, so that the dialogs show over the window.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.gui.screenshots import arguments

TEXT_S1 = ("（一）主动公开\n本年度在政府网站专栏主动公开政府信息 120 条，专栏访问量稳步上升。\n"
           "（二）依申请公开\n本年度共收到政府信息公开申请 12 件，均已按期答复。\n"
           "（三）政府信息管理\n加强专栏内容审核。\n（四）政府信息公开平台建设\n优化专栏栏目设置。\n（五）监督保障\n落实考核。")


def main() -> int:
    args = arguments()
    from PySide6.QtGui import QGuiApplication

    from gui.app import application, tell_input_method_problem
    from gui.input_method import FCITX4, problem
    from gui.main_window import MainWindow
    from storage.repository import Repository

    app = application()

    def shot(name: str) -> None:
        for _ in range(10):
            app.processEvents()
        path = args.out / f"{name}.png"
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        print(path)

    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository.open(Path(tmp) / "screens.sqlite")
        last = repo.import_exchange(ROOT.parent / "shared" / "real" / "01_huaian-shizhengfu_2024.json")
        started = repo.start_from_previous(repo.load(last).agency, 2025)
        window = MainWindow(repo)
        window.open_report(started)
        window.showMaximized()
        shot("1_started_from_last_year")

        window.tabs.setCurrentIndex(2)  # the first row of 三 typed: nothing said yet
        view = window.tabs.currentWidget()
        view.setFocus()
        window.document.set_cells({"s3.new:natural": 7, "s3.new:commercial": 2})
        view.select_cell("s3.new:research")
        shot("2_first_row_typed")
        window.go_to_section(4)  # leaving the table: its balances are judged
        shot("3_table_left")

        window.document.set_text("s1", TEXT_S1)
        window.go_to_section(0)
        window.find_dialog.open_for(replacing=False)
        window.find_dialog.query.setText("专栏")
        window.find_dialog.find()
        window.find_dialog.find()
        window.find_dialog.move(window.width() - window.find_dialog.width() - 40, 140)
        shot("4_find")
        window.find_dialog.open_for(replacing=True)
        window.find_dialog.replacement.setText("栏目")
        window.find_dialog.replace_all()
        shot("5_replace_all")
        window.find_dialog.close()

        dock = window.findings
        row = next(i for i in range(dock.list.count()) if "请核对正文与表格" in dock.list.item(i).text())
        dock.list.setCurrentRow(row)
        dock.list.itemActivated.emit(dock.list.item(row))
        shot("6_prose_finding_sentence")

        box = tell_input_method_problem(window, problem({FCITX4}, ["libibusplatforminputcontextplugin.so"]))
        shot("7_fcitx4_warning")
        box.close()
        window.document.flush()
        window.close()
        repo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Typing faster than the window: 20 values with Enter queued to the window at once (as a keyboard buffer holds
them while the window lags), on a disk that takes 0, 10 or 50 ms a write. Prints, for each, how long until every
key was handled (the last value on screen), how long until all was saved, and whether every value is in its cell.

    python bench/typing_speed.py [--values 20]

Offscreen platform. The figures that matter: "in their cells" always, and the keys handled well before the
writes are done (a slow disk delays the 已保存 mark, not the typing).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run(values: list[str], write_ms: float) -> tuple[float, float, bool]:
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    from gui.app import application
    from gui.main_window import MainWindow
    from report import grid as g
    from storage.repository import Repository

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository.open(Path(tmp) / "bench.sqlite")
        rid = repo.create_report("某某区司法局", 2022)
        real = repo.set_cell

        def slow(*args):
            time.sleep(write_ms / 1000)
            real(*args)

        repo.set_cell = slow  # type: ignore[method-assign]  # a slow disk, on purpose
        window = MainWindow(repo)
        window.open_report(rid)
        window.show()
        view = window.section_widgets["s3"]
        window.tabs.setCurrentWidget(view)
        model = view.table_model
        start = model.cell_at(*model._position["s3.new:natural"])
        cells = sorted((c for c in model.grid.cells if c.role == g.VALUE and model.is_input(c.cell)
                        and c.col == start.col and c.row >= start.row), key=lambda c: c.row)[:len(values)]
        view.select_cell(cells[0].cell)
        window.activateWindow()
        while QCoreApplication.instance().focusWidget() is not view:
            app.processEvents()
        target = window.windowHandle()
        for ch in "".join(v + "\r" for v in values):
            key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch))
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QCoreApplication.postEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))
        last = model.index(cells[-1].row, cells[-1].col)
        handled: list[float] = []

        def changed(_ids) -> None:
            if not handled and model.data(last) == values[-1]:
                handled.append(time.perf_counter() - begin)

        window.document.cellsChanged.connect(changed)
        begin = time.perf_counter()
        deadline = begin + 60
        while time.perf_counter() < deadline:
            app.processEvents()
            if handled and not window.document.has_unsaved:
                break
        saved_at = time.perf_counter() - begin
        stored = repo.load(rid).cells
        right = [str(stored.get(c.cell)) for c in cells] == values
        window.close()
        repo.close()
    return (handled[0] if handled else float("nan")), saved_at, right


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--values", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    values = [str(1001 + i) for i in range(args.values)]
    ok = True
    for write_ms in (0, 10, 50):
        handled, saved, right = run(values, write_ms)
        ok &= right
        print(f"每次写盘 {write_ms:>2} ms：{len(values)} 个数值的按键全部处理完 {handled * 1000:7.1f} ms，"
              f"全部保存 {saved * 1000:7.1f} ms，{'各在其格' if right else '有数值错位！'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

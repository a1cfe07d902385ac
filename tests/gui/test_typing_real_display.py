"""The real window on a (virtual) X display, typed into by xdotool as fast as it can send keys: 1001⏎…1020⏎ at
0 ms per key must give twenty cells holding 1001…1020, in order, saved."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from ..conftest import ROOT

VALUES = [str(n) for n in range(1001, 1021)]

# The window on a report's section 三, the cursor on its first cell; prints the X window id when ready.
_WINDOW = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from gui.app import application
from gui.main_window import MainWindow
from storage.repository import Repository

app = application()
repo = Repository.open(Path(sys.argv[1]))
window = MainWindow(repo)
window.open_report(int(sys.argv[2]))
window.show()

def ready():
    window.go_to_cell("s3.new:natural")
    print(int(window.winId()), flush=True)

def focused(old, new):
    # Keys sent before the X focus reaches the window would be lost by the X server, not by the program.
    if new is window.section_widgets["s3"]:
        print("focused", flush=True)
        app.focusChanged.disconnect(focused)

app.focusChanged.connect(focused)
QTimer.singleShot(200, ready)
sys.exit(app.exec())
"""


@pytest.fixture
def x_display():
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        pytest.skip("needs Xvfb and xdotool (installed by make test)")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_xdotool_typing_at_full_speed_lands_every_value_in_its_cell(x_display, tmp_path):
    from report import grid as g
    from storage.repository import Repository

    db = tmp_path / "年报.sqlite"
    with Repository.open(db) as repo:
        rid = repo.create_report("某某区司法局", 2022)
        fmt = repo.load(rid).format
    grid = g.table_grid(fmt.section("s3").table)
    start = next(c for c in grid.cells if c.cell == "s3.new:natural")
    column = sorted((c for c in grid.cells if c.role == g.VALUE and c.col == start.col and c.row >= start.row
                     and c.cell not in fmt.computed), key=lambda c: c.row)
    cells = [c.cell for c in column[:len(VALUES)]]

    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=x_display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    window = subprocess.Popen([sys.executable, "-c", _WINDOW, str(db), str(rid)], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wid = window.stdout.readline().strip()
        assert wid.isdigit(), window.stderr.read() if window.poll() is not None else wid
        subprocess.run(["xdotool", "windowfocus", "--sync", wid], env=env, check=True, timeout=30)
        assert window.stdout.readline().strip() == "focused"
        keys = "".join(v + "\r" for v in VALUES)  # xdotool types \r as the Return key
        subprocess.run(["xdotool", "type", "--delay", "0", keys], env=env, check=True, timeout=60)
        saved: list[str] = []
        deadline = time.monotonic() + 60  # how long a loaded machine may take; the test ends as soon as all are in
        while time.monotonic() < deadline:
            with Repository.open(db, read_only=True) as reader:
                values = reader.load(rid).cells
            saved = [str(values.get(c, "")) for c in cells]
            if saved[-1] == VALUES[-1]:
                break
            time.sleep(0.2)
        assert saved == VALUES
    finally:
        window.terminate()
        window.wait(timeout=30)

"""Screenshots of the real window, one per tab, to look at (not a test: run it under Xvfb).

    xvfb-run -a -s "-screen 0 1400x900x24" python tests/gui/screenshots.py OUT_DIR [--scale 2]

Opens a temporary database holding the seed report (2020, format 2019) and a 2021-format report with a few
figures and a broken balance, and saves OUT_DIR/<format>_<tab>.png for every tab, plus the report picker and
the new-report dialog.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def arguments() -> argparse.Namespace:
    """OUT_DIR and --scale, shared by the screenshot scripts; sets the scale before Qt starts."""
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR, e.g. 2 for 200 %% display scaling")
    args = parser.parse_args()
    os.environ["QT_SCALE_FACTOR"] = args.scale
    args.out.mkdir(parents=True, exist_ok=True)
    return args


def shoot(app, widget, path: Path, note: str = "") -> Path:
    """Let the widget settle, save it as `path`, and say so."""
    for _ in range(5):
        app.processEvents()
    widget.grab().save(str(path))
    print(path, note)
    return path


def main() -> int:
    args = arguments()

    from PySide6.QtWidgets import QApplication

    from gui.app import application
    from gui.main_window import MainWindow
    from storage.repository import Repository

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository.open(Path(tmp) / "screens.sqlite")
        seed = repo.import_exchange(ROOT / "tests" / "fixtures" / "seed_2020_xigong.json")
        new = repo.create_report("西工区退役军人事务局", 2021)
        for cid, value in {"s3.new:natural": 5, "s3.new:commercial": 1, "s3.granted:natural": 4,
                           "s2.rules:issued": 2, "s2.fees:amount": 12}.items():
            repo.set_cell(new, cid, value)
        repo.set_text(new, "s5", "一是……\n二是……")
        for name, rid in (("2019", seed), ("2021", new)):
            window = MainWindow(repo)
            window.open_report(rid)
            window.show()
            for i in range(window.tabs.count()):
                window.tabs.setCurrentIndex(i)
                shoot(app, window, args.out / f"{name}_s{i + 1}_x{args.scale}.png")
            window.close()
        from gui.picker import NewReportDialog, ReportPicker

        for name, dialog in (("picker", ReportPicker(repo)), ("new_report", NewReportDialog(repo, agency="西工区退役军人事务局"))):
            dialog.show()
            shoot(app, dialog, args.out / f"{name}_x{args.scale}.png")
            dialog.close()
        repo.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Export inside the window: the time of 导出 PDF for the seed report (the rendering the window asks about and
then writes, dialogs left out), and the window's memory once every kind has been exported.

    python bench/window_export.py [--runs 15]

Targets (issue 16): PDF export in the window ≤ 50 ms; memory after exporting every kind ≤ 150 MiB.
The anchor beside the PDF figure is the same process's export to .html (a writer without fonts), so that a
loaded machine shows as a ratio. Memory is the process's resident set (VmRSS), in MiB; offscreen platform; its
anchor is the same window with the report open, before any export, and what each kind's first export added
is listed (a writer's modules stay loaded once imported). The floor beside it: a bare six-tab PySide6 window,
shown the same way in a process of its own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PDF_TARGET_MS = 50.0
MEMORY_TARGET_MIB = 150.0


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget
app = QApplication(sys.argv[:1])
window = QMainWindow()
tabs = QTabWidget()
for name in ("一", "二", "三", "四", "五", "六"):
    tabs.addTab(QWidget(), name)
window.setCentralWidget(tabs)
window.show()
app.processEvents()
for line in open("/proc/self/status", encoding="ascii"):
    if line.startswith("VmRSS:"):
        print(int(line.split()[1]) / 1024)
"""


def bare_window_mib() -> float:
    """The resident set of a bare six-tab Qt window, shown: what any PySide6 window costs."""
    try:
        done = subprocess.run([sys.executable, "-c", BARE_WINDOW], capture_output=True, text=True, timeout=60,
                              check=True)
        return float(done.stdout.split()[-1])
    except (subprocess.SubprocessError, OSError, ValueError, IndexError):
        return float("nan")


def timed(fn, runs: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `fn`, after one warm-up call."""
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GOV_REPORT_DATA_DIR"] = tmp
        from export import kinds
        from gui import exports, freed_memory
        from gui.app import application
        from gui.main_window import MainWindow
        from storage.repository import Repository

        app = application()
        repo = Repository.open(Path(tmp) / "bench.sqlite")
        repo.import_exchange(ROOT / "tests" / "fixtures" / "seed_2020_xigong.json")
        window = MainWindow(repo)
        assert window.open_latest()
        window.show()
        app.processEvents()
        report = window.document.report
        opened = rss_mib()

        def export(kind):
            # What 导出 does between the clerk's answers: render once (findings), then write that rendering;
            # then what it freed goes back to the system.
            prepared = kinds.prepare(report, kind, **exports.writer_options(kind))
            prepared.write(Path(tmp) / f"out{kind.suffix}")
            del prepared
            freed_memory.give_back()

        added = []
        for kind in kinds.KINDS:  # each kind's first export: what its writer keeps resident
            before = rss_mib()
            export(kind)
            added.append(f"{kind.suffix} +{rss_mib() - before:.0f}")
        pdf_wall, pdf_cpu = timed(lambda: export(kinds.PDF), args.runs)
        html_wall, html_cpu = timed(lambda: export(kind_of(kinds, ".html")), args.runs)
        for kind in kinds.KINDS:
            export(kind)
        app.processEvents()
        after = rss_mib()
        window.close()
        repo.close()
    bare = bare_window_mib()
    print(f"PDF export in the window (seed): median {pdf_wall:.1f} ms wall, {pdf_cpu:.1f} ms CPU "
          f"(target ≤ {PDF_TARGET_MS:.0f} ms); anchor .html export {html_wall:.1f} ms wall, {html_cpu:.1f} ms CPU "
          f"→ PDF = {pdf_cpu / html_cpu:.1f} × the anchor (CPU)")
    print(f"window memory after exporting every kind: {after:.0f} MiB (target ≤ {MEMORY_TARGET_MIB:.0f} MiB); "
          f"anchor: {opened:.0f} MiB with the report open → {after / opened:.2f} × the anchor "
          f"(first exports: {', '.join(added)} MiB); floor: a bare six-tab Qt window {bare:.0f} MiB")
    return 0


def kind_of(kinds, suffix: str):
    return next(k for k in kinds.KINDS if k.suffix == suffix)


if __name__ == "__main__":
    sys.exit(main())

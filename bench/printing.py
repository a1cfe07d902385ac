"""打印 and 打印预览 (gui/printing.py): making the pages, drawing them for a printer and for the preview.

Run: python bench/printing.py   (offscreen; the printer is Qt's PDF printer, which is also what Linux hands to
CUPS; the seed report, and the same with its prose ten times over for a long report)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SEED = ROOT / "tests" / "fixtures" / "seed_2020_xigong.json"


def timed(action, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(name: str, report, folder: str) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from gui import printing

    pages = printing.pages_of(report)
    count = len(pages)
    make = timed(lambda: printing.pages_of(report).close())
    render = timed(lambda: [pages.image(i, printing.PRINT_DPI) for i in range(count)], 1) / count

    def to_printer():
        printer = printing.new_printer(pages, name)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(Path(folder) / "printed.pdf"))
        printing.paint(printer, pages)

    printed = timed(to_printer, 1)
    preview = timed(lambda: [pages.image(i, printing.PREVIEW_DPI) for i in range(count)], 1) / count
    size = (Path(folder) / "printed.pdf").stat().st_size
    pages.close()
    print(f"{name}: {count} pages; making them {make:.2f} s; one page at {printing.PRINT_DPI} dpi "
          f"{render * 1000:.0f} ms, at {printing.PREVIEW_DPI} dpi (preview) {preview * 1000:.0f} ms; "
          f"to the printer {printed:.2f} s in all ({printed / count:.2f} s a page, "
          f"{size / 1e6:.1f} MB sent)")


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from report import exchange

    app = QApplication.instance() or QApplication([])  # noqa: F841 - Qt needs it to paint
    seed = exchange.read(SEED)
    long = exchange.read(SEED)
    long.texts = {k: "\n".join([v] * 10) for k, v in seed.texts.items()}
    with tempfile.TemporaryDirectory() as folder:
        for name, report in (("seed", seed), ("long prose x10", long)):
            measure(name, report, folder)


if __name__ == "__main__":
    main()

"""PDF export benchmark: the seed report, in a fresh process and warm; font loading measured apart.

Run: python bench/bench_pdf.py   (targets from issue 5: ≤ 0.5 s in all in a fresh process, PDF ≤ 1 MB)
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed_2020_xigong.json"

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from report import exchange
from export import pdf
from export.pdf_fonts import font_set
t1 = time.perf_counter()
fonts = font_set(use_system=False)
t2 = time.perf_counter()
data, _ = pdf.render(exchange.read(sys.argv[2]), fonts)
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "fonts": t2 - t1, "render": t3 - t2, "size": len(data)}))
"""


def cold(runs: int = 5) -> dict:
    rows = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(SEED)], check=True, capture_output=True,
                             text=True).stdout
        row = json.loads(out)
        row["process"] = time.perf_counter() - start
        rows.append(row)
    return {k: statistics.median(r[k] for r in rows) for k in rows[0]}


def warm(runs: int = 10) -> float:
    sys.path.insert(0, str(ROOT))
    from export import pdf
    from export.pdf_fonts import font_set
    from report import exchange

    fonts = font_set(use_system=False)
    report = exchange.read(SEED)
    pdf.render(report, fonts)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pdf.render(report, fonts)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    c = cold()
    w = warm()
    print("PDF export of the seed report (medians)")
    print(f"  fresh process, start to exit : {c['process']:.3f} s   (target ≤ 0.5 s)")
    print(f"    imports (report, ReportLab): {c['import']:.3f} s")
    print(f"    font loading (4 bundled)   : {c['fonts']:.3f} s")
    print(f"    layout and PDF rendering   : {c['render']:.3f} s")
    print(f"  warm, in a running process   : {w:.3f} s")
    print(f"  PDF size                     : {c['size'] / 1024:.0f} KiB   (target ≤ 1024 KiB)")


if __name__ == "__main__":
    main()

"""PDF export benchmark: the seed report, in a fresh process and warm; font loading measured apart.

Run: python bench/bench_pdf.py   (targets from issue 5: ≤ 0.5 s in all in a fresh process, PDF ≤ 1 MB)

Font loading (issue 16: parse once, keep what parsing yields in the cache folder, load a role's font when it is
drawn) is printed beside its anchor from the same run: ReportLab parsing the same four files in a fresh process.
Times are CPU seconds of the child where they are parts of one process (a loaded machine inflates wall time).
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
clock = time.process_time
t0 = clock()
sys.path.insert(0, sys.argv[1])
from report import exchange
from export import pdf
from export.pdf_fonts import font_set
t1 = clock()
fonts = font_set(use_system=False)
for role in ("title", "heading", "kai", "body"):
    fonts.roles[role]  # as drawing would (loaded lazily otherwise)
t2 = clock()
data, _ = pdf.render(exchange.read(sys.argv[2]), fonts)
t3 = clock()
print(json.dumps({"import": t1 - t0, "fonts": t2 - t1, "render": t3 - t2, "size": len(data)}))
"""

# The anchor: ReportLab itself parsing the same four files (what every process did before the cache).
PARSE = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from reportlab.pdfbase.ttfonts import TTFont
from export.pdf_fonts import bundled_fonts
t = time.process_time()
for i, path in enumerate(bundled_fonts()):
    TTFont(f"anchor{i}", str(path))
print(json.dumps({"parse": time.process_time() - t}))
"""


def cold(runs: int = 5) -> dict:
    rows = []
    subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(SEED)], check=True, capture_output=True)  # cache
    for _ in range(runs):  # alternated with the anchor, so that a burst of load falls on both
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(SEED)], check=True, capture_output=True,
                             text=True).stdout
        row = json.loads(out)
        row["process"] = time.perf_counter() - start
        row.update(json.loads(subprocess.run([sys.executable, "-c", PARSE, str(ROOT)], check=True,
                                             capture_output=True, text=True).stdout))
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
    print(f"    imports (report, ReportLab): {c['import']:.3f} s CPU")
    print(f"    font loading (4 bundled)   : {c['fonts']:.3f} s CPU; anchor: ReportLab parsing them "
          f"{c['parse']:.3f} s → {c['parse'] / max(c['fonts'], 1e-6):.0f} × faster from the cache")
    print(f"    layout and PDF rendering   : {c['render']:.3f} s CPU")
    print(f"  warm, in a running process   : {w:.3f} s")
    print(f"  PDF size                     : {c['size'] / 1024:.0f} KiB   (target ≤ 1024 KiB)")


if __name__ == "__main__":
    main()

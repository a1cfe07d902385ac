"""Time of each output for the seed report, and LibreOffice turning our .docx into a PDF beside our own PDF.

    python bench/outputs.py [--runs 7]

In-process: the median time to render each output (layout included) to bytes, after one warm-up run (imports
and, for the PDF, font parsing are not counted), and the file size. Whole process: `main.py export` for each
suffix, start to exit (what a command-line user waits), and `soffice --headless --convert-to pdf` on our
.docx (the route a clerk without this program takes), in a private LibreOffice profile created beforehand.
Prints medians in seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "tests" / "fixtures" / "seed_2020_xigong.json"


def median_time(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(runs: int) -> None:
    from export import docx, html, layout, xlsx
    from report import exchange

    report = exchange.read(SEED)
    writers = {
        "layout only": lambda: layout.build(report),
        ".docx": lambda: docx.render(layout.build(report)),
        ".html": lambda: html.render(layout.build(report)).encode("utf-8"),
        ".xlsx": lambda: xlsx.render(report),
    }
    try:
        from export import pdf

        writers[".pdf"] = lambda: pdf.render(report)[0]
    except ImportError:
        pass
    print(f"in process, seed, median of {runs} (s, size):")
    for name, fn in writers.items():
        t = median_time(fn, runs)
        data = fn()
        size = f"{len(data) / 1024:7.1f} KB" if isinstance(data, (bytes, bytearray)) else ""
        print(f"  {name:12s} {t:7.4f} {size}")


def whole_process(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(f"whole process `main.py export`, median of {runs} (s):")
        for suffix in (".pdf", ".docx", ".html", ".xlsx"):
            out = tmp / f"seed{suffix}"
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                done = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", str(SEED), "--to", str(out)],
                                      capture_output=True)
                times.append(time.perf_counter() - start)
                if done.returncode:
                    break
            if done.returncode:
                print(f"  {suffix:6s} failed: {done.stderr.decode('utf-8', 'replace').strip()}")
                continue
            print(f"  {suffix:6s} {statistics.median(times):7.3f}")
        if not shutil.which("soffice"):
            print("LibreOffice: soffice not installed (Debian: libreoffice-writer-nogui)")
            return
        docx_path = tmp / "seed.docx"
        profile = (tmp / "lo-profile").as_uri()
        cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
               "--outdir", str(tmp / "lo"), str(docx_path)]
        subprocess.run(cmd, capture_output=True, check=True)  # first start creates the profile: not counted
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        ours = tmp / "seed.pdf"
        theirs = tmp / "lo" / "seed.pdf"
        print(f"LibreOffice .docx → PDF, whole process, median of {runs}: {statistics.median(times):.3f} s "
              f"({theirs.stat().st_size / 1024:.0f} KB; our PDF: {ours.stat().st_size / 1024:.0f} KB)"
              if ours.exists() else
              f"LibreOffice .docx → PDF, whole process, median of {runs}: {statistics.median(times):.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    in_process(args.runs)
    whole_process(args.runs)


if __name__ == "__main__":
    main()

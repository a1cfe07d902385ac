"""The packaged program's command line, cold: `export seed.json --to x.pdf` beside LibreOffice turning our own
.docx into a PDF (the anchor, run alternately in the same loop), and `check seed.json`.

    python bench/packaged_cli.py [--runs 7]      (builds dist/ first if it is missing, as bench/startup.py does)

Targets (issue 16): the PDF export ≥ 4 × faster than LibreOffice; `check` ≤ 0.15 s. Each figure is a whole
process, start to exit, median wall seconds, and its CPU seconds (user + system, from the kernel's account of
the child), which a machine loaded by other work inflates less than wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dist" / "GovInfoAnnualReport" / "GovInfoAnnualReport"
SEED = ROOT / "tests" / "fixtures" / "seed_2020_xigong.json"

PDF_RATIO_TARGET = 4.0
CHECK_TARGET_S = 0.15


def run(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole process."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if child.returncode not in (0, 1):  # check exits 1 when the report has errors: still a full run
        raise SystemExit(f"{cmd[0]} {cmd[1]} failed ({child.returncode})")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not APP.exists():
        from startup import build  # this folder is on the path when run as a script

        build()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "GOV_REPORT_DATA_DIR": str(tmp / "data")}
        commands = {
            "export .pdf": [str(APP), "export", str(SEED), "--to", str(tmp / "ours.pdf")],
            "check": [str(APP), "check", str(SEED)],
        }
        subprocess.run([str(APP), "export", str(SEED), "--to", str(tmp / "seed.docx")], env=env, check=True,
                       capture_output=True)
        if shutil.which("soffice"):
            profile = (tmp / "lo-profile").as_uri()
            commands["LibreOffice .docx → .pdf"] = [
                "soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
                "--outdir", str(tmp / "lo"), str(tmp / "seed.docx")]
        for cmd in commands.values():  # warm the file cache; LibreOffice makes its profile
            run(cmd, env)
        figures: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):  # alternated, so that a burst of load falls on all of them
            for name, cmd in commands.items():
                figures[name].append(run(cmd, env))
    medians = {name: (statistics.median(w for w, _ in rows), statistics.median(c for _, c in rows))
               for name, rows in figures.items()}
    print(f"packaged command line, whole process, median of {args.runs} (wall s / CPU s):")
    for name, (wall, cpu) in medians.items():
        print(f"  {name:26s} {wall:6.3f} / {cpu:6.3f}")
    ours = medians["export .pdf"]
    lo = medians.get("LibreOffice .docx → .pdf")
    if lo:
        print(f"  PDF: ours is {lo[0] / ours[0]:.1f} × faster than LibreOffice by wall time, "
              f"{lo[1] / ours[1]:.1f} × by CPU (target ≥ {PDF_RATIO_TARGET:.0f} ×)")
    else:
        print("  LibreOffice: soffice not installed (Debian: libreoffice-writer-nogui)")
    print(f"  check: {medians['check'][0]:.3f} s wall, {medians['check'][1]:.3f} s CPU (target ≤ {CHECK_TARGET_S} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

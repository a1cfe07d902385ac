"""Start-up of the packaged program beside a bare Qt window built the same way (the floor), and package size.

    python bench/startup.py [--runs 15]       (builds what is missing: dist/ and build/bench-bare/)

The program opens a database holding the seed report (shown, ready to type, when the line is printed).
Each run is a whole process, timed from its start to the line it prints once its window is shown (the
program's `--smoke-test` prints 「自检：窗口已显示」; the bare window prints "shown"), and to its exit.
Offscreen platform. Prints medians in seconds.
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
APP = ROOT / "dist" / "GovInfoAnnualReport" / "GovInfoAnnualReport"
BARE_DIR = ROOT / "build" / "bench-bare"
SEED = ROOT / "tests" / "fixtures" / "seed_2020_xigong.json"
BARE = BARE_DIR / "dist" / "bare_window" / "bare_window"


def build() -> None:
    if not APP.exists():
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath",
                        str(ROOT / "dist"), "--workpath", str(ROOT / "build" / "pyinstaller"),
                        str(ROOT / "resources" / "packaging" / "app.spec")], check=True)
    if not BARE.exists():
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--onedir",
                        "--noupx", "--distpath", str(BARE_DIR / "dist"), "--workpath", str(BARE_DIR / "work"),
                        "--specpath", str(BARE_DIR), str(ROOT / "bench" / "bare_window.py")], check=True)


def timed(commands: list[tuple[list[str], str]], runs: int) -> list[tuple[list[float], list[float]]]:
    """For each (command, marker line): (start → marker printed, start → exit) of each run, the commands
    alternated run by run so that a burst of load from elsewhere falls on all of them alike."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    results: list[tuple[list[float], list[float]]] = [([], []) for _ in commands]
    with tempfile.TemporaryDirectory() as tmp:
        env["GOV_REPORT_DATA_DIR"] = tmp
        for cmd, _ in commands:
            subprocess.run(cmd, env=env, check=True, capture_output=True)  # warm the file cache once
        for _ in range(runs):
            for (cmd, marker), (shown, done) in zip(commands, results, strict=True):
                start = time.perf_counter()
                with subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as child:
                    assert child.stdout is not None
                    for line in child.stdout:
                        if marker in line.decode("utf-8", "replace"):
                            shown.append(time.perf_counter() - start)
                            break
                    child.stdout.read()
                done.append(time.perf_counter() - start)
                if child.returncode != 0 or len(shown) != len(done):
                    raise SystemExit(f"{cmd[0]} failed or never showed its window")
    return results


def size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    build()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"  # the seed report in it: the window opens showing it, ready to type
        subprocess.run([str(APP), "db", "import", str(SEED), "--db", str(db)], check=True, capture_output=True,
                       env={**os.environ, "GOV_REPORT_DATA_DIR": tmp})
        (app, app_done), (bare, bare_done) = timed(
            [([str(APP), "--smoke-test", "--db", str(db)], "窗口已显示"), ([str(BARE)], "shown")], args.runs)
    print(f"packaged program, process start → window shown: median {statistics.median(app):.3f} s "
          f"(min {min(app):.3f}, max {max(app):.3f}, {args.runs} runs, alternated with the bare window); "
          f"to exit after every tab: {statistics.median(app_done):.3f} s")
    print(f"bare Qt window (the floor), start → shown:   median {statistics.median(bare):.3f} s "
          f"(min {min(bare):.3f}, max {max(bare):.3f}); to exit: {statistics.median(bare_done):.3f} s")
    print(f"packaged start → window shown = {statistics.median(app) / statistics.median(bare):.1f} × the bare window "
          f"(min to min {min(app) / min(bare):.1f} ×; target ≤ 3.0 ×, issue 16)")
    print(f"unpacked size: program {size(APP.parent):.1f} MB (target ≤ 150 MB), "
          f"bare window {size(BARE.parent):.1f} MB (not slimmed)")
    archives = sorted((ROOT / "dist").glob("GovInfoAnnualReport-*.*"))
    for archive in archives:
        print(f"archive {archive.name}: {archive.stat().st_size / 2**20:.1f} MB (target ≤ 60 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

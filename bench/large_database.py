"""A large database: 10,000 reports with their history (~400 MB), as a city's collecting office may hold after
years of use. Times what the clerk waits for, each figure beside its target:

    python bench/large_database.py [--reports 10000] [--runs 5] [--keep FOLDER]

- the window shown with the newest report open and `db list`, each a whole process of the packaged program (as
  bench/startup.py builds it when missing), from its start; offscreen;
- inside one process, opening read-only and listing;
- opening for writing + finding and loading the newest report (what the window does before it shows);
- the same after an unclean shutdown (a WAL left over: the full integrity check runs at open);
- the background work of a start: the check of the file, or the backup (with the check of its copy);
- the backups after ten working sessions: how many states can be restored and the space they take.

The database is generated here (bulk inserts through the program's own schema and value encoding, in one
transaction), with the history a real file accumulates: a creation, every cell's entry and each text's saves.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
APP = ROOT / "dist" / "GovInfoAnnualReport" / "GovInfoAnnualReport"

from report.definition import Kind
from report.formats import format_for_year
from report.status import Status
from storage import backups
from storage.cell_text import encode
from storage.repository import Repository

WINDOW_TARGET, LIST_TARGET = 0.8, 0.2
YEARS = range(2014, 2024)
PHRASES = ["本机关认真贯彻落实《中华人民共和国政府信息公开条例》", "围绕中心工作", "主动公开政府信息",
           "依申请公开工作规范有序", "政府信息管理制度不断健全", "政务公开平台建设持续加强", "监督保障到位",
           "进一步提升政务公开质量和实效", "加强政策解读和回应关切", "做好公开目录动态更新", "。"]


def _text(rng: random.Random, chars: int) -> str:
    parts: list[str] = []
    while sum(map(len, parts)) < chars:
        parts.append(rng.choice(PHRASES))
    return "".join(parts)


def build(path: Path, reports: int, rng: random.Random) -> float:
    """Create the database through the program, then fill it in bulk; returns seconds taken."""
    start = time.perf_counter()
    Repository.open(path).close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")  # building the fixture, not measuring saves
    db.execute("BEGIN")
    agencies = (reports + len(YEARS) - 1) // len(YEARS)
    stamp = "2024-01-05 09:00:00.000000"
    db.executemany("INSERT INTO agencies (id, name, created_at) VALUES (?, ?, ?)",
                   [(a + 1, f"第{a + 1:04d}号机关", stamp) for a in range(agencies)])
    rid = 0
    for a in range(agencies):
        for year in YEARS:
            if rid == reports:
                break
            rid += 1
            fmt = format_for_year(year)
            db.execute("INSERT INTO reports (id, agency_id, year, format_id, status, date, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, NULL, ?, ?)", (rid, a + 1, year, fmt.id, Status.DRAFT.value, stamp, stamp))
            cells = []
            for cid in fmt.input_cells:
                kind = fmt.cells[cid].kind
                value = (Decimal(rng.randrange(10**7)) / 10000 if kind is Kind.AMOUNT
                         else rng.randrange(-20 if kind is Kind.SIGNED else 0, 500))
                cells.append((cid, encode(fmt, cid, value)))
            db.executemany("INSERT INTO cells (report_id, cell_id, value) VALUES (?, ?, ?)",
                           [(rid, cid, v) for cid, v in cells])
            revisions = [(rid, stamp, "create", None, None, None, "新建空白报告")]
            revisions += [(rid, stamp, "cell", cid, None, v, None) for cid, v in cells]
            for section in fmt.prose_sections:
                text = _text(rng, rng.randrange(200, 500))
                db.execute("INSERT INTO texts (report_id, section_id, text) VALUES (?, ?, ?)", (rid, section.id, text))
                draft = text[: len(text) // 2]
                revisions += [(rid, stamp, "text", section.id, None, draft, None),
                              (rid, stamp, "text", section.id, draft, text, None)]
            db.executemany("INSERT INTO revisions (report_id, at, kind, target, old, new, detail) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)", revisions)
    db.execute("COMMIT")
    db.close()
    Repository.open(path).close()  # a clean close, as the program leaves a file
    return time.perf_counter() - start


def _child_cpu() -> float:
    """CPU seconds used by finished child processes (0 where the resource module is missing: Windows)."""
    try:
        import resource
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _process(argv: list[str], env: dict[str, str], expect: str) -> tuple[float, float]:
    """Seconds from the process's start to its first line of output, and the CPU seconds the process used."""
    cpu = _child_cpu()
    begin = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", cwd=ROOT)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    took = time.perf_counter() - begin
    rest, err = proc.communicate(timeout=300)
    assert proc.returncode == 0 and expect in first + rest, (first, err)
    return took, _child_cpu() - cpu


def window_shown(path: Path, env: dict[str, str]) -> tuple[float, float]:
    """The packaged program's window on `path`: start → the self-test's first line, printed once it is shown."""
    return _process([str(APP), "--smoke-test", "--db", str(path)], env, "窗口已显示")


def db_list(path: Path, env: dict[str, str]) -> tuple[float, float]:
    """The packaged program's whole `db list`: every line printed (into a pipe) and the process ended."""
    cpu = _child_cpu()
    begin = time.perf_counter()
    result = subprocess.run([str(APP), "db", "list", "--db", str(path)], env=env,
                            capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    took = time.perf_counter() - begin
    assert result.returncode == 0 and "份报告" in result.stdout, result.stderr
    return took, _child_cpu() - cpu


def small_database(folder: Path) -> Path:
    path = folder / "一份报告.sqlite"
    if not path.exists():
        with Repository.open(path) as repo:
            repo.import_exchange(ROOT / "tests" / "fixtures" / "seed_2020_xigong.json")
    return path


def _medians(pairs: list[tuple[float, float]]) -> str:
    return (f"median {statistics.median(p[0] for p in pairs):.3f} s "
            f"(CPU {statistics.median(p[1] for p in pairs):.3f} s)")


def _ratio(large: list[tuple[float, float]], small: list[tuple[float, float]]) -> str:
    """The large file's wall time as a ratio to the one-report file's, measured alternately in the same run."""
    return f"{statistics.median(p[0] for p in large) / statistics.median(p[0] for p in small):.2f} × that"


def _verdict(pairs: list[tuple[float, float]], target: float) -> str:
    return "" if statistics.median(p[0] for p in pairs) <= target else "  NOT MET"


def open_like_the_window(path: Path) -> tuple[float, Repository]:
    """What the window does with the database before it shows: open, find the newest report, load it."""
    begin = time.perf_counter()
    repo = Repository.open(path)
    latest = repo.latest_report()
    assert latest is not None
    repo.load(latest)
    repo.previous_year_report(latest)
    return time.perf_counter() - begin, repo


def unclean(path: Path) -> None:
    """Leave a WAL behind, as a killed window does: a child process writes, then is killed."""
    script = ("import os, signal, sqlite3, sys\n"
              "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "db.execute('PRAGMA wal_autocheckpoint = 0')\n"
              "db.execute(\"UPDATE reports SET updated_at = '2024-02-01 10:00:00.000000' WHERE id = 1\")\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", script, str(path)])
    assert path.with_name(path.name + "-wal").stat().st_size > 0


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database in this folder")
    args = parser.parse_args()
    if not APP.exists():
        from startup import build as build_package  # this folder is on the path when run as a script

        build_package()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "大 数据库.sqlite"
        if not path.exists():
            took = build(path, args.reports, random.Random(10_000))
            print(f"database: {args.reports:,} reports with history, {path.stat().st_size / 1e6:.0f} MB, "
                  f"generated in {took:.1f} s")
        else:
            print(f"database: reused {path}, {path.stat().st_size / 1e6:.0f} MB")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOV_REPORT_DATA_DIR": str(folder),
               "PYTHONPATH": str(ROOT)}
        size = path.stat().st_size

        # As the program leaves the file at a clean close (a reused file may have lost its note with its backups).
        with Repository.open(path) as repo:
            repo.wait_for_backup()
        opens, checks = [], []
        for _ in range(args.runs):
            took, repo = open_like_the_window(path)
            opens.append(took)
            begin = time.perf_counter()
            repo.wait_for_backup()  # nothing changed: the start checks the file in the background instead
            checks.append(time.perf_counter() - begin + took)
            repo.close()
        print(f"open + find and load the newest report, in process: median {statistics.median(opens):.3f} s "
              f"(what the window waits for; the check of the whole file goes on beside it, done after "
              f"{statistics.median(checks):.2f} s)")

        # Each measured beside the same with a one-report database, alternating: the machine's load and the
        # cost of starting Python, Qt and the imports are in both; the difference is the large file's.
        small = small_database(folder)
        shown, shown_small, lists, lists_small = [], [], [], []
        for _ in range(args.runs):
            shown.append(window_shown(path, env))
            shown_small.append(window_shown(small, env))
            lists.append(db_list(path, env))
            lists_small.append(db_list(small, env))
        print(f"window shown with the newest report (process start → shown): {_medians(shown)}  "
              f"(target ≤ {WINDOW_TARGET} s){_verdict(shown, WINDOW_TARGET)}; "
              f"with a one-report database: {_medians(shown_small)} ({_ratio(shown, shown_small)})")
        print(f"db list (whole process, {args.reports:,} lines): {_medians(lists)}  (target ≤ {LIST_TARGET} s)"
              f"{_verdict(lists, LIST_TARGET)}; with a one-report database: {_medians(lists_small)} "
              f"({_ratio(lists, lists_small)})")
        inner = []
        for _ in range(args.runs):
            begin = time.perf_counter()
            with Repository.open(path, read_only=True) as repo:
                repo.reports()
            inner.append(time.perf_counter() - begin)
        print(f"  of which opening read-only + listing in process: median {statistics.median(inner):.3f} s")

        unclean(path)
        begin = time.perf_counter()
        took, repo = open_like_the_window(path)
        repo.close()
        print(f"open after an unclean shutdown (WAL left; full integrity check at open): {took:.2f} s")

        # Ten working sessions, an edit in each: each start backs up what the previous session changed.
        for p in backups.list_backups(path):
            p.unlink()
        times = []
        for session in range(10):
            with Repository.open(path) as repo:
                begin = time.perf_counter()
                repo.wait_for_backup()
                times.append(time.perf_counter() - begin)
                repo.set_cell(1, "s3.new:natural", session)
        Repository.open(path).close()
        kept = backups.list_backups(path)
        used = folder_size(backups.folder_for(path))
        print(f"backup in the background at a start after changes (with the check of its copy): median "
              f"{statistics.median(times[1:]):.2f} s; at a start without changes: none")
        print(f"after 10 sessions with edits: {len(kept)} restorable states in {used / 1e6:.0f} MB = "
              f"{used / size:.1f} × the file's {size / 1e6:.0f} MB (target: ten within 2 ×)"
              f"{'' if used <= 2 * size else '  NOT MET'}")
        shutil.rmtree(backups.folder_for(path), ignore_errors=True)  # gigabytes
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Storage benchmark: python bench/storage_bench.py

Builds a database of 1,000 full reports (100 agencies × 10 years, every input cell filled, texts of a few
thousand characters) in a temporary folder, then times what the clerk waits for:
- saving one cell edit (a committed, fsynced transaction with its revision entry): median and p99;
- opening the database and listing its reports (the integrity check and the backup run beside it);
- loading one report.
Targets on the developers' machine: ≤ 5 ms median per saved edit, ≤ 0.2 s open + list, ≤ 20 ms per load.
"""

from __future__ import annotations

import datetime
import functools
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report.definition import Kind
from report.formats import format_for_year
from report.model import Report
from storage.repository import Repository

AGENCIES, YEARS, EDITS = 100, 10, 1000


def full_report(rng: random.Random, agency: str, year: int) -> Report:
    fmt = format_for_year(year)
    cells = {}
    for cid in fmt.input_cells:
        kind = fmt.cells[cid].kind
        if kind is Kind.AMOUNT:
            cells[cid] = Decimal(rng.randrange(10**7)) / 10000
        else:
            cells[cid] = rng.randrange(-20 if kind is Kind.SIGNED else 0, 500)
    texts = {s.id: "政府信息公开工作" * rng.randrange(100, 400) for s in fmt.prose_sections}
    return Report(agency=agency, year=year, format_id=fmt.id, texts=texts, cells=cells)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> None:
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "基准 数据.sqlite"
        start = time.perf_counter()
        with Repository.open(path) as repo:
            for a in range(AGENCIES):
                for year in range(2015 + 1, 2015 + YEARS + 1):
                    repo.import_report(full_report(rng, f"第{a:03d}号机关", year))
        build = time.perf_counter() - start

        with Repository.open(path) as repo:
            rid = repo.find_report("第050号机关", 2021)
            cells = [c for c in format_for_year(2021).input_cells if format_for_year(2021).cells[c].kind is Kind.COUNT]
            times = []
            for i in range(EDITS):
                t = time.perf_counter()
                repo.set_cell(rid, cells[i % len(cells)], i)
                times.append(time.perf_counter() - t)
            loads = []
            ids = [r.id for r in repo.reports()]
            for i in range(200):
                t = time.perf_counter()
                repo.load(ids[(i * 37) % len(ids)])
                loads.append(time.perf_counter() - t)

        opens, backup_waits = [], []
        for i in range(5):
            clock = functools.partial(datetime.datetime, 2030, 1, 1, 0, i)  # a new backup name each time
            t = time.perf_counter()
            repo = Repository.open(path, clock=clock)
            listed = repo.reports()
            opens.append(time.perf_counter() - t)  # what the clerk waits for; the backup goes on beside
            t = time.perf_counter()
            repo.close()
            backup_waits.append(time.perf_counter() - t)
        assert len(listed) == AGENCIES * YEARS
        t = time.perf_counter()
        with Repository.open(path, read_only=True) as repo:
            repo.reports()
        read_only_open = time.perf_counter() - t

        times.sort()
        size = path.stat().st_size / 1e6
        print(f"database: {AGENCIES * YEARS} reports, {size:.1f} MB, built in {build:.1f} s (one transaction per report)")
        print(f"save one cell edit:  median {ms(statistics.median(times))}, p99 {ms(times[int(len(times) * 0.99)])}"
              f"  (target ≤ 5 ms median; {EDITS} edits, synchronous=FULL)")
        print(f"open + list 1,000:   median {ms(statistics.median(opens))}, worst {ms(max(opens))}"
              f"  (target ≤ 200 ms; the integrity check runs beside it)")
        print(f"background check on open (no backup: nothing changed), if waited for at close: "
              f"median {ms(statistics.median(backup_waits))} more (closing interrupts it)")
        print(f"open read-only + list: {ms(read_only_open)}  (command line check/export: no backup)")
        print(f"load one report:     median {ms(statistics.median(loads))}, worst {ms(max(loads))}  (target ≤ 20 ms)")


if __name__ == "__main__":
    main()

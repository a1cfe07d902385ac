"""Shared-database benchmark: python bench/shared_database.py

Starts a throw-away PostgreSQL cluster (as the tests do, with fsync on), fills a database with 1,000 full reports
(100 agencies × 10 years) over loopback, then times what a clerk waits for:
- saving one cell edit (committed with its revision entry, under row-level security as a clerk holding the
  report's edit lease, as the window does);
- connecting and listing the 1,000 reports (as a reviewer, who sees them all);
- 汇总 of 300 stored reports of one year (storage.year_reports.reports_to_aggregate, as `aggregate --db` and the
  window read them, then report.aggregate).
Targets (issue 18): ≤ 10 ms median per edit, ≤ 0.3 s connect + list 1,000, ≤ 1 s 汇总 of 300.
"""

from __future__ import annotations

import datetime
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.storage_bench import full_report, ms
from report.aggregate import aggregate
from report.definition import Kind
from report.formats import format_for_year
from storage.server import ServerRepository, init_database, with_owner
from storage.server_logins import add_login
from storage.year_reports import reports_to_aggregate
from tests.server.cluster import start_cluster

AGENCIES, YEARS, EDITS, SUMMED = 100, 10, 500, 300


def main() -> None:
    cluster = start_cluster(fsync=True)
    try:
        cluster.admin("CREATE DATABASE bench")
        owner = cluster.url("bench")
        init_database(owner)
        rng = random.Random(1)
        start = time.perf_counter()
        with ServerRepository.connect(owner) as repo:
            for a in range(AGENCIES):
                for year in range(2016, 2016 + YEARS):
                    repo.import_report(full_report(rng, f"第{a:03d}号机关", year))
            # 汇总 of 300 reports of one year: 200 more agencies for 2021.
            for a in range(AGENCIES, SUMMED):
                repo.import_report(full_report(rng, f"第{a:03d}号机关", 2021))
        build = time.perf_counter() - start
        now = datetime.datetime.now()
        with_owner(owner, "添加登录名", lambda c: add_login(c, "clerk", "pw", ["第050号机关"], reviewer=False, now=now))
        with_owner(owner, "添加登录名", lambda c: add_login(c, "reviewer", "pw", [], reviewer=True, now=now))

        fmt = format_for_year(2021)
        cells = [c for c in fmt.input_cells if fmt.cells[c].kind is Kind.COUNT]
        with ServerRepository.connect(cluster.url("bench", user="clerk", password="pw")) as repo:
            rid = repo.find_report("第050号机关", 2021)
            assert rid is not None
            assert repo.take_lease(rid).mine  # as the window holds it while the clerk types
            edits = []
            for i in range(EDITS):
                t = time.perf_counter()
                repo.set_cell(rid, cells[i % len(cells)], i)
                edits.append(time.perf_counter() - t)

        opens = []
        for _ in range(5):
            t = time.perf_counter()
            with ServerRepository.connect(cluster.url("bench", user="reviewer", password="pw")) as repo:
                listed = repo.reports()
                opens.append(time.perf_counter() - t)
        assert len([r for r in listed if r.year != 2021 or r.agency < f"第{AGENCIES:03d}号机关"]) == AGENCIES * YEARS

        sums, reads = [], []
        with ServerRepository.connect(cluster.url("bench", user="reviewer", password="pw")) as repo:
            for _ in range(5):
                t = time.perf_counter()
                reports = reports_to_aggregate(repo, 2021, "汇总机关")
                reads.append(time.perf_counter() - t)
                aggregate(reports, "汇总机关")
                sums.append(time.perf_counter() - t)
        assert len(reports) == SUMMED

        edits.sort()
        print(f"database: {len(listed)} reports on PostgreSQL over loopback (fsync on), built in {build:.1f} s")
        print(f"save one cell edit as a clerk (RLS): median {ms(statistics.median(edits))}, "
              f"p99 {ms(edits[int(len(edits) * 0.99)])}  (target ≤ 10 ms median; {EDITS} edits)")
        print(f"connect + list {len(listed)} as the reviewer: median {ms(statistics.median(opens))}, "
              f"worst {ms(max(opens))}  (target ≤ 300 ms for 1,000)")
        print(f"汇总 of {SUMMED} stored reports (read + aggregate): median {ms(statistics.median(sums))}, "
              f"of which reading them {ms(statistics.median(reads))}  (target ≤ 1 s)")
    finally:
        cluster.stop()
        shutil.rmtree(cluster.folder, ignore_errors=True)


if __name__ == "__main__":
    main()

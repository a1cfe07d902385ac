"""Two people, one report, timed: python bench/live_edits.py

On a throw-away PostgreSQL cluster over loopback (fsync on, as bench/shared_database.py), with 300 reports stored
and row-level security as two clerks of one agency and a reviewer, the agency with a ledger of LEDGER applications
(last year's table 三 following it; the watched report typed, so its edits take the quick path):
- the watching window's look every two seconds (Repository.mark and lease_of, under the reviewer's policies);
- from a clerk's saved ledger edit to a watcher's mark showing it;
- the holder's lease renewal every 30 s (keep_lease);
- from a clerk's saved edit to a watcher's mark showing it, polled as fast as it answers (the window then waits
  at most its WATCH_MS);
- writing 50 edits that waited while the server was stopped, once it is back (ServerRepository.set_cell each).
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
from report.definition import Kind
from report.formats import format_for_year
from report.ledger import Application
from storage.server import ServerRepository, init_database, with_owner
from storage.server_logins import add_login
from tests.server.cluster import start_cluster

AGENCIES, LOOKS, WAITING, LEDGER = 300, 200, 50, 300


def main() -> None:
    cluster = start_cluster(fsync=True)
    try:
        cluster.admin("CREATE DATABASE bench")
        owner = cluster.url("bench")
        init_database(owner)
        rng = random.Random(2)
        with ServerRepository.connect(owner) as repo:
            for a in range(AGENCIES):
                repo.import_report(full_report(rng, f"第{a:03d}号机关", 2021))
            start = datetime.date(2021, 1, 4)
            repo.import_ledger("第150号机关", 2020, [  # last year's report follows it; the watched one is typed
                Application(f"{i:04d}", start + datetime.timedelta(days=i % 300), "natural", content="申请公开某项目的批复",
                            answered=datetime.date(2021, 12, 20), result="s3.granted") for i in range(LEDGER)])
        now = datetime.datetime.now()
        for login, reviewer in (("clerk", False), ("other", False), ("reviewer", True)):
            with_owner(owner, "添加登录名", lambda c, login=login, reviewer=reviewer: add_login(
                c, login, "pw", [] if reviewer else ["第150号机关"], reviewer=reviewer, now=now))
        fmt = format_for_year(2021)
        cells = [c for c in fmt.input_cells if fmt.cells[c].kind is Kind.COUNT]
        clerk = ServerRepository.connect(cluster.url("bench", user="clerk", password="pw"))
        reviewer = ServerRepository.connect(cluster.url("bench", user="reviewer", password="pw"))
        other = ServerRepository.connect(cluster.url("bench", user="other", password="pw"))
        try:
            rid = clerk.find_report("第150号机关", 2021)
            assert rid is not None and clerk.take_lease(rid).mine

            looks = []
            for _ in range(LOOKS):
                t = time.perf_counter()
                reviewer.mark(rid)
                other.lease_of(rid)
                looks.append(time.perf_counter() - t)
            renewals = []
            for _ in range(LOOKS):
                t = time.perf_counter()
                assert clerk.keep_lease(rid) == "renewed"
                renewals.append(time.perf_counter() - t)

            seen_after = []
            for i in range(50):
                before = reviewer.mark(rid)
                t = time.perf_counter()
                clerk.set_cell(rid, cells[i % len(cells)], 1000 + i)
                while reviewer.mark(rid) == before:
                    pass
                seen_after.append(time.perf_counter() - t)

            ledger_seen = []
            for i in range(20):
                before = reviewer.mark(rid)
                t = time.perf_counter()
                clerk.save_application("第150号机关", Application(f"{i:04d}", datetime.date(2021, 3, 1), "legal",
                                                                   content=f"第 {i} 次修改"), replacing=f"{i:04d}")
                while reviewer.mark(rid) == before:
                    pass
                ledger_seen.append(time.perf_counter() - t)

            cluster.stop("immediate")
            cluster.launch()
            t = time.perf_counter()
            for i in range(WAITING):
                clerk.set_cell(rid, cells[i % len(cells)], 2000 + i)
            catch_up = time.perf_counter() - t
        finally:
            for repo in (clerk, reviewer, other):
                repo.close()
    finally:
        try:
            cluster.stop()
        finally:
            shutil.rmtree(cluster.folder, ignore_errors=True)

    print(f"watching look (mark + lease_of, as reviewer and clerk): median {ms(statistics.median(looks))}, "
          f"max {ms(max(looks))} over {LOOKS}")
    print(f"lease renewal: median {ms(statistics.median(renewals))}, max {ms(max(renewals))} over {LOOKS}")
    print(f"saved edit -> seen by a watcher's mark: median {ms(statistics.median(seen_after))}, "
          f"max {ms(max(seen_after))} (the window adds up to 2 s between looks)")
    print(f"saved ledger edit ({LEDGER} applications, last year's table 三 derived anew) -> seen by a watcher's mark: "
          f"median {ms(statistics.median(ledger_seen))}, max {ms(max(ledger_seen))}")
    print(f"{WAITING} waiting edits written after a server restart: {ms(catch_up)} "
          f"({ms(catch_up / WAITING)} each, the first reconnecting)")


if __name__ == "__main__":
    main()

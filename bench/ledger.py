"""Benchmark: table 三 (and section 四, from the reviews and suits some records note) derived from a ledger of
5,000 applications (target ≤ 50 ms).

Run: python bench/ledger.py [N]
"""

from __future__ import annotations

import datetime
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from report.formats import get_format
from report.ledger import Application, derive, shape

TARGET_SECONDS = 0.050
OUTCOMES = ("复议维持", "撤销原答复", "审理中", "申请人撤回")


def make_ledger(n: int, year: int = 2023, seed: int = 1) -> list[Application]:
    """n applications received over the year and the one before, most answered within weeks, some still open."""
    rng = random.Random(seed)
    sh = shape(get_format("2021"))
    columns = [c for c, _ in sh.applicant_columns]
    results = [r.id for r in sh.result_rows]
    start = datetime.date(year - 1, 1, 1)
    out = []
    for i in range(n):
        received = start + datetime.timedelta(days=rng.randrange(730))
        answered = None if rng.random() < 0.1 else received + datetime.timedelta(days=rng.randrange(60))
        result = rng.choice(results) if answered else None
        review = rng.choice(OUTCOMES) if answered and rng.random() < 0.05 else ""
        suit = rng.choice(OUTCOMES) if answered and rng.random() < 0.03 else ""
        out.append(Application(f"{i + 1:05d}", received, rng.choice(columns), answered=answered, result=result,
                               review=review, suit=suit))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    ledger = make_ledger(n)
    times = []
    for _ in range(15):
        t0 = time.perf_counter()
        derive(ledger, 2023)
        times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    print(f"deriving table 三 from {n} applications: median {median * 1000:.1f} ms, best {min(times) * 1000:.1f} ms "
          f"(target ≤ {TARGET_SECONDS * 1000:.0f} ms) {'OK' if median <= TARGET_SECONDS else 'TOO SLOW'}")


if __name__ == "__main__":
    main()

"""Benchmark: 汇总 of 300 agencies' reports (target ≤ 1 s), in memory, from exchange files as the command does, and
from a database file (`aggregate --db … --year`: storage.year_reports.reports_to_aggregate).

Run: python bench/aggregate.py [N]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from report import exchange
from report.aggregate import aggregate
from report.definition import Kind
from report.formats import get_format
from report.model import Report
from storage.repository import Repository
from storage.year_reports import reports_to_aggregate

TARGET_SECONDS = 1.0


def make_reports(n: int, seed: int = 1) -> list[Report]:
    """n reports of the 2021 format with every input cell filled (valid or not does not matter for speed)."""
    rng = random.Random(seed)
    fmt = get_format("2021")
    reports = []
    for i in range(n):
        cells = {}
        for cid in fmt.input_cells:
            kind = fmt.cells[cid].kind
            if kind is Kind.AMOUNT:
                cells[cid] = Decimal(rng.randrange(0, 10**8)).scaleb(-4)
            else:
                cells[cid] = rng.randrange(0, 200)
        texts = {"s1": "总体情况。" * 400, "s5": "问题和改进。" * 100, "s6": "无"}
        reports.append(Report(f"第{i + 1}号机关", 2021, "2021", texts=texts, cells=cells))
    return reports


def best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    reports = make_reports(n)
    in_memory = best_of(5, lambda: aggregate(reports, "某区人民政府"))
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for r in reports:
            path = Path(folder) / f"{r.agency}.json"
            path.write_text(exchange.dumps(r), encoding="utf-8")
            paths.append(path)
        out = Path(folder) / "汇总.json"

        def from_files() -> None:
            result = aggregate([exchange.read(p) for p in paths], "某区人民政府")
            out.write_text(exchange.dumps(result.report), encoding="utf-8")

        files = best_of(3, from_files)

        database = Path(folder) / "汇总.sqlite"
        with Repository.open(database) as repo:
            for r in reports:
                repo.import_report(r)

        def from_database() -> None:
            with Repository.open(database, read_only=True) as repo:
                aggregate(reports_to_aggregate(repo, 2021, "某区人民政府"), "某区人民政府")

        stored = best_of(3, from_database)
    print(f"汇总 {n} 份报告（{len(get_format('2021').input_cells)} 个填报单元格/份）")
    print(f"  内存中汇总（含逐份检查）：{in_memory * 1000:.0f} ms")
    print(f"  读取交换文件 + 汇总 + 写出：{files * 1000:.0f} ms（目标 ≤ {TARGET_SECONDS * 1000:.0f} ms）")
    print(f"  打开数据库文件 + 读取 + 汇总：{stored * 1000:.0f} ms（目标 ≤ {TARGET_SECONDS * 1000:.0f} ms）")
    ok = files <= TARGET_SECONDS and stored <= TARGET_SECONDS
    print("  达标" if ok else "  未达标")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

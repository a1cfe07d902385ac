"""The real published reports beside the repository (../shared/real/): per case, cells exact, cells left open
(named with their readings, not written), cells wrong, and the import's time."""

from __future__ import annotations

import json
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from importer import import_file

REAL = ROOT.parent / "shared" / "real"


def main() -> int:
    if not REAL.is_dir():
        print(f"没有真实年报样本目录 {REAL}，跳过")
        return 0
    print(f"{'case':<38} {'exact':>9} {'open':>5} {'wrong':>5} {'seconds':>8}")
    wrong_total = 0
    for source in sorted(p for p in REAL.iterdir() if p.suffix in (".txt", ".pdf")):
        expected = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))["cells"]
        start = time.perf_counter()
        result = import_file(source)
        seconds = time.perf_counter() - start
        cells = result.report.cells if result.report is not None else {}
        exact = sum(1 for c, v in expected.items() if c in cells and Decimal(str(cells[c])) == Decimal(str(v)))
        wrong = sum(1 for c, v in expected.items() if c in cells and Decimal(str(cells[c])) != Decimal(str(v)))
        wrong_total += wrong
        state = "" if result.report is not None else "  (未能导入)"
        print(f"{source.name:<38} {exact:>4}/{len(expected):<4} {len(expected) - exact - wrong:>5} {wrong:>5} {seconds:>8.2f}{state}")
    return 1 if wrong_total else 0


if __name__ == "__main__":
    sys.exit(main())

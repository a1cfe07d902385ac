"""Hostile texts through the importer: python bench/import_hostile.py [SCALE]

Prints, for each shape of tests/importer/hostile.py (junk lines, one huge line, repeated headings, 「|」 lines,
copies of a real report's rows), its size, the seconds its import takes and how it ended (a report, no report,
refused). Target: every shape under about 2 s at scale 1 on an idle two-core machine; the work must grow about
linearly with the text (compare SCALE 0.5 and 1).

Before label matching was bounded (scale 1, two cores shared with other work): junk lines 40.7 s, one huge line
13.7 s, repeated headings 12.9 s, piped lines 15.1 s, copied report rows 3.2 s. After (idle): 3.5, 1.1, 2.9, 1.3, 1.5 s.
A text past report/limits.py's IMPORT_TEXT_CHARS is refused before any matching.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from importer import UnusableInput, import_bytes
from tests.importer import hostile


def main() -> None:
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    import_bytes(hostile.copied_rows(0.01).encode("utf-8"), ".txt")  # warm: imports, the formats' labels
    for name, make in hostile.SHAPES.items():
        data = make(scale).encode("utf-8")
        started = time.perf_counter()
        try:
            result = import_bytes(data, ".txt")
            outcome = "report" if result.report is not None else "no report"
        except UnusableInput as e:
            outcome = f"refused: {e}"
        elapsed = time.perf_counter() - started
        print(f"{name:<20} {len(data) / 1e6:6.2f} MB {elapsed:7.2f} s   {outcome[:60]}")


if __name__ == "__main__":
    main()

"""Import benchmark: python bench/import_bench.py

Times the import of the seed (web-copy text) and of a report with every cell filled, as text, HTML, Word and
PDF, and prints milliseconds per import and peak memory. Target: well under a second per report, so that a
supervising office can import a folder of a hundred reports in a minute.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from importer import import_bytes, import_file
from tests.importer import render, samples

SEED = ROOT.parent / "shared" / "seeds" / "000_578647436011cd62.txt"
PDFS = ROOT / "tests" / "importer" / "fixtures"


def measure(name: str, run, repeat: int = 5) -> None:
    run()  # warm: imports of python-docx, pdfplumber, lxml
    start = time.perf_counter()
    for _ in range(repeat):
        result = run()
    elapsed = (time.perf_counter() - start) / repeat
    tracemalloc.start()  # separately: tracing slows Python code several times over
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.report is not None, name
    print(f"{name:<28} {elapsed * 1000:8.1f} ms   peak {peak / 1024 / 1024:6.1f} MiB")


def main() -> None:
    report = samples.full("2021", 2022)
    text = render.web_text(report).encode("utf-8")
    page = render.page_html(report, word=True).encode("utf-8")
    word = render.docx_bytes(report)
    measure("seed, web-copy text", lambda: import_file(SEED))
    measure("2021 full, web-copy text", lambda: import_bytes(text, ".txt"))
    measure("2021 full, Word-pasted HTML", lambda: import_bytes(page, ".html"))
    measure("2021 full, .docx", lambda: import_bytes(word, ".docx"))
    measure("2021 full, PDF (4 pages)", lambda: import_file(PDFS / "full_2021.pdf"))
    measure("seed, PDF", lambda: import_file(PDFS / "seed_2020.pdf"))


if __name__ == "__main__":
    main()

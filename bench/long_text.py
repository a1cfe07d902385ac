"""Long prose through every writer: time grows with the length of the text, not with the length of a paragraph.

Run: python bench/long_text.py
Prints, for `check` (with the quality review) and each writer, the seconds for the text as one paragraph and as 1,000 paragraphs (equal if linear),
at 50,000 characters in one section and at the largest texts the exchange file accepts (every prose section
at report/limits.py's TEXT_CHARS). Before the fix one 200,000-character paragraph took 17 s as PDF.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from export import kinds
from report import limits
from report.formats import FORMATS
from report.model import Report
from report.quality import review

SENTENCE = "本机关坚持以公开为常态、不公开为例外，全年主动公开政府信息2020条，办理依申请公开16件。"


def text(chars: int, paragraphs: int) -> str:
    """`chars` characters in all (line breaks included), as `paragraphs` paragraphs."""
    letters = chars - (paragraphs - 1)
    body = (SENTENCE * (letters // len(SENTENCE) + 1))[:letters]
    step = -(-letters // paragraphs)
    return "\n".join(body[i:i + step] for i in range(0, letters, step))


def timings(chars: int, sections: int, paragraphs: int, folder: Path) -> dict[str, float]:
    fmt = FORMATS["2019"]
    ids = [s.id for s in fmt.prose_sections][:sections]
    report = Report("某某区人民政府办公室", 2020, fmt.id, texts={i: text(chars, paragraphs) for i in ids})
    started = time.perf_counter()
    review(report)
    out = {"check": time.perf_counter() - started}
    for kind in kinds.KINDS:
        started = time.perf_counter()
        kinds.write(report, folder / f"long{kind.suffix}", kind)
        out[kind.suffix] = time.perf_counter() - started
    return out


def main() -> None:
    kinds.write(Report("甲", 2020, "2019"), Path(tempfile.gettempdir()) / "warm.pdf")  # fonts, imports
    cases = [(50_000, 1), (limits.TEXT_CHARS, len(FORMATS["2019"].prose_sections))]
    with tempfile.TemporaryDirectory() as folder:
        for chars, sections in cases:
            one = timings(chars, sections, 1, Path(folder))
            many = timings(chars, sections, 1000, Path(folder))
            print(f"{sections} 节 × {chars} 字：")
            for suffix in one:
                print(f"  {suffix:6} 一段 {one[suffix]:6.2f} s    分 1000 段 {many[suffix]:6.2f} s")


if __name__ == "__main__":
    main()

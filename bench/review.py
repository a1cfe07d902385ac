"""Benchmark: review of 300 exchange files into one workbook (target ≤ 3 s), as the review command does it
(reading the files, the checklist, similarity among them, writing the .xlsx), and into a web page; and review of
30 published web pages (target ≤ 5 s), written by our own web-page export as an agency would publish them.

Run: python bench/review.py [N exchange files] [M web pages]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.aggregate import make_reports
from report import exchange

TARGET_SECONDS = 3.0
TARGET_PAGES_SECONDS = 5.0
# Prose that differs from agency to agency, so that the similarity check has real work to do.
PHRASES = ("加强政策解读", "优化办事指南", "完善依申请公开流程", "推进基层政务公开", "规范公开平台管理", "开展业务培训",
           "回应社会关切", "强化监督考核", "更新主动公开目录", "提升信息发布质量")


def _texts(i: int) -> dict[str, str]:
    picks = [PHRASES[(i * k + k) % len(PHRASES)] for k in range(1, 40)]
    s1 = "。".join(f"第{i}号机关{p}，全年完成{(i * 7 + n) % 97}项" for n, p in enumerate(picks))
    return {"s1": s1, "s5": f"一是信息更新不够及时。下一步将{PHRASES[i % 10]}。上年度问题已整改。", "s6": "本年度未收取信息处理费。"}


def _review(folder: Path, out: Path) -> tuple[float, float]:
    import main as cli

    start, cpu = time.perf_counter(), time.process_time()
    cli.main(["review", str(folder), "--to", str(out)])
    return time.perf_counter() - start, time.process_time() - cpu


def _print(what: str, took: float, cpu: float, target: float) -> None:
    verdict = "ok" if took <= target else "SLOW"
    # CPU time beside wall time: on a busy machine the wall clock also counts other programs' turns.
    print(f"review of {what}: {took:.2f} s wall, {cpu:.2f} s CPU (target ≤ {target:.0f} s) {verdict}", flush=True)


def main() -> None:
    from export import html

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    pages = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i, report in enumerate(make_reports(n)):
            report.texts = _texts(i)
            (folder / f"{i:03d}.json").write_text(exchange.dumps(report), encoding="utf-8")
        for suffix in (".xlsx", ".html"):
            took, cpu = _review(folder, Path(tmp) / f"review{suffix}")
            _print(f"{n} exchange files to {suffix}", took, cpu, TARGET_SECONDS)
        published = Path(tmp) / "published"
        published.mkdir()
        for i, report in enumerate(make_reports(pages, seed=2)):
            report.texts = _texts(i)
            html.write(report, published / f"{i:02d}.html")
        took, cpu = _review(published, Path(tmp) / "pages.xlsx")
        _print(f"{pages} published web pages to .xlsx", took, cpu, TARGET_PAGES_SECONDS)


if __name__ == "__main__":
    main()

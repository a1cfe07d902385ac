"""Benchmark: review of 300 exchange files into one workbook (target ≤ 3 s), as the review command does it
(reading the files, the checklist, similarity among them, writing the .xlsx), and into a web page.

Run: python bench/review.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.aggregate import make_reports  # noqa: E402
from report import exchange  # noqa: E402

TARGET_SECONDS = 3.0
# Prose that differs from agency to agency, so that the similarity check has real work to do.
PHRASES = ("加强政策解读", "优化办事指南", "完善依申请公开流程", "推进基层政务公开", "规范公开平台管理", "开展业务培训",
           "回应社会关切", "强化监督考核", "更新主动公开目录", "提升信息发布质量")


def _texts(i: int) -> dict[str, str]:
    picks = [PHRASES[(i * k + k) % len(PHRASES)] for k in range(1, 40)]
    s1 = "。".join(f"第{i}号机关{p}，全年完成{(i * 7 + n) % 97}项" for n, p in enumerate(picks))
    return {"s1": s1, "s5": f"一是信息更新不够及时。下一步将{PHRASES[i % 10]}。上年度问题已整改。", "s6": "本年度未收取信息处理费。"}


def main() -> None:
    import main as cli

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i, report in enumerate(make_reports(n)):
            report.texts = _texts(i)
            (folder / f"{i:03d}.json").write_text(exchange.dumps(report), encoding="utf-8")
        for suffix in (".xlsx", ".html"):
            out = Path(tmp) / f"review{suffix}"
            start, cpu = time.perf_counter(), time.process_time()
            cli.main(["review", str(folder), "--to", str(out)])
            took, cpu = time.perf_counter() - start, time.process_time() - cpu
            verdict = "ok" if took <= TARGET_SECONDS else "SLOW"
            # CPU time beside wall time: on a busy machine the wall clock also counts other programs' turns.
            print(f"review of {n} exchange files to {suffix}: {took:.2f} s wall, {cpu:.2f} s CPU "
                  f"(target ≤ {TARGET_SECONDS:.0f} s) {verdict}")


if __name__ == "__main__":
    main()

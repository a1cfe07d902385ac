"""The seed: text copied from a real published web page imports to exactly the hand-typed fixture."""

from __future__ import annotations

import json

import main
from importer import WARNING, import_file
from report import exchange
from report.checks import check

from ..conftest import FIXTURES, SHARED

SEED_TEXT = SHARED / "seeds" / "000_578647436011cd62.txt"


def _without_stamps(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k not in ("exported_at", "generator")}


def test_seed_text_gives_exactly_the_fixture():
    result = import_file(SEED_TEXT)
    assert result.report is not None and not result.errors
    expected = json.loads((FIXTURES / "seed_2020_xigong.json").read_text(encoding="utf-8"))
    assert exchange.to_dict(result.report) == expected  # every cell, the three texts, agency, year, format


def test_seed_notes_say_what_was_blank_and_what_was_left_out():
    result = import_file(SEED_TEXT)
    messages = [str(n) for n in result.notes]
    # Rows of 本年度办理结果 printed only their total: the applicant cells were blank, read as 0 and said so.
    blank = [n for n in result.notes if "空白，按 0 导入" in n.message]
    assert len(blank) == 15 and all(n.level == WARNING for n in blank)
    assert any("「（一）予以公开」" in m and "第 47 行" in m for m in messages)
    # Section 四 printed 16 numbers under 15 headed columns: the extra (zero) column is named, not dropped silently.
    assert any("第 16 栏没有表头" in m and "第 75 行" in m for m in messages)
    # The shifted （五）不予处理 rows and the typo 由由 still land on their rows.
    assert result.report.cells["s3.declined.petition:total"] == 0
    assert "s3.declined.excessive:natural" in result.report.cells


def test_seed_published_totals_are_kept_as_published():
    result = import_file(SEED_TEXT)
    report = result.report
    assert report.cells["s3.total:total"] == 0 and "s3.total:total" in report.cells
    assert check(report) == []  # the seed's arithmetic is right
    assert result.published_errors == []


def test_cli_import_of_the_seed(tmp_path, capsys):
    out = tmp_path / "seed.json"
    code = main.main(["import", str(SEED_TEXT), "--to", str(out)])
    captured = capsys.readouterr()
    assert code == 1  # imported, with findings (the blanks)
    assert "已导入「西工区退役军人事务局」2020 年度报告" in captured.out
    assert "警告：第 47 行" in captured.out
    assert _without_stamps(json.loads(out.read_text(encoding="utf-8"))) == json.loads(
        (FIXTURES / "seed_2020_xigong.json").read_text(encoding="utf-8")
    )

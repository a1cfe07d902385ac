"""main.py compare: every differing cell and text between two reports; exit 0 same, 1 different."""

from __future__ import annotations

import json

import main
from export import kinds
from report import exchange


def test_compare_a_published_page_with_the_approved_file(seed, tmp_path, capsys):
    approved = tmp_path / "approved.json"
    kinds.write(seed, approved)
    page = tmp_path / "page.html"
    kinds.write(seed, page)
    assert main.main(["compare", str(page), str(approved)]) == 0
    assert "两份报告相同" in capsys.readouterr().out

    seed.cells["s3.new:natural"] = seed.value("s3.new:natural") + 5
    seed.texts["s5"] = seed.text("s5") + "\n导出后加的一段。"
    changed = tmp_path / "changed.json"
    changed.write_text(exchange.dumps(seed), encoding="utf-8")
    assert main.main(["compare", str(approved), str(changed), "--json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert {d["id"] for d in found} >= {"s3.new:natural", "s5"}
    natural = next(d for d in found if d["id"] == "s3.new:natural")
    assert natural["right"] == str(seed.value("s3.new:natural"))


def test_compare_names_an_unreadable_input(tmp_path, capsys):
    assert main.main(["compare", str(tmp_path / "missing.json"), str(tmp_path / "other.json")]) == 2
    assert "错误：" in capsys.readouterr().err

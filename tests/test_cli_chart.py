"""`main.py chart REPORT.json [--db DB] --to 图解.pdf|.svg|.png`, or a stored report by --agency/--year."""

from __future__ import annotations

import main
from report import exchange
from storage.repository import Repository
from tests.export.pdftools import needs_poppler, text


@needs_poppler
def test_a_stored_report_with_the_agencys_earlier_years(seed, tmp_path, capsys):
    db = tmp_path / "年报.sqlite"
    with Repository.open(db) as repo:
        for year, new in ((2018, 5), (2019, 6), (2020, 7)):
            r = exchange.loads(exchange.dumps(seed))
            r.year, r.cells = year, {"s3.new:natural": new, "s3.carried_out:natural": new}
            repo.import_report(r)
    out = tmp_path / "图解.pdf"
    assert main.main(["chart", "--db", str(db), "--agency", seed.agency, "--year", "2020", "--to", str(out)]) == 0
    assert "（含 2018–2020 年的情况）" in capsys.readouterr().out
    flat = "".join(text(out).split())
    assert "近3年情况" in flat and "2018年" in flat


def test_an_exchange_file_as_svg_and_png(seed_path, tmp_path, capsys):
    for suffix in (".svg", ".png"):
        out = tmp_path / f"图解{suffix}"
        assert main.main(["chart", str(seed_path), "--to", str(out)]) == 0
        assert out.stat().st_size > 1000
    assert (tmp_path / "图解.svg").read_text(encoding="utf-8").count("@font-face") >= 2
    assert "已生成「西工区退役军人事务局」2020 年度报告的图解：" in capsys.readouterr().out


def test_unusable_requests_exit_2_and_write_nothing(seed_path, tmp_path, capsys):
    assert main.main(["chart", str(seed_path), "--to", str(tmp_path / "图解.jpg")]) == 2
    assert "只能写成 .pdf、.svg、.png 文件" in capsys.readouterr().err
    db = tmp_path / "年报.sqlite"
    Repository.open(db).close()
    assert main.main(["chart", "--db", str(db), "--agency", "某局", "--year", "2020",
                      "--to", str(tmp_path / "图解.png")]) == 2
    assert "没有「某局」2020 年的报告" in capsys.readouterr().err
    assert main.main(["chart", "--db", str(tmp_path / "无.sqlite"), "--agency", "某局", "--year", "2020",
                      "--to", str(tmp_path / "图解.png")]) == 2
    assert "找不到数据库文件" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("图解")] == []

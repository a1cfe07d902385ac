"""`main.py aggregate --db FILE --year YEAR --agency NAME --to TOTAL.json [--include AGENCY …]`."""

from __future__ import annotations

import main
from report import exchange
from storage.repository import Repository


def make_db(path) -> None:
    with Repository.open(path) as repo:
        for agency, n in (("某某区司法局", 3), ("某某区财政局", 4), ("某某区人民政府", 100)):
            rid = repo.create_report(agency, 2022)
            repo.set_cell(rid, "s3.new:natural", n)
            repo.set_cell(rid, "s3.granted:natural", n)
        repo.create_report("某某区教育局", 2021)


def test_the_years_reports_except_the_collecting_agencys_own_are_summed(tmp_path, capsys):
    db, out = tmp_path / "年报.sqlite", tmp_path / "汇总.json"
    make_db(db)
    assert main.main(["aggregate", "--db", str(db), "--year", "2022", "--agency", "某某区人民政府", "--to", str(out)]) == 0
    total = exchange.read(out)
    assert total.agency == "某某区人民政府" and total.year == 2022
    assert total.cells["s3.new:natural"] == 7
    assert "2 份 2022 年度报告" in capsys.readouterr().out


def test_include_names_exactly_which_agencies(tmp_path, capsys):
    db, out = tmp_path / "年报.sqlite", tmp_path / "汇总.json"
    make_db(db)
    args = ["aggregate", "--db", str(db), "--year", "2022", "--agency", "某某区人民政府", "--to", str(out)]
    assert main.main(args + ["--include", "某某区财政局", "某某区人民政府"]) == 0
    assert exchange.read(out).cells["s3.new:natural"] == 104
    assert main.main(args + ["--include", "某某区水利局"]) == 2
    assert "没有「某某区水利局」2022 年的报告" in capsys.readouterr().err


def test_nothing_to_sum_or_mixed_formats_exit_2_and_write_nothing(tmp_path, capsys):
    db, out = tmp_path / "年报.sqlite", tmp_path / "汇总.json"
    make_db(db)
    assert main.main(["aggregate", "--db", str(db), "--year", "2020", "--agency", "某区", "--to", str(out)]) == 2
    assert "没有 2020 年度可汇总的报告" in capsys.readouterr().err
    with Repository.open(db) as repo:
        repo.create_report("某某区卫健委", 2021, "2019")  # a 2021 report kept in the 2019 format
    assert main.main(["aggregate", "--db", str(db), "--year", "2021", "--agency", "某区", "--to", str(out)]) == 2
    assert "格式不一致" in capsys.readouterr().err
    assert not out.exists()


def test_files_and_the_database_form_cannot_be_mixed(tmp_path, seed_path, capsys):
    out = tmp_path / "汇总.json"
    assert main.main(["aggregate", str(seed_path), "--year", "2020", "--agency", "某区", "--to", str(out)]) == 2
    assert "只用一种方式" in capsys.readouterr().err
    assert main.main(["aggregate", "--agency", "某区", "--to", str(out)]) == 2
    assert "缺少要汇总的报告" in capsys.readouterr().err


def test_each_agency_missing_from_the_database_is_a_line_of_its_own(tmp_path, capsys):
    db, out = tmp_path / "年报.sqlite", tmp_path / "汇总.json"
    make_db(db)
    assert main.main(["aggregate", "--db", str(db), "--year", "2022", "--agency", "某某区人民政府", "--to", str(out),
                      "--include", "某某区水利局", "某某区财政局", "某某区林业局"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert [line.split("「")[1].split("」")[0] for line in lines] == ["某某区水利局", "某某区林业局"]
    assert all(line.startswith("错误：数据库") for line in lines) and not out.exists()

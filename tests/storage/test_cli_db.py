"""The command line on the database: db import / db list, and check / export by --agency and --year."""

from __future__ import annotations

import main
from report import exchange


def run(capsys, *argv):
    code = main.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_list_check_export(capsys, db_path, seed_path, tmp_path):
    db = str(db_path)
    code, out, err = run(capsys, "db", "import", str(seed_path), "--db", db)
    assert (code, err) == (0, "") and "已导入「西工区退役军人事务局」2020 年的报告" in out
    code, out, err = run(capsys, "db", "import", str(seed_path), "--db", db)
    assert code == 2 and "已有「西工区退役军人事务局」2020 年的报告" in err and "--replace" in err
    code, out, _ = run(capsys, "db", "import", str(seed_path), "--db", db, "--replace")
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "db", "list")  # --db before the command works too
    assert code == 0 and "共 1 份报告" in out and "西工区退役军人事务局\t2020 年\t2019 年版格式\t草稿" in out
    code, out, err = run(capsys, "check", "--db", db, "--agency", "西工区退役军人事务局", "--year", "2020")
    assert (code, err) == (0, "")
    out_path = tmp_path / "导出 结果.json"
    code, out, _ = run(capsys, "export", "--db", db, "--agency", "西工区退役军人事务局", "--year", "2020",
                       "--to", str(out_path))
    assert code == 0 and exchange.read(out_path) == exchange.read(seed_path)


def test_check_in_the_database_uses_last_years_report(capsys, db_path, seed, tmp_path, last_year_path):
    path = last_year_path
    this = tmp_path / "2020.json"
    this.write_text(exchange.dumps(seed), encoding="utf-8")
    for p in (path, this):
        assert run(capsys, "db", "import", str(p), "--db", str(db_path))[0] == 0
    code, out, _ = run(capsys, "check", "--db", str(db_path), "--agency", seed.agency, "--year", "2020")
    assert code == 0 and "警告 [cross.s3.carried_in]" in out


def test_default_database(capsys, seed_path, private_data_dir):
    assert run(capsys, "db", "import", str(seed_path))[0] == 0
    code, out, _ = run(capsys, "db", "list")
    assert code == 0 and str(private_data_dir) in out and "共 1 份报告" in out


def test_how_a_report_is_named(capsys, db_path, seed_path):
    run(capsys, "db", "import", str(seed_path), "--db", str(db_path))
    code, _, err = run(capsys, "check", "--db", str(db_path), "--agency", "没有这个局", "--year", "2020")
    assert code == 2 and "中没有「没有这个局」2020 年的报告" in err
    code, _, err = run(capsys, "check", "--db", str(db_path))
    assert code == 2 and "缺少必需的参数：报告.json（或用 --agency" in err
    code, _, err = run(capsys, "check", str(seed_path), "--agency", "甲局", "--year", "2020")
    assert code == 2 and "请只用一种方式指定报告" in err


def test_database_problems_are_one_chinese_line(capsys, db_path, tmp_path):
    db_path.write_bytes(b"not a database at all" * 100)
    code, out, err = run(capsys, "db", "list", "--db", str(db_path))
    assert code == 2 and "不是 SQLite 数据库文件" in err and "Traceback" not in err
    code, _, err = run(capsys, "db", "list", "--db", str(tmp_path / "没有.sqlite"))
    assert code == 2 and "找不到数据库文件" in err
    assert not (tmp_path / "没有.sqlite").exists()

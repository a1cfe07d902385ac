"""`main.py ledger import SHEET.xlsx --db DB --agency NAME --year YEAR` and `main.py ledger template OUT.xlsx --year YEAR`."""

from __future__ import annotations

import sqlite3

import openpyxl

import main
from report import exchange
from report.calc import with_totals
from report.checks import check
from storage.repository import Repository

HEADER = ["受理编号", "收到日期", "申请人类型", "申请人姓名", "申请内容", "答复日期", "办理结果", "信息处理费"]


def ledger(path, rows):
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


ROWS = [
    ["2022-09", "2022-12-26", "自然人", "王五", "…", "2023-1-9", "（一）予以公开", None],
    ["2023-01", "2023-2-1", "商业企业", "某某有限公司", "…", "2023-2-20", "（四）无法提供：1.本机关不掌握相关政府信息", "30"],
    ["2023-02", "2023-12-28", "自然人", "赵六", "…", None, None, None],
]


def test_import_derives_table_three_and_keeps_names_out_of_the_report(tmp_path, capsys):
    db, sheet = tmp_path / "年报.sqlite", ledger(tmp_path / "台账.xlsx", ROWS)
    assert main.main(["ledger", "import", str(sheet), "--db", str(db), "--agency", "某某区司法局", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert "读入 3 件申请（新增 3 件" in out
    assert "本年新收 2 件，上年结转 1 件，本年办结 2 件，结转下年度 1 件" in out
    assert "信息处理费 1 件，共 30 元" in out
    with Repository.open(db) as repo:
        report = with_totals(repo.load(repo.find_report("某某区司法局", 2023)))
        assert [a.number for a in repo.applications("某某区司法局")] == ["2022-09", "2023-01", "2023-02"]
        # 2022's table follows from the same ledger, carry-over included
        repo.import_ledger("某某区司法局", 2022, [])
        last = repo.load(repo.find_report("某某区司法局", 2022))
    assert report.value("s3.new:natural") == 1 and report.value("s3.new:commercial") == 1
    assert report.value("s3.carried_in:natural") == 1 == last.cells["s3.carried_out:natural"]
    assert report.value("s3.granted:natural") == 1 and report.value("s3.unavailable.not_held:commercial") == 1
    assert report.value("s3.carried_out:natural") == 1 and report.value("s3.total:total") == 2
    assert not [f for f in check(report) if f.level == "error"]
    exported = tmp_path / "报告.json"
    assert main.main(["export", "--db", str(db), "--agency", "某某区司法局", "--year", "2023", "--to", str(exported)]) == 0
    text = exported.read_text(encoding="utf-8")
    assert "王五" not in text and "某某有限公司" not in text
    assert exchange.read(exported).cells["s3.new:total"] == 2


def test_reimport_replaces_by_number(tmp_path, capsys):
    db = tmp_path / "年报.sqlite"
    args = ["--db", str(db), "--agency", "某某区司法局", "--year", "2023"]
    assert main.main(["ledger", "import", str(ledger(tmp_path / "a.xlsx", ROWS)), *args]) == 0
    answered = [["2023-02", "2023-12-28", "自然人", "赵六", "…", "2023-12-29", "（五）不予处理：2.重复申请", None]]
    assert main.main(["ledger", "import", str(ledger(tmp_path / "b.xlsx", answered)), *args]) == 0
    assert "新增 0 件，替换编号相同的 1 件" in capsys.readouterr().out
    with Repository.open(db) as repo:
        report = repo.load(repo.find_report("某某区司法局", 2023))
        assert len(repo.applications("某某区司法局")) == 3
    assert report.cells["s3.declined.repeated:natural"] == 1 and report.cells["s3.carried_out:natural"] == 0


def test_a_bad_row_changes_nothing(tmp_path, capsys):
    db = tmp_path / "年报.sqlite"
    args = ["--db", str(db), "--agency", "某某区司法局", "--year", "2023"]
    assert main.main(["ledger", "import", str(ledger(tmp_path / "a.xlsx", ROWS)), *args]) == 0
    before = sqlite3.connect(db).execute("SELECT count(*) FROM revisions").fetchone()
    bad = ROWS + [["2023-03", "2023年2月30日", "自然人", "", "", None, None, None]]
    assert main.main(["ledger", "import", str(ledger(tmp_path / "b.xlsx", bad)), *args]) == 2
    err = capsys.readouterr().err
    assert "第 5 行：收到日期「2023年2月30日」不是可识别的日期" in err and "数据库未作任何改动" in err
    assert sqlite3.connect(db).execute("SELECT count(*) FROM revisions").fetchone() == before
    assert main.main(["ledger", "import", str(tmp_path / "无.xlsx"), *args]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_a_final_report_is_not_overwritten(tmp_path, capsys):
    db = tmp_path / "年报.sqlite"
    with Repository.open(db) as repo:
        rid = repo.create_report("某某区司法局", 2023)
        repo.set_status(rid, "定稿")
    args = ["--db", str(db), "--agency", "某某区司法局", "--year", "2023"]
    assert main.main(["ledger", "import", str(ledger(tmp_path / "a.xlsx", ROWS)), *args]) == 2
    assert "已定稿" in capsys.readouterr().err
    with Repository.open(db) as repo:
        assert repo.applications("某某区司法局") == []


def test_template_round_trip(tmp_path, capsys):
    out = tmp_path / "模板.xlsx"
    assert main.main(["ledger", "template", str(out), "--year", "2020"]) == 0
    book = openpyxl.load_workbook(out)
    assert "（六）其他处理" in [c.value for c in book["可选值"]["B"]]
    assert main.main(["ledger", "template", str(tmp_path / "x.pdf"), "--year", "2020"]) == 2
    assert main.main(["ledger", "template", str(out), "--year", "1999"]) == 2
    assert "年度应在" in capsys.readouterr().err


def test_template_that_cannot_be_written_says_why_and_leaves_no_file(tmp_path, capsys):
    out = tmp_path / "无此文件夹" / "模板.xlsx"
    assert main.main(["ledger", "template", str(out), "--year", "2023"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"错误：无法写入 {out}：") and "Traceback" not in err
    assert not out.parent.exists()


def test_a_bad_agency_and_a_bad_year_are_both_said_and_nothing_is_stored(tmp_path, capsys):
    db = tmp_path / "年报.sqlite"
    sheet = ledger(tmp_path / "a.xlsx", ROWS)
    assert main.main(["ledger", "import", str(sheet), "--db", str(db), "--agency", " ", "--year", "1999"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["错误：--agency 机关名称不能为空", "错误：--year 年度应在 2008–2100 之间，现为 1999"]
    assert not db.exists()

"""The review command: many inputs (files, folders, a database's year) into one workbook or web page."""

from __future__ import annotations

import openpyxl

import main
from report import exchange
from report.model import Report
from storage.repository import Repository


def _write(path, report):
    path.write_text(exchange.dumps(report), encoding="utf-8")
    return path


def test_a_folder_with_last_year_and_a_bad_file_gives_one_workbook(tmp_path, seed, capsys):
    folder = tmp_path / "收到的年报"
    folder.mkdir()
    this = Report(seed.agency, 2021, "2021", texts=dict(seed.texts))
    _write(folder / "a2021.json", this)
    _write(folder / "a2020.json", seed)
    (folder / "broken.json").write_text("{", encoding="utf-8")
    (folder / "notes.csv").write_text("x", encoding="utf-8")  # not a report kind: passed over
    out = tmp_path / "审核.xlsx"
    code = main.main(["review", str(folder), str(tmp_path / "missing.docx"), "--to", str(out)])
    said = capsys.readouterr().out
    assert code == 1 and "已审核 2 份报告" in said and "2 个文件无法读取" in said
    book = openpyxl.load_workbook(out)
    summary = book.worksheets[0]
    heads = [c.value for c in summary[1]]
    for column in ("机关", "年度", "格式", "错误数", "警告数", "总体情况五方面", "信息处理费", "未照搬上年"):
        assert column in heads
    rows = {r[0]: dict(zip(heads, r, strict=True)) for r in summary.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 4
    assert rows[str(tmp_path / "missing.docx")]["机关"].startswith("无法读取：找不到该文件")
    assert rows[str(folder / "broken.json")]["机关"].startswith("无法读取：")
    now, last = rows[str(folder / "a2021.json")], rows[str(folder / "a2020.json")]
    assert (now["机关"], now["年度"]) == (seed.agency, 2021)
    assert now["未照搬上年"].startswith("未通过") and last["未照搬上年"] == "不适用"  # 2021's prose is 2020's
    sheet = book[f"{seed.agency}2021"]
    findings = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(findings) == now["错误数"] + now["警告数"]
    assert any(r[2] == "quality.prose_copied" and r[3] == "s1" for r in findings)


def test_a_databases_year_as_a_web_page_with_last_year_from_the_database(tmp_path, seed, capsys):
    db = tmp_path / "r.db"
    with Repository.open(db) as repo:
        repo.import_report(seed)
        repo.import_report(Report(seed.agency, 2021, "2021", texts=dict(seed.texts)))
        repo.import_report(Report("另一局", 2021, "2021", texts=dict(seed.texts)))
    out = tmp_path / "审核.html"
    assert main.main(["review", "--db", str(db), "--year", "2021", "--to", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page  # self-contained
    assert page.count("<h2>") == 3 and "另一局" in page
    assert "与上年报告的相同部分" in page  # 2020's report found in the database
    assert "雷同" in page  # the two agencies' prose is the same


def test_unusable_requests_exit_2_and_write_nothing(tmp_path, seed_path, capsys):
    out = tmp_path / "o.pdf"
    assert main.main(["review", str(seed_path), "--to", str(out)]) == 2
    assert main.main(["review", "--to", str(tmp_path / "o.xlsx")]) == 2
    assert main.main(["review", "--year", "2021", "--to", str(tmp_path / "o.xlsx")]) == 2
    err = capsys.readouterr().err
    assert ".xlsx 或 .html" in err and "缺少要审核的报告" in err and "--db" in err
    assert not out.exists() and not (tmp_path / "o.xlsx").exists()


def test_a_document_that_breaks_its_reader_is_a_row_and_the_run_goes_on(tmp_path, seed, monkeypatch, capsys):
    import importer.inputs

    def broken(path):
        raise ValueError("unforeseen")

    monkeypatch.setattr(importer.inputs, "import_file", broken)
    (tmp_path / "a.html").write_text("<html></html>", encoding="utf-8")
    _write(tmp_path / "b.json", seed)
    out = tmp_path / "r.xlsx"
    assert main.main(["review", str(tmp_path / "a.html"), str(tmp_path / "b.json"), "--to", str(out)]) == 1
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert rows[0][1].startswith("无法读取：读取时出错") and rows[1][1] == seed.agency


def test_last_runs_result_in_the_folder_under_review_is_not_an_input(tmp_path, seed, capsys):
    folder = tmp_path / "收到的年报"
    folder.mkdir()
    _write(folder / "a2020.json", seed)
    out = folder / "审核.html"
    assert main.main(["review", str(folder), "--to", str(out)]) == 0
    assert main.main(["review", str(folder), "--to", str(out)]) == 0  # the first run's page is now in the folder
    assert "已审核 1 份报告" in capsys.readouterr().out.splitlines()[-1]
    assert main.main(["review", str(out), "--to", str(out)]) == 2
    assert "是要审核的文件之一" in capsys.readouterr().err

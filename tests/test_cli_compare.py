"""main.py compare: every differing cell and text between two reports; exit 0 same, 1 different."""

from __future__ import annotations

import json

import main
from export import kinds
from report import exchange

from .conftest import SHARED

SEED_TEXT = SHARED / "seeds" / "000_578647436011cd62.txt"


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


def _stored(seed, db):
    from storage.repository import Repository

    with Repository.open(db) as repo:
        repo.import_report(seed)


def test_compare_a_published_pdf_with_the_stored_report(seed, tmp_path, capsys):
    db = tmp_path / "年报.sqlite"
    _stored(seed, db)
    pdf = tmp_path / "已发布.pdf"
    kinds.write(seed, pdf)
    stored = ["--db", str(db), "--agency", seed.agency, "--year", str(seed.year)]
    assert main.main(["compare", str(pdf), *stored]) == 0
    out = capsys.readouterr().out
    assert f"甲：{pdf}" in out and f"乙：数据库 {db} 中「{seed.agency}」2020 年度报告" in out and "两份报告相同" in out

    # The published copy says another figure and has a paragraph more than the stored (approved) report.
    seed.cells["s2.rules:made"] = (seed.value("s2.rules:made") or 0) + 7
    seed.texts["s6"] = seed.text("s6") + "\n网站编辑加上的一段。"
    kinds.write(seed, pdf)
    assert main.main(["compare", str(pdf), *stored, "--json"]) == 1
    found = {d["id"]: d for d in json.loads(capsys.readouterr().out)}
    assert set(found) == {"s2.rules:made", "s6"}
    assert found["s2.rules:made"]["left"] == str(seed.value("s2.rules:made"))
    assert "网站编辑加上的一段" in found["s6"]["left"] and found["s6"]["right"] == ""


def test_a_body_without_its_title_takes_the_stored_reports(seed, tmp_path, capsys):
    """Text copied from a web page without its title: the agency and year come from the stored report."""
    db = tmp_path / "年报.sqlite"
    _stored(seed, db)
    text = SEED_TEXT.read_text(encoding="utf-8")
    page = tmp_path / "正文.txt"
    page.write_text(text[text.index("## 一、总体情况"):], encoding="utf-8")
    stored = ["--db", str(db), "--agency", seed.agency, "--year", "2020"]
    main.main(["compare", str(page), *stored])
    out = capsys.readouterr().out
    assert "（文件中没有标题，机关名称、年度取自另一份报告）" in out
    assert "机关名称：" not in out and "年度：" not in out  # not differences: the copy does not state them

    # Two files: the one without a title takes it from the other.
    approved = tmp_path / "approved.json"
    kinds.write(seed, approved)
    main.main(["compare", str(approved), str(page)])
    out = capsys.readouterr().out
    assert f"乙：{page}（文件中没有标题，机关名称、年度取自另一份报告）" in out and "机关名称：" not in out


def test_a_changed_year_in_the_published_title_is_a_difference(seed, tmp_path, capsys):
    db = tmp_path / "年报.sqlite"
    _stored(seed, db)
    wrong = exchange.loads(exchange.dumps(seed))
    wrong.year = 2019
    page = tmp_path / "page.html"
    kinds.write(wrong, page)
    assert main.main(["compare", str(page), "--db", str(db), "--agency", seed.agency, "--year", "2020", "--json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert {"kind": "field", "id": "year", "where": "年度", "left": "2019", "right": "2020"} in found


def test_compare_with_a_stored_report_refuses_what_it_cannot_use(seed, tmp_path, capsys):
    db = tmp_path / "年报.sqlite"
    _stored(seed, db)
    approved = tmp_path / "approved.json"
    kinds.write(seed, approved)

    def refused(*argv):
        assert main.main(["compare", *argv]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and "Traceback" not in captured.err
        return captured.err

    assert f"没有「{seed.agency}」2021 年的报告" in refused(str(approved), "--db", str(db), "--agency", seed.agency,
                                                          "--year", "2021")
    assert "缺少乙" in refused(str(approved))
    assert "只用一种方式" in refused(str(approved), str(approved), "--agency", seed.agency, "--year", "2020")
    assert "--year" in refused(str(approved), "--db", str(db), "--agency", seed.agency)
    assert "找不到" in refused(str(tmp_path / "无此文件.pdf"), "--db", str(db), "--agency", seed.agency,
                               "--year", "2020")
    assert not (tmp_path / "无此文件.pdf").exists()


def test_compare_an_edited_spreadsheet_with_the_approved_file(seed, tmp_path, capsys):
    """A clerk changed a figure in the exported workbook (then saved by openpyxl, which keeps no formula's value;
    the data part put back as Excel and WPS keep it): compare names the figure as the sheet shows it."""
    import io

    import openpyxl

    from export import ooxml_data, xlsx

    approved = tmp_path / "approved.json"
    kinds.write(seed, approved)
    book = openpyxl.load_workbook(io.BytesIO(xlsx.render(seed)))
    label = seed.format.cells["s3.new:natural"].row.label
    sheet = next(ws for ws in book.worksheets if str(ws["A1"].value).startswith("三、"))
    row = next(r for r in sheet.iter_rows() if any(c.value == label for c in r))
    figure = next(c for c in row if isinstance(c.value, int))
    figure.value += 9
    out = io.BytesIO()
    book.save(out)
    edited = tmp_path / "已发布.xlsx"
    edited.write_bytes(ooxml_data.embed(out.getvalue(), exchange.dumps_embedded(seed)))

    assert main.main(["compare", str(edited), str(approved), "--json"]) == 1
    found = {d["id"]: d for d in json.loads(capsys.readouterr().out)}
    assert set(found) == {"s3.new:natural", "s3.new:total"}
    natural = found["s3.new:natural"]
    assert (natural["left"], natural["right"]) == (str(seed.value("s3.new:natural") + 9), str(seed.value("s3.new:natural")))

"""`main.py ledger export OUT.xlsx --db DB --agency NAME --year YEAR [--with-names]`: the ledger in the template's
columns, read back by `ledger import` as it was; applicants' names only when asked for, and never in a published
output or an exchange file."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest

import main
from report.ledger import Application, Correction
from storage.repository import Repository

AGENCY = "某某区司法局"
NAME = "欧阳明远"  # an applicant: personal information
LEDGER = [
    Application("0012", dt.date(2024, 3, 1), "legal", applicant=NAME, content="规划许可",
                corrections=(Correction(dt.date(2024, 3, 2), dt.date(2024, 3, 5)), Correction(dt.date(2024, 3, 8))),
                extended=True, answered=dt.date(2024, 4, 20), result="s3.withheld.state_secret", fee=Decimal("12.5"),
                review="复议维持", suit="审理中"),
    Application("A-2", dt.date(2023, 12, 1), "natural", applicant="李四", answered=dt.date(2024, 1, 5),
                result="s3.granted"),
    Application("A-3", dt.date(2020, 6, 1), "research", answered=dt.date(2020, 6, 9), result="s3.granted"),
    Application("A-4", dt.date(2024, 12, 30), "nonprofit"),
]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "年报.sqlite"
    with Repository.open(path) as repo:
        repo.import_ledger(AGENCY, 2024, LEDGER)
    return path


def _export(db, out, *extra):
    return main.main(["ledger", "export", str(out), "--db", str(db), "--agency", AGENCY, "--year", "2024", *extra])


def test_export_without_names_reimports_and_keeps_the_stored_names(db, tmp_path, capsys):
    out = tmp_path / "台账 导出.xlsx"
    assert _export(db, out) == 0
    assert "已导出「某某区司法局」的台账 4 件申请，不含申请人姓名" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[3] == "申请人" and all(row[3].value is None for row in sheet.iter_rows(min_row=2))
    assert NAME not in _all_text(out)
    # Read back into a fresh database: every field as stored, but the names.
    again = tmp_path / "另一个.sqlite"
    assert main.main(["ledger", "import", str(out), "--db", str(again), "--agency", AGENCY, "--year", "2024"]) == 0
    with Repository.open(again) as repo:
        assert repo.applications(AGENCY) == sorted((replace(a, applicant="") for a in LEDGER),
                                                   key=lambda a: (a.received, a.number))
    # Read back into the same database: the names stored there stay.
    assert main.main(["ledger", "import", str(out), "--db", str(db), "--agency", AGENCY, "--year", "2024"]) == 0
    with Repository.open(db) as repo:
        assert {a.number: a.applicant for a in repo.applications(AGENCY)}["0012"] == NAME


def test_names_only_when_asked(db, tmp_path, capsys):
    out = tmp_path / "含姓名.xlsx"
    assert _export(db, out, "--with-names") == 0
    assert "含申请人姓名" in capsys.readouterr().out
    names = [row[3].value for row in openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=2)]
    assert NAME in names and "李四" in names


def test_a_bad_name_changes_nothing(db, tmp_path, capsys):
    assert _export(db, tmp_path / "台账.csv") == 2
    assert "应以 .xlsx 结尾" in capsys.readouterr().err
    assert not (tmp_path / "台账.csv").exists()


@pytest.mark.parametrize("suffix", [".json", ".html", ".docx", ".xlsx"])
def test_no_published_output_or_exchange_file_holds_a_name(db, tmp_path, suffix):
    out = tmp_path / f"报告{suffix}"
    assert main.main(["export", "--db", str(db), "--agency", AGENCY, "--year", "2024", "--to", str(out)]) == 0
    text = _all_text(out)
    assert "规划许可" not in text and NAME not in text and "李四" not in text
    assert AGENCY in text  # the file was read as text: the agency's own name is there


def _all_text(path) -> str:
    """Every text a file holds, the members of an Office file (a zip of XML) included."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return path.read_text(encoding="utf-8")

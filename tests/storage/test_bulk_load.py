"""Reading many reports at once (汇总 of a year): the same reports as loading each, in the order asked, whatever
the number of statements it takes; a report that is missing refuses them all, as loading it alone would."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from storage import queries
from storage.repository import StorageError
from storage.year_reports import reports_to_aggregate


def _fill(repo, seed) -> list[int]:
    """Reports of both formats, with and without cells, texts and a date."""
    ids = [repo.import_report(seed)]
    ids.append(repo.create_report("乙区教育局", 2021))
    repo.set_cell(ids[-1], "s2.fees:amount", Decimal("16.8950"))
    repo.set_text(ids[-1], "s6", "无")
    repo.set_date(ids[-1], datetime.date(2022, 1, 20))
    ids.append(repo.create_report("丙区民政局", 2020))  # empty
    ids.append(repo.create_report("丁区财政局", 2021))
    repo.set_cell(ids[-1], "s2.rules:issued", 4)
    return ids


@pytest.mark.parametrize("per_statement", [queries.BULK_IDS, 1, 3])
def test_the_same_reports_as_loading_each_in_the_order_asked(repo, seed, monkeypatch, per_statement):
    monkeypatch.setattr(queries, "BULK_IDS", per_statement)
    ids = _fill(repo, seed)
    asked = [ids[3], ids[0], ids[2], ids[1], ids[0]]
    loaded = repo.load_many(asked)
    assert loaded == [repo.load(i) for i in asked]
    assert loaded[1].texts == {k: t for k, t in seed.texts.items() if t} and loaded[3].date == datetime.date(2022, 1, 20)
    assert loaded[3].cells["s2.fees:amount"] == Decimal("16.8950")
    assert repo.load_many([]) == []


def test_a_missing_report_refuses_them_all(repo, seed):
    ids = _fill(repo, seed)
    with pytest.raises(StorageError) as missing:
        repo.load_many([ids[0], 9999])
    assert missing.value.reason == "missing" and "9999" in missing.value.message


def test_reports_to_aggregate_reads_the_years_reports_but_the_collectors(repo, seed):
    ids = _fill(repo, seed)
    own = repo.create_report("某区人民政府", 2021)
    repo.set_cell(own, "s2.rules:issued", 1)
    summed = reports_to_aggregate(repo, 2021, "某区人民政府")
    assert summed == [repo.load(ids[3]), repo.load(ids[1])]  # listed by agency name: 丁, 乙


def test_a_years_review_entries_with_last_years_reports(repo, db_path):
    import sqlite3

    from storage.review_inputs import year_entries

    earlier = repo.create_report("乙区教育局", 2020)
    repo.set_cell(earlier, "s2.procurement:projects", 2)
    this = repo.create_report("乙区教育局", 2021)
    alone = repo.create_report("丁区财政局", 2021)
    repo.set_cell(alone, "s2.rules:issued", 4)
    entries = year_entries(repo, 2021)
    assert [(e.source, e.report, e.previous) for e in entries] == [
        ("数据库：丁区财政局", repo.load(alone), None),
        ("数据库：乙区教育局", repo.load(this), repo.load(earlier))]
    # A report this program cannot read is an entry saying why; the others are read as before.
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE reports SET format_id = '2099' WHERE id = ?", (alone,))
    entries = year_entries(repo, 2021)
    assert entries[0].report is None and "2099" in entries[0].problem
    assert (entries[1].report, entries[1].previous) == (repo.load(this), repo.load(earlier))

"""The repository on real SQLite files: round trips, exact values, the revision log, new year from last year."""

from __future__ import annotations

import datetime
import json
import sqlite3
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report import exchange
from report.calc import with_totals
from report.formats import FORMATS
from report.status import Status
from storage.file_format import SCHEMA_VERSION
from storage.repository import Repository, StorageError

from .conftest import Clock


def test_new_file_is_created_and_reopened(db_path):
    with Repository.open(db_path) as repo:
        rid = repo.create_report("某区教育局", 2021)
        assert repo.path == db_path
    with Repository.open(db_path) as repo:
        [info] = repo.reports()
        assert (info.id, info.agency, info.year, info.format_id, info.status) == (rid, "某区教育局", 2021, "2021", "草稿")
        assert [a.name for a in repo.agencies()] == ["某区教育局"]
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_connection_settings(repo):
    with repo._engine.connect() as conn:
        def pragma(name):
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert (pragma("journal_mode"), pragma("synchronous"), pragma("foreign_keys")) == ("wal", 2, 1)  # 2: FULL


def test_format_follows_year_and_can_be_given(repo):
    assert repo.load(repo.create_report("甲局", 2020)).format_id == "2019"
    assert repo.load(repo.create_report("甲局", 2021)).format_id == "2021"
    assert repo.load(repo.create_report("乙局", 2021, "2019")).format_id == "2019"
    with pytest.raises(StorageError, match="没有「2030」这种报告格式"):
        repo.create_report("丙局", 2021, "2030")


def test_duplicate_agency_year_is_refused(repo):
    repo.create_report("甲局", 2021)
    with pytest.raises(StorageError, match="已有「甲局」2021 年的报告") as e:
        repo.create_report(" 甲局 ", 2021)
    assert e.value.reason == "exists"


@pytest.mark.parametrize("agency, year, message", [
    ("", 2021, "机关名称不能为空"),
    ("局" * 101, 2021, "最多 100 个字"),
    ("甲\n局", 2021, "控制字符"),
    ("甲局", 1999, "年度应在 2008–2100"),
])
def test_bad_agency_or_year(repo, agency, year, message):
    with pytest.raises(StorageError, match=message):
        repo.create_report(agency, year)
    assert repo.reports() == []


def test_cells_are_stored_exactly_as_text(repo, db_path):
    rid = repo.create_report("甲局", 2020)
    repo.set_cell(rid, "s2.procurement:amount", Decimal("16.8950"))
    repo.set_cell(rid, "s2.license:change", -3)
    repo.set_cell(rid, "s3.new:natural", 0)
    repo.set_cell(rid, "s2.procurement:projects", 7)
    report = repo.load(rid)
    assert report.cells == {"s2.procurement:amount": Decimal("16.8950"), "s2.license:change": -3,
                            "s3.new:natural": 0, "s2.procurement:projects": 7}
    assert str(report.cells["s2.procurement:amount"]) == "16.8950"  # trailing zero kept
    rows = sqlite3.connect(db_path).execute("SELECT cell_id, value, typeof(value) FROM cells ORDER BY cell_id").fetchall()
    assert ("s2.procurement:amount", "16.8950", "text") in rows
    assert all(kind == "text" for *_, kind in rows)


def test_an_int_amount_comes_back_as_decimal(repo):
    rid = repo.create_report("甲局", 2020)
    repo.set_cell(rid, "s2.procurement:amount", 12)
    assert repo.load(rid).cells["s2.procurement:amount"] == Decimal(12)
    assert isinstance(repo.load(rid).cells["s2.procurement:amount"], Decimal)


@pytest.mark.parametrize("cell, value, message", [
    ("s3.total:natural", 3, "自动计算的合计"),
    ("s2.nope:made", 3, "没有编号为「s2.nope:made」的单元格"),
    ("s2.rules:in_force", 3, "没有编号为"),  # a 2021 cell in a 2019 report
    ("s3.new:natural", -1, "不小于 0"),
    ("s3.new:natural", Decimal("1.5"), "应为整数"),
    ("s2.procurement:amount", Decimal("1.1234567"), "最多保留 6 位小数"),
    ("s2.procurement:amount", 1.5, "应为以万元计的数额"),  # a float is never accepted
])
def test_refused_cells_change_nothing(repo, cell, value, message):
    rid = repo.create_report("甲局", 2020)
    before = repo.revisions(rid)
    with pytest.raises(StorageError, match=message):
        repo.set_cell(rid, cell, value)
    assert repo.load(rid).cells == {} and repo.revisions(rid) == before


def test_totals_are_computed_not_stored(repo, seed):
    rid = repo.import_report(seed)
    stored = repo.load(rid)
    assert not set(stored.cells) & set(stored.format.computed)
    assert with_totals(stored).cells == with_totals(seed).cells


def test_texts(repo):
    rid = repo.create_report("甲局", 2021)
    repo.set_text(rid, "s1", "第一段\r\n第二段\x0b第三段\x07")
    assert repo.load(rid).texts == {"s1": "第一段\n第二段\n第三段"}
    repo.set_text(rid, "s1", "")
    assert repo.load(rid).texts == {}
    with pytest.raises(StorageError, match="没有编号为「s2」的正文部分"):
        repo.set_text(rid, "s2", "表格不是正文")


def test_preamble_is_stored_listed_in_the_history_and_replaced_by_an_import(repo, tmp_path):
    from report import exchange

    rid = repo.create_report("甲局", 2021)
    repo.set_text(rid, "preamble", "本报告由甲局编制。\r\n统计期限自1月1日至12月31日。")
    assert repo.load(rid).texts == {"preamble": "本报告由甲局编制。\n统计期限自1月1日至12月31日。"}
    assert any("「导语」" in r.description for r in repo.revisions(rid))
    incoming = repo.load(rid)
    incoming.texts = {"s1": "总体情况。"}  # a file without a preamble replaces the stored one
    path = tmp_path / "甲局.json"
    path.write_text(exchange.dumps(incoming), encoding="utf-8")
    repo.import_exchange(path, replace=True)
    assert repo.load(rid).texts == {"s1": "总体情况。"}


def test_final_report_refuses_edits_until_draft(repo):
    rid = repo.create_report("甲局", 2021)
    repo.set_status(rid, "定稿")
    with pytest.raises(StorageError, match="已定稿") as e:
        repo.set_cell(rid, "s3.new:natural", 1)
    assert e.value.reason == "final"
    with pytest.raises(StorageError, match="报告状态应为"):
        repo.set_status(rid, "作废")
    repo.set_status(rid, "草稿")
    repo.set_cell(rid, "s3.new:natural", 1)
    assert repo.reports()[0].status == "草稿"


def test_date(repo):
    rid = repo.create_report("甲局", 2021)
    repo.set_date(rid, datetime.date(2022, 1, 20))
    assert repo.load(rid).date == datetime.date(2022, 1, 20)


def test_listing_order_and_filter(repo):
    for agency, year in [("乙局", 2020), ("甲局", 2020), ("甲局", 2021), ("乙局", 2021)]:
        repo.create_report(agency, year)
    assert [(r.agency, r.year) for r in repo.reports()] == sorted(
        [("乙局", 2020), ("甲局", 2020), ("甲局", 2021), ("乙局", 2021)], key=lambda ay: (ay[0], -ay[1]))
    jia = next(a for a in repo.agencies() if a.name == "甲局")
    assert {r.year for r in repo.reports(jia.id)} == {2020, 2021}
    assert repo.find_report("甲局", 2021) is not None and repo.find_report("甲局", 2019) is None


def test_delete_and_restore(repo):
    rid = repo.create_report("甲局", 2021)
    repo.set_cell(rid, "s3.new:natural", 4)
    repo.delete_report(rid)
    assert repo.reports() == [] and repo.find_report("甲局", 2021) is None
    assert [r.id for r in repo.deleted_reports()] == [rid]
    with pytest.raises(StorageError, match="已被删除"):
        repo.set_cell(rid, "s3.new:natural", 5)
    # A new report for the same year may be made meanwhile; then the old one cannot come back beside it.
    other = repo.create_report("甲局", 2021)
    with pytest.raises(StorageError, match="已有「甲局」2021 年的另一份报告"):
        repo.restore_deleted(rid)
    repo.delete_report(other)
    repo.restore_deleted(rid)
    assert repo.load(rid).cells == {"s3.new:natural": 4}
    assert [r.id for r in repo.reports()] == [rid]


def test_every_change_is_logged_and_any_state_restored(db_path):
    clock = Clock()
    with Repository.open(db_path, clock=clock) as repo:
        rid = repo.create_report("甲局", 2021)
        states = []

        def snapshot():
            states.append((repo.revisions(rid)[0].id, repo.load(rid), repo.info(rid).status))

        snapshot()
        repo.set_cell(rid, "s3.new:natural", 4)
        snapshot()
        clock.advance(minutes=5)  # not one burst of typing (test_a_burst_of_saves_of_one_cell_is_one_revision)
        repo.set_cell(rid, "s3.new:natural", 5)
        snapshot()
        repo.set_text(rid, "s1", "初稿")
        snapshot()
        clock.advance(minutes=5)
        repo.set_text(rid, "s1", "修改稿")
        snapshot()
        repo.set_status(rid, "定稿")
        snapshot()
        repo.delete_report(rid)
        snapshot()
        history = repo.revisions(rid)
        assert [r.kind for r in history] == ["deleted", "status", "text", "text", "cell", "cell", "create"]
        assert history[4].description == "「三、收到和处理政府信息公开申请情况」一、本年新收政府信息公开申请数量·自然人：4 → 5"
        assert history[4].old == "4" and history[4].new == "5"
        for revision_id, report, status in states:
            repo.restore_revision(rid, revision_id)
            assert (repo.load(rid), repo.info(rid).status) == (report, status)
            assert (repo.info(rid).deleted_at is not None) == (revision_id == states[-1][0])
        # Restoring is itself in the log and can be undone: back to the deleted state, then forth again.
        assert repo.revisions(rid)[0].kind == "restore"
        repo.restore_revision(rid, states[2][0])
        assert repo.load(rid).cells == {"s3.new:natural": 5} and repo.load(rid).texts == {}


def test_a_burst_of_text_saves_is_one_revision(db_path):
    clock = Clock()
    with Repository.open(db_path, clock=clock) as repo:
        rid = repo.create_report("甲局", 2021)
        for text in ["政", "政府", "政府信息"]:
            repo.set_text(rid, "s1", text)
        [text_rev, _create] = repo.revisions(rid)
        assert (text_rev.old, text_rev.new) == (None, "政府信息")
        clock.advance(minutes=1)
        repo.set_text(rid, "s1", "政府信息公开")
        assert [(r.old, r.new) for r in repo.revisions(rid) if r.kind == "text"] == [
            ("政府信息", "政府信息公开"), (None, "政府信息")]


def test_a_burst_of_saves_of_one_cell_is_one_revision(db_path):
    """The window saves a figure at every key typed: 1, 12, 120 is one revision, as a burst of text is."""
    clock = Clock()
    with Repository.open(db_path, clock=clock) as repo:
        rid = repo.create_report("甲局", 2021)
        for value in (1, 12, 120):
            repo.set_cell(rid, "s3.new:natural", value)
        [cell_rev, _create] = repo.revisions(rid)
        assert (cell_rev.old, cell_rev.new) == (None, "120")
        repo.set_cell(rid, "s3.new:legal", 3)  # another cell between: the next save of the first is its own
        repo.set_cell(rid, "s3.new:natural", 121)
        assert [(r.target, r.new) for r in repo.revisions(rid) if r.kind == "cell"] == [
            ("s3.new:natural", "121"), ("s3.new:legal", "3"), ("s3.new:natural", "120")]
        clock.advance(minutes=1)
        repo.set_cell(rid, "s3.new:natural", 122)
        assert len([r for r in repo.revisions(rid) if r.kind == "cell"]) == 4


def test_unchanged_value_logs_nothing(repo):
    rid = repo.create_report("甲局", 2021)
    repo.set_cell(rid, "s3.new:natural", 4)
    repo.set_cell(rid, "s3.new:natural", 4)
    assert len(repo.revisions(rid)) == 2


@given(st.lists(st.tuples(st.sampled_from(["s3.new:natural", "s3.new:legal", "s2.fees:change"]),
                          st.integers(-5, 5)), min_size=1, max_size=12), st.data())
def test_restore_any_revision_property(tmp_path_factory, edits, data):
    path = tmp_path_factory.mktemp("prop") / "年报.sqlite"
    with Repository.open(path) as repo:
        rid = repo.create_report("甲局", 2020)
        states = {repo.revisions(rid)[0].id: {}}
        for cell, value in edits:
            if value < 0 and cell != "s2.fees:change":
                continue
            repo.set_cell(rid, cell, value)
            states[repo.revisions(rid)[0].id] = dict(repo.load(rid).cells)
        chosen = data.draw(st.sampled_from(sorted(states)))
        repo.restore_revision(rid, chosen)
        assert repo.load(rid).cells == states[chosen]


# ------------------------------------------------------------------------------------------ new year


def test_start_from_previous_2019_format(repo):
    last = repo.create_report("甲局", 2019)
    for column, value in [("natural", 3), ("legal", 2)]:
        repo.set_cell(last, f"s3.carried_out:{column}", value)
    repo.set_cell(last, "s2.license:prev_count", 10)
    repo.set_cell(last, "s2.license:change", -4)
    repo.set_cell(last, "s2.penalty:change", 2)
    repo.set_text(last, "s1", "去年的正文")
    rid = repo.start_from_previous("甲局", 2020)
    new = repo.load(rid)
    assert (new.year, new.format_id, new.texts) == (2020, "2019", {})
    assert new.cells == {"s3.carried_in:natural": 3, "s3.carried_in:legal": 2,
                         "s2.license:prev_count": 6, "s2.penalty:prev_count": 2}
    from report.checks import check
    assert not [f for f in check(new, repo.previous_year_report(rid)) if f.rule.startswith("cross.")]


def test_start_from_previous_into_2021_and_within_2021(repo):
    last = repo.create_report("甲局", 2020)
    repo.set_cell(last, "s3.carried_out:research", 1)
    repo.set_cell(last, "s2.license:prev_count", 10)  # no 2021 counterpart: not carried
    y2021 = repo.load(repo.start_from_previous("甲局", 2021))
    assert (y2021.format_id, y2021.cells) == ("2021", {"s3.carried_in:research": 1})
    rid = repo.find_report("甲局", 2021)
    repo.set_cell(rid, "s2.rules:in_force", 12)
    repo.set_cell(rid, "s2.rules:issued", 3)
    repo.set_cell(rid, "s3.carried_out:natural", 5)
    y2022 = repo.load(repo.start_from_previous("甲局", 2022))
    assert y2022.cells == {"s2.rules:in_force": 12, "s3.carried_in:natural": 5}


def test_start_from_previous_needs_last_year(repo):
    repo.create_report("甲局", 2019)
    with pytest.raises(StorageError, match="没有「甲局」2020 年的报告，无法从上年结转"):
        repo.start_from_previous("甲局", 2021)
    repo.start_from_previous("甲局", 2020)
    with pytest.raises(StorageError, match="已有「甲局」2020 年的报告"):
        repo.start_from_previous("甲局", 2020)


def test_a_negative_carry_is_not_stored_but_said(repo):
    last = repo.create_report("甲局", 2019)
    repo.set_cell(last, "s2.license:change", -4)  # and no prev_count: 0 − 4 cannot be a count
    rid = repo.start_from_previous("甲局", 2020)
    assert repo.load(rid).cells == {}
    assert "未结转" in repo.revisions(rid)[-1].detail


# ------------------------------------------------------------------------------------------ exchange files


def test_import_and_read_back_round_trip(repo, seed_path):
    notes: list[str] = []
    rid = repo.import_exchange(seed_path, notes=notes)
    assert notes == []
    document = exchange.dumps(repo.load(rid))  # what the window or the command line would write out
    assert exchange.loads(document) == exchange.read(seed_path)
    written = json.loads(document)
    original = json.loads(seed_path.read_text(encoding="utf-8"))
    assert written["cells"] == original["cells"] and written["texts"] == original["texts"]


def test_import_refuses_existing_without_replace_and_replace_is_undoable(repo, seed_path, seed, tmp_path):
    rid = repo.import_exchange(seed_path)
    repo.set_cell(rid, "s3.new:natural", 9)
    edited = repo.load(rid)
    with pytest.raises(StorageError, match="已有「.*」2020 年的报告；如要用文件内容替换它") as e:
        repo.import_exchange(seed_path)
    assert e.value.reason == "exists"
    assert repo.import_exchange(seed_path, replace=True) == rid
    assert with_totals(repo.load(rid)).cells == with_totals(seed).cells
    before_import = [r for r in repo.revisions(rid) if r.kind == "import"][0].id - 1
    repo.restore_revision(rid, before_import)
    assert repo.load(rid) == edited


def test_import_does_not_replace_a_final_report(repo, seed_path):
    rid = repo.import_exchange(seed_path)
    repo.set_cell(rid, "s3.new:natural", 9)
    repo.set_status(rid, "定稿")
    before = repo.load(rid)
    with pytest.raises(StorageError) as e:
        repo.import_exchange(seed_path, replace=True)
    assert e.value.reason == "final" and "定稿" in str(e.value)
    assert repo.load(rid) == before


def test_import_recomputes_wrong_published_totals_and_says_so(repo, seed, tmp_path):
    seed.cells["s3.new:total"] = 99
    path = tmp_path / "错的合计.json"
    path.write_text(exchange.dumps(seed), encoding="utf-8")
    notes: list[str] = []
    rid = repo.import_exchange(path, notes=notes)
    assert len(notes) == 1 and "文件中为 99" in notes[0] and "已按各项之和计算" in notes[0]
    assert "文件中为 99" in repo.revisions(rid)[-1].detail  # the published figure is kept in the log


def test_import_of_a_bad_file(repo, tmp_path, seed):
    path = tmp_path / "坏.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(StorageError, match="无法导入 .*JSON 格式错误"):
        repo.import_exchange(path)
    seed.cells["s2.rules:made"] = -1
    path.write_text(exchange.dumps(seed), encoding="utf-8")
    with pytest.raises(StorageError, match="不小于 0"):
        repo.import_exchange(path)
    assert repo.reports() == []


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_every_input_cell_round_trips(repo, format_id):
    fmt = FORMATS[format_id]
    rid = repo.create_report("甲局", 2021, format_id)
    values = {}
    for i, cid in enumerate(fmt.input_cells):
        kind = fmt.cells[cid].kind.value
        values[cid] = Decimal(f"{i}.0100") if kind == "amount" else (-i if kind == "signed" else i)
        repo.set_cell(rid, cid, values[cid])
    assert repo.load(rid).cells == values


def test_unknown_report_id(repo):
    with pytest.raises(StorageError, match="没有编号为 42 的报告"):
        repo.load(42)


def test_the_latest_report_and_the_listing_agree(db_path, clock):
    with Repository.open(db_path, clock=clock) as repo:
        assert repo.latest_report() is None
        first = repo.create_report("乙局", 2021)
        second = repo.create_report("甲局", 2021)
        third = repo.create_report("甲局", 2022)
        assert repo.latest_report() == third
        repo.set_cell(first, "s3.new:natural", 5)
        assert repo.latest_report() == first
        repo.delete_report(first)
        assert repo.latest_report() == third  # deleting touched it, but a deleted report is not opened
        infos = repo.reports()
        assert [(i.agency, i.year) for i in infos] == [("甲局", 2022), ("甲局", 2021)]
        assert infos[1].id == second and infos[1].created_at == infos[1].updated_at
        assert isinstance(infos[0].updated_at, datetime.datetime) and infos[0].deleted_at is None
        [deleted] = repo.deleted_reports()
        assert deleted.id == first and deleted.deleted_at > deleted.created_at


def test_the_database_stores_and_reports_the_status(tmp_path):
    with Repository.open(tmp_path / "年报.sqlite") as repo:
        rid = repo.create_report("某某区司法局", 2023)
        assert repo.info(rid).status == Status.DRAFT
        repo.set_status(rid, Status.FINAL)
        assert repo.info(rid).status == Status.FINAL
        assert type(repo.info(rid).status) is str  # plain text in the file

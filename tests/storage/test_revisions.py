"""storage.revisions on its own: every kind of change in its table is read, written, logged, described and
restored the same way, inside a plain session on a new database file."""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from report.formats import FORMATS
from storage import database, revisions
from storage.errors import StorageError
from storage.schema import Agency, ReportRow

from .conftest import Clock

# kind -> (target, a value other than a new report's)
SAMPLES: dict[str, tuple[str | None, str]] = {
    "cell": ("s3.new:natural", "5"),
    "text": ("s1", "本年度我局……"),
    "status": (None, "定稿"),
    "date": (None, "2022-01-15"),
    "format": (None, "2019"),
    "ledger": (None, "1"),
    "deleted": (None, "2022-02-01 08:30:00.000000"),
}


@pytest.fixture
def session(db_path):
    database.create_schema(db_path)
    engine = database.make_engine(db_path, read_only=False)
    with Session(engine) as s, s.begin():
        yield s
    engine.dispose()


def _report(s: Session, clock: Clock, agency: str = "甲局", year: int = 2021) -> ReportRow:
    found = s.scalars(select(Agency).where(Agency.name == agency)).first()
    if found is None:
        found = Agency(name=agency, created_at=clock())
        s.add(found)
        s.flush()
    row = ReportRow(agency_id=found.id, year=year, format_id="2021", status="草稿", created_at=clock(),
                    updated_at=clock())
    s.add(row)
    s.flush()
    revisions.log_event(s, row, "create", clock(), detail="新建空白报告")
    return row


def test_the_table_covers_every_logged_kind_once():
    assert set(SAMPLES) == set(revisions.STATE)
    assert not set(revisions.STATE) & set(revisions.EVENTS)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_kind_reads_back_what_it_wrote(session, clock, kind):
    row = _report(session, clock)
    piece, (target, value) = revisions.STATE[kind], SAMPLES[kind]
    before = piece.read(session, row, target)
    assert before != value
    piece.write(session, row, target, value)
    assert piece.read(session, row, target) == value
    piece.write(session, row, target, before)
    assert piece.read(session, row, target) == before


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_a_change_is_logged_once_with_its_old_and_new_value(session, clock, kind):
    row = _report(session, clock)
    target, value = SAMPLES[kind]
    old = revisions.STATE[kind].read(session, row, target)
    assert revisions.change(session, row, kind, target, value, clock)
    assert not revisions.change(session, row, kind, target, value, clock)  # no change, nothing logged
    newest, created = revisions.history(session, row)
    assert (newest.kind, newest.target, newest.old, newest.new) == (kind, target, old, value)
    assert created.kind == "create" and created.description == "创建报告：新建空白报告"
    assert row.updated_at == newest.at


def test_history_lines_say_what_changed_in_chinese(session, clock):
    row = _report(session, clock)
    for kind, (target, value) in SAMPLES.items():
        revisions.change(session, row, kind, target, value, clock)
    lines = {r.kind: r.description for r in revisions.history(session, row)}
    label = FORMATS["2019"].cells["s3.new:natural"].label  # the format was changed before the history was read
    assert lines["cell"] == f"{label}：（空） → 5"
    assert lines["text"].startswith("修改正文「") and lines["text"].endswith("（0 字 → 7 字）")
    assert lines["status"] == "状态：草稿 → 定稿"
    assert lines["date"] == "成文日期：（空） → 2022-01-15"
    assert lines["format"] == "报告格式：2021 → 2019"
    assert lines["deleted"] == "删除报告"


def test_a_long_value_is_cut_short_in_its_line():
    assert revisions.brief("一" * 20) == "一" * 20
    assert revisions.brief("一" * 21) == "一" * 19 + "…"
    assert revisions.brief(None) == "（空）"


def test_restoring_brings_every_kind_back_and_is_logged(session, clock):
    row = _report(session, clock)
    start = {kind: revisions.STATE[kind].read(session, row, target) for kind, (target, _) in SAMPLES.items()}
    [created] = revisions.history(session, row)
    for kind, (target, value) in SAMPLES.items():
        revisions.change(session, row, kind, target, value, clock)
    revisions.restore(session, row, created.id, clock)
    assert {kind: revisions.STATE[kind].read(session, row, target) for kind, (target, _) in SAMPLES.items()} == start
    history = revisions.history(session, row)
    assert history[0].kind == "restore" and history[0].target == str(created.id)
    assert history[0].description.startswith("恢复到 ") and history[0].description.endswith(" 的状态")
    assert history[1].kind == "deleted" and history[1].new is None  # undeleted last, after the content


def test_a_report_is_not_undeleted_over_another_of_the_same_agency_and_year(session, clock):
    first = _report(session, clock)
    revisions.change(session, first, "deleted", None, revisions.stamp(clock()), clock)
    second = _report(session, clock)
    assert second.id != first.id
    with pytest.raises(StorageError, match="已有「甲局」2021 年的另一份报告") as e:
        revisions.change(session, first, "deleted", None, None, clock)
    assert e.value.reason == "exists"
    assert first.deleted_at is not None


def test_a_burst_of_typing_is_one_revision(session, clock):
    row = _report(session, clock)
    for text in ("本", "本年", "本年度"):
        revisions.change(session, row, "text", "s1", text, clock, merge=True)
    newest = revisions.history(session, row)[0]
    assert (newest.old, newest.new) == (None, "本年度")
    clock.advance(seconds=31)
    revisions.change(session, row, "text", "s1", "本年度我局", clock, merge=True)
    assert [(r.old, r.new) for r in revisions.history(session, row)[:2]] == [("本年度", "本年度我局"), (None, "本年度")]


def test_typing_back_to_where_the_burst_began_leaves_no_revision(session, clock):
    row = _report(session, clock)
    revisions.change(session, row, "text", "s1", "草", clock, merge=True)
    revisions.change(session, row, "text", "s1", None, clock, merge=True)
    assert [r.kind for r in revisions.history(session, row)] == ["create"]


def test_restoring_a_revision_of_another_report_is_refused(session, clock):
    mine, theirs = _report(session, clock), _report(session, clock, agency="乙局")
    [their_create] = revisions.history(session, theirs)
    with pytest.raises(StorageError, match=f"没有编号为 {their_create.id} 的修改记录"):
        revisions.restore(session, mine, their_create.id, clock)


def test_stamps_keep_microseconds():
    moment = datetime.datetime(2022, 2, 1, 8, 30, 0, 5)
    assert datetime.datetime.fromisoformat(revisions.stamp(moment)) == moment

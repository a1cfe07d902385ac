"""What a window on the shared database builds on: a cheap mark that tells a watcher the report changed, the
lease's renewal as a clear outcome, writes checked against the lease (never over the edits of one who took it
since), and a retried write that is never applied twice."""

from __future__ import annotations

import datetime as dt

import pytest

from report.ledger import Application
from storage.errors import StorageError
from storage.repository import Repository
from storage.server_errors import TRANSIENT

AGENCY = "辛区民政局"
CELL = "s2.procurement:projects"



def test_the_mark_moves_with_every_saved_change(two_clerks):
    first, second, rid = two_clerks
    seen = second.mark(rid)
    assert second.mark(rid) == seen  # nothing changed: the same mark
    first.set_cell(rid, CELL, 3)
    assert second.mark(rid) != seen
    seen = second.mark(rid)
    first.set_text(rid, "s6", "无")
    after_first_save = second.mark(rid)
    assert after_first_save != seen
    first.set_text(rid, "s6", "无收费")  # the same typing burst: its revision is extended in place
    assert second.mark(rid) != after_first_save
    assert second.load(rid).texts["s6"] == "无收费"
    seen = second.mark(rid)
    first.set_cell(rid, CELL, 3)  # no change: the watcher reloads nothing
    assert second.mark(rid) == seen


def test_the_mark_on_a_file(tmp_path):
    with Repository.open(tmp_path / "a.db") as repo:
        rid = repo.create_report(AGENCY, 2020)
        seen = repo.mark(rid)
        repo.set_cell(rid, CELL, 1)
        assert repo.mark(rid) != seen
        seen = repo.mark(rid)
        repo.save_application(AGENCY, Application("A", dt.date(2020, 3, 2), "natural"))
        assert repo.mark(rid).ledger != seen.ledger and repo.mark(rid).report == seen.report


def test_the_mark_moves_with_the_ledger_and_last_years_report(two_clerks):
    """A watcher reads the ledger (or last year's report) again only when its part of the mark moved, whoever's
    clock wrote it: a colleague's PC running an hour behind still moves it."""
    first, second, rid = two_clerks
    first._clock = lambda: dt.datetime.now() - dt.timedelta(hours=1)
    seen = second.mark(rid)
    assert not seen.from_ledger
    second.save_application(AGENCY, Application("A", dt.date(2020, 3, 2), "natural"))
    added = second.mark(rid)
    assert added.ledger != seen.ledger and added.report == seen.report and added.previous == seen.previous
    first.save_application(AGENCY, Application("A", dt.date(2020, 3, 2), "natural", content="改了内容"),
                           replacing="A")  # the same row, its stamp from the clock behind
    changed = second.mark(rid)
    assert changed.ledger != added.ledger and changed.report == seen.report
    assert second.applications(AGENCY)[0].content == "改了内容"
    first.import_ledger(AGENCY, 2020, [Application("B", dt.date(2020, 4, 1), "legal")])  # table 三 tied to it
    tied = second.mark(rid)
    assert tied.from_ledger and tied.report != changed.report and tied.ledger != changed.ledger
    first.delete_application(AGENCY, "A")
    deleted = second.mark(rid)
    assert deleted.ledger != tied.ledger and deleted.report != tied.report  # table 三 followed the ledger
    last_year = first.create_report(AGENCY, 2019)
    made = second.mark(rid)
    assert made.previous != deleted.previous and made.report == deleted.report and made.ledger == deleted.ledger
    first.set_cell(last_year, CELL, 4)
    assert second.mark(rid).previous != made.previous
    assert second.mark(rid) == second.mark(rid)


def test_who_edits_is_read_without_taking_the_lease(two_clerks, cluster, database):
    first, second, rid = two_clerks
    assert second.lease_of(rid) is None
    assert first.take_lease(rid).mine
    theirs, mine = second.lease_of(rid), first.lease_of(rid)
    assert theirs is not None and not theirs.mine and theirs.login == first.login
    assert mine is not None and mine.mine
    cluster.admin("UPDATE edit_leases SET renewed = renewed - interval '1 hour'", database)
    assert second.lease_of(rid) is None  # lapsed: nobody edits it
    first.release_lease(rid)
    assert second.lease_of(rid) is None


def test_keeping_a_lease_renewed_lost_or_out_of_reach(two_clerks, cluster, database):
    first, second, rid = two_clerks
    assert first.take_lease(rid).mine
    assert first.keep_lease(rid) == "renewed"
    cluster.stop("immediate")
    try:
        with pytest.raises(StorageError) as down:
            first.keep_lease(rid)
        assert down.value.reason in TRANSIENT
    finally:
        cluster.launch()
    assert first.keep_lease(rid) == "renewed"  # back within the lapse: still the holder
    second.lease_s = 0  # the lease lapsed while the first was away, and the other took it
    cluster.admin("UPDATE edit_leases SET renewed = renewed - interval '1 second'", database)
    assert second.take_lease(rid).mine
    assert first.keep_lease(rid) == "lost"


def test_a_lost_lease_refuses_the_write_and_changes_nothing(two_clerks, cluster, database):
    first, second, rid = two_clerks
    assert first.take_lease(rid).mine
    first.set_cell(rid, CELL, 1)
    cluster.admin("UPDATE edit_leases SET renewed = renewed - interval '1 hour'", database)
    assert second.take_lease(rid).mine
    second.set_cell(rid, CELL, 2)
    with pytest.raises(StorageError) as refused:
        first.set_cell(rid, CELL, 9)  # an edit queued while away, retried once back
    assert refused.value.reason == "lease_lost" and "编辑权" in refused.value.message
    with pytest.raises(StorageError):
        first.set_cell(rid, CELL, 9)  # and again: a lost lease stays lost until taken anew
    assert first.load(rid).cells[CELL] == 2
    assert [r.new for r in first.revisions(rid) if r.kind == "cell"] == ["2", "1"]


def test_a_write_retried_after_its_answer_was_lost_is_applied_once(two_clerks):
    """The server committed but the answer never came back (the network dropped): the window writes the same
    value again, which changes nothing and logs nothing."""
    first, _second, rid = two_clerks
    assert first.take_lease(rid).mine
    first.set_cell(rid, CELL, 5)
    first.set_text(rid, "s6", "本年度未收取信息处理费。")
    first.set_cell(rid, CELL, 5)
    first.set_text(rid, "s6", "本年度未收取信息处理费。")
    history = first.revisions(rid)
    assert [r.kind for r in history].count("cell") == 1 and [r.kind for r in history].count("text") == 1


def test_a_burst_of_typing_after_a_colleagues_save_is_a_revision_of_its_own(two_clerks):
    """Saves of one text (or cell) close together are one revision, but only of one login: the colleague who
    takes over within the merging window logs their own (the server refuses changing another's)."""
    first, second, rid = two_clerks
    first.set_text(rid, "s6", "无")
    second.set_text(rid, "s6", "无收费")
    second.set_text(rid, "s6", "本年度无收费")
    texts = [(r.old, r.new) for r in second.revisions(rid) if r.kind == "text"]
    assert texts == [("无", "本年度无收费"), (None, "无")]
    assert second.load(rid).texts["s6"] == "本年度无收费"

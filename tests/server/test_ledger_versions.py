"""Optimistic concurrency of the ledger's applications, on a SQLite file and on a shared database alike: a change
based on a version someone else changed or deleted meanwhile is refused with its own reason, and nothing of either
side is lost; a change based on the newest version goes through."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from report.ledger import Application
from storage.repository import Repository, StorageError

AGENCY = "子区档案局"


@pytest.fixture(params=["sqlite", "server"])
def pair(request, tmp_path):
    """Two repositories on one database: two clerks' on a server; one window's file twice (the file is locked
    to one program, so a clash there is the same window's dialog against an earlier version)."""
    if request.param == "sqlite":
        with Repository.open(tmp_path / "台账 并发.sqlite") as repo:
            yield repo, repo
    else:
        first, second, _rid = request.getfixturevalue("two_clerks")
        yield first, second


def _app(number: str, content: str = "申请公开某文件") -> Application:
    return Application(number, dt.date(2024, 3, 4), "natural", applicant="李四", content=content)


def test_a_save_over_a_colleagues_change_is_refused_and_changes_nothing(pair):
    one, two = pair
    one.save_application(AGENCY, _app("A"))
    mine, seen = one.application(AGENCY, "A")
    theirs = dataclasses.replace(mine, content="同事改过的内容")
    _, theirs_seen = two.application(AGENCY, "A")
    two.save_application(AGENCY, theirs, replacing="A", based_on=theirs_seen)
    with pytest.raises(StorageError, match="在您打开之后已被修改") as refused:
        one.save_application(AGENCY, dataclasses.replace(mine, content="我改的内容"), replacing="A", based_on=seen)
    assert refused.value.reason == "changed"
    assert one.applications(AGENCY) == [theirs]
    # Saved again over the colleague's version, deliberately: based on what is there now.
    now, newest = one.application(AGENCY, "A")
    assert now == theirs and newest.row_id == seen.row_id and newest.stamp > seen.stamp
    one.save_application(AGENCY, dataclasses.replace(mine, content="我改的内容"), replacing="A", based_on=newest)
    assert [a.content for a in two.applications(AGENCY)] == ["我改的内容"]


def test_a_colleagues_renumbering_is_a_change_and_found_by_row(pair):
    one, two = pair
    one.save_application(AGENCY, _app("A"))
    _, seen = one.application(AGENCY, "A")
    two.save_application(AGENCY, _app("A-2"), replacing="A", based_on=two.application(AGENCY, "A")[1])
    with pytest.raises(StorageError, match="编号已改为「A-2」") as refused:
        one.save_application(AGENCY, _app("A", "我改的"), replacing="A", based_on=seen)
    assert refused.value.reason == "changed"
    assert one.application(AGENCY, row_id=seen.row_id)[0].number == "A-2"
    assert one.application(AGENCY, "A") is None


def test_a_save_of_a_deleted_application_is_refused_and_can_be_saved_anew(pair):
    one, two = pair
    one.save_application(AGENCY, _app("A"))
    mine, seen = one.application(AGENCY, "A")
    two.delete_application(AGENCY, "A", based_on=two.application(AGENCY, "A")[1])
    with pytest.raises(StorageError, match="已被删除") as refused:
        one.save_application(AGENCY, dataclasses.replace(mine, content="我改的"), replacing="A", based_on=seen)
    assert refused.value.reason == "gone"
    assert one.applications(AGENCY) == []
    one.save_application(AGENCY, dataclasses.replace(mine, content="我改的"))  # 另存为新申请
    assert [a.content for a in two.applications(AGENCY)] == ["我改的"]


def test_a_delete_of_a_changed_application_is_refused(pair):
    one, two = pair
    one.save_application(AGENCY, _app("A"))
    _, seen = one.application(AGENCY, "A")
    changed = _app("A", "同事补充的内容")
    two.save_application(AGENCY, changed, replacing="A", based_on=two.application(AGENCY, "A")[1])
    with pytest.raises(StorageError, match="未能删除") as refused:
        one.delete_application(AGENCY, "A", based_on=seen)
    assert refused.value.reason == "changed"
    assert one.applications(AGENCY) == [changed]


def test_a_number_taken_meanwhile_is_refused_with_nothing_changed(pair):
    one, two = pair
    one.save_application(AGENCY, _app("A"))
    mine, seen = one.application(AGENCY, "A")
    two.save_application(AGENCY, _app("B"))
    with pytest.raises(StorageError, match="已有编号为「B」") as refused:
        one.save_application(AGENCY, dataclasses.replace(mine, number="B"), replacing="A", based_on=seen)
    assert refused.value.reason == "exists"
    assert sorted(a.number for a in two.applications(AGENCY)) == ["A", "B"]
    one.save_application(AGENCY, dataclasses.replace(mine, content="改了"), replacing="A", based_on=seen)
    assert one.application(AGENCY, "A")[0].content == "改了"


def test_an_import_replacing_an_application_moves_its_version(pair):
    """The spreadsheet import replaces the applications it has by 编号, whatever their version (the clerk is told
    how many before importing); a dialog opened before it then finds the application changed."""
    one, two = pair
    one.save_application(AGENCY, _app("A"))
    _, seen = one.application(AGENCY, "A")
    two.import_ledger(AGENCY, 2024, [_app("A", "表格中的内容")])
    with pytest.raises(StorageError) as refused:
        one.save_application(AGENCY, _app("A", "我改的"), replacing="A", based_on=seen)
    assert refused.value.reason == "changed"
    assert one.application(AGENCY, "A")[0].content == "表格中的内容"

"""The window offers only what the login may do (Repository.rights, asked of the server once at connect): a reviewer
reads and is offered neither 新建 nor 删除/恢复; a clerk creates reports only of their own agencies, chosen from a
list; the owner and a file, everything. What is offered is checked against what the server then allows."""

from __future__ import annotations

import datetime

import pytest

from storage.errors import StorageError
from storage.rights import EVERYTHING, READING, Rights
from storage.server import ServerRepository, init_database, with_owner
from storage.server_logins import add_login

A, B = "甲区财政局", "乙区教育局"
CLERK = Rights(create=True, change=True, new_agencies=False)
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def office(cluster, database):
    """Owner, a clerk of A and a reviewer connected; one report of each agency, and one of A deleted."""
    owner_url = cluster.url(database)
    init_database(owner_url)
    logins = {"clerk": f"clerk_{database}", "reviewer": f"reviewer_{database}"}
    now = datetime.datetime.now()
    with_owner(owner_url, "添加登录名", lambda conn: add_login(conn, logins["clerk"], "pw", [A], reviewer=False, now=now))
    with_owner(owner_url, "添加登录名", lambda conn: add_login(conn, logins["reviewer"], "pw", [], reviewer=True,
                                                               now=now))
    repos = {"owner": ServerRepository.connect(owner_url)}
    ra, rb = repos["owner"].create_report(A, 2022), repos["owner"].create_report(B, 2022)
    repos["owner"].delete_report(repos["owner"].create_report(A, 2021))
    for who, login in logins.items():
        repos[who] = ServerRepository.connect(cluster.url(database, user=login, password="pw"))
    yield repos, ra, rb
    for repo in repos.values():
        repo.close()


def test_the_rights_are_what_the_server_then_allows(office, cluster, database):
    repos, ra, _rb = office
    assert repos["owner"].rights() == EVERYTHING
    assert repos["clerk"].rights() == CLERK
    assert repos["reviewer"].rights() == READING and READING.read_only
    with ServerRepository.connect(cluster.url(database), read_only=True) as looking:
        assert looking.rights() == READING  # the opening's own read-only, whoever the login
    # The reviewer: refused what was not offered.
    for refused in (lambda r: r.create_report(A, 2023), lambda r: r.delete_report(ra)):
        with pytest.raises(StorageError) as caught:
            refused(repos["reviewer"])
        assert caught.value.reason == "denied"
    # The clerk: a report of their own agency, not of a new one.
    created = repos["clerk"].create_report(A, 2023)
    repos["clerk"].delete_report(created)
    with pytest.raises(StorageError) as caught:
        repos["clerk"].create_report("丙区新设局", 2023)
    assert caught.value.reason == "denied"
    assert repos["owner"].create_report("丙区新设局", 2023)


def test_a_file_may_do_everything_and_read_only_nothing(tmp_path):
    from storage.repository import Repository
    from storage.starting import StartingRepository

    path = tmp_path / "本机.sqlite"
    with Repository.open(path) as repo:
        assert repo.rights() == EVERYTHING
    with Repository.open(path, read_only=True) as repo:
        assert repo.rights() == READING
    starting = StartingRepository.open(path)
    try:
        assert starting.rights() == EVERYTHING and starting._real is None  # answered without loading SQLAlchemy
    finally:
        starting.close()


def picker_for(qtbot, repository):
    from gui.picker import ReportPicker

    picker = ReportPicker(repository)
    qtbot.addWidget(picker)
    picker.show()
    return picker


def test_the_reviewer_is_offered_only_reading(qtbot, office):
    repos, _ra, _rb = office
    picker = picker_for(qtbot, repos["reviewer"])
    assert {i.agency for i in picker.infos} == {A, B}
    assert picker.buttons.button(picker.buttons.StandardButton.Open).isEnabled()
    assert not picker.new_button.isVisible() and not picker.delete_button.isVisible()
    assert picker.rights_note.isVisible() and "只能查看" in picker.rights_note.text()
    picker.show_deleted.setChecked(True)  # the deleted ones may be read of, not restored
    assert any(i.deleted_at is not None for i in picker.infos) and not picker.restore_button.isVisible()
    picker.new_report()  # the buttons hidden, their entries do nothing either
    picker.delete()
    assert picker.isVisible() and picker.chosen_id is None and not picker.deleted


def test_the_clerk_creates_only_of_their_own_agencies(qtbot, office):
    from gui.picker import NewReportDialog

    repos, _ra, _rb = office
    picker = picker_for(qtbot, repos["clerk"])
    assert picker.new_button.isVisible() and picker.delete_button.isVisible() and not picker.rights_note.isVisible()
    dialog = NewReportDialog(repos["clerk"], agency=B)  # another's agency proposed: not offered
    qtbot.addWidget(dialog)
    assert not dialog.agency.isEditable()
    assert [dialog.agency.itemText(i) for i in range(dialog.agency.count())] == [A]
    assert dialog.agency.currentText() == A
    dialog.year.setValue(2024)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok.isEnabled()
    ok.click()
    assert dialog.created_id is not None and repos["clerk"].info(dialog.created_id).agency == A


def test_a_clerk_without_agencies_is_told_why_nothing_can_be_created(qtbot, cluster, database):
    from gui.picker import NewReportDialog

    owner_url = cluster.url(database)
    init_database(owner_url)
    login = f"lonely_{database}"
    with_owner(owner_url, "添加登录名", lambda conn: add_login(conn, login, "pw", ["丁区"], reviewer=False,
                                                               now=datetime.datetime.now()))
    cluster.admin(f"DELETE FROM agency_logins WHERE login = '{login}'", database)  # its agencies taken away since
    with ServerRepository.connect(cluster.url(database, user=login, password="pw")) as repo:
        dialog = NewReportDialog(repo)
        qtbot.addWidget(dialog)
        assert dialog.agency.count() == 0 and not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        assert "没有可以填报的机关" in dialog.note.text()


def test_the_window_offers_no_new_report_to_the_reviewer(qtbot, office):
    from gui.main_window import MainWindow

    repos, ra, _rb = office
    window = MainWindow(repos["reviewer"])
    qtbot.addWidget(window)
    assert not window.new_action.isEnabled()
    window.new_report()  # Ctrl+N's slot, called anyway: no dialog (one would block this test)
    window.close()
    clerk_window = MainWindow(repos["clerk"])
    qtbot.addWidget(clerk_window)
    assert clerk_window.new_action.isEnabled()
    clerk_window.close()

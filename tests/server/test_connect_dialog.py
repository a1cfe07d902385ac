"""文件 → 连接共享数据库…: the dialog's fields, a failure said in it (nothing changed), the server replacing the open
file once connected, everything but the password remembered in the settings, and 记住密码 through the system's
keyring (an in-memory one here; with none usable, as on a headless Linux, nothing is kept and the clerk is told)."""

from __future__ import annotations

import datetime

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError

from gui import saved_passwords
from gui.connect_dialog import ConnectDialog, parse_options, server_url
from storage.server import ServerRepository, init_database, parse, with_owner
from storage.server_logins import add_login
from tests.gui.dialogs import Driver

A = "甲区财政局"
PASSWORD = "pw-甲 秘密"
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in a dict: what Windows' Credential Manager or a Secret Service would."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring():
    import keyring

    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring():
    import keyring

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def office(cluster, database):
    owner = cluster.url(database)
    init_database(owner)
    clerk = f"clerk_{database}"
    with_owner(owner, "添加登录名", lambda conn: add_login(conn, clerk, PASSWORD, [A], reviewer=False,
                                                           now=datetime.datetime.now()))
    with ServerRepository.connect(owner) as repo:
        rid = repo.create_report(A, 2022)
    return cluster, database, clerk, rid


def fill(dialog: ConnectDialog, cluster, database, clerk, password="", remember=False, options="") -> None:
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(cluster.port)
    dialog.database.setText(database)
    dialog.login.setText(clerk)
    dialog.password.setText(password)
    dialog.remember.setChecked(remember)
    dialog.options.setText(options)


def settings_text(private_data_dir) -> str:
    from gui.settings import FILE_NAME

    return (private_data_dir / FILE_NAME).read_text(encoding="utf-8")


def test_parse_options_and_the_url():
    assert parse_options(" sslmode=require  connect_timeout=5 application_name='甲 乙' ") == {
        "sslmode": "require", "connect_timeout": "5", "application_name": "甲 乙"}
    assert parse_options("sslmode=require&connect_timeout=5") == {"sslmode": "require", "connect_timeout": "5"}
    assert parse_options("") == {}
    for bad, said in (("sslmode", "「sslmode」后面缺少"), ("sslmode=", "「sslmode」没有写值"), ("=require", "缺少参数名"),
                      ("SSL-MODE=1", "「SSL-MODE」不是 PostgreSQL"), ("sslmode=require conect_timeout=5", "「conect_timeout」"),
                      ("password=秘密", "不能写密码"), ("host=db.office", "「服务器」栏"), ("dbname=x", "「数据库」栏")):
        with pytest.raises(ValueError, match="高级参数") as caught:
            parse_options(bad)
        assert said in str(caught.value)
    assert server_url("db.office", 5433, "年报 2024", "张三", {"sslmode": "require"}) == (
        "postgresql://%E5%BC%A0%E4%B8%89@db.office:5433/%E5%B9%B4%E6%8A%A5%202024?sslmode=require")
    assert server_url("::1", 5432, "office", "clerk", {}) == "postgresql://clerk@[::1]:5432/office"

    # A value with spaces, quotes, & and = is percent-encoded in the query (%20, as libpq's own URIs), and read back.
    odd = {"application_name": "甲 乙's & x=1+2", "options": "-c search_path=年报"}
    url = server_url("db.office", 5432, "office", "clerk", odd)
    assert " " not in url and "+" not in url.split("?")[1] and "%20" in url
    parsed = parse(server_url("::1", 5432, "年报 2024", "张三", {}))
    assert (parsed.host, parsed.database, parsed.username) == ("::1", "年报 2024", "张三")
    assert dict(parse(url).query) == odd


def test_the_options_round_trip_through_the_settings_and_reach_the_server(qtbot, office, no_keyring):
    """高级 with a quoted value: remembered as libpq reads it, rebuilt at the next start into the same URL, and
    its parameters are the connection's (the program's own defaults give way to them)."""
    from gui import settings
    from gui.shared_database import remembered_url

    cluster, database, clerk, _rid = office
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    fill(dialog, cluster, database, clerk, password=PASSWORD,
         options=r"application_name = 'desk 7\'s copy'  connect_timeout=4 options='-c statement_timeout=4321'")
    dialog.accept()
    assert dialog.repository is not None, dialog.problem.text()
    try:
        with dialog.repository._engine.connect() as conn:
            got = conn.exec_driver_sql("SELECT current_setting('application_name'), "
                                       "current_setting('statement_timeout')").one()
        assert tuple(got) == ("desk 7's copy", "4321ms")  # the server keeps ASCII only in application_name
        assert dialog.repository.url.query["connect_timeout"] == "4"
    finally:
        dialog.repository.close()
    kept = settings.shared_database()["options"]
    assert parse_options(kept) == {"application_name": "desk 7's copy", "connect_timeout": "4",
                                   "options": "-c statement_timeout=4321"}
    settings.set_shared_at_start(True)
    again = ConnectDialog()  # the next time: the field as kept
    qtbot.addWidget(again)
    assert again.options.text() == kept
    assert dict(parse(remembered_url()).query) == parse_options(kept)


def test_connecting_replaces_the_file_after_a_wrong_password_said_in_the_dialog(
        qtbot, window, office, memory_keyring, private_data_dir):
    from gui.picker import ReportPicker

    cluster, database, clerk, rid = office
    file_repository = window.repository
    said = []

    def connect(dialog) -> None:
        assert isinstance(dialog, ConnectDialog)
        assert dialog.port.value() == 5432 and not dialog.remember.isChecked()  # the defaults
        assert dialog.password.echoMode() == dialog.password.EchoMode.Password
        fill(dialog, cluster, database, clerk, password="wrong")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        said.append(dialog.problem.text())
        assert dialog.isVisible() and window.repository is file_repository  # nothing changed yet
        assert dialog.password.text() == ""  # not left in the field
        fill(dialog, cluster, database, clerk, password=PASSWORD, remember=True)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    picked = []

    def pick(picker) -> None:
        assert isinstance(picker, ReportPicker)
        picked.extend(info.id for info in picker.infos)
        picker.accept()

    driver = Driver(connect, pick)
    try:
        window.connect_shared()
        qtbot.waitUntil(lambda: not driver.handlers, timeout=30_000)  # a loaded machine may take seconds
    finally:
        driver.timer.stop()
    driver.done()
    assert "登录名或密码不正确" in said[0] and "wrong" not in said[0]
    assert picked == [rid]
    assert window.repository is not file_repository and window.document.report_id == rid
    assert f"postgresql://{clerk}@127.0.0.1:{cluster.port}/{database}" in window.windowTitle()
    with pytest.raises(Exception):  # noqa: B017 - the file's repository was closed: any use of it fails
        file_repository.reports()
    # Remembered: everything but the password, which only the keyring holds.
    text = settings_text(private_data_dir)
    assert database in text and clerk in text and str(cluster.port) in text
    assert "pw-" not in text and "秘密" not in text
    entry = saved_passwords.entry(clerk, "127.0.0.1", cluster.port, database)
    assert memory_keyring.secrets == {(saved_passwords.SERVICE, entry): PASSWORD}
    assert "密码已保存" in window.statusBar().currentMessage()
    from gui.settings import shared_at_start

    assert shared_at_start()  # the next start without --db comes back to this database


def test_a_kept_password_connects_without_asking_and_unticking_forgets_it(qtbot, window, office, memory_keyring):
    cluster, database, clerk, _rid = office
    from gui import settings

    settings.set_shared_database({"host": "127.0.0.1", "port": str(cluster.port), "database": database,
                                  "login": clerk, "options": ""})
    entry = saved_passwords.entry(clerk, "127.0.0.1", cluster.port, database)
    memory_keyring.set_password(saved_passwords.SERVICE, entry, PASSWORD)
    dialog = ConnectDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.host.text() == "127.0.0.1" and dialog.port.value() == cluster.port
    assert dialog.remember.isChecked()  # a password is kept for this login
    assert dialog.password.hasFocus() or dialog.focusWidget() is dialog.password
    dialog.accept()  # no password typed: the kept one, and no dialog asks (Driver not running: one would block)
    assert dialog.repository is not None and dialog.repository.login == clerk
    dialog.repository.close()

    dialog = ConnectDialog(window)
    qtbot.addWidget(dialog)
    dialog.remember.setChecked(False)
    dialog.accept()
    assert dialog.repository is not None
    dialog.repository.close()
    assert memory_keyring.secrets == {}


def test_a_wrong_kept_password_is_asked_again_and_the_new_one_kept(qtbot, window, office, memory_keyring):
    cluster, database, clerk, _rid = office
    entry = saved_passwords.entry(clerk, "127.0.0.1", cluster.port, database)
    memory_keyring.set_password(saved_passwords.SERVICE, entry, "changed-since")
    dialog = ConnectDialog(window)
    qtbot.addWidget(dialog)
    fill(dialog, cluster, database, clerk, remember=True)
    asked = []

    def type_it(password_dialog) -> None:
        asked.append(password_dialog.problem.text())
        password_dialog.password.setText(PASSWORD)
        password_dialog.accept()

    driver = Driver(type_it)
    try:
        dialog.accept()
    finally:
        driver.timer.stop()
    assert dialog.problem.text() == ""
    driver.done()
    assert asked == ["登录名或密码不正确，请重新输入。"]
    dialog.repository.close()
    assert memory_keyring.secrets == {(saved_passwords.SERVICE, entry): PASSWORD}


def test_without_a_keyring_nothing_is_kept_and_the_clerk_is_told(qtbot, window, office, no_keyring,
                                                                   private_data_dir):
    cluster, database, clerk, _rid = office
    assert not saved_passwords.usable()
    dialog = ConnectDialog(window)
    qtbot.addWidget(dialog)
    fill(dialog, cluster, database, clerk, password=PASSWORD, remember=True)
    dialog.accept()
    assert dialog.repository is not None
    dialog.repository.close()
    assert dialog.keyring_problem == saved_passwords.NO_KEYRING and "没有保存" in dialog.keyring_problem
    assert PASSWORD not in settings_text(private_data_dir)


def test_bad_input_and_failures_are_said_in_the_dialog_and_change_nothing(qtbot, window, office, no_keyring,
                                                                          private_data_dir):
    from gui.settings import shared_database

    cluster, database, clerk, _rid = office
    before = window.repository
    dialog = ConnectDialog(window)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing to connect to yet
    for options, host, db, expected in (
            ("sslmode", "127.0.0.1", database, "高级参数中「sslmode」后面缺少「=」"),
            ("", "127.0.0.1", "no_such_db", "没有名为「no_such_db」的数据库"),
            ("", "no-such-host.invalid", database, "找不到数据库服务器「no-such-host.invalid」"),
            ("sslmode=require", "127.0.0.1", database, "连接共享数据库失败"),  # passed to libpq: no SSL here
    ):
        fill(dialog, cluster, db, clerk, password=PASSWORD, options=options)
        dialog.host.setText(host)
        dialog.accept()
        assert expected in dialog.problem.text() and not dialog.problem.isHidden()
        assert dialog.repository is None and dialog.result() != dialog.DialogCode.Accepted
    assert "SSL" in dialog.problem.text()
    assert window.repository is before and window.document is not None
    assert shared_database()["database"] == ""  # only a connection that succeeded is remembered


def test_the_window_started_on_a_url_uses_the_kept_password(qtbot, office, memory_keyring):
    from gui import app

    cluster, database, clerk, _rid = office
    memory_keyring.set_password(saved_passwords.SERVICE,
                                saved_passwords.entry(clerk, "127.0.0.1", cluster.port, database), PASSWORD)
    driver = Driver()  # a password dialog would be unexpected: closed, and a failure
    try:
        repository = app.open_repository(cluster.url(database, user=clerk, password=None))
    finally:
        driver.timer.stop()
    try:
        assert repository.login == clerk
    finally:
        repository.close()
    driver.done()


def test_the_window_says_in_a_box_that_the_password_was_not_kept(qtbot, window, office, no_keyring):
    from PySide6.QtWidgets import QMessageBox

    cluster, database, clerk, _rid = office
    told = []

    def connect(dialog) -> None:
        fill(dialog, cluster, database, clerk, password=PASSWORD, remember=True)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    def read(box) -> None:
        assert isinstance(box, QMessageBox)
        told.append(box.text())
        box.accept()

    driver = Driver(connect, read, lambda picker: picker.reject())
    try:
        window.connect_shared()
        qtbot.waitUntil(lambda: not driver.handlers, timeout=30_000)  # a loaded machine may take seconds
    finally:
        driver.timer.stop()
    driver.done()
    assert told == [saved_passwords.NO_KEYRING + "。"]
    assert window.repository.login == clerk and window.document is None


def test_the_next_start_comes_back_to_the_shared_database(qtbot, office, memory_keyring, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gui import app, settings

    cluster, database, clerk, _rid = office
    fields = {"host": "127.0.0.1", "port": str(cluster.port), "database": database, "login": clerk, "options": ""}
    settings.set_shared_database(fields)
    settings.set_shared_at_start(True)
    memory_keyring.set_password(saved_passwords.SERVICE,
                                saved_passwords.entry(clerk, "127.0.0.1", cluster.port, database), PASSWORD)
    repository = app.open_repository(None, remembered=True)
    try:
        assert isinstance(repository, ServerRepository) and repository.login == clerk
    finally:
        repository.close()
    # The server out of reach: said, with the way back, and the local file opens instead.
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    from .cluster import free_port

    settings.set_shared_database({**fields, "port": str(free_port())})
    repository = app.open_repository(None, remembered=True)
    try:
        assert not isinstance(repository, ServerRepository)
    finally:
        repository.close()
    assert "拒绝连接" in said[0] and "连接共享数据库…" in said[0]
    # The self-test, and a start the clerk left on a file, never try the server.
    said.clear()
    for remembered, at_start in ((False, True), (True, False)):
        settings.set_shared_at_start(at_start)
        repository = app.open_repository(None, remembered=remembered)
        assert not isinstance(repository, ServerRepository)
        repository.close()
    assert said == []

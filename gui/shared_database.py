"""The window on a shared server database (PostgreSQL): connecting, with the password asked in a dialog.

A password the URL lacks (and libpq's own sources do not give: PGPASSWORD, ~/.pgpass) is asked in a masked
dialog, never on a terminal: a double-clicked program has none. A wrong one is asked again, saying so, until the
clerk cancels; it is held by the connection only. SQLAlchemy and the driver load here, not at the file's start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from storage.db_choice import is_server_url
from storage.errors import StorageError

CANCELLED = "cancelled"  # StorageError.reason: the clerk chose not to connect


def is_shared(repository) -> bool:
    """Whether the repository is a shared server database (its path is then the URL as shown, no password)."""
    return repository is not None and is_server_url(str(getattr(repository, "path", "")))


def where(repository) -> str:
    """The database as the title bar names it: postgresql://login@host[:port]/db for a server, else ""."""
    return str(repository.path) if is_shared(repository) else ""


class PasswordDialog(QDialog):
    """连接共享数据库: the password for `where`, masked; `problem` says why it is asked again."""

    def __init__(self, where: str, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("连接共享数据库")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        label = QLabel(f"连接 {where} 需要密码。\n请输入登录密码：")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("密码")
        self.problem = QLabel(problem)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00;")
        self.problem.setVisible(bool(problem))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("连接")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.password)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.password.setFocus()


class DialogPassword:
    """An `ask_password(where)` for storage.server: the dialog, remembering whether it was asked;
    StorageError(CANCELLED) when the clerk cancels."""

    def __init__(self, parent: QWidget | None, problem: str = "") -> None:
        self.parent = parent
        self.problem = problem
        self.asked = False
        self.given: str | None = None  # what was typed, for 记住密码 (held no longer than the connecting)

    def __call__(self, where: str) -> str:
        self.asked = True
        dialog = PasswordDialog(where, self.problem, self.parent)
        QApplication.restoreOverrideCursor()  # a busy cursor from the caller would hide that we wait for typing
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        password = dialog.password.text()
        dialog.password.clear()
        dialog.deleteLater()
        if not accepted:
            raise StorageError("没有输入密码，未连接共享数据库", reason=CANCELLED)
        self.given = password
        return password


def kept_password(url: str) -> str | None:
    """The password 记住密码 kept for the URL's login and database (gui/saved_passwords.py), when the URL has none."""
    from urllib.parse import unquote, urlsplit

    from . import saved_passwords

    try:
        parts = urlsplit(url)
        if parts.password is not None or not parts.username or not parts.hostname:
            return None
        name = saved_passwords.entry(unquote(parts.username), parts.hostname, parts.port or 5432,
                                     unquote(parts.path.lstrip("/")))
    except ValueError:  # a malformed URL: connecting says what is wrong with it
        return None
    return saved_passwords.load(name)


def connect(parent: QWidget | None, url: str, password: str | None = None):
    """The ServerRepository on `url` (asking for a missing password; asked again after a wrong one), or
    StorageError: the connection's failure in Chinese (storage.server_errors), or CANCELLED.
    `password`, when given, is tried first (a remembered one); a wrong one is then asked for."""
    return connect_telling_password(parent, url, password)[0]


def connect_telling_password(parent: QWidget | None, url: str, password: str | None = None, *,
                             ask_again: bool = True):
    """connect(), and the password that connected when it was given or typed here (None: the URL's own, or
    libpq's sources, or none needed). `ask_again` False: a wrong `password` is said, not asked for again (the
    clerk typed it in a dialog that says so itself)."""
    from storage.server import ServerRepository, parse  # deferred: SQLAlchemy and the driver

    if password is not None:
        url = parse(url).set(password=password).render_as_string(hide_password=False)
    problem = ""
    while True:
        ask = DialogPassword(parent, problem)
        try:
            repository = ServerRepository.connect(url, ask_password=ask)
        except StorageError as e:
            if e.reason != "auth" or not (ask.asked or (password is not None and ask_again)):
                raise
            # A typed (or remembered) password was wrong: ask again, without the URL's one.
            problem = "登录名或密码不正确，请重新输入。"
            url = parse(url)._replace(password=None).render_as_string(hide_password=False)  # set() keeps it
            password = None
            continue
        return repository, ask.given if ask.asked else password


def remembered_url() -> str | None:
    """The URL (no password) of the shared database last connected to through the dialog, when the window was
    on it at its last use; None otherwise."""
    from . import settings

    if not settings.shared_at_start():
        return None
    from .connect_dialog import parse_options, server_url

    f = settings.shared_database()
    if not (f["host"] and f["database"] and f["login"] and f["port"].isdigit()):
        return None
    try:
        return server_url(f["host"], int(f["port"]), f["database"], f["login"], parse_options(f["options"]))
    except ValueError:
        return None


def reconnect_at_start():
    """At a start without --db: the shared database the clerk was on when they left (the kept password, else
    asked), or None for the local file — when there is none to go back to, or it cannot be reached now (said,
    with the way back: 文件 → 连接共享数据库…; a cancelled password is the clerk's own choice, not said)."""
    from PySide6.QtWidgets import QMessageBox

    try:
        url = remembered_url()
    except (OSError, StorageError):  # the data folder itself is unusable: opening the file says so
        return None
    if url is None:
        return None
    try:
        return connect(None, url, kept_password(url))
    except StorageError as e:
        if e.reason != CANCELLED:
            QMessageBox.warning(None, "连接共享数据库",
                                f"{e}\n\n这次先打开本机的数据库文件；网络或服务器恢复后，"
                                "可以用「文件 → 连接共享数据库…」再连接。")
        return None

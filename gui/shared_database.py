"""The window on a shared server database (PostgreSQL): connecting, with the password asked in a dialog.

A password the URL lacks (and libpq's own sources do not give: PGPASSWORD, ~/.pgpass) is asked in a masked
dialog, never on a terminal: a double-clicked program has none. A wrong one is asked again, saying so, until the
clerk cancels; it is held by the connection only. Each attempt runs in a thread (gui/connecting.py), where
SQLAlchemy and the driver load: the window is never frozen by a server that does not answer.
"""

from __future__ import annotations

from functools import partial
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from storage.db_choice import is_server_url
from storage.errors import StorageError

from .connecting import CANCELLED, in_background


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
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("连接(&C)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.password)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.password.setFocus()


def ask_password(parent: QWidget | None, where: str, problem: str = "") -> str:
    """The password typed in a PasswordDialog; StorageError(CANCELLED) when the clerk cancels."""
    dialog = PasswordDialog(where, problem, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    password = dialog.password.text()
    dialog.password.clear()
    dialog.deleteLater()
    if not accepted:
        raise StorageError("没有输入密码，未连接共享数据库", reason=CANCELLED)
    return password


def kept_password(url: str) -> str | None:
    """The password 记住密码 kept for the URL's login and database (gui/saved_passwords.py), when the URL has none."""
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


def shown(url: str) -> str:
    """The URL as said to the clerk while connecting (no password, no parameters), read without SQLAlchemy:
    it loads in the connecting thread, not in the window's."""
    try:
        parts = urlsplit(url)
        login = f"{unquote(parts.username)}@" if parts.username else ""
        host = parts.hostname or ""
        host = f"[{host}]" if ":" in host else host
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return url.rsplit("@", 1)[-1].split("?", 1)[0]
    return f"postgresql://{login}{host}{port}/{unquote(parts.path.lstrip('/'))}"


def _connect_once(url: str, password: str | None):
    """One attempt, in the connecting thread: SQLAlchemy and the driver load there, not in the window's."""
    from storage.server import ServerRepository, parse

    if password is not None:  # set() replaces a password the URL has
        url = parse(url).set(password=password).render_as_string(hide_password=False)
    return ServerRepository.connect(url)


def connect(parent: QWidget | None, url: str, password: str | None = None, *, note: str = ""):
    """The ServerRepository on `url` (asking for a missing password; asked again after a wrong one), or
    StorageError: the connection's failure in Chinese (storage.server_errors), or CANCELLED.
    `password`, when given, is tried first (a remembered one); a wrong one is then asked for. `note`: what
    cancelling the connecting leads to, said while it is under way."""
    return connect_telling_password(parent, url, password, note=note)[0]


def connect_telling_password(parent: QWidget | None, url: str, password: str | None = None, *,
                             ask_again: bool = True, note: str = ""):
    """connect(), and the password that connected when it was given or typed here (None: the URL's own, or
    libpq's sources, or none needed). `ask_again` False: a wrong `password` is said, not asked for again (the
    clerk typed it in a dialog that says so itself).

    Each attempt runs in a thread (gui/connecting.py) while the window's event loop goes on; the password is
    asked here, on the window's thread, when an attempt found that the server wants one that nothing gave."""
    where = shown(url)
    typed = False  # the password tried is one typed in the password dialog
    while True:
        try:
            repository = in_background(parent, where, partial(_connect_once, url, password), note=note)
        except StorageError as e:
            if e.reason == "no_password":
                problem = ""
            elif e.reason == "auth" and (typed or (password is not None and ask_again)):
                problem = "登录名或密码不正确，请重新输入。"  # a typed (or remembered) password was wrong
            else:
                raise
            password, typed = ask_password(parent, where, problem), True
            continue
        return repository, password


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
        return connect(None, url, kept_password(url), note="取消则这次先打开本机的数据库文件。")
    except StorageError as e:
        if e.reason != CANCELLED:
            QMessageBox.warning(None, "连接共享数据库",
                                f"{e}\n\n这次先打开本机的数据库文件；网络或服务器恢复后，"
                                "可以用「文件 → 连接共享数据库…」再连接。")
        return None

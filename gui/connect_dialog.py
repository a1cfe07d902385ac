"""文件 → 连接共享数据库…: the office's PostgreSQL server, as a clerk fills it in (服务器, 端口, 数据库, 登录名, 密码,
记住密码, and libpq's parameters under 高级), connected before the dialog closes.

A failure (wrong password, unknown server, refused, no such database) is said in the dialog, which stays open with
what was typed: the database open before is untouched until a connection has succeeded. Everything but the password
is remembered in the settings; the password only in the system's keyring, and only when 记住密码 is ticked.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from storage import conninfo
from storage.errors import StorageError

from . import saved_passwords, settings

TITLE = "连接共享数据库"
DEFAULT_PORT = 5432
# libpq's parameters that the dialog's own fields give: 高级 may not give them again (the password above all, which
# 高级's text, remembered in the settings file, must never hold).
_FIELDS = {"host": "服务器", "port": "端口", "dbname": "数据库", "user": "登录名"}


def parse_options(text: str) -> dict[str, str]:
    """高级's libpq parameters (storage/conninfo.py: `name=value` pairs separated by spaces, values with spaces in
    single quotes); ValueError saying in Chinese which part is wrong."""
    options = conninfo.parse(text)
    for keyword in options:
        if keyword == "password":
            raise ValueError("高级参数中不能写密码（password）：高级中的内容会记在程序的设置中；请把密码填在「密码」栏")
        if keyword in _FIELDS:
            raise ValueError(f"高级参数中的「{keyword}」请填在上面的「{_FIELDS[keyword]}」栏中")
    strangers = conninfo.unknown(options)
    if strangers:
        raise ValueError(f"高级参数中的「{strangers[0]}」不是 PostgreSQL（libpq）的连接参数，请检查拼写，"
                         "例如 sslmode、connect_timeout、application_name")
    return options


def server_url(host: str, port: int, database: str, login: str, options: dict[str, str]) -> str:
    """The postgresql:// URL (no password) for the dialog's fields; every part quoted as URLs need."""
    where = f"[{host}]" if ":" in host else quote(host, safe=".-_")  # an IPv6 address in brackets
    query = f"?{urlencode(options, quote_via=quote)}" if options else ""  # %20 for a space, as libpq reads it
    return f"postgresql://{quote(login, safe='')}@{where}:{port}/{quote(database, safe='')}{query}"


class ConnectDialog(QDialog):
    """On 连接: `self.repository` is the connected ServerRepository and the dialog is accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.repository = None
        self.note = ""  # what the window's status bar says after connecting (密码已保存…)
        self.keyring_problem = ""  # 记住密码 was ticked but the password could not be kept: said in a box
        saved = settings.shared_database()
        self.host = QLineEdit(saved["host"])
        self.host.setPlaceholderText("服务器的名称或 IP 地址，例如 192.168.1.10")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(saved["port"]) if saved["port"].isdigit() and 0 < int(saved["port"]) < 65536
                           else DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.database = QLineEdit(saved["database"])
        self.database.setPlaceholderText("例如 年报")
        self.login = QLineEdit(saved["login"])
        self.login.setPlaceholderText("管理员给您的登录名")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("留空则在需要时询问")
        self.remember = QCheckBox("记住密码（保存在系统的密码库中）(&R)")
        self.remember.setToolTip("密码只保存在 Windows 凭据管理器或 Linux 的密钥环中，不写入任何文件")
        self.options = QLineEdit(saved["options"])
        self.options.setPlaceholderText("可不填；例如 sslmode=require")
        self.options.setToolTip("PostgreSQL（libpq）的连接参数，写成 参数名=值，以空格分隔，如 sslmode=require connect_timeout=5；"
                                "值中有空格时写在一对单引号中，如 application_name='甲 乙'")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00;")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()

        form = QFormLayout()
        form.addRow("服务器(&H)：", self.host)
        form.addRow("端口(&P)：", self.port)
        form.addRow("数据库(&D)：", self.database)
        form.addRow("登录名(&L)：", self.login)
        form.addRow("密码(&W)：", self.password)
        form.addRow("", self.remember)
        form.addRow("高级(&A)：", self.options)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("连接(&C)")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for field in (self.host, self.database, self.login):
            field.textChanged.connect(self._update)
        self._update()
        # Ticked when a password is kept for the login remembered: unticking it then forgets that password.
        self.remember.setChecked(self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
                                 and saved_passwords.load(self.keyring_entry()) is not None)
        # The first field still empty takes the keys; all given: the password.
        empty = next((f for f in (self.host, self.database, self.login) if not f.text().strip()), self.password)
        empty.setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("服务器的名称或 IP 地址，例如 192.168.1.10") + 160)

    def _update(self) -> None:
        ready = all(f.text().strip() for f in (self.host, self.database, self.login))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def _say(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def fields(self) -> dict[str, str]:
        return {"host": self.host.text().strip(), "port": str(self.port.value()),
                "database": self.database.text().strip(), "login": self.login.text().strip(),
                "options": self.options.text().strip()}

    def keyring_entry(self) -> str:
        f = self.fields()
        return saved_passwords.entry(f["login"], f["host"], self.port.value(), f["database"])

    def accept(self) -> None:
        from .shared_database import CANCELLED, connect_telling_password

        f = self.fields()
        if not (f["host"] and f["database"] and f["login"]):
            self._say("请填写服务器、数据库和登录名")
            return
        try:
            options = parse_options(f["options"])
        except ValueError as e:
            self._say(str(e))
            self.options.setFocus()
            return
        url = server_url(f["host"], self.port.value(), f["database"], f["login"], options)
        typed = self.password.text()
        # A password kept in the keyring is tried when none is typed; a wrong one is asked for again.
        password = typed or saved_passwords.load(self.keyring_entry()) or None
        self._say("")
        try:  # in a thread; past a moment, 正在连接… with 取消 (which leaves everything as it was)
            self.repository, used = connect_telling_password(self, url, password, ask_again=not typed)
        except StorageError as e:
            if e.reason != CANCELLED:  # cancelled: the dialog stays as it was, the typed password too
                self.password.clear()
                self._say(str(e))
            return
        self.password.clear()
        settings.set_shared_database({**f, "options": conninfo.write(options)})  # as libpq reads it back
        self._keep_password(used)
        super().accept()

    def _keep_password(self, password: str | None) -> None:
        """记住密码 ticked: the password that connected goes to the keyring (`keyring_problem` when it cannot);
        unticked: none is kept for this login any more."""
        name = self.keyring_entry()
        if not self.remember.isChecked():
            saved_passwords.forget(name)
            return
        if not password:  # libpq found it itself (~/.pgpass, PGPASSWORD) or none was needed: nothing to keep
            return
        self.keyring_problem = saved_passwords.store(name, password) or ""
        self.note = "" if self.keyring_problem else "密码已保存在系统的密码库中"

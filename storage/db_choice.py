"""Which database --db names: a local SQLite file (the default one when none is given) or a shared server's URL.

Cheap to import: the scheme test is plain text, and SQLAlchemy (or the server driver) is loaded only when a
database is actually opened, so a command on an exchange file never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .plain_read import ReportInfo
    from .repository import Repository

SCHEMES = ("postgresql://", "postgres://")


def is_server_url(db: str | Path | None) -> bool:
    """Whether `db` names a shared server database rather than a file."""
    return isinstance(db, str) and db.lower().startswith(SCHEMES)


def server_url(db: str | Path | None) -> str:
    """`db` as a server URL, for the commands that only make sense on a shared database."""
    if not is_server_url(db):
        from .errors import StorageError

        raise StorageError("这个命令用于共享数据库：请用 --db postgresql://登录名@服务器[:端口]/数据库名 指定",
                           reason="bad_input")
    return str(db)


def open_repository(db: str | Path | None, *, read_only: bool, wait: float = 0.0,
                    ask_password: Callable[[str], str] | None = None) -> Repository:
    """The repository `db` names: the server's (asking for a missing password through `ask_password`), else
    the file, by default the one in the user's data folder. A writer waits up to `wait` seconds for a holder."""
    if is_server_url(db):
        from .server import ServerRepository

        return ServerRepository.connect(str(db), read_only=read_only, ask_password=ask_password)
    from .locations import default_db_path
    from .repository import Repository

    return Repository.open(db or default_db_path(), read_only=read_only, wait=0.0 if read_only else wait)


def list_reports(db: str | Path | None,
                 ask_password: Callable[[str], str] | None = None) -> tuple[str | Path, list[ReportInfo]]:
    """Where the database is (as said to the clerk) and its live reports. A file is read with sqlite3 alone:
    SQLAlchemy's import would be most of the time of listing it."""
    if is_server_url(db):
        with open_repository(db, read_only=True, ask_password=ask_password) as repo:
            return repo.path, repo.reports()
    from .locations import default_db_path
    from .plain_read import listing

    return listing(db or default_db_path())

"""The shared database on a PostgreSQL server (`--db postgresql://…`): the same Repository, its transactions
through SQLAlchemy and psycopg 3, without the file's lock, backups or integrity checks (the server keeps its own).

The URL follows libpq (contract.md): PGPASSWORD, ~/.pgpass, service files and parameters such as sslmode pass
through to the driver. A password the URL lacks is asked for (`ask_password`) only when the server wants one, and
is held in memory only.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from report.formats import FORMATS
from report.model import Report
from report.values import Value

from . import server_edits, server_leases
from .cell_text import encode
from .db_choice import is_server_url as is_server_url  # the scheme test lives where it is cheap to import
from .errors import StorageError
from .repository import Repository
from .rights import EVERYTHING, READING, Rights
from .server_errors import from_server_exception, server_reason
from .server_logins import rights_of
from .server_schema import initialise, read_version, refuse_newer

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from .schema import ReportRow

CONNECT_TIMEOUT_S = 10
# libpq's TCP settings, so that a dropped network is noticed in seconds (not the system's minutes of
# retransmission) and the window can say it is reconnecting; a server that is merely restarting refuses at once.
_NETWORK = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 3, "keepalives_count": 3,
            "tcp_user_timeout": 15000}


def parse(url: str) -> URL:
    """The URL as SQLAlchemy's, on the psycopg 3 driver; StorageError when it cannot be one."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise StorageError(f"数据库地址写法不对：{shown(url)}；应为 postgresql://登录名@服务器[:端口]/数据库名",
                           reason="bad_input") from None
    if not parsed.database:
        raise StorageError(f"数据库地址缺少数据库名：{shown(url)}；应为 postgresql://登录名@服务器[:端口]/数据库名",
                           reason="bad_input")
    return parsed.set(drivername="postgresql+psycopg")


def shown(url: str | URL) -> str:
    """The URL as said to the clerk: never its password."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except (ArgumentError, ValueError):
        return url.split("@")[-1] if isinstance(url, str) else str(url)
    login = f"{parsed.username}@" if parsed.username else ""
    port = f":{parsed.port}" if parsed.port else ""
    return f"postgresql://{login}{parsed.host or ''}{port}/{parsed.database or ''}"


def _engine(url: URL) -> Engine:
    # The program's defaults for what the URL's own parameters (高级, or ?connect_timeout=5) leave unsaid: given
    # to SQLAlchemy as connect_args, they would override the URL's.
    defaults = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "gov-info-annual-report", **_NETWORK}
    try:
        return create_engine(url, pool_pre_ping=True,
                             connect_args={k: v for k, v in defaults.items() if k not in url.query})
    except (ImportError, NoSuchModuleError):  # a build of the program without the driver
        raise StorageError("这个版本的程序没有包含连接 PostgreSQL 共享数据库所需的组件（psycopg），"
                           "请向技术人员索取包含它的版本", reason="no_driver") from None


def connect_engine(url: str, doing: str, ask_password: Callable[[str], str] | None = None) -> tuple[Engine, str]:
    """An engine whose first connection succeeded, and the login it connected as. `ask_password(where)` is
    called when the server wants a password that neither the URL nor libpq's own sources gave."""
    parsed = parse(url)
    engine = _engine(parsed)
    try:
        try:
            with engine.connect() as conn:
                login = conn.execute(text("SELECT current_user")).scalar_one()
        except SQLAlchemyError as e:
            if server_reason(e) != "no_password" or ask_password is None:
                raise
            engine.dispose()
            engine = _engine(parsed.set(password=ask_password(shown(parsed))))
            with engine.connect() as conn:
                login = conn.execute(text("SELECT current_user")).scalar_one()
    except SQLAlchemyError as e:
        engine.dispose()
        raise _error(e, parsed, doing) from None
    except BaseException:
        engine.dispose()
        raise
    return engine, str(login)


def _error(exc: BaseException, url: URL, doing: str) -> StorageError:
    return from_server_exception(exc, shown(url), doing, host=url.host or "localhost", database=url.database or "")


def init_database(url: str, ask_password: Callable[[str], str] | None = None, notes: list[str] | None = None) -> str:
    """`db init`: create or upgrade the schema, roles and policies. Returns "created", "upgraded" or "current";
    what the administrator should know is added to `notes`."""
    engine, _login = connect_engine(url, "初始化共享数据库", ask_password)
    try:
        with engine.begin() as conn:
            return initialise(conn, notes)
    except SQLAlchemyError as e:
        error = _error(e, parse(url), "初始化共享数据库")
        if error.reason == "denied":
            error = StorageError(error.message + "（db init 须由数据库的所有者运行，且该登录名需要 CREATEROLE 权限）",
                                 reason="denied")
        raise error from None
    finally:
        engine.dispose()


def with_owner(url: str, doing: str, work: Callable[[Connection], Any],
               ask_password: Callable[[str], str] | None = None) -> Any:
    """Run `work(conn)` in one transaction as the URL's login (the owner's administration: db user add)."""
    engine, _login = connect_engine(url, doing, ask_password)
    try:
        with engine.begin() as conn:
            return work(conn)
    except SQLAlchemyError as e:
        raise _error(e, parse(url), doing) from None
    finally:
        engine.dispose()


# Whether the report's newest revision was logged by another login (the server fills revisions.login): a save is
# merged into it only when it is this login's own (the policies refuse changing another's, and it would be theirs).
_LAST_BY_ANOTHER = text("SELECT login <> current_user FROM revisions WHERE report_id = :r ORDER BY id DESC LIMIT 1")


class ServerRepository(Repository):
    """The Repository on a shared server database. Use `ServerRepository.connect(url)`."""

    def __init__(self, url: URL, engine: Engine, login: str, *, read_only: bool,
                 clock: Callable[[], datetime.datetime]):
        super().__init__(Path(), engine, None, read_only=read_only, clock=clock, warnings=[], last_backup=None)
        self.url = url
        self.login = login
        # Where the reports are, as the file's path is said in messages ("数据库 … 中没有 …"); never the password.
        self.path = shown(url)  # type: ignore[assignment]
        self.holder = server_leases.holder_label()  # this opening's name in edit_leases
        self.lease_s = server_leases.LEASE_S  # how long another's lease stays ours to respect (tests shorten it)
        # Reports whose lease this opening took: their writes check it is still kept (a lost one stays here, so
        # that nothing more is written to it until it is taken again).
        self._leased: set[int] = set()
        self._formats: dict[int, str] = {}  # report id -> its format as last written through: for quick edits
        self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")  # same pool, no BEGIN/COMMIT
        self._rights = READING if read_only else EVERYTHING  # replaced by the server's answer at connect

    @classmethod
    def connect(cls, url: str, *, read_only: bool = False, ask_password: Callable[[str], str] | None = None,
                clock: Callable[[], datetime.datetime] | None = None) -> ServerRepository:
        """Connect; refused (StorageError) when the database is not initialised or from a newer program."""
        engine, login = connect_engine(url, "连接共享数据库", ask_password)
        parsed = parse(url)
        try:
            with engine.connect() as conn:
                version = read_version(conn)
                if version is None:
                    raise StorageError(f"共享数据库 {shown(parsed)} 还没有初始化：请数据库管理员先运行 db init",
                                       reason="not_initialised")
                refuse_newer(version)
                rights = rights_of(conn, read_only=read_only)
        except SQLAlchemyError as e:
            engine.dispose()
            raise _error(e, parsed, "连接共享数据库") from None
        except BaseException:
            engine.dispose()
            raise
        repository = cls(parsed, engine, login, read_only=read_only, clock=clock or datetime.datetime.now)
        repository._rights = rights
        return repository

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, wait: float = 0.0,
             clock: Callable[[], datetime.datetime] | None = None) -> ServerRepository:
        return cls.connect(str(path), read_only=read_only, clock=clock)

    def rights(self) -> Rights:
        """What the server grants this login (asked once, at connect): the window offers only that."""
        return self._rights

    # ------------------------------------------------------------------------------------------ edit leases

    def take_lease(self, report_id: int) -> server_leases.Lease:
        """Ask to edit the report: the lease is ours (`mine`), or who holds it and since when."""
        with self._writing("打开报告") as s:
            lease = server_leases.take(s.connection(), report_id, self.holder, self.lease_s)
        if lease.mine:
            self._leased.add(report_id)
        return lease

    def lease_of(self, report_id: int) -> server_leases.Lease | None:
        """Who edits the report now (`mine` when this opening does), without taking it; None when nobody."""
        with self._reading("读取编辑状态") as s:
            return server_leases.current(s.connection(), report_id, self.holder, self.lease_s)

    def renew_lease(self, report_id: int) -> bool:
        """Call every RENEW_EVERY_S seconds while editing; False: the lease was lost, stop editing."""
        return self.keep_lease(report_id) == server_leases.RENEWED

    def keep_lease(self, report_id: int) -> str:
        """The renewal a window's timer makes: RENEWED, or LOST when the lease lapsed and someone else took it
        (this opening then writes nothing more to the report). A server out of reach is a StorageError (its
        reason in server_errors.TRANSIENT): the lease may still be kept once it is back."""
        with self._writing("保持编辑权") as s:
            kept = server_leases.renew(s.connection(), report_id, self.holder)
        return server_leases.RENEWED if kept else server_leases.LOST

    def release_lease(self, report_id: int) -> None:
        self._leased.discard(report_id)
        with self._writing("释放编辑权") as s:
            server_leases.release(s.connection(), report_id, self.holder)

    def load(self, report_id: int) -> Report:
        report = super().load(report_id)
        self._formats[report_id] = report.format_id  # the window's edits of the report it opened are quick at once
        return report

    def set_cell(self, report_id: int, cell_id: str, value: Value) -> None:
        # The common case in one round trip (storage.server_edits); a report neither loaded nor written through
        # this opening yet, and anything the quick statement does not plainly accept, take the general path,
        # which says why it refuses.
        format_id = self._formats.get(report_id)
        if format_id is not None and not self.read_only and self._engine is not None:
            try:
                stored = encode(FORMATS[format_id], cell_id, value)
            except StorageError:
                pass
            else:
                leased = self.holder if report_id in self._leased else None
                try:
                    with self._autocommit.connect() as conn:
                        if server_edits.set_cell(conn, report_id, format_id, cell_id, stored, self._clock(), leased):
                            return
                except SQLAlchemyError as e:
                    raise self._failure(e, "保存修改") from None
        super().set_cell(report_id, cell_id, value)

    def _change(self, s: Session, row: ReportRow, kind: str, target: str | None, new: str | None, *,
                merge: bool = False) -> bool:
        # A report this opening leased is written only while the lease is still its own, checked once per
        # transaction: an edit retried after an outage must not overwrite the edits of one who took it since.
        if row.id in self._leased and s.info.get("lease_checked") != row.id:
            if not server_leases.holds(s.connection(), row.id, self.holder):
                raise StorageError("编辑权已失效：本程序有一段时间没能与服务器联系，其间别人打开了这份报告并取得了"
                                   "编辑权；这次修改没有保存，仍保留在本窗口中", reason="lease_lost")
            s.info["lease_checked"] = row.id
        if merge and s.execute(_LAST_BY_ANOTHER, {"r": row.id}).scalar():
            merge = False  # a burst of typing is one login's: another's revision is neither theirs to change nor may be
        changed = super()._change(s, row, kind, target, new, merge=merge)
        self._formats[row.id] = row.format_id
        return changed

    def reachable(self) -> bool:
        """Whether the server answers now; callable from any thread (the window asks from one while the server
        is out of reach, so that it never waits on the network itself)."""
        if self._engine is None:
            return False
        try:
            with self._engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def backups(self) -> list[Path]:
        return []  # the server's own backups (pg_dump, the administrator's) are not the program's

    def _daily_backup(self) -> None:
        pass

    _FAULTS = (SQLAlchemyError,)

    def _failure(self, error: BaseException, doing: str) -> StorageError:
        return _error(error, self.url, doing)

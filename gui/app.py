"""Starting the Qt application on a database, and the --smoke-test used to check a build."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox

from report.about import APP_NAME, VERSION

from . import input_method, qt_chinese, startup_errors
from .collation import by_pinyin

log = logging.getLogger(__name__)


def application() -> QApplication:
    if QApplication.instance() is None:
        input_method.choose()  # before Qt reads QT_IM_MODULE
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(VERSION)
    install_chinese_translations(app)
    return app


def install_chinese_translations(app: QApplication) -> None:
    """Qt's own dialogs and context menus (确定, 取消, 撤消…) in Simplified Chinese."""
    if getattr(app, "_zh_translators", None):
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translators = []
    for name in ("qtbase",):
        t = QTranslator(app)
        if t.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), name, "_", folder):
            app.installTranslator(t)
            translators.append(t)
    if translators:  # what the catalogue lacks (labels Qt 6 gave a mnemonic), asked before it
        gaps = qt_chinese.Gaps(translators[0], app)
        app.installTranslator(gaps)
        translators.append(gaps)
    app._zh_translators = translators  # type: ignore[attr-defined]  # keep them alive with the app


def open_repository(db: str | None, remembered: bool = False):
    """The repository on `db` (or the default file), held and its newest report read without SQLAlchemy
    (storage.starting): the window shows that report while the rest loads. A StorageError says in Chinese why
    the file cannot be opened. A server's URL connects at once (gui/shared_database.py), asking in a dialog for
    a password the URL lacks. `remembered`: with no `db`, the shared database the clerk last connected to
    through 文件 → 连接共享数据库…, if they were on it when they left (else, or when it fails, the file)."""
    from storage.db_choice import is_server_url

    if db is None and remembered:
        from .shared_database import reconnect_at_start

        repository = reconnect_at_start()
        if repository is not None:
            return repository
    if is_server_url(db):
        from .shared_database import connect, kept_password

        assert db is not None
        return connect(None, db, kept_password(db))  # the password 记住密码 kept, else asked when needed
    from storage.locations import default_db_path
    from storage.starting import StartingRepository

    path = Path(db) if db else default_db_path()
    return StartingRepository.open(path)


def run(db: str | None = None, smoke_test: bool = False) -> int:
    """The window on the database, until it is closed; the exit status. Whatever stops it from opening is said
    in a dialog (a windowed build has no console) or, in the self-test, printed: nobody is there to click."""
    app = application()
    startup_errors.install_excepthook(smoke_test)
    dialogs = startup_errors.SmokeDialogs(app) if smoke_test else None
    try:
        status = _run_window(app, db, smoke_test)
    finally:
        if dialogs is not None:  # the application outlives this window in tests: no later dialog is refused
            app.removeEventFilter(dialogs)
            dialogs.deleteLater()
    if dialogs is not None and dialogs.failed:
        return status or 1
    return status


def _run_window(app: QApplication, db: str | None, smoke_test: bool) -> int:
    restorable = _database_file(db)  # a damaged file's backup may be restored once per start
    remembered = not smoke_test  # the self-test opens no server
    while True:
        try:
            repository = open_repository(db, remembered=remembered)
            break
        except Exception as e:  # StorageError, or a bug: said either way
            status = startup_errors.report_failure(e, smoke_test, restorable)
            if status is not None:
                return status
            # Restored from the backup: open that file (the server, if any, was out of reach a moment ago), and
            # say plainly if even that fails.
            restorable, remembered = None, False
    try:
        window = _open_window(repository, smoke_test)
    except Exception as e:
        repository.close()
        return startup_errors.report_failure(e, smoke_test) or startup_errors.EXIT_UNUSABLE
    _finish_opening(window, repository)
    if smoke_test:
        QTimer.singleShot(0, lambda: _walk_tabs(window, app))
    try:
        return app.exec()
    finally:
        repository.close()


def _database_file(db: str | None) -> Path | None:
    """The database file the start opens (None: a server, or a data folder that cannot be made)."""
    from storage.db_choice import is_server_url
    from storage.errors import StorageError
    from storage.locations import default_db_path

    if is_server_url(db):
        return None
    try:
        return Path(db) if db else default_db_path()
    except StorageError:
        return None


def _open_window(repository, smoke_test: bool):
    from .main_window import MainWindow
    from .shared_database import is_shared

    window = MainWindow(repository)
    # On a shared database the clerk chooses among the reports the login may see; a file opens its newest.
    shared = is_shared(repository)
    opened = False if shared else window.open_latest(review_later=True)  # findings right after it shows
    show_warnings(window, repository)
    if not opened and smoke_test:
        window.show_report(scratch_report())  # nothing in the database: walk the tabs of an unsaved blank report
    window.show()
    if not smoke_test:
        if shared:
            QTimer.singleShot(0, window.pick_report)
        elif not opened:
            QTimer.singleShot(0, window.new_report)
        QTimer.singleShot(0, lambda: tell_input_method_problem(window))
    return window


class _Loaded(QObject):
    """Tells the window's thread that the repository's modules are loaded (said from the loading thread)."""

    done = Signal()


def _finish_opening(window, repository) -> None:
    """SQLAlchemy and the rest of the repository load in a thread while the clerk already reads the report; the
    Repository then takes over on the window's thread. An edit made before that waits for it (storage.starting)."""
    if not hasattr(repository, "load_in_background"):
        return
    relay = _Loaded(window)
    relay.done.connect(lambda: _take_over(window, repository), Qt.ConnectionType.QueuedConnection)
    repository.load_in_background(relay.done.emit)


def _take_over(window, repository) -> None:
    from storage.errors import StorageError

    try:
        repository.repository()
    except StorageError as e:
        if e.reason != "closed":  # closed meanwhile (the window with it): nothing is left to take over
            window.show_storage_error(e)
    except Exception:  # the window stays; an edit will say what is wrong when it is saved
        log.exception("the repository could not take over")


def tell_input_method_problem(window, message: str | None = None) -> QMessageBox | None:
    """At start, when Chinese cannot be typed through this desktop's input method: say so and what to do
    (gui/input_method.py), until the clerk ticks 不再提示."""
    from .settings import IM_WARNING_OFF, settings

    message = message if message is not None else input_method.startup_problem()
    if not message:
        return None
    log.warning("input method: %s", message.splitlines()[0])
    if settings().value(IM_WARNING_OFF, False, type=bool):
        window.statusBar().showMessage(message.splitlines()[0], 30000)
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, "无法输入中文", message, QMessageBox.StandardButton.Ok, window)
    check = QCheckBox("不再提示", box)  # owned by the box, not by this function
    check.toggled.connect(lambda on: _remember(IM_WARNING_OFF, on))
    box.setCheckBox(check)
    box.open()  # window-modal, the window is already up behind it
    window.input_method_box = box
    return box


def _remember(key: str, value: bool) -> None:
    from .settings import settings

    s = settings()
    s.setValue(key, value)
    s.sync()


class _WarningRelay(QObject):
    """Carries the repository's warnings, which its backup thread may raise, to the window's thread."""

    said = Signal(str)


def show_warnings(window, repository) -> None:
    """Things the clerk should know that did not stop the work (e.g. the automatic backup could not be
    written) in the status bar, as they come: the window does not wait for the backup to finish."""
    relay = _WarningRelay(window)
    relay.said.connect(lambda message: window.statusBar().showMessage(message, 30000))
    repository.on_warning(relay.said.emit)


def scratch_report():
    from report.deadline import due_year
    from report.formats import format_for_year
    from report.model import Report

    year = due_year()
    return Report(agency="（未命名机关）", year=year, format_id=format_for_year(year).id)


def _walk_tabs(window, app: QApplication) -> None:
    """Show every section tab once, then close: the packaged program's self-test. Its first line marks the
    moment the window is up, which bench/startup.py times."""
    print("自检：窗口已显示", flush=True)
    repository = getattr(window, "repository", None)
    if hasattr(repository, "load_in_background"):
        repository.repository()  # the modules the window loads after showing, frozen too (raises if one is missing)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        app.processEvents()
    sections = len(window.document.format.sections) if window.document else window.tabs.count()
    print(f"自检：{sections} 节均已显示", flush=True)
    # Qt's dialogs read their labels from the bundled catalogue (and gui/qt_chinese.py).
    chinese = QCoreApplication.translate("QFileDialog", "&Look in:") != "&Look in:"
    if chinese:
        print("自检：Qt 对话框为中文", flush=True)
    else:
        print("自检失败：Qt 对话框不是中文（找不到 qtbase_zh_CN.qm）", file=sys.stderr, flush=True)
    printed = _print_check(window)
    keyring_frozen = _keyring_check()
    # Agency names are listed by pinyin through Qt's ICU collation, which the package ships slimmed.
    order = by_pinyin(["张", "北", "阿", "李"])
    sorted_by_pinyin = order == ["阿", "北", "李", "张"]
    if sorted_by_pinyin:
        print("自检：机关名称按拼音排序", flush=True)
    else:
        print(f"自检失败：机关名称没有按拼音排序（{'、'.join(order)}）", file=sys.stderr, flush=True)
    window.close()
    app.exit(0 if sorted_by_pinyin and chinese and printed and keyring_frozen else 1)


KEYRING_CHECK = "GOV_REPORT_SMOKE_KEYRING"  # set: the self-test checks that 记住密码's keyring is all there


def _keyring_check() -> bool:
    """The keyring package and the backends it finds through its entry points (their metadata must be in the
    package), with the Secret Service client on Linux (secretstorage, jeepney, cryptography): a package missing
    one would keep no password anywhere, silently. Whether this machine has a keyring is not the question (a CI
    machine has none): the backend chosen is only named. Nothing without KEYRING_CHECK."""
    import os

    if not os.environ.get(KEYRING_CHECK):
        return True
    try:
        import keyring

        chosen = type(keyring.get_keyring()).__module__  # loads every backend its entry points name
        wanted = "keyring.backends.Windows" if sys.platform == "win32" else "keyring.backends.SecretService"
        if wanted not in sys.modules:
            raise RuntimeError(f"没有找到 {wanted}")
        if sys.platform != "win32":
            import secretstorage  # noqa: F401
    except Exception as e:  # reported, not raised: the self-test names what failed
        print(f"自检失败：系统密码库的组件不全：{e}", file=sys.stderr, flush=True)
        return False
    print(f"自检：系统密码库的组件齐全（本机选用 {chosen}）", flush=True)
    return True


PRINT_CHECK = "GOV_REPORT_SMOKE_PRINT"  # a PDF file the self-test prints the report to (the package's check)


def _print_check(window) -> bool:
    """Print the open report to the PDF file PRINT_CHECK names, as 打印 would (pdfium and Qt's print support,
    frozen); nothing without it: it takes seconds, and start-up is timed on the self-test."""
    import os

    target = os.environ.get(PRINT_CHECK)
    if not target or window.document is None:
        return True
    from PySide6.QtPrintSupport import QPrinter

    from . import printing

    try:
        pages = printing.pages_of(window.document.report)
        try:
            printer = printing.new_printer(pages, "自检")
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(target)
            printing.paint(printer, pages)
            count = len(pages)
        finally:
            pages.close()
    except Exception as e:  # reported, not raised: the self-test names what failed
        print(f"自检失败：打印出错：{e}", file=sys.stderr, flush=True)
        return False
    print(f"自检：已打印 {count} 页", flush=True)
    return True

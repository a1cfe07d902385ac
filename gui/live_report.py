"""Two people, one report, on a shared database: the window's side of the edit lease and of watching.

Opening a report takes its edit lease (storage.server_leases). Held, it is renewed every RENEW_EVERY_S seconds
while the window shows the report and released when it goes. Held by someone else (or asked by a reviewer, who
edits nothing), the report is shown read-only with who holds it and since when, and the window watches it: every
WATCH_MS it reads the mark (one statement, Repository.mark) and shows what was saved meanwhile — the report, the
cells and the 台账 tab that follow the agency's ledger, the findings (also against last year's report) — reading
only what moved (gui/saved_meanwhile.py).

Polling, not LISTEN/NOTIFY: openGauss has no LISTEN, a NOTIFY would need a trigger (which the schema avoids for
the domestic servers), and a listening connection needs its own socket in the event loop. A look every two
seconds per watching window is nothing to a server.

Renewals and looks run in a thread (`_Background`), so that a dropped network never freezes the window; their
outcome comes back to the window's thread as a signal.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from report.status import Status
from storage.errors import StorageError
from storage.server_errors import TRANSIENT

from . import saved_meanwhile
from .document import Document

log = logging.getLogger(__name__)

RETRY, START = "重试（取得编辑权）", "开始编辑"
WATCH_MS = 2000  # how often a watching window looks for saved changes
RECONNECT_MS = 2000  # how often a renewal is tried again while the server is out of reach


def is_live(repository: Any) -> bool:
    """Whether the repository is shared with others (a server's): only then are leases taken and reports watched."""
    return repository is not None and callable(getattr(repository, "take_lease", None))


class Banner(QFrame):
    """The strip above the tabs that says why the report is read-only here, with 重试 where trying again helps."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("liveBanner")
        self.setStyleSheet("#liveBanner { background: #fff4ce; border-bottom: 1px solid #e0c060; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(RETRY)
        self.retry_button.setToolTip("对方关闭这份报告后（或其程序异常退出约 2 分钟后），点这里即可开始编辑")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        self.hide()

    def say(self, text: str, *, retry: bool, button: str = RETRY) -> None:
        self.label.setText(text)
        self.retry_button.setText(button)
        self.retry_button.setVisible(retry)
        self.show()


def page_with_banner(banner: Banner, tabs: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(tabs, 1)
    return page


class _Background(QObject):
    """One call at a time in a thread; its result (or StorageError) delivered on the window's thread."""

    _finished = Signal(object, object, object)  # callback, result, error

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.busy = False
        self._finished.connect(self._deliver)

    def run(self, work: Callable[[], Any], done: Callable[[Any, StorageError | None], None]) -> bool:
        if self.busy:
            return False
        self.busy = True

        def call() -> None:
            result: Any = None
            error: StorageError | None = None
            try:
                result = work()
            except StorageError as e:
                error = e
            except Exception as e:  # unforeseen: logged, and said as a failed look
                log.exception("background database call failed")
                error = StorageError(f"读取共享数据库失败：{e}", reason="other")
            try:
                self._finished.emit(done, result, error)
            except RuntimeError:  # the window went away meanwhile
                pass

        threading.Thread(target=call, name="shared-database", daemon=True).start()
        return True

    def _deliver(self, done: Callable[[Any, StorageError | None], None], result: Any, error: Any) -> None:
        self.busy = False
        done(result, error)


RELEASE_WAIT_S = 1.0


def _release_briefly(repository: Any, report_id: Any) -> None:
    """Give the lease back in a thread, waiting for it at most RELEASE_WAIT_S: on a network that dropped silently
    the call would hold the closing window for libpq's timeouts (~25 s). A lease not given back lapses by itself
    a couple of minutes later; a reachable server answers in milliseconds, so the next opener finds it free."""

    def call() -> None:
        try:
            repository.release_lease(report_id)
        except StorageError as e:
            log.warning("releasing the lease failed: %s", e)
        except Exception:  # unforeseen, in a thread nobody waits on: logged only
            log.exception("releasing the lease failed")

    thread = threading.Thread(target=call, name="lease-release", daemon=True)
    thread.start()
    thread.join(RELEASE_WAIT_S)


class LiveReport(QObject):
    """The lease and the watching of the report `document` shows, for as long as the window shows it."""

    status = Signal(str)  # a passing Chinese message for the status bar
    reshaped = Signal()  # the watched report changed its format (replaced by an import): show it anew
    reachable = Signal(bool)  # the server stopped answering (False) or answers again (True)
    ledgerSaved = Signal(object, bool)  # the agency's ledger as saved now, and whether table 三 follows it

    def __init__(self, repository: Any, document: Document, banner: Banner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from storage import server_leases  # deferred: SQLAlchemy, loaded only for a shared database

        self._leases = server_leases
        self.repository = repository
        self.document = document
        self.report_id = document.report_id
        self.banner = banner
        self.holding = False  # this window holds the report's edit lease
        self.unreachable = False  # the last renewal or look found the server out of reach
        self.active = True  # False once stopped: answers still on their way are dropped
        self.may_edit = True  # False for a login that may only read the report (a reviewer): no lease to wait for
        self._free = False  # the watched report's lease is free now (its holder closed it): said in the banner
        self._mark: Any = None  # storage.watch_mark.Mark of the last look; None: look at everything
        self._applications: list | None = None  # the ledger as the last look read it
        self._background = _Background(self)  # renewals
        self._looking = _Background(self)  # looks: never in the way of a renewal
        self._renewer = QTimer(self)
        self._renewer.setInterval(server_leases.RENEW_EVERY_S * 1000)
        self._renewer.timeout.connect(self._renew)
        self._watcher = QTimer(self)
        self._watcher.setInterval(WATCH_MS)
        self._watcher.timeout.connect(self._look)
        banner.retry_button.clicked.connect(self.retry)

    # ------------------------------------------------------------------ opening and closing

    def start(self) -> None:
        """Take the lease, or show the report read-only and watch it."""
        try:
            lease = self.repository.take_lease(self.report_id)
        except StorageError as e:
            if e.reason == "denied":  # a reviewer (or a login that may only read this agency): watch it
                self.may_edit = False
                self._watch("以审核人身份查看：只能阅读，不能修改；别人保存的修改几秒内会显示在这里。", retry=False)
            else:
                self._watch(f"无法取得编辑权，暂以只读方式打开：{e}", retry=True)
            return
        if lease.mine:
            self._hold()
        else:
            self._watch(self._held_elsewhere(lease), retry=True)

    def stop(self) -> None:
        """The window no longer shows the report: stop renewing and watching; give the lease back (quietly: a
        lease not given back lapses by itself)."""
        self.active = False
        self._renewer.stop()
        self._watcher.stop()
        if self.holding and not self.unreachable and not self.document.is_offline:
            _release_briefly(self.repository, self.report_id)
        self.holding = False

    def _hold(self) -> None:
        self.holding = True
        self._watcher.start()  # now only for what others change beside the report: its ledger, last year's report
        self.banner.hide()
        self.document.set_watching(None)
        self._renewer.setInterval(self._leases.RENEW_EVERY_S * 1000)
        self._renewer.start()

    def _watch(self, why: str, *, retry: bool) -> None:
        self.holding = False
        self._renewer.stop()
        self.document.pause()  # what was typed and not written waits here, not retried against another's lease
        short = why.split("；")[0].split("。")[0]
        self.document.set_watching(f"这份报告在本窗口中只读：{short}")
        self.banner.say(why, retry=retry)
        self._mark = None
        self._free = False
        self._look()
        self._watcher.start()

    def _held_elsewhere(self, lease: Any) -> str:
        """Who edits the report, said to the one who may only read it. The same login elsewhere is most often
        this clerk's own program that just crashed, or a colleague sharing the login: said as such."""
        if lease.login == getattr(self.repository, "login", None):
            return (f"这份报告已由同一登录名「{lease.login}」在另一个程序窗口（{lease.host}）中打开编辑，"
                    f"自 {lease.since:%Y-%m-%d %H:%M} 起；现在以只读方式打开。那个窗口关闭后即可编辑；"
                    f"如果它是刚才异常退出的程序，约 {self._leases.LEASE_S // 60} 分钟后可以编辑。")
        return lease.refusal() + "。别人保存的修改几秒内会显示在这里。"

    # ------------------------------------------------------------------ renewing

    def _renew(self) -> None:
        self._background.run(lambda: self.repository.keep_lease(self.report_id), self._renewed)

    def _renewed(self, outcome: Any, error: StorageError | None) -> None:
        if not self.active or not self.holding:
            return
        if error is not None:
            if error.reason in TRANSIENT:
                self._out_of_reach()
            else:
                self.status.emit(f"保持编辑权失败：{error}")
            return
        if self.unreachable:
            self._back()
        if outcome == self._leases.LOST:
            self.lost()

    def _out_of_reach(self) -> None:
        if not self.unreachable:
            self.unreachable = True
            self.reachable.emit(False)
        self._renewer.setInterval(RECONNECT_MS)  # try the lease again soon: the server may be back in seconds

    def _back(self) -> None:
        self.unreachable = False
        self._renewer.setInterval(self._leases.RENEW_EVERY_S * 1000)
        self.reachable.emit(True)
        if self.document.has_unsaved and self.holding:
            self.document.flush()

    def lost(self) -> None:
        """The lease lapsed (this program could not reach the server for minutes) and someone else took it:
        stop editing, keeping what was typed and not yet written."""
        try:
            lease = self.repository.take_lease(self.report_id)
        except StorageError as e:
            lease = None
            log.warning("asking who holds the lease failed: %s", e)
        if lease is not None and lease.mine:  # it lapsed but nobody took it: still ours to write
            self._hold()
            self.document.flush()
            return
        who = (f"「{lease.login}」（{lease.host}）自 {lease.since:%Y-%m-%d %H:%M} 起在编辑这份报告"
               if lease is not None else "别人取得了这份报告的编辑权")
        waiting = self.document.unsaved_count
        kept = (f"本窗口中还有 {waiting} 处修改没有保存，仍保留在这里：可以用「文件 → 另存为」存成文件，"
                "或等对方关闭后点「重试」把它们保存到数据库。" if waiting else "")
        self._watch(f"编辑权已失效：本程序有一段时间没能与服务器联系，其间{who}。现在只能查看。{kept}", retry=True)
        self.status.emit("编辑权已失效，报告改为只读" + (f"；{waiting} 处修改保留在本窗口中" if waiting else ""))

    # ------------------------------------------------------------------ watching

    def _look(self) -> None:
        seen, agency = self._mark, self.document.report.agency
        repo, rid, may_edit = self.repository, self.report_id, self.may_edit
        if self.holding:
            self._looking.run(lambda: saved_meanwhile.look_beside(repo, rid, agency, seen), self._looked_beside)
        else:
            self._looking.run(lambda: saved_meanwhile.look(repo, rid, agency, seen, may_edit), self._looked)

    def _looked_beside(self, result: saved_meanwhile.Look | None, error: StorageError | None) -> None:
        """This window edits the report; someone changed its agency's ledger (table 三 follows it) or last year's
        report: shown, the clerk's typing and undo steps untouched. A failed look is left to the renewal to say."""
        if not self.active or not self.holding or result is None:
            return
        first = self._mark is None
        self._mark = result.mark
        if self._follow(result) and not first:
            self.status.emit("已显示别人刚保存的台账修改")

    def _follow(self, result: saved_meanwhile.Look) -> bool:
        """The ledger, the cells that follow it and last year's report as `result` read them; True when the ledger
        changed since the last look."""
        doc, changed = self.document, False
        if result.applications is not None:
            self.ledgerSaved.emit(result.applications, result.mark.from_ledger)
            changed = self._applications is not None and result.applications != self._applications
            self._applications = result.applications
            same = result.report is not None and result.report.format_id == doc.format.id  # else shown anew
            saved = result.report.cells if same and result.report is not None else None
            doc.follow_ledger(result.derived(doc.format), saved)
        if result.previous_read and result.previous != doc.previous:
            doc.set_previous(result.previous)
        return changed

    def _looked(self, result: saved_meanwhile.Look | None, error: StorageError | None) -> None:
        if not self.active or self.holding:
            return
        if error is not None or result is None:
            if error is not None and error.reason in TRANSIENT and not self.unreachable:
                self.unreachable = True
                self.reachable.emit(False)
            return
        if self.unreachable:
            self.unreachable = False
            self.reachable.emit(True)
        lease, report, info = result.lease, result.report, result.info
        if lease is None and not self._free:
            self._free = True
            waiting = self.document.unsaved_count
            self.banner.say("之前编辑这份报告的人已经关闭了它（或其程序已退出），现在可以编辑了。"
                            + (f"点「{START}」会先把本窗口保留的 {waiting} 处修改保存到数据库。" if waiting else
                               f"点「{START}」即可修改。"), retry=True, button=START)
            self.status.emit("这份报告现在没有人在编辑，可以点「开始编辑」")
        elif lease and not lease.mine and self._free:
            self._free = False
            self.banner.say(self._held_elsewhere(lease), retry=True)
        first = self._mark is None
        self._mark = result.mark
        doc = self.document
        if report is not None and info is not None:
            if info.deleted_at is not None:
                self.banner.say("这份报告已被别人删除（可在「已删除的报告」中恢复）；这里显示的是删除前的内容。",
                                retry=False)
                return
            if report.format.id != doc.format.id and not doc.has_unsaved:
                self.reshaped.emit()  # other tables altogether: the window shows the report anew
                return
        # With edits of this window still waiting (its lease was lost), the report stays as typed here, and 重试
        # reads it afresh before writing them; only the cells that follow the ledger, never typed, follow it.
        shown = self._follow(result)
        if report is not None and info is not None and not doc.has_unsaved:
            shown = doc.refresh(report, info.status == Status.FINAL) or shown
        if shown and not first:
            self.status.emit("已显示别人刚保存的修改")

    def retry(self) -> None:
        """重试: take the lease now; if it is ours, show the report as saved with this window's waiting edits
        laid over it, and write them."""
        try:
            lease = self.repository.take_lease(self.report_id)
        except StorageError as e:
            self.banner.say(f"仍无法取得编辑权：{e}", retry=True)
            return
        if not lease.mine:
            self._free = False
            self.banner.say(f"（{datetime.datetime.now():%H:%M:%S} 重试：对方仍在编辑）" + self._held_elsewhere(lease),
                            retry=True)
            self.status.emit("对方仍在编辑这份报告")
            return
        try:
            report = self.repository.load(self.report_id)
            final = self.repository.info(self.report_id).status == Status.FINAL
        except StorageError as e:
            self.banner.say(f"已取得编辑权，但读取报告失败：{e}", retry=True)
            return
        self.document.refresh(report, final, keep_unsaved=True)
        self._hold()
        waiting = self.document.unsaved_count
        if not waiting:
            self.status.emit("已取得编辑权，可以修改")
        elif self.document.flush():
            self.status.emit(f"已取得编辑权，本窗口保留的 {waiting} 处修改已保存")
        else:  # on their way to the server (the writer's thread): 已保存 follows once written
            self.status.emit(f"已取得编辑权，正在保存本窗口保留的 {waiting} 处修改")

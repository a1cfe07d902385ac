"""Driving the window's modal dialogs in tests: each expected dialog is answered, in order, by a handler."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gui import file_dialogs
from gui.menu_texts import without_letter


class Driver:
    """Polls for the active modal dialog and hands each new one to the next handler; records what it saw."""

    def __init__(self, *handlers: Callable[[QWidget], None]) -> None:
        self.handlers = list(handlers)
        self.seen: list[QWidget] = []
        self.failures: list[BaseException] = []
        self.texts: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or any(w is widget for w in self.seen) or not widget.isVisible():
            return
        if getattr(widget, "waits_for_work", False):  # 正在连接…: shown while work runs, it asks nothing
            return
        self.seen.append(widget)
        if isinstance(widget, QMessageBox):
            self.texts.append(widget.text() + "\n" + widget.informativeText())
        if not self.handlers:
            self.failures.append(AssertionError(f"unexpected dialog: {widget.windowTitle()} {self.texts[-1:] }"))
            widget.close()
            return
        handler = self.handlers.pop(0)
        # Called after this poll returns: a handler that opens the next modal dialog must not block this timer.
        QTimer.singleShot(0, lambda: self._run(handler, widget))

    def _run(self, handler, widget) -> None:
        try:
            handler(widget)
            if widget.isVisible():
                raise AssertionError(f"the dialog {widget.windowTitle()!r} is still open after its handler")
        except BaseException as e:  # a failed check must not leave a modal dialog open for ever
            self.failures.append(e)
            widget.close()

    def done(self) -> None:
        self.timer.stop()
        if self.failures:
            raise self.failures[0]
        assert not self.handlers, f"{len(self.handlers)} expected dialog(s) never appeared"


def click(text: str) -> Callable[[QWidget], None]:
    """A handler pressing the message box's button with this text."""

    def handler(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), type(box)
        for button in box.buttons():
            if without_letter(button.text()) == text:  # the words, without the access letter
                button.click()
                return
        raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")

    return handler


class Recorder:
    """Stands in for QMessageBox's static warning/information/question; question answers from a list."""

    def __init__(self, monkeypatch, answers: list[bool] | None = None) -> None:
        self.messages: list[tuple[str, str]] = []
        self.answers = list(answers or [])
        monkeypatch.setattr(QMessageBox, "warning", self._message("warning"))
        monkeypatch.setattr(QMessageBox, "information", self._message("information"))
        monkeypatch.setattr(QMessageBox, "critical", self._message("critical"))
        monkeypatch.setattr(QMessageBox, "question", self._question)

    def _message(self, kind: str):
        def show(_parent, _title, text, *args, **kwargs):
            self.messages.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return show

    def _question(self, _parent, _title, text, *args, **kwargs):
        self.messages.append(("question", text))
        assert self.answers, f"unexpected question: {text}"
        return QMessageBox.StandardButton.Yes if self.answers.pop(0) else QMessageBox.StandardButton.No


class Clerk:
    """Stands in for the user at every dialog: answers message boxes by button text, picks files, opens URLs."""

    def __init__(self, monkeypatch):
        self.boxes: list[dict] = []  # every message box shown: title, text, informative, buttons
        self.answers: list[str] = []  # button texts to click, in order; a box with no answer left: its escape
        self.proposed: list[str] = []  # what the save dialog proposed
        self.save_as: list[Path | str] = []
        self.open_files: list[Path | str] = []
        self.opened: list[str] = []
        clerk = self

        def exec_box(box):
            texts = [without_letter(b.text()) for b in box.buttons()]  # the words, without the access letter
            clerk.boxes.append({"title": box.windowTitle(), "text": box.text(), "informative": box.informativeText(),
                                "buttons": texts, "detailed": box.detailedText()})
            wanted = clerk.answers.pop(0) if clerk.answers else None
            button = next((b for b in box.buttons() if without_letter(b.text()) == wanted), None) or box.escapeButton()
            assert button is not None, texts
            button.click()
            return 0

        def static_box(kind):
            def show(parent, title, text, *args, **kwargs):
                clerk.boxes.append({"title": title, "text": text, "kind": kind, "buttons": []})
                return QMessageBox.StandardButton.Ok
            return show

        def file_dialog(parent, title, start, filters, mode, save=False):
            # What the clerk picks in the file dialog (gui/file_dialogs.py completes and checks it as usual).
            first = filters.split(";;")[0]
            if save:
                clerk.proposed.append(str(start))
                return ([str(clerk.save_as.pop(0))], first) if clerk.save_as else ([], first)
            return ([str(clerk.open_files.pop(0))], first) if clerk.open_files else ([], first)

        monkeypatch.setattr(QMessageBox, "exec", exec_box)
        for name in ("warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, name, staticmethod(static_box(name)))
        monkeypatch.setattr(file_dialogs, "ask", file_dialog)
        monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: clerk.opened.append(url.toLocalFile()) or True))

    def texts(self) -> str:
        return "\n".join(f"{b['text']}\n{b.get('informative', '')}" for b in self.boxes)

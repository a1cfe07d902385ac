"""Chinese input on Linux desktops whose input method is Fcitx: the wheels' Qt has no Fcitx plugin, so the
program asks for IBus, which Fcitx 5 also serves; any other setting is left as the clerk's desktop made it."""

from __future__ import annotations

from pathlib import Path

from gui.input_method import choose, wanted_module


def plugins(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "platforminputcontexts"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(b"")
    return tmp_path


WHEEL = ("libcomposeplatforminputcontextplugin.so", "libibusplatforminputcontextplugin.so")


def test_fcitx_without_its_plugin_is_served_through_ibus(tmp_path):
    wheel = [plugins(tmp_path, *WHEEL)]
    assert wanted_module({"QT_IM_MODULE": "fcitx"}, wheel) == "ibus"
    assert wanted_module({"QT_IM_MODULE": "fcitx5"}, wheel) == "ibus"
    assert wanted_module({"XMODIFIERS": "@im=fcitx"}, wheel) == "ibus"  # UOS sets only this


def test_other_settings_are_left_alone(tmp_path):
    wheel = [plugins(tmp_path, *WHEEL)]
    assert wanted_module({}, wheel) is None
    assert wanted_module({"QT_IM_MODULE": "ibus"}, wheel) is None
    assert wanted_module({"QT_IM_MODULE": "xim", "XMODIFIERS": "@im=fcitx"}, wheel) is None


def test_a_qt_with_the_fcitx_plugin_or_without_ibus_is_left_alone(tmp_path):
    with_fcitx = [plugins(tmp_path, *WHEEL, "libfcitx5platforminputcontextplugin.so")]
    assert wanted_module({"QT_IM_MODULE": "fcitx"}, with_fcitx) is None
    assert wanted_module({"QT_IM_MODULE": "fcitx"}, [tmp_path / "无此目录"]) is None


def test_the_wheels_qt_has_the_ibus_plugin_and_not_fcitx_so_fcitx_is_served_through_ibus():
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforminputcontexts"  # the wheel's
    names = [p.name for p in folder.iterdir()]
    assert any("ibus" in n for n in names) and not any("fcitx" in n for n in names), names
    env = {"QT_IM_MODULE": "fcitx"}
    choose(env)
    assert env["QT_IM_MODULE"] == "ibus"


def fake_proc(tmp_path: Path, *names: str) -> Path:
    proc = tmp_path / "proc"
    proc.mkdir()
    for pid, name in enumerate(names, start=100):
        (proc / str(pid)).mkdir()
        (proc / str(pid) / "comm").write_text(name + "\n", encoding="utf-8")
    (proc / "self").mkdir()  # not a process number: skipped
    return proc


def test_the_running_input_method_daemons_are_found(tmp_path):
    from gui.input_method import FCITX4, FCITX5, IBUS, running_frameworks

    proc = fake_proc(tmp_path, "bash", "fcitx", "sogoupinyin-ser", "ibus-daemon", "fcitx5")
    assert running_frameworks(proc) == {FCITX4, FCITX5, IBUS}
    assert running_frameworks(tmp_path / "无此目录") == set()


def test_fcitx_4_alone_is_told_with_what_to_do():
    from gui.input_method import FCITX4, FCITX5, IBUS, problem

    wheel = list(WHEEL)
    message = problem({FCITX4}, wheel)
    assert message is not None and "Fcitx 4" in message and "Fcitx 5" in message and "粘贴" in message
    assert problem({FCITX4, FCITX5}, wheel) is None  # Fcitx 5 answers IBus
    assert problem({FCITX4, IBUS}, wheel) is None
    assert problem({FCITX5}, wheel) is None and problem({IBUS}, wheel) is None and problem(set(), wheel) is None
    assert problem({FCITX4}, [*wheel, "libfcitxplatforminputcontextplugin-qt6.so"]) is None


def test_the_warning_at_start_until_the_clerk_says_no_more(open_window, qtbot):
    from PySide6.QtWidgets import QMessageBox

    from gui.app import tell_input_method_problem
    from gui.input_method import FCITX4, problem

    window = open_window()
    message = problem({FCITX4}, list(WHEEL))
    box = tell_input_method_problem(window, message)
    assert isinstance(box, QMessageBox) and box.isVisible() and box.windowTitle() == "无法输入中文"
    assert box.text() == message
    box.checkBox().setChecked(True)
    box.button(QMessageBox.StandardButton.Ok).click()
    assert tell_input_method_problem(window, message) is None  # 不再提示: the status bar only
    assert window.statusBar().currentMessage() == message.splitlines()[0]
    assert tell_input_method_problem(window, "") is None

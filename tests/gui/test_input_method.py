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

"""A manual check of Chinese input through a real input-method daemon: pinyin typed as key presses into the
window's prose editor and into a table cell, the Chinese read back.

Not part of `make test`: it needs an X display, a D-Bus session and an input-method daemon with a pinyin engine,
and times itself on the daemon's answers. On Debian (as root):

    apt-get install -y --no-install-recommends ibus ibus-libpinyin xvfb xdotool dbus
    Xvfb :78 -screen 0 1366x768x24 &
    DISPLAY=:78 dbus-run-session -- .venv/bin/python tests/manual/real_input_method.py            # IBus
    apt-get install -y --no-install-recommends fcitx5 fcitx5-chinese-addons
    DISPLAY=:78 dbus-run-session -- .venv/bin/python tests/manual/real_input_method.py fcitx5     # Fcitx 5

It starts the daemon (ibus-daemon with libpinyin, or fcitx5 with its pinyin) in a private home folder and runs the
program's window as on a Linux desktop whose input method is Fcitx (QT_IM_MODULE=fcitx, which gui/input_method.py
serves through Qt's IBus plugin, as Fcitx 5 answers IBus). Exit status 0 when both texts came back in Chinese.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PINYIN = "nihao"
FRAMEWORK = sys.argv[1] if len(sys.argv) > 1 else "ibus"  # ibus or fcitx5
EXPECTED = "你好"


def start_ibus(home: Path) -> subprocess.Popen:
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"))
    daemon = subprocess.Popen(["ibus-daemon", "--replace", "--panel=disable", "--xim"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        # `ibus engine NAME` may report failure while no window has focus; asking back tells whether it took.
        subprocess.run(["ibus", "engine", "libpinyin"], env=env, capture_output=True)
        current = subprocess.run(["ibus", "engine"], env=env, capture_output=True, text=True).stdout.strip()
        if current == "libpinyin":
            return daemon
        time.sleep(0.5)
    daemon.terminate()
    raise SystemExit("ibus-daemon 未能启动或没有 libpinyin 引擎")


FCITX5_PROFILE = """[Groups/0]
Name=默认
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=默认
"""


def start_fcitx5(home: Path) -> subprocess.Popen:
    """fcitx5 with pinyin as its second input method; its IBus frontend writes the address Qt's plugin reads."""
    config = home / ".config"
    (config / "fcitx5").mkdir(parents=True, exist_ok=True)
    (config / "fcitx5" / "profile").write_text(FCITX5_PROFILE, encoding="utf-8")
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(config))
    with open(home / "fcitx5.log", "w") as log:  # the daemon writes on through its own copy of the handle
        daemon = subprocess.Popen(["fcitx5", "--disable=wayland,kimpanel,notificationitem,classicui"], env=env,
                                  stdout=log, stderr=log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        # Only the address file is watched: asking fcitx5 over D-Bus this early would have D-Bus start a second one.
        if any((config / "ibus" / "bus").glob("*")):
            time.sleep(2)  # its engines load after the frontends
            return daemon
        time.sleep(0.5)
    daemon.terminate()
    raise SystemExit(f"fcitx5 未能启动或没有提供 IBus 接口（见 {home / 'fcitx5.log'}）")


def type_keys(window_id: int, app, keys: str, typed) -> str:
    """xdotool sends the key presses to the window while Qt keeps processing events; then up to 10 s for the
    input method's commit to arrive. Returns what `typed()` reads back."""
    subprocess.run(["xdotool", "windowfocus", "--sync", str(window_id)], check=False)
    if FRAMEWORK == "fcitx5":  # switch the focused context to pinyin, once fcitx5 knows it has the focus
        end = time.monotonic() + 10
        while time.monotonic() < end:
            subprocess.run(["fcitx5-remote", "-o"], check=False)
            settle(app, 0.3)
            if subprocess.run(["fcitx5-remote"], capture_output=True, text=True).stdout.strip() == "2":
                break
    typing = subprocess.Popen(["xdotool", "type", "--delay", "120", keys])
    while typing.poll() is None:
        app.processEvents()
        time.sleep(0.02)
    end = time.monotonic() + 10
    while EXPECTED not in typed() and time.monotonic() < end:
        settle(app, 0.1)
    return typed()


def settle(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("需要 X 显示（DISPLAY）和 D-Bus 会话：见本文件开头的说明", file=sys.stderr)
        return 2
    if FRAMEWORK not in ("ibus", "fcitx5"):
        print("用法：real_input_method.py [ibus|fcitx5]", file=sys.stderr)
        return 2
    for tool in (("ibus-daemon", "ibus") if FRAMEWORK == "ibus" else ("fcitx5", "fcitx5-remote")) + ("xdotool",):
        if shutil.which(tool) is None:
            print(f"缺少 {tool}：见本文件开头的说明", file=sys.stderr)
            return 2
    home = Path(tempfile.mkdtemp(prefix="im-check-"))
    daemon = start_ibus(home) if FRAMEWORK == "ibus" else start_fcitx5(home)
    try:
        os.environ.update(HOME=str(home), QT_IM_MODULE="fcitx", XMODIFIERS="@im=fcitx",
                          GOV_REPORT_DATA_DIR=str(home / "data"))
        sys.path.insert(0, str(ROOT))
        from gui.app import application
        from gui.main_window import MainWindow
        from storage.repository import Repository

        app = application()
        print("QT_IM_MODULE 实际为", os.environ["QT_IM_MODULE"])
        repo = Repository.open(home / "check.sqlite")
        window = MainWindow(repo)
        window.open_report(repo.create_report("某某区司法局", 2022))
        window.show()
        settle(app, 1.5)
        results = {}

        prose = window.section_widgets["s5"]
        window.tabs.setCurrentWidget(prose)
        prose.editor.setFocus()
        settle(app, 0.5)
        results["正文（五）"] = type_keys(int(window.winId()), app, PINYIN + " ", lambda: window.document.text("s5"))

        view = window.section_widgets["s3"]
        window.tabs.setCurrentWidget(view)
        view.select_cell("s3.new:natural")
        view.setFocus()
        settle(app, 0.5)

        def cell_editor_text() -> str:  # the cell's editor, opened by the first key, holds what was typed
            editor = app.focusWidget()
            return editor.text() if editor is not view and hasattr(editor, "text") else ""

        results["表格单元格（三）"] = type_keys(int(window.winId()), app, PINYIN + " ", cell_editor_text)
        window.grab().save(str(home / "输入法检查.png"))

        ok = True
        for where, text in results.items():
            good = EXPECTED in text
            ok &= good
            print(f"{'通过' if good else '失败'}（{FRAMEWORK}）：{where}键入 {PINYIN} 得到「{text}」")
        print("截图：", home / "输入法检查.png")
        window.document.flush()
        repo.close()
        return 0 if ok else 1
    finally:
        daemon.terminate()
        daemon.wait(10)


if __name__ == "__main__":
    sys.exit(main())

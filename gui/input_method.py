"""Typing Chinese on domestic Linux, where the input method is usually Fcitx.

Qt reaches an input method through a plugin chosen by QT_IM_MODULE. The Qt of the PySide6 wheels ships the
plugins for IBus and compose only; Fcitx's own Qt 6 plugin must be built against the exact Qt it loads into,
so the system's copy cannot serve. Fcitx 5 also answers IBus's protocol, so a program whose Qt has no Fcitx
plugin still gets Chinese input by asking for IBus instead. The choice is made before QApplication reads the
variable.

Fcitx 4 (麒麟 V10's default, with 搜狗输入法) speaks neither IBus nor anything else the wheels' Qt understands (Qt 6
dropped XIM). Its Qt 6 plugin (Debian's fcitx-frontend-qt6, built on Qt 6.4) cannot be shipped instead: it calls
a private Qt function whose signature changed by Qt 6.8 (QWindowSystemInterface::handleExtendedKeyEvent), so
both the 6.8 and the 6.11 wheels refuse to load it, and it needs a C++ library newer than 麒麟 V10's. So where
Fcitx 4 is the running input method, and neither Fcitx 5 nor IBus, the program says so at start and what to do
(`problem`), instead of silently not typing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping
from pathlib import Path


def asks_for_fcitx(env: Mapping[str, str]) -> bool:
    current = env.get("QT_IM_MODULE", "").strip().lower()
    return current.startswith("fcitx") or (not current and "@im=fcitx" in env.get("XMODIFIERS", "").lower())


def wanted_module(env: Mapping[str, str], plugin_dirs: list[Path]) -> str | None:
    """The QT_IM_MODULE to use instead of the environment's, or None to leave it alone."""
    if not asks_for_fcitx(env):
        return None
    names = [p.name for d in plugin_dirs if (d / "platforminputcontexts").is_dir()
             for p in (d / "platforminputcontexts").iterdir()]
    has_fcitx = any("fcitx" in n for n in names)
    has_ibus = any("ibus" in n for n in names)
    return "ibus" if has_ibus and not has_fcitx else None


def choose(env: MutableMapping[str, str] | None = None) -> None:
    if not sys.platform.startswith("linux"):
        return
    from PySide6.QtCore import QCoreApplication

    env = os.environ if env is None else env
    if not asks_for_fcitx(env):
        return
    # Where Qt will look: its own plugin folder (the package's, when frozen) and QT_PLUGIN_PATH.
    module = wanted_module(env, [Path(p) for p in QCoreApplication.libraryPaths()])
    if module is not None:
        env["QT_IM_MODULE"] = module


# The daemons of the input frameworks, as their processes are named (/proc/PID/comm).
FCITX4, FCITX5, IBUS = "fcitx", "fcitx5", "ibus-daemon"

FCITX4_MESSAGE = (
    "本电脑正在使用 Fcitx 4 输入法框架（例如麒麟 V10 自带的搜狗输入法），本程序无法通过它输入中文。\n\n"
    "可以这样解决：\n"
    "1. 在系统的「输入法」设置中改用 Fcitx 5 或 IBus 输入法（如「智能拼音」），然后重新打开本程序；\n"
    "2. 如果系统中没有，请管理员从软件商店安装 Fcitx 5（软件包 fcitx5、fcitx5-chinese-addons）"
    "或 IBus（ibus、ibus-libpinyin）；\n"
    "3. 暂时在 WPS 等其他程序中输入文字，复制后粘贴到本程序中（粘贴会保留分段）。\n\n"
    "数字和英文可以照常输入。"
)


def running_frameworks(proc: Path = Path("/proc")) -> set[str]:
    """Which input-method daemons run under this user: a subset of {FCITX4, FCITX5, IBUS}."""
    found: set[str] = set()
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        entries = list(proc.iterdir())
    except OSError:
        return found
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            name = (entry / "comm").read_text(encoding="utf-8", errors="replace").strip()
            if name in (FCITX4, FCITX5, IBUS) and (uid is None or entry.stat().st_uid == uid):
                found.add(name)  # another user's daemon (a second login) does not serve this session
        except OSError:
            continue  # the process ended meanwhile
    return found


def problem(running: set[str], plugin_names: list[str]) -> str | None:
    """What to tell the clerk at start, or None when Chinese input can work (or no input method runs)."""
    if FCITX4 not in running or FCITX5 in running or IBUS in running:
        return None
    if any("fcitx" in n and "fcitx5" not in n for n in plugin_names):
        return None  # a Qt that carries Fcitx 4's own plugin
    return FCITX4_MESSAGE


def startup_problem() -> str | None:
    """`problem` for this machine (Linux only), read after QApplication exists."""
    if not sys.platform.startswith("linux"):
        return None
    from PySide6.QtCore import QCoreApplication

    names = [p.name for d in QCoreApplication.libraryPaths()
             if (Path(d) / "platforminputcontexts").is_dir() for p in (Path(d) / "platforminputcontexts").iterdir()]
    return problem(running_frameworks(), names)

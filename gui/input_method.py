"""Typing Chinese on domestic Linux, where the input method is usually Fcitx.

Qt reaches an input method through a plugin chosen by QT_IM_MODULE. The Qt of the PySide6 wheels ships the
plugins for IBus and compose only; Fcitx's own Qt 6 plugin must be built against the exact Qt it loads into,
so the system's copy cannot serve. Fcitx 5 also answers IBus's protocol, so a program whose Qt has no Fcitx
plugin still gets Chinese input by asking for IBus instead. (Fcitx 4 does not: there the clerk needs IBus or
Fcitx 5.) The choice is made before QApplication reads the variable.
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

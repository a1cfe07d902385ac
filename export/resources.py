"""Where the program's bundled resources (fonts and their licences) live, from source and when frozen."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The top-level `resources/` folder.

    Frozen by PyInstaller, data files are unpacked under `sys._MEIPASS` (the spec file must add `resources/` as
    a data folder of that name); from source it is the folder beside `export/`.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"

"""File names that the file systems of the clerks' PCs take: at most 255 bytes a name on Linux (UTF-8: 85 Chinese
characters), 255 UTF-16 units on Windows, whose paths stop at 259 characters unless long paths are switched on.

A proposed name (the report's title) is shortened in its agency part, keeping the year and the kind of report:
「某某市…办公室2024年政府信息公开工作年度报告.pdf」. A name the user gives that is too long is refused with a
Chinese message before anything is written.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NAME_LIMIT = 255  # bytes (Linux, macOS) or UTF-16 units (Windows) in one file or folder name
WINDOWS_PATH_LIMIT = 259  # characters in a whole path, without the long-path setting
TEMP_EXTRA = 14  # what write_atomically's temporary file adds to a name: "." + "." + 8 random + ".tmp"
LONGEST_SUFFIX = 6  # ".docx", ".xlsx", ".html", ".json", ".pdf", with room to spare
ELLIPSIS = "…"


def length(name: str, windows: bool | None = None) -> int:
    """How long the file system counts `name`: UTF-16 units on Windows, bytes elsewhere."""
    if windows if windows is not None else sys.platform == "win32":
        return len(name.encode("utf-16-le")) // 2
    return len(os.fsencode(name))


def name_problem(path: str | os.PathLike, windows: bool | None = None) -> str | None:
    """Why the file system would refuse the last part of `path` as a name, in Chinese; None when it will do."""
    name = Path(path).name
    n = length(name, windows)
    if n <= NAME_LIMIT:
        return None
    if windows if windows is not None else sys.platform == "win32":
        limit = f"{n} 个字符，最多 {NAME_LIMIT} 个"
    else:
        limit = f"{n} 字节，最多 {NAME_LIMIT} 字节，约 {NAME_LIMIT // 3} 个汉字"
    return f"文件名太长（{limit}），请改用较短的文件名"


def shortened(keep_front: str, keep_back: str, room: int, windows: bool | None = None) -> str:
    """`keep_front` + `keep_back` in at most `room`: `keep_back` (the year and the kind) whole, and of
    `keep_front` (the agency) its beginning and its end around 「…」 (the place and the kind of office)."""
    whole = keep_front + keep_back
    if length(whole, windows) <= room:
        return whole
    left = room - length(keep_back + ELLIPSIS, windows)
    head, tail = "", ""
    chars = list(keep_front)
    # Two characters of the beginning for each of the end, until the room is used.
    while chars:
        take_head = len(head) < 2 * (len(tail) + 1)
        ch = chars[0] if take_head else chars[-1]
        if length(head + tail + ch, windows) > left:
            break
        if take_head:
            head += chars.pop(0)
        else:
            tail = chars.pop() + tail
    return f"{head}{ELLIPSIS}{tail}{keep_back}" if head or tail else keep_back


def fitting(keep_front: str, keep_back: str, suffix: str = "", folder: str | os.PathLike | None = None,
            windows: bool | None = None) -> str:
    """A name (with `suffix`) that fits one file name with room for the temporary file of a safe write, and on
    Windows the whole path in `folder` too (as far as the year and the kind allow)."""
    win = windows if windows is not None else sys.platform == "win32"
    room = NAME_LIMIT - TEMP_EXTRA - max(LONGEST_SUFFIX, length(suffix, win))
    if win and folder is not None:
        room = min(room, WINDOWS_PATH_LIMIT - len(str(folder)) - 1 - TEMP_EXTRA - len(suffix))
    return shortened(keep_front, keep_back, max(room, 0), win) + suffix

"""Writing an output file so that a crash, a power cut or a full disk never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from report.errors import UserFacingError

from . import file_names


class OutputError(OSError, UserFacingError):
    """The file could not be written; the message is Chinese and names the file."""


def write_atomically(path: str | os.PathLike, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if problem := file_names.name_problem(target):
        raise OutputError(f"无法写入 {target}：{problem}")
    try:
        if not folder.is_dir():
            raise OutputError(f"无法写入 {target}：文件夹 {folder} 不存在")
        if target.is_dir():
            raise OutputError(f"无法写入 {target}：这是一个文件夹")
    except OutputError:
        raise
    except OSError as e:  # a folder's name too long, a path too long
        raise OutputError(f"无法写入 {target}：{_reason(e)}") from None
    try:
        # The name's beginning only: the temporary file must not be refused for a name that itself will do.
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise OutputError(f"无法写入 {target}：没有在 {folder} 中写文件的权限") from None
    except OSError as e:
        raise OutputError(f"无法写入 {target}：{_reason(e)}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); give it the permissions any new file of the user's gets.
        os.chmod(tmp, _new_file_mode())
        os.replace(tmp, target)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"无法写入 {target}：{_reason(e)}") from None


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _reason(e: OSError) -> str:
    import errno

    if e.errno == errno.ENOSPC:
        return "磁盘空间不足"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "没有写入权限（文件可能正被其他程序打开）"
    if e.errno == errno.EROFS:
        return "磁盘是只读的"
    if e.errno == errno.ENAMETOOLONG:
        return "路径太长，请改用较短的文件夹或文件名"
    return e.strerror or str(e)

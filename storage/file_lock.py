"""The operating system's lock on a file beside the database (`<database>.lock`): held by the one window or
command that writes the database, refused to everyone else, and let go by the system whenever the process ends,
however it ends (crash, power cut, kill -9).

Unix: flock on the whole file; Windows: byte 0 locked (msvcrt.locking, i.e. LockFile). These are the very locks
filelock (which this replaces: its import was ~40 ms of every start) takes, so a copy of an earlier build on the
same file is refused and refuses us alike. The lock file is left in place when released, as filelock leaves it on
Unix: whoever waits for it locks the same file. Its descriptor is never inherited by a child process (Python's
default), so no child can keep the lock alive after the program has gone.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from pathlib import Path

POLL_S = 0.05  # how often a waiting writer tries again
_BUSY = {errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, getattr(errno, "EDEADLOCK", errno.EDEADLK)}

if sys.platform == "win32":
    import msvcrt

    def _take(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # byte 0: the descriptor's position after opening

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _take(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _try(fd: int) -> bool:
    """Take the lock if it is free; False when someone else holds it."""
    try:
        _take(fd)
    except OSError as e:
        if e.errno in _BUSY:
            return False
        raise
    return True


class Busy(Exception):
    """Someone else holds the lock (still, after the time given to wait)."""


class FileLock:
    """The lock on one lock file, taken by `acquire` and given back by `release` (or when this object goes)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, trying again for up to `wait` seconds; Busy if someone else still has it, OSError if
        the lock file cannot be made or opened (read-only folder, full disk)."""
        if self._fd is not None:
            return
        deadline = time.monotonic() + max(wait, 0.0)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        while True:
            fd = os.open(self.path, flags, 0o644)
            try:
                locked = _try(fd)
            except BaseException:
                os.close(fd)
                raise
            if locked:
                self._fd = fd
                return
            os.close(fd)
            if time.monotonic() >= deadline:
                raise Busy(str(self.path))
            time.sleep(min(POLL_S, max(deadline - time.monotonic(), 0.0)))

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        except OSError:
            pass  # closing the descriptor lets go of the lock all the same
        finally:
            os.close(fd)

    def __del__(self) -> None:  # an object dropped without release holds nothing (as filelock's did not)
        try:
            self.release()
        except Exception:  # at interpreter exit os may be half gone; the system frees the lock anyway
            pass

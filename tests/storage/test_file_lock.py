"""storage/file_lock.py: the lock that keeps a database to one window or command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from storage.file_lock import Busy, FileLock

HOLD = """
import sys, time
from storage.file_lock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_one_holder_at_a_time_and_release_lets_the_next_in(tmp_path):
    path = tmp_path / "年报.sqlite.lock"
    first, second = FileLock(path), FileLock(path)
    first.acquire()
    assert first.is_locked
    with pytest.raises(Busy):
        second.acquire()  # in the same process too: each holder is a lock of its own
    first.release()
    first.release()  # twice is harmless
    second.acquire()
    assert second.is_locked and not first.is_locked and path.exists()
    second.release()


def test_waiting_gives_up_after_the_time_given(tmp_path):
    path = tmp_path / "x.lock"
    holder = FileLock(path)
    holder.acquire()
    start = time.monotonic()
    with pytest.raises(Busy):
        FileLock(path).acquire(wait=0.3)
    assert 0.3 <= time.monotonic() - start < 3
    holder.release()


def test_a_dropped_holder_lets_go(tmp_path):
    path = tmp_path / "x.lock"
    holder = FileLock(path)
    holder.acquire()
    del holder
    other = FileLock(path)
    other.acquire()
    other.release()


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_another_process_holds_it_until_killed(tmp_path):
    path = tmp_path / "x.lock"
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    with subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, env=env) as child:
        assert child.stdout is not None and child.stdout.readline().strip() == b"held"
        with pytest.raises(Busy):
            FileLock(path).acquire()
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    lock = FileLock(path)
    lock.acquire(wait=5)  # the system let go when the process died
    lock.release()


@pytest.mark.skipif(sys.platform == "win32", reason="flock is the Unix lock")
def test_the_lock_an_earlier_build_takes_is_the_same(tmp_path):
    """Earlier builds locked through filelock: flock on the whole file. Each refuses the other."""
    import fcntl

    path = tmp_path / "x.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(Busy):
            FileLock(path).acquire()
        fcntl.flock(fd, fcntl.LOCK_UN)
        ours = FileLock(path)
        ours.acquire()
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        ours.release()
    finally:
        os.close(fd)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_folder_that_cannot_be_written_is_an_os_error(tmp_path):
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OSError):
            FileLock(folder / "x.lock").acquire()
    finally:
        folder.chmod(0o755)

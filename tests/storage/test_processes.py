"""Real processes on one file: a second copy of the program, another program's lock, and SIGKILL mid-write."""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from storage.repository import Repository, StorageError

from ..conftest import ROOT
from .conftest import digest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")

CELLS = ["s3.new:natural", "s3.new:commercial", "s3.new:research", "s3.new:nonprofit", "s3.new:legal"]

# A second copy of the program: opens the database, makes a report, then saves what the parent tells it to.
HOLDER = """
import sys
from storage.repository import Repository
repo = Repository.open(sys.argv[1])
rid = repo.find_report("甲局", 2021) or repo.create_report("甲局", 2021)
print("ready", rid, flush=True)
for line in sys.stdin:
    repo.set_cell(rid, "s3.new:natural", int(line))
    print("saved", int(line), flush=True)
"""

# A clerk typing fast: edit after edit, each reported only once the repository has returned (committed).
WRITER = f"""
import sys
from storage.repository import Repository
cells = {CELLS!r}
repo = Repository.open(sys.argv[1])
rid = repo.find_report("甲局", 2021) or repo.create_report("甲局", 2021)
print("ready", flush=True)
i = int(sys.argv[2])
while True:
    repo.set_cell(rid, cells[i % len(cells)], i)
    print(i, flush=True)
    i += 1
"""

# Another program (a database tool) holding a lock on the file: the whole file ("exclusive", nobody else may
# even read) or its write lock ("write", a long transaction left open).
LOCKER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
if sys.argv[2] == "exclusive":
    db.execute("PRAGMA locking_mode = EXCLUSIVE")
db.execute("BEGIN EXCLUSIVE")
db.execute("SELECT count(*) FROM reports").fetchone()
print("locked", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


def _start(script: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-u", "-c", script, *args], cwd=ROOT, env=env, text=True,
                            encoding="utf-8", stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _line(proc: subprocess.Popen, timeout: float = 30) -> str:
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
    try:
        line = lines.get(timeout=timeout)
    except queue.Empty:
        proc.kill()
        raise AssertionError("the child process did not answer") from None
    if not line:
        raise AssertionError(f"the child process ended: {proc.stderr.read()}")
    return line.strip()


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)


def test_second_copy_is_told_the_file_is_in_use(db_path):
    first = _start(HOLDER, str(db_path))
    try:
        ready, rid = _line(first).split()
        first.stdin.write("5\n")
        first.stdin.flush()
        assert _line(first) == "saved 5"
        with pytest.raises(StorageError, match="已在本程序的另一个窗口中打开") as e:
            Repository.open(db_path)
        assert e.value.reason == "in_use"
        # Reading alongside (the command line's check and export) works, and sees every saved edit.
        with Repository.open(db_path, read_only=True) as reader:
            assert reader.load(int(rid)).cells == {"s3.new:natural": 5}
            first.stdin.write("6\n")
            first.stdin.flush()
            assert _line(first) == "saved 6"
            assert reader.load(int(rid)).cells == {"s3.new:natural": 6}
            with pytest.raises(StorageError, match="只读方式打开"):
                reader.set_cell(int(rid), "s3.new:natural", 1)
    finally:
        _kill(first)
    # The lock went with the process, however it ended.
    with Repository.open(db_path) as repo:
        assert repo.load(int(rid)).cells == {"s3.new:natural": 6}
    assert sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_file_locked_by_another_program(db_path):
    with Repository.open(db_path) as repo:
        rid = repo.create_report("甲局", 2021)
        repo.set_cell(rid, "s3.new:natural", 1)
    Repository.open(db_path).close()  # a backup to offer
    locker = _start(LOCKER, str(db_path), "exclusive")
    try:
        assert _line(locker) == "locked"
        before = digest(db_path)
        with pytest.raises(StorageError, match="正被其他程序锁定") as e:
            Repository.open(db_path)
        assert e.value.reason == "locked" and digest(db_path) == before
    finally:
        locker.stdin.write("\n")
        locker.stdin.flush()
        locker.wait(timeout=10)
    with Repository.open(db_path) as repo:
        assert repo.load(rid).cells == {"s3.new:natural": 1}


def test_lock_taken_while_the_window_is_open(db_path):
    """An edit that cannot get the lock within the busy timeout says so and is not half saved."""
    with Repository.open(db_path) as repo:
        rid = repo.create_report("甲局", 2021)
        locker = _start(LOCKER, str(db_path), "write")
        try:
            assert _line(locker) == "locked"
            with pytest.raises(StorageError, match="正被其他程序锁定.*请关闭该程序后重试"):
                repo.set_cell(rid, "s3.new:natural", 2)
        finally:
            locker.stdin.write("\n")
            locker.stdin.flush()
            locker.wait(timeout=10)
        repo.set_cell(rid, "s3.new:natural", 3)
        assert repo.load(rid).cells == {"s3.new:natural": 3}


def test_killed_at_random_moments_loses_no_saved_edit(db_path):
    rng = random.Random(20210131)
    reported: list[int] = []
    next_value = 0
    for _ in range(50):
        writer = _start(WRITER, str(db_path), str(next_value))
        assert _line(writer) == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        _kill(writer)
        reported += [int(line) for line in writer.stdout.read().split()]
        db = sqlite3.connect(db_path)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = {int(v) for (v,) in db.execute("SELECT new FROM revisions WHERE kind = 'cell'")}
        db.close()
        missing = set(reported) - saved
        assert not missing, f"edits reported as saved but not in the file: {sorted(missing)[:10]}"
        next_value = max(saved | {-1}) + 1
    assert len(reported) > 100  # the loop really saved a good many edits between the kills
    with Repository.open(db_path) as repo:
        rid = repo.find_report("甲局", 2021)
        cells = repo.load(rid).cells
        for i in range(next_value - len(CELLS), next_value):
            if i >= 0:
                assert cells[CELLS[i % len(CELLS)]] == i


def test_two_imports_at_the_same_moment_both_land(db_path, seed_path, last_year_path):
    """A second `db import` waits for the first to finish instead of being told the file is in use."""
    Repository.open(db_path).close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    commands = [subprocess.Popen([sys.executable, str(ROOT / "main.py"), "db", "import", str(path), "--db", str(db_path)],
                                 cwd=ROOT, env=env, text=True, encoding="utf-8", stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE) for path in (seed_path, last_year_path)]
    for command in commands:
        out, err = command.communicate(timeout=60)
        assert command.returncode == 0, err
        assert "已导入" in out
    with Repository.open(db_path, read_only=True) as repo:
        assert sorted(r.year for r in repo.reports()) == [2019, 2020]


def test_an_import_waits_for_a_holder_then_gives_up_with_a_reason(capsys, db_path, seed_path, monkeypatch):
    import main

    first = _start(HOLDER, str(db_path))
    try:
        _line(first)
        monkeypatch.setattr(main, "DB_WAIT_S", 0.5)
        begin = time.monotonic()
        assert main.main(["db", "import", str(seed_path), "--db", str(db_path)]) == 2
        assert time.monotonic() - begin >= 0.5
        err = capsys.readouterr().err
        assert "正由本程序的窗口或另一条命令使用，等待 0.5 秒后仍未释放" in err
        monkeypatch.setattr(main, "DB_WAIT_S", 30.0)
        threading.Timer(1.0, first.stdin.close).start()  # the holder finishes a moment later
        begin = time.monotonic()
        assert main.main(["db", "import", str(seed_path), "--db", str(db_path)]) == 0
        assert 0.9 <= time.monotonic() - begin < 30
    finally:
        first.kill()
        first.wait(timeout=10)

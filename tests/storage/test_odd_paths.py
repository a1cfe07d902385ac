"""Paths that are not a database file: a pipe, a device, a dangling link, names and paths too long. Each is
refused at once with a Chinese sentence, and nothing is created anywhere (not even a lock file)."""

from __future__ import annotations

import os
import sys
import threading

import pytest

import main
from storage.repository import Repository, StorageError

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")


def _open_soon(path, **kwargs) -> StorageError:
    """Repository.open in a thread: a path that would make it hang fails the test instead of hanging it."""
    outcome: list[BaseException | Repository] = []

    def run() -> None:
        try:
            outcome.append(Repository.open(path, **kwargs))
        except BaseException as e:  # handed to the test
            outcome.append(e)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(20)
    assert outcome, f"opening {path} did not return"
    [result] = outcome
    assert isinstance(result, StorageError), result
    return result


def _entries(folder) -> list[str]:
    return sorted(os.listdir(folder))


@posix_only
@pytest.mark.parametrize("read_only", [False, True])
def test_a_pipe_is_refused_without_waiting(tmp_path, read_only):
    fifo = tmp_path / "管道.sqlite"
    os.mkfifo(fifo)
    err = _open_soon(fifo, read_only=read_only)
    assert "不是普通文件" in err.message and err.reason == "cant_open"
    assert _entries(tmp_path) == ["管道.sqlite"]


@posix_only
@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
@pytest.mark.parametrize("read_only", [False, True])
def test_a_device_is_refused(read_only):
    before = _entries("/dev")
    err = _open_soon("/dev/null", read_only=read_only)
    assert "不是普通文件" in err.message
    assert _entries("/dev") == before  # no /dev/null.lock, no journal


@posix_only
@pytest.mark.parametrize("read_only", [False, True])
def test_a_dangling_link_is_refused(tmp_path, read_only):
    link = tmp_path / "快捷方式.sqlite"
    link.symlink_to(tmp_path / "已移走" / "年报.sqlite")
    err = _open_soon(link, read_only=read_only)
    assert "指向的文件不存在" in err.message
    assert _entries(tmp_path) == ["快捷方式.sqlite"]


@posix_only
def test_a_link_loop_is_refused(tmp_path):
    (tmp_path / "甲.sqlite").symlink_to(tmp_path / "乙.sqlite")
    (tmp_path / "乙.sqlite").symlink_to(tmp_path / "甲.sqlite")
    err = _open_soon(tmp_path / "甲.sqlite")
    assert "循环" in err.message


def test_a_link_to_a_database_works(tmp_path):
    real = tmp_path / "真实.sqlite"
    with Repository.open(real) as repo:
        repo.create_report("甲局", 2021)
    link = tmp_path / "快捷方式.sqlite"
    try:
        link.symlink_to(real)
    except OSError:
        pytest.skip("no symbolic links here")
    with Repository.open(link, read_only=True) as repo:
        assert [r.agency for r in repo.reports()] == ["甲局"]


@pytest.mark.parametrize("read_only", [False, True])
def test_a_name_too_long_for_the_file_system(tmp_path, read_only):
    path = tmp_path / ("年" * 80 + ".sqlite")  # 247 bytes: fits, but its backups and journal would not
    err = _open_soon(path, read_only=read_only)
    assert "文件名太长" in err.message and "较短的文件名" in err.message
    path = tmp_path / ("年" * 90 + ".sqlite")  # 277 bytes
    assert "文件名太长" in _open_soon(path, read_only=read_only).message
    assert _entries(tmp_path) == []


def test_the_longest_name_accepted_works(tmp_path):
    path = tmp_path / ("年" * 69 + ".sqlite")  # 214 bytes
    with Repository.open(path) as repo:
        repo.create_report("甲局", 2021)
    with Repository.open(path) as repo:  # its backup's name fits too
        assert len(repo.backups()) == 1


@posix_only
def test_a_path_too_long_for_the_system(tmp_path):
    deep = tmp_path.joinpath(*["文件夹" * 20] * 30, "年报.sqlite")  # > 4096 bytes
    err = _open_soon(deep)
    assert "路径太长" in err.message or "不存在" in err.message


def test_the_command_line_says_so_in_one_line(capsys, tmp_path):
    link = tmp_path / "快捷方式.sqlite"
    try:
        link.symlink_to(tmp_path / "没有.sqlite")
    except OSError:
        pytest.skip("no symbolic links here")
    for argv in (["db", "list", "--db", str(link)], ["db", "import", "x.json", "--db", str(link)]):
        assert main.main(argv) == 2
        err = capsys.readouterr().err
        assert "指向的文件不存在" in err and "程序内部出错" not in err
    assert _entries(tmp_path) == ["快捷方式.sqlite"]

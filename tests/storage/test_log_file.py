"""The log file: opened at its first record only, rotating, never stopping the program."""

from __future__ import annotations

import logging

from storage.log_file import LogFile


def test_the_file_appears_with_the_first_record_and_holds_it(tmp_path):
    path = tmp_path / "程序日志.log"
    handler = LogFile(path)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    assert not path.exists()  # most runs log nothing and open nothing
    handler.emit(logging.LogRecord("main", logging.ERROR, __file__, 1, "出错了 %s", ("详情",), None))
    handler.close()
    assert path.read_text(encoding="utf-8") == "ERROR 出错了 详情\n"


def test_a_log_that_cannot_be_written_does_not_stop_the_program(tmp_path, monkeypatch):
    said = []
    handler = LogFile(tmp_path / "无此文件夹" / "程序日志.log")
    monkeypatch.setattr(handler, "handleError", said.append)
    record = logging.LogRecord("main", logging.ERROR, __file__, 1, "出错了", (), None)
    handler.emit(record)
    assert said == [record]

"""After an export the window gives the system back what the writer freed (glibc keeps it otherwise)."""

from __future__ import annotations

import platform
import sys

from gui import freed_memory


def test_glibc_is_asked_to_give_back_freed_memory():
    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        assert freed_memory._trim() is not None
    freed_memory.give_back()  # and it is harmless to ask, anywhere, any time


def test_without_glibc_nothing_is_done(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    freed_memory._trim.cache_clear()
    try:
        assert freed_memory._trim() is None
        freed_memory.give_back()
    finally:
        freed_memory._trim.cache_clear()


def test_source_lines_read_while_importing_are_let_go():
    import linecache

    linecache.getline(freed_memory.__file__, 1)  # as a logged traceback leaves it
    assert freed_memory.__file__ in linecache.cache
    freed_memory.give_back()
    assert freed_memory.__file__ not in linecache.cache
    assert linecache.getline(freed_memory.__file__, 1)  # only a cache: a traceback still finds its lines

"""Giving the system back the memory an export freed.

glibc keeps the heap pages a long-running process has freed: after a Word export (python-docx's XML trees,
freed once the file is written) the window stays ~6 MiB larger for good. malloc_trim returns them, in about a
millisecond. Elsewhere (Windows, another C library) there is nothing to do.

Before that, the source text PySide6 left behind: its import hook (shibokensupport's feature check) reads the
whole source of every module imported after it, to look for the word "PySide6", and that text stays in
linecache: ~20 MiB once SQLAlchemy is loaded, ~10 MiB more with each writer's library. linecache is only a
cache (a traceback reads the file again when it needs a line), so clearing it loses nothing.
"""

from __future__ import annotations

import linecache
import sys
from functools import lru_cache


@lru_cache(maxsize=1)
def _trim():
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here, at the first export: ctypes.util brings subprocess along, ~10 ms of every start
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # no glibc (musl has no malloc_trim)
        return None


def forget_sources() -> None:
    """Drop the source lines read while importing (see above); cheap, no ctypes: safe on the start-up path."""
    linecache.clearcache()


def give_back() -> None:
    forget_sources()
    trim = _trim()
    if trim is not None:
        trim(0)

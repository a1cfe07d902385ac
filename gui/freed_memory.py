"""Giving the system back the memory an export freed.

glibc keeps the heap pages a long-running process has freed: after a Word export (python-docx's XML trees,
freed once the file is written) the window stays ~6 MiB larger for good. malloc_trim returns them, in about a
millisecond. Elsewhere (Windows, another C library) there is nothing to do.

Before that, linecache: the source lines of every file a logged traceback went through stay in it (PySide6's
import hook no longer fills it, gui/pyside_import_hook.py). It is only a cache: a traceback reads again what
it needs, so clearing it loses nothing.
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
    """Drop the source lines linecache keeps (see above)."""
    linecache.clearcache()


def give_back() -> None:
    forget_sources()
    trim = _trim()
    if trim is not None:
        trim(0)

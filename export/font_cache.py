"""What parsing a TrueType file yields, kept in the user's cache folder so that later processes skip the parse.

Parsing the character map of a CJK font is most of the cost of a small PDF in a fresh process (the four bundled
fonts: 90-130 ms). An entry holds arrays of integers for one font file, keyed by the file's path, size and
modification time (and the versions of this format and of ReportLab, whose choice of character map it records).

The cache is only ever a shortcut: an entry that is missing, damaged, truncated, stale or made by someone else is
ignored (the caller parses the font again and writes a fresh one), and a cache folder that cannot be written is
no error. Entries are written to a temporary file and renamed into place, so a reader never sees half of one. No
entry is ever executed or unpickled: it is a fixed header, JSON and raw arrays, checked by a SHA-256 digest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from array import array
from pathlib import Path

log = logging.getLogger(__name__)

CACHE_DIR_ENV = "GOV_REPORT_CACHE_DIR"  # tests and portable installs point this elsewhere
APP_DIR_NAME = "GovInfoAnnualReport"
MAGIC = b"GIAR-ttf-cache\x00\x01"  # the last two bytes: this layout's version
MAX_ENTRY = 64 << 20  # no real font's character map comes near; a larger file is not read
TYPECODES = {"B", "H", "h", "I", "i"}  # integer arrays of fixed sizes (1, 2, 4 bytes) only
_DIGEST = 32


def cache_dir() -> Path:
    """The program's cache folder: %LOCALAPPDATA% on Windows, $XDG_CACHE_HOME (~/.cache) on Linux."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False))


def _entry_path(kind: str, key: dict) -> Path:
    name = hashlib.sha256(json.dumps([kind, key.get("path")], ensure_ascii=False).encode()).hexdigest()[:32]
    return cache_dir() / kind / f"{name}.bin"


def file_key(path: Path, **more) -> dict | None:
    """What an entry about `path` is keyed by; None if the file cannot be looked at."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return {"path": str(Path(path).resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, **more}


def load(kind: str, key: dict) -> dict[str, array] | None:
    """The arrays stored under `key`, or None when there is no sound entry for exactly this key."""
    path = _entry_path(kind, key)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_ENTRY + 1)
    except OSError:
        return None
    try:
        return _decode(data, key)
    except (ValueError, TypeError, KeyError, OverflowError, UnicodeDecodeError, MemoryError) as e:
        log.info("font cache entry %s ignored: %s", path, e)
        return None


def _decode(data: bytes, key: dict) -> dict[str, array] | None:
    if len(data) > MAX_ENTRY or len(data) < len(MAGIC) + 4 + _DIGEST or not data.startswith(MAGIC):
        raise ValueError("not an entry of this layout")
    body, digest = data[:-_DIGEST], data[-_DIGEST:]
    if hashlib.sha256(body).digest() != digest:
        raise ValueError("damaged or truncated")
    at = len(MAGIC)
    head_len = int.from_bytes(body[at:at + 4], "little")
    at += 4
    head = json.loads(body[at:at + head_len].decode("utf-8"))
    at += head_len
    if not isinstance(head, dict) or head.get("key") != key:
        return None  # another file, or this one before it changed: stale
    arrays: dict[str, array] = {}
    for name, typecode, count in head["arrays"]:
        if not isinstance(name, str) or typecode not in TYPECODES or not isinstance(count, int) or count < 0:
            raise ValueError("bad array description")
        values = array(typecode)
        size = values.itemsize * count
        if at + size > len(body):
            raise ValueError("arrays run past the end")
        values.frombytes(body[at:at + size])
        if sys.byteorder != "little":
            values.byteswap()
        arrays[name] = values
        at += size
    if at != len(body):
        raise ValueError("trailing bytes")
    return arrays


def store(kind: str, key: dict, arrays: dict[str, array]) -> None:
    """Write an entry atomically; any failure (read-only or full disk, no such folder) only means no cache."""
    head = {"key": key, "arrays": [[name, a.typecode, len(a)] for name, a in arrays.items()]}
    head_bytes = json.dumps(head, ensure_ascii=False).encode("utf-8")
    parts = [MAGIC, len(head_bytes).to_bytes(4, "little"), head_bytes]
    for a in arrays.values():
        if sys.byteorder != "little":
            a = array(a.typecode, a)
            a.byteswap()
        parts.append(a.tobytes())
    body = b"".join(parts)
    data = body + hashlib.sha256(body).digest()
    target = _entry_path(kind, key)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
        tmp = None
    except OSError as e:
        log.info("font cache not written (%s): %s", target, e)
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass

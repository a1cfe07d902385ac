"""Older backups kept as the pages that differ: a file that turns one database state into an earlier one.

Only the newest backup is a whole SQLite file. When a newer one is taken, the previous whole file is replaced by
a delta: its pages that differ from the new backup, and its page count. Applying the deltas from the newest
down to a state, on a copy of the newest backup, rebuilds that state page for page. An edit changes a few
pages, so ten states of a large file take little more than one copy.

A delta file: MAGIC, page size, page count (4 bytes each, big-endian), then the zlib-compressed pages, each
its 4-byte number and its bytes, then the SHA-256 of everything before it, so a damaged delta is refused,
never applied.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

MAGIC = b"GIAR-PAGE-DELTA-1\n"


class DamagedDelta(Exception):
    """The delta file is not whole (checksum or structure): the states it leads to cannot be rebuilt."""


def _pages(path: Path, page_size: int) -> Iterator[tuple[int, bytes]]:
    with open(path, "rb") as f:
        number = 1
        while page := f.read(page_size):
            yield number, page
            number += 1


def page_size_of(path: Path) -> int:
    with open(path, "rb") as f:
        header = f.read(18)
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def diff(older: Path, newer: Path) -> tuple[int, int, dict[int, bytes]]:
    """The pages of `older` that differ from (or are missing in) `newer`: (page size, older's page count, pages)."""
    page_size = page_size_of(older)
    if page_size_of(newer) != page_size:
        # A different page size (e.g. after a VACUUM with another page_size): every page differs.
        return page_size, os.path.getsize(older) // page_size, dict(_pages(older, page_size))
    changed: dict[int, bytes] = {}
    with open(newer, "rb") as other:
        count = 0
        for number, page in _pages(older, page_size):
            count = number
            if other.read(page_size) != page:
                changed[number] = page
    return page_size, count, changed


def write(path: Path, page_size: int, page_count: int, pages: dict[int, bytes]) -> None:
    """Write the delta whole under a temporary name, synced, then renamed into place."""
    body = zlib.compress(b"".join(n.to_bytes(4, "big") + p for n, p in sorted(pages.items())), 6)
    data = MAGIC + page_size.to_bytes(4, "big") + page_count.to_bytes(4, "big") + body
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "wb") as f:
            f.write(data + hashlib.sha256(data).digest())
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, path)
    except BaseException:
        try:
            partial.unlink()
        except OSError:
            pass
        raise


def read(path: Path) -> tuple[int, int, dict[int, bytes]]:
    blob = path.read_bytes()
    data, digest = blob[:-32], blob[-32:]
    if not data.startswith(MAGIC) or hashlib.sha256(data).digest() != digest:
        raise DamagedDelta(str(path))
    head = len(MAGIC)
    page_size = int.from_bytes(data[head:head + 4], "big")
    page_count = int.from_bytes(data[head + 4:head + 8], "big")
    try:
        body = zlib.decompress(data[head + 8:])
    except zlib.error:
        raise DamagedDelta(str(path)) from None
    step = 4 + page_size
    if page_size < 512 or len(body) % step:
        raise DamagedDelta(str(path))
    pages = {int.from_bytes(body[i:i + 4], "big"): body[i + 4:i + step] for i in range(0, len(body), step)}
    return page_size, page_count, pages


def merge(newer: Path, older: Path) -> None:
    """Replace `older` (state k-1 from state k) by the delta from state k+1 to k-1, `newer` being k+1 → k;
    afterwards `newer` may be removed: state k is dropped, every other state still rebuilds."""
    size_a, _, pages = read(newer)
    size_b, count, older_pages = read(older)
    if size_a != size_b:
        raise DamagedDelta(str(older))
    pages.update(older_pages)  # what k-1 holds wins over what k held
    write(older, size_b, count, {n: p for n, p in pages.items() if n <= count})


def apply(delta: Path, target: BinaryIO) -> None:
    """Turn the open database file `target` (opened "r+b") into the delta's state."""
    page_size, count, pages = read(delta)
    for number, page in sorted(pages.items()):
        target.seek((number - 1) * page_size)
        target.write(page)
    target.truncate(count * page_size)

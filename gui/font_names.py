"""A font file's own name as a Chinese user knows it (仿宋_GB2312, 方正小标宋简体), read from the file's name table:
the simplified-Chinese name when the font has one, else its English one. Qt and ReportLab give only the latter."""

from __future__ import annotations

import struct
from pathlib import Path

FAMILY, SUBFAMILY, TYPOGRAPHIC_FAMILY, TYPOGRAPHIC_SUBFAMILY = 1, 2, 16, 17
WINDOWS, UNICODE_BMP = 3, 1
CHINESE = (0x0804, 0x1004, 0x0004)  # zh-CN, zh-SG, zh-Hans
ENGLISH = 0x0409
PLAIN_STYLES = {"regular", "normal", "book", "常规", "标准", "正常"}


def _names(data: bytes, offset: int) -> dict[tuple[int, int], str]:
    """(name id, language) -> text, the Windows Unicode records of the font at `offset` of the file."""
    (count,) = struct.unpack_from(">H", data, offset + 4)
    for i in range(count):
        tag, _, table, _ = struct.unpack_from(">4sIII", data, offset + 12 + 16 * i)
        if tag == b"name":
            break
    else:
        return {}
    _, records, strings = struct.unpack_from(">HHH", data, table)
    found = {}
    for i in range(records):
        platform, encoding, language, name_id, length, at = struct.unpack_from(">HHHHHH", data, table + 6 + 12 * i)
        if platform == WINDOWS and encoding == UNICODE_BMP:
            start = table + strings + at
            found[(name_id, language)] = data[start:start + length].decode("utf-16-be", "replace").strip("\0 ")
    return found


def font_name(path: Path | str) -> str | None:
    """"仿宋_GB2312", "思源宋体 Bold": family and (when not plain) style; None if the file cannot be read as a font."""
    try:
        data = Path(path).read_bytes()
        offset = struct.unpack_from(">I", data, 12)[0] if data[:4] == b"ttcf" else 0  # a collection: its first font
        names = _names(data, offset)
    except (OSError, struct.error, IndexError):
        return None

    def pick(*ids: int) -> str:
        for language in (*CHINESE, ENGLISH):
            for name_id in ids:
                if names.get((name_id, language)):
                    return names[(name_id, language)]
        return next((text for (name_id, _), text in names.items() if name_id in ids and text), "")

    family = pick(TYPOGRAPHIC_FAMILY, FAMILY)
    if not family:
        return None
    style = pick(TYPOGRAPHIC_SUBFAMILY, SUBFAMILY)
    return family if not style or style.lower() in PLAIN_STYLES else f"{family} {style}"

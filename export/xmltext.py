"""Text that XML (Word, spreadsheet) and HTML accept.

The layout keeps every character the clerk typed except control and format characters; a pasted noncharacter
(U+FFFE, U+FDD0…) or an unassigned code point is still possible and would make lxml refuse the document or
make the web page invalid. Those are dropped here, and only those.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile(
    "[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"  # outside XML 1.0's Char production
    "|[\ufdd0-\ufdef]"  # noncharacters (an HTML parse error)
    "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff"
    "\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff"
    "\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff"
    "\U0010fffe\U0010ffff]"
    "|[\u007f-\u009f]"  # C1 controls: allowed by XML, an error in HTML, never meant in a report
)


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)

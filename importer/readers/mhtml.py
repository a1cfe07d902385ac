"""A web page saved as one file (.mht/.mhtml: IE mode of Edge, 360 安全浏览器, Word's 「单个文件网页」).

Such a file is a MIME message (multipart/related): the page, then its pictures and style sheets, each part
quoted-printable or base64 and with its charset in the part's header. The standard library's `email` reads it;
the page goes to the HTML reader.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re

from ..document import Item, UnusableInput
from .html import read_html, with_frames

# What a saved page's first lines look like (before the first part): headers of a MIME message.
_HEADER = re.compile(rb"^(?:from|subject|date|mime-version|content-type|content-location|x-mimeole|message-id)\s*:",
                     re.IGNORECASE)


def looks_like_mhtml(data: bytes) -> bool:
    head = data[:4096].lstrip()
    lines = [line.strip() for line in head.splitlines()[:20] if line.strip()]
    headers = [line for line in lines if _HEADER.match(line)]
    return bool(headers) and b"multipart/" in head.lower() and len(headers) >= min(2, len(lines))


def read_mhtml(data: bytes) -> list[Item]:
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception:  # the parser is lenient; a file it still refuses is not a saved page
        raise UnusableInput("无法读取这个 MHTML 网页文件（.mht），文件可能已损坏；请在浏览器中打开后另存为「网页，仅 HTML」再导入") from None
    pages = [part for part in message.walk() if part.get_content_type() in ("text/html", "application/xhtml+xml")]
    if not pages:
        raise UnusableInput("这个 MHTML 文件（.mht）中没有网页内容，无法导入")
    part = pages[0]  # the page itself comes first; later ones are its frames (Chromium saves each as a part)
    payload = part.get_payload(decode=True)
    if not payload:
        raise UnusableInput("这个 MHTML 文件（.mht）中的网页是空的")
    items = read_html(_decode(payload, part.get_content_charset()))
    frames = []
    for frame in pages[1:9]:
        content = frame.get_payload(decode=True)
        if content:
            decoded = _decode(content, frame.get_content_charset())
            frames.append(decoded.encode("utf-8") if isinstance(decoded, str) else decoded)
    # A site that shows the article in an <iframe>: the report is in a frame's part, the page holds its title
    return with_frames(items, tuple(frames)) if frames else items


def _decode(payload: bytes, declared: str | None) -> str | bytes:
    """The page's text. UTF-8 first (GBK text is almost never valid UTF-8), then the part's own charset, then
    GB18030 (what a Chinese page most likely is whatever its header says); bytes when none fits, for the HTML
    reader's own handling."""
    names = ["utf-8"]
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = None
        if name in ("gb2312", "gbk", "euc_cn", "hz"):
            name = "gb18030"  # a superset: characters outside GB 2312 still read
        if name and name not in names:
            names.append(name)
    if "gb18030" not in names:
        names.append("gb18030")
    for name in names:
        try:
            return payload.decode(name).lstrip("\ufeff")
        except UnicodeDecodeError:
            continue
    return payload

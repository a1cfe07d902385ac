"""Chinese line breaking, for any writer that places lines itself: 避头尾 (GB/T 15834 practice) and unbroken
numbers. Pure Python: widths come from the caller.

- No line begins with closing punctuation （，。、；：？！）」』”》… and no line ends with opening punctuation
  （“《「『…: the break moves back, taking the last characters of the line down with the punctuation.
- A run of digits or Latin letters (2020, 16.8950, PDF) is not split, unless it is longer than a line.
- Only when no legal break exists within reach is a line broken anywhere, and still never before closing
  punctuation.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

CANNOT_START = frozenset(
    "，。、；：？！）》」』】〕〗〉］｝”’…‥·・～％‰℃°"
    ",.;:?!)]}%"
    "ゝゞ々ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    "\u2014\u2015"  # a dash stays with the text before it
)
CANNOT_END = frozenset("（《「『【〔〖〈［｛“‘([{￥$＄£￡#＃@＠§")
MAX_PULL_BACK = 6  # characters a line may give up to avoid a bad break; beyond that it is broken anyway


def _wordish(ch: str) -> bool:
    if not ch or ch.isspace():
        return False
    if ord(ch) < 0x2E80:  # Latin, digits, symbols: everything before the CJK blocks
        return unicodedata.category(ch)[0] in "LNP" or ch in "+-−%"
    return "\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a"


def break_allowed(before: str, after: str) -> bool:
    """May a line end with `before` and the next begin with `after`?"""
    if after.isspace() or before.isspace():
        return after not in CANNOT_START
    return after not in CANNOT_START and before not in CANNOT_END and not (_wordish(before) and _wordish(after))


def units(text: str) -> list[str]:
    """`text` cut at every place a line may break: the smallest pieces a writer must keep on one line."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if out and not break_allowed(text[i - 1], ch):
            out[-1] += ch
        else:
            out.append(ch)
    return [u for u in (u.strip() for u in out) if u]


def break_lines(chars: Sequence[str], widths: Sequence[float], max_widths: Sequence[float],
                forced: Sequence[bool] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line of `chars` (end exclusive). `max_widths[i]` is line i's width (the last one
    repeats); `forced[i]` marks a hard line break after character i. Spaces at the start of a wrapped line are
    skipped."""
    lines: list[tuple[int, int]] = []
    n = len(chars)
    start = 0
    while start < n:
        if lines:
            while start < n and chars[start].isspace() and not (forced and forced[start]):
                start += 1
            if start >= n:
                break
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        used = 0.0
        end = start
        hard = False
        while end < n:
            if used + widths[end] > limit + 1e-6 and end > start:
                break
            used += widths[end]
            end += 1
            if forced and forced[end - 1]:
                hard = True
                break
        if end < n and not hard:
            end = _break_point(chars, start, end)
        lines.append((start, end))
        start = end
    return lines


def _break_point(chars: Sequence[str], start: int, end: int) -> int:
    """Where the line chars[start:end] (full: chars[end] did not fit) should really end."""
    for b in range(end, max(start, end - MAX_PULL_BACK - 1), -1):
        if b > start and break_allowed(chars[b - 1], chars[b]):
            return b
    for b in range(end, start, -1):  # a long number or word: break it, but never before closing punctuation
        if chars[b] not in CANNOT_START:
            return b
    return end

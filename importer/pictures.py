"""Pictures in a document's flow (document.PICTURE): which table sections show one, so that a table posted as a
picture of it is said to be one, not just missing."""

from __future__ import annotations

from .document import PICTURE, Item, Paragraph
from .labels import FormatLabels


def is_picture(item: Item) -> bool:
    return isinstance(item, Paragraph) and item.text == PICTURE


def sections_with_pictures(items: list[Item], labels: FormatLabels) -> frozenset[str]:
    """The table sections that show a picture (sites post a table as a picture of it)."""
    out: set[str] = set()
    section = None
    for item in items:
        if not isinstance(item, Paragraph):
            continue
        if is_picture(item):
            if section is not None and section.table is not None:
                out.add(section.id)
            continue
        match = labels.section_title(item.text)
        if match is not None:
            section = match.target
    return frozenset(out)

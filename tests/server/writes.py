"""Waiting in the window tests for a shared database's edits: they are written by the document's writer thread
(gui/edit_writer.py), so a test waits for the answer before it reads the server."""

from __future__ import annotations


def wait_saved(qtbot, doc, timeout: int = 30000) -> None:
    """Until every edit of `doc` is acknowledged by the server (returns as soon as it is)."""
    qtbot.waitUntil(lambda: not doc.has_unsaved and not doc.writing, timeout=timeout)

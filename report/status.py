"""A report's state: 草稿 while it is being written, 定稿 once settled (then it refuses edits until set back)."""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    """Compared and stored as the Chinese word itself (the database holds it, lists show it)."""

    DRAFT = "草稿"
    FINAL = "定稿"

    def __str__(self) -> str:  # the word, on every Python version (format() of a str enum changed in 3.12)
        return self.value

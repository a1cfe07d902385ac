"""The one kind of error whose message is meant for the user."""

from __future__ import annotations


class UserFacingError(Exception):
    """The operation did not happen, for a reason the user can act on; the message is Chinese and names what is
    at fault (the file, the value, the database). Every layer raises its own subclass; a caller that only tells
    the user (the command line, a message box) catches this one. Anything else is a fault of the program."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))

    @property
    def lines(self) -> list[str]:
        """The message as printed one line each."""
        return str(self).splitlines()

    def concerning(self, name: str) -> UserFacingError:
        """The same refusal with `name` (e.g. the file it was read from) in front of each line."""
        return UserFacingError(*(f"{name}：{line}" for line in self.lines))

"""The one kind of error whose message is meant for the user."""

from __future__ import annotations


class UserFacingError(Exception):
    """The operation did not happen, for a reason the user can act on; the message is Chinese and names what is
    at fault (the file, the value, the database). Every layer raises its own subclass; a caller that only tells
    the user (the command line, a message box) catches this one. Anything else is a fault of the program."""

    @property
    def lines(self) -> list[str]:
        """The message as printed one line each."""
        return str(self).splitlines()

"""Passwords asked on the terminal for the shared database: never echoed, never kept, never in a message."""

from __future__ import annotations

import getpass
import sys

from .errors import StorageError


def ask_password(where: str) -> str:
    """The server wants a password the URL did not give (nor PGPASSWORD, ~/.pgpass): asked on the terminal."""
    if not sys.stdin.isatty():
        raise StorageError(f"连接 {where} 需要密码：请在终端上运行以输入密码，或设置 PGPASSWORD 环境变量、~/.pgpass 文件",
                           reason="no_password")
    return getpass.getpass(f"{where} 的密码：")


def new_password(login: str, *, from_stdin: bool) -> str:
    """A new login's password: the first line of standard input (for scripts), else typed twice on the terminal."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise StorageError("没有终端可以询问密码：请加 --password-stdin，从标准输入给出密码", reason="bad_input")
    password = getpass.getpass(f"登录名「{login}」的新密码：")
    if getpass.getpass("再输入一次：") != password:
        raise StorageError("两次输入的密码不一致，登录名未作改动", reason="bad_input")
    return password

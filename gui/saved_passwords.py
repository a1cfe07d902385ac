"""记住密码: a shared database's password kept in the system's keyring (Windows Credential Manager, the Secret
Service of a Linux desktop), never in the settings or any file of ours.

The `keyring` package is imported only when a password is stored or looked up: most clerks work on a file. Where
no keyring can keep secrets (a Linux PC without a Secret Service, a headless machine), keyring's own choice is its
fail or null backend: nothing is stored then, and the clerk is told so.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SERVICE = "GovInfoAnnualReport"  # the entry's service name in the keyring, beside its "login@host:port/database"
NO_KEYRING = "这台电脑上没有可用的系统密码库（Windows 凭据管理器或 Linux 的密钥环），密码没有保存，下次连接时需要重新输入"


def entry(login: str, host: str, port: int, database: str) -> str:
    """The keyring's name for one login on one database (a host name's case does not matter)."""
    return f"{login}@{host.lower()}:{port}/{database}"


def _keyring():
    """The keyring module when it has a backend that keeps secrets; None otherwise (said by the callers)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # a build without the package: as if no keyring were usable
        return None
    try:
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or type(backend).__module__.endswith("null") or backend.priority <= 0:
            return None
    except Exception:  # a broken desktop bus or backend: no keyring, not a crash
        log.warning("no usable keyring", exc_info=True)
        return None
    return keyring


def usable() -> bool:
    return _keyring() is not None


def store(name: str, password: str) -> str | None:
    """Keep the password under `name`; None when kept, else why not (in Chinese, nothing kept)."""
    keyring = _keyring()
    if keyring is None:
        return NO_KEYRING
    try:
        keyring.set_password(SERVICE, name, password)
    except Exception as e:  # KeyringError, a locked or refused keyring, a bus gone away
        log.warning("keyring refused the password: %s", type(e).__name__)
        return f"系统密码库没有保存密码（{type(e).__name__}），下次连接时需要重新输入"
    return None


def load(name: str) -> str | None:
    """The password kept under `name`, or None (none kept, or no keyring)."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(SERVICE, name)
    except Exception:
        log.warning("keyring could not be read", exc_info=True)
        return None


def forget(name: str) -> None:
    """No password kept under `name` any more (the clerk unticked 记住密码, or the kept one was wrong)."""
    keyring = _keyring()
    if keyring is None:
        return
    try:
        keyring.delete_password(SERVICE, name)
    except Exception:  # PasswordDeleteError when there was none: nothing to do
        pass

"""What can go wrong talking to a PostgreSQL server, said in one Chinese sentence a clerk can act on.

libpq reports connection failures without an SQLSTATE, so those are told apart by libpq's own (English, stable)
wording; errors the server sends after login carry their SQLSTATE.
"""

from __future__ import annotations

from .errors import StorageError

# libpq's wording -> reason
_CONNECT_FAILURES = (
    ("password authentication failed", "auth"),
    ("no password supplied", "no_password"),
    ("could not translate host name", "unknown_host"),
    ("name or service not known", "unknown_host"),
    ("connection refused", "refused"),
    ("the database system is starting up", "refused"),
    ("the database system is shutting down", "refused"),
    ("no route to host", "unreachable"),
    ("network is unreachable", "unreachable"),
    ("timeout expired", "timeout"),
    ("server closed the connection unexpectedly", "disconnected"),
    ("terminating connection", "disconnected"),
    ("connection is lost", "disconnected"),
    ("the connection is closed", "disconnected"),
    # sslmode=require or verify-* (contract: libpq's parameters pass through) against what the server offers
    ("server does not support ssl", "tls"),
    ("certificate verify failed", "tls"),
    ("root certificate file", "tls"),
    ("does not match host name", "tls"),
)
_SQLSTATES = {"28P01": "auth", "28000": "auth", "3D000": "no_database", "42501": "denied", "57P01": "disconnected",
              "57P02": "disconnected", "57P03": "refused", "08006": "disconnected", "08003": "disconnected",
              "08001": "refused"}

# Reasons that pass by themselves (the server restarting, the network back): the window keeps the edits and
# tries again, saying it is reconnecting, instead of asking the clerk to act.
TRANSIENT = frozenset({"refused", "unreachable", "timeout", "disconnected"})


def server_reason(exc: BaseException) -> str:
    """Classify a psycopg error (possibly wrapped by SQLAlchemy) as one of the StorageError reasons."""
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None)
    if isinstance(state, str) and state in _SQLSTATES:
        return _SQLSTATES[state]
    text = str(orig).lower()
    if "does not exist" in text and "database" in text:
        return "no_database"
    if "role" in text and "does not exist" in text:
        return "auth"  # said as a wrong password: a stranger learns nothing about which logins exist
    if "row-level security" in text or "permission denied" in text:
        return "denied"
    for words, reason in _CONNECT_FAILURES:
        if words in text:
            return reason
    return "other"


def describe_server(reason: str, where: str, doing: str, *, host: str = "", database: str = "") -> str:
    """One sentence: what failed (`doing`), why, and what the clerk can do; `where` names the server database."""
    return {
        "auth": f"{doing}失败：登录名或密码不正确（{where}），请检查后重试",
        "no_password": f"{doing}失败：连接 {where} 需要密码",
        "unknown_host": f"{doing}失败：找不到数据库服务器「{host}」，请检查服务器地址是否写对、网络是否连通",
        "refused": f"{doing}失败：数据库服务器 {where} 拒绝连接：服务器可能没有启动，或者端口不对、被防火墙阻止",
        "unreachable": f"{doing}失败：无法连到数据库服务器「{host}」，请检查网络连接",
        "timeout": f"{doing}失败：连接数据库服务器「{host}」超时，请检查网络连接，或稍后重试",
        "no_database": f"{doing}失败：服务器上没有名为「{database}」的数据库，请检查数据库名，或请管理员先建好数据库",
        "denied": f"{doing}失败：当前登录名没有这样做的权限（{where}）；如需要，请联系数据库管理员",
        "disconnected": f"{doing}失败：与数据库服务器 {where} 的连接中断了，请检查网络后重试；之前已保存的内容不受影响",
        "tls": f"{doing}失败：无法与 {where} 建立所要求的加密连接（地址中的 sslmode）：服务器没有开启加密连接，或其证书"
               "不能通过验证；请把以下说明交给数据库管理员",
    }.get(reason, f"{doing}失败：数据库服务器出错（{where}）")


def from_server_exception(exc: BaseException, where: str, doing: str, *, host: str = "",
                          database: str = "") -> StorageError:
    reason = server_reason(exc)
    message = describe_server(reason, where, doing, host=host, database=database)
    if reason in ("other", "tls"):
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        message += f"：{detail[0] if detail else type(exc).__name__}"
    return StorageError(message, reason=reason)

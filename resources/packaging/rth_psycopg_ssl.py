# Run-time hook of the packaged program. psycopg's compiled modules (psycopg_binary) `import ssl` only so that
# Python's OpenSSL sets up libcrypto's locking callbacks before libpq does (a need of OpenSSL before 1.1). The
# package leaves Python's ssl and its copy of OpenSSL out: the program has no network but the database, and libpq
# brings its own OpenSSL 3, which needs no callbacks. So while those two modules initialise, an empty stand-in is
# sys.modules["ssl"]; it is removed as soon as they have, and every other `import ssl` still finds none (asyncio
# and urllib do without TLS, as before). A build that has ssl is left alone.
import importlib.abc
import importlib.util
import sys
import types

_WANTING_SSL = frozenset({"psycopg_binary.pq", "psycopg_binary._psycopg"})


class _SslStandIn:
    def __enter__(self) -> None:
        # asyncio, which psycopg imports meanwhile, must first see that there is no ssl, as it would without
        # psycopg: its modules look for one once, when first imported.
        import asyncio  # noqa: F401

        self.placed = "ssl" not in sys.modules
        if self.placed:
            sys.modules["ssl"] = types.ModuleType("ssl", "stand-in while psycopg_binary initialises")

    def __exit__(self, *exc: object) -> None:
        if self.placed:
            sys.modules.pop("ssl", None)


class _WithSslStandIn(importlib.abc.Loader):
    def __init__(self, real: importlib.abc.Loader) -> None:
        self.real = real

    def create_module(self, spec):  # type: ignore[no-untyped-def]
        with _SslStandIn():
            return self.real.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        with _SslStandIn():
            self.real.exec_module(module)


class _PsycopgBinaryFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name not in _WANTING_SSL:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _WithSslStandIn(spec.loader)
                return spec
        return None


def _without_ssl() -> bool:
    try:
        return importlib.util.find_spec("ssl") is None
    except (ImportError, ValueError):
        return True


if _without_ssl():
    sys.meta_path.insert(0, _PsycopgBinaryFinder())

"""PySide6's import hook answers as before, without keeping the sources it read (gui/pyside_import_hook.py)."""

from __future__ import annotations

import linecache
import sys
import types

import gui  # noqa: F401  (installs the hook's replacement)
from gui import table_model


def _check():
    return sys.modules["shibokensupport.feature"]._mod_uses_pyside


def test_installed_with_the_gui_package_and_only_once():
    check = _check()
    assert getattr(check, "reads_file", False)
    from gui.pyside_import_hook import install

    install()
    assert _check() is check


def test_same_answer_as_pyside6_and_no_source_kept(tmp_path):
    linecache.clearcache()
    assert _check()(table_model) is True  # a module of ours that uses Qt
    assert _check()(linecache) is False  # one that does not
    assert _check()(sys) is False  # built in: no file at all
    assert table_model.__file__ not in linecache.cache
    assert linecache.__file__ not in linecache.cache


def test_a_module_whose_file_is_gone_gets_pyside6s_own_answer(tmp_path):
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")
    assert _check()(gone) is False

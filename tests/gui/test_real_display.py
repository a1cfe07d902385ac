"""The real window on a real (virtual) X display, as a clerk's Linux desktop runs it: Qt's xcb platform plugin
must load with the system libraries that `make` installs, and the window must come up and close cleanly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from ..conftest import ROOT


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Debian's xvfb (installed by make test)")
def test_smoke_test_on_an_x_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", sys.executable, str(ROOT / "main.py"), "--smoke-test",
         "--db", str(tmp_path / "年报 数据.sqlite")],
        env=env, capture_output=True, timeout=180,
    )
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, err
    assert "could not load the Qt platform plugin" not in err.lower()
    assert (tmp_path / "年报 数据.sqlite").exists()

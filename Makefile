# Two commands do all the set-up on a fresh Debian machine (as root): `make run` and `make test`.
# Non-root users without the Debian packages are told which to install.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Qt's xcb platform, a CJK font for the screen, Xvfb for tests of the real window, pdftoppm to look at PDFs.
APT_PACKAGES := xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-render-util0 libxcb-image0 \
	libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 \
	fonts-noto-cjk poppler-utils

.PHONY: run test system-deps venv clean

run: system-deps venv
	$(PY) main.py

test: system-deps venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

system-deps:
	@command -v dpkg-query >/dev/null || { echo "（非 Debian 系统：请自行安装 Qt 运行所需的系统库和中文字体）"; exit 0; }; \
	missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "安装系统软件包：$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "缺少系统软件包：$$missing"; echo "请运行：sudo apt-get install$$missing"; exit 1; \
	fi

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache

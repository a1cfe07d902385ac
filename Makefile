# Two commands do all the set-up on a fresh Debian machine (as root): `make run` and `make test`.
# Non-root users without the Debian packages are told which to install.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Qt's xcb platform, a CJK font for the screen, Xvfb and xdotool for tests of the real window (typed into),
# postgresql (the tests start a throw-away cluster of their own: tests/server), libcups2 (the package prints through the system's CUPS client, not a copy), pdftoppm to look at PDFs, LibreOffice (writer, no GUI: ~27 s to install here) to check that the exported .docx renders.
APT_PACKAGES := xvfb xauth xdotool libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-render-util0 libxcb-image0 \
	libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 \
	libcups2 fonts-noto-cjk poppler-utils libreoffice-writer-nogui icu-devtools binutils gcc postgresql

# The oldest Qt we promise (domestic Linux with glibc 2.28-2.31 cannot install the newest wheels).
OLDEST_QT := PySide6-Essentials==6.8.0.2
OLD_VENV := .venv-qt68
PACKAGE := dist/GovInfoAnnualReport

.PHONY: run test system-deps venv clean package package-smoke test-oldest-qt bench

run: system-deps venv
	$(PY) main.py

# The packaged program and the oldest Qt first, so that pytest's summary of the main run is the last word.
test: system-deps venv package-smoke test-oldest-qt
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

package: system-deps venv
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		resources/packaging/app.spec
	$(PY) resources/packaging/archive.py $(PACKAGE)

# The built executable, as a clerk's PC would run it: the self-test, command-line exports, and the commands on a
# throw-away PostgreSQL cluster (its driver frozen in the package).
package-smoke: package
	SMOKE_PYTHON=$(PY) bash resources/packaging/smoke.sh $(PACKAGE)

test-oldest-qt: system-deps
	test -x $(OLD_VENV)/bin/python || $(PYTHON) -m venv $(OLD_VENV)
	$(OLD_VENV)/bin/python -m pip install --quiet -e ".[test]" "$(OLDEST_QT)"
	$(OLD_VENV)/bin/python -c "import PySide6; print('最旧支持的 Qt：PySide6', PySide6.__version__)"
	QT_QPA_PLATFORM=offscreen $(OLD_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/gui tests/test_cli.py

bench: system-deps venv
	$(PY) bench/run_all.py

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,package]"
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
	rm -rf $(VENV) $(OLD_VENV) build dist *.egg-info .pytest_cache

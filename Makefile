# Quotecoder: `make run` opens the app on a demo project, `make test` runs the whole suite,
# `make bench` measures speed. Each target sets up .venv itself on a fresh machine.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench screenshots dist check-python check-syslibs clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "Quotecoder needs Python 3.11 or newer; '$(PYTHON)' is older. Run: make PYTHON=python3.11 ..."; exit 1; }

$(STAMP): pyproject.toml setup.py
	@$(MAKE) --no-print-directory check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

check-syslibs: $(STAMP)
	@$(PY) -m app.syscheck

run: $(STAMP) check-syslibs
	$(PY) -m app gui --demo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.screenshots docs/screenshots

# A standalone one-folder application (PyInstaller) in dist/quotecoder, then tried with no
# Python on the PATH (tools/check_dist.sh). Windows and macOS bundles: .github/workflows/bundle.yml.
dist: $(STAMP)
	$(PY) -m pip install --quiet -e '.[dist]'
	$(PY) -m PyInstaller --noconfirm --clean tools/quotecoder.spec --distpath dist --workpath build/pyinstaller
	bash tools/check_dist.sh dist/quotecoder
	cd dist && tar czf quotecoder-linux-x86_64.tar.gz quotecoder && echo "wrote dist/quotecoder-linux-x86_64.tar.gz"

clean:
	rm -rf $(VENV) build dist *.egg-info

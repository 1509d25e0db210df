# prikaz — сборка приказов. Две команды на новой машине: make build, make test.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The build needs only the PDF's typeface (Typst comes from PyPI); the tests read PDFs back
# (poppler, qpdf) and render DOCX through LibreOffice as well.
APT_PACKAGES := fonts-liberation2 fonts-paratype
APT_TEST_PACKAGES := $(APT_PACKAGES) libreoffice-writer-nogui poppler-utils qpdf
# the browser test of the workspace (tests/test_web_browser.py): Chromium and its driver
APT_TEST_PACKAGES += chromium chromium-driver
# Locked dependencies: requirements.lock (runtime), requirements-dev.lock (runtime + dev tools)
LOCK_RUN := requirements.lock
LOCK_DEV := requirements-dev.lock
LOCK_VENV := .venv-lock
UV_VERSION := 0.13.8
LOCK_FLAGS := --quiet --no-config --generate-hashes --python-version 3.11 \
  --python-platform x86_64-unknown-linux-gnu --custom-compile-command 'make lock'
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test lint system system-test venv clean preview docs bench lock bytecode

build: system venv bytecode
	$(BIN)/prikaz build

# The generator's bytecode written ahead: where PYTHONDONTWRITEBYTECODE is set (as in many
# containers) every command would compile every module it imports (40–50 ms of a no-op build).
bytecode: venv
	$(BIN)/python -m compileall -q generator

# System packages: the fonts (system); for the tests and the benchmark also LibreOffice
# (DOCX→PDF), poppler (pdftotext/pdffonts) and qpdf (system-test).
system system-test: PACKAGES = $(if $(filter system-test,$@),$(APT_TEST_PACKAGES),$(APT_PACKAGES))
system system-test:
	@missing=""; \
	for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Устанавливаю пакеты:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

venv: $(STAMP)

# Exact versions with hashes from the lock (runtime and dev tools), then the project itself
# without resolving anything: a new release on PyPI cannot change what is installed.
$(STAMP): pyproject.toml $(LOCK_DEV)
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r $(LOCK_DEV)
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

# Regenerates the locks from pyproject.toml for Python 3.11 on Linux x86_64 (uv, in its own
# venv; users never need it). Pins already in the locks are kept; to move them:
# make lock LOCK_ARGS=--upgrade  or  LOCK_ARGS='--upgrade-package python-docx'.
lock:
	test -x $(LOCK_VENV)/bin/uv || { $(PY) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install -q 'uv==$(UV_VERSION)'; }
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --extra dev $(LOCK_FLAGS) $(LOCK_ARGS) -o $(LOCK_DEV)
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml -c $(LOCK_DEV) $(LOCK_FLAGS) -o $(LOCK_RUN)

# PNG of page 1 and of the first page of each appendix, typeset by Typst: out/<slug>/preview/
preview: system venv bytecode
	$(BIN)/prikaz preview

test: system-test venv
	$(BIN)/ruff check generator tests tools
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -q

# JSON Schema and the config reference, generated from the models
docs: venv
	mkdir -p docs/schema
	$(BIN)/prikaz schema > docs/schema/agency.schema.json
	$(BIN)/prikaz schema --region > docs/schema/region.schema.json
	$(BIN)/prikaz schema --markdown > docs/config.md

# Speed and scale: BENCH_AGENCIES synthetic bodies (default 200); prints a table and a JSON line
bench: system-test venv bytecode
	$(BIN)/python tools/bench.py

lint: venv
	$(BIN)/ruff check generator tests tools
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf out

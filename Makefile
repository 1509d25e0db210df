# prikaz — сборка приказов. Две команды на новой машине: make build, make test.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := libreoffice-writer-nogui fonts-liberation2 fonts-paratype poppler-utils qpdf
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test lint system venv clean preview docs bench

build: system venv
	$(BIN)/prikaz build

# System packages: LibreOffice (DOCX→PDF), fonts, poppler (pdftotext/pdffonts), qpdf.
system:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Устанавливаю пакеты:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# PNG of page 1 and of the first page of each appendix: out/<slug>/preview/
preview: build
	$(BIN)/prikaz preview

test: system venv
	$(BIN)/ruff check generator tests tools
	$(BIN)/mypy
	$(BIN)/pytest -q

# JSON Schema and the config reference, generated from the models
docs: venv
	mkdir -p docs/schema
	$(BIN)/prikaz schema > docs/schema/agency.schema.json
	$(BIN)/prikaz schema --region > docs/schema/region.schema.json
	$(BIN)/prikaz schema --markdown > docs/config.md

# Speed and scale: BENCH_AGENCIES synthetic bodies (default 200); prints a table and a JSON line
bench: system venv
	$(BIN)/python tools/bench.py

lint: venv
	$(BIN)/ruff check generator tests tools
	$(BIN)/mypy

clean:
	rm -rf out

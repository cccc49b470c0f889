# Duìzhào: `make run` to read, `make test` to check everything.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM := /usr/bin/chromium

PG_URL := postgres://duizhao:duizhao@127.0.0.1:5432/duizhao

.PHONY: run test test-postgres lint bench screenshot chromium fonts clean

$(INSTALLED): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

run: $(INSTALLED)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py build_dictionary
	$(PY) manage.py import_articles seeds/
	PY=$(PY) sh scripts/serve.sh

test: $(INSTALLED) chromium lint
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# The same suite on PostgreSQL: installs and starts Debian's server when needed.
test-postgres: $(INSTALLED) chromium
	bash scripts/postgres.sh
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: $(INSTALLED)
	$(PY) bench/run.py

screenshot: $(INSTALLED) chromium fonts
	$(PY) scripts/screenshot.py docs/reader.png

chromium:
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

fonts:
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || { $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-noto-cjk; }

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

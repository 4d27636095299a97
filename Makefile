# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
# Links in notifications lead to the server `make run` starts, unless SITE_URL says otherwise.
SITE_URL ?= http://$(HOST):$(PORT)
export PORT HOST SITE_URL

.PHONY: run test lint check bench scaleout install migrate demo clean browser pdf-libs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py compilemessages --ignore '.venv/*' -v 0

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo pdf-libs
	$(BIN)/python manage.py collectstatic --noinput -v 0
	@echo "Portal: http://$(HOST):$(PORT)/  (staff: http://$(HOST):$(PORT)/staff/, CMS: http://$(HOST):$(PORT)/cms/)"
	@case "$(HOST)" in 127.*|localhost|::1|"[::1]") ;; *) \
	  echo "HOST=$(HOST) serves other machines: DEBUG is off. This is a demo for a trusted"; \
	  echo "network only: the demo staff passwords are public and the secret key is the"; \
	  echo "development one. To serve real users, see docs/deploy.md."; ;; esac
	$(BIN)/honcho -f Procfile start -p $(PORT)

# The HTML templates only: the .txt email and SMS templates are sent as written.
HTML_TEMPLATES = $(shell find portal workflow search improvement -path '*/templates/*' -name '*.html')

# ruff; the import contracts of .importlinter (every arrow points one way, see
# docs/architecture.md); the indentation of the HTML templates.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	@echo "djhtml --check (the HTML templates)"
	@$(BIN)/djhtml --check $(HTML_TEMPLATES)

check: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py compilemessages --ignore '.venv/*' -v 0

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium: apt-get install chromium (or set CHROMIUM)."; exit 1; \
	  fi; }

# The PDF reports (WeasyPrint) need Pango, HarfBuzz's subsetter and a font with Arabic
# glyphs (DejaVu). A fresh Debian machine usually has them; installed with apt-get when
# missing and root, like Chromium above.
PDF_DEBS = libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-libs:
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for deb in $(PDF_DEBS); do \
	    dpkg-query -W -f='$${Status}' $$deb 2>/dev/null | grep -q "ok installed" || missing="$$missing $$deb"; \
	  done; \
	elif ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; then missing="$(PDF_DEBS)"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing$$missing for the PDF reports"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "The PDF reports need Pango and a font with Arabic glyphs: apt-get install$$missing"; exit 1; \
	  fi; \
	fi

# The suite runs on every core, up to 4 (pytest-xdist; TEST_WORKERS=0 runs it in one process).
TEST_WORKERS ?= auto
test: lint check browser pdf-libs
	$(BIN)/pytest -n $(TEST_WORKERS) --maxprocesses 4

bench: demo
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk not installed: using the built-in client"; }
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/search.py
	$(BIN)/python benchmarks/reports.py

# The production shape on one machine (2 web servers, 2 workers, 2 clocks, PostgreSQL,
# Redis, an SMTP server) under load while a worker and the leading clock are killed:
# nothing lost, nothing sent twice. Needs PostgreSQL; see benchmarks/scaleout.py.
scaleout: install
	$(BIN)/python benchmarks/scaleout.py

clean:
	rm -rf $(VENV) var db.sqlite3

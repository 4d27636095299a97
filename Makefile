# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
export PORT HOST

.PHONY: run test lint check bench install install-test migrate demo clean

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

run: demo
	$(BIN)/python manage.py collectstatic --noinput -v 0
	@echo "Portal: http://$(HOST):$(PORT)/  (staff: http://$(HOST):$(PORT)/staff/, CMS: http://$(HOST):$(PORT)/cms/)"
	$(BIN)/honcho -f Procfile start -p $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py compilemessages --ignore '.venv/*' -v 0

test: lint check
	$(BIN)/pytest

bench: demo
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) var db.sqlite3

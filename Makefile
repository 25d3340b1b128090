# The project's commands. Every target builds the virtualenv at .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= data/news.db
PORT ?= 8001
# The demo site's port: fixed, so a second make demo finds the same URLs (incremental).
DEMO_PORT ?= 8642
# Datasette's settings for an archive of any size: suggested facets cost one query per
# column on every table page, seconds on a large archive (facets are in metadata.yml).
# Add your own with DATASETTE_OPTIONS='--setting default_allow_sql off'.
DATASETTE_SETTINGS := --setting suggest_facets off
DATASETTE_OPTIONS ?=

.PHONY: install system test lint format demo serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# The programs the tests need (chromium, redis-server, python3-venv): installed with
# apt-get when run as root, else named with the command that installs them, before any
# test runs. SYSTEM_INSTALL=no never installs.
system:
	@sh tests/system.sh $(PYTHON)

test: system $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

demo: $(STAMP)
	PYTHONPATH=tests $(BIN)/python -m sites.demo.run --db $(DB) --port $(DEMO_PORT)

serve: $(STAMP)
	$(BIN)/datasette serve $(DB) --metadata deploy/datasette/metadata.yml \
		--plugins-dir deploy/datasette/plugins --template-dir deploy/datasette/templates \
		$(DATASETTE_SETTINGS) $(DATASETTE_OPTIONS) \
		--port $(PORT)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info

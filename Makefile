# The project's commands. Every target builds the virtualenv at .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= data/news.db
PORT ?= 8001

.PHONY: install test lint format demo serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
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
	$(BIN)/python -m crawler.demo.run --db $(DB)

serve: $(STAMP)
	$(BIN)/datasette serve $(DB) --metadata deploy/datasette/metadata.yml \
		--plugins-dir deploy/datasette/plugins --port $(PORT)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info

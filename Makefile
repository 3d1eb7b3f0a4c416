# Centre Guide: every task starts here. `make serve` and `make test` set up what they need.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
OWN_WORDS := ../shared/tools/own_words.py
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup browser build serve test unit e2e bench lock clean

## setup: Python packages (pinned with hashes) and the pinned Pyodide from npm
setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements/dev.txt
	bash build_tools/system-setup.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(PY) -m build_tools.workbook_reader  # the browser's workbook reader (Pyodide wheel), hash-checked
	touch $@

node_modules/.installed: package-lock.json
	bash build_tools/system-setup.sh
	npm ci --no-audit --no-fund
	touch $@

## browser: a Chrome or Chromium for the browser tests (installs one if none is found)
browser: setup
	$(PY) build_tools/browser.py --install

## build: the site for publishing, in site/
build: setup
	$(PY) -m mkdocs build --strict

## serve: build the site and serve it on http://127.0.0.1:$(PORT)/ (SERVE_ARGS=--headers: as a host
## that reads _headers serves it)
serve: setup
	SITE_URL=http://127.0.0.1:$(PORT)/ $(PY) -m mkdocs build --strict
	$(PY) build_tools/serve.py --port $(PORT) $(SERVE_ARGS)

## test: every test: unit, property, browser end-to-end, the own-words check, the workflows'
## audit (zizmor, offline: any finding fails) and the linters (ruff for Python, Biome for
## JavaScript: lint only, no formatting; any finding fails)
test: setup browser
	$(VENV)/bin/zizmor --offline .github/workflows/
	$(VENV)/bin/ruff check .
	npx --no-install biome lint --error-on-warnings docs/assets/js build_tools
	$(PY) -m pytest
	@if [ -f $(OWN_WORDS) ]; then $(PY) $(OWN_WORDS) docs; fi

unit: setup
	$(PY) -m pytest --ignore=tests/site

e2e: setup browser
	$(PY) -m pytest tests/site

## bench: the speed benchmark against Pyodide's own boot (medians of 5 runs; JSON in bench/results/)
bench: setup browser
	$(PY) bench/run.py $(BENCH_ARGS)

## lock: re-pin the Python packages after editing requirements/dev.in
lock: setup
	$(VENV)/bin/pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links -o requirements/dev.txt requirements/dev.in

clean:
	rm -rf site build .pytest_cache

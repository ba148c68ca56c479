# The two commands a student needs: `make lab` and `make test` (see README.md).
# Both create .venv and install the project into it the first time (and again when
# pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: lab test lint format notebooks bench clean student slides

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e ".[dev]"
	@# Build matplotlib's font cache now: its first build prints a note that would otherwise
	@# land in the first notebook's stored outputs.
	$(BIN)/python -c "import matplotlib.pyplot"
	touch $(INSTALLED)

# Jupyter refuses to run as root unless told to (containers often run as root).
lab: $(INSTALLED)
	$(BIN)/jupyter lab notebooks/ $$([ "$$(id -u)" = 0 ] && echo --allow-root)

test: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

# Maintainers: re-execute every notebook in place after editing it (then commit the outputs).
notebooks: $(INSTALLED)
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks, not tests: run them on a quiet machine (README, "Benchmarks").
bench: $(INSTALLED)
	$(BIN)/python benchmarks/bench_count.py
	$(BIN)/python benchmarks/bench_sgns.py
	$(BIN)/python benchmarks/bench_eval.py

# The student edition in build/student/: every solution region replaced by a stub.
student: $(INSTALLED)
	rm -rf build/student
	$(BIN)/python tools/make_student.py notebooks build/student

# reveal.js decks in build/slides/ (reveal.js and MathJax from the web), and offline decks in
# build/slides/offline/ with the libraries that npm fetches into node_modules/ (not committed).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

slides: $(INSTALLED) node_modules/.package-lock.json
	rm -rf build/slides
	$(BIN)/python tools/make_slides.py notebooks build/slides --offline node_modules

clean:
	rm -rf build .pytest_cache .hypothesis

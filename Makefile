# Students: `make lab`. Maintainers and CI: `make test` (see README.md).
# Both create .venv the first time. `make lab` installs what the notebooks need and JupyterLab;
# `make test` adds the test tools. Both install the exact versions in constraints.txt (the
# versions the stored notebook outputs were made with; `make lock` refreshes it).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_INSTALL := $(BIN)/python -m pip install -c constraints.txt
LAB_INSTALLED := $(VENV)/.installed-lab
DEV_INSTALLED := $(VENV)/.installed-dev
# Jupyter refuses to run as root unless told to (containers often run as root).
AS_ROOT := $$([ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: lab lab-solutions workspace test lint format notebooks bench clean student slides \
	slides-solutions lock

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

# Build matplotlib's font cache at install time: its first build prints a note that would
# otherwise land in a notebook's outputs.
$(LAB_INSTALLED): pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PIP_INSTALL) -e ".[lab]"
	$(BIN)/python -c "import matplotlib.pyplot"
	touch $@

$(DEV_INSTALLED): pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PIP_INSTALL) -e ".[dev]"
	$(BIN)/python -c "import matplotlib.pyplot"
	touch $@ $(LAB_INSTALLED)

# Students: your own copy of the student edition in my-notebooks/, then JupyterLab on it.
lab: workspace
	$(BIN)/jupyter lab my-notebooks/ $(AS_ROOT)

# Instructors: the notebooks with their solutions.
lab-solutions: $(LAB_INSTALLED)
	$(BIN)/jupyter lab notebooks/ $(AS_ROOT)

# my-notebooks/ from the student edition: adds missing notebooks, never overwrites yours.
workspace: $(LAB_INSTALLED)
	rm -rf build/student
	$(BIN)/python tools/make_student.py notebooks build/student > /dev/null
	$(BIN)/python tools/make_workspace.py build/student my-notebooks

test: $(DEV_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

# Maintainers: re-execute every notebook in place after editing it (then commit the outputs).
notebooks: $(DEV_INSTALLED)
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb

lint: $(DEV_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks, not tests: run them on a quiet machine (README, "Benchmarks").
bench: $(DEV_INSTALLED)
	$(BIN)/python benchmarks/bench_count.py
	$(BIN)/python benchmarks/bench_sgns.py
	$(BIN)/python benchmarks/bench_eval.py
	$(BIN)/python benchmarks/bench_glove.py

# The student edition in build/student/: every solution region replaced by a stub.
student: $(LAB_INSTALLED)
	rm -rf build/student
	$(BIN)/python tools/make_student.py notebooks build/student

# Instructors: the precept slides (README, "Presenting").
#   build/slides/NN_name.slides.html  reveal.js decks for a 1280x720 projector, made from the
#                                     student edition (no solutions, no poll answers); they
#                                     load only build/slides/lib/, so the folder works offline
#   build/slides/live/NN_name.ipynb   the same slides to present live in JupyterLab (widgets
#                                     work), with jupyterlab-slideshow: the `instructor` extra,
#                                     installed here if it is missing
# `make slides-solutions` writes the same with the solutions to build/slides-solutions/.
# npm (Node.js) fetches reveal.js and MathJax into node_modules/ (not committed).
NPM ?= npm
node_modules/.package-lock.json: package.json package-lock.json
	@command -v $(NPM) >/dev/null 2>&1 || { \
	  echo "make slides: '$(NPM)' was not found. The decks need reveal.js and MathJax, which npm"; \
	  echo "fetches into node_modules/ (package.json). Install Node.js with npm (Debian/Ubuntu:"; \
	  echo "'sudo apt-get install npm'; macOS: 'brew install node'; Windows: https://nodejs.org),"; \
	  echo "then run 'make slides' again."; exit 1; } >&2
	$(NPM) ci --no-audit --no-fund

slides slides-solutions: $(LAB_INSTALLED) node_modules/.package-lock.json
	@$(BIN)/python -c "import importlib.metadata as m; m.version('jupyterlab-slideshow')" \
	  2>/dev/null || $(PIP_INSTALL) -e ".[instructor]"
	rm -rf build/$@
	$(BIN)/python tools/make_slides.py notebooks build/$@ $(if $(filter slides-solutions,$@),--solutions)

# Maintainers: refresh constraints.txt with the newest versions pyproject.toml allows, in a
# fresh environment; then re-run `make notebooks`, check the outputs and commit both.
lock:
	rm -rf build/lock-venv
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --upgrade pip
	build/lock-venv/bin/python -m pip install -e ".[dev,instructor]"
	( echo "# The exact versions \`make lab\` and \`make test\` install (refresh: \`make lock\`)."; \
	  build/lock-venv/bin/python -m pip freeze --exclude-editable ) > constraints.txt
	rm -rf build/lock-venv

clean:
	rm -rf build .pytest_cache .hypothesis

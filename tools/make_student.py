"""Build the student edition: every solution region becomes a stub, its cell's output cleared.

    python tools/make_student.py [notebooks] [build/student]      (what `make student` runs)

In a code cell, the lines from ``# BEGIN SOLUTION`` to ``# END SOLUTION`` (markers included)
are replaced, at the indentation of the BEGIN line, by

    # your code here
    raise NotImplementedError

so a function keeps its signature and docstring and raises until the student fills it in;
the check cell after it then reports "⏳ not done yet". The outputs of those cells and of the
check cells (``checks.check_...``), which would show the reference answer, are cleared; the
other outputs stay, as they come from the package's own implementation.

Cells tagged ``worked-answer`` (a derivation, the formulas, a demonstration that uses the
solution: anything that gives an exercise's answer away) are taken out of sight: each run of
them becomes one code cell, its source hidden, that shows them behind a "Show the worked
answer" button (``wordvec_helpers.widgets.worked_answer``). Place them *after* the exercise's
check; later cells must not depend on them. A cell tagged ``predict-first`` (its output is
what a quick poll or the text asks the student to predict) loses its stored output. Files
beside the notebooks (images, data) are copied. Exits non-zero, naming the notebook and cell,
if a solution marker is unbalanced.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import nbformat

from wordvec_helpers.worked_answers import encode_worked_answer

BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
STUB = ("# your code here", "raise NotImplementedError")
CHECK_CALL = re.compile(r"\bchecks\.check_\w+\(")
WORKED_ANSWER = "worked-answer"
# A cell whose output a student should predict before running it: its stored output goes.
PREDICT_FIRST = "predict-first"


class SolutionMarkerError(ValueError):
    """A solution region without its BEGIN or END line."""


def strip_solutions(source: str) -> tuple[str, int]:
    """Replace every solution region of a code cell's source by a stub.

    Returns the new source and the number of regions replaced.
    """
    lines = source.splitlines()
    result: list[str] = []
    regions = 0
    inside = False
    for number, line in enumerate(lines, start=1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise SolutionMarkerError(f"line {number}: {BEGIN} inside a solution region")
            inside = True
            regions += 1
            indent = line[: len(line) - len(line.lstrip())]
            result.extend(indent + stub for stub in STUB)
        elif marker == END:
            if not inside:
                raise SolutionMarkerError(f"line {number}: {END} without {BEGIN}")
            inside = False
        elif not inside:
            result.append(line)
    if inside:
        raise SolutionMarkerError(f"{BEGIN} without {END}")
    return "\n".join(result), regions


def is_worked_answer(cell) -> bool:
    return WORKED_ANSWER in cell.get("metadata", {}).get("tags", [])


def _reveal_cell(run: list, index: int):
    """One code cell that shows the worked-answer cells of ``run`` behind a button."""
    payload = encode_worked_answer(run)
    cell = nbformat.v4.new_code_cell(
        f'from wordvec_helpers.widgets import worked_answer\n\nworked_answer("{payload}")'
    )
    cell.metadata["tags"] = [WORKED_ANSWER + "-note"]
    cell.metadata["jupyter"] = {"source_hidden": True}  # JupyterLab shows only the button
    # The same id on every build (nbformat would draw a random one).
    cell.id = f"note-{run[0].get('id') or index}"[:64]
    return cell


def drop_worked_answers(cells: list) -> list:
    """The cells with each run of cells tagged ``worked-answer`` replaced by one code cell
    that shows them behind a button (``wordvec_helpers.widgets.worked_answer``)."""
    result, run = [], []
    for cell in [*cells, None]:
        if cell is not None and is_worked_answer(cell):
            run.append(cell)
            continue
        if run:
            result.append(_reveal_cell(run, len(result)))
            run = []
        if cell is not None:
            result.append(cell)
    return result


def is_reveal_cell(cell) -> bool:
    """The stand-in for worked-answer cells in the student edition (decks leave it out)."""
    return WORKED_ANSWER + "-note" in cell.get("metadata", {}).get("tags", [])


def student_notebook(notebook: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, int]:
    """The student edition of one notebook (a new object) and its number of solution regions."""
    notebook = nbformat.from_dict(notebook)  # a deep copy
    notebook.cells = drop_worked_answers(notebook.cells)
    total = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        try:
            cell.source, regions = strip_solutions(cell.source)
        except SolutionMarkerError as error:
            raise SolutionMarkerError(f"cell {index}: {error}") from None
        total += regions
        predict_first = PREDICT_FIRST in cell.get("metadata", {}).get("tags", [])
        if regions or predict_first or CHECK_CALL.search(cell.source):
            cell.outputs = []
            cell.execution_count = None
    notebook.metadata.pop("widgets", None)
    return notebook, total


def build(source_dir: Path, target_dir: Path) -> dict[str, int]:
    """Write the student edition of every notebook in ``source_dir`` into ``target_dir``.

    Returns {notebook name: number of solution regions replaced}.
    """
    if not source_dir.is_dir():
        raise FileNotFoundError(f"no notebook folder {source_dir}")
    target_dir.mkdir(parents=True, exist_ok=True)
    summary = {}
    for path in sorted(source_dir.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix != ".ipynb":
            shutil.copy2(path, target_dir / path.name)
            continue
        notebook = nbformat.read(path, as_version=4)
        try:
            student, regions = student_notebook(notebook)
        except SolutionMarkerError as error:
            raise SolutionMarkerError(f"{path}: {error}") from None
        nbformat.write(student, target_dir / path.name)
        summary[path.name] = regions
    return summary


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else Path("notebooks")
    target = Path(argv[1]) if len(argv) > 1 else Path("build/student")
    try:
        summary = build(source, target)
    except (SolutionMarkerError, FileNotFoundError) as error:
        print(f"make_student: {error}", file=sys.stderr)
        return 1
    for name, regions in summary.items():
        print(f"{target / name}: {regions} solution region(s) replaced by stubs")
    if not summary:
        print(f"make_student: no notebooks in {source}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

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
solution: anything that gives an exercise's answer away) are dropped; each run of them becomes
one markdown note. Place them *after* the exercise's check. Files beside the notebooks
(images, data) are copied. Exits non-zero, naming the notebook and cell, if a
solution marker is unbalanced.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import nbformat

BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
STUB = ("# your code here", "raise NotImplementedError")
CHECK_CALL = re.compile(r"\bchecks\.check_\w+\(")
WORKED_ANSWER = "worked-answer"
WORKED_ANSWER_NOTE = (
    "*A worked answer to the exercise above stands here in the instructor's edition: "
    "it appears once you have solved the exercise yourself.*"
)


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


def drop_worked_answers(cells: list) -> list:
    """The cells without those tagged ``worked-answer``; each run of them becomes one note."""
    result = []
    for cell in cells:
        if not is_worked_answer(cell):
            result.append(cell)
        elif not (result and result[-1].get("metadata", {}).get(WORKED_ANSWER + "-note")):
            note = nbformat.v4.new_markdown_cell(WORKED_ANSWER_NOTE)
            note.metadata[WORKED_ANSWER + "-note"] = True
            # The same id on every build (nbformat would draw a random one).
            note.id = f"note-{cell.get('id') or len(result)}"[:64]
            result.append(note)
    return result


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
        if regions or CHECK_CALL.search(cell.source):
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

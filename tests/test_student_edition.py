"""The student edition (tools/make_student.py, `make student`): solutions become stubs, and
each student notebook still runs top to bottom.

A student notebook may raise only NotImplementedError, and only in a cell that holds a stub
(a solution region at the top level of a cell); every check cell must say "not done yet". Any
other error means a later cell depends on a student's answer, which the notebooks must never
do (CONTRIBUTING.md): they carry on with the package's implementation.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import v4

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WITH_SOLUTIONS = [p for p in NOTEBOOKS if "# BEGIN SOLUTION" in p.read_text(encoding="utf-8")]

spec = importlib.util.spec_from_file_location("make_student", ROOT / "tools" / "make_student.py")
make_student = importlib.util.module_from_spec(spec)
sys.modules["make_student"] = make_student
spec.loader.exec_module(make_student)


# --------------------------------------------------------------------------------------------
# The transformation
# --------------------------------------------------------------------------------------------

SOLUTION_FUNCTION = '''def total_count(counts):
    """The total of a count matrix (a docstring the student keeps)."""
    # BEGIN SOLUTION
    total = 0
    for row in counts:
        total += sum(row)
    return total
    # END SOLUTION
'''


def test_a_function_keeps_its_signature_and_docstring():
    source, regions = make_student.strip_solutions(SOLUTION_FUNCTION)
    assert regions == 1
    assert source.splitlines() == [
        "def total_count(counts):",
        '    """The total of a count matrix (a docstring the student keeps)."""',
        "    # your code here",
        "    raise NotImplementedError",
    ]
    namespace = {}
    exec(source, namespace)  # it is valid Python, and raises until filled in
    with pytest.raises(NotImplementedError):
        namespace["total_count"]([[1, 2]])


def test_several_regions_and_top_level_regions():
    source = "x = 1\n# BEGIN SOLUTION\ny = x + 1\n# END SOLUTION\nif x:\n"
    source += "    # BEGIN SOLUTION\n    z = 3\n    # END SOLUTION\nprint(x)"
    stripped, regions = make_student.strip_solutions(source)
    assert regions == 2
    assert "y = x + 1" not in stripped and "z = 3" not in stripped
    assert stripped.splitlines()[1:3] == ["# your code here", "raise NotImplementedError"]
    assert "    raise NotImplementedError" in stripped.splitlines()
    assert make_student.strip_solutions("print(1)") == ("print(1)", 0)


@pytest.mark.parametrize(
    "source",
    ["# BEGIN SOLUTION\nx = 1", "x = 1\n# END SOLUTION", "# BEGIN SOLUTION\n# BEGIN SOLUTION"],
)
def test_unbalanced_markers_are_an_error(source, tmp_path):
    with pytest.raises(make_student.SolutionMarkerError):
        make_student.strip_solutions(source)
    notebook = v4.new_notebook(cells=[v4.new_code_cell("1"), v4.new_code_cell(source)])
    (tmp_path / "in").mkdir()
    nbformat.write(notebook, tmp_path / "in" / "01_bad.ipynb")
    assert make_student.main([str(tmp_path / "in"), str(tmp_path / "out")]) == 1


def test_worked_answers_are_dropped_and_each_run_leaves_one_note(tmp_path):
    cells = [
        v4.new_markdown_cell("## Exercise"),
        v4.new_code_cell("checks.check_pmi(my_pmi)"),
        v4.new_markdown_cell("The derivation: PMI = log p(t, c) - log p(t) - log p(c)"),
        v4.new_code_cell("print(np.log(p_tc) - np.log(np.outer(p_t, p_c)))"),
        v4.new_markdown_cell("## Next section"),
        v4.new_markdown_cell("A second answer, alone"),
    ]
    for index in (2, 3, 5):
        cells[index].metadata["tags"] = [make_student.WORKED_ANSWER]
    student, _ = make_student.student_notebook(v4.new_notebook(cells=cells))
    sources = [cell.source for cell in student.cells]
    assert sources == [
        "## Exercise",
        "checks.check_pmi(my_pmi)",
        make_student.WORKED_ANSWER_NOTE,
        "## Next section",
        make_student.WORKED_ANSWER_NOTE,
    ]
    assert "derivation" not in json.dumps(student)
    again, _ = make_student.student_notebook(v4.new_notebook(cells=cells))
    assert again == student, "two builds must give the same notebook (cell ids included)"


# --------------------------------------------------------------------------------------------
# Running student notebooks
# --------------------------------------------------------------------------------------------


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    return output.get("data", {}).get("text/plain", "")


def _solution_lines(source: str) -> set[str]:
    """The distinctive lines inside the solution regions of a cell."""
    inside, lines = False, set()
    for line in source.splitlines():
        if line.strip() == make_student.BEGIN:
            inside = True
        elif line.strip() == make_student.END:
            inside = False
        elif inside and len(line.strip()) >= 8:
            lines.add(line.strip())
    outside = {
        line.strip()
        for line in make_student.strip_solutions(source)[0].splitlines()
        if line.strip() not in make_student.STUB
    }
    return lines - outside


def assert_no_solution_survives(original: Path, student: Path) -> None:
    before = nbformat.read(original, as_version=4)
    after = nbformat.read(student, as_version=4)
    everything = json.dumps(after)
    assert "BEGIN SOLUTION" not in everything and "END SOLUTION" not in everything
    for cell in before.cells:
        if make_student.is_worked_answer(cell):
            long_lines = [line for line in cell.source.splitlines() if len(line.strip()) > 20]
            assert not [line for line in long_lines if line in everything], (
                f"{student.name}: a worked answer survived: {cell.source[:60]!r}"
            )
    before.cells = make_student.drop_worked_answers(before.cells)
    assert len(before.cells) == len(after.cells)
    for index, (old, new) in enumerate(zip(before.cells, after.cells, strict=True)):
        if old.cell_type != "code":
            assert new == old
            continue
        secret = _solution_lines(old.source)
        survived = secret & {line.strip() for line in new.source.splitlines()}
        assert not survived, f"{student.name} cell {index}: solution text survived: {survived}"
        if secret or make_student.CHECK_CALL.search(new.source):
            assert new.outputs == [] and new.execution_count is None, (
                f"{student.name} cell {index}: outputs of a solution or check cell kept"
            )


def assert_runs_with_only_stub_errors(path: Path) -> int:
    """Execute a student notebook; return how many check cells said "not done yet"."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    not_done = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        tags = set(cell.metadata.get("tags", []))
        has_stub = "raise NotImplementedError" in cell.source and "# your code here" in cell.source
        for error in errors:
            if "raises-exception" in tags:
                continue
            assert error.ename == "NotImplementedError", (
                f"{path.name} cell {index} raised {error.ename}: {error.evalue} — a later cell "
                "depends on a student's answer (or the notebook is broken)"
            )
            assert has_stub, (
                f"{path.name} cell {index} calls a student's unfinished function; later cells "
                "must use the package's implementation"
            )
        if make_student.CHECK_CALL.search(cell.source):
            shown = "".join(_text(o) for o in cell.outputs)
            assert "not done yet" in shown and "⏳" in shown, (
                f"{path.name} cell {index}: a check after a stub should say "
                f"'⏳ ... not done yet', it shows {shown!r}"
            )
            not_done += 1
    return not_done


def _synthetic_notebook() -> nbformat.NotebookNode:
    """A small notebook in the course's shape: setup, exercise, check, a top-level exercise,
    and later cells that use the package."""
    cells = [
        v4.new_markdown_cell("# Counting\nWhy this step exists."),
        v4.new_code_cell(
            "import numpy as np\nfrom wordvec_helpers import checks\n"
            "from wordvec_helpers.cooccurrence import cooccurrence_matrix"
        ),
        v4.new_code_cell(
            "def my_cooccurrence(sentences, vocab_size, window):\n"
            '    """W[t, c] within the window."""\n'
            "    # BEGIN SOLUTION\n"
            "    W = np.zeros((vocab_size, vocab_size), dtype=np.int64)\n"
            "    for sentence in sentences:\n"
            "        for i, target in enumerate(sentence):\n"
            "            for j in range(max(0, i - window), min(len(sentence), i + window + 1)):\n"
            "                if j != i:\n"
            "                    W[target, sentence[j]] += 1\n"
            "    return W\n"
            "    # END SOLUTION"
        ),
        v4.new_code_cell("checks.check_cooccurrence(my_cooccurrence)"),
        v4.new_code_cell("# BEGIN SOLUTION\nsize_of_W = 5 * 5\n# END SOLUTION\nsize_of_W"),
        v4.new_code_cell("W = cooccurrence_matrix([np.arange(5)], 5, 2)\nprint(W.sum())"),
    ]
    return v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )


def test_a_synthetic_notebook_runs_as_a_student_would_get_it(tmp_path):
    source, target = tmp_path / "notebooks", tmp_path / "student"
    source.mkdir()
    notebook = _synthetic_notebook()
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()  # full solutions
    assert "✅" in _text(notebook.cells[3].outputs[0])
    nbformat.write(notebook, source / "01_counting.ipynb")
    (source / "figure.png").write_bytes(b"\x89PNG")
    assert make_student.build(source, target) == {"01_counting.ipynb": 2}
    assert (target / "figure.png").exists()
    assert_no_solution_survives(source / "01_counting.ipynb", target / "01_counting.ipynb")
    assert assert_runs_with_only_stub_errors(target / "01_counting.ipynb") == 1


def test_a_later_cell_that_uses_the_students_function_is_caught(tmp_path):
    notebook = _synthetic_notebook()
    notebook.cells.append(v4.new_code_cell("my_cooccurrence([np.arange(3)], 3, 1)"))
    nbformat.write(make_student.student_notebook(notebook)[0], tmp_path / "01_x.ipynb")
    with pytest.raises(AssertionError, match="calls a student's unfinished function"):
        assert_runs_with_only_stub_errors(tmp_path / "01_x.ipynb")


@pytest.fixture(scope="module")
def student_edition(tmp_path_factory):
    target = tmp_path_factory.mktemp("student")
    make_student.build(ROOT / "notebooks", target)
    return target


@pytest.mark.parametrize("original", WITH_SOLUTIONS, ids=lambda p: p.name)
def test_committed_notebooks_lose_their_solutions(original, student_edition):
    assert_no_solution_survives(original, student_edition / original.name)


@pytest.mark.parametrize("original", WITH_SOLUTIONS, ids=lambda p: p.name)
def test_committed_student_notebooks_run_top_to_bottom(original, student_edition):
    checks = len(re.findall(r"checks\.check_\w+\(", original.read_text(encoding="utf-8")))
    assert assert_runs_with_only_stub_errors(student_edition / original.name) == checks

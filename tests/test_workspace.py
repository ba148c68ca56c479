"""The student's workspace (`make workspace`, tools/make_workspace.py): a student's edits are
never lost, neither to a second `make workspace` nor to an update of the course."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


make_student = _load("make_student")
make_workspace = _load("make_workspace")


def _student_edition(tmp_path: Path) -> Path:
    edition = tmp_path / "build" / "student"
    make_student.build(ROOT / "notebooks", edition)
    return edition


def _edit(path: Path, text: str) -> None:
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell(text))
    nbformat.write(notebook, path)


def test_first_run_copies_the_whole_student_edition(tmp_path):
    edition = _student_edition(tmp_path)
    workspace = tmp_path / "my-notebooks"
    report = make_workspace.update(edition, workspace)
    names = sorted(p.name for p in edition.glob("*.ipynb"))
    assert names and sorted(p.name for p in workspace.glob("*.ipynb")) == names
    assert all(line.startswith("added") for line in report) and len(report) == len(names)
    for name in names:  # the copy is the student edition: no solutions
        assert "BEGIN SOLUTION" not in (workspace / name).read_text(encoding="utf-8")


def test_a_students_edits_survive_another_run_and_a_course_update(tmp_path):
    edition = _student_edition(tmp_path)
    workspace = tmp_path / "my-notebooks"
    make_workspace.update(edition, workspace)
    first, second = sorted(workspace.glob("*.ipynb"))[:2]
    _edit(first, "my answer to Q1: PMI is negative when ...")
    mine = first.read_bytes()

    assert make_workspace.update(edition, workspace) == []  # nothing to say, nothing touched
    assert first.read_bytes() == mine

    # The course changes the notebook the student edited: named, and the copy is left alone.
    _edit(edition / first.name, "A new section the course added")
    report = make_workspace.update(edition, workspace)
    assert len(report) == 1 and report[0].startswith("changed") and first.name in report[0]
    assert first.read_bytes() == mine
    assert make_workspace.update(edition, workspace) == report  # it keeps saying so

    # A notebook the student deleted comes back; one the course adds is added.
    second.unlink()
    (edition / "99_new.ipynb").write_bytes((edition / first.name).read_bytes())
    report = make_workspace.update(edition, workspace)
    assert any(second.name in line and line.startswith("added") for line in report)
    assert any("99_new.ipynb" in line and line.startswith("added") for line in report)
    assert first.read_bytes() == mine


def test_re_executing_the_course_is_not_a_change(tmp_path):
    edition = _student_edition(tmp_path)
    workspace = tmp_path / "my-notebooks"
    make_workspace.update(edition, workspace)
    path = sorted(edition.glob("*.ipynb"))[0]
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = 99
            cell["outputs"] = []
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert make_workspace.update(edition, workspace) == []


def test_a_file_the_student_made_is_never_replaced(tmp_path):
    edition = _student_edition(tmp_path)
    workspace = tmp_path / "my-notebooks"
    workspace.mkdir()
    name = sorted(edition.glob("*.ipynb"))[0].name
    (workspace / name).write_text("my own notes", encoding="utf-8")
    report = make_workspace.update(edition, workspace)
    assert (workspace / name).read_text(encoding="utf-8") == "my own notes"
    assert any(line.startswith("kept") and name in line for line in report)


def test_the_command_line_says_what_is_missing(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_workspace.py"), str(tmp_path / "none")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "make student" in result.stderr


def test_the_workspace_is_git_ignored_and_make_lab_opens_it():
    assert "my-notebooks/" in (ROOT / ".gitignore").read_text().splitlines()
    makefile = (ROOT / "Makefile").read_text()
    lab = makefile.split("\nlab:")[1].split("\n\n")[0]
    assert "workspace" in lab and "my-notebooks" in lab

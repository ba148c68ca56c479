"""Rules that keep strict nbval honest: it silently skips unexecuted cells, and a tag can switch
any comparison off, so the committed notebooks are checked here."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
IGNORE_TAGS = {"nbval-ignore-output", "nbval-skip"}
MAX_IGNORED_FRACTION = 0.15


def code_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def test_notebooks_exist_and_are_numbered():
    names = [p.name for p in NOTEBOOKS]
    assert names, "no notebooks found"
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", n) for n in names), names
    numbers = [int(n[:2]) for n in names]
    assert numbers == list(range(1, len(numbers) + 1)), f"gaps in the numbering: {names}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_code_cell_was_executed_in_order(path):
    counts = [c["execution_count"] for c in code_cells(path)]
    missing = [i for i, n in enumerate(counts) if n is None]
    assert not missing, f"{path.name}: code cells {missing} were never executed (nbval skips them)"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts} are not 1, 2, 3, ...: "
        "re-run it with Restart & Run All (make notebooks)"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_few_cells_ignore_their_output(path):
    cells = code_cells(path)
    ignored = [i for i, c in enumerate(cells) if tags(c) & IGNORE_TAGS]
    assert len(ignored) <= MAX_IGNORED_FRACTION * len(cells), (
        f"{path.name}: {len(ignored)} of {len(cells)} code cells skip the output comparison"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_unexpected_errors_or_machine_specific_output(path):
    for i, cell in enumerate(code_cells(path)):
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                assert "raises-exception" in tags(cell), f"{path.name} cell {i}: stored error"
            text = "".join(output.get("text", "")) + "".join(
                output.get("data", {}).get("text/plain", "")
            )
            assert not re.search(r"(?<![\w.:/])/(?:[\w.-]+/){2,}", text), (
                f"{path.name} cell {i}: output shows an absolute path"
            )
            assert output.get("name") != "stderr" or tags(cell) & IGNORE_TAGS, (
                f"{path.name} cell {i}: writes to stderr (warnings differ between machines)"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_solution_markers_are_balanced(path):
    for i, cell in enumerate(code_cells(path)):
        lines = [line.strip() for line in "".join(cell["source"]).splitlines()]
        begins = [n for n, line in enumerate(lines) if line == "# BEGIN SOLUTION"]
        ends = [n for n, line in enumerate(lines) if line == "# END SOLUTION"]
        assert len(begins) == len(ends), f"{path.name} cell {i}: unbalanced solution markers"
        assert all(b < e for b, e in zip(begins, ends, strict=True))


def _outputs_and_markdown_06():
    """Notebook 06's cells as (markdown text, the stored text output of the next code cells)."""
    path = next(path for path in NOTEBOOKS if path.name == "06_matrix_calculus_gradcheck.ipynb")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = {}
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            text[index] = "".join(
                "".join(output.get("text", ""))
                + "".join(output.get("data", {}).get("text/plain", ""))
                for output in cell.get("outputs", [])
            )
    return cells, text


def test_numbers_quoted_in_06_appear_in_its_outputs():
    """Each number 06's prose quotes (issue 13, item 15: rounding noise and gradcheck's noise
    level; section 12's step-size figures) is printed by the cell it describes."""
    cells, outputs = _outputs_and_markdown_06()
    everything = "\n".join(outputs.values())
    quoted = [
        ("|L| = 7.81", "|L| = 7.81"),
        ("$1.7 \\times 10^{-9}$", "rounding noise ≈ 1.7e-09"),
        ("$1.7 \\times 10^{-7}$", "gradcheck allows 1.7e-07"),
        ("2.2 \\times 10^{-10}\\,|L|", "ε_machine / ε = 2.2e-10"),
        ("$1.2 \\times 10^{-1}\\,|f|$ in float32", "float32: ε_machine = 1.2e-07, / ε = 1.2e-01"),
        ("off by about $5 \\times 10^{-7}$", "forward, float64: about 5e-07"),
        ("at least 50 times worse", "centred, float64: below 1e-8: True"),
        ("more than 1 % wrong", "centred, float32: above 1e-2: True"),
        ("relative error exactly\n1", "max relative error 1 at"),
        ("a wrong sign gives 2", "max relative error 2 at"),
        ("a factor of 2\ngives 0.5", "max relative error 0.5 at"),
    ]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for phrase, printed in quoted:
        assert phrase in markdown, f"06 no longer says {phrase!r}: update this test"
        assert printed in everything, f"06 says {phrase!r} but no output shows {printed!r}"


# ---- 04-05 (the 04-05 engineer's block) -------------------------------------------------------


def _numbers_quoted_near(path: Path, quotes: dict[str, list[str]], before=12, after=2) -> None:
    """Each number quoted in the markdown cell holding ``anchor`` appears in the stored outputs
    of the ``before`` cells above it or the ``after`` cells below it."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for anchor, numbers in quotes.items():
        index = next(
            i
            for i, c in enumerate(cells)
            if c["cell_type"] == "markdown" and anchor in "".join(c["source"])
        )
        prose = "".join(cells[index]["source"])
        shown = "".join(
            "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
            for c in cells[max(0, index - before) : index + after + 1]
            if c["cell_type"] == "code"
            for o in c.get("outputs", [])
        )
        for number in numbers:
            assert number in prose, f"{path.name}: {number!r} is no longer quoted at {anchor!r}"
            assert number in shown, f"{path.name}: {number!r} ({anchor!r}) is in no output nearby"


def test_numbers_quoted_in_04_appear_in_its_outputs():
    path = next(p for p in NOTEBOOKS if p.name.startswith("04_"))
    _numbers_quoted_near(
        path,
        {
            "The package does not compute": ["709.78", "88.72"],
            "Mind the unit": ["2.43"],
            "The optimum of the softmax objective": ["1.833", "0.190", "0.096", "0.590"],
            "The count says": ["1.15", "3.2 hours"],
        },
    )


def test_numbers_quoted_in_05_appear_in_its_outputs():
    path = next(p for p in NOTEBOOKS if p.name.startswith("05_"))
    _numbers_quoted_near(
        path,
        {
            "Part of the speed-up is the algorithm": ["1,506"],
            "is nowhere near 1": ["2.507"],
            "## 6 · Subsampling": ["2.618"],
        },
    )

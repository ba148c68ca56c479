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


# (a phrase of a markdown cell of notebook 07, how many code cells above it to read, the
# numbers it quotes): each number must appear in the stored outputs of those cells.
QUOTED_07 = [
    ("Each wrong answer wins through **one** term", 2,
     ["0.532", "0.422", "0.511", "0.228", "365", "385", "19", "0.246", "elizabeth"]),
    ("In total the offset helps", 1,
     ["0.068", "0.039", "0.050", "0.087", "0.091", "0.042", "0.020", "0.143", "0.022"]),
    ("Here the two do not go together", 2,
     ["-0.3", "0.175", "0.082", "0.053", "0.043", "-0.050", "0.475", "0.525"]),
    ("### Reading the table", 25,
     ["0.44 [0.39–0.51]", "0.38 [0.35–0.40]", "0.48 [0.46–0.49]", "0.28", "0.21", "0.25",
      "0.088", "0.029", "0.032", "0.164", "0.234", "0.242", "0.204", "0.254", "0.289", "0.596",
      "0.199", "-0.11", "121", "253", "1,912", "0.47",
      "0.58", "0.53", "0.043", "0.053"]),
    ("The analogies grow with the corpus", 1,
     ["550", "0.045", "0.058", "0.160", "43", "93", "0.301", "0.332", "0.252"]),
    ("Between two seeds the PPMI + SVD vectors keep", 1,
     ["0.72", "0.58", "0.34", "0.27", "wolves"]),
    ("All six effect sizes are positive", 1,
     ["+0.29", "+1.05", "+1.00", "27 of 32 words", "salary", "cousins", "wedding", "hers"]),
]  # fmt: skip


@pytest.mark.parametrize(("phrase", "lookback", "numbers"), QUOTED_07, ids=lambda x: str(x)[:30])
def test_numbers_quoted_in_07_appear_in_its_outputs(phrase, lookback, numbers):
    path = next(p for p in NOTEBOOKS if p.name.startswith("07_"))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    where = [i for i, c in enumerate(cells)
             if c["cell_type"] == "markdown" and phrase in "".join(c["source"])]  # fmt: skip
    assert len(where) == 1, f"{phrase!r} is in {len(where)} markdown cells"
    above = [c for c in cells[: where[0]] if c["cell_type"] == "code"][-lookback:]
    printed = "".join(
        "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
        for c in above
        for o in c.get("outputs", [])
    )
    prose = "".join(cells[where[0]]["source"]).replace("−", "-")
    for number in numbers:
        assert number in prose.replace("\n", " ") or number in prose, (phrase, number, "prose")
        assert number in printed, f"{phrase!r} quotes {number}, not in the outputs above it"

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
            "The speed-up is of the order of the count above": ["1,506"],
            "is nowhere near 1": ["2.507"],
            "## 6 · Subsampling": ["2.618"],
        },
    )


def _count_group_text(name: str) -> tuple[str, str]:
    """(all markdown, all stored text outputs) of one of notebooks 01-03."""
    path = Path(__file__).resolve().parents[1] / "notebooks" / name
    notebook = json.loads(path.read_text(encoding="utf-8"))
    prose, outputs = [], []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            prose.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            outputs.append("".join(output.get("text", "")))
            outputs.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(prose), "\n".join(outputs)


@pytest.mark.parametrize(
    ("prose_quote", "output_quote"),
    [
        ("*italy* (0.89)", "france – italy   raw-count cosine 0.89"),
        ("*water* (0.87)", "france – water   raw-count cosine 0.87"),
        ("*water* (0.85)", "music – water   raw-count cosine 0.85"),
        ("*poetry* (0.66)", "music – poetry  raw-count cosine 0.66"),
        ("between 0.65 and 0.87", "0.65"),
    ],
)
def test_numbers_quoted_in_01_appear_in_its_outputs(prose_quote, output_quote):
    prose, outputs = _count_group_text("01_cooccurrence.ipynb")
    assert prose_quote in prose and output_quote in outputs


def test_numbers_quoted_in_02_appear_in_its_outputs():
    prose, outputs = _count_group_text("02_pmi_ppmi.ipynb")
    assert "*the the* 2,394 times" in prose
    assert re.search(r"the the\s+seen\s+2394", outputs)


@pytest.mark.parametrize(
    ("prose_quote", "output_quote"),
    [
        ("$\\sigma_3 = 0.090$", "rank 2: ‖PPMI - T_k C_kᵀ‖ = 0.090"),
        ("= 0.658$", "rank 1: ‖PPMI - T_k C_kᵀ‖ = 0.658   √(sum of dropped σ²) = 0.658"),
        ("share 11 of 25 neighbours", "PPMI and SVD share 11 of 25 neighbours"),
        ("0.033 under PPMI and 0.063 under SVD", "PPMI 0.033, SVD 0.063"),
        ("from 0.16 to 0.60", "france / germany   PPMI 0.16 (beats 99.87%)   SVD 0.60"),
        ("one positive eigenvalue (0.742)", "[ 0.742 -0.09  -0.652]"),
        ("(−0.09 and\n−0.652)", "component 3: σ = 0.090   V column = -U column"),
    ],
)
def test_numbers_quoted_in_03_appear_in_its_outputs(prose_quote, output_quote):
    prose, outputs = _count_group_text("03_ppmi_svd.ipynb")
    assert prose_quote in prose and output_quote in outputs


def test_window_numbers_quoted_in_03_appear_in_its_outputs():
    prose, outputs = _count_group_text("03_ppmi_svd.ipynb")
    for quote, output in [
        ("+0.209 (0.305 → 0.514)", "WordSim-353: ρ changes by +0.209 from m = 2 to m = 5"),
        ("[+0.106, +0.301]", "95% interval [+0.106, +0.301]"),
        ("−0.018 (0.229 → 0.211)", "SimLex-999: ρ changes by -0.018"),
        ("from −0.086 to +0.044", "95% interval [-0.086, +0.044]"),
        ("0.305 → 0.514", "m = 2  WordSim-353: SVD ρ 0.305"),
        ("0.305 → 0.514", "m = 5  WordSim-353: SVD ρ 0.514"),
        ("0.229 → 0.211", "m = 2  SimLex-999: SVD ρ 0.229"),
        ("0.229 → 0.211", "m = 5  SimLex-999: SVD ρ 0.211"),
        ("0.278 → 0.405", "PPMI rows alone 0.405"),
        ("0.203 → 0.197", "PPMI rows alone 0.197"),
    ]:
        assert quote in prose, quote
        assert output in outputs, output


def test_svd_convergence_numbers_quoted_in_03_appear_in_its_outputs():
    prose, outputs = _count_group_text("03_ppmi_svd.ipynb")
    for quote, output in [
        ("$\\sigma_{100} = 84.09$", "σ_99, σ_100, σ_101: [84.25 84.09 83.96]"),
        ("$\\sigma_{99} = 84.25$", "σ_99, σ_100, σ_101: [84.25 84.09 83.96]"),
        ("$\\sigma_{101} = 83.96$", "σ_99, σ_100, σ_101: [84.25 84.09 83.96]"),
        ("agrees with the seed-0 run", "same top 100 components as the seed-0 run: True"),
        ("ARPACK gives 0.514 for any seed", "ARPACK (any seed)            σ_100 = 84.09 (+0.0%)"),
        ("0.514 for any seed", "WordSim-353 ρ 0.514"),
        ("6.2–6.6% too low", "randomized, 4 it., seed 1    σ_100 = 78.54 (-6.6%)"),
        ("6.2–6.6% too low", "randomized, 4 it., seed 2    σ_100 = 78.84 (-6.2%)"),
        ("0.493, 0.529, 0.537", "seed 0    σ_100 = 78.60 (-6.5%)   WordSim-353 ρ 0.493"),
        ("0.493, 0.529, 0.537", "seed 1    σ_100 = 78.54 (-6.6%)   WordSim-353 ρ 0.529"),
        ("0.493, 0.529, 0.537", "seed 2    σ_100 = 78.84 (-6.2%)   WordSim-353 ρ 0.537"),
        ("within 1.1–1.2% of ARPACK's", "16 it., seed 0   σ_100 = 83.16 (-1.1%)"),
        ("within 1.1–1.2% of ARPACK's", "16 it., seed 1   σ_100 = 83.10 (-1.2%)"),
        ("(0.510 and 0.530)", "16 it., seed 0   σ_100 = 83.16 (-1.1%)   WordSim-353 ρ 0.510"),
        ("(0.510 and 0.530)", "16 it., seed 1   σ_100 = 83.10 (-1.2%)   WordSim-353 ρ 0.530"),
        ("6.5% low with 4 iterations", "(-6.5%)"),
    ]:
        assert quote in prose, quote
        assert output in outputs, output


# (a phrase of a markdown cell of notebook 07, how many code cells above it to read, the
# numbers it quotes): each number must appear in the stored outputs of those cells.
QUOTED_07 = [
    ("The vectors order *stock – phone* last", 1, ["0.471", "0.318"]),
    ("on WordSim-353 and 0.211 on SimLex-999", 1, ["0.514", "0.211"]),
    ("Each wrong answer wins through **one** term", 2,
     ["0.537", "0.559", "0.227", "0.013", "0.609", "0.054", "116", "103", "19", "0.285",
      "elizabeth", "stampede"]),
    ("Without the exclusion, 3CosAdd returns", 1, ["0.075", "0.005"]),
    ("In total the offset helps", 1,
     ["0.075", "0.056", "0.060", "0.130", "0.115", "0.083", "0.027", "0.071", "0.016", "0.091",
      "0.045"]),
    ("is barely above a coin flip", 1, ["0.540", "0.45", "0.6"]),
    ("Here the two do not go together", 2,
     ["-0.125", "0.175", "0.056", "0.026", "0.043", "+0.015", "0.540", "0.525"]),
    ("Here the vectors matter.", 1,
     ["0.433", "0.496", "0.162", "470", "18", "53%", "+0.037", "0.018", "+0.064", "0.031"]),
    ("### Reading the table", 25,
     ["0.44 [0.39–0.51]", "0.37", "0.48 [0.46–0.49]", "0.29", "0.21", "0.25",
      "0.096", "0.029", "0.032", "0.53 [0.52–0.55]", "0.56 [0.54–0.57]", "0.50", "0.46",
      "0.43", "0.16", "0.018", "0.031", "0.164", "0.234", "0.242", "0.204", "0.252", "0.289",
      "0.604", "0.199", "-0.11", "121", "253", "1,912", "0.47", "0.58", "0.53", "0.026",
      "0.043"]),
    ("The analogies grow with the corpus", 1,
     ["550", "0.047", "0.065", "0.176", "43", "93", "0.204", "0.322", "0.359", "0.184",
      "0.240", "0.229"]),
    ("Between two seeds SGNS keeps only", 1,
     ["0.34", "0.27", "wolves", "True", "6.2%", "6.6%", "0.73", "0.75", "0.63", "0.65"]),
    ("All four effect sizes are positive", 1,
     ["+0.29", "+1.00", "+0.93", "0.042", "0.031", "27 of 32 words", "salary", "cousins",
      "wedding", "hers"]),
]  # fmt: skip


def _numbers_quoted_after_code(prefix: str, phrase: str, lookback: int, numbers: list[str]):
    """The markdown cell of notebook ``prefix`` holding ``phrase`` quotes each of ``numbers``,
    and each appears in the stored outputs of the ``lookback`` code cells above it."""
    path = next(p for p in NOTEBOOKS if p.name.startswith(prefix))
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
    prose = " ".join("".join(cells[where[0]]["source"]).replace("−", "-").split())
    for number in numbers:
        assert number in prose, (phrase, number, "not in the prose")
        assert number in printed, f"{phrase!r} quotes {number}, not in the outputs above it"


@pytest.mark.parametrize(("phrase", "lookback", "numbers"), QUOTED_07, ids=lambda x: str(x)[:30])
def test_numbers_quoted_in_07_appear_in_its_outputs(phrase, lookback, numbers):
    _numbers_quoted_after_code("07_", phrase, lookback, numbers)


# (a phrase of a markdown cell of notebook 09, how many code cells above it to read, the
# numbers it quotes): each number must appear in the prose and in the stored outputs of
# those cells.
QUOTED_09 = [
    ("The grid finds the minimum where the formula puts it", 1, ["-0.511"]),
    ("Subsampling and the dynamic window leave less than half", 1,
     ["1,932,992", "4,255,240", "1,976,933", "1,464,647"]),
    ("The theory describes SGNS well where it has the data", 3,
     ["32,819", "0.860", "3,440", "0.911", "0.076", "117", "0.794", "0.310", "0.447",
      "511,796", "0.289", "1,428,761", "1.600", "0.142", "0.063", "0.010"]),
    ("The three are close.", 1,
     ["0.597", "0.537", "0.502", "0.527", "0.492", "0.143", "0.235"]),
    ("On the development halves plain PPMI + SVD (the baseline row)", 1,
     ["+0.022", "0.022", "-0.009", "-0.015", "-0.023", "-0.079", "0.042", "-0.035", "0.040",
      "0.603", "0.613", "0.035", "-0.024", "0.026"]),
    ("What the table and the chart show", 2,
     ["-0.108", "0.339", "0.445", "0.537", "0.492", "0.447", "0.284", "0.207", "0.241",
      "0.076", "0.070", "0.021", "1,912", "0.162", "0.433", "0.547", "0.535 ± 0.032",
      "0.460 ± 0.022", "0.547 ± 0.015", "0.496 ± 0.037", "0.605 ± 0.051", "0.580 ± 0.041",
      "0.535 ± 0.114", "0.470", "0.605", "0.114", "0.248", "0.104"]),
]  # fmt: skip


@pytest.mark.parametrize(("phrase", "lookback", "numbers"), QUOTED_09, ids=lambda x: str(x)[:30])
def test_numbers_quoted_in_09_appear_in_its_outputs(phrase, lookback, numbers):
    _numbers_quoted_after_code("09_", phrase, lookback, numbers)

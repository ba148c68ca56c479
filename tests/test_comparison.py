"""The final comparison of notebook 09: notebook 07's halves and folds, every score recomputed
with the function that defines it, random vectors at the baselines, errors, table and chart."""

from __future__ import annotations

import json
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
import scipy.sparse as sp

from wordvec_helpers import datasets
from wordvec_helpers.comparison import (
    EVALUATIONS,
    ComparisonTable,
    benchmark_splits,
    compare_methods,
)
from wordvec_helpers.evaluation import (
    cross_validate,
    evaluate_analogies,
    evaluate_similarity,
    sentence_vectors,
    split_benchmark,
    stratified_folds,
)
from wordvec_helpers.word_categories import evaluate_word_categories

NOTEBOOK_07 = Path(__file__).resolve().parent.parent / "notebooks" / "07_evaluation.ipynb"


def _benchmark_words() -> list[str]:
    """Every word of the three benchmarks, lower-cased: a small vocabulary that covers them."""
    words = {w.lower() for pairs in (datasets.wordsim353(), datasets.simlex999())
             for a, b, _ in pairs for w in (a, b)}  # fmt: skip
    words |= {w.lower() for rows in datasets.google_analogies().values() for q in rows for w in q}
    return sorted(words)


@pytest.fixture(scope="module")
def words():
    return _benchmark_words()


@pytest.fixture(scope="module")
def random_table(words):
    vectors = np.random.default_rng(5).standard_normal((len(words), 20))
    return vectors, compare_methods({"random": vectors}, words)


# --------------------------------------------------------------------------- notebook 07's split


def test_the_splits_and_folds_equal_notebook_07s():
    """Run 07's own cells and compare: the oracle is the notebook itself.

    Run: the setup cell, every cell before the split that uses ``rng`` (each draw moves the
    generator on, so none may be left out), and the cells that load what they use.
    """
    cells = [c for c in json.loads(NOTEBOOK_07.read_text())["cells"] if c["cell_type"] == "code"]
    sources = ["".join(c["source"]) for c in cells]
    last = next(i for i, s in enumerate(sources) if "split_benchmark(ws353" in s)
    loads = ("wikipedia_sample()", "wordsim353()", "google_analogies()", "movie_polarity()",
             "X = sentence_vectors(")  # fmt: skip
    chosen = [0] + [
        i
        for i, source in enumerate(sources[1 : last + 1], start=1)
        if re.search(r"\brng\b", source) or any(load in source for load in loads)
    ]
    assert len([i for i in chosen if re.search(r"\brng\b", sources[i])]) >= 3
    namespace: dict = {}
    for i in chosen:
        exec(compile(sources[i], f"07, code cell {i}", "exec"), namespace)  # noqa: S102
        plt.close("all")
    splits = benchmark_splits(namespace["vocab"], seed=namespace["SEED"])
    assert splits.wordsim353 == (namespace["ws_dev"], namespace["ws_test"])
    assert splits.simlex999 == (namespace["simlex_dev"], namespace["simlex_test"])
    assert splits.analogies == (namespace["questions_dev"], namespace["questions_test"])
    assert len(splits.polarity_folds) == len(namespace["folds"]) == 5
    for mine, theirs in zip(splits.polarity_folds, namespace["folds"], strict=True):
        np.testing.assert_array_equal(mine, theirs)


def test_splits_follow_07s_order_of_draws(words):
    rng = np.random.default_rng(3)
    rng.standard_normal(100)
    _, labels = datasets.movie_polarity()
    folds = stratified_folds(labels, k=5, rng=rng)
    ws = split_benchmark(datasets.wordsim353(), words, rng=rng)
    splits = benchmark_splits(words, seed=3)
    assert splits.wordsim353 == ws
    assert all(np.array_equal(a, b) for a, b in zip(splits.polarity_folds, folds, strict=True))
    assert splits.half("development")[0] == ws[0] and splits.half("test")[0] == ws[1]
    assert "WordSim-353 176 + 177" in repr(splits)


# --------------------------------------------------------------------------- the scores


def test_every_score_is_the_function_that_defines_it(words, random_table):
    vectors, table = random_table
    splits = benchmark_splits(words)
    ws_test, simlex_test, questions_test = splits.half("test")
    sentences, labels = datasets.movie_polarity()
    polarity = cross_validate(
        sentence_vectors(sentences, vectors, words), labels, splits.polarity_folds, l2=0.1
    )
    categories = evaluate_word_categories(vectors, words, folds=5, seed=0)
    expected = {
        "WordSim-353 ρ": evaluate_similarity(vectors, words, ws_test).spearman,
        "SimLex-999 ρ": evaluate_similarity(vectors, words, simlex_test).spearman,
        "3CosAdd": evaluate_analogies(vectors, words, questions_test).accuracy,
        "3CosMul": evaluate_analogies(vectors, words, questions_test, "3cosmul").accuracy,
        "word categories": categories.accuracy,
        "polarity": polarity.mean,
    }
    assert table.columns == EVALUATIONS and table.methods == ["random"]
    assert table.scores["random"] == pytest.approx(expected, abs=1e-12)
    assert table.spread["random"]["word categories"] == pytest.approx(categories.std)
    assert table.spread["random"]["polarity"] == pytest.approx(polarity.std)
    assert table.spread["random"]["WordSim-353 ρ"] is None
    assert table.baselines["word categories"] == pytest.approx(categories.majority)
    assert table.baselines["polarity"] == 0.5  # 100 positive, 100 negative sentences
    assert table.items["WordSim-353 ρ"] == f"{len(ws_test)} pairs"


def test_random_vectors_score_near_the_baselines(random_table):
    _, table = random_table
    scores = table.scores["random"]
    assert abs(scores["WordSim-353 ρ"]) < 0.2 and abs(scores["SimLex-999 ρ"]) < 0.15
    assert scores["3CosAdd"] < 0.01 and scores["3CosMul"] < 0.01
    assert scores["word categories"] < table.baselines["word categories"] + 0.08
    assert abs(scores["polarity"] - 0.5) < 0.12


def test_planted_meaning_beats_random(words):
    """Vectors that know the human scores (the pair's words share a direction in proportion
    to it) score higher than random ones: the table ranks what it should."""
    rng = np.random.default_rng(0)
    index = {w: i for i, w in enumerate(words)}
    vectors = rng.standard_normal((len(words), 40))
    for a, b, score in datasets.wordsim353():
        i, j = index[a.lower()], index[b.lower()]
        vectors[j] += (score / 10) ** 2 * 3 * vectors[i]
    table = compare_methods(
        {"planted": vectors, "random": rng.standard_normal(vectors.shape)},
        words,
        evaluations=["WordSim-353 ρ"],
    )
    assert table.columns == ("WordSim-353 ρ",)
    assert table.best("WordSim-353 ρ") == "planted"
    assert table.scores["planted"]["WordSim-353 ρ"] > 0.3


def test_several_runs_give_the_mean_and_the_spread_over_runs(words):
    rng = np.random.default_rng(1)
    runs = [rng.standard_normal((len(words), 10)) for _ in range(3)]
    columns = ["SimLex-999 ρ", "polarity"]
    table = compare_methods({"seeds": runs}, words, evaluations=columns)
    one = [compare_methods({"one": r}, words, evaluations=columns).scores["one"] for r in runs]
    for column in columns:
        values = [s[column] for s in one]
        assert table.scores["seeds"][column] == pytest.approx(np.mean(values))
        assert table.spread["seeds"][column] == pytest.approx(np.std(values, ddof=1))
    assert table.runs == {"seeds": 3} and "seeds (3 runs)" in str(table)


def test_development_half_and_sparse_vectors(words):
    rng = np.random.default_rng(2)
    dense = rng.random((len(words), 12)) * (rng.random((len(words), 12)) < 0.3)
    columns = ["WordSim-353 ρ", "3CosAdd"]
    development = compare_methods(
        {"dense": dense, "sparse": sp.csr_matrix(dense)},
        words,
        half="development",
        evaluations=columns,
    )
    ws_dev = benchmark_splits(words).wordsim353[0]
    assert development.scores["dense"]["WordSim-353 ρ"] == pytest.approx(
        evaluate_similarity(dense, words, ws_dev).spearman
    )
    assert development.scores["sparse"] == pytest.approx(development.scores["dense"])
    assert "development halves" in str(development)


# --------------------------------------------------------------------------- bad input


def test_wrong_number_of_rows_names_the_method_its_shape_and_V(words):
    good = np.zeros((len(words), 5))
    with pytest.raises(ValueError, match=r"vectors_by_method\['SGNS'\] has shape \(12, 5\).*"
                                         rf"\|V\| = {len(words):,}"):  # fmt: skip
        compare_methods({"PPMI": good, "SGNS": np.ones((12, 5))}, words)
    with pytest.raises(ValueError, match=r"vectors_by_method\['GloVe'\]\[1\] has shape"):
        compare_methods({"GloVe": [good, good.T]}, words)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"vectors_by_method": {}}, TypeError, "non-empty dict"),
        ({"vectors_by_method": [np.zeros((3, 2))]}, TypeError, "non-empty dict"),
        ({"vectors_by_method": {1: "x"}}, TypeError, "method names must be strings"),
        ({"vectors_by_method": {"m": []}}, ValueError, r"vectors_by_method\['m'\] is an empty"),
        ({"evaluations": ["WS-353"]}, ValueError, "names from EVALUATIONS"),
        ({"evaluations": "polarity"}, TypeError, "sequence of names"),
        ({"half": "dev"}, ValueError, "half must be 'test' or 'development', got 'dev'"),
        ({"splits": "07"}, TypeError, "splits must come from benchmark_splits"),
        ({"vocab": "the cat"}, TypeError, "vocab must be a Vocabulary or a list of words"),
    ],
)
def test_bad_arguments_are_named(words, arguments, error, message):
    call = {"vectors_by_method": {"m": np.ones((len(words), 3))}, "vocab": words, **arguments}
    with pytest.raises(error, match=message):
        compare_methods(call.pop("vectors_by_method"), call.pop("vocab"), **call)


def test_nan_vectors_and_bad_seed_are_named(words):
    vectors = np.ones((len(words), 3))
    vectors[4, 1] = np.nan
    with pytest.raises(ValueError, match=r"vectors_by_method\['SGNS'\] contains NaN"):
        compare_methods({"SGNS": vectors}, words)
    with pytest.raises(ValueError, match="seed must be a non-negative integer, got -1"):
        benchmark_splits(words, seed=-1)


# --------------------------------------------------------------------------- table and chart


def _table():
    return ComparisonTable(
        methods=["raw counts", "SGNS"],
        columns=("WordSim-353 ρ", "polarity"),
        scores={
            "raw counts": {"WordSim-353 ρ": -0.00004, "polarity": 0.47},
            "SGNS": {"WordSim-353 ρ": 0.4567, "polarity": 0.5812},
        },
        spread={
            "raw counts": {"WordSim-353 ρ": None, "polarity": 0.078},
            "SGNS": {"WordSim-353 ρ": 0.0123, "polarity": 0.04},
        },
        runs={"raw counts": 1, "SGNS": 3},
        baselines={"WordSim-353 ρ": 0.0, "polarity": 0.5},
        items={"WordSim-353 ρ": "121 pairs", "polarity": "200 sentences"},
    )


def test_the_table_prints_aligned_at_three_decimals_without_minus_zero():
    text = str(_table())
    lines = text.splitlines()
    assert lines[0].split() == ["WordSim-353", "ρ", "polarity"]
    assert lines[1].split() == ["raw", "counts", "0.000", "0.470", "±", "0.078"]
    assert lines[2].split() == [
        "SGNS",
        "(3",
        "runs)",
        "0.457",
        "±",
        "0.012",
        "0.581",
        "±",
        "0.040",
    ]
    assert lines[3].startswith("chance / majority")
    assert len({len(line) for line in lines[:4]}) == 1  # aligned: every row equally wide
    assert "-0.000" not in text and "121 pairs" in text and "200 sentences" in text
    assert all(len(line) <= 99 for line in lines)
    assert repr(_table()) == text
    markdown = _table()._repr_markdown_()
    assert markdown.startswith("| method | WordSim-353 ρ | polarity |")
    assert "| SGNS (3 runs) | 0.457 ± 0.012 | 0.581 ± 0.040 |" in markdown
    assert _table().best("polarity") == "SGNS"
    with pytest.raises(KeyError, match="unknown column '3CosAdd'"):
        _table().best("3CosAdd")


def test_the_chart_has_a_title_axis_labels_a_legend_and_the_baselines():
    fig, ax = plt.subplots()
    assert _table().plot(ax=ax) is ax
    assert ax.get_title() and ax.get_ylabel() and ax.get_xlabel()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["WordSim-353 ρ", "polarity"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sorted(legend) == sorted(["chance / majority", "raw counts", "SGNS"])
    baselines = [c for c in ax.collections if c.get_label() == "chance / majority"]
    assert len(baselines) == 1 and len(baselines[0].get_segments()) == 1
    plt.close(fig)
    ax = _table().plot()  # its own figure
    assert ax.get_title() == "Every method on every evaluation"
    plt.close(ax.figure)

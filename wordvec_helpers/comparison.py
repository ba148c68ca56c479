"""The final comparison: every method of the course on every evaluation, one table, one chart.

Each method's target vectors (row i = word i of one shared vocabulary) are scored on

    WordSim-353 ρ, SimLex-999 ρ   Spearman's ρ on the *test* halves of the benchmarks
    3CosAdd, 3CosMul              analogy accuracy on the test half of the Google questions
    word categories               5-fold accuracy of predicting a word's category
    polarity                      5-fold accuracy of predicting a sentence's polarity from
                                  the average of its word vectors (notebook 07's folds)

with the functions notebooks 07 introduces (:mod:`wordvec_helpers.evaluation`,
:mod:`wordvec_helpers.word_categories`). The development halves stay for choosing each
method's configuration (``half="development"``); the test halves are for reporting.

The halves and the polarity folds are exactly notebook 07's, drawn by
:func:`benchmark_splits` from ``np.random.default_rng(seed)`` in 07's order.

Introduced in notebook 09.
"""

from __future__ import annotations

import numbers
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from . import datasets
from ._validation import _show
from .evaluation import (
    cross_validate,
    evaluate_analogies,
    evaluate_similarity,
    sentence_vectors,
    split_benchmark,
    stratified_folds,
)
from .plotting import OKABE_ITO
from .word_categories import evaluate_word_categories

__all__ = [
    "EVALUATIONS",
    "BenchmarkSplits",
    "ComparisonTable",
    "benchmark_splits",
    "compare_methods",
]

EVALUATIONS = (
    "WordSim-353 ρ",
    "SimLex-999 ρ",
    "3CosAdd",
    "3CosMul",
    "word categories",
    "polarity",
)
"""The columns of the final comparison, in order."""

_HALVES = ("test", "development")
_FOLDS = 5  # notebook 07: stratified_folds(labels, k=5, rng=rng)
_L2 = 0.1  # notebook 07: cross_validate(..., l2=0.1)
_NOTEBOOK_07_GRADCHECK_DIM = 100  # notebook 07's w0 = 0.1 * rng.standard_normal(X.shape[1])


# --------------------------------------------------------------------------------------------
# Notebook 07's development / test halves and polarity folds
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchmarkSplits:
    """Development and test halves of the three benchmarks, and the polarity folds.

    wordsim353, simlex999 : (development, test), lists of (word1, word2, score)
    analogies : (development, test), dicts section -> list of (a, b, c, d)
    polarity_folds : list of 5 int arrays, the test sentences of each fold
    """

    wordsim353: tuple[list, list]
    simlex999: tuple[list, list]
    analogies: tuple[dict, dict]
    polarity_folds: list[np.ndarray] = field(repr=False)

    def half(self, which: str) -> tuple[list, list, dict]:
        """WordSim-353, SimLex-999 and analogy items of ``which`` half ("test" or
        "development")."""
        j = _check_half(which) == "test"
        return self.wordsim353[j], self.simlex999[j], self.analogies[j]

    def __repr__(self) -> str:
        sizes = ", ".join(
            f"{name} {len(dev):,} + {len(test):,}"
            for name, (dev, test) in [
                ("WordSim-353", self.wordsim353),
                ("SimLex-999", self.simlex999),
            ]
        )
        dev, test = (sum(map(len, half.values())) for half in self.analogies)
        return (
            f"BenchmarkSplits(development + test: {sizes} pairs, analogies {dev:,} + {test:,} "
            f"questions; polarity: {len(self.polarity_folds)} folds)"
        )


def _check_half(half) -> str:
    if half not in _HALVES:
        raise ValueError(f"half must be 'test' or 'development', got {_show(half)}")
    return half


def benchmark_splits(vocab, *, seed: int = 0) -> BenchmarkSplits:
    """Notebook 07's development/test halves and polarity folds, drawn the way 07 draws them.

    Notebook 07 makes one generator, ``rng = np.random.default_rng(SEED)``, and uses it, in
    order, for

    1. the random start of its logistic-regression gradient check,
       ``w0 = 0.1 * rng.standard_normal(100)`` (d = 100 features);
    2. the polarity folds, ``stratified_folds(labels, k=5, rng=rng)``;
    3. ``split_benchmark(wordsim353, vocab, rng=rng)``, then SimLex-999, then the Google
       analogy questions.

    This function makes the same draws in the same order, so with ``seed=0`` and 07's
    vocabulary (the Wikipedia sample, min_count 5) it returns exactly 07's halves and folds
    (tests/test_comparison.py runs 07's own cells to check it).

    Parameters
    ----------
    vocab : Vocabulary or list of words   only items whose words are all in it are split
    seed : int                            07's SEED

    Returns
    -------
    BenchmarkSplits
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {_show(seed)}")
    rng = np.random.default_rng(seed)
    rng.standard_normal(_NOTEBOOK_07_GRADCHECK_DIM)  # 07's w0: drawn only to keep the order
    _, labels = datasets.movie_polarity()
    folds = stratified_folds(labels, k=_FOLDS, rng=rng)
    wordsim = split_benchmark(datasets.wordsim353(), vocab, rng=rng)
    simlex = split_benchmark(datasets.simlex999(), vocab, rng=rng)
    analogies = split_benchmark(datasets.google_analogies(), vocab, rng=rng)
    return BenchmarkSplits(wordsim, simlex, analogies, folds)


# --------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------


def _number(value: float, digits: int = 3) -> str:
    """``value`` at ``digits`` decimals, never "-0.000"."""
    if value is None or not np.isfinite(value):
        return "—"
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


@dataclass(frozen=True)
class ComparisonTable:
    """Scores of several methods on several evaluations.

    Attributes
    ----------
    methods : list of str                     in the order given
    columns : tuple of str                    evaluations, a sub-sequence of EVALUATIONS
    scores : dict method -> dict column -> float
        ρ for the similarity columns, accuracy (0..1) for the others; with several runs of
        a method (seeds), the mean over the runs
    spread : dict method -> dict column -> float or None
        one run: the sample standard deviation over the 5 folds (word categories, polarity),
        None for the benchmark columns (one score, no spread); several runs: the sample
        standard deviation over the runs, for every column
    runs : dict method -> int                 runs (seeds) per method
    baselines : dict column -> float
        what a method scores with no information: ρ = 0 for similarity, 1/(|V| - 3) (a
        random guess among the candidates) for analogies, the majority class for the two
        classification tasks
    items : dict column -> str                what each column was scored on
    half : "test" or "development"
    """

    methods: list[str]
    columns: tuple[str, ...]
    scores: dict[str, dict[str, float]]
    spread: dict[str, dict[str, float | None]]
    runs: dict[str, int] = field(default_factory=dict)
    baselines: dict[str, float] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)
    half: str = "test"

    def _cell(self, method: str, column: str) -> str:
        text = _number(self.scores[method][column])
        spread = self.spread[method][column]
        return text if spread is None else f"{text} ± {_number(spread)}"

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        labels = [
            m if self.runs.get(m, 1) == 1 else f"{m} ({self.runs[m]} runs)" for m in self.methods
        ]
        rows = [[self._cell(m, c) for c in self.columns] for m in self.methods]
        if self.baselines:
            labels.append("chance / majority")
            rows.append([_number(self.baselines.get(c)) for c in self.columns])
        return labels, rows

    def _footer(self) -> str:
        parts = [f"{c}: {self.items[c]}" for c in self.columns if c in self.items]
        text = f"Scored on the {self.half} halves / cross-validation. " + "; ".join(parts) + "."
        if any(s is not None for row in self.spread.values() for s in row.values()):
            text += (
                " ± : standard deviation over the 5 folds (one run) or over the runs (several)."
            )
        return text

    def __str__(self) -> str:
        labels, rows = self._rows()
        label_width = max(len(label) for label in labels)
        widths = [max(len(c), *(len(row[j]) for row in rows)) for j, c in enumerate(self.columns)]
        lines = [
            " " * label_width
            + "  "
            + "  ".join(c.rjust(w) for c, w in zip(self.columns, widths, strict=True))
        ]
        for label, row in zip(labels, rows, strict=True):
            cells = "  ".join(x.rjust(w) for x, w in zip(row, widths, strict=True))
            lines.append(label.ljust(label_width) + "  " + cells)
        lines += textwrap.wrap(self._footer(), width=99)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        labels, rows = self._rows()
        lines = [
            "| method | " + " | ".join(self.columns) + " |",
            "| --- | " + " | ".join("---:" for _ in self.columns) + " |",
        ]
        lines += [
            f"| {label} | " + " | ".join(row) + " |"
            for label, row in zip(labels, rows, strict=True)
        ]
        return "\n".join(lines) + "\n\n" + self._footer()

    def best(self, column: str) -> str:
        """The method with the highest score on ``column``."""
        if column not in self.columns:
            raise KeyError(f"unknown column {column!r}; columns: {', '.join(self.columns)}")
        return max(self.methods, key=lambda m: self.scores[m][column])

    def plot(self, ax=None):
        """A grouped dot chart: one group per evaluation, one colour per method.

        Error bars show the spread where it is defined; a short dashed black line across each
        group marks its baseline (chance or majority class). Returns the axes.
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(9.0, 3.8))
        n = len(self.methods)
        width = 0.8
        offsets = (np.arange(n) - (n - 1) / 2) * (width / max(n, 1))
        markers = "osD^vP*Xhp"
        for i, method in enumerate(self.methods):
            x = np.arange(len(self.columns)) + offsets[i]
            y = np.array([self.scores[method][c] for c in self.columns])
            err = np.array([self.spread[method][c] or 0.0 for c in self.columns])
            ax.errorbar(
                x,
                y,
                yerr=np.where(err > 0, err, np.nan),
                fmt=markers[(i // len(OKABE_ITO)) % len(markers)],
                color=OKABE_ITO[i % len(OKABE_ITO)],
                markersize=6,
                capsize=2,
                linewidth=1,
                label=method,
            )
        for j, column in enumerate(self.columns):
            if column in self.baselines:
                ax.hlines(
                    self.baselines[column],
                    j - width / 2,
                    j + width / 2,
                    colors="black",
                    linestyles="--",
                    linewidth=1,
                    label="chance / majority" if j == 0 else None,
                )
        ax.set_xticks(np.arange(len(self.columns)), labels=self.columns)
        ax.set_xlim(-0.6, len(self.columns) - 0.4)
        ax.set_ylabel("score (Spearman ρ or accuracy)")
        ax.set_xlabel(f"evaluation ({self.half} halves; the classification tasks by 5-fold CV)")
        ax.set_title("Every method on every evaluation")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        return ax


# --------------------------------------------------------------------------------------------
# compare_methods
# --------------------------------------------------------------------------------------------


def _vocabulary_size(vocab) -> int:
    words = getattr(vocab, "words", vocab)
    if isinstance(words, str) or not isinstance(words, Sequence):
        raise TypeError(
            "vocab must be a Vocabulary or a list of words (row i of every method's vectors is "
            f"the vector of word i), got {type(vocab).__name__}"
        )
    if len(words) < 4:
        raise ValueError(f"vocab must hold at least 4 words, got {len(words)}")
    return len(words)


def _check_runs(name, value, n_words: int) -> list:
    """A method's vectors as a list of runs, each a (|V|, d) matrix with finite entries."""
    runs = list(value) if isinstance(value, (list, tuple)) else [value]
    if not runs:
        raise ValueError(f"vectors_by_method[{name!r}] is an empty list: give at least one run")
    checked = []
    for r, run in enumerate(runs):
        where = f"vectors_by_method[{name!r}]" + (f"[{r}]" if len(runs) > 1 else "")
        matrix = run if sp.issparse(run) else np.asarray(run)
        if not sp.issparse(matrix) and not np.issubdtype(matrix.dtype, np.number):
            raise TypeError(f"{where} must be a numeric matrix, got dtype {matrix.dtype}")
        if matrix.ndim != 2 or matrix.shape[0] != n_words or matrix.shape[1] < 1:
            raise ValueError(
                f"{where} has shape {matrix.shape}, but vocab has |V| = {n_words:,} words: it "
                f"must have shape ({n_words:,}, d), row i the vector of word i (vectors of "
                "another vocabulary? a transposed matrix?)"
            )
        values = matrix.data if sp.issparse(matrix) else matrix
        if not np.all(np.isfinite(values)):
            raise ValueError(f"{where} contains NaN or infinite values (did training diverge?)")
        checked.append(matrix)
    return checked


def _check_columns(evaluations) -> tuple[str, ...]:
    if isinstance(evaluations, str) or not isinstance(evaluations, Sequence):
        raise TypeError(f"evaluations must be a sequence of names, got {_show(evaluations)}")
    unknown = [e for e in evaluations if e not in EVALUATIONS]
    if unknown or not evaluations:
        raise ValueError(
            f"evaluations must be names from EVALUATIONS ({', '.join(EVALUATIONS)}), "
            f"got {_show(list(evaluations))}"
        )
    return tuple(e for e in EVALUATIONS if e in evaluations)


class _Scorer:
    """Scores one matrix on the chosen columns, with the splits and the polarity data."""

    def __init__(self, vocab, splits: BenchmarkSplits, half: str, seed: int):
        self.vocab, self.splits, self.seed = vocab, splits, seed
        self.wordsim, self.simlex, self.questions = splits.half(half)
        self.sentences, self.labels = datasets.movie_polarity()

    def score(self, vectors, columns) -> tuple[dict[str, float], dict[str, float | None]]:
        scores: dict[str, float] = {}
        spread: dict[str, float | None] = {}
        for column in columns:
            value, fold_std = self._one(vectors, column)
            scores[column], spread[column] = value, fold_std
        return scores, spread

    def _one(self, vectors, column):
        vocab = self.vocab
        if column == "WordSim-353 ρ":
            return evaluate_similarity(vectors, vocab, self.wordsim).spearman, None
        if column == "SimLex-999 ρ":
            return evaluate_similarity(vectors, vocab, self.simlex).spearman, None
        if column in ("3CosAdd", "3CosMul"):
            method = column.lower()
            return evaluate_analogies(vectors, vocab, self.questions, method).accuracy, None
        if column == "word categories":
            result = evaluate_word_categories(vectors, vocab, folds=_FOLDS, seed=self.seed)
            self.categories = result
            return result.accuracy, result.std
        features = sentence_vectors(self.sentences, vectors, vocab)  # (n_sentences, d)
        result = cross_validate(features, self.labels, self.splits.polarity_folds, l2=_L2)
        return result.mean, result.std

    def baselines(self, columns, n_words: int) -> dict[str, float]:
        baselines = {}
        for column in columns:
            if column.endswith("ρ"):
                baselines[column] = 0.0
            elif column.startswith("3Cos"):
                baselines[column] = 1.0 / (n_words - 3)
            elif column == "word categories":
                baselines[column] = self.categories.majority
            else:
                baselines[column] = _majority_accuracy(self.labels, self.splits.polarity_folds)
        return baselines

    def items(self, columns) -> dict[str, str]:
        n_questions = sum(map(len, self.questions.values()))
        described = {
            "WordSim-353 ρ": f"{len(self.wordsim):,} pairs",
            "SimLex-999 ρ": f"{len(self.simlex):,} pairs",
            "3CosAdd": f"{n_questions:,} questions",
            "3CosMul": f"{n_questions:,} questions",
            "polarity": f"{len(self.labels):,} sentences",
        }
        if hasattr(self, "categories"):
            n_categories = len(set(self.categories.labels))
            described["word categories"] = (
                f"{len(self.categories.words):,} words in {n_categories} categories"
            )
        return {c: described[c] for c in columns if c in described}


def _majority_accuracy(labels, folds) -> float:
    """Mean accuracy over the folds of predicting the training folds' most frequent label."""
    labels = np.asarray(labels)
    accuracies = []
    for test in folds:
        train = np.setdiff1d(np.arange(len(labels)), test)
        most_common = np.bincount(labels[train]).argmax()
        accuracies.append(np.mean(labels[test] == most_common))
    return float(np.mean(accuracies))


def compare_methods(
    vectors_by_method: Mapping[str, object],
    vocab,
    *,
    seed: int = 0,
    half: str = "test",
    evaluations: Sequence[str] = EVALUATIONS,
    splits: BenchmarkSplits | None = None,
) -> ComparisonTable:
    """Score every method's word vectors on every evaluation of the course.

    Parameters
    ----------
    vectors_by_method : dict name -> ndarray or scipy.sparse matrix of shape (|V|, d)
        Each method's target vectors u_w, row i the vector of word i of ``vocab`` (d may
        differ between methods: raw counts and PPMI rows have d = |V|). A list of such
        matrices stands for several runs of the method (seeds): its scores are their mean.
    vocab : Vocabulary or list of |V| words, shared by every method
    seed : int
        07's SEED: draws the halves and the polarity folds (:func:`benchmark_splits`) and the
        word-category folds (:func:`~wordvec_helpers.word_categories.evaluate_word_categories`)
    half : "test" (report) or "development" (choose a configuration)
        Which halves of WordSim-353, SimLex-999 and the analogies to score on; the two
        classification tasks are cross-validated either way, so choose on development
        halves with ``evaluations`` left to the first four columns.
    evaluations : sequence of names from EVALUATIONS   the columns (default: all six)
    splits : BenchmarkSplits, optional   default ``benchmark_splits(vocab, seed=seed)``

    Returns
    -------
    ComparisonTable
    """
    if not isinstance(vectors_by_method, Mapping) or not vectors_by_method:
        raise TypeError(
            "vectors_by_method must be a non-empty dict method name -> (|V|, d) vectors, got "
            f"{_show(vectors_by_method)}"
        )
    bad = next((m for m in vectors_by_method if not isinstance(m, str)), None)
    if bad is not None:
        raise TypeError(f"method names must be strings, got {_show(bad)}")
    n_words = _vocabulary_size(vocab)
    runs_by_method = {m: _check_runs(m, v, n_words) for m, v in vectors_by_method.items()}
    columns = _check_columns(evaluations)
    half = _check_half(half)
    if splits is None:
        splits = benchmark_splits(vocab, seed=seed)
    elif not isinstance(splits, BenchmarkSplits):
        raise TypeError(f"splits must come from benchmark_splits(vocab), got {_show(splits)}")

    scorer = _Scorer(vocab, splits, half, seed)
    scores, spread, runs = {}, {}, {}
    for method, method_runs in runs_by_method.items():
        results = [scorer.score(vectors, columns) for vectors in method_runs]
        runs[method] = len(results)
        if len(results) == 1:
            scores[method], spread[method] = results[0]
            continue
        values = np.array([[r[0][c] for c in columns] for r in results])  # (runs, columns)
        scores[method] = dict(zip(columns, values.mean(axis=0).tolist(), strict=True))
        spread[method] = dict(zip(columns, values.std(axis=0, ddof=1).tolist(), strict=True))
    return ComparisonTable(
        methods=list(runs_by_method),
        columns=columns,
        scores=scores,
        spread=spread,
        runs=runs,
        baselines=scorer.baselines(columns, n_words),
        items=scorer.items(columns),
        half=half,
    )

"""Comparing methods fairly: dev/test splits of a benchmark, spreads over seeds, and paired
differences on the same cross-validation folds.

Introduced in notebook 07.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .._validation import _show
from ._vectors import _Lookup, _vocabulary_words
from .analogies import _check_questions
from .classifier import CrossValidationResult
from .similarity_benchmarks import _check_pairs


def split_benchmark(benchmark, vocab, *, rng: np.random.Generator, case_insensitive=True):
    """Split the items of a benchmark that ``vocab`` covers into a development and a test half.

    Tune on the development half (choose epochs, p, α, ...), report on the test half: a
    configuration chosen on the test items would flatter whichever method had more
    configurations to choose from.

    Parameters
    ----------
    benchmark : list of (word1, word2, score) pairs, e.g. ``datasets.wordsim353()``, or a dict
        section -> list of (a, b, c, d) questions, e.g. ``datasets.google_analogies()``
    vocab : Vocabulary or list of words; only items whose words are all in it are kept
    rng : np.random.Generator   draws the halves
    case_insensitive : bool     match words as :func:`evaluate_similarity` does

    Returns
    -------
    (development, test), of the same kind as ``benchmark``: the covered items, shuffled into
    two halves (the development half gets the smaller one when their number is odd; a dict is
    split section by section), each half in the benchmark's order.

    Introduced in notebook 07.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a np.random.Generator, got {type(rng).__name__}")
    words = _vocabulary_words(vocab)
    lookup = _Lookup(words, len(words), case_insensitive)

    def halves(items, n_words):
        covered = [
            item for item in items if all(lookup.get(w) is not None for w in item[:n_words])
        ]
        order = rng.permutation(len(covered))
        development = np.sort(order[: len(covered) // 2])
        test = np.sort(order[len(covered) // 2 :])
        return [covered[i] for i in development], [covered[i] for i in test]

    if isinstance(benchmark, Mapping):
        sections = _check_questions(benchmark)
        split = {name: halves(questions, 4) for name, questions in sections.items()}
        return {n: d for n, (d, _) in split.items()}, {n: t for n, (_, t) in split.items()}
    return halves(_check_pairs(benchmark), 2)


@dataclass(frozen=True)
class Spread:
    """A score over several runs (seeds): its ``mean``, ``low`` (min) and ``high`` (max).

    Displays as "mean [min–max]", e.g. "0.493 [0.476–0.537]"; a single run as its value.
    """

    values: np.ndarray

    @property
    def mean(self) -> float:
        return float(np.mean(self.values))

    @property
    def low(self) -> float:
        return float(np.min(self.values))

    @property
    def high(self) -> float:
        return float(np.max(self.values))

    def format(self, digits: int = 3) -> str:
        """The spread as text with ``digits`` decimals."""
        if len(self.values) == 1:
            return f"{self.mean:.{digits}f}"
        return f"{self.mean:.{digits}f} [{self.low:.{digits}f}–{self.high:.{digits}f}]"

    def __repr__(self) -> str:
        return self.format()


def spread(values) -> Spread:
    """:class:`Spread` of a score over runs: ``spread([0.49, 0.51, 0.50])`` shows
    "0.500 [0.490–0.510]". Introduced in notebook 07."""
    values = np.asarray(values, dtype=np.float64).ravel()
    if values.size == 0 or not np.all(np.isfinite(values)):
        raise ValueError(f"values must be one or more finite numbers, got {_show(values)}")
    return Spread(values)


@dataclass(frozen=True)
class PairedDifference:
    """Fold-by-fold difference of two cross-validated accuracies on the same folds.

    Attributes
    ----------
    differences : ndarray of shape (k,)   accuracy of the first minus that of the second
    mean : float                          mean difference
    standard_error : float                std of the differences / √k
    """

    differences: np.ndarray

    @property
    def mean(self) -> float:
        return float(self.differences.mean())

    @property
    def standard_error(self) -> float:
        return float(self.differences.std(ddof=1) / np.sqrt(len(self.differences)))

    def __repr__(self) -> str:
        return (
            f"difference {self.mean:+.3f} ± {self.standard_error:.3f} "
            f"(mean ± standard error over {len(self.differences)} paired folds)"
        )


def paired_difference(first: CrossValidationResult, second: CrossValidationResult):
    """Compare two methods scored on the same folds, fold by fold.

    Differences d_i = acc_first_i - acc_second_i; their mean and standard error
    std(d) / √k. A fold that is hard for one method is often hard for the other, so the
    paired differences vary less than either method's accuracies, and the standard error of
    their mean is the yardstick for "is the first better?", not the fold-to-fold std of
    either method. Introduced in notebook 07.

    Returns
    -------
    PairedDifference
    """
    for name, result in (("first", first), ("second", second)):
        if not isinstance(result, CrossValidationResult):
            raise TypeError(
                f"{name} must be a CrossValidationResult from cross_validate, "
                f"got {type(result).__name__}"
            )
    if len(first.fold_accuracies) != len(second.fold_accuracies):
        raise ValueError(
            "first and second must be scored on the same folds, got "
            f"{len(first.fold_accuracies)} and {len(second.fold_accuracies)} folds"
        )
    return PairedDifference(first.fold_accuracies - second.fold_accuracies)

"""How good are the word vectors? Intrinsic and extrinsic evaluation (precept, "Evaluation").

One module per idea; every public name is importable from here
(``from wordvec_helpers.evaluation import evaluate_similarity``), as the notebooks do.

Intrinsic: evaluate the vectors directly on "similarity"-based tasks.

similarity_benchmarks  word similarity: Spearman's ρ between human scores and cosines
analogies              "a is to b as c is to d" with 3CosAdd, 3CosMul and two baselines

Extrinsic: evaluate a model built on top of the vectors.

sentences              a sentence as the average of its word vectors; bag of words
classifier             logistic regression in numpy, stratified folds, cross-validation
word categories        which category does a word belong to (countries, capitals, plurals...)?
                       (:mod:`wordvec_helpers.word_categories`, re-exported here)

Comparing and probing methods:

fair_comparison        dev/test splits of a benchmark, spreads over seeds, paired differences
neighbours             overlap of the k nearest neighbours of two sets of vectors
bias                   the word-embedding association test (WEAT)

Vectors may be a dense ndarray or a ``scipy.sparse`` matrix (raw counts and PPMI rows); the
checks they share live in the private module ``_vectors``. Introduced in notebook 07.
"""

from __future__ import annotations

# The private helpers stay importable from here (io.py and others' code import them so).
from ._vectors import (  # noqa: F401
    _check_vectors,
    _cosines,
    _Lookup,
    _normalized,
    _restrict,
    _vocabulary_words,
)
from .analogies import (
    BASELINES,
    COSMUL_EPSILON,
    METHODS,
    AnalogyResult,
    SectionScore,
    analogy,
    evaluate_analogies,
)
from .bias import WeatResult, weat
from .classifier import (
    CrossValidationResult,
    LogisticRegression,
    cross_validate,
    fit_logistic_regression,
    logistic_loss_and_gradient,
    stratified_folds,
)
from .fair_comparison import PairedDifference, Spread, paired_difference, split_benchmark, spread
from .neighbours import neighbour_overlap
from .sentences import bag_of_words, sentence_vectors
from .similarity_benchmarks import SimilarityResult, evaluate_similarity

# Re-exported from wordvec_helpers.word_categories, which itself imports the classifier from
# this package: they are loaded on first use (PEP 562), so that either module can be imported
# first without a circular import.
_FROM_WORD_CATEGORIES = ("WordCategoryResult", "evaluate_word_categories")

__all__ = [
    "BASELINES",
    "COSMUL_EPSILON",
    "METHODS",
    "AnalogyResult",
    "CrossValidationResult",
    "LogisticRegression",
    "PairedDifference",
    "SectionScore",
    "SimilarityResult",
    "Spread",
    "WeatResult",
    "WordCategoryResult",
    "analogy",
    "bag_of_words",
    "cross_validate",
    "evaluate_analogies",
    "evaluate_similarity",
    "evaluate_word_categories",
    "fit_logistic_regression",
    "neighbour_overlap",
    "paired_difference",
    "split_benchmark",
    "spread",
    "weat",
    "logistic_loss_and_gradient",
    "sentence_vectors",
    "stratified_folds",
]


def __getattr__(name: str):
    if name in _FROM_WORD_CATEGORIES:
        from .. import word_categories

        return getattr(word_categories, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_FROM_WORD_CATEGORIES))

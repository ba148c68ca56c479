"""An extrinsic task where word vectors matter: which category does a word belong to?

The words of the Google analogy file fall into categories by section and side: in
"capital-common-countries" (athens : greece) the first word of a pair is a capital and the
second a country; in "gram7-past-tense" (dancing : danced) a present participle and a past
tense. A logistic-regression classifier (one against the rest for each category, as in
notebook 07) reads a word's vector and predicts its category; stratified k-fold
cross-validation scores it, beside the majority-class baseline.

Introduced in notebook 07 (a second extrinsic task); used in notebook 09. Importable from
:mod:`wordvec_helpers.evaluation` too, with the other evaluations.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.special import expit

from . import datasets
from ._validation import check_positive_int
from .evaluation._vectors import _check_vectors, _vocabulary_words
from .evaluation.classifier import stratified_folds as _stratified_folds

# section of the analogy file -> (category of the first word, category of the second word)
SECTION_CATEGORIES: dict[str, tuple[str, str]] = {
    "capital-common-countries": ("capital", "country"),
    "capital-world": ("capital", "country"),
    "currency": ("country", "currency"),
    "city-in-state": ("US city", "US state"),
    "family": ("male relative", "female relative"),
    "gram1-adjective-to-adverb": ("adjective", "adverb"),
    "gram2-opposite": ("adjective", "negated adjective"),
    "gram3-comparative": ("adjective", "comparative"),
    "gram4-superlative": ("adjective", "superlative"),
    "gram5-present-participle": ("verb", "present participle"),
    "gram6-nationality-adjective": ("country", "nationality"),
    "gram7-past-tense": ("present participle", "past tense"),
    "gram8-plural": ("singular noun", "plural noun"),
    "gram9-plural-verbs": ("verb", "verb, 3rd person"),
}


def word_categories(questions=None) -> dict[str, str]:
    """Every word of the analogy questions with its category, lower-cased.

    A word that falls into two categories ("bad" is an adjective, "sure" too, but "swiss" is
    a nationality and "chinese" one as well; "bat" could be a singular noun and a verb) is
    left out, so that every label is unambiguous.

    Parameters
    ----------
    questions : dict section -> list of (a, b, c, d), optional
        Default: :func:`wordvec_helpers.datasets.google_analogies`.

    Returns
    -------
    dict word -> category, sorted by word
    """
    questions = datasets.google_analogies() if questions is None else questions
    seen: dict[str, set[str]] = {}
    for section, rows in questions.items():
        if section not in SECTION_CATEGORIES:
            raise ValueError(
                f"unknown analogy section {section!r}; known: {', '.join(SECTION_CATEGORIES)}"
            )
        first, second = SECTION_CATEGORIES[section]
        for a, b, c, d in rows:
            for word, category in ((a, first), (b, second), (c, first), (d, second)):
                seen.setdefault(word.lower(), set()).add(category)
    return {word: cats.pop() for word, cats in sorted(seen.items()) if len(cats) == 1}


@dataclass(frozen=True)
class WordCategoryResult:
    """Cross-validated accuracy of predicting a word's category from its vector.

    accuracy : float      mean accuracy over the folds
    std : float           sample standard deviation of the fold accuracies
    majority : float      accuracy of always predicting the most frequent category
    coverage : float      share of the category words that the vocabulary has
    fold_accuracies : ndarray of shape (folds,)
    words, labels : the words scored and their categories
    """

    accuracy: float
    std: float
    majority: float
    coverage: float
    fold_accuracies: np.ndarray
    words: tuple[str, ...]
    labels: tuple[str, ...]

    def __repr__(self) -> str:
        n_categories = len(set(self.labels))
        return (
            f"word categories: accuracy {self.accuracy:.3f} ± {self.std:.3f} over "
            f"{len(self.fold_accuracies)} folds (majority class {self.majority:.3f}), "
            f"{len(self.words)} words in {n_categories} categories, coverage {self.coverage:.0%}"
        )


def fit_one_vs_rest(X, y, n_classes: int, *, l2: float = 0.1, n_steps: int = 300):
    """C binary logistic regressions, category c against the rest, fitted together.

    Column c of the result is exactly what
    :func:`~wordvec_helpers.evaluation.fit_logistic_regression` fits for the labels
    ``y == c``: the same start (0), the same step 1 / L with L = ‖X‖₂² / (4n) + λ (it depends
    on X only) and the same steps, done for all C columns by one matrix product per step
    (in the n-dimensional dual form W = Xᵀα when features outnumber examples).

    Parameters
    ----------
    X : ndarray of shape (n, f); y : int ndarray of shape (n,) in 0..C-1
    n_classes : int      C

    Returns
    -------
    weights : ndarray of shape (f, C)
    biases : ndarray of shape (C,)
    """
    X = np.asarray(X, dtype=np.float64)
    n = len(y)
    Y = (np.asarray(y)[:, None] == np.arange(n_classes)).astype(np.float64)  # (n, C) one-hot
    gram = X @ X.T if X.shape[0] < X.shape[1] else X.T @ X
    curvature = np.linalg.eigvalsh(gram)[-1] / (4 * n) + l2
    step = 1.0 / curvature if curvature > 0 else 1.0
    biases = np.zeros(n_classes)
    dual = X.shape[1] > X.shape[0]
    kernel = X @ X.T if dual else None  # (n, n)
    coefficients = np.zeros((n, n_classes) if dual else (X.shape[1], n_classes))
    for _ in range(n_steps):
        scores = (kernel if dual else X) @ coefficients + biases  # (n, C)
        grad_scores = (expit(scores) - Y) / n  # (n, C)
        if dual:  # α ← (1 - ηλ)α - η ∂L/∂z
            coefficients = (1 - step * l2) * coefficients - step * grad_scores
        else:  # W ← W - η (Xᵀ ∂L/∂z + λW)
            coefficients -= step * (X.T @ grad_scores + l2 * coefficients)
        biases -= step * grad_scores.sum(axis=0)
    weights = X.T @ coefficients if dual else coefficients
    return weights, biases


def evaluate_word_categories(
    vectors,
    vocab,
    *,
    folds: int = 5,
    seed: int = 0,
    l2: float = 0.1,
    n_steps: int = 300,
    categories: dict[str, str] | None = None,
) -> WordCategoryResult:
    """Predict each covered word's category from its vector: stratified k-fold accuracy.

    Features are standardised with the training folds' mean and standard deviation; one
    logistic regression per category (against the rest) scores every word, and the category
    with the largest score z = x·w_c + b_c wins. Categories with fewer covered words than
    ``folds`` are left out (they cannot be stratified).

    Parameters
    ----------
    vectors : ndarray of shape (|V|, d)        row i is the vector of word i of ``vocab``
    vocab : Vocabulary or list of words
    folds : int >= 2                           k of k-fold cross-validation
    seed : int                                 seeds the assignment of words to folds
    l2, n_steps : see :func:`wordvec_helpers.evaluation.fit_logistic_regression`
    categories : dict word -> category, optional   default :func:`word_categories`

    Returns
    -------
    WordCategoryResult
    """
    words = _vocabulary_words(vocab)
    matrix = _check_vectors(vectors, len(words))
    folds = check_positive_int("folds", folds, minimum=2)
    categories = word_categories() if categories is None else dict(categories)
    if not categories:
        raise ValueError("categories is empty: give at least two categories of words")
    row = {word.lower(): i for i, word in enumerate(words)}
    covered = [(w, c) for w, c in sorted(categories.items()) if w in row]
    sizes = Counter(c for _, c in covered)
    kept = [(w, c) for w, c in covered if sizes[c] >= folds]
    names = sorted({c for _, c in kept})
    if len(names) < 2:
        raise ValueError(
            f"the vocabulary covers fewer than 2 categories with at least {folds} words each "
            f"({len(covered)} of {len(categories)} category words are in it)"
        )
    y = np.array([names.index(c) for _, c in kept])  # (n,)
    X = matrix[[row[w] for w, _ in kept]]
    X = np.asarray(X.todense() if hasattr(X, "todense") else X, dtype=np.float64)  # (n, d)
    rng = np.random.default_rng(seed)
    accuracies, majority = [], []
    for test in _stratified_folds(y, folds, rng=rng):
        train = np.setdiff1d(np.arange(len(y)), test)
        mean, std = X[train].mean(axis=0), X[train].std(axis=0)
        std[std == 0] = 1.0
        X_train, X_test = (X[train] - mean) / std, (X[test] - mean) / std
        weights, biases = fit_one_vs_rest(X_train, y[train], len(names), l2=l2, n_steps=n_steps)
        predicted = np.argmax(X_test @ weights + biases, axis=1)  # (n_test, d) @ (d, C)
        accuracies.append(float(np.mean(predicted == y[test])))
        most_common = np.bincount(y[train], minlength=len(names)).argmax()
        majority.append(float(np.mean(y[test] == most_common)))
    accuracies = np.asarray(accuracies)
    return WordCategoryResult(
        accuracy=float(accuracies.mean()),
        std=float(accuracies.std(ddof=1)),
        majority=float(np.mean(majority)),
        coverage=len(covered) / len(categories),
        fold_accuracies=accuracies,
        words=tuple(w for w, _ in kept),
        labels=tuple(c for _, c in kept),
    )

"""The classifier of the extrinsic tasks: a logistic regression written in numpy, and
stratified k-fold cross-validation that gives its accuracy and the spread over folds.

    P(y = 1 | x) = σ(x·w + b),   fitted by gradient descent on the mean cross-entropy + (λ/2)‖w‖²

Used on sentence polarity (:mod:`.sentences`) and on word categories
(:mod:`wordvec_helpers.word_categories`, one regression per category). Introduced in notebook 07.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.special import expit

from .._validation import check_positive_float, check_positive_int


def _check_design(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(f"X must be a matrix of shape (n, f) with n >= 1, got shape {X.shape}")
    if y.shape != (X.shape[0],):
        raise ValueError(
            f"y must hold one label per row of X: X has {X.shape[0]} rows, y has shape {y.shape}"
        )
    if not np.all(np.isin(y, (0, 1))):
        raise ValueError(f"y must hold labels 0 and 1 only, found {np.unique(y)[:5]}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or infinite values")
    return X, y.astype(np.float64)


def logistic_loss_and_gradient(weights, bias: float, X, y, l2: float = 0.0):
    """Mean cross-entropy of a logistic regression, with an L2 penalty, and its gradient.

        z = X w + b                       (scores, one per row of X)
        L = -(1/n) Σ_i [y_i log σ(z_i) + (1 - y_i) log σ(-z_i)]  +  (λ/2) ‖w‖²

        ∂L/∂z = (σ(z) - y) / n            (σ(z) - y: predicted minus true probability)
        ∂L/∂w = Xᵀ ∂L/∂z + λ w            (precept, "Matrix Calculus": z = Xw, so the
        ∂L/∂b = Σ_i ∂L/∂z_i                gradient w.r.t. w is Xᵀ times that w.r.t. z)

    log σ is computed as -log(1 + exp(-z)) with ``np.logaddexp``, which never overflows.
    The bias is not penalised.

    Parameters
    ----------
    weights : ndarray of shape (f,)   w
    bias : float                      b
    X : ndarray of shape (n, f)       one row of features per example
    y : ndarray of shape (n,)         labels in {0, 1}
    l2 : float                        λ >= 0

    Returns
    -------
    loss : float
    grad_weights : ndarray of shape (f,)
    grad_bias : float
    """
    X, y = _check_design(X, y)
    weights = np.asarray(weights, dtype=np.float64)
    if weights.shape != (X.shape[1],):
        raise ValueError(
            f"weights must have shape ({X.shape[1]},), one per column of X, got {weights.shape}"
        )
    l2 = check_positive_float("l2", l2, allow_zero=True)
    return _loss_and_gradient(weights, float(bias), X, y, l2)


def _mean_cross_entropy(z, y) -> float:
    # -[y log σ(z) + (1 - y) log σ(-z)] = y log(1 + e^-z) + (1 - y) log(1 + e^z)
    return float(np.mean(y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)))


def _loss_and_gradient(weights, bias, X, y, l2):
    """:func:`logistic_loss_and_gradient` without the argument checks (the training loop)."""
    z = X @ weights + bias  # (n, f) @ (f,) -> (n,)
    loss = _mean_cross_entropy(z, y) + 0.5 * l2 * float(weights @ weights)
    grad_z = (expit(z) - y) / len(y)  # (n,)
    grad_weights = X.T @ grad_z + l2 * weights  # (f, n) @ (n,) -> (f,)
    return float(loss), grad_weights, float(grad_z.sum())


@dataclass(frozen=True)
class LogisticRegression:
    """A fitted logistic regression: P(y = 1 | x) = σ(x·w + b).

    Attributes: ``weights`` (f,), ``bias``, ``losses`` (the training loss at every step).
    """

    weights: np.ndarray
    bias: float
    losses: np.ndarray = field(repr=False)

    def predict_proba(self, X) -> np.ndarray:
        """P(y = 1 | x) for every row of X, shape (n,)."""
        return expit(np.asarray(X, dtype=np.float64) @ self.weights + self.bias)

    def predict(self, X) -> np.ndarray:
        """Labels 0/1, shape (n,)."""
        return (self.predict_proba(X) > 0.5).astype(np.int64)


def fit_logistic_regression(
    X, y, *, l2: float = 0.1, n_steps: int = 300, learning_rate: float | None = None
) -> LogisticRegression:
    """Fit w and b by full-batch gradient descent on :func:`logistic_loss_and_gradient`.

    Starts from w = 0, b = 0 (no randomness). The default step is 1 / L with
    L = ‖X‖₂² / (4n) + λ, a bound on the curvature of the loss, for which every step
    decreases the loss.

    With more features than examples (f > n: bag of words, |V|-dimensional count vectors)
    the same steps run in the n-dimensional "dual" form, which is exact, not an
    approximation: every gradient Xᵀ∂L/∂z + λw lies in the span of the rows of X, so starting
    from 0, w = Xᵀα throughout, and the step w ← w - η(Xᵀg + λw) is α ← (1 - ηλ)α - ηg with
    z = Kα + b, K = XXᵀ (n x n), ‖w‖² = αᵀKα. A step then costs n² instead of nf.

    Parameters
    ----------
    X : ndarray of shape (n, f); y : ndarray of shape (n,) in {0, 1}
    l2 : float         λ, the L2 penalty
    n_steps : int      gradient steps
    learning_rate : float, optional   default 1 / L

    Returns
    -------
    LogisticRegression
    """
    X, y = _check_design(X, y)
    l2 = check_positive_float("l2", l2, allow_zero=True)
    n_steps = check_positive_int("n_steps", n_steps)
    if learning_rate is None:
        # ‖X‖₂² is the largest eigenvalue of XᵀX, or of the smaller XXᵀ (same non-zero ones)
        gram = X @ X.T if X.shape[0] < X.shape[1] else X.T @ X
        curvature = np.linalg.eigvalsh(gram)[-1] / (4 * len(y)) + l2
        learning_rate = 1.0 / curvature if curvature > 0 else 1.0
    learning_rate = check_positive_float("learning_rate", learning_rate)
    bias, losses = 0.0, np.empty(n_steps)
    if X.shape[1] > X.shape[0]:  # the dual form, w = Xᵀα
        kernel = X @ X.T  # (n, n)
        alpha = np.zeros(len(y))
        for step in range(n_steps):
            kernel_alpha = kernel @ alpha  # X w, (n,)
            z = kernel_alpha + bias
            losses[step] = _mean_cross_entropy(z, y) + 0.5 * l2 * float(alpha @ kernel_alpha)
            grad_z = (expit(z) - y) / len(y)  # (n,)
            alpha = (1 - learning_rate * l2) * alpha - learning_rate * grad_z
            bias -= learning_rate * float(grad_z.sum())
        return LogisticRegression(X.T @ alpha, bias, losses)
    weights = np.zeros(X.shape[1])
    for step in range(n_steps):
        losses[step], grad_weights, grad_bias = _loss_and_gradient(weights, bias, X, y, l2)
        weights -= learning_rate * grad_weights
        bias -= learning_rate * grad_bias
    return LogisticRegression(weights, bias, losses)


def stratified_folds(labels, k: int = 5, *, rng: np.random.Generator) -> list[np.ndarray]:
    """Split example indices into ``k`` folds with (nearly) the same share of each label.

    The examples of each label are shuffled with ``rng`` and dealt out in k nearly equal parts;
    fold i is the union of part i of every label.

    Returns
    -------
    list of k sorted int64 arrays: the test indices of each fold (together: every index once)
    """
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0:
        raise ValueError(f"labels must be a non-empty 1-D array, got shape {labels.shape}")
    k = check_positive_int("k", k, minimum=2)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a np.random.Generator, got {type(rng).__name__}")
    classes, counts = np.unique(labels, return_counts=True)
    if counts.min() < k:
        raise ValueError(
            f"k = {k} folds need at least k examples of each label; "
            f"label {classes[counts.argmin()].item()!r} has only {counts.min()}"
        )
    parts = [[] for _ in range(k)]
    for label in classes:
        members = rng.permutation(np.flatnonzero(labels == label))
        for fold, chunk in enumerate(np.array_split(members, k)):
            parts[fold].append(chunk)
    return [np.sort(np.concatenate(p)).astype(np.int64) for p in parts]


@dataclass(frozen=True)
class CrossValidationResult:
    """Accuracy on each held-out fold; ``mean``, ``std`` (sample standard deviation) and
    ``standard_error`` of the mean."""

    fold_accuracies: np.ndarray

    @property
    def mean(self) -> float:
        return float(self.fold_accuracies.mean())

    @property
    def std(self) -> float:
        return float(self.fold_accuracies.std(ddof=1))

    @property
    def standard_error(self) -> float:
        """std / √k: how far the mean of k folds typically lies from the mean one would get
        with endless folds of the same size (notebook 07). The folds share training
        sentences, so it is, if anything, too small."""
        return self.std / float(np.sqrt(len(self.fold_accuracies)))

    def __repr__(self) -> str:
        return (
            f"accuracy {self.mean:.3f} ± {self.std:.3f} "
            f"(mean ± std over {len(self.fold_accuracies)} folds)"
        )


def cross_validate(
    features,
    labels,
    folds: Sequence[np.ndarray],
    *,
    l2: float = 0.1,
    n_steps: int = 300,
    standardize: bool = True,
) -> CrossValidationResult:
    """k-fold cross-validated accuracy of a logistic regression on ``features``.

    For each fold: standardise every feature with the mean and standard deviation of the
    *training* folds (a constant feature is left unscaled), fit
    :func:`fit_logistic_regression` on them, and score the accuracy on the held-out fold.
    Pass the same ``folds`` (from :func:`stratified_folds`) to compare representations on the
    same splits.

    Parameters
    ----------
    features : ndarray of shape (n, f), e.g. from :func:`sentence_vectors` or :func:`bag_of_words`
    labels : ndarray of shape (n,) in {0, 1}
    folds : list of k arrays of test indices that together cover 0..n-1 once
    l2, n_steps : see :func:`fit_logistic_regression`
    standardize : bool

    Returns
    -------
    CrossValidationResult
    """
    X, y = _check_design(features, labels)
    folds = [np.asarray(f, dtype=np.int64) for f in folds]
    if len(folds) < 2:
        raise ValueError(f"folds must hold at least 2 folds, got {len(folds)}")
    covered = np.sort(np.concatenate(folds))
    if not np.array_equal(covered, np.arange(len(y))):
        raise ValueError(
            f"folds must cover every example 0..{len(y) - 1} exactly once "
            "(use stratified_folds(labels, k, rng=rng))"
        )
    accuracies = []
    for test in folds:
        train = np.setdiff1d(np.arange(len(y)), test)
        X_train, X_test = X[train], X[test]
        if standardize:
            mean, std = X_train.mean(axis=0), X_train.std(axis=0)
            std[std == 0] = 1.0
            X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
        model = fit_logistic_regression(X_train, y[train], l2=l2, n_steps=n_steps)
        accuracies.append(float(np.mean(model.predict(X_test) == y[test])))
    return CrossValidationResult(np.asarray(accuracies))

"""The evaluation exercise checks: right answers pass, each seeded mistake gets its diagnosis."""

import numpy as np
import pytest
import scipy.stats
from scipy.special import expit

from wordvec_helpers import checks


def stub(*args):
    raise NotImplementedError


def test_stubs_are_not_done_yet():
    for check in (checks.check_spearman, checks.check_3cosadd, checks.check_logistic_gradient):
        result = check(stub)
        assert not result.passed and not result.done and repr(result).startswith("⏳")


# --------------------------------------------------------------------------- Spearman


def ranks_pearson(method):
    def spearman(human, model):
        h = scipy.stats.rankdata(human, method=method)
        m = scipy.stats.rankdata(model, method=method)
        return np.corrcoef(h, m)[0, 1]

    return spearman


def test_spearman_check_passes_right_answers():
    assert checks.check_spearman(lambda h, m: scipy.stats.spearmanr(h, m).statistic).passed
    assert checks.check_spearman(ranks_pearson("average")).passed


@pytest.mark.parametrize(
    ("function", "diagnosis"),
    [
        (lambda h, m: np.corrcoef(h, m)[0, 1], "Pearson's correlation of the raw values"),
        (ranks_pearson("ordinal"), "order of appearance"),
        (ranks_pearson("min"), "lowest rank"),
        (lambda h, m: -scipy.stats.spearmanr(h, m).statistic, "sign is flipped"),
        (lambda h, m: "high", "return a single number"),
    ],
)
def test_spearman_check_names_the_mistake(function, diagnosis):
    result = checks.check_spearman(function)
    assert not result.passed and diagnosis in result.message, result


# --------------------------------------------------------------------------- 3CosAdd


def three_cos_add(normalise=True, exclude=True, swap=False):
    def solve(vectors, a, b, c):
        if swap:
            a, b = b, a
        if normalise:
            vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        scores = vectors @ (vectors[b] - vectors[a] + vectors[c])
        if exclude:
            scores[[a, b, c]] = -np.inf
        return int(np.argmax(scores))

    return solve


def test_3cosadd_check_passes_a_right_answer():
    assert checks.check_3cosadd(three_cos_add()).passed


@pytest.mark.parametrize(
    ("options", "diagnosis"),
    [
        ({"exclude": False}, "exclude the three question words"),
        ({"normalise": False}, "dot products, not cosines"),
        ({"swap": True}, "a and b are swapped"),
    ],
)
def test_3cosadd_check_names_the_mistake(options, diagnosis):
    result = checks.check_3cosadd(three_cos_add(**options))
    assert not result.passed and diagnosis in result.message, result


# --------------------------------------------------------------------------- logistic gradient


def logistic_gradient(sign=1.0, scale="mean", subtract_y=True, transpose=True):
    def gradient(weights, bias, X, y):
        error = sign * (expit(X @ weights + bias) - (y if subtract_y else 0))
        if scale == "mean":
            error = error / len(y)
        return (X.T @ error if transpose else error), float(error.sum())

    return gradient


def test_logistic_gradient_check_passes_a_right_answer():
    assert checks.check_logistic_gradient(logistic_gradient()).passed


@pytest.mark.parametrize(
    ("options", "diagnosis"),
    [
        ({"sign": -1.0}, "wrong sign"),
        ({"scale": "sum"}, "missing the 1/n"),
        ({"subtract_y": False}, "without subtracting y"),
        ({"transpose": False}, "one entry per example"),
    ],
)
def test_logistic_gradient_check_names_the_mistake(options, diagnosis):
    result = checks.check_logistic_gradient(logistic_gradient(**options))
    assert not result.passed and diagnosis in result.message, result


# --------------------------------------------------------------------------------------------
# The catalogue (tests/test_mistake_catalogue.py): (check, mistake id) -> a wrong answer
# --------------------------------------------------------------------------------------------


def _sum_d2(human, model):
    d = scipy.stats.rankdata(human) - scipy.stats.rankdata(model)
    return 1 - 6 * np.sum(d**2) / (len(d) * (len(d) ** 2 - 1))


def _argsort_ranks(human, model):
    return np.corrcoef(np.argsort(np.argsort(human)), np.argsort(np.argsort(model)))[0, 1]


def _only_human_ranked(human, model):
    return np.corrcoef(scipy.stats.rankdata(human), model)[0, 1]


def _cosadd_returning_a_word(vectors, a, b, c):
    return f"w{three_cos_add()(vectors, a, b, c)}"


def _cosadd_excluding_only_c(vectors, a, b, c):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    scores = unit @ (unit[b] - unit[a] + unit[c])
    scores[c] = -np.inf
    return int(np.argmax(scores))


def _cosadd_normalising_columns(vectors, a, b, c):
    unit = vectors / np.linalg.norm(vectors, axis=0, keepdims=True)
    scores = unit @ (unit[b] - unit[a] + unit[c])
    scores[[a, b, c]] = -np.inf
    return int(np.argmax(scores))


def _cosadd_argmin(vectors, a, b, c):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    scores = unit @ (unit[b] - unit[a] + unit[c])
    scores[[a, b, c]] = np.inf
    return int(np.argmin(scores))


def _gradient(error_of, bias_of, w_of=lambda X, error: X.T @ error):
    """A logistic gradient built from the student's error vector and bias rule."""

    def gradient(weights, bias, X, y):
        error = error_of(weights, bias, X, y)
        return w_of(X, error), bias_of(error, X)

    return gradient


def _right_error(weights, bias, X, y):
    return (expit(X @ weights + bias) - y) / len(y)


SEEDED_07: dict = {
    # (check name, mistake id): wrong student function
    ("check_spearman", "not-a-number"): lambda h, m: scipy.stats.spearmanr(h, m),
    ("check_spearman", "pearson-on-raw-values"): lambda h, m: np.corrcoef(h, m)[0, 1],
    ("check_spearman", "one-list-ranked"): _only_human_ranked,
    ("check_spearman", "sum-d2-with-ties"): _sum_d2,
    ("check_spearman", "ties-in-order-of-appearance"): _argsort_ranks,
    ("check_spearman", "ties-get-lowest-rank"): ranks_pearson("min"),
    ("check_spearman", "sign-flipped"): lambda h, m: -scipy.stats.spearmanr(h, m).statistic,
    ("check_spearman", "p-value"): lambda h, m: scipy.stats.spearmanr(h, m)[1],
    ("check_3cosadd", "not-an-id"): _cosadd_returning_a_word,
    ("check_3cosadd", "question-words-not-excluded"): three_cos_add(exclude=False),
    ("check_3cosadd", "not-all-question-words-excluded"): _cosadd_excluding_only_c,
    ("check_3cosadd", "dot-products"): three_cos_add(normalise=False),
    ("check_3cosadd", "columns-normalised"): _cosadd_normalising_columns,
    ("check_3cosadd", "a-and-b-swapped"): three_cos_add(swap=True),
    ("check_3cosadd", "argmin"): _cosadd_argmin,
    ("check_logistic_gradient", "not-a-pair"): lambda w, b, X, y: X.T @ _right_error(w, b, X, y),
    ("check_logistic_gradient", "grad-w-per-example"): logistic_gradient(transpose=False),
    ("check_logistic_gradient", "grad-w-sign"): logistic_gradient(sign=-1.0),
    ("check_logistic_gradient", "grad-w-not-divided-by-n"): logistic_gradient(scale="sum"),
    ("check_logistic_gradient", "grad-w-divided-by-wrong-count"): _gradient(
        lambda w, b, X, y: (expit(X @ w + b) - y) / len(w), lambda error, X: error.sum()
    ),
    ("check_logistic_gradient", "grad-w-without-y"): logistic_gradient(subtract_y=False),
    ("check_logistic_gradient", "bias-left-out-of-z"): _gradient(
        lambda w, b, X, y: (expit(X @ w) - y) / len(y), lambda error, X: error.sum()
    ),
    ("check_logistic_gradient", "grad-b-missing"): _gradient(_right_error, lambda e, X: 0.0),
    ("check_logistic_gradient", "grad-b-vector"): _gradient(_right_error, lambda e, X: e),
    ("check_logistic_gradient", "grad-b-sign"): _gradient(_right_error, lambda e, X: -e.sum()),
    ("check_logistic_gradient", "grad-b-not-divided-by-n"): _gradient(
        _right_error, lambda e, X: e.sum() * len(e)
    ),
    ("check_logistic_gradient", "grad-b-divided-by-wrong-count"): _gradient(
        _right_error, lambda e, X: e.sum() * len(e) / X.size
    ),
}


SEEDED_MISTAKES = {**SEEDED_07}

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

SEEDED_07: dict = {
    # (check name, mistake id): wrong student function
}


SEEDED_MISTAKES = {**SEEDED_07}

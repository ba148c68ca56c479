"""The check of notebook 09's exercise (shifted PPMI): the right answer passes, a stub is "not
done yet", and each catalogued mistake, seeded below as a student would write it, gets its
diagnosis (tests/test_mistake_catalogue.py runs SEEDED_MISTAKES through the check)."""

import types

import numpy as np
import pytest

from wordvec_helpers import checks
from wordvec_helpers.checks.unification import _cases, _variant
from wordvec_helpers.pmi import ppmi

CHECK = "check_shifted_ppmi"


def solution(W, K, alpha):
    """A student's answer, written from the formula (not from the package)."""
    p_tc = W / W.sum()
    p_t = p_tc.sum(axis=1)
    c_alpha = W.sum(axis=0) ** alpha
    p_c = c_alpha / c_alpha.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(p_tc / np.outer(p_t, p_c))  # -inf where W = 0, NaN in an empty row
    return np.where(W > 0, np.maximum(pmi - np.log(K), 0), 0.0)


def nan_in_empty_rows(W, K, alpha):
    """The formula without care for a word that never occurs: 0 / 0 = NaN there."""
    p_tc = W / W.sum()
    c_alpha = W.sum(axis=0) ** alpha
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(p_tc / np.outer(p_tc.sum(axis=1), c_alpha / c_alpha.sum()))
    return np.maximum(pmi - np.log(K), 0)


def _pmi(W, alpha, log=np.log, targets_too=False, renormalise=True):
    p_tc = W / W.sum()
    p_t = p_tc.sum(axis=1)
    if targets_too:
        p_t = W.sum(axis=1) ** alpha / (W.sum(axis=1) ** alpha).sum()
    if renormalise:
        p_c = W.sum(axis=0) ** alpha / (W.sum(axis=0) ** alpha).sum()
    else:
        p_c = p_tc.sum(axis=0) ** alpha
    with np.errstate(divide="ignore"):
        return log(p_tc / np.outer(p_t, p_c))


SEEDED_MISTAKES = {
    (CHECK, "shift-added"): lambda W, K, a: np.maximum(_pmi(W, a) + np.log(K), 0),
    (CHECK, "shift-not-log"): lambda W, K, a: np.maximum(_pmi(W, a) - K, 0),
    (CHECK, "log-base-2"): lambda W, K, a: np.maximum(_pmi(W, a, log=np.log2) - np.log2(K), 0),
    (CHECK, "alpha-on-targets"): lambda W, K, a: np.maximum(
        _pmi(W, a, targets_too=True) - np.log(K), 0
    ),
    (CHECK, "shift-after-clipping"): lambda W, K, a: np.maximum(_pmi(W, a), 0) - np.log(K),
    (CHECK, "alpha-not-renormalised"): lambda W, K, a: np.maximum(
        _pmi(W, a, renormalise=False) - np.log(K), 0
    ),
    (CHECK, "alpha-ignored"): lambda W, K, a: np.maximum(_pmi(W, 1.0) - np.log(K), 0),
    (CHECK, "not-clipped"): lambda W, K, a: np.where(W > 0, _pmi(W, a) - np.log(K), 0.0),
    (CHECK, "log-zero-left"): lambda W, K, a: np.where(
        W > 0, np.maximum(_pmi(W, a) - np.log(K), 0), -np.inf
    ),
    (CHECK, "empty-row-nan"): nan_in_empty_rows,
    (CHECK, "calls-package-ppmi"): lambda W, K, a: ppmi(W, alpha=a, shift=K),
}


def test_the_right_answer_passes():
    result = checks.check_shifted_ppmi(solution)
    assert result.passed, result
    assert "matches ppmi(W, alpha=α, shift=K)" in repr(result)


def test_the_package_function_passes_its_own_check_unless_a_student_calls_it():
    # a copy of the package's function (what a student who wrote it perfectly would return)
    copy = types.FunctionType(ppmi.__code__, ppmi.__globals__, "copy", ppmi.__defaults__)
    copy.__kwdefaults__ = ppmi.__kwdefaults__
    assert checks.check_shifted_ppmi(lambda W, K, a: copy(W, alpha=a, shift=K)).passed
    # calling the package itself is named, whichever way it is reached
    import wordvec_helpers.pmi

    via_module = checks.check_shifted_ppmi(
        lambda W, K, a: wordvec_helpers.pmi.ppmi(W, alpha=a, shift=K)
    )
    assert via_module.mistake == "calls-package-ppmi"
    assert wordvec_helpers.pmi.ppmi is ppmi  # put back afterwards


def test_the_unchanged_variant_is_the_package_function():
    for _, (W, K, alpha) in _cases():
        np.testing.assert_allclose(_variant(W, K, alpha), ppmi(W, alpha=alpha, shift=K))


def test_every_variant_differs_from_the_answer_and_from_each_other():
    """Otherwise a mistake could pass, or be named as another."""
    changes = [
        {"shift": "plus log"}, {"shift": "minus K"}, {"log": np.log2}, {"alpha_targets": True},
        {"order": "clip then shift"}, {"renormalise": False}, {"smooth": False},
        {"order": "no clip"},
    ]  # fmt: skip
    for _, (W, K, alpha) in _cases():
        results = [_variant(W, K, alpha)] + [_variant(W, K, alpha, **c) for c in changes]
        for i in range(len(results)):
            for j in range(i):
                assert not np.allclose(results[i], results[j]), (changes[i - 1], j)


@pytest.mark.parametrize(("key", "wrong"), SEEDED_MISTAKES.items(), ids=lambda k: str(k))
def test_each_mistake_is_named(key, wrong):
    result = checks.check_shifted_ppmi(wrong)
    assert not result.passed and result.done
    assert result.mistake == key[1], repr(result)


def test_not_clipped_with_minus_inf_at_zero_counts_is_named_not_clipped():
    result = checks.check_shifted_ppmi(lambda W, K, a: _pmi(W, a) - np.log(K))
    assert result.mistake == "not-clipped", repr(result)


def test_stub_crash_and_wrong_shape():
    def stub(*args):
        raise NotImplementedError

    result = checks.check_shifted_ppmi(stub)
    assert not result.done and "not done yet" in repr(result)
    crash = checks.check_shifted_ppmi(lambda *a: 1 / 0)
    assert not crash.passed and "ZeroDivisionError" in repr(crash)
    transposed = checks.check_shifted_ppmi(lambda W, K, a: solution(W, K, a).T)
    assert not transposed.passed and "rows and columns swapped" in repr(transposed)
    other = checks.check_shifted_ppmi(lambda W, K, a: solution(W, K, a) * 1.5)
    assert not other.passed and other.mistake is None and "entries differ" in repr(other)

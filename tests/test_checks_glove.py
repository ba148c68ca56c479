"""The check of notebook 08's exercise (GloVe's J and gradients): the right answer passes, a
stub is "not done yet", and each catalogued mistake, seeded below, gets its diagnosis
(tests/test_mistake_catalogue.py runs SEEDED_MISTAKES through the check)."""

import numpy as np
import pytest

from wordvec_helpers import checks
from wordvec_helpers.checks.glove import _cases, _variant
from wordvec_helpers.glove import glove_loss_and_gradients

CHECK = "check_glove_loss_and_gradients"


def solution(W, C, b_w, b_c, X, x_max, alpha, *, log=np.log, cap=True, biases=True,
             factor=2.0, half=False, transpose=True, mask_zeros=True):  # fmt: skip
    """A student's dense answer, with switches that seed each mistake."""
    seen = X > 0 if mask_zeros else np.ones(X.shape, dtype=bool)
    f = (X / x_max) ** alpha
    if cap:
        f = np.minimum(f, 1.0)
    e = W @ C.T - log(X)
    if biases:
        e = e + b_w[:, None] + b_c[None, :]
    fe = np.where(seen, f * e, 0.0) if mask_zeros else f * e
    loss = np.sum(np.where(seen, fe * e, 0.0) if mask_zeros else fe * e)
    E = factor * fe
    grad_C = (E.T if transpose else E) @ W
    return loss * (0.5 if half else 1.0), E @ C, grad_C, E.sum(axis=1), E.sum(axis=0)


SEEDED_MISTAKES = {
    (CHECK, "no-factor-2"): lambda *a: solution(*a, factor=1.0),
    (CHECK, "half-j"): lambda *a: solution(*a, factor=1.0, half=True),
    (CHECK, "zero-cells"): lambda *a: solution(*a, mask_zeros=False),
    (CHECK, "log-1-plus-x"): lambda *a: solution(*a, log=np.log1p),
    (CHECK, "missing-biases"): lambda *a: solution(*a, biases=False),
    (CHECK, "f-not-capped"): lambda *a: solution(*a, cap=False),
    (CHECK, "context-gradient-from-rows"): lambda *a: solution(*a, transpose=False),
}


def test_the_right_answer_passes():
    with np.errstate(divide="ignore"):
        result = checks.check_glove_loss_and_gradients(solution)
    assert result.passed, result
    assert "match the package's glove_loss_and_gradients" in repr(result)


def test_the_package_function_passes_its_own_check():
    def package(W, C, b_w, b_c, X, x_max, alpha):
        return glove_loss_and_gradients(W, C, b_w, b_c, X, x_max=x_max, alpha=alpha)

    assert checks.check_glove_loss_and_gradients(package).passed


def test_the_unchanged_variant_is_the_package_function():
    for _, *arguments in _cases():
        W, C, b_w, b_c, X, x_max, alpha = arguments
        expected = glove_loss_and_gradients(W, C, b_w, b_c, X, x_max=x_max, alpha=alpha)
        for got, want in zip(_variant(*arguments), expected, strict=True):
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("key", "wrong"), SEEDED_MISTAKES.items(), ids=lambda k: str(k))
def test_each_mistake_is_named(key, wrong):
    result = checks.check_glove_loss_and_gradients(wrong)
    assert not result.passed and result.done
    assert result.mistake == key[1], repr(result)


def test_stub_crash_and_wrong_shape():
    def stub(*args):
        raise NotImplementedError

    result = checks.check_glove_loss_and_gradients(stub)
    assert not result.done and "not done yet" in repr(result)
    crash = checks.check_glove_loss_and_gradients(lambda *a: 1 / 0)
    assert not crash.passed and "ZeroDivisionError" in repr(crash)
    only_loss = checks.check_glove_loss_and_gradients(lambda *a: solution(*a)[0])
    assert "return a tuple (loss, grad_W, grad_C, grad_b_w, grad_b_c)" in repr(only_loss)
    transposed_W = checks.check_glove_loss_and_gradients(
        lambda *a: (lambda r: (r[0], r[1].T, *r[2:]))(solution(*a))
    )
    assert not transposed_W.passed and "grad_W" in repr(transposed_W)
    assert "expected shape (5, 3), got (3, 5)" in repr(transposed_W)

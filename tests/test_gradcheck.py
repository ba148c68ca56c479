"""Tests for wordvec_helpers.gradcheck, and a gradient check of every analytic gradient in the
package: the skip-gram losses (softmax and negative sampling), the SGNS trainer's minibatch
gradient, and the logistic regression of the evaluation module."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wordvec_helpers import skipgram
from wordvec_helpers.gradcheck import (
    BlockGradcheckResult,
    GradcheckResult,
    gradcheck,
    gradcheck_blocks,
    gradcheck_loss_and_gradients,
    numerical_gradient,
    numerical_jacobian,
    relative_errors,
)
from wordvec_helpers.skipgram import (
    neg_sampling_loss_and_gradients,
    sigmoid,
    softmax_loss_and_gradients,
)

shapes = st.tuples(st.integers(1, 6), st.integers(1, 6))
seeds = st.integers(0, 2**32 - 1)
FAST = settings(max_examples=30, deadline=None)


def softplus_sum(z) -> float:
    """L = Σ log(1 + exp(z_i)); ∂L/∂z = σ(z)."""
    return float(np.sum(np.logaddexp(0.0, z)))


# --------------------------------------------------------------------------- known derivatives


@FAST
@given(shape=shapes, seed=seeds)
def test_jacobians_of_the_precepts_rules(shape, seed):
    m, n = shape
    rng = np.random.default_rng(seed)
    W = rng.normal(size=(m, n))
    x = rng.normal(size=n)
    J = numerical_jacobian(lambda x: W @ x, x)  # z = Wx -> W
    assert J.shape == (m, n)
    np.testing.assert_allclose(J, W, rtol=1e-7, atol=1e-8)
    y = rng.normal(size=m)
    J = numerical_jacobian(lambda y: y @ W, y)  # z = xW with W of shape (m, n) -> Wᵀ
    assert J.shape == (n, m)
    np.testing.assert_allclose(J, W.T, rtol=1e-7, atol=1e-8)
    J = numerical_jacobian(np.tanh, x)  # elementwise -> diag(f'(x))
    np.testing.assert_allclose(J, np.diag(1 - np.tanh(x) ** 2), rtol=1e-7, atol=1e-9)
    assert np.all(J[~np.eye(n, dtype=bool)] == 0.0)  # z_i depends on x_i only: exact zeros


@FAST
@given(shape=shapes, seed=seeds)
def test_gradients_with_respect_to_a_matrix(shape, seed):
    m, n = shape
    rng = np.random.default_rng(seed)
    W = rng.normal(size=(m, n))
    x, y = rng.normal(size=n), rng.normal(size=m)
    grad = numerical_gradient(lambda W: softplus_sum(W @ x), W)  # (∂L/∂z)ᵀ xᵀ
    assert grad.shape == W.shape and grad.dtype == np.float64
    np.testing.assert_allclose(grad, np.outer(sigmoid(W @ x), x), rtol=1e-6, atol=1e-8)
    grad = numerical_gradient(lambda W: softplus_sum(y @ W), W)  # xᵀ (∂L/∂z)
    np.testing.assert_allclose(grad, np.outer(y, sigmoid(y @ W)), rtol=1e-6, atol=1e-8)


def test_quadratic_form_and_scalar_shapes():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(4, 4))
    x = rng.normal(size=4)
    grad = numerical_gradient(lambda x: 0.5 * x @ A @ x, x)
    np.testing.assert_allclose(grad, 0.5 * (A + A.T) @ x, rtol=1e-6, atol=1e-8)
    # a scalar f has a 1 x n Jacobian (the precept's row-vector ∂L/∂z)
    np.testing.assert_allclose(numerical_jacobian(lambda x: x @ x, x), [2 * x], rtol=1e-7)
    # a 0-d x works too
    assert numerical_gradient(lambda x: float(x) ** 3, 2.0) == pytest.approx(12.0, rel=1e-8)


def test_x_is_never_modified_and_float32_is_computed_in_float64():
    x = np.array([0.5, -1.0, 2.0], dtype=np.float32)
    before = x.copy()
    seen = []

    def f(v):
        seen.append(v.dtype)
        return float(np.sum(v**3))

    grad = numerical_gradient(f, x)
    assert np.array_equal(x, before) and x.dtype == np.float32
    assert grad.dtype == np.float64 and set(seen) == {np.dtype(np.float64)}
    np.testing.assert_allclose(grad, 3 * before.astype(np.float64) ** 2, rtol=1e-8)

    W = np.arange(6.0).reshape(2, 3)
    W_before = W.copy()
    gradcheck(lambda W: float(np.sum(W**2)), W, 2 * W)
    assert np.array_equal(W, W_before)


def test_centred_differences_are_second_order():
    """Halving eps divides the truncation error by about 4 (forward differences: by 2)."""
    x = np.array([0.7])

    def f(x):
        return float(np.exp(3 * x[0]))

    exact = 3 * np.exp(2.1)
    errors = [abs(numerical_gradient(f, x, eps)[0] - exact) for eps in (1e-2, 5e-3)]
    assert 3.5 < errors[0] / errors[1] < 4.5


# --------------------------------------------------------------------------- gradcheck verdicts


@FAST
@given(shape=shapes, seed=seeds, scale=st.sampled_from([0.01, 1.0, 30.0]))
def test_gradcheck_passes_right_gradients(shape, seed, scale):
    rng = np.random.default_rng(seed)
    W = rng.normal(scale=scale, size=shape)
    x = rng.normal(size=shape[1])
    result = gradcheck(lambda W: softplus_sum(W @ x), W, np.outer(sigmoid(W @ x), x))
    assert result.passed, result
    assert result.max_relative_error <= 1e-6


def test_gradcheck_passes_exact_zeros_in_the_true_gradient():
    """Entries whose true gradient is 0 come out as rounding noise (1e-11); they must pass."""
    x = np.array([1.3, -0.4, 2.2, 0.9])

    def f(x):  # depends on the first two entries only, with a large constant
        return 1000.0 + x[0] ** 2 + np.sin(x[1])

    assert gradcheck(f, x, [2 * x[0], np.cos(x[1]), 0.0, 0.0]).passed
    # and a function that is flat everywhere has gradient 0
    assert gradcheck(lambda x: 5.0, x, np.zeros(4)).passed


def _wrong_gradients():
    rng = np.random.default_rng(7)
    W = rng.normal(size=(3, 3))
    x = rng.normal(size=3)
    right = np.outer(sigmoid(W @ x), x)
    return W, x, right


@pytest.mark.parametrize(
    ("mistake", "wrong"),
    [
        ("transposed", lambda g: g.T),
        ("sign", lambda g: -g),
        ("zero", np.zeros_like),
        ("factor 2", lambda g: 2 * g),
        ("factor 1/2", lambda g: g / 2),
        ("off by 0.1 %", lambda g: 1.001 * g),
        ("one entry off by 1 %", lambda g: np.where(np.eye(3, k=1) == 1, 1.01 * g, g)),
    ],
)
def test_gradcheck_catches_wrong_gradients(mistake, wrong):
    W, x, right = _wrong_gradients()
    result = gradcheck(lambda W: softplus_sum(W @ x), W, wrong(right))
    assert not result.passed and not bool(result), mistake
    assert result.max_relative_error > 1e-4
    assert repr(result).startswith("❌ gradient check FAILED")


def test_an_all_zero_gradient_fails_whenever_the_true_one_is_not_zero():
    rng = np.random.default_rng(1)
    for scale in (1e-6, 1e-3, 1.0, 1e3):
        x = rng.normal(size=5)
        result = gradcheck(lambda x, s=scale: s * float(np.sum(np.sin(x))), x, np.zeros(5))
        assert not result.passed, scale
        if scale >= 1e-2:  # below, entries are measured against the noise floor atol / rtol
            assert result.max_relative_error == pytest.approx(1.0)


def test_result_object_and_its_report():
    W, x, right = _wrong_gradients()
    f = lambda W: softplus_sum(W @ x)  # noqa: E731
    ok = gradcheck(f, W, right, name="W")
    assert isinstance(ok, GradcheckResult) and ok.passed and bool(ok)
    assert repr(ok) == (
        "✅ gradient check passed: W (3, 3): max relative error < 1e-06 (rtol) over 9 entries"
    )
    assert ok.numerical.shape == ok.analytic.shape == ok.errors.shape == (3, 3)
    bad = right.copy()
    bad[1, 2] *= -1
    failed = gradcheck(f, W, bad, name="W")
    assert failed.where == (1, 2)
    assert failed.analytic_value == bad[1, 2]
    assert failed.numerical_value == pytest.approx(right[1, 2], rel=1e-6)
    assert failed.max_relative_error == pytest.approx(2.0, rel=1e-6)
    assert "max relative error 2 at W[1, 2]" in repr(failed)
    # a sign error everywhere gives ties at 2.0 up to rounding noise: the first index wins
    assert gradcheck(f, W, -right).where == (0, 0)
    # NaN in the analytic gradient is an infinite error, reported where it is
    nan = right.copy()
    nan[2, 0] = np.nan
    result = gradcheck(f, W, nan)
    assert not result.passed and result.where == (2, 0) and result.max_relative_error == np.inf


def test_relative_errors_definition():
    errors = relative_errors([1.0, 0.0, 0.0, 2.0, np.nan], [1.0, 0.0, 1e-12, -2.0, 1.0])
    np.testing.assert_array_equal(errors, [0.0, 0.0, 1.0, 2.0, np.inf])
    floored = relative_errors([0.0], [1e-12], floor=1e-3)
    np.testing.assert_allclose(floored, [1e-9])


def test_rtol_and_atol_are_respected():
    W, x, right = _wrong_gradients()
    f = lambda W: softplus_sum(W @ x)  # noqa: E731
    assert gradcheck(f, W, 1.001 * right, rtol=1e-2).passed
    assert not gradcheck(f, W, 1.001 * right, rtol=1e-4).passed
    # a huge atol makes every entry "small": the error is measured against atol / rtol
    assert gradcheck(f, W, 1.001 * right, atol=1.0).passed


# --------------------------------------------------------------------------- blocks and sampling


def _neg_sampling_point(rng, d=4, K=3):
    return {"u_t": rng.normal(size=d), "v_c": rng.normal(size=d), "v_neg": rng.normal(size=(K, d))}


def _ns_loss(u_t, v_c, v_neg):
    return neg_sampling_loss_and_gradients(u_t, v_c, v_neg)[0]


def test_gradcheck_blocks_reports_each_block():
    point = _neg_sampling_point(np.random.default_rng(2))
    _, g_u, g_c, g_neg = neg_sampling_loss_and_gradients(*point.values())
    result = gradcheck_blocks(_ns_loss, point, {"u_t": g_u, "v_c": g_c, "v_neg": g_neg})
    assert isinstance(result, BlockGradcheckResult) and result.passed
    assert list(result) == ["u_t", "v_c", "v_neg"] and len(result) == 3
    assert result["v_neg"].analytic.shape == (3, 4)
    text = repr(result)
    assert text.splitlines()[0] == "✅ gradient check passed for all 3 blocks"
    assert "  ✅ v_neg (3, 4): max relative error < 1e-06" in text
    # one wrong block fails alone; a sequence of gradients works as well as a mapping
    wrong = gradcheck_blocks(
        _ns_loss,
        point,
        [g_u, g_c, np.outer(1 - sigmoid(point["v_neg"] @ point["u_t"]), point["u_t"])],
    )
    assert not wrong.passed and wrong.failed == ["v_neg"]
    assert wrong["u_t"].passed and wrong["v_c"].passed
    assert repr(wrong).startswith("❌ gradient check FAILED for v_neg")


def test_gradcheck_blocks_rejects_mismatched_gradients():
    point = _neg_sampling_point(np.random.default_rng(2))
    _, g_u, g_c, g_neg = neg_sampling_loss_and_gradients(*point.values())
    with pytest.raises(KeyError, match="missing \\['v_neg'\\]"):
        gradcheck_blocks(_ns_loss, point, {"u_t": g_u, "v_c": g_c})
    with pytest.raises(ValueError, match="got 2 analytic gradients for 3 arrays"):
        gradcheck_blocks(_ns_loss, point, [g_u, g_c])
    with pytest.raises(ValueError, match="v_neg has shape \\(3, 4\\).*transposed"):
        gradcheck_blocks(_ns_loss, point, [g_u, g_c, g_neg.T])
    with pytest.raises(TypeError, match="mapping"):
        gradcheck_blocks(_ns_loss, [1.0], [1.0])


def test_sampling_functions_fixed_negatives_or_a_fixed_random_state():
    rng = np.random.default_rng(5)
    V = rng.normal(size=(10, 4))
    u_t = rng.normal(size=4)
    sampler = skipgram.NegativeSampler(np.arange(1, 11))

    def sampled_loss(u_t, rng=None):
        rng = rng if rng is not None else np.random.default_rng()
        neg_ids = sampler.sample(rng, 5)
        return neg_sampling_loss_and_gradients(u_t, V[0], V[neg_ids])[0]

    # random negatives at every evaluation: refused with an explanation
    with pytest.raises(ValueError, match="two different values at the same point.*seed="):
        gradcheck(sampled_loss, u_t, np.zeros(4))
    # the checker fixes the random state for every evaluation
    neg_ids = sampler.sample(np.random.default_rng(11), 5)
    grad = neg_sampling_loss_and_gradients(u_t, V[0], V[neg_ids])[1]
    assert gradcheck(sampled_loss, u_t, grad, seed=11).passed
    assert not gradcheck(sampled_loss, u_t, grad, seed=12).passed
    # or the function under check receives fixed negatives
    assert gradcheck(lambda u: _ns_loss(u, V[0], V[neg_ids]), u_t, grad).passed
    with pytest.raises(TypeError, match="seed must be an integer"):
        gradcheck(sampled_loss, u_t, grad, seed=1.5)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_x_is_refused(bad):
    x = np.array([[1.0, 2.0], [bad, 3.0]])
    for call in (
        lambda: numerical_gradient(lambda x: float(x.sum()), x),
        lambda: numerical_jacobian(lambda x: x, x),
        lambda: gradcheck(lambda x: float(x.sum()), x, np.ones((2, 2))),
    ):
        with pytest.raises(ValueError, match=r"x must be finite, but x\[1, 0\] is"):
            call()


@pytest.mark.parametrize(
    ("eps", "error", "match"),
    [
        (0.0, ValueError, "eps must be a finite number > 0, got 0.0"),
        (-1e-6, ValueError, "eps must be a finite number > 0"),
        (np.nan, ValueError, "eps must be a finite number > 0"),
        (2.0, ValueError, "eps must be a small step"),
        ("1e-6", TypeError, "eps must be a real number"),
        (True, TypeError, "eps must be a real number"),
    ],
)
def test_bad_eps_is_refused(eps, error, match):
    x = np.ones(3)
    with pytest.raises(error, match=match):
        numerical_gradient(lambda x: float(x.sum()), x, eps)
    with pytest.raises(error, match=match):
        gradcheck(lambda x: float(x.sum()), x, np.ones(3), eps=eps)


def test_f_returning_the_wrong_thing_is_refused():
    x = np.ones(3)
    with pytest.raises(ValueError, match=r"f must return a scalar.*shape \(3,\).*numerical_jac"):
        numerical_gradient(lambda x: x * 2, x)
    with pytest.raises(ValueError, match=r"f must return a scalar.*shape \(1,\)"):
        gradcheck(lambda x: np.array([x.sum()]), x, np.ones(3))
    with pytest.raises(TypeError, match="tuple of 4 items.*loss alone"):
        gradcheck(lambda x: neg_sampling_loss_and_gradients(x, x, x[None]), x, np.ones(3))
    with pytest.raises(ValueError, match=r"returned shape \(2,\) at x\[0\] \+ eps but \(1,\)"):
        numerical_jacobian(lambda v: v[: 1 + int(v[0] > 1)], x)
    with pytest.raises(ValueError, match="f returned nan"), np.errstate(invalid="ignore"):
        numerical_gradient(lambda x: float(np.log(x[0] - 2)), x)
    with pytest.raises(TypeError, match="complex"):
        numerical_gradient(lambda x: complex(x[0], 1), x)
    with pytest.raises(TypeError, match="f must be a function"):
        numerical_gradient("not a function", x)


def test_other_bad_input_is_refused():
    with pytest.raises(ValueError, match="x is empty"):
        numerical_gradient(lambda x: 0.0, np.array([]))
    with pytest.raises(TypeError, match="real"):
        numerical_gradient(lambda x: 0.0, np.array([1j]))
    with pytest.raises(TypeError, match="array of real numbers"):
        numerical_gradient(lambda x: 0.0, ["a", "b"])
    with pytest.raises(ValueError, match=r"has shape \(3, 2\), but x has shape \(2, 3\)"):
        gradcheck(lambda x: 0.0, np.ones((2, 3)), np.ones((3, 2)))
    with pytest.raises(ValueError, match="rtol must be < 1"):
        gradcheck(lambda x: 0.0, np.ones(2), np.zeros(2), rtol=1.0)

    def mutates(x):
        x[0] += 1.0
        return float(x.sum())

    with pytest.raises(ValueError, match="changed its argument in place"):
        numerical_gradient(mutates, np.ones(2))


# ----------------------------------------------------------------- the package's gradients


@FAST
@given(
    vocab_size=st.integers(1, 10),
    dim=st.integers(1, 5),
    seed=seeds,
    scale=st.sampled_from([0.1, 1.0, 3.0]),
)
def test_softmax_skipgram_gradients(vocab_size, dim, seed, scale):
    rng = np.random.default_rng(seed)
    u_t = rng.normal(scale=scale, size=dim)
    V = rng.normal(scale=scale, size=(vocab_size, dim))
    c = int(rng.integers(vocab_size))
    result = gradcheck_loss_and_gradients(
        lambda u_t, V: softmax_loss_and_gradients(u_t, V, c), {"u_t": u_t, "context_vectors": V}
    )
    assert result.passed, result


@FAST
@given(
    dim=st.integers(1, 5),
    negatives=st.integers(1, 6),
    seed=seeds,
    scale=st.sampled_from([0.1, 1.0, 3.0]),
)
def test_neg_sampling_gradients(dim, negatives, seed, scale):
    rng = np.random.default_rng(seed)
    point = {
        "u_t": rng.normal(scale=scale, size=dim),
        "v_c": rng.normal(scale=scale, size=dim),
        "v_neg": rng.normal(scale=scale, size=(negatives, dim)),
    }
    point["v_neg"][-1] = point["v_neg"][0]  # a repeated negative (when K > 1)
    result = gradcheck_loss_and_gradients(neg_sampling_loss_and_gradients, point)
    assert result.passed, result


def test_neg_sampling_gradient_with_respect_to_the_whole_context_matrix():
    """Repeated negatives, and the context word drawn as a negative: the gradient of the
    loss with respect to the matrix V accumulates every term of a word's row."""
    rng = np.random.default_rng(4)
    V = rng.normal(size=(6, 3))
    u_t = rng.normal(size=3)
    c, neg_ids = 2, np.array([2, 4, 4, 0])
    _, g_u, g_c, g_neg = neg_sampling_loss_and_gradients(u_t, V[c], V[neg_ids])
    grad_V = np.zeros_like(V)
    grad_V[c] += g_c
    np.add.at(grad_V, neg_ids, g_neg)
    result = gradcheck_blocks(
        lambda u_t, V: _ns_loss(u_t, V[c], V[neg_ids]), {"u_t": u_t, "V": V}, [g_u, grad_V]
    )
    assert result.passed, result
    overwritten = np.zeros_like(V)
    overwritten[c] = g_c
    overwritten[neg_ids] = g_neg
    assert not gradcheck(lambda V: _ns_loss(u_t, V[c], V[neg_ids]), V, overwritten).passed


def test_sgns_trainer_minibatch_gradient():
    """The vectorised trainer's gradient for a minibatch (shared negatives, repeated words)
    against finite differences of its own summed loss, in float64."""
    rng = np.random.default_rng(3)
    vocab_size, dim, window, K = 5, 3, 2, 2
    sentences = [rng.integers(vocab_size, size=n) for n in (9, 1, 6)]
    tokens = np.concatenate(sentences)
    sentence_of = np.repeat(np.arange(3), [s.size for s in sentences])
    epoch = skipgram._Epoch(tokens, sentence_of, np.ones(vocab_size), window, rng)
    step = skipgram._SgnsStep(vocab_size, window, K)
    params = rng.normal(scale=0.5, size=(2 * vocab_size, dim))
    groups = epoch.order[:1]
    shared = rng.integers(vocab_size, size=(1, K))

    def run(params):
        return step.gradients(params, epoch, groups, shared)

    rows, grads, _, n_pairs = run(params)
    assert n_pairs > 0
    analytic = np.zeros_like(params)
    np.add.at(analytic, rows, grads)
    result = gradcheck(lambda p: run(p)[2], params, analytic, name="[U; V]")
    assert result.passed, result


@FAST
@given(
    n=st.integers(1, 8),
    features=st.integers(1, 4),
    seed=seeds,
    l2=st.sampled_from([0.0, 0.1, 2.0]),
)
def test_logistic_regression_gradient(n, features, seed, l2):
    evaluation = pytest.importorskip("wordvec_helpers.evaluation")  # issue 5's module
    rng = np.random.default_rng(seed)
    X = rng.normal(scale=2.0, size=(n, features))
    y = rng.integers(2, size=n)
    weights, bias = rng.normal(size=features), float(rng.normal())

    def fn(weights, bias):
        loss, grad_w, grad_b = evaluation.logistic_loss_and_gradient(weights, bias, X, y, l2)
        return loss, grad_w, grad_b

    result = gradcheck_loss_and_gradients(fn, {"weights": weights, "bias": np.float64(bias)})
    assert result.passed, result

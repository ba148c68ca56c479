"""The matrix-calculus and skip-gram exercise checks: right answers pass, each seeded mistake
gets its diagnosis, a stub is "not done yet", a crash is reported rather than raised."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import logsumexp

from wordvec_helpers import checks
from wordvec_helpers.skipgram import (
    log_sigmoid,
    neg_sampling_loss_and_gradients,
    sigmoid,
    softmax_loss_and_gradients,
)


def stub(*args):
    raise NotImplementedError


def crash(*args):
    return [][1]


def assert_diagnosis(result, diagnosis):
    assert not result.passed and result.done, result
    assert diagnosis in result.message, result
    assert repr(result).startswith("❌")


ALL_CHECKS = [
    checks.check_jacobian_matrix_times_vector,
    checks.check_jacobian_vector_times_matrix,
    checks.check_jacobian_elementwise,
    checks.check_grad_matrix_times_vector,
    checks.check_grad_vector_times_matrix,
    checks.check_neg_sampling_grad_u_t,
    checks.check_neg_sampling_grad_v_c,
    checks.check_neg_sampling_grad_v_neg,
    checks.check_neg_sampling_context_gradient,
    checks.check_neg_sampling_loss_and_gradients,
    checks.check_softmax_loss_and_gradients,
]


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.__name__)
def test_stub_is_not_done_and_crash_is_reported(check):
    result = check(stub)
    assert not result.passed and not result.done
    assert repr(result).startswith("⏳") and "not done yet" in repr(result)
    result = check(crash)
    assert_diagnosis(result, "your function raised IndexError")
    result = check("not a function")
    assert not result.passed and "expected a function" in result.message


# --------------------------------------------------------------------------- Jacobians


@pytest.mark.parametrize(
    ("answer", "diagnosis"),
    [
        (lambda W, x: W, None),
        (lambda W, x: W.T, "transposed"),
        (lambda W, x: -W, "wrong sign"),
        (lambda W, x: W @ x, "that is z = Wx itself"),
        (lambda W, x: W[:, :1], "expected shape (3, 4)"),
        (lambda W, x: W + 1e-3, "entries differ"),
    ],
)
def test_jacobian_of_matrix_times_vector(answer, diagnosis):
    result = checks.check_jacobian_matrix_times_vector(answer)
    if diagnosis is None:
        assert result.passed and repr(result).startswith("✅"), result
    else:
        assert_diagnosis(result, diagnosis)


@pytest.mark.parametrize(
    ("answer", "diagnosis"),
    [
        (lambda x, W: W.T, None),
        (lambda x, W: W, "the Jacobian is Wᵀ"),
        (lambda x, W: -W.T, "wrong sign"),
        (lambda x, W: x @ W, "that is z = xW itself"),
    ],
)
def test_jacobian_of_vector_times_matrix(answer, diagnosis):
    result = checks.check_jacobian_vector_times_matrix(answer)
    if diagnosis is None:
        assert result.passed, result
    else:
        assert_diagnosis(result, diagnosis)


def _sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


@pytest.mark.parametrize(
    ("answer", "diagnosis"),
    [
        (lambda x: np.diag(_sigmoid_prime(x)), None),
        (_sigmoid_prime, "missing diag"),
        (lambda x: np.diag(sigmoid(x)), "diag(σ(x)) is the function itself"),
        (lambda x: np.outer(sigmoid(x), 1 - sigmoid(x)), "outer product"),
        (lambda x: _sigmoid_prime(x) * np.ones((x.size, x.size)), "every row repeats"),
        (lambda x: _sigmoid_prime(x)[:, None] * np.ones((1, x.size)), "every column repeats"),
        (lambda x: -np.diag(_sigmoid_prime(x)), "wrong sign"),
        (lambda x: np.diag(1 - sigmoid(x)), "not 1 - σ(x)"),
        (lambda x: np.diag(_sigmoid_prime(x))[:-1], "expected shape (4, 4)"),
    ],
)
def test_jacobian_of_an_elementwise_function(answer, diagnosis):
    result = checks.check_jacobian_elementwise(answer)
    if diagnosis is None:
        assert result.passed, result
    else:
        assert_diagnosis(result, diagnosis)


@pytest.mark.parametrize(
    ("answer", "diagnosis"),
    [
        (lambda x, dL_dz: np.outer(dL_dz, x), None),
        (lambda x, dL_dz: dL_dz[:, None] @ x[None, :], None),
        (lambda x, dL_dz: np.outer(x, dL_dz), "outer product is in the wrong order"),
        (lambda x, dL_dz: -np.outer(dL_dz, x), "wrong sign"),
        (lambda x, dL_dz: np.outer(dL_dz, x)[:, :-1], "expected shape (3, 4) (the shape of W"),
    ],
)
def test_gradient_for_matrix_times_vector(answer, diagnosis):
    result = checks.check_grad_matrix_times_vector(answer)
    if diagnosis is None:
        assert result.passed, result
    else:
        assert_diagnosis(result, diagnosis)


@pytest.mark.parametrize(
    ("answer", "diagnosis"),
    [
        (lambda x, dL_dz: np.outer(x, dL_dz), None),
        (lambda x, dL_dz: np.outer(dL_dz, x), "outer product is in the wrong order"),
        (lambda x, dL_dz: -np.outer(x, dL_dz), "wrong sign"),
    ],
)
def test_gradient_for_vector_times_matrix(answer, diagnosis):
    result = checks.check_grad_vector_times_matrix(answer)
    if diagnosis is None:
        assert result.passed, result
    else:
        assert_diagnosis(result, diagnosis)


def test_elementwise_product_and_dot_product_are_named_on_square_cases():
    """Where m == n a student may multiply x and dL/dz entry by entry or take a dot product;
    those answers have the wrong shape on the first case, so feed a square case first."""
    from wordvec_helpers.checks import gradients

    def elementwise(x, dL_dz):
        if x.shape != dL_dz.shape:
            return np.outer(dL_dz, x)  # right on the non-square cases
        return x * dL_dz

    assert_diagnosis(gradients.check_grad_matrix_times_vector(elementwise), "entry by entry")

    def dot(x, dL_dz):
        return np.outer(dL_dz, x) if x.shape != dL_dz.shape else np.dot(x, dL_dz)

    assert_diagnosis(gradients.check_grad_matrix_times_vector(dot), "a dot product")


# --------------------------------------------------------------------------- negative sampling


def student_neg_sampling(
    u_t,
    v_c,
    v_neg,
    *,
    loss_sign=1.0,
    negative_sigma_sign=-1.0,
    naive_log=False,
    mean_negatives=False,
    grad_u_negatives="right",
    grad_v_c="right",
    grad_v_neg="right",
):
    """A student's implementation, with switches that reproduce the common mistakes."""
    s_c = sigmoid(u_t @ v_c)
    s_k = sigmoid(v_neg @ u_t)
    log_sig = (lambda x: np.log(1 / (1 + np.exp(-x)))) if naive_log else log_sigmoid
    negative_terms = log_sig(negative_sigma_sign * (v_neg @ u_t))
    total = np.mean(negative_terms) if mean_negatives else np.sum(negative_terms)
    loss = loss_sign * float(-log_sig(u_t @ v_c) - total)
    grad_u = {
        "right": (s_c - 1) * v_c + s_k @ v_neg,
        "sigma(x) for sigma(-x)": (s_c - 1) * v_c + (1 - s_k) @ v_neg,
        "minus": (s_c - 1) * v_c - s_k @ v_neg,
        "forgot -1": s_c * v_c + s_k @ v_neg,
        "no negatives": (s_c - 1) * v_c,
        "no positive": s_k @ v_neg,
        "no sum": (s_c - 1) * v_c + s_k[:, None] * v_neg,
        "negatives as positives": (s_c - 1) * v_c + (s_k - 1) @ v_neg,
        "sign": -((s_c - 1) * v_c + s_k @ v_neg),
    }[grad_u_negatives]
    g_c = {
        "right": (s_c - 1) * u_t,
        "forgot -1": s_c * u_t,
        "v_c for u_t": (s_c - 1) * v_c,
        "sign": (1 - s_c) * u_t,
        "sigma(-x)": (sigmoid(-(u_t @ v_c)) - 1) * u_t,
    }[grad_v_c]
    g_neg = {
        "right": np.outer(s_k, u_t),
        "sigma(x) for sigma(-x)": np.outer(1 - s_k, u_t),
        "transposed": np.outer(s_k, u_t).T,
        "summed": s_k.sum() * u_t,
        "v_k for u_t": s_k[:, None] * v_neg,
        "negatives as positives": np.outer(s_k - 1, u_t),
        "sign": -np.outer(s_k, u_t),
    }[grad_v_neg]
    return loss, grad_u, g_c, g_neg


def test_neg_sampling_check_passes_the_package_and_a_student_version():
    result = checks.check_neg_sampling_loss_and_gradients(neg_sampling_loss_and_gradients)
    assert result.passed and repr(result).startswith("✅"), result
    assert checks.check_neg_sampling_loss_and_gradients(student_neg_sampling).passed
    # lists instead of arrays are fine
    assert checks.check_neg_sampling_loss_and_gradients(
        lambda *a: tuple(np.asarray(v).tolist() for v in student_neg_sampling(*a))
    ).passed


@pytest.mark.parametrize(
    ("mistake", "diagnosis"),
    [
        ({"loss_sign": -1.0}, "loss (d = 4, K = 3): wrong sign"),
        ({"negative_sigma_sign": 1.0}, "σ(u_t·v_k) where σ(-u_t·v_k) belongs"),
        ({"mean_negatives": True}, "averaged"),
        ({"naive_log": True}, "large scores, u_t·v_c = -750): your answer has inf or NaN"),
        ({"grad_u_negatives": "sigma(x) for sigma(-x)"}, "grad_u_t (d = 4, K = 3): σ(u_t·v_k) "),
        ({"grad_u_negatives": "minus"}, "the two minus signs cancel"),
        ({"grad_u_negatives": "forgot -1"}, "d log σ(x)/dx = 1 - σ(x)"),
        ({"grad_u_negatives": "no negatives"}, "Σ_k σ(u_t·v_k) v_k is missing"),
        ({"grad_u_negatives": "no positive"}, "the positive term (σ(u_t·v_c) - 1) v_c is missing"),
        ({"grad_u_negatives": "no sum"}, "the sum over k is missing"),
        ({"grad_u_negatives": "sign"}, "grad_u_t (d = 4, K = 3): wrong sign"),
        ({"grad_u_negatives": "negatives as positives"}, "treated like the context word"),
        ({"grad_v_neg": "negatives as positives"}, "grad_v_neg (d = 4, K = 3): this is the"),
        ({"grad_v_c": "forgot -1"}, "grad_v_c (d = 4, K = 3): σ(u_t·v_c) u_t instead of"),
        ({"grad_v_c": "v_c for u_t"}, "∂(u_t·v_c)/∂v_c is u_t, not v_c"),
        ({"grad_v_c": "sign"}, "grad_v_c (d = 4, K = 3): wrong sign"),
        ({"grad_v_c": "sigma(-x)"}, "σ(-u_t·v_c) where σ(u_t·v_c) belongs"),
        ({"grad_v_neg": "sigma(x) for sigma(-x)"}, "grad_v_neg (d = 4, K = 3): σ(u_t·v_k) where"),
        ({"grad_v_neg": "transposed"}, "transposed: one row per negative sample"),
        ({"grad_v_neg": "summed"}, "summed over the negatives"),
        ({"grad_v_neg": "v_k for u_t"}, "∂(u_t·v_k)/∂v_k is u_t, not v_k"),
        ({"grad_v_neg": "sign"}, "grad_v_neg (d = 4, K = 3): wrong sign"),
    ],
)
def test_neg_sampling_mistakes_are_named(mistake, diagnosis):
    result = checks.check_neg_sampling_loss_and_gradients(
        lambda u_t, v_c, v_neg: student_neg_sampling(u_t, v_c, v_neg, **mistake)
    )
    assert_diagnosis(result, diagnosis)


def test_neg_sampling_loss_with_sigma_flipped_for_the_positive_word():
    def flipped(u_t, v_c, v_neg):
        _, *grads = neg_sampling_loss_and_gradients(u_t, v_c, v_neg)
        loss = float(-log_sigmoid(-(u_t @ v_c)) - np.sum(log_sigmoid(-(v_neg @ u_t))))
        return (loss, *grads)

    result = checks.check_neg_sampling_loss_and_gradients(flipped)
    assert_diagnosis(result, "σ(-u_t·v_c) where σ(u_t·v_c) belongs")


def test_neg_sampling_check_wants_a_four_tuple_and_the_right_shapes():
    result = checks.check_neg_sampling_loss_and_gradients(
        lambda u_t, v_c, v_neg: neg_sampling_loss_and_gradients(u_t, v_c, v_neg)[:3]
    )
    assert_diagnosis(result, "return a tuple (loss, grad_u_t, grad_v_c, grad_v_neg), got 3")

    def wrong_shape(u_t, v_c, v_neg):
        loss, g_u, g_c, g_neg = neg_sampling_loss_and_gradients(u_t, v_c, v_neg)
        return loss, g_u, g_c, g_neg.ravel()

    assert_diagnosis(
        checks.check_neg_sampling_loss_and_gradients(wrong_shape),
        "grad_v_neg (d = 4, K = 3): expected shape (3, 4) ((K, d), the shape of v_neg",
    )

    def loss_array(u_t, v_c, v_neg):
        loss, *grads = neg_sampling_loss_and_gradients(u_t, v_c, v_neg)
        return (np.array([loss]), *grads)  # a size-1 array counts as the number

    assert checks.check_neg_sampling_loss_and_gradients(loss_array).passed


@pytest.mark.parametrize(
    ("check", "block", "answer", "diagnosis"),
    [
        (checks.check_neg_sampling_grad_u_t, 1, "right", None),
        (
            checks.check_neg_sampling_grad_u_t,
            1,
            {"grad_u_negatives": "sigma(x) for sigma(-x)"},
            "σ(u_t·v_k) where σ(-u_t·v_k) belongs",
        ),
        (checks.check_neg_sampling_grad_u_t, 1, {"grad_u_negatives": "sign"}, "wrong sign"),
        (checks.check_neg_sampling_grad_v_c, 2, "right", None),
        (checks.check_neg_sampling_grad_v_c, 2, {"grad_v_c": "forgot -1"}, "1 - σ(x)"),
        (checks.check_neg_sampling_grad_v_neg, 3, "right", None),
        (checks.check_neg_sampling_grad_v_neg, 3, {"grad_v_neg": "transposed"}, "transposed"),
        (checks.check_neg_sampling_grad_v_neg, 3, {"grad_v_neg": "summed"}, "summed over"),
    ],
)
def test_exercise_q2_block_checks(check, block, answer, diagnosis):
    mistake = {} if answer == "right" else answer
    result = check(lambda u_t, v_c, v_neg: student_neg_sampling(u_t, v_c, v_neg, **mistake)[block])
    if diagnosis is None:
        assert result.passed and "(Exercise Q2)" in result.message, result
    else:
        assert_diagnosis(result, diagnosis)


def test_q2_block_check_names_a_shape_mismatch():
    result = checks.check_neg_sampling_grad_u_t(lambda u_t, v_c, v_neg: np.zeros(2))
    assert_diagnosis(result, "expected shape (4,) ((d,), the shape of u_t), got (2,)")


def _context_gradient(u_t, V, c, neg_ids, *, how="add.at"):
    _, _, g_c, g_neg = neg_sampling_loss_and_gradients(u_t, V[c], V[neg_ids])
    G = np.zeros_like(V)
    if how == "add.at":
        G[c] += g_c
        np.add.at(G, neg_ids, g_neg)
    elif how == "assign":
        G[c] = g_c
        G[neg_ids] = g_neg
    elif how == "fancy +=":
        G[c] += g_c
        G[neg_ids] += g_neg
    elif how == "positive last":
        np.add.at(G, neg_ids, g_neg)
        G[c] = g_c
    elif how == "loop":
        G[c] += g_c
        for k, word in enumerate(neg_ids):
            G[word] += g_neg[k]
    return G


@pytest.mark.parametrize(
    ("how", "diagnosis"),
    [
        ("add.at", None),
        ("loop", None),
        ("assign", "a repeated negative was counted once"),
        ("fancy +=", "G[neg_ids] += grad_v_neg (like G[neg_ids] = grad_v_neg) adds each"),
        ("positive last", "row c was overwritten"),
    ],
)
def test_context_matrix_gradient_accumulates(how, diagnosis):
    result = checks.check_neg_sampling_context_gradient(
        lambda u_t, V, c, neg_ids: _context_gradient(u_t, V, c, neg_ids, how=how)
    )
    if diagnosis is None:
        assert result.passed, result
    else:
        assert_diagnosis(result, diagnosis)


# --------------------------------------------------------------------------- full softmax


def student_softmax(u_t, V, c, *, mistake=None):
    scores = V @ u_t
    if mistake == "naive":
        p = np.exp(scores) / np.exp(scores).sum()
        loss = -np.log(p[c])
    else:
        p = np.exp(scores - logsumexp(scores))
        loss = float(logsumexp(scores) - scores[c])
    y = np.zeros_like(p)
    y[c] = 1.0
    grad_u = V.T @ (p - y)
    grad_V = np.outer(p - y, u_t)
    if mistake == "loss sign":
        loss = -loss
    elif mistake == "probability":
        loss = p[c]
    elif mistake == "no normaliser":
        loss = -scores[c]
    elif mistake == "grad_u sign":
        grad_u = -grad_u
    elif mistake == "no -v_c":
        grad_u = V.T @ p
    elif mistake == "only -v_c":
        grad_u = -V[c]
    elif mistake == "p - y":
        grad_u = p - y
    elif mistake == "grad_V sign":
        grad_V = -grad_V
    elif mistake == "grad_V transposed":
        grad_V = grad_V.T
    elif mistake == "no -y":
        grad_V = np.outer(p, u_t)
    elif mistake == "only row c":
        only = np.zeros_like(grad_V)
        only[c] = grad_V[c]
        grad_V = only
    return loss, grad_u, grad_V


def test_softmax_check_passes_the_package_and_a_student_version():
    assert checks.check_softmax_loss_and_gradients(softmax_loss_and_gradients).passed
    assert checks.check_softmax_loss_and_gradients(student_softmax).passed


@pytest.mark.parametrize(
    ("mistake", "diagnosis"),
    [
        ("naive", "exp overflows for large scores"),
        ("loss sign", "loss (|V| = 6, d = 3, c = 2): wrong sign"),
        ("probability", "that is P[c | t]"),
        ("no normaliser", "the normaliser is missing"),
        ("grad_u sign", "grad_u_t (|V| = 6, d = 3, c = 2): wrong sign"),
        ("no -v_c", "the -v_c term is missing"),
        ("only -v_c", "the normaliser's gradient Σ_c' P[c'|t] v_c' is missing"),
        ("p - y", "that is ∂L/∂scores = P - y"),
        ("grad_V sign", "grad_context_vectors (|V| = 6, d = 3, c = 2): wrong sign"),
        ("grad_V transposed", "the outer product is in the wrong order"),
        ("no -y", "the -u_t in row c is missing"),
        ("only row c", "only row c is filled"),
    ],
)
def test_softmax_mistakes_are_named(mistake, diagnosis):
    result = checks.check_softmax_loss_and_gradients(
        lambda u_t, V, c: student_softmax(u_t, V, c, mistake=mistake)
    )
    assert_diagnosis(result, diagnosis)


def test_checks_do_not_let_the_student_modify_their_inputs():
    """A function that writes into its arguments must not change the later cases."""

    def vandal(u_t, V, c):
        answer = softmax_loss_and_gradients(u_t, V, c)
        V[:] = 0.0
        u_t[:] = 0.0
        return answer

    assert checks.check_softmax_loss_and_gradients(vandal).passed


# --------------------------------------------------------------------------------------------
# The catalogue (tests/test_mistake_catalogue.py): (check, mistake id) -> a wrong answer
# --------------------------------------------------------------------------------------------

SEEDED_04_05: dict = {
    # (check name, mistake id): wrong student function
}


SEEDED_06: dict = {
    # (check name, mistake id): wrong student function
}


SEEDED_MISTAKES = {**SEEDED_04_05, **SEEDED_06}

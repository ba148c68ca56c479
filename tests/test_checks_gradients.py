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
# Notebook 06's checks (the matrix-calculus rules, the softmax Jacobian, the context matrix):
# right answers pass, each catalogued mistake is seeded in SEEDED_06 (bottom of this module;
# tests/test_mistake_catalogue.py runs them), and the behaviour around them is tested here.


def _sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


def _softmax(z):
    return np.exp(z - logsumexp(z))


def _softmax_jacobian(z):
    p = _softmax(z)
    return np.diag(p) - np.outer(p, p)


def _numerical_softmax_jacobian(z):
    from wordvec_helpers.gradcheck import numerical_jacobian

    return numerical_jacobian(_softmax, z)


def _naive_softmax_jacobian(z):
    p = np.exp(z) / np.exp(z).sum()  # overflows for scores near 1000
    return np.diag(p) - np.outer(p, p)


def _ctx_gradient(how):
    """A student's ∂L/∂context_vectors, right ("add.at", "loop") or with one mistake."""

    def gradient(u_t, V, c, neg_ids):
        _, _, g_c, g_neg = neg_sampling_loss_and_gradients(u_t, V[c], V[neg_ids])
        G = np.zeros_like(V)
        if how in ("add.at", "no context"):
            if how == "add.at":
                G[c] += g_c
            np.add.at(G, neg_ids, g_neg)
        elif how == "loop":
            G[c] += g_c
            for k, word in enumerate(neg_ids):
                G[word] += g_neg[k]
        elif how == "assign":
            G[c] = g_c
            G[neg_ids] = g_neg
        elif how == "fancy +=":
            G[c] += g_c
            G[neg_ids] += g_neg
        elif how == "context last":
            np.add.at(G, neg_ids, g_neg)
            G[c] = g_c
        elif how == "no negatives":
            G[c] = g_c
        elif how == "sign":
            G[c] -= g_c
            np.subtract.at(G, neg_ids, g_neg)
        return G

    return gradient


RIGHT_ANSWERS_06 = [
    (checks.check_jacobian_matrix_times_vector, lambda W, x: W),
    (checks.check_jacobian_matrix_times_vector, lambda W, x: W.tolist()),
    (checks.check_jacobian_vector_times_matrix, lambda x, W: W.T),
    (checks.check_jacobian_vector_times_matrix, lambda x, W: np.transpose(W).copy()),
    (checks.check_jacobian_elementwise, lambda x: np.diag(_sigmoid_prime(x))),
    (checks.check_jacobian_elementwise, lambda x: np.eye(x.size) * _sigmoid_prime(x)),
    (checks.check_jacobian_softmax, _softmax_jacobian),
    (checks.check_jacobian_softmax, _numerical_softmax_jacobian),
    (checks.check_grad_matrix_times_vector, lambda x, dL_dz: np.outer(dL_dz, x)),
    (checks.check_grad_matrix_times_vector, lambda x, dL_dz: dL_dz[:, None] @ x[None, :]),
    (checks.check_grad_vector_times_matrix, lambda x, dL_dz: np.outer(x, dL_dz)),
    (checks.check_grad_vector_times_matrix, lambda x, dL_dz: x[:, None] * dL_dz[None, :]),
    (checks.check_neg_sampling_context_gradient, _ctx_gradient("add.at")),
    (checks.check_neg_sampling_context_gradient, _ctx_gradient("loop")),
]


@pytest.mark.parametrize(("check", "answer"), RIGHT_ANSWERS_06)
def test_06_right_answers_pass(check, answer):
    result = check(answer)
    assert result.passed and repr(result).startswith("✅"), result
    assert result.mistake is None


CHECKS_06 = [
    checks.check_jacobian_matrix_times_vector,
    checks.check_jacobian_vector_times_matrix,
    checks.check_jacobian_elementwise,
    checks.check_jacobian_softmax,
    checks.check_grad_matrix_times_vector,
    checks.check_grad_vector_times_matrix,
    checks.check_neg_sampling_context_gradient,
]


@pytest.mark.parametrize("check", CHECKS_06, ids=lambda c: c.__name__)
def test_06_checks_say_not_done_for_a_stub_and_report_a_crash(check):
    assert repr(check(stub)).startswith("⏳")
    assert_diagnosis(check(crash), "your function raised IndexError")


def test_06_an_unknown_wrong_answer_is_still_located():
    """An answer that matches no catalogued mistake gets the generic, located message."""
    result = checks.check_jacobian_matrix_times_vector(lambda W, x: W + 1e-3)
    assert_diagnosis(result, "entries differ")
    assert result.mistake is None
    result = checks.check_jacobian_elementwise(lambda x: np.diag(_sigmoid_prime(x))[:-1])
    assert_diagnosis(result, "expected shape (4, 4)")
    result = checks.check_grad_matrix_times_vector(lambda x, dL_dz: np.outer(dL_dz, x)[:, :-1])
    assert_diagnosis(result, "expected shape (3, 3) (the shape of W")


def test_06_elementwise_and_dot_products_are_named_even_though_they_crash_on_non_square_W():
    """x * dL_dz only runs when m = n: the square case comes first so that it is named."""
    for check in (checks.check_grad_matrix_times_vector, checks.check_grad_vector_times_matrix):
        assert check(lambda x, dL_dz: x * dL_dz).mistake == "elementwise-product"
        assert check(lambda x, dL_dz: np.dot(x, dL_dz)).mistake == "dot-product"


def test_06_the_two_matrix_rules_tell_their_orders_apart():
    """Rule 4's answer is rule 5's wrong order and the other way round."""
    rule_4, rule_5 = (lambda x, g: np.outer(g, x)), (lambda x, g: np.outer(x, g))
    result = checks.check_grad_vector_times_matrix(rule_4)
    assert result.mistake == "wrong-order" and "(n, m)" in result.message
    result = checks.check_grad_matrix_times_vector(rule_5)
    assert result.mistake == "wrong-order" and "(m, n)" in result.message


def test_06_softmax_jacobian_names_the_overflow_on_the_case_that_causes_it():
    result = checks.check_jacobian_softmax(_naive_softmax_jacobian)
    assert result.mistake == "overflow", result
    assert "(scores near 1000)" in result.message


def test_06_context_gradient_feedback_names_words_not_ids():
    import re

    result = checks.check_neg_sampling_context_gradient(_ctx_gradient("fancy +="))
    assert "context word 'cat', negatives 'cat', 'on', 'on', 'mat'" in result.message, result
    assert "'on' drawn twice" in result.message
    assert not re.search(r"\[\d", result.message), result.message  # no id lists


def test_06_a_row_assignment_and_a_buffered_add_are_told_apart():
    """On a case where the context word is also a negative the two differ, so each is named."""
    fancy = checks.check_neg_sampling_context_gradient(_ctx_gradient("fancy +="))
    assign = checks.check_neg_sampling_context_gradient(_ctx_gradient("assign"))
    assert (fancy.mistake, assign.mistake) == (
        "repeated-negative-added-once",
        "repeated-negative-assigned",
    )


# --------------------------------------------------------------------------- negative sampling
# Notebooks 04-05 (the 04-05 engineer's region): the negative-sampling checks here, the
# full-softmax check below, and SEEDED_04_05 at the end.


def _naive_log_sigmoid(x):
    return np.log(1 / (1 + np.exp(-x)))


def _ns_loss_variants(u_t, v_c, v_neg):
    pos, neg = u_t @ v_c, v_neg @ u_t  # u_t·v_c, (K,) u_t·v_ci
    s_c, s_k = sigmoid(pos), sigmoid(neg)
    return {
        "right": lambda: float(-log_sigmoid(pos) - log_sigmoid(-neg).sum()),
        "loss-sign": lambda: float(log_sigmoid(pos) + log_sigmoid(-neg).sum()),
        # the student wrote σ(+u_t·v_ci) for a negative word
        "loss-sigma-flipped-negatives": lambda: float(-log_sigmoid(pos) - log_sigmoid(neg).sum()),
        # the student wrote σ(-u_t·v_c) for the context word
        "loss-sigma-flipped-positive": lambda: float(-log_sigmoid(-pos) - log_sigmoid(-neg).sum()),
        "loss-sigma-flipped-both": lambda: float(-log_sigmoid(-pos) - log_sigmoid(neg).sum()),
        "loss-no-negatives": lambda: float(-log_sigmoid(pos)),
        "loss-not-summed": lambda: -log_sigmoid(pos) - log_sigmoid(-neg),  # forgot .sum()
        "loss-no-log": lambda: float(-s_c - (1 - s_k).sum()),
        "loss-averaged-negatives": lambda: float(-log_sigmoid(pos) - log_sigmoid(-neg).mean()),
        "loss-naive-log": lambda: float(-_naive_log_sigmoid(pos) - _naive_log_sigmoid(-neg).sum()),
    }


def _ns_grad_u_variants(u_t, v_c, v_neg):
    s_c, s_k = sigmoid(u_t @ v_c), sigmoid(v_neg @ u_t)
    positive = (s_c - 1) * v_c
    return {
        "right": lambda: positive + s_k @ v_neg,
        "grad-u-sign": lambda: -(positive + s_k @ v_neg),
        # the student wrote σ(-u_t·v_ci) v_ci (or, the same, (1 - σ(u_t·v_ci)) v_ci)
        "grad-u-sigma-flipped-negatives": lambda: positive + sigmoid(-(v_neg @ u_t)) @ v_neg,
        # the student wrote (σ(-u_t·v_c) - 1) v_c
        "grad-u-sigma-flipped-positive": lambda: (sigmoid(-(u_t @ v_c)) - 1) * v_c + s_k @ v_neg,
        "grad-u-negatives-minus": lambda: positive - s_k @ v_neg,
        "grad-u-forgot-minus-one": lambda: s_c * v_c + s_k @ v_neg,
        "grad-u-negatives-as-positive": lambda: positive + (s_k - 1) @ v_neg,
        "grad-u-no-negatives": lambda: positive,
        "grad-u-no-positive": lambda: s_k @ v_neg,
        "grad-u-not-summed": lambda: positive + s_k[:, None] * v_neg,
        "grad-u-averaged-negatives": lambda: positive + np.mean(s_k[:, None] * v_neg, axis=0),
        "grad-u-wrong-vector": lambda: (s_c - 1) * u_t + s_k.sum() * u_t,
    }


def _ns_grad_v_c_variants(u_t, v_c, v_neg):
    s_c, s_k = sigmoid(u_t @ v_c), sigmoid(v_neg @ u_t)
    return {
        "right": lambda: (s_c - 1) * u_t,
        "grad-v-c-sign": lambda: (1 - s_c) * u_t,
        "grad-v-c-forgot-minus-one": lambda: s_c * u_t,
        "grad-v-c-sigma-flipped": lambda: (sigmoid(-(u_t @ v_c)) - 1) * u_t,
        "grad-v-c-wrong-vector": lambda: (s_c - 1) * v_c,
        "grad-v-c-with-negatives": lambda: (s_c - 1) * u_t + s_k.sum() * u_t,
    }


def _ns_grad_v_neg_variants(u_t, v_c, v_neg):
    s_k = sigmoid(v_neg @ u_t)
    return {
        "right": lambda: np.outer(s_k, u_t),
        "grad-v-neg-sign": lambda: -np.outer(s_k, u_t),
        # the student wrote σ(-u_t·v_ci) u_t (or, the same, (1 - σ(u_t·v_ci)) u_t)
        "grad-v-neg-sigma-flipped": lambda: np.outer(sigmoid(-(v_neg @ u_t)), u_t),
        "grad-v-neg-as-positive": lambda: np.outer(s_k - 1, u_t),
        "grad-v-neg-transposed": lambda: np.outer(u_t, s_k),
        "grad-v-neg-summed": lambda: s_k.sum() * u_t,
        "grad-v-neg-averaged": lambda: s_k.mean() * u_t,
        "grad-v-neg-wrong-vector": lambda: s_k[:, None] * v_neg,
    }


NS_VARIANTS = {
    "loss": _ns_loss_variants,
    "grad_u_t": _ns_grad_u_variants,
    "grad_v_c": _ns_grad_v_c_variants,
    "grad_v_neg": _ns_grad_v_neg_variants,
}
NS_BLOCK_INDEX = {"loss": 0, "grad_u_t": 1, "grad_v_c": 2, "grad_v_neg": 3}


def student_neg_sampling(u_t, v_c, v_neg, **mistakes):
    """A student's implementation; ``block=mistake id`` reproduces that mistake in one block,
    e.g. ``student_neg_sampling(u_t, v_c, v_neg, grad_v_c="grad-v-c-sign")``."""
    with np.errstate(all="ignore"):
        return tuple(
            NS_VARIANTS[block](u_t, v_c, v_neg)[mistakes.get(block, "right")]()
            for block in NS_BLOCK_INDEX
        )


def _ns_wrong(block, mistake_id):
    return lambda u_t, v_c, v_neg: student_neg_sampling(u_t, v_c, v_neg, **{block: mistake_id})


def _ns_block_answer(block, mistake_id="right"):
    index = NS_BLOCK_INDEX[block]
    return lambda u_t, v_c, v_neg: _ns_wrong(block, mistake_id)(u_t, v_c, v_neg)[index]


def _ns_variant_ids(block):
    case = np.ones(2), np.ones(2), np.ones((2, 2))
    return [key for key in NS_VARIANTS[block](*case) if key != "right"]


def test_neg_sampling_check_passes_the_package_and_a_student_version():
    result = checks.check_neg_sampling_loss_and_gradients(neg_sampling_loss_and_gradients)
    assert result.passed and repr(result).startswith("✅"), result
    assert checks.check_neg_sampling_loss_and_gradients(student_neg_sampling).passed
    # lists instead of arrays are fine
    assert checks.check_neg_sampling_loss_and_gradients(
        lambda *a: tuple(np.asarray(v).tolist() for v in student_neg_sampling(*a))
    ).passed


@pytest.mark.parametrize(
    ("block", "mistake", "diagnosis"),
    [
        ("loss", "loss-sign", "loss (d = 4, K = 3): wrong sign"),
        ("loss", "loss-sigma-flipped-negatives", "computes log σ(u_t·v_ci)"),
        ("loss", "loss-sigma-flipped-positive", "computes log σ(-u_t·v_c)"),
        ("loss", "loss-averaged-negatives", "averaged"),
        ("loss", "loss-not-summed", "the sum over i is missing"),
        ("loss", "loss-naive-log", "large scores, u_t·v_c = -750): your loss is inf or NaN"),
        ("grad_u_t", "grad-u-sigma-flipped-negatives", "grad_u_t (d = 4, K = 3): the sign"),
        ("grad_u_t", "grad-u-negatives-minus", "the two minus signs cancel"),
        ("grad_u_t", "grad-u-forgot-minus-one", "d log σ(x)/dx = 1 - σ(x)"),
        ("grad_u_t", "grad-u-no-negatives", "Σ_i σ(u_t·v_ci) v_ci is missing"),
        ("grad_u_t", "grad-u-no-positive", "the positive term (σ(u_t·v_c) - 1) v_c is missing"),
        ("grad_u_t", "grad-u-not-summed", "the sum over i is missing"),
        ("grad_u_t", "grad-u-averaged-negatives", "averaged over i"),
        ("grad_u_t", "grad-u-sign", "grad_u_t (d = 4, K = 3): wrong sign"),
        ("grad_u_t", "grad-u-negatives-as-positive", "treated like the context word"),
        ("grad_u_t", "grad-u-wrong-vector", "∂(u_t·v)/∂u_t = v"),
        ("grad_v_neg", "grad-v-neg-as-positive", "grad_v_neg (d = 4, K = 3): this is the"),
        ("grad_v_c", "grad-v-c-forgot-minus-one", "grad_v_c (d = 4, K = 3): σ(u_t·v_c) u_t inst"),
        ("grad_v_c", "grad-v-c-wrong-vector", "∂(u_t·v_c)/∂v_c is u_t, not v_c"),
        ("grad_v_c", "grad-v-c-sign", "grad_v_c (d = 4, K = 3): wrong sign"),
        ("grad_v_c", "grad-v-c-with-negatives", "the negatives do not depend on v_c"),
        ("grad_v_neg", "grad-v-neg-sigma-flipped", "grad_v_neg (d = 4, K = 3): the sign inside"),
        ("grad_v_neg", "grad-v-neg-transposed", "transposed: one row per negative sample"),
        ("grad_v_neg", "grad-v-neg-summed", "summed over the negatives"),
        ("grad_v_neg", "grad-v-neg-averaged", "averaged over the negatives"),
        ("grad_v_neg", "grad-v-neg-wrong-vector", "∂(u_t·v_ci)/∂v_ci is u_t, not v_ci"),
        ("grad_v_neg", "grad-v-neg-sign", "grad_v_neg (d = 4, K = 3): wrong sign"),
    ],
)
def test_neg_sampling_mistakes_are_named(block, mistake, diagnosis):
    result = checks.check_neg_sampling_loss_and_gradients(_ns_wrong(block, mistake))
    assert_diagnosis(result, diagnosis)
    assert result.mistake == mistake


# The σ(x)/σ(-x) diagnoses, seeded in both directions: each says what the student's answer
# computes (the sign they wrote inside σ) and what belongs there, never the reverse.
SIGMA_DIRECTIONS = [
    # (block, mistake id, what the answer computes, what belongs there)
    ("loss", "loss-sigma-flipped-negatives", "log σ(u_t·v_ci)", "log σ(-u_t·v_ci) belongs"),
    ("loss", "loss-sigma-flipped-positive", "log σ(-u_t·v_c)", "log σ(u_t·v_c) belongs"),
    (
        "grad_u_t",
        "grad-u-sigma-flipped-negatives",
        "Σ_i σ(-u_t·v_ci) v_ci",
        "Σ_i σ(u_t·v_ci) v_ci",
    ),
    ("grad_u_t", "grad-u-sigma-flipped-positive", "-σ(u_t·v_c) v_c", "-σ(-u_t·v_c) v_c"),
    ("grad_v_c", "grad-v-c-sigma-flipped", "-σ(u_t·v_c) u_t", "-σ(-u_t·v_c) u_t"),
    ("grad_v_neg", "grad-v-neg-sigma-flipped", "σ(-u_t·v_ci) u_t", "σ(u_t·v_ci) u_t belongs"),
]


@pytest.mark.parametrize(("block", "mistake", "computed", "belongs"), SIGMA_DIRECTIONS)
def test_sigma_flip_is_stated_in_the_students_direction(block, mistake, computed, belongs):
    result = checks.check_neg_sampling_loss_and_gradients(_ns_wrong(block, mistake))
    assert result.mistake == mistake, result
    said, _, _ = result.message.partition(";")
    assert f"your answer computes {computed} " in said, result
    what_belongs = said.split("where", 1)[1]
    assert belongs in what_belongs, result
    assert computed not in what_belongs, result  # never the student's own term as the fix


def test_a_flipped_positive_term_is_named_however_it_is_written():
    """(σ(-x) - 1) = -σ(x): a student who wrote σ(-u_t·v_c) - 1 and one who wrote -σ(u_t·v_c)
    made the same mistake, in opposite directions; both read the same diagnosis."""

    def written_as_minus_sigma(u_t, v_c, v_neg):
        loss, grad_u, grad_v_c, grad_v_neg = neg_sampling_loss_and_gradients(u_t, v_c, v_neg)
        return loss, grad_u, -sigmoid(u_t @ v_c) * u_t, grad_v_neg

    for student in (written_as_minus_sigma, _ns_wrong("grad_v_c", "grad-v-c-sigma-flipped")):
        result = checks.check_neg_sampling_loss_and_gradients(student)
        assert result.mistake == "grad-v-c-sigma-flipped", result
        assert "computes -σ(u_t·v_c) u_t (the same as (σ(-u_t·v_c) - 1) u_t)" in result.message


def test_the_right_formula_is_never_diagnosed_as_flipped():
    """The right answer written through σ(-x) = 1 - σ(x) passes: (1 - σ(-x)) = σ(x)."""

    def rewritten(u_t, v_c, v_neg):
        pos, neg = u_t @ v_c, v_neg @ u_t
        loss = float(-log_sigmoid(pos) - log_sigmoid(-neg).sum())
        grad_u = -sigmoid(-pos) * v_c + (1 - sigmoid(-neg)) @ v_neg
        return loss, grad_u, -sigmoid(-pos) * u_t, np.outer(1 - sigmoid(-neg), u_t)

    assert checks.check_neg_sampling_loss_and_gradients(rewritten).passed


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


Q2_CHECKS = {
    "grad_u_t": checks.check_neg_sampling_grad_u_t,
    "grad_v_c": checks.check_neg_sampling_grad_v_c,
    "grad_v_neg": checks.check_neg_sampling_grad_v_neg,
}


@pytest.mark.parametrize(
    ("block", "answer", "diagnosis"),
    [
        ("grad_u_t", "right", None),
        ("grad_u_t", "grad-u-sigma-flipped-negatives", "computes Σ_i σ(-u_t·v_ci) v_ci"),
        ("grad_u_t", "grad-u-sign", "wrong sign"),
        ("grad_u_t", "grad-u-not-summed", "the sum over i is missing"),
        ("grad_v_c", "right", None),
        ("grad_v_c", "grad-v-c-forgot-minus-one", "1 - σ(x)"),
        ("grad_v_c", "grad-v-c-wrong-vector", "is u_t, not v_c"),
        ("grad_v_neg", "right", None),
        ("grad_v_neg", "grad-v-neg-transposed", "transposed"),
        ("grad_v_neg", "grad-v-neg-summed", "summed over"),
        ("grad_v_neg", "grad-v-neg-sigma-flipped", "computes σ(-u_t·v_ci) u_t"),
    ],
)
def test_exercise_q2_block_checks(block, answer, diagnosis):
    result = Q2_CHECKS[block](_ns_block_answer(block, answer))
    if diagnosis is None:
        assert result.passed and "(Exercise Q2)" in result.message, result
    else:
        assert_diagnosis(result, diagnosis)
        assert result.mistake == answer


def test_q2_block_check_names_a_shape_mismatch():
    result = checks.check_neg_sampling_grad_u_t(lambda u_t, v_c, v_neg: np.zeros(2))
    assert_diagnosis(result, "expected shape (4,) ((d,), the shape of u_t), got (2,)")


def test_q2_block_catalogues_are_the_blocks_of_the_whole_check():
    whole = {m.id for m in checks.check_neg_sampling_loss_and_gradients.mistakes}
    for block, check in Q2_CHECKS.items():
        ids = {m.id for m in check.mistakes}
        assert ids and ids <= whole
        assert ids == set(_ns_variant_ids(block)), block


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
        ("assign", "rows were assigned (G[...] = ...), not added"),
        ("fancy +=", "a word drawn twice as a negative got only one of its two gradients"),
        ("positive last", "the context word's row was overwritten"),
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


def _softmax_variants(u_t, V, c):
    scores = V @ u_t
    p = np.exp(scores - logsumexp(scores))
    y = np.zeros_like(p)
    y[c] = 1.0
    loss = float(logsumexp(scores) - scores[c])
    grad_u, grad_V = V.T @ (p - y), np.outer(p - y, u_t)

    def naive():
        p = np.exp(scores) / np.exp(scores).sum()
        return float(-np.log(p[c])), V.T @ (p - y), np.outer(p - y, u_t)

    def only_row_c():
        only = np.zeros_like(grad_V)
        only[c] = grad_V[c]
        return only

    shifted = np.exp(scores - scores.max())
    return {
        "right": lambda: (loss, grad_u, grad_V),
        "overflow": naive,
        "loss-sign": lambda: (-loss, grad_u, grad_V),
        "loss-probability": lambda: (p[c], grad_u, grad_V),
        "loss-no-normaliser": lambda: (-scores[c], grad_u, grad_V),
        # log-sum-exp with the largest score subtracted and never added back
        "loss-max-not-added-back": lambda: (np.log(shifted.sum()) - scores[c], grad_u, grad_V),
        "loss-every-word": lambda: (-np.log(p), grad_u, grad_V),
        "grad-u-sign": lambda: (loss, -grad_u, grad_V),
        "grad-u-no-v-c": lambda: (loss, V.T @ p, grad_V),
        "grad-u-only-v-c": lambda: (loss, -V[c], grad_V),
        "grad-u-dscores": lambda: (loss, p - y, grad_V),
        "grad-v-sign": lambda: (loss, grad_u, -grad_V),
        "grad-v-transposed": lambda: (loss, grad_u, np.outer(u_t, p - y)),
        "grad-v-no-y": lambda: (loss, grad_u, np.outer(p, u_t)),
        "grad-v-only-row-c": lambda: (loss, grad_u, only_row_c()),
        "grad-v-wrong-vector": lambda: (loss, grad_u, np.outer(p - y, V[c])),
    }


def student_softmax(u_t, V, c, *, mistake="right"):
    with np.errstate(all="ignore"):
        return _softmax_variants(u_t, V, c)[mistake]()


def _softmax_wrong(mistake):
    return lambda u_t, V, c: student_softmax(u_t, V, c, mistake=mistake)


def _softmax_variant_ids():
    return [key for key in _softmax_variants(np.ones(2), np.ones((3, 2)), 0) if key != "right"]


def test_softmax_check_passes_the_package_and_a_student_version():
    assert checks.check_softmax_loss_and_gradients(softmax_loss_and_gradients).passed
    assert checks.check_softmax_loss_and_gradients(student_softmax).passed


@pytest.mark.parametrize(
    ("mistake", "diagnosis"),
    [
        ("overflow", "scores in the hundreds, |V| = 5, c = 3): your answer has inf or NaN"),
        ("overflow", "subtract the largest score before exp"),
        ("loss-sign", "loss (|V| = 6, d = 3, c = 2): wrong sign"),
        ("loss-probability", "that is P[c | t]"),
        ("loss-no-normaliser", "the normaliser is missing"),
        ("loss-max-not-added-back", "did not add it back"),
        ("loss-every-word", "for every word c' of the vocabulary"),
        ("grad-u-sign", "grad_u_t (|V| = 6, d = 3, c = 2): wrong sign"),
        ("grad-u-no-v-c", "the -v_c term is missing"),
        ("grad-u-only-v-c", "the normaliser's gradient Σ_c' P[c'|t] v_c' is missing"),
        ("grad-u-dscores", "that is ∂L/∂scores = P - y"),
        ("grad-v-sign", "grad_context_vectors (|V| = 6, d = 3, c = 2): wrong sign"),
        ("grad-v-transposed", "the outer product is in the wrong order"),
        ("grad-v-no-y", "the -u_t in row c is missing"),
        ("grad-v-only-row-c", "only row c is filled"),
        ("grad-v-wrong-vector", "∂(u_t·v_c')/∂v_c' is u_t"),
    ],
)
def test_softmax_mistakes_are_named(mistake, diagnosis):
    result = checks.check_softmax_loss_and_gradients(_softmax_wrong(mistake))
    assert_diagnosis(result, diagnosis)
    assert result.mistake == mistake


def test_softmax_without_max_subtraction_passes_where_nothing_overflows():
    """Max-subtraction changes no value on ordinary scores: the check must not call the naive
    softmax wrong there, only where exp overflows (the third case)."""
    result = checks.check_softmax_loss_and_gradients(_softmax_wrong("overflow"))
    assert "scores in the hundreds" in result.message and result.mistake == "overflow"


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
    **{
        ("check_neg_sampling_loss_and_gradients", mistake): _ns_wrong(block, mistake)
        for block in NS_VARIANTS
        for mistake in _ns_variant_ids(block)
    },
    **{
        (check.__name__, mistake): _ns_block_answer(block, mistake)
        for block, check in Q2_CHECKS.items()
        for mistake in _ns_variant_ids(block)
    },
    **{
        ("check_softmax_loss_and_gradients", mistake): _softmax_wrong(mistake)
        for mistake in _softmax_variant_ids()
    },
}


SEEDED_06: dict = {
    # (check name, mistake id): wrong student function
    **{
        ("check_jacobian_matrix_times_vector", mistake): wrong
        for mistake, wrong in [
            ("transposed", lambda W, x: W.T),
            ("wrong-sign", lambda W, x: -W),
            ("z-itself", lambda W, x: W @ x),
        ]
    },
    **{
        ("check_jacobian_vector_times_matrix", mistake): wrong
        for mistake, wrong in [
            ("transposed", lambda x, W: W),
            ("wrong-sign", lambda x, W: -W.T),
            ("z-itself", lambda x, W: x @ W),
        ]
    },
    **{
        ("check_jacobian_elementwise", mistake): wrong
        for mistake, wrong in [
            ("missing-diag", _sigmoid_prime),
            ("function-itself", lambda x: np.diag(sigmoid(x))),
            ("outer-product", lambda x: np.outer(sigmoid(x), 1 - sigmoid(x))),
            ("rows-repeat", lambda x: _sigmoid_prime(x) * np.ones((x.size, x.size))),
            ("columns-repeat", lambda x: _sigmoid_prime(x)[:, None] * np.ones((1, x.size))),
            ("wrong-sign", lambda x: -np.diag(_sigmoid_prime(x))),
            ("one-minus-sigma", lambda x: np.diag(1 - sigmoid(x))),
        ]
    },
    **{
        ("check_jacobian_softmax", mistake): wrong
        for mistake, wrong in [
            ("diag-of-p", lambda z: np.diag(_softmax(z))),
            ("elementwise", lambda z: np.diag(_softmax(z) * (1 - _softmax(z)))),
            ("numerator-term-missing", lambda z: -np.outer(_softmax(z), _softmax(z))),
            (
                "normaliser-sign",
                lambda z: np.diag(_softmax(z)) + np.outer(_softmax(z), _softmax(z)),
            ),
            ("wrong-sign", lambda z: -_softmax_jacobian(z)),
            ("p-itself", _softmax),
            ("overflow", _naive_softmax_jacobian),
        ]
    },
    **{
        (check, mistake): wrong
        for check, rule in [
            ("check_grad_matrix_times_vector", lambda x, g: np.outer(g, x)),
            ("check_grad_vector_times_matrix", lambda x, g: np.outer(x, g)),
        ]
        for mistake, wrong in [
            ("wrong-order", lambda x, g, rule=rule: rule(x, g).T),
            ("wrong-sign", lambda x, g, rule=rule: -rule(x, g)),
            ("returned-dL-dz", lambda x, g: g),
            ("elementwise-product", lambda x, g: x * g),
            ("dot-product", lambda x, g: np.dot(x, g)),
        ]
    },
    **{
        ("check_neg_sampling_context_gradient", mistake): _ctx_gradient(how)
        for mistake, how in [
            ("repeated-negative-added-once", "fancy +="),
            ("repeated-negative-assigned", "assign"),
            ("context-row-overwritten", "context last"),
            ("context-row-missing", "no context"),
            ("negative-rows-missing", "no negatives"),
            ("wrong-sign", "sign"),
        ]
    },
}


SEEDED_MISTAKES = {**SEEDED_04_05, **SEEDED_06}

"""The count-based exercise checks: right answers pass, each seeded mistake gets its diagnosis."""

import numpy as np
import pytest

from wordvec_helpers import checks
from wordvec_helpers.cooccurrence import cooccurrence_matrix
from wordvec_helpers.pmi import pmi, ppmi, probabilities


def loop_cooccurrence(
    sentences, vocab_size, window, *, left=True, right=True, self_count=False, reach=0, join=False
):
    """A student's loop, with switches that reproduce the common mistakes."""
    if join:
        sentences = [np.concatenate(sentences)]
    W = np.zeros((vocab_size, vocab_size), dtype=int)
    for s in sentences:
        for i in range(len(s)):
            for j in range(max(0, i - window - reach), min(len(s), i + window + reach + 1)):
                if (j == i and not self_count) or (j < i and not left) or (j > i and not right):
                    continue
                W[s[i], s[j]] += 1
    return W


def stub(*args):
    raise NotImplementedError


def test_cooccurrence_check():
    assert checks.check_cooccurrence(lambda s, v, w: cooccurrence_matrix(s, v, w)).passed
    assert checks.check_cooccurrence(loop_cooccurrence).passed


@pytest.mark.parametrize(
    ("mistake", "diagnosis"),
    [
        ({"self_count": True}, "counted as its own context"),
        ({"reach": -1}, "window - 1"),
        ({"reach": 1}, "window + 1"),
        ({"left": False}, "only contexts to the right"),
        ({"right": False}, "only contexts to the left"),
        ({"join": True}, "crossed a sentence boundary"),
    ],
)
def test_cooccurrence_mistakes_are_named(mistake, diagnosis):
    result = checks.check_cooccurrence(lambda s, v, w: loop_cooccurrence(s, v, w, **mistake))
    assert not result.passed and result.done
    assert diagnosis in result.message
    assert repr(result).startswith("❌")


def test_stub_is_not_done_and_crash_is_reported():
    result = checks.check_cooccurrence(stub)
    assert not result.passed and not result.done
    assert repr(result).startswith("⏳") and "not done yet" in repr(result)

    def crash(sentences, vocab_size, window):
        return sentences[99]

    result = checks.check_cooccurrence(crash)
    assert not result.passed and "IndexError" in result.message


def test_wrong_shape_and_generic_difference():
    result = checks.check_cooccurrence(lambda s, v, w: np.zeros((v, v + 1)))
    assert "expected shape (5, 5), got (5, 6)" in result.message
    result = checks.check_cooccurrence(lambda s, v, w: cooccurrence_matrix(s, v, w) * 3)
    assert "entries differ; first at" in result.message


def test_probabilities_check():
    assert checks.check_probabilities(probabilities).passed
    conditional = checks.check_probabilities(
        lambda W: (W / W.sum(axis=1, keepdims=True), *probabilities(W)[1:])
    )
    assert "P(c | t)" in conditional.message
    swapped = checks.check_probabilities(
        lambda W: (probabilities(W)[0], W.sum(0) / W.sum(), W.sum(1) / W.sum())
    )
    assert "4 x 5" in swapped.message and "axis=1" in swapped.message
    result = checks.check_probabilities(lambda W: probabilities(W)[0])
    assert "return a tuple" in result.message


def student_pmi(W, *, zero=-np.inf, log=np.log):
    p_tc, p_t, p_c = probabilities(W)
    out = np.full(W.shape, zero, dtype=float)
    seen = W > 0
    out[seen] = log((p_tc / np.outer(p_t, p_c))[seen])
    return out


@pytest.mark.parametrize(
    ("function", "diagnosis"),
    [
        (lambda W: student_pmi(W, zero=0.0), "should be -inf"),
        (lambda W: student_pmi(W, zero=np.nan), "NaN where the count is zero"),
        (lambda W: student_pmi(W, log=np.log2), "log base 2"),
        (lambda W: student_pmi(W, log=np.log10), "log base 10"),
        (lambda W: student_pmi(W, log=lambda x: x, zero=0.0), "the log is missing"),
        (lambda W: -student_pmi(W), "upside down"),
    ],
)
def test_pmi_mistakes_are_named(function, diagnosis):
    assert checks.check_pmi(student_pmi).passed
    result = checks.check_pmi(function)
    assert not result.passed and diagnosis in result.message


@pytest.mark.parametrize(
    ("function", "diagnosis"),
    [
        (pmi, "negative values survived"),
        (lambda W: np.where(np.isneginf(pmi(W)), -np.inf, ppmi(W)), "-inf entries"),
        (lambda W: np.minimum(pmi(W), 0), "np.minimum"),
        (lambda W: ppmi(W, base=2), "log base 2"),
    ],
)
def test_ppmi_mistakes_are_named(function, diagnosis):
    assert checks.check_ppmi(ppmi).passed
    result = checks.check_ppmi(function)
    assert not result.passed and diagnosis in result.message


def test_non_function_is_reported():
    result = checks.check_pmi(np.zeros((3, 3)))
    assert not result.passed and "expected a function" in result.message


@pytest.mark.parametrize(
    ("function", "diagnosis"),
    [
        (lambda u, v: u @ v, "dot product"),
        (lambda u, v: u @ v / np.linalg.norm(u), "‖u‖ only"),
        (lambda u, v: u @ v / (u @ u * (v @ v)), "squared norms"),
        (lambda u, v: u @ v / (np.linalg.norm(u) + np.linalg.norm(v)), "norms multiply"),
    ],
)
def test_cosine_mistakes_are_named(function, diagnosis):
    correct = checks.check_cosine_similarity(
        lambda u, v: u @ v / (np.linalg.norm(u) * np.linalg.norm(v))
    )
    assert correct.passed
    result = checks.check_cosine_similarity(function)
    assert not result.passed and diagnosis in result.message


def svd_vectors(matrix, k, p):
    U, s, Vt = np.linalg.svd(matrix, full_matrices=False)
    return U[:, :k] * s[:k] ** p, Vt[:k].T * s[:k] ** p


def test_svd_check_accepts_any_sign_convention():
    assert checks.check_svd_embeddings(svd_vectors).passed

    def flipped(matrix, k, p):
        target, context = svd_vectors(matrix, k, p)
        return -target, -context

    assert checks.check_svd_embeddings(flipped).passed

    def inconsistent(matrix, k, p):
        target, context = svd_vectors(matrix, k, p)
        return target, -context

    assert not checks.check_svd_embeddings(inconsistent).passed


@pytest.mark.parametrize(
    ("function", "diagnosis"),
    [
        (lambda M, k, p: svd_vectors(M, k, 1.0), "not raised to p"),
        (lambda M, k, p: svd_vectors(M, k, 0.0), "Σ^p is missing"),
        (lambda M, k, p: (svd_vectors(M, k, p)[0], svd_vectors(M, k, p)[1].T), "rows of Vᵀ"),
        (lambda M, k, p: (svd_vectors(M, k, p)[0],) * 2, "U's columns again"),
        (lambda M, k, p: svd_vectors(M, min(M.shape), p), "not truncated"),
    ],
)
def test_svd_mistakes_are_named(function, diagnosis):
    result = checks.check_svd_embeddings(function)
    assert not result.passed and diagnosis in result.message, result.message


# --------------------------------------------------------------------------------------------
# The catalogue (tests/test_mistake_catalogue.py): (check, mistake id) -> a wrong answer
# --------------------------------------------------------------------------------------------

SEEDED_01_03: dict = {
    # (check name, mistake id): wrong student function
}


SEEDED_MISTAKES = {**SEEDED_01_03}

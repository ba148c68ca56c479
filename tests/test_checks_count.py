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
        ({"left": False}, "only the contexts to the right"),
        ({"right": False}, "only the contexts to the left"),
        ({"join": True}, "crossed from one sentence into the next"),
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
    assert "expected shape (5, 5)" in result.message and "got (5, 6)" in result.message
    result = checks.check_cooccurrence(lambda s, v, w: cooccurrence_matrix(s, v, w) * 3)
    assert result.mistake is None
    assert "14 of 25 counts differ. For example, W[I, like] is 3 in yours, 1 expected" in (
        result.message
    )


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
    assert "return the three results as a tuple" in result.message


def student_pmi(W, *, zero=-np.inf, log=np.log, joint=None, marginals=None):
    """A student's PMI; the switches reproduce the common mistakes."""
    p_tc, p_t, p_c = probabilities(W)
    joint = p_tc if joint is None else joint
    marginals = np.outer(p_t, p_c) if marginals is None else marginals
    out = np.full(W.shape, zero, dtype=float)
    seen = W > 0
    out[seen] = log(np.broadcast_to(joint / marginals, W.shape)[seen])
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
        (lambda M, k, p: svd_vectors(M, k, 1.0), "not raised to the power p"),
        (lambda M, k, p: svd_vectors(M, k, 0.0), "Σ^p is missing"),
        (lambda M, k, p: (svd_vectors(M, k, p)[0], svd_vectors(M, k, p)[1].T), "rows of Vᵀ"),
        (lambda M, k, p: (svd_vectors(M, k, p)[0],) * 2, "U's columns again"),
        (lambda M, k, p: svd_vectors(M, min(M.shape), p), "not truncated"),
    ],
)
def test_svd_mistakes_are_named(function, diagnosis):
    result = checks.check_svd_embeddings(function)
    assert not result.passed and diagnosis in result.message, result.message


def test_pmi_check_blames_the_exercise_at_fault():
    right = with_earlier(STUDENT_PMI, my_probabilities=probabilities)
    assert checks.check_pmi(right).passed
    # my_pmi still a stub: not done, whatever my_probabilities is
    assert not checks.check_pmi(
        with_earlier("def my_pmi(counts):\n    raise NotImplementedError", my_probabilities=stub)
    ).done
    # both wrong: the PMI's own mistake is named, with a note on Exercise 1
    both_wrong = with_earlier(
        STUDENT_PMI.replace("np.log(", "np.log2("), my_probabilities=conditional_probabilities
    )
    result = checks.check_pmi(both_wrong)
    assert result.mistake == "log-base-2" and "my_probabilities" in result.message
    # the student's namespace is left as it was
    assert both_wrong.__globals__["my_probabilities"] is conditional_probabilities


def test_ppmi_check_passes_a_chain_of_right_answers_and_blames_exercise_1():
    my_pmi = with_earlier(STUDENT_PMI, my_probabilities=probabilities)
    assert checks.check_ppmi(with_earlier(STUDENT_PPMI, my_pmi=my_pmi)).passed
    my_pmi = with_earlier(STUDENT_PMI, my_probabilities=stub)
    result = checks.check_ppmi(with_earlier(STUDENT_PPMI, my_pmi=my_pmi))
    assert result.mistake == "pmi-wrong" and "Exercise 1" in result.message


def test_messages_name_words_and_never_print_minus_zero():
    result = checks.check_svd_embeddings(svd_smallest)
    assert "target vector of I is 0 in yours" in result.message
    result = checks.check_cooccurrence(
        lambda s, v, w: loop_window(s, v, w, last=lambda i, m: i + m)
    )
    assert "W[I, cats] is 0 in yours, 1 expected" in result.message


# --------------------------------------------------------------------------------------------
# The catalogue (tests/test_mistake_catalogue.py): (check, mistake id) -> a wrong answer
# --------------------------------------------------------------------------------------------


def loop_window(sentences, vocab_size, window, *, first=None, last=None, wrap=False, **switch):
    """A student's loop written with explicit range bounds: ``first(i, window)`` and
    ``last(i, window)`` (exclusive) replace the right ones; ``wrap`` leaves out max(0, ...)."""
    first = first or (lambda i, m: i - m)
    last = last or (lambda i, m: i + m + 1)
    W = np.zeros((vocab_size, vocab_size), dtype=int)
    for s in sentences:
        for i in range(len(s)):
            start = first(i, window) if wrap else max(0, first(i, window))
            for j in range(start, min(len(s), last(i, window))):
                if j == i:
                    continue
                if switch.get("positions"):
                    W[i, j] += 1
                elif switch.get("binary"):
                    W[s[i], s[j]] = 1
                elif switch.get("both_ways"):
                    W[s[i], s[j]] += 1
                    W[s[j], s[i]] += 1
                else:
                    W[s[i], s[j]] += 1
    return W


def with_earlier(source: str, **earlier):
    """Define a student's function from ``source`` in a namespace that also holds the earlier
    exercises it calls (as a notebook's globals would)."""
    namespace = {"np": np, **earlier}
    exec(source, namespace)  # noqa: S102 - test code: a student's cell
    return namespace[source.split("def ", 1)[1].split("(", 1)[0]]


STUDENT_PMI = """
def my_pmi(counts):
    p_tc, p_t, p_c = my_probabilities(counts)
    result = np.full(counts.shape, -np.inf)
    seen = counts > 0
    result[seen] = np.log(p_tc[seen] / np.outer(p_t, p_c)[seen])
    return result
"""

STUDENT_PPMI = """
def my_ppmi(counts):
    return np.maximum(my_pmi(counts), 0.0)
"""


def conditional_probabilities(W):
    return W / W.sum(axis=1, keepdims=True), *probabilities(W)[1:]


def clipped_log_joint(W):
    """Clipped in the wrong place: max(log P(t, c), 0) - log P(t) - log P(c)."""
    p_tc, p_t, p_c = probabilities(W)
    with np.errstate(divide="ignore"):
        return np.maximum(np.log(p_tc), 0) - np.log(p_t)[:, None] - np.log(p_c)[None, :]


def svd_times_p(M, k, p):
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    return U[:, :k] * (s[:k] * p), Vt[:k].T * (s[:k] * p)


def svd_diag_power(M, k, p):
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    weights = np.diag(s[:k]) ** p  # the mistake: every entry of the diagonal matrix
    return U[:, :k] @ weights, Vt[:k].T @ weights


def svd_smallest(M, k, p):
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    return U[:, -k:] * s[-k:] ** p, Vt[-k:].T * s[-k:] ** p


def svd_columns_of_vt(M, k, p):
    """The brief's mistake: Vt[:, :k], the first k columns of Vᵀ, for the context vectors."""
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    return U[:, :k] * s[:k] ** p, Vt[:, :k] * s[:k] ** p


SEEDED_01_03: dict = {
    # (check name, mistake id): wrong student function
    # ---- notebook 01, Exercise 1 ----------------------------------------------------------
    ("check_cooccurrence", "target-as-own-context"): (
        lambda s, v, w: loop_cooccurrence(s, v, w, self_count=True)
    ),
    ("check_cooccurrence", "right-edge-off-by-one"): (
        lambda s, v, w: loop_window(s, v, w, last=lambda i, m: i + m)
    ),
    ("check_cooccurrence", "left-edge-off-by-one"): (
        lambda s, v, w: loop_window(s, v, w, first=lambda i, m: i - m + 1)
    ),
    ("check_cooccurrence", "right-edge-too-far"): (
        lambda s, v, w: loop_window(s, v, w, last=lambda i, m: i + m + 2)
    ),
    ("check_cooccurrence", "window-minus-one"): (
        lambda s, v, w: loop_cooccurrence(s, v, w, reach=-1)
    ),
    ("check_cooccurrence", "window-plus-one"): lambda s, v, w: loop_cooccurrence(s, v, w, reach=1),
    ("check_cooccurrence", "negative-index-wraps"): (
        lambda s, v, w: loop_window(s, v, w, wrap=True)
    ),
    ("check_cooccurrence", "right-only"): lambda s, v, w: loop_cooccurrence(s, v, w, left=False),
    ("check_cooccurrence", "left-only"): lambda s, v, w: loop_cooccurrence(s, v, w, right=False),
    ("check_cooccurrence", "each-pair-twice"): (
        lambda s, v, w: loop_window(s, v, w, both_ways=True)
    ),
    ("check_cooccurrence", "crosses-sentences"): (
        lambda s, v, w: loop_cooccurrence(s, v, w, join=True)
    ),
    ("check_cooccurrence", "positions-not-ids"): (
        lambda s, v, w: loop_window(s, v, w, positions=True)
    ),
    ("check_cooccurrence", "set-not-add"): lambda s, v, w: loop_window(s, v, w, binary=True),
    # ---- notebook 01, Exercise 2 ----------------------------------------------------------
    ("check_cosine_similarity", "dot-product"): lambda u, v: u @ v,
    ("check_cosine_similarity", "only-u-normalised"): lambda u, v: u @ v / np.linalg.norm(u),
    ("check_cosine_similarity", "only-v-normalised"): lambda u, v: u @ (v / np.linalg.norm(v)),
    ("check_cosine_similarity", "squared-norms"): lambda u, v: u @ v / ((u @ u) * (v @ v)),
    ("check_cosine_similarity", "missing-brackets"): (
        lambda u, v: np.dot(u, v) / np.linalg.norm(u) * np.linalg.norm(v)
    ),
    ("check_cosine_similarity", "sum-of-norms"): (
        lambda u, v: u @ v / (np.linalg.norm(u) + np.linalg.norm(v))
    ),
    ("check_cosine_similarity", "cosine-distance"): (
        lambda u, v: 1 - u @ v / (np.linalg.norm(u) * np.linalg.norm(v))
    ),
    ("check_cosine_similarity", "centred-pearson"): lambda u, v: np.corrcoef(u, v)[0, 1],
    ("check_cosine_similarity", "no-sum"): (
        lambda u, v: u * v / (np.linalg.norm(u) * np.linalg.norm(v))
    ),
    # ---- notebook 02, Exercise 1 ----------------------------------------------------------
    ("check_probabilities", "not-a-tuple"): lambda W: probabilities(W)[0],
    ("check_probabilities", "wrong-order"): lambda W: probabilities(W)[::-1],
    ("check_probabilities", "p-c-given-t"): conditional_probabilities,
    ("check_probabilities", "p-t-given-c"): (
        lambda W: (W / W.sum(axis=0, keepdims=True), *probabilities(W)[1:])
    ),
    ("check_probabilities", "raw-counts"): lambda W: (W, *probabilities(W)[1:]),
    ("check_probabilities", "marginals-swapped"): (
        lambda W: (probabilities(W)[0], W.sum(0) / W.sum(), W.sum(1) / W.sum())
    ),
    ("check_probabilities", "marginals-not-divided"): (
        lambda W: (W / W.sum(), W.sum(axis=1), W.sum(axis=0))
    ),
    # ---- notebook 02, Exercise 2 ----------------------------------------------------------
    ("check_pmi", "zero-not-minus-inf"): lambda W: student_pmi(W, zero=0.0),
    ("check_pmi", "nan-not-minus-inf"): lambda W: student_pmi(W, zero=np.nan),
    ("check_pmi", "log-base-2"): lambda W: student_pmi(W, log=np.log2),
    ("check_pmi", "log-base-10"): lambda W: student_pmi(W, log=np.log10),
    ("check_pmi", "log-missing"): lambda W: student_pmi(W, log=lambda x: x, zero=0.0),
    ("check_pmi", "ratio-upside-down"): lambda W: -student_pmi(W),
    ("check_pmi", "conditional-not-joint"): (
        lambda W: student_pmi(W, joint=conditional_probabilities(W)[0])
    ),
    ("check_pmi", "counts-not-probabilities"): (
        lambda W: student_pmi(W, joint=W, marginals=np.outer(W.sum(1), W.sum(0)))
    ),
    ("check_pmi", "marginals-not-outer"): (
        lambda W: student_pmi(W, marginals=probabilities(W)[1] * probabilities(W)[2])
    ),
    ("check_pmi", "probabilities-not-done"): with_earlier(STUDENT_PMI, my_probabilities=stub),
    ("check_pmi", "probabilities-wrong"): with_earlier(
        STUDENT_PMI, my_probabilities=conditional_probabilities
    ),
    # ---- notebook 02, Exercise 3 ----------------------------------------------------------
    ("check_ppmi", "negatives-not-clipped"): pmi,
    ("check_ppmi", "only-minus-inf-replaced"): lambda W: np.nan_to_num(pmi(W), neginf=0.0),
    ("check_ppmi", "minus-inf-left"): lambda W: np.where(np.isneginf(pmi(W)), -np.inf, ppmi(W)),
    ("check_ppmi", "minimum-not-maximum"): lambda W: np.minimum(pmi(W), 0),
    ("check_ppmi", "absolute-value"): lambda W: np.abs(np.nan_to_num(pmi(W), neginf=0.0)),
    ("check_ppmi", "clipped-log-joint"): clipped_log_joint,
    ("check_ppmi", "log-base-2"): lambda W: ppmi(W, base=2),
    ("check_ppmi", "pmi-not-done"): with_earlier(STUDENT_PPMI, my_pmi=stub),
    ("check_ppmi", "pmi-wrong"): with_earlier(
        STUDENT_PPMI, my_pmi=lambda W: student_pmi(W, log=np.log2)
    ),
    # ---- notebook 03 ----------------------------------------------------------------------
    ("check_svd_embeddings", "not-a-tuple"): lambda M, k, p: svd_vectors(M, k, p)[0],
    ("check_svd_embeddings", "targets-contexts-swapped"): (
        lambda M, k, p: svd_vectors(M, k, p)[::-1]
    ),
    ("check_svd_embeddings", "p-ignored"): lambda M, k, p: svd_vectors(M, k, 1.0),
    ("check_svd_embeddings", "sigma-missing"): lambda M, k, p: svd_vectors(M, k, 0.0),
    ("check_svd_embeddings", "times-p"): svd_times_p,
    ("check_svd_embeddings", "diag-matrix-power"): svd_diag_power,
    ("check_svd_embeddings", "smallest-singular-values"): svd_smallest,
    ("check_svd_embeddings", "not-truncated"): lambda M, k, p: svd_vectors(M, min(M.shape), p),
    ("check_svd_embeddings", "rows-of-Vt"): (
        lambda M, k, p: (svd_vectors(M, k, p)[0], svd_vectors(M, k, p)[1].T)
    ),
    ("check_svd_embeddings", "columns-of-Vt"): svd_columns_of_vt,
    ("check_svd_embeddings", "context-from-U"): lambda M, k, p: (svd_vectors(M, k, p)[0],) * 2,
    ("check_svd_embeddings", "context-without-sigma"): (
        lambda M, k, p: (svd_vectors(M, k, p)[0], svd_vectors(M, k, 0.0)[1])
    ),
}


SEEDED_MISTAKES = {**SEEDED_01_03}

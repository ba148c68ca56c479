"""Checks for the count-based exercises (notebooks 01-03)."""

from __future__ import annotations

import numpy as np

from .. import datasets
from ..cooccurrence import cooccurrence_matrix
from ..pmi import pmi, ppmi, probabilities
from ._core import CheckResult, call, compare, fail, run_check


def _cooccurrence_cases():
    """(description, sentences, vocab_size, window): the precept's sentence, and a corpus of
    two sentences with a repeated word, so that boundaries and repeats both matter."""
    precept = [np.arange(5)]  # I like cats and dogs -> 0 1 2 3 4
    two_sentences = [np.array([0, 1, 2, 0, 3]), np.array([3, 2, 4])]
    return [
        ("'I like cats and dogs', window 2", precept, 5, 2),
        ("two sentences, window 1", two_sentences, 5, 1),
        ("two sentences, window 3", two_sentences, 5, 3),
    ]


def _directional(sentences, vocab_size, window):
    """Counts of contexts to the right of the target only (a one-sided window)."""
    W = np.zeros((vocab_size, vocab_size))
    for s in sentences:
        for i in range(len(s)):
            for j in range(i + 1, min(len(s), i + window + 1)):
                W[s[i], s[j]] += 1
    return W


def check_cooccurrence(function) -> CheckResult:
    """Check ``function(sentences, vocab_size, window) -> W`` against the reference counter."""
    name = "co-occurrence matrix"

    def body():
        for case, sentences, vocab_size, window in _cooccurrence_cases():
            answer = call(name, function, [s.copy() for s in sentences], vocab_size, window)
            expected = cooccurrence_matrix(sentences, vocab_size, window)
            token_counts = np.bincount(np.concatenate(sentences), minlength=vocab_size)
            mistakes = [
                (
                    "the target was counted as its own context — skip j == i (the diagonal is too "
                    "large)",
                    expected + np.diag(token_counts),
                ),
                (
                    "counts for window - 1: the window covers positions i-m..i+m, so loop to "
                    "i + window inclusive",
                    cooccurrence_matrix(sentences, vocab_size, window - 1)
                    if window > 1
                    else np.zeros_like(expected),
                ),
                (
                    "counts for window + 1: the window is off by one (it goes too far)",
                    cooccurrence_matrix(sentences, vocab_size, window + 1),
                ),
                (
                    "only contexts to the right of the target were counted; the window is "
                    "symmetric (left and right)",
                    _directional(sentences, vocab_size, window),
                ),
                (
                    "only contexts to the left of the target were counted; the window is "
                    "symmetric",
                    _directional(sentences, vocab_size, window).T,
                ),
                (
                    "the window crossed a sentence boundary; count within each sentence only",
                    cooccurrence_matrix([np.concatenate(sentences)], vocab_size, window),
                ),
            ]
            compare(name, answer, expected, mistakes, case=case)
        return "matches the reference on the precept's sentence and on a two-sentence corpus"

    return run_check(name, body)


def _count_cases():
    _, precept = datasets.precept_count_table()
    _, _, jm = datasets.jurafsky_martin_counts()
    return [("the precept's 3 x 3 table", precept), ("Jurafsky & Martin's 4 x 5 table", jm)]


def check_probabilities(function) -> CheckResult:
    """Check ``function(counts) -> (P(t,c), P(t), P(c))``."""
    name = "probabilities"

    def body():
        for case, counts in _count_cases():
            answer = call(name, function, counts.copy())
            if not isinstance(answer, tuple) or len(answer) != 3:
                return_type = type(answer).__name__
                fail(f"{name} ({case}): return a tuple (p_tc, p_t, p_c), got {return_type}")
            p_tc, p_t, p_c = probabilities(counts)
            compare(
                "P(t, c)",
                answer[0],
                p_tc,
                [
                    (
                        "each row was divided by its own sum: that is P(c | t); "
                        "divide every count by the total sum instead",
                        counts / counts.sum(axis=1, keepdims=True),
                    ),
                    (
                        "each column was divided by its own sum: that is P(t | c); divide by the "
                        "total sum",
                        counts / counts.sum(axis=0, keepdims=True),
                    ),
                    ("these are the raw counts; divide by the total sum", counts),
                ],
                case=case,
            )
            compare(
                "P(t)",
                answer[1],
                p_t,
                [
                    ("that is P(c): P(t) is the sum over each row (axis=1)", p_c),
                    ("row sums of the counts, not yet divided by the total", counts.sum(axis=1)),
                ],
                case=case,
            )
            compare(
                "P(c)",
                answer[2],
                p_c,
                [
                    ("that is P(t): P(c) is the sum over each column (axis=0)", p_t),
                    (
                        "column sums of the counts, not yet divided by the total",
                        counts.sum(axis=0),
                    ),
                ],
                case=case,
            )
        return "P(t, c), P(t) and P(c) match on the precept's and J & M's tables"

    return run_check(name, body)


def check_pmi(function) -> CheckResult:
    """Check ``function(counts) -> PMI`` (natural log, -inf where the count is zero)."""
    name = "PMI"

    def body():
        for case, counts in _count_cases():
            answer = call(name, function, counts.copy())
            expected = pmi(counts)
            with np.errstate(divide="ignore", invalid="ignore"):
                zero_instead = np.where(counts > 0, expected, 0.0)
                nan_instead = np.where(counts > 0, expected, np.nan)
                mistakes = [
                    ("the entries with a zero count should be -inf (log 0), not 0", zero_instead),
                    (
                        "NaN where the count is zero: log(0) is -inf; compute the log only where "
                        "the count is positive and put -inf elsewhere",
                        nan_instead,
                    ),
                    (
                        "this is log base 2; the precept uses the natural log (np.log)",
                        pmi(counts, base=2),
                    ),
                    (
                        "this is log base 10; the precept uses the natural log (np.log)",
                        pmi(counts, base=10),
                    ),
                    (
                        "the log is missing: this is the ratio P(t,c) / (P(t) P(c))",
                        np.exp(expected),
                    ),
                    ("the ratio is upside down: P(t) P(c) / P(t, c)", -expected),
                ]
            compare(name, answer, expected, mistakes, case=case)
        return "matches on the precept's table (0.18, 0.65, -inf) and on J & M's 4 x 5 table"

    return run_check(name, body)


def check_ppmi(function) -> CheckResult:
    """Check ``function(counts) -> PPMI`` (natural log, clipped at 0)."""
    name = "PPMI"

    def body():
        # J & M's table first: it has finite negative PMI values, the precept's only -inf.
        for case, counts in reversed(_count_cases()):
            answer = call(name, function, counts.copy())
            expected = ppmi(counts)
            raw = pmi(counts)
            with np.errstate(invalid="ignore"):
                mistakes = [
                    (
                        "negative values survived: PPMI clips every PMI below 0 to 0 "
                        "(np.maximum(pmi, 0))",
                        raw,
                    ),
                    (
                        "the -inf entries (zero counts) should become 0 as well",
                        np.where(np.isneginf(raw), -np.inf, expected),
                    ),
                    (
                        "np.minimum instead of np.maximum: PPMI keeps the positive values",
                        np.minimum(raw, 0),
                    ),
                    ("this is log base 2; the precept uses the natural log", ppmi(counts, base=2)),
                ]
            compare(name, answer, expected, mistakes, case=case)
        return "matches on the precept's and J & M's tables: no negatives, no -inf"

    return run_check(name, body)


def check_cosine_similarity(function) -> CheckResult:
    """Check ``function(u, v) -> cos(u, v)`` for two vectors of shape (d,)."""
    from ..similarity import cosine_similarity

    name = "cosine similarity"
    targets, contexts, counts = datasets.jurafsky_martin_counts()
    rng = np.random.default_rng(0)
    cases = [
        ("digital vs information, J & M counts", counts[2], counts[3]),
        ("two random vectors with negative entries", rng.normal(size=7), rng.normal(size=7)),
        ("a vector and 3 times itself", counts[0], 3 * counts[0]),
    ]

    def body():
        for case, u, v in cases:
            answer = call(name, function, u.copy(), v.copy())
            dot, nu, nv = float(u @ v), float(np.linalg.norm(u)), float(np.linalg.norm(v))
            mistakes = [
                ("this is the dot product u·v; divide by ‖u‖ ‖v‖", dot),
                ("divided by ‖u‖ only; divide by both norms", dot / nu),
                ("divided by ‖v‖ only; divide by both norms", dot / nv),
                (
                    "divided by the squared norms; ‖u‖ is np.sqrt(u @ u) or np.linalg.norm(u)",
                    dot / (nu**2 * nv**2),
                ),
                ("divided by ‖u‖ + ‖v‖; the norms multiply", dot / (nu + nv)),
            ]
            compare(name, answer, cosine_similarity(u, v), mistakes, case=case)
        return "matches cos(u, v) = u·v / (‖u‖ ‖v‖), including cos(u, 3u) = 1"

    return run_check(name, body)


def check_svd_embeddings(function) -> CheckResult:
    """Check ``function(matrix, k, p) -> (target_vectors, context_vectors)``: U_k Σ_k^p and
    V_k Σ_k^p from a dense matrix. Singular vectors are defined up to sign, so both answers
    are compared after the package's sign convention (per component, the same sign for the
    target and the context column)."""
    from ..svd import _flip_signs

    name = "SVD word vectors"
    _, precept = datasets.precept_count_table()
    _, _, jm = datasets.jurafsky_martin_counts()
    rng = np.random.default_rng(7)
    cases = [
        ("precept PPMI, k = 2, p = 1", ppmi(precept), 2, 1.0),
        ("J & M PPMI, k = 2, p = 0.5", ppmi(jm), 2, 0.5),
        ("random 8 x 6 matrix, k = 3, p = 0", rng.random((8, 6)), 3, 0.0),
    ]

    def canonical(target, context):
        """Flip each component so that the target column's largest entry is positive; the
        context column gets the same sign when the shapes allow."""
        target, context = np.asarray(target, float), np.asarray(context, float)
        if target.ndim != 2:
            return target, context
        flipped, _ = _flip_signs(target, target)
        signs = np.sign(np.sum(flipped * target, axis=0))  # +1 or -1 per component
        if context.ndim == 2 and context.shape[1] == target.shape[1]:
            context = context * signs
        return flipped, context

    def body():
        for case, matrix, k, p in cases:
            answer = call(name, function, matrix.copy(), k, p)
            if not isinstance(answer, tuple) or len(answer) != 2:
                fail(f"{name} ({case}): return a tuple (target_vectors, context_vectors)")
            target, context = canonical(*answer)
            U, s, Vt = np.linalg.svd(matrix, full_matrices=False)
            expected_t, expected_c = canonical(U[:, :k] * s[:k] ** p, Vt[:k].T * s[:k] ** p)
            wrong_power = [
                (
                    f"the singular values were not raised to p = {p}: use s[:k] ** p",
                    canonical(U[:, :k] * s[:k], Vt[:k].T * s[:k]),
                ),
                (
                    "Σ^p is missing: multiply each component by s[:k] ** p",
                    canonical(U[:, :k], Vt[:k].T),
                ),
                (
                    "these are the k smallest singular values; np.linalg.svd sorts them largest "
                    "first, so keep the first k",
                    canonical(U[:, -k:] * s[-k:] ** p, Vt[-k:].T * s[-k:] ** p),
                ),
            ]
            compare(
                "target vectors",
                target,
                expected_t,
                [(message, pair[0]) for message, pair in wrong_power]
                + [
                    (
                        "not truncated: keep only the first k columns of U",
                        canonical(U * s**p, Vt.T * s**p)[0],
                    )
                ],
                case=case,
            )
            compare(
                "context vectors",
                context,
                expected_c,
                [
                    (
                        "these are rows of Vᵀ: np.linalg.svd returns Vᵀ, so the context vectors "
                        "are Vt[:k].T",
                        Vt[:k] * (s[:k, None] ** p),
                    ),
                    ("these are U's columns again; context vectors come from V", expected_t),
                ]
                + [(message, pair[1]) for message, pair in wrong_power],
                case=case,
            )
        return "U_k Σ_k^p and V_k Σ_k^p match (up to the sign of each component)"

    return run_check(name, body)

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from wordvec_helpers import datasets
from wordvec_helpers.pmi import ppmi
from wordvec_helpers.svd import svd_embeddings, truncated_svd

matrices = arrays(
    np.float64,
    st.tuples(st.integers(2, 8), st.integers(2, 8)),
    elements=st.floats(0, 10, allow_nan=False, allow_infinity=False),
).filter(lambda M: M.sum() > 0)


def low_rank_plus_noise(m=300, n=200, rank=12, seed=0):
    """A non-negative matrix with a decaying spectrum, like a PPMI matrix."""
    rng = np.random.default_rng(seed)
    factors = rng.random((m, rank)) * np.linspace(3, 0.3, rank)
    return np.abs(factors @ rng.random((rank, n)) + 0.01 * rng.random((m, n)))


def flat_spectrum_matrix(seed=0):
    """Non-negative, one large direction, then 60 singular values between 2 and 1."""
    rng = np.random.default_rng(seed)
    Q1, _ = np.linalg.qr(rng.standard_normal((300, 60)))
    Q2, _ = np.linalg.qr(rng.standard_normal((200, 60)))
    M = (Q1 * np.linspace(2.0, 1.0, 60)) @ Q2.T
    return M - M.min()


@given(matrices)
def test_full_rank_reconstructs_the_matrix(M):
    k = min(M.shape)
    U, s, V = truncated_svd(M, k)
    np.testing.assert_allclose(U @ np.diag(s) @ V.T, M, atol=1e-9)
    np.testing.assert_allclose(s, np.linalg.svd(M, compute_uv=False), atol=1e-9)


@settings(deadline=None)
@given(matrices, st.sampled_from([0.0, 0.5, 1.0]))
def test_eig_power_splits_sigma(M, p):
    k = min(M.shape)
    target, context = svd_embeddings(M, k, eig_power=p)
    U, s, V = truncated_svd(M, k)
    np.testing.assert_allclose(target, U * s**p, atol=1e-12)
    np.testing.assert_allclose(context, V * s**p, atol=1e-12)
    if p == 0.5:
        np.testing.assert_allclose(target @ context.T, M, atol=1e-9)


def test_truncation_keeps_the_largest_singular_values_like_numpy():
    M = low_rank_plus_noise()
    U, s, V = truncated_svd(M, 5, method="exact")
    U_np, s_np, Vt_np = np.linalg.svd(M, full_matrices=False)
    np.testing.assert_allclose(s, s_np[:5])
    # the same subspaces: |cos| between matching singular vectors is 1
    np.testing.assert_allclose(np.abs(np.sum(U * U_np[:, :5], axis=0)), 1, atol=1e-10)
    np.testing.assert_allclose(np.abs(np.sum(V * Vt_np[:5].T, axis=0)), 1, atol=1e-10)


def test_randomized_agrees_with_exact_on_dense_and_sparse_input():
    M = low_rank_plus_noise()
    U, s, V = truncated_svd(M, 8, method="exact")
    for matrix in (M, sp.csr_matrix(M)):
        U_r, s_r, V_r = truncated_svd(matrix, 8, method="randomized", seed=3)
        np.testing.assert_allclose(s_r, s, rtol=1e-4)
        np.testing.assert_allclose(U_r, U, atol=1e-3)  # same signs, thanks to the flip
        np.testing.assert_allclose(V_r, V, atol=1e-3)


def test_lanczos_agrees_with_exact_whatever_the_seed():
    M = low_rank_plus_noise()
    U, s, V = truncated_svd(M, 8, method="exact")
    for seed in (0, 1, 2):
        U_l, s_l, V_l = truncated_svd(sp.csr_matrix(M), 8, method="lanczos", seed=seed)
        np.testing.assert_allclose(s_l, s, rtol=1e-10)
        np.testing.assert_allclose(U_l, U, atol=1e-8)
        np.testing.assert_allclose(V_l, V, atol=1e-8)


def test_sparse_input_defaults_to_lanczos_and_full_rank_to_exact():
    M = sp.csr_matrix(low_rank_plus_noise())
    n = min(M.shape)
    U, s, V = truncated_svd(M, n)  # ARPACK cannot give all n triplets: exact instead
    np.testing.assert_allclose(s, np.linalg.svd(M.toarray(), compute_uv=False), rtol=1e-10)
    np.testing.assert_array_equal(truncated_svd(M, 5)[1], truncated_svd(M, 5, method="lanczos")[1])


def test_more_power_iterations_bring_the_randomized_svd_closer():
    # a flat spectrum around k, as in a PPMI matrix: 4 iterations leave the last direction off
    M = flat_spectrum_matrix()
    exact = np.linalg.svd(M, compute_uv=False)[:20]
    errors = [
        abs(
            truncated_svd(M, 20, method="randomized", n_iter=q, n_oversamples=2)[1][-1] - exact[-1]
        )
        for q in (1, 4, 16)
    ]
    assert errors[0] > errors[1] > errors[2]


def test_default_answer_does_not_depend_on_the_seed_where_a_randomized_one_does():
    # notebook 03: a spread over seeds on a flat spectrum is the randomized solver's error
    M = sp.csr_matrix(flat_spectrum_matrix())
    exact = np.linalg.svd(M.toarray(), compute_uv=False)[:20]
    for seed in (0, 1, 2):
        np.testing.assert_allclose(truncated_svd(M, 20, seed=seed)[1], exact, rtol=1e-10)
    last = [
        truncated_svd(M, 20, seed=seed, method="randomized", n_iter=1, n_oversamples=2)[1][-1]
        for seed in (0, 1, 2)
    ]
    assert np.ptp(last) > 1e-3 * exact[-1]  # each seed a different answer ...
    assert max(last) < exact[-1]  # ... and each one too low


def test_signs_are_deterministic_and_follow_the_rule():
    M = low_rank_plus_noise()
    U, _, V = truncated_svd(sp.csr_matrix(M), 6)
    U2, _, V2 = truncated_svd(sp.csr_matrix(M), 6)
    np.testing.assert_array_equal(U, U2)
    biggest = U[np.argmax(np.abs(U), axis=0), np.arange(6)]
    assert (biggest > 0).all()


def test_sparse_input_is_never_densified(monkeypatch):
    M = sp.csr_matrix(low_rank_plus_noise())

    def refuse(*args, **kwargs):
        raise AssertionError("the sparse matrix was densified")

    monkeypatch.setattr(sp.csr_matrix, "toarray", refuse)
    monkeypatch.setattr(sp.csr_matrix, "todense", refuse)
    target, context = svd_embeddings(M, 4)
    assert target.shape == (300, 4) and context.shape == (200, 4)


def test_precept_ppmi_svd_shapes():
    _, W = datasets.precept_count_table()
    target, context = svd_embeddings(ppmi(W), 2)
    assert target.shape == (3, 2) and context.shape == (3, 2)


@pytest.mark.parametrize(
    ("dim", "options", "error", "message"),
    [
        (0, {}, ValueError, "dim must be an integer >= 1, got 0"),
        (4, {}, ValueError, r"dim must be at most min\(matrix.shape\) = 3 .* got 4"),
        (1.0, {}, TypeError, "dim must be an integer"),
        (2, {"method": "power"}, ValueError, "method must be one of"),
        (2, {"n_iter": -1}, ValueError, "n_iter must be an integer >= 0, got -1"),
        (2, {"n_oversamples": 2.5}, TypeError, "n_oversamples must be an integer >= 0"),
        (2, {"eig_power": "half"}, TypeError, "eig_power must be a number"),
        (2, {"eig_power": np.nan}, ValueError, "eig_power must be finite"),
    ],
)
def test_bad_arguments(dim, options, error, message):
    _, W = datasets.precept_count_table()
    with pytest.raises(error, match=message):
        svd_embeddings(ppmi(W), dim, **options)


def test_bad_matrix():
    with pytest.raises(ValueError, match="matrix is all zeros"):
        svd_embeddings(np.zeros((3, 3)), 2)

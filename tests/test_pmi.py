import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from wordvec_helpers import datasets
from wordvec_helpers.pmi import pmi, ppmi, probabilities

count_matrices = arrays(
    np.int64, st.tuples(st.integers(1, 6), st.integers(1, 6)), elements=st.integers(0, 50)
).filter(lambda W: W.sum() > 0)


def test_precept_probabilities():
    words, W = datasets.precept_count_table()
    p_tc, p_t, p_c = probabilities(W)
    i, like, dogs = (words.index(w) for w in ("I", "like", "dogs"))
    assert p_t[i] == pytest.approx(1 / 6)  # P["I"] = 1/6
    assert p_t[like] == pytest.approx(5 / 12)  # P["like"] = 5/12
    assert p_tc[like, i] == pytest.approx(1 / 12)  # P["like", "I"] = 1/12
    assert p_tc[like, dogs] == pytest.approx(1 / 3)
    assert p_tc.sum() == pytest.approx(1.0)


def test_precept_pmi_and_ppmi_tables():
    _, W = datasets.precept_count_table()
    table = pmi(W)
    assert np.all(np.isneginf(np.diag(table)))  # zero counts on the diagonal
    assert table[0, 1] == pytest.approx(np.log(1.2)) and round(table[0, 1], 2) == 0.18
    assert table[1, 2] == pytest.approx(np.log(1.92)) and round(table[1, 2], 2) == 0.65
    np.testing.assert_allclose(ppmi(W), np.where(np.isneginf(table), 0.0, table))


def test_jurafsky_martin_worked_numbers():
    targets, contexts, W = datasets.jurafsky_martin_counts()
    p_tc, p_t, p_c = probabilities(W)
    info, data = targets.index("information"), contexts.index("data")
    assert p_tc[info, data] == pytest.approx(0.3399, abs=5e-5)
    assert p_t[info] == pytest.approx(0.6575, abs=5e-5)
    assert p_c[data] == pytest.approx(0.4842, abs=5e-5)
    assert ppmi(W, base=2)[info, data] == pytest.approx(0.0944, abs=5e-4)
    # J & M's PPMI table (Figure 6.12 in the 3rd edition), log base 2
    expected = [
        [0, 0, 0, 4.38, 3.30],
        [0, 0, 0, 4.10, 5.51],
        [0.18, 0.01, 0, 0, 0],
        [0.02, 0.09, 0.28, 0, 0],
    ]
    np.testing.assert_allclose(ppmi(W, base=2), expected, atol=0.005)


@given(count_matrices)
def test_pmi_is_minus_inf_exactly_where_the_count_is_zero_and_never_nan(W):
    table = pmi(W)
    assert not np.isnan(table).any()
    np.testing.assert_array_equal(np.isneginf(table), W == 0)
    assert np.isfinite(table[W > 0]).all()


@given(count_matrices, st.sampled_from([1.0, 0.75, 0.5]), st.sampled_from([1.0, 2.0, 5.0]))
def test_ppmi_is_non_negative_and_sparse_agrees_with_dense(W, alpha, shift):
    dense = ppmi(W, alpha=alpha, shift=shift)
    assert (dense >= 0).all() and np.isfinite(dense).all()
    sparse = ppmi(sp.csr_matrix(W), alpha=alpha, shift=shift)
    assert sp.issparse(sparse)
    np.testing.assert_allclose(sparse.toarray(), dense, rtol=1e-12, atol=1e-12)
    assert (sparse.data > 0).all()  # no explicit zeros stored


@given(count_matrices)
def test_ppmi_is_clipped_pmi(W):
    np.testing.assert_allclose(ppmi(W), np.maximum(pmi(W), 0.0))


def test_ppmi_matches_a_loop_over_the_definition():
    _, _, W = datasets.jurafsky_martin_counts()
    alpha, shift = 0.75, 2.0
    total = W.sum()
    smoothed = W.sum(axis=0) ** alpha
    expected = np.zeros(W.shape)
    for t in range(W.shape[0]):
        for c in range(W.shape[1]):
            if W[t, c]:
                p_tc, p_t = W[t, c] / total, W[t].sum() / total
                p_c = smoothed[c] / smoothed.sum()
                expected[t, c] = max(np.log(p_tc / (p_t * p_c)) - np.log(shift), 0)
    np.testing.assert_allclose(ppmi(W, alpha=alpha, shift=shift), expected)


def test_smoothing_raises_pmi_of_rare_contexts():
    _, _, W = datasets.jurafsky_martin_counts()
    rare = np.argmin(W.sum(axis=0))  # the rarest context gets P_alpha(c) > P(c)
    seen = W[:, rare] > 0
    assert (ppmi(W, alpha=0.75)[seen, rare] <= ppmi(W)[seen, rare]).all()


def test_sparse_ppmi_stays_sparse():
    W = sp.random(2000, 2000, density=0.001, format="csr", random_state=0) * 10
    W.data = np.ceil(W.data)
    result = ppmi(W)
    assert sp.issparse(result) and result.nnz <= W.nnz


def test_pmi_of_sparse_input_is_dense_with_minus_inf():
    _, W = datasets.precept_count_table()
    np.testing.assert_array_equal(pmi(sp.csr_matrix(W)), pmi(W))


@pytest.mark.parametrize(
    ("counts", "options", "error", "message"),
    [
        ([[1, -1], [0, 2]], {}, ValueError, r"non-negative .* at \[0, 1\]"),
        ([[1, np.nan], [0, 2]], {}, ValueError, r"NaN or infinite value at \[0, 1\]"),
        ([[0, 0], [0, 0]], {}, ValueError, "all zeros"),
        ([1, 2, 3], {}, ValueError, r"2-D .* shape \(3,\)"),
        (np.zeros((0, 3)), {}, ValueError, "empty"),
        ([["a", "b"]], {}, TypeError, "2-D array of numbers"),
        ([[1, 2], [3, 4]], {"base": 1}, ValueError, "base must be a number > 1"),
        ([[1, 2], [3, 4]], {"base": -2}, ValueError, "base must be a finite number > 0"),
    ],
)
def test_bad_counts_get_a_clear_error(counts, options, error, message):
    for function in (pmi, ppmi):
        with pytest.raises(error, match=message):
            function(counts, **options)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"alpha": 0}, "alpha must be a finite number > 0, got 0.0"),
        ({"alpha": -0.75}, "alpha must be a finite number > 0"),
        ({"shift": 0}, "shift must be a finite number > 0, got 0.0"),
        ({"shift": np.inf}, "shift must be a finite number > 0, got inf"),
    ],
)
def test_bad_alpha_or_shift(options, message):
    with pytest.raises(ValueError, match=message):
        ppmi([[1, 2], [3, 4]], **options)


def test_sparse_bad_counts_are_located():
    W = sp.csr_matrix(np.array([[0, 0, 3], [0, -2, 0]]))
    with pytest.raises(ValueError, match=r"at \[1, 1\]"):
        ppmi(W)


def test_with_margins_gives_the_precept_table_with_its_sums():
    from wordvec_helpers.tables import with_margins

    _, counts = datasets.precept_count_table()
    table = with_margins(counts)
    assert table.shape == (4, 4)
    np.testing.assert_array_equal(table[:3, 3], [20, 50, 50])  # count(t), as on the slide
    np.testing.assert_array_equal(table[3], [20, 50, 50, 120])  # count(c) and the total
    _, _, jm = datasets.jurafsky_martin_counts()
    assert with_margins(jm)[-1, -1] == jm.sum() and with_margins(jm).shape == (5, 6)
    with pytest.raises(ValueError, match="2-D"):
        with_margins(np.arange(3))

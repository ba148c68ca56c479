import decimal

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from wordvec_helpers import datasets
from wordvec_helpers.corpus import Vocabulary
from wordvec_helpers.similarity import cosine_similarity, nearest_neighbors, normalize_rows

vectors = arrays(np.float64, st.integers(1, 6), elements=st.floats(-100, 100))


def test_jurafsky_martin_cosines():
    """J & M ch. 6: on the dimensions pie, data, computer, cos(cherry, information) = .018 and
    cos(digital, information) = .996."""
    targets, contexts, W = datasets.jurafsky_martin_counts()
    dims = [contexts.index(c) for c in ("pie", "data", "computer")]
    cherry, digital, information = (
        W[targets.index(t), dims] for t in targets if t != "strawberry"
    )
    assert cosine_similarity(cherry, information) == pytest.approx(0.018, abs=5e-4)
    assert cosine_similarity(digital, information) == pytest.approx(0.996, abs=5e-4)


def exact_cosine(u, v) -> float:
    """The oracle: u·v / (‖u‖ ‖v‖) in 60-digit decimal arithmetic, exact for any float input
    (no underflow of tiny entries squared, no overflow of huge ones)."""
    with decimal.localcontext() as context:
        context.prec = 60
        u, v = [decimal.Decimal(float(x)) for x in u], [decimal.Decimal(float(x)) for x in v]
        norms = (sum(x * x for x in u) * sum(y * y for y in v)).sqrt()
        return float(sum(x * y for x, y in zip(u, v, strict=True)) / norms) if norms else 0.0


@given(vectors, vectors)
def test_cosine_matches_the_formula(u, v):
    if u.shape != v.shape:
        with pytest.raises(ValueError, match="same dimension d"):
            cosine_similarity(u, v)
        return
    assert cosine_similarity(u, v) == pytest.approx(exact_cosine(u, v), abs=1e-9)
    assert -1 - 1e-12 <= cosine_similarity(u, v) <= 1 + 1e-12


def test_matrix_shapes():
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(4, 3)), rng.normal(size=(5, 3))
    assert cosine_similarity(A, B).shape == (4, 5)
    assert cosine_similarity(A, B[0]).shape == (4,)
    assert cosine_similarity(A[0], B).shape == (5,)
    np.testing.assert_allclose(cosine_similarity(A, B)[2, 3], cosine_similarity(A[2], B[3]))


def test_zero_vectors_have_similarity_zero_not_nan():
    assert cosine_similarity([0, 0], [1, 2]) == 0.0
    unit = normalize_rows([[0.0, 0.0], [3.0, 4.0]])
    np.testing.assert_array_equal(unit[0], [0.0, 0.0])
    np.testing.assert_allclose(unit[1], [0.6, 0.8], rtol=1e-15)


def test_tiny_and_huge_vectors_keep_their_cosine():
    """Squaring 1e-162 underflows and squaring 1e200 overflows; the cosine must not care."""
    assert cosine_similarity([1e-162], [1e-162]) == 1.0
    assert cosine_similarity([1.0], [4e-162]) == 1.0
    assert cosine_similarity([1e200, 1e200], [1e200, 0.0]) == pytest.approx(2**-0.5, rel=1e-15)
    np.testing.assert_allclose(normalize_rows(np.array([[3e-170, 4e-170]])), [[0.6, 0.8]])
    tiny = sp.csr_matrix(np.array([[3e-313, 0.0, 4e-313], [0.0, 0.0, 0.0]]))
    np.testing.assert_allclose(normalize_rows(tiny).toarray(), [[0.6, 0, 0.8], [0, 0, 0]])


def test_nearest_neighbors_excludes_the_word_and_orders_by_similarity():
    vocab = Vocabulary(["cat", "dog", "car", "truck"], [4, 3, 2, 1])
    vectors = np.array([[1.0, 0.1], [0.9, 0.2], [0.1, 1.0], [0.2, 0.9]])
    neighbours = nearest_neighbors(vectors, vocab, "cat", k=2)
    assert [w for w, _ in neighbours] == ["dog", "truck"]
    assert neighbours[0][1] == pytest.approx(cosine_similarity(vectors[0], vectors[1]))
    assert len(nearest_neighbors(vectors, vocab, "cat", k=10)) == 3


def test_nearest_neighbors_breaks_ties_by_frequency():
    vocab = Vocabulary(["a", "b", "c"], [3, 2, 1])
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]])
    assert [w for w, _ in nearest_neighbors(vectors, vocab, "c", k=2)] == ["a", "b"]


def test_bad_input():
    vocab = Vocabulary(["cat", "dog"], [2, 1])
    vectors = np.eye(2)
    with pytest.raises(KeyError, match="'cta' is not in the vocabulary"):
        nearest_neighbors(vectors, vocab, "cta")
    with pytest.raises(ValueError, match=r"one row per vocabulary word, shape \(2, d\)"):
        nearest_neighbors(np.eye(3), vocab, "cat")
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        nearest_neighbors(vectors, vocab, "cat", k=0)
    with pytest.raises(ValueError, match="NaN or infinite"):
        cosine_similarity([np.nan, 1], [1, 1])
    with pytest.raises(ValueError, match=r"shape \(d,\) or a matrix"):
        cosine_similarity(np.ones((2, 2, 2)), [1, 1])


def test_sparse_vectors_give_the_same_answers_as_dense():
    rng = np.random.default_rng(1)
    dense = rng.poisson(0.7, size=(30, 12)).astype(float)
    dense[3] = 0.0  # an all-zero row
    sparse = sp.csr_matrix(dense)
    np.testing.assert_allclose(cosine_similarity(sparse, sparse), cosine_similarity(dense, dense))
    np.testing.assert_allclose(
        cosine_similarity(sparse, dense[0]), cosine_similarity(dense, dense[0])
    )
    assert sp.issparse(normalize_rows(sparse))
    vocab = Vocabulary([f"w{i}" for i in range(30)], np.arange(30, 0, -1))
    from_sparse = nearest_neighbors(sparse, vocab, "w5", k=4)
    from_dense = nearest_neighbors(dense, vocab, "w5", k=4)
    assert [w for w, _ in from_sparse] == [w for w, _ in from_dense]
    np.testing.assert_allclose([s for _, s in from_sparse], [s for _, s in from_dense])

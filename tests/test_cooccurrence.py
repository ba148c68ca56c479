import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st

from wordvec_helpers import datasets
from wordvec_helpers.cooccurrence import (
    cooccurrence_matrix,
    cooccurrence_matrix_loop,
    increments,
    window_pairs,
)
from wordvec_helpers.corpus import Vocabulary
from wordvec_helpers.skipgram import training_pair_arrays

corpora = st.lists(
    st.lists(st.integers(0, 5), min_size=0, max_size=12).map(lambda s: np.array(s, np.int64)),
    min_size=1,
    max_size=4,
).filter(lambda sentences: sum(s.size for s in sentences) > 0)


def test_precept_increments_for_i_like_cats_and_dogs():
    """The 14 increments the slides list for window 2, in the slides' order."""
    expected = [
        ("I", "like"), ("I", "cats"),
        ("like", "I"), ("like", "cats"), ("like", "and"),
        ("cats", "I"), ("cats", "like"), ("cats", "and"), ("cats", "dogs"),
        ("and", "like"), ("and", "cats"), ("and", "dogs"),
        ("dogs", "cats"), ("dogs", "and"),
    ]  # fmt: skip
    assert increments(datasets.precept_sentence(), window=2) == expected


def test_precept_sentence_matrix():
    sentence = datasets.precept_sentence()
    vocab = Vocabulary.build([sentence])
    W = cooccurrence_matrix([vocab.encode(sentence)], len(vocab), window=2)
    assert W.shape == (5, 5) and W.dtype == np.int64
    assert W.sum() == 14
    assert W[vocab["I"], vocab["like"]] == 1 and W[vocab["I"], vocab["and"]] == 0
    assert W[vocab["cats"]].sum() == 4


@given(corpora, st.integers(1, 6))
def test_vectorised_equals_loop_oracle(sentences, window):
    loop = cooccurrence_matrix_loop(sentences, 6, window)
    np.testing.assert_array_equal(cooccurrence_matrix(sentences, 6, window), loop)
    sparse = cooccurrence_matrix(sentences, 6, window, sparse=True)
    assert sp.issparse(sparse) and sparse.format == "csr"
    np.testing.assert_array_equal(sparse.toarray(), loop)


@given(corpora, st.integers(1, 6))
def test_counts_are_symmetric_and_total_is_twice_the_pairs(sentences, window):
    W = cooccurrence_matrix(sentences, 6, window)
    np.testing.assert_array_equal(W, W.T)
    pairs = sum(max(0, len(s) - k) for s in sentences for k in range(1, window + 1))
    assert W.sum() == 2 * pairs
    targets, contexts = window_pairs(sentences, 6, window)
    assert targets.size == W.sum()
    np.testing.assert_array_equal(np.bincount(targets, minlength=6), W.sum(axis=1))


def test_windows_never_cross_a_sentence_boundary():
    W = cooccurrence_matrix([np.array([0, 1]), np.array([2, 3])], 4, window=5)
    assert W[1, 2] == 0 and W[0, 3] == 0
    assert W[0, 1] == 1 and W[2, 3] == 1


def test_repeated_word_counts_itself_as_context():
    W = cooccurrence_matrix([np.array([0, 0])], 1, window=1)
    np.testing.assert_array_equal(W, [[2]])


@pytest.mark.parametrize(
    ("sentences", "vocab_size", "window", "error", "message"),
    [
        ([], 3, 2, ValueError, "sentences is empty"),
        ([np.array([], np.int64)], 3, 2, ValueError, "no tokens"),
        ([np.array([0, 1])], 3, 0, ValueError, "window must be an integer >= 1, got 0"),
        ([np.array([0, 1])], 3, 2.5, TypeError, "window must be an integer >= 1, got 2.5"),
        ([np.array([0, 1])], 3, True, TypeError, "window must be an integer"),
        ([np.array([0, 3])], 3, 2, ValueError, r"sentences\[0\] has id 3 .* valid ids are 0\.\.2"),
        ([np.array([0, -1])], 3, 2, ValueError, "has id -1"),
        ([np.array([0.0, 1.0])], 3, 2, TypeError, "integer word ids"),
        (np.array([0, 1]), 3, 2, TypeError, "wrap it in a list"),
        ([np.array([0, 1])], 0, 2, ValueError, "vocab_size must be an integer >= 1"),
    ],
)
def test_bad_input_gets_a_clear_error(sentences, vocab_size, window, error, message):
    for function in (cooccurrence_matrix, cooccurrence_matrix_loop):
        with pytest.raises(error, match=message):
            function(sentences, vocab_size, window)


def test_dense_refuses_a_huge_vocabulary():
    with pytest.raises(ValueError, match="pass sparse=True"):
        cooccurrence_matrix([np.array([0, 1])], 50_000, 2)
    W = cooccurrence_matrix([np.array([0, 1])], 50_000, 2, sparse=True)
    assert W.shape == (50_000, 50_000) and W.nnz == 2


# --------------------------------------------------------------------------------------------
# weighting= (GloVe's harmonic 1/d weighting, notebook 08)
# --------------------------------------------------------------------------------------------


@given(corpora, st.integers(1, 6))
def test_harmonic_weighting_equals_loop_oracle(sentences, window):
    loop = cooccurrence_matrix_loop(sentences, 6, window, weighting="harmonic")
    dense = cooccurrence_matrix(sentences, 6, window, weighting="harmonic")
    sparse = cooccurrence_matrix(sentences, 6, window, sparse=True, weighting="harmonic")
    assert dense.dtype == np.float64 and sparse.dtype == np.float64
    np.testing.assert_allclose(dense, loop, rtol=1e-12)
    np.testing.assert_allclose(sparse.toarray(), loop, rtol=1e-12)
    np.testing.assert_array_equal(dense, dense.T)  # W = M + Mᵀ is exactly symmetric


def test_harmonic_weights_by_hand():
    """'a b c a' with m = 3: (a, b) at distances 1 and 2, (a, c) at 2 and 1, (a, a) at 3."""
    W = cooccurrence_matrix([np.array([0, 1, 2, 0])], 3, window=3, weighting="harmonic")
    expected = [
        [2 / 3, 1 + 1 / 2, 1 / 2 + 1],  # a: (a, a) twice at distance 3, once from each side
        [1 + 1 / 2, 0, 1],
        [1 / 2 + 1, 1, 0],
    ]
    np.testing.assert_allclose(W, expected, rtol=1e-15)


@given(corpora, st.integers(1, 6))
def test_uniform_weighting_is_the_default_and_stays_integer(sentences, window):
    default = cooccurrence_matrix(sentences, 6, window, sparse=True)
    uniform = cooccurrence_matrix(sentences, 6, window, sparse=True, weighting="uniform")
    assert uniform.dtype == np.int64
    np.testing.assert_array_equal(uniform.toarray(), default.toarray())


def test_harmonic_is_at_most_uniform_and_equal_at_window_1():
    sentences = [np.array([0, 1, 2, 1, 0, 3, 3]), np.array([2, 0, 1])]
    for window in (1, 2, 5):
        uniform = cooccurrence_matrix(sentences, 4, window)
        harmonic = cooccurrence_matrix(sentences, 4, window, weighting="harmonic")
        assert np.all(harmonic <= uniform) and np.all((harmonic > 0) == (uniform > 0))
        if window == 1:
            np.testing.assert_array_equal(harmonic, uniform)


# --------------------------------------------------------------------------------------------
# weighting="linear" (word2vec's dynamic window in expectation, notebook 09)
# --------------------------------------------------------------------------------------------


@given(corpora, st.integers(1, 6))
def test_linear_weighting_equals_loop_oracle(sentences, window):
    loop = cooccurrence_matrix_loop(sentences, 6, window, weighting="linear")
    dense = cooccurrence_matrix(sentences, 6, window, weighting="linear")
    sparse = cooccurrence_matrix(sentences, 6, window, sparse=True, weighting="linear")
    assert dense.dtype == np.float64 and sparse.dtype == np.float64
    np.testing.assert_allclose(dense, loop, rtol=1e-12)
    np.testing.assert_allclose(sparse.toarray(), loop, rtol=1e-12)
    np.testing.assert_array_equal(dense, dense.T)


def test_linear_weights_by_hand():
    """'a b c a' with m = 3: weights 1, 2/3, 1/3 at distances 1, 2, 3."""
    W = cooccurrence_matrix([np.array([0, 1, 2, 0])], 3, window=3, weighting="linear")
    expected = [
        [2 / 3, 1 + 2 / 3, 2 / 3 + 1],  # (a, a) at distance 3 from each side: 1/3 + 1/3
        [1 + 2 / 3, 0, 1],
        [2 / 3 + 1, 1, 0],
    ]
    np.testing.assert_allclose(W, expected, rtol=1e-15)


@given(corpora, st.integers(1, 6))
def test_linear_weighting_is_the_mean_over_the_fixed_windows_1_to_m(sentences, window):
    """The dynamic window b is uniform on 1..m and a target's pairs within b are its pairs of
    a fixed window b, so the expected counts are the mean of the uniform counts for b = 1..m,
    exactly."""
    mean = sum(cooccurrence_matrix(sentences, 6, b) for b in range(1, window + 1)) / window
    linear = cooccurrence_matrix(sentences, 6, window, weighting="linear")
    np.testing.assert_allclose(linear, mean, rtol=1e-12, atol=1e-12)


def test_linear_weighting_is_the_expectation_of_skipgrams_dynamic_windows():
    """Average the counts of the pairs ``training_pair_arrays`` draws with word2vec's dynamic
    window (``skipgram.dynamic_windows``) over many draws: they approach the linear weights."""
    sentences = [np.array([0, 1, 2, 3, 1, 0, 4, 2]), np.array([3, 3, 1, 4, 0])]
    window, draws = 4, 4000
    rng = np.random.default_rng(0)
    total = np.zeros((5, 5))
    for _ in range(draws):
        targets, contexts = training_pair_arrays(sentences, window, rng=rng, vocab_size=5)
        total += np.bincount(targets * 5 + contexts, minlength=25).reshape(5, 5)
    expected = cooccurrence_matrix(sentences, 5, window, weighting="linear")
    uniform = cooccurrence_matrix(sentences, 5, window)
    # each count is a sum of at most uniform[t, c] independent Bernoulli draws per run
    standard_error = np.sqrt(np.maximum(uniform, 1) * 0.25 / draws)
    assert np.all(np.abs(total / draws - expected) < 5 * standard_error)
    assert not np.allclose(expected, uniform)  # the test can tell linear from uniform


def test_linear_equals_uniform_at_window_1_and_is_at_least_harmonic():
    sentences = [np.array([0, 1, 2, 1, 0, 3, 3]), np.array([2, 0, 1])]
    for window in (1, 2, 5):
        uniform = cooccurrence_matrix(sentences, 4, window)
        linear = cooccurrence_matrix(sentences, 4, window, weighting="linear")
        harmonic = cooccurrence_matrix(sentences, 4, window, weighting="harmonic")
        assert np.all(linear <= uniform) and np.all((linear > 0) == (uniform > 0))
        if window == 1:
            np.testing.assert_array_equal(linear, uniform)
        if window == 2:  # (m - d + 1)/m = 1/d for m = 2
            np.testing.assert_allclose(linear, harmonic, rtol=1e-15)
        else:
            assert np.all(linear >= harmonic - 1e-12)


@pytest.mark.parametrize("weighting", ["linear ", "Harmonic", None, 1])
def test_unknown_weighting_gets_a_clear_error(weighting):
    for function in (cooccurrence_matrix, cooccurrence_matrix_loop):
        with pytest.raises(
            ValueError, match="weighting must be one of 'uniform', 'harmonic', 'linear', got"
        ):
            function([np.array([0, 1])], 2, 2, weighting=weighting)

"""Full-softmax skip-gram from the co-occurrence counts: the count form of the loss equals the
sum over the corpus's pairs, its gradients pass a gradient check, and the trainer learns,
wires the gradients into Adam correctly and is deterministic for a seed."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wordvec_helpers.cooccurrence import cooccurrence_matrix
from wordvec_helpers.corpus import Vocabulary
from wordvec_helpers.gradcheck import gradcheck
from wordvec_helpers.skipgram import (
    _softmax_block,
    softmax_counts_loss_and_gradients,
    softmax_loss_and_gradients,
    train_softmax_skipgram_from_counts,
    training_pairs,
)

TEXT = [
    "the cat sat on the mat and the dog sat on the rug",
    "a cat and a dog are pets and the cat likes the dog",
    "i like deep learning and i like nlp and i enjoy flying",
]


def _toy(window=2):
    sentences = [s.split() for s in TEXT]
    vocab = Vocabulary.build(sentences)
    corpus = vocab.encode_corpus(sentences)
    return vocab, corpus, cooccurrence_matrix(corpus, len(vocab), window=window, sparse=True)


@pytest.mark.parametrize("window", [1, 2, 3])
def test_the_count_form_equals_the_sum_over_the_pairs_of_the_corpus(window):
    vocab, corpus, W = _toy(window)
    rng = np.random.default_rng(window)
    U, V = rng.normal(size=(2, len(vocab), 6))
    loss, grad_U, grad_V = 0.0, np.zeros_like(U), np.zeros_like(V)
    n_pairs = 0
    for t, c in training_pairs(corpus, window):  # the loop over pairs of notebook 04
        pair_loss, grad_u, grad_v = softmax_loss_and_gradients(U[t], V, c)
        loss += pair_loss
        grad_U[t] += grad_u
        grad_V += grad_v
        n_pairs += 1
    assert n_pairs == W.sum()  # the same pairs, counted
    counted = softmax_counts_loss_and_gradients(U, V, W)
    assert counted[0] == pytest.approx(loss, rel=1e-12)
    np.testing.assert_allclose(counted[1], grad_U, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(counted[2], grad_V, rtol=1e-10, atol=1e-12)
    dense = softmax_counts_loss_and_gradients(U, V, W.toarray())
    assert dense[0] == pytest.approx(counted[0], rel=1e-12)


@settings(max_examples=15, deadline=None)
@given(
    n_words=st.integers(2, 7),
    d=st.integers(1, 4),
    seed=st.integers(0, 2**16),
    scale=st.sampled_from([0.1, 1.0, 5.0]),
)
def test_gradients_pass_a_gradient_check(n_words, d, seed, scale):
    rng = np.random.default_rng(seed)
    W = rng.poisson(2.0, (n_words, n_words)).astype(float)
    W[0, 0] += 1  # never all zero
    U, V = scale * rng.normal(size=(2, n_words, d))
    _, grad_U, grad_V = softmax_counts_loss_and_gradients(U, V, W)
    assert gradcheck(lambda x: softmax_counts_loss_and_gradients(x, V, W)[0], U, grad_U).passed
    assert gradcheck(lambda x: softmax_counts_loss_and_gradients(U, x, W)[0], V, grad_V).passed


def test_huge_scores_neither_overflow_nor_lose_the_loss():
    W = np.array([[0.0, 3.0], [1.0, 0.0]])
    U = np.array([[1000.0], [-1000.0]])
    V = np.array([[1.0], [0.0]])
    loss, grad_U, grad_V = softmax_counts_loss_and_gradients(U, V, W)
    # row 0: P[c=1 | t=0] = σ(-1000) -> -log is 1000; row 1: P[c=0 | t=1] = σ(-1000) too
    assert loss == pytest.approx(3 * 1000 + 1000)
    assert np.all(np.isfinite(grad_U)) and np.all(np.isfinite(grad_V))


def test_the_first_step_is_adam_on_the_full_gradient():
    """One block holding every row, one epoch: exactly one Adam step from word2vec's start.
    V starts at 0, so ∂L/∂U = G V = 0 and U stays; each v_c moves by -lr·sign(∂L/∂v_c)."""
    vocab, _, W = _toy()
    dim, lr = 5, 0.01
    model = train_softmax_skipgram_from_counts(
        W, dim, epochs=1, lr=lr, seed=3, batch_rows=len(vocab)
    )
    rng = np.random.default_rng(3)
    U0 = ((rng.random((len(vocab), dim)) - 0.5) / dim).astype(np.float32)
    np.testing.assert_array_equal(model.target_vectors, U0)
    _, _, grad_V = softmax_counts_loss_and_gradients(U0.astype(float), np.zeros_like(U0), W)
    np.testing.assert_allclose(model.context_vectors, -lr * np.sign(grad_V), rtol=1e-3)
    assert model.history[-1].loss == pytest.approx(np.log(len(vocab)), rel=1e-6)


def test_training_reaches_the_optimum_p_c_given_t():
    """With d >= |V| the softmax can match every row: the loss falls to the entropy of the
    empirical P[c | t] = W_tc / n_t, its minimum (notebook 04's optimum)."""
    vocab, _, W = _toy()
    counts = W.toarray()
    empirical = counts / counts.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        minimum = -np.sum(np.where(counts > 0, counts * np.log(empirical), 0.0)) / counts.sum()
    model = train_softmax_skipgram_from_counts(
        W, len(vocab), epochs=400, lr=0.1, batch_rows=8, vocab=vocab
    )
    losses = model.loss_history
    assert losses[0] > losses[len(losses) // 2] > losses[-1]
    assert losses[-1] == pytest.approx(minimum, abs=0.01)
    scores = model.target_vectors @ model.context_vectors.T
    predicted = np.exp(scores - scores.max(axis=1, keepdims=True))
    predicted /= predicted.sum(axis=1, keepdims=True)
    assert np.abs(predicted - empirical).max() < 0.05
    assert model.nearest_neighbors("cat", k=1)  # the vocabulary was kept


def test_same_seed_same_vectors_other_seed_other_vectors():
    _, _, W = _toy()
    first, second, other = (
        train_softmax_skipgram_from_counts(W, 4, epochs=3, lr=0.05, seed=seed, batch_rows=7)
        for seed in (1, 1, 2)
    )
    np.testing.assert_array_equal(first.target_vectors, second.target_vectors)
    np.testing.assert_array_equal(first.context_vectors, second.context_vectors)
    assert not np.allclose(first.target_vectors, other.target_vectors)
    assert first.target_vectors.dtype == np.float32 and first.target_vectors.shape == (
        W.shape[0],
        4,
    )


def test_callback_can_stop_training_and_sees_the_progress():
    _, _, W = _toy()
    seen = []
    model = train_softmax_skipgram_from_counts(
        W, 3, epochs=10, seed=0, batch_rows=5, callback=lambda p: seen.append(p) or len(seen) < 3
    )
    assert model.stopped_early and len(seen) == 3
    assert seen[-1].fraction_done < 1 and all(np.isfinite(p.loss) for p in seen)


def test_bad_input_is_named():
    vocab, _, W = _toy()
    with pytest.raises(ValueError, match=r"W must be a square .* got shape \(3, 4\)"):
        train_softmax_skipgram_from_counts(np.ones((3, 4)), 2)
    with pytest.raises(ValueError, match="W must be non-negative"):
        train_softmax_skipgram_from_counts(-np.eye(3), 2)
    with pytest.raises(ValueError, match="lr must be a finite number > 0, got 0.0"):
        train_softmax_skipgram_from_counts(W, 2, lr=0.0)
    with pytest.raises(ValueError, match="vocab has 3 words but W has shape"):
        train_softmax_skipgram_from_counts(W, 2, vocab=["a", "b", "c"])
    with pytest.raises(ValueError, match="target_vectors has 2 rows"):
        softmax_counts_loss_and_gradients(np.ones((2, 3)), np.ones((2, 3)), np.ones((4, 4)))
    with pytest.raises(ValueError, match="context_vectors must have the shape"):
        softmax_counts_loss_and_gradients(np.ones((2, 3)), np.ones((2, 2)), np.ones((2, 2)))
    with pytest.raises(ValueError, match="too large for float32"):
        train_softmax_skipgram_from_counts(W * 1e38, 2)
    with pytest.raises(FloatingPointError, match="try lr="):
        train_softmax_skipgram_from_counts(W, 2, lr=1e30, epochs=3)


def test_blocks_of_rows_add_up_to_the_whole_matrix():
    """The trainer scores blocks of rows in float32: their losses add up to the loss of the
    whole matrix, and their G rows, stacked, are the whole G (so G V and Gᵀ U are too)."""
    vocab, _, W = _toy(3)
    rng = np.random.default_rng(0)
    U, V = rng.normal(size=(2, len(vocab), 8))
    full_loss, full_grad_U, full_grad_V = softmax_counts_loss_and_gradients(U, V, W)
    loss, grad_U, grad_V = 0.0, np.zeros_like(U), np.zeros_like(V)
    for rows in np.array_split(np.sort(rng.permutation(len(vocab))[:]), 4):
        block_loss, G = _softmax_block(U[rows].astype(np.float32), V.astype(np.float32), W[rows])
        assert G.dtype == np.float32 and G.shape == (len(rows), len(vocab))
        loss += block_loss
        grad_U[rows] = G @ V
        grad_V += G.T @ U[rows]
    assert loss == pytest.approx(full_loss, rel=1e-5)
    np.testing.assert_allclose(grad_U, full_grad_U, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(grad_V, full_grad_V, rtol=1e-4, atol=1e-4)

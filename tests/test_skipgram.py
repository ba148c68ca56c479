"""Tests for wordvec_helpers.skipgram: closed-form losses and gradients, the noise sampler,
subsampling, training pairs, and both trainers (the finite-difference checks of the gradients
live in test_gradcheck*.py)."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from wordvec_helpers import skipgram
from wordvec_helpers.cooccurrence import cooccurrence_matrix
from wordvec_helpers.corpus import Vocabulary
from wordvec_helpers.skipgram import (
    NegativeSampler,
    TrainingProgress,
    keep_probabilities,
    neg_sampling_loss_and_gradients,
    softmax_loss_and_gradients,
    softmax_sgd_step,
    train_sgns,
    train_softmax_skipgram,
    training_pair_arrays,
    training_pairs,
)

# --------------------------------------------------------------------------------------------
# σ and log σ
# --------------------------------------------------------------------------------------------


def test_sigmoid_and_log_sigmoid_are_stable_at_1e4():
    x = np.array([-1e4, -50.0, 0.0, 50.0, 1e4])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        s = skipgram.sigmoid(x)
        log_s = skipgram.log_sigmoid(x)
    np.testing.assert_allclose(s, [0.0, math.exp(-50) / (1 + math.exp(-50)), 0.5, 1.0, 1.0])
    np.testing.assert_allclose(log_s, [-1e4, -50.0, -math.log(2), -math.exp(-50), 0.0], rtol=1e-12)


# --------------------------------------------------------------------------------------------
# Full softmax
# --------------------------------------------------------------------------------------------


def _softmax_oracle(u_t, V, c):
    """The slide's formula, word by word with Python floats."""
    scores = [float(np.dot(u_t, v)) for v in V]
    top = max(scores)
    Z = sum(math.exp(s - top) for s in scores)
    p = [math.exp(s - top) / Z for s in scores]
    loss = -(scores[c] - top - math.log(Z))
    grad_u = sum((p[j] - (j == c)) * V[j] for j in range(len(V)))
    grad_V = np.array([(p[j] - (j == c)) * u_t for j in range(len(V))])
    return loss, grad_u, grad_V


@settings(max_examples=40, deadline=None)
@given(
    vocab_size=st.integers(1, 12),
    dim=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
    scale=st.sampled_from([0.1, 1.0, 10.0]),
)
def test_softmax_gradient_with_respect_to_every_context_vector(vocab_size, dim, seed, scale):
    rng = np.random.default_rng(seed)
    u_t = rng.normal(scale=scale, size=dim)
    V = rng.normal(scale=scale, size=(vocab_size, dim))
    c = int(rng.integers(vocab_size))
    loss, grad_u, grad_V = softmax_loss_and_gradients(u_t, V, c)
    want_loss, want_u, want_V = _softmax_oracle(u_t, V, c)
    assert grad_V.shape == (vocab_size, dim) and grad_u.shape == (dim,)
    assert loss == pytest.approx(want_loss, rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(grad_u, want_u, rtol=1e-9, atol=1e-9)
    # every row c' of the gradient is (P[c'|t] - [c' = c]) u_t: all |V| rows are touched
    np.testing.assert_allclose(grad_V, want_V, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(grad_V.sum(axis=0), 0.0, atol=1e-9 * (1 + np.abs(u_t).max()))


def test_softmax_touches_every_context_row():
    rng = np.random.default_rng(0)
    _, _, grad_V = softmax_loss_and_gradients(rng.normal(size=3), rng.normal(size=(50, 3)), 7)
    assert np.count_nonzero(np.any(grad_V != 0, axis=1)) == 50


def test_softmax_is_stable_for_huge_scores():
    u_t = np.array([1000.0, 0.0])
    V = np.array([[1.0, 0.0], [2.0, 0.0], [-3.0, 0.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        loss, grad_u, grad_V = softmax_loss_and_gradients(u_t, V, 0)
    assert loss == pytest.approx(1000.0)  # log Σ exp ≈ 2000, score of c is 1000
    np.testing.assert_allclose(grad_u, [1.0, 0.0])  # V[1] - V[0]
    assert np.all(np.isfinite(grad_V))
    loss, _, _ = softmax_loss_and_gradients(u_t, V, 1)
    assert loss == pytest.approx(0.0, abs=1e-12)


# --------------------------------------------------------------------------------------------
# Negative sampling
# --------------------------------------------------------------------------------------------


def _sig(x):
    return 1.0 / (1.0 + math.exp(-x))


@settings(max_examples=40, deadline=None)
@given(dim=st.integers(1, 6), negatives=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_neg_sampling_matches_the_precepts_answers(dim, negatives, seed):
    rng = np.random.default_rng(seed)
    u_t, v_c = rng.normal(size=dim), rng.normal(size=dim)
    v_neg = rng.normal(size=(negatives, dim))
    loss, grad_u, grad_v_c, grad_v_neg = neg_sampling_loss_and_gradients(u_t, v_c, v_neg)
    pos = float(u_t @ v_c)
    neg = [float(u_t @ v) for v in v_neg]
    assert loss == pytest.approx(-math.log(_sig(pos)) - sum(math.log(_sig(-s)) for s in neg))
    want_u = (_sig(pos) - 1) * v_c + sum(_sig(s) * v for s, v in zip(neg, v_neg, strict=True))
    np.testing.assert_allclose(grad_u, want_u, rtol=1e-10, atol=1e-12)  # Q2 (a)
    np.testing.assert_allclose(grad_v_c, (_sig(pos) - 1) * u_t, rtol=1e-10, atol=1e-12)  # (b)
    want_neg = np.array([_sig(s) * u_t for s in neg])
    np.testing.assert_allclose(grad_v_neg, want_neg, rtol=1e-10, atol=1e-12)  # (c)


@pytest.mark.parametrize("score", [1e4, -1e4, 3000.0, -3000.0])
def test_neg_sampling_is_stable_when_scores_are_in_the_thousands(score):
    u_t = np.array([score / 100, 0.0])
    v = np.array([100.0, 0.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        loss, grad_u, grad_v_c, grad_v_neg = neg_sampling_loss_and_gradients(u_t, v, v[None, :])
    # one positive and one negative term with the same score: one of them costs |score|
    assert loss == pytest.approx(abs(score))
    for g in (grad_u, grad_v_c, grad_v_neg):
        assert np.all(np.isfinite(g))


def test_duplicate_negatives_accumulate():
    """A word drawn twice is two terms of the loss; its vector gets the sum of both rows."""
    rng = np.random.default_rng(1)
    u_t, v_c, w, other = (rng.normal(size=4) for _ in range(4))
    loss2, _, _, grad_neg2 = neg_sampling_loss_and_gradients(u_t, v_c, np.stack([w, other, w]))
    loss1, _, _, _ = neg_sampling_loss_and_gradients(u_t, v_c, np.stack([w, other]))
    assert loss2 == pytest.approx(loss1 - skipgram.log_sigmoid(-u_t @ w))
    # ∂L/∂w for L(w) = ... - 2 log σ(-u_t·w): 2 σ(u_t·w) u_t
    np.testing.assert_allclose(grad_neg2[0] + grad_neg2[2], 2 * _sig(u_t @ w) * u_t)

    # scattering those rows into the matrix of context vectors must add, not overwrite
    ids = np.array([5, 2, 5])
    params = np.zeros((8, 4))
    skipgram._scatter_add(params, ids, grad_neg2)
    np.testing.assert_allclose(params[5], grad_neg2[0] + grad_neg2[2])
    np.testing.assert_allclose(params[2], grad_neg2[1])
    overwritten = np.zeros((8, 4))
    overwritten[ids] += grad_neg2  # the bug the scatter avoids
    assert not np.allclose(overwritten[5], params[5])


@settings(max_examples=30, deadline=None)
@given(n_rows=st.integers(1, 200), vocab_size=st.integers(1, 20), seed=st.integers(0, 2**32 - 1))
def test_scatter_add_equals_np_add_at(n_rows, vocab_size, seed):
    rng = np.random.default_rng(seed)
    rows = rng.integers(vocab_size, size=n_rows)
    updates = rng.normal(size=(n_rows, 3)).astype(np.float32)
    params = rng.normal(size=(vocab_size, 3)).astype(np.float32)
    want = params.astype(np.float64)
    np.add.at(want, rows, updates)
    skipgram._scatter_add(params, rows, updates)
    np.testing.assert_allclose(params, want, rtol=1e-5, atol=1e-5)


def test_vectorised_sgns_gradients_equal_a_loop_over_pairs():
    """One minibatch of the trainer, against neg_sampling_loss_and_gradients pair by pair with
    the same shared negatives, summed into the full matrices (repeated words included)."""
    rng = np.random.default_rng(3)
    vocab_size, dim, window, K = 6, 4, 2, 3
    sentences = [rng.integers(vocab_size, size=n) for n in (40, 1, 7, 25)]
    tokens = np.concatenate(sentences)
    sentence_of = np.repeat(np.arange(4), [s.size for s in sentences])
    epoch = skipgram._Epoch(tokens, sentence_of, np.ones(vocab_size), window, rng)
    step = skipgram._SgnsStep(vocab_size, window, K)
    params = rng.normal(size=(2 * vocab_size, dim))
    groups = epoch.order[:2]
    shared = rng.integers(vocab_size, size=(2, K))
    rows, grads, loss_sum, n_pairs = step.gradients(params, epoch, groups, shared)
    got = np.zeros_like(params)
    np.add.at(got, rows, grads)

    want = np.zeros_like(params)
    want_loss, want_pairs = 0.0, 0
    L, m = skipgram._GROUP, window
    U, V = params[:vocab_size], params[vocab_size:]
    for g, negatives in zip(groups, shared, strict=True):
        for i in range(m + g * L, m + (g + 1) * L):  # padded stream positions of the group
            b = epoch.window[i]
            for j in range(i - b, i + b + 1):
                if j == i or epoch.sentence[j] != epoch.sentence[i]:
                    continue
                t, c = epoch.tokens[i], epoch.tokens[j]
                loss, g_u, g_c, g_neg = neg_sampling_loss_and_gradients(U[t], V[c], V[negatives])
                want[t] += g_u
                want[vocab_size + c] += g_c
                np.add.at(want, vocab_size + negatives, g_neg)
                want_loss += loss
                want_pairs += 1
    assert n_pairs == want_pairs > 0
    assert loss_sum == pytest.approx(want_loss)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)


# --------------------------------------------------------------------------------------------
# Noise distribution and subsampling
# --------------------------------------------------------------------------------------------


def test_sampler_probabilities_are_unigram_to_the_three_quarters():
    counts = np.array([100, 10, 1, 0, 50])
    sampler = NegativeSampler(counts)
    want = counts**0.75 / np.sum(counts**0.75)
    np.testing.assert_allclose(sampler.probabilities, want)
    np.testing.assert_allclose(NegativeSampler(counts, alpha=1).probabilities, counts / 161)
    uniform = NegativeSampler(counts, alpha=0).probabilities
    np.testing.assert_allclose(uniform, [0.25, 0.25, 0.25, 0.0, 0.25])
    vocab = Vocabulary(["a", "b"], [3, 1])
    np.testing.assert_allclose(
        NegativeSampler(vocab).probabilities, NegativeSampler([3, 1]).probabilities
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sampler_frequencies_match_probabilities(seed):
    """Chi-square goodness of fit, and every word within 5 standard errors of its probability.

    Under the null hypothesis the p-value is uniform, so p > 1e-4 fails a correct sampler once
    in 10,000 seeds; 5 standard errors across 30 words fail about once in 60,000 runs."""
    counts = np.r_[np.arange(1, 31) ** 2, 0]
    sampler = NegativeSampler(counts)
    n = 200_000
    draws = sampler.sample(np.random.default_rng(seed), n)
    assert draws.dtype == np.int64 and draws.shape == (n,)
    observed = np.bincount(draws, minlength=counts.size)
    assert observed[-1] == 0  # a word with count 0 is never drawn
    p = sampler.probabilities[:-1]
    assert stats.chisquare(observed[:-1], n * p).pvalue > 1e-4
    standard_error = np.sqrt(p * (1 - p) / n)
    assert np.all(np.abs(observed[:-1] / n - p) < 5 * standard_error)


def test_sampler_sample_shape_and_determinism():
    sampler = NegativeSampler([5, 3, 2])
    a = sampler.sample(np.random.default_rng(7), (4, 5))
    b = sampler.sample(np.random.default_rng(7), (4, 5))
    assert a.shape == (4, 5) and np.array_equal(a, b)


def test_keep_probabilities_follow_word2vecs_formula():
    counts = np.array([60_000, 1_000, 100, 1, 0])
    total = counts.sum()
    t = 1e-3
    keep = keep_probabilities(counts, t)
    f = counts[:3] / total
    np.testing.assert_allclose(keep[:3], np.minimum(1, (np.sqrt(f / t) + 1) * t / f))
    assert keep[0] < keep[1] <= 1.0 and keep[3] == 1.0 and keep[4] == 1.0


def test_subsample_keeps_words_at_their_rate_and_sentences_apart():
    rng = np.random.default_rng(0)
    sentences = [np.zeros(50_000, dtype=np.int64), np.array([1, 2, 1]), np.array([0, 1])]
    keep = np.array([0.3, 1.0, 1.0])
    kept = skipgram.subsample(sentences, keep, rng)
    assert len(kept) == 3
    assert abs(kept[0].size / 50_000 - 0.3) < 5 * math.sqrt(0.3 * 0.7 / 50_000)
    assert kept[1].tolist() == [1, 2, 1]
    assert kept[2][-1] == 1


# --------------------------------------------------------------------------------------------
# Windows and training pairs
# --------------------------------------------------------------------------------------------


def _pairs_oracle(sentences, windows):
    pairs, position = [], 0
    for sentence in sentences:
        for i in range(len(sentence)):
            b = windows[position + i]
            for j in range(len(sentence)):
                if j != i and abs(i - j) <= b:
                    pairs.append((int(sentence[i]), int(sentence[j])))
        position += len(sentence)
    return pairs


corpora = st.lists(st.lists(st.integers(0, 5), min_size=0, max_size=12), min_size=1, max_size=5)


@settings(max_examples=60, deadline=None)
@given(corpus=corpora, window=st.integers(1, 4), seed=st.one_of(st.none(), st.integers(0, 99)))
def test_training_pairs_equal_a_loop_oracle(corpus, window, seed):
    sentences = [np.array(s, dtype=np.int64) for s in corpus]
    if sum(map(len, corpus)) == 0:
        with pytest.raises(ValueError, match="no tokens"):
            training_pairs(sentences, window)
        return
    total = sum(map(len, corpus))
    if seed is None:
        windows = [window] * total
        rng_a = rng_b = None
    else:
        windows = np.random.default_rng(seed).integers(1, window + 1, size=total)
        rng_a, rng_b = np.random.default_rng(seed), np.random.default_rng(seed)
    want = _pairs_oracle(sentences, windows)
    assert list(training_pairs(sentences, window, rng=rng_a)) == want
    targets, contexts = training_pair_arrays(sentences, window, rng=rng_b)
    assert list(zip(targets.tolist(), contexts.tolist(), strict=True)) == want


def test_training_pairs_never_cross_a_sentence_and_match_the_cooccurrence_counts():
    sentences = [np.array([0, 1, 2, 3]), np.array([4, 5]), np.array([0, 4, 0])]
    pairs = Counter(training_pairs(sentences, 2))
    assert (3, 4) not in pairs and (5, 0) not in pairs
    W = cooccurrence_matrix(sentences, 6, 2)
    assert pairs == Counter({(t, c): int(W[t, c]) for t, c in zip(*np.nonzero(W), strict=True)})


def test_dynamic_windows_are_uniform_on_one_to_window():
    b = skipgram.dynamic_windows(50_000, 5, np.random.default_rng(0))
    assert b.min() == 1 and b.max() == 5
    frequencies = np.bincount(b, minlength=6)[1:] / b.size
    np.testing.assert_allclose(frequencies, 0.2, atol=5 * math.sqrt(0.16 / 50_000))


def test_training_pairs_checks_its_arguments_when_called():
    with pytest.raises(ValueError, match="window"):
        training_pairs([np.array([0, 1])], 0)
    with pytest.raises(ValueError, match="outside the vocabulary"):
        training_pairs([np.array([0, 7])], 2, vocab_size=3)


# --------------------------------------------------------------------------------------------
# Training on a tiny corpus
# --------------------------------------------------------------------------------------------

ANIMALS = ["cat", "dog", "mouse", "horse", "eats", "runs", "sleeps"]
VEHICLES = ["car", "bus", "train", "truck", "drives", "stops"]


def _toy_corpus(n_sentences=600, seed=0):
    """Sentences about animals or about vehicles, never both; 'the' and 'a' everywhere."""
    rng = np.random.default_rng(seed)
    sentences = []
    for k in range(n_sentences):
        topic = ANIMALS if k % 2 else VEHICLES
        words = list(rng.choice(topic, size=6))
        words.insert(int(rng.integers(6)), "the")
        sentences.append(words + ["a"])
    vocab = Vocabulary.build(sentences)
    return [vocab.encode(s) for s in sentences], vocab


def _topic_of(word):
    return "animal" if word in ANIMALS else "vehicle" if word in VEHICLES else "other"


def test_sgns_loss_falls_and_neighbours_make_sense():
    sentences, vocab = _toy_corpus()
    # a 15-word vocabulary repeats every word many times in a minibatch: keep minibatches small
    model = train_sgns(
        sentences,
        vocab,
        dim=16,
        window=3,
        epochs=20,
        subsample=None,
        batch_size=32,
        progress=False,
    )
    assert model.target_vectors.shape == model.context_vectors.shape == (len(vocab), 16)
    losses = model.loss_history
    assert losses[-5:].mean() < 0.8 * losses[0]
    for word in ANIMALS + VEHICLES:
        neighbours = [w for w, _ in model.nearest_neighbors(word, 3)]
        assert all(_topic_of(w) == _topic_of(word) for w in neighbours), (word, neighbours)
    assert model.words_processed == 20 * sum(s.size for s in sentences)
    assert model.pairs_processed > model.words_processed


def test_softmax_skipgram_loss_falls_and_neighbours_make_sense():
    sentences, vocab = _toy_corpus(n_sentences=60)
    model = train_softmax_skipgram(sentences, vocab, dim=8, window=2, epochs=8, lr=0.1)
    losses = model.loss_history
    assert losses[-5:].mean() < 0.9 * losses[:5].mean()
    same_topic = 0
    for word in ANIMALS + VEHICLES:
        nearest = model.nearest_neighbors(word, 1)[0][0]
        same_topic += _topic_of(nearest) == _topic_of(word)
    assert same_topic >= 7


def test_training_is_reproducible_and_uses_no_global_rng():
    sentences, vocab = _toy_corpus(200)
    state = np.random.get_state()  # noqa: NPY002 - the legacy global state must not move
    a = train_sgns(sentences, vocab, dim=8, epochs=2, progress=False, seed=5)
    b = train_sgns(sentences, vocab, dim=8, epochs=2, progress=False, seed=5)
    c = train_sgns(sentences, vocab, dim=8, epochs=2, progress=False, seed=6)
    s1 = train_softmax_skipgram(sentences[:20], vocab, epochs=2, seed=5)
    s2 = train_softmax_skipgram(sentences[:20], vocab, epochs=2, seed=5)
    assert np.array_equal(a.target_vectors, b.target_vectors)
    assert np.array_equal(a.context_vectors, b.context_vectors)
    np.testing.assert_array_equal(a.loss_history, b.loss_history)
    assert not np.array_equal(a.target_vectors, c.target_vectors)
    assert np.array_equal(s1.target_vectors, s2.target_vectors)
    assert a.target_vectors.dtype == np.float32
    new_state = np.random.get_state()  # noqa: NPY002
    assert new_state[0] == state[0] and np.array_equal(new_state[1], state[1])


def test_sgns_accepts_a_vocabulary_size_instead_of_a_vocabulary():
    sentences, vocab = _toy_corpus(100)
    with_vocab = train_sgns(sentences, vocab, dim=4, epochs=1, progress=False)
    with_size = train_sgns(sentences, len(vocab), dim=4, epochs=1, progress=False)
    # the vocabulary's counts are the corpus counts here, so the models are the same
    np.testing.assert_array_equal(with_vocab.target_vectors, with_size.target_vectors)
    with pytest.raises(ValueError, match="without a Vocabulary"):
        with_size.nearest_neighbors("cat")


# --------------------------------------------------------------------------------------------
# Progress reports
# --------------------------------------------------------------------------------------------


def test_callback_gets_about_one_report_per_percent_and_a_final_one():
    sentences, vocab = _toy_corpus(2000)
    reports = []
    model = train_sgns(
        sentences, vocab, dim=8, epochs=3, batch_size=64, progress=False, callback=reports.append
    )
    assert all(isinstance(r, TrainingProgress) for r in reports)
    assert 60 <= len(reports) <= 110
    fractions = [r.fraction_done for r in reports]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert [r.epoch for r in reports] == sorted(r.epoch for r in reports)
    assert {r.epoch for r in reports} == {0, 1, 2}
    words = [r.words_processed for r in reports]
    assert words == sorted(words) and words[-1] == model.words_processed
    assert all(np.isfinite(r.loss) and r.loss > 0 for r in reports)
    assert all(r.elapsed >= 0 for r in reports)
    assert model.history == reports and not model.stopped_early


@pytest.mark.parametrize("trainer", ["sgns", "softmax"])
def test_callback_returning_false_stops_training(trainer):
    sentences, vocab = _toy_corpus(400)
    calls = []

    def stop_at_ten_percent(report):
        calls.append(report)
        return report.fraction_done < 0.1

    if trainer == "sgns":
        model = train_sgns(
            sentences,
            vocab,
            dim=8,
            epochs=2,
            subsample=None,
            batch_size=32,
            progress=False,
            callback=stop_at_ten_percent,
        )
    else:
        model = train_softmax_skipgram(
            sentences[:40], vocab, epochs=3, callback=stop_at_ten_percent
        )
    assert model.stopped_early
    assert 0.1 <= calls[-1].fraction_done < 0.2
    assert model.history[-1] == calls[-1]


def test_progress_prints_one_line_to_stderr_only_when_asked(capsys):
    sentences, vocab = _toy_corpus(100)
    train_sgns(sentences, vocab, dim=4, epochs=1, progress=False)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    train_sgns(sentences, vocab, dim=4, epochs=1, progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "100.0%" in captured.err and "\r" in captured.err


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def toy():
    return _toy_corpus(50)


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"negatives": 0}, ValueError, "negatives must be an integer >= 1, got 0"),
        ({"dim": 0}, ValueError, "dim must be an integer >= 1, got 0"),
        ({"window": 0}, ValueError, "window must be an integer >= 1, got 0"),
        ({"window": 2.5}, TypeError, "window must be an integer"),
        ({"lr": 0}, ValueError, "lr must be a finite number > 0, got 0"),
        ({"lr": -0.1}, ValueError, "lr must be a finite number > 0"),
        ({"lr": float("nan")}, ValueError, "lr must be a finite number > 0"),
        ({"epochs": 0}, ValueError, "epochs must be an integer >= 1"),
        ({"subsample": 0}, ValueError, "subsample must be a finite number > 0"),
        ({"batch_size": 100}, ValueError, "batch_size must be a multiple of 32"),
        ({"batch_size": 16}, ValueError, "batch_size must be an integer >= 32"),
        ({"callback": 3}, TypeError, "callback must be a function"),
    ],
)
def test_sgns_rejects_bad_options(toy, options, error, match):
    sentences, vocab = toy
    with pytest.raises(error, match=match):
        train_sgns(sentences, vocab, progress=False, **options)


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"dim": 0}, ValueError, "dim must be an integer >= 1"),
        ({"window": 0}, ValueError, "window must be an integer >= 1"),
        ({"lr": 0.0}, ValueError, "lr must be a finite number > 0"),
    ],
)
def test_softmax_trainer_rejects_bad_options(toy, options, error, match):
    sentences, vocab = toy
    with pytest.raises(error, match=match):
        train_softmax_skipgram(sentences, vocab, **options)


@pytest.mark.parametrize("trainer", [train_sgns, train_softmax_skipgram])
def test_trainers_reject_bad_corpora(trainer):
    kwargs = {"progress": False}
    with pytest.raises(ValueError, match="sentences is empty"):
        trainer([], 5, **kwargs)
    with pytest.raises(ValueError, match="no tokens"):
        trainer([np.array([], dtype=np.int64)], 5, **kwargs)
    with pytest.raises(ValueError, match="no training pairs"):
        trainer([np.array([1]), np.array([2])], 5, **kwargs)
    with pytest.raises(ValueError, match=r"id 9 at position 1, outside the vocabulary: valid"):
        trainer([np.array([0, 9])], 5, **kwargs)
    with pytest.raises(ValueError, match="outside the vocabulary"):
        trainer([np.array([0, -1])], 5, **kwargs)
    with pytest.raises(TypeError, match="single 1-D array"):
        trainer(np.array([0, 1, 2]), 5, **kwargs)
    with pytest.raises(TypeError, match="Vocabulary"):
        trainer([np.array([0, 1])], "vocab", **kwargs)


@pytest.mark.parametrize("trainer", [train_sgns, train_softmax_skipgram])
def test_a_learning_rate_that_diverges_stops_with_a_clear_error(toy, trainer):
    sentences, vocab = toy
    with pytest.raises(FloatingPointError, match=r"learning rate lr=1e\+30 is probably too high"):
        trainer(sentences, vocab, lr=1e30, epochs=2, progress=False)


def test_loss_functions_reject_bad_input():
    u, V = np.ones(3), np.ones((4, 3))
    with pytest.raises(ValueError, match="c = 4 is outside the vocabulary: valid ids are 0..3"):
        softmax_loss_and_gradients(u, V, 4)
    with pytest.raises(TypeError, match="c must be an integer word id"):
        softmax_loss_and_gradients(u, V, 1.0)
    with pytest.raises(ValueError, match="context_vectors must have d = 3 columns"):
        softmax_loss_and_gradients(u, np.ones((4, 2)), 0)
    with pytest.raises(ValueError, match=r"u_t must have shape \(d,\)"):
        softmax_loss_and_gradients(np.ones((1, 3)), V, 0)
    with pytest.raises(ValueError, match="NaN or infinite"):
        softmax_loss_and_gradients(np.array([1.0, np.nan, 0.0]), V, 0)
    with pytest.raises(ValueError, match=r"v_neg must have shape \(n, d\)"):
        neg_sampling_loss_and_gradients(u, u, u)
    with pytest.raises(ValueError, match="v_c must have d = 3 columns"):
        neg_sampling_loss_and_gradients(u, np.ones(2), V)
    with pytest.raises(ValueError, match="v_neg must have d = 3 columns"):
        neg_sampling_loss_and_gradients(u, u, np.ones((2, 4)))
    with pytest.raises(ValueError, match="NaN or infinite"):
        neg_sampling_loss_and_gradients(u, u, np.full((2, 3), np.inf))
    with pytest.raises(TypeError, match="array of numbers"):
        neg_sampling_loss_and_gradients("abc", u, V)


def test_sampler_and_subsampling_reject_bad_input():
    with pytest.raises(ValueError, match=r"counts must be finite and >= 0; counts\[1\] = -1"):
        NegativeSampler([3, -1])
    with pytest.raises(ValueError, match="all zero"):
        NegativeSampler([0, 0])
    with pytest.raises(ValueError, match="non-empty 1-D"):
        NegativeSampler(np.ones((2, 2)))
    with pytest.raises(ValueError, match="alpha must be a finite number >= 0"):
        NegativeSampler([1, 2], alpha=-1)
    with pytest.raises(TypeError, match="np.random.Generator"):
        NegativeSampler([1, 2]).sample(0, 3)
    with pytest.raises(ValueError, match="threshold must be a finite number > 0"):
        keep_probabilities([1, 2], threshold=0)
    with pytest.raises(ValueError, match="window must be an integer >= 1"):
        skipgram.dynamic_windows(5, 0, np.random.default_rng(0))


# --------------------------------------------------------------------------- softmax_sgd_step


@settings(max_examples=30, deadline=None)
@given(
    vocab_size=st.integers(2, 30),
    dim=st.integers(1, 8),
    seed=st.integers(0, 2**16),
    dtype=st.sampled_from([np.float64, np.float32]),
    fortran=st.booleans(),
)
def test_softmax_sgd_step_equals_a_step_with_the_full_gradient(
    vocab_size, dim, seed, dtype, fortran
):
    """Oracle: u_t -= lr ∂L/∂u_t and V -= lr ∂L/∂V with softmax_loss_and_gradients."""
    rng = np.random.default_rng(seed)
    U = rng.normal(size=(vocab_size, dim)).astype(dtype)
    V = rng.normal(size=(vocab_size, dim)).astype(dtype)
    if fortran:
        V = np.asfortranarray(V)
    t, c, lr = int(rng.integers(vocab_size)), int(rng.integers(vocab_size)), 0.1
    loss, grad_u_t, grad_V = softmax_loss_and_gradients(U[t], V, c)
    expected_u, expected_V = U[t] - lr * grad_u_t, V - lr * grad_V
    step_loss = softmax_sgd_step(U[t], V, c, lr)  # U[t] is a view: updated in place
    tol = 1e-4 if dtype == np.float32 else 1e-12
    assert step_loss == pytest.approx(loss, rel=tol, abs=tol)
    np.testing.assert_allclose(U[t], expected_u, rtol=tol, atol=tol)
    np.testing.assert_allclose(V, expected_V, rtol=tol, atol=tol)


def test_softmax_sgd_step_rejects_what_it_cannot_update_in_place():
    V = np.zeros((4, 3))
    with pytest.raises(TypeError, match="u_t must be a float numpy array"):
        softmax_sgd_step([0.0, 0.0, 0.0], V, 1, 0.1)
    with pytest.raises(TypeError, match="context_vectors must be a float numpy array"):
        softmax_sgd_step(np.zeros(3), np.zeros((4, 3), dtype=int), 1, 0.1)
    with pytest.raises(ValueError, match="lr"):
        softmax_sgd_step(np.zeros(3), V, 1, -1.0)
    with pytest.raises((ValueError, IndexError), match="c"):
        softmax_sgd_step(np.zeros(3), V, 9, 0.1)

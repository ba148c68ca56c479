"""GloVe (notebook 08): the weighting f, the objective J and its gradients, the AdaGrad
trainer. Oracles: loops over the cells, the course's gradcheck, and a cell-by-cell AdaGrad as
GloVe's C code runs it."""

import tracemalloc

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from wordvec_helpers import glove
from wordvec_helpers.glove import (
    GloveModel,
    glove_loss_and_gradients,
    glove_weights,
    train_glove,
)
from wordvec_helpers.gradcheck import gradcheck_loss_and_gradients
from wordvec_helpers.skipgram import TrainingProgress
from wordvec_helpers.widgets import TrainingMonitor


def random_counts(rng, n_targets, n_contexts, density=0.5):
    """A count matrix with zeros, ones, fractions (harmonic counts) and counts above x_max."""
    X = rng.choice([0.2, 0.5, 1.0, 3.0, 12.0, 150.0], size=(n_targets, n_contexts))
    X[rng.random((n_targets, n_contexts)) > density] = 0.0
    X[0, 0] = 1.0  # at least one non-zero cell
    return X


def random_parameters(rng, n_targets, n_contexts, d):
    return (
        rng.normal(size=(n_targets, d)),
        rng.normal(size=(n_contexts, d)),
        rng.normal(size=n_targets),
        rng.normal(size=n_contexts),
    )


def loop_loss_and_gradients(W, C, b_w, b_c, X, x_max, alpha):
    """The oracle: the paper's sum, one non-zero cell at a time."""
    loss = 0.0
    grads = [np.zeros_like(W), np.zeros_like(C), np.zeros_like(b_w), np.zeros_like(b_c)]
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            if X[i, j] > 0:
                f = min(1.0, (X[i, j] / x_max) ** alpha)
                e = W[i] @ C[j] + b_w[i] + b_c[j] - np.log(X[i, j])
                loss += f * e**2
                grads[0][i] += 2 * f * e * C[j]
                grads[1][j] += 2 * f * e * W[i]
                grads[2][i] += 2 * f * e
                grads[3][j] += 2 * f * e
    return (loss, *grads)


# --------------------------------------------------------------------------------------------
# f
# --------------------------------------------------------------------------------------------


def test_weights_worked_values():
    assert glove_weights(0.0) == 0.0
    assert glove_weights(100.0) == 1.0 and glove_weights(1e6) == 1.0
    assert glove_weights(50.0) == pytest.approx(0.5**0.75)
    assert glove_weights(1.0, x_max=10.0, alpha=1.0) == pytest.approx(0.1)
    np.testing.assert_allclose(
        glove_weights([0, 1, 10, 20], x_max=10.0), [0, 0.1**0.75, 1, 1], rtol=1e-15
    )


@given(
    st.lists(st.floats(0, 1e4), min_size=2, max_size=20), st.floats(0.5, 200), st.floats(0.1, 2)
)
def test_weights_are_monotone_in_0_1_and_capped(x, x_max, alpha):
    x = np.sort(np.array(x))
    f = glove_weights(x, x_max=x_max, alpha=alpha)
    assert np.all((f >= 0) & (f <= 1)) and np.all(np.diff(f) >= 0)
    assert np.all(f[x >= x_max] == 1) and np.all(f[x == 0] == 0)


def test_weights_of_a_sparse_matrix_stay_sparse():
    X = sp.csr_matrix(np.array([[0, 5.0], [200.0, 0]]))
    F = glove_weights(X)
    assert sp.issparse(F) and F.nnz == 2
    np.testing.assert_allclose(F.toarray(), glove_weights(X.toarray()))
    assert X[0, 1] == 5.0  # the input is not modified


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"x": -1.0}, ValueError, "x must hold finite counts >= 0, got -1.0"),
        ({"x": [1.0, np.nan]}, ValueError, "got nan"),
        ({"x": "ten"}, TypeError, "x must be a count"),
        ({"x": 1.0, "x_max": 0}, ValueError, "x_max must be a finite number > 0, got 0.0"),
        ({"x": 1.0, "alpha": -0.75}, ValueError, "alpha must be a finite number > 0"),
    ],
)
def test_weights_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        glove_weights(**kwargs)


# --------------------------------------------------------------------------------------------
# J and its gradients
# --------------------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_loss_and_gradients_equal_the_loop_oracle(n_targets, n_contexts, d, seed):
    rng = np.random.default_rng(seed)
    X = random_counts(rng, n_targets, n_contexts)
    params = random_parameters(rng, n_targets, n_contexts, d)
    expected = loop_loss_and_gradients(*params, X, x_max=10.0, alpha=0.75)
    for matrix in (X, sp.csr_matrix(X), sp.coo_matrix(X)):
        got = glove_loss_and_gradients(*params, matrix, x_max=10.0, alpha=0.75)
        assert got[0] == pytest.approx(expected[0], rel=1e-12)
        for g, e in zip(got[1:], expected[1:], strict=True):
            assert g.shape == e.shape
            np.testing.assert_allclose(g, e, rtol=1e-10, atol=1e-12)


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_gradients_pass_the_course_gradcheck(n_targets, n_contexts, d, seed):
    rng = np.random.default_rng(seed)
    X = random_counts(rng, n_targets, n_contexts)
    W, C, b_w, b_c = random_parameters(rng, n_targets, n_contexts, d)
    result = gradcheck_loss_and_gradients(
        lambda W, C, b_w, b_c: glove_loss_and_gradients(W, C, b_w, b_c, X, x_max=10.0),
        {"W": W, "C": C, "b_w": b_w, "b_c": b_c},
    )
    assert result.passed, result


def test_gradcheck_catches_a_gradient_without_the_factor_2():
    rng = np.random.default_rng(0)
    X = random_counts(rng, 4, 5)
    W, C, b_w, b_c = random_parameters(rng, 4, 5, 3)

    def half(W, C, b_w, b_c):
        loss, *grads = glove_loss_and_gradients(W, C, b_w, b_c, X)
        return (loss, *(g / 2 for g in grads))

    assert not gradcheck_loss_and_gradients(half, {"W": W, "C": C, "b_w": b_w, "b_c": b_c}).passed


def test_zero_cells_do_not_count_and_an_exact_fit_has_zero_loss():
    rng = np.random.default_rng(1)
    W, C, b_w, b_c = random_parameters(rng, 3, 4, 2)
    X = np.exp(W @ C.T + b_w[:, None] + b_c[None, :])  # log X = w_i·c̃_j + b_i + b̃_j exactly
    X[1, 2] = X[0, 3] = 0.0  # and two cells never seen
    loss, *grads = glove_loss_and_gradients(W, C, b_w, b_c, X)
    assert loss == pytest.approx(0.0, abs=1e-20)
    for g in grads:
        np.testing.assert_allclose(g, 0.0, atol=1e-12)
    # Moving a parameter that only zero cells see changes nothing.
    X2 = np.zeros((3, 4))
    X2[0, 0] = 2.0
    C_moved = C.copy()
    C_moved[1] += 5.0  # context 1 has no non-zero cell in X2
    assert glove_loss_and_gradients(W, C_moved, b_w, b_c, X2)[0] == pytest.approx(
        glove_loss_and_gradients(W, C, b_w, b_c, X2)[0]
    )


def test_worked_example_one_cell():
    """One cell X = e² (log X = 2) with w·c̃ = 1, b = 0.5, b̃ = 0: e = -0.5, f = (e²/10)^0.75."""
    W, C = np.array([[1.0, 0.0]]), np.array([[1.0, 3.0]])
    X = np.array([[np.e**2]])
    loss, grad_W, grad_C, grad_b_w, grad_b_c = glove_loss_and_gradients(
        W, C, [0.5], [0.0], X, x_max=10.0
    )
    f = (np.e**2 / 10) ** 0.75
    assert loss == pytest.approx(f * 0.25)
    np.testing.assert_allclose(grad_W, [[2 * f * -0.5 * 1.0, 2 * f * -0.5 * 3.0]])
    np.testing.assert_allclose(grad_C, [[2 * f * -0.5, 0.0]])
    np.testing.assert_allclose(grad_b_w, [-f]) and np.testing.assert_allclose(grad_b_c, [-f])


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"X": -np.ones((2, 3))}, ValueError, r"X must hold counts >= 0; found a negative"),
        ({"X": np.full((2, 3), np.nan)}, ValueError, r"X must be finite; .* at \[0, 0\]"),
        ({"X": np.zeros((2, 3))}, ValueError, "X .* has no non-zero count"),
        ({"X": np.ones(3)}, ValueError, r"X must be a 2-D target x context matrix"),
        ({"W": np.ones((3, 2))}, ValueError, r"W must have shape \(2, d\)"),
        ({"C": np.ones((3, 4))}, ValueError, r"C must have shape \(3, 2\)"),
        ({"b_w": np.ones(3)}, ValueError, r"b_w must have shape \(2,\)"),
        ({"b_c": np.ones((3, 1))}, ValueError, r"b_c must have shape \(3,\)"),
        ({"W": np.full((2, 2), np.inf)}, ValueError, "W contains NaN or infinite"),
    ],
)
def test_loss_bad_input(change, error, message):
    arguments = {
        "W": np.ones((2, 2)),
        "C": np.ones((3, 2)),
        "b_w": np.ones(2),
        "b_c": np.ones(3),
        "X": np.ones((2, 3)),
    } | change
    with pytest.raises(error, match=message):
        glove_loss_and_gradients(**arguments)


# --------------------------------------------------------------------------------------------
# AdaGrad, as the C code runs it
# --------------------------------------------------------------------------------------------


def c_code_adagrad(params, cells, lr, x_max, alpha):
    """GloVe's C code, one cell after another: g = f e (½ ∂J), step lr g / √G, G += (lr g)²;
    a vector's one accumulator grows by the mean over its entries."""
    W, C, b_w, b_c, G_W, G_C, G_b_w, G_b_c = (p.astype(np.float64) for p in params)
    for i, j, x in cells:
        e = W[i] @ C[j] + b_w[i] + b_c[j] - np.log(x)
        g = min(1.0, (x / x_max) ** alpha) * e
        grad_w, grad_c = g * C[j], g * W[i]
        W[i] -= lr * grad_w / np.sqrt(G_W[i])
        C[j] -= lr * grad_c / np.sqrt(G_C[j])
        G_W[i] += np.mean((lr * grad_w) ** 2)
        G_C[j] += np.mean((lr * grad_c) ** 2)
        b_w[i] -= lr * g / np.sqrt(G_b_w[i])
        b_c[j] -= lr * g / np.sqrt(G_b_c[j])
        G_b_w[i] += (lr * g) ** 2
        G_b_c[j] += (lr * g) ** 2
    return W, C, b_w, b_c, G_W, G_C, G_b_w, G_b_c


def adagrad_state(vocab_size, dim, lr, seed):
    state = glove._AdaGrad(vocab_size, dim, lr, np.random.default_rng(seed))
    rng = np.random.default_rng(seed + 1)  # accumulators away from 1, so they matter
    for G in (state.G_W, state.G_C, state.G_b_w, state.G_b_c):
        G[...] = 1 + rng.random(G.shape, dtype=np.float32)
    state.W *= 30  # vectors of a realistic size
    state.C *= 30
    return state


def parameters(state):
    return (
        state.W,
        state.C,
        state.b_w,
        state.b_c,
        state.G_W,
        state.G_C,
        state.G_b_w,
        state.G_b_c,
    )


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 12))
def test_a_chunk_of_distinct_words_equals_visiting_its_cells_one_by_one(seed, n):
    """Cells that share no target and no context touch disjoint parameters: one vectorised
    step must equal the C code's cell-by-cell updates, in any order."""
    rng = np.random.default_rng(seed)
    V, d, lr = 15, 4, 0.05
    i = np.sort(rng.choice(V, n, replace=False)).astype(np.int32)
    j = rng.choice(V, n, replace=False).astype(np.int32)
    x = rng.choice([0.25, 1.0, 4.0, 30.0], size=n)
    state = adagrad_state(V, d, lr, seed % 1000)
    expected = c_code_adagrad(parameters(state), zip(i, j, x, strict=True), lr, 10.0, 0.75)
    f = glove_weights(x, 10.0).astype(np.float32)
    state.step(i, j, np.log(x).astype(np.float32), f)
    for got, want in zip(parameters(state), expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=2e-5, atol=1e-6)


def test_repeated_words_in_a_chunk_add_their_updates():
    """A chunk where word 0 is the target of every cell and context 2 repeats: every residual
    is taken at the start of the step, and each word's steps from its cells are summed."""
    V, d, lr = 5, 3, 0.05
    i = np.array([0, 0, 0, 0], np.int32)
    j = np.array([1, 2, 2, 4], np.int32)  # cells (0, 2) appear twice: as two entries of X
    x = np.array([2.0, 5.0, 5.0, 40.0])
    state = adagrad_state(V, d, lr, 3)
    W, C, b_w, b_c, G_W, G_C, G_b_w, G_b_c = (p.astype(np.float64) for p in parameters(state))
    e = np.einsum("kd,kd->k", W[i], C[j]) + b_w[i] + b_c[j] - np.log(x)
    g = glove_weights(x, 10.0) * e
    want_W = W[0] - lr * (g @ C[j]) / np.sqrt(G_W[0])
    want_C2 = C[2] - lr * (g[1] + g[2]) * W[0] / np.sqrt(G_C[2])
    want_G_C2 = G_C[2] + lr**2 * (g[1] ** 2 + g[2] ** 2) * np.mean(W[0] ** 2)
    want_b_w = b_w[0] - lr * g.sum() / np.sqrt(G_b_w[0])
    loss = state.step(i, j, np.log(x).astype(np.float32), glove_weights(x, 10.0).astype("f4"))
    assert loss == pytest.approx(float(g @ e), rel=1e-5)
    np.testing.assert_allclose(state.W[0], want_W, rtol=1e-5)
    np.testing.assert_allclose(state.C[2], want_C2, rtol=1e-5)
    np.testing.assert_allclose(state.G_C[2], want_G_C2, rtol=1e-5)
    assert state.b_w[0] == pytest.approx(want_b_w, rel=1e-5)
    np.testing.assert_array_equal(state.W[1:], W[1:].astype(np.float32))  # untouched rows


# --------------------------------------------------------------------------------------------
# train_glove
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_counts():
    """A symmetric matrix with low-rank structure in its logarithm, like real counts."""
    rng = np.random.default_rng(7)
    V = 60
    U = rng.normal(size=(V, 3))
    frequency = np.exp(rng.normal(size=V))
    X = np.outer(frequency, frequency) * np.exp(U @ U.T) * 2.0
    X = np.round(X + X.T, 1)
    X[rng.random((V, V)) < 0.4] = 0.0
    return np.triu(X) + np.triu(X, 1).T


def loss_of(model, X, x_max):
    return glove_loss_and_gradients(
        model.target_vectors,
        model.context_vectors,
        model.target_biases,
        model.context_biases,
        X,
        x_max=x_max,
    )[0]


def test_training_reduces_J(small_counts):
    models = [
        train_glove(small_counts, 5, epochs=epochs, x_max=10.0, progress=False)
        for epochs in (1, 5, 30)
    ]
    losses = [loss_of(m, small_counts, 10.0) for m in models]
    assert losses[0] > losses[1] > losses[2]
    assert losses[2] < 0.2 * losses[0]
    assert models[2].epoch_losses[-1] < models[2].epoch_losses[0]
    assert len(models[2].epoch_losses) == 30


def test_model_shapes_and_vectors(small_counts):
    model = train_glove(small_counts, 7, epochs=2, progress=False)
    assert isinstance(model, GloveModel)
    V = small_counts.shape[0]
    assert model.target_vectors.shape == model.context_vectors.shape == (V, 7)
    assert model.target_biases.shape == model.context_biases.shape == (V,)
    assert model.target_vectors.dtype == np.float32
    np.testing.assert_array_equal(model.vectors, model.target_vectors + model.context_vectors)
    assert model.cells_processed == 2 * np.count_nonzero(small_counts)
    assert model.loss_history.shape == (len(model.history),)
    assert model.loss_epochs[-1] == pytest.approx(2.0)


def test_same_seed_same_model_other_seed_other_model(small_counts):
    a = train_glove(small_counts, 4, epochs=3, seed=5, progress=False)
    b = train_glove(sp.csr_matrix(small_counts), 4, epochs=3, seed=5, progress=False)
    c = train_glove(small_counts, 4, epochs=3, seed=6, progress=False)
    np.testing.assert_array_equal(a.vectors, b.vectors)
    np.testing.assert_array_equal(a.target_biases, b.target_biases)
    assert a.epoch_losses == b.epoch_losses
    assert not np.allclose(a.vectors, c.vectors)


def test_memory_is_linear_in_the_non_zeros():
    """|V| = 200,000 with 20,000 non-zero cells: a dense |V| x |V| float32 would be 160 GB."""
    rng = np.random.default_rng(0)
    V, nnz = 200_000, 20_000
    rows, cols = rng.integers(0, V, nnz), rng.integers(0, V, nnz)
    X = sp.coo_matrix((rng.random(nnz) + 0.5, (rows, cols)), shape=(V, V))
    tracemalloc.start()
    model = train_glove(X, 4, epochs=1, progress=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert model.vectors.shape == (V, 4)
    assert peak < 100e6, f"peak {peak / 1e6:.0f} MB"


def test_callback_progress_and_early_stop(small_counts, capsys):
    reports = []
    model = train_glove(small_counts, 3, epochs=4, callback=reports.append, progress=True)
    assert all(isinstance(r, TrainingProgress) for r in reports)
    fractions = [r.fraction_done for r in reports]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(reports) <= 101
    assert [r.words_processed for r in reports] == sorted(r.words_processed for r in reports)
    assert reports[-1].words_processed == model.cells_processed
    assert "GloVe 100.0% | epoch 4/4" in capsys.readouterr().err

    stopped = train_glove(
        small_counts, 3, epochs=4, callback=lambda p: p.fraction_done < 0.3, progress=False
    )
    assert stopped.stopped_early
    assert stopped.history[-1].fraction_done >= 0.3 > stopped.history[-2].fraction_done
    assert len(stopped.epoch_losses) == 2  # stopped in the second epoch


def test_training_monitor_drives_train_glove(small_counts):
    monitor = TrainingMonitor("GloVe")
    model = monitor.start(train_glove, small_counts, 3, epochs=2).result(timeout=60)
    assert isinstance(model, GloveModel) and not model.stopped_early
    assert monitor.history[-1].fraction_done == 1.0
    assert monitor.progress_bar.value == 1.0
    monitor = TrainingMonitor("GloVe")
    monitor.stop()  # pressed before the first report: training stops at the first callback
    model = train_glove(small_counts, 3, epochs=2, progress=False, callback=monitor.callback)
    assert model.stopped_early and len(model.history) == 1


def test_nearest_neighbors_needs_a_vocabulary(small_counts):
    from wordvec_helpers.corpus import Vocabulary

    words = [f"w{k}" for k in range(small_counts.shape[0])]
    vocab = Vocabulary.build([words])
    model = train_glove(small_counts, 3, epochs=1, progress=False, vocab=vocab)
    neighbours = model.nearest_neighbors("w0", k=3)
    assert len(neighbours) == 3 and all(w != "w0" for w, _ in neighbours)
    with pytest.raises(ValueError, match="train it with vocab="):
        train_glove(small_counts, 3, epochs=1, progress=False).nearest_neighbors("w0")
    with pytest.raises(ValueError, match="vocab has 3 words but X has 60 rows"):
        train_glove(small_counts, 3, epochs=1, vocab=Vocabulary.build([["a", "b", "c"]]))


@pytest.mark.parametrize(
    ("X", "kwargs", "error", "message"),
    [
        (np.ones((2, 3)), {}, ValueError, r"X must be square .* got shape \(2, 3\)"),
        (-np.eye(3), {}, ValueError, "negative count at"),
        (np.diag([1.0, np.nan]), {}, ValueError, r"NaN or infinite count at \[1, 1\]"),
        (sp.csr_matrix((4, 4)), {}, ValueError, "no non-zero count"),
        ("counts", {}, TypeError, "X must be a 2-D matrix of counts"),
        (np.eye(3), {"dim": 0}, ValueError, "dim must be an integer >= 1, got 0"),
        (np.eye(3), {"epochs": 2.5}, TypeError, "epochs must be an integer"),
        (np.eye(3), {"lr": 0}, ValueError, "lr must be a finite number > 0"),
        (np.eye(3), {"x_max": -1}, ValueError, "x_max must be a finite number > 0"),
        (np.eye(3), {"alpha": np.inf}, ValueError, "alpha must be a finite number > 0"),
        (np.eye(3), {"seed": 1.5}, TypeError, "seed must be an integer"),
        (np.eye(3), {"callback": 3}, TypeError, "callback must be a function"),
    ],
)
def test_train_bad_input(X, kwargs, error, message):
    with pytest.raises(error, match=message):
        train_glove(X, **({"progress": False} | kwargs))


def test_divergence_raises_a_clear_error(small_counts):
    with pytest.raises(FloatingPointError, match="lr=1e\\+06 is probably too high"):
        train_glove(small_counts * 1e30, 3, epochs=3, lr=1e6, x_max=1.0, progress=False)

"""GloVe: global vectors fitted by weighted least squares to the logarithm of the counts.

Pennington, Socher & Manning (2014), equation (8): every word has a target vector w_i and a
context vector c̃_j (rows of ``target_vectors`` W and ``context_vectors`` C, shape (|V|, d)),
and a bias for each role, b_i and b̃_j. They are fitted to the co-occurrence matrix X by

    J = Σ_{i,j: X_ij > 0} f(X_ij) (w_i·c̃_j + b_i + b̃_j − log X_ij)²

    f(x) = (x / x_max)^α  for x < x_max,   1 otherwise          (f(0) = 0: zero cells drop out)

Only the non-zero cells enter J, so the work and the memory grow with the number of non-zero
cells, never with |V|². :func:`glove_loss_and_gradients` computes J and its gradients (the
notebook's exercise and the gradient check); :func:`train_glove` minimises J with AdaGrad as
GloVe's reference C code does, vectorised with numpy and scipy.sparse.

Introduced in notebook 08.
"""

from __future__ import annotations

import numbers
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from ._validation import _first_index, _show, check_positive_float, check_positive_int
from .skipgram import TrainingProgress, _Reporter

__all__ = [
    "GloveModel",
    "glove_loss_and_gradients",
    "glove_weights",
    "train_glove",
]


# --------------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------------


def _check_x_max_alpha(x_max, alpha) -> tuple[float, float]:
    return check_positive_float("x_max", x_max), check_positive_float("alpha", alpha)


def _check_counts(X, *, square: bool) -> sp.coo_matrix:
    """A target x context matrix of co-occurrence counts (dense or sparse), as float64 COO with
    only its non-zero cells stored (sums of duplicate entries, explicit zeros dropped)."""
    if sp.issparse(X):
        matrix = sp.coo_matrix(X, dtype=np.float64)
        matrix.sum_duplicates()
        values = matrix.data
    else:
        try:
            dense = np.asarray(X, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"X must be a 2-D matrix of counts, got {_show(X)}") from exc
        if dense.ndim != 2:
            raise ValueError(
                f"X must be a 2-D target x context matrix of counts, got shape {dense.shape}"
            )
        values = dense
        matrix = None
    if not np.all(np.isfinite(values)):
        where = _first_index(X, ~np.isfinite(np.asarray(values)))
        raise ValueError(f"X must be finite; found a NaN or infinite count at {where}")
    if np.any(values < 0):
        where = _first_index(X, np.asarray(values) < 0)
        raise ValueError(f"X must hold counts >= 0; found a negative count at {where}")
    if matrix is None:
        matrix = sp.coo_matrix(values)
    matrix.eliminate_zeros()
    n_targets, n_contexts = matrix.shape
    if square and n_targets != n_contexts:
        raise ValueError(
            f"X must be square (|V| x |V|: the same words as targets and as contexts), got "
            f"shape {matrix.shape}"
        )
    if matrix.nnz == 0:
        raise ValueError(
            f"X (shape {matrix.shape}) has no non-zero count, so there is nothing to fit; "
            "did the corpus or the window produce any co-occurrences?"
        )
    return matrix


def _as_parameter(name: str, value, shape: tuple) -> np.ndarray:
    """``value`` as a finite float64 array of ``shape`` (an entry "d" there: any d >= 1)."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers, got {_show(value)}") from exc
    matches = array.ndim == len(shape) and all(
        n == want or (want == "d" and n >= 1) for n, want in zip(array.shape, shape, strict=True)
    )
    if not matches:
        expected = "(" + ", ".join(str(s) for s in shape) + (",)" if len(shape) == 1 else ")")
        raise ValueError(
            f"{name} must have shape {expected} to match X of shape (targets, contexts) and "
            f"W of shape (targets, d), got shape {array.shape}"
        )
    if not np.all(np.isfinite(array)):
        raise ValueError(
            f"{name} contains NaN or infinite values; if they come from training, the "
            "learning rate is probably too high"
        )
    return array


# --------------------------------------------------------------------------------------------
# The weighting function f and the objective J
# --------------------------------------------------------------------------------------------


def glove_weights(x, x_max: float = 100.0, alpha: float = 0.75):
    """GloVe's weighting function of a count, elementwise.

        f(x) = (x / x_max)^α   if x < x_max
               1               if x >= x_max

    so f(0) = 0 (a pair never seen does not count), f grows with the count, and frequent pairs
    are capped at 1 instead of dominating the fit.

    Parameters
    ----------
    x : float or array_like of counts >= 0 (any shape; a scipy.sparse matrix gives f on its
        stored entries, as a sparse matrix of the same shape)
    x_max : float > 0      the count above which f is 1 (the paper: 100)
    alpha : float > 0      the exponent (the paper: 3/4)

    Returns
    -------
    float64 ndarray of the shape of ``x`` (a float for a scalar), values in [0, 1].

    Introduced in notebook 08.
    """
    x_max, alpha = _check_x_max_alpha(x_max, alpha)
    if sp.issparse(x):
        matrix = sp.csr_matrix(x, dtype=np.float64, copy=True)
        matrix.data = glove_weights(matrix.data, x_max, alpha)
        return matrix
    try:
        values = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"x must be a count or an array of counts, got {_show(x)}") from exc
    if not np.all(np.isfinite(values)) or np.any(values < 0):
        bad = values[~(np.isfinite(values) & (values >= 0))].flat[0]
        raise ValueError(f"x must hold finite counts >= 0, got {bad}")
    weights = np.minimum(1.0, (values / x_max) ** alpha)  # 0 ** α = 0, so f(0) = 0
    return float(weights) if weights.ndim == 0 else weights


def glove_loss_and_gradients(W, C, b_w, b_c, X, *, x_max: float = 100.0, alpha: float = 0.75):
    """The GloVe objective J and its gradients with respect to every parameter.

        J = Σ_{i,j: X_ij > 0} f(X_ij) (w_i·c̃_j + b_i + b̃_j − log X_ij)²      (paper, eq. 8)

    With e_ij = w_i·c̃_j + b_i + b̃_j − log X_ij, the residual of a cell,

        ∂J/∂w_i  = 2 Σ_j f(X_ij) e_ij c̃_j         ∂J/∂b_i = 2 Σ_j f(X_ij) e_ij
        ∂J/∂c̃_j = 2 Σ_i f(X_ij) e_ij w_i          ∂J/∂b̃_j = 2 Σ_i f(X_ij) e_ij

    (no ½ in J, so a factor 2 in every gradient). Only the non-zero cells of X are visited.

    Parameters
    ----------
    W : ndarray of shape (n_targets, d)     target vectors w_i (rows)
    C : ndarray of shape (n_contexts, d)    context vectors c̃_j (rows)
    b_w : ndarray of shape (n_targets,)     target biases b_i
    b_c : ndarray of shape (n_contexts,)    context biases b̃_j
    X : array_like or scipy.sparse matrix of shape (n_targets, n_contexts), counts >= 0
    x_max, alpha : float > 0                the weighting function f (:func:`glove_weights`)

    Returns
    -------
    loss : float
    grad_W : ndarray of shape (n_targets, d)
    grad_C : ndarray of shape (n_contexts, d)
    grad_b_w : ndarray of shape (n_targets,)
    grad_b_c : ndarray of shape (n_contexts,)

    float64 throughout. Introduced in notebook 08.
    """
    x_max, alpha = _check_x_max_alpha(x_max, alpha)
    counts = _check_counts(X, square=False)
    n_targets, n_contexts = counts.shape
    W = _as_parameter("W", W, (n_targets, "d"))
    C = _as_parameter("C", C, (n_contexts, W.shape[1]))
    b_w = _as_parameter("b_w", b_w, (n_targets,))
    b_c = _as_parameter("b_c", b_c, (n_contexts,))
    rows, cols = counts.row, counts.col
    residual = (
        np.einsum("kd,kd->k", W[rows], C[cols]) + b_w[rows] + b_c[cols] - np.log(counts.data)
    )  # e_ij of every non-zero cell, (nnz,)
    weighted = glove_weights(counts.data, x_max, alpha) * residual  # f(X_ij) e_ij
    loss = float(weighted @ residual)
    E = sp.csr_matrix((2.0 * weighted, (rows, cols)), shape=counts.shape)  # 2 f e, sparse
    grad_W = E @ C  # (n_targets, n_contexts) @ (n_contexts, d) -> (n_targets, d)
    grad_C = E.T @ W  # (n_contexts, n_targets) @ (n_targets, d) -> (n_contexts, d)
    grad_b_w = np.asarray(E.sum(axis=1)).ravel()
    grad_b_c = np.asarray(E.sum(axis=0)).ravel()
    return loss, grad_W, grad_C, grad_b_w, grad_b_c


# --------------------------------------------------------------------------------------------
# The trained model
# --------------------------------------------------------------------------------------------


@dataclass
class GloveModel:
    """A trained GloVe model.

    Attributes
    ----------
    target_vectors : ndarray of shape (|V|, d)    W, the w_i (float32)
    context_vectors : ndarray of shape (|V|, d)   C, the c̃_j (float32)
    target_biases : ndarray of shape (|V|,)       the b_i
    context_biases : ndarray of shape (|V|,)      the b̃_j
    epoch_losses : list of float                  J accumulated over each epoch (each cell's
                                                  term taken when the cell was visited)
    history : list of TrainingProgress            every progress report, in order;
                                                  ``words_processed`` counts non-zero cells
    vocab : Vocabulary or None                    for :meth:`nearest_neighbors`
    cells_processed : int                         cell visits (non-zero cells x epochs done)
    training_time : float                         seconds
    stopped_early : bool                          True if the callback returned False
    epochs : int                                  epochs asked for
    x_max, alpha, lr : float                      the settings it was trained with
    """

    target_vectors: np.ndarray
    context_vectors: np.ndarray
    target_biases: np.ndarray
    context_biases: np.ndarray
    epoch_losses: list[float] = field(default_factory=list)
    history: list[TrainingProgress] = field(default_factory=list)
    vocab: object = None
    cells_processed: int = 0
    training_time: float = 0.0
    stopped_early: bool = False
    epochs: int = 1
    x_max: float = 100.0
    alpha: float = 0.75
    lr: float = 0.05

    @property
    def vectors(self) -> np.ndarray:
        """W + C, shape (|V|, d): the word vectors the paper uses (each word's two roles)."""
        return self.target_vectors + self.context_vectors

    @property
    def loss_history(self) -> np.ndarray:
        """Mean f(X_ij) e_ij² per cell at each progress report, shape (n_reports,)."""
        return np.array([p.loss for p in self.history])

    @property
    def loss_epochs(self) -> np.ndarray:
        """Where each entry of ``loss_history`` was taken, in epochs (for a loss-curve x axis)."""
        return np.array([p.fraction_done for p in self.history]) * self.epochs

    def nearest_neighbors(self, word: str, k: int = 10) -> list[tuple[str, float]]:
        """Nearest neighbours of ``word`` by cosine similarity of :attr:`vectors` (W + C)."""
        from .similarity import nearest_neighbors

        if self.vocab is None or not hasattr(self.vocab, "words"):
            raise ValueError("this model was trained without a Vocabulary; train it with vocab=")
        return nearest_neighbors(self.vectors, self.vocab, word, k)


# --------------------------------------------------------------------------------------------
# Training: AdaGrad over the non-zero cells, in chunks
# --------------------------------------------------------------------------------------------

# Non-zero cells per vectorised step (see train_glove): about 4,096 keeps the temporary arrays
# in the processor's cache, but there are always enough chunks for the word with the most
# cells to fall in about _REPEATS cells of a chunk.
_CHUNK = 4096
_REPEATS = 16


def _runs(sorted_ids: np.ndarray) -> np.ndarray:
    """Where each run of equal ids begins in a sorted id array."""
    first = np.empty(sorted_ids.size, dtype=bool)
    first[0] = True
    np.not_equal(sorted_ids[1:], sorted_ids[:-1], out=first[1:])
    return np.flatnonzero(first)


class _AdaGrad:
    """The parameters, their AdaGrad accumulators, and one vectorised step on a chunk of cells.

    As in GloVe's C code, a parameter steps by lr·g / √G and then G grows by (lr·g)², with
    G = 1 at the start; g = f(X_ij) e_ij times the other vector (1 for a bias) is ½ ∂J, the C
    code's convention, so ``lr`` means what its ``-eta`` means. Unlike the C code, a vector
    has one accumulator, not one per entry: it grows by the mean of the d entries' (lr·g)².
    """

    def __init__(self, vocab_size: int, dim: int, lr: float, rng: np.random.Generator):
        V, d = vocab_size, dim
        uniform = rng.random((2 * V, d + 1), dtype=np.float32) - np.float32(0.5)
        # Vectors start uniform in ±0.5/√d, biases in ±0.5/d (the C code: all in ±0.5/d).
        self.W = uniform[:V, :d] / np.float32(np.sqrt(d))
        self.C = uniform[V:, :d] / np.float32(np.sqrt(d))
        self.b_w = uniform[:V, d] / np.float32(d)
        self.b_c = uniform[V:, d] / np.float32(d)
        self.G_W = np.ones(V, dtype=np.float32)  # one AdaGrad accumulator per vector
        self.G_C = np.ones(V, dtype=np.float32)
        self.G_b_w = np.ones(V, dtype=np.float32)
        self.G_b_c = np.ones(V, dtype=np.float32)
        self.lr = np.float32(lr)
        self.position = np.zeros(V, dtype=np.int32)  # scratch: context id -> compact index
        self.vocab_size = V
        self._buffers = (np.empty((0, d), np.float32), np.empty((0, d), np.float32))

    def _gathered(self, n: int):
        W_rows, C_rows = self._buffers
        if W_rows.shape[0] < n:
            d = self.W.shape[1]
            self._buffers = W_rows, C_rows = (
                np.empty((n, d), np.float32),
                np.empty((n, d), np.float32),
            )
        return W_rows[:n], C_rows[:n]

    def step(self, i, j, log_x, f) -> float:
        """One step on the cells (i[k], j[k]) of a chunk, i sorted; returns Σ f e² before it.

        All residuals come from the parameters at the start of the step; each word's updates
        from all its cells in the chunk are added together (a word is in few cells of a chunk).
        """
        n = i.size
        w_i, c_j = self._gathered(n)
        np.take(self.W, i, axis=0, out=w_i)  # (n, d): w_i of every cell
        np.take(self.C, j, axis=0, out=c_j)  # (n, d): c̃_j of every cell
        e = np.einsum("kd,kd->k", w_i, c_j)  # w_i·c̃_j, (n,)
        e += self.b_w[i]
        e += self.b_c[j]
        e -= log_x  # e_ij = w_i·c̃_j + b_i + b̃_j - log X_ij
        g = f * e  # f(X_ij) e_ij = ½ ∂J_ij/∂(w_i·c̃_j)
        loss = float(g @ e)
        g2 = g * g
        # The distinct targets (i is sorted: runs) and contexts of the chunk, and for each cell
        # the index of its target and context among them.
        row_starts = _runs(i)
        targets = i[row_starts]  # (n_t,)
        contexts = np.flatnonzero(np.bincount(j, minlength=self.vocab_size))  # (n_c,), sorted
        self.position[contexts] = np.arange(contexts.size, dtype=np.int32)
        context_of = self.position[j]  # (n,)
        cells = np.arange(n + 1, dtype=np.int32)
        indptr = np.r_[row_starts, n].astype(np.int32)
        # Sparse "which cell belongs to which word" matrices, weighted by g: a product sums the
        # cells of each word (repeated words accumulate, never overwrite).
        by_target = sp.csr_matrix((g, cells[:n], indptr), shape=(targets.size, n))
        by_context = sp.csc_matrix((g, context_of, cells), shape=(contexts.size, n))
        grad_W = by_target @ c_j  # (n_t, n) @ (n, d) -> (n_t, d): Σ_j g_ij c̃_j
        grad_C = by_context @ w_i  # (n_c, n) @ (n, d) -> (n_c, d): Σ_i g_ij w_i
        # AdaGrad, one accumulator per vector: G grows by the mean over the d entries of
        # (lr·g)², i.e. by lr² ‖g‖² / d, with ‖g_ij‖² = (f e)² ‖c̃_j‖² for w_i.
        square_W = np.add.reduceat(g2 * np.einsum("kd,kd->k", c_j, c_j), row_starts)
        square_C = _sum_by(context_of, g2 * np.einsum("kd,kd->k", w_i, w_i), contexts.size)
        self._update(self.W, self.G_W, targets, grad_W, square_W)
        self._update(self.C, self.G_C, contexts, grad_C, square_C)
        lr, lr2 = self.lr, self.lr * self.lr
        G = self.G_b_w[targets]
        self.b_w[targets] -= lr * np.add.reduceat(g, row_starts) / np.sqrt(G)
        self.G_b_w[targets] = G + lr2 * np.add.reduceat(g2, row_starts)
        G = self.G_b_c[contexts]
        self.b_c[contexts] -= lr * _sum_by(context_of, g, contexts.size) / np.sqrt(G)
        self.G_b_c[contexts] = G + lr2 * _sum_by(context_of, g2, contexts.size)
        return loss

    def _update(self, vectors, G, rows, grad, square) -> None:
        """vectors[rows] -= lr·grad / √G[rows], then G[rows] += lr²·square / d (in place)."""
        G_rows = G[rows]  # (n_rows,)
        scale = self.lr / np.sqrt(G_rows)
        grad *= scale[:, None]
        vectors[rows] -= grad
        square *= self.lr * self.lr / np.float32(vectors.shape[1])
        G[rows] = G_rows + square


def _sum_by(index: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """out[k] = Σ values[index == k], float32 (np.bincount sums in float64)."""
    return np.bincount(index, values, minlength=size).astype(np.float32)


def train_glove(
    X,
    dim: int = 100,
    *,
    epochs: int = 25,
    lr: float = 0.05,
    x_max: float = 1.0,
    alpha: float = 0.75,
    seed: int = 0,
    progress: bool = True,
    callback: Callable[[TrainingProgress], bool | None] | None = None,
    vocab=None,
) -> GloveModel:
    """Fit GloVe vectors to a co-occurrence matrix with AdaGrad, as GloVe's C code does.

    Minimises J = Σ_{X_ij > 0} f(X_ij) (w_i·c̃_j + b_i + b̃_j − log X_ij)² (see
    :func:`glove_loss_and_gradients`). Like the reference C code (``glove.c``):

    * every AdaGrad accumulator starts at 1, so the first step is lr·g;
    * one epoch visits every non-zero cell once, in a random order (here drawn afresh each
      epoch); a cell's residual e_ij moves w_i, c̃_j, b_i and b̃_j;
    * a parameter steps by lr·g/√G, where g is f(X_ij) e_ij times c̃_j (for w_i), w_i (for
      c̃_j) or 1 (for a bias): ½ ∂J, the C code's convention, so ``lr`` is its ``-eta``;
      then G grows by (lr·g)².

    Two differences. Each vector has one accumulator (growing by the mean over its d entries
    of (lr·g)²) instead of one per entry: less memory traffic, and over the 7 epochs we
    compared on the Wikipedia sample, the same loss to 4 significant digits (with lr = 0.05,
    (lr·g)² is small and most accumulators stay near 1). The vectors start uniform in
    ±0.5/√d instead of ±0.5/d (biases still in ±0.5/d): from ±0.5/d, at d = 100, they are so
    close to 0 that the first epochs are spent growing them (the gradient of w_i is
    proportional to the c̃_j); on the Wikipedia sample the larger start saves about 5 epochs.

    How it is vectorised: each epoch, the cells are dealt at random into chunks of about
    4,096, and a chunk is one step. Its residuals are computed at once from the parameters at
    the start of the step (two row gathers and a row-wise dot product), and each word's
    updates from all its cells in the chunk are summed by a sparse matrix product. Only the
    non-zero cells are touched: memory grows with their number, never with |V|². There are
    enough chunks for a word to fall in about 16 cells of a chunk at most (*the*, in 9,016 of
    the 2.4 million cells of the Wikipedia sample's matrix, in about 15), so a chunk is close
    to visiting its cells one by one: summed over 16 cells, steps of lr = 0.05 stay stable.
    (Later versions of the C code take the bias steps without ``lr``; summed over a chunk,
    those would overshoot.) float32 throughout; same seed, same vectors on the same machine.

    Parameters
    ----------
    X : array_like or scipy.sparse matrix of shape (|V|, |V|)
        co-occurrence counts X_ij >= 0, targets as rows (``cooccurrence_matrix``; GloVe uses
        ``weighting="harmonic"``); only the non-zero cells are used
    dim : int >= 1            d
    epochs : int >= 1         passes over the non-zero cells
    lr : float > 0            AdaGrad's learning rate for the vectors (the C code's ``-eta``)
    x_max, alpha : float > 0  the weighting function f (:func:`glove_weights`). The paper's
                              x_max = 100 suits billions of tokens; on the half-million-token
                              Wikipedia sample almost every count is far below it (half the
                              harmonic counts are 1/4 or less). The default, 1, was chosen on
                              a development half of WordSim-353 among 0.3, 1, 3, 10 and 100
                              (notebook 08 shows the sweep)
    seed : int                seeds a local np.random.default_rng; same seed, same model
    progress : bool           print a one-line progress indicator to stderr
    callback : function(TrainingProgress) -> bool or None
        called about every 1% of the run and once at the end (``words_processed`` counts the
        non-zero cells visited); return False to stop early. ``widgets.TrainingMonitor``'s
        ``callback`` works here.
    vocab : Vocabulary, optional   kept in the model for :meth:`GloveModel.nearest_neighbors`

    Returns
    -------
    GloveModel with W, C (float32, shape (|V|, dim)), the biases, ``vectors`` = W + C and
    the loss history.

    Raises
    ------
    ValueError for a matrix that is not square, has a negative, NaN or infinite count, or no
    non-zero cell; FloatingPointError if the loss becomes NaN or infinite.

    Introduced in notebook 08.
    """
    counts = _check_counts(X, square=True)
    dim = check_positive_int("dim", dim)
    epochs = check_positive_int("epochs", epochs)
    lr = check_positive_float("lr", lr)
    x_max, alpha = _check_x_max_alpha(x_max, alpha)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an integer, got {_show(seed)}")
    if vocab is not None and len(vocab) != counts.shape[0]:
        raise ValueError(
            f"vocab has {len(vocab)} words but X has {counts.shape[0]} rows; they must match"
        )
    # words_processed in the reports counts non-zero cells here
    reporter = _Reporter("GloVe", epochs, callback, progress, unit="cells")
    vocab_size = counts.shape[0]
    cells = counts.tocsr()
    cells.sort_indices()
    cells = cells.tocoo()  # row-major order: rows sorted
    rows = cells.row.astype(np.int32)
    cols = cells.col.astype(np.int32)
    log_x = np.log(cells.data).astype(np.float32)
    f = glove_weights(cells.data, x_max, alpha).astype(np.float32)
    nnz = rows.size
    most_cells = max(np.bincount(rows).max(), np.bincount(cols).max())  # of any one word
    n_chunks = max(-(-nnz // _CHUNK), -(-most_cells // _REPEATS))
    rng = np.random.default_rng(seed)
    model = _AdaGrad(vocab_size, dim, lr, rng)
    epoch_losses: list[float] = []
    visited = 0
    epoch = 0
    for epoch in range(epochs):
        # Deal the cells at random into chunks; the stable sort keeps each chunk's cells in
        # row order, which the step needs.
        chunk_of = rng.integers(0, n_chunks, size=nnz, dtype=np.int32)
        order = np.argsort(chunk_of, kind="stable")
        bounds = np.r_[0, np.cumsum(np.bincount(chunk_of, minlength=n_chunks))]
        i_all, j_all, log_x_all, f_all = rows[order], cols[order], log_x[order], f[order]
        del order, chunk_of
        epoch_loss = 0.0
        for chunk in range(n_chunks):
            start, stop = bounds[chunk], bounds[chunk + 1]
            if stop == start:
                continue
            with np.errstate(over="ignore", invalid="ignore"):  # divergence raises below
                loss = model.step(
                    i_all[start:stop], j_all[start:stop], log_x_all[start:stop], f_all[start:stop]
                )
            if not np.isfinite(loss):
                raise FloatingPointError(
                    f"training diverged in epoch {epoch + 1}: the loss became NaN or infinite. "
                    f"The learning rate lr={lr:g} is probably too high; try lr={lr / 10:g}."
                )
            epoch_loss += loss
            visited += int(stop - start)
            reporter.add_loss(loss, int(stop - start))
            fraction = (epoch + (chunk + 1) / n_chunks) / epochs
            if (reporter.due(fraction) or fraction >= 1.0) and not reporter.report(
                epoch, fraction, visited
            ):
                break
        epoch_losses.append(epoch_loss)
        if reporter.stopped_early:
            break
    return GloveModel(
        target_vectors=model.W,
        context_vectors=model.C,
        target_biases=model.b_w,
        context_biases=model.b_c,
        epoch_losses=epoch_losses,
        history=reporter.history,
        vocab=vocab if hasattr(vocab, "words") else None,
        cells_processed=visited,
        training_time=time.perf_counter() - reporter.start,
        stopped_early=reporter.stopped_early,
        epochs=epochs,
        x_max=x_max,
        alpha=alpha,
        lr=lr,
    )

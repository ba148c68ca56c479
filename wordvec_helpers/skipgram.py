"""Word2vec skip-gram: the full-softmax model and skip-gram with negative sampling (SGNS).

Notation as in the precept: every word has a *target* vector u (rows of ``target_vectors``,
shape (|V|, d)) and a *context* vector v (rows of ``context_vectors``, shape (|V|, d)).

    softmax:            P[c | t] = exp(u_t·v_c) / Σ_c' exp(u_t·v_c')
                        L_{t,c}  = -log P[c | t]
    negative sampling:  L_{t,c}  = -log σ(u_t·v_c) - Σ_{k=1..K} log σ(-u_t·v_{c_k})
                        c_1..c_K drawn from the unigram^0.75 noise distribution

The loss and gradient functions work on one (t, c) pair and are what the notebooks teach with;
:func:`train_softmax_skipgram` loops over pairs with them (toy corpora only: every step touches
all 2d|V| parameters); :func:`train_sgns` is the vectorised trainer for real text.

Introduced in notebooks 04 (softmax) and 05 (negative sampling).
"""

from __future__ import annotations

import numbers
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy.linalg import blas
from scipy.special import expit

from ._validation import _show, check_positive_float, check_positive_int
from .cooccurrence import _validate_corpus

__all__ = [
    "NegativeSampler",
    "SkipGramModel",
    "TrainingProgress",
    "dynamic_windows",
    "keep_probabilities",
    "log_sigmoid",
    "neg_sampling_loss_and_gradients",
    "sigmoid",
    "softmax_counts_loss_and_gradients",
    "softmax_loss_and_gradients",
    "softmax_sgd_step",
    "subsample",
    "train_sgns",
    "train_softmax_skipgram",
    "train_softmax_skipgram_from_counts",
    "training_pair_arrays",
    "training_pairs",
]


# --------------------------------------------------------------------------------------------
# σ and log σ that never overflow
# --------------------------------------------------------------------------------------------


def sigmoid(x):
    """σ(x) = 1 / (1 + exp(-x)), exact and without overflow warnings at |x| = 1e4.

    ``scipy.special.expit`` evaluates exp(-|x|) only, so nothing overflows.
    """
    return expit(x)


def log_sigmoid(x):
    """log σ(x) = -log(1 + exp(-x)), computed as -logaddexp(0, -x).

    Stable in both directions: log σ(1e4) = 0 and log σ(-1e4) = -1e4 (a naive
    ``np.log(sigmoid(x))`` gives -inf there, because σ(-1e4) underflows to 0).
    """
    return -np.logaddexp(0.0, -np.asarray(x))


# --------------------------------------------------------------------------------------------
# Loss and gradients for one (target, context) pair
# --------------------------------------------------------------------------------------------


def _as_finite(name: str, value, ndim: int) -> np.ndarray:
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers, got {_show(value)}") from exc
    if array.ndim != ndim:
        shape = "(d,)" if ndim == 1 else "(n, d)"
        raise ValueError(f"{name} must have shape {shape}, got an array of shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty (shape {array.shape}); the dimension d must be >= 1")
    if not np.all(np.isfinite(array)):
        raise ValueError(
            f"{name} contains NaN or infinite values; if they come from training, "
            "the learning rate is probably too high"
        )
    return array


def _check_dim(name: str, array: np.ndarray, d: int) -> None:
    if array.shape[-1] != d:
        raise ValueError(
            f"{name} must have d = {d} columns like u_t (shape ({d},)), got shape {array.shape}"
        )


def _check_word_id(name: str, value, vocab_size: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer word id, got {_show(value)}")
    if not 0 <= value < vocab_size:
        raise ValueError(
            f"{name} = {value} is outside the vocabulary: valid ids are 0..{vocab_size - 1}"
        )
    return int(value)


def softmax_loss_and_gradients(u_t, context_vectors, c):
    """Full-softmax skip-gram loss for one (target, context) pair, and its gradients.

    L = -log P[c | t] = -u_t·v_c + log Σ_c' exp(u_t·v_c')     (precept, "Learning Objective")

    Parameters
    ----------
    u_t : ndarray of shape (d,)                  target vector of the centre word t
    context_vectors : ndarray of shape (|V|, d)  every context vector v_c' (rows)
    c : int                                      id of the observed context word

    Returns
    -------
    loss : float
    grad_u_t : ndarray of shape (d,)                  Σ_c' P[c'|t] v_c' - v_c
    grad_context_vectors : ndarray of shape (|V|, d)  row c': (P[c'|t] - [c' = c]) u_t

    The normaliser uses log-sum-exp, so scores in the thousands neither overflow nor lose the
    loss. Every one of the |V| rows of the context gradient is non-zero: one step on one pair
    touches d|V| + d of the model's 2d|V| parameters. Introduced in notebook 04.
    """
    u_t = _as_finite("u_t", u_t, 1)
    context_vectors = _as_finite("context_vectors", context_vectors, 2)
    _check_dim("context_vectors", context_vectors, u_t.shape[0])
    c = _check_word_id("c", c, context_vectors.shape[0])
    return _softmax_loss_and_gradients(u_t, context_vectors, c)


def _softmax_loss_and_gradients(u_t, context_vectors, c):
    scores = context_vectors @ u_t  # (|V|, d) @ (d,) -> (|V|,)
    top = scores.max()  # log-sum-exp: exp(scores - top) <= 1 never overflows
    exp_scores = np.exp(scores - top)
    total = exp_scores.sum()
    loss = float(top + np.log(total) - scores[c])  # log Σ_c' exp(u_t·v_c') - u_t·v_c
    error = exp_scores / total  # P[c' | t], (|V|,)
    error[c] -= 1.0  # P[c' | t] - [c' = c]
    grad_u_t = context_vectors.T @ error  # (d, |V|) @ (|V|,) -> (d,)
    grad_context_vectors = np.outer(error, u_t)  # (|V|,) x (d,) -> (|V|, d)
    return loss, grad_u_t, grad_context_vectors


def softmax_sgd_step(u_t, context_vectors, c, lr: float) -> float:
    """One full-softmax SGD step on the pair (t, c), in place; returns the loss before it.

    u_t -= lr ∂L/∂u_t and V -= lr ∂L/∂V with the gradients of
    :func:`softmax_loss_and_gradients`, but without forming the (|V|, d) gradient: the update
    V -= lr (P - y) u_tᵀ is a rank-1 update done in place (BLAS ``ger``). One step is three
    passes over V, about 3|V|d multiply-adds: the scores V u_t, the gradient Vᵀ(P - y) and
    the update.

    Parameters
    ----------
    u_t : ndarray of shape (d,), float        target vector of t (a row of U), updated in place
    context_vectors : ndarray of shape (|V|, d), float   updated in place
    c : int                                   id of the observed context word
    lr : float > 0                            learning rate

    Introduced in notebook 04 (the cost of one step), used again in notebook 05.
    """
    for name, array, ndim in (("u_t", u_t, 1), ("context_vectors", context_vectors, 2)):
        if not isinstance(array, np.ndarray) or array.ndim != ndim or array.dtype.kind != "f":
            raise TypeError(
                f"{name} must be a float numpy array with {ndim} dimension(s) (it is updated "
                f"in place), got {_show(array)}"
            )
    _check_dim("context_vectors", context_vectors, u_t.shape[0])
    c = _check_word_id("c", c, context_vectors.shape[0])
    lr = check_positive_float("lr", lr)
    return _softmax_sgd_step(u_t, context_vectors, c, lr)


def _softmax_sgd_step(u_t, context_vectors, c, lr):
    scores = context_vectors @ u_t  # pass 1: (|V|, d) @ (d,) -> (|V|,)
    top = scores.max()
    error = np.exp(scores - top)
    total = error.sum()
    loss = float(top + np.log(total) - scores[c])
    error /= total  # P[c' | t]
    error[c] -= 1.0  # P - y
    grad_u_t = error @ context_vectors  # pass 2: (|V|,) @ (|V|, d) -> (d,)
    V_T = context_vectors.T  # (d, |V|), Fortran order when V is C order: ger updates it in place
    ger = blas.get_blas_funcs("ger", (V_T,))
    updated = ger(-lr, u_t, error, a=V_T, overwrite_a=True)  # pass 3: V_T -= lr u_t (P - y)ᵀ
    if not np.shares_memory(updated, context_vectors):  # not contiguous: copy back
        context_vectors[...] = updated.T
    u_t -= lr * grad_u_t
    return loss


def neg_sampling_loss_and_gradients(u_t, v_c, v_neg):
    """Skip-gram negative-sampling loss for one (target, context) pair.

    L = -log σ(u_t·v_c) - Σ_k log σ(-u_t·v_k)          (precept, "Negative Sampling")

    Parameters
    ----------
    u_t : ndarray of shape (d,)      target vector of the centre word
    v_c : ndarray of shape (d,)      context vector of the observed context word
    v_neg : ndarray of shape (K, d)  context vectors of the K sampled words

    Returns
    -------
    loss : float
    grad_u_t : ndarray of shape (d,)      (σ(u_t·v_c) - 1) v_c + Σ_k σ(u_t·v_k) v_k  (Q2 a)
    grad_v_c : ndarray of shape (d,)      (σ(u_t·v_c) - 1) u_t                       (Q2 b)
    grad_v_neg : ndarray of shape (K, d)  row k: σ(u_t·v_k) u_t                      (Q2 c)

    If the same word is drawn twice, its two rows of ``grad_v_neg`` are two separate terms of
    the loss: the word's vector must receive their *sum*. Stable for |u_t·v| in the thousands.
    Introduced in notebook 05.
    """
    u_t = _as_finite("u_t", u_t, 1)
    v_c = _as_finite("v_c", v_c, 1)
    v_neg = _as_finite("v_neg", v_neg, 2)
    _check_dim("v_c", v_c, u_t.shape[0])
    _check_dim("v_neg", v_neg, u_t.shape[0])
    return _neg_sampling_loss_and_gradients(u_t, v_c, v_neg)


def _neg_sampling_loss_and_gradients(u_t, v_c, v_neg):
    positive_score = u_t @ v_c  # u_t·v_c
    negative_scores = v_neg @ u_t  # (K, d) @ (d,) -> (K,)
    loss = float(-log_sigmoid(positive_score) - np.sum(log_sigmoid(-negative_scores)))
    positive_error = sigmoid(positive_score) - 1.0  # σ(u_t·v_c) - 1
    negative_error = sigmoid(negative_scores)  # σ(u_t·v_k), (K,)
    grad_u_t = positive_error * v_c + negative_error @ v_neg  # (d,) + (K,) @ (K, d)
    grad_v_c = positive_error * u_t
    grad_v_neg = np.outer(negative_error, u_t)  # (K, d)
    return loss, grad_u_t, grad_v_c, grad_v_neg


# --------------------------------------------------------------------------------------------
# Noise distribution, subsampling, windows and training pairs
# --------------------------------------------------------------------------------------------


def _check_counts(counts) -> np.ndarray:
    if hasattr(counts, "counts") and not isinstance(counts, np.ndarray):
        counts = counts.counts  # a Vocabulary
    try:
        counts = np.asarray(counts, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"counts must be a 1-D array of word counts, got {_show(counts)}") from exc
    if counts.ndim != 1 or counts.size == 0:
        raise ValueError(
            f"counts must be a non-empty 1-D array (one count per word), got shape {counts.shape}"
        )
    if not np.all(np.isfinite(counts)) or np.any(counts < 0):
        k = int(np.flatnonzero(~np.isfinite(counts) | (counts < 0))[0])
        raise ValueError(f"counts must be finite and >= 0; counts[{k}] = {counts[k]}")
    if counts.sum() <= 0:
        raise ValueError("counts are all zero: no word can be drawn")
    return counts


class NegativeSampler:
    """Draws negative context words from the noise distribution P_n(w) ∝ count(w)^alpha.

    alpha = 0.75 (word2vec) flattens the unigram distribution: rare words are drawn more often
    than their frequency, frequent words less often.

    Parameters
    ----------
    counts : array_like of shape (|V|,) or a Vocabulary   corpus count of every word
    alpha : float >= 0                                     0 = uniform, 1 = unigram

    Attributes
    ----------
    probabilities : ndarray of shape (|V|,)   P_n(w), sums to 1

    Introduced in notebook 05.
    """

    def __init__(self, counts, alpha: float = 0.75):
        counts = _check_counts(counts)
        alpha = check_positive_float("alpha", alpha, allow_zero=True)
        weights = np.where(counts > 0, counts, 0.0) ** alpha  # 0 ** 0 would be 1
        weights[counts == 0] = 0.0
        self.alpha = alpha
        self.probabilities = weights / weights.sum()
        self._cumulative = np.cumsum(self.probabilities)
        self._cumulative[-1] = 1.0  # so that a uniform draw in [0, 1) always finds a word

    def __len__(self) -> int:
        return self.probabilities.size

    def __repr__(self) -> str:
        return f"NegativeSampler(|V|={len(self)}, alpha={self.alpha})"

    def sample(self, rng: np.random.Generator, size) -> np.ndarray:
        """``size`` word ids (an int or a shape) drawn independently from P_n, as int64."""
        if not isinstance(rng, np.random.Generator):
            raise TypeError(
                f"rng must be a np.random.Generator (np.random.default_rng(seed)), "
                f"got {type(rng).__name__}"
            )
        uniform = rng.random(size)
        return np.searchsorted(self._cumulative, uniform, side="right").astype(np.int64)


def keep_probabilities(counts, threshold: float = 1e-3) -> np.ndarray:
    """Probability of keeping each occurrence of a word when subsampling frequent words.

    word2vec's formula (the C code and gensim): with f(w) = count(w) / total and t the
    threshold,

        P_keep(w) = min(1, (sqrt(f(w) / t) + 1) · t / f(w))

    Words rarer than about t are always kept; "the" (f ≈ 0.06) is kept about 14% of the time.

    Parameters
    ----------
    counts : array_like of shape (|V|,) or a Vocabulary
    threshold : float > 0     t, usually 1e-3 to 1e-5

    Returns
    -------
    ndarray of shape (|V|,) with values in (0, 1]; words with count 0 get 1.
    """
    counts = _check_counts(counts)
    threshold = check_positive_float("threshold", threshold)
    frequency = counts / counts.sum()
    with np.errstate(divide="ignore"):
        ratio = np.where(frequency > 0, threshold / frequency, np.inf)
    return np.minimum(1.0, (np.sqrt(1.0 / ratio) + 1.0) * ratio)


def subsample(sentences, keep, rng: np.random.Generator) -> list[np.ndarray]:
    """Drop each token w independently with probability 1 - keep[w].

    Parameters
    ----------
    sentences : list of int arrays    encoded sentences
    keep : ndarray of shape (|V|,)    from :func:`keep_probabilities`
    rng : np.random.Generator

    Returns
    -------
    list of int64 arrays, one per input sentence (possibly shorter, possibly empty): a dropped
    word is removed before the windows are laid, so the words around it move closer, as in
    word2vec.
    """
    keep = np.asarray(keep, dtype=np.float64)
    arrays = _validate_corpus(sentences, keep.size)
    tokens = np.concatenate(arrays)
    kept = rng.random(tokens.size) < keep[tokens]  # (T,)
    kept_before = np.concatenate([[0], np.cumsum(kept)])  # kept tokens before each position
    ends = np.cumsum([a.size for a in arrays])  # where each sentence ends in the corpus
    return np.split(tokens[kept], kept_before[ends[:-1]])


def dynamic_windows(n: int, window: int, rng: np.random.Generator) -> np.ndarray:
    """word2vec's dynamic window: for each of ``n`` target positions a window size b drawn
    uniformly from 1..window. A context at distance j is then used with probability
    (window - j + 1) / window, so near words count more than far ones."""
    n = check_positive_int("n", n, minimum=0)
    window = check_positive_int("window", window)
    return rng.integers(1, window + 1, size=n)


def _windows_for(arrays: list[np.ndarray], window: int, rng) -> np.ndarray:
    total = sum(a.size for a in arrays)
    if rng is None:
        return np.full(total, window, dtype=np.int64)
    return dynamic_windows(total, window, rng)


def training_pairs(
    sentences,
    window: int,
    *,
    rng: np.random.Generator | None = None,
    vocab_size: int | None = None,
) -> Iterator[tuple[int, int]]:
    """Generate the (target, context) training pairs of a corpus, one at a time.

    For each position i of each sentence (in order) and each j with 0 < |i - j| <= b_i in the
    same sentence (left to right), yield (w_i, w_j). b_i = ``window`` when ``rng`` is None,
    else word2vec's dynamic window (:func:`dynamic_windows`, drawn for all positions at once).
    A window never crosses a sentence boundary.

    The arguments are checked when the function is called, not when the first pair is read.
    This is the slow, readable version; :func:`training_pair_arrays` gives the same pairs as
    arrays. Introduced in notebook 04.
    """
    window = check_positive_int("window", window)
    if vocab_size is None:
        vocab_size = np.iinfo(np.int64).max
    arrays = _validate_corpus(sentences, vocab_size)
    windows = _windows_for(arrays, window, rng)

    def generate():
        position = 0
        for sentence in arrays:
            n = sentence.size
            for i in range(n):
                b = int(windows[position + i])
                for j in range(max(0, i - b), min(n, i + b + 1)):
                    if j != i:
                        yield int(sentence[i]), int(sentence[j])
            position += n

    return generate()


def training_pair_arrays(
    sentences,
    window: int,
    *,
    rng: np.random.Generator | None = None,
    vocab_size: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """All (target, context) pairs as two int64 arrays, in the order of :func:`training_pairs`
    (which they equal for the same ``rng`` state), computed without a Python loop per pair.

    Returns
    -------
    targets, contexts : int64 ndarrays of shape (n_pairs,)
    """
    window = check_positive_int("window", window)
    if vocab_size is None:
        vocab_size = np.iinfo(np.int64).max
    arrays = _validate_corpus(sentences, vocab_size)
    windows = _windows_for(arrays, window, rng)
    tokens = np.concatenate(arrays)
    sentence_of = np.repeat(np.arange(len(arrays)), [a.size for a in arrays])
    offsets = np.array([o for o in range(-window, window + 1) if o != 0])  # (2m,), left to right
    positions = np.arange(tokens.size)[:, None]  # (T, 1)
    other = positions + offsets[None, :]  # (T, 2m)
    inside = (other >= 0) & (other < tokens.size)
    other = np.clip(other, 0, tokens.size - 1)
    valid = (
        inside
        & (np.abs(offsets)[None, :] <= windows[:, None])
        & (sentence_of[other] == sentence_of[:, None])
    )
    rows, cols = np.nonzero(valid)  # row-major: by target position, then left to right
    return tokens[rows], tokens[other[rows, cols]]


# --------------------------------------------------------------------------------------------
# Progress reports and the trained model
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingProgress:
    """What a trainer reports to its ``callback`` about every 1% of the run, and at the end.

    Attributes
    ----------
    epoch : int              current epoch, 0-based
    fraction_done : float    fraction of the whole run done, 0..1
    words_processed : int    target words trained on so far, after subsampling
                             (train_softmax_skipgram: (t, c) steps taken)
    loss : float             mean loss per (t, c) pair since the previous report (for SGNS
                             including the pair's K negative terms); NaN if no pair was seen
    elapsed : float          seconds since training started
    """

    epoch: int
    fraction_done: float
    words_processed: int
    loss: float
    elapsed: float


@dataclass
class SkipGramModel:
    """A trained skip-gram model.

    Attributes
    ----------
    target_vectors : ndarray of shape (|V|, d)    u_w for every word (the usual word vectors)
    context_vectors : ndarray of shape (|V|, d)   v_w for every word
    history : list of TrainingProgress            every progress report, in order
    vocab : Vocabulary or None                    for :meth:`nearest_neighbors`
    words_processed : int                         target words trained on (after subsampling)
    pairs_processed : int                         (t, c) pairs trained on
    training_time : float                         seconds
    stopped_early : bool                          True if the callback returned False
    epochs : int                                  epochs asked for
    snapshots : dict epoch -> ndarray (|V|, d)    copies of the target vectors after the
                                                  epochs asked for (train_sgns's
                                                  ``snapshot_epochs``; notebook 07)
    """

    target_vectors: np.ndarray
    context_vectors: np.ndarray
    history: list[TrainingProgress] = field(default_factory=list)
    vocab: object = None
    words_processed: int = 0
    pairs_processed: int = 0
    training_time: float = 0.0
    stopped_early: bool = False
    epochs: int = 1
    snapshots: dict[int, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def loss_history(self) -> np.ndarray:
        """Mean loss per pair at each progress report, shape (n_reports,)."""
        return np.array([p.loss for p in self.history])

    @property
    def loss_epochs(self) -> np.ndarray:
        """Where each entry of ``loss_history`` was taken, in epochs (for a loss-curve x axis)."""
        return np.array([p.fraction_done for p in self.history]) * self.epochs

    @property
    def words_per_second(self) -> float:
        return self.words_processed / self.training_time if self.training_time > 0 else 0.0

    def nearest_neighbors(self, word: str, k: int = 10) -> list[tuple[str, float]]:
        """Nearest neighbours of ``word`` by cosine similarity of the target vectors."""
        from .similarity import nearest_neighbors

        if self.vocab is None or not hasattr(self.vocab, "words"):
            raise ValueError("this model was trained without a Vocabulary; pass one to train it")
        return nearest_neighbors(self.target_vectors, self.vocab, word, k)


class _Reporter:
    """Calls the callback about every 1% of the work and draws the text progress line."""

    def __init__(self, name: str, epochs: int, callback, progress: bool, *, unit: str = "words"):
        if callback is not None and not callable(callback):
            raise TypeError(f"callback must be a function or None, got {_show(callback)}")
        self.name, self.epochs, self.unit = name, epochs, unit
        self.callback, self.progress = callback, bool(progress)
        self.history: list[TrainingProgress] = []
        self.start = time.perf_counter()
        self.next_report = 0.01
        self.loss_sum = 0.0
        self.loss_pairs = 0
        self.stopped_early = False

    def add_loss(self, loss_sum: float, pairs: int) -> None:
        self.loss_sum += loss_sum
        self.loss_pairs += pairs

    def due(self, fraction: float) -> bool:
        return fraction >= self.next_report

    def report(self, epoch: int, fraction: float, words: int) -> bool:
        """Record a report; return False if training should stop."""
        fraction = min(1.0, fraction)
        loss = self.loss_sum / self.loss_pairs if self.loss_pairs else float("nan")
        report = TrainingProgress(
            epoch=int(epoch),
            fraction_done=float(fraction),
            words_processed=int(words),
            loss=float(loss),
            elapsed=time.perf_counter() - self.start,
        )
        self.history.append(report)
        self.loss_sum, self.loss_pairs = 0.0, 0
        self.next_report = (np.floor(fraction * 100 + 1e-9) + 1) / 100
        if self.progress:
            self._draw(report, final=fraction >= 1.0)
        if self.callback is not None and self.callback(report) is False:
            self.stopped_early = True
            if self.progress and fraction < 1.0:
                print(" (stopped by the callback)", file=sys.stderr, flush=True)
            return False
        return True

    def _draw(self, report: TrainingProgress, final: bool) -> None:
        rate = report.words_processed / report.elapsed if report.elapsed > 0 else 0.0
        line = (
            f"\r{self.name} {100 * report.fraction_done:5.1f}% | epoch "
            f"{report.epoch + 1}/{self.epochs} | loss {report.loss:7.4f} | "
            f"{rate / 1000:7.1f}k {self.unit}/s | {report.elapsed:6.1f} s"
        )
        print(line, end="\n" if final else "", file=sys.stderr, flush=True)


def _vocab_size_and_counts(vocab):
    """|V| and the word counts, from a Vocabulary or from an int |V| (counting the corpus)."""
    if isinstance(vocab, bool):
        raise TypeError("vocab must be a Vocabulary or the vocabulary size |V|, got a bool")
    if isinstance(vocab, numbers.Integral):
        return check_positive_int("vocab", vocab), None
    if hasattr(vocab, "counts") and hasattr(vocab, "__len__"):
        if len(vocab) == 0:
            raise ValueError("vocab is empty: it needs at least one word")
        return len(vocab), np.asarray(vocab.counts, dtype=np.float64)
    raise TypeError(
        f"vocab must be a Vocabulary (corpus.Vocabulary.build) or the vocabulary size |V|, "
        f"got {type(vocab).__name__}"
    )


def _diverged(
    what: str, lr: float, epoch: int, fraction: float, batch_size: int | None = None
) -> FloatingPointError:
    hint = ""
    if batch_size is not None:
        hint = (
            f" With a small vocabulary, batch_size={batch_size} may also be too large: every "
            "word then repeats many times in a minibatch and its summed update overshoots."
        )
    return FloatingPointError(
        f"training diverged in epoch {epoch} ({100 * fraction:.0f}% done): {what} became NaN or "
        f"infinite. The learning rate lr={lr:g} is probably too high; try lr={lr / 10:g}.{hint}"
    )


# --------------------------------------------------------------------------------------------
# Full-softmax skip-gram (toy corpora)
# --------------------------------------------------------------------------------------------


def train_softmax_skipgram(
    sentences,
    vocab,
    dim: int = 10,
    window: int = 2,
    epochs: int = 50,
    lr: float = 0.1,
    *,
    seed: int = 0,
    callback: Callable[[TrainingProgress], bool | None] | None = None,
    progress: bool = False,
) -> SkipGramModel:
    """Train full-softmax skip-gram by stochastic gradient descent, one (t, c) pair per step.

    Each epoch visits every pair of :func:`training_pairs` (fixed window ``window``) in a random
    order and takes a step u_t -= lr ∂L/∂u_t, V -= lr ∂L/∂V with the gradients of
    :func:`softmax_loss_and_gradients`, in place (:func:`softmax_sgd_step`). Every step
    touches every context vector, so this is for toy corpora: notebook 04 measures how the
    cost grows with |V|.

    Parameters
    ----------
    sentences : list of int arrays   encoded sentences
    vocab : Vocabulary or int        the vocabulary (or just |V|)
    dim, window, epochs : int >= 1   d, m, and passes over the corpus
    lr : float > 0                   learning rate
    seed : int                       seeds a local np.random.default_rng (initial vectors, order)
    callback : function(TrainingProgress) -> bool or None
        called about every 1% of the steps and once at the end; return False to stop early
    progress : bool                  print a one-line progress indicator to stderr

    Returns
    -------
    SkipGramModel; target vectors start uniform in ±0.5/d, context vectors at 0 (word2vec).
    """
    vocab_size, _ = _vocab_size_and_counts(vocab)
    dim = check_positive_int("dim", dim)
    window = check_positive_int("window", window)
    epochs = check_positive_int("epochs", epochs)
    lr = check_positive_float("lr", lr)
    targets, contexts = training_pair_arrays(sentences, window, vocab_size=vocab_size)
    if targets.size == 0:
        raise ValueError(
            "the corpus yields no training pairs: every sentence has a single word; "
            "a (target, context) pair needs two words in the same sentence"
        )
    rng = np.random.default_rng(seed)
    U = (rng.random((vocab_size, dim)) - 0.5) / dim  # (|V|, d) target vectors u
    V = np.zeros((vocab_size, dim))  # (|V|, d) context vectors v
    total = epochs * targets.size
    reporter = _Reporter("softmax skip-gram", epochs, callback, progress)
    step = 0
    for epoch in range(epochs):
        for k in rng.permutation(targets.size):
            t, c = targets[k], contexts[k]
            with np.errstate(over="ignore", invalid="ignore"):  # divergence raises below
                loss = _softmax_sgd_step(U[t], V, c, lr)  # U[t] is a view: updated in place
            step += 1
            reporter.add_loss(loss, 1)
            if not np.isfinite(loss):
                raise _diverged("the loss", lr, epoch, step / total)
            if (reporter.due(step / total) or step == total) and not reporter.report(
                epoch, step / total, step
            ):
                break
        if reporter.stopped_early:
            break
    model = SkipGramModel(
        target_vectors=U,
        context_vectors=V,
        history=reporter.history,
        vocab=vocab if hasattr(vocab, "words") else None,
        words_processed=step,
        pairs_processed=step,
        training_time=time.perf_counter() - reporter.start,
        stopped_early=reporter.stopped_early,
        epochs=epochs,
    )
    return model


# --------------------------------------------------------------------------------------------
# Skip-gram with negative sampling, vectorised (real text)
# --------------------------------------------------------------------------------------------

# Target words per group that shares one draw of K negatives (see train_sgns).
_GROUP = 32


class _Epoch:
    """One epoch's subsampled token stream, cut into groups of ``_GROUP`` consecutive targets.

    The stream is padded with ``window`` dummy positions on each side (sentence id -1, window
    0), so that every group can be read together with its ``window`` neighbours on each side
    as one fixed-size frame of ``_GROUP + 2 window`` positions.
    """

    def __init__(self, tokens, sentence_of, keep, window, rng):
        kept = rng.random(tokens.size, dtype=np.float32) < keep[tokens]  # (T,) subsampling
        self.n_words = int(kept.sum())
        n_groups = max(1, -(-self.n_words // _GROUP))
        length = n_groups * _GROUP + 2 * window
        self.tokens = np.zeros(length, dtype=np.int32)
        self.sentence = np.full(length, -1, dtype=np.int32)
        self.window = np.zeros(length, dtype=np.int32)  # 0 on padding: no pairs
        body = slice(window, window + self.n_words)
        self.tokens[body] = tokens[kept]
        self.sentence[body] = sentence_of[kept]
        self.window[body] = rng.integers(1, window + 1, size=self.n_words, dtype=np.int32)
        self.order = rng.permutation(n_groups)  # groups are visited in a random order


class _SgnsStep:
    """Buffers and the vectorised computation of one minibatch of SGNS (see train_sgns)."""

    def __init__(self, vocab_size, window, negatives):
        self.vocab_size, self.m, self.K = vocab_size, window, negatives
        self.frame = _GROUP + 2 * window
        centre = np.arange(_GROUP)[:, None] + window  # frame index of each target
        distance = np.abs(np.arange(self.frame)[None, :] - centre)  # (L, L + 2m)
        # in_window[b][i, j]: frame position j is a context of target i for window size b
        self.in_window = np.stack([(distance >= 1) & (distance <= b) for b in range(window + 1)])

    def gradients(self, params, epoch: _Epoch, groups, negatives):
        """Scores, gradients and loss for the targets of ``groups``, all from ``params``.

        Returns (rows, grads, loss_sum, n_pairs): the parameter rows to update (ids into the
        stacked [U; V] matrix, with repeats) and one gradient row for each.
        """
        with np.errstate(over="ignore", invalid="ignore"):  # a diverging run raises later
            return self._gradients(params, epoch, groups, negatives)

    def _gradients(self, params, epoch: _Epoch, groups, negatives):
        L, m, d = _GROUP, self.m, params.shape[1]
        S = groups.size
        frame = groups[:, None] * L + np.arange(self.frame)[None, :]  # (S, L + 2m) positions
        tokens = epoch.tokens[frame]  # (S, L + 2m)
        sentence = epoch.sentence[frame]
        # mask[s, i, j]: the word at frame position j is a context of target i of group s
        sizes = epoch.window[frame[:, m : m + L]]  # (S, L) dynamic window of each target
        mask = self.in_window[sizes, np.arange(L)]  # (S, L, L + 2m)
        mask &= sentence[:, None, :] == sentence[:, m : m + L, None]  # never across sentences
        rows = np.concatenate(
            [
                tokens[:, m : m + L].ravel(),
                (np.hstack([tokens, negatives]) + self.vocab_size).ravel(),
            ]
        )  # targets in U (rows 0..|V|-1), then contexts and negatives in V (rows |V|..2|V|-1)
        vectors = np.take(params, rows, axis=0)  # (S L + S (L + 2m + K), d)
        u = vectors[: S * L].reshape(S, L, d)  # target vectors u_t
        v = vectors[S * L :].reshape(S, self.frame + self.K, d)  # context v_c, then negatives
        v_t = np.ascontiguousarray(v.transpose(0, 2, 1))  # (S, d, L+2m+K); numpy's stacked
        scores = np.matmul(u, v_t)  # matmul is ~2x faster on contiguous operands -> u_t·v
        n_contexts = mask.sum(axis=2, dtype=params.dtype)  # (S, L): pairs per target
        positive = scores[:, :, : self.frame][mask]  # u_t·v_c of every pair
        negative = scores[:, :, self.frame :]  # u_t·v_k, (S, L, K)
        loss_sum = float(
            np.logaddexp(0, -positive).sum()  # -log σ(u_t·v_c)
            + (np.logaddexp(0, negative) * n_contexts[:, :, None]).sum()  # -log σ(-u_t·v_k)
        )
        error = expit(scores)  # σ(u_t·v), (S, L, L+2m+K)
        error[:, :, : self.frame] -= 1.0  # σ(u_t·v_c) - 1 for the observed contexts ...
        error[:, :, : self.frame] *= mask  # ... where there is a pair, else 0
        error[:, :, self.frame :] *= n_contexts[:, :, None]  # each pair of t has the K negatives
        grads = np.empty_like(vectors)
        np.matmul(error, v, out=grads[: S * L].reshape(S, L, d))  # ∂L/∂u_t (Q2 a)
        np.matmul(error.transpose(0, 2, 1), u, out=grads[S * L :].reshape(v.shape))  # (Q2 b, c)
        return rows, grads, loss_sum, int(n_contexts.sum())


def _scatter_add(params: np.ndarray, rows: np.ndarray, updates: np.ndarray) -> None:
    """params[rows[i]] += updates[i] for every i, repeated rows accumulating (like np.add.at).

    A fancy-indexed ``params[rows] += updates`` would keep only one update per repeated row.
    Here the updates are summed per distinct row by a sparse product A @ updates, with
    A[r, i] = 1 when rows[i] is the r-th distinct row, which is much faster than np.add.at.
    """
    distinct, which = np.unique(rows, return_inverse=True)
    A = sp.csr_matrix(
        (np.ones(rows.size, dtype=updates.dtype), which, np.arange(rows.size + 1)),
        shape=(rows.size, distinct.size),
    ).T  # (n_distinct, n_rows), a CSC matrix
    params[distinct] += A @ updates


def _check_snapshot_epochs(snapshot_epochs, epochs: int) -> frozenset[int]:
    """The epochs after which train_sgns keeps a copy of the target vectors, validated."""
    if isinstance(snapshot_epochs, numbers.Integral | str) or not hasattr(
        snapshot_epochs, "__iter__"
    ):
        raise TypeError(
            "snapshot_epochs must be a collection of epoch numbers such as (5, 15), "
            f"got {_show(snapshot_epochs)}"
        )
    chosen = list(snapshot_epochs)
    bad = [e for e in chosen if not isinstance(e, numbers.Integral) or not 1 <= e <= epochs]
    if bad:
        raise ValueError(
            f"snapshot_epochs must hold whole numbers from 1 to epochs = {epochs}, "
            f"got {_show(bad[0])}"
        )
    return frozenset(int(e) for e in chosen)


def train_sgns(
    sentences,
    vocab,
    dim: int = 100,
    window: int = 5,
    negatives: int = 5,
    epochs: int = 5,
    lr: float = 0.025,
    subsample: float | None = 1e-3,
    batch_size: int = 256,
    seed: int = 0,
    progress: bool = True,
    callback: Callable[[TrainingProgress], bool | None] | None = None,
    *,
    alpha: float = 0.75,
    min_lr_fraction: float = 1e-4,
    snapshot_epochs=(),
) -> SkipGramModel:
    """Train skip-gram with negative sampling (word2vec's SGNS), vectorised with numpy.

    Loss per (t, c) pair: -log σ(u_t·v_c) - Σ_{k=1..K} log σ(-u_t·v_k), with K = ``negatives``
    words drawn from the unigram^alpha distribution (:class:`NegativeSampler`). As in word2vec:
    frequent words are subsampled (:func:`keep_probabilities`) afresh every epoch, windows are
    dynamic (:func:`dynamic_windows`) and never cross a sentence, target vectors start uniform
    in ±0.5/d and context vectors at 0, and the learning rate falls linearly from ``lr`` to
    ``lr * min_lr_fraction``.

    How it is vectorised (notebook 05 explains each choice):

    * The subsampled stream is cut into groups of 32 consecutive target words, visited in a
      random order each epoch. All pairs of a group are scored at once with one matrix product
      against the context vectors of the group's frame (the group and its m neighbours on
      each side) and K negatives, drawn once per group and shared by all its pairs.
    * ``batch_size`` target words (``batch_size / 32`` groups) form a minibatch: their
      gradients are computed from the same parameters, then added to them in one step, float32
      throughout. Repeated words (and repeated negatives) in a minibatch accumulate their
      updates through a sparse matrix product; they are never overwritten.

    Parameters
    ----------
    sentences : list of int arrays   encoded sentences, as ``cooccurrence_matrix`` takes them
    vocab : Vocabulary or int        the vocabulary (its counts give the noise distribution
                                     and the subsampling); with an int |V| the corpus is counted
    dim, window, negatives, epochs : int >= 1    d, m, K and passes over the corpus
    lr : float > 0                   initial learning rate
    subsample : float > 0 or None    subsampling threshold t (None: keep every word)
    batch_size : int >= 32
        target words per minibatch (a multiple of 32). Larger minibatches run faster but sum
        more updates of the frequent words into one step, and past a point training turns
        unstable: tiny rounding differences grow into visibly different vectors. On the
        Wikipedia sample, 256 (the default) trains at 2x gensim's speed and two BLAS builds
        give vectors within 2e-5 of each other; at 1,024 it is 30% faster, but the vectors
        of the two builds differ by up to 0.45. With a toy vocabulary of a few dozen words,
        where every word repeats many times in a minibatch, use 32.
    seed : int                       seeds a local np.random.default_rng; same seed, same model
    progress : bool                  print a one-line progress indicator to stderr
    callback : function(TrainingProgress) -> bool or None
        called about every 1% of the run and once at the end; return False to stop early
    alpha : float                    noise distribution exponent
    min_lr_fraction : float          the final learning rate, as a fraction of ``lr``
    snapshot_epochs : collection of int in 1..epochs
        keep a copy of the target vectors after each of these epochs, in ``model.snapshots``
        (one run then gives the vectors after 5, 15 and 25 of 25 epochs; the learning rate
        follows the schedule of the whole run, so the vectors after epoch 5 of 25 are not
        those of a 5-epoch run). Introduced in notebook 07.

    Returns
    -------
    SkipGramModel with ``target_vectors`` and ``context_vectors`` of shape (|V|, dim), float32.

    Raises
    ------
    FloatingPointError if the loss becomes NaN or infinite (the learning rate is too high).

    Introduced in notebook 05.
    """
    vocab_size, counts = _vocab_size_and_counts(vocab)
    dim = check_positive_int("dim", dim)
    window = check_positive_int("window", window)
    negatives = check_positive_int("negatives", negatives)
    epochs = check_positive_int("epochs", epochs)
    lr = check_positive_float("lr", lr)
    if subsample is not None:
        subsample = check_positive_float("subsample", subsample)
    batch_size = check_positive_int("batch_size", batch_size, minimum=_GROUP)
    if batch_size % _GROUP:
        raise ValueError(f"batch_size must be a multiple of {_GROUP}, got {batch_size}")
    min_lr_fraction = check_positive_float("min_lr_fraction", min_lr_fraction)
    snapshot_epochs = _check_snapshot_epochs(snapshot_epochs, epochs)
    arrays = _validate_corpus(sentences, vocab_size)
    if sum(max(0, a.size - 1) for a in arrays) == 0:
        raise ValueError(
            "the corpus yields no training pairs: every sentence has a single word; "
            "a (target, context) pair needs two words in the same sentence"
        )
    tokens = np.concatenate(arrays).astype(np.int32)  # (T,); int32 halves the memory
    sentence_of = np.repeat(
        np.arange(len(arrays), dtype=np.int32), [a.size for a in arrays]
    )  # (T,) sentence number of every token
    if counts is None:
        counts = np.bincount(tokens, minlength=vocab_size).astype(np.float64)
    sampler = NegativeSampler(counts, alpha=alpha)
    if subsample is None:
        keep = np.ones(vocab_size, dtype=np.float32)
    else:
        keep = keep_probabilities(counts, subsample).astype(np.float32)

    rng = np.random.default_rng(seed)
    params = np.zeros((2 * vocab_size, dim), dtype=np.float32)  # [U; V], one matrix
    params[:vocab_size] = (rng.random((vocab_size, dim), dtype=np.float32) - 0.5) / dim
    step = _SgnsStep(vocab_size, window, negatives)
    groups_per_batch = batch_size // _GROUP
    reporter = _Reporter("SGNS", epochs, callback, progress)
    words = pairs = 0
    epoch = 0
    fraction = 0.0
    snapshots: dict[int, np.ndarray] = {}
    for epoch in range(epochs):
        data = _Epoch(tokens, sentence_of, keep, window, rng)
        n_groups = data.order.size
        for start in range(0, n_groups, groups_per_batch):
            groups = data.order[start : start + groups_per_batch]
            shared = sampler.sample(rng, (groups.size, negatives))
            rate = lr * max(min_lr_fraction, 1.0 - fraction)
            rows, grads, loss_sum, n_pairs = step.gradients(params, data, groups, shared)
            if not np.isfinite(loss_sum):  # stop before NaN reaches the vectors
                raise _diverged("the loss", lr, epoch, fraction, batch_size)
            with np.errstate(over="ignore", invalid="ignore"):
                grads *= -rate
                _scatter_add(params, rows, grads)
            done = min(start + groups_per_batch, n_groups)
            words += int(np.clip(data.n_words - groups * _GROUP, 0, _GROUP).sum())
            pairs += n_pairs
            reporter.add_loss(loss_sum, n_pairs)
            fraction = (epoch + done / n_groups) / epochs
            if reporter.due(fraction) or fraction >= 1.0:
                if not reporter.report(epoch, fraction, words):
                    break
        del data  # free this epoch's stream before the next one is drawn
        if reporter.stopped_early:
            break
        if epoch + 1 in snapshot_epochs:
            snapshots[epoch + 1] = params[:vocab_size].copy()
    if not np.all(np.isfinite(params)):
        raise _diverged("the vectors", lr, epoch, fraction, batch_size)
    return SkipGramModel(
        target_vectors=params[:vocab_size].copy(),
        context_vectors=params[vocab_size:].copy(),
        history=reporter.history,
        vocab=vocab if hasattr(vocab, "words") else None,
        words_processed=words,
        pairs_processed=pairs,
        training_time=time.perf_counter() - reporter.start,
        stopped_early=reporter.stopped_early,
        epochs=epochs,
        snapshots=snapshots,
    )


# --------------------------------------------------------------------------------------------
# Full-softmax skip-gram from the co-occurrence counts (real text)
# --------------------------------------------------------------------------------------------

# Rows of U V^T scored at once: a (512, |V|) float32 block is 18.5 MB at |V| = 9,039.
_SOFTMAX_ROWS = 512


def _softmax_block(U_rows, V, W_rows):
    """Loss and ∂L/∂(u V^T) of the target rows ``U_rows`` against every context.

    L = Σ_t [ n_t log Σ_c' exp(u_t·v_c') - Σ_c W_tc u_t·v_c ],   n_t = Σ_c W_tc
    ∂L/∂(u_t·v_c) = n_t P[c | t] - W_tc

    Returns (loss, G) with G of shape (rows, |V|), in the dtype of U_rows.
    """
    G = U_rows @ V.T  # (rows, d) @ (d, |V|) -> (rows, |V|) scores u_t·v_c
    W_rows = sp.csr_matrix(W_rows)
    n_t = np.asarray(W_rows.sum(axis=1), dtype=G.dtype).ravel()  # (rows,) pairs per target
    coo = W_rows.tocoo()
    observed = G[coo.row, coo.col]  # u_t·v_c at the pairs seen
    top = G.max(axis=1, keepdims=True)  # log-sum-exp: exp(G - top) <= 1 never overflows
    G -= top
    np.exp(G, out=G)
    total = G.sum(axis=1, keepdims=True)  # (rows, 1)
    log_normaliser = top.ravel().astype(np.float64) + np.log(total.ravel(), dtype=np.float64)
    loss = float(n_t @ log_normaliser - coo.data @ observed.astype(np.float64))
    G *= (n_t[:, None] / total).astype(G.dtype)  # n_t P[c | t]
    G[coo.row, coo.col] -= coo.data.astype(G.dtype)  # - W_tc (CSR: no repeated cells)
    return loss, G


def softmax_counts_loss_and_gradients(target_vectors, context_vectors, W):
    """Full-softmax skip-gram loss of a whole corpus, written with its co-occurrence counts.

        L = -Σ_{t,c} W_tc log P[c | t],   P[c | t] = exp(u_t·v_c) / Σ_c' exp(u_t·v_c')

    is the sum of :func:`softmax_loss_and_gradients` over every (t, c) pair of the corpus:
    the pair (t, c) occurs W_tc times, so the corpus matters only through W. With
    G = n_t P[c | t] - W_tc (an (|V|, |V|) matrix, n_t = Σ_c W_tc):

        ∂L/∂U = G V,   ∂L/∂V = Gᵀ U

    Parameters
    ----------
    target_vectors : ndarray of shape (|V|, d)    U, rows u_t
    context_vectors : ndarray of shape (|V|, d)   V, rows v_c
    W : ndarray or scipy.sparse matrix of shape (|V|, |V|)   co-occurrence counts W_tc

    Returns
    -------
    loss : float
    grad_target_vectors : ndarray of shape (|V|, d)
    grad_context_vectors : ndarray of shape (|V|, d)

    Computed in float64, |V| x |V| scores at once: for tests and small vocabularies (the
    trainer, :func:`train_softmax_skipgram_from_counts`, works in blocks of rows).
    Introduced in notebook 09.
    """
    U = _as_finite("target_vectors", target_vectors, 2)
    V = _as_finite("context_vectors", context_vectors, 2)
    W = _check_softmax_counts(W, U.shape[0])
    if V.shape != U.shape:
        raise ValueError(
            f"context_vectors must have the shape of target_vectors {U.shape}, got {V.shape}"
        )
    loss, G = _softmax_block(U, V, W)
    return loss, G @ V, G.T @ U


def _check_softmax_counts(W, vocab_size: int | None = None):
    from ._validation import check_count_matrix

    matrix = check_count_matrix(W, "W")
    if matrix.shape[0] != matrix.shape[1]:
        raise ValueError(
            f"W must be a square |V| x |V| matrix of co-occurrence counts, got shape "
            f"{matrix.shape}"
        )
    if vocab_size is not None and matrix.shape[0] != vocab_size:
        raise ValueError(
            f"W has shape {matrix.shape}, but target_vectors has {vocab_size} rows: "
            "both must have one row per vocabulary word"
        )
    return sp.csr_matrix(matrix)


class _Adam:
    """Adam (Kingma & Ba 2015) for one parameter matrix, row by row.

    A row's first and second moments and its bias correction count only the steps in which
    that row had a gradient, as if each row were trained by its own Adam.
    """

    def __init__(self, shape, lr: float, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m = np.zeros(shape, dtype=np.float32)
        self.v = np.zeros(shape, dtype=np.float32)
        self.steps = np.zeros(shape[0], dtype=np.int64)

    def step(self, params, grad, rows=slice(None), lr: float | None = None):
        self.steps[rows] += 1
        k = self.steps[rows].astype(np.float32)[:, None]
        m = self.m[rows] * self.beta1 + (1 - self.beta1) * grad
        v = self.v[rows] * self.beta2 + (1 - self.beta2) * grad * grad
        self.m[rows], self.v[rows] = m, v
        m_hat = m / (1 - self.beta1**k)
        v_hat = v / (1 - self.beta2**k)
        params[rows] -= (self.lr if lr is None else lr) * m_hat / (np.sqrt(v_hat) + self.eps)


def train_softmax_skipgram_from_counts(
    W,
    dim: int = 100,
    *,
    epochs: int = 40,
    lr: float = 0.05,
    seed: int = 0,
    batch_rows: int = _SOFTMAX_ROWS,
    min_lr_fraction: float = 0.01,
    vocab=None,
    callback: Callable[[TrainingProgress], bool | None] | None = None,
    progress: bool = False,
) -> SkipGramModel:
    """Train full-softmax skip-gram on a real corpus, from its co-occurrence counts.

    The corpus loss L = -Σ_{t,c} W_tc log P[c | t] depends on the text only through the
    counts W (:func:`softmax_counts_loss_and_gradients`), so one epoch is one pass over the
    rows of W instead of over the millions of (t, c) pairs: the targets are shuffled and cut
    into blocks of ``batch_rows`` rows; for each block the scores u_t·V^T against all |V|
    contexts, the softmax (log-sum-exp), G = n_t P[c | t] - W_tc and the gradients
    G V (for the block's u_t) and Gᵀ U_block (for every v_c) are computed in float32, and
    Adam takes a step. The loss is divided by the number of pairs N = Σ W (a mean per pair).

    Each epoch costs about 6 |V|² d floating-point operations whatever the corpus size:
    5 · 10¹⁰ at |V| = 9,039, d = 100.

    Parameters
    ----------
    W : ndarray or scipy.sparse matrix of shape (|V|, |V|)
        counts W_tc, e.g. ``cooccurrence_matrix(corpus, |V|, window=5, sparse=True)``
    dim : int >= 1          d
    epochs : int >= 1       passes over the rows of W
    lr : float > 0          Adam's step size
    seed : int              seeds a local np.random.default_rng: initial vectors, row order
    batch_rows : int >= 1   targets per block (memory: about 2 x 4 x batch_rows x |V| bytes)
    min_lr_fraction : float in (0, 1]
        the step size falls linearly from ``lr`` to ``lr * min_lr_fraction`` over the run
        (1: constant)

    The defaults (40 epochs, lr 0.05 falling to 0.0005) were chosen on the development halves
    of notebook 07's split (mean of WordSim-353 ρ, SimLex-999 ρ and 3CosAdd accuracy of the
    target vectors) among 11 settings of epochs (10-60), lr (0.03-0.3) and decay, on the
    Wikipedia sample's window-5 counts with d = 100; 60 epochs scored the same (within 0.01)
    at 1.5 times the time.
    vocab : Vocabulary, optional   kept in the model for ``nearest_neighbors``
    callback : function(TrainingProgress) -> bool or None
        called about every 1% of the run and at the end (``loss`` is the mean loss per pair
        of the blocks since the last report); return False to stop early
    progress : bool         print a one-line progress indicator to stderr

    Returns
    -------
    SkipGramModel with float32 ``target_vectors`` and ``context_vectors`` of shape (|V|, d);
    target vectors start uniform in ±0.5/d, context vectors at 0 (word2vec).

    Introduced in notebook 09.
    """
    W = _check_softmax_counts(W)
    dim = check_positive_int("dim", dim)
    epochs = check_positive_int("epochs", epochs)
    lr = check_positive_float("lr", lr)
    batch_rows = check_positive_int("batch_rows", batch_rows)
    min_lr_fraction = check_positive_float("min_lr_fraction", min_lr_fraction)
    if min_lr_fraction > 1:
        raise ValueError(f"min_lr_fraction must be in (0, 1], got {min_lr_fraction}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an integer, got {_show(seed)}")
    vocab_size = W.shape[0]
    if vocab is not None and len(vocab) != vocab_size:
        raise ValueError(
            f"vocab has {len(vocab)} words but W has shape {W.shape}: one row per word"
        )
    rng = np.random.default_rng(seed)
    U = ((rng.random((vocab_size, dim)) - 0.5) / dim).astype(np.float32)  # (|V|, d) targets
    V = np.zeros((vocab_size, dim), dtype=np.float32)  # (|V|, d) contexts
    n_pairs = float(W.sum())
    if n_pairs >= float(np.finfo(np.float32).max) / 2:
        raise ValueError(
            f"W's counts (they sum to {n_pairs:.3g}) are too large for float32, in which "
            "training runs: divide W by a constant (the optimum does not change)"
        )
    W = W.astype(np.float32)
    scale = np.float32(1.0 / n_pairs)
    adam_U, adam_V = _Adam(U.shape, lr), _Adam(V.shape, lr)
    reporter = _Reporter("softmax skip-gram (counts)", epochs, callback, progress, unit="rows")
    n_blocks = -(-vocab_size // batch_rows)
    total, done = epochs * n_blocks, 0
    for epoch in range(epochs):
        order = rng.permutation(vocab_size)
        for start in range(0, vocab_size, batch_rows):
            rows = np.sort(order[start : start + batch_rows])
            W_rows = W[rows]
            with np.errstate(over="ignore", invalid="ignore"):  # a diverging run raises below
                loss, G = _softmax_block(U[rows], V, W_rows)  # G: (rows, |V|)
                G *= scale
                grad_U = G @ V  # (rows, |V|) @ (|V|, d) -> (rows, d)
                grad_V = G.T @ U[rows]  # (|V|, rows) @ (rows, d) -> (|V|, d)
                step = lr * (1 - (1 - min_lr_fraction) * done / total)  # linear decay
                adam_U.step(U, grad_U, rows, lr=step)
                adam_V.step(V, grad_V, lr=step)
            if not (np.isfinite(loss) and np.isfinite(U[rows]).all() and np.isfinite(V).all()):
                raise _diverged("the vectors", lr, epoch, done / total)
            done += 1
            reporter.add_loss(loss, int(round(float(W_rows.sum()))))
            fraction = done / total
            if (reporter.due(fraction) or done == total) and not reporter.report(
                epoch, fraction, done * batch_rows
            ):
                break
        if reporter.stopped_early:
            break
    return SkipGramModel(
        target_vectors=U,
        context_vectors=V,
        history=reporter.history,
        vocab=vocab if hasattr(vocab, "words") else None,
        words_processed=min(done * batch_rows, epochs * vocab_size),
        pairs_processed=int(round(n_pairs * done / n_blocks)),
        training_time=time.perf_counter() - reporter.start,
        stopped_early=reporter.stopped_early,
        epochs=epochs,
    )

"""The word-word co-occurrence matrix W.

W[t, c] = number of times context word c appears within ``window`` positions of target word
t (precept, "Word-word co-occurrence matrix W"). Windows never cross a sentence boundary.

With ``weighting="harmonic"`` a context at distance d adds 1/d instead of 1, as the ``cooccur``
tool of GloVe does (notebook 08); with ``weighting="linear"`` it adds (m - d + 1)/m, what
word2vec's dynamic window gives in expectation (notebook 09). ``DISTANCE_WEIGHTS`` lists the
weightings.

Introduced in notebook 01.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp

from ._validation import as_id_array, check_positive_int

# Above this |V| a dense |V| x |V| int64 matrix needs more than 3.2 GB; ask for sparse=True.
MAX_DENSE_VOCAB = 20_000

# How much one co-occurrence adds to W[t, c] when c is d positions away from t (1 <= d <= m).
# "uniform" keeps integer counts (the precept's W); any other weighting gives float64 sums.
# To add a weighting, add a function of the distances and the window here (it gets an int64
# array of d and the int m).
DISTANCE_WEIGHTS: dict[str, Callable[[np.ndarray, int], np.ndarray]] = {
    "uniform": lambda d, m: np.ones(d.shape, dtype=np.int64),  # every context counts 1
    "harmonic": lambda d, m: 1.0 / d,  # GloVe's cooccur tool: 1/d
    # word2vec's dynamic window: the window b is uniform on 1..m, so a context at distance d
    # is inside it with probability P(b >= d) = (m - d + 1) / m
    "linear": lambda d, m: (m - d + 1.0) / m,
}


def _check_weighting(weighting) -> str:
    if not isinstance(weighting, str) or weighting not in DISTANCE_WEIGHTS:
        valid = ", ".join(repr(name) for name in DISTANCE_WEIGHTS)
        raise ValueError(f"weighting must be one of {valid}, got {weighting!r}")
    return weighting


def _distance_weights(weighting: str, distance: np.ndarray, window: int) -> np.ndarray | None:
    """The weight of each pair (None for "uniform": plain counts need no weights)."""
    return None if weighting == "uniform" else DISTANCE_WEIGHTS[weighting](distance, window)


def _validate_corpus(sentences, vocab_size: int) -> list[np.ndarray]:
    if isinstance(sentences, np.ndarray) and sentences.ndim == 1:
        raise TypeError(
            "sentences must be a list of id arrays (one per sentence), got a single 1-D array; "
            "wrap it in a list: [ids]"
        )
    if not isinstance(sentences, Sequence | np.ndarray):
        raise TypeError(f"sentences must be a list of id arrays, got {type(sentences).__name__}")
    if len(sentences) == 0:
        raise ValueError("sentences is empty: the corpus needs at least one sentence")
    arrays = [as_id_array(f"sentences[{i}]", s, vocab_size) for i, s in enumerate(sentences)]
    if sum(a.size for a in arrays) == 0:
        raise ValueError("the corpus has no tokens: every sentence is empty")
    return arrays


def _forward_pairs(
    arrays: list[np.ndarray], window: int, *, with_distance: bool = False
) -> tuple[np.ndarray, ...]:
    """Every pair of positions (i, i + k), 1 <= k <= window, inside one sentence.

    Vectorised: for each offset k the corpus is compared with itself shifted by k positions,
    and a pair is kept where both positions lie in the same sentence.

    Returns (left, right): int64 arrays of the word ids at positions i and i + k, and with
    ``with_distance`` a third int64 array holding k.
    """
    tokens = np.concatenate(arrays)  # (T,)
    sentence_of = np.repeat(np.arange(len(arrays)), [a.size for a in arrays])  # (T,)
    left, right = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    distance = [np.zeros(0, np.int64)]
    for k in range(1, min(window, tokens.size - 1) + 1):
        same_sentence = sentence_of[:-k] == sentence_of[k:]  # (T - k,)
        left.append(tokens[:-k][same_sentence])
        right.append(tokens[k:][same_sentence])
        if with_distance:
            distance.append(np.full(left[-1].size, k, dtype=np.int64))
    pairs = np.concatenate(left), np.concatenate(right)
    return (*pairs, np.concatenate(distance)) if with_distance else pairs


def window_pairs(
    sentences: Sequence[np.ndarray], vocab_size: int, window: int
) -> tuple[np.ndarray, np.ndarray]:
    """Every (target, context) pair within ``window`` positions, never across sentences.

    Each co-occurrence appears in both directions: c is in t's window exactly when t is in c's.

    Returns
    -------
    targets, contexts : int64 ndarrays of shape (n_pairs,)
    """
    window = check_positive_int("window", window)
    vocab_size = check_positive_int("vocab_size", vocab_size)
    left, right = _forward_pairs(_validate_corpus(sentences, vocab_size), window)
    return np.concatenate([left, right]), np.concatenate([right, left])


def _count_sparse(
    left: np.ndarray, right: np.ndarray, vocab_size: int, weights: np.ndarray | None = None
) -> sp.csr_matrix:
    """M[a, b] = number of pairs (a, b) (or the sum of their ``weights``), built from sorted
    pair keys (no dense |V| x |V|)."""
    keys = left * vocab_size + right  # (n_pairs,)
    if keys.size == 0:
        dtype = np.int64 if weights is None else np.float64
        return sp.csr_matrix((vocab_size, vocab_size), dtype=dtype)
    if weights is None:
        keys = np.sort(keys)  # row-major order of (a, b)
    else:
        order = np.argsort(keys, kind="stable")
        keys, weights = keys[order], weights[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])  # first of each run
    if weights is None:
        counts = np.diff(np.r_[starts, keys.size])  # run lengths = counts
    else:
        counts = np.add.reduceat(weights, starts)  # sum of the weights of each run
    rows, cols = np.divmod(keys[starts], vocab_size)
    indptr = np.r_[0, np.cumsum(np.bincount(rows, minlength=vocab_size))]
    return sp.csr_matrix((counts, cols, indptr), shape=(vocab_size, vocab_size))


def cooccurrence_matrix(
    sentences: Sequence[np.ndarray],
    vocab_size: int,
    window: int = 2,
    *,
    sparse: bool = False,
    weighting: str = "uniform",
):
    """Count co-occurrences within a symmetric context window.

    Parameters
    ----------
    sentences : list of int arrays     encoded sentences (``Vocabulary.encode``)
    vocab_size : int                   |V|; every id must lie in 0..|V|-1
    window : int                       m, how many positions on each side count as context
    sparse : bool                      return a ``scipy.sparse.csr_matrix`` instead
    weighting : str                    what a context at distance d (1 <= d <= m) adds:
                                       "uniform" 1 (the precept's counts), "harmonic" 1/d
                                       (GloVe's ``cooccur`` tool; notebook 08), "linear"
                                       (m - d + 1)/m (word2vec's dynamic window in
                                       expectation: the window b is uniform on 1..m and
                                       P(b >= d) = (m - d + 1)/m; notebook 09)

    Returns
    -------
    W : ndarray of shape (|V|, |V|) (or csr_matrix if ``sparse``)
        W[t, c] = Σ over the occurrences of c within ``window`` positions of t of the weight
        of its distance: the number of times with "uniform" (int64), a float64 sum otherwise.

    The pairs (w_i, w_{i+k}) are counted once, into M; then W = M + Mᵀ, because each such
    pair puts c in t's window and t in c's (so W is exactly symmetric).
    """
    window = check_positive_int("window", window)
    vocab_size = check_positive_int("vocab_size", vocab_size)
    weighting = _check_weighting(weighting)
    if not sparse and vocab_size > MAX_DENSE_VOCAB:
        raise ValueError(
            f"a dense {vocab_size} x {vocab_size} matrix would need "
            f"{vocab_size**2 * 8 / 1e9:.1f} GB; pass sparse=True "
            f"(dense is allowed up to vocab_size={MAX_DENSE_VOCAB})"
        )
    arrays = _validate_corpus(sentences, vocab_size)
    left, right, distance = _forward_pairs(arrays, window, with_distance=True)
    weights = _distance_weights(weighting, distance, window)  # None: plain counts
    if sparse:
        M = _count_sparse(left, right, vocab_size, weights)
        W = (M + M.T).tocsr()
        W.sort_indices()
        return W
    M = np.bincount(left * vocab_size + right, weights, minlength=vocab_size * vocab_size)
    dtype = np.int64 if weights is None else np.float64  # bincount of nothing gives int64
    M = M.reshape(vocab_size, vocab_size).astype(dtype, copy=False)
    return M + M.T


def cooccurrence_matrix_loop(
    sentences: Sequence[np.ndarray],
    vocab_size: int,
    window: int = 2,
    *,
    weighting: str = "uniform",
) -> np.ndarray:
    """The same counts, one token at a time, exactly as the slides increment them.

    For each target position i, every position j with 0 < |i - j| <= window in the same
    sentence adds 1 to W[w_i, w_j] (with ``weighting="harmonic"``, 1/|i - j|; with
    ``"linear"``, (window - |i - j| + 1)/window). Slow; kept
    because the notebook teaches with it and the tests use it as the oracle for
    :func:`cooccurrence_matrix`.
    """
    window = check_positive_int("window", window)
    vocab_size = check_positive_int("vocab_size", vocab_size)
    weighting = _check_weighting(weighting)
    arrays = _validate_corpus(sentences, vocab_size)
    W = np.zeros((vocab_size, vocab_size), dtype=np.int64 if weighting == "uniform" else float)
    for sentence in arrays:
        for i, target in enumerate(sentence):
            for j in range(max(0, i - window), min(len(sentence), i + window + 1)):
                if j != i:
                    distance = np.array(abs(i - j))
                    W[target, sentence[j]] += DISTANCE_WEIGHTS[weighting](distance, window)
    return W


def increments(tokens: Sequence[str], window: int = 2) -> list[tuple[str, str]]:
    """The (target, context) increments for one sentence, in the order the slides list them.

    >>> increments(["I", "like", "cats"], window=1)
    [('I', 'like'), ('like', 'I'), ('like', 'cats'), ('cats', 'like')]
    """
    window = check_positive_int("window", window)
    tokens = list(tokens)
    return [
        (tokens[i], tokens[j])
        for i in range(len(tokens))
        for j in range(max(0, i - window), min(len(tokens), i + window + 1))
        if j != i
    ]

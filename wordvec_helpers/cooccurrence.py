"""The word-word co-occurrence matrix W.

W[t, c] = number of times context word c appears within ``window`` positions of target word
t (precept, "Word-word co-occurrence matrix W"). Windows never cross a sentence boundary.

Introduced in notebook 01.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from ._validation import as_id_array, check_positive_int

# Above this |V| a dense |V| x |V| int64 matrix needs more than 3.2 GB; ask for sparse=True.
MAX_DENSE_VOCAB = 20_000


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


def _forward_pairs(arrays: list[np.ndarray], window: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of positions (i, i + k), 1 <= k <= window, inside one sentence.

    Vectorised: for each offset k the corpus is compared with itself shifted by k positions,
    and a pair is kept where both positions lie in the same sentence.

    Returns (left, right): int64 arrays of the word ids at positions i and i + k.
    """
    tokens = np.concatenate(arrays)  # (T,)
    sentence_of = np.repeat(np.arange(len(arrays)), [a.size for a in arrays])  # (T,)
    left, right = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for k in range(1, min(window, tokens.size - 1) + 1):
        same_sentence = sentence_of[:-k] == sentence_of[k:]  # (T - k,)
        left.append(tokens[:-k][same_sentence])
        right.append(tokens[k:][same_sentence])
    return np.concatenate(left), np.concatenate(right)


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


def _count_sparse(left: np.ndarray, right: np.ndarray, vocab_size: int) -> sp.csr_matrix:
    """M[a, b] = number of pairs (a, b), built from sorted pair keys (no dense |V| x |V|)."""
    keys = np.sort(left * vocab_size + right)  # (n_pairs,), row-major order of (a, b)
    if keys.size == 0:
        return sp.csr_matrix((vocab_size, vocab_size), dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])  # first of each run
    counts = np.diff(np.r_[starts, keys.size])  # run lengths = counts
    rows, cols = np.divmod(keys[starts], vocab_size)
    indptr = np.r_[0, np.cumsum(np.bincount(rows, minlength=vocab_size))]
    return sp.csr_matrix((counts, cols, indptr), shape=(vocab_size, vocab_size))


def cooccurrence_matrix(
    sentences: Sequence[np.ndarray], vocab_size: int, window: int = 2, *, sparse: bool = False
):
    """Count co-occurrences within a symmetric context window.

    Parameters
    ----------
    sentences : list of int arrays     encoded sentences (``Vocabulary.encode``)
    vocab_size : int                   |V|; every id must lie in 0..|V|-1
    window : int                       m, how many positions on each side count as context
    sparse : bool                      return a ``scipy.sparse.csr_matrix`` instead

    Returns
    -------
    W : ndarray of shape (|V|, |V|), int64 (or csr_matrix of int64 if ``sparse``)
        W[t, c] = number of times c falls within ``window`` positions of t.

    The pairs (w_i, w_{i+k}) are counted once, into M; then W = M + Mᵀ, because each such
    pair puts c in t's window and t in c's.
    """
    window = check_positive_int("window", window)
    vocab_size = check_positive_int("vocab_size", vocab_size)
    if not sparse and vocab_size > MAX_DENSE_VOCAB:
        raise ValueError(
            f"a dense {vocab_size} x {vocab_size} matrix would need "
            f"{vocab_size**2 * 8 / 1e9:.1f} GB; pass sparse=True "
            f"(dense is allowed up to vocab_size={MAX_DENSE_VOCAB})"
        )
    left, right = _forward_pairs(_validate_corpus(sentences, vocab_size), window)
    if sparse:
        M = _count_sparse(left, right, vocab_size)
        W = (M + M.T).tocsr()
        W.sort_indices()
        return W
    M = np.bincount(left * vocab_size + right, minlength=vocab_size * vocab_size)
    M = M.reshape(vocab_size, vocab_size).astype(np.int64, copy=False)
    return M + M.T


def cooccurrence_matrix_loop(
    sentences: Sequence[np.ndarray], vocab_size: int, window: int = 2
) -> np.ndarray:
    """The same counts, one token at a time, exactly as the slides increment them.

    For each target position i, every position j with 0 < |i - j| <= window in the same
    sentence adds 1 to W[w_i, w_j]. Slow; kept because the notebook teaches with it and the
    tests use it as the oracle for :func:`cooccurrence_matrix`.
    """
    window = check_positive_int("window", window)
    vocab_size = check_positive_int("vocab_size", vocab_size)
    arrays = _validate_corpus(sentences, vocab_size)
    W = np.zeros((vocab_size, vocab_size), dtype=np.int64)
    for sentence in arrays:
        for i, target in enumerate(sentence):
            for j in range(max(0, i - window), min(len(sentence), i + window + 1)):
                if j != i:
                    W[target, sentence[j]] += 1
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

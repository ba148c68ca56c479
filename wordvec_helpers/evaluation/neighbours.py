"""How stable are a word's nearest neighbours? The overlap of the k nearest neighbours given
by two sets of vectors (e.g. two seeds, or two methods; Antoniak & Mimno 2018).

Introduced in notebook 07.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_positive_int
from ._vectors import _check_vectors, _cosines, _Lookup, _normalized, _vocabulary_words


def _top_neighbours(normed, rows: np.ndarray, k: int) -> np.ndarray:
    """Ids of the k nearest neighbours (cosine) of each word in ``rows``, itself excluded."""
    cosines = _cosines(normed, rows, normed.shape[0]).astype(np.float64)  # (len(rows), |V|)
    cosines[np.arange(len(rows)), rows] = -np.inf
    return np.argsort(-cosines, axis=1, kind="stable")[:, :k]


def neighbour_overlap(first, second, vocab, words, k: int = 10) -> np.ndarray:
    """For each word, the fraction of its k nearest neighbours that two sets of vectors share.

    overlap(w) = |N_k(w; first) ∩ N_k(w; second)| / k, N_k = the k words of highest cosine
    with w, w itself excluded (Antoniak & Mimno 2018 measure the stability of embeddings
    this way across random seeds).

    Parameters
    ----------
    first, second : ndarrays or sparse matrices of shape (|V|, d1) and (|V|, d2), rows in the
        order of ``vocab``
    vocab : Vocabulary or list of |V| words
    words : list of words to probe
    k : int >= 1

    Returns
    -------
    ndarray of shape (len(words),), values in {0, 1/k, ..., 1}

    Introduced in notebook 07.
    """
    names = _vocabulary_words(vocab)
    k = check_positive_int("k", k)
    if k >= len(names):
        raise ValueError(f"k must be smaller than |V| = {len(names)}, got {k}")
    lookup = _Lookup(names, len(names), case_insensitive=False)
    if isinstance(words, str):
        raise TypeError(f"words must be a list of words, got the string {words!r}")
    rows = np.array([lookup[w] for w in words], dtype=np.int64)
    neighbours = [
        _top_neighbours(_normalized(_check_vectors(vectors, len(names))), rows, k)
        for vectors in (first, second)
    ]
    return np.array(
        [len(set(a) & set(b)) / k for a, b in zip(*neighbours, strict=True)], dtype=np.float64
    )

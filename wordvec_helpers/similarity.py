"""Cosine similarity and nearest neighbours.

    cos(u, v) = u · v / (‖u‖ ‖v‖)          (precept, "Attempt 1: Use raw frequency vector")

Introduced in notebook 01.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ._validation import check_positive_int


def _as_vectors(name: str, x):
    if sp.issparse(x):
        matrix = sp.csr_matrix(x, dtype=np.float64)
        if not np.all(np.isfinite(matrix.data)):
            raise ValueError(f"{name} contains NaN or infinite values")
        return matrix
    array = np.asarray(x, dtype=np.float64)
    if array.ndim not in (1, 2) or array.shape[-1] == 0:
        raise ValueError(
            f"{name} must be a vector of shape (d,) or a matrix of row vectors of shape (n, d), "
            f"got shape {array.shape}"
        )
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return array


def _divide_rows(vectors, divisors):
    """Row i divided by divisors[i] (shape (n,), or () for one vector); a row whose divisor is
    0 is all zeros and stays so. Dividing, not multiplying by 1/divisor, keeps subnormal rows
    (1/1e-313 overflows) finite."""
    safe = np.where(divisors > 0, divisors, 1.0)
    if sp.issparse(vectors):
        vectors = sp.csr_matrix(vectors, copy=True)
        rows = np.repeat(np.arange(vectors.shape[0]), np.diff(vectors.indptr))
        vectors.data /= safe[rows]
        return vectors
    return vectors / (safe[..., None] if vectors.ndim == 2 else safe)


def normalize_rows(vectors):
    """Scale every row to unit length; an all-zero row stays zero (it has no direction).

    Accepts a vector (d,), a matrix (n, d) or a scipy.sparse matrix (kept sparse). Each row is
    first divided by its largest absolute entry, so that squaring it can neither underflow
    (a vector of 1e-162s) nor overflow (1e200s): the norm stays exact to rounding.
    """
    vectors = _as_vectors("vectors", vectors)
    if sp.issparse(vectors):
        largest = np.asarray(abs(vectors).max(axis=1).todense()).ravel()  # (n,)
        vectors = _divide_rows(vectors, largest)
        norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())  # (n,)
    else:
        vectors = _divide_rows(vectors, np.max(np.abs(vectors), axis=-1))
        norms = np.linalg.norm(vectors, axis=-1)  # (n,) or (): each in [1, sqrt(d)] or 0
    return _divide_rows(vectors, norms)


def cosine_similarity(a, b):
    """Cosine of the angle between vectors, or between every row of ``a`` and every row of ``b``.

    Parameters
    ----------
    a : array_like of shape (d,) or (n, d), or a scipy.sparse matrix of shape (n, d)
    b : array_like of shape (d,) or (m, d), or a scipy.sparse matrix of shape (m, d)

    Returns
    -------
    float if both are vectors; ndarray of shape (n,) or (m,) if one is a matrix;
    ndarray of shape (n, m) if both are. A zero vector has similarity 0 with everything
    (its angle is undefined; 0 keeps NaN out of every table), as in scikit-learn.
    """
    a, b = _as_vectors("a", a), _as_vectors("b", b)
    if a.shape[-1] != b.shape[-1]:
        raise ValueError(
            f"a and b must have the same dimension d, got a of shape {a.shape} "
            f"and b of shape {b.shape}"
        )
    similarity = normalize_rows(a) @ normalize_rows(b).T  # (n, d) @ (d, m) -> (n, m)
    if sp.issparse(similarity):
        similarity = similarity.toarray()
    similarity = np.asarray(similarity)
    if a.ndim == 1 and b.ndim == 1:
        return float(similarity)
    return similarity.ravel() if 1 in (a.ndim, b.ndim) else similarity


def nearest_neighbors(vectors, vocab, word: str, k: int = 10) -> list[tuple[str, float]]:
    """The ``k`` words whose vectors have the largest cosine similarity with ``word``'s.

    Parameters
    ----------
    vectors : ndarray or scipy.sparse matrix of shape (|V|, d)   row i is vocab.words[i]
    vocab : Vocabulary
    word : str                            an unknown word raises KeyError with suggestions
    k : int

    Returns
    -------
    list of (word, similarity), most similar first, excluding ``word`` itself. Ties are broken
    by word id (the more frequent word first), so the list is the same on every run.
    """
    vectors = _as_vectors("vectors", vectors)
    if vectors.ndim != 2 or vectors.shape[0] != len(vocab):
        raise ValueError(
            f"vectors must have one row per vocabulary word, shape ({len(vocab)}, d); "
            f"got shape {vectors.shape}"
        )
    k = check_positive_int("k", k)
    query = vocab[word]
    unit = normalize_rows(vectors)
    similarity = unit @ unit[query].T  # (|V|, d) @ (d,) -> (|V|,)
    similarity = np.asarray(similarity.toarray() if sp.issparse(similarity) else similarity)
    similarity = similarity.ravel().copy()
    similarity[query] = -np.inf
    k = min(k, len(vocab) - 1)
    order = np.lexsort((np.arange(len(vocab)), -similarity))[:k]
    return [(vocab.words[i], float(similarity[i])) for i in order]

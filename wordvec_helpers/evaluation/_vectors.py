"""What every evaluation shares (private): the words of a vocabulary, checked vectors, rows
scaled to unit length, gensim's way of finding words, and cosines with every candidate.

Vectors may be a dense ndarray or a ``scipy.sparse`` matrix (raw counts and PPMI rows).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .._validation import _show, check_positive_int
from ..corpus import Vocabulary


def _vocabulary_words(vocab) -> list[str]:
    """The word of each row: a Vocabulary, gensim's ``index_to_key`` or a list of words."""
    if isinstance(vocab, Vocabulary):
        return vocab.words
    words = getattr(vocab, "index_to_key", vocab)  # a gensim KeyedVectors works too
    if isinstance(words, str) or not isinstance(words, Sequence):
        raise TypeError(
            "vocab must be a Vocabulary or a list of words (row i of vectors is the vector of "
            f"word i), got {type(vocab).__name__}"
        )
    words = list(words)
    bad = next((w for w in words if not isinstance(w, str)), None)
    if bad is not None:
        raise TypeError(f"vocab must hold words (str), found {_show(bad)}")
    if len(set(words)) != len(words):
        seen = set()
        duplicate = next(w for w in words if w in seen or seen.add(w))
        raise ValueError(f"vocab words must be unique; {duplicate!r} appears more than once")
    return words


def _check_vectors(vectors, n_words: int):
    """A 2-D float matrix (dense or CSR) with one finite row per vocabulary word.

    float32 stays float32 (as in gensim), anything else becomes float64.
    """
    if sp.issparse(vectors):
        dtype = np.float32 if vectors.dtype == np.float32 else np.float64
        matrix = sp.csr_matrix(vectors, dtype=dtype)
        values = matrix.data
    else:
        try:
            matrix = np.asarray(vectors)
            dtype = np.float32 if matrix.dtype == np.float32 else np.float64
            matrix = matrix.astype(dtype, copy=False)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"vectors must be a 2-D array of numbers, got {_show(vectors)}"
            ) from exc
        values = matrix
    if matrix.ndim != 2 or matrix.shape[1] == 0:
        raise ValueError(
            f"vectors must be a matrix of shape (|V|, d) with one row per word, got shape "
            f"{matrix.shape}"
        )
    if matrix.shape[0] != n_words:
        raise ValueError(
            f"vectors and vocabulary have different sizes: vectors has {matrix.shape[0]} rows "
            f"but the vocabulary has {n_words} words (row i must be the vector of word i)"
        )
    if not np.all(np.isfinite(values)):
        raise ValueError("vectors contains NaN or infinite values")
    return matrix


def _normalized(matrix):
    """Rows scaled to unit length; an all-zero row stays zero (cosine 0 with everything)."""
    if sp.issparse(matrix):
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        return sp.csr_matrix(sp.diags(inverse.astype(matrix.dtype)) @ matrix)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def _restrict(restrict_vocab, n_words: int) -> int:
    if restrict_vocab is None:
        return n_words
    return min(check_positive_int("restrict_vocab", restrict_vocab), n_words)


class _Lookup:
    """Find words as gensim does: among the first ``restrict`` words only, and (if
    ``case_insensitive``) by their upper-case form, taking the first, most frequent, variant.

    Attributes
    ----------
    index : dict key -> word id
    canonical : ndarray of shape (restrict,)   id of the variant a word's key maps to
    variants : ndarray   ids whose key maps to another (more frequent) word
    """

    def __init__(self, words: list[str], restrict: int, case_insensitive: bool):
        self.case_insensitive = bool(case_insensitive)
        self.index: dict[str, int] = {}
        for i in range(restrict - 1, -1, -1):  # the first occurrence wins
            self.index[self.key(words[i])] = i
        self.canonical = np.fromiter(
            (self.index[self.key(w)] for w in words[:restrict]), dtype=np.int64, count=restrict
        )
        self.variants = np.flatnonzero(self.canonical != np.arange(restrict))
        self.words = words

    def key(self, word: str) -> str:
        return word.upper() if self.case_insensitive else word

    def get(self, word: str) -> int | None:
        return self.index.get(self.key(word))

    def __getitem__(self, word: str) -> int:
        i = self.get(word) if isinstance(word, str) else None
        if i is None:
            close = difflib.get_close_matches(word.lower(), self.words, n=5, cutoff=0.6)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise KeyError(f"{word!r} is not in the vocabulary (|V|={len(self.words)}){hint}")
        return i


def _cosines(normed, rows: np.ndarray, n_candidates: int) -> np.ndarray:
    """cos(w, x) for the words ``rows`` and every candidate x < n_candidates.

    Returns an ndarray of shape (len(rows), n_candidates), in the dtype of ``normed``.
    """
    candidates = normed[:n_candidates]
    if sp.issparse(normed):
        # sparse (n_candidates, D) @ dense (D, len(rows)): cost nnz x len(rows), no |V| x |V|
        queries = normed[rows].toarray()  # (len(rows), D)
        return np.ascontiguousarray(np.asarray(candidates @ queries.T).T)
    return normed[rows] @ candidates.T  # (len(rows), d) @ (d, n_candidates)

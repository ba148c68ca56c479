"""Argument checks shared by the public functions.

Every message names the argument, the value it got, and what would be valid, so a student
reading the error knows what to change.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.sparse as sp


def _show(value, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_positive_int(name: str, value, *, minimum: int = 1) -> int:
    """Return ``value`` as an int if it is an integer >= ``minimum``; raise otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be an integer >= {minimum}, got {_show(value)} "
            f"of type {type(value).__name__}"
        )
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value}")
    return int(value)


def check_positive_float(name: str, value, *, allow_zero: bool = False) -> float:
    """Return ``value`` as a float if it is finite and > 0 (or >= 0); raise otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_show(value)}")
    value = float(value)
    bound = ">= 0" if allow_zero else "> 0"
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        raise ValueError(f"{name} must be a finite number {bound}, got {value}")
    return value


def check_log_base(base) -> float:
    """A logarithm base must be a finite number > 1 (a base below 1 would flip every sign)."""
    base = check_positive_float("base", base)
    if base <= 1.0:
        raise ValueError(f"base must be a number > 1 (e.g. np.e or 2), got {base}")
    return base


def check_count_matrix(counts, name: str = "counts"):
    """Validate a target x context count matrix (dense or scipy.sparse).

    Counts must be 2-D, finite, non-negative and not all zero. Returns the matrix as a float64
    ndarray or a float64 CSR matrix.
    """
    if sp.issparse(counts):
        matrix = sp.csr_matrix(counts, dtype=np.float64)
        values = matrix.data
    else:
        try:
            matrix = np.asarray(counts, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must be a 2-D array of numbers, got {_show(counts)}") from exc
        values = matrix
    if matrix.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-D target x context matrix, got an array of shape {matrix.shape}"
        )
    if matrix.shape[0] == 0 or matrix.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {matrix.shape}); it needs at least one count")
    if not np.all(np.isfinite(values)):
        where = _first_index(counts, ~np.isfinite(np.asarray(values)))
        raise ValueError(f"{name} must be finite; found a NaN or infinite value at {where}")
    if np.any(values < 0):
        where = _first_index(counts, np.asarray(values) < 0)
        raise ValueError(
            f"{name} must be non-negative (they are counts); found one < 0 at {where}"
        )
    if not np.any(values > 0):
        raise ValueError(
            f"{name} is all zeros, so no probability can be computed; "
            "did the corpus or the window produce any co-occurrences?"
        )
    return matrix


def _first_index(counts, mask) -> str:
    if sp.issparse(counts):
        coo = sp.coo_matrix(counts)
        k = int(np.flatnonzero(mask)[0])
        return f"[{coo.row[k]}, {coo.col[k]}]"
    index = np.argwhere(mask)[0]
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def as_id_array(name: str, ids, vocab_size: int) -> np.ndarray:
    """Convert a sequence of word ids to int64 and check they lie in [0, vocab_size)."""
    array = np.asarray(ids)
    if array.ndim != 1:
        raise ValueError(f"{name} must be a 1-D sequence of word ids, got shape {array.shape}")
    if array.size == 0:
        return array.astype(np.int64)
    if not np.issubdtype(array.dtype, np.integer):
        raise TypeError(
            f"{name} must hold integer word ids (encode tokens with Vocabulary.encode), "
            f"got dtype {array.dtype}"
        )
    bad = (array < 0) | (array >= vocab_size)
    if np.any(bad):
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{name} has id {int(array[k])} at position {k}, outside the vocabulary: "
            f"valid ids are 0..{vocab_size - 1}"
        )
    return array.astype(np.int64, copy=False)

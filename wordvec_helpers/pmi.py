"""Probabilities, PMI and PPMI from a target x context count matrix.

Exactly as the precept builds them (slides "Word-word co-occurrence matrix W (ver. 2)"):
divide the counts by their total to get P(t, c); the row sums are P(t), the column sums P(c);

    PMI[t, c]  = log  P(t, c) / (P(t) P(c))
    PPMI[t, c] = max(PMI[t, c], 0)

Works for any target x context matrix, square (the precept's table) or not (Jurafsky &
Martin's 4 x 5 table), dense or ``scipy.sparse``.

Introduced in notebook 02.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ._validation import check_count_matrix, check_log_base, check_positive_float


def probabilities(counts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Joint and marginal probabilities of a count matrix.

    Parameters
    ----------
    counts : array_like of shape (n_targets, n_contexts)   W[t, c], non-negative

    Returns
    -------
    p_tc : ndarray of shape (n_targets, n_contexts)   P(t, c) = W[t, c] / sum(W)
    p_t : ndarray of shape (n_targets,)               P(t) = row sums of P(t, c)
    p_c : ndarray of shape (n_contexts,)              P(c) = column sums of P(t, c)

    For a sparse matrix ``p_tc`` is a sparse matrix too.
    """
    W = check_count_matrix(counts)
    total = W.sum()
    p_tc = W / total
    p_t = np.asarray(p_tc.sum(axis=1)).ravel()
    p_c = np.asarray(p_tc.sum(axis=0)).ravel()
    if sp.issparse(p_tc):
        p_tc = sp.csr_matrix(p_tc)
    return p_tc, p_t, p_c


def _smoothed_context_probabilities(W, alpha: float) -> np.ndarray:
    """P_alpha(c) = count(c)^alpha / sum_c' count(c')^alpha (Levy, Goldberg & Dagan 2015)."""
    context_counts = np.asarray(W.sum(axis=0)).ravel()  # (n_contexts,)
    powered = context_counts**alpha
    return powered / powered.sum()


def _log_ratio_at_nonzeros(W, alpha: float = 1.0):
    """log P(t,c) / (P(t) P_alpha(c)) at the non-zero counts only (natural log).

    Returns (rows, cols, values) of the entries with W[t, c] > 0. Restricting to those
    entries is what keeps log 0 and 0/0 out: where W[t, c] > 0, P(t) and P(c) are > 0 too.
    """
    total = W.sum()
    p_t = np.asarray(W.sum(axis=1)).ravel() / total  # (n_targets,)
    p_c = _smoothed_context_probabilities(W, alpha)  # (n_contexts,)
    if sp.issparse(W):
        coo = W.tocoo()
        keep = coo.data > 0
        rows, cols, joint = coo.row[keep], coo.col[keep], coo.data[keep] / total
    else:
        rows, cols = np.nonzero(W)
        joint = W[rows, cols] / total
    return rows, cols, np.log(joint / (p_t[rows] * p_c[cols]))


def pmi(counts, *, base: float = np.e) -> np.ndarray:
    """Pointwise mutual information, ``-inf`` exactly where the joint count is zero.

    Parameters
    ----------
    counts : array_like of shape (n_targets, n_contexts)   non-negative counts W[t, c]
    base : float                                           base of the logarithm (e or 2)

    Returns
    -------
    PMI : ndarray of shape (n_targets, n_contexts), float64. Never NaN: a zero count gives
        -inf (log 0), whatever the marginals are.

    A sparse input is densified: PMI is -inf, not 0, where a count is missing, so it has no
    sparse form. Use :func:`ppmi` for large matrices.
    """
    base = check_log_base(base)
    W = check_count_matrix(counts)
    rows, cols, values = _log_ratio_at_nonzeros(W)
    result = np.full(W.shape, -np.inf)
    result[rows, cols] = values / np.log(base)
    return result


def ppmi(counts, *, alpha: float = 1.0, shift: float = 1.0, base: float = np.e):
    """Positive PMI: max(PMI - log(shift), 0), with optional context smoothing.

    Parameters
    ----------
    counts : array_like or scipy.sparse matrix of shape (n_targets, n_contexts)
    alpha : float, > 0
        Context-distribution smoothing: P(c) is replaced by count(c)^alpha renormalised.
        1.0 is the plain PPMI of the precept; 0.75 is word2vec's choice (Levy et al. 2015).
    shift : float, > 0
        Shifted PPMI subtracts log(shift) before clipping; shift = K mirrors negative
        sampling with K negatives. 1.0 means no shift.
    base : float
        Base of the logarithm.

    Returns
    -------
    PPMI : ndarray of shape (n_targets, n_contexts), float64, all >= 0 — or a
        ``scipy.sparse.csr_matrix`` if ``counts`` is sparse (never densified).
    """
    alpha = check_positive_float("alpha", alpha)
    shift = check_positive_float("shift", shift)
    base = check_log_base(base)
    W = check_count_matrix(counts)
    rows, cols, values = _log_ratio_at_nonzeros(W, alpha)
    values = (values - np.log(shift)) / np.log(base)
    positive = values > 0
    rows, cols, values = rows[positive], cols[positive], values[positive]
    if sp.issparse(W):
        result = sp.csr_matrix((values, (rows, cols)), shape=W.shape)
        result.sort_indices()
        return result
    result = np.zeros(W.shape)
    result[rows, cols] = values
    return result

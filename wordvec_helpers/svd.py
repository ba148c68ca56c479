"""Dense word vectors from a (P)PMI matrix by truncated SVD.

    PPMI ≈ U_k Σ_k V_kᵀ      (precept, "Tackling Sparsity")

target vector of word t: row t of U_k Σ_k^p; context vector of word c: row c of V_k Σ_k^p.
p = 1 is the plain factorisation, p = 0.5 splits Σ evenly, p = 0 keeps only the directions
(Levy, Goldberg & Dagan 2015 found p = 0 or 0.5 best for similarity tasks).

Introduced in notebook 03.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.linalg
import scipy.sparse as sp
import scipy.sparse.linalg

from ._validation import check_count_matrix, check_positive_int

_METHODS = ("auto", "exact", "lanczos", "randomized")


def _flip_signs(U: np.ndarray, V: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Make the factorisation unique: in every component the entry of U with the largest
    absolute value is positive (scikit-learn's ``svd_flip``). U v_k and -U -v_k describe the
    same SVD; this picks one, so printed vectors and plots match on every machine."""
    biggest = np.argmax(np.abs(U), axis=0)  # (k,)
    signs = np.sign(U[biggest, np.arange(U.shape[1])])
    signs[signs == 0] = 1.0
    return U * signs, V * signs


def _orthonormal_basis(Y: np.ndarray) -> np.ndarray:
    """An orthonormal basis of the columns of a tall Y (m, r).

    Cholesky QR, done twice for accuracy: R = chol(YᵀY), Q = Y R⁻¹. It costs one (r, r) Gram
    matrix instead of a Householder QR, several times faster for r << m. Falls back to
    ``np.linalg.qr`` if Y is (numerically) rank deficient.
    """
    try:
        Q = Y
        for _ in range(2):
            R = np.linalg.cholesky(Q.T @ Q).T  # (r, r), upper triangular, Y = Q R
            Q = scipy.linalg.solve_triangular(R, Q.T, trans="T").T  # Q R⁻¹
        if np.all(np.isfinite(Q)):
            return Q
    except np.linalg.LinAlgError:
        pass
    return np.linalg.qr(Y)[0]


def _randomized_svd(M, k: int, rng: np.random.Generator, n_oversamples: int = 10, n_iter: int = 4):
    """Halko, Martinsson & Tropp (2011): project onto a random subspace, refine it with a few
    power iterations, then take the exact SVD of the small projected matrix.

    Each power iteration shrinks the error in direction j by about (σ_{k+p+1} / σ_j)². Where the
    spectrum is flat around k, as in a PPMI matrix (σ₁₀₀ = 84.09, σ₁₁₀ ≈ 83), a few iterations
    leave the last directions several per cent off; notebook 03 measures it.

    The sparse products run in float32 (half the memory traffic; results are printed at
    3 decimals); the small final SVD runs in float64.
    """
    M = M.astype(np.float32)
    n_random = min(k + n_oversamples, min(M.shape))
    Omega = rng.standard_normal((M.shape[1], n_random), dtype=np.float32)  # (n, k + p)
    Q = _orthonormal_basis(M @ Omega)  # (m, k + p), a basis of the range of M
    for _ in range(n_iter):
        Z = _orthonormal_basis(M.T @ Q)  # (n, k + p)
        Q = _orthonormal_basis(M @ Z)  # (m, k + p)
    B = np.asarray((M.T @ Q).T, dtype=np.float64)  # (k + p, n) = Qᵀ M
    U_small, s, Vt = np.linalg.svd(B, full_matrices=False)
    return Q.astype(np.float64) @ U_small[:, :k], s[:k], Vt[:k].T


def _lanczos_svd(M, k: int, rng: np.random.Generator):
    """ARPACK's implicitly restarted Lanczos method (``scipy.sparse.linalg.svds``), run to
    machine precision in float64. Its answer does not depend on the random start vector, only
    its running time does."""
    M = M.astype(np.float64)
    start = rng.standard_normal(min(M.shape))  # (min(m, n),)
    U, s, Vt = scipy.sparse.linalg.svds(M, k=k, v0=start)
    order = np.argsort(-s)  # ARPACK returns the smallest first
    return U[:, order], s[order], Vt[order].T


def truncated_svd(
    matrix, dim: int, *, seed: int = 0, method: str = "auto", n_iter: int = 4, n_oversamples=10
):
    """The top ``dim`` singular triplets of a dense or sparse matrix.

    Parameters
    ----------
    matrix : array_like or scipy.sparse matrix of shape (m, n), non-negative (a (P)PMI matrix)
    dim : int                1 <= dim <= min(m, n)
    seed : int               seeds the random start of the "lanczos" and "randomized" methods
    method : "auto", "exact", "lanczos" or "randomized"
        "exact" is LAPACK's full SVD (dense in memory, fine up to a few thousand rows);
        "lanczos" is ARPACK (``scipy.sparse.linalg.svds``): never densifies a sparse matrix and
        converges to machine precision, so its answer does not depend on ``seed``;
        "randomized" (Halko et al. 2011) is faster but approximate: with ``n_iter`` power
        iterations it can be several per cent off on the last directions when singular values
        around ``dim`` are nearly equal. "auto" picks exact for dense input and lanczos for
        sparse input (and exact when ``dim`` = min(m, n), which ARPACK cannot compute).
    n_iter, n_oversamples : int
        power iterations and extra random directions of the randomized method only

    Returns
    -------
    U : ndarray of shape (m, dim)   left singular vectors (columns), deterministic signs
    s : ndarray of shape (dim,)     singular values, largest first
    V : ndarray of shape (n, dim)   right singular vectors (columns)
    """
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    M = check_count_matrix(matrix, name="matrix")
    dim = check_positive_int("dim", dim)
    if dim > min(M.shape):
        raise ValueError(
            f"dim must be at most min(matrix.shape) = {min(M.shape)} for a matrix of shape "
            f"{M.shape}, got {dim}"
        )
    n_iter = check_positive_int("n_iter", n_iter, minimum=0)
    n_oversamples = check_positive_int("n_oversamples", n_oversamples, minimum=0)
    if method == "auto":
        method = "lanczos" if sp.issparse(M) else "exact"
    if method == "lanczos" and dim == min(M.shape):
        method = "exact"  # ARPACK computes at most min(m, n) - 1 triplets
    if method == "exact":
        dense = M.toarray() if sp.issparse(M) else M
        U, s, Vt = np.linalg.svd(dense, full_matrices=False)
        U, s, V = U[:, :dim], s[:dim], Vt[:dim].T
    elif method == "lanczos":
        U, s, V = _lanczos_svd(M, dim, np.random.default_rng(seed))
    else:
        rng = np.random.default_rng(seed)
        U, s, V = _randomized_svd(M, dim, rng, n_oversamples=n_oversamples, n_iter=n_iter)
    U, V = _flip_signs(U, V)
    return U, s, V


def svd_embeddings(
    matrix, dim: int, *, eig_power: float = 1.0, seed: int = 0, method="auto", **options
):
    """Target and context vectors from a truncated SVD of a (P)PMI matrix.

    Parameters
    ----------
    matrix : array_like or scipy.sparse matrix of shape (|V|, |V_c|)
    dim : int             k, the number of dimensions kept
    eig_power : float     p in U_k Σ_k^p (1 = plain SVD, 0.5 = symmetric, 0 = directions only)
    seed, method          see :func:`truncated_svd`; ``options`` (n_iter, n_oversamples) too

    Returns
    -------
    target_vectors : ndarray of shape (|V|, dim)     U_k Σ_k^p  (precept: U[t, :])
    context_vectors : ndarray of shape (|V_c|, dim)  V_k Σ_k^p  (precept: V[c, :])
    """
    if isinstance(eig_power, bool) or not isinstance(eig_power, numbers.Real):
        raise TypeError(f"eig_power must be a number, usually 0, 0.5 or 1, got {eig_power!r}")
    if not np.isfinite(eig_power):
        raise ValueError(f"eig_power must be finite, usually 0, 0.5 or 1, got {eig_power}")
    U, s, V = truncated_svd(matrix, dim, seed=seed, method=method, **options)
    weights = s**eig_power  # (dim,)
    return U * weights, V * weights

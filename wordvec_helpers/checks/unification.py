"""Check for notebook 09's exercise: shifted PPMI, the matrix that SGNS factorises.

    SPPMI_{α,K}[t, c] = max(PMI_α(t, c) - log K, 0),
    PMI_α(t, c) = log P(t, c) / (P(t) P_α(c)),   P_α(c) = count(c)^α / Σ_c' count(c')^α

Expected values come from :func:`wordvec_helpers.pmi.ppmi` (``alpha=α, shift=K``); each likely
mistake (the shift added, K instead of log K, log base 2, α on the targets too, the shift
after the clipping, P(c)^α not renormalised, α forgotten, no clipping, log 0 left in, NaN in
an all-zero row or column) is the same computation with that one thing changed, on count
matrices drawn here that the student has not seen. An answer that calls the package's own
``ppmi`` (the reference) is caught too.
"""

from __future__ import annotations

import contextlib

import numpy as np

from .. import pmi as _pmi_module
from ..pmi import ppmi
from ._core import (
    CheckResult,
    Mistake,
    as_array,
    call,
    close,
    compare,
    fail,
    names_mistakes,
    run_check,
)

_SEED = 909  # the cases come from a private generator, never from the notebook's rng

SHIFT_ADDED = Mistake(
    "shift-added",
    "you added log K; SGNS's optimum is u_t·v_c = PMI - log K, so the shift is subtracted "
    "(more negatives push every dot product down)",
)
SHIFT_NOT_LOG = Mistake(
    "shift-not-log",
    "you subtracted K itself; the shift is log K (with K = 5 that is 1.61, not 5), because "
    "the optimum equates σ-odds: exp(u_t·v_c) = P(t, c) / (K P(t) P_α(c))",
)
LOG_BASE_2 = Mistake(
    "log-base-2",
    "your values are the right ones divided by ln 2: you used log base 2. SGNS's optimum "
    "comes from σ, which uses e, so take natural logs (np.log) for both PMI and log K",
)
ALPHA_ON_TARGETS = Mistake(
    "alpha-on-targets",
    "you smoothed the targets too: α applies only to the context counts, P_α(c) = "
    "count(c)^α / Σ count(c')^α (it mirrors the noise distribution the negatives are drawn "
    "from); P(t) stays the plain row sum",
)
SHIFT_AFTER_CLIPPING = Mistake(
    "shift-after-clipping",
    "you clipped first and shifted after, so cells come out negative (-log K where PMI <= 0): "
    "subtract log K from PMI first, then clip at 0, max(PMI - log K, 0)",
)
NOT_RENORMALISED = Mistake(
    "alpha-not-renormalised",
    "you raised P(c) to the power α but did not renormalise: P_α(c) = count(c)^α divided by "
    "the sum of count(c')^α over all contexts, so that the P_α(c) sum to 1",
)
ALPHA_IGNORED = Mistake(
    "alpha-ignored",
    "α had no effect: your answer is the shifted PPMI with plain P(c). Smooth the context "
    "counts, P_α(c) = count(c)^α / Σ count(c')^α",
)
NOT_CLIPPED = Mistake(
    "not-clipped",
    "the negative values are still there: shifted PPMI clips at 0, max(PMI - log K, 0), and "
    "a cell whose count is 0 is 0 too",
)
LOG_ZERO_LEFT = Mistake(
    "log-zero-left",
    "your answer has -inf or NaN where a count is 0: log 0 = -inf; such a cell is below any "
    "shift, so its shifted PPMI is 0 (compute the logs where W > 0 only, or clip -inf to 0)",
)
EMPTY_ROW_NAN = Mistake(
    "empty-row-nan",
    "your answer is NaN in a row or column of W that is all zeros (a word never seen in a "
    "window): there P(t) = 0 or P_α(c) = 0, and 0 / 0 gives NaN. Those cells have count 0, "
    "so their shifted PPMI is 0: compute the logs only where W > 0",
)
CALLS_PACKAGE = Mistake(
    "calls-package-ppmi",
    "your function calls the package's ppmi, which is the very reference the check compares "
    "with: write the formula yourself (P(t, c), P(t), P_α(c), the log, the shift, the clip)",
)


@contextlib.contextmanager
def _package_ppmi_watched(function, used: list):
    """While the student's function runs, the package's ``ppmi`` (by whatever name the
    function's module holds it, and as ``wordvec_helpers.pmi.ppmi``) records that it was
    called, then computes as before."""

    def watched(*args, **kwargs):
        used.append(True)
        return ppmi(*args, **kwargs)

    namespace = getattr(function, "__globals__", {})
    names = [name for name, value in namespace.items() if value is ppmi]
    for name in names:
        namespace[name] = watched
    _pmi_module.ppmi = watched
    try:
        yield
    finally:
        _pmi_module.ppmi = ppmi
        for name in names:
            namespace[name] = ppmi


def _variant(W, K, alpha, **change):
    """Shifted PPMI from a dense W with one thing changed: ``log`` (np.log or np.log2),
    ``shift`` (how the shift enters: "minus log", "plus log", "minus K"), ``alpha_targets``,
    ``renormalise``, ``smooth`` (False: α ignored), ``order`` ("shift then clip", "clip then
    shift", "no clip")."""
    W = np.asarray(W, dtype=np.float64)
    total = W.sum()
    row, col = W.sum(axis=1), W.sum(axis=0)  # (n_targets,), (n_contexts,)
    a = alpha if change.get("smooth", True) else 1.0
    p_c = col**a
    p_c = p_c / p_c.sum() if change.get("renormalise", True) else (col / total) ** a
    p_t = row / total
    if change.get("alpha_targets", False):
        p_t = row**a / (row**a).sum()
    log = change.get("log", np.log)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = log((W / total) / (p_t[:, None] * p_c[None, :]))  # -inf where W = 0
    pmi[np.isnan(pmi)] = -np.inf  # 0 / 0 in an all-zero row or column: a zero count too
    shift = {"minus log": -log(K), "plus log": log(K), "minus K": -K}[
        change.get("shift", "minus log")
    ]
    order = change.get("order", "shift then clip")
    if order == "clip then shift":
        return np.maximum(pmi, 0.0) + shift
    if order == "no clip":
        return np.where(W > 0, pmi + shift, 0.0)
    return np.maximum(pmi + shift, 0.0)


def _cases():
    """(description, W, K, alpha): a square and a rectangular count matrix with zeros and a
    frequent context, for two K and two α (so that no mistake coincides with the answer), then
    one with an all-zero row and column."""
    rng = np.random.default_rng(_SEED)
    for shape, K, alpha in (((8, 8), 3, 0.75), ((9, 12), 2, 0.5), ((6, 7), 2, 0.75)):
        W = rng.integers(0, 4, size=shape).astype(np.float64)
        W[rng.random(shape) < 0.3] = 0.0
        n = min(shape)
        W[np.arange(n), np.arange(n)] += rng.integers(15, 40, size=n)  # strong pairs
        W[:, -1] += 10.0  # a frequent context: smoothing matters
        W[0, 1] = 0.0  # always a zero cell
        description = f"W of shape {shape} with {int((W == 0).sum())} zero counts"
        if shape == (6, 7):
            W[2, :] = 0.0  # a target never seen in a window
            W[:, 3] = 0.0  # a context never seen
            description = f"W of shape {shape} with an all-zero row 2 and column 3"
        yield f"{description}, K = {K}, α = {alpha}", (W, K, alpha)


@names_mistakes(
    SHIFT_ADDED,
    SHIFT_NOT_LOG,
    LOG_BASE_2,
    ALPHA_ON_TARGETS,
    SHIFT_AFTER_CLIPPING,
    NOT_RENORMALISED,
    ALPHA_IGNORED,
    NOT_CLIPPED,
    LOG_ZERO_LEFT,
    EMPTY_ROW_NAN,
    CALLS_PACKAGE,
)
def check_shifted_ppmi(function) -> CheckResult:
    """Check ``function(W, K, alpha) -> SPPMI`` (dense, same shape as W) against
    ``ppmi(W, alpha=alpha, shift=K)``. Notebook 09.
    """
    name = "shifted PPMI"

    def body():
        for case, (W, K, alpha) in _cases():
            used_package: list = []
            with np.errstate(all="ignore"), _package_ppmi_watched(function, used_package):
                answer = as_array(call(name, function, W.copy(), K, alpha))
            if used_package:
                fail(CALLS_PACKAGE, name=name, case=case)
            expected = ppmi(W, alpha=alpha, shift=K)
            if close(answer, expected):
                continue
            zero = W == 0
            if answer.shape == W.shape and answer.dtype != object:
                empty = (W.sum(axis=1) == 0)[:, None] | (W.sum(axis=0) == 0)[None, :]
                nan = np.isnan(answer)
                if nan.any() and empty[nan].all() and close(np.where(nan, 0.0, answer), expected):
                    fail(EMPTY_ROW_NAN, name=name, case=case)
                if not np.isfinite(answer[zero]).all():  # log 0 left in: is it the only slip?
                    cleaned = np.where(zero, 0.0, answer)
                    if close(cleaned, _variant(W, K, alpha, order="no clip")):
                        fail(NOT_CLIPPED, name=name, case=case)
                    fail(LOG_ZERO_LEFT, name=name, case=case)
            variants = [
                (SHIFT_ADDED, _variant(W, K, alpha, shift="plus log")),
                (SHIFT_NOT_LOG, _variant(W, K, alpha, shift="minus K")),
                (LOG_BASE_2, _variant(W, K, alpha, log=np.log2)),
                (ALPHA_ON_TARGETS, _variant(W, K, alpha, alpha_targets=True)),
                (SHIFT_AFTER_CLIPPING, _variant(W, K, alpha, order="clip then shift")),
                (NOT_RENORMALISED, _variant(W, K, alpha, renormalise=False)),
                (ALPHA_IGNORED, _variant(W, K, alpha, smooth=False)),
                (NOT_CLIPPED, _variant(W, K, alpha, order="no clip")),
            ]
            compare(name, answer, expected, variants, case=case)
        return (
            "matches ppmi(W, alpha=α, shift=K) on a square and a rectangular W with zero "
            "counts and one with an all-zero row and column, for two K and two α"
        )

    return run_check(name, body)

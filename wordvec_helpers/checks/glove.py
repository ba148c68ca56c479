"""Check for notebook 08's exercise: the GloVe objective J and its gradients.

Expected values come from :func:`wordvec_helpers.glove.glove_loss_and_gradients`; each likely
mistake (no factor 2, ½J, zero cells in the sum, log(1 + X), no biases, f not capped, the
context gradient from E instead of Eᵀ) is the same computation with that one thing changed, on
count matrices drawn here that the student has not seen.
"""

from __future__ import annotations

import numpy as np

from ..glove import glove_loss_and_gradients
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

_SEED = 808  # the cases come from a private generator, never from the notebook's rng
_RETURNS = ("loss", "grad_W", "grad_C", "grad_b_w", "grad_b_c")

HALF_GRADIENTS = Mistake(
    "no-factor-2",
    "your loss is right but every gradient is half the right one: J has no ½ in front, so "
    "differentiating the square f(X_ij) e_ij² brings down a 2, as in ∂J/∂b_i = "
    "2 Σ_j f(X_ij) e_ij",
)
HALF_J = Mistake(
    "half-j",
    "that is ½J and its gradients (the convention of GloVe's C code); the paper's J, "
    "equation (8), has no ½: J = Σ f(X_ij) e_ij², and every gradient carries a 2",
)
ZERO_CELLS = Mistake(
    "zero-cells",
    "your answer has NaN: the sum runs over the cells with X_ij > 0 only. Where X_ij = 0, "
    "log X_ij = -∞ and f(0)·∞ is NaN; keep those cells out (a mask X > 0) before taking logs",
)
LOG1P = Mistake(
    "log-1-plus-x",
    "you fitted log(1 + X_ij); GloVe fits log X_ij itself, which is finite because only "
    "the cells with X_ij > 0 enter the sum",
)
NO_BIASES = Mistake(
    "missing-biases",
    "the biases are missing from the residual: e_ij = w_i·c̃_j + b_i + b̃_j - log X_ij (the "
    "biases absorb how frequent each word is, so the vectors need not)",
)
UNCAPPED = Mistake(
    "f-not-capped",
    "f is not capped: f(x) = (x / x_max)^α only below x_max and 1 from x_max on, so that "
    "frequent pairs do not dominate J (np.minimum(1, ...))",
)
CONTEXT_UNTRANSPOSED = Mistake(
    "context-gradient-from-rows",
    "grad_C is wrong: ∂J/∂c̃_j sums over the targets i of column j of the matrix of "
    "2 f(X_ij) e_ij, so it is that matrix transposed times W (yours used rows, not columns)",
)


def _variant(W, C, b_w, b_c, X, x_max, alpha, **change):
    """J and its gradients from dense arrays, with one thing changed: ``log`` (log X or
    log(1 + X)), ``cap`` (f capped at 1), ``biases``, ``factor`` (2, or 1 as if J had a ½),
    ``half_loss``, ``transpose`` (grad_C from Eᵀ, or from E)."""
    seen = X > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        f = (X / x_max) ** alpha
        if change.get("cap", True):
            f = np.minimum(1.0, f)
        log_x = np.where(seen, change.get("log", np.log)(np.where(seen, X, 1.0)), 0.0)
        scores = W @ C.T  # (n_targets, n_contexts): w_i·c̃_j
        if change.get("biases", True):
            scores = scores + b_w[:, None] + b_c[None, :]
        e = np.where(seen, scores - log_x, 0.0)
        weighted = np.where(seen, f * e, 0.0)
        loss = float(np.sum(weighted * e)) * (0.5 if change.get("half_loss", False) else 1.0)
        E = change.get("factor", 2.0) * weighted
        grad_C = (E.T if change.get("transpose", True) else E) @ W
    return loss, E @ C, grad_C, E.sum(axis=1), E.sum(axis=0)


def _cases():
    """(description, W, C, b_w, b_c, X, x_max, alpha): a square matrix, then a rectangular one,
    each with zeros, fractional (harmonic) counts and counts above x_max."""
    rng = np.random.default_rng(_SEED)
    for n_targets, n_contexts, d in ((5, 5, 3), (4, 6, 2)):
        X = rng.choice([0.25, 0.5, 1.0, 2.5, 7.0, 40.0, 300.0], size=(n_targets, n_contexts))
        X[rng.random(X.shape) < 0.35] = 0.0
        X[0, :2] = 0.0, 40.0  # a zero and a count above x_max, always
        yield (
            f"X of shape {X.shape} with {int((X == 0).sum())} zero cells, d = {d}",
            rng.normal(scale=0.5, size=(n_targets, d)),
            rng.normal(scale=0.5, size=(n_contexts, d)),
            rng.normal(size=n_targets),
            rng.normal(size=n_contexts),
            X,
            10.0,
            0.75,
        )


@names_mistakes(
    HALF_GRADIENTS, HALF_J, ZERO_CELLS, LOG1P, NO_BIASES, UNCAPPED, CONTEXT_UNTRANSPOSED
)
def check_glove_loss_and_gradients(function) -> CheckResult:
    """Check ``function(W, C, b_w, b_c, X, x_max, alpha) -> (loss, grad_W, grad_C, grad_b_w,
    grad_b_c)`` against :func:`wordvec_helpers.glove.glove_loss_and_gradients`.

    X is a dense count matrix with zeros. Notebook 08.
    """
    name = "GloVe loss and gradients"

    def body():
        for case, *arguments in _cases():
            copies = [a.copy() if isinstance(a, np.ndarray) else a for a in arguments]
            with np.errstate(all="ignore"):
                answer = call(name, function, *copies)
            if not isinstance(answer, tuple | list) or len(answer) != len(_RETURNS):
                got = f"{len(answer)} items" if isinstance(answer, tuple | list) else "one value"
                fail(f"{name} ({case}): return a tuple ({', '.join(_RETURNS)}), got {got}")
            W, C, b_w, b_c, X, x_max, alpha = arguments
            expected = glove_loss_and_gradients(W, C, b_w, b_c, X, x_max=x_max, alpha=alpha)
            got = [as_array(item) for item in answer]
            if close(got[0], expected[0]) and all(
                close(g, e) for g, e in zip(got[1:], expected[1:], strict=True)
            ):
                continue
            if got[0].size == 1 and not np.isfinite(got[0]).all():
                fail(ZERO_CELLS, name=name, case=case)
            variants = [
                (HALF_GRADIENTS, (expected[0], *(g / 2 for g in expected[1:]))),
                (HALF_J, _variant(*arguments, factor=1.0, half_loss=True)),
                (LOG1P, _variant(*arguments, log=np.log1p)),
                (NO_BIASES, _variant(*arguments, biases=False)),
                (UNCAPPED, _variant(*arguments, cap=False)),
                (CONTEXT_UNTRANSPOSED, _variant(*arguments, transpose=False)),
            ]
            for mistake, wrong in variants:
                if all(close(g, w) for g, w in zip(got, wrong, strict=True)):
                    fail(mistake, name=name, case=case)
            for what, g, e in zip(_RETURNS, got, expected, strict=True):
                if not np.isfinite(g).all() and g.dtype != object:
                    fail(ZERO_CELLS, name=name, case=case)
                compare(f"{name}: {what}", g, e, case=case)
        return (
            "J and all four gradients match the package's glove_loss_and_gradients on a square "
            "and a rectangular X, zero cells and counts above x_max included"
        )

    return run_check(name, body)

"""Numerical derivatives and gradient checks: does an analytic gradient match its function?

The precept derives gradients by hand (the "Matrix Calculus" slides and Exercise Q2). A
derivation can be checked numerically: nudge one input entry by ±eps and watch the output,

    ∂f/∂x_j ≈ (f(x + eps·e_j) - f(x - eps·e_j)) / (2 eps)          (centred difference)

whose error is O(eps²) from truncation plus O(ε_machine · |f| / eps) from rounding. Everything
here works in float64 (ε_machine ≈ 2.2e-16), never modifies the caller's arrays, and returns
results instead of printing them. Introduced in notebook 06.

numerical_gradient     ∂f/∂x for a scalar f, same shape as x
numerical_jacobian     ∂f_i/∂x_j for a vector f, shape (m, n) as in the precept
gradcheck              compare an analytic gradient with the numerical one -> GradcheckResult
gradcheck_blocks       the same for a function of several arrays, one result per block
gradcheck_loss_and_gradients
                       check a ``(loss, *grads) = fn(*arrays)`` function, such as the skip-gram
                       losses, block by block
relative_errors        the entry-wise relative error the checks use

Functions that sample (negative sampling) must be evaluated with the same samples every
time: either fix the samples yourself (``lambda u_t: loss(u_t, v_c, v_neg)`` with a fixed
``v_neg``), or pass ``seed=`` and accept an ``rng`` keyword — every evaluation then gets a fresh
``np.random.default_rng(seed)`` and so draws the same samples. A function that gives two
different values at the same point is refused with an explanation.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ._validation import check_positive_float

__all__ = [
    "BlockGradcheckResult",
    "GradcheckResult",
    "gradcheck",
    "gradcheck_blocks",
    "gradcheck_loss_and_gradients",
    "numerical_gradient",
    "numerical_jacobian",
    "relative_errors",
]

EPS_MACHINE = float(np.finfo(np.float64).eps)
NOISE_FACTOR = 100.0  # rounding noise of a centred difference ≈ NOISE_FACTOR · ε · max|f| / eps
_TIE = 1e-6  # errors within this fraction of the largest count as ties (first index wins)


# --------------------------------------------------------------------------- validation


def _as_point(name: str, x) -> np.ndarray:
    """A float64 copy of ``x``; raise if it is not a finite, non-empty real array."""
    if isinstance(x, Mapping | str | bytes) or x is None:
        raise TypeError(f"{name} must be an array of real numbers, got {type(x).__name__}")
    array = np.asarray(x)
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        raise TypeError(f"{name} must be an array of real numbers, got dtype {array.dtype}")
    if np.iscomplexobj(array):
        raise TypeError(f"{name} must be real; complex numbers are not supported")
    if array.size == 0:
        raise ValueError(f"{name} is empty (shape {array.shape}); there is nothing to check")
    point = np.array(array, dtype=np.float64, copy=True, order="C")
    if not np.all(np.isfinite(point)):
        index = _index(np.argwhere(~np.isfinite(point))[0], point.ndim)
        raise ValueError(
            f"{name} must be finite, but {name}{_show_index(index)} is {point[index]}; "
            "a derivative at a NaN or infinite point means nothing"
        )
    return point


def _index(flat_or_tuple, ndim: int) -> tuple[int, ...]:
    return tuple(int(i) for i in np.atleast_1d(flat_or_tuple))[:ndim] if ndim else ()


def _show_index(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(i) for i in index) + "]" if index else ""


def _check_eps(eps) -> float:
    eps = check_positive_float("eps", eps)
    if eps >= 1.0:
        raise ValueError(
            f"eps must be a small step (typically 1e-6 in float64), got {eps}: a step of 1 or "
            "more measures a secant over a large interval, not a derivative"
        )
    return eps


def _check_rtol(rtol) -> float:
    rtol = check_positive_float("rtol", rtol)
    if rtol >= 1.0:
        raise ValueError(
            f"rtol must be < 1 (typically 1e-6), got {rtol}: a relative error of 1 already "
            "passes an all-zero gradient"
        )
    return rtol


def _check_callable(f) -> None:
    if not callable(f):
        raise TypeError(f"f must be a function, got {type(f).__name__}")


def _perturbation(name: str, index: tuple[int, ...], sign: str) -> str:
    return f"{name}{_show_index(index)} {sign} eps"


class _Evaluator:
    """Calls ``f`` with the same random state every time and validates what it returns.

    ``scalar=True``: f must return one real number (a loss). Otherwise f may return an array,
    whose shape must not change between evaluations. Tracks the largest |f| seen, which sets
    the rounding-noise level of the differences.
    """

    def __init__(self, f: Callable, *, scalar: bool, seed: int | None):
        _check_callable(f)
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, numbers.Integral)):
            raise TypeError(f"seed must be an integer or None, got {seed!r}")
        self.f = f
        self.scalar = scalar
        self.seed = seed
        self.shape: tuple[int, ...] | None = None
        self.largest = 0.0

    def __call__(self, arrays: Sequence[np.ndarray], where: str = "x") -> np.ndarray:
        if self.seed is None:
            value = self.f(*arrays)
        else:
            value = self.f(*arrays, rng=np.random.default_rng(self.seed))
        value = self._validate(value, where)
        self.largest = max(self.largest, float(np.max(np.abs(value))))
        return value

    def _validate(self, value, where: str) -> np.ndarray:
        if isinstance(value, tuple):
            raise TypeError(
                f"f returned a tuple of {len(value)} items; "
                + (
                    "a gradient check needs the loss alone, e.g. "
                    "lambda u_t: loss_and_gradients(u_t, ...)[0]"
                    if self.scalar
                    else "return one array"
                )
            )
        if isinstance(value, bool | np.bool_):
            raise TypeError(f"f must return a number, got the boolean {value}")
        raw = np.asarray(value)
        if np.iscomplexobj(raw):
            raise TypeError("f must return real numbers, got complex ones")
        try:
            array = np.asarray(raw, dtype=np.float64)
        except (TypeError, ValueError):
            raise TypeError(f"f must return real numbers, got {type(value).__name__}") from None
        if self.scalar and array.ndim != 0:
            raise ValueError(
                f"f must return a scalar (the loss), got an array of shape {array.shape}; "
                "for a vector-valued f use numerical_jacobian, or return float(...) / .item()"
            )
        if not self.scalar:
            if self.shape is None:
                self.shape = array.shape
            elif array.shape != self.shape:
                raise ValueError(
                    f"f returned shape {array.shape} at {where} but {self.shape} at x; "
                    "its output must keep one shape"
                )
        if not np.all(np.isfinite(array)):
            bad = array.reshape(-1)[~np.isfinite(array.reshape(-1))][0]
            raise ValueError(
                f"f returned {bad} at {where}; is it numerically stable there "
                "(log of 0, exp overflow)?"
            )
        return array


def _check_deterministic(evaluate: _Evaluator, arrays: Sequence[np.ndarray]) -> None:
    originals = [array.copy() for array in arrays]
    first = evaluate(arrays)
    for array, original in zip(arrays, originals, strict=True):
        if not np.array_equal(array, original):
            raise ValueError(
                "f changed its argument in place; a function under check must not modify its "
                "inputs (work on a copy)"
            )
    second = evaluate(arrays)
    if not np.array_equal(first, second):
        raise ValueError(
            "f gave two different values at the same point, so it is random (it samples, e.g. "
            "negatives): fix the samples (pass the same v_neg to every call) or pass seed=... "
            "and let f take an rng keyword, so that every evaluation draws the same samples"
        )


def _differences(
    evaluate: _Evaluator,
    arrays: list[np.ndarray],
    block: int,
    eps: float,
    name: str,
) -> np.ndarray:
    """Centred differences of ``evaluate`` with respect to ``arrays[block]``, entry by entry.

    Returns an array of shape out_shape + block_shape (out_shape is () for a scalar f).
    ``arrays[block]`` is perturbed in place and restored exactly after every entry.
    """
    point = arrays[block]
    original = point.copy()
    flat = point.reshape(-1)  # a view: point is C-contiguous
    columns = []
    for j in range(flat.size):
        saved = flat[j]
        index = _index(np.unravel_index(j, point.shape), point.ndim)
        plus, minus = saved + eps, saved - eps
        flat[j] = plus
        f_plus = evaluate(arrays, _perturbation(name, index, "+"))
        flat[j] = minus
        f_minus = evaluate(arrays, _perturbation(name, index, "-"))
        flat[j] = saved
        columns.append((f_plus - f_minus) / (plus - minus))  # the step actually taken
    if not np.array_equal(point, original):
        raise ValueError(
            f"f changed its argument {name} in place; a function under check must not modify "
            "its inputs (work on a copy)"
        )
    stacked = np.stack(columns, axis=-1)  # out_shape + (n,)
    return stacked.reshape(stacked.shape[:-1] + point.shape)


# --------------------------------------------------------------------------- derivatives


def numerical_gradient(f: Callable, x, eps: float = 1e-6, *, seed: int | None = None):
    """The gradient of a scalar function by centred differences, in float64.

    ∂f/∂x_j ≈ (f(x + eps·e_j) - f(x - eps·e_j)) / (2 eps) for every entry j of x.

    Parameters
    ----------
    f : function taking an array shaped like x and returning one real number
    x : array_like of any shape (a vector u_t, a matrix W, ...)   the point
    eps : float > 0    the step; 1e-6 balances truncation and rounding error in float64
    seed : int, optional
        For a function that samples: f is called as ``f(x, rng=np.random.default_rng(seed))``
        so that every evaluation draws the same samples.

    Returns
    -------
    ndarray of float64, same shape as x

    ``x`` is not modified (f receives a float64 copy, restored after each step). Introduced in
    notebook 06.
    """
    point = _as_point("x", x)
    eps = _check_eps(eps)
    evaluate = _Evaluator(f, scalar=True, seed=seed)
    arrays = [point]
    _check_deterministic(evaluate, arrays)
    return _differences(evaluate, arrays, 0, eps, "x")


def numerical_jacobian(f: Callable, x, eps: float = 1e-6, *, seed: int | None = None):
    """The Jacobian ∂f/∂x of a vector function by centred differences, in float64.

    For f: R^n -> R^m the precept's convention is J[i, j] = ∂f_i/∂x_j, shape (m, n): one row
    per output, one column per input (so for z = Wx, J = W).

    Parameters
    ----------
    f : function taking an array shaped like x and returning an array (or a number)
    x : array_like of shape (n,)   (other shapes are flattened in row-major order)
    eps : float > 0
    seed : int, optional   as in :func:`numerical_gradient`

    Returns
    -------
    ndarray of shape (m, n), m = f(x).size (1 for a scalar f), n = x.size

    Introduced in notebook 06.
    """
    point = _as_point("x", x)
    eps = _check_eps(eps)
    evaluate = _Evaluator(f, scalar=False, seed=seed)
    arrays = [point]
    _check_deterministic(evaluate, arrays)
    columns = _differences(evaluate, arrays, 0, eps, "x")  # out_shape + x_shape
    m = int(np.prod(evaluate.shape, dtype=np.int64))
    return columns.reshape(m, point.size)


def relative_errors(analytic, numerical, *, floor: float = 0.0) -> np.ndarray:
    """Entry-wise |a - n| / max(|a|, |n|, floor); 0 where both are 0, inf where a is not finite.

    An entry whose size is below ``floor`` is measured against ``floor`` instead of its own
    size, so that rounding noise on a true zero is not a 100 % error. An all-zero ``analytic``
    has relative error 1 wherever ``numerical`` is larger than ``floor``.
    """
    a = np.asarray(analytic, dtype=np.float64)
    n = np.asarray(numerical, dtype=np.float64)
    scale = np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)
    with np.errstate(invalid="ignore", divide="ignore"):
        errors = np.where(scale > 0, np.abs(a - n) / np.where(scale > 0, scale, 1.0), 0.0)
    return np.where(np.isfinite(a), errors, np.inf)


# --------------------------------------------------------------------------- gradient checks


@dataclass(frozen=True, repr=False)
class GradcheckResult:
    """The outcome of one gradient check. ``bool(result)`` is ``passed``.

    Attributes
    ----------
    passed : bool              max_relative_error <= rtol
    max_relative_error : float the largest entry-wise relative error (see relative_errors)
    where : tuple of int       the index of that entry (first one on ties)
    analytic_value, numerical_value : float   the two gradients at ``where``
    rtol, atol, eps : float    the tolerance, the noise level, the step
    analytic, numerical, errors : ndarray     the full arrays, shaped like x
    name : str                 what was checked (a block name, or "x")
    """

    passed: bool
    max_relative_error: float
    where: tuple[int, ...]
    analytic_value: float
    numerical_value: float
    rtol: float
    atol: float
    eps: float
    analytic: np.ndarray = field(compare=False)
    numerical: np.ndarray = field(compare=False)
    errors: np.ndarray = field(compare=False)
    name: str = "x"

    def __bool__(self) -> bool:
        return self.passed

    def describe(self) -> str:
        """One line without the mark; values at a precision that does not depend on the BLAS."""
        shape = self.analytic.shape
        if self.passed:
            return (
                f"{self.name} {shape}: max relative error < {self.rtol:.0e} (rtol) "
                f"over {self.analytic.size} entries"
            )
        at = f" at {self.name}{_show_index(self.where)}" if self.where else ""
        return (
            f"{self.name} {shape}: max relative error {self.max_relative_error:.2g}{at} "
            f"(analytic {self.analytic_value:.3g}, numerical {self.numerical_value:.3g}; "
            f"rtol {self.rtol:.0e})"
        )

    def __repr__(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        return f"{'✅' if self.passed else '❌'} gradient check {verdict}: {self.describe()}"


@dataclass(frozen=True, repr=False)
class BlockGradcheckResult:
    """Gradient checks of several arrays at once: one :class:`GradcheckResult` per block.

    ``result["v_neg"]`` is one block's result; ``passed`` is True when every block passed;
    ``max_relative_error`` is the largest over the blocks.
    """

    blocks: dict[str, GradcheckResult]

    @property
    def passed(self) -> bool:
        return all(result.passed for result in self.blocks.values())

    @property
    def max_relative_error(self) -> float:
        return max(result.max_relative_error for result in self.blocks.values())

    @property
    def failed(self) -> list[str]:
        """Names of the blocks that failed."""
        return [name for name, result in self.blocks.items() if not result.passed]

    def __getitem__(self, name: str) -> GradcheckResult:
        return self.blocks[name]

    def __iter__(self):
        return iter(self.blocks)

    def __len__(self) -> int:
        return len(self.blocks)

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        if self.passed:
            head = f"✅ gradient check passed for all {len(self.blocks)} blocks"
        else:
            head = f"❌ gradient check FAILED for {', '.join(self.failed)}"
        lines = [head]
        for result in self.blocks.values():
            lines.append(f"  {'✅' if result.passed else '❌'} {result.describe()}")
        return "\n".join(lines)


def _as_gradient(name: str, grad, shape: tuple[int, ...]) -> np.ndarray:
    try:
        array = np.asarray(grad, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"the analytic gradient for {name} must be an array of numbers, "
            f"got {type(grad).__name__}"
        ) from None
    if array.shape != shape:
        hint = ""
        if array.ndim == 2 and array.shape == shape[::-1]:
            hint = " (transposed?)"
        elif array.size == int(np.prod(shape, dtype=np.int64)):
            hint = " (same number of entries, arranged differently)"
        raise ValueError(
            f"the analytic gradient for {name} has shape {array.shape}, but {name} has shape "
            f"{shape}{hint}; a gradient has the shape of the variable it differentiates"
        )
    return array


def _result(
    name: str, analytic: np.ndarray, numerical: np.ndarray, rtol: float, atol: float, eps: float
) -> GradcheckResult:
    errors = relative_errors(analytic, numerical, floor=max(atol / rtol, np.finfo(float).tiny))
    worst = float(np.max(errors))
    if np.isfinite(worst):
        flat = int(np.flatnonzero(errors.ravel() >= worst * (1 - _TIE))[0])
    else:
        flat = int(np.flatnonzero(~np.isfinite(errors.ravel()))[0])
    where = _index(np.unravel_index(flat, analytic.shape), analytic.ndim)
    return GradcheckResult(
        passed=bool(worst <= rtol),
        max_relative_error=worst,
        where=where,
        analytic_value=float(analytic.reshape(-1)[flat]),
        numerical_value=float(numerical.reshape(-1)[flat]),
        rtol=rtol,
        atol=atol,
        eps=eps,
        analytic=analytic,
        numerical=numerical,
        errors=errors,
        name=name,
    )


def _noise_level(atol, evaluate: _Evaluator, eps: float) -> float:
    if atol is not None:
        return check_positive_float("atol", atol, allow_zero=True)
    # max(|f|, 1): a loss computed as a difference of O(1) terms (log-sum-exp minus a score)
    # carries their rounding error even where the loss itself is tiny
    return NOISE_FACTOR * EPS_MACHINE * max(evaluate.largest, 1.0) / eps


def gradcheck(
    f: Callable,
    x,
    analytic_grad,
    *,
    rtol: float = 1e-6,
    eps: float = 1e-6,
    atol: float | None = None,
    seed: int | None = None,
    name: str = "x",
) -> GradcheckResult:
    """Compare an analytic gradient of a scalar function with centred differences.

    The relative error of entry j is |a_j - n_j| / max(|a_j|, |n_j|, atol / rtol), where a is
    ``analytic_grad`` and n the numerical gradient; the check passes when the largest is at
    most ``rtol``. ``atol`` is the rounding noise of a centred difference,
    100 · ε_machine · max|f| / eps by default: entries smaller than atol / rtol are judged by
    their absolute error against that noise instead, so a true zero computed as 1e-11 does
    not fail, while an all-zero gradient fails wherever the true gradient is not zero.
    (max|f| is taken as at least 1, since a small loss may be the difference of O(1) terms.)
    A loss that is a small difference of much larger terms (log-sum-exp of scores in the
    hundreds) is noisier than that: pass a larger ``atol`` there.

    Parameters
    ----------
    f : function taking an array shaped like x and returning the loss (a number)
    x : array_like                the point (vector or matrix); never modified
    analytic_grad : array_like    your gradient at x, same shape as x
    rtol : float                  the tolerance on the relative error (1e-6 suits float64)
    eps : float                   the finite-difference step
    atol : float, optional        override the noise level (see above)
    seed : int, optional          for a sampling f: f(x, rng=np.random.default_rng(seed))
    name : str                    what to call x in the report

    Returns
    -------
    GradcheckResult   (passed, max_relative_error, where, ...; displays as one line)

    Raises ValueError for a non-finite x, eps <= 0, a gradient of the wrong shape, or an f
    that does not return one finite number or is random. Introduced in notebook 06.
    """
    point = _as_point(name, x)
    analytic = _as_gradient(name, analytic_grad, point.shape)
    eps = _check_eps(eps)
    rtol = _check_rtol(rtol)
    evaluate = _Evaluator(f, scalar=True, seed=seed)
    arrays = [point]
    _check_deterministic(evaluate, arrays)
    numerical = _differences(evaluate, arrays, 0, eps, name)
    return _result(name, analytic, numerical, rtol, _noise_level(atol, evaluate, eps), eps)


def gradcheck_blocks(
    f: Callable,
    arrays: Mapping[str, object],
    analytic_grads: Mapping[str, object] | Sequence[object],
    *,
    rtol: float = 1e-6,
    eps: float = 1e-6,
    atol: float | None = None,
    seed: int | None = None,
) -> BlockGradcheckResult:
    """Gradient-check a scalar function of several arrays, one block at a time.

    ``f`` is called as ``f(*arrays.values())`` (in the mapping's order); each block is
    perturbed while the others stay fixed, and each gets its own :class:`GradcheckResult`.

    Parameters
    ----------
    f : function of the arrays (positional, in order) returning the loss
    arrays : mapping name -> array, e.g. {"u_t": u_t, "v_c": v_c, "v_neg": v_neg}
    analytic_grads : mapping with the same names, or a sequence in the same order
    rtol, eps, atol, seed : as in :func:`gradcheck`

    Returns
    -------
    BlockGradcheckResult   (``result["v_neg"]``, ``result.passed``; displays one line a block)

    Introduced in notebook 06.
    """
    if not isinstance(arrays, Mapping) or not arrays:
        raise TypeError(
            "arrays must be a non-empty mapping name -> array, e.g. {'u_t': u_t, 'v_c': v_c}"
        )
    names = [str(name) for name in arrays]
    points = [_as_point(name, value) for name, value in zip(names, arrays.values(), strict=True)]
    if isinstance(analytic_grads, Mapping):
        missing = [name for name in names if name not in analytic_grads]
        extra = [str(name) for name in analytic_grads if name not in arrays]
        if missing or extra:
            raise KeyError(
                f"analytic_grads must have the same names as arrays {names}; "
                f"missing {missing}, unexpected {extra}"
            )
        grads = [analytic_grads[name] for name in arrays]
    else:
        grads = list(analytic_grads)
        if len(grads) != len(names):
            raise ValueError(
                f"got {len(grads)} analytic gradients for {len(names)} arrays {names}; "
                "give one gradient per array, in the same order"
            )
    analytic = [
        _as_gradient(name, grad, point.shape)
        for name, grad, point in zip(names, grads, points, strict=True)
    ]
    eps = _check_eps(eps)
    rtol = _check_rtol(rtol)
    evaluate = _Evaluator(f, scalar=True, seed=seed)
    _check_deterministic(evaluate, points)
    numerical = [_differences(evaluate, points, b, eps, name) for b, name in enumerate(names)]
    noise = _noise_level(atol, evaluate, eps)
    return BlockGradcheckResult(
        {
            name: _result(name, a, n, rtol, noise, eps)
            for name, a, n in zip(names, analytic, numerical, strict=True)
        }
    )


def gradcheck_loss_and_gradients(
    fn: Callable,
    arrays: Mapping[str, object],
    *,
    rtol: float = 1e-6,
    eps: float = 1e-6,
    atol: float | None = None,
    seed: int | None = None,
) -> BlockGradcheckResult:
    """Check every gradient a ``(loss, grad_1, ..., grad_k) = fn(*arrays)`` function returns.

    The skip-gram functions have this form: for example ::

        gradcheck_loss_and_gradients(neg_sampling_loss_and_gradients,
                                     {"u_t": u_t, "v_c": v_c, "v_neg": v_neg})
        gradcheck_loss_and_gradients(lambda u_t, V: softmax_loss_and_gradients(u_t, V, c),
                                     {"u_t": u_t, "context_vectors": V})

    fn is called once at the point for the analytic gradients, then :func:`gradcheck_blocks`
    checks them against the loss (the first item). Introduced in notebook 06.
    """
    _check_callable(fn)
    if not isinstance(arrays, Mapping) or not arrays:
        raise TypeError("arrays must be a non-empty mapping name -> array")
    points = {name: _as_point(str(name), value) for name, value in arrays.items()}
    call_args = [point.copy() for point in points.values()]
    if seed is None:
        returned = fn(*call_args)
    else:
        returned = fn(*call_args, rng=np.random.default_rng(seed))
    if not isinstance(returned, tuple) or len(returned) != len(points) + 1:
        got = f"{len(returned)} items" if isinstance(returned, tuple) else type(returned).__name__
        raise ValueError(
            f"fn must return a tuple (loss, one gradient per array) of {len(points) + 1} items "
            f"for arrays {list(points)}, got {got}"
        )

    def loss(*values, **rng):
        return fn(*values, **rng)[0]

    return gradcheck_blocks(
        loss, points, list(returned[1:]), rtol=rtol, eps=eps, atol=atol, seed=seed
    )

"""The machinery behind every exercise check: call the student's function, compare with the
package's reference implementation, and when they differ, name the mistake the answer matches.

A check never compares with a hard-coded answer: expected values and the "likely mistake"
variants are computed from the reference implementation on inputs the student did not see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check. Displays as one line; ``bool(result)`` is ``passed``.

    Attributes
    ----------
    passed : bool   the answer matches the reference on every test case
    message : str   what was checked, or which mistake the answer matches
    done : bool     False when the exercise is still a stub (NotImplementedError)
    """

    passed: bool
    message: str
    done: bool = True

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        mark = "✅" if self.passed else ("❌" if self.done else "⏳")
        return f"{mark} {self.message}"


def not_done(name: str) -> CheckResult:
    return CheckResult(
        False, f"{name}: not done yet — fill in the solution cell above", done=False
    )


class _Stop(Exception):
    """Carries a CheckResult out of a nested check."""

    def __init__(self, result: CheckResult):
        self.result = result


def fail(message: str):
    """Stop the check with a failing result that says ``message``."""
    raise _Stop(CheckResult(False, message))


def call(name: str, function: Callable, *args):
    """Call the student's function; turn a stub or a crash into a CheckResult (raised as _Stop)."""
    if not callable(function):
        raise _Stop(
            CheckResult(False, f"{name}: expected a function, got {type(function).__name__}")
        )
    try:
        return function(*args)
    except NotImplementedError:
        raise _Stop(not_done(name)) from None
    except Exception as exc:  # the student's code: report, never crash the notebook
        raise _Stop(
            CheckResult(False, f"{name}: your function raised {type(exc).__name__}: {exc}")
        ) from None


def as_array(value) -> np.ndarray:
    if sp.issparse(value):
        value = value.toarray()
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return np.asarray(value, dtype=object)


def close(
    answer: np.ndarray,
    expected: np.ndarray,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    equal_nan: bool = False,
) -> bool:
    """Same shape and equal up to rounding; -inf matches -inf; NaN matches NaN only when
    ``equal_nan`` (used to recognise a mistake that produces NaN, never to pass an answer)."""
    answer, expected = as_array(answer), as_array(expected)
    if answer.shape != expected.shape or answer.dtype == object or expected.dtype == object:
        return False
    return bool(np.allclose(answer, expected, rtol=rtol, atol=atol, equal_nan=equal_nan))


def compare(
    name: str,
    answer,
    expected,
    mistakes: Iterable[tuple[str, object]] = (),
    *,
    case: str = "",
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> None:
    """Raise _Stop with a diagnosis unless ``answer`` equals ``expected``.

    ``mistakes`` lists (description, wrong_value) pairs computed from the reference: if the
    answer equals one of them, the description is the feedback.
    """
    where = f" ({case})" if case else ""
    got, want = as_array(answer), as_array(expected)
    if close(got, want, rtol=rtol, atol=atol):
        return
    for description, wrong in mistakes:
        if close(got, as_array(wrong), rtol=rtol, atol=atol, equal_nan=True):
            raise _Stop(CheckResult(False, f"{name}{where}: {description}"))
    if got.dtype == object:
        raise _Stop(
            CheckResult(
                False, f"{name}{where}: expected an array of numbers, got {type(answer).__name__}"
            )
        )
    if got.shape != want.shape:
        hint = ""
        if got.shape == want.shape[::-1] and got.ndim == 2:
            hint = " — rows and columns swapped? (targets are rows, contexts are columns)"
        raise _Stop(
            CheckResult(
                False, f"{name}{where}: expected shape {want.shape}, got {got.shape}{hint}"
            )
        )
    if np.isnan(got).any() and not np.isnan(want).any():
        index = tuple(int(i) for i in np.argwhere(np.isnan(got))[0])
        raise _Stop(
            CheckResult(
                False,
                f"{name}{where}: your answer has NaN at {index}; "
                f"the expected value there is {want[index]:.4g}",
            )
        )
    bad = ~np.isclose(got, want, rtol=rtol, atol=atol)
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    raise _Stop(
        CheckResult(
            False,
            f"{name}{where}: {int(bad.sum())} of {want.size} entries differ; "
            f"first at {index}: got {got[index]:.4g}, expected {want[index]:.4g}",
        )
    )


def run_check(name: str, body: Callable[[], str]) -> CheckResult:
    """Run ``body`` (which calls :func:`call` and :func:`compare`); its return value is the
    success message."""
    try:
        return CheckResult(True, f"{name}: {body()}")
    except _Stop as stop:
        return stop.result

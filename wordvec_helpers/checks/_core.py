"""The machinery behind every exercise check: call the student's function, compare with the
package's reference implementation, and when they differ, name the mistake the answer matches.

A check never compares with a hard-coded answer: expected values and the "likely mistake"
variants are computed from the reference implementation on inputs the student did not see.

Every check declares the mistakes it names, its *catalogue*, with :func:`names_mistakes`; each
:class:`Mistake` has a short id and a diagnosis in words. ``CATALOGUE`` collects them, the
tests seed every catalogued mistake and assert that the check names it, and a test keeps the
notebooks from promising a diagnosis that no catalogue holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

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
    mistake : str or None   the id of the catalogued mistake the answer matches, if any
    """

    passed: bool
    message: str
    done: bool = True
    mistake: str | None = None

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        mark = "✅" if self.passed else ("❌" if self.done else "⏳")
        return f"{mark} {self.message}"


@dataclass(frozen=True)
class Mistake:
    """A mistake a check recognises: a short id (for tests) and the diagnosis a student reads.

    The diagnosis says in words what went wrong and how to fix it, naming words rather than
    ids and never printing a bare index or "-0".
    """

    id: str
    diagnosis: str


CATALOGUE: dict[str, tuple[Mistake, ...]] = {}
"""Check function name -> the mistakes it names (filled by :func:`names_mistakes`)."""

_Check = TypeVar("_Check", bound=Callable)


def names_mistakes(*mistakes: Mistake) -> Callable[[_Check], _Check]:
    """Decorator for a check function: register the mistakes it names (its catalogue).

    The check can then be asked ``check.mistakes``; ``CATALOGUE[check.__name__]`` holds the
    same tuple.
    """
    ids = [mistake.id for mistake in mistakes]
    if len(set(ids)) != len(ids):
        raise ValueError(f"mistake ids must be unique, got {ids}")

    def register(check: _Check) -> _Check:
        CATALOGUE[check.__name__] = tuple(mistakes)
        check.mistakes = tuple(mistakes)
        return check

    return register


def catalogue() -> list[tuple[str, str, str]]:
    """Every catalogued mistake as (check name, mistake id, diagnosis), in check order."""
    return [
        (check, mistake.id, mistake.diagnosis)
        for check, mistakes in CATALOGUE.items()
        for mistake in mistakes
    ]


def not_done(name: str) -> CheckResult:
    return CheckResult(
        False, f"{name}: not done yet — fill in the solution cell above", done=False
    )


class _Stop(Exception):
    """Carries a CheckResult out of a nested check."""

    def __init__(self, result: CheckResult):
        self.result = result


def fail(message: str | Mistake, *, name: str = "", case: str = ""):
    """Stop the check with a failing result that says ``message``.

    With a :class:`Mistake`, the result carries its id and says ``name (case): diagnosis``.
    """
    if isinstance(message, Mistake):
        where = f" ({case})" if case else ""
        prefix = f"{name}{where}: " if name else ""
        raise _Stop(CheckResult(False, prefix + message.diagnosis, mistake=message.id))
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
    mistakes: Iterable[tuple[str | Mistake, object]] = (),
    *,
    case: str = "",
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> None:
    """Raise _Stop with a diagnosis unless ``answer`` equals ``expected``.

    ``mistakes`` lists (mistake, wrong_value) pairs computed from the reference: if the
    answer equals one of them, the mistake's diagnosis is the feedback. A mistake is a
    catalogued :class:`Mistake` (the result then carries its id) or a plain description.
    """
    where = f" ({case})" if case else ""
    got, want = as_array(answer), as_array(expected)
    if close(got, want, rtol=rtol, atol=atol):
        return
    for mistake, wrong in mistakes:
        if close(got, as_array(wrong), rtol=rtol, atol=atol, equal_nan=True):
            if isinstance(mistake, Mistake):
                fail(mistake, name=name, case=case)
            fail(f"{name}{where}: {mistake}")
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

"""Small matrices printed as labelled tables, so a student can hold them next to the slides."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

import numpy as np


def _formatter(fmt) -> Callable[[float], str]:
    if callable(fmt):
        return fmt
    if fmt == "fraction":
        return lambda x: (
            str(Fraction(float(x)).limit_denominator(1000)) if np.isfinite(x) else str(x)
        )
    if isinstance(fmt, str) and "{" in fmt:
        return lambda x: "-inf" if x == -np.inf else fmt.format(x)
    raise ValueError(
        f"fmt must be a format string like '{{:.2f}}', 'fraction' or a function, got {fmt!r}"
    )


class LabelledTable:
    """A matrix with row and column labels; displays as an aligned text table.

    Attributes ``values``, ``row_labels`` and ``col_labels`` keep the data for later use.
    """

    def __init__(
        self,
        values,
        row_labels: Sequence[str],
        col_labels: Sequence[str],
        fmt="{:g}",
        title: str | None = None,
    ):
        values = np.asarray(values)
        if values.ndim != 2:
            raise ValueError(f"values must be a 2-D matrix, got shape {values.shape}")
        if values.shape != (len(row_labels), len(col_labels)):
            raise ValueError(
                f"values of shape {values.shape} need {values.shape[0]} row labels and "
                f"{values.shape[1]} column labels, got {len(row_labels)} and {len(col_labels)}"
            )
        self.values = values
        self.row_labels = [str(r) for r in row_labels]
        self.col_labels = [str(c) for c in col_labels]
        self.title = title
        self._format = _formatter(fmt)

    def __repr__(self) -> str:
        cells = [[self._format(x) for x in row] for row in self.values]
        label_width = max(len(r) for r in self.row_labels)
        widths = [
            max(len(c), *(len(row[j]) for row in cells)) for j, c in enumerate(self.col_labels)
        ]
        lines = [self.title] if self.title else []
        lines.append(
            " " * label_width
            + "  "
            + "  ".join(c.rjust(w) for c, w in zip(self.col_labels, widths, strict=True))
        )
        for label, row in zip(self.row_labels, cells, strict=True):
            lines.append(
                label.ljust(label_width)
                + "  "
                + "  ".join(x.rjust(w) for x, w in zip(row, widths, strict=True))
            )
        return "\n".join(lines)


def labelled_table(
    values, row_labels, col_labels=None, *, fmt="{:g}", title=None
) -> LabelledTable:
    """A :class:`LabelledTable`; ``col_labels`` default to ``row_labels`` (a |V| x |V| matrix).

    ``fmt`` is a format string ("{:.2f}"), "fraction" (1/12 as on the slides) or a function.
    """
    if col_labels is None:
        col_labels = row_labels
    return LabelledTable(values, row_labels, col_labels, fmt=fmt, title=title)


def with_margins(counts) -> np.ndarray:
    """``counts`` with its row sums as a last column, its column sums as a last row, and the
    total in the corner: the precept's table with count(t) and count(c).

    Parameters
    ----------
    counts : array_like of shape (n_targets, n_contexts)

    Returns
    -------
    ndarray of shape (n_targets + 1, n_contexts + 1)

    Introduced in notebook 02 (which leaves the sums themselves to its Exercise 1).
    """
    counts = np.asarray(counts)
    if counts.ndim != 2:
        raise ValueError(f"counts must be a 2-D table, got shape {counts.shape}")
    row_sums = counts.sum(axis=1, keepdims=True)  # (n_targets, 1)
    column_sums = counts.sum(axis=0, keepdims=True)  # (1, n_contexts)
    return np.block([[counts, row_sums], [column_sums, counts.sum()]])

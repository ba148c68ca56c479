"""Notebook set-up and the course's small, labelled plots.

Every plot helper takes an optional ``ax`` and returns it, so plots compose into subplots.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

# Okabe & Ito's colour-blind-safe palette.
OKABE_ITO = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
]


def setup_notebook() -> None:
    """Print options and plot defaults shared by every notebook (call once, in the setup cell).

    Arrays print with 3 decimals so that stored outputs do not depend on the BLAS underneath;
    plots are small, with a colour-blind-safe palette and a perceptually uniform colour map.
    """
    np.set_printoptions(precision=3, suppress=True, linewidth=99, threshold=200)
    mpl.rcParams.update(
        {
            "figure.figsize": (5.0, 3.5),
            "figure.dpi": 100,
            "figure.constrained_layout.use": True,
            "axes.prop_cycle": mpl.cycler(color=OKABE_ITO),
            "axes.titlesize": 11,
            "axes.labelsize": 10,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "xtick.labelsize": 9,
            "ytick.labelsize": 9,
            "legend.fontsize": 9,
            "legend.frameon": False,
            "image.cmap": "viridis",
            "svg.hashsalt": "wordvec",
        }
    )


def _axes(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def heatmap(
    matrix,
    row_labels: Sequence[str],
    col_labels: Sequence[str] | None = None,
    *,
    ax=None,
    title: str | None = None,
    fmt: str = "{:.2f}",
    annotate: bool = True,
    cmap: str = "viridis",
):
    """A labelled heatmap of a small matrix; -inf cells (PMI of a zero count) are grey.

    Parameters
    ----------
    matrix : array_like of shape (n_rows, n_cols)
    row_labels, col_labels : the words (col_labels default to row_labels)
    """
    matrix = np.asarray(matrix, dtype=np.float64)
    col_labels = row_labels if col_labels is None else col_labels
    if matrix.shape != (len(row_labels), len(col_labels)):
        raise ValueError(
            f"matrix of shape {matrix.shape} needs {matrix.shape[0]} row labels and "
            f"{matrix.shape[1]} column labels, got {len(row_labels)} and {len(col_labels)}"
        )
    ax = _axes(ax)
    finite = np.isfinite(matrix)
    masked = np.ma.masked_where(~finite, matrix)
    colours = mpl.colormaps[cmap].with_extremes(bad="#BBBBBB")
    image = ax.imshow(masked, cmap=colours, aspect="auto")
    ax.set_xticks(range(len(col_labels)), labels=col_labels, rotation=45, ha="right")
    ax.set_yticks(range(len(row_labels)), labels=row_labels)
    ax.set_xlabel("context c")
    ax.set_ylabel("target t")
    ax.grid(False)
    if title:
        ax.set_title(title)
    if annotate:
        mid = np.nanmean(matrix[finite]) if finite.any() else 0.0
        for (i, j), value in np.ndenumerate(matrix):
            text = fmt.format(value) if np.isfinite(value) else str(value)
            colour = "white" if np.isfinite(value) and value < mid else "black"
            ax.text(j, i, text, ha="center", va="center", fontsize=8, color=colour)
    ax.figure.colorbar(image, ax=ax, shrink=0.8)
    return ax


def _label_offsets(ax, points: np.ndarray, words: Sequence[str], fontsize: float) -> list:
    """An offset (in points) for each word's label, chosen greedily so that labels do not
    overlap: above right of the point if free, else below, further above, further below or to
    the left. Label boxes are estimated from the font size (0.6 em a character)."""
    ax.autoscale_view()
    scale = 72 / ax.figure.dpi  # display pixels -> points
    anchors = ax.transData.transform(points) * scale  # (n, 2) in points
    candidates = [(3, 3), (3, -fontsize - 3), (3, fontsize + 4), (3, -2 * fontsize - 4)]
    placed: list[tuple[float, float, float, float]] = []
    offsets = []
    for (x, y), word in zip(anchors, words, strict=True):
        width, height = 0.6 * fontsize * len(word), fontsize
        for dx, dy in [*candidates, (-width - 3, 3)]:
            box = (x + dx, y + dy, x + dx + width, y + dy + height)
            if not any(
                box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed
            ):
                break
        else:
            dx, dy = candidates[0]
            box = (x + dx, y + dy, x + dx + width, y + dy + height)
        placed.append(box)
        offsets.append((dx, dy))
    return offsets


def scatter_words(
    points,
    words: Sequence[str],
    *,
    ax=None,
    title: str | None = None,
    groups: Sequence[int] | None = None,
    group_names: Sequence[str] | None = None,
    fontsize: float = 8,
):
    """A 2-D scatter plot with every point labelled by its word.

    Parameters
    ----------
    points : array_like of shape (n, 2)
    words : sequence of n words
    groups : optional sequence of n group ids, one colour per group
    group_names : optional names of the groups (``group_names[g]`` for id g): adds a legend
    fontsize : size of the word labels
    """
    points = np.asarray(points, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2), got {points.shape}")
    if len(words) != points.shape[0]:
        raise ValueError(f"need one word per point: {points.shape[0]} points, {len(words)} words")
    if group_names is not None and groups is None:
        raise ValueError("group_names needs groups: one group id per point")
    ax = _axes(ax)
    if groups is None:
        ax.scatter(points[:, 0], points[:, 1], s=18)
    else:
        groups = np.asarray(groups)
        for g in dict.fromkeys(groups.tolist()):  # each group once, in order of appearance
            mine = groups == g
            label = group_names[g] if group_names is not None else None
            colour = OKABE_ITO[g % len(OKABE_ITO)]
            ax.scatter(points[mine, 0], points[mine, 1], s=18, color=colour, label=label)
        if group_names is not None:
            ax.legend(fontsize=fontsize, loc="best", frameon=True)
    offsets = _label_offsets(ax, points, words, fontsize)
    for (x, y), word, offset in zip(points, words, offsets, strict=True):
        ax.annotate(word, (x, y), xytext=offset, textcoords="offset points", fontsize=fontsize)
    ax.set_xlabel("dimension 1")
    ax.set_ylabel("dimension 2")
    if title:
        ax.set_title(title)
    return ax

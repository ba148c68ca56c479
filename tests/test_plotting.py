"""scatter_words: a legend when the groups are named, and word labels that do not overlap."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from wordvec_helpers.plotting import scatter_words  # noqa: E402


def _boxes(ax):
    ax.figure.canvas.draw()
    return [text.get_window_extent() for text in ax.texts]


def test_scatter_words_names_the_groups_in_a_legend():
    fig, ax = plt.subplots()
    points = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.5]])
    scatter_words(points, ["a", "b", "c"], ax=ax, groups=[0, 1, 1], group_names=["x", "y"])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["x", "y"]
    with pytest.raises(ValueError, match="group_names needs groups"):
        scatter_words(points, ["a", "b", "c"], ax=ax, group_names=["x"])
    plt.close(fig)


def test_scatter_words_labels_of_nearby_points_do_not_overlap():
    fig, ax = plt.subplots(figsize=(6, 4))
    points = np.array([[0.0, 0.0], [0.01, 0.0], [0.02, 0.01], [1.0, 1.0]])
    scatter_words(points, ["germany", "italy", "france", "spain"], ax=ax)
    boxes = _boxes(ax)
    for i in range(len(boxes)):
        for j in range(i):
            assert not boxes[i].overlaps(boxes[j]), (
                ax.texts[i].get_text(),
                ax.texts[j].get_text(),
            )
    plt.close(fig)

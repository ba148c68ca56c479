"""train_sgns(snapshot_epochs=...): the vectors after chosen epochs of one run (notebook 07)."""

import numpy as np
import pytest

from wordvec_helpers.skipgram import train_sgns


def _corpus():
    rng = np.random.default_rng(3)
    return [rng.integers(0, 30, size=40) for _ in range(25)]


def test_a_snapshot_equals_the_run_stopped_at_the_end_of_that_epoch():
    corpus = _corpus()
    full = train_sgns(
        corpus, 30, dim=8, epochs=4, batch_size=32, seed=1, progress=False,
        snapshot_epochs=(1, 3, 4),
    )  # fmt: skip
    assert sorted(full.snapshots) == [1, 3, 4]
    np.testing.assert_array_equal(full.snapshots[4], full.target_vectors)
    for epoch in (1, 3):

        def stop_after(report, epoch=epoch):
            return not (report.epoch == epoch - 1 and report.fraction_done >= epoch / 4 - 1e-9)

        stopped = train_sgns(
            corpus, 30, dim=8, epochs=4, batch_size=32, seed=1, progress=False,
            callback=stop_after,
        )  # fmt: skip
        assert stopped.stopped_early
        np.testing.assert_array_equal(full.snapshots[epoch], stopped.target_vectors)
        assert not np.array_equal(full.snapshots[epoch], full.target_vectors)


def test_snapshots_are_copies_and_empty_by_default():
    model = train_sgns(_corpus(), 30, dim=8, epochs=2, batch_size=32, progress=False)
    assert model.snapshots == {}
    model = train_sgns(
        _corpus(), 30, dim=8, epochs=2, batch_size=32, progress=False, snapshot_epochs=[1]
    )
    assert model.snapshots[1] is not model.target_vectors
    assert not np.shares_memory(model.snapshots[1], model.target_vectors)


@pytest.mark.parametrize(
    ("snapshot_epochs", "error", "message"),
    [
        (5, TypeError, "collection of epoch numbers"),
        ((0,), ValueError, "from 1 to epochs = 2"),
        ((3,), ValueError, "from 1 to epochs = 2"),
        ((1.5,), ValueError, "whole numbers"),
    ],
)
def test_bad_snapshot_epochs_are_named(snapshot_epochs, error, message):
    with pytest.raises(error, match=message):
        train_sgns(_corpus(), 30, dim=8, epochs=2, batch_size=32, progress=False,
                   snapshot_epochs=snapshot_epochs)  # fmt: skip

"""Benchmark of train_glove against mittens' GloVe on the same matrix (not a test).

    .venv/bin/python benchmarks/bench_glove.py [--seed 0] [--mittens-x-max 10]

The matrix: the Wikipedia sample (``datasets.wikipedia_sample()``), words seen at least 5
times (|V| = 9,039), a symmetric window of 10 with GloVe's harmonic weighting (1/d), i.e.
``cooccurrence_matrix(..., window=10, sparse=True, weighting="harmonic")``: 2,448,826
non-zero cells. Both fit d = 100:

* ours: ``train_glove(X, 100)`` with its defaults (25 epochs, lr 0.05, x_max 1, α 0.75);
* mittens (its numpy version, as installed without TensorFlow): ``GloVe(n=100,
  max_iter=100)``, full-batch AdaGrad on the dense |V| x |V| matrix, with the same objective
  (``xmax`` = ours, α = 0.75) unless ``--mittens-x-max`` says otherwise (its own default is
  100). It takes the dense matrix, which is built before the clock starts.

Each trainer runs in its own fresh process, one after the other: the matrix is built first
(not timed), then the clock and the peak-memory counter start, the model is trained, and the
word vectors W + C are scored on WordSim-353 and SimLex-999 (Spearman ρ on the pairs the
vocabulary covers). Printed for each: wall time and CPU time of the training (mittens' BLAS
may use several cores), the peak resident memory above the process's memory before training
(Linux, ``/proc/self/clear_refs``), and the two ρ. The machine load (``os.getloadavg``) is
printed before and after each run: on a busy machine the times are only comparable within
one run of this script.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wordvec_helpers import datasets  # noqa: E402
from wordvec_helpers.cooccurrence import cooccurrence_matrix  # noqa: E402
from wordvec_helpers.corpus import Vocabulary  # noqa: E402
from wordvec_helpers.evaluation import evaluate_similarity  # noqa: E402
from wordvec_helpers.glove import train_glove  # noqa: E402

DIM, WINDOW, MIN_COUNT, MITTENS_ITERATIONS = 100, 10, 5, 100
TRAINERS = ["ours", "mittens"]


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise OSError(f"{field} not in /proc/self/status")


def matrix():
    articles = datasets.wikipedia_sample()
    vocab = Vocabulary.build(articles, min_count=MIN_COUNT)
    corpus = vocab.encode_corpus(articles)
    X = cooccurrence_matrix(corpus, len(vocab), window=WINDOW, sparse=True, weighting="harmonic")
    return X, vocab


def child(trainer: str, seed: int, mittens_x_max: float | None) -> None:
    """Build the matrix, train once, print one JSON line with the figures."""
    X, vocab = matrix()
    if trainer == "ours":

        def train():
            return train_glove(X, DIM, seed=seed, progress=False).vectors

        settings = "train_glove(X, 100) defaults: 25 epochs, lr 0.05, x_max 1, alpha 0.75"
    else:
        import numpy as np
        from mittens import GloVe

        x_max = mittens_x_max if mittens_x_max is not None else 1.0
        dense = X.toarray()  # mittens needs the dense |V| x |V| matrix
        # mittens draws its initial vectors from numpy's global RNG: seed it (here only)
        np.random.seed(seed)  # noqa: NPY002

        def train():
            model = GloVe(n=DIM, max_iter=MITTENS_ITERATIONS, xmax=x_max, display_progress=0)
            return model.fit(dense)  # W + C

        settings = f"GloVe(n=100, max_iter=100, xmax={x_max:g}, alpha=0.75)"
    load_before = os.getloadavg()
    before = _status_mb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to the current RSS
    wall, cpu = time.perf_counter(), time.process_time()
    vectors = train()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = _status_mb("VmHWM")
    scores = {
        name: evaluate_similarity(vectors, vocab, pairs).spearman
        for name, pairs in [
            ("WordSim-353", datasets.wordsim353()),
            ("SimLex-999", datasets.simlex999()),
        ]
    }
    figures = {
        "trainer": trainer,
        "settings": settings,
        "vocab_size": len(vocab),
        "nonzero_cells": int(X.nnz),
        "wall_s": wall,
        "cpu_s": cpu,
        "before_mb": before,
        "peak_above_mb": peak - before,
        "load_before": load_before,
        "load_after": os.getloadavg(),
        **scores,
    }
    print(json.dumps(figures))


def in_fresh_process(trainer: str, seed: int, mittens_x_max: float | None) -> dict:
    command = [sys.executable, __file__, "--child", trainer, "--seed", str(seed)]
    if mittens_x_max is not None:
        command += ["--mittens-x-max", str(mittens_x_max)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--mittens-x-max", type=float, help="mittens' xmax (default: the same as ours, 1)"
    )
    parser.add_argument("--child", choices=TRAINERS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.seed, args.mittens_x_max)
        return

    import mittens
    import numpy as np
    import scipy

    print(
        f"numpy {np.__version__}, scipy {scipy.__version__}, mittens {mittens.__version__} "
        f"({'numpy' if 'np_mittens' in mittens.GloVe.__module__ else 'TensorFlow'} version); "
        f"{os.cpu_count()} CPUs"
    )
    results = {}
    for trainer in TRAINERS:
        print(f"running {trainer} in a fresh process ...", flush=True)
        results[trainer] = figures = in_fresh_process(trainer, args.seed, args.mittens_x_max)
        print(
            f"  {figures['settings']}\n  |V| = {figures['vocab_size']:,}, "
            f"{figures['nonzero_cells']:,} non-zero cells; load average before "
            + ", ".join(f"{x:.2f}" for x in figures["load_before"])
            + ", after "
            + ", ".join(f"{x:.2f}" for x in figures["load_after"]),
            flush=True,
        )
    print(
        f"\n{'trainer':<8} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'WordSim-353':>12} "
        f"{'SimLex-999':>11}"
    )
    for trainer, f in results.items():
        print(
            f"{trainer:<8} {f['wall_s']:8.1f} {f['cpu_s']:8.1f} {f['peak_above_mb']:8.0f} "
            f"{f['WordSim-353']:12.3f} {f['SimLex-999']:11.3f}"
        )
    ours, theirs = results["ours"], results["mittens"]
    print(
        f"\nspeed-up (wall): {theirs['wall_s'] / ours['wall_s']:.2f}x   "
        f"ρ differences (ours - mittens): WordSim-353 "
        f"{ours['WordSim-353'] - theirs['WordSim-353']:+.3f}, "
        f"SimLex-999 {ours['SimLex-999'] - theirs['SimLex-999']:+.3f}"
    )
    print(
        "peak MB: peak resident memory while training, above the process's memory before "
        "training (the matrix, and for mittens its dense copy, already built)"
    )


if __name__ == "__main__":
    main()

"""Benchmark of the count-based pipeline on the Wikipedia sample (a benchmark, not a test).

    .venv/bin/python benchmarks/bench_count.py [--repeats 5]

Stages: tokenise the dump (uncached) -> vocabulary (min_count 5) -> encode -> co-occurrence
(window 5, sparse) -> PPMI (alpha 0.75) -> truncated SVD (d = 100, the default method: ARPACK
for sparse input). Prints the median time of each stage over the repeats, the peak memory the
stages allocate (tracemalloc, which numpy reports its arrays to; measured in one more run) and
the peak resident memory of a fresh process that runs the stages once, then WordSim-353
Spearman of the vectors for eigenvalue weightings p = 0, 0.5, 1.

Then the SVD methods on the same PPMI matrix, each run with seeds 0-4: the scipy reference
(``scipy.sparse.linalg.svds(PPMI, k=100)`` in float64), ``truncated_svd``'s default and its
randomized SVD with 4 and 7 power iterations. For each: the median time of the five runs, its
ratio to the scipy reference, sigma_100's relative error against ARPACK (seed 0) and WordSim-353
at p = 0.5 over the five seeds.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _memory  # noqa: E402
import numpy as np  # noqa: E402
import scipy.sparse.linalg  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from wordvec_helpers import datasets  # noqa: E402
from wordvec_helpers.cooccurrence import cooccurrence_matrix  # noqa: E402
from wordvec_helpers.corpus import Vocabulary  # noqa: E402
from wordvec_helpers.evaluation import evaluate_similarity  # noqa: E402
from wordvec_helpers.pmi import ppmi  # noqa: E402
from wordvec_helpers.svd import truncated_svd  # noqa: E402

WINDOW, MIN_COUNT, ALPHA, DIM = 5, 5, 0.75, 100


def run_pipeline(articles, *, trace_memory=False):
    """One run of the stages after tokenisation; returns (timings, peak bytes, results).

    Memory is traced in a separate run: tracemalloc slows every allocation down."""
    timings = {}
    if trace_memory:
        tracemalloc.start()

    def stage(name, function):
        start = time.perf_counter()
        result = function()
        timings[name] = time.perf_counter() - start
        return result

    vocab = stage("vocabulary", lambda: Vocabulary.build(articles, min_count=MIN_COUNT))
    ids = stage("encode", lambda: vocab.encode_corpus(articles))
    W = stage(
        "co-occurrence",
        lambda: cooccurrence_matrix(ids, len(vocab), window=WINDOW, sparse=True),
    )
    PPMI = stage("PPMI", lambda: ppmi(W, alpha=ALPHA))
    U, s, V = stage("SVD", lambda: truncated_svd(PPMI, DIM, seed=0))
    peak = 0
    if trace_memory:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return timings, peak, (vocab, W, PPMI, U, s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="limit numpy's BLAS to this many threads (default: no limit). On a shared machine "
        "busy BLAS threads that outnumber the free cores can slow ARPACK tenfold; 1 thread "
        "gives figures that depend far less on the load.",
    )
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:  # a fresh process: the cached token lists, then one pipeline run
        articles = datasets.wikipedia_sample()
        _memory.measure(lambda: run_pipeline(articles))
        return
    limit = threadpool_limits(args.threads) if args.threads else contextlib.nullcontext()
    with limit:
        run_benchmark(args)
    print(f"\nload average at the end (1, 5, 15 min): {os.getloadavg()}")


def run_benchmark(args) -> None:
    source = datasets.gensim_data_path(datasets.WIKIPEDIA_FILE)
    start = time.perf_counter()
    articles = datasets._clean_wikipedia(source)  # the uncached tokenisation
    tokenise_s = time.perf_counter() - start

    runs = [run_pipeline(articles) for _ in range(args.repeats)]
    _, peak_bytes, _ = run_pipeline(articles, trace_memory=True)
    stages = list(runs[0][0])
    vocab, W, PPMI, U, s = runs[-1][2]
    n_tokens = sum(map(len, articles))

    threads = args.threads or "no limit"
    print(f"load average at the start (1, 5, 15 min): {os.getloadavg()}; BLAS threads: {threads}")
    print(f"Wikipedia sample: {len(articles)} articles, {n_tokens:,} tokens, |V| = {len(vocab):,}")
    print(f"W: {W.nnz:,} non-zero cells; PPMI: {PPMI.nnz:,}")
    print(f"\ntokenise (dump -> tokens, uncached): {tokenise_s:.2f} s")
    print(f"median of {args.repeats} runs of the stages after tokenisation:")
    total = 0.0
    for name in stages:
        median = statistics.median(run[0][name] for run in runs)
        total += median
        print(f"  {name:<14} {median:6.3f} s")
    totals = [sum(run[0].values()) for run in runs]
    print(f"  {'total':<14} {statistics.median(totals):6.3f} s (median of the run totals)")
    print(f"peak memory allocated by the stages (tracemalloc): {peak_bytes / 1e6:.0f} MB")
    rss = _memory.in_fresh_process(__file__, "--memory-child")
    if rss:
        print(
            f"peak resident memory of a fresh process running them once: {rss['peak_mb']:.0f} MB"
            f" ({rss['before_mb']:.0f} MB before the first stage: Python, numpy, scipy and the"
            " token lists)"
        )

    pairs = datasets.wordsim353()
    print("\nWordSim-353 Spearman of the target vectors (default SVD, seed 0):")
    for p in (0.0, 0.5, 1.0):
        vectors = U * s**p
        print(f"  p = {p:<3}: {evaluate_similarity(vectors, vocab, pairs)}")
    compare_svd_methods(PPMI, vocab, pairs, s)


def scipy_reference_svd(PPMI, seed):
    """``scipy.sparse.linalg.svds`` as a user would call it, in float64, largest first."""
    U, s, Vt = scipy.sparse.linalg.svds(PPMI.astype(np.float64), k=DIM, random_state=seed)
    order = np.argsort(-s)
    return U[:, order], s[order]


SVD_METHODS = {
    "scipy svds (reference)": scipy_reference_svd,
    "truncated_svd default": lambda PPMI, seed: truncated_svd(PPMI, DIM, seed=seed)[:2],
    "randomized, n_iter 4": lambda PPMI, seed: truncated_svd(
        PPMI, DIM, seed=seed, method="randomized", n_iter=4
    )[:2],
    "randomized, n_iter 7": lambda PPMI, seed: truncated_svd(
        PPMI, DIM, seed=seed, method="randomized", n_iter=7
    )[:2],
}


def compare_svd_methods(PPMI, vocab, pairs, s_arpack, seeds=range(5)):
    """Time, sigma_100 error and WordSim-353 (p = 0.5) of each SVD method over ``seeds``.

    The methods take turns (seed 0 of each, then seed 1 of each, ...), so that a change in the
    machine's load during the run slows them alike."""
    print(
        f"\nSVD methods, d = {DIM}, each run with seeds {seeds[0]}-{seeds[-1]} (taking turns): "
        "median time, ratio to the scipy\nreference, sigma_100's relative error against ARPACK "
        "(seed 0), WordSim-353 at p = 0.5 over the seeds:"
    )
    times, errors, scores = ({name: [] for name in SVD_METHODS} for _ in range(3))
    for seed in seeds:
        for name, method in SVD_METHODS.items():
            start = time.perf_counter()
            U, s = method(PPMI, seed)
            times[name].append(time.perf_counter() - start)
            error = (s[-1] - s_arpack[-1]) / s_arpack[-1]
            errors[name].append(round(error, 4) + 0.0)  # + 0.0: never print "-0.00%"
            scores[name].append(evaluate_similarity(U * s**0.5, vocab, pairs).spearman)
    reference = statistics.median(times["scipy svds (reference)"])
    for name in SVD_METHODS:
        median, error, score = statistics.median(times[name]), errors[name], scores[name]
        print(
            f"  {name:<23} {median:6.3f} s ({median / reference:4.2f}x)  "
            f"sigma_100 {np.mean(error):+6.2%} [{min(error):+6.2%}, {max(error):+6.2%}]  "
            f"WordSim-353 mean {np.mean(score):.3f}, min {min(score):.3f}, "
            f"max {max(score):.3f} ({', '.join(f'{x:.3f}' for x in score)})"
        )


if __name__ == "__main__":
    main()

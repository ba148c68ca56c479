"""Benchmark of analogy evaluation (a benchmark, not a test).

    .venv/bin/python benchmarks/bench_eval.py [--repeats 5] [--vocab 10000] [--dim 100] [--gensim]

Evaluates all 19,544 Google analogy questions (every question word is in the vocabulary, so
all of them are answered) against a vocabulary of 10,000 words with random d = 100 vectors,
with 3CosAdd and 3CosMul, for float32 (as gensim stores vectors) and float64 input. Prints
the median and the best time over the repeats (target: under 2 s) and the machine's load
average. With --gensim it also times gensim's ``evaluate_word_analogies`` on the same vectors
(3CosAdd, one question at a time: minutes, not seconds).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from wordvec_helpers import datasets  # noqa: E402
from wordvec_helpers.evaluation import evaluate_analogies  # noqa: E402

TARGET_SECONDS = 2.0


def benchmark_vocabulary(questions, size: int) -> list[str]:
    """Every question word, then filler words up to ``size``."""
    words = list(dict.fromkeys(w for section in questions.values() for q in section for w in q))
    if len(words) > size:
        raise SystemExit(f"--vocab must be at least {len(words)} to hold every question word")
    return words + [f"filler{i}" for i in range(size - len(words))]


def time_it(function, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--vocab", type=int, default=10_000)
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--gensim", action="store_true", help="time gensim too (slow)")
    args = parser.parse_args()

    questions = datasets.google_analogies()
    n_questions = sum(map(len, questions.values()))
    words = benchmark_vocabulary(questions, args.vocab)
    vectors = np.random.default_rng(0).standard_normal((len(words), args.dim))

    print(
        f"{n_questions:,} analogy questions, |V| = {len(words):,}, d = {args.dim}, "
        f"{args.repeats} repeats; load average {os.getloadavg()[0]:.2f} on "
        f"{os.cpu_count()} CPUs"
    )
    print(f"{'method':9s} {'dtype':8s} {'median':>8s} {'best':>8s}  answered")
    worst_median = 0.0
    for method in ("3cosadd", "3cosmul"):
        for dtype in (np.float32, np.float64):
            matrix = vectors.astype(dtype)
            result = evaluate_analogies(matrix, words, questions, method)  # warm-up
            assert result.total.n_evaluated == n_questions
            times = time_it(lambda m=matrix, k=method: evaluate_analogies(m, words, questions, k),
                            args.repeats)  # fmt: skip
            median = statistics.median(times)
            worst_median = max(worst_median, median)
            print(
                f"{method:9s} {np.dtype(dtype).name:8s} {median:7.2f}s {min(times):7.2f}s  "
                f"{result.total.n_evaluated:,}"
            )
    verdict = "under" if worst_median < TARGET_SECONDS else "OVER"
    print(f"slowest median {worst_median:.2f} s: {verdict} the {TARGET_SECONDS:.0f} s target")

    if args.gensim:
        from gensim.models import KeyedVectors
        from gensim.test.utils import datapath

        keyed = KeyedVectors(args.dim)
        keyed.add_vectors(words, vectors.astype(np.float32))
        start = time.perf_counter()
        keyed.evaluate_word_analogies(datapath("questions-words.txt"))
        print(f"gensim evaluate_word_analogies (3CosAdd, float32): "
              f"{time.perf_counter() - start:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()

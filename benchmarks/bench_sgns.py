"""Benchmark of train_sgns against gensim's Word2Vec on the Wikipedia sample (not a test).

    .venv/bin/python benchmarks/bench_sgns.py [--repeats 5] [--no-memory]

Both train skip-gram with negative sampling with the same settings (gensim's
``Word2Vec(sg=1, negative=5, window=5, vector_size=100, min_count=5, sample=1e-3,
epochs=5)``, learning rate 0.025 falling linearly) on the same token stream: the articles of
``datasets.wikipedia_sample()`` cut into pieces of at most 10,000 tokens, because gensim
silently truncates longer sentences. The vocabulary (min_count 5) is built once for each, before
the clock starts; training is timed alone.

The runs alternate: ours with the default minibatch (256 target words), gensim workers=1,
gensim workers=2, ours with minibatches of 1,024 (faster, but no longer stable: see the
``batch_size`` parameter of ``train_sgns``), ``--repeats`` times, with seed = repeat number.
Printed for each trainer:

* median effective words/s: words left after min_count and subsampling, summed over the
  epochs, per second of training (for gensim the count its ``train()`` returns);
* ratios of ours to gensim workers=1 and workers=2;
* peak memory: the peak resident memory of a fresh process while it trains once, above that
  process's resident memory before training (Linux; ``/proc/self/clear_refs``);
* WordSim-353 Spearman of the target (gensim: input) vectors, median and range over the runs.

The machine load (``os.getloadavg``) is printed before and after: on a busy machine the
speed figures are not comparable with anything measured elsewhere.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _memory  # noqa: E402

from wordvec_helpers import datasets  # noqa: E402
from wordvec_helpers.corpus import Vocabulary  # noqa: E402
from wordvec_helpers.evaluation import evaluate_similarity  # noqa: E402
from wordvec_helpers.skipgram import train_sgns  # noqa: E402

DIM, WINDOW, NEGATIVES, MIN_COUNT, SAMPLE, EPOCHS, LR = 100, 5, 5, 5, 1e-3, 5, 0.025
MAX_SENTENCE = 10_000  # gensim's MAX_WORDS_IN_BATCH: it truncates longer sentences
TRAINERS = ["ours, batch 256", "gensim, workers=1", "gensim, workers=2", "ours, batch 1024"]


def token_stream() -> list[list[str]]:
    """The Wikipedia sample, every article cut into pieces of at most MAX_SENTENCE tokens."""
    return [
        article[start : start + MAX_SENTENCE]
        for article in datasets.wikipedia_sample()
        for start in range(0, len(article), MAX_SENTENCE)
    ]


def train_ours(sentences, batch_size: int, seed: int):
    """Returns (seconds, effective words, target vectors, words of the rows)."""
    vocab = Vocabulary.build(sentences, min_count=MIN_COUNT)
    ids = vocab.encode_corpus(sentences)
    start = time.perf_counter()
    model = train_sgns(
        ids,
        vocab,
        dim=DIM,
        window=WINDOW,
        negatives=NEGATIVES,
        epochs=EPOCHS,
        lr=LR,
        subsample=SAMPLE,
        seed=seed,
        progress=False,
        batch_size=batch_size,
    )
    seconds = time.perf_counter() - start
    return seconds, model.words_processed, model.target_vectors, vocab.words


def train_gensim(sentences, workers: int, seed: int):
    """Returns (seconds, effective words, input vectors, words of the rows)."""
    from gensim.models import Word2Vec

    model = Word2Vec(
        sg=1,
        negative=NEGATIVES,
        window=WINDOW,
        vector_size=DIM,
        min_count=MIN_COUNT,
        sample=SAMPLE,
        epochs=EPOCHS,
        alpha=LR,
        workers=workers,
        seed=seed,
    )
    model.build_vocab(sentences)
    start = time.perf_counter()
    effective, _raw = model.train(sentences, total_examples=model.corpus_count, epochs=EPOCHS)
    seconds = time.perf_counter() - start
    return seconds, effective, model.wv.vectors, model.wv.index_to_key


def run(trainer: str, sentences, seed: int):
    if trainer.startswith("ours"):
        return train_ours(sentences, int(trainer.split()[-1]), seed)
    return train_gensim(sentences, int(trainer[-1]), seed)


def measure_memory(trainer: str) -> None:
    """Child process: train once and print the peak resident memory above the baseline."""
    sentences = token_stream()
    _memory.measure(lambda: run(trainer, sentences, seed=0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-memory", action="store_true", help="skip the memory runs")
    parser.add_argument("--memory-of", choices=TRAINERS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.getLogger("gensim").setLevel(logging.WARNING)
    if args.memory_of:
        measure_memory(args.memory_of)
        return

    import gensim
    import numpy as np
    import scipy

    sentences = token_stream()
    n_tokens = sum(map(len, sentences))
    print(
        f"Wikipedia sample: {n_tokens:,} tokens in {len(sentences)} pieces of <= "
        f"{MAX_SENTENCE:,}; d={DIM}, window={WINDOW}, K={NEGATIVES}, min_count={MIN_COUNT}, "
        f"sample={SAMPLE:g}, epochs={EPOCHS}"
    )
    print(
        f"numpy {np.__version__}, scipy {scipy.__version__}, gensim {gensim.__version__}; "
        f"{os.cpu_count()} CPUs; load average before: "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    pairs = datasets.wordsim353()
    speed = {trainer: [] for trainer in TRAINERS}
    spearman = {trainer: [] for trainer in TRAINERS}
    for repeat in range(args.repeats):
        for trainer in TRAINERS:
            seconds, words, vectors, words_of_rows = run(trainer, sentences, seed=repeat)
            speed[trainer].append(words / seconds)
            rho = evaluate_similarity(vectors, list(words_of_rows), pairs)
            spearman[trainer].append(rho.spearman)
            print(
                f"  run {repeat + 1}/{args.repeats} {trainer:<18} {seconds:6.2f} s "
                f"{words / seconds:>10,.0f} effective words/s   WordSim-353 {rho.spearman:.3f} "
                f"({rho.n_used} pairs)",
                flush=True,
            )
    print("load average after: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))

    memory = {}
    if not args.no_memory:
        memory = {
            trainer: _memory.in_fresh_process(__file__, "--memory-of", trainer)
            for trainer in TRAINERS
        }

    median = {trainer: statistics.median(speed[trainer]) for trainer in TRAINERS}
    print(f"\nmedian of {args.repeats} alternating runs")
    print(
        f"{'trainer':<18} {'words/s':>10} {'/ gensim w=1':>13} {'/ gensim w=2':>13} "
        f"{'peak MB':>8}  WordSim-353 median [min, max]"
    )
    for trainer in TRAINERS:
        peak = memory.get(trainer)
        peak_text = f"{peak['peak_mb'] - peak['before_mb']:8.0f}" if peak else f"{'-':>8}"
        rho = spearman[trainer]
        print(
            f"{trainer:<18} {median[trainer]:>10,.0f} "
            f"{median[trainer] / median['gensim, workers=1']:>12.2f}x "
            f"{median[trainer] / median['gensim, workers=2']:>12.2f}x {peak_text}  "
            f"{statistics.median(rho):.3f} [{min(rho):.3f}, {max(rho):.3f}]"
        )
    if memory:
        print(
            "peak MB: peak resident memory while training, above the process's memory before "
            "training (data and vocabulary already loaded)"
        )


if __name__ == "__main__":
    main()

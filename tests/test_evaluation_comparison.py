"""What notebook 07 compares methods with: analogy baselines, dev/test splits, spreads over
seeds, paired fold differences, neighbour overlap and the WEAT association test — each against
a loop oracle or a hand-computed case."""

from itertools import combinations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from wordvec_helpers import datasets, evaluation
from wordvec_helpers.corpus import Vocabulary


def _random_space(seed=0, n_words=60, d=8):
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(n_words)]
    return rng.normal(size=(n_words, d)) * rng.uniform(0.5, 3, (n_words, 1)), words, rng


def _cos(vectors):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return unit @ unit.T


# --------------------------------------------------------------------------- baselines


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_analogy_baselines_equal_a_loop_oracle(seed):
    vectors, words, rng = _random_space(seed)
    cos = _cos(vectors)
    questions = [tuple(words[i] for i in rng.choice(len(words), 4, replace=False))
                 for _ in range(40)]  # fmt: skip
    for method, score in [
        ("only-c", lambda a, b, c: cos[c]),
        ("ignore-a", lambda a, b, c: cos[b] + cos[c]),
    ]:
        expected = []
        for q in questions:
            a, b, c = (words.index(w) for w in q[:3])
            scores = score(a, b, c).copy()
            scores[[a, b, c]] = -np.inf
            expected.append(words[int(np.argmax(scores))])
        result = evaluation.evaluate_analogies(vectors, words, questions, method)
        assert [predicted for _, predicted in result.predictions] == expected
        first = [w for w, _ in evaluation.analogy(vectors, words, *questions[0][:3],
                                                   method=method, topn=1)]  # fmt: skip
        assert first == expected[:1]


def test_only_c_is_the_nearest_neighbour_of_c():
    vectors, words, _ = _random_space(3)
    answers = evaluation.analogy(vectors, words, "w1", "w2", "w3", method="only-c", topn=3)
    cos = _cos(vectors)[3]
    cos[[1, 2, 3]] = -np.inf
    assert [w for w, _ in answers] == [words[i] for i in np.argsort(-cos)[:3]]
    np.testing.assert_allclose([s for _, s in answers], np.sort(cos)[::-1][:3])


def test_an_unknown_method_is_named():
    vectors, words, _ = _random_space()
    with pytest.raises(ValueError, match="only-c"):
        evaluation.analogy(vectors, words, "w1", "w2", "w3", method="only-b")


# --------------------------------------------------------------------------- dev/test splits


def test_split_benchmark_halves_the_covered_pairs():
    pairs = datasets.wordsim353()
    vocab = Vocabulary.build([[w for a, b, _ in pairs[::2] for w in (a, b)]])
    dev, test = evaluation.split_benchmark(pairs, vocab, rng=np.random.default_rng(0))
    covered = [p for p in pairs if p[0] in vocab and p[1] in vocab]
    assert len(dev) == len(covered) // 2 and len(dev) + len(test) == len(covered)
    assert sorted(dev + test) == sorted(covered)
    assert not set(dev) & set(test)
    assert dev == sorted(dev, key=covered.index) and test == sorted(test, key=covered.index)
    again = evaluation.split_benchmark(pairs, vocab, rng=np.random.default_rng(0))
    other = evaluation.split_benchmark(pairs, vocab, rng=np.random.default_rng(1))
    assert again == (dev, test) and other != (dev, test)


def test_split_benchmark_splits_every_analogy_section():
    questions = datasets.google_analogies()
    words = sorted({w for s in questions.values() for q in s[:60] for w in q})
    dev, test = evaluation.split_benchmark(questions, words, rng=np.random.default_rng(0))
    assert list(dev) == list(questions) == list(test)
    for name, section in questions.items():
        covered = [q for q in section if all(w in words for w in q)]
        assert len(dev[name]) == len(covered) // 2
        assert sorted(dev[name] + test[name]) == sorted(covered)


def test_split_benchmark_needs_a_generator():
    with pytest.raises(TypeError, match="rng must be a np.random.Generator"):
        evaluation.split_benchmark(datasets.wordsim353(), ["love"], rng=0)


# --------------------------------------------------------------------------- spreads


def test_spread_shows_mean_min_and_max():
    assert repr(evaluation.spread([0.49, 0.51, 0.50])) == "0.500 [0.490–0.510]"
    assert evaluation.spread([0.25]).format(2) == "0.25"
    with pytest.raises(ValueError, match="finite"):
        evaluation.spread([np.nan])


def test_standard_error_and_paired_difference_by_hand():
    first = evaluation.CrossValidationResult(np.array([0.5, 0.6, 0.7, 0.6]))
    second = evaluation.CrossValidationResult(np.array([0.4, 0.6, 0.6, 0.6]))
    assert first.standard_error == pytest.approx(first.std / 2)
    paired = evaluation.paired_difference(first, second)
    np.testing.assert_allclose(paired.differences, [0.1, 0.0, 0.1, 0.0])
    assert paired.mean == pytest.approx(0.05)
    assert paired.standard_error == pytest.approx(np.std([0.1, 0, 0.1, 0], ddof=1) / 2)
    assert repr(paired).startswith("difference +0.050 ± 0.029")
    with pytest.raises(ValueError, match="same folds"):
        evaluation.paired_difference(first, evaluation.CrossValidationResult(np.ones(5)))


# --------------------------------------------------------------------------- neighbours


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(1, 6))
def test_neighbour_overlap_equals_a_set_oracle(seed, k):
    first, words, rng = _random_space(seed, n_words=30)
    second = first + rng.normal(0, 0.8, first.shape)
    probe = [words[i] for i in rng.choice(30, 5, replace=False)]

    def neighbours(vectors, word):
        cos = _cos(vectors)[words.index(word)]
        cos[words.index(word)] = -np.inf
        return set(np.argsort(-cos, kind="stable")[:k])

    expected = [len(neighbours(first, w) & neighbours(second, w)) / k for w in probe]
    got = evaluation.neighbour_overlap(first, second, words, probe, k=k)
    np.testing.assert_allclose(got, expected)


def test_neighbour_overlap_ignores_rotations_and_accepts_sparse_rows():
    vectors, words, rng = _random_space(4)
    rotation, _ = np.linalg.qr(rng.normal(size=(8, 8)))
    probe = words[:10]
    assert np.all(evaluation.neighbour_overlap(vectors, vectors @ rotation, words, probe) == 1)
    sparse = sp.csr_matrix(np.abs(vectors))
    assert np.all(evaluation.neighbour_overlap(sparse, np.abs(vectors), words, probe) == 1)
    with pytest.raises(ValueError, match="k must be smaller"):
        evaluation.neighbour_overlap(vectors, vectors, words, probe, k=60)


# --------------------------------------------------------------------------- WEAT


def _weat_oracle(vectors, words, X, Y, A, B):
    cos = _cos(vectors)

    def s(w):
        i = words.index(w)
        return np.mean([cos[i, words.index(a)] for a in A]) - np.mean(
            [cos[i, words.index(b)] for b in B]
        )

    values = {w: s(w) for w in X + Y}
    observed = np.mean([values[x] for x in X]) - np.mean([values[y] for y in Y])
    effect = observed / np.std(list(values.values()), ddof=1)
    union, at_least = X + Y, 0
    splits = list(combinations(union, len(X)))
    for first in splits:
        rest = [w for w in union if w not in first]
        diff = np.mean([values[w] for w in first]) - np.mean([values[w] for w in rest])
        at_least += diff >= observed - 1e-12
    return effect, at_least / len(splits)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_weat_equals_a_loop_oracle(seed):
    vectors, words, rng = _random_space(seed, n_words=20)
    X, Y, A, B = words[0:4], words[4:8], words[8:12], words[12:15]
    result = evaluation.weat(vectors, words, X, Y, A, B)
    effect, p_value = _weat_oracle(vectors, words, X, Y, A, B)
    assert result.effect_size == pytest.approx(effect)
    assert result.p_value == pytest.approx(p_value)
    assert result.exact and result.n_partitions == 70
    swapped = evaluation.weat(vectors, words, Y, X, A, B)
    assert swapped.effect_size == pytest.approx(-effect)


def test_weat_separated_sets_get_the_smallest_p_value_and_missing_words_are_reported():
    d = 6
    a_dir, b_dir = np.eye(d)[0], np.eye(d)[1]
    rng = np.random.default_rng(0)
    words = [f"x{i}" for i in range(4)] + [f"y{i}" for i in range(4)] + ["a0", "a1", "b0", "b1"]
    vectors = np.vstack([a_dir + 0.1 * rng.normal(size=(4, d)),
                         b_dir + 0.1 * rng.normal(size=(4, d)),
                         a_dir + 0.05 * rng.normal(size=(2, d)),
                         b_dir + 0.05 * rng.normal(size=(2, d))])  # fmt: skip
    result = evaluation.weat(
        vectors, words, words[:4] + ["xmissing"], words[4:8], ["a0", "a1"], ["b0", "b1", "bb"]
    )
    assert result.p_value == pytest.approx(1 / 70)
    assert result.effect_size > 1.5
    assert result.missing == {"X": ["xmissing"], "Y": [], "A": [], "B": ["bb"]}
    assert "one-sided p = 0.014" in repr(result) and "12 of 14 words" in repr(result)


def test_weat_samples_partitions_when_there_are_too_many():
    vectors, words, _ = _random_space(5, n_words=40)
    X, Y, A, B = words[:9], words[9:18], words[18:24], words[24:30]
    exact = evaluation.weat(vectors, words, X, Y, A, B, max_partitions=100_000)
    assert exact.exact and exact.n_partitions == 48_620
    with pytest.raises(TypeError, match="pass rng"):
        evaluation.weat(vectors, words, X, Y, A, B, max_partitions=1000)
    sampled = evaluation.weat(vectors, words, X, Y, A, B, max_partitions=20_000,
                              rng=np.random.default_rng(0))  # fmt: skip
    assert not sampled.exact and sampled.n_partitions == 20_000
    assert sampled.p_value == pytest.approx(exact.p_value, abs=0.01)
    with pytest.raises(ValueError, match="too few words"):
        evaluation.weat(vectors, words, ["w0", "zz"], ["w1"], A, B)

"""The word-category task: categories from the analogy file, cross-validated accuracy."""

from __future__ import annotations

import numpy as np
import pytest

from wordvec_helpers import word_categories as wc
from wordvec_helpers.evaluation import fit_logistic_regression

QUESTIONS = {
    "capital-common-countries": [("athens", "greece", "baghdad", "iraq")],
    "gram3-comparative": [("bad", "worse", "big", "bigger")],
    "gram4-superlative": [("bad", "worst", "big", "biggest")],
    "gram8-plural": [("bird", "birds", "greece", "greeces")],
}


def test_categories_by_section_and_side_and_ambiguous_words_left_out():
    categories = wc.word_categories(QUESTIONS)
    assert categories["athens"] == "capital" and categories["iraq"] == "country"
    assert categories["bad"] == "adjective"  # adjective in both sections: one category
    assert categories["worse"] == "comparative" and categories["biggest"] == "superlative"
    assert "greece" not in categories  # a country and (here) a singular noun: left out
    assert list(categories) == sorted(categories)


def test_the_real_file_gives_every_section_a_category():
    categories = wc.word_categories()
    assert len(set(categories.values())) == 19
    assert categories["athens"] == "capital" and categories["danced"] == "past tense"
    with pytest.raises(ValueError, match="unknown analogy section 'colours'"):
        wc.word_categories({"colours": [("red", "green", "blue", "black")]})


def _planted(n_per_category=12, n_categories=4, d=8, noise=0.3, seed=0):
    """Words whose vectors are their category's direction plus noise, and distractor words."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((n_categories, d)) * 3
    words, rows, categories = [], [], {}
    for c in range(n_categories):
        for i in range(n_per_category):
            word = f"w{c}_{i}"
            words.append(word)
            rows.append(centres[c] + noise * rng.standard_normal(d))
            categories[word] = f"category {c}"
    words += ["the", "of"]
    rows += [rng.standard_normal(d), rng.standard_normal(d)]
    return np.array(rows), words, categories


def test_planted_categories_are_found_and_random_vectors_score_near_the_baseline():
    vectors, words, categories = _planted()
    result = wc.evaluate_word_categories(vectors, words, categories=categories)
    assert result.accuracy == 1.0 and result.coverage == 1.0
    assert result.majority == pytest.approx(0.25, abs=0.1)
    assert len(result.words) == 48 and "the" not in result.words

    scores = [
        wc.evaluate_word_categories(
            np.random.default_rng(seed).standard_normal(vectors.shape),
            words,
            categories=categories,
        ).accuracy
        for seed in range(5)
    ]
    assert abs(np.mean(scores) - 0.25) < 0.12  # chance for 4 balanced categories


def test_real_categories_random_vectors_near_the_majority_baseline():
    words = sorted(wc.word_categories())[:2000:3]
    vectors = np.random.default_rng(1).standard_normal((len(words), 20))
    result = wc.evaluate_word_categories(vectors, words, n_steps=50)
    assert result.accuracy < result.majority + 0.08
    assert "majority class" in repr(result)


def test_same_seed_same_result_and_fold_spread():
    vectors, words, categories = _planted(noise=3.0)
    first = wc.evaluate_word_categories(vectors, words, categories=categories, seed=3)
    again = wc.evaluate_word_categories(vectors, words, categories=categories, seed=3)
    assert np.array_equal(first.fold_accuracies, again.fold_accuracies)
    assert first.std == pytest.approx(np.std(first.fold_accuracies, ddof=1))
    assert first.accuracy == pytest.approx(np.mean(first.fold_accuracies))


def test_bad_input_is_named():
    vectors, words, categories = _planted()
    with pytest.raises(ValueError, match="folds must be"):
        wc.evaluate_word_categories(vectors, words, categories=categories, folds=1)
    with pytest.raises(ValueError, match="different sizes"):
        wc.evaluate_word_categories(vectors[:-1], words, categories=categories)
    with pytest.raises(ValueError, match="fewer than 2 categories"):
        wc.evaluate_word_categories(vectors[:5], words[:5], categories=categories)
    with pytest.raises(ValueError, match="categories is empty"):
        wc.evaluate_word_categories(vectors, words, categories={})


@pytest.mark.parametrize("shape", [(30, 5), (12, 40)])  # primal, and dual (f > n)
def test_one_vs_rest_equals_one_binary_regression_per_category(shape):
    rng = np.random.default_rng(7)
    X = rng.standard_normal(shape)
    y = np.arange(shape[0]) % 3
    weights, biases = wc.fit_one_vs_rest(X, y, 3, l2=0.1, n_steps=40)
    for c in range(3):
        model = fit_logistic_regression(X, (y == c).astype(int), l2=0.1, n_steps=40)
        np.testing.assert_allclose(weights[:, c], model.weights, rtol=1e-9, atol=1e-12)
        assert biases[c] == pytest.approx(model.bias, rel=1e-9, abs=1e-12)

"""Evaluation: oracle tests against gensim and scipy, hand-computed cases, and bad input."""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
import scipy.stats
from gensim.models import KeyedVectors
from gensim.test.utils import datapath

from wordvec_helpers import datasets, evaluation
from wordvec_helpers.corpus import Vocabulary
from wordvec_helpers.gradcheck import gradcheck

# --------------------------------------------------------------------------------------------
# A vocabulary with structure: most question words, fillers, and less frequent case variants
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def benchmark_vectors():
    """Random float32 vectors over ~1,900 words where many analogy relations hold up to noise,
    so that gensim and we agree on a mix of right and wrong answers (not all wrong)."""
    rng = np.random.default_rng(0)
    questions = datasets.google_analogies()
    pairs = datasets.wordsim353() + datasets.simlex999()
    words = []
    for word in [w for s in questions.values() for q in s for w in q] + [
        w for a, b, _ in pairs for w in (a, b)
    ]:
        if word not in words:
            words.append(word)
    words = [w for i, w in enumerate(words) if i % 7 != 3]  # some out-of-vocabulary words
    words = list(rng.permutation(words + [f"filler{i}" for i in range(300)]))
    index = {w: i for i, w in enumerate(words)}
    d = 24
    vectors = rng.standard_normal((len(words), d))
    for section in questions.values():
        offset = 1.5 * rng.standard_normal(d)
        for a, b, _, _ in section[::7]:
            if a in index and b in index and rng.random() < 0.6:
                vectors[index[b]] = vectors[index[a]] + offset + 0.8 * rng.standard_normal(d)
    # Less frequent case variants, placed right next to their word: gensim never answers with
    # a variant of a question word, and counts a variant of the expected word as correct.
    variants = [w for w in ("athens", "paris", "greece", "boys", "berlin", "king") if w in index]
    extra = np.stack([vectors[index[w]] + 0.01 for w in variants[:4]])
    variants = [w.capitalize() if i % 2 else w.upper() for i, w in enumerate(variants[:4])]
    words += list(variants)
    vectors = np.vstack([vectors, extra]).astype(np.float32)
    keyed = KeyedVectors(d)
    keyed.add_vectors(words, vectors)
    return words, vectors, keyed


def _gensim_cosmul(keyed, words, vectors, questions, restrict):
    """3CosMul the way gensim's evaluate_word_analogies would run it with most_similar_cosmul:
    upper-case lookup among the first `restrict` words, question words ignored."""
    restricted = KeyedVectors(keyed.vector_size)
    restricted.add_vectors(words[:restrict], vectors[:restrict])
    ok_vocab = {w.upper(): restricted.get_index(w) for w in reversed(words[:restrict])}
    restricted.key_to_index = ok_vocab
    counts = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # init_sims inside gensim
        for section in questions.values():
            correct = evaluated = 0
            for question in section:
                a, b, c, expected = (w.upper() for w in question)
                if not all(w in ok_vocab for w in (a, b, c, expected)):
                    continue
                evaluated += 1
                sims = restricted.most_similar_cosmul(positive=[b, c], negative=[a], topn=5)
                predicted = None
                for word, _ in sims:
                    predicted = word.upper()
                    if predicted not in {a, b, c}:
                        break
                correct += predicted == expected
            counts.append((correct, evaluated))
    return counts


@pytest.mark.parametrize("restrict", [None, 1200])
def test_3cosadd_matches_gensim_evaluate_word_analogies(benchmark_vectors, restrict):
    words, vectors, keyed = benchmark_vectors
    questions = datasets.google_analogies()
    score, sections = keyed.evaluate_word_analogies(
        datapath("questions-words.txt"), restrict_vocab=restrict or 300_000
    )
    result = evaluation.evaluate_analogies(vectors, words, questions, restrict_vocab=restrict)
    assert len(result.sections) == len(sections) - 1 == 14
    for ours, theirs in zip(result.sections, sections[:-1], strict=True):
        assert ours.name == theirs["section"]
        assert ours.n_correct == len(theirs["correct"])
        assert ours.n_evaluated == len(theirs["correct"]) + len(theirs["incorrect"])
    assert result.accuracy == pytest.approx(score, abs=1e-12)
    assert 0.1 < result.accuracy < 0.9  # a mix of right and wrong answers: a real test
    assert result.total.n_questions == 19_544


@pytest.mark.parametrize("restrict", [None, 1200])
def test_3cosmul_matches_gensim_most_similar_cosmul(benchmark_vectors, restrict):
    words, vectors, keyed = benchmark_vectors
    questions = {name: qs[::4] for name, qs in datasets.google_analogies().items()}
    expected = _gensim_cosmul(keyed, words, vectors, questions, restrict or len(words))
    result = evaluation.evaluate_analogies(vectors, words, questions, "3cosmul", restrict)
    assert [(s.n_correct, s.n_evaluated) for s in result.sections] == expected
    assert result.total.n_correct > 0


@pytest.mark.parametrize("restrict", [None, 1200])
@pytest.mark.parametrize(
    ("filename", "loader"),
    [("wordsim353.tsv", datasets.wordsim353), ("simlex999.txt", datasets.simlex999)],
)
def test_similarity_matches_gensim_evaluate_word_pairs(
    benchmark_vectors, filename, loader, restrict
):
    words, vectors, keyed = benchmark_vectors
    _, spearman, oov_percent = keyed.evaluate_word_pairs(
        datapath(filename), restrict_vocab=restrict or 300_000
    )
    result = evaluation.evaluate_similarity(vectors, words, loader(), restrict_vocab=restrict)
    assert result.spearman == pytest.approx(spearman.statistic, abs=1e-9)
    assert 100 * (1 - result.coverage) == pytest.approx(oov_percent)
    assert len(result.oov_pairs) == result.n_pairs - result.n_used > 0


def test_similarity_is_scipy_spearman_of_cosines():
    rng = np.random.default_rng(1)
    vectors = rng.standard_normal((6, 3))
    words = list("abcdef")
    pairs = [("a", "b", 1.0), ("c", "d", 5.0), ("e", "f", 2.5), ("a", "f", 2.5), ("b", "c", 9)]
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    cosines = [unit[words.index(x)] @ unit[words.index(y)] for x, y, _ in pairs]
    expected = scipy.stats.spearmanr([s for *_, s in pairs], cosines)
    result = evaluation.evaluate_similarity(vectors, words, pairs)
    assert result.spearman == pytest.approx(expected.statistic)
    assert result.p_value == pytest.approx(expected.pvalue)
    np.testing.assert_allclose(result.model_similarities, cosines)


def test_three_pair_spearman_by_hand():
    """Human ranks 1, 2, 3; cosines 0.5, 0, 1 rank 2, 1, 3: d = (1, -1, 0), so
    ρ = 1 - 6 Σd² / (n (n² - 1)) = 1 - 6·2 / (3·8) = 0.5."""
    vectors = np.array([[1, 0], [1, np.sqrt(3)], [1, 0], [0, 1], [1, 1], [2, 2]], dtype=float)
    pairs = [("w1", "w2", 1.0), ("w3", "w4", 2.0), ("w5", "w6", 3.0)]
    result = evaluation.evaluate_similarity(vectors, ["w1", "w2", "w3", "w4", "w5", "w6"], pairs)
    np.testing.assert_allclose(result.model_similarities, [0.5, 0.0, 1.0], atol=1e-12)
    assert result.spearman == pytest.approx(0.5)
    assert (result.n_used, result.n_pairs, result.coverage) == (3, 3, 1.0)
    assert repr(result).startswith("Spearman ρ = 0.500 on 3 of 3 pairs")


def test_out_of_vocabulary_pairs_are_reported():
    vectors = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    pairs = [("a", "b", 1.0), ("a", "zebra", 2.0), ("B", "c", 3.0), ("c", "a", 4.0)]
    result = evaluation.evaluate_similarity(vectors, ["a", "b", "c"], pairs)
    assert result.oov_pairs == [("a", "zebra")]
    assert (result.n_used, result.n_pairs) == (3, 4)
    assert result.coverage == 0.75
    exact = evaluation.evaluate_similarity(vectors, ["a", "b", "c"], pairs, case_insensitive=False)
    assert exact.oov_pairs == [("a", "zebra"), ("B", "c")]
    with pytest.raises(ValueError, match="only 1 of the 4 pairs"):
        evaluation.evaluate_similarity(vectors, ["a", "b", "zz"], pairs, case_insensitive=False)


# --------------------------------------------------------------------------------------------
# Analogies by hand
# --------------------------------------------------------------------------------------------

# king - man + woman = queen exactly; apple is a distractor. Every norm is √2.
HAND_WORDS = ["man", "woman", "king", "queen", "apple"]
HAND_VECTORS = np.array([[1, 0, 1], [1, 0, -1], [0, 1, 1], [0, 1, -1], [1, 1, 0]], dtype=float)


def test_four_word_analogy_is_solved():
    """man : king :: woman : ?  3CosAdd: cos(x, king) - cos(x, man) + cos(x, woman) is
    0 + 0.5 + 0.5 = 1 for queen and 0.5 - 0.5 + 0.5 = 0.5 for apple.
    3CosMul with cos' = (1 + cos) / 2: queen 0.5·0.75 / 0.25 = 1.5, apple 0.75·0.75 / 0.75."""
    add = evaluation.analogy(HAND_VECTORS, HAND_WORDS, "man", "king", "woman")
    assert [w for w, _ in add] == ["queen", "apple"]
    np.testing.assert_allclose([s for _, s in add], [1.0, 0.5])
    mul = evaluation.analogy(HAND_VECTORS, HAND_WORDS, "man", "king", "woman", method="3cosmul")
    np.testing.assert_allclose(
        [s for _, s in mul], [0.5 * 0.75 / (0.25 + 1e-6), 0.75 * 0.75 / (0.75 + 1e-6)]
    )
    for method in evaluation.METHODS:
        result = evaluation.evaluate_analogies(
            HAND_VECTORS, HAND_WORDS, [("man", "king", "woman", "queen")], method
        )
        assert (result.accuracy, result.coverage) == (1.0, 1.0)
        assert result.predictions == [(("man", "king", "woman", "queen"), "queen")]


def test_question_words_must_be_excluded():
    """With b close to every answer, 3CosAdd returns b itself unless a, b, c are excluded."""
    vectors = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 0.1], [0.1, 1, 0.1], [0, 0, 1]], float)
    words = ["a", "b", "c", "d", "other"]
    question = [("a", "b", "c", "d")]
    assert evaluation.evaluate_analogies(vectors, words, question).accuracy == 1.0
    wrong = evaluation.evaluate_analogies(vectors, words, question, exclude_question_words=False)
    assert wrong.accuracy == 0.0 and wrong.predictions[0][1] in {"b", "c"}
    ranked = evaluation.analogy(vectors, words, "a", "b", "c", exclude_question_words=False)
    assert ranked[0][0] in {"b", "c"}


def test_restrict_vocab_limits_questions_and_answers():
    words = HAND_WORDS[:3] + ["apple", "queen"]  # queen is now the least frequent word
    vectors = HAND_VECTORS[[0, 1, 2, 4, 3]]
    question = {"royal": [("man", "king", "woman", "queen")]}
    assert evaluation.evaluate_analogies(vectors, words, question).accuracy == 1.0
    restricted = evaluation.evaluate_analogies(vectors, words, question, restrict_vocab=4)
    assert restricted.total.n_evaluated == 0 and restricted.coverage == 0.0
    assert np.isnan(restricted.accuracy)
    assert evaluation.analogy(vectors, words, "man", "king", "woman", restrict_vocab=4)[0][0] == (
        "apple"
    )


def test_sparse_vectors_give_the_same_results(benchmark_vectors):
    words, vectors, _ = benchmark_vectors
    dense = np.where(np.abs(vectors) > 1.0, vectors, 0).astype(np.float64)  # mostly zeros
    questions = {name: qs[::10] for name, qs in datasets.google_analogies().items()}
    for method in evaluation.METHODS:
        a = evaluation.evaluate_analogies(dense, words, questions, method)
        b = evaluation.evaluate_analogies(sp.csr_matrix(dense), words, questions, method)
        assert a.predictions == b.predictions
    pairs = datasets.wordsim353()
    a = evaluation.evaluate_similarity(dense, words, pairs)
    b = evaluation.evaluate_similarity(sp.csr_matrix(dense), words, pairs)
    assert a.spearman == pytest.approx(b.spearman)


def test_batching_and_table_chunks_do_not_change_the_answers(benchmark_vectors, monkeypatch):
    words, vectors, _ = benchmark_vectors
    questions = {name: qs[::5] for name, qs in datasets.google_analogies().items()}
    reference = evaluation.evaluate_analogies(vectors, words, questions, "3cosmul")
    monkeypatch.setattr(evaluation.analogies, "_TABLE_ENTRIES", 50 * len(words))  # 50 words
    chunked = evaluation.evaluate_analogies(vectors, words, questions, "3cosmul", batch_size=7)
    assert chunked.predictions == reference.predictions


def test_analogy_result_reports_sections():
    questions = {
        "royal": [("man", "king", "woman", "queen"), ("man", "king", "woman", "zebra")],
        "empty": [("zebra", "yak", "gnu", "okapi")],
    }
    result = evaluation.evaluate_analogies(HAND_VECTORS, HAND_WORDS, questions)
    royal, empty = result.sections
    assert (royal.n_correct, royal.n_evaluated, royal.n_questions) == (1, 1, 2)
    assert royal.coverage == 0.5 and np.isnan(empty.accuracy)
    assert (result.total.n_correct, result.total.n_questions) == (1, 3)
    assert repr(result) == "3cosadd: accuracy 1.000 (1/1) on 1 of 3 questions (coverage 33.3%)"
    table = repr(result.section_table())
    assert "n/a" in table and "royal" in table and "total" in table


# --------------------------------------------------------------------------------------------
# Bad input gets a clear error
# --------------------------------------------------------------------------------------------


def test_empty_pair_list():
    with pytest.raises(ValueError, match="pairs is empty"):
        evaluation.evaluate_similarity(np.eye(2), ["a", "b"], [])


def test_vectors_and_vocabulary_of_different_sizes():
    with pytest.raises(ValueError, match="different sizes: vectors has 3 rows but the voc"):
        evaluation.evaluate_similarity(np.eye(3), ["a", "b"], [("a", "b", 1.0)])
    with pytest.raises(ValueError, match="different sizes"):
        evaluation.evaluate_analogies(np.eye(3), ["a", "b"], [("a", "b", "a", "b")])
    with pytest.raises(ValueError, match="different sizes"):
        evaluation.sentence_vectors([["a"]], np.eye(3), Vocabulary(["a", "b"], [2, 1]))


NAN_VECTORS = np.array([[np.nan, 0.0], [0.0, 1.0]])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: evaluation.evaluate_similarity(np.eye(2), ["a", "b"], [("a", "b")]), ValueError,
         r"pairs\[0\] must be \(word1, word2, score\)"),
        (lambda: evaluation.evaluate_similarity(np.eye(2), ["a", "b"], "a b 1"), TypeError,
         "list of"),
        (lambda: evaluation.evaluate_similarity(np.eye(2), ["a", "a"], [("a", "a", 1)]),
         ValueError, "'a' appears more than once"),
        (lambda: evaluation.evaluate_similarity(NAN_VECTORS, ["a", "b"], [("a", "b", 1)]),
         ValueError, "NaN"),
        (lambda: evaluation.evaluate_analogies(np.eye(2), ["a", "b"], {}), ValueError,
         "questions is empty"),
        (lambda: evaluation.evaluate_analogies(np.eye(2), ["a", "b"], [("a", "b", "a")]),
         ValueError, "must be 4 words"),
        (lambda: evaluation.evaluate_analogies(np.eye(2), ["a", "b"], [("a",) * 4], "cos"),
         ValueError, "method must be one of"),
        (lambda: evaluation.evaluate_analogies(np.eye(2), ["a", "b"], [("a",) * 4], "3cosadd", 0),
         ValueError, "restrict_vocab must be an integer >= 1"),
        (lambda: evaluation.analogy(HAND_VECTORS, HAND_WORDS, "man", "kinng", "woman"), KeyError,
         "'kinng' is not in the vocabulary.*did you mean 'king'"),
    ],
)  # fmt: skip
def test_bad_input_is_explained(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_constant_similarities_are_refused():
    with pytest.raises(ValueError, match="same value"):
        evaluation.evaluate_similarity(
            np.ones((3, 2)), list("abc"), [("a", "b", 1), ("b", "c", 2)]
        )


# --------------------------------------------------------------------------------------------
# The extrinsic task
# --------------------------------------------------------------------------------------------


def test_logistic_loss_at_zero_is_log_2():
    X = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]])
    loss, grad_w, grad_b = evaluation.logistic_loss_and_gradient(np.zeros(2), 0.0, X, [1, 0, 1])
    assert loss == pytest.approx(np.log(2))
    # σ(0) - y = (-0.5, 0.5, -0.5); ∂L/∂w = Xᵀ(σ(z) - y) / 3
    np.testing.assert_allclose(grad_w, X.T @ [-0.5, 0.5, -0.5] / 3)
    assert grad_b == pytest.approx(-0.5 / 3)


@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_logistic_gradient_passes_a_gradient_check(l2):
    rng = np.random.default_rng(2)
    X, y = rng.standard_normal((20, 5)), rng.integers(0, 2, 20)
    weights, bias = rng.standard_normal(5), 0.3
    _, grad_w, grad_b = evaluation.logistic_loss_and_gradient(weights, bias, X, y, l2)
    check_w = gradcheck(
        lambda w: evaluation.logistic_loss_and_gradient(w, bias, X, y, l2)[0], weights, grad_w
    )
    check_b = gradcheck(
        lambda b: evaluation.logistic_loss_and_gradient(weights, b[0], X, y, l2)[0],
        np.array([bias]),
        np.array([grad_b]),
    )
    assert check_w.passed and check_b.passed, (check_w, check_b)
    # the check has teeth: a gradient without the 1/n fails it
    assert not gradcheck(
        lambda w: evaluation.logistic_loss_and_gradient(w, bias, X, y, l2)[0],
        weights,
        grad_w * len(y),
    ).passed


def test_logistic_loss_is_stable_for_huge_scores():
    X = np.array([[1.0], [1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss, grad_w, _ = evaluation.logistic_loss_and_gradient(np.array([1e4]), 0.0, X, [1, 0])
    assert loss == pytest.approx(1e4 / 2)  # one example right (loss 0), one wrong (loss 1e4)
    assert np.isfinite(grad_w).all()


def test_logistic_regression_fits_separable_data_and_decreases_the_loss():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((60, 3))
    y = (X @ [1.0, -2.0, 0.5] > 0).astype(int)
    model = evaluation.fit_logistic_regression(X, y, l2=1e-3, n_steps=200)
    assert np.all(np.diff(model.losses) <= 1e-12)  # step 1/L never increases the loss
    assert np.mean(model.predict(X) == y) > 0.95


def test_wide_data_runs_the_same_gradient_descent_in_dual_form():
    """f > n takes the dual path; it must give the iterates of the plain loop."""
    rng = np.random.default_rng(5)
    X, y = rng.standard_normal((12, 40)), rng.integers(0, 2, 12)
    model = evaluation.fit_logistic_regression(X, y, l2=0.2, n_steps=50, learning_rate=0.05)
    weights, bias, losses = np.zeros(40), 0.0, []
    for _ in range(50):
        loss, grad_w, grad_b = evaluation.logistic_loss_and_gradient(weights, bias, X, y, 0.2)
        losses.append(loss)
        weights, bias = weights - 0.05 * grad_w, bias - 0.05 * grad_b
    np.testing.assert_allclose(model.weights, weights, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(model.losses, losses, rtol=1e-10)
    assert model.bias == pytest.approx(bias)


def test_stratified_folds():
    labels = np.array([0] * 13 + [1] * 7)
    folds = evaluation.stratified_folds(labels, 3, rng=np.random.default_rng(0))
    assert np.array_equal(np.sort(np.concatenate(folds)), np.arange(20))
    assert [int(labels[f].sum()) for f in folds] in ([3, 2, 2], [2, 3, 2], [2, 2, 3])
    again = evaluation.stratified_folds(labels, 3, rng=np.random.default_rng(0))
    assert all(np.array_equal(a, b) for a, b in zip(folds, again, strict=True))
    with pytest.raises(ValueError, match="label 1 has only 7"):
        evaluation.stratified_folds(labels, 8, rng=np.random.default_rng(0))
    with pytest.raises(TypeError, match="rng must be a np.random.Generator"):
        evaluation.stratified_folds(labels, 3, rng=0)


def test_cross_validation_is_deterministic_and_checks_the_folds():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((40, 4))
    y = (X[:, 0] + 0.5 * rng.standard_normal(40) > 0).astype(int)
    folds = evaluation.stratified_folds(y, 4, rng=np.random.default_rng(0))
    first = evaluation.cross_validate(X, y, folds)
    second = evaluation.cross_validate(X, y, folds)
    np.testing.assert_array_equal(first.fold_accuracies, second.fold_accuracies)
    assert first.mean > 0.7 and first.std == pytest.approx(np.std(first.fold_accuracies, ddof=1))
    assert repr(first).startswith("accuracy ") and "over 4 folds" in repr(first)
    with pytest.raises(ValueError, match="cover every example"):
        evaluation.cross_validate(X, y, folds[:3])


def test_sentence_vectors_average_known_words():
    vocab = Vocabulary(["good", "bad", "film"], [3, 2, 1])
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]])
    sentences = [["good", "film", "unknownword"], ["bad", "bad", "good"], ["nothing"]]
    X = evaluation.sentence_vectors(sentences, vectors, vocab)
    np.testing.assert_allclose(X, [[1.5, 1.0], [1 / 3, 2 / 3], [0.0, 0.0]])
    np.testing.assert_allclose(
        evaluation.sentence_vectors(sentences, sp.csr_matrix(vectors), vocab), X
    )


def test_bag_of_words_counts():
    X, vocab = evaluation.bag_of_words([["a", "b", "a"], ["c"]])
    assert vocab.words == ["a", "b", "c"]
    np.testing.assert_array_equal(X, [[2, 1, 0], [0, 0, 1]])


def test_polarity_pipeline_beats_chance_with_bag_of_words():
    sentences, labels = datasets.movie_polarity()
    folds = evaluation.stratified_folds(labels, 5, rng=np.random.default_rng(0))
    X, _ = evaluation.bag_of_words(sentences)
    result = evaluation.cross_validate(X, labels, folds)
    assert len(result.fold_accuracies) == 5 and 0.5 < result.mean < 1.0

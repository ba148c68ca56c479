"""Checks for the evaluation exercises (notebook 07): Spearman's ρ, 3CosAdd, and the gradient
of the logistic-regression loss.

Expected values come from scipy (Spearman) and from ``wordvec_helpers.evaluation``; the likely
mistakes (Pearson on the raw scores, the Σd² shortcut on tied data, ties not averaged, question
words not excluded, dot products instead of cosines, a flipped sign, a mean over the wrong
count, a missing bias gradient, ...) are computed from the same references on inputs drawn
here, which the student has not seen. Each mistake is a catalogued :class:`Mistake`.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import scipy.stats

from ..evaluation import analogy, logistic_loss_and_gradient
from ._core import CheckResult, Mistake, as_array, call, compare, fail, names_mistakes, run_check

_SEED = 707  # the cases come from a private generator, never from the notebook's rng


def _rng() -> np.random.Generator:
    return np.random.default_rng(_SEED)


def _number(name: str, value, case: str, mistake: Mistake) -> float:
    try:
        number = float(np.asarray(value, dtype=np.float64).reshape(()))
    except (TypeError, ValueError):
        fail(mistake, name=name, case=case)
    return number


# --------------------------------------------------------------------------- Spearman

SPEARMAN_NOT_A_NUMBER = Mistake(
    "not-a-number",
    "return a single number, ρ (scipy.stats.spearmanr returns two, the statistic and the "
    "p-value: take .statistic)",
)
SPEARMAN_PEARSON_RAW = Mistake(
    "pearson-on-raw-values",
    "this is Pearson's correlation of the raw values; Spearman's ρ is Pearson's correlation "
    "of their ranks: rank both lists with rankdata first",
)
SPEARMAN_ONE_LIST_RANKED = Mistake(
    "one-list-ranked",
    "only one of the two lists was turned into ranks: rank the human scores and the model's "
    "similarities, then correlate the two rank lists",
)
SPEARMAN_SUM_D2_WITH_TIES = Mistake(
    "sum-d2-with-ties",
    "right without ties, wrong with tied scores: the shortcut 1 - 6 Σd² / (n(n² - 1)) holds "
    "only when no two values tie; with ties, take the Pearson correlation (np.corrcoef) of "
    "the average ranks",
)
_TIES = (
    "right without ties, wrong with tied scores: tied values share the average of their ranks "
    "(three values tied for ranks 3, 4, 5 all get rank 4); scipy.stats.rankdata does that by "
    "default"
)
SPEARMAN_ORDINAL_TIES = Mistake(
    "ties-in-order-of-appearance",
    _TIES + " — yours ranks tied values in order of appearance (as argsort of argsort does)",
)
SPEARMAN_MIN_TIES = Mistake(
    "ties-get-lowest-rank", _TIES + " — yours gives tied values the lowest rank of their group"
)
SPEARMAN_SIGN = Mistake(
    "sign-flipped",
    "the sign is flipped: ρ is +1 when the model orders the pairs exactly as people do",
)
SPEARMAN_P_VALUE = Mistake(
    "p-value",
    "this is the p-value of the test, not ρ: scipy.stats.spearmanr(...) gives both; "
    "return the statistic",
)


def _spearman_cases():
    """(description, human scores, model similarities): no ties, ties in both lists, and a
    negative correlation with ties."""
    rng = _rng()
    no_ties = rng.permutation(10).astype(float) + rng.uniform(0, 0.5, 10)
    return [
        ("10 pairs without ties", no_ties, 2 * no_ties**3 + rng.normal(0, 40, 10)),
        (
            "8 pairs with tied scores",
            np.array([7.5, 3.0, 3.0, 9.1, 5.0, 5.0, 5.0, 1.2]),
            np.array([0.61, 0.12, 0.35, 0.72, 0.35, 0.50, 0.05, 0.20]),
        ),
        (
            "7 pairs ranked nearly in reverse",
            np.array([1.0, 2.0, 2.0, 4.0, 5.0, 6.0, 6.0]),
            np.array([0.9, 0.8, 0.85, 0.1, 0.3, 0.0, 0.3]),
        ),
    ]


def _rank_pearson(human, model, method="average", rank_human=True, rank_model=True):
    h = scipy.stats.rankdata(human, method=method) if rank_human else human
    m = scipy.stats.rankdata(model, method=method) if rank_model else model
    return np.corrcoef(h, m)[0, 1]


def _sum_d2(human, model):
    d = scipy.stats.rankdata(human) - scipy.stats.rankdata(model)
    n = len(d)
    return 1 - 6 * np.sum(d**2) / (n * (n**2 - 1))


@names_mistakes(
    SPEARMAN_NOT_A_NUMBER,
    SPEARMAN_PEARSON_RAW,
    SPEARMAN_ONE_LIST_RANKED,
    SPEARMAN_SUM_D2_WITH_TIES,
    SPEARMAN_ORDINAL_TIES,
    SPEARMAN_MIN_TIES,
    SPEARMAN_SIGN,
    SPEARMAN_P_VALUE,
)
def check_spearman(function) -> CheckResult:
    """Check ``function(human, model) -> ρ`` (Spearman's rank correlation) against scipy."""
    name = "Spearman's ρ"

    def body():
        cases = _spearman_cases()
        answers = []
        for case, human, model in cases:
            answer = call(name, function, human.copy(), model.copy())
            answers.append(_number(name, answer, case, SPEARMAN_NOT_A_NUMBER))

        def each(rule):
            return np.array([rule(human, model) for _, human, model in cases])

        expected = each(lambda h, m: scipy.stats.spearmanr(h, m).statistic)
        mistakes = [
            (SPEARMAN_PEARSON_RAW, each(lambda h, m: np.corrcoef(h, m)[0, 1])),
            (SPEARMAN_ONE_LIST_RANKED, each(lambda h, m: _rank_pearson(h, m, rank_model=False))),
            (SPEARMAN_ONE_LIST_RANKED, each(lambda h, m: _rank_pearson(h, m, rank_human=False))),
            (SPEARMAN_SUM_D2_WITH_TIES, each(_sum_d2)),
            (SPEARMAN_ORDINAL_TIES, each(lambda h, m: _rank_pearson(h, m, "ordinal"))),
            (SPEARMAN_MIN_TIES, each(lambda h, m: _rank_pearson(h, m, "min"))),
            (SPEARMAN_SIGN, -expected),
            (SPEARMAN_P_VALUE, each(lambda h, m: scipy.stats.spearmanr(h, m).pvalue)),
        ]
        compare(name, answers, expected, mistakes, case="three lists of pairs, two with ties")
        return "matches scipy.stats.spearmanr, ties and a negative correlation included"

    return run_check(name, body)


# --------------------------------------------------------------------------- 3CosAdd

COSADD_NOT_AN_ID = Mistake(
    "not-an-id",
    "return the id of the answer (an int, e.g. int(np.argmax(scores))), not a word, a score "
    "or an array",
)
COSADD_INCLUDED = Mistake(
    "question-words-not-excluded",
    "a, b or c came back as the answer: exclude the three question words (set their scores "
    "to -inf before argmax)",
)
COSADD_SOME_EXCLUDED = Mistake(
    "not-all-question-words-excluded",
    "a question word still came back as the answer: exclude all three of a, b and c, not "
    "only some of them",
)
COSADD_DOT_PRODUCTS = Mistake(
    "dot-products",
    "these are dot products, not cosines: normalise the rows to unit length first (long "
    "vectors win dot products whatever their direction)",
)
COSADD_COLUMNS_NORMALISED = Mistake(
    "columns-normalised",
    "the columns were normalised, not the rows: each word's vector (a row) must have length "
    "1, so divide by np.linalg.norm(vectors, axis=1, keepdims=True)",
)
COSADD_SWAPPED = Mistake("a-and-b-swapped", "a and b are swapped: the offset is b - a, added to c")
COSADD_ARGMIN = Mistake(
    "argmin",
    "this is the word with the lowest score: the answer maximises the score (argmax)",
)


def _analogy_cases():
    """Vectors of very different lengths (so that dot products and cosines disagree) and
    questions whose answers are not a, b or c."""
    rng = _rng()
    n_words, d = 40, 6
    vectors = rng.normal(size=(n_words, d)) * rng.uniform(0.2, 5.0, size=(n_words, 1))
    offset = rng.normal(size=d)
    for b in range(10, 18):  # b - a = c' - c'' + noise: a real relation
        vectors[b] = vectors[b - 10] + offset * np.linalg.norm(vectors[b - 10])
    questions = [(a, a + 10, c, c + 10) for a, c in [(0, 1), (2, 3), (4, 5), (6, 7), (1, 4)]]
    questions += [tuple(rng.choice(n_words, 3, replace=False)) + (None,) for _ in range(5)]
    # c close to b and a opposite to b: unless b itself is excluded, b wins
    vectors[37] = -0.8 * vectors[36]
    vectors[38] = 1.5 * vectors[36] + rng.normal(0, 0.1, d)
    questions.append((37, 36, 38, None))
    return vectors, [q[:3] for q in questions]


def _offset_answer(vectors, a, b, c, excluded=None, best=np.argmax):
    """The 3CosAdd-like answer on ``vectors`` as given (no normalisation), excluding the ids
    ``excluded`` (default a, b and c)."""
    scores = vectors @ (vectors[b] - vectors[a] + vectors[c])  # (|V|,)
    excluded = (a, b, c) if excluded is None else excluded
    scores[list(excluded)] = np.inf if best is np.argmin else -np.inf
    return int(best(scores))


@names_mistakes(
    COSADD_NOT_AN_ID,
    COSADD_INCLUDED,
    COSADD_SOME_EXCLUDED,
    COSADD_DOT_PRODUCTS,
    COSADD_COLUMNS_NORMALISED,
    COSADD_SWAPPED,
    COSADD_ARGMIN,
)
def check_3cosadd(function) -> CheckResult:
    """Check ``function(vectors, a, b, c) -> id of d`` (3CosAdd, a, b and c excluded)."""
    name = "3CosAdd"

    def body():
        vectors, questions = _analogy_cases()
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        by_column = vectors / np.linalg.norm(vectors, axis=0, keepdims=True)
        words = [f"w{i}" for i in range(len(vectors))]
        answers, expected, included, dots, columns, swapped, lowest = [], [], [], [], [], [], []
        partial = {}
        for a, b, c in questions:
            answer = call(name, function, vectors.copy(), int(a), int(b), int(c))
            if isinstance(answer, str | bool) or np.ndim(answer) != 0:
                fail(COSADD_NOT_AN_ID, name=name)
            try:
                answers.append(int(answer))
            except (TypeError, ValueError):
                fail(COSADD_NOT_AN_ID, name=name)
            best = analogy(vectors, words, words[a], words[b], words[c], topn=1)
            expected.append(words.index(best[0][0]))
            included.append(_offset_answer(unit, a, b, c, excluded=()))
            for size in (1, 2):
                for some in combinations((a, b, c), size):
                    key = tuple(sorted((a, b, c).index(w) for w in some))
                    partial.setdefault(key, []).append(_offset_answer(unit, a, b, c, some))
            dots.append(_offset_answer(vectors, a, b, c))
            columns.append(_offset_answer(by_column, a, b, c))
            swapped.append(_offset_answer(unit, b, a, c))
            lowest.append(_offset_answer(unit, a, b, c, best=np.argmin))
        mistakes = [
            (COSADD_INCLUDED, included),
            *[(COSADD_SOME_EXCLUDED, answers_) for answers_ in partial.values()],
            (COSADD_DOT_PRODUCTS, dots),
            (COSADD_COLUMNS_NORMALISED, columns),
            (COSADD_SWAPPED, swapped),
            (COSADD_ARGMIN, lowest),
        ]
        compare(name, as_array(answers), np.array(expected), mistakes, case="11 questions")
        return "answers 11 questions like the package's evaluate_analogies"

    return run_check(name, body)


# --------------------------------------------------------------------------- logistic regression

LOGISTIC_NOT_A_PAIR = Mistake(
    "not-a-pair", "return a tuple (grad_weights, grad_bias): the two gradients, in that order"
)
LOGISTIC_W_PER_EXAMPLE = Mistake(
    "grad-w-per-example",
    "∂L/∂w has one entry per example; it needs one per weight: multiply ∂L/∂z by Xᵀ "
    "(shape (f, n)), not by X",
)
LOGISTIC_W_SIGN = Mistake(
    "grad-w-sign",
    "∂L/∂w has the wrong sign: ∂L/∂z_i is the predicted minus the true probability, "
    "σ(z_i) - y_i, not y_i - σ(z_i)",
)
LOGISTIC_W_NO_MEAN = Mistake(
    "grad-w-not-divided-by-n",
    "∂L/∂w is n times too large, missing the 1/n of the mean: L averages over the n "
    "examples, so each ∂L/∂z_i carries a factor 1/n",
)
LOGISTIC_W_WRONG_COUNT = Mistake(
    "grad-w-divided-by-wrong-count",
    "∂L/∂w is divided by the wrong count: L is the mean over the n examples (len(y), the rows "
    "of X), not over the f features or the n·f entries of X",
)
LOGISTIC_W_NO_Y = Mistake(
    "grad-w-without-y",
    "∂L/∂w uses σ(z) without subtracting y (the labels): the error is the predicted minus "
    "the true probability",
)
LOGISTIC_BIAS_LEFT_OUT = Mistake(
    "bias-left-out-of-z",
    "the bias is missing from z: the model is z = Xw + b, so σ(z) must include b",
)
LOGISTIC_B_MISSING = Mistake(
    "grad-b-missing",
    "∂L/∂b is missing (you returned 0 or None): b enters every z_i = x_i·w + b, so L depends "
    "on it; apply the chain rule through all n of the z_i",
)
LOGISTIC_B_VECTOR = Mistake(
    "grad-b-vector",
    "∂L/∂b must be one number, but you returned several (one per example?): b is shared by "
    "all n examples, so their contributions add up to one number",
)
LOGISTIC_B_SIGN = Mistake(
    "grad-b-sign", "∂L/∂b has the wrong sign: it is built from σ(z_i) - y_i, not y_i - σ(z_i)"
)
LOGISTIC_B_NO_MEAN = Mistake(
    "grad-b-not-divided-by-n",
    "∂L/∂b is n times too large, missing the 1/n of the mean: each ∂L/∂z_i carries a factor 1/n",
)
LOGISTIC_B_WRONG_COUNT = Mistake(
    "grad-b-divided-by-wrong-count",
    "∂L/∂b is divided by the wrong count: the mean is over the n examples (len(y)), not over "
    "the f features or the n·f entries of X",
)


@names_mistakes(
    LOGISTIC_NOT_A_PAIR,
    LOGISTIC_W_PER_EXAMPLE,
    LOGISTIC_W_SIGN,
    LOGISTIC_W_NO_MEAN,
    LOGISTIC_W_WRONG_COUNT,
    LOGISTIC_W_NO_Y,
    LOGISTIC_BIAS_LEFT_OUT,
    LOGISTIC_B_MISSING,
    LOGISTIC_B_VECTOR,
    LOGISTIC_B_SIGN,
    LOGISTIC_B_NO_MEAN,
    LOGISTIC_B_WRONG_COUNT,
)
def check_logistic_gradient(function) -> CheckResult:
    """Check ``function(weights, bias, X, y) -> (∂L/∂w, ∂L/∂b)`` for the mean cross-entropy of
    a logistic regression (no penalty)."""
    name = "logistic-regression gradient"

    def body():
        rng = _rng()
        for n, f in [(6, 3), (9, 4)]:
            case = f"X of shape ({n}, {f})"
            X, y = rng.normal(size=(n, f)), rng.integers(0, 2, n)
            weights, bias = rng.normal(size=f), float(rng.normal())
            answer = call(name, function, weights.copy(), bias, X.copy(), y.copy())
            if not isinstance(answer, tuple | list) or len(answer) != 2:
                fail(LOGISTIC_NOT_A_PAIR, name=name, case=case)
            _, grad_w, grad_b = logistic_loss_and_gradient(weights, bias, X, y)
            sigma = 1 / (1 + np.exp(-(X @ weights + bias)))
            no_bias = (1 / (1 + np.exp(-(X @ weights))) - y) / n  # ∂L/∂z without b in z
            got_w = as_array(answer[0])
            if got_w.shape == (n,):
                fail(LOGISTIC_W_PER_EXAMPLE, name="∂L/∂w", case=case)
            compare(
                "∂L/∂w",
                got_w,
                grad_w,
                [
                    (LOGISTIC_W_SIGN, -grad_w),
                    (LOGISTIC_W_NO_MEAN, n * grad_w),
                    (LOGISTIC_W_WRONG_COUNT, n / f * grad_w),
                    (LOGISTIC_W_WRONG_COUNT, grad_w / f),
                    (LOGISTIC_W_NO_Y, X.T @ sigma / n),
                    (LOGISTIC_BIAS_LEFT_OUT, X.T @ no_bias),
                ],
                case=case,
            )
            if answer[1] is None:
                fail(LOGISTIC_B_MISSING, name="∂L/∂b", case=case)
            if np.size(answer[1]) != 1:
                fail(LOGISTIC_B_VECTOR, name="∂L/∂b", case=case)
            compare(
                "∂L/∂b",
                _number("∂L/∂b", answer[1], case, LOGISTIC_B_VECTOR),
                grad_b,
                [
                    (LOGISTIC_B_MISSING, 0.0),
                    (LOGISTIC_B_SIGN, -grad_b),
                    (LOGISTIC_B_NO_MEAN, n * grad_b),
                    (LOGISTIC_B_WRONG_COUNT, n / f * grad_b),
                    (LOGISTIC_B_WRONG_COUNT, grad_b / f),
                    (LOGISTIC_BIAS_LEFT_OUT, no_bias.sum()),
                ],
                case=case,
            )
        return "∂L/∂w = Xᵀ(σ(z) - y)/n and ∂L/∂b = mean(σ(z) - y) on two random problems"

    return run_check(name, body)

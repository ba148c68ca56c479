"""Checks for the evaluation exercises (notebook 07): Spearman's ρ, 3CosAdd, and the gradient
of the logistic-regression loss.

Expected values come from scipy (Spearman) and from ``wordvec_helpers.evaluation``; the likely
mistakes (Pearson on the raw scores, ties not averaged, question words not excluded, dot
products instead of cosines, a flipped sign, a missing 1/n, ...) are computed from the same
references on inputs drawn here, which the student has not seen.
"""

from __future__ import annotations

import numpy as np
import scipy.stats

from ..evaluation import analogy, logistic_loss_and_gradient
from ._core import CheckResult, as_array, call, compare, fail, run_check

_SEED = 707  # the cases come from a private generator, never from the notebook's rng


def _rng() -> np.random.Generator:
    return np.random.default_rng(_SEED)


def _number(name: str, value, case: str) -> float:
    try:
        number = float(np.asarray(value, dtype=np.float64).reshape(()))
    except (TypeError, ValueError):
        fail(f"{name} ({case}): return a single number, got {type(value).__name__}")
    return number


# --------------------------------------------------------------------------- Spearman


def _spearman_cases():
    """(description, human scores, model similarities): no ties, ties in both lists, and a
    negative correlation."""
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
            "6 pairs ranked in reverse",
            np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
            np.array([0.9, 0.8, 0.85, 0.1, 0.3, 0.0]),
        ),
    ]


def check_spearman(function) -> CheckResult:
    """Check ``function(human, model) -> ρ`` (Spearman's rank correlation) against scipy."""
    name = "Spearman's ρ"

    def body():
        answers, expected, pearson, ordinal, minimum = [], [], [], [], []
        for case, human, model in _spearman_cases():
            answer = call(name, function, human.copy(), model.copy())
            answers.append(_number(name, answer, case))
            expected.append(scipy.stats.spearmanr(human, model).statistic)
            pearson.append(scipy.stats.pearsonr(human, model).statistic)
            ordinal.append(
                np.corrcoef(
                    scipy.stats.rankdata(human, method="ordinal"),
                    scipy.stats.rankdata(model, method="ordinal"),
                )[0, 1]
            )
            minimum.append(
                np.corrcoef(
                    scipy.stats.rankdata(human, method="min"),
                    scipy.stats.rankdata(model, method="min"),
                )[0, 1]
            )
        expected = np.array(expected)
        ties = (
            "right without ties, wrong with tied scores: tied values share the average of "
            "their ranks (three values tied for ranks 3, 4, 5 all get rank 4) — "
            "scipy.stats.rankdata does that by default"
        )
        mistakes = [
            (
                "this is Pearson's correlation of the raw values; Spearman's ρ is Pearson's "
                "correlation of their ranks",
                pearson,
            ),
            (ties + " (yours ranks ties in order of appearance)", ordinal),
            (ties + " (yours gives ties the lowest rank)", minimum),
            ("the sign is flipped", -expected),
        ]
        compare(name, answers, expected, mistakes, case="three lists of pairs")
        return "matches scipy.stats.spearmanr, ties and a negative correlation included"

    return run_check(name, body)


# --------------------------------------------------------------------------- 3CosAdd


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
    return vectors, [q[:3] for q in questions]


def _dot_product_answer(vectors, a, b, c, exclude=True):
    scores = vectors @ (vectors[b] - vectors[a] + vectors[c])  # (|V|,)
    if exclude:
        scores[[a, b, c]] = -np.inf
    return int(np.argmax(scores))


def check_3cosadd(function) -> CheckResult:
    """Check ``function(vectors, a, b, c) -> id of d`` (3CosAdd, a, b and c excluded)."""
    name = "3CosAdd"

    def body():
        vectors, questions = _analogy_cases()
        words = [f"w{i}" for i in range(len(vectors))]
        answers, expected, included, dots, swapped = [], [], [], [], []
        for a, b, c in questions:
            answer = call(name, function, vectors.copy(), int(a), int(b), int(c))
            try:
                answers.append(int(answer))
            except (TypeError, ValueError):
                fail(f"{name}: return the id of the answer (an int), got {type(answer).__name__}")
            best = analogy(vectors, words, words[a], words[b], words[c], topn=1)
            expected.append(words.index(best[0][0]))
            kept = analogy(
                vectors, words, words[a], words[b], words[c], topn=1, exclude_question_words=False
            )
            included.append(words.index(kept[0][0]))
            dots.append(_dot_product_answer(vectors, a, b, c))
            flipped = analogy(vectors, words, words[b], words[a], words[c], topn=1)
            swapped.append(words.index(flipped[0][0]))
        mistakes = [
            (
                "a, b or c came back as the answer: exclude the three question words (set "
                "their scores to -inf before argmax)",
                included,
            ),
            (
                "these are dot products, not cosines: normalise the rows to unit length "
                "first (long vectors win dot products whatever their direction)",
                dots,
            ),
            ("a and b are swapped: the offset is b - a, added to c", swapped),
        ]
        compare(name, as_array(answers), np.array(expected), mistakes, case="10 questions")
        return "answers 10 questions like the package's evaluate_analogies"

    return run_check(name, body)


# --------------------------------------------------------------------------- logistic regression


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
                fail(f"{name} ({case}): return a tuple (grad_weights, grad_bias)")
            _, grad_w, grad_b = logistic_loss_and_gradient(weights, bias, X, y)
            sigma = 1 / (1 + np.exp(-(X @ weights + bias)))
            got_w = as_array(answer[0])
            if got_w.shape == (n,):
                fail(
                    f"{name} ({case}): ∂L/∂w has shape ({n},), one entry per example; it needs "
                    f"one per weight, shape ({f},): Xᵀ (σ(z) - y) / n, not X (...)"
                )
            compare(
                "∂L/∂w",
                got_w,
                grad_w,
                [
                    ("wrong sign: ∂L/∂z = σ(z) - y (predicted minus true)", -grad_w),
                    ("missing the 1/n of the mean: divide by the number of examples", n * grad_w),
                    ("σ(z) without subtracting y: ∂L/∂z = σ(z) - y", X.T @ sigma / n),
                ],
                case=case,
            )
            compare(
                "∂L/∂b",
                _number("∂L/∂b", answer[1], case),
                grad_b,
                [
                    ("wrong sign: ∂L/∂b = mean(σ(z) - y)", -grad_b),
                    ("missing the 1/n: ∂L/∂b is the mean of σ(z) - y, not the sum", n * grad_b),
                ],
                case=case,
            )
        return "∂L/∂w = Xᵀ(σ(z) - y)/n and ∂L/∂b = mean(σ(z) - y) on two random problems"

    return run_check(name, body)
